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
  /** Programme rule sets applied (`--rules`), with every programme's facts and assumptions. */
  scenarios?: unknown[];
}

/**
 * A numeric column added to the method's columns, e.g. a programme's claims. Values are per
 * row, in the unit of `kind`: cents for money, hundredths of a percent for pct.
 */
export interface ExtraColumn {
  /** Machine name, used as the csv header and json key (e.g. claim_suedosteuropa_eur). */
  key: string;
  /** Human label for table and md. */
  label: string;
  kind: 'money' | 'pct';
  values: (number | null)[];
  total: number | null;
}

/** One step of the chain that produced a row's figures (`--explain`). */
export interface TraceStep {
  step: 'input' | 'parameter' | 'estimate' | 'method' | 'programme' | 'result';
  text: string;
  source?: string;
  status?: string;
}

export interface CalcReport {
  meta: CalcMeta;
  rows: ResultRow[];
  totals: Totals;
  warnings: Warning[];
  extra: ExtraColumn[];
  /** Per row index, when --explain asked for it. */
  traces?: Map<number, TraceStep[]>;
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
  row(row: ResultRow, index: number): string;
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
