import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCli } from '../helpers/run-cli.js';

/**
 * calc's parallel csv path (calc/parallel.ts) must give exactly what the sequential path
 * gives: stdout, stderr and exit code for valid files; the same error (and no output file)
 * for files that fail part-way, where only how many rows reached stdout first may differ.
 * BURDEN_PARALLEL_MIN_BYTES=0 forces it on these small files, BURDEN_PIECE_BYTES=4096 cuts
 * them into many pieces; BURDEN_THREADS=1 turns it off.
 *
 * Both run in this process (helpers/run-cli.ts): the parallel path's worker threads load the
 * built dist/worker.js, the main thread runs the source; `npm test` builds first, so both are
 * the same code. test/cli/stdin.test.ts runs the parallel path in the built binary.
 */
const dir = mkdtempSync(join(tmpdir(), 'burden-parallel-'));
const PARALLEL = { BURDEN_PARALLEL_MIN_BYTES: '0', BURDEN_THREADS: '2', BURDEN_PIECE_BYTES: '4096' };
const SEQUENTIAL = { BURDEN_THREADS: '1' };

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Rows enough for many of the parallel path's pieces (4 KiB here), more pieces than workers,
 * with clamped rows, unknown cells and umlauts. 1,500 rows are about 67 KB, 16 pieces: the
 * size is not the point, the number of pieces is.
 */
function rows(count: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(line(i));
  return out.join('\n');
}
const ROWS = 1_500;
const key = (i: number): string => String(100_000_000_000 + i).padStart(12, '0');
const big = `ags,name,population,eu2,insured\n${rows(ROWS, (i) => `${key(i)},Gemeinde Ä${i},${1000 + (i % 977) * 13},${i % 500},${(i * 7) % 530}`)}\n`;

/** Run on both paths, expect the same stdout, stderr and exit code, and give the parallel run's result. */
async function same(args: string[]): Promise<CliResult> {
  const parallel = await runCli(args, { env: PARALLEL });
  const sequential = await runCli(args, { env: SEQUENTIAL });
  expect(parallel.code).toBe(sequential.code);
  expect(parallel.stderr).toBe(sequential.stderr);
  expect(parallel.stdout === sequential.stdout).toBe(true);
  return parallel;
}

describe('parallel and sequential csv output are identical', () => {
  it('on a sorted file of several pieces, with clamped rows (warnings merged in order)', async () => {
    const path = file('big.csv', big);
    const parallel = await same(['calc', path, '--format', 'csv']);
    await same(['calc', path, '--format', 'csv', '--locale', 'de', '--price-year', '2025']);
    expect(parallel.stdout.split('\n')).toHaveLength(ROWS + 2);
  });

  it('with CRLF line ends, no final line break, Windows-1252 names and Destatis symbols', async () => {
    const text = `ags;name;eu2;insured\r\n${rows(1_000, (i) => `${key(i)};K\xf6ln \x96 \x80 ${i};${i % 3 === 0 ? '-' : i % 400};${i % 7 === 0 ? '.' : i % 300}`).replace(/\n/g, '\r\n')}`;
    const path = file('cp1252.csv', Buffer.from(text, 'latin1'));
    const parallel = await same(['calc', path, '--format', 'csv', '--impute-insured', 'national-2019']);
    // 0x96 and 0x80 are Windows-1252's en dash and euro sign, not control characters.
    expect(parallel.stdout).toContain('Köln – € 1,');
  });

  it('ignores a Ctrl-Z (0x1A) at the end of the file, as the sequential path does', async () => {
    // Without its final line break too: the 0x1A would otherwise be a one-field last row.
    for (const [name, tail] of [['sub-lf.csv', '\n\x1a'], ['sub-nolf.csv', '\x1a\x1a']] as const) {
      const parallel = await same(['calc', file(name, `${big.trimEnd()}${tail}`), '--format', 'csv']);
      expect(parallel.code).toBe(0);
      expect(parallel.stdout.split('\n')).toHaveLength(ROWS + 2);
    }
  });

  it('on an unsorted file (the key guard reads earlier keys again)', async () => {
    const lines = big.trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(ROWS / 2 + 1), ...lines.slice(1, ROWS / 2 + 1)].join('\n');
    await same(['calc', file('unsorted.csv', `${shuffled}\n`), '--format', 'csv']);
  });

  it('with population from the register for real keys', async () => {
    const text = `ags,eu2,insured\n${['05111', '05112', '05113', '05913', '99999'].map((k, i) => `${k},${100 + i},${50 + i}`).join('\n')}\n`;
    await same(['calc', file('register.csv', text), '--format', 'csv']);
  });

  it.each([
    ['a duplicate key far from the first', (t: string) => `${t}${key(7)},again,5000,5,1\n`],
    ['a bad cell late in the file', (t: string) => t.replace(`${key(1_411)},Gemeinde Ä1411,`, `${key(1_411)},Gemeinde Ä1411,12x`)],
    ['a ragged row late in the file', (t: string) => `${t}${key(ROWS + 100)},x,1\n`],
  ])('fails the same way on %s, and -o leaves nothing behind', async (_, change) => {
    const path = file('bad.csv', change(big));
    const out = mkdtempSync(join(tmpdir(), 'burden-parallel-out-'));
    const args = ['calc', path, '--format', 'csv', '-o', join(out, 'result.csv')];
    const parallel = await runCli(args, { env: PARALLEL });
    const sequential = await runCli(args, { env: SEQUENTIAL });
    expect(parallel.code).toBe(65);
    expect(parallel.code).toBe(sequential.code);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(readdirSync(out)).toEqual([]);
  });
});
