import { BurdenError, EXIT, EXIT_CODE_HELP } from './errors.js';
import { VERSION } from './version.js';

/**
 * The command-line program: commander parses, each command lives in its own module and is
 * imported only when it runs, and this is the one place where errors become messages and
 * exit codes. Results go to stdout; messages go to stderr.
 */
async function main(argv: string[]): Promise<void> {
  // `burden --version` is answered before anything else loads: it must start instantly.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // Through the writer like every result: a closed pipe ends quietly, a full disk is exit 73.
    (await import('./io/writer.js')).writeStdout(`${VERSION}\n`);
    return;
  }
  const { writeStdout } = await import('./io/writer.js');
  const { safeText } = await import('./terminal-safe.js');
  const { Command, Option } = await import('commander');
  const program = new Command('burden')
    .description('Cost burden of EU2 immigration for German municipalities (Dortmund per-capita method)')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .addHelpText('after', `\n${EXIT_CODE_HELP}`)
    .exitOverride()
    .configureOutput({
      // Help and version are results: written as calc writes, so `burden --help | head -1` ends
      // quietly and `burden --help > /dev/full` is exit 73 with one line.
      writeOut: (text) => writeStdout(text),
      writeErr: (text) => process.stderr.write(text),
      // commander puts "(Did you mean …?)" on a line of its own; errors stay one line. They
      // quote what was typed (an unknown option or command), so they are made terminal-safe.
      outputError: (text, write) => write(`${safeText(text.trimEnd().replace(/\n+/g, ' '))}\n`),
    });

  const { registerCalc } = await import('./commands/calc.js');
  registerCalc(program, Option);
  const { registerRules } = await import('./commands/rules.js');
  registerRules(program, Option);
  const { registerCalibrate } = await import('./commands/calibrate.js');
  registerCalibrate(program, Option);
  const { registerExtrapolate } = await import('./commands/extrapolate.js');
  registerExtrapolate(program, Option);
  const { registerData } = await import('./commands/data.js');
  registerData(program, Option);
  // `--rate 1000 --rate 3000`, `-o a -o b`: refused on every command, as --set is.
  (await import('./options/repeated-options.js')).refuseRepeatedOptions(program);

  await program.parseAsync(argv, { from: 'user' });
}

function isDebug(argv: string[]): boolean {
  return argv.includes('--debug');
}

export async function run(argv: string[]): Promise<void> {
  // Temporary files (the copy of standard input, an -o file not renamed) go when run() returns,
  // not only when the process exits: a program that calls run() leaves nothing in $TMPDIR.
  const { withTemporaryFiles } = await import('./io/temp-files.js');
  await withTemporaryFiles(async () => {
    try {
      await main(argv);
    } catch (error) {
      process.exitCode = await report(error, isDebug(argv));
    }
  });
}

async function report(thrown: unknown, debug: boolean): Promise<number> {
  const { colorFor } = await import('./output/color.js');
  const paint = await colorFor(process.stderr);
  // The engine's refusals become messages here, whichever command met them (pipeline/user-error.ts).
  const { userError } = await import('./pipeline/user-error.js');
  const error = userError(thrown) ?? thrown;
  if (error instanceof BurdenError) {
    process.stderr.write(`${paint.red('error:')} ${error.format()}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.code;
  }
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander has already printed its message (or the help) to stderr/stdout.
    const exitCode = (error as { exitCode?: number }).exitCode ?? EXIT.usage;
    return code === 'commander.helpDisplayed' || code === 'commander.version' || exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (code === 'EPIPE') return EXIT.ok;
  const { safeText } = await import('./terminal-safe.js');
  process.stderr.write(`${paint.red('error:')} internal error: ${safeText((error as Error)?.message ?? String(error))} (please report it; --debug shows the details)\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}
