import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * `burden extrapolate` (issue 4). The golden figures are the paper's (Städtetag NRW,
 * Arbeitspapier 2021, S. 10): 1,108,393 − 572,574 = 535,819 net persons × 2,143 EUR =
 * 1,148,260,117 EUR, "rund 1,15 Milliarden Euro pro Jahr".
 */
describe('burden extrapolate reproduces the paper with no options', () => {
  it('prints 535.819 persons and 1.148.260.117 € (locale de)', async () => {
    const { stdout, stderr, code } = await runCli(['extrapolate', '--lang', 'en']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // calc's table: one row, which is its own total (no totals line repeats it), the derived figures marked d.
    expect(stdout).toMatch(/│ 00 +│ Deutschland +│ +│ 1\.108\.393 +│ 572\.574 +│ 535\.819 d │ 1\.148\.260\.117,00 d │/);
    expect(stdout).not.toContain('Total (1 row)');
    expect(stdout).toContain('rate 2.143,00 EUR per net person and year, price level 2019');
    expect(stdout).toContain('d = derived');
    // The paper's caveats travel with the figure.
    expect(stdout).toContain('lasting social participation');
    expect(stdout).toContain('footnote 2');
  });

  it('the same in English number format', async () => {
    const { stdout } = await runCli(['extrapolate', '--locale', 'en', '--lang', 'en']);
    expect(stdout).toMatch(/│ 00 +│ Deutschland +│ +│ 1,108,393 +│ 572,574 +│ 535,819 d │ 1,148,260,117\.00 d │/);
    expect(stdout).toContain('rate 2,143.00 EUR per net person and year');
  });

  it('csv: one line, every figure with its status', async () => {
    const { stdout, code } = await runCli(['extrapolate', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,cost_per_inhabitant_eur,eu2_share_pct\n' +
        // The national figure has no population: no per-inhabitant cost, no share.
        '00,Deutschland,2019,,1108393,official,572574,official,false,535819,derived,2143.00,official,1148260117.00,derived,,\n',
    );
  });

  it('json: numbers as numbers, statuses, and the parameters\' sources in meta', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', '--format', 'json'])).stdout);
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]).toMatchObject({ ags: '00', year: 2019, eu2: 1108393, insured: 572574, net: 535819, net_status: 'derived', cost_eur: 1148260117, cost_status: 'derived' });
    expect(doc.meta.rate).toMatchObject({ base_eur: 2143, base_price_year: 2019, price_year: 2019 });
    expect(doc.meta.rate.source).toContain('S. 10');
    expect(doc.meta.notes.join(' ')).toContain('eu2_residents_de');
    expect(doc.meta.projection).toMatchObject({ aggregation: 'none', years: null, growth: null, range: null });
    // No rule sets, no scenarios; one year, so one totals object and no totals per year.
    expect(doc.meta.scenarios).toBeUndefined();
    expect(doc.totals).toMatchObject({ rows: 1, eu2: 1108393, insured: 572574, net: 535819, cost_eur: 1148260117, cost_status: 'derived' });
    expect(doc.totals_by_year).toBeUndefined();
    expect(doc.warnings).toEqual([]);
  });

  it('md: calc\'s table with the one row', async () => {
    const { stdout } = await runCli(['extrapolate', '--format', 'md', '--lang', 'en']);
    // The statement view is gone; the same figures stand in calc's md table.
    expect(stdout).toContain('| 00 | Deutschland |  | 1.108.393 | 572.574 | 535.819 d | 1.148.260.117,00 d |  |  |');
    expect(stdout).not.toContain('Total (1 row)');
    expect(stdout).toContain('footnote 2');
  });

  it('is byte-identical run after run in every format', async () => {
    for (const format of ['table', 'csv', 'json', 'md']) {
      expect((await runCli(['extrapolate', '--format', format, '--lang', 'en'])).stdout).toBe((await runCli(['extrapolate', '--format', format, '--lang', 'en'])).stdout);
    }
  });
});

describe('totals and price level', () => {
  it('--eu2 and --insured give the same figure as the paper', async () => {
    const { stdout } = await runCli(['extrapolate', '--eu2', '1.108.393', '--insured', '572574', '--format', 'csv']);
    expect(stdout.trim().split('\n')[1]).toBe(',Total,,,1108393,official,572574,official,false,535819,derived,2143.00,official,1148260117.00,derived,,');
  });

  it('--eu2 alone estimates the insured and flags them: round(100,000 × 572,574 / 1,108,393) = 51,658', async () => {
    const { stdout } = await runCli(['extrapolate', '--eu2', '100000', '--format', 'csv']);
    expect(stdout.trim().split('\n')[1]).toBe(',Total,,,100000,official,51658,estimated,true,48342,estimated,2143.00,official,103596906.00,estimated,,');
  });

  it('--price-year 2024 uprates with the secondary index: 2,569.45 EUR, flagged secondary', async () => {
    const { stdout } = await runCli(['extrapolate', '--price-year', '2024', '--format', 'csv']);
    // 535,819 × 2,569.45 EUR
    expect(stdout).toContain(',535819,derived,2569.45,secondary,1376760129.55,secondary,,\n');
  });
});

describe('projection over years', () => {
  it('--years 2019-2021 --growth rate:7.3: hand-computed persons, rates and costs, flagged', async () => {
    const { stdout, code } = await runCli(['extrapolate', '--years', '2019-2021', '--growth', 'rate:7.3', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').slice(1)).toEqual([
      '00,Deutschland,2019,,1108393,official,572574,official,false,535819,derived,2143.00,official,1148260117.00,derived,,',
      // 1,108,393 × 1.073 = 1,189,305.689 → 1,189,306; insured round(1,189,306 × 572,574 / 1,108,393) = 614,372;
      // rate round(2,143 × 100.0 / 99.5, 2) = 2,153.77.
      '00,Deutschland,2020,,1189306,projected,614372,projected,false,574934,projected,2153.77,derived,1238275601.18,projected,,',
      // 1,189,306 × 1.073 = 1,276,125.338 → 1,276,125; rate round(2,143 × 103.1 / 99.5, 2) = 2,220.54.
      '00,Deutschland,2021,,1276125,projected,659221,projected,false,616904,projected,2220.54,derived,1369860008.16,projected,,',
    ]);
  });

  it('prints the trend it computed from the shipped series: trend = 3.0288 % a year (2019–2025), in the report\'s locale', async () => {
    const { stdout } = await runCli(['extrapolate', '--years', '2026-2027', '--growth', 'trend', '--lang', 'en']);
    // The table defaults to de: a decimal comma and points between thousands, as in the table above the notes.
    // (1,325,700 / 1,108,393)^(1/6) − 1 = 3.0288 %.
    expect(stdout).toContain('EU2 growth (trend): EU2 residents grow by 3,0288 % a year');
    expect(stdout).toContain('2019–2025 (1.108.393 → 1.325.700; 2019: Städtetag NRW Arbeitspapier 2021, Tabelle 1');
    const en = (await runCli(['extrapolate', '--years', '2026-2027', '--growth', 'trend', '--range', '--locale', 'en', '--lang', 'en'])).stdout;
    expect(en).toContain('EU2 growth (trend): EU2 residents grow by 3.0288 % a year');
    expect(en).toContain('2019–2025 (1,108,393 → 1,325,700;');
    // The default range: the lowest and highest of constant, the recent trend, the paper's trend 2014–2019 and the central growth.
    expect(en).toContain('with EU2 growth constant / trend 2014–2019 (0.0000 % / 15.5273 % a year)');
    expect(stdout).toContain('After 2025 the price index is carried forward at 2 % a year');
    // calc's table: a Year column and one line per key and year (the year-by-column table is gone),
    // a totals line per year and one over both years with money only.
    expect(stdout).toMatch(/│ AGS │ Name +│ Year │ Population │ +EU2 │/);
    expect(stdout).toMatch(/│ 00 +│ Deutschland +│ 2026 │ +│ 1\.365\.854 p │ 705\.573 p │ 660\.281 p │ 1\.768\.199\.503,95 p │/);
    expect(stdout).toMatch(/│ 00 +│ Deutschland +│ 2027 │ +│ 1\.407\.223 p │ 726\.944 p │ 680\.279 p │ 1\.858\.195\.694,08 p │/);
    // 1,768,199,503.95 + 1,858,195,694.08 = 3,626,395,198.03
    expect(stdout).toMatch(/│ +│ Total 2026–2027 \(2 rows\) │ +│ +│ +│ +│ +│ 3\.626\.395\.198,03 p │/);
  });

  it('--range adds low/high and the driver in csv, with low ≤ central ≤ high', async () => {
    const { stdout, code } = await runCli(['extrapolate', '--years', '2019-2030', '--growth', 'trend', '--range', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.trim().split('\n');
    expect(header).toContain(',cost_status,cost_per_inhabitant_eur,eu2_share_pct,net_low,net_high,cost_low_eur,cost_high_eur,range_status,range_driver');
    expect(lines).toHaveLength(12);
    for (const line of lines) {
      const cells = line.split(',');
      const [cost, low, high] = [cells[13], cells[19], cells[20]].map(Number);
      expect(low).toBeLessThanOrEqual(cost as number);
      expect(cost).toBeLessThanOrEqual(high as number);
    }
    // 2019: only the rate varies, 535,819 × 1,714.40 … × 2,571.60.
    // The spread is assumed, so the range is at least an assumption.
    expect(lines[0]).toContain(',918608093.60,1377912140.40,assumption,rate');
    expect(lines[11]?.endsWith(',projected,growth')).toBe(true);
  });

  it('a CSV aggregated by Land, projected from its year column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-extra-'));
    const file = join(dir, 'kreise.csv');
    writeFileSync(file, 'ags;name;eu2;insured;jahr\n05913;Dortmund;13.495;7000;2025\n05111;Düsseldorf;7770;;2025\n09162;München;20000;12000;2025\n');
    const { stdout, code, stderr } = await runCli(['extrapolate', file, '--by', 'land', '--years', '2025-2026', '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    // NRW: 13,495 + 7,770 EU2; insured 7,000 + round(7,770 × 572,574 / 1,108,393) = 7,000 + 4,014 (estimated).
    expect(lines[1]).toBe('05,Nordrhein-Westfalen,2025,1222147,21265,derived,11014,estimated,true,10251,estimated,2625.44,secondary,26913385.44,estimated,22.02,1.74');
    expect(lines[2]).toMatch(/^05,Nordrhein-Westfalen,2026,1222147,21265,projected,11014,projected,true,10251,projected,2677\.95,projected,/);
    expect(lines[3]).toBe('09,Bayern,2025,1505005,20000,official,12000,official,false,8000,derived,2625.44,secondary,21003520.00,secondary,13.96,1.33');
  });
});

describe('usage errors', () => {
  it.each([
    [['extrapolate', '--insured', '5'], /--insured needs --eu2/],
    [['extrapolate', '--growth', 'trend'], /--growth needs a projection/],
    [['extrapolate', '--years', '2018-2020'], /are for 2019, after the first projected year 2018/],
    [['extrapolate', '--growth', 'quick', '--years', '2020-2021'], /"quick" is not a growth scenario/],
    [['extrapolate', '--years', '2030-2020'], /the years run backwards/],
    [['extrapolate', '--rate-spread', '10'], /--rate-spread needs --range/],
    [['extrapolate', '--years', '2020-2021', '--growth', 'trend:20'], /no value for 2005 \(it covers 2006–2025; choose N up to 19\)/],
  ])('%j', async (args, message) => {
    const { stderr, code, stdout } = await runCli(args);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('output files', () => {
  it('-o writes atomically and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-extra-out-'));
    const target = join(dir, 'out.csv');
    const { code, stdout } = await runCli(['extrapolate', '--years', '2025-2030', '--format', 'csv', '-o', target]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(7);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});

describe('several years per key: one base row per key (the latest year not after the first projected year)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burden-years-'));
  const y2 = join(dir, 'y2.csv');
  writeFileSync(y2, 'ags,year,eu2,insured\n05913,2023,1000,100\n05913,2024,1200,100\n');
  // From 2024, the 2024 row is the base: net 1,200 − 100 = 1,100; 1,100 × 2,569.45 = 2,826,395.00 (2024),
  // constant growth, 1,100 × 2,625.44 = 2,887,984.00 (2025). The 2023 row is not projected as well.
  const expected = [
    '05913,"Dortmund, Stadt",2024,603462,1200,official,100,official,false,1100,derived,2569.45,secondary,2826395.00,secondary,4.68,0.20',
    '05913,"Dortmund, Stadt",2025,603462,1200,projected,100,projected,false,1100,projected,2625.44,secondary,2887984.00,projected,4.79,0.20',
  ];

  it.each([
    [['calc', y2, '--years', '2024-2025', '--format', 'csv']],
    [['extrapolate', y2, '--by', 'none', '--years', '2024-2025', '--format', 'csv']],
  ])('%j prints each (key, year) once', async (args) => {
    const { stdout, stderr, code } = await runCli(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').slice(1)).toEqual(expected);
  });

  it('says which year each key is projected from, in the notes', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', y2, '--by', 'none', '--years', '2024-2025', '--format', 'json'])).stdout);
    expect(doc.rows).toHaveLength(2);
    // Rows no longer carry base_year: the 2024 row is the base (official counts), 2025 is projected from it.
    expect(doc.rows[0]).toMatchObject({ ags: '05913', year: 2024, eu2: 1200, eu2_status: 'official' });
    expect(doc.rows[1]).toMatchObject({ ags: '05913', year: 2025, eu2: 1200, eu2_status: 'projected' });
    expect(doc.meta.notes.join(' ')).toContain('each key is projected from its latest year not after 2024, the first projected year (e.g. 05913: counts for 2023, 2024, projected from 2024)');
  });

  it('a projection from 2025 takes the 2024 row too; --by total takes each municipality\'s base row, then sums', async () => {
    const { stdout } = await runCli(['extrapolate', y2, '--years', '2025-2025', '--format', 'csv']);
    // Total of 2024 (1,200 − 100 = 1,100) at 2025 prices, 1,100 × 2,625.44 = 2,887,984.00.
    expect(stdout.trim().split('\n').slice(1)).toEqual([',Total (1 row),2025,603462,1200,projected,100,projected,false,1100,projected,2625.44,secondary,2887984.00,projected,4.79,0.20']);
  });

  it('refuses a key with no year at or before the first projected year: exit 65, one line naming the key and its years', async () => {
    const { stdout, stderr, code } = await runCli(['calc', y2, '--years', '2022-2025', '--format', 'csv']);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    // Line 2 is the key's first row.
    expect(stderr).toBe(`error: ${y2}:2: key 05913 has counts for 2023, 2024 only, none in or before the first projected year 2022 ` +
      '(start the projection in 2023 or later (projections do not run backwards), or add counts for 2022 or earlier)\n');
  });

  it('without --years each (key, year) row stays, as before', async () => {
    const { stdout } = await runCli(['extrapolate', y2, '--by', 'none', '--format', 'csv']);
    const lines = stdout.trim().split('\n').slice(1);
    expect(lines).toHaveLength(2);
    // Each row priced at its own base year: 2023 at 2,513.45 (derived), 2024 at 2,569.45 (secondary).
    expect(lines[0]).toMatch(/^05913,"Dortmund, Stadt",2023,603462,1000,official,100,official,false,900,derived,2513\.45,derived,/);
    expect(lines[1]).toMatch(/^05913,"Dortmund, Stadt",2024,603462,1200,official,100,official,false,1100,derived,2569\.45,secondary,/);
  });
});

describe('--strict with warnings leaves no output file', () => {
  it.each([
    // 2,000,000 insured against 1,108,393 EU2 residents: net clamped to 0, a warning.
    [['extrapolate', '--set', 'insured_bg_ro_de=2000000', '--strict']],
    [['extrapolate', '--set', 'insured_bg_ro_de=2000000', '--years', '2019-2020', '--format', 'csv', '--strict']],
  ])('%j: exit 65, the warning on stderr, no file', async (args) => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-strict-'));
    const target = join(dir, 's.csv');
    const { code, stdout, stderr } = await runCli([...args, '-o', target]);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^warning: more insured employees than EU2 residents; net persons clamped to 0/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('calc --years --strict: the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-strict-calc-'));
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'ags,eu2,insured\n05913,100,150\n');
    const { code, stderr } = await runCli(['calc', input, '--years', '2025-2026', '--base-year', '2025', '--format', 'csv', '--strict', '-o', join(dir, 'out.csv')]);
    expect(code).toBe(65);
    expect(stderr).toContain('warning: more insured employees than EU2 residents');
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  it('without --strict the file is written and the exit code is 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-strict-off-'));
    const { code } = await runCli(['extrapolate', '--set', 'insured_bg_ro_de=2000000', '-o', join(dir, 's.csv'), '--lang', 'en']);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['s.csv']);
  });
});

describe('calc --years names the shipped input the same from any working directory', () => {
  it('json meta: data/datasets/eu2-de-kreise-2025.csv, as plain calc names it, and identical bytes from / and from the clone', async () => {
    const args = ['calc', '--years', '2025-2026', '--format', 'json'];
    const here = await runCli(args);
    const elsewhere = await runCli(args, { cwd: tmpdir() });
    expect(here.code).toBe(0);
    const doc = JSON.parse(here.stdout);
    expect(doc.meta.inputs[0].file).toBe('data/datasets/eu2-de-kreise-2025.csv');
    expect(doc.meta.inputs[0].file).toBe(JSON.parse((await runCli(['calc', '--format', 'json'])).stdout).meta.inputs[0].file);
    expect(doc.meta.projection.input).toBe('data/datasets/eu2-de-kreise-2025.csv, row by row');
    expect(elsewhere.stdout).toBe(here.stdout);
  });
});

describe('--range with a chosen --growth: low ≤ central ≤ high', () => {
  it('rate:7.3 lies between constant and the paper\'s trend 2014–2019: 2020 net_low 535,819 < net 574,934 < net_high 619,017', async () => {
    const { stdout, code } = await runCli(['extrapolate', '--years', '2019-2021', '--growth', 'rate:7.3', '--range', '--format', 'csv']);
    expect(code).toBe(0);
    const [header = '', ...lines] = stdout.trim().split('\n');
    const keys = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [keys[i], c])));
    // Low: constant, net stays 535,819. High: trend 2014–2019, 15.5273 %: 1,108,393 × 1.155273 = 1,280,496.5 → 1,280,497;
    // insured round(1,280,497 × 572,574 / 1,108,393) = 661,480; net 619,017.
    expect(rows[1]).toMatchObject({ year: '2020', net: '574934', net_low: '535819', net_high: '619017' });
    for (const r of rows) {
      expect(Number(r.net_low)).toBeLessThanOrEqual(Number(r.net));
      expect(Number(r.net)).toBeLessThanOrEqual(Number(r.net_high));
      expect(Number(r.cost_low_eur)).toBeLessThanOrEqual(Number(r.cost_eur));
      expect(Number(r.cost_eur)).toBeLessThanOrEqual(Number(r.cost_high_eur));
    }
    const doc = JSON.parse((await runCli(['extrapolate', '--years', '2019-2021', '--growth', 'rate:7.3', '--range', '--format', 'json'])).stdout);
    expect([doc.meta.projection.range.growth_low.scenario, doc.meta.projection.range.growth_high.scenario]).toEqual(['constant', 'trend 2014–2019']);
  });

  it('--growth-low above the central growth is a usage error', async () => {
    const { code, stderr } = await runCli(['extrapolate', '--years', '2019-2021', '--growth', 'rate:7.3', '--range', '--growth-low', 'rate:9', '--lang', 'en']);
    expect(code).toBe(64);
    expect(stderr).toContain('the low growth rate:9 (9.0000 % a year) is above the central growth rate:7.3 (7.3000 % a year) (give --growth-low at or below the central --growth, or leave it out)');
  });
});

describe('the words about sources come from the parameters and the manifest', () => {
  it('--set insured_bg_ro_de: the insured source names the override, not the paper\'s IAB figure', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', '--set', 'insured_bg_ro_de=600000', '--format', 'json'])).stdout);
    expect(doc.meta.insured).toBe('parameter insured_bg_ro_de, overridden (--set insured_bg_ro_de=600000 on the command line)');
    // The paper's count is quoted as "(Stand 31.12.2019, IAB 2020)": it must not stand for the override.
    expect(doc.meta.notes.join(' ')).not.toContain('IAB 2020');
    // The insured count's source is said once, as meta.insured, and printed once in the table.
    expect(doc.meta.notes.join(' ')).not.toContain('insured_bg_ro_de');
    const table = (await runCli(['extrapolate', '--set', 'insured_bg_ro_de=600000', '--lang', 'en'])).stdout;
    // The note cites it once as a numbered source, listed once at the end.
    const cited = /^Insured employees: see (\[\d+\])\.$/m.exec(table)?.[1];
    const lines = table.split('\n').filter((line) => line.includes('parameter insured_bg_ro_de'));
    expect(lines).toHaveLength(1);
    const override = new RegExp(`^\\${cited!.slice(0, -1)}\\] parameter insured_bg_ro_de, overridden (\\[\\d+\\])$`).exec(lines[0]!)?.[1];
    expect(table).toContain(`${override} --set insured_bg_ro_de=600000 on the command line`);
    // Without it, the parameter's own source and date.
    const paper = JSON.parse((await runCli(['extrapolate', '--format', 'json'])).stdout);
    expect(paper.meta.insured).toMatch(/^parameter insured_bg_ro_de, 31\.12\.2019 \(Städtetag NRW, Arbeitspapier .*IAB 2020\)“\)$/);
  });

  it('the price index and the statuses name the vpi parameter\'s sources and years', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', '--years', '2023-2024', '--format', 'json'])).stdout);
    expect(doc.meta.rate.prices).toContain('VPI from parameter vpi (2019: Destatis GENESIS 61111-0001');
    expect(doc.meta.rate.prices).toContain('2023: Destatis GENESIS 61111-0001, Verbraucherpreisindex für Deutschland, Jahresdurchschnitt (2020 = 100); 2024: Press reports');
    expect(doc.meta.statuses.secondary).toContain('consumer price index for 2024 and 2025 (parameter vpi: Press reports of Destatis releases');
    expect(doc.meta.statuses.estimated).toContain('national ratio of 31.12.2019');
  });
});

describe('--strict on extrapolate', () => {
  it('ends with an error line after the warnings, as calc does', async () => {
    const { code, stderr, stdout } = await runCli(['extrapolate', '-', '--strict', '--lang', 'en'], { stdin: 'ags,eu2,insured\n05913000,100,200\n' });
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe('warning: more insured employees than EU2 residents; net persons clamped to 0 in 1 row: total (eu2 100, insured 200)\n'
      + 'error: --strict: the warning above fails the run (correct what it points at, or leave out --strict to accept it)\n');
  });
});

describe('a growth series that contradicts the input in the base year', () => {
  it('warns, and starts from the input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-series-base-'));
    const file = join(dir, 's.csv');
    writeFileSync(file, 'ags,year,eu2\n00,2019,1200000\n00,2020,1300000\n');
    const { code, stdout, stderr } = await runCli(['extrapolate', '--years', '2019-2020', '--growth', `series:${file}`, '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toMatch(/^00,Deutschland,2019,,1108393,official,/);
    expect(stderr).toBe(`warning: the growth series ${file} gives another eu2 count for the base year than the input; `
      + "the input's count starts the projection in 1 row: 00 2019: series 1200000, input 1108393\n");
  });
});

describe('population in extrapolate', () => {
  const input = 'ags,eu2,insured\n000000000001,100,10\n000000000002,200,20\n';
  it('an unknown population is no finding when nothing looks at it', async () => {
    const { code, stderr } = await runCli(['extrapolate', '-', '--format', 'csv'], { stdin: input });
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('is one when programme rules may look at it (an EU2 share, a population key)', async () => {
    const { stderr } = await runCli(['extrapolate', '-', '--by', 'none', '--base-year', '2024', '--rules', 'nrw-2024', '--format', 'csv'], { stdin: input });
    expect(stderr).toMatch(/^warning: population unknown \(not in the input, key not in the register\)/m);
  });
});

describe('a rate beyond exact numbers', () => {
  it.each([
    ['a projection', ['--years', '2025-2026', '--base-year', '2024']],
    ['one year, uprated', ['--price-year', '2024']],
  ])('is a data error (65) in %s, not an internal one', async (_what, args) => {
    const { code, stderr } = await runCli(['calc', '-', '--rate', '1000000000000', ...args], { stdin: 'ags,eu2,insured\n05913000,100,0\n' });
    expect(code).toBe(65);
    expect(stderr).toMatch(/^error: a figure leaves the range of exact whole numbers \(.*2\^53\)\) \(check the counts and the rate/);
  });
});

describe('--rate-file on extrapolate', () => {
  it('prices the paper\'s net persons with a calibrated rate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-xrate-'));
    const rate = join(dir, 'rate.json');
    expect((await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', rate])).code).toBe(0);
    const { code, stdout } = await runCli(['extrapolate', '--rate-file', rate, '--format', 'csv']);
    expect(code).toBe(0);
    // 535,819 × 2,143.02 = 1,148,270,833.38
    expect(stdout.split('\n')[1]).toContain(',535819,derived,2143.02,official,1148270833.38,derived');
  });
});

describe('claims and costs at different price levels', () => {
  it('are noted in extrapolate as in calc', async () => {
    const input = 'ags,year,eu2,insured\n05913000,2024,13495,6971\n05111000,2024,7770,4014\n';
    // extrapolate now prices a 2024 row at 2024 prices, as calc does: only --price-year 2019 puts the costs at another level.
    const notes = JSON.parse((await runCli(['extrapolate', '-', '--by', 'land', '--rules', 'nrw-2024', '--price-year', '2019', '--format', 'json'], { stdin: input })).stdout).meta.notes as string[];
    expect(notes).toContain('Programme amounts are those of the budget year 2024, costs are at 2019 prices: claims, uncovered cost and coverage '
      + 'compare different price levels (give --price-year 2024 to price the costs in the budget year).');
    for (const args of [[], ['--price-year', '2024']]) {
      const priced = JSON.parse((await runCli(['extrapolate', '-', '--by', 'land', '--rules', 'nrw-2024', ...args, '--format', 'json'], { stdin: input })).stdout);
      expect(priced.rows[0].rate_eur).toBe(2569.45);
      expect((priced.meta.notes as string[]).filter((n) => n.startsWith('Programme amounts'))).toEqual([]);
    }
  });
});

describe('rows containing other rows in a projection', () => {
  it('are found across the rows\' own years, as both reach the same projected years', async () => {
    const { stderr } = await runCli(['calc', '-', '--years', '2025-2026', '--format', 'csv'],
      { stdin: 'ags,year,eu2,insured\n05,2023,273725,100000\n05913000,2024,13495,6971\n' });
    expect(stderr).toBe("warning: rows whose area contains other rows' areas: their people count twice in the totals and in any pot's key "
      + '(keep one level, e.g. drop Land and Kreis sums) in 1 row: 05 contains 05913000\n');
  });

  it('a Verband row beside its Gemeinden (regional keys) counts twice as well', async () => {
    const { stderr } = await runCli(['calc', '-', '--format', 'csv'],
      { stdin: 'ags,eu2,insured\n051585024,300,100\n051585024001,100,20\n051585024002,200,80\n' });
    expect(stderr).toMatch(/in 1 row: 051585024 contains 051585024001\n$/);
  });
});

describe('the price-level note names the option that mends it', () => {
  it('calc with --price-year: change --price-year, not --year', async () => {
    const notes = JSON.parse((await runCli(['calc', '--rules', 'nrw-2025-kim', '--price-year', '2023', '--format', 'json'])).stdout).meta.notes as string[];
    expect(notes.find((n) => n.startsWith('Programme amounts'))).toMatch(/\(give --price-year 2025 to price the costs in the budget year\)\.$/);
  });

  it('a projection held at one price year: leave out --price-year', async () => {
    const notes = JSON.parse((await runCli(['calc', '--years', '2025-2026', '--price-year', '2025', '--rules', 'nrw-2025-kim', '--format', 'json'])).stdout).meta.notes as string[];
    expect(notes.find((n) => n.startsWith('Programme amounts'))).toMatch(/\(leave out --price-year to price each year at its own prices\)\.$/);
  });
});

describe('a projection\'s notes in the report\'s language', () => {
  const args = ['extrapolate', '--by', 'land', '--years', '2025-2040', '--growth', 'trend', '--inflation', '2', '--range'];

  it('German by default: growth, inflation, range and what the paper leaves out', async () => {
    const { stdout, code } = await runCli([...args, '--format', 'md']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Wachstum der EU2-Einwohner \(trend\): EU2-Einwohner wachsen um 3,0288 % im Jahr: das durchschnittliche jährliche Wachstum der EU2-Einwohner in Deutschland 2019–2025 \(1\.108\.393 → 1\.325\.700;/);
    expect(stdout).toContain('SV-Beschäftigte (ratio): SV-Beschäftigte bleiben bei ihrem Anteil an den EU2-Einwohnern im Basisjahr');
    expect(stdout).toContain('Nach 2025 wird der Verbraucherpreisindex mit 2 % im Jahr fortgeschrieben (Annahme: ');
    expect(stdout).toContain('Spanne: niedrig und hoch verbinden den Satz −/+ 20 % mit dem Wachstum der EU2-Einwohner constant / trend 2014–2019 (0,0000 % / 15,5273 % im Jahr)');
    expect(stdout).toContain('Nicht enthalten, mit den Worten des Arbeitspapiers:');
    expect(stdout).not.toMatch(/^(EU2 growth|Insured \(|After \d{4} the price index|Range: |Not included)/m);
  });

  it('English with --lang en, and in json whatever the language', async () => {
    const en = (await runCli([...args, '--format', 'md', '--lang', 'en', '--locale', 'en'])).stdout;
    expect(en).toContain('EU2 growth (trend): EU2 residents grow by 3.0288 % a year: the compound annual growth of EU2 residents in Germany 2019–2025 (1,108,393 → 1,325,700;');
    expect(en).toContain('After 2025 the price index is carried forward at 2 % a year (assumption: ');
    const json = JSON.parse((await runCli([...args, '--format', 'json', '--locale', 'en'])).stdout) as { meta: { notes: string[]; projection: { growth: { eu2: { description: string } }; range: { note: string } } } };
    expect(json.meta.projection.growth.eu2.description).toMatch(/^EU2 residents grow by 3\.0288 % a year: the compound annual growth/);
    expect(json.meta.projection.range.note).toMatch(/^low and high combine the rate −\/\+ 20 % with EU2 growth constant \/ trend 2014–2019 \(0\.0000 % \/ 15\.5273 % a year\)/);
    expect(json.meta.notes.some((n) => n.startsWith('Not included, in the paper\'s words'))).toBe(true);
  });
});

describe('the paper\'s counts in the notes', () => {
  it('name their parameter and cite its source by number, in German and English; json keeps the source in words', async () => {
    const de = (await runCli(['extrapolate', '--format', 'md'])).stdout;
    const cited = /EU2-Einwohner in Deutschland, 31\.12\.2019: Parameter eu2_residents_de, 31\.12\.2019 \[(\d+)\]\./.exec(de);
    expect(cited).not.toBeNull();
    expect(de).toContain(`\n- [${cited![1]}] Städtetag NRW, Arbeitspapier`);
    const en = (await runCli(['extrapolate', '--format', 'md', '--lang', 'en'])).stdout;
    expect(en).toMatch(/EU2 residents in Germany, 31\.12\.2019: parameter eu2_residents_de, 31\.12\.2019 \[\d+\]\./);
    const json = JSON.parse((await runCli(['extrapolate', '--format', 'json'])).stdout) as { meta: { notes: string[] } };
    expect(json.meta.notes).toContain('EU2 residents in Germany, 31.12.2019: parameter eu2_residents_de, 31.12.2019 (Städtetag NRW, Arbeitspapier zur Verbesserung der Lebensverhältnisse von zugewanderten Menschen in prekären Lagen (Stand 10.02.2021), S. 10 („1.108.393 EU2-Zuwanderinnen und EU2-Zuwanderern (Stand 31.12.2019)“) and Tab. 1, S. 8 (2019 value, source IAB)).');
  });
});

describe('a range without projected years', () => {
  it('spreads the rate each row is priced at (2,625.44 EUR at 2025 prices), not the rate\'s own 2019 level', async () => {
    const doc = JSON.parse((await runCli(['extrapolate', '--by', 'land', '--range', '--format', 'json'])).stdout) as { rows: Record<string, number>[] };
    for (const row of doc.rows) {
      expect(row.rate_eur).toBe(2625.44);
      // ±20 %: 2,100.35 and 3,150.53 EUR per net person (rounded to the cent), around the central cost.
      expect(row.cost_low_eur).toBeCloseTo((row.net_low as number) * 2100.35, 2);
      expect(row.cost_high_eur).toBeCloseTo((row.net_high as number) * 3150.53, 2);
      expect(row.cost_low_eur).toBeLessThan(row.cost_eur as number);
      expect(row.cost_high_eur).toBeGreaterThan(row.cost_eur as number);
    }
  });
});
