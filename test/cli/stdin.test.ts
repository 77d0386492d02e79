import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult, burden } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Standard input and pipes are copied to a temporary file and read like a file: the same
 * bytes out as from the file itself, on the sequential and the parallel path, and the copy
 * is gone afterwards, whether the run succeeded or failed.
 *
 * In-process runs (helpers/run-cli.ts) remove the copy when run() returns; the built binary,
 * with a real pipe, where the process is the point: the parallel path (its worker threads),
 * a pipe given as a path, and Ctrl-C while standard input still flows.
 */
const dir = mkdtempSync(join(tmpdir(), 'burden-stdin-'));
const file = join(dir, 'in.csv');
const lines = ['ags,name,population,eu2,insured'];
const ROWS = 3_000;
for (let i = 1; i <= ROWS; i++) lines.push(`${String(i).padStart(12, '0')},Gemeinde ${i},${5000 + (i % 700)},${i % 300},${i % 120}`);
const text = `${lines.join('\n')}\n`;
writeFileSync(file, text);

const freshTemp = (): string => mkdtempSync(join(tmpdir(), 'burden-spool-'));

describe('standard input is read like a file', () => {
  /** What the file itself gives (sequential path, in-process): every way of piping it must give these bytes. */
  let fromFile: CliResult;
  beforeAll(async () => {
    fromFile = await runCli(['calc', file, '--format', 'csv'], { env: { BURDEN_THREADS: '1' } });
  });

  it.each([
    ['sequential', false],
    ['parallel (the built binary, on pieces of 4 KiB)', true],
  ])('gives the same csv as the file, %s, and leaves no copy behind', async (_path, parallel) => {
    const temp = freshTemp();
    const fromStdin = parallel
      ? burden(['calc', '-', '--format', 'csv'], { input: text, env: { BURDEN_THREADS: '2', BURDEN_PARALLEL_MIN_BYTES: '1', BURDEN_PIECE_BYTES: '4096', TMPDIR: temp } })
      : await runCli(['calc', '-', '--format', 'csv'], { stdin: text, env: { BURDEN_THREADS: '1', TMPDIR: temp } });
    expect(fromFile.code).toBe(0);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stdout.split('\n')).toHaveLength(ROWS + 2);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('names <stdin> and the line of a late error, and removes the copy', async () => {
    const temp = freshTemp();
    const { code, stderr } = await runCli(['calc', '-', '--format', 'csv'], { stdin: `${text}000000099999,Bad,100,12.5,1\n`, env: { TMPDIR: temp } });
    expect(code).toBe(65);
    expect(stderr).toBe(`error: <stdin>:${ROWS + 2}: column "eu2": "12.5" is not a whole number of persons (counts must be whole: remove the decimals (a thousands separator has three digits after it, as in 1.108.393))\n`);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('reads a pipe given as a path (process substitution) the same way', () => {
    const temp = freshTemp();
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" calc <(cat "${file}") --format csv`], {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TMPDIR: temp }, maxBuffer: 64 << 20,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fromFile.stdout);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('a temporary folder that does not exist is exit 73 with a way out', async () => {
    const { code, stderr } = await runCli(['calc', '-'], { stdin: text, env: { TMPDIR: join(dir, 'missing') } });
    expect(code).toBe(73);
    expect(stderr).toBe(`error: <stdin>: cannot copy the input to the temporary folder ${join(dir, 'missing')} (no such folder) `
      + '(set TMPDIR to a folder with space that you can write to, or give the path of a file instead)\n');
  });

  it('an interrupted copy (Ctrl-C while standard input still flows) is removed, exit 130', async () => {
    const temp = freshTemp();
    const child = spawn(process.execPath, [BIN, 'calc', '-', '--format', 'csv'], { env: { ...process.env, NO_COLOR: '1', TMPDIR: temp }, stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.stdin.write('ags,eu2,insured\n05913000,100,0\n');
    // The copy exists once the first bytes are read; standard input stays open, so the run waits.
    for (let i = 0; i < 2000 && readdirSync(temp).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(readdirSync(temp)).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(readdirSync(temp)).toEqual([]);
  }, 30_000);

  it('a NUL byte on standard input is refused, and the copy removed', async () => {
    const temp = freshTemp();
    // 16 bytes of header, then "05913000,1": the NUL is byte 26, counted from 0.
    const { code, stderr } = await runCli(['calc', '-'], { stdin: Buffer.from('ags,eu2,insured\n05913000,1\u00000,0\n'), env: { TMPDIR: temp } });
    expect(code).toBe(65);
    expect(stderr).toBe('error: <stdin>:2: a NUL byte (at byte 26): this is not a text file (export the data as CSV text, UTF-8 or Windows-1252)\n');
    expect(readdirSync(temp)).toEqual([]);
  });
});

