import { lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

const PAPER = 'ags,name,eu2,insured\n00,Deutschland,1108393,572574\n';

describe('burden calc reproduces the paper (Städtetag NRW 2021, S. 10)', () => {
  it('Germany 2019: net 535,819 and 1,148,260,117.00 EUR in csv', async () => {
    const { stdout, code } = await runCli(['calc', '-', '--format', 'csv'], { stdin: PAPER });
    expect(code).toBe(0);
    expect(stdout).toBe(
      'ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,cost_per_inhabitant_eur,eu2_share_pct\n' +
        '00,Deutschland,,,1108393,official,572574,official,false,535819,derived,2143.00,official,1148260117.00,derived,,\n',
    );
  });

  it('the same in json, with numbers as numbers and the rate source in meta', async () => {
    const { stdout, code } = await runCli(['calc', '-', '--format', 'json'], { stdin: PAPER });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.rows[0]).toMatchObject({ ags: '00', net: 535819, cost_eur: 1148260117, insured_estimated: false });
    expect(doc.totals).toMatchObject({ net: 535819, cost_eur: 1148260117 });
    expect(doc.meta.rate).toMatchObject({ eur: 2143, price_year: 2019 });
    expect(doc.meta.rate.source).toContain('S. 10');
    expect(doc.meta.inputs[0]).toMatchObject({ file: '<stdin>', rows: 1 });
    expect(doc.meta.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('German Excel csv: semicolons, decimal comma and a BOM', async () => {
    const { stdout } = await runCli(['calc', '-', '--format', 'csv', '--locale', 'de'], { stdin: PAPER });
    expect(stdout.startsWith('\uFEFFags;name;year;population;')).toBe(true);
    expect(stdout).toContain(';535819;derived;2143,00;official;1148260117,00;derived;;\n');
  });
});

describe('burden calc on the shipped default data', () => {
  it('prints every German Kreis by default, and the 53 NRW Kreise with --land, a totals row and the estimate mark', async () => {
    const all = await runCli(['calc', '--lang', 'en']);
    expect(all.code).toBe(0);
    expect(all.stderr).toBe('');
    expect(all.stdout.split('\n').filter((l) => /^│ \d{5} /.test(l))).toHaveLength(393);
    // A population summed over rows is derived, as the other sums are.
    expect(all.stdout).toMatch(/│ +│ Total \(393 rows\) +│ 83\.577\.140 d │ 1\.325\.700 d │/);
    for (const land of ['05', 'NW', 'Nordrhein-Westfalen']) {
      const { stdout, stderr, code } = await runCli(['calc', '--land', land, '--lang', 'en']);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      const kreisRows = stdout.split('\n').filter((l) => /^│ \d{5} /.test(l));
      expect(kreisRows).toHaveLength(53);
      expect(kreisRows.every((l) => l.startsWith('│ 05'))).toBe(true);
      // Net and cost rest on the estimated insured count, so they carry the mark too; the sum of official counts is derived.
      // 132,323 net × 2,625.44 EUR (2025 prices) = 347,406,097.12 EUR.
      expect(stdout).toMatch(/│ +│ Total \(53 rows\) +│ 18\.034\.454 d │ 273\.725 d │ 141\.402 e │ 132\.323 e │ 347\.406\.097,12 e │/);
      expect(stdout).toContain('Status after each figure (none: official): d = derived: ');
      expect(stdout).toContain('; e = estimated: Rests on an estimate, for example insured employees imputed from the national 2019 ratio.');
      // Dortmund: 13,495 EU2, 6,971 insured (estimated), 6,524 net × 2,625.44 EUR.
      expect(stdout).toMatch(/│ 05913 │ Dortmund, kreisfreie Stadt +│ +603\.462 {3}│ +13\.495 {3}│ +6\.971 e │ +6\.524 e │ +17\.128\.370,56 e │/);
    }
  });

  it('flags every estimated insured count in csv and json', async () => {
    const csv = (await runCli(['calc', '--format', 'csv'])).stdout.trim().split('\n');
    expect(csv).toHaveLength(394);
    expect(csv.slice(1).every((line) => line.split(',').at(-9) === 'true')).toBe(true);
    expect(csv.slice(1).every((line) => line.split(',').at(-10) === 'estimated')).toBe(true);
    const json = JSON.parse((await runCli(['calc', '--format', 'json'])).stdout);
    expect(json.rows.every((r: { insured_estimated: boolean }) => r.insured_estimated)).toBe(true);
    expect(json.meta.insured).toContain('572574 / 1108393');
    // The all-Germany dataset carries its own population (register 31.12.2024, summed over combined Kreise).
    expect(json.meta.population).toContain('from the input');
    expect(json.meta.population).not.toContain('register');
  });

  it('is byte-identical run after run in every format', async () => {
    for (const format of ['table', 'csv', 'json', 'md']) {
      expect((await runCli(['calc', '--format', format])).stdout).toBe((await runCli(['calc', '--format', format])).stdout);
    }
  });
});

describe('price level', () => {
  it('uprates 2,143 EUR to 2023 prices: round(2143 × 116.7 / 99.5, 2) = round(2,513.448…) = 2,513.45', async () => {
    const { stdout } = await runCli(['calc', '-', '--format', 'csv', '--price-year', '2023'], { stdin: PAPER });
    const [header, row] = stdout.trim().split('\n');
    expect(header).toContain('rate_eur,rate_status,cost_eur');
    // An official index makes the uprated rate derived.
    expect(row).toContain(',2513.45,derived,');
    // 535,819 × 2,513.45 EUR
    expect(row).toContain(',1346754265.55,');
  });

  it('flags a secondary index (2024): round(2143 × 119.3 / 99.5, 2) = round(2,569.446…) = 2,569.45', async () => {
    const { stdout } = await runCli(['calc', '-', '--format', 'csv', '--price-year', '2024'], { stdin: PAPER });
    expect(stdout).toContain(',2569.45,secondary,');
  });

  it('names a price index beyond the published years, and the inflation assumed for it', async () => {
    const table = (await runCli(['calc', '-', '--price-year', '2027'], { stdin: PAPER })).stdout;
    // The index's source is cited once, in the numbered sources under the table.
    expect(table).toMatch(/\n\[\d\] VPI 2020=100: .*; 2027 VPI 2025 \(secondary\) carried forward at 2 % a year \(Assumption of this tool; no forecast in the source documents\)\n/);
    const refused = await runCli(['calc', '-', '--price-year', '2027', '--inflation', '3'], { stdin: PAPER });
    expect(refused.stderr).toBe('error: --inflation needs --years FROM-TO (for --price-year after the last known index year, give --set inflation_assumed=P)\n');
    // 99.5 → 2027: 121.9 × 1.03 = 125.557, × 1.03 = 129.324 (thousandths each year); 2,143 × 129.324 / 99.5 = 2,785.34
    expect((await runCli(['calc', '-', '--price-year', '2027', '--set', 'inflation_assumed=3', '--format', 'csv'], { stdin: PAPER })).stdout)
      .toContain(',2785.34,projected,');
  });

  it('--rate overrides the rate and says so in the metadata', async () => {
    const doc = JSON.parse((await runCli(['calc', '-', '--format', 'json', '--rate', '2500'], { stdin: PAPER })).stdout);
    expect(doc.rows[0].cost_eur).toBe(535819 * 2500);
    expect(doc.meta.overrides).toEqual(['rate=2500 (--rate)']);
  });
});

describe('input of several years', () => {
  const input = 'ags,year,eu2,insured\n05913000,2023,100,0\n05913000,2024,100,0\n05111000,2024,50,10\n';

  it('totals each year, and over the years only money (a person is not counted once per year)', async () => {
    const doc = JSON.parse((await runCli(['calc', '-', '--format', 'json'], { stdin: input })).stdout);
    expect(doc.totals_by_year.map((t: Record<string, number>) => [t.year, t.rows, t.eu2, t.net, t.cost_eur])).toEqual([
      // Each year at its own prices: 100 × 2,513.45 (2023)
      [2023, 1, 100, 100, 251345],
      // 100 × 2,569.45 + 40 × 2,569.45 = 359,723 (2024)
      [2024, 2, 150, 140, 359723],
    ]);
    expect(doc.totals).toMatchObject({ rows: 3, population: null, eu2: null, insured: null, net: null, cost_eur: 611068, cost_status: 'secondary', cost_per_inhabitant_eur: null });
  });

  it('shows a totals row per year and one over the years in table and md', async () => {
    const table = (await runCli(['calc', '-', '--locale', 'en', '--lang', 'en'], { stdin: input })).stdout;
    expect(table).toMatch(/│ +│ Total 2024 \(2 rows\) +│ 2024 │ +1,222,147 d │ +150 d │ +10 d │ +140 d │ +359,723.00 s │/);
    expect(table).toMatch(/│ +│ Total 2023–2024 \(3 rows\) │ +│ +│ +│ +│ +│ +611,068.00 s │ +│ +│/);
    const md = (await runCli(['calc', '-', '--format', 'md', '--lang', 'en'], { stdin: input })).stdout;
    expect(md).toContain('|  | **Total 2024 (2 rows)** | **2024** | **1.222.147 d** | **150 d** | **10 d** | **140 d** | **359.723,00 s** | **0,29 s** | **0,01 d** |');
    // An official figure has no mark, and no padding inside the bold markers (CommonMark would not close "**100  **").
    expect(md).toContain('|  | **Total 2023 (1 row)** | **2023** | **603.462** | **100** | **0** | **100 d** | **251.345,00 d** |');
    expect(md).toContain('only money, which adds up across years');
  });

  it('totals claims, coverage and claims status of each year as of the whole', async () => {
    const doc = JSON.parse((await runCli(['calc', '-', '--rules', 'bund-kdu-analog', '--format', 'json'],
      { stdin: 'ags,year,eu2,insured\n05913000,2024,100,0\n05913000,2025,100,0\n05111000,2025,50,10\n' })).stdout);
    const pick = (t: Record<string, unknown>): unknown[] => [t.year, t.claims_total_eur, t.claims_total_status, t.uncovered_eur, t.coverage_pct];
    expect(doc.totals_by_year.map(pick)).toEqual([
      // The KdU analogy is in force from 2025 only: its zero in 2024 is derived (certain by its window).
      // 100 × 2,569.45 EUR (2024 prices)
      [2024, 0, 'derived', 256945, 0],
      // 140 × 2,625.44 = 367,561.60 (2025 prices); 10.1 % of it = 37,123.72; coverage 10.10 %
      [2025, 37123.72, 'assumption', 330437.88, 10.1],
    ]);
    // Over both years: 37,123.72 / 624,506.60 = 5.94 %, no average of the years' shares.
    expect(pick(doc.totals)).toEqual([undefined, 37123.72, 'assumption', 587382.88, 5.94]);
  });

  it('one year keeps the one totals row with every count', async () => {
    const doc = JSON.parse((await runCli(['calc', '-', '--format', 'json'], { stdin: 'ags,year,eu2,insured\n05913000,2024,100,0\n05111000,2024,50,10\n' })).stdout);
    expect(doc.totals_by_year).toBeUndefined();
    expect(doc.totals).toMatchObject({ rows: 2, eu2: 150, net: 140 });
  });
});

describe('three files joined on the key', () => {
  it('keeps population and insured columns of the EU2 file where no other file gives them', async () => {
    const own = mkdtempSync(join(tmpdir(), 'burden-own-'));
    writeFileSync(join(own, 'e.csv'), 'ags,eu2,population,insured\n05913,1000,5000,100\n');
    const { stdout, code } = await runCli(['calc', '--eu2', join(own, 'e.csv'), '--format', 'csv']);
    expect(code).toBe(0);
    // 900 net × 2,143 EUR = 1,928,700.00; / 5,000 inhabitants = 385.74; 1,000 / 5,000 = 20.00 %.
    expect(stdout.trim().split('\n')[1]).toBe('05913,"Dortmund, Stadt",,5000,1000,official,100,official,false,900,derived,2143.00,official,1928700.00,derived,385.74,20.00');
  });

  const dir = mkdtempSync(join(tmpdir(), 'burden-join-'));
  writeFileSync(join(dir, 'pop.csv'), 'ags;einwohner\n05913000;603.462\n05111000;618.685\n');
  writeFileSync(join(dir, 'eu2.csv'), 'Gemeindeschlüssel,Bulgarien,Rumänien\n05111000,2000,5770\n05913000,"5.000","8.495"\n');
  writeFileSync(join(dir, 'ins.csv'), 'ags\tinsured_bg\tinsured_ro\n05913000\t3000\t3971\n05111000\t1000\t3014\n');

  it('sums bg+ro, reads ; and tab files and keeps the EU2 file order', async () => {
    const { stdout, code, stderr } = await runCli(['calc', '--population', join(dir, 'pop.csv'), '--eu2', join(dir, 'eu2.csv'), '--insured', join(dir, 'ins.csv'), '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toBe('05111000,"Düsseldorf, Stadt",,618685,7770,official,4014,official,false,3756,derived,2143.00,official,8049108.00,derived,13.01,1.26');
    expect(lines[2]).toBe('05913000,"Dortmund, Stadt",,603462,13495,official,6971,official,false,6524,derived,2143.00,official,13980932.00,derived,23.17,2.24');
  });

  it('an unknown insured count is named in the insured file, at its line and header', async () => {
    const own = mkdtempSync(join(tmpdir(), 'burden-ins-'));
    writeFileSync(join(own, 'eu2.csv'), 'ags,eu2\n05111000,7770\n05913000,9000\n');
    writeFileSync(join(own, 'ins.csv'), 'ags;SVB\n05913000;4000\n05111000;x\n');
    const { code, stderr } = await runCli(['calc', '--eu2', join(own, 'eu2.csv'), '--insured', join(own, 'ins.csv')]);
    expect(code).toBe(65);
    expect(stderr).toBe(`error: ${join(own, 'ins.csv')}:3: column "SVB": insured count unknown (give the insured BG/RO employees, `
      + 'or --impute-insured national-2019 to estimate them, flagged as estimated)\n');
  });

  it('names the keys missing from one file', async () => {
    writeFileSync(join(dir, 'ins2.csv'), 'ags,insured\n05913000,6971\n');
    const { stderr, code } = await runCli(['calc', '--eu2', join(dir, 'eu2.csv'), '--insured', join(dir, 'ins2.csv')]);
    expect(code).toBe(65);
    expect(stderr).toContain('1 key of');
    expect(stderr).toContain('05111000');
    const skipped = await runCli(['calc', '--eu2', join(dir, 'eu2.csv'), '--insured', join(dir, 'ins2.csv'), '--allow-missing', '--format', 'csv']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout.trim().split('\n')).toHaveLength(2);
    expect(skipped.stderr).toMatch(/^warning: keys skipped/);
  });
});

describe('output files', () => {
  it('-o writes atomically and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-out-'));
    const target = join(dir, 'out.csv');
    const { code, stdout } = await runCli(['calc', '-', '--format', 'csv', '-o', target], { stdin: PAPER });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toContain('1148260117.00');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a failing run leaves an existing output untouched and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-out-'));
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'keep me');
    const { code } = await runCli(['calc', '-', '--format', 'csv', '-o', target], { stdin: `${PAPER}05,NRW,12.5,1\n` });
    expect(code).toBe(65);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});

describe('calc --years projects every row', () => {
  it('gives one row per Kreis and year on the default data, each figure with its status', async () => {
    const { stdout, code } = await runCli(['calc', '--years', '2025-2030', '--growth', 'trend', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,cost_per_inhabitant_eur,eu2_share_pct');
    // Every German Kreis (393 rows), six years each.
    expect(lines).toHaveLength(1 + 393 * 6);
    const duesseldorf = lines.filter((l) => l.startsWith('05111,'));
    // Base year 2025: EU2 as read, insured estimated, 2025 price index secondary.
    expect(duesseldorf[0]).toBe('05111,"Düsseldorf, kreisfreie Stadt",2025,618685,7770,official,4014,estimated,true,3756,estimated,2625.44,secondary,9861152.64,estimated,15.94,1.26');
    // 2026: 7,770 × 1.030288 (the national trend 2019–2025) = 8,005.34 → 8,005, projected; insured at
    // the base share, round(8,005 × 4,014 / 7,770) = round(4,135.40) = 4,135, net 3,870. The insured
    // count still rests on the imputed 2025 count: its status says projected, insured_estimated true.
    expect(duesseldorf[1]?.split(',').slice(3, 12)).toEqual(['2026', '618685', '8005', 'projected', '4135', 'projected', 'true', '3870', 'projected']);
  });

  it('projects three joined files exactly as the same data in one combined file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-years3-'));
    writeFileSync(join(dir, 'eu2.csv'), 'ags,name,eu2\n05111000,Düsseldorf,7770\n05913000,Dortmund,9000\n');
    writeFileSync(join(dir, 'insured.csv'), 'ags;svb\n05913000;4000\n05111000;4014\n');
    writeFileSync(join(dir, 'combined.csv'), 'ags,name,eu2,insured\n05111000,Düsseldorf,7770,4014\n05913000,Dortmund,9000,4000\n');
    const args = ['--years', '2025-2027', '--base-year', '2024', '--growth', 'rate:3', '--format', 'csv'];
    const joined = await runCli(['calc', '--eu2', join(dir, 'eu2.csv'), '--insured', join(dir, 'insured.csv'), ...args]);
    const combined = await runCli(['calc', join(dir, 'combined.csv'), ...args]);
    expect(joined.code).toBe(0);
    expect(joined.stdout).toBe(combined.stdout);
    // 9,000 × 1.03 = 9,270, insured at the base share 4,000/9,000: round(9,270 × 4/9) = 4,120.
    expect(joined.stdout.split('\n')[4]).toMatch(/^05913000,Dortmund,2025,603462,9270,projected,4120,projected,false,5150,projected,/);
  });

  it('refuses unknown insured counts unless --impute-insured, as calc without --years', async () => {
    const input = 'ags,eu2\n05913000,9000\n';
    const args = ['calc', '-', '--years', '2025-2026', '--base-year', '2024', '--format', 'csv'];
    const refused = await runCli(args, { stdin: input });
    expect(refused.code).toBe(65);
    expect(refused.stderr).toBe('error: <stdin>:1: no column for insured employees (add a column insured, svb, or insured_bg and insured_ro; '
      + 'or give --impute-insured national-2019 to estimate them, flagged as estimated)\n');
    const unknown = await runCli(args, { stdin: 'ags,eu2,insured\n05913000,9000,.\n' });
    expect(unknown.stderr).toBe('error: <stdin>:2: column "insured": insured count unknown (give the insured BG/RO employees, '
      + 'or --impute-insured national-2019 to estimate them, flagged as estimated)\n');
    const imputed = await runCli([...args, '--impute-insured', 'national-2019'], { stdin: input });
    expect(imputed.code).toBe(0);
    // round(9,000 × 572,574 / 1,108,393) = round(4,649.2…) = 4,649
    expect(imputed.stdout.split('\n')[1]).toMatch(/^05913000,"Dortmund, Stadt",2025,603462,9000,projected,4649,projected,true,4351,/);
  });

  it('takes a calibrated --rate-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-yrate-'));
    const rate = join(dir, 'rate.json');
    expect((await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', rate])).code).toBe(0);
    const { code, stdout } = await runCli(['calc', '-', '--years', '2019-2019', '--base-year', '2019', '--rate-file', rate, '--format', 'csv'],
      { stdin: 'ags,eu2,insured\n05913000,100,0\n' });
    expect(code).toBe(0);
    // 100 × 2,143.02 (15,639,763 / 7,298 = 2,143.0204…, to the cent)
    expect(stdout.split('\n')[1]).toBe('05913000,"Dortmund, Stadt",2019,603462,100,official,0,official,false,100,derived,2143.02,official,214302.00,derived,0.36,0.02');
  });

  it('refuses projection options without --years', async () => {
    const { code, stderr } = await runCli(['calc', '--growth', 'trend']);
    expect(code).toBe(64);
    expect(stderr).toBe('error: --growth needs --years FROM-TO (e.g. --years 2025-2030 --growth trend)\n');
  });
});

describe('guards found in review', () => {
  it.each([
    [['--set', 'vpi=5'], 'error: --set vpi=5: "vpi" is a dated series of 11 values and cannot be set to one number (see burden params vpi)'],
    [['--set', 'bund_pauschale=-500'], 'error: --set bund_pauschale=-500: an amount in euros cannot be below 0 (see burden params bund_pauschale)'],
    [['--set', 'rate=2143.555'], 'error: --set rate=2143.555: is not an amount in euros (e.g. 2143, 2143.50 or 2.143,50) (see burden params rate)'],
    // The KdU share is now a dated series (2017–2020), so no single --set value is taken, in range or not.
    [['--set', 'kdu_refugee_share_nrw=150'],
      'error: --set kdu_refugee_share_nrw=150: "kdu_refugee_share_nrw" is a dated series of 4 values and cannot be set to one number (see burden params kdu_refugee_share_nrw)'],
    // Was accepted and gave claims of -50 % of the cost (uncovered above the cost).
    [['--set', 'kdu_refugee_share_nrw=-50', '--rules', 'bund-kdu-analog', '--year', '2025'],
      'error: --set kdu_refugee_share_nrw=-50: "kdu_refugee_share_nrw" is a dated series of 4 values and cannot be set to one number (see burden params kdu_refugee_share_nrw)'],
    [['--set', 'rate=2500', '--rate', '3000'], 'error: --rate and --set rate=… both set the rate (give one of them)'],
  ])('--set refuses %j', async (args, message) => {
    const { code, stderr } = await runCli(['calc', ...args]);
    expect(code).toBe(64);
    expect(stderr).toBe(`${message}\n`);
  });

  it.each([
    ['calc', '--rate-file'],
    ['calc', '--rules'],
    ['extrapolate', '--rate-file'],
    ['extrapolate', '--rules'],
  ])('%s: -o naming the %s file is refused, and the file kept', async (command, flag) => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-oin-'));
    const file = join(dir, 'input.json');
    const text = flag === '--rules' ? readFileSync('data/rules/bund-pauschale.json', 'utf8') : readFileSync('data/parameters/rate.json', 'utf8');
    writeFileSync(file, text);
    const input = command === 'calc' ? ['-', '--year', '2025'] : [];
    const { code, stderr } = await runCli([command, ...input, flag, file, '--format', 'csv', '-o', file], { stdin: 'ags,eu2,insured\n05913000,100,0\n' });
    expect(stderr).toBe(`error: ${file}: is one of the input files: refusing to overwrite an input (choose another output path)\n`);
    expect(code).toBe(64);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['input.json']);
  });

  it('never writes into the shipped data', async () => {
    const { code, stderr } = await runCli(['calc', '--format', 'json', '-o', 'data/parameters/rate.json']);
    expect(code).toBe(64);
    expect(stderr).toBe('error: data/parameters/rate.json: is inside the shipped data of burden: refusing to overwrite it (choose a path outside data/ and dist/)\n');
  });

  it('--strict fails on warnings and leaves no output file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-strict-'));
    const { code, stderr } = await runCli(['calc', '-', '--format', 'csv', '--strict', '-o', join(dir, 'out.csv')], { stdin: 'ags,eu2,insured\n05111,800,900\n' });
    expect(code).toBe(65);
    expect(stderr).toMatch(/^warning: more insured employees than EU2 residents; net persons clamped to 0 in 1 row: 05111/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a closed pipe (| head) is not an error', () => {
    const result = spawnSync('bash', ['-c', `node ${BIN} calc --format csv | head -1`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stdout).toBe('ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,cost_per_inhabitant_eur,eu2_share_pct\n');
    expect(result.stderr).toBe('');
  });
});

describe('Windows-1252 on standard input', () => {
  it('reads 0x80–0x9F as the characters Windows-1252 gives them (€, –), as from a file', async () => {
    const input = Buffer.from('ags,name,eu2,insured\n05315,K\xf6ln \x96 \x80 Stadt,100,5\n', 'latin1');
    const { stdout, code } = await runCli(['calc', '-', '--format', 'csv'], { stdin: input });
    expect(code).toBe(0);
    expect(stdout).toContain('05315,Köln – € Stadt,');
  });
});

describe('-o through links and descriptors', () => {
  it('writes the file a symbolic link names, and keeps the link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-link-'));
    writeFileSync(join(dir, 'real.csv'), 'old');
    symlinkSync('real.csv', join(dir, 'link.csv'));
    expect((await runCli(['calc', '--format', 'csv', '-o', join(dir, 'link.csv')])).code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8').split('\n')).toHaveLength(395);
  });

  it('-o at a name an existing folder refuses (/dev/stdin of a pipe) does not claim the folder is missing', () => {
    const result = spawnSync('bash', ['-c', `printf 'ags,eu2,insured\\n05913,5,1\\n' | "${process.execPath}" "${BIN}" calc - -o /dev/stdin`], { encoding: 'utf8' });
    expect(result.status).toBe(73);
    expect(result.stderr).toBe('error: /dev/stdin: cannot be created there (no such file or device) (choose a path in an ordinary folder)\n');
  });

  it('-o /dev/stdout redirected to a file writes through the descriptor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-dev-'));
    const result = spawnSync('bash', ['-c', `node ${BIN} calc --format csv -o /dev/stdout > ${join(dir, 'out.csv')}`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')).toHaveLength(395);
  });
});

describe('one reading of amounts', () => {
  it('--set rate=2.500 and --rate 2.500 are both refused as ambiguous (2,500 or 2.5 EUR?)', async () => {
    const viaSet = await runCli(['calc', '-', '--format', 'csv', '--set', 'rate=2.500'], { stdin: PAPER });
    const viaRate = await runCli(['calc', '-', '--format', 'csv', '--rate', '2.500'], { stdin: PAPER });
    const why = '"." before three digits separates thousands in German writing and decimals in English (write 2500 for 2500 EUR, or 2.50 for 2.50 EUR)';
    expect([viaSet.code, viaSet.stderr]).toEqual([64, `error: --set rate=2.500: is ambiguous: ${why} (see burden params rate)\n`]);
    expect([viaRate.code, viaRate.stderr]).toEqual([64, `error: --rate: "2.500" is ambiguous: ${why} (see burden calc --help)\n`]);
  });

  it('--set reads euros as --rate does, and other units as plain decimals', async () => {
    const row = async (set: string): Promise<string> => (await runCli(['calc', '-', '--format', 'csv', '--set', set], { stdin: PAPER })).stdout.split('\n')[1] ?? '';
    expect(await row('rate=2.143,50')).toContain(',2143.50,assumption,');
    expect(await row('rate=1.234.567')).toContain(',1234567.00,assumption,');
    const comma = await runCli(['calc', '-', '--set', 'inflation_assumed=1,5'], { stdin: PAPER });
    expect(comma.stderr).toBe('error: --set inflation_assumed=1,5: is not a number in percent (e.g. 2.5, with "." as the decimal mark) (see burden params inflation_assumed)\n');
  });

  it('--set rate=2500 and --rate 2.500,00 both mean 2,500 EUR', async () => {
    const viaSet = (await runCli(['calc', '-', '--format', 'csv', '--set', 'rate=2500'], { stdin: PAPER })).stdout;
    const viaRate = (await runCli(['calc', '-', '--format', 'csv', '--rate', '2.500,00'], { stdin: PAPER })).stdout;
    expect(viaSet).toBe(viaRate);
    // A rate set for the run is flagged in every row, even in csv, which has no metadata.
    expect(viaSet).toContain(',2500.00,assumption,1339547500.00,');
  });

  it('a rate set with --rate is flagged alike in calc and in a projection', async () => {
    const calc = (await runCli(['calc', '-', '--format', 'csv', '--rate', '2500'], { stdin: PAPER })).stdout;
    expect(calc.split('\n')[0]).toContain(',rate_eur,rate_status,cost_eur,');
    expect(calc.split('\n')[1]).toContain(',2500.00,assumption,');
    const projected = (await runCli(['extrapolate', '--rate', '2500', '--format', 'csv'])).stdout;
    // One status scale on every path: a rate given for the run is an assumption in the projection too.
    expect(projected.split('\n')[1]).toContain(',2500.00,assumption,1339547500.00,assumption');
  });

  it('refuses a zero national EU2 count, which the insured estimate divides by', async () => {
    const { code, stderr } = await runCli(['calc', '--set', 'eu2_residents_de=0']);
    expect(code).toBe(64);
    expect(stderr).toBe('error: parameter eu2_residents_de is 0: the national ratio needs EU2 residents above 0 (set it to a positive count, or give the insured counts in the input)\n');
  });
});

describe('what calc says beyond its columns', () => {
  // An NRW pot that no Kreis can reach: the shipped NRW Kreise that share it are all below the threshold too.
  const noneEligible = join(mkdtempSync(join(tmpdir(), 'burden-noelig-')), 'rules.json');
  writeFileSync(noneEligible, JSON.stringify({ id: 'test-pot', title: 't', description: 't', programmes: [{ id: 'pot', label: 'test pot', kind: 'fixed_pot',
    from: '2024-01-01', to: null, status: 'assumption', source: 'test', pot_eur: 5500000, key: 'eu2', eligibility: { land: '05', min_eu2: 1000000 } }] }));

  it('warns on stderr, in every format, of pot money that reaches no municipality', async () => {
    const { code, stdout, stderr } = await runCli(['calc', '-', '--rules', noneEligible, '--year', '2024', '--format', 'csv'], { stdin: 'ags,eu2,insured\n05913,30000,15000\n' });
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toContain(',0.00,assumption,0.00,assumption,');
    expect(stderr).toBe('warning: pot money of test-pot/pot reaches no municipality (none in the input is eligible, or all are capped): 5,500,000.00 EUR for 2024\n');
    // A Kreis outside NRW gets nothing of the NRW pot, and no money is lost: the shipped NRW Kreise share all of it.
    const munich = await runCli(['calc', '-', '--rules', 'nrw-2024', '--year', '2024', '--format', 'csv'], { stdin: 'ags,eu2,insured\n09162,30000,15000\n' });
    expect(munich.code).toBe(0);
    expect(munich.stdout.split('\n')[1]).toContain(',0.00,assumption,0.00,assumption,');
    expect(munich.stderr).toBe('');
  });

  it('--strict ends with an error line after the warnings, and writes no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-strict2-'));
    const { code, stderr } = await runCli(['calc', '-', '--rules', noneEligible, '--year', '2024', '--strict', '-o', join(dir, 'out.csv')], { stdin: 'ags,eu2,insured\n05913,30000,15000\n' });
    expect(code).toBe(65);
    expect(stderr.split('\n').slice(1)).toEqual([
      `error: --strict: the warning above fails the run; ${join(dir, 'out.csv')} is not written (correct what it points at, or leave out --strict to accept it)`, '']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['json', {}],
    ['csv', {}],
    ['csv on the parallel path', { BURDEN_PARALLEL_MIN_BYTES: '1', BURDEN_THREADS: '2' }],
  ])('warns in %s when rows contain other rows (a Land sum beside its Kreise), so --strict fails alike', async (format, env: Record<string, string>) => {
    const input = 'ags,name,eu2,insured\n05,NRW,273725,100000\n05913,Dortmund,13495,5000\n05913000,Dortmund Stadt,13495,5000\n05111,Düsseldorf,7770,4014\n';
    const args = ['calc', '-', '--format', format.split(' ')[0] ?? 'csv', '--strict'];
    // The parallel path starts its worker threads from the built dist/worker.js, in this process too.
    const { code, stderr } = await runCli(args, { stdin: input, env });
    expect(code).toBe(65);
    expect(stderr.split('\n')[0]).toBe("warning: rows whose area contains other rows' areas: their people count twice in the totals and in any pot's key "
      + '(keep one level, e.g. drop Land and Kreis sums) in 2 rows: 05 contains 05913; 05913 contains 05913000');
  });

  it('rows of different years do not contain each other', async () => {
    const { stderr } = await runCli(['calc', '-', '--format', 'csv'], { stdin: 'ags,year,eu2,insured\n05,2023,100,0\n05913,2024,10,0\n' });
    expect(stderr).toBe('');
  });

  it('notes when programme amounts and costs are at different price levels, and when --year moves the counts', async () => {
    // Costs are at the prices of the counts' year (2025 for the shipped data) unless --price-year fixes another level.
    const atRatePrices = JSON.parse((await runCli(['calc', '--rules', 'nrw-2025-kim', '--price-year', '2019', '--format', 'json'])).stdout).meta.notes as string[];
    expect(atRatePrices).toContain('Programme amounts are those of the budget year 2025, costs are at 2019 prices: claims, uncovered cost and coverage '
      + 'compare different price levels (give --price-year 2025 to price the costs in the budget year).');
    for (const args of [[], ['--year', '2025']]) {
      const inBudgetYear = JSON.parse((await runCli(['calc', '--rules', 'nrw-2025-kim', ...args, '--format', 'json'])).stdout).meta.notes as string[];
      expect(inBudgetYear.filter((n) => n.startsWith('Programme amounts'))).toEqual([]);
    }
    const moved = await runCli(['calc', '--rules', 'nrw-2025-kim', '--year', '2030', '--format', 'json']);
    expect(JSON.parse(moved.stdout).meta.notes).toContain('The counts are for 2025; --year 2030 applies them unchanged to the budget year 2030 (calc --years projects them).');
    // Nothing of nrw-2024 is in force in 2030: the warning does not ask for the --year already given.
    expect((await runCli(['calc', '--rules', 'nrw-2024', '--year', '2030', '--format', 'csv'])).stderr).toMatch(/so every claim is 0\n$/);
  });

  it('marks every claim with the status of what it rests on, the pot total with its amount\'s', async () => {
    const md = (await runCli(['calc', '--rules', 'nrw-2025-kim', '--rules', 'bund-kdu-analog', '--year', '2025', '--land', 'NW', '--format', 'md', '--lang', 'en'])).stdout;
    const letter = (cell: string): string => / ([a-z])\**$/.exec(cell.replace(' |', ''))?.[1] ?? '';
    const cells = (md.split('\n').find((l) => l.startsWith('| 05111 ')) ?? '').split(' | ').slice(9);
    // nrw-2025-kim: suedosteuropa (not in force: its zero is derived), kim_flex (a proposed pot shared by an
    // assumed key: assumption), claims; uncovered and coverage (on the estimated cost, and the claims: assumption);
    // then bund-kdu-analog (a share of cost under the rule's assumptions), its claims, uncovered, coverage, and the difference.
    expect(cells.map(letter)).toEqual(['d', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a']);
    // The totals: the proposed pot sums to its amount exactly, so its total is as sure as the amount (proposed).
    const totals = (md.split('\n').find((l) => l.includes('**Total (53 rows)**')) ?? '').split(' | ').slice(9);
    expect(totals.map(letter)).toEqual(['d', 'r', 'r', 'a', 'a', 'a', 'a', 'a', 'a', 'a']);
  });

  it('projections warn of unallocated pot money too, once per pot with its years', async () => {
    const { stderr, code } = await runCli(['calc', '-', '--years', '2023-2025', '--base-year', '2023', '--rules', 'nrw-2024', '--format', 'csv', '--strict'],
      { stdin: 'ags,eu2,insured\n09162000,30000,15000\n' });
    // The shipped counts (2025) cannot fill the pot's area in 2023 and 2024, so it is shared over the input alone;
    // the Südosteuropa pot runs to 2024: nothing of it in 2025, and Munich is not in NRW.
    expect(stderr.split('\n').slice(0, 2)).toEqual([
      'warning: the shipped counts that fill a pot\'s area start after the first projected year: fixed pots are shared over the input\'s rows only, '
        + 'so their claims are an upper bound (start the projection in the counts\' year or later) in 1 row: counts of 2025, first projected year 2023',
      'warning: pot money of nrw-2024/suedosteuropa reaches no municipality (none in the input is eligible, or all are capped): '
        + '5,500,000.00 EUR for 2023, 5,500,000.00 EUR for 2024']);
    expect(code).toBe(65);
  });

  it('a pot shared in full by net persons: each share rests on estimates, its total is the pot exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-netpot-'));
    const rules = join(dir, 'net-pot.json');
    writeFileSync(rules, JSON.stringify({ id: 'net-pot', title: 'a pot by net persons', description: 'test', programmes: [{
      id: 'pot', label: 'Pot', kind: 'fixed_pot', pot_eur: 1000000, key: 'net', from: '2025-01-01', to: null, status: 'official', source: 'test' }] }));
    const md = (await runCli(['calc', '--rules', rules, '--year', '2025', '--format', 'md', '--lang', 'en'])).stdout;
    const claim = (line: string | undefined): string => (line ?? '').split(' | ')[9] ?? '';
    expect(claim(md.split('\n').find((l) => l.startsWith('| 05111 ')))).toMatch(/ e$/);
    // A pot without a Land is shared over all of Germany, the 393 Kreise of the default data.
    // The total is the pot, exactly: as sure as its official amount, and derived as a sum of shares (not estimated).
    expect(claim(md.split('\n').find((l) => l.includes('**Total (393 rows)**')))).toBe('**1.000.000,00 d**');
  });
});


describe('--land on a file whose first batches hold no row of the Land', () => {
  it('writes the head of streamed json and md once: valid json, one md table; no warning about rows it does not show', async () => {
    // More rows of NRW than one batch of the reader (4,096), then one of Thüringen.
    let text = 'ags,name,eu2,insured\n';
    for (let i = 0; i < 9_000; i++) text += `05${String(i).padStart(6, '0')},G${i},${i % 500},${i % 100}\n`;
    text += '16055000,Erfurt,100,10\n';
    const json = await runCli(['calc', '-', '--land', '16', '--format', 'json'], { stdin: text });
    expect(json.code).toBe(0);
    // The NRW keys are in no register: without --land each would be "population unknown".
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout) as { rows: { ags: string }[] };
    expect(parsed.rows.map((r) => r.ags)).toEqual(['16055000']);
    const md = await runCli(['calc', '-', '--land', '16', '--format', 'md'], { stdin: text });
    expect(md.stdout.match(/^\| AGS \|/gm)).toHaveLength(1);
    expect(md.stdout).toContain('| 16055000 | Erfurt |');
  });
});

describe('where the population comes from, in the notes', () => {
  it('says it in place, citing the register by number; json names the register in words', async () => {
    const input = 'ags,name,eu2,insured\n05913,Dortmund,13495,6971\n';
    const md = (await runCli(['calc', '-', '--format', 'md'], { stdin: input })).stdout;
    const cited = /^Einwohner: aus der Eingabe, wo angegeben, sonst aus dem Gemeindeverzeichnis \[(\d+)\]\. {2}$/m.exec(md)?.[1];
    expect(cited).toBeDefined();
    expect(md).toContain(`- [${cited}] shipped dataset "register-2024": `);
    const en = (await runCli(['calc', '-', '--format', 'md', '--lang', 'en'], { stdin: input })).stdout;
    expect(en).toMatch(/^Population: from the input where given, otherwise from the register \[\d+\]\. {2}$/m);
    const json = JSON.parse((await runCli(['calc', '-', '--format', 'json'], { stdin: input })).stdout) as { meta: { population: string } };
    expect(json.meta.population).toMatch(/^from the input where given, otherwise from the shipped dataset "register-2024": /);
  });
});

describe('a workbook onto a terminal', () => {
  it.each([['calc'], ['extrapolate']])('%s --format xlsx is refused before anything is computed, exit 64', async (command) => {
    const { code, stdout, stderr } = await runCli([command, '--format', 'xlsx'], { terminal: true });
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: --format xlsx writes a binary file, not text for a terminal (give -o FILE, e.g. -o report.xlsx)\n');
  });
});

describe('--explain says what the figure was computed from', () => {
  it('the ratio scaled per Kreis with --impute-insured regional-2019, as the row used it', async () => {
    const input = 'ags,name,year,eu2\n05913,Dortmund,2025,13495\n';
    const { stdout } = await runCli(['calc', '-', '--impute-insured', 'regional-2019', '--explain', '05913', '--lang', 'en', '--locale', 'en'], { stdin: input });
    // 13,495 × 572,574 / 1,108,393 × 39.9 % / 49.8 % = 5,585.
    expect(stdout).toMatch(/ 5,585 of them are estimated to be in insured employment \(national ratio of 31\.12\.2019: 572,574 insured employees to 1,108,393 EU2 residents \[\d+\] \[\d+\], scaled by the Kreis's employment rate of foreign nationals, 39\.9 %, over Germany's, 49\.8 %\)\./);
    const csv = (await runCli(['calc', '-', '--impute-insured', 'regional-2019', '--format', 'csv'], { stdin: input })).stdout;
    expect(csv.split('\n')[1]).toContain(',13495,official,5585,estimated,');
  });

  it('the rate of the row\'s own year, for rows of several years', async () => {
    const input = 'ags,name,year,eu2,insured\n05913,Dortmund,2023,13000,6000\n05111,Düsseldorf,2025,7770,4014\n';
    const { stdout } = await runCli(['calc', '-', '--explain', '05913', '--lang', 'en', '--locale', 'en'], { stdin: input });
    expect(stdout).toContain('At 2023 prices that is 2,513.45 EUR');
    expect(stdout).toContain('Cost: 7,000 persons × 2,513.45 EUR = 17,594,150.00 EUR a year (derived).');
  });
});
