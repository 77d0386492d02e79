import { STATUSES, type Status } from '../../src/engine/status.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InsuredImputation, TotalsAccumulator, WarningCollector, applyMethod, fixedRate } from '../../src/engine/method.js';
import { allocateLargestRemainder, parseEuroToCents, roundDiv } from '../../src/engine/money.js';
import { type ParameterSet, withOverride } from '../../src/engine/parameters.js';
import { resolveRate } from '../../src/engine/rate.js';
import type { InputRow, ResultRow } from '../../src/engine/types.js';
import { combinedInput } from '../../src/io/inputs.js';
import { MAX_COUNT, formatHundredths, groupDigits, parseCount } from '../../src/io/numbers.js';
import { loadShippedData } from '../../src/io/shipped.js';
import { sourceFrom } from '../../src/io/source.js';
import { csvRenderer, guardText } from '../../src/output/csv.js';
import { renderJson } from '../../src/output/json.js';
import type { CalcMeta, CalcReport } from '../../src/output/report.js';

/**
 * Properties of the money, the method, the formats and the number parsing, each checked on
 * 1,000 generated cases; the two whose every case writes and reads files through the real
 * reader, or renders a report twice, on 100 (a case costs milliseconds there, not
 * microseconds). BURDEN_PROPERTY_RUNS=N checks every property on N cases, for a longer search.
 * Oracles use BigInt, so they do not share the arithmetic they check.
 */
const RUNS_SET = process.env.BURDEN_PROPERTY_RUNS === undefined ? undefined : Number(process.env.BURDEN_PROPERTY_RUNS);
const RUNS = { numRuns: RUNS_SET ?? 1000 };
const COSTLY_RUNS = { numRuns: RUNS_SET ?? 100 };
const NATIONAL_2019: InsuredImputation = { numerator: 572_574, denominator: 1_108_393 };

/** Half away from zero on BigInt, independent of money.ts. */
function bigRoundDiv(numerator: bigint, denominator: bigint): bigint {
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator < 0n ? -numerator : numerator;
  const quotient = abs / denominator;
  return sign * (2n * (abs % denominator) >= denominator ? quotient + 1n : quotient);
}

// Realistic bounds: Germany has 84 million inhabitants; a rate of 100,000 EUR is far above
// any city's own. Costs stay below 2^45 EUR, where a JSON number still holds every cent.
const count = fc.integer({ min: 0, max: 100_000_000 });
const rateCents = fc.integer({ min: 0, max: 10_000_000 });

const inputRow = fc
  .record({
    eu2: count,
    insured: fc.option(fc.integer({ min: 0, max: 200_000_000 }), { nil: null }),
    extraPopulation: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
    name: fc.string(),
    year: fc.option(fc.integer({ min: 2000, max: 2030 }), { nil: null }),
  })
  .map(({ eu2, insured, extraPopulation, name, year }): InputRow => ({
    ags: '05913000',
    name,
    year,
    population: extraPopulation === null ? null : eu2 + extraPopulation,
    populationFrom: extraPopulation === null ? null : 'input',
    eu2,
    insured,
    origin: { file: 'generated.csv', line: 2 },
  }));

describe('the method', () => {
  it('never gives a negative cost, net or cost per inhabitant', () => {
    fc.assert(
      fc.property(inputRow, rateCents, (row, rate) => {
        const result = applyMethod(row, { rates: fixedRate(rate), countsYear: null, imputation: NATIONAL_2019 });
        expect(result.net).toBeGreaterThanOrEqual(0);
        expect(result.costCents).toBeGreaterThanOrEqual(0);
        if (result.costPerInhabitantCents !== null) expect(result.costPerInhabitantCents).toBeGreaterThanOrEqual(0);
        // A clamp happened exactly when there were more insured than EU2 residents.
        expect(result.netClamped).toBe(result.insured > row.eu2);
      }),
      RUNS,
    );
  });

  it('costs a row exactly net × rate in cents, with net = max(eu2 − insured, 0)', () => {
    fc.assert(
      fc.property(inputRow, rateCents, (row, rate) => {
        const result = applyMethod(row, { rates: fixedRate(rate), countsYear: null, imputation: NATIONAL_2019 });
        const insured = row.insured === null
          ? bigRoundDiv(BigInt(row.eu2) * 572_574n, 1_108_393n)
          : BigInt(row.insured);
        const net = BigInt(row.eu2) > insured ? BigInt(row.eu2) - insured : 0n;
        expect(BigInt(result.insured)).toBe(insured);
        expect(BigInt(result.net)).toBe(net);
        expect(BigInt(result.costCents)).toBe(net * BigInt(rate));
        if (row.population !== null && row.population > 0) {
          expect(BigInt(result.costPerInhabitantCents ?? -1)).toBe(bigRoundDiv(net * BigInt(rate), BigInt(row.population)));
        }
      }),
      RUNS,
    );
  });

  it('totals are the exact sums of the rows', () => {
    fc.assert(
      fc.property(fc.array(inputRow, { maxLength: 40 }), rateCents, (rows, rate) => {
        const totals = new TotalsAccumulator();
        const results = rows.map((row) => applyMethod(row, { rates: fixedRate(rate), countsYear: null, imputation: NATIONAL_2019 }));
        for (const result of results) totals.add(result);
        const sum = (f: (r: ResultRow) => number): bigint => results.reduce((s, r) => s + BigInt(f(r)), 0n);
        const t = totals.result();
        expect(t.rows).toBe(rows.length);
        expect(BigInt(t.costCents)).toBe(sum((r) => r.costCents));
        expect(BigInt(t.net)).toBe(sum((r) => r.net));
        expect(BigInt(t.eu2)).toBe(sum((r) => r.eu2));
        expect(BigInt(t.insured)).toBe(sum((r) => r.insured));
        expect(t.insuredEstimated).toBe(results.some((r) => r.insuredEstimated));
        const allPopulations = results.every((r) => r.population !== null);
        expect(t.population === null ? null : BigInt(t.population)).toBe(allPopulations ? sum((r) => r.population ?? 0) : null);
      }),
      RUNS,
    );
  });
});

describe('the row order of the input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burden-order-'));
  let file = 0;

  /** Read a CSV through the real reader and the method; results by key, without the line numbers. */
  async function compute(text: string): Promise<{ byKey: Map<string, unknown>; totals: unknown }> {
    const path = join(dir, `order-${file++}.csv`);
    writeFileSync(path, text);
    const plan = await combinedInput(sourceFrom(path), { columns: new Map(), allowMissing: false, warnings: new WarningCollector() });
    const totals = new TotalsAccumulator();
    const byKey = new Map<string, unknown>();
    for await (const batch of plan.batches()) {
      for (const row of batch) {
        const result = applyMethod(row, { rates: fixedRate(214_300), countsYear: null, imputation: NATIONAL_2019 });
        totals.add(result);
        const { origin: _origin, ...rest } = result;
        byKey.set(result.ags, rest);
      }
    }
    return { byKey, totals: totals.result() };
  }

  const csvRow = fc.record({
    eu2: fc.integer({ min: 0, max: 2_000_000 }),
    insured: fc.oneof(fc.integer({ min: 0, max: 3_000_000 }).map(String), fc.constant('.')),
    extra: fc.integer({ min: 0, max: 5_000_000 }),
    name: fc.string({ unit: fc.constantFrom('a', 'ö', ' ', '"', ',', 'K') }),
  });
  const table = fc.array(csvRow, { minLength: 1, maxLength: 30 }).chain((rows) =>
    fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length, maxLength: rows.length })));

  it('does not change any row\'s result, nor the totals', async () => {
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const render = (rows: { eu2: number; insured: string; extra: number; name: string }[], order: number[]): string =>
      `ags,name,population,eu2,insured\n${order.map((i) => {
        const r = rows[i];
        if (!r) throw new Error('no row');
        return `05${String(i).padStart(6, '0')},${quote(r.name)},${r.eu2 + r.extra},${r.eu2},${r.insured}\n`;
      }).join('')}`;
    await fc.assert(
      fc.asyncProperty(table, async ([rows, order]) => {
        const original = await compute(render(rows, rows.map((_, i) => i)));
        const shuffled = await compute(render(rows, order));
        expect(shuffled.byKey.size).toBe(rows.length);
        expect(shuffled.byKey).toEqual(original.byKey);
        expect(shuffled.totals).toEqual(original.totals);
      }),
      COSTLY_RUNS,
    );
  });
});

describe('csv → json → csv', () => {
  const meta: CalcMeta = {
    tool: 'burden', version: 'test', method: 'test', population: 'from the input', insured: 'test', year: null, inputs: [], overrides: [], notes: [],
    rate: { eur: 2143, base_eur: 2143, base_price_year: 2019, price_year: 2019, source: 'test', status: 'official' },
  };
  // Names with everything a CSV writer can get wrong: quotes, both delimiters, line breaks,
  // formula starts, umlauts.
  const name = fc.string({ unit: fc.constantFrom('a', 'Ö', 'ß', ' ', '"', ',', ';', '\n', '\r', '=', '-', '+', '@', '\t', "'", '1') });
  const rows = fc.array(fc.tuple(inputRow, name), { minLength: 1, maxLength: 10 });

  it('round-trips every value, in both locales', () => {
    fc.assert(
      fc.property(rows, rateCents, fc.constantFrom('en' as const, 'de' as const), (generated, rate, locale) => {
        const results = generated.map(([row, text]) => applyMethod({ ...row, name: text }, { rates: fixedRate(rate), countsYear: null, imputation: NATIONAL_2019 }));
        const hasYear = results.some((r) => r.year !== null);
        const totals = new TotalsAccumulator();
        for (const r of results) totals.add(r);
        const report: CalcReport = { meta, rows: results, totals: totals.result(), warnings: [], extra: [] };

        const render = (rs: ResultRow[]): string => {
          const renderer = csvRenderer({ locale });
          return renderer.header() + rs.map((r, i) => renderer.row(r, i)).join('');
        };
        const csvText = render(results);
        const csvRows = parse(csvText, { delimiter: locale === 'de' ? ';' : ',', bom: true, columns: true }) as Record<string, string>[];
        const jsonRows = (JSON.parse([...renderJson(report, { locale, color: false })].join('')) as { rows: Record<string, unknown>[] }).rows;
        expect(csvRows).toHaveLength(results.length);
        expect(jsonRows).toHaveLength(results.length);

        const cents = (cell: string | undefined): number | null => (cell === '' || cell === undefined ? null : parseEuroToCents(cell));
        const euros = (value: unknown): number | null => (value === null ? null : Math.round((value as number) * 100));
        const orNumber = (cell: string | undefined): number | null => (cell === '' || cell === undefined ? null : Number(cell));
        csvRows.forEach((c, i) => {
          const j = jsonRows[i] ?? {};
          expect(c.ags).toBe(j.ags);
          expect(c.name).toBe(guardText(j.name as string));
          if (hasYear) expect(orNumber(c.year)).toBe(j.year);
          expect(orNumber(c.population)).toBe(j.population);
          for (const key of ['eu2', 'insured', 'net']) expect(Number(c[key])).toBe(j[key]);
          expect(c.insured_estimated).toBe(String(j.insured_estimated));
          for (const key of ['rate_eur', 'cost_eur', 'cost_per_inhabitant_eur', 'eu2_share_pct']) expect(cents(c[key])).toBe(euros(j[key]));
        });

        // And back: rows rebuilt from the JSON alone render the same CSV bytes.
        const rebuilt: ResultRow[] = jsonRows.map((j) => ({
          ags: j.ags as string, name: j.name as string, year: j.year as number | null,
          population: j.population as number | null, populationFrom: j.population_source as ResultRow['populationFrom'],
          eu2: j.eu2 as number, insured: j.insured as number, insuredEstimated: j.insured_estimated as boolean,
          net: j.net as number, netClamped: j.net_clamped as boolean,
          rateCents: euros(j.rate_eur) ?? 0, costCents: euros(j.cost_eur) ?? 0,
          costPerInhabitantCents: euros(j.cost_per_inhabitant_eur), eu2ShareBasisPoints: euros(j.eu2_share_pct),
          eu2Status: STATUSES.indexOf(j.eu2_status as Status), insuredStatus: STATUSES.indexOf(j.insured_status as Status),
          netStatus: STATUSES.indexOf(j.net_status as Status), rateStatus: STATUSES.indexOf(j.rate_status as Status),
          costStatus: STATUSES.indexOf(j.cost_status as Status),
          origin: { file: 'json', line: 0 },
        }));
        expect(render(rebuilt)).toBe(csvText);
      }),
      COSTLY_RUNS,
    );
  });
});

describe('a fixed pot (largest remainder)', () => {
  it('always sums exactly to the pot; each share is its exact quota rounded down, or up by one cent', () => {
    const weights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), weights, (pot, ws) => {
        const shares = allocateLargestRemainder(pot, ws);
        const total = ws.reduce((s, w) => s + BigInt(w), 0n);
        expect(shares).toHaveLength(ws.length);
        if (total === 0n) {
          expect(shares.every((s) => s === 0)).toBe(true);
          return;
        }
        expect(shares.reduce((s, x) => s + BigInt(x), 0n)).toBe(BigInt(pot));
        ws.forEach((w, i) => {
          const exact = BigInt(pot) * BigInt(w);
          const floor = exact / total;
          const ceil = exact % total === 0n ? floor : floor + 1n;
          const share = BigInt(shares[i] ?? -1);
          expect(share >= floor && share <= ceil).toBe(true);
        });
      }),
      RUNS,
    );
  });
});

describe('uprating the rate with the consumer price index', () => {
  let parameters: ParameterSet;
  let years: number[];
  beforeAll(async () => {
    const shipped = await loadShippedData();
    parameters = new Map(shipped.parameters.map((p) => [p.name, p]));
    const vpi = parameters.get('vpi');
    if (!vpi) throw new Error('no vpi parameter');
    // Every published year and ten projected ones.
    const published = vpi.values.map((v) => Number(v.from.slice(0, 4)));
    const last = Math.max(...published);
    years = [...published, ...Array.from({ length: 10 }, (_, k) => last + 1 + k)];
  });

  it('to year Y is round(rate × VPI_Y / VPI_2019), and back again gives the rate within one cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), (baseCents, pick) => {
        const year = years[pick % years.length] ?? 2019;
        const withRate = withOverride(parameters, 'rate', baseCents / 100, 'property test');
        const resolved = resolveRate(withRate, { priceYear: year });
        expect(resolved.baseCents).toBe(baseCents);
        if (!resolved.uprating) {
          expect(resolved.cents).toBe(baseCents); // the base year itself
          return;
        }
        const { from, to } = resolved.uprating;
        expect(BigInt(resolved.cents)).toBe(bigRoundDiv(BigInt(baseCents) * BigInt(to.thousandths), BigInt(from.thousandths)));
        const back = roundDiv(resolved.cents * from.thousandths, to.thousandths);
        expect(Math.abs(back - baseCents)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('formatting a number and parsing it back', () => {
  it('gives the original count, grouped per locale (de 1.234.567, en 1,234,567)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COUNT }), fc.constantFrom('de' as const, 'en' as const), (n, locale) => {
        expect(parseCount(groupDigits(n, locale), locale)).toEqual({ kind: 'value', value: n });
        expect(parseCount(String(n), locale)).toEqual({ kind: 'value', value: n });
      }),
      RUNS,
    );
  });

  it('reads German grouping without a locale, as German statistics write it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COUNT }), (n) => {
        expect(parseCount(groupDigits(n, 'de'))).toEqual({ kind: 'value', value: n });
      }),
      RUNS,
    );
  });

  it('gives the original cents, grouped or not, per locale, negative too', () => {
    const cents = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(cents, fc.constantFrom('de' as const, 'en' as const), fc.boolean(), (value, locale, grouped) => {
        expect(parseEuroToCents(formatHundredths(value, { locale, grouped }))).toBe(value);
      }),
      RUNS,
    );
  });

  it('parseCount never throws on any text, and every value it accepts is a whole count within bounds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('1', '0', '.', ',', ' ', '-', 'e', 'E', '+', '\u00a0') })), (text) => {
        const parsed = parseCount(text);
        if (parsed.kind === 'value') {
          expect(Number.isSafeInteger(parsed.value)).toBe(true);
          expect(parsed.value).toBeGreaterThanOrEqual(0);
          expect(parsed.value).toBeLessThanOrEqual(MAX_COUNT);
        }
      }),
      RUNS,
    );
  });
});
