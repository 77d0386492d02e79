import { humanTable } from './human.js';
import { markdownRow, markdownRule } from './markdown-table.js';
import type { ReportRenderer } from './report.js';

/** A GitHub-flavoured Markdown table with the totals in bold and the notes below it. */
export const renderMarkdown: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale);
  // Numeric cells stay numbers, even negative ones: only text cells are guarded.
  const line = (cells: string[]): string => markdownRow(cells, (_, i) => view.numeric[i] !== true);
  const rule = markdownRule(view.numeric);
  // Bold must close right after the figure (CommonMark), so the blank of an official mark goes.
  const totals = view.totals.map((cells) => cells.map((c) => (c.trim() === '' ? '' : `**${c.trimEnd()}**`)));
  const body = [line(view.head), rule, ...view.rows.map(line), ...totals.map(line)];
  // A note of several lines (an --explain chain) keeps its indentation in a code block; the
  // others end in two spaces, a Markdown line break.
  const notes = view.notes.map((n) => (n.includes('\n') ? `\n\`\`\`text\n${n}\n\`\`\`\n` : `${n}  `));
  return [`${body.join('\n')}\n\n${notes.join('\n')}\n`];
};
