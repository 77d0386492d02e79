import { boxTable } from './box-table.js';
import { guardText } from './csv.js';
import { markdownRow, markdownRule } from './markdown-table.js';
import { safeJson, safeText } from '../terminal-safe.js';

/**
 * A plain listing (rules, parameters, datasets, calibration) in every format: the same
 * columns and rows as a terminal table, csv, json or Markdown. Cells and notes may come from
 * input (a rule file's labels, a breakdown's departments), so table and md show control and
 * bidi characters as escapes, json escapes them too (parsing back to the same text), and csv
 * keeps the data as it is (quoted, with the injection guard): it is for programs.
 */
export interface Listing {
  columns: string[];
  rows: (string | number | boolean | null)[][];
  notes?: string[];
}

export type ListingFormat = 'table' | 'csv' | 'json' | 'md';

/** `csvLocale: 'de'` writes csv for German Excel, as calc does: `;`, and a BOM. */
export async function renderListing(listing: Listing, format: ListingFormat, csvLocale: 'de' | 'en' = 'en'): Promise<string> {
  const text = (cell: string | number | boolean | null): string => (cell === null ? '' : String(cell));
  const notes = listing.notes ?? [];
  switch (format) {
    case 'json':
      return `${safeJson(JSON.stringify({ rows: listing.rows.map((row) => Object.fromEntries(listing.columns.map((c, i) => [c, row[i] ?? null]))), notes }, null, 2))}\n`;
    case 'csv': {
      // csv-stringify does the quoting; text cells get the injection guard first.
      const { stringify } = await import('csv-stringify/sync');
      const cells = listing.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? guardText(cell) : text(cell))));
      const german = csvLocale === 'de';
      return `${german ? '\uFEFF' : ''}${stringify([listing.columns, ...cells], { delimiter: german ? ';' : ',' })}`;
    }
    case 'md': {
      const body = [markdownRow(listing.columns), markdownRule(listing.columns.map(() => false)), ...listing.rows.map((r) => markdownRow(r.map(text)))];
      return `${body.join('\n')}\n${notes.length ? `\n${notes.map(safeText).join('  \n')}\n` : ''}`;
    }
    default: {
      // Long prose (sources, descriptions) wraps at 60 characters so the table fits a terminal.
      // A line break in a cell is shown as \n: it must not break the row.
      const rows = listing.rows.map((r) => r.map((cell) => safeText(text(cell))));
      const wrap = listing.columns.map((_, i) =>
        Math.max(listing.columns[i]?.length ?? 0, ...rows.map((r) => (r[i] ?? '').length)) > 60 ? 60 : null,
      );
      const table = boxTable({ head: listing.columns.map(safeText), rows, wrap });
      return `${table}${notes.length ? `${notes.map(safeText).join('\n')}\n` : ''}`;
    }
  }
}
