import { boxTable } from './box-table.js';
import { humanTable } from './human.js';
import type { ReportRenderer } from './report.js';

/** The terminal table: numbers right-aligned, the totals row set off by a rule. */
export const renderTable: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  const paint = options.color
    ? { head: (t: string) => `\u001b[36m${t}\u001b[39m`, border: (t: string) => `\u001b[90m${t}\u001b[39m` }
    : undefined;
  const table = boxTable({
    head: view.head,
    rows: [...view.rows, view.totals],
    alignRight: view.numeric,
    ruleBeforeLast: true,
    ...(paint ? { paint } : {}),
  });
  return `${table}${view.notes.join('\n')}\n`;
};
