import type { ResultRow } from '../engine/types.js';
import { formatHundredths, type Locale } from '../io/numbers.js';
import { STATUSES } from '../engine/status.js';
import type { CalcReport, ExtraColumn, RowStreamRenderer } from './report.js';

/**
 * The CSV columns of every computation, in order, the same for calc, calc --years and
 * extrapolate (one schema): each figure followed by its status on the one scale
 * (engine/status.ts). Range columns (--range) and claim columns (--rules, each with its
 * `_status`) follow.
 */
export const CSV_COLUMNS = [
  'ags', 'name', 'year', 'population', 'eu2', 'eu2_status', 'insured', 'insured_status', 'insured_estimated', 'net', 'net_status',
  'rate_eur', 'rate_status', 'cost_eur', 'cost_status', 'cost_per_inhabitant_eur', 'eu2_share_pct',
] as const;

/** The figures of one row and year, as CSV_COLUMNS lists them (statuses as rank codes). */
export interface FigureCells {
  ags: string;
  name: string;
  year: number | null;
  population: number | null;
  eu2: number;
  eu2Status: number;
  insured: number;
  insuredStatus: number;
  insuredEstimated: boolean;
  net: number;
  netStatus: number;
  rateCents: number;
  rateStatus: number;
  costCents: number;
  costStatus: number;
  costPerInhabitantCents: number | null;
  eu2ShareBasisPoints: number | null;
}

/**
 * One writer of the common columns, so no path can write them differently. Hot: it runs once
 * per row of a 5M-row file, so the rate (the same in every row of a year) is formatted once,
 * and no nested template builds a string per status.
 */
export function figureLine(f: FigureCells, d: string, money: (cents: number) => string): string {
  let rate = rateCache.get(f.rateCents);
  if (rate === undefined || rateCacheMoney !== money) {
    if (rateCacheMoney !== money) rateCache.clear();
    rateCacheMoney = money;
    rate = money(f.rateCents);
    rateCache.set(f.rateCents, rate);
  }
  return f.ags + d + csvField(guardText(f.name), d) + d + (f.year ?? '') + d + (f.population ?? '') + d +
    f.eu2 + d + STATUSES[f.eu2Status] + d + f.insured + d + STATUSES[f.insuredStatus] + d + f.insuredEstimated + d +
    f.net + d + STATUSES[f.netStatus] + d + rate + d + STATUSES[f.rateStatus] + d +
    money(f.costCents) + d + STATUSES[f.costStatus] + d +
    (f.costPerInhabitantCents === null ? '' : money(f.costPerInhabitantCents)) + d + (f.eu2ShareBasisPoints === null ? '' : money(f.eu2ShareBasisPoints));
}
const rateCache = new Map<number, string>();
let rateCacheMoney: ((cents: number) => string) | null = null;


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

export function csvRenderer(options: { locale: Locale; extra?: ExtraColumn[] }): RowStreamRenderer {
  const delimiter = options.locale === 'de' ? ';' : ',';
  const money = (cents: number): string => formatHundredths(cents, { locale: options.locale, grouped: false });
  const columns: string[] = [...CSV_COLUMNS];
  const extra = options.extra ?? [];
  columns.push(...extra.map((column) => column.key));
  return {
    header: () => `${options.locale === 'de' ? '\uFEFF' : ''}${columns.join(delimiter)}\n`,
    row(row: ResultRow, index: number, values?: readonly (number | string | null)[]): string {
      // Most runs have no extra column: no iterator per row of a 5M-row file then.
      if (extra.length === 0) return `${figureLine(row, delimiter, money)}\n`;
      let line = figureLine(row, delimiter, money);
      for (const [k, column] of extra.entries()) {
        const value = values ? values[k] : column.values[index];
        line += `${delimiter}${value === null || value === undefined ? '' : typeof value === 'string' ? value : column.kind === 'count' ? value : money(value)}`;
      }
      return `${line}\n`;
    },
  };
}

/** A whole report as csv, row by row (the registry's entry; calc's plain runs stream through csvRenderer directly). */
export function* renderCsv(report: CalcReport, options: { locale: Locale }): Generator<string> {
  const renderer = csvRenderer({ locale: options.locale, extra: report.extra });
  yield renderer.header();
  let piece = '';
  for (const [index, row] of report.rows.entries()) {
    piece += renderer.row(row, index);
    if (piece.length > 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}
