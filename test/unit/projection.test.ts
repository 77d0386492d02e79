import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ParameterSet, withOverride } from '../../src/engine/parameters.js';
import {
  type BaseRow, type GrowthSpec, type PlanOptions, ProjectionBuffer, ProjectionTotals, makePlan, planRates, projectRow, resolveGrowth,
} from '../../src/engine/projection.js';
import { parseGrowthSpec } from '../../src/options/growth-spec.js';
import { statusMeanings } from '../../src/output/status-marks.js';
import { priceIndex } from '../../src/engine/rate.js';
import { DERIVED, ESTIMATED, STATUSES as FIGURE_STATUSES, OFFICIAL, PROJECTED, SECONDARY, combine } from '../../src/engine/status.js';
import { GroupSummer, type Member, chooseBaseRows, paperGroups } from '../../src/extrapolate/inputs.js';

/** Sum members at once, as fileGroups sums them as they come. */
const sumMembers = (members: readonly Member[], options: ConstructorParameters<typeof GroupSummer>[0], warnings: WarningCollector) => {
  const summer = new GroupSummer(options);
  for (const m of members) summer.add(m);
  return summer.groups(warnings);
};
import { WarningCollector } from '../../src/engine/method.js';
import type { Parameter } from '../../src/schema/parameter.js';
import { type SeriesPoint, checkSeries, compoundGrowth, formatPpmPercent } from '../../src/engine/series.js';
import { loadEu2Series } from '../../src/io/datasets.js';
import { loadShippedData } from '../../src/io/shipped.js';
import { type Note, growthNote, noteText } from '../../src/output/notes.js';

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
  it('the paper\'s trend 2014–2019 = (1,108,393 / 538,606)^(1/5) − 1 = 15.5273 % a year', () => {
    const trend = compoundGrowth(series, 5, 2019);
    expect(trend).toMatchObject({ fromYear: 2014, toYear: 2019, fromLevel: 538_606, toLevel: 1_108_393, ppm: 155_273, status: 'official' });
    expect(Math.abs(((1_108_393 / 538_606) ** (1 / 5) - 1) * 1e6 - trend.ppm)).toBeLessThan(0.5);
    expect(formatPpmPercent(trend.ppm)).toBe('15.5273');
  });

  it('trend without N is the most recent observed period: (1,325,700 / 1,108,393)^(1/6) − 1 = 3.0288 % a year (2019–2025, from a derived level)', () => {
    const trend = compoundGrowth(series, null);
    expect(trend).toMatchObject({ years: 6, fromYear: 2019, toYear: 2025, fromLevel: 1_108_393, toLevel: 1_325_700, ppm: 30_288, status: 'derived' });
    expect(Math.abs(((1_325_700 / 1_108_393) ** (1 / 6) - 1) * 1e6 - trend.ppm)).toBeLessThan(0.5);
    expect(formatPpmPercent(trend.ppm)).toBe('3.0288');
  });

  it('trend:N counts back from 2025: trend:6 = 2019–2025, trend:11 = 2014–2025 (8.5329 %); to 2019, trend:3 = 11.6217 % and trend:8 = 20.2743 % (from a derived level)', () => {
    expect(compoundGrowth(series, 6)).toMatchObject({ fromYear: 2019, toYear: 2025, ppm: 30_288 });
    expect(compoundGrowth(series, 11)).toMatchObject({ fromYear: 2014, toYear: 2025, ppm: 85_329, status: 'derived' });
    expect(compoundGrowth(series, 3, 2019)).toMatchObject({ fromYear: 2016, ppm: 116_217, status: 'official' });
    expect(compoundGrowth(series, 8, 2019)).toMatchObject({ fromYear: 2011, ppm: 202_743, status: 'derived' });
  });

  it('a trend from a year the series lacks is a usage error: trend:5 and trend:3 (2020, 2022 missing)', () => {
    expect(() => compoundGrowth(series, 5)).toThrow(/^trend:5: the national EU2 series has no value for 2020$/);
    expect(() => compoundGrowth(series, 3)).toThrow(/no value for 2022/);
  });

  it('a trend longer than the series is a usage error naming the span', () => {
    expect(() => compoundGrowth(series, 20)).toThrow(/no value for 2005/);
    expect(() => compoundGrowth(series, 14, 2019)).toThrow(/no value for 2005/);
  });

  it('the plan describes the trend it uses, with the years and levels', () => {
    const plan = makePlan(parameters, { years: { from: 2020, to: 2021 }, eu2: { kind: 'trend', years: null }, insured: { kind: 'ratio' }, imputation: null }, { nationalSeries: series });
    expect(plan.eu2.label).toBe('trend');
    const description = noteText(growthNote(plan.eu2, 'eu2', 'en'), 'en');
    expect(description).toContain('3.0288 % a year');
    expect(description).toContain('2019–2025 (1,108,393 → 1,325,700');
    // The end points' sources, as the shipped series gives them (its source column).
    expect(description).toContain('2019: Städtetag NRW Arbeitspapier 2021, Tabelle 1 (IAB); 2025: derived: sum over all Kreise');
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
    // The low variant is constant (below the recent trend's 3.0288 %): net stays 535,819.
    expect(b.netLow[1]).toBe(535_819);
    // The high variant grows at the paper's trend 2014–2019 (15.5273 %): 1,108,393 × 1.155273 → 1,280,497 EU2;
    // insured round(1,280,497 × 572,574 / 1,108,393) = 661,480; net 619,017.
    expect(b.netHigh[1]).toBe(619_017);
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
    ['trend', { kind: 'trend', years: null }],
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

describe('assumed inflation: each year at the value in force that year', () => {
  // A two-value inflation parameter, built here: 2 % from 2026, 10 % from 2028.
  const twoRates = (): ParameterSet => {
    const inflation: Parameter = {
      name: 'inflation_assumed', description: 'test: two assumed rates', unit: 'percent',
      values: [
        { from: '2026-01-01', value: 2, source: 'test: two per cent', status: 'assumption' },
        { from: '2028-01-01', value: 10, source: 'test: ten per cent', status: 'assumption' },
      ],
    };
    return new Map([...parameters, ['inflation_assumed', inflation]]);
  };

  it('VPI 2025 121.9 → 2026 124.338 (× 1.02) → 2027 126.825 (× 1.02) → 2028 139.508 (× 1.10)', () => {
    const set = twoRates();
    // 121.9 × 1.02 = 124.338; 124.338 × 1.02 = 126.82476 → 126.825; 126.825 × 1.10 = 139.5075 → 139.508
    // (half away from zero). Compounding 2028's 10 % over every year would give 162.249 (121.9 × 1.1³ = 162.2489).
    expect([2026, 2027, 2028].map((y) => priceIndex(set, y).thousandths)).toEqual([124_338, 126_825, 139_508]);
    expect(priceIndex(set, 2028).source).toContain('2 % in 2026–2027, 10 % in 2028');
    expect(priceIndex(set, 2027).source).toContain('carried forward at 2 % a year (test: two per cent)');
  });

  it('the rates follow: 2028 = round(2,143 × 139.508 / 99.5, 2) = 3,004.68 EUR', () => {
    // 2026: 2,143 × 124.338 / 99.5 = 2,677.953… → 2,677.95; 2027: × 126.825 / 99.5 = 2,731.517… → 2,731.52;
    // 2028: × 139.508 / 99.5 = 3,004.679… → 3,004.68.
    expect(planRates(twoRates(), 2026, 2028, {}).cents).toEqual([267_795, 273_152, 300_468]);
  });
});

describe('one base row per municipality: the projection starts from its latest year not after the first projected year', () => {
  const member = (ags: string, year: number, eu2: number, line: number, insured = 0): Member =>
    ({ ags, key: ags.slice(0, 2), name: ags, year, eu2, insured, imputed: false, population: null, origin: { file: 'in.csv', line } });

  it('takes 2024 of (2023, 2024) for a projection from 2024, notes it, and refuses a key with no year ≤ FROM', () => {
    const rows = [member('05913', 2023, 1000, 2), member('05111', 2022, 50, 3), member('05913', 2024, 1200, 4), member('05913', 2026, 9999, 5)];
    const { chosen, note } = chooseBaseRows(rows, 2024);
    // 05913: 2023 and 2024 are ≤ 2024, the latest is 2024 (1,200); 2026 lies after it and is not used.
    expect(chosen.map((m) => `${m.ags}@${m.year}=${m.eu2}`)).toEqual(['05913@2024=1200', '05111@2022=50']);
    expect(note).toContain('latest year not after 2024, the first projected year (e.g. 05913: counts for 2023, 2024, 2026, projected from 2024)');
    // From 2022, 05913 (2023, 2024, 2026) has no year at or before it; the error names its first row.
    expect(() => chooseBaseRows(rows, 2022)).toThrow(/key 05913 has counts for 2023, 2024, 2026 only, none in or before the first projected year 2022/);
    expect(chooseBaseRows([member('05913', 2023, 1, 2)], 2023).note).toBeNull();
  });

  it('sums per aggregate key only rows of one year, and refuses to mix years in a projection', () => {
    const name = (): string => 'NRW';
    const warnings = new WarningCollector();
    // 1,000 + 2,000 EU2 residents of 2024 in 05: one group of 3,000, at least derived.
    const [nrw] = sumMembers([member('05913', 2024, 1000, 2), member('05111', 2024, 2000, 3)], { from: 2024, by: 'land', name }, warnings);
    expect(nrw).toMatchObject({ key: '05', baseYear: 2024, eu2: 3000, members: 2, eu2Status: DERIVED });
    // Dortmund's latest count is of 2023, Düsseldorf's of 2024: the sum would be of no one year.
    expect(() => sumMembers([member('05913', 2023, 1000, 2), member('05111', 2024, 2000, 3)], { from: 2024, by: 'land', name }, warnings))
      .toThrow('--by land: 05 (NRW) would sum counts of different years: 05913 for 2023 (line 2) and 05111 for 2024 (line 3), each its latest year not after the first projected year 2024');
    // Without a projection each (key, year) is a row of its own, the years of a key in order.
    const rows = sumMembers([member('05913', 2025, 1, 2), member('09162', 2021, 1, 3), member('05111', 2021, 1, 4)], { from: null, by: 'land', name }, warnings);
    expect(rows.map((g) => `${g.key}@${g.baseYear}`)).toEqual(['05@2021', '05@2025', '09@2021']);
    expect(warnings.list()).toEqual([]);
  });
});

describe('the range always holds the central figure', () => {
  const plan = (central: GrowthSpec, extra: { eu2Low?: GrowthSpec; eu2High?: GrowthSpec } = {}) =>
    makePlan(parameters, { years: { from: 2019, to: 2021 }, eu2: central, insured: { kind: 'ratio' }, imputation: null, range: { spreadBasisPoints: 2000, ...extra } },
      { nationalSeries: series });

  it('default low/high: the lowest and highest of constant, the recent trend (3.0288 %), the paper\'s trend 2014–2019 (15.5273 %) and the central growth', () => {
    const labels = (central: GrowthSpec): [string | undefined, string | undefined] => {
      const range = plan(central).range;
      return [range?.eu2Low.label, range?.eu2High.label];
    };
    // rate:7.3 lies between: constant is the low growth, the paper's trend the high.
    expect(labels({ kind: 'rate', ppm: 73_000 })).toEqual(['constant', 'trend 2014–2019']);
    // rate:25 is above all of them: it is the high growth.
    expect(labels({ kind: 'rate', ppm: 250_000 })).toEqual(['constant', 'rate:25']);
    // rate:-1 is below all of them: it is the low growth.
    expect(labels({ kind: 'rate', ppm: -10_000 })).toEqual(['rate:-1', 'trend 2014–2019']);
    // The recent trend itself lies between.
    expect(labels({ kind: 'trend', years: null })).toEqual(['constant', 'trend 2014–2019']);
    expect(plan({ kind: 'constant' }).range?.eu2Low.label).toBe('constant');
  });

  it('the paper at rate:7.3: 2020 net_low 535,819 (constant) ≤ net 574,934 ≤ net_high 619,017 (trend 2014–2019)', () => {
    const b = project(row(1_108_393, 572_574), { years: { from: 2019, to: 2021 }, eu2: parseGrowthSpec('rate:7.3', '--growth'), range: { spreadBasisPoints: 2000 } });
    // Central: 1,108,393 × 1.073 = 1,189,305.689 → 1,189,306; insured round(1,189,306 × 572,574 / 1,108,393) = 614,372; net 574,934.
    // Low (constant): net 535,819. High (trend 2014–2019, 15.5273 %): 1,108,393 × 1.155273 = 1,280,496.5 → 1,280,497;
    // insured round(1,280,497 × 572,574 / 1,108,393) = 661,480; net 619,017.
    expect([b.netLow[1], b.net[1], b.netHigh[1]]).toEqual([535_819, 574_934, 619_017]);
  });

  it('an explicit --growth-low above (or --growth-high below) the central growth is refused', () => {
    expect(() => plan({ kind: 'rate', ppm: 10_000 }, { eu2Low: { kind: 'trend', years: 6 } })).toThrow(/the low growth trend:6 \(3\.0288 % a year\) is above the central growth rate:1 /);
    expect(() => plan({ kind: 'rate', ppm: 250_000 }, { eu2High: { kind: 'rate', ppm: 10_000 } })).toThrow(/the high growth rate:1 .* is below the central growth rate:25/);
  });

  // Every figure of the band, every year, whatever the central growth (a rate, a trend, constant
  // or a series of the user's), the insured scenario and the counts: low ≤ central ≤ high.
  it('property: net_low ≤ net ≤ net_high and cost_low ≤ cost ≤ cost_high for every year', () => {
    const years = { from: 2019, to: 2026 };
    const central = fc.oneof(
      fc.integer({ min: -300_000, max: 400_000 }).map((ppm): GrowthSpec => ({ kind: 'rate', ppm })),
      // trend:6 … trend:19: from 2019 back to 2006, the years the series has before 2025.
      fc.integer({ min: 6, max: 19 }).map((n): GrowthSpec => ({ kind: 'trend', years: n })),
      fc.constant<GrowthSpec>({ kind: 'trend', years: null }),
      fc.constant<GrowthSpec>({ kind: 'constant' }),
      fc.constant<GrowthSpec>({ kind: 'series', file: null }),
    );
    const insured = fc.oneof(
      fc.constant<GrowthSpec>({ kind: 'ratio' }),
      fc.constant<GrowthSpec>({ kind: 'constant' }),
      fc.integer({ min: -200_000, max: 300_000 }).map((ppm): GrowthSpec => ({ kind: 'rate', ppm })),
    );
    fc.assert(fc.property(
      central, insured, fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 }),
      fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 7, maxLength: 7 }), fc.integer({ min: 0, max: 9_900 }),
      (eu2Spec, insuredSpec, eu2, insuredCount, seriesCounts, spread) => {
        const counts = new Map(seriesCounts.map((c, i) => [2020 + i, c]));
        const p = makePlan(parameters, { years, eu2: eu2Spec, insured: insuredSpec, imputation: null, range: { spreadBasisPoints: spread } },
          { nationalSeries: series, series: new Map([['05913', counts]]) });
        const b = new ProjectionBuffer(p);
        projectRow(row(eu2, insuredCount), p, b);
        for (let i = 0; i < b.length; i++) {
          expect(b.netLow[i]).toBeLessThanOrEqual(b.net[i] as number);
          expect(b.net[i]).toBeLessThanOrEqual(b.netHigh[i] as number);
          expect(b.costLowCents[i]).toBeLessThanOrEqual(b.costCents[i] as number);
          expect(b.costCents[i]).toBeLessThanOrEqual(b.costHighCents[i] as number);
        }
      },
    ), { numRuns: 300 });
  });
});

describe('words from the data, numbers in the report\'s locale', () => {
  it('the trend description with numbers in the locale and words in the language: de 3,0288 % and 1.108.393 → 1.325.700; en 3.0288 % and 1,108,393 → 1,325,700', () => {
    const described = (spec: GrowthSpec, nationalSeries: typeof series, locale: 'de' | 'en', lang: 'de' | 'en' = 'en'): string =>
      noteText(growthNote(resolveGrowth(spec, { nationalSeries }), 'eu2', locale), lang);
    const de = described({ kind: 'trend', years: null }, series, 'de');
    expect(de).toContain('grow by 3,0288 % a year');
    expect(de).toContain('2019–2025 (1.108.393 → 1.325.700;');
    const en = described({ kind: 'trend', years: null }, series, 'en');
    expect(en).toContain('grow by 3.0288 % a year');
    expect(en).toContain('2019–2025 (1,108,393 → 1,325,700;');
    expect(described({ kind: 'trend', years: null }, series, 'de', 'de')).toMatch(/^EU2-Einwohner wachsen um 3,0288 % im Jahr: das durchschnittliche jährliche Wachstum der EU2-Einwohner in Deutschland 2019–2025 \(1\.108\.393 → 1\.325\.700;/);
    // The paper's period, as the default range names it.
    expect(described({ kind: 'trend', years: 5, to: 2019 }, series, 'de')).toContain('grow by 15,5273 % a year');
    expect(described({ kind: 'rate', ppm: 73_000 }, [], 'de')).toContain('grow by 7,3000 % a year');
  });

  it('the trend names the sources of its end points as the series gives them, not a fixed citation', () => {
    const mine = series.map((p) => ({ ...p, source: p.year === 2019 ? 'my 2019 source' : 'my other source' }));
    const text = noteText(growthNote(resolveGrowth({ kind: 'trend', years: null }, { nationalSeries: mine }), 'eu2', 'en'), 'en');
    expect(text).toContain('2019: my 2019 source; 2025: my other source');
    expect(text).not.toContain('Tab');
  });

  it('status meanings come from the parameters: the secondary index years and the date of the national ratio', () => {
    expect(statusMeanings(parameters).secondary).toContain('consumer price index for 2024 and 2025 (parameter vpi: Press reports');
    expect(statusMeanings(parameters).estimated).toContain('national ratio of 31.12.2019');
    // One more secondary year and a ratio of another date change the words with them.
    const vpi = parameters.get('vpi') as Parameter;
    const changed: ParameterSet = new Map([...parameters,
      ['vpi', { ...vpi, values: vpi.values.map((v) => (v.from === '2023-01-01' ? { ...v, status: 'secondary' as const, source: 'press' } : v)) }],
      ['eu2_residents_de', { ...(parameters.get('eu2_residents_de') as Parameter), values: [{ from: '2024-12-31', value: 1, source: 's', status: 'official' as const }] }],
    ]);
    expect(statusMeanings(changed).secondary).toContain('consumer price index for 2023, 2024 and 2025 (parameter vpi: press; Press reports');
    expect(statusMeanings(changed).estimated).toContain('insured employees on 31.12.2019 to EU2 residents on 31.12.2024');
  });

  it('the paper\'s insured count is described by its parameter; an override is named as one', () => {
    // In English, as json writes it.
    const english = (n: Note | undefined): string => (n === undefined ? '' : noteText(n, 'en'));
    expect(english(paperGroups(parameters).insuredSource)).toContain('parameter insured_bg_ro_de, 31.12.2019 (Städtetag NRW');
    const set = withOverride(parameters, 'insured_bg_ro_de', 2_000_000, '--set insured_bg_ro_de=2000000 on the command line');
    const planned = paperGroups(set, new Set(['insured_bg_ro_de']));
    expect(english(planned.insuredSource)).toBe('parameter insured_bg_ro_de, overridden (--set insured_bg_ro_de=2000000 on the command line)');
    // The paper's count is quoted "(Stand 31.12.2019, IAB 2020)"; the override must not be passed off as it.
    expect(planned.notes.map(english).join(' ')).not.toContain('IAB 2020');
  });
});
