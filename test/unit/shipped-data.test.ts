import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compileShippedData } from '../../src/io/compile-data.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Some figures ship twice: as a parameter the engine computes with, and in a dataset users
 * can list and check (burden data show). The two copies must never drift apart.
 */
const shipped = compileShippedData(ROOT);
const parameter = (name: string) => shipped.parameters.find((p) => p.name === name);
const dataset = (file: string) => parse(readFileSync(join(ROOT, 'data', 'datasets', file), 'utf8'), { columns: true }) as Record<string, string>[];

describe('shipped figures agree wherever they stand', () => {
  it('the VPI parameter and data/datasets/vpi-de.csv have the same years, values and statuses', () => {
    const fromParameter = parameter('vpi')?.values.map((v) => [v.from.slice(0, 4), v.value, v.status]);
    const fromDataset = dataset('vpi-de.csv').map((r) => [r.year, Number(r.index), r.status]);
    expect(fromParameter).toEqual(fromDataset);
  });

  it('the national EU2 count of 2019 is the same in the parameter and in the Table 1 series', () => {
    const row2019 = dataset('eu2-de-series.csv').find((r) => r.year === '2019');
    expect(Number(row2019?.eu2)).toBe(parameter('eu2_residents_de')?.values[0]?.value);
    expect(parameter('eu2_residents_de')?.values[0]?.value).toBe(1_108_393);
    expect(parameter('insured_bg_ro_de')?.values[0]?.value).toBe(572_574);
    expect(parameter('rate')?.values[0]?.value).toBe(2143);
  });
});

describe('shipped parameters for people', () => {
  it('each has a short label in German and in English, for the reports\' parameter tables and --explain', () => {
    for (const p of shipped.parameters) {
      expect(p.label?.de, p.name).toMatch(/\S/);
      expect(p.label?.en, p.name).toMatch(/\S/);
      expect(p.label!.de.length, p.name).toBeLessThanOrEqual(90);
    }
  });
});
