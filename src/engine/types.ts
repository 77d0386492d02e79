/** Where a figure came from: a file and line, so every output can be traced to its input. */
export interface Origin {
  file: string;
  line: number;
}

/** One municipality (and optionally one year) as read from the input, before the method. */
export interface InputRow {
  ags: string;
  name: string;
  year: number | null;
  /** null: unknown (a Destatis symbol, or no population column and no register entry). */
  population: number | null;
  populationFrom: 'input' | 'register' | null;
  eu2: number;
  /** null: unknown; the method then estimates it or refuses. */
  insured: number | null;
  origin: Origin;
  /** Lines of the other input files when the row was joined from several files. */
  joinedFrom?: Origin[];
  /** Where the insured count came from when not from `origin`'s line: the insured file's, and its column. */
  insuredAt?: Origin & { column: string };
}

/** The result of the Dortmund per-capita method for one row. */
export interface ResultRow {
  ags: string;
  name: string;
  year: number | null;
  population: number | null;
  populationFrom: 'input' | 'register' | null;
  eu2: number;
  insured: number;
  /** True when `insured` was estimated from the national 2019 ratio, not read. */
  insuredEstimated: boolean;
  net: number;
  /** True when eu2 − insured was negative and net was clamped to 0. */
  netClamped: boolean;
  rateCents: number;
  costCents: number;
  costPerInhabitantCents: number | null;
  /** EU2 residents as a share of population, in hundredths of a percent. */
  eu2ShareBasisPoints: number | null;
  /** The year the counts were observed in, when the row was projected from it (population stays at it). */
  baseYear?: number | null;
  /** How many input rows were summed into this one (an aggregate such as a Land); 1 when absent. */
  members?: number;
  /** How sure each figure is: rank codes of the one scale (engine/status.ts). */
  eu2Status: number;
  insuredStatus: number;
  netStatus: number;
  rateStatus: number;
  costStatus: number;
  origin: Origin;
  joinedFrom?: Origin[];
}

/**
 * Sums over rows. Over rows of several years the counts of persons are null: a person counted
 * in 2023 and again in 2024 is one person, and only money adds up across years.
 */
export interface Totals {
  rows: number;
  population: number | null;
  eu2: number | null;
  insured: number | null;
  insuredEstimated: boolean;
  net: number | null;
  costCents: number;
  costPerInhabitantCents: number | null;
  eu2ShareBasisPoints: number | null;
  /** The least sure status of each figure summed (rank codes, engine/status.ts). */
  eu2Status: number;
  insuredStatus: number;
  netStatus: number;
  costStatus: number;
}

/** The totals of rows of one year (or of no year): every count is known. */
export type SameYearTotals = Totals & { eu2: number; insured: number; net: number };

export interface Warning {
  code: string;
  message: string;
}
