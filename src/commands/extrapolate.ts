import type { Command, Option as OptionClass } from 'commander';

/**
 * `burden extrapolate`: the nationwide (or any aggregate) cost, and its projection over years
 * with growth scenarios, price uprating and ranges (issue 4). This module only declares the
 * options; the work is in ../extrapolate/run.ts, imported when the command runs.
 */
export function registerExtrapolate(program: Command, Option: typeof OptionClass): void {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  program
    .command('extrapolate')
    .description('nationwide (or aggregate) cost, optionally projected over years; no options: the paper\'s 1,148,260,117 EUR for 2019')
    .argument('[file]', 'CSV with ags and eu2 (or bg+ro), optionally insured, population and year; - reads standard input; default: the paper\'s national figures')
    .option('--eu2 <n>', 'EU2 residents (Bulgarian and Romanian nationals), a total')
    .option('--insured <n>', 'insured BG/RO employees, a total (default: estimated from the national 2019 ratio, flagged)')
    .option('--base-year <year>', 'the year the counts are for (default: the year column; the paper: 2019)')
    .addOption(new Option('--by <level>', 'aggregate FILE by Land (first 2 digits), Kreis (first 5), in total (default), or not at all').choices(['land', 'kreis', 'total', 'none']))
    .option('--column <canonical=Header>', 'map a header to a field, e.g. --column eu2="EU2 gesamt" (repeatable)', collect, [])
    .option('--rate <eur>', 'rate in EUR per net person and year, at the 2019 price level (default: parameter "rate"; see burden params rate)')
    .option('--rate-file <file>', 'a rate parameter file, e.g. written by burden calibrate --write-parameter')
    .option('--price-year <year>', 'price all figures at this year\'s prices (default: each year at its own prices; counts without a year at the rate\'s 2019 prices)')
    .option('--years <from-to>', 'project over these years, e.g. 2025-2030 (one row per key and year)')
    .option('--from <year>', 'first projected year (with --to)')
    .option('--to <year>', 'last projected year (with --from)')
    .option('--growth <scenario>', 'EU2 growth: constant (default), trend[:N] (national CAGR of the last N years, default 5), rate:P (P % a year), series:FILE')
    .option('--insured-growth <scenario>', 'insured employees: ratio (default: base-year share of EU2), constant, trend[:N], rate:P, series:FILE')
    .option('--inflation <percent>', 'assumed inflation after the last known price index year (default: parameter inflation_assumed)')
    .option('--range', 'add low/central/high figures from low and high variants of the rate and of EU2 growth')
    .option('--rate-spread <percent>', 'rate variants for --range: ± this percentage (default 20)')
    .option('--growth-low <scenario>', 'low EU2 growth for --range, at most the central --growth (default: the lowest of constant, the recent trend 2019–2025, the trend 2014–2019 of the paper and --growth)')
    .option('--growth-high <scenario>', 'high EU2 growth for --range, at least the central --growth (default: the highest of constant, the recent trend 2019–2025, the trend 2014–2019 of the paper and --growth)')
    .option('--explain [ags]', 'show the chain of one key\'s (05913) or name\'s (Dortmund) figures in the first projected year, before the table')
    .option('--land <land>', 'only the municipalities of one Land: its key (05), abbreviation (NW) or name')
    .addOption(new Option('--impute-insured <method>', 'how unknown insured counts are estimated (default national-2019)').choices(['national-2019', 'regional-2019']))
    .option('--rules <id|file>', 'apply a programme rule set in each year its programmes are in force (shipped id or file); give twice to compare two scenarios', collect, [])
    .option('--set <name=value>', 'override a parameter for this run, e.g. --set bund_pauschale=500 (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md', 'html', 'xlsx']).default('table'))
    .addOption(new Option('--locale <locale>', 'number format of table, md, html and xlsx and of the numbers in notes: de (1.234,56; default) or en (1,234.56); csv defaults to machine format (en, no grouping), json writes plain numbers').choices(['de', 'en']))
    .addOption(new Option('--lang <lang>', 'language of the words in table, md, html and xlsx: de (default) or en; csv and json keep their English field names').choices(['de', 'en']))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .option('--allow-missing', 'skip input rows whose EU2 count is unknown, with a warning')
    .option('--strict', 'exit with 65 when there are warnings')
    .action(async (file: string | undefined, options: Record<string, unknown>, command: Command) => {
      const { runExtrapolate } = await import('../extrapolate/run.js');
      await runExtrapolate(file === undefined ? undefined : { combined: file }, options, command.optsWithGlobals());
    });
}
