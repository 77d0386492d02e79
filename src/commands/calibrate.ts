import type { Command, Option as OptionClass } from 'commander';

/** `burden calibrate`: a city's own rate from its cost accounting (rate = total cost / net persons). */
export function registerCalibrate(program: Command, Option: typeof OptionClass): void {
  program
    .command('calibrate')
    .description('derive your own rate: total cost / (EU2 residents − insured employees)')
    .argument('[file]', 'a CSV with ags, eu2 and insured (one row, or pick one with --ags)')
    .option('--total-cost <eur>', 'total cost attributed to net persons, in EUR (e.g. 15639763)')
    .option('--eu2 <n>', 'EU2 residents')
    .option('--insured <n>', 'insured BG/RO employees')
    .option('--ags <key>', 'the row of FILE to use')
    .option('--breakdown <file>', 'CSV with department,cost_eur lines, shown as shares (its sum is the total cost if --total-cost is not given)')
    .option('--year <year>', 'the year of the accounts, i.e. the price level of the rate (default: that of the shipped rate, 2019)')
    .option('--write-parameter <file>', 'write the rate as a parameter file for calc --rate-file (- writes it to standard output, in place of the results)')
    .option('--source <text>', 'source to record in the parameter file', 'own cost accounting')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table'))
    .addOption(new Option('--locale <locale>', 'number format: de (default for table and md) or en (default for csv)').choices(['de', 'en']))
    .action(async (file: string | undefined, options: Record<string, unknown>, command: Command) => {
      const { runCalibrate } = await import('../calibrate/run.js');
      // Whether --format was typed or is the default: `--write-parameter -` replaces the results,
      // so a format asked for would be ignored without a word.
      await runCalibrate(file, { ...options, formatGiven: command.getOptionValueSource('format') !== 'default' });
    });
}
