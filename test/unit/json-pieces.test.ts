import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { each, jsonPieces } from '../../src/output/json-pieces.js';
import { safeJson } from '../../src/terminal-safe.js';

/** JSON.stringify's text, with the characters a terminal would obey escaped (terminal-safe.ts). */
const stringified = (document: Record<string, unknown>): string => safeJson(`${JSON.stringify(document, null, 2)}\n`);

describe('jsonPieces writes what JSON.stringify(document, null, 2) writes, terminal-safe', () => {
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
      { numRuns: 300 },
    );
  });

  it('strings with line breaks, an empty array and an empty document', () => {
    const doc = { meta: { note: 'two\nlines', list: [] }, rows: [{ name: 'a\r\nb', n: [1, [2, {}]] }], empty: [] };
    expect([...jsonPieces({ ...doc, rows: each(doc.rows), empty: each([]) })].join('')).toBe(stringified(doc));
    expect([...jsonPieces({})].join('')).toBe('{}\n');
  });

  it('escapes C1 controls and bidi characters in keys and values, and parses back to the same data', () => {
    const text = 'Köln\u0085\u009b31m\u007f \u202eevil\u202c \u2066x\u2069 \u2028 € \u001b';
    const doc = { meta: { [`k${text}`]: text }, rows: [{ name: text }] };
    const json = [...jsonPieces({ ...doc, rows: each(doc.rows) })].join('');
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain('"name": "Köln\\u0085\\u009b31m\\u007f \\u202eevil\\u202c \\u2066x\\u2069 \\u2028 € \\u001b"');
    expect(JSON.parse(json)).toEqual(doc);
  });

  it('for any document of any characters, parses back to the same data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ stringUnit: 'binary' })), (fields) => {
        expect(JSON.parse([...jsonPieces(fields)].join(''))).toEqual(JSON.parse(JSON.stringify(fields)));
      }),
      { numRuns: 300 },
    );
  });

  it('hands over a large array in many pieces of bounded size, items never split', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ ags: String(i).padStart(8, '0'), cost_eur: i * 2143 }));
    const pieces = [...jsonPieces({ rows: each(items) })];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 16) + 200);
    expect(pieces.join('')).toBe(stringified({ rows: items }));
  });
});
