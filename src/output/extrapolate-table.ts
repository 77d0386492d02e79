import { boxTable } from './box-table.js';
import { TABLE_PAINT } from './color.js';
import { humanView } from './extrapolate-human.js';
import type { ExtrapolateRenderer } from './extrapolate-formats.js';

/** The terminal table of `burden extrapolate`, drawn with the shared box table (as calc's). */
export const renderExtrapolateTable: ExtrapolateRenderer = (report, options) => {
  const view = humanView(report, options.locale);
  const table = boxTable({ head: view.head, rows: view.rows, alignRight: view.numeric, footerRows: view.totalsLast ? 1 : 0, ...(options.color ? { paint: TABLE_PAINT } : {}) });
  return [`${view.title}\n${table}${view.notes.join('\n')}\n`];
};
