import type { ExtrapolateRenderer } from './extrapolate-formats.js';
import { each, jsonPieces } from './json-pieces.js';
import { type ClaimColumn, type YearFigures, claimStatusKey } from './extrapolate-report.js';

const euros = (cents: number): number => cents / 100;

/** A year's figures with the csv's field names; numbers stay numbers, every figure has its status. */
export function jsonFigures(f: YearFigures, claimColumns: readonly ClaimColumn[]): Record<string, unknown> {
  return {
    year: f.year,
    eu2: f.eu2,
    eu2_status: f.eu2Status,
    insured: f.insured,
    insured_status: f.insuredStatus,
    insured_estimated: f.insuredEstimated,
    net: f.net,
    net_status: f.netStatus,
    net_clamped: f.netClamped,
    rate_eur: euros(f.rateCents),
    rate_status: f.rateStatus,
    cost_eur: euros(f.costCents),
    cost_status: f.costStatus,
    ...(f.range
      ? {
          net_low: f.range.netLow,
          net_high: f.range.netHigh,
          cost_low_eur: euros(f.range.costLowCents),
          cost_high_eur: euros(f.range.costHighCents),
          range_status: f.range.status,
          range_driver: f.range.driver,
        }
      : {}),
    ...Object.fromEntries(claimColumns.flatMap((column, k) => {
      const claim = f.claims[k];
      return claim ? [[column.key, claim.value === null ? null : claim.value / 100], [claimStatusKey(column.key), claim.status]] : [];
    })),
  };
}

/**
 * JSON of `burden extrapolate`: {meta, rows, totals, warnings}, rows in long format (one per
 * key and year). Byte-identical for identical inputs (no timestamps, stable key order).
 */
export const renderExtrapolateJson: ExtrapolateRenderer = (report) => {
  const columns = report.claimColumns;
  function* rows(): Generator<Record<string, unknown>> {
    for (const g of report.groups) {
      for (const f of g.figures) yield { ags: g.key, name: g.name, base_year: g.baseYear, rows_summed: g.members, ...jsonFigures(f, columns) };
    }
  }
  const totals = report.totals ? report.totals.figures.map((f) => ({ rows: report.groups.length, ...jsonFigures(f, columns) })) : null;
  return jsonPieces({ meta: report.meta, rows: each(rows()), totals, warnings: report.warnings });
};
