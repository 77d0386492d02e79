import { guardText } from './csv.js';
import { humanTable } from './human.js';
import type { ReportRenderer } from './report.js';

const escapeCell = (text: string): string => guardText(text).replace(/\|/g, '\\|');

/** A GitHub-flavoured Markdown table with the totals in bold and the notes below it. */
export const renderMarkdown: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${view.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`;
  const totals = view.totals.map((c) => (c === '' ? '' : `**${c}**`));
  const body = [line(view.head), rule, ...view.rows.map(line), line(totals)];
  return `${body.join('\n')}\n\n${view.notes.map((n) => `${n}  `).join('\n')}\n`;
};
