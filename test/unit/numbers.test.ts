import { describe, expect, it } from 'vitest';
import { formatDecimal, formatHundredths, groupDigits, parseCount, plainCount } from '../../src/io/numbers.js';
import { basisPoints, cents, decimal, persons, trace } from '../../src/engine/trace.js';
import { traceText } from '../../src/output/trace.js';

describe('parseCount', () => {
  it.each([
    ['1108393', 1108393],
    ['1.108.393', 1108393],
    ['1 108 393', 1108393],
    ['1\u00a0108\u00a0393', 1108393],
    ['1,108,393', 1108393],
    [' 42 ', 42],
    ['0', 0],
    ['-', 0],
  ])('%j is %i', (cell, value) => {
    expect(parseCount(cell)).toEqual({ kind: 'value', value });
  });

  it.each(['', '.', 'x', '...', '/', '…'])('Destatis symbol %j is unknown', (cell) => {
    expect(parseCount(cell)).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['12,5', 'is not a whole number of persons'],
    ['12.5', 'is not a whole number of persons'],
    ['1.108.393,5', 'is not a whole number of persons'],
    ['-5', 'is negative'],
    ['1e6', 'is in exponent notation'],
    ['1E+06', 'is in exponent notation'],
    ['NaN', 'is not a number'],
    ['Infinity', 'is not a number'],
    ['12a', 'is not a count'],
    ['12.34.567', 'is not a count'],
    ['99999999999999999', 'is too large to be a count of persons'],
    // One group after a comma: German for 1.234 (a fraction), English for 1234.
    ['1,234', 'is ambiguous: "," may be a decimal mark (not a whole number of persons) or separate thousands'],
  ])('%j is refused: %s', (cell, reason) => {
    const parsed = parseCount(cell);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.reason).toBe(reason);
  });
});

describe('formatting', () => {
  it('groups digits per locale', () => {
    expect(groupDigits(1148260117, 'de')).toBe('1.148.260.117');
    expect(groupDigits(1148260117, 'en')).toBe('1,148,260,117');
    expect(groupDigits(999, 'de')).toBe('999');
    expect(groupDigits(-1000, 'de')).toBe('-1.000');
  });

  it('writes cents with two decimals', () => {
    expect(formatHundredths(114826011700, { locale: 'en', grouped: false })).toBe('1148260117.00');
    expect(formatHundredths(114826011700, { locale: 'de', grouped: true })).toBe('1.148.260.117,00');
    expect(formatHundredths(5, { locale: 'en', grouped: false })).toBe('0.05');
    expect(formatHundredths(-150, { locale: 'de', grouped: false })).toBe('-1,50');
  });

  it('writes a number as a parameter file does, with the locale\'s marks and its own decimals', () => {
    expect(formatDecimal(119.3, 'de')).toBe('119,3');
    expect(formatDecimal(119.3, 'en')).toBe('119.3');
    expect(formatDecimal(5500000, 'de')).toBe('5.500.000');
    expect(formatDecimal(0.089, 'en')).toBe('0.089');
    expect(formatDecimal(-1234.5, 'en')).toBe('-1,234.5');
  });

  it('writes a trace in the report\'s locale, money from cents without a float', () => {
    const text = trace`cost = ${persons(6524)} × ${cents(256945)} EUR = ${cents(1676309180)} EUR; ${basisPoints(162)} %; VPI ${decimal(119.3)}`;
    expect(traceText(text, 'de')).toBe('cost = 6.524 × 2.569,45 EUR = 16.763.091,80 EUR; 1,62 %; VPI 119,3');
    expect(traceText(text, 'en')).toBe('cost = 6,524 × 2,569.45 EUR = 16,763,091.80 EUR; 1.62 %; VPI 119.3');
  });
});

describe('plainCount, the allocation-free path', () => {
  it.each([
    ['0', 0],
    ['1108393', 1108393],
    ['9999999999', 9999999999],
    ['', -1],
    ['12345678901', -1],
    ['1.108', -1],
    [' 5', -1],
    ['-5', -1],
  ])('%j → %i', (cell, value) => {
    expect(plainCount(cell)).toBe(value);
  });
});

describe('an ambiguous single group', () => {
  it('"1.234" is 1234 in German and refused as ambiguous when read as English', () => {
    expect(parseCount('1.234', 'de')).toEqual({ kind: 'value', value: 1234 });
    expect(parseCount('1.234', 'en')).toMatchObject({ kind: 'invalid', suggestion: 'write the count without separators, e.g. 1234' });
  });
});
