import { guardText } from './csv.js';
import { safeText } from '../terminal-safe.js';

/**
 * One cell of a GitHub-flavoured Markdown table. A pipe would end the cell and a line break
 * the row, so a pipe is escaped and a line break folded to a space; every other control or bidi
 * character is shown as an escape (`\u001b`: src/terminal-safe.ts). Text cells get the CSV-injection guard, as a Markdown table
 * pasted into a spreadsheet is read cell by cell; `guard: false` leaves a cell as it is (a
 * number, even a negative one, stays a number).
 */
export function markdownCell(text: string, guard = true): string {
  // Trailing blanks (the padding of an official figure's empty status mark) mean nothing in md.
  return safeText((guard ? guardText(text) : text.trimEnd()).replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
}

/** A table row; `guard` says which cells are text to guard (all, unless told). */
export function markdownRow(cells: readonly string[], guard: (cell: string, column: number) => boolean = () => true): string {
  return `| ${cells.map((cell, i) => markdownCell(cell, guard(cell, i))).join(' | ')} |`;
}

/** The rule under the header: right-aligned columns for numbers. */
export function markdownRule(alignRight: readonly boolean[]): string {
  return `|${alignRight.map((right) => (right ? ' ---: ' : ' --- ')).join('|')}|`;
}
