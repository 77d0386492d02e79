/**
 * Money and rounding. All money is integer cents from the first product to the last sum;
 * this module is the only place where a division is rounded, and it always rounds half
 * away from zero. Integer inputs keep every step exact: a JavaScript number holds integers
 * exactly up to 2^53 (about 90 trillion euros in cents), far beyond any municipal budget.
 */

/**
 * A figure that would leave the integers a number holds exactly (2^53), or an amount with
 * more decimals than its unit: refused rather than rounded silently, and reported to the user
 * as a data error. Its own class, so that other RangeErrors (V8's for an over-long string, a
 * division by zero in the tool's own code) stay what they are: bugs.
 */
export class InexactError extends RangeError {
  override name = 'InexactError';
}

/** numerator / denominator rounded half away from zero; both must be integers, denominator > 0. */
export function roundDiv(numerator: number, denominator: number): number {
  if (!Number.isInteger(denominator) || denominator <= 0) throw new RangeError(`roundDiv needs a positive whole denominator: ${denominator}`);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new InexactError(`${numerator} / ${denominator} leaves the exact whole numbers (2^53)`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const quotient = Math.floor(abs / denominator);
  const remainder = abs - quotient * denominator;
  const rounded = remainder * 2 >= denominator ? quotient + 1 : quotient;
  return sign * rounded + 0; // `+ 0` turns -0 into 0.
}

/** Multiply two integers, refusing a product that would lose precision. */
export function mulExact(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new InexactError(`product ${a} × ${b} exceeds 2^53`);
  return product;
}

/** An integer scaled by 10^decimals, e.g. 2.5 with 2 decimals is 250. */
export function toScaled(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Math.round(value * scale);
  if (Math.abs(scaled - value * scale) > 1e-6) {
    throw new InexactError(`${value} has more than ${decimals} decimals`);
  }
  return scaled;
}

/**
 * The number in an amount: without a currency mark before or after it (`€ 2.143,50`, `2143
 * EUR`), with every thousands mark made one of `.`, `,`, `'` or a space. Spaces include the
 * no-break spaces U+00A0 and U+202F that spreadsheets write, and the apostrophe the typographic
 * U+2019 (Swiss `1’234’567`), as for counts of persons (io/numbers.ts).
 */
const euroText = (text: string): string =>
  text.trim().replace(/^(?:€|EUR)\s*|\s*(?:€|EUR)$/g, '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2019/g, "'");
/**
 * One "." or "," before exactly three digits and nothing after ("2.500", "1,234"): two thousand
 * five hundred in German, two and a half in English. A tenfold or thousandfold error in a rate
 * or a pot is worse than a refusal, so it is refused, with both readings named. A space or an
 * apostrophe before three digits separates thousands in every writing: "2 500" is 2,500 EUR.
 */
const AMBIGUOUS_EURO = /^-?[1-9]\d{0,2}[.,]\d{3}$/;

/**
 * Parse an amount in euros written with a `.` or `,` decimal mark and at most two decimals
 * ("2143", "2143.5", "2.143,50", "1.234.567", "1 234 567,50", "2'143.50") into cents, without
 * going through a float; null for anything else, including an ambiguous "2.500" (euroProblem
 * says why). Thousands marks separate groups of three digits, one mark throughout.
 */
export function parseEuroToCents(text: string): number | null {
  const trimmed = euroText(text);
  if (AMBIGUOUS_EURO.test(trimmed)) return null;
  const m = /^(-?)([1-9]\d{0,2}(?:[.,' ]\d{3})+|\d+)(?:([.,])(\d{1,2}))?$/.exec(trimmed);
  if (!m) return null;
  const [, sign, intPart = '', mark, frac = ''] = m;
  // Thousands separators are one mark throughout, and not the decimal mark.
  const separators = new Set(intPart.replace(/\d/g, ''));
  if (separators.size > 1 || (mark !== undefined && separators.has(mark))) return null;
  const euros = Number(intPart.replace(/[.,' ]/g, ''));
  const cents = euros * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return sign === '-' ? -cents : cents;
}

/** Why parseEuroToCents refused a text, for messages (after the quoted text). */
export function euroProblem(text: string): string {
  const trimmed = euroText(text);
  if (!AMBIGUOUS_EURO.test(trimmed)) return 'is not an amount in euros (e.g. 2143, 2143.50 or 2.143,50)';
  const mark = trimmed.includes(',') ? ',' : '.';
  const [whole = '', part = ''] = trimmed.split(mark);
  // The decimal reading has three decimals: writable in cents only when the third is 0 (2.500 = 2.50).
  const decimals = part.endsWith('0') ? `, or ${whole}${mark}${part.slice(0, 2)} for ${whole}.${part.slice(0, 2)} EUR` : '; an amount has at most two decimals';
  return `is ambiguous: "${mark}" before three digits separates thousands in German writing and decimals in English `
    + `(write ${whole}${part} for ${whole}${part} EUR${decimals})`;
}

/**
 * Split a pot of cents among weights so that the shares sum exactly to the pot
 * (largest-remainder method, Hamilton). Ties in the remainder go to the earlier index, so
 * the result depends only on the order of the weights. Zero total weight gives all zeros.
 */
export function allocateLargestRemainder(potCents: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0 || potCents === 0) return weights.map(() => 0);
  const shares: number[] = [];
  const remainders: { index: number; remainder: bigint }[] = [];
  let allocated = 0;
  const pot = BigInt(potCents);
  const bigTotal = BigInt(total);
  weights.forEach((weight, index) => {
    // BigInt: pot × weight can exceed 2^53 (5.5 million euros × a cost weight in cents).
    const exact = pot * BigInt(weight);
    const floor = exact / bigTotal;
    shares.push(Number(floor));
    allocated += Number(floor);
    remainders.push({ index, remainder: exact - floor * bigTotal });
  });
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let k = 0; k < potCents - allocated; k++) {
    const target = remainders[k % remainders.length];
    if (target) shares[target.index] = (shares[target.index] ?? 0) + 1;
  }
  return shares;
}

/** a × b / c rounded half away from zero, exact for any size (BigInt); c > 0. */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let quotient = abs / divisor;
  if ((abs - quotient * divisor) * 2n >= divisor) quotient += 1n;
  const result = Number(negative ? -quotient : quotient);
  if (!Number.isSafeInteger(result)) throw new InexactError(`${a} × ${b} / ${c} exceeds 2^53`);
  return result + 0;
}
