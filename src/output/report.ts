import type { InputFileInfo } from '../io/inputs.js';
import type { TraceNumber, TracePart } from '../engine/trace.js';
import type { ResultRow, Totals, Warning } from '../engine/types.js';
import type { Locale } from '../io/numbers.js';
import type { Status } from '../engine/status.js';
import type { Lang } from '../report/terms.js';
import type { Note } from './notes.js';

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
    /** When the rows are priced at different levels: the price rule in words (a projection). */
    prices?: string;
    /** Present when uprated: the price indices used and their status. */
    uprating?: { index_base: number; index_target: number; target_status: string; target_projected: boolean; source: string };
  };
  /** Where the population comes from (json: in English). */
  population: Note;
  /** How the insured counts were obtained (json: in English). */
  insured: Note;
  year: number | null;
  inputs: InputFileInfo[];
  overrides: string[];
  /** In every report's language; json writes them in English (output/notes.ts). */
  notes: Note[];
  /** Programme rule sets applied (`--rules`), with every programme's facts and assumptions. */
  scenarios?: unknown[];
  /** A projection's facts: its input, aggregation, years, prices, growth and range (calc --years, extrapolate). */
  projection?: ProjectionMeta;
  /** What each status of the one scale means, in the facts of this run (output/status-marks.ts statusMeanings). */
  statuses?: Record<Status, string>;
  /**
   * The parameters in force for the run (calc/run.ts parameterFacts): each value with the date it
   * is in force from, its status and source, for the reports that list them (html, xlsx).
   */
  parameters?: ParameterFact[];
}

/** One parameter value in force for a run, as `burden params` lists it. */
export interface ParameterFact {
  name: string;
  label?: { de: string; en: string };
  description: string;
  value: number;
  unit: string;
  from: string;
  status: string;
  source: string;
}

/**
 * A column added to the method's columns, e.g. a programme's claims. Values are per row, in
 * the unit of `kind`: cents for money, hundredths of a percent for pct, a status word for
 * status (csv and json only: table and md say it in their notes).
 */
export type ExtraColumn = NumberColumn | StatusColumn | TextColumn;
// `yearTotals`: for input of several years, the column's total of each year (pipeline/scenarios.ts).
// money: cents; pct: hundredths of a percent; count: persons. `statusKey` names the status column
// that says how sure each value is, which table and md show as a letter after it.
export type NumberColumn = ExtraColumnHead & { kind: 'money' | 'pct' | 'count'; values: (number | null)[]; total: number | null; yearTotals?: Map<number, number | null>; statusKey?: string };
export type StatusColumn = ExtraColumnHead & { kind: 'status'; values: (string | null)[]; total: string | null; yearTotals?: Map<number, string | null> };
export type TextColumn = ExtraColumnHead & { kind: 'text'; values: (string | null)[]; total: string | null; yearTotals?: Map<number, string | null> };

interface ExtraColumnHead {
  /** Machine name, used as the csv header and json key (e.g. claim_suedosteuropa_eur). */
  key: string;
  /** Human label for table and md. */
  label: string;
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
  /** For an estimate scaled per Kreis: the Kreis's and Germany's employment rates of foreign nationals (percent). */
  scale?: { kreis: TraceNumber; germany: TraceNumber };
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
  traces?: Traces;
}

export interface RenderOptions {
  locale: Locale;
  color: boolean;
  /** The terminal's width in columns, for the table to fold to; none: no limit (a pipe or a file). */
  width?: number;
  /** The language of the human formats' words (report/terms.ts); csv and json ignore it. Default German. */
  lang?: Lang;
}

/** A piece of output: text (written as UTF-8) or bytes (a workbook). */
export type OutputPiece = string | Uint8Array;

/** A renderer for whole reports (table, md, json, html): the text in pieces, written in order. */
export type ReportRenderer = (report: CalcReport, options: RenderOptions) => Iterable<string>;

/** A renderer whose output is bytes made asynchronously (xlsx: a zip), given in pieces when done. */
export type BinaryReportRenderer = (report: CalcReport, options: RenderOptions) => Promise<Iterable<OutputPiece>>;

/** A streaming renderer (csv): a header, then rows as they come; no totals. */
export interface RowStreamRenderer {
  header(): string;
  /** `values`: the extra columns' values of this row, when they are not kept in the columns (a streamed projection). */
  row(row: ResultRow, index: number, values?: readonly (number | string | null)[]): string;
}

/** A growth scenario as the metadata states it. */
export interface GrowthMeta {
  scenario: string;
  /** Percent per year with four decimals, for constant-rate scenarios; null for series/ratio. */
  percent_per_year: number | null;
  description: string;
}

/** What a projection adds to the metadata (json `meta.projection`). */
export interface ProjectionMeta {
  input: string;
  aggregation: string;
  years: { from: number; to: number } | null;
  /** "each year at its own prices …", or the one price level used. */
  prices: string;
  /** The assumed inflation beyond the last known index year, each value from the year it takes effect (engine/rate.ts priceIndex). */
  inflation_assumed: {
    percent: number;
    source: string;
    status: string;
    after_year: number;
    values: { from_year: number; percent: number; source: string; status: string }[];
  } | null;
  growth: { eu2: GrowthMeta; insured: GrowthMeta } | null;
  range: { rate_spread_pct: number; growth_low: GrowthMeta; growth_high: GrowthMeta; note: string } | null;
}

/** The price rule's words when rows are priced at the levels of their own years (engine/rate.ts RateBook). */
export const ownYearPrices = (baseYear: number): string =>
  `each row at the prices of its own year: rate(y) = round(rate × VPI(y) / VPI(${baseYear}), 2 decimals); rows without a year at ${baseYear} prices`;

/**
 * The explained rows' chains, by row index. Made when a renderer asks for one, not kept: the
 * chains of a million rows (--explain on every row) would not fit in memory at once.
 */
export class Traces implements Iterable<[number, TraceStep[]]> {
  private readonly chosen: ReadonlySet<number>;

  constructor(indexes: readonly number[], private readonly make: (index: number) => TraceStep[]) {
    this.chosen = new Set(indexes);
  }

  get size(): number {
    return this.chosen.size;
  }

  get(index: number): TraceStep[] | undefined {
    return this.chosen.has(index) ? this.make(index) : undefined;
  }

  *[Symbol.iterator](): Iterator<[number, TraceStep[]]> {
    for (const index of this.chosen) yield [index, this.make(index)];
  }
}
