import type { InputFileInfo } from '../io/inputs.js';
import type { ResultRow, Totals, Warning } from '../engine/types.js';
import type { Locale } from '../io/numbers.js';

/** Everything a renderer needs: plain data, no I/O. */
export interface CalcMeta {
  tool: string;
  version: string;
  method: string;
  rate: {
    eur: number;
    base_eur: number;
    base_price_year: number;
    price_year: number;
    source: string;
    status: string;
    /** Present when uprated: the price indices used and their status. */
    uprating?: { index_base: number; index_target: number; target_status: string; target_projected: boolean; source: string };
  };
  population: string;
  insured: string;
  year: number | null;
  inputs: InputFileInfo[];
  overrides: string[];
  notes: string[];
}

export interface CalcReport {
  meta: CalcMeta;
  rows: ResultRow[];
  totals: Totals;
  warnings: Warning[];
}

export interface RenderOptions {
  locale: Locale;
  color: boolean;
}

/** A renderer for whole reports (table, md, json). */
export type ReportRenderer = (report: CalcReport, options: RenderOptions) => string;

/** A streaming renderer (csv): a header, then rows as they come; no totals. */
export interface RowStreamRenderer {
  header(): string;
  row(row: ResultRow): string;
}

/** The flags a reader must see next to a rate: secondary or projected price indices. */
export function rateFlag(meta: CalcMeta): string | null {
  const uprating = meta.rate.uprating;
  if (!uprating) return meta.rate.status === 'official' ? null : meta.rate.status;
  if (uprating.target_projected) return 'projected';
  return uprating.target_status === 'official' ? null : uprating.target_status;
}

/** One sentence that states the method, the rate and the price level. */
export function methodLine(meta: CalcMeta, format: (cents: number) => string): string {
  const flag = rateFlag(meta);
  const rate = `${format(Math.round(meta.rate.eur * 100))} EUR per net person and year`;
  const level = meta.rate.uprating
    ? `price level ${meta.rate.price_year} (uprated from ${meta.rate.base_price_year} with the VPI${flag ? `, ${flag}` : ''})`
    : `price level ${meta.rate.price_year}`;
  return `Method: ${meta.method}; rate ${rate}, ${level}. Source: ${meta.rate.source}.`;
}
