import type { ResultRow, Totals } from '../engine/types.js';
import { formatHundredths, groupDigits, type Locale } from '../io/numbers.js';
import type { CalcReport, NumberColumn, StatusColumn, TextColumn } from './report.js';
import { methodLine } from './report.js';
import { renderTraceText } from './trace.js';
import { safeLines, safeText } from '../terminal-safe.js';
import { type Status, rankOf } from '../engine/status.js';
import { marked, statusLegend } from './status-marks.js';

/**
 * The shared layout of the human formats (table and md): the same columns, thousands
 * separators per locale, each figure's status as a letter (output/status-marks.ts), a totals row and footnotes.
 */
export interface HumanTable {
  head: string[];
  rows: string[][];
  /** One totals row, or one per year and one over all years. */
  totals: string[][];
  notes: string[];
  /** Columns that hold numbers, for right alignment. */
  numeric: boolean[];
}


export function humanTable(report: CalcReport, locale: Locale): HumanTable {
  const count = (n: number | null): string => (n === null ? '' : groupDigits(n, locale));
  const money = (cents: number | null): string => (cents === null ? '' : formatHundredths(cents, { locale, grouped: true }));
  // A year column only when the rows span several years; one year is named in the notes.
  const hasYear = new Set(report.rows.map((r) => r.year)).size > 1;
  const head = ['AGS', 'Name', ...(hasYear ? ['Year'] : []), 'Population', 'EU2', 'Insured', 'Net', 'Cost (EUR)', 'EUR/inh.', 'EU2 %'];
  const cells = (row: ResultRow | Totals, ags: string, name: string, year: string[]): string[] => [
    ags,
    name,
    ...year,
    count(row.population),
    marked(count(row.eu2), row.eu2Status),
    marked(count(row.insured), row.insuredStatus),
    marked(count(row.net), row.netStatus),
    marked(money(row.costCents), row.costStatus),
    marked(money(row.costPerInhabitantCents), row.costStatus),
    marked(money(row.eu2ShareBasisPoints), row.eu2Status),
  ];
  // An extra figure (a claim, a range bound) with the letter of its status column; text as it is.
  const statusColumn = new Map(report.extra.filter((c): c is StatusColumn => c.kind === 'status').map((c) => [c.key, c]));
  const used = new Set<number>();
  const extraCell = (c: NumberColumn | TextColumn, value: number | string | null | undefined, status: string | null | undefined): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    const code = rankOf((status ?? 'official') as Status);
    used.add(code);
    return marked(c.kind === 'count' ? count(value) : money(value), code);
  };
  const statusOf = (c: NumberColumn | TextColumn, pick: (s: StatusColumn) => string | null | undefined): string | null | undefined => {
    const s = c.kind === 'text' || c.statusKey === undefined ? undefined : statusColumn.get(c.statusKey);
    return s ? pick(s) : 'official';
  };
  // Status columns stay in csv and json: here their letters follow the figures.
  const extra = report.extra.filter((c): c is NumberColumn | TextColumn => c.kind !== 'status');
  head.push(...extra.map((c) => c.label));
  const rows = report.rows.map((row, index) => [
    ...cells(row, row.ags, row.name, hasYear ? [String(row.year ?? '')] : []),
    ...extra.map((c) => extraCell(c, c.values[index], statusOf(c, (s) => s.values[index]))),
  ]);
  const rowCount = (n: number): string => `${groupDigits(n, locale)} ${n === 1 ? 'row' : 'rows'}`;
  const yearly = report.yearTotals ?? [];
  const first = yearly[0]?.year;
  const last = yearly[yearly.length - 1]?.year;
  const totals = [
    ...yearly.map((t) => [
      ...cells(t, '', `Total ${t.year} (${rowCount(t.rows)})`, hasYear ? [String(t.year)] : []),
      ...extra.map((c) => extraCell(c, c.yearTotals?.get(t.year), statusOf(c, (s) => s.yearTotals?.get(t.year)))),
    ]),
    [
      ...cells(report.totals, '', yearly.length ? `Total ${first}–${last} (${rowCount(report.totals.rows)})` : `Total (${rowCount(report.totals.rows)})`,
        hasYear ? [''] : []),
      ...extra.map((c) => extraCell(c, c.total, statusOf(c, (s) => s.total))),
    ],
  ];
  const notes = [methodLine(report.meta, (c) => formatHundredths(c, { locale, grouped: true }))];
  // An index that is not official (press reports, or carried forward at an assumed inflation) is named with its source.
  const uprating = report.meta.rate.uprating;
  if (uprating && (uprating.target_projected || uprating.target_status !== 'official')) notes.push(`Price index: ${uprating.source}.`);
  for (const row of [...report.rows, report.totals]) for (const code of [row.eu2Status, row.insuredStatus, row.netStatus, row.costStatus]) used.add(code);
  if (report.meta.statuses) notes.push(statusLegend(report.meta.statuses, used));
  if (report.totals.insuredEstimated || report.meta.insured !== 'from the input') notes.push(`Insured employees: ${report.meta.insured}.`);
  if (yearly.length) {
    notes.push(`The rows are for ${yearly.length} years: totals per year, and over ${first}–${last} only money, which adds up across years (persons do not).`);
  }
  if (report.meta.overrides.length > 0) notes.push(`Overrides for this run: ${report.meta.overrides.join('; ')}.`);
  notes.push(`Population: ${report.meta.population}.`);
  notes.push(...report.meta.notes);
  for (const [index, steps] of report.traces ?? []) {
    const row = report.rows[index];
    if (row) notes.push('', renderTraceText(row, steps, locale));
  }
  const numeric = head.map((_, i) => i >= (hasYear ? 3 : 2) || (hasYear && i === 2));
  // Text from input (names, keys, file names in the notes) never reaches a terminal raw (output/terminal-safe.ts).
  const safe = (cells: string[]): string[] => cells.map(safeText);
  return { head, rows: rows.map(safe), totals: totals.map(safe), notes: notes.map(safeLines), numeric };
}
