import { guardText } from './csv.js';
import { humanTable } from './human.js';
import type { ReportRenderer } from './report.js';

/**
 * One table cell. Text cells get the CSV-injection guard (a Markdown table pasted into a
 * spreadsheet is read cell by cell); numeric cells stay numbers, even negative ones. A pipe
 * would end the cell and a line break the row, so both are escaped.
 */
function escapeCell(text: string, numeric: boolean): string {
  return (numeric ? text : guardText(text)).replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ');
}

/** A GitHub-flavoured Markdown table with the totals in bold and the notes below it. */
export const renderMarkdown: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => escapeCell(cell, view.numeric[i] === true)).join(' | ')} |`;
  const rule = `|${view.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`;
  const totals = view.totals.map((c) => (c === '' ? '' : `**${c}**`));
  const body = [line(view.head), rule, ...view.rows.map(line), line(totals)];
  return `${body.join('\n')}\n\n${view.notes.map((n) => `${n}  `).join('\n')}\n`;
};
