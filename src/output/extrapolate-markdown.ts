import { humanView } from './extrapolate-human.js';
import type { ExtrapolateRenderer } from './extrapolate-formats.js';
import { markdownRow, markdownRule } from './markdown-table.js';

// The statement's operator column holds a bare "=", which is no formula: only other cells are guarded.
const isFormulaSafe = (text: string): boolean => text === '=' || text === '**=**';

/** GitHub-flavoured Markdown: a heading, the table (closing lines of a block in bold), the notes. */
export const renderExtrapolateMarkdown: ExtrapolateRenderer = (report, options) => {
  const view = humanView(report, options.locale);
  const emphasis = new Set(view.emphasis);
  const line = (cells: string[]): string => markdownRow(cells, (cell) => !isFormulaSafe(cell));
  const rule = markdownRule(view.numeric);
  const body = view.rows.map((cells, i) => line(emphasis.has(i) ? cells.map((c) => (c.trim() === '' ? c : `**${c.trim()}**`)) : cells));
  return [`## ${view.title}\n\n${[line(view.head), rule, ...body].join('\n')}\n\n${view.notes.map((n) => `${n}  `).join('\n')}\n`];
};
