import type { Command, Option as OptionClass } from 'commander';

/**
 * `burden calc`: the Dortmund per-capita method on a CSV (or three joined CSVs, or the
 * shipped NRW data). This module only declares the options; the work is in ../calc/run.ts,
 * imported when the command runs.
 */
export function registerCalc(program: Command, Option: typeof OptionClass): void {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  program
    .command('calc')
    .description('compute the yearly cost per municipality (net persons × rate)')
    .argument('[file]', 'combined CSV (ags, name, population, eu2 or bg+ro, insured); - reads standard input; default: the shipped EU2 data of every German Kreis (31.12.2025)')
    .option('--population <file>', 'CSV with ags and population (three-file form)')
    .option('--eu2 <file>', 'CSV with ags and eu2, or bg and ro (three-file form)')
    .option('--insured <file>', 'CSV with ags and insured, or insured_bg and insured_ro (three-file form)')
    .option('--column <canonical=Header>', 'map a header to a field, e.g. --column eu2="EU2 gesamt" (repeatable)', collect, [])
    .addOption(new Option('--impute-insured <method>', 'estimate unknown insured counts').choices(['national-2019', 'regional-2019']))
    .option('--rate <eur>', 'rate in EUR per net person and year, at the 2019 price level (default: parameter "rate"; see burden params rate)')
    .option('--price-year <year>', 'price every row at this year\'s prices (default: the year of its counts; counts without a year at the rate\'s 2019 prices)')
    .option('--rate-file <file>', 'a rate parameter file, e.g. written by burden calibrate --write-parameter')
    .option('--rules <id|file>', 'apply a programme rule set (shipped id or file); give twice to compare two scenarios', collect, [])
    .option('--year <year>', 'budget year for --rules (default: the data\'s own year); also the price level unless --price-year')
    .option('--set <name=value>', 'override a parameter for this run, e.g. --set bund_pauschale=500 (repeatable)', collect, [])
    .option('--explain [ags]', 'show the chain of every figure, before the table: for all rows, or for one key (05913 or 5913) or name (Dortmund)')
    .option('--land <land>', 'only the municipalities of one Land: its key (05), abbreviation (NW) or name')
    .option('--years <from-to>', 'project each row over these years, e.g. 2025-2030 (one row per key and year; see burden extrapolate)')
    .option('--base-year <year>', 'with --years: the year the input counts are for (default: the year column; the shipped data: 2025)')
    .option('--from <year>', 'first projected year (with --to)')
    .option('--to <year>', 'last projected year (with --from)')
    .option('--growth <scenario>', 'with --years: EU2 growth: constant (default), trend[:N], rate:P, series:FILE')
    .option('--insured-growth <scenario>', 'with --years: insured: ratio (default), constant, trend[:N], rate:P, series:FILE')
    .option('--inflation <percent>', 'with --years: assumed inflation after the last known price index year (default: parameter inflation_assumed)')
    .option('--range', 'with --years: low/central/high from variants of the rate and of EU2 growth')
    .option('--rate-spread <percent>', 'with --range: ± this percentage of the rate (default 20)')
    .option('--growth-low <scenario>', 'with --range: low EU2 growth, at most the central --growth (default: the lowest of constant, the recent trend 2019–2025, the trend 2014–2019 of the paper and --growth)')
    .option('--growth-high <scenario>', 'with --range: high EU2 growth, at least the central --growth (default: the highest of constant, the recent trend 2019–2025, the trend 2014–2019 of the paper and --growth)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md', 'html', 'xlsx']).default('table'))
    .addOption(new Option('--locale <locale>', 'number format of table, md, html and xlsx and of the numbers in notes: de (1.234,56; default) or en (1,234.56); csv defaults to machine format (en, no grouping), json writes plain numbers').choices(['de', 'en']))
    .addOption(new Option('--lang <lang>', 'language of the words in table, md, html and xlsx: de (default) or en; csv and json keep their English field names').choices(['de', 'en']))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .option('--allow-missing', 'skip rows whose keys are missing from another file or whose EU2 count is unknown, with a warning')
    .option('--strict', 'exit with 65 when there are warnings')
    .action(async (file: string | undefined, options: Record<string, unknown>, command: Command) => {
      const { runCalc } = await import('../calc/run.js');
      await runCalc(file, options, command.optsWithGlobals());
    });
}
