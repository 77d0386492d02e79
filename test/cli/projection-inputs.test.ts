import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * What `burden extrapolate` starts from when a file has counts of different years, and how its
 * aggregates and totals treat them (review of the projections: rows dropped from aggregates,
 * persons of different years summed, surpluses netted silently, flags lost in projected years).
 */
const file = fixtureFiles('projection-inputs');

// Dortmund's latest counts are of 2023, Duisburg's and München's of 2024.
const M2 = file('m2.csv', 'ags,eu2,insured,year\n05913000,20000,9000,2023\n05112000,25000,10000,2024\n09162000,30000,20000,2024\n');
// Dortmund in three years, München in one.
const M = file('m.csv', 'ags,eu2,insured,year\n05913000,18000,8000,2021\n05913000,20000,9000,2023\n05913000,22000,9500,2025\n09162000,30000,20000,2024\n');
// Berlin has more insured employees (900) than EU2 residents (300).
const X = file('x.csv', 'ags,eu2,insured,year\n05913000,3000,500,2023\n11000000,300,900,2023\n');

describe('each municipality gets its own base row before anything is summed', () => {
  it('--by none projects Dortmund from 2023: in 2024 its 20,000 − 9,000 = 11,000 net persons × 2,569.45 = 28,263,950.00 EUR, projected', async () => {
    const { stdout, stderr, code } = await runCli(['extrapolate', M2, '--by', 'none', '--years', '2024-2025', '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toBe('05913000,"Dortmund, Stadt",2024,603462,20000,projected,9000,projected,false,11000,projected,2569.45,secondary,28263950.00,projected,46.84,3.31');
    expect(stdout.trim().split('\n')).toHaveLength(1 + 3 * 2);
  });

  it('--by land refuses to sum Dortmund\'s 2023 counts with Duisburg\'s 2024 counts (it dropped Dortmund): exit 65, one line', async () => {
    const { stdout, stderr, code } = await runCli(['extrapolate', M2, '--by', 'land', '--years', '2024-2025', '--lang', 'en']);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${M2}:3: --by land: 05 (Nordrhein-Westfalen) would sum counts of different years: 05913000 for 2023 (line 2) ` +
      'and 05112000 for 2024 (line 3), each its latest year not after the first projected year 2024 ' +
      '(give counts for one common year for every member of 05, or project each municipality with --by none)\n');
  });

  it('sums the members\' base rows when they share a year, and notes the years not used', async () => {
    const both = file('both.csv', 'ags,eu2,insured,year\n05913000,20000,9000,2023\n05913000,21000,9500,2024\n05112000,25000,10000,2024\n');
    const doc = JSON.parse((await runCli(['extrapolate', both, '--by', 'land', '--years', '2024-2024', '--format', 'json'])).stdout);
    // NRW 2024: Dortmund 21,000 + Duisburg 25,000 = 46,000 EU2; 9,500 + 10,000 = 19,500 insured;
    // net 26,500 × 2,569.45 = 68,090,425.00 EUR. Dortmund's 2023 row is not used.
    expect(doc.rows).toEqual([expect.objectContaining({ ags: '05', year: 2024, eu2_status: 'derived', eu2: 46000, insured: 19500, net: 26500, cost_eur: 68090425 })]);
    expect(doc.meta.notes.join(' ')).toContain('(e.g. 05913000: counts for 2023, 2024, projected from 2024)');
  });
});

describe('without --years, persons of different years are not added up', () => {
  it('--by land: a totals line per year and one over all years with money only, and the notes say why', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', M, '--by', 'land', '--format', 'json'])).stdout);
    expect(doc.rows.map((r: { ags: string; year: number }) => `${r.ags}@${r.year}`)).toEqual(['05@2021', '05@2023', '05@2025', '09@2024']);
    // Before, the totals summed 18,000 + 20,000 + 22,000 + 30,000 = 90,000 EU2 residents of four years.
    // Now as calc: the totals over all years hold money only (22,205,400 + 27,647,950 + 25,694,500 + 32,818,000 = 108,365,850),
    // persons only per year.
    expect(doc.totals).toMatchObject({ rows: 4, population: null, eu2: null, insured: null, net: null, cost_eur: 108365850 });
    expect(doc.totals_by_year.map((t: { year: number; eu2: number; cost_eur: number }) => [t.year, t.eu2, t.cost_eur]))
      .toEqual([[2021, 18000, 22205400], [2023, 20000, 27647950], [2024, 30000, 25694500], [2025, 22000, 32818000]]);
    const table = (await runCli(['extrapolate', M, '--by', 'land', '--lang', 'en'])).stdout;
    expect(table).toMatch(/│ +│ Total 2021–2025 \(4 rows\) │ +│ +│ +│ +│ +│ 108\.365\.850,00 s │/);
    expect(table).toContain('The rows are for 4 years: totals per year, and over 2021–2025 only money, which adds up across years (persons do not).');
  });

  it('--by total lists one total per year, in the order of the years', async () => {
    const { stdout } = await runCli(['extrapolate', M, '--by', 'total', '--format', 'csv']);
    expect(stdout.trim().split('\n').slice(1).map((line) => line.split(',')[2])).toEqual(['2021', '2023', '2024', '2025']);
  });

  it('rows of one year still get their totals line', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', X, '--by', 'none', '--format', 'json'])).stdout);
    // 3,000 + 300 EU2 residents of 2023; net 2,500 + 0 (Berlin clamped) = 2,500.
    expect(doc.totals).toMatchObject({ rows: 2, eu2: 3300, net: 2500 });
    expect(doc.totals_by_year).toBeUndefined();
  });
});

describe('an aggregate that nets a member\'s surplus of insured employees says so', () => {
  it('--by total: net 3,300 − 1,400 = 1,900 (not 2,500 + 0), with a warning naming Berlin\'s row', async () => {
    const { stdout, stderr, code } = await runCli(['extrapolate', X, '--by', 'total', '--format', 'csv']);
    expect(code).toBe(0);
    // Priced at its own base year 2023: 1,900 × 2,513.45 = 4,775,555.00 EUR; population 603,462 + 3,685,265 = 4,288,727.
    expect(stdout.split('\n')[1]).toBe(',Total (2 rows),2023,4288727,3300,derived,1400,derived,false,1900,derived,2513.45,derived,4775555.00,derived,1.11,0.08');
    expect(stderr).toBe('warning: a row summed into an aggregate has more insured employees than EU2 residents; its surplus offsets the other rows\' net persons ' +
      `in the aggregate in 1 row: 11000000 in (total) ${X}:3 (eu2 300, insured 900)\n`);
    expect((await runCli(['extrapolate', X, '--by', 'total', '--years', '2023-2024', '--strict', '--format', 'csv'])).code).toBe(65);
  });

  it('--by none clamps the row itself and warns about that instead', async () => {
    const { stderr } = await runCli(['extrapolate', X, '--by', 'none', '--format', 'csv']);
    expect(stderr).toMatch(/^warning: more insured employees than EU2 residents; net persons clamped to 0/);
    expect(stderr).not.toContain('surplus');
  });
});

describe('a growth series is not looked up in the population register', () => {
  it('--growth series with key 00 and --strict: no warning, exit 0', async () => {
    const series = file('s.csv', 'ags,year,eu2\n00,2020,1200000\n00,2021,1300000\n');
    const { stdout, stderr, code } = await runCli(['extrapolate', '--years', '2019-2021', '--growth', `series:${series}`, '--strict', '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // 2020: insured at the 2019 share, round(1,200,000 × 572,574 / 1,108,393) = round(619,896.37) = 619,896;
    // net 580,104 × 2,153.77 = 1,249,410,592.08 EUR.
    expect(stdout.split('\n')[2]).toBe('00,Deutschland,2020,,1200000,projected,619896,projected,false,580104,projected,2153.77,derived,1249410592.08,projected,,');
  });
});

describe('imputed insured counts stay visible in projected years', () => {
  // Düsseldorf's insured count is unknown: NRW's rests on an imputed one, Bayern's does not.
  const K = file('k.csv', 'ags;name;eu2;insured;jahr\n05913;Dortmund;13.495;7000;2025\n05111;Düsseldorf;7770;;2025\n09162;München;20000;12000;2025\n');
  const args = ['extrapolate', K, '--by', 'land', '--years', '2025-2026'];

  it('json: insured_estimated per row and year, and for the totals', async () => {
    const doc = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(doc.rows.map((r: { ags: string; year: number; insured_status: string; insured_estimated: boolean }) => [r.ags, r.year, r.insured_status, r.insured_estimated]))
      .toEqual([['05', 2025, 'estimated', true], ['05', 2026, 'projected', true], ['09', 2025, 'official', false], ['09', 2026, 'projected', false]]);
    expect(doc.totals_by_year.map((t: { year: number; insured_estimated: boolean }) => [t.year, t.insured_estimated])).toEqual([[2025, true], [2026, true]]);
    expect(doc.totals.insured_estimated).toBe(true);
  });

  it('table and md: the imputed counts carry e, and only NRW\'s', async () => {
    // The note naming the keys is gone; calc's table marks the rows instead (and notes how they are estimated).
    const table = (await runCli([...args, '--lang', 'en'])).stdout;
    // NRW is two Kreise summed: its population is a sum, derived; Bayern is one row.
    expect(table).toMatch(/│ 05 +│ Nordrhein-Westfalen +│ 2025 │ +1\.222\.147 d │ 21\.265 d │ 11\.014 e │ 10\.251 e │ 26\.913\.385,44 e │/);
    expect(table).toMatch(/│ 09 +│ Bayern +│ 2025 │ +1\.505\.005 +│ 20\.000 +│ 12\.000 +│ +8\.000 d │ 21\.003\.520,00 s │/);
    const cited = /^Insured employees: where not given, estimated from the national ratio of insured employees to EU2 residents (\[\d+\])\.$/m.exec(table)?.[1];
    expect(table).toContain(`${cited} estimated where unknown: insured = round(eu2 × 572574 / 1108393)`);
    // Its two parameters cite their sources by number too; in German, the same words in German.
    expect(table).toMatch(/\(insured BG\/RO employees: parameter insured_bg_ro_de \[\d+\]; EU2 residents: parameter eu2_residents_de \[\d+\]\), flagged estimated/);
    const german = (await runCli(args)).stdout;
    expect(german).toMatch(/wo nicht angegeben, geschätzt: insured = round\(eu2 × 572574 \/ 1108393\), das bundesweite Verhältnis vom 31\.12\.2019 \(SV-Beschäftigte aus BG\/RO: Parameter insured_bg_ro_de \[\d+\]; EU2-Einwohner: Parameter eu2_residents_de \[\d+\]\), als geschätzt gekennzeichnet/);
    // Where the population comes from, said in place.
    expect(german).toContain('Einwohner: die Zahl des Basisjahres aus der Eingabe oder dem Gemeindeverzeichnis; Einwohner werden nicht fortgeschrieben.');
    // json keeps the sentence in English, with its sources in words.
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as { meta: { insured: string } };
    expect(json.meta.insured).toMatch(/^estimated where unknown: insured = round\(eu2 × 572574 \/ 1108393\), the national ratio of 31\.12\.2019 \(insured BG\/RO employees: parameter insured_bg_ro_de, Städtetag NRW/);
    expect((await runCli([...args, '--format', 'md', '--lang', 'en'])).stdout).toContain('| 05 | Nordrhein-Westfalen | 2025 | 1.222.147 d | 21.265 d | 11.014 e | 10.251 e | 26.913.385,44 e |');
  });
});

describe('exit codes and messages of the options', () => {
  it.each([
    [['extrapolate', '--years', '2018-2020'],
      'error: the paper\'s counts (parameter eu2_residents_de) are for 2019, after the first projected year 2018 (start the projection in 2019 or later (projections do not run backwards))'],
    [['extrapolate', '--eu2', '5000', '--base-year', '2020', '--years', '2019-2020'],
      'error: the --eu2 totals (--base-year) are for 2020, after the first projected year 2019 (start the projection in 2020 or later (projections do not run backwards))'],
    [['extrapolate', '--eu2', '900000000000'],
      'error: --eu2: "900000000000" is too large to be a count of persons (e.g. 1108393 or 1.108.393) (see burden extrapolate --help)'],
  ])('%j: exit 64, the year or value named', async (argv, message) => {
    const { code, stderr } = await runCli(argv);
    expect(code).toBe(64);
    expect(stderr).toBe(`${message}\n`);
  });

  it('an overflow names the key and year: 1,108,393 doubled 12 times is 4,539,977,728 (2031); its step to 2032 exceeds 2^53', async () => {
    const { code, stderr } = await runCli(['extrapolate', '--years', '2019-2090', '--growth', 'rate:100', '--lang', 'en']);
    expect(code).toBe(65);
    expect(stderr).toBe('error: a figure leaves the range of exact whole numbers (key 00, 2032: product 4539977728 × 2000000 exceeds 2^53) ' +
      '(check the counts and the rate for a misplaced digit; a projection may also run too many years or grow too fast)\n');
  });
});

describe('notes', () => {
  it('--inflation without a year priced after the last index year (2025) has no effect, and says so', async () => {
    const idle = await runCli(['extrapolate', '--inflation', '5', '--years', '2020-2021', '--lang', 'en']);
    expect(idle.code).toBe(0);
    expect(idle.stdout).toContain('The override inflation_assumed=5 (--inflation) has no effect: no year is priced after 2025, the last year of the price index (parameter vpi).');
    const used = (await runCli(['extrapolate', '--inflation', '5', '--years', '2025-2026', '--lang', 'en'])).stdout;
    expect(used).toContain('After 2025 the price index is carried forward at 5 % a year');
    expect(used).not.toContain('has no effect');
  });

  it('the paper\'s insured count and its source are printed once', async () => {
    const table = (await runCli(['extrapolate', '--lang', 'en'])).stdout;
    expect(table.split('\n').filter((line) => line.includes('IAB 2020'))).toHaveLength(1);
    const cited = /^Insured employees: see (\[\d+\])\.$/m.exec(table)?.[1];
    // The parameter, and its source cited by number in turn.
    const source = new RegExp(`^\\${cited!.slice(0, -1)}\\] parameter insured_bg_ro_de, 31\\.12\\.2019 (\\[\\d+\\])$`, 'm').exec(table)?.[1];
    expect(table).toContain(`${source} Städtetag NRW`);
  });
});
