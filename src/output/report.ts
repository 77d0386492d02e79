import type { InputFileInfo } from '../io/inputs.js';
import type { TraceNumber, TracePart } from '../engine/trace.js';
import type { ResultRow, Totals, Warning } from '../engine/types.js';
import type { Locale } from '../io/numbers.js';
import type { Status } from '../engine/status.js';
import type { Lang } from '../report/terms.js';

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
  /** What each status of the one scale means, in the facts of this run (output/status-marks.ts statusMeanings). */
  statuses?: Record<Status, string>;
}

/**
 * A column added to the method's columns, e.g. a programme's claims. Values are per row, in
 * the unit of `kind`: cents for money, hundredths of a percent for pct, a status word for
 * status (csv and json only: table and md say it in their notes).
 */
export type ExtraColumn = NumberColumn | StatusColumn;
// `yearTotals`: for input of several years, the column's total of each year (calc/scenarios.ts).
export type NumberColumn = ExtraColumnHead & { kind: 'money' | 'pct'; values: (number | null)[]; total: number | null; yearTotals?: Map<number, number | null> };
export type StatusColumn = ExtraColumnHead & { kind: 'status'; values: (string | null)[]; total: string | null; yearTotals?: Map<number, string | null> };

interface ExtraColumnHead {
  /** Machine name, used as the csv header and json key (e.g. claim_suedosteuropa_eur). */
  key: string;
  /** Human label for table and md. */
  label: string;
  /**
   * Per row, whether the value rests on an estimated insured count (through net persons or
   * cost), for the `*` of table and md; csv and json say it with `insured_estimated`.
   */
  estimated?: boolean[];
  /** The column's totals are exact even where its rows rest on estimates (a pot shared in full). */
  totalExact?: boolean;
}

/**
 * One step of the chain that produced a row's figures (`--explain`). The text keeps its
 * numbers exact (engine/trace.ts), so each format writes them in the report's locale.
 */
export interface TraceStep {
  step: 'input' | 'parameter' | 'estimate' | 'method' | 'programme' | 'result';
  /** The figure the step states: a field of the output row (eu2, net, cost_eur, claim_…_eur) or a parameter's name. */
  figure?: string;
  /** Its value; null when unknown (a population that is not given). */
  value?: TraceNumber | null;
  /** The unit of the value: persons, EUR, EUR/person/year, percent, index, ratio. */
  unit?: string;
  /** For a parameter: the date its value is in force from. */
  date?: string;
  /** The year a figure is for: a price index's year, a rate's price level, a programme's budget year. */
  year?: number;
  /** The programme a step is about: rule set id / programme id. */
  programme?: string;
  /** For a programme: whether the row is eligible. */
  eligible?: boolean;
  text: TracePart[];
  /** For a parameter: a short human label (the first sentence of its description), for table and md; json leaves it out. */
  label?: string;
  source?: string;
  status?: string;
}

export interface CalcReport {
  meta: CalcMeta;
  rows: ResultRow[];
  totals: Totals;
  warnings: Warning[];
  extra: ExtraColumn[];
  /** When the rows span several years: the totals of each (and `totals` counts no persons). */
  yearTotals?: (Totals & { year: number })[];
  /** Per row index, when --explain asked for it. */
  traces?: Map<number, TraceStep[]>;
}

export interface RenderOptions {
  locale: Locale;
  color: boolean;
  /** The terminal's width in columns, for the table to fold to; none: no limit (a pipe or a file). */
  width?: number;
  /** The language of the human formats' words (report/terms.ts); csv and json ignore it. Default German. */
  lang?: Lang;
}

/** A renderer for whole reports (table, md, json): the text in pieces, written in order. */
export type ReportRenderer = (report: CalcReport, options: RenderOptions) => Iterable<string>;

/** A streaming renderer (csv): a header, then rows as they come; no totals. */
export interface RowStreamRenderer {
  header(): string;
  row(row: ResultRow, index: number): string;
}
