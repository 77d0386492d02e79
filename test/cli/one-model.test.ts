import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * One model: calc, calc --years Y-Y and extrapolate --by none compute every figure with one
 * engine and write it through one format, so the same counts give the same figures and
 * statuses whichever command computed them; and a fixed pot is shared over the programme's
 * area, whoever runs it on which rows.
 */
const file = fixtureFiles('one-model');
// Three NRW Kreise of 2025, one with its insured count, two to be estimated.
const COUNTS = file('counts.csv', 'ags,name,year,eu2,insured\n05111,Düsseldorf,2025,7770,3900\n05913,Dortmund,2025,13495,\n05112,Duisburg,2025,25270,\n');

const csv = async (args: string[]): Promise<string> => {
  const { stdout, stderr, code } = await runCli(args);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
};

describe('the same counts through every command', () => {
  it.each([
    [[]],
    [['--rate', '2500']],
    [['--price-year', '2019']],
    [['--range']],
  ])('calc, calc --years 2025-2025 and extrapolate --by none agree on every figure and status (%j)', async (extra) => {
    const range = extra.includes('--range');
    const base = ['--impute-insured', 'national-2019', '--format', 'csv', ...extra.filter((e) => e !== '--range')];
    const years = await csv(['calc', COUNTS, '--years', '2025-2025', ...base, ...(range ? ['--range'] : [])]);
    const extrapolated = await csv(['extrapolate', COUNTS, '--by', 'none', '--years', '2025-2025', ...base.filter((e) => !e.includes('national') && e !== '--impute-insured'), ...(range ? ['--range'] : [])]);
    expect(extrapolated).toBe(years);
    if (!range) {
      // calc for one year has no range columns: its csv is the projection's, byte for byte.
      expect(await csv(['calc', COUNTS, ...base])).toBe(years);
      expect(await csv(['extrapolate', COUNTS, '--by', 'none', ...base.filter((e) => !e.includes('national') && e !== '--impute-insured')])).toBe(years);
    }
  });

  it('a rate set with --rate is an assumption on every path', async () => {
    for (const args of [['calc', COUNTS], ['calc', COUNTS, '--years', '2025-2025'], ['extrapolate', COUNTS, '--by', 'none']]) {
      const doc = JSON.parse(await csv([...args, '--rate', '2500', '--impute-insured', 'national-2019', '--format', 'json']));
      expect(doc.rows.map((r: { rate_status: string }) => r.rate_status)).toEqual(['assumption', 'assumption', 'assumption']);
      expect(doc.meta.rate.status).toBe('assumption');
    }
  });

  it('claims and their statuses agree between calc and its one-year projection', async () => {
    const once = await csv(['calc', COUNTS, '--rules', 'nrw-2025-kim', '--impute-insured', 'national-2019', '--format', 'csv']);
    const projected = await csv(['calc', COUNTS, '--years', '2025-2025', '--rules', 'nrw-2025-kim', '--impute-insured', 'national-2019', '--format', 'csv']);
    expect(projected).toBe(once);
  });
});

describe('a fixed pot is shared over the programme\'s area', () => {
  it('Dortmund alone gets the same claim as Dortmund inside the 53 NRW Kreise, and the notes say over whom', async () => {
    const alone = JSON.parse(await csv(['calc', file('dortmund.csv', 'ags,name,eu2,insured\n05913,Dortmund,13495,6971\n'), '--rules', 'nrw-2024', '--year', '2024', '--format', 'json']));
    const nrw = JSON.parse(await csv(['calc', '--land', '05', '--rules', 'nrw-2024', '--year', '2024', '--format', 'json']));
    const inside = nrw.rows.find((r: { ags: string }) => r.ags === '05913');
    // 5,500,000 EUR × 13,495 / 273,725 EU2 residents of NRW, largest-remainder cents.
    expect(inside.claim_suedosteuropa_eur).toBe(271157.18);
    expect(alone.rows[0].claim_suedosteuropa_eur).toBe(inside.claim_suedosteuropa_eur);
    expect(alone.rows[0].coverage_pct).toBe(inside.coverage_pct);
    expect(alone.meta.notes.join(' ')).toContain('Fixed pots are shared over the programme\'s whole area: the input\'s 1 row(s) (standing for 1 Kreis(e) of the area) and 52 further Kreis(e)');
    expect(nrw.meta.notes.join(' ')).not.toContain('further Kreis');
    // All 53 Kreise hold the whole pot: their total is the pot, summed (derived). Dortmund alone holds a
    // share: its total is as unsure as the share (the rule assumes the key).
    expect(nrw.totals.claim_suedosteuropa_eur).toBe(5_500_000);
    expect(nrw.totals.claim_suedosteuropa_status).toBe('derived');
    expect(alone.rows[0].claim_suedosteuropa_status).toBe('assumption');
    expect(alone.totals.claim_suedosteuropa_status).toBe('assumption');
    expect(alone.totals.claims_total_status).toBe('assumption');
  });

  it('a Gemeinde with rows of several years is taken out of its Kreis once: each year\'s share is the one-year share', async () => {
    const row = (year: number): string => `05962004,Iserlohn,${year},1000,400\n`;
    const one = JSON.parse(await csv(['calc', file('iserlohn-1.csv', `ags,name,year,eu2,insured\n${row(2024)}`), '--rules', 'nrw-2024', '--format', 'json']));
    const two = JSON.parse(await csv(['calc', file('iserlohn-2.csv', `ags,name,year,eu2,insured\n${row(2024)}${row(2023)}`), '--rules', 'nrw-2024', '--format', 'json']));
    expect(two.rows.map((r: { claim_suedosteuropa_eur: number }) => r.claim_suedosteuropa_eur)).toEqual([one.rows[0].claim_suedosteuropa_eur, one.rows[0].claim_suedosteuropa_eur]);
    expect(two.meta.notes.join(' ')).toContain('the input\'s 1 row(s)');
  });

  it('a Gemeinde is taken out of its Kreis\'s counts, never counted twice', async () => {
    // Dortmund as a Gemeinde (05913000) stands inside the Kreis 05913: the Kreis keeps no EU2 residents of its own.
    const gemeinde = JSON.parse(await csv(['calc', file('dortmund-gemeinde.csv', 'ags,name,eu2,insured\n05913000,Dortmund,13495,6971\n'), '--rules', 'nrw-2024', '--year', '2024', '--format', 'json']));
    expect(gemeinde.rows[0].claim_suedosteuropa_eur).toBe(271157.18);
  });
});

describe('--explain on a projection', () => {
  it('explains one municipality in the first projected year, with the same claim as calc for that year', async () => {
    const projected = await runCli(['calc', '--years', '2025-2027', '--land', '05', '--rules', 'nrw-2025-kim', '--explain', 'Dortmund', '--lang', 'en']);
    expect(projected.code).toBe(0);
    expect(projected.stdout).toContain('How the figures for Dortmund, kreisfreie Stadt (05913), 2025 are obtained:');
    expect(projected.stdout).not.toContain('(05913), 2026');
    const once = await runCli(['calc', '--land', '05', '--rules', 'nrw-2025-kim', '--explain', 'Dortmund', '--lang', 'en']);
    const claim = (text: string): string | undefined => /claim kim_flex = [^\n]*/.exec(text)?.[0];
    expect(claim(projected.stdout)).toBe('claim kim_flex = 271.157,18 EUR (pot 5.500.000,00 EUR × eu2 13.495 / 273.725 (all eligible in the programme\'s area), largest-remainder cents) (assumption)');
    expect(claim(projected.stdout)).toBe(claim(once.stdout));
  });
});

describe('streamed md', () => {
  it.each([[['--land', '05']], [['--lang', 'en']]])('is byte for byte the md of the same report at hand (%j)', async (args) => {
    // Plain md streams row by row; --year (the data's own year) keeps every row in memory instead.
    const streamed = await runCli(['calc', ...args, '--format', 'md']);
    const atHand = await runCli(['calc', ...args, '--year', '2025', '--format', 'md']);
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toBe(atHand.stdout);
  });
});
