import type { Command, Option as OptionClass } from 'commander';

/**
 * `burden data list|show NAME|check`: the shipped reference datasets with their sources, and
 * the consistency check of Table 1 of the paper (issue 4). Declarations only; the work is in
 * ../extrapolate/data-run.ts, imported when a subcommand runs.
 */
export function registerData(program: Command, Option: typeof OptionClass): void {
  const format = (): InstanceType<typeof OptionClass> =>
    new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table');
  const data = program.command('data').description('the shipped reference data: list, show, check');
  data
    .command('list')
    .description('list the shipped datasets with source and reference date')
    .addOption(format())
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runDataList } = await import('../extrapolate/data-run.js');
      await runDataList({ ...options, debug: command.optsWithGlobals().debug });
    });
  data
    .command('show')
    .description('print a shipped dataset with its source (csv: the file as shipped)')
    .argument('<name>', 'dataset name (burden data list), e.g. eu2-de-series')
    .addOption(format())
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .action(async (name: string, options: Record<string, unknown>, command: Command) => {
      const { runDataShow } = await import('../extrapolate/data-run.js');
      await runDataShow(name, { ...options, debug: command.optsWithGlobals().debug });
    });
  data
    .command('check')
    .description('recompute the change columns of Table 1 (EU2 residents 2006–2019) from its levels; exit 65 on any disagreement')
    .addOption(format())
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runDataCheck } = await import('../extrapolate/data-run.js');
      await runDataCheck({ ...options, debug: command.optsWithGlobals().debug });
    });
}
