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

/**
 * One JSON object written field by field, and an array field item by item, in
 * JSON.stringify's two-space layout: what a report writes whether its rows are all at hand
 * (jsonPieces) or arrive while it is written (calc's streamed json).
 */
export class JsonObjectWriter {
  private fields = 0;
  private items = -1;

  /** A whole field. */
  field(key: string, value: unknown): string {
    if (value === undefined) return ''; // as JSON.stringify leaves such a field out
    // Text from input never reaches a terminal raw: C1 controls and bidi characters as escapes (terminal-safe.ts).
    return safeJson(`${this.fields++ === 0 ? '{' : ','}\n  ${JSON.stringify(key)}: ${nested(value, 1)}`);
  }

  /** An array field: its items follow with item(), then closeArray(). */
  openArray(key: string): string {
    this.items = 0;
    return `${this.fields++ === 0 ? '{' : ','}\n  ${JSON.stringify(key)}: [`;
  }

  item(value: unknown): string {
    return safeJson(`${this.items++ === 0 ? '' : ','}\n    ${nested(value, 2)}`);
  }

  closeArray(): string {
    const text = this.items === 0 ? ']' : '\n  ]';
    this.items = -1;
    return text;
  }

  end(): string {
    return this.fields === 0 ? '{}\n' : '\n}\n';
  }
}

export function* jsonPieces(fields: Record<string, unknown>): Generator<string> {
  const writer = new JsonObjectWriter();
  let piece = '';
  for (const [key, value] of Object.entries(fields)) {
    if (!(value instanceof EachItem)) {
      piece += writer.field(key, value);
      continue;
    }
    piece += writer.openArray(key);
    for (const item of value.items) {
      piece += writer.item(item);
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    piece += writer.closeArray();
  }
  yield `${piece}${writer.end()}`;
}
