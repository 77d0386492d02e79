import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burden } from '../helpers/cli.js';

/**
 * `burden extrapolate` (issue 4). The golden figures are the paper's (Städtetag NRW,
 * Arbeitspapier 2021, S. 10): 1,108,393 − 572,574 = 535,819 net persons × 2,143 EUR =
 * 1,148,260,117 EUR, "rund 1,15 Milliarden Euro pro Jahr".
 */
describe('burden extrapolate reproduces the paper with no options', () => {
  it('prints 535.819 persons, 1.148.260.117 € and ≈ 1,15 Mrd. € (locale de)', () => {
    const { stdout, stderr, code } = burden(['extrapolate']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ {3}│ EU2 residents +│ +1\.108\.393 │ official +│/);
    expect(stdout).toMatch(/│ − │ insured BG\/RO employees +│ +572\.574 │ official +│/);
    expect(stdout).toMatch(/│ = │ net persons +│ +535\.819 │ derived +│/);
    expect(stdout).toMatch(/│ × │ rate per person and year \(2019 prices\) +│ +2\.143,00 € │ official +│/);
    expect(stdout).toMatch(/│ = │ cost per year +│ 1\.148\.260\.117 € │ derived +│/);
    expect(stdout).toContain('≈ 1,15 Mrd. €');
    // The paper's caveats travel with the figure.
    expect(stdout).toContain('lasting social participation');
    expect(stdout).toContain('footnote 2');
  });

  it('the same in English number format', () => {
    const { stdout } = burden(['extrapolate', '--locale', 'en']);
    expect(stdout).toContain('1,148,260,117 €');
    expect(stdout).toContain('≈ 1.15 bn €');
  });

  it('csv: one line, every figure with its status', () => {
    const { stdout, code } = burden(['extrapolate', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'ags,name,year,eu2,eu2_status,insured,insured_status,net,net_status,rate_eur,rate_status,cost_eur,cost_status\n' +
        '00,Deutschland,2019,1108393,official,572574,official,535819,derived,2143.00,official,1148260117.00,derived\n',
    );
  });

  it('json: numbers as numbers, statuses, and the parameters\' sources in meta', () => {
    const doc = JSON.parse(burden(['extrapolate', '--format', 'json']).stdout);
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]).toMatchObject({ ags: '00', year: 2019, eu2: 1108393, insured: 572574, net: 535819, net_status: 'derived', cost_eur: 1148260117, cost_status: 'derived' });
    expect(doc.meta.rate).toMatchObject({ base_eur: 2143, base_price_year: 2019, price_year: 2019 });
    expect(doc.meta.rate.source).toContain('S. 10');
    expect(doc.meta.notes.join(' ')).toContain('eu2_residents_de');
    expect(doc.meta.rules).toBeNull();
    expect(doc.totals).toBeNull();
  });

  it('md: the statement with the figures in bold', () => {
    const { stdout } = burden(['extrapolate', '--format', 'md']);
    expect(stdout).toContain('| **=** | **cost per year** | **1.148.260.117 €** | **derived** |');
    expect(stdout).toContain('| = | net persons | 535.819 | derived |');
    expect(stdout).toContain('≈ 1,15 Mrd. €');
  });

  it('is byte-identical run after run in every format', () => {
    for (const format of ['table', 'csv', 'json', 'md']) {
      expect(burden(['extrapolate', '--format', format]).stdout).toBe(burden(['extrapolate', '--format', format]).stdout);
    }
  });
});

describe('totals and price level', () => {
  it('--eu2 and --insured give the same figure as the paper', () => {
    const { stdout } = burden(['extrapolate', '--eu2', '1.108.393', '--insured', '572574', '--format', 'csv']);
    expect(stdout.trim().split('\n')[1]).toBe(',Total,,1108393,official,572574,official,535819,derived,2143.00,official,1148260117.00,derived');
  });

  it('--eu2 alone estimates the insured and flags them: round(100,000 × 572,574 / 1,108,393) = 51,658', () => {
    const { stdout } = burden(['extrapolate', '--eu2', '100000', '--format', 'csv']);
    expect(stdout.trim().split('\n')[1]).toBe(',Total,,100000,official,51658,estimated,48342,estimated,2143.00,official,103596906.00,estimated');
  });

  it('--price-year 2024 uprates with the secondary index: 2,569.45 EUR, flagged secondary', () => {
    const { stdout } = burden(['extrapolate', '--price-year', '2024', '--format', 'csv']);
    // 535,819 × 2,569.45 EUR
    expect(stdout).toContain(',535819,derived,2569.45,secondary,1376760129.55,secondary\n');
  });
});

describe('projection over years', () => {
  it('--years 2019-2021 --growth rate:7.3: hand-computed persons, rates and costs, flagged', () => {
    const { stdout, code } = burden(['extrapolate', '--years', '2019-2021', '--growth', 'rate:7.3', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').slice(1)).toEqual([
      '00,Deutschland,2019,1108393,official,572574,official,535819,derived,2143.00,official,1148260117.00,derived',
      // 1,108,393 × 1.073 = 1,189,305.689 → 1,189,306; insured round(1,189,306 × 572,574 / 1,108,393) = 614,372;
      // rate round(2,143 × 100.0 / 99.5, 2) = 2,153.77.
      '00,Deutschland,2020,1189306,projected,614372,projected,574934,projected,2153.77,derived,1238275601.18,projected',
      // 1,189,306 × 1.073 = 1,276,125.338 → 1,276,125; rate round(2,143 × 103.1 / 99.5, 2) = 2,220.54.
      '00,Deutschland,2021,1276125,projected,659221,projected,616904,projected,2220.54,derived,1369860008.16,projected',
    ]);
  });

  it('prints the trend it computed from the shipped series: trend:5 = 15.5273 % a year (2014–2019)', () => {
    const { stdout } = burden(['extrapolate', '--years', '2026-2027', '--growth', 'trend']);
    expect(stdout).toContain('EU2 growth (trend:5): EU2 residents grow by 15.5273 % a year');
    expect(stdout).toContain('2014–2019 (538,606 → 1,108,393');
    expect(stdout).toContain('After 2025 the price index is carried forward at 2 % a year');
    // A wide table: one column per year.
    expect(stdout).toMatch(/│ AGS │ Name +│ Figure +│ +2026 │ +2027 │/);
  });

  it('--range adds low/high and the driver in csv, with low ≤ central ≤ high', () => {
    const { stdout, code } = burden(['extrapolate', '--years', '2019-2030', '--growth', 'trend', '--range', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.trim().split('\n');
    expect(header).toContain(',cost_status,net_low,net_high,cost_low_eur,cost_high_eur,range_status,range_driver');
    expect(lines).toHaveLength(12);
    for (const line of lines) {
      const cells = line.split(',');
      const [cost, low, high] = [cells[11], cells[15], cells[16]].map(Number);
      expect(low).toBeLessThanOrEqual(cost as number);
      expect(cost).toBeLessThanOrEqual(high as number);
    }
    // 2019: only the rate varies, 535,819 × 1,714.40 … × 2,571.60.
    expect(lines[0]).toContain(',918608093.60,1377912140.40,estimated,rate');
    expect(lines[11]?.endsWith(',projected,growth')).toBe(true);
  });

  it('a CSV aggregated by Land, projected from its year column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-extra-'));
    const file = join(dir, 'kreise.csv');
    writeFileSync(file, 'ags;name;eu2;insured;jahr\n05913;Dortmund;13.495;7000;2025\n05111;Düsseldorf;7770;;2025\n09162;München;20000;12000;2025\n');
    const { stdout, code, stderr } = burden(['extrapolate', file, '--by', 'land', '--years', '2025-2026', '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    // NRW: 13,495 + 7,770 EU2; insured 7,000 + round(7,770 × 572,574 / 1,108,393) = 7,000 + 4,014 (estimated).
    expect(lines[1]).toBe('05,Nordrhein-Westfalen,2025,21265,derived,11014,estimated,10251,estimated,2625.44,secondary,26913385.44,estimated');
    expect(lines[2]).toMatch(/^05,Nordrhein-Westfalen,2026,21265,projected,11014,projected,10251,projected,2677\.95,projected,/);
    expect(lines[3]).toBe('09,Bayern,2025,20000,official,12000,official,8000,derived,2625.44,secondary,21003520.00,secondary');
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
    [['extrapolate', '--years', '2020-2021', '--growth', 'trend:20'], /no value for 1999/],
  ])('%j', (args, message) => {
    const { stderr, code, stdout } = burden(args);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('output files', () => {
  it('-o writes atomically and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'burden-extra-out-'));
    const target = join(dir, 'out.csv');
    const { code, stdout } = burden(['extrapolate', '--years', '2025-2030', '--format', 'csv', '-o', target]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(7);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});
