import { safeJson } from '../terminal-safe.js';

/**
 * A JSON document written piece by piece: byte for byte what `JSON.stringify(document, null, 2)`
 * writes, but an array marked with `each` is turned into text one item at a time. A report
 * of millions of rows is never one string (V8 refuses strings beyond about 512 MiB) nor one
 * object tree in memory. Every piece is made safe for a terminal (terminal-safe.ts safeJson):
 * C1 controls, bidi and line-separator characters from input (a name, a label, a source)
 * are written as `\u` escapes, which JSON.stringify leaves raw; the document parses back to
 * the same data. Such characters occur only inside strings, so no escape ever spans two pieces.
 */
export class EachItem {
  constructor(readonly items: Iterable<unknown>) {}
}

/** Write this array item by item. */
export const each = (items: Iterable<unknown>): EachItem => new EachItem(items);

/** Pieces of about this many characters are handed to the output. */
const PIECE_CHARS = 1 << 16;

/** JSON.stringify's two-space layout of a value nested `depth` levels deep. */
const nested = (value: unknown, depth: number): string =>
  // A newline inside JSON text is always layout: within a string it is escaped as \n.
  JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);

export function* jsonPieces(fields: Record<string, unknown>): Generator<string> {
  let piece = '{';
  let firstField = true;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue; // as JSON.stringify leaves such a field out
    piece += `${firstField ? '' : ','}\n  ${JSON.stringify(key)}: `;
    firstField = false;
    if (!(value instanceof EachItem)) {
      piece += nested(value, 1);
      continue;
    }
    let count = 0;
    piece += '[';
    for (const item of value.items) {
      piece += `${count++ === 0 ? '' : ','}\n    ${nested(item, 2)}`;
      if (piece.length >= PIECE_CHARS) {
        yield safeJson(piece);
        piece = '';
      }
    }
    piece += count === 0 ? ']' : '\n  ]';
  }
  yield safeJson(`${piece}${firstField ? '}' : '\n}'}\n`);
}
