import type { ResultRow } from '../engine/types.js';
import { formatHundredths, type Locale } from '../io/numbers.js';
import type { CalcMeta, ExtraColumn, RowStreamRenderer } from './report.js';
import { rateStatus } from './report.js';

/**
 * The CSV columns, in order. `year` and `rate_status` appear only when they carry information;
 * claim columns (`--rules`) follow, each scenario with its `claims_status`.
 */
export const CSV_COLUMNS = [
  'ags', 'name', 'population', 'eu2', 'insured', 'insured_estimated', 'net',
  'rate_eur', 'cost_eur', 'cost_per_inhabitant_eur', 'eu2_share_pct',
] as const;

/**
 * OWASP CSV injection guard: a text cell that a spreadsheet would read as a formula gets a
 * leading apostrophe. Only text cells go through here; numbers are written as numbers.
 */
export function guardText(text: string): string {
  const first = text.charCodeAt(0);
  // = + - @ tab CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) return `'${text}`;
  return text;
}

/** Quote a field when it contains the delimiter, a quote or a line break (RFC 4180). */
export function csvField(text: string, delimiter: string): string {
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function csvRenderer(meta: CalcMeta, options: { locale: Locale; hasYear: boolean; extra?: ExtraColumn[] }): RowStreamRenderer {
  const delimiter = options.locale === 'de' ? ';' : ',';
  const money = (cents: number): string => formatHundredths(cents, { locale: options.locale, grouped: false });
  const rate = rateStatus(meta);
  const columns: string[] = [...CSV_COLUMNS];
  if (options.hasYear) columns.splice(2, 0, 'year');
  if (rate !== null) columns.splice(columns.indexOf('rate_eur') + 1, 0, 'rate_status');
  const extra = options.extra ?? [];
  columns.push(...extra.map((column) => column.key));
  return {
    header: () => `${options.locale === 'de' ? '\uFEFF' : ''}${columns.join(delimiter)}\n`,
    row(row: ResultRow, index: number): string {
      let line = `${row.ags}${delimiter}${csvField(guardText(row.name), delimiter)}${delimiter}`;
      if (options.hasYear) line += `${row.year ?? ''}${delimiter}`;
      line += `${row.population ?? ''}${delimiter}${row.eu2}${delimiter}${row.insured}${delimiter}${row.insuredEstimated}${delimiter}${row.net}${delimiter}${money(row.rateCents)}${delimiter}`;
      if (rate !== null) line += `${rate}${delimiter}`;
      line += `${money(row.costCents)}${delimiter}`;
      line += `${row.costPerInhabitantCents === null ? '' : money(row.costPerInhabitantCents)}${delimiter}`;
      line += `${row.eu2ShareBasisPoints === null ? '' : money(row.eu2ShareBasisPoints)}`;
      for (const column of extra) {
        const value = column.values[index];
        line += `${delimiter}${value === null || value === undefined ? '' : typeof value === 'string' ? value : money(value)}`;
      }
      return `${line}\n`;
    },
  };
}
