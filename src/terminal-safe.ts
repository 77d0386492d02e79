/**
 * Text from input (names, keys, labels, sources, file names, excerpts of a broken file) made
 * safe for a terminal and for the human formats (table, md, messages). A terminal obeys
 * control characters: ESC starts a sequence that can recolour, move the cursor, retitle the
 * window or hide text; CR and BEL rewrite or ring; a line break splits a table row or an error
 * line; and Unicode bidi overrides make text read in a different order than it is stored
 * (CVE-2021-42574, "Trojan Source"). So each such character is shown, not obeyed:
 *
 * - C0 controls (U+0000–U+001F) and DEL and C1 (U+007F–U+009F) as JSON writes them: `\n`,
 *   `\r`, `\t`, else `\u001b`;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the line and
 *   paragraph separators (U+2028, U+2029) as `\u202e` etc.
 *
 * Everything else, umlauts and `€` included, is left as it is. Pure, and fast when there is
 * nothing to do (one regular-expression test), so it can run on every cell.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
/** The same, except line feeds: for text that may span lines (notes below a table, a report). */
const UNSAFE_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function shown(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text, safe for a terminal: every control, bidi and line-break character shown as an escape. */
export function safeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, shown) : text;
}

/** Text that may span lines (line feeds kept), otherwise as safeText. */
export function safeLines(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_BUT_LF, shown) : text;
}

/**
 * JSON output (JSON.stringify's result) with C1 controls, bidi and line-separator characters
 * escaped as well: JSON.stringify escapes only U+0000–U+001F. The escapes are valid JSON and
 * parse back to the same strings, so the data is unchanged; only a terminal showing it is safe.
 */
export function safeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, shown);
}
