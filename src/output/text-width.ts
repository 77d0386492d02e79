/**
 * The width of a text as a terminal shows it, in columns. Most cells of our tables are digits,
 * German or English words and punctuation, one column per code point, which a regular
 * expression recognises quickly. Anything else (East Asian wide characters, combining marks,
 * emoji, zero-width characters) is measured by `string-width`, which is loaded only when a
 * table holds such text: loading it and compiling its emoji pattern costs tens of
 * milliseconds, too much for every `burden calc` (docs/performance.md).
 */
export type Measure = (text: string) => number;

/**
 * Code points a terminal shows one column wide and never combines: printable ASCII, Latin-1
 * (without the soft hyphen, which is invisible), Latin Extended A/B and IPA, Greek, Cyrillic
 * (without its combining marks), general punctuation (dashes, quotes, the ellipsis), the
 * currency signs and the box-drawing characters the tables are drawn with.
 */
const SIMPLE = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2500-\u257f]*$/;

/** The width of simple text; other text counted by code points (what the tables did before). */
export const simpleWidth: Measure = (text) => {
  if (SIMPLE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

/**
 * A measure for these texts: the quick one when all are simple, else one that asks
 * `string-width` about the others (loaded now, once).
 */
export async function measureFor(texts: Iterable<string>): Promise<Measure> {
  for (const text of texts) {
    if (SIMPLE.test(text)) continue;
    const { default: stringWidth } = await import('string-width');
    return (t) => (SIMPLE.test(t) ? t.length : stringWidth(t));
  }
  return simpleWidth;
}
