import { type Measure, simpleWidth } from './text-width.js';

/**
 * A terminal table drawn with box characters. Written here rather than taken from
 * cli-table3 because measurement showed cli-table3 needs about 34 ms to lay out the 53 NRW
 * Kreise (it measures every cell with a Unicode-width library), a third of the start-up
 * budget of `burden calc`. Cells are measured as a terminal shows them (output/text-width.ts:
 * string-width, loaded only for text that needs it).
 *
 * A table wider than `maxWidth` (the terminal) is folded rather than left to the terminal,
 * which would wrap every row: first the column heads wrap onto several lines; if that is not
 * enough, the columns are split into parts, each repeating the key columns; a table of a few
 * rows, or one whose key columns alone do not fit, is written row by row, as blocks of
 * `label: value` lines.
 */
export interface BoxTableOptions {
  head: string[];
  rows: string[][];
  /** Per column: right-align (numbers) or left-align (text). */
  alignRight?: boolean[];
  /** Per column: wrap longer cells at this width (prose such as sources). */
  wrap?: (number | null)[];
  /** How many rows at the end are totals, set off by a rule above them. */
  footerRows?: number;
  paint?: { head(text: string): string; border(text: string): string };
  /** The widest a line may be (the terminal's columns); none: as wide as the cells need (a pipe or a file). */
  maxWidth?: number;
  /** The display width of a text; default: one column per code point for anything unusual. */
  measure?: Measure;
  /** The leading columns that name a row (key, name, year): repeated in every part of a folded table. */
  keyColumns?: number;
}

/** At most this many rows (without totals) are written as blocks when the table is too wide. */
const BLOCK_ROWS = 3;

/** Greedy word wrap; a word longer than the width is cut. */
export function wrapText(text: string, max: number, measure: Measure = simpleWidth): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    let rest = word;
    while (measure(rest) > max) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // Cut at the last character that still fits (at least one, so a wide character moves on).
      const chars = [...rest];
      let cut = 1;
      while (cut < chars.length && measure(chars.slice(0, cut + 1).join('')) <= max) cut += 1;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    if (!line) line = rest;
    else if (measure(line) + 1 + measure(rest) <= max) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The width a table with these column widths takes: `│ cell │ cell │`. */
const tableWidth = (widths: readonly number[]): number => widths.reduce((sum, w) => sum + w + 3, 1);

export function boxTable(options: BoxTableOptions): string {
  const measure = options.measure ?? simpleWidth;
  const { head, rows } = options;
  const columns = head.map((_, i) => i);
  // Cell lines and widths in loops: a table of 125,000 rows must not spread them into arguments.
  const body = rows.map((row) => columns.map((i) => {
    const text = row[i] ?? '';
    const max = options.wrap?.[i];
    return max ? wrapText(text, max, measure) : [text];
  }));
  const dataWidths = columns.map(() => 0);
  for (const cells of body) {
    for (const i of columns) for (const line of cells[i] ?? []) dataWidths[i] = Math.max(dataWidths[i] ?? 0, measure(line));
  }
  const headWidths = columns.map((i) => measure(head[i] ?? ''));
  const natural = columns.map((i) => Math.max(dataWidths[i] ?? 0, headWidths[i] ?? 0));
  const max = options.maxWidth;
  if (max === undefined || tableWidth(natural) <= max) return drawTable(options, columns, natural, columns.map((i) => [head[i] ?? '']), body, measure);
  // Heads wrap onto several lines, down to their longest word or their column's widest cell.
  const longestWord = (text: string): number => text.split(/\s+/).reduce((m, word) => Math.max(m, measure(word)), 0);
  const narrow = columns.map((i) => Math.max(dataWidths[i] ?? 0, Math.min(headWidths[i] ?? 0, longestWord(head[i] ?? ''))));
  const headLines = columns.map((i) => wrapText(head[i] ?? '', narrow[i] ?? 1, measure));
  const widths = columns.map((i) => Math.max(narrow[i] ?? 0, ...(headLines[i] ?? []).map(measure)));
  if (tableWidth(widths) <= max) return drawTable(options, columns, widths, headLines, body, measure);
  const keys = Math.min(options.keyColumns ?? 0, columns.length);
  const parts = keys < columns.length && rows.length - (options.footerRows ?? 0) > BLOCK_ROWS ? splitColumns(widths, keys, max) : null;
  if (parts === null) return drawBlocks(options, keys, measure);
  return parts.map((part) => drawTable(options, part, part.map((i) => widths[i] ?? 0), part.map((i) => headLines[i] ?? ['']), body, measure)).join('\n');
}

/** The columns in parts no wider than `max`, each starting with the key columns; null when one column does not fit beside them. */
function splitColumns(widths: readonly number[], keys: number, max: number): number[][] | null {
  const keyColumns = widths.slice(0, keys).map((_, i) => i);
  const parts: number[][] = [];
  let part = [...keyColumns];
  for (let i = keys; i < widths.length; i++) {
    const wider = [...part, i];
    if (tableWidth(wider.map((c) => widths[c] ?? 0)) <= max) part = wider;
    else {
      if (part.length === keys) return null;
      parts.push(part);
      part = [...keyColumns, i];
      if (tableWidth(part.map((c) => widths[c] ?? 0)) > max) return null;
    }
  }
  parts.push(part);
  return parts;
}

function drawTable(options: BoxTableOptions, columns: readonly number[], widths: readonly number[], head: readonly string[][],
  body: readonly string[][][], measure: Measure): string {
  const paintHead = options.paint?.head ?? ((t: string) => t);
  const paintBorder = options.paint?.border ?? ((t: string) => t);
  const rule = (left: string, mid: string, right: string): string =>
    paintBorder(`${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`);
  const bar = paintBorder('│');
  const render = (cells: readonly string[][], isHead: boolean, out: string[]): void => {
    let height = 1;
    for (const c of cells) height = Math.max(height, c.length);
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, j) => {
        const text = cells[j]?.[k] ?? '';
        const pad = ' '.repeat(Math.max(0, w - measure(text)));
        const aligned = options.alignRight?.[columns[j] ?? 0] ? pad + text : text + pad;
        return ` ${isHead ? paintHead(aligned) : aligned} `;
      });
      out.push(`${bar}${parts.join(bar)}${bar}`);
    }
  };
  const lines = [rule('┌', '┬', '┐')];
  render(head, true, lines);
  lines.push(rule('├', '┼', '┤'));
  const footerStart = body.length - (options.footerRows ?? 0);
  body.forEach((cells, index) => {
    if (index === footerStart && index > 0) lines.push(rule('├', '┼', '┤'));
    render(columns.map((i) => cells[i] ?? ['']), false, lines);
  });
  lines.push(rule('└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}

/** Each row as a block: its key cells as a title, then one `label: value` line per other column. */
function drawBlocks(options: BoxTableOptions, keys: number, measure: Measure): string {
  const paintHead = options.paint?.head ?? ((t: string) => t);
  const labels = options.head.slice(keys).map((h) => h.replace(/\s+/g, ' '));
  const labelWidth = labels.reduce((m, l) => Math.max(m, measure(l)), 0);
  const valueWidth = options.rows.reduce((m, row) => row.slice(keys).reduce((n, v) => Math.max(n, measure(v)), m), 0);
  const blocks = options.rows.map((row) => {
    const title = row.slice(0, keys).map((c) => c.trim()).filter((c) => c !== '').join(' ');
    const lines = title ? [title] : [];
    labels.forEach((label, j) => {
      const value = row[keys + j] ?? '';
      if (value.trim() === '') return;
      const pad = ' '.repeat(Math.max(0, valueWidth - measure(value)));
      const aligned = options.alignRight?.[keys + j] ? pad + value : value;
      lines.push(`  ${paintHead(`${label}:`)}${' '.repeat(labelWidth - measure(label) + 1)}${aligned.trimEnd()}`);
    });
    return lines.join('\n');
  });
  // A blank line after the last block sets the rows off from the notes that follow.
  return `${blocks.join('\n\n')}\n\n`;
}
