import { beforeAll, describe, expect, it } from 'vitest';
import { type ParameterSet, withOverride } from '../../src/engine/parameters.js';
import {
  type BaseRow, DERIVED, ESTIMATED, FIGURE_STATUSES, OFFICIAL, PROJECTED, type PlanOptions, ProjectionBuffer, ProjectionTotals,
  SECONDARY, combine, makePlan, parseGrowthSpec, planRates, projectRow,
} from '../../src/engine/projection.js';
import { type SeriesPoint, checkSeries, compoundGrowth, formatPpmPercent } from '../../src/engine/series.js';
import { loadEu2Series } from '../../src/extrapolate/shipped-datasets.js';
import { loadShippedData } from '../../src/io/shipped.js';

let parameters: ParameterSet;
let series: SeriesPoint[];
beforeAll(async () => {
  const shipped = await loadShippedData();
  parameters = new Map(shipped.parameters.map((p) => [p.name, p]));
  series = await loadEu2Series();
});

const row = (eu2: number, insured: number | null, baseYear = 2019): BaseRow => ({
  key: '05913', baseYear, eu2, insured, eu2Status: OFFICIAL, insuredStatus: OFFICIAL,
});

function project(base: BaseRow, options: Partial<PlanOptions> & { years: { from: number; to: number } | null }): ProjectionBuffer {
  const plan = makePlan(parameters, { eu2: { kind: 'constant' }, insured: { kind: 'ratio' }, imputation: null, ...options }, { nationalSeries: series });
  const buffer = new ProjectionBuffer(plan);
  projectRow(base, plan, buffer);
  return buffer;
}

const statuses = (codes: Uint8Array): string[] => [...codes].map((c) => FIGURE_STATUSES[c] as string);

describe('growth: whole persons, rounded half away from zero each year', () => {
  it('100,000 EU2 growing 7.3 % a year for 2 years = 115,133 (100,000 → 107,300 → round(115,132.9))', () => {
    const b = project(row(100_000, 0), { years: { from: 2019, to: 2021 }, eu2: parseGrowthSpec('rate:7.3', '--growth') });
    expect([...b.eu2]).toEqual([100_000, 107_300, 115_133]);
    expect(statuses(b.eu2Status)).toEqual(['official', 'projected', 'projected']);
  });

  it('rounds every year, not once at the end: 15 at 10 % → 17 (16.5 rounds up) → 19 (18.7), where 15 × 1.21 = 18.15 would give 18', () => {
    const b = project(row(15, 0), { years: { from: 2020, to: 2021 }, eu2: parseGrowthSpec('rate:10', '--growth') });
    expect([...b.eu2]).toEqual([17, 19]);
  });

  it('declines round half away from zero too: 100 at −2.5 % → 97.5 → 98 → 95.55 → 96', () => {
    const b = project(row(100, 0), { years: { from: 2020, to: 2021 }, eu2: parseGrowthSpec('rate:-2.5', '--growth') });
    expect([...b.eu2]).toEqual([98, 96]);
  });

  it('the paper\'s 1,108,393 at 7.3 %: 1,189,306 (1,189,305.689) and 1,276,125 (1,276,125.338)', () => {
    const b = project(row(1_108_393, 572_574), { years: { from: 2020, to: 2021 }, eu2: parseGrowthSpec('rate:7.3', '--growth'), priceYear: 2019 });
    expect([...b.eu2]).toEqual([1_189_306, 1_276_125]);
  });

  it('constant keeps the count; the base year is official, later years projected', () => {
    const b = project(row(500, 100), { years: { from: 2019, to: 2020 } });
    expect([...b.eu2]).toEqual([500, 500]);
    expect(statuses(b.eu2Status)).toEqual(['official', 'projected']);
  });
});

describe('insured employees', () => {
  it('stay at their base-year share by default: 1,000 EU2 with 400 insured, +10 % → 1,100 and round(1,100 × 400 / 1,000) = 440', () => {
    const b = project(row(1000, 400), { years: { from: 2019, to: 2020 }, eu2: parseGrowthSpec('rate:10', '--growth') });
    expect([...b.insured]).toEqual([400, 440]);
    expect([...b.net]).toEqual([600, 660]);
  });

  it('--insured-growth constant keeps the count while EU2 grows', () => {
    const b = project(row(1000, 400), { years: { from: 2019, to: 2020 }, eu2: parseGrowthSpec('rate:10', '--growth'), insured: parseGrowthSpec('constant', '--insured-growth', true) });
    expect([...b.insured]).toEqual([400, 400]);
    expect([...b.net]).toEqual([600, 700]);
  });

  it('an unknown count is imputed from the national ratio and flagged: round(100,000 × 572,574 / 1,108,393) = 51,658', () => {
    const b = project(row(100_000, null), { years: { from: 2019, to: 2020 }, imputation: { numerator: 572_574, denominator: 1_108_393 } });
    expect(b.insured[0]).toBe(51_658);
    expect(statuses(b.insuredStatus)).toEqual(['estimated', 'projected']);
    expect(statuses(b.netStatus)).toEqual(['estimated', 'projected']);
  });

  it('an unknown count without an imputation is an error, not a guess', () => {
    expect(() => project(row(100, null), { years: null })).toThrow(/insured count is unknown/);
  });

  it('net is clamped at 0 and the year marked', () => {
    const b = project(row(100, 150), { years: { from: 2019, to: 2019 } });
    expect(b.net[0]).toBe(0);
    expect(b.clamped[0]).toBe(1);
  });
});

describe('the rate per year: VPI official (to 2023), secondary (2024–2025), assumed inflation (2026 on)', () => {
  it('uprates 2,143 EUR each year and flags the index it rests on', () => {
    const plan = planRates(parameters, 2019, 2027, {});
    // round(2143 × VPI_y / 99.5, 2): 2022 110.2 → 2,373.45; 2023 116.7 → 2,513.45; 2024 119.3 → 2,569.45;
    // 2025 121.9 → 2,625.44; 2026 121.9 × 1.02 = 124.338 → 2,677.95; 2027 round(124.338 × 1.02, 3) = 126.825 → 2,731.52.
    expect(plan.cents).toEqual([214_300, 215_377, 222_054, 237_345, 251_345, 256_945, 262_544, 267_795, 273_152]);
    expect([...plan.status].map((s) => FIGURE_STATUSES[s])).toEqual([
      'official', 'derived', 'derived', 'derived', 'derived', 'secondary', 'secondary', 'projected', 'projected',
    ]);
  });

  it('--inflation replaces the assumed 2 %: 2026 at 3 % is 121.9 × 1.03 = 125.557 → 2,704.21', () => {
    const plan = planRates(withOverride(parameters, 'inflation_assumed', 3, 'test'), 2026, 2026, {});
    expect(plan.cents).toEqual([270_421]);
    expect(plan.status[0]).toBe(PROJECTED);
  });

  it('a fixed price year prices every year alike (real terms)', () => {
    const plan = planRates(parameters, 2025, 2030, { priceYear: 2023 });
    expect(plan.cents).toEqual([251_345]);
    expect(plan.fixedPriceYear).toBe(2023);
  });

  it('cost = net × rate in cents, and is as unsure as its least sure input', () => {
    const b = project(row(1_108_393, 572_574), { years: { from: 2023, to: 2026 }, eu2: parseGrowthSpec('constant', '--growth') });
    expect(b.costCents[0]).toBe(535_819 * 251_345);
    expect(statuses(b.costStatus)).toEqual(['projected', 'projected', 'projected', 'projected']);
    const base = project(row(1_108_393, 572_574, 2023), { years: { from: 2023, to: 2025 } });
    expect(statuses(base.costStatus)).toEqual(['derived', 'projected', 'projected']);
    expect(combine(OFFICIAL, OFFICIAL)).toBe(DERIVED);
    expect(combine(DERIVED, SECONDARY)).toBe(SECONDARY);
    expect(combine(ESTIMATED, SECONDARY)).toBe(ESTIMATED);
  });
});

describe('the national trend (Tab. 1 of the Arbeitspapier, data/datasets/eu2-de-series.csv)', () => {
  it('trend:5 = (1,108,393 / 538,606)^(1/5) − 1 = 15.5273 % a year (2014–2019)', () => {
    const trend = compoundGrowth(series, 5);
    expect(trend).toMatchObject({ fromYear: 2014, toYear: 2019, fromLevel: 538_606, toLevel: 1_108_393, ppm: 155_273, status: 'official' });
    expect(Math.abs(((1_108_393 / 538_606) ** (1 / 5) - 1) * 1e6 - trend.ppm)).toBeLessThan(0.5);
    expect(formatPpmPercent(trend.ppm)).toBe('15.5273');
  });

  it('the default range: trend:3 = 11.6217 % (2016–2019), trend:8 = 20.2743 % (2011–2019, from a derived level)', () => {
    expect(compoundGrowth(series, 3)).toMatchObject({ fromYear: 2016, ppm: 116_217, status: 'official' });
    expect(compoundGrowth(series, 8)).toMatchObject({ fromYear: 2011, ppm: 202_743, status: 'derived' });
  });

  it('a trend longer than the series is a usage error naming the span', () => {
    expect(() => compoundGrowth(series, 14)).toThrow(/no value for 2005/);
  });

  it('the plan describes the trend it uses, with the years and levels', () => {
    const plan = makePlan(parameters, { years: { from: 2020, to: 2021 }, eu2: { kind: 'trend', years: 5 }, insured: { kind: 'ratio' }, imputation: null }, { nationalSeries: series });
    expect(plan.eu2.description).toContain('15.5273 % a year');
    expect(plan.eu2.description).toContain('2014–2019 (538,606 → 1,108,393');
  });
});

describe('Table 1 consistency', () => {
  it('the shipped series is consistent; the changes against derived levels are named as circular', () => {
    const check = checkSeries(series);
    expect(check.findings).toEqual([]);
    expect(check.changesChecked).toBe(10);
    expect(check.percentagesChecked).toBe(10);
    expect(check.splitsChecked).toBe(9);
    expect(check.circular).toEqual([2007, 2010, 2012]);
  });

  it('finds a changed level: 2015 one person higher breaks its change and the next year\'s', () => {
    const tampered = series.map((p) => (p.year === 2015 ? { ...p, eu2: p.eu2 + 1 } : p));
    const findings = checkSeries(tampered).findings.map((f) => `${f.year} ${f.column}`);
    expect(findings).toEqual(['2015 eu2', '2015 change', '2016 change']);
  });

  it('finds a wrong percentage: 2019 printed as 7.2 instead of 75,104 / 1,033,289 = 7.3 %', () => {
    const tampered = series.map((p) => (p.year === 2019 ? { ...p, changeTenths: 72 } : p));
    expect(checkSeries(tampered).findings).toMatchObject([{ year: 2019, column: 'change_pct', printed: '7.2', computed: '7.3' }]);
  });
});

describe('ranges', () => {
  const options = (from: number, to: number): Partial<PlanOptions> & { years: { from: number; to: number } } => ({
    years: { from, to },
    eu2: parseGrowthSpec('trend', '--growth'),
    range: { spreadBasisPoints: 2000 },
    priceYear: 2019,
  });

  it('the rate spread: 2,143 ± 20 % = 1,714.40 … 2,571.60; in the base year growth plays no part, so the rate drives', () => {
    const b = project(row(1_108_393, 572_574), options(2019, 2019));
    expect(b.costLowCents[0]).toBe(535_819 * 171_440);
    expect(b.costHighCents[0]).toBe(535_819 * 257_160);
    expect(b.driver[0]).toBe(1);
  });

  it('low ≤ central ≤ high every year, and growth overtakes the rate as the driver as years pass', () => {
    const b = project(row(1_108_393, 572_574), options(2019, 2030));
    for (let i = 0; i < b.length; i++) {
      expect(b.costLowCents[i]).toBeLessThanOrEqual(b.costCents[i] as number);
      expect(b.costCents[i]).toBeLessThanOrEqual(b.costHighCents[i] as number);
    }
    expect(b.driver[1]).toBe(1);
    expect(b.driver[11]).toBe(2);
    // The low variant grows at trend:3 (11.6217 %): 1,108,393 × 1.116217 = 1,237,207.4 → 1,237,207 EU2;
    // insured round(1,237,207 × 572,574 / 1,108,393) = 639,117; net 598,090.
    expect(b.netLow[1]).toBe(598_090);
  });
});

describe('totals over rows', () => {
  it('sum per year; a sum of several rows is at least derived', () => {
    const plan = makePlan(parameters, { years: { from: 2019, to: 2020 }, eu2: { kind: 'constant' }, insured: { kind: 'ratio' }, imputation: null }, { nationalSeries: [] });
    const buffer = new ProjectionBuffer(plan);
    const totals = new ProjectionTotals(buffer.length);
    projectRow(row(1000, 400), plan, buffer);
    totals.add(buffer, plan);
    expect(totals.status(totals.eu2Status, 0)).toBe(OFFICIAL);
    projectRow(row(500, 100), plan, buffer);
    totals.add(buffer, plan);
    expect([...totals.eu2]).toEqual([1500, 1500]);
    expect([...totals.net]).toEqual([1000, 1000]);
    expect(totals.status(totals.eu2Status, 0)).toBe(DERIVED);
    expect(totals.status(totals.eu2Status, 1)).toBe(PROJECTED);
  });
});

describe('parsing growth scenarios', () => {
  it.each([
    ['constant', { kind: 'constant' }],
    ['trend', { kind: 'trend', years: 5 }],
    ['trend:8', { kind: 'trend', years: 8 }],
    ['rate:7.3', { kind: 'rate', ppm: 73_000 }],
    ['rate:2,5', { kind: 'rate', ppm: 25_000 }],
    ['rate:-1.25', { kind: 'rate', ppm: -12_500 }],
    ['series:eu2-years.csv', { kind: 'series', file: 'eu2-years.csv' }],
  ])('%s', (text, expected) => {
    expect(parseGrowthSpec(text, '--growth')).toEqual(expected);
  });

  it('refuses what it cannot read, and ratio where it does not apply', () => {
    expect(() => parseGrowthSpec('fast', '--growth')).toThrow(/not a growth scenario/);
    expect(() => parseGrowthSpec('rate:-100', '--growth')).toThrow(/leaves nobody/);
    expect(() => parseGrowthSpec('ratio', '--growth')).toThrow(/not a growth scenario/);
    expect(parseGrowthSpec('ratio', '--insured-growth', true)).toEqual({ kind: 'ratio' });
  });

  it('projections do not run backwards', () => {
    expect(() => project(row(100, 0, 2025), { years: { from: 2024, to: 2026 } })).toThrow(/after the first projected year 2024/);
  });
});
