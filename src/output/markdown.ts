import { humanTable } from './human.js';
import { markdownRow, markdownRule } from './markdown-table.js';
import type { ReportRenderer } from './report.js';

/** A GitHub-flavoured Markdown table with the totals in bold, an --explain chain before it, the notes and sources below it. */
export const renderMarkdown: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale, options.lang);
  // Numeric cells stay numbers, even negative ones: only text cells are guarded.
  const line = (cells: string[]): string => markdownRow(cells, (_, i) => view.numeric[i] !== true);
  const rule = markdownRule(view.numeric);
  // Bold must close right after the figure (CommonMark), so the blank of an official mark goes.
  const totals = view.totals.map((cells) => cells.map((c) => (c.trim() === '' ? '' : `**${c.trimEnd()}**`)));
  const body = [line(view.head), rule, ...view.rows.map(line), ...totals.map(line)];
  // An --explain chain comes first, in a text block (it quotes names and file names from the
  // input, which Markdown must not read as markup); the notes end in two spaces, a Markdown
  // line break; the sources follow as a list.
  const explains = view.explains.map((e) => `\`\`\`text\n${e}\n\`\`\`\n\n`).join('');
  const notes = view.notes.map((n) => `${n}  `);
  const references = view.references.length ? `\n${view.referencesHeading}\n\n${view.references.map((r) => `- ${r}`).join('\n')}\n` : '';
  return [`${explains}${body.join('\n')}\n\n${notes.join('\n')}\n${references}`];
};
