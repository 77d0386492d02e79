import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { combinedRateTenths, regionalInsured } from '../../src/engine/regional-imputation.js';
import { ROOT } from '../helpers/cli.js';

const NATIONAL = { numerator: 572_574, denominator: 1_108_393 };
const rates = parse(readFileSync(join(ROOT, 'data/datasets/beschq-aus-kreise-2019.csv'), 'utf8'), { columns: true }) as
  { ags: string; beschq_aus: string; foreign_15_65: string }[];
const part = (row: { beschq_aus: string; foreign_15_65: string }) =>
  ({ rateTenths: Math.round(Number(row.beschq_aus) * 10), weight: Number(row.foreign_15_65) });

describe('regional insured estimate: national BG/RO ratio × Kreis rate / national rate', () => {
  it('at the national rate it is the national estimate: Duisburg 25,270 × 572,574 / 1,108,393 = 13,054', () => {
    expect(regionalInsured({ eu2: 25_270, ...NATIONAL, rateTenths: 498, nationalRateTenths: 498 })).toEqual({ insured: 13_054, capped: false });
  });

  it('scales by the rate: 25,270 × 572,574 × 400 / (1,108,393 × 498) = 10,485.13 → 10,485', () => {
    expect(regionalInsured({ eu2: 25_270, ...NATIONAL, rateTenths: 400, nationalRateTenths: 498 }).insured).toBe(10_485);
  });

  it('rounds an exact half away from zero (1 × 1 / 2 = 0.5 → 1), in exact integers', () => {
    expect(regionalInsured({ eu2: 1, numerator: 1, denominator: 2, rateTenths: 500, nationalRateTenths: 500 }).insured).toBe(1);
    expect(regionalInsured({ eu2: 3, numerator: 1, denominator: 2, rateTenths: 500, nationalRateTenths: 500 }).insured).toBe(2);
    // 1,000,000 × 572,574 × 729 exceeds 2^53: still exact.
    expect(regionalInsured({ eu2: 10_000_000, ...NATIONAL, rateTenths: 729, nationalRateTenths: 729 }).insured).toBe(5_165_803);
  });

  it('never estimates more insured than residents: 1,000 at 72.9 % against 30.0 % would be 1,255, capped at 1,000', () => {
    expect(regionalInsured({ eu2: 1_000, ...NATIONAL, rateTenths: 729, nationalRateTenths: 300 })).toEqual({ insured: 1_000, capped: true });
  });

  it('refuses fractions and impossible rates', () => {
    expect(() => regionalInsured({ eu2: 1.5, ...NATIONAL, rateTenths: 498, nationalRateTenths: 498 })).toThrow(/eu2/);
    expect(() => regionalInsured({ eu2: 1, ...NATIONAL, rateTenths: 498, nationalRateTenths: 0 })).toThrow(/nationalRateTenths/);
    expect(() => regionalInsured({ eu2: 1, ...NATIONAL, rateTenths: 1001, nationalRateTenths: 498 })).toThrow(/at most 1000/);
  });
});

describe('combined rates (weighted by foreign nationals aged 15–64)', () => {
  it('Germany over the 401 Kreise of 2019: 4,016,402,569 / 8,061,984 = 498.19 → 49.8 %', () => {
    expect(rates).toHaveLength(401);
    expect(combinedRateTenths(rates.map(part))).toBe(498);
  });

  it('Wartburgkreis with Eisenach (merged 2021): (541 × 2,897 + 465 × 2,822) / 5,719 = 503.498 → 50.3 %', () => {
    const rows = rates.filter((r) => r.ags === '16063' || r.ags === '16056');
    expect(combinedRateTenths(rows.map(part))).toBe(503);
  });

  it('Saarland (the combined row 10099): 42.3 %', () => {
    expect(combinedRateTenths(rates.filter((r) => r.ags.startsWith('10')).map(part))).toBe(423);
  });

  it('no weight is no rate', () => {
    expect(() => combinedRateTenths([])).toThrow(/weights sum to 0/);
  });
});
