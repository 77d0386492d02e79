import { boxTable } from './box-table.js';
import { humanView } from './extrapolate-human.js';
import type { ExtrapolateRenderer } from './extrapolate-formats.js';

/** The terminal table of `burden extrapolate`, drawn with the shared box table (as calc's). */
export const renderExtrapolateTable: ExtrapolateRenderer = (report, options) => {
  const view = humanView(report, options.locale);
  const paint = options.color
    ? { head: (t: string) => `\u001b[36m${t}\u001b[39m`, border: (t: string) => `\u001b[90m${t}\u001b[39m` }
    : undefined;
  const table = boxTable({ head: view.head, rows: view.rows, alignRight: view.numeric, ruleBeforeLast: view.totalsLast, ...(paint ? { paint } : {}) });
  return `${view.title}\n${table}${view.notes.join('\n')}\n`;
};
