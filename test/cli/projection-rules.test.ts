import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFiles } from '../helpers/cli.js';
import { type CliResult, runCli } from '../helpers/run-cli.js';

/**
 * Programme rules on projections (issue 4: "Combines with --rules", "Programmes apply only in
 * the years their validity window covers", tests of "programme windows across 2024/2025").
 * Each projected year is a budget year: the programmes in force that year apply to that year's
 * rows, and a fixed pot is shared among all rows of the year.
 */
const file = fixtureFiles('projection-rules');

// Three NRW keys with 1,000, 2,000 and 4,000 EU2 residents (7,000 in all), nobody insured.
// The 5.5 Mio EUR pot by EU2 residents, in cents (engine/money.ts largest remainder):
//   550,000,000 × 1/7 = 78,571,428.57  → 78,571,428, remainder .57
//   550,000,000 × 2/7 = 157,142,857.14 → 157,142,857, remainder .14
//   550,000,000 × 4/7 = 314,285,714.29 → 314,285,714, remainder .29
// The floors sum to 549,999,999; the one cent left goes to the largest remainder (the first):
//   785,714.29 + 1,571,428.57 + 3,142,857.14 = 5,500,000.00 EUR.
const SEVEN = file('seven.csv', 'ags,name,eu2,insured\n05111,A,1000,0\n05112,B,2000,0\n05113,C,4000,0\n');
const SHARES = ['785714.29', '1571428.57', '3142857.14'];

type Row = Record<string, string>;
/** csv text → one record per line, keyed by the header. */
function records(csv: string): Row[] {
  const [header = '', ...lines] = csv.trim().split('\n');
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [keys[i], cell])));
}
const inYear = (rows: Row[], year: number): Row[] => rows.filter((r) => r.year === String(year));
const sumCents = (rows: Row[], key: string): number => rows.reduce((s, r) => s + Math.round(Number(r[key]) * 100), 0);

describe('nrw-2024 projected over 2023-2026: the pot in 2023 and 2024, nothing from 2025', () => {
  let run: CliResult;
  let rows: Row[];
  beforeAll(async () => {
    run = await runCli(['calc', SEVEN, '--years', '2023-2026', '--base-year', '2023', '--rules', 'nrw-2024', '--format', 'csv']);
    rows = records(run.stdout);
  });

  it('adds each claim column with its status after the projection\'s columns', () => {
    // The shipped counts that would fill the rest of NRW are of 2025: from 2023 the pot is shared over the input alone, and it says so.
    expect(run.stderr).toBe('warning: the shipped counts that fill a pot\'s area start after the first projected year: fixed pots are shared over the input\'s rows only, '
      + 'so their claims are an upper bound (start the projection in the counts\' year or later) in 1 row: counts of 2025, first projected year 2023\n');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,' +
        'cost_per_inhabitant_eur,eu2_share_pct,' +
        'claim_suedosteuropa_eur,claim_suedosteuropa_status,claims_total_eur,claims_total_status,uncovered_eur,uncovered_status,coverage_pct,coverage_status',
    );
    expect(rows).toHaveLength(3 * 4);
  });

  it('splits 5,500,000.00 EUR to the cent in 2023 and 2024 and gives 0 in 2025 and 2026', () => {
    for (const year of [2023, 2024]) {
      expect(inYear(rows, year).map((r) => r.claim_suedosteuropa_eur)).toEqual(SHARES);
      expect(sumCents(inYear(rows, year), 'claim_suedosteuropa_eur')).toBe(550_000_000);
    }
    for (const year of [2025, 2026]) {
      expect(inYear(rows, year).map((r) => r.claim_suedosteuropa_eur)).toEqual(['0.00', '0.00', '0.00']);
      expect(inYear(rows, year).map((r) => r.claim_suedosteuropa_status)).toEqual(['derived', 'derived', 'derived']);
    }
  });

  it('flags each claim with what it rests on: the assumed key in the base year, the projection after', () => {
    const a = rows.filter((r) => r.ags === '05111');
    // 2023: EU2 as given, but the rule's key and eligibility are assumptions: assumption.
    expect(a[0]).toMatchObject({ year: '2023', eu2_status: 'official', claim_suedosteuropa_status: 'assumption', claims_total_status: 'assumption' });
    // 2024: the shares rest on projected EU2 counts.
    expect(a[1]).toMatchObject({ year: '2024', eu2_status: 'projected', claim_suedosteuropa_status: 'projected' });
    // 2023: cost 1,000 × 2,513.45 = 2,513,450.00; uncovered 2,513,450.00 − 785,714.29 = 1,727,735.71;
    // coverage 785,714.29 / 2,513,450.00 = 31.26 %.
    expect(a[0]).toMatchObject({ cost_eur: '2513450.00', uncovered_eur: '1727735.71', coverage_pct: '31.26' });
    // 2026: nothing in force, all of the projected cost is uncovered.
    expect(a[3]).toMatchObject({ cost_eur: '2677950.00', uncovered_eur: '2677950.00', uncovered_status: 'projected', coverage_pct: '0.00' });
  });

  it('json: the same claims, totals per year that sum to the pot, and each programme per year in meta.scenarios', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', SEVEN, '--by', 'none', '--years', '2023-2026', '--base-year', '2023', '--rules', 'nrw-2024', '--format', 'json'])).stdout);
    expect(doc.rows.filter((r: { year: number }) => r.year === 2024).map((r: { claim_suedosteuropa_eur: number }) => r.claim_suedosteuropa_eur))
      .toEqual([785714.29, 1571428.57, 3142857.14]);
    expect(doc.totals_by_year.map((t: { claim_suedosteuropa_eur: number }) => t.claim_suedosteuropa_eur)).toEqual([5500000, 5500000, 0, 0]);
    // A pot shared in full sums to its (official) amount whatever its shares rest on: derived; the zero of the years it is not in force too.
    expect(doc.totals_by_year.map((t: { claim_suedosteuropa_status: string }) => t.claim_suedosteuropa_status)).toEqual(['derived', 'derived', 'derived', 'derived']);
    // Over all years: money only.
    expect(doc.totals.claim_suedosteuropa_eur).toBe(11000000);
    const programmes = doc.meta.scenarios[0].programmes;
    expect(programmes.map((p: { year: number; in_force: boolean }) => [p.year, p.in_force])).toEqual([[2023, true], [2024, true], [2025, false], [2026, false]]);
    expect(doc.meta.notes.join(' ')).toContain('Programmes apply in each year their validity window covers');
  });

  it('table and md: a line per key and year with its claims, the totals per year to the cent', async () => {
    const table = (await runCli(['extrapolate', SEVEN, '--by', 'none', '--years', '2023-2026', '--base-year', '2023', '--rules', 'nrw-2024', '--lang', 'en'])).stdout;
    const line = (start: RegExp): string => table.split('\n').find((l) => start.test(l)) ?? '';
    expect(line(/^│ 05111 │ A +│ 2024 │/)).toMatch(/│ +785\.714,29 p │ +785\.714,29 p │ +1\.783\.735,71 p │ +30,58 p │$/);
    expect(line(/^│ 05111 │ A +│ 2025 │/)).toMatch(/│ +0,00 d │ +0,00 d │ +2\.625\.440,00 p │ +0,00 p │$/);
    // The totals of 2023 and 2024 carry the whole pot, to the cent.
    expect(line(/Total 2023 \(3 rows\)/)).toMatch(/│ +5\.500\.000,00 d │ +5\.500\.000,00 d │ +12\.094\.150,00 a │ +31,26 a │$/);
    expect(line(/Total 2024 \(3 rows\)/)).toMatch(/│ +5\.500\.000,00 d │ +5\.500\.000,00 d │/);
    const md = (await runCli(['extrapolate', SEVEN, '--by', 'none', '--years', '2023-2026', '--base-year', '2023', '--rules', 'nrw-2024', '--format', 'md', '--lang', 'en'])).stdout;
    expect(md).toContain('| 05111 | A | 2023 | 618.685 | 1.000 | 0 | 1.000 d | 2.513.450,00 d | 4,06 d | 0,16 | 785.714,29 a | 785.714,29 a | 1.727.735,71 a | 31,26 a |');
  });
});

describe('nrw-2025-kim across 2024/2025: the Land programme ends, the KIM block starts', () => {
  it('gives suedosteuropa in 2024 and kim_flex from 2025, each year the whole pot', async () => {
    const { stdout, code } = await runCli(['extrapolate', SEVEN, '--by', 'none', '--years', '2024-2026', '--base-year', '2024', '--rules', 'nrw-2025-kim', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = records(stdout);
    expect(inYear(rows, 2024).map((r) => [r.claim_suedosteuropa_eur, r.claim_kim_flex_eur])).toEqual(SHARES.map((s) => [s, '0.00']));
    for (const year of [2025, 2026]) {
      expect(inYear(rows, year).map((r) => [r.claim_suedosteuropa_eur, r.claim_kim_flex_eur])).toEqual(SHARES.map((s) => ['0.00', s]));
      // The KIM block is proposed, not enacted, and its counts are projected.
      expect(inYear(rows, year).map((r) => r.claim_kim_flex_status)).toEqual(['projected', 'projected', 'projected']);
    }
  });

  it('calc --years on the default data (every German Kreis): kim_flex shares 5,500,000.00 EUR exactly among the 53 NRW Kreise in every year', async () => {
    const { stdout, code } = await runCli(['calc', '--years', '2025-2027', '--growth', 'trend', '--rules', 'nrw-2025-kim', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = records(stdout.replace(/"[^"]*"/g, (quoted) => quoted.replace(/,/g, ' ')));
    for (const year of [2025, 2026, 2027]) {
      expect(inYear(rows, year)).toHaveLength(393);
      const nrw = inYear(rows, year).filter((r) => r.ags?.startsWith('05'));
      expect(nrw).toHaveLength(53);
      expect(sumCents(nrw, 'claim_kim_flex_eur')).toBe(550_000_000);
      // The NRW block pays nothing outside NRW.
      expect(sumCents(inYear(rows, year), 'claim_kim_flex_eur')).toBe(550_000_000);
      expect(sumCents(inYear(rows, year), 'claim_suedosteuropa_eur')).toBe(0);
    }
    // The same share as calc --rules --year 2025 gives Düsseldorf for the base year; the rule's key is assumed.
    expect(rows.find((r) => r.ags === '05111' && r.year === '2025')).toMatchObject({ claim_kim_flex_eur: '156123.85', claim_kim_flex_status: 'assumption' });
  });
});

describe('bund-pauschale with --set bund_pauschale=500: from 2025, capped at the cost', () => {
  // B has 900 of 1,000 EU2 residents insured, so its net (and cost) is small and the cap binds.
  const TWO = file('two.csv', 'ags,name,eu2,insured\n05111,A,1000,0\n05112,B,1000,900\n');
  const args = ['extrapolate', TWO, '--by', 'none', '--years', '2024-2026', '--base-year', '2024', '--growth', 'rate:10', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500'];

  it('pays EU2 residents × 500 EUR from 2025, never more than the cost', async () => {
    const { stdout, stderr, code } = await runCli([...args, '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = records(stdout);
    const pick = (r: Row): string[] => [r.year as string, r.eu2 as string, r.cost_eur as string, r.claim_bund_pauschale_eur as string, r.uncovered_eur as string, r.coverage_pct as string];
    expect(rows.map(pick)).toEqual([
      // 2024: the relief is not in force yet.
      ['2024', '1000', '2569450.00', '0.00', '2569450.00', '0.00'],
      // 2025: 1,000 × 1.1 = 1,100 EU2, net 1,100 × 2,625.44 = 2,887,984.00; 1,100 × 500 = 550,000.00;
      // coverage 550,000.00 / 2,887,984.00 = 19.04 %.
      ['2025', '1100', '2887984.00', '550000.00', '2337984.00', '19.04'],
      // 2026: 1,210 EU2 × 2,677.95 = 3,240,319.50; 1,210 × 500 = 605,000.00.
      ['2026', '1210', '3240319.50', '605000.00', '2635319.50', '18.67'],
      ['2024', '1000', '256945.00', '0.00', '256945.00', '0.00'],
      // 2025: insured round(1,100 × 900 / 1,000) = 990, net 110 × 2,625.44 = 288,798.40;
      // 1,100 × 500 = 550,000.00 is capped at the cost: nothing uncovered, 100 %.
      ['2025', '1100', '288798.40', '288798.40', '0.00', '100.00'],
      // 2026: insured round(1,210 × 0.9) = 1,089, net 121 × 2,677.95 = 324,031.95, capped.
      ['2026', '1210', '324031.95', '324031.95', '0.00', '100.00'],
    ]);
    expect(rows.map((r) => r.claim_bund_pauschale_status)).toEqual(['derived', 'projected', 'projected', 'derived', 'projected', 'projected']);
  });

  it('lists the override in the metadata, and --set is checked as in calc', async () => {
    const doc = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(doc.meta.overrides).toEqual(['bund_pauschale=500 (--set)']);
    // 2025: 550,000.00 + 288,798.40 = 838,798.40.
    expect(doc.totals_by_year[1]).toMatchObject({ year: 2025, claim_bund_pauschale_eur: 838798.4, claim_bund_pauschale_status: 'projected' });
    const refused = await runCli(['extrapolate', '--years', '2025-2026', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=-500', '--lang', 'en']);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toBe('error: --set bund_pauschale=-500: an amount in euros cannot be below 0 (see burden params bund_pauschale)\n');
  });
});

describe('two rule sets side by side', () => {
  it('prefixes each scenario\'s columns and adds the difference, with its status', async () => {
    const { stdout, code } = await runCli(['calc', SEVEN, '--years', '2024-2025', '--base-year', '2024', '--rules', 'nrw-2024', '--rules', 'nrw-2025-kim', '--format', 'csv']);
    expect(code).toBe(0);
    const header = stdout.split('\n')[0] ?? '';
    expect(header).toContain(',nrw_2024_claim_suedosteuropa_eur,nrw_2024_claim_suedosteuropa_status,nrw_2024_claims_total_eur,');
    expect(header).toContain(',nrw_2025_kim_claim_kim_flex_eur,nrw_2025_kim_claim_kim_flex_status,');
    expect(header.endsWith(',claims_difference_eur,claims_difference_status')).toBe(true);
    const rows = records(stdout);
    // 2024: both rule sets pay the Land programme alike; 2025: only the KIM block pays (785,714.29 − 0).
    expect(rows.map((r) => [r.ags, r.year, r.nrw_2024_claims_total_eur, r.nrw_2025_kim_claims_total_eur, r.claims_difference_eur])).toEqual([
      ['05111', '2024', '785714.29', '785714.29', '0.00'],
      ['05111', '2025', '0.00', '785714.29', '785714.29'],
      ['05112', '2024', '1571428.57', '1571428.57', '0.00'],
      ['05112', '2025', '0.00', '1571428.57', '1571428.57'],
      ['05113', '2024', '3142857.14', '3142857.14', '0.00'],
      ['05113', '2025', '0.00', '3142857.14', '3142857.14'],
    ]);
    expect(rows[1]?.claims_difference_status).toBe('projected');
  });

  it('the table shows both scenarios and the difference per year', async () => {
    const table = (await runCli(['calc', SEVEN, '--years', '2024-2025', '--base-year', '2024', '--rules', 'nrw-2024', '--rules', 'nrw-2025-kim', '--lang', 'en'])).stdout;
    const total = (year: string): string => table.split('\n').find((l) => l.includes(`Total ${year} `)) ?? '';
    // The last column is the difference: 0 in 2024 (both pay the Land programme), the whole KIM block in 2025.
    expect(table).toContain('Δ claims nrw-2025-kim − nrw-2024 (EUR)');
    expect(total('2024')).toMatch(/│ +0,00 a │$/);
    expect(total('2025')).toMatch(/│ +5\.500\.000,00 p │$/);
  });
});

describe('rules without a projection, and what is still refused', () => {
  it('the paper\'s national figure: no NRW key, so the Land pot stays unallocated, and says so', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', '--rules', 'nrw-2024', '--format', 'json'])).stdout);
    expect(doc.rows[0]).toMatchObject({ ags: '00', year: 2019, claim_suedosteuropa_eur: 0, uncovered_eur: 1148260117, coverage_pct: 0 });
    expect(doc.meta.scenarios[0].programmes[0]).toMatchObject({ year: 2019, in_force: true, unallocated_eur: 5500000 });
    // The notes are written in the report's locale (de unless --locale or csv), as its table is.
    expect(doc.meta.notes).toContain('Unallocated pot (no eligible municipality, or all capped): suedosteuropa 2019: 5.500.000,00 EUR.');
    expect((await runCli(['extrapolate', '--rules', 'nrw-2024', '--locale', 'en', '--lang', 'en'])).stdout).toContain('suedosteuropa 2019: 5,500,000.00 EUR.');
  });

  it.each([
    [['extrapolate', '--eu2', '1000', '--rules', 'nrw-2024'], 'error: --rules needs a budget year, and the counts have none (give --base-year YYYY, or a year column in the input)'],
    [['calc', '--years', '2025-2026', '--rules', 'nrw-2024', '--year', '2025'],
      'error: --year cannot be combined with --years yet (the projected years are the budget years; --rules applies in each of them)'],
    [['extrapolate', '--rules', 'nrw-2024', '--rules', 'nrw-2024'], 'error: --rules nrw-2024 is given twice (compare two different rule sets)'],
    [['extrapolate', '--inflation', '2', '--set', 'inflation_assumed=3', '--years', '2026-2027'],
      'error: --inflation and --set inflation_assumed=… both set the assumed inflation (give one of them)'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(64);
    expect(stderr).toBe(`${message}\n`);
  });
});

describe('several years per key: a pot is paid once per key and year', () => {
  // A has counts for 2023 (1,000) and 2024 (3,000), B for 2023 only (1,000). From 2024, A is
  // projected from 2024 (3,000) and B from 2023 (1,000, constant): 4,000 EU2 residents share the pot
  //   A 550,000,000 × 3/4 = 412,500,000 cents, B 550,000,000 × 1/4 = 137,500,000 cents.
  // Before, A's 2023 row was projected as a row of its own and took a second share.
  const YEARS = file('years.csv', 'ags,name,year,eu2,insured\n05111,A,2023,1000,0\n05111,A,2024,3000,0\n05112,B,2023,1000,0\n');

  it('2024: two rows, 4,125,000.00 + 1,375,000.00 = 5,500,000.00 EUR', async () => {
    const { stdout, stderr, code } = await runCli(['calc', YEARS, '--years', '2024-2024', '--rules', 'nrw-2024', '--format', 'csv']);
    // The shipped counts (2025) cannot fill the rest of NRW in 2024: the pot is shared over the input, and it says so.
    expect(stderr).toContain('counts of 2025, first projected year 2024');
    expect(code).toBe(0);
    const rows = records(stdout);
    expect(rows.map((r) => [r.ags, r.year, r.eu2, r.claim_suedosteuropa_eur])).toEqual([
      ['05111', '2024', '3000', '4125000.00'],
      ['05112', '2024', '1000', '1375000.00'],
    ]);
    expect(sumCents(rows, 'claim_suedosteuropa_eur')).toBe(550_000_000);
  });
});
