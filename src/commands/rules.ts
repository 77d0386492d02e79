import type { Command, Option as OptionClass } from 'commander';

/** `burden rules list|show|check` and `burden params`: what the rules and parameters say, with sources. */
export function registerRules(program: Command, Option: typeof OptionClass): void {
  const format = (): InstanceType<typeof OptionClass> =>
    new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table');
  const rules = program.command('rules').description('list, show and check programme rule sets');
  rules
    .command('list')
    .description('the shipped rule sets and their programmes')
    .addOption(format())
    .action(async (options: { format: string }) => (await import('../rules/run.js')).listRules(options));
  rules
    .command('show')
    .description('one rule set: every programme, its window, amounts, eligibility, sources and assumptions')
    .argument('<id|file>', 'a shipped rule set id or a rule file')
    .addOption(format())
    .action(async (id: string, options: { format: string }) => (await import('../rules/run.js')).showRules(id, options));
  rules
    .command('check')
    .description('validate a rule file or a parameter file (exit 65 with the file and key on error)')
    .argument('<file>', 'a rule set or parameter JSON file')
    .action(async (file: string) => (await import('../rules/run.js')).checkFile(file));
  program
    .command('params')
    .description('the parameters with the value in force, its status and source')
    .argument('[name]', 'one parameter: all its dated values')
    .option('--at <date>', 'the date at which values are in force (YYYY-MM-DD; default: the latest value)')
    .addOption(format())
    .action(async (name: string | undefined, options: { format: string; at?: string }) => (await import('../rules/run.js')).listParams(name, options));
}
