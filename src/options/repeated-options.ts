import type { Command } from 'commander';
import { usageError } from '../errors.js';

/**
 * commander keeps the last of two values of an option: `--rate 1000 --rate 3000` would run
 * with 3000 without a word, `-o a -o b` write only b. Every option that takes one value is
 * refused when given twice, as `--set name=…` is; options that collect values (a default of
 * `[]`: --rules, --set, --column) and flags are left alone. Installed on a command and all its
 * subcommands at once (cli.ts calls it on the program), so a new option is covered without a
 * word. Kept free of zod, as it runs on every start-up.
 */
export function refuseRepeatedOptions(command: Command): void {
  for (const sub of command.commands) refuseRepeatedOptions(sub);
  for (const option of command.options) {
    const takesValue = option.required || option.optional;
    if (!takesValue || option.variadic || Array.isArray(option.defaultValue)) continue;
    const flag = option.long ?? option.short ?? option.name();
    let first: string | undefined;
    command.on(`option:${option.name()}`, (value: unknown) => {
      const text = String(value);
      if (first !== undefined) throw usageError(`${flag} is given twice (${first} and ${text})`, 'give it once');
      first = text;
    });
  }
}
