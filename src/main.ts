import { writeSync } from 'node:fs';
import { VERSION } from './version.js';

/**
 * The entry of the built CLI (bin/burden.js → dist/cli.js): `burden --version` is answered here,
 * before anything else loads; every other command loads the program (src/cli.ts, built as one
 * file, dist/app.js) and runs it. One file, not many: Node's loader costs about 1.5 ms per
 * module, and code-split chunks made `burden calc` load 21 of them (measured: 2.45× `node -e
 * 0` split, 2.1× as one file; `--version` 1.27× here).
 */
export async function run(argv: string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    try {
      writeSync(1, `${VERSION}\n`);
      return;
    } catch {
      // A closed pipe or a full disk: the program below says so as every command does.
    }
  }
  // Beside this file in dist/; a computed specifier, so the build leaves the program a file of its own.
  const program = new URL('./app.js', import.meta.url).href;
  const { run: runProgram } = (await import(program)) as { run: (argv: string[]) => Promise<void> };
  await runProgram(argv);
}
