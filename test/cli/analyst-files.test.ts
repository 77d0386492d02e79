import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/** The analyst's own files, as they are: German headers, headers in one file of three, no header at all. */
const file = fixtureFiles('analyst-files');

describe('three files', () => {
  const eu2 = file('eu2.csv', 'ags,eu2\n05913,13495\n');
  const insured = file('insured.csv', 'ags;SV-Beschäftigte\n05913;6971\n');

  it('--column applies to the file that has the header', async () => {
    const { code, stdout, stderr } = await runCli(['calc', '--eu2', eu2, '--insured', insured, '--column', 'insured=SV-Beschäftigte', '--format', 'csv']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')[1]).toContain(',13495,official,6971,official,false,6524,derived,');
  });

  it('a --column that names no header leaves the insured file without its column, and says how to map it', async () => {
    const { code, stderr } = await runCli(['calc', '--eu2', eu2, '--insured', insured, '--column', 'insured=SVB']);
    expect(code).toBe(65);
    expect(stderr).toBe(`error: ${insured}:1: no column for insured or insured_bg and insured_ro (the insured input needs it) `
      + '(the header is "ags;SV-Beschäftigte"; rename a column or map it with --column insured=Header)\n');
  });
});

describe('calibrate --breakdown', () => {
  it.each([
    ['German headers', 'Fachbereich;Kosten\nSoziales;1000000\nJugend;500000\n'],
    ['no header', 'Soziales;1000000\nJugend;500000\n'],
  ])('reads %s', async (_, text) => {
    const { code, stdout, stderr } = await runCli(['calibrate', '--total-cost', '1500000', '--eu2', '700', '--insured', '0', '--breakdown', file(`${_}.csv`, text), '--format', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // 1,000,000 of 1,500,000 EUR: 66.67 %; the rate 1,500,000 / 700 = 2,142.86 EUR.
    const doc = JSON.parse(stdout);
    expect(doc.departments).toEqual([
      { department: 'Soziales', cost_eur: 1000000, share_pct: 66.67 },
      { department: 'Jugend', cost_eur: 500000, share_pct: 33.33 },
    ]);
  });
});

describe('a GENESIS export as downloaded', () => {
  it('calc --eu2 12521-0041 gives the shipped EU2 per Kreis, and says which lines it skipped and how EU2 was derived', async () => {
    const fromExport = await runCli(['calc', '--eu2', 'test/fixtures/genesis/12521-0041-kreise-2025.csv', '--impute-insured', 'national-2019', '--format', 'json']);
    expect(fromExport.code).toBe(0);
    const shipped = await runCli(['calc', '--format', 'json']);
    const eu2 = (stdout: string): Record<string, number> =>
      Object.fromEntries((JSON.parse(stdout).rows as { ags: string; eu2: number }[]).map((r) => [r.ags, r.eu2]));
    expect(eu2(fromExport.stdout)).toEqual(eu2(shipped.stdout));
    expect(Object.values(eu2(fromExport.stdout)).reduce((a, b) => a + b, 0)).toBe(1_325_700);
    const notes = (JSON.parse(fromExport.stdout).meta.notes as string[]).join(' ');
    expect(notes).toContain('skipped 5 title lines before the header');
    expect(notes).toContain('skipped 24 footer lines after the data');
    expect(notes).toContain('EU2 = "EU-27 (bis 30.06.2013)" − "EU-25 (bis 31.12.2006)"');
  });
});
