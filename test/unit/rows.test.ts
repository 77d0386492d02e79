import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/io/columns.js';
import { RowReader } from '../../src/io/rows.js';

/**
 * The line fast path (RowReader.readLine) must give exactly what the split path (read)
 * gives: the same row, or the same error. Lines are generated from plain and odd cells.
 */
const HEADERS = [
  ['ags', 'name', 'population', 'eu2', 'insured'],
  ['name', 'insured', 'ags', 'eu2'],
  ['ags', 'jahr', 'bg', 'ro', 'insured_bg', 'insured_ro', 'extra'],
  // Totals beside their parts: both paths must refuse the same disagreements.
  ['ags', 'eu2', 'bg', 'ro', 'insured', 'insured_bg', 'insured_ro'],
];

const cell = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map(String),
  fc.constantFrom('', '.', '-', 'x', '1.234', '12,5', ' 42', '1e6', '9999999999', '12345678901', 'NaN'),
  fc.constantFrom('05111', '05913000', '5913000', '059130000000', '0591', 'AB123', '2019', '31.12.2019'),
  fc.string({ maxLength: 6 }).filter((s) => !s.includes(',') && !s.includes('\n') && !s.includes('\r')),
);

function outcome(f: () => unknown): unknown {
  try {
    return { row: f() };
  } catch (error) {
    return { error: (error as Error).message, where: (error as { location?: unknown }).location };
  }
}

describe('RowReader.readLine agrees with read', () => {
  for (const header of HEADERS) {
    it(`header ${header.join(',')}`, () => {
      const reader = new RowReader('t.csv', header, mapColumns(header, new Map(), 't.csv'), ',');
      fc.assert(
        fc.property(fc.array(cell, { minLength: header.length - 1, maxLength: header.length + 1 }), (cells) => {
          const text = cells.join(',');
          if (text === '') return;
          const fast = outcome(() => reader.readLine(text, 7));
          const slow = outcome(() => reader.read({ fields: text.split(','), line: 7 }));
          expect(fast).toEqual(slow);
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('takes plain lines without splitting and still names the line', () => {
    const header = ['ags', 'name', 'population', 'eu2', 'insured'];
    const reader = new RowReader('t.csv', header, mapColumns(header, new Map(), 't.csv'), ',');
    expect(reader.readLine('05913,Dortmund,603462,13495,6971', 44)).toEqual({
      ags: '05913', name: 'Dortmund', year: null, population: 603462, eu2: 13495, insured: 6971, origin: { file: 't.csv', line: 44 },
    });
  });
});

describe('a total beside its parts', () => {
  const header = ['ags', 'eu2', 'bg', 'ro', 'insured'];
  const reader = new RowReader('t.csv', header, mapColumns(header, new Map(), 't.csv'), ',');
  const read = (line: string): unknown => outcome(() => reader.readLine(line, 3));

  it('is taken when the parts agree with it', () => {
    expect(read('05913000,100,60,40,5')).toMatchObject({ row: { eu2: 100 } });
  });

  it('is refused when they do not: one of them is wrong, and the tool cannot tell which', () => {
    expect(read('05913000,100,60,30,5')).toEqual({ error: 'eu2 is 100, but bg + ro is 90', where: { file: 't.csv', line: 3, column: 'eu2', value: '100' } });
  });

  it('unknown (".") beside known parts is their sum', () => {
    expect(read('05913000,.,60,30,5')).toMatchObject({ row: { eu2: 90 } });
  });
});

