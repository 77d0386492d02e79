import { boxTable, wrapText } from './box-table.js';
import { TABLE_PAINT } from './color.js';
import { humanTable } from './human.js';
import type { CalcReport, RenderOptions } from './report.js';
import { measureFor } from './text-width.js';

/**
 * The terminal table: an `--explain` chain first, then the table (numbers right-aligned, the
 * totals set off by a rule, folded to `options.width`: output/box-table.ts), then the notes and
 * the numbered sources. Asynchronous only to load string-width when a cell needs it.
 */
export async function renderTable(report: CalcReport, options: RenderOptions): Promise<string[]> {
  const view = humanTable(report, options.locale, options.lang);
  const all = [...view.rows, ...view.totals];
  const measure = await measureFor(textsOf(view.head, all));
  const table = boxTable({
    head: view.head,
    rows: all,
    alignRight: view.numeric,
    footerRows: view.totals.length,
    keyColumns: view.keyColumns,
    measure,
    ...(options.width !== undefined ? { maxWidth: options.width } : {}),
    ...(options.color ? { paint: TABLE_PAINT } : {}),
  });
  // Notes of one line wrap at the terminal's width, so a word is never cut by the terminal.
  const fold = (text: string): string => (options.width === undefined || text.includes('\n') ? text : wrapText(text, options.width, measure).join('\n'));
  const explains = view.explains.map((e) => `${e}\n\n`).join('');
  const references = view.references.length ? `\n${view.referencesHeading}\n${view.references.map(fold).join('\n')}\n` : '';
  return [`${explains}${table}${view.notes.map(fold).join('\n')}\n${references}`];
}

/** Every cell, lazily: the measure needs only to find one that is not simple text. */
function* textsOf(head: readonly string[], rows: readonly string[][]): Iterable<string> {
  yield* head;
  for (const row of rows) yield* row;
}
