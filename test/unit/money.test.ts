import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder, euroProblem, parseEuroToCents, roundDiv } from '../../src/engine/money.js';

describe('roundDiv rounds half away from zero', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [7, 3, 2],
    [8, 3, 3],
    [-7, 3, -2],
    [1, 4, 0],
    [2, 4, 1],
    [-2, 4, -1],
    [0, 7, 0],
  ])('%i / %i = %i', (n, d, expected) => {
    expect(roundDiv(n, d)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundDiv(-1, 4), 0)).toBe(true);
  });

  it('refuses a zero denominator and non-integers', () => {
    expect(() => roundDiv(1, 0)).toThrow(RangeError);
    expect(() => roundDiv(1.5, 2)).toThrow(RangeError);
  });
});

describe('parseEuroToCents reads amounts without floating point', () => {
  it.each([
    ['2143', 214300],
    ['2143.5', 214350],
    ['2143,01', 214301],
    ['2.143,50', 214350],
    ['1.234.567', 123456700],
    ["2'500", 250000],
    ['1,148,260,117.00', 114826011700],
    ['0.01', 1],
    ['2143 EUR', 214300],
    // Thousands separated as counts may be (io/numbers.ts): spaces, no-break spaces, apostrophes.
    ['2 143', 214300],
    ['2\u00a0143,50', 214350],
    ['1\u202f234\u202f567.5', 123456750],
    ['2\u2019143', 214300],
    ["1'234'567,50", 123456750],
    ['€ 2\u00a0500', 250000],
    ['-2\u00a0143', -214300],
  ])('%s → %i cents', (text, cents) => {
    expect(parseEuroToCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '2143.001', '1e3', '2.143.5', '0.500', '1.234,567', '1.234,567.89',
    // A space or apostrophe separates groups of three digits only, one mark throughout.
    '21 43', '2 1 4 3', '1 2345', '2\t143', '2\ufeff143', "1'234.567", '1 234.567,5', "1'234 567", '2€143'])('rejects %j', (text) => {
    expect(parseEuroToCents(text)).toBeNull();
  });

  it.each(['2.143', '2,500', '-1.000', '2.500 EUR', '€\u00a02,500'])('refuses the lone group %j as ambiguous (2,143 EUR in German, 2.143 in English)', (text) => {
    expect(parseEuroToCents(text)).toBeNull();
    expect(euroProblem(text)).toMatch(/^is ambiguous: "[.,]" before three digits separates thousands in German writing and decimals in English/);
  });
});

describe('allocateLargestRemainder', () => {
  it('splits 5,500,000.00 EUR over three equal weights as 1,833,333.34 + .33 + .33', () => {
    expect(allocateLargestRemainder(550_000_000, [1, 1, 1])).toEqual([183_333_334, 183_333_333, 183_333_333]);
  });

  it('gives the extra cents to the largest remainders, not the first rows', () => {
    // 100 cents by 1:1:1:3 → exact 16.67, 16.67, 16.67, 50: remainders tie, earlier index wins.
    const shares = allocateLargestRemainder(100, [1, 2, 3]);
    expect(shares).toEqual([17, 33, 50]);
    expect(shares.reduce((a, b) => a + b)).toBe(100);
  });

  it('gives nothing when no weight is positive', () => {
    expect(allocateLargestRemainder(1000, [0, 0])).toEqual([0, 0]);
  });
});
