import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { Readable } from 'node:stream';
import { run } from '../../src/cli.js';
import { ROOT } from './cli.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunCliOptions {
  /** Standard input for `-`; empty by default, as a spawned run with no input gets. */
  stdin?: string | Buffer;
  /** Variables to set (a string) or remove (undefined) for the run; NO_COLOR=1 unless given. */
  env?: Record<string, string | undefined>;
  /** The working folder of the run; the project root by default, as for the spawned binary. */
  cwd?: string;
  /**
   * What standard output is: captured (default); a pipe whose reader has gone (`| head`
   * after its line), where every write fails with EPIPE; or a full disk (`> /dev/full`),
   * where every write fails with ENOSPC. Writes fail as the system call fails in a process.
   */
  stdout?: 'captured' | 'closed-pipe' | 'full-disk';
  /** Standard output is a terminal (isTTY); a pipe by default. */
  terminal?: boolean;
}

const WRITE_FAILURE = { 'closed-pipe': ['EPIPE', 'broken pipe'], 'full-disk': ['ENOSPC', 'no space left on device'] } as const;

/**
 * Run the CLI in this process, from the source (src/cli.ts, so no build is needed), and
 * capture what it says, as the spawned binary's tests did: stdout, stderr and the exit code.
 *
 * What a separate process would give, this puts in place for the run and restores after it:
 * - stdout and stderr: `process.stdout/stderr.write` are replaced, and so is `fs.writeSync`
 *   on descriptors 1 and 2, which is how calc and extrapolate write their results
 *   (io/writer.ts writes descriptor 1 directly). Other descriptors (an -o file) are untouched.
 * - the exit code: `process.exitCode`, reset before the run, 0 when the CLI left it unset.
 * - standard input: `process.stdin` is a stream of the given bytes (io/source.ts reads `-`
 *   from `process.stdin` and copies it to a temporary file).
 * - no terminal: `isTTY` is false on stdout and stderr, so colour is decided as in a pipe.
 * - the environment (NO_COLOR=1 unless set otherwise) and the working folder (vitest's
 *   default pool runs test files in forked processes, where `process.chdir` works).
 *
 * Runs are serialised: a second call waits for the first, so two runs never share the
 * replaced streams. What this cannot stand in for — signals, the real process's exit,
 * real pipes and FIFOs — is tested by spawning the built
 * binary (helpers/cli.ts `burden`). The failing writes of a closed pipe or a full disk it
 * does stand in for (option `stdout`); a few spawned tests check them on real ones.
 */
let queue: Promise<unknown> = Promise.resolve();

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const result = queue.then(() => runNow(args, options));
  queue = result.catch(() => undefined);
  return result;
}

type Write = typeof process.stdout.write;

async function runNow(args: string[], options: RunCliOptions): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const chunk = (data: unknown, encoding?: unknown): Buffer =>
    typeof data === 'string' ? Buffer.from(data, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(data as Uint8Array);
  const capture = (sink: Buffer[]): Write =>
    ((data: unknown, encoding?: unknown, callback?: unknown): boolean => {
      sink.push(chunk(data, encoding));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as Write;

  const saved = {
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    writeSync: fs.writeSync,
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin'),
    stdoutTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
    stderrTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
    exitCode: process.exitCode,
    cwd: process.cwd(),
    env: new Map<string, string | undefined>(),
  };

  const env: Record<string, string | undefined> = { NO_COLOR: '1', ...options.env };
  const input = typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin ?? Buffer.alloc(0);
  try {
    for (const [name, value] of Object.entries(env)) {
      saved.env.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.chdir(options.cwd ?? ROOT);
    process.exitCode = undefined;
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, value: Readable.from(input.length > 0 ? [input] : []) });
    Object.defineProperty(process.stdout, 'isTTY', { configurable: true, value: options.terminal === true });
    Object.defineProperty(process.stderr, 'isTTY', { configurable: true, value: false });
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    const failure = options.stdout && options.stdout !== 'captured' ? WRITE_FAILURE[options.stdout] : undefined;
    fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]): number => {
      if (fd !== 1 && fd !== 2) return (saved.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
      if (fd === 1 && failure) throw Object.assign(new Error(`${failure[1]}, write`), { code: failure[0], errno: -1, syscall: 'write' });
      const bytes = writtenBytes(data, rest);
      (fd === 1 ? out : err).push(bytes);
      return bytes.length;
    }) as typeof fs.writeSync;
    syncBuiltinESMExports();

    await run(args);
    return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: Number(process.exitCode ?? 0) };
  } finally {
    fs.writeSync = saved.writeSync;
    syncBuiltinESMExports();
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    restore(process.stdout, 'isTTY', saved.stdoutTTY);
    restore(process.stderr, 'isTTY', saved.stderrTTY);
    restore(process, 'stdin', saved.stdin);
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
    for (const [name, value] of saved.env) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The bytes `fs.writeSync(fd, data, …)` writes: a buffer from its offset and length, or a string. */
function writtenBytes(data: unknown, rest: unknown[]): Buffer {
  if (typeof data === 'string') {
    const encoding = typeof rest[1] === 'string' ? (rest[1] as BufferEncoding) : 'utf8';
    return Buffer.from(data, encoding);
  }
  const view = data as Uint8Array;
  const buffer = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const [offsetOrOptions, length] = rest;
  if (typeof offsetOrOptions === 'object' && offsetOrOptions !== null) {
    const { offset = 0, length: size = buffer.length - offset } = offsetOrOptions as { offset?: number; length?: number };
    return Buffer.from(buffer.subarray(offset, offset + size));
  }
  const offset = typeof offsetOrOptions === 'number' ? offsetOrOptions : 0;
  const size = typeof length === 'number' ? length : buffer.length - offset;
  return Buffer.from(buffer.subarray(offset, offset + size));
}

function restore(target: object, key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(target, key, descriptor);
  else delete (target as Record<string, unknown>)[key];
}
