/**
 * Parsing the cells of statistical exports. Counts of persons are whole numbers written
 * the way German and English offices write them: `1108393`, `1.108.393`, `1 108 393`,
 * `1,108,393`. Destatis marks missing values with symbols (GENESIS "Zeichenerklärung"):
 * `-` is "nothing there" (0); `.`, `x`, `...`, `/` and an empty cell are "unknown".
 */

import type { Locale } from '../engine/format.js';

// Formatting lives in the engine/format.ts (the engine writes numbers too); it is
// re-exported here so that io stays the one place to import number handling from.
export { type Locale, formatDecimal, formatHundredths, groupDigits } from '../engine/format.js';

export type CountCell =
  | { kind: 'value'; value: number }
  /** `excel`: the cell holds a spreadsheet's error value (#NV, #DIV/0!), read as unknown. */
  | { kind: 'unknown'; excel?: string }
  | { kind: 'invalid'; reason: string; suggestion: string };

/**
 * No area has more inhabitants than this (the world has about 8.2 billion people), so a
 * larger count is a mistake in the data. The bound also keeps the method exact: a count
 * times a rate of up to 9,007 EUR stays below 2^53 cents.
 */
export const MAX_COUNT = 10_000_000_000;

const UNKNOWN_SYMBOLS = new Set(['', '.', 'x', 'X', '...', '…', '/']);
/**
 * The error values of Excel and LibreOffice, German and English (#NV is German #N/A, #WERT!
 * #VALUE!, #BEZUG! #REF!, #ZAHL! #NUM!, #ÜBERLAUF! #SPILL!): a formula that failed. Nothing
 * is known about the count, so it is read as unknown, and messages name the error value.
 */
const EXCEL_ERROR = /^#(?:NV|N\/A|DIV\/0!|WERT!|VALUE!|BEZUG!|REF!|NAME\?|ZAHL!|NUM!|NULL!|LEER!|ÜBERLAUF!|SPILL!|CALC!|FELD!|FIELD!)$/i;
const PLAIN_DIGITS = /^\d+$/;
/**
 * Thousands groups. Spaces (incl. the no-break spaces U+00A0 and U+202F that Excel and
 * LibreOffice write) and apostrophes (Swiss `1'234'567`, also as U+2019) are unambiguous, and so are two or more
 * groups with the same mark. One group is ambiguous ("1.234" is 1234 in German and 1.234 in
 * English), so it is read per locale: German by default, since the tool reads German
 * statistics; a caller that knows the writer used English passes 'en'. A first group that
 * starts with 0 ("0.500") is no thousands group. (Amounts in euros are stricter: a lone group
 * is refused there, engine/money.ts, as a rate or a pot a thousand times off costs more than
 * a count of persons read the German way.)
 */
const GROUPED: Record<Locale, RegExp> = {
  de: /^[1-9]\d{0,2}(?:\.\d{3})+$|^[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+$|^[1-9]\d{0,2}(?:['\u2019]\d{3})+$|^[1-9]\d{0,2}(?:,\d{3}){2,}$/,
  en: /^[1-9]\d{0,2}(?:,\d{3})+$|^[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+$|^[1-9]\d{0,2}(?:['\u2019]\d{3})+$|^[1-9]\d{0,2}(?:\.\d{3}){2,}$/,
};

const INVALID = (reason: string, suggestion: string): CountCell => ({ kind: 'invalid', reason, suggestion });

/**
 * The value of a cell of 1 to 10 plain digits, or -1 for anything else. The hot path of
 * large inputs: it allocates nothing; every other cell goes through parseCount.
 */
export function plainCount(raw: string): number {
  const length = raw.length;
  if (length === 0 || length > 10) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = raw.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

export function parseCount(raw: string, locale: Locale = 'de'): CountCell {
  // The fast path: plain digits, which is nearly every cell of a machine export. Ten digits
  // stay below MAX_COUNT.
  if (raw.length > 0 && raw.length <= 10 && PLAIN_DIGITS.test(raw)) return { kind: 'value', value: Number(raw) };
  // trim() also removes U+00A0 and U+202F around a cell (Excel pads with them).
  const cell = raw.trim();
  if (UNKNOWN_SYMBOLS.has(cell)) return { kind: 'unknown' };
  if (cell.charCodeAt(0) === 35 && EXCEL_ERROR.test(cell)) return { kind: 'unknown', excel: cell };
  if (cell === '-' || cell === '–') return { kind: 'value', value: 0 };
  if (PLAIN_DIGITS.test(cell) || GROUPED[locale].test(cell)) {
    const value = Number(cell.replace(/[^\d]/g, ''));
    if (value > MAX_COUNT) {
      return INVALID('is too large to be a count of persons', 'no area has more than 10,000,000,000 inhabitants; check the column');
    }
    return { kind: 'value', value };
  }
  if (/^-\s*[\d.,\s]+$/.test(cell)) return INVALID('is negative', 'a count of persons cannot be below 0');
  if (/^[+-]?(nan|infinity|inf)$/i.test(cell)) return INVALID('is not a number', 'write the count as digits, or "." if unknown');
  if (/^[+-]?[\d.,]+e[+-]?\d+$/i.test(cell)) {
    return INVALID('is in exponent notation', 'write the count out in digits; a spreadsheet may have turned it into 1E+06');
  }
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(cell)) {
    // "1,234" in a German file (or "1.234" in an English one): a decimal mark, or thousands?
    const mark = cell.includes(',') ? ',' : '.';
    return INVALID(`is ambiguous: "${mark}" may be a decimal mark (not a whole number of persons) or separate thousands`,
      `write the count without separators, e.g. ${cell.replace(mark, '')}`);
  }
  if (/^\d+[.,]\d+$/.test(cell) || /^\d{1,3}(?:\.\d{3})+,\d+$/.test(cell) || /^\d{1,3}(?:,\d{3})+\.\d+$/.test(cell)) {
    return INVALID('is not a whole number of persons', 'counts must be whole: remove the decimals (a thousands separator has three digits after it, as in 1.108.393)');
  }
  return INVALID('is not a count', 'write digits like 1108393 or 1.108.393; use "." for unknown and "-" for none');
}
