import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { interpolateViridis } from 'd3-scale-chromatic';
import { GEO_FILE, loadKreisMap } from '../../src/report/geo.js';
import { classOf, keysNotOnMap, PALETTE, quantileClasses, renderMapSvg } from '../../src/report/map-svg.js';

const format = (n: number): string => new Intl.NumberFormat('de-DE').format(n);

describe('the shipped map', () => {
  it('holds the 401 Kreise of 2021 keyed by 5-digit AGS, and 16 Länder, in under 400 KB', () => {
    const map = loadKreisMap();
    expect(map.kreise.size).toBe(401);
    for (const key of map.kreise.keys()) expect(key).toMatch(/^\d{5}$/);
    expect(map.kreise.get('05111')?.name).toBe('Düsseldorf');
    for (let land = 1; land <= 16; land++) expect(map.land(String(land).padStart(2, '0'))?.d).toMatch(/^M/);
    expect(statSync(GEO_FILE).size).toBeLessThan(400 * 1024);
    expect(map.attribution).toBe('© GeoBasis-DE / BKG 2021 (Daten verändert)');
  });

  it('puts Kreise where they are: Flensburg north of Munich, Aachen west of Görlitz', () => {
    const map = loadKreisMap();
    const centre = (key: string): [number, number] => {
      const [x0, y0, x1, y1] = map.kreise.get(key)!.box;
      return [(x0 + x1) / 2, (y0 + y1) / 2];
    };
    expect(centre('01001')[1]).toBeLessThan(centre('09162')[1]);
    expect(centre('05334')[0]).toBeLessThan(centre('14626')[0]);
  });

  it('merges a group into one shape without the inner border', () => {
    const map = loadKreisMap();
    const union = map.union(['06611', '06633'])!;
    // Kassel, Stadt is a hole in Landkreis Kassel: the union has no ring for it.
    const rings = (d: string): number => d.split('M').length - 1;
    expect(rings(union.d)).toBeLessThan(rings(map.kreise.get('06611')!.d) + rings(map.kreise.get('06633')!.d));
  });
});

describe('quantileClasses', () => {
  it('cuts at the quantiles, so each class holds about as many areas', () => {
    const classes = quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])!;
    [2.8, 4.6, 6.4, 8.2].forEach((cut, i) => expect(classes.thresholds[i]).toBeCloseTo(cut, 9));
    expect([1, 2.8, 5, 10].map((v) => classOf(classes, v))).toEqual([0, 1, 2, 4]);
    expect(classes.colours).toEqual([...PALETTE]);
  });

  it('drops cuts that would leave a class empty', () => {
    const classes = quantileClasses([0, 0, 0, 0, 0, 0, 0, 5, 9])!;
    expect(classes.thresholds.every((t) => t > 0)).toBe(true);
    expect(classes.colours.length).toBe(classes.thresholds.length + 1);
    expect(quantileClasses([7, 7, 7])!.thresholds).toEqual([]);
    expect(quantileClasses([])).toBeUndefined();
  });

  it('uses viridis as d3-scale-chromatic gives it (light = low, dark = high)', () => {
    expect([...PALETTE]).toEqual([0, 1, 2, 3, 4].map((i) => interpolateViridis(0.95 - (i * 0.85) / 4)));
  });
});

describe('renderMapSvg', () => {
  const values = new Map<string, number | null>([
    ['05111', 100],
    ['05112', 200],
    ['06611', 50],
    ['06633', null],
    ['06415', 7],
  ]);
  const groups = [{ key: '06611', members: ['06611', '06633'], label: 'Landkreis Kassel gezählt mit Kassel, Stadt' }];

  it('draws one path per area, a group once, with a tooltip and the value', () => {
    const svg = renderMapSvg({ values, groups, title: 'Test', legendLabel: 'Personen', format });
    expect(svg.match(/<path data-ags=/g)).toHaveLength(401 - 2 + 1);
    expect(svg).toContain('data-ags="06611" data-members="06611 06633" class="group" data-value="50"');
    expect(svg).not.toContain('data-ags="06633"');
    expect(svg).toMatch(/data-ags="05111" data-value="100" fill="#[0-9a-f]{6}"/);
    expect(svg).toContain('<title>Düsseldorf (05111): 100</title>');
    expect(svg).toMatch(/data-ags="05113" fill="url\(#map-nodata\)"[^>]*><title>Essen \(05113\): keine Angabe<\/title>/);
    expect(svg).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
    // Coordinates have at most one decimal.
    expect(svg).not.toMatch(/\d\.\d\d/);
  });

  it('zooms to one Land and draws only its Kreise', () => {
    const svg = renderMapSvg({ values, land: '05', title: 'NRW', legendLabel: 'Personen', format, lang: 'en' });
    const keys = [...svg.matchAll(/data-ags="(\d+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBe(53);
    expect(keys.every((k) => k.startsWith('05'))).toBe(true);
    expect(svg).toContain('no data');
  });

  it('names keys that have a value but no shape on the 2021 map', () => {
    expect(keysNotOnMap(values)).toEqual(['06415']);
  });

  // Its time is measured by scripts/bench-report.mjs, not asserted here.
  it('keeps the map of all Kreise under 400 KB', () => {
    const all = new Map([...loadKreisMap().kreise.keys()].map((k, i) => [k, i] as [string, number]));
    expect(renderMapSvg({ values: all, title: 'x', legendLabel: 'x', format }).length).toBeLessThan(400 * 1024);
  });
});
