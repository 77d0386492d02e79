/**
 * Writing numbers for people, per locale. Pure and free of I/O, so every layer may use it:
 * output for every format and its notes, io for its messages (re-exported from io/numbers.ts). Money never passes through a float
 * here: amounts arrive as integers scaled by 100 (cents, basis points).
 */

export type Locale = 'de' | 'en';

const DECIMAL_MARK: Record<Locale, string> = { de: ',', en: '.' };

/** Thousands-grouped integer: 1148260117 → "1.148.260.117" (de) or "1,148,260,117" (en). */
export function groupDigits(value: number, locale: Locale): string {
  const digits = String(Math.abs(value));
  const separator = locale === 'de' ? '.' : ',';
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return value < 0 ? `-${out}` : out;
}

/** An integer scaled by 100 (cents, basis points) as a decimal with two places. */
export function formatHundredths(value: number, options: { locale: Locale; grouped: boolean }): string {
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  const wholeText = options.grouped ? groupDigits(whole, options.locale) : String(whole);
  return `${value < 0 ? '-' : ''}${wholeText}${DECIMAL_MARK[options.locale]}${fraction < 10 ? '0' : ''}${fraction}`;
}

/**
 * A number as a data file writes it (a price index 119.3, a share 0.089, a percentage 8.9),
 * with the locale's grouping and decimal mark and exactly the decimals it has: 119.3 →
 * "119,3" (de). Not for money, which is held in cents (formatHundredths).
 */
export function formatDecimal(value: number, locale: Locale): string {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  // Exponent notation (beyond 1e21 or below 1e-6) has no place in a parameter file: shown as is.
  if (!match) return text;
  const [, sign = '', whole = '', fraction] = match;
  return `${sign}${groupDigits(Number(whole), locale)}${fraction === undefined ? '' : `${DECIMAL_MARK[locale]}${fraction}`}`;
}
