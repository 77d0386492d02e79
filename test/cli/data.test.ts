import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/** `burden data list|show|check` (issue 4): the shipped datasets and the check of Table 1. */
describe('burden data', () => {
  it('check: Table 1 is consistent, and says which checks prove nothing', async () => {
    const { stdout, stderr, code } = await runCli(['data', 'check']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Table 1 is consistent: 10 printed changes and 10 percentages agree with the levels');
    expect(stdout).toContain('Bulgaria + Romania equals the EU2 total in all 9 years with a split');
    expect(stdout).toContain('the changes of 2007, 2010, 2012 are measured against levels that were derived from those very changes');
  });

  it('check --format json', async () => {
    const doc = JSON.parse((await runCli(['data', 'check', '--format', 'json'])).stdout);
    expect(doc).toMatchObject({ dataset: 'eu2-de-series', consistent: true, findings: [], changesChecked: 10 });
  });

  it('list names every shipped dataset with its reference date and source', async () => {
    const { stdout, code } = await runCli(['data', 'list']);
    expect(code).toBe(0);
    for (const name of ['register-2024', 'eu2-nrw-kreise-2025', 'eu2-de-series', 'vpi-de']) expect(stdout).toContain(name);
    expect(stdout).toContain('2019-12-31');
    expect(stdout).toContain('12521-0041');
  });

  it('show --format csv prints the file as shipped, its source on stderr', async () => {
    const { stdout, stderr, code } = await runCli(['data', 'show', 'eu2-de-series', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(join(ROOT, 'data/datasets/eu2-de-series.csv'), 'utf8'));
    expect(stderr).toMatch(/^note: EU2 residents in Germany 2006–2019 .*Source: Städtetag NRW/);
  });

  it('show as a table: the rows (derived ones marked as such) and the source', async () => {
    const { stdout } = await runCli(['data', 'show', 'eu2-de-series']);
    expect(stdout).toMatch(/│ 2009 │ +│ +│ +166834 │ +│ +│ derived +│/);
    expect(stdout).toContain('Source: Städtetag NRW, Arbeitspapier');
  });

  it('show json carries the manifest entry and the rows', async () => {
    const doc = JSON.parse((await runCli(['data', 'show', 'vpi-de', '--format', 'json'])).stdout);
    expect(doc.dataset.source).toContain('61111-0001');
    expect(doc.rows.find((r: { year: string }) => r.year === '2024')).toMatchObject({ index: '119.3', status: 'secondary' });
  });

  it('an unknown dataset is a usage error listing the names', async () => {
    const { stderr, code } = await runCli(['data', 'show', 'eu3']);
    expect(code).toBe(64);
    expect(stderr).toContain('no shipped dataset "eu3"');
    expect(stderr).toContain('eu2-de-series');
  });
});
