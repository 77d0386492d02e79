import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { loadRegister, loadShippedData } from '../../src/io/shipped.js';

/**
 * The in-process runner (helpers/run-cli.ts) stands in for a spawned binary in most CLI
 * tests: it must capture what a process would print, and leave this process as it found it.
 */
const PAPER = 'ags,name,eu2,insured\n00,Deutschland,1108393,572574\n';

describe('runCli', () => {
  it('captures the results calc writes straight to descriptor 1, and the exit code', async () => {
    const { stdout, stderr, code } = await runCli(['calc', '-', '--format', 'csv'], { stdin: PAPER });
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toBe('00,Deutschland,,,1108393,official,572574,official,false,535819,derived,2143.00,official,1148260117.00,derived,,');
    expect(stderr).toMatch(/^warning: population unknown/);
  });

  it('gives a table without colour when NO_COLOR is unset, as in a pipe (isTTY false)', async () => {
    const { stdout, code } = await runCli(['calc', '--format', 'table'], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(code).toBe(0);
    expect(stdout).toContain('│ 05913 │');
    expect(stdout).not.toContain('\u001b[');
  });

  it('restores the exit code, environment, working folder, stdin and write methods', async () => {
    const before = { cwd: process.cwd(), write: process.stdout.write, stdin: Object.getOwnPropertyDescriptor(process, 'stdin'), exitCode: process.exitCode, noColor: process.env.NO_COLOR };
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'burden-runcli-')));
    writeFileSync(join(dir, 'in.csv'), PAPER);
    process.env.BURDEN_RUNCLI_PROBE = 'kept';
    const { code, stderr } = await runCli(['calc', 'in.csv', '--rate', '2.500'], { cwd: dir, env: { BURDEN_RUNCLI_PROBE: undefined } });
    // A relative path is read from the given folder, and the usage error is exit 64.
    expect([code, stderr.startsWith('error: --rate: "2.500" is ambiguous')]).toEqual([64, true]);
    expect(process.cwd()).toBe(before.cwd);
    expect(process.env.BURDEN_RUNCLI_PROBE).toBe('kept');
    expect(process.env.NO_COLOR).toBe(before.noColor);
    expect(process.stdout.write).toBe(before.write);
    expect(Object.getOwnPropertyDescriptor(process, 'stdin')).toEqual(before.stdin);
    expect(process.exitCode).toBe(before.exitCode);
    delete process.env.BURDEN_RUNCLI_PROBE;
  });

  it('leaves the shipped data it caches as it was, so one run cannot change the next', async () => {
    const shipped = structuredClone(await loadShippedData());
    const kreise = structuredClone(await loadRegister('kreis'));
    for (const args of [
      ['calc', '--rules', 'nrw-2025-kim', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'json', '--explain'],
      ['calc', '--years', '2025-2027', '--growth', 'trend', '--rules', 'nrw-2025-kim', '--set', 'rate=2500', '--format', 'csv'],
      ['extrapolate', '--years', '2023-2026', '--rules', 'nrw-2024', '--set', 'insured_bg_ro_de=600000', '--format', 'json'],
      ['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--year', '2023'],
      ['rules', 'show', 'nrw-2024'],
      ['params', 'vpi'],
    ]) {
      expect((await runCli(args)).code).toBe(0);
    }
    expect(await loadShippedData()).toEqual(shipped);
    expect(await loadRegister('kreis')).toEqual(kreise);
  });

  it('runs calls made at the same time one after the other, each with its own output', async () => {
    const [csv, refused, json] = await Promise.all([
      runCli(['calc', '-', '--format', 'csv'], { stdin: PAPER }),
      runCli(['calc', '--set', 'rate=2000', '--set', 'rate=3000']),
      runCli(['calc', '-', '--format', 'json'], { stdin: PAPER }),
    ]);
    expect(csv.stdout.startsWith('ags,name,')).toBe(true);
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([64, '', 'error: --set rate=… is given twice (give each parameter once)\n']);
    expect(JSON.parse(json.stdout).totals.net).toBe(535819);
  });
});
