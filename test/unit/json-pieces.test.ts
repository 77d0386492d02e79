import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { each, jsonPieces } from '../../src/output/json-pieces.js';

const stringified = (document: Record<string, unknown>): string => `${JSON.stringify(document, null, 2)}\n`;

describe('jsonPieces writes what JSON.stringify(document, null, 2) writes', () => {
  it('for any document, with any of its arrays written item by item', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue().filter((v) => v !== null && typeof v === 'object')),
        (fields, items) => {
          const document = { ...fields, rows: items };
          expect([...jsonPieces({ ...fields, rows: each(items) })].join('')).toBe(stringified(document));
          expect([...jsonPieces(document)].join('')).toBe(stringified(document));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('strings with line breaks, an empty array and an empty document', () => {
    const doc = { meta: { note: 'two\nlines', list: [] }, rows: [{ name: 'a\r\nb', n: [1, [2, {}]] }], empty: [] };
    expect([...jsonPieces({ ...doc, rows: each(doc.rows), empty: each([]) })].join('')).toBe(stringified(doc));
    expect([...jsonPieces({})].join('')).toBe('{}\n');
  });

  it('hands over a large array in many pieces of bounded size, items never split', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ ags: String(i).padStart(8, '0'), cost_eur: i * 2143 }));
    const pieces = [...jsonPieces({ rows: each(items) })];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 16) + 200);
    expect(pieces.join('')).toBe(stringified({ rows: items }));
  });
});
