import { type HumanTable, humanTable } from './human.js';
import { markdownRow, markdownRule } from './markdown-table.js';
import type { ReportRenderer } from './report.js';

/**
 * A GitHub-flavoured Markdown table with the totals in bold, an --explain chain before it, the
 * notes and sources below it. In three parts, so that a large plain run can write its rows as
 * they come (calc/run.ts) with the same bytes as a report at hand.
 */
export const renderMarkdown: ReportRenderer = (report, options) => {
  const view = humanTable(report, options.locale, options.lang);
  return [`${markdownHead(view)}${view.rows.map((cells) => markdownLine(view, cells)).join('')}${markdownTail(view)}`];
};

/** The --explain chains, the header line and the alignment rule. */
export function markdownHead(view: HumanTable): string {
  // An --explain chain comes first, in a text block (it quotes names and file names from the
  // input, which Markdown must not read as markup).
  const explains = view.explains.map((e) => `\`\`\`text\n${e}\n\`\`\`\n\n`).join('');
  return `${explains}${markdownLine(view, view.head)}${markdownRule(view.numeric)}\n`;
}

/** One line of the table. Numeric cells stay numbers, even negative ones: only text cells are guarded. */
export function markdownLine(view: Pick<HumanTable, 'numeric'>, cells: readonly string[]): string {
  return `${markdownRow(cells, (_, i) => view.numeric[i] !== true)}\n`;
}

/** The totals in bold, the notes (each ending in two spaces, a Markdown line break) and the sources as a list. */
export function markdownTail(view: HumanTable): string {
  // Bold must close right after the figure (CommonMark), so the blank of an official mark goes.
  const totals = view.totals.map((cells) => markdownLine(view, cells.map((c) => (c.trim() === '' ? '' : `**${c.trimEnd()}**`)))).join('');
  const notes = view.notes.map((n) => `${n}  `);
  const references = view.references.length ? `\n${view.referencesHeading}\n\n${view.references.map((r) => `- ${r}`).join('\n')}\n` : '';
  return `${totals}\n${notes.join('\n')}\n${references}`;
}
