import { type SeriesPoint, type Trend, compoundGrowth, formatPpmPercent } from './series.js';

/**
 * Growth scenarios of a projection: how EU2 residents (and insured employees) change from year
 * to year: constant, a national trend, a rate, a user's series, or (insured) the base-year
 * share of EU2 residents. Resolved against the data once per run; the projection applies them.
 */

/** A growth scenario as written on the command line, before it is resolved against data. */
export type GrowthSpec =
  | { kind: 'constant' }
  | { kind: 'ratio' }
  | { kind: 'trend'; years: number | null; to?: number }
  | { kind: 'rate'; ppm: number }
  | { kind: 'series'; file: string | null };

/** `trend` without N: the most recent observed period of the national series (engine/series.ts). */
export const DEFAULT_TREND_YEARS = null;

/** Yearly counts per key (a `series:FILE`), key → year → persons. */
export type YearlySeries = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** A growth scenario ready to apply: a constant yearly factor, a user series, or none. */
export interface Growth {
  kind: GrowthSpec['kind'];
  /** Growth per year in millionths (0 for constant); unused for series and ratio. */
  ppm: number;
  series: YearlySeries | null;
  /** The trend it was computed from, for `trend[:N]`. */
  trend: Trend | null;
  /** The spec as the user wrote it, normalised (trend → trend:5). */
  label: string;
  /** The file of a `series:FILE`. */
  file?: string;
}

export interface GrowthContext {
  /** The national EU2 series (data/datasets/eu2-de-series.csv), for trends. */
  nationalSeries: readonly SeriesPoint[];
  /** The counts of a `series:FILE`, read by the caller. */
  series?: YearlySeries;
}

/** The growth a spec stands for; output/notes.ts growthNote says it in words. */
export function resolveGrowth(spec: GrowthSpec, context: GrowthContext): Growth {
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', ppm: 0, series: null, trend: null, label: 'constant' };
    case 'ratio':
      return { kind: 'ratio', ppm: 0, series: null, trend: null, label: 'ratio' };
    case 'rate':
      // The label is what the user can type again, so it keeps the machine's decimal point.
      return { kind: 'rate', ppm: spec.ppm, series: null, trend: null, label: `rate:${formatPpmPercent(spec.ppm).replace(/\.?0+$/, '')}` };
    case 'trend': {
      const trend = compoundGrowth(context.nationalSeries, spec.years, spec.to);
      return {
        kind: 'trend',
        ppm: trend.ppm,
        series: null,
        trend,
        label: spec.to !== undefined ? `trend ${trend.fromYear}–${trend.toYear}` : spec.years === null ? 'trend' : `trend:${spec.years}`,
      };
    }
    case 'series':
      if (!context.series) throw new Error('a series growth needs its counts');
      return { kind: 'series', ppm: 0, series: context.series, trend: null, label: spec.file ? `series:${spec.file}` : 'series', ...(spec.file ? { file: spec.file } : {}) };
  }
}

