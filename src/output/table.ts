import { boxTable } from './box-table.js';
import { TABLE_PAINT } from './color.js';
import { humanTable } from './human.js';
import type { ReportRenderer } from './report.js';

/** The terminal table: numbers right-aligned, the totals row set off by a rule. */
export const renderTable: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  const table = boxTable({
    head: view.head,
    rows: [...view.rows, ...view.totals],
    alignRight: view.numeric,
    footerRows: view.totals.length,
    ...(options.color ? { paint: TABLE_PAINT } : {}),
  });
  return [`${table}${view.notes.join('\n')}\n`];
};
