import type { ResultRow, Totals } from '../engine/types.js';
import type { CalcReport, ExtraColumn, ReportRenderer } from './report.js';
import { statusWord } from '../engine/status.js';
import { each, jsonPieces } from './json-pieces.js';
import { jsonTraceStep } from './trace.js';
import { noteText } from './notes.js';

const euros = (cents: number): number => cents / 100;
const orNull = <T, R>(value: T | null, f: (v: T) => R): R | null => (value === null ? null : f(value));

/**
 * A row with the CSV's field names (output/csv.ts CSV_COLUMNS); numbers stay numbers, and every
 * figure has its status on the one scale.
 */
export function jsonRow(row: ResultRow): Record<string, unknown> {
  return {
    ags: row.ags,
    name: row.name,
    year: row.year,
    population: row.population,
    population_source: row.populationFrom,
    eu2: row.eu2,
    eu2_status: statusWord(row.eu2Status),
    insured: row.insured,
    insured_status: statusWord(row.insuredStatus),
    insured_estimated: row.insuredEstimated,
    net: row.net,
    net_status: statusWord(row.netStatus),
    net_clamped: row.netClamped,
    rate_eur: euros(row.rateCents),
    rate_status: statusWord(row.rateStatus),
    cost_eur: euros(row.costCents),
    cost_status: statusWord(row.costStatus),
    cost_per_inhabitant_eur: orNull(row.costPerInhabitantCents, euros),
    eu2_share_pct: orNull(row.eu2ShareBasisPoints, euros),
  };
}

export function jsonTotals(totals: Totals): Record<string, unknown> {
  return {
    rows: totals.rows,
    population: totals.population,
    eu2: totals.eu2,
    insured: totals.insured,
    insured_estimated: totals.insuredEstimated,
    eu2_status: statusWord(totals.eu2Status),
    insured_status: statusWord(totals.insuredStatus),
    net: totals.net,
    net_status: statusWord(totals.netStatus),
    cost_eur: euros(totals.costCents),
    cost_status: statusWord(totals.costStatus),
    cost_per_inhabitant_eur: orNull(totals.costPerInhabitantCents, euros),
    eu2_share_pct: orNull(totals.eu2ShareBasisPoints, euros),
  };
}

/** An extra column's value as json writes it: euros (or percent) as a number, a count as it is, a status as its word. */
export const extraValue = (column: ExtraColumn, value: number | string | null | undefined): number | string | null =>
  value === null || value === undefined ? null : typeof value === 'number' && column.kind !== 'count' ? euros(value) : value;

/** The extra columns of one row, of the totals or of one year's totals, under their keys. */
export const extraValues = (extra: readonly ExtraColumn[], pick: (column: ExtraColumn) => number | string | null | undefined): Record<string, number | string | null> =>
  Object.fromEntries(extra.map((c) => [c.key, extraValue(c, pick(c))]));

/**
 * Everything of a report's json after its rows, in order: the totals (and those of each year
 * when the rows span several), then the metadata, which a streamed run knows only once every
 * row is read, and the warnings.
 */
export function jsonTail(report: Omit<CalcReport, 'rows'>): Record<string, unknown> {
  return {
    totals: { ...jsonTotals(report.totals), ...extraValues(report.extra, (c) => c.total) },
    // Input of several years: the totals of each; `totals` then counts no persons (null).
    ...(report.yearTotals
      ? {
          totals_by_year: report.yearTotals.map((t) => ({
            year: t.year,
            ...jsonTotals(t),
            ...extraValues(report.extra, (c) => c.yearTotals?.get(t.year)),
          })),
        }
      : {}),
    // The notes in English, as every other text of the json.
    meta: { ...report.meta, population: noteText(report.meta.population, 'en'), insured: noteText(report.meta.insured, 'en'), notes: report.meta.notes.map((n) => noteText(n, 'en')) },
    warnings: report.warnings,
  };
}

/**
 * JSON output: {rows, totals, totals_by_year?, meta, warnings}, byte-identical for identical
 * inputs (no timestamps, stable key order), written row by row (json-pieces.ts). The rows come
 * first, so a large input streams (calc/run.ts) with the same bytes as a report at hand.
 */
export const renderJson: ReportRenderer = (report, options) => {
  const extras = (index: number): Record<string, number | string | null> => extraValues(report.extra, (c) => c.values[index]);
  function* rows(): Generator<Record<string, unknown>> {
    for (const [index, row] of report.rows.entries()) {
      const trace = report.traces?.get(index)?.map((step) => jsonTraceStep(step, options.locale));
      yield { ...jsonRow(row), ...extras(index), ...(trace ? { trace } : {}) };
    }
  }
  return jsonPieces({ rows: each(rows()), ...jsonTail(report) });
};
