import { type Locale, groupDigits } from './format.js';
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
  /** One sentence for the metadata and the notes: what was assumed, from what. */
  description: string;
  /** The spec as the user wrote it, normalised (trend → trend:5). */
  label: string;
}

export interface GrowthContext {
  /** The national EU2 series (data/datasets/eu2-de-series.csv), for trends. */
  nationalSeries: readonly SeriesPoint[];
  /** The counts of a `series:FILE`, read by the caller. */
  series?: YearlySeries;
  /**
   * The locale the descriptions write their numbers in (the report's; default en). The
   * engine records a sentence, so it writes it as the report will show it (src/format.ts).
   */
  locale?: Locale;
}

/** Where a trend's end points come from: one source, or each end point's own. */
function trendSources(trend: Trend): string {
  if (trend.fromSource === trend.toSource) return trend.fromSource;
  return `${trend.fromYear}: ${trend.fromSource}; ${trend.toYear}: ${trend.toSource}`;
}

export function resolveGrowth(spec: GrowthSpec, context: GrowthContext, what = 'EU2 residents'): Growth {
  const locale = context.locale ?? 'en';
  const percent = (ppm: number): string => formatPpmPercent(ppm, locale);
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', ppm: 0, series: null, trend: null, label: 'constant', description: `${what} stay at their base-year count` };
    case 'ratio':
      return { kind: 'ratio', ppm: 0, series: null, trend: null, label: 'ratio',
        description: `${what} stay at their base-year share of EU2 residents: insured(y) = round(eu2(y) × insured(base) / eu2(base))` };
    case 'rate':
      // The label is what the user can type again, so it keeps the machine's decimal point.
      return { kind: 'rate', ppm: spec.ppm, series: null, trend: null, label: `rate:${formatPpmPercent(spec.ppm).replace(/\.?0+$/, '')}`,
        description: `${what} grow by ${percent(spec.ppm)} % a year (assumed), rounded to whole persons each year` };
    case 'trend': {
      const trend = compoundGrowth(context.nationalSeries, spec.years, spec.to);
      return {
        kind: 'trend',
        ppm: trend.ppm,
        series: null,
        trend,
        label: spec.to !== undefined ? `trend ${trend.fromYear}–${trend.toYear}` : spec.years === null ? 'trend' : `trend:${spec.years}`,
        description: `${what} grow by ${percent(trend.ppm)} % a year: the compound annual growth of EU2 residents in Germany ` +
          `${trend.fromYear}–${trend.toYear} (${groupDigits(trend.fromLevel, locale)} → ${groupDigits(trend.toLevel, locale)}; ` +
          `${trendSources(trend)}), ` +
          'rounded to whole persons each year',
      };
    }
    case 'series':
      if (!context.series) throw new Error('a series growth needs its counts');
      return { kind: 'series', ppm: 0, series: context.series, trend: null, label: spec.file ? `series:${spec.file}` : 'series',
        description: `${what} follow the yearly counts given per key${spec.file ? ` in ${spec.file}` : ''}` };
  }
}

