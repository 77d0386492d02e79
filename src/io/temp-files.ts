import { unlinkSync } from 'node:fs';

/**
 * Temporary files of a run (an -o file not yet renamed into place, the copy of standard
 * input): removed when the run returns (withTemporaryFiles, which cli.ts run() wraps around
 * each run, so a program that runs the CLI in its own process leaves nothing in $TMPDIR), and
 * at the latest when the process exits, normally, on an error, or on SIGINT, SIGTERM, SIGHUP
 * or SIGQUIT, which end the run with the shell's code for the signal (128 + its number) after
 * removing them. A SIGKILL cannot be caught and leaves them behind.
 */
const pending = new Set<string>();
let listening = false;
/**
 * The files of the run in progress. A plain variable, not an AsyncLocalStorage: that would turn
 * on promise hooks for every promise of a run, and a streamed 1M-row run spent most of its time
 * in them and in the garbage collector (measured: 3.4 s against 2.2 s). Runs in one process
 * follow each other (the CLI runs one; test/helpers/run-cli.ts serialises its calls).
 */
let runFiles: Set<string> | null = null;

function remove(paths: Iterable<string>): void {
  for (const path of paths) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (renamed into place, or never created).
    }
    pending.delete(path);
  }
}

function removeAll(): void {
  remove([...pending]);
}

/** Run `body`, then remove the temporary files it left, however it ended. */
export async function withTemporaryFiles<T>(body: () => Promise<T>): Promise<T> {
  const files = new Set<string>();
  const outer = runFiles;
  runFiles = files;
  try {
    return await body();
  } finally {
    runFiles = outer;
    remove([...files].filter((path) => pending.has(path)));
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  process.on('exit', removeAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
    process.once(signal, () => {
      removeAll();
      process.exit(code);
    });
  }
}

/**
 * Remove `path` when the process ends. Call it before creating the file: a signal arriving
 * between its creation and a later listener would end the process by default and leave the
 * file behind.
 */
export function removeAtExit(path: string): void {
  listen();
  pending.add(path);
  runFiles?.add(path);
}

/** The file was renamed into place or removed already: no longer ours to remove. */
export function forget(path: string): void {
  pending.delete(path);
}
