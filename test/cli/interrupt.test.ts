import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

describe('an interrupted run with -o', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burden-int-'));
  const input = join(dir, 'in.csv');
  beforeAll(() => {
    // Large enough that the streaming run takes most of a second after it opens its output (a
    // busy machine only makes it longer), small enough in memory (csv streams) that a busy
    // machine does not kill it for its size. One file for both signals.
    const lines = ['ags,eu2,insured'];
    for (let i = 1; i <= 500_000; i++) lines.push(`${String(i).padStart(12, '0')},${i % 900},${i % 400}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
  });

  it.each([['SIGINT', 130], ['SIGQUIT', 131]] as const)('removes its temporary file on %s and exits %i', async (signal, exitCode) => {
    const out = join(dir, `out-${signal}`);
    mkdirSync(out);
    const child = spawn(process.execPath, [BIN, 'calc', input, '--format', 'csv', '-o', join(out, 'result.csv')], {
      env: { ...process.env, NO_COLOR: '1', BURDEN_THREADS: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })));
    // Wait until the temporary file exists, then interrupt.
    for (let i = 0; i < 2000 && readdirSync(out).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(readdirSync(out)).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toEqual({ code: exitCode, signal: null });
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, 'result.csv'))).toBe(false);
  }, 30_000);
});

describe('temporary files of an in-process run', () => {
  // runCli calls run() in this process, which does not exit: the files must go when run() returns.
  it.each([
    ['a run that succeeds', 'ags,eu2,insured\n05913,10,0\n', 0],
    ['a run that fails on a row', 'ags,eu2,insured\n05913,zehn,0\n', 65],
  ])('the copy of standard input is removed when run() returns, after %s', async (_title, stdin, code) => {
    const temp = mkdtempSync(join(tmpdir(), 'burden-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'burden-out-'));
    const result = await runCli(['calc', '-', '--format', 'csv', '-o', join(out, 'r.csv')], { stdin, env: { TMPDIR: temp } });
    expect(result.code).toBe(code);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(out)).toEqual(code === 0 ? ['r.csv'] : []);
  });
});

describe('small refusals', () => {
  it('--base-year with a year column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-by-'));
    writeFileSync(join(dir, 'y.csv'), 'ags,year,eu2,insured\n05111,2024,7770,4014\n');
    const { code, stderr } = await runCli(['calc', join(dir, 'y.csv'), '--years', '2025-2026', '--base-year', '2030']);
    expect(code).toBe(64);
    expect(stderr).toBe(`error: --base-year 2030: ${join(dir, 'y.csv')} has a year column, which gives each row its year (leave out --base-year, or drop the year column)\n`);
  });

  it('the same --set twice', async () => {
    const { code, stderr } = await runCli(['calc', '--set', 'rate=2000', '--set', 'rate=3000']);
    expect(code).toBe(64);
    expect(stderr).toBe('error: --set rate=… is given twice (give each parameter once)\n');
  });

  it('a rate file saved with a byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-bom-'));
    const file = join(dir, 'rate.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ name: 'rate', description: 'd', unit: 'EUR/person/year', values: [{ from: '2019-01-01', value: 2500, source: 's', status: 'official' }] })}`);
    const { code, stdout } = await runCli(['calc', '-', '--rate-file', file, '--format', 'csv'], { stdin: 'ags,eu2,insured\n05913,10,0\n' });
    expect(code).toBe(0);
    expect(stdout).toContain(',2500.00,official,25000.00,derived,');
  });
});
