import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WarningCollector } from '../../src/engine/method.js';
import { NestedKeys } from '../../src/engine/nested-keys.js';

const findings = (tracker: NestedKeys): string[] => {
  const warnings = new WarningCollector();
  tracker.warn(warnings);
  return warnings.entries().flatMap((e) => e.items);
};

describe('rows inside other rows', () => {
  it('names each containing row with the first row inside it', () => {
    const tracker = new NestedKeys();
    for (const ags of ['05913000', '05913004', '05', '05913', '09162000']) tracker.add(ags, null);
    expect(findings(tracker)).toEqual(['05 contains 05913000', '05913 contains 05913000']);
  });

  it('split into pieces and absorbed, finds what one tracker finds (the parallel path)', () => {
    const key = fc.constantFrom('05', '051', '05111', '05111000', '05913', '05913000', '09', '09162', '09162000', '059130000000',
      '051585024', '051585024001', '051585024002', '051580000000', '05158024');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.constantFrom(null, 2024, 2025)), { maxLength: 30 }), fc.nat(30), (rows, cut) => {
        const whole = new NestedKeys();
        for (const [ags, year] of rows) whole.add(ags, year);
        const [first, second] = [new NestedKeys(), new NestedKeys()];
        rows.forEach(([ags, year], i) => (i < cut ? first : second).add(ags, year));
        const merged = new NestedKeys();
        merged.absorb(first.state());
        merged.absorb(second.state());
        // The same containing rows; the row named inside may differ (the first one each piece saw).
        const outer = (items: string[]): string[] => items.map((item) => item.replace(/ contains \d+/, '')).sort();
        expect(outer(findings(merged))).toEqual(outer(findings(whole)));
        // And what a plain search over all pairs finds (the skip of repeated prefixes loses nothing).
        const label = (ags: string, year: number | null): string => `${ags}${year === null ? '' : ` (${year})`}`;
        // Areas contain each other along the key's levels: Land 2, Regierungsbezirk 3, Kreis 5, Verband 9 digits.
        const brute = [...new Set(rows.filter(([a, y]) => [2, 3, 5, 9].includes(a.length) && rows.some(([b, z]) => z === y && b.length > a.length && b.startsWith(a)))
          .map(([a, y]) => label(a, y)))].sort();
        expect(outer(findings(whole))).toEqual(brute);
      }),
      { numRuns: 1000 },
    );
  });
});
