import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compileShippedData } from '../../src/io/compile-data.js';
import { ROOT } from '../helpers/cli.js';

/**
 * data/datasets/eu2-de-kreise-2025.csv: EU2 residents of every German Kreis, 31.12.2025
 * (Destatis 12521-0041), with the Kreise Destatis counts together as one combined row each.
 */
type Row = { ags: string; name: string; population: string; eu2: string; area: string; members: string };
const read = (file: string) => parse(readFileSync(join(ROOT, 'data/datasets', file), 'utf8'), { columns: true }) as Record<string, string>[];
const rows = read('eu2-de-kreise-2025.csv') as Row[];
const register = read('register-2024.csv').filter((r) => r.level === 'kreis');
const areas = JSON.parse(readFileSync(join(ROOT, 'data/datasets/eu2-de-kreise-2025-areas.json'), 'utf8')) as
  { areas: { ags: string; recorded_under: string; population: number; members: { ags: string; population: number }[] }[] };

describe('EU2 residents of every German Kreis, 31.12.2025', () => {
  it('has 393 rows: 400 Kreise less 10 folded into 3 combined areas', () => {
    expect(register).toHaveLength(400);
    const folded = rows.filter((r) => r.area === 'combined').flatMap((r) => r.members.split(' '));
    expect(folded).toHaveLength(10);
    expect(rows).toHaveLength(400 - 10 + 3);
    // Every register Kreis is either a row or a member of exactly one combined row.
    expect([...rows.filter((r) => r.area === 'kreis').map((r) => r.ags), ...folded].sort()).toEqual(register.map((r) => r.ags).sort());
  });

  it('sums to 1,325,700 EU2 residents and to the register\'s 83,577,140 inhabitants', () => {
    expect(rows.reduce((s, r) => s + Number(r.eu2), 0)).toBe(1_325_700);
    expect(rows.reduce((s, r) => s + Number(r.population), 0)).toBe(83_577_140);
  });

  it('holds the 53 NRW Kreise with the same counts as eu2-nrw-kreise-2025.csv (273,725)', () => {
    const nrw = rows.filter((r) => r.ags.startsWith('05'));
    expect(nrw.map((r) => [r.ags, r.name, r.eu2])).toEqual(read('eu2-nrw-kreise-2025.csv').map((r) => [r.ags, r.name, r.eu2]));
    expect(nrw).toHaveLength(53);
    expect(nrw.reduce((s, r) => s + Number(r.eu2), 0)).toBe(273_725);
  });

  it('has every Land prefix 01–16, and each Land\'s population is the register\'s', () => {
    const lands = read('register-2024.csv').filter((r) => r.level === 'land');
    expect([...new Set(rows.map((r) => r.ags.slice(0, 2)))]).toEqual(lands.map((l) => l.ags));
    for (const land of lands) {
      const sum = rows.filter((r) => r.ags.startsWith(land.ags ?? '')).reduce((s, r) => s + Number(r.population), 0);
      expect([land.ags, sum]).toEqual([land.ags, Number(land.population)]);
    }
  });

  it('combined areas: key = the members\' first three digits + 99, no Kreis of the register, population = sum of members', () => {
    const combined = rows.filter((r) => r.area === 'combined');
    expect(combined.map((r) => [r.ags, r.members, r.eu2])).toEqual([
      ['06699', '06611 06633', '8810'],
      ['10099', '10041 10042 10043 10044 10045 10046', '16490'],
      ['12099', '12052 12071', '395'],
    ]);
    expect(combined.find((r) => r.ags === '10099')?.name).toBe('Saarland (6 Kreise, eine Ausländerbehörde)');
    const population = new Map(register.map((r) => [r.ags, Number(r.population)]));
    for (const row of combined) {
      expect(population.has(row.ags)).toBe(false);
      const members = row.members.split(' ');
      expect(members.every((m) => m.slice(0, 3) === row.ags.slice(0, 3))).toBe(true);
      expect(Number(row.population)).toBe(members.reduce((s, m) => s + (population.get(m) ?? NaN), 0));
      const area = areas.areas.find((a) => a.ags === row.ags);
      expect(area?.members.map((m) => m.ags)).toEqual(members);
      expect(area?.population).toBe(Number(row.population));
      expect(members).toContain(area?.recorded_under);
    }
  });

  it('no row shows 0 persons, and no count exceeds its population', () => {
    expect(rows.filter((r) => Number(r.eu2) <= 0)).toEqual([]);
    expect(rows.filter((r) => Number(r.eu2) > Number(r.population))).toEqual([]);
  });

  it('is registered in the manifest with source, date, licence and its areas file', () => {
    const info = compileShippedData(ROOT).datasets.find((d) => d.name === 'eu2-de-kreise-2025');
    expect(info).toMatchObject({ file: 'eu2-de-kreise-2025.csv', reference_date: '2025-12-31', status: 'derived', areas_file: 'eu2-de-kreise-2025-areas.json' });
    expect(info?.licence).toContain('dl-de/by-2-0');
  });
});

describe('the national series gains 2025', () => {
  const series = read('eu2-de-series.csv');

  it('2025: 1,325,700, derived from the Kreise; the paper\'s years unchanged', () => {
    expect(series.find((r) => r.year === '2025')).toMatchObject({ eu2: '1325700', status: 'derived', bg: '', ro: '', change: '' });
    expect(series.map((r) => r.year)).toEqual([...Array.from({ length: 14 }, (_, i) => String(2006 + i)), '2025']);
    expect(series.find((r) => r.year === '2019')).toMatchObject({ eu2: '1108393', change: '75104', change_pct: '7.3', status: 'official' });
  });

  it('compound growth: 3.0288 % a year 2019–2025, against 15.5273 % in 2014–2019', () => {
    const level = (year: string): number => Number(series.find((r) => r.year === year)?.eu2);
    expect(((level('2025') / level('2019')) ** (1 / 6) - 1) * 100).toBeCloseTo(3.0288, 4);
    expect(((level('2019') / level('2014')) ** (1 / 5) - 1) * 100).toBeCloseTo(15.5273, 4);
  });
});
