import Table from 'cli-table3';
import { humanTable } from './human.js';
import type { ReportRenderer } from './report.js';

/** The terminal table. cli-table3 is loaded with this module, which only `--format table` imports. */
export const renderTable: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  const table = new Table({
    head: view.head,
    colAligns: view.numeric.map((n) => (n ? 'right' : 'left')),
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: true },
  });
  for (const row of view.rows) table.push(row);
  table.push(view.totals);
  return `${table.toString()}\n${view.notes.join('\n')}\n`;
};
