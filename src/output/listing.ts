import { boxTable } from './box-table.js';
import { guardText } from './csv.js';
import { markdownRow, markdownRule } from './markdown-table.js';

/**
 * A plain listing (rules, parameters, datasets, calibration) in every format: the same
 * columns and rows as a terminal table, csv, json or Markdown.
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
      return `${JSON.stringify({ rows: listing.rows.map((row) => Object.fromEntries(listing.columns.map((c, i) => [c, row[i] ?? null]))), notes }, null, 2)}\n`;
    case 'csv': {
      // csv-stringify does the quoting; text cells get the injection guard first.
      const { stringify } = await import('csv-stringify/sync');
      const cells = listing.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? guardText(cell) : text(cell))));
      const german = csvLocale === 'de';
      return `${german ? '\uFEFF' : ''}${stringify([listing.columns, ...cells], { delimiter: german ? ';' : ',' })}`;
    }
    case 'md': {
      const body = [markdownRow(listing.columns), markdownRule(listing.columns.map(() => false)), ...listing.rows.map((r) => markdownRow(r.map(text)))];
      return `${body.join('\n')}\n${notes.length ? `\n${notes.join('  \n')}\n` : ''}`;
    }
    default: {
      // Long prose (sources, descriptions) wraps at 60 characters so the table fits a terminal.
      const wrap = listing.columns.map((_, i) =>
        Math.max(listing.columns[i]?.length ?? 0, ...listing.rows.map((r) => text(r[i] ?? null).length)) > 60 ? 60 : null,
      );
      const table = boxTable({ head: listing.columns, rows: listing.rows.map((r) => r.map(text)), wrap });
      return `${table}${notes.length ? `${notes.join('\n')}\n` : ''}`;
    }
  }
}
