import { DomainError } from './errors.js';
import type { Locale } from './format.js';
import { roundDiv } from './money.js';

/**
 * The national EU2 series (Städtetag NRW, Arbeitspapier 2021, Tab. 1, S. 8, and the text on
 * S. 7; shipped as data/datasets/eu2-de-series.csv): its consistency check and the compound
 * annual growth rate of a trend scenario. Pure: the caller reads the file.
 */
export interface SeriesPoint {
  year: number;
  bg: number | null;
  ro: number | null;
  eu2: number;
  /** Change against the previous year as printed in the paper (null where none is printed). */
  change: number | null;
  /** Printed change in tenths of a percent (16.9 % is 169), null where none is printed. */
  changeTenths: number | null;
  status: 'official' | 'derived';
  source: string;
}

export interface SeriesFinding {
  year: number;
  column: 'change' | 'change_pct' | 'eu2';
  printed: string;
  computed: string;
  message: string;
}

export interface SeriesCheck {
  /** Printed changes compared with level − previous level. */
  changesChecked: number;
  /** Printed percentages compared with round(change / previous level × 100, 1 decimal). */
  percentagesChecked: number;
  /** Years whose BG + RO was compared with the EU2 total. */
  splitsChecked: number;
  /**
   * Checks whose previous level is itself derived from the printed change (2006, 2009, 2011):
   * they agree by construction and prove nothing about the paper, so the report says so.
   */
  circular: number[];
  findings: SeriesFinding[];
}

const tenths = (value: number): string => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 10)}.${Math.abs(value) % 10}`;

/**
 * Recompute Table 1's change columns from its levels. The change of a year is compared only
 * where the previous calendar year is listed ("where consecutive"); a printed change without
 * a previous year is reported, because it cannot be checked.
 */
export function checkSeries(points: readonly SeriesPoint[]): SeriesCheck {
  const byYear = new Map(points.map((p) => [p.year, p]));
  const result: SeriesCheck = { changesChecked: 0, percentagesChecked: 0, splitsChecked: 0, circular: [], findings: [] };
  for (const point of points) {
    if (point.bg !== null && point.ro !== null) {
      result.splitsChecked += 1;
      if (point.bg + point.ro !== point.eu2) {
        result.findings.push({ year: point.year, column: 'eu2', printed: String(point.eu2), computed: String(point.bg + point.ro),
          message: `Bulgaria ${point.bg} + Romania ${point.ro} = ${point.bg + point.ro}, but the total is ${point.eu2}` });
      }
    }
    if (point.change === null && point.changeTenths === null) continue;
    const previous = byYear.get(point.year - 1);
    if (!previous) {
      result.findings.push({ year: point.year, column: 'change', printed: String(point.change ?? ''), computed: '',
        message: `a change is printed but ${point.year - 1} is not in the series, so it cannot be checked` });
      continue;
    }
    const change = point.eu2 - previous.eu2;
    if (previous.status === 'derived') result.circular.push(point.year);
    if (point.change !== null) {
      result.changesChecked += 1;
      if (change !== point.change) {
        result.findings.push({ year: point.year, column: 'change', printed: String(point.change), computed: String(change),
          message: `${point.eu2} − ${previous.eu2} (${previous.year}) = ${change}, printed ${point.change}` });
      }
    }
    if (point.changeTenths !== null) {
      result.percentagesChecked += 1;
      // One decimal, half away from zero: the paper prints percentages to one decimal.
      const computed = roundDiv(change * 1000, previous.eu2);
      if (computed !== point.changeTenths) {
        result.findings.push({ year: point.year, column: 'change_pct', printed: tenths(point.changeTenths), computed: tenths(computed),
          message: `${change} / ${previous.eu2} = ${tenths(computed)} %, printed ${tenths(point.changeTenths)} %` });
      }
    }
  }
  return result;
}

/** A compound annual growth rate over the last N years of the series. */
export interface Trend {
  years: number;
  fromYear: number;
  toYear: number;
  fromLevel: number;
  toLevel: number;
  /** Growth per year in millionths (7.3 % is 73,000). */
  ppm: number;
  /** 'derived' when an end point is a derived level (2006, 2009, 2011), else 'official'. */
  status: 'official' | 'derived';
  /** Where the two end points come from: the series' own source column. */
  fromSource: string;
  toSource: string;
}

const MILLION = 1_000_000n;

/**
 * CAGR = (last / first)^(1/N) − 1 over the last N years, as the nearest millionth per year
 * (an exact half, which a root of whole numbers practically never gives, rounds up). A root has no exact decimal, so the rounding is decided in exact
 * integer arithmetic: g is the largest integer with first × (10^6 + g)^N ≤ last × 10^6^N,
 * and g + 1 is taken when first × (2·10^6 + 2g + 1)^N ≤ last × (2·10^6)^N, i.e. when the
 * true rate is at least g + ½ millionths. No floating point decides the result.
 */
export function compoundGrowth(points: readonly SeriesPoint[], requested: number | null, endYear?: number): Trend {
  const sorted = [...points].sort((a, b) => a.year - b.year).filter((p) => endYear === undefined || p.year <= endYear);
  const last = sorted[sorted.length - 1];
  // No N: the most recent observed period, from the observation before the last to the last
  // (2019–2025 once the Kreis counts of 2025 extend the paper's series to 2025).
  const years = requested ?? (last && sorted.length > 1 ? last.year - (sorted[sorted.length - 2]?.year ?? last.year) : 1);
  if (!Number.isInteger(years) || years < 1) throw new DomainError('choice', `trend:${years}: the number of years must be a whole number of at least 1`);
  if (!last) throw new Error('the EU2 series is empty');
  const first = sorted.find((p) => p.year === last.year - years);
  if (!first) {
    throw new DomainError('choice', `trend:${years}: the national EU2 series has no value for ${last.year - years}`,
      `it covers ${sorted[0]?.year}–${last.year}; choose N up to ${last.year - (sorted[0]?.year ?? last.year)}`);
  }
  if (first.eu2 <= 0) throw new DomainError('choice', `trend:${years}: the series starts at 0 in ${first.year}; no growth rate exists`);
  const n = BigInt(years);
  const lhs = (g: bigint): bigint => BigInt(first.eu2) * (MILLION + g) ** n;
  const rhs = BigInt(last.eu2) * MILLION ** n;
  // A float estimate to start from, then exact integer steps to the floor solution.
  let g = BigInt(Math.round(((last.eu2 / first.eu2) ** (1 / years) - 1) * 1e6));
  if (g < -MILLION) g = -MILLION;
  while (g > -MILLION && lhs(g) > rhs) g -= 1n;
  while (lhs(g + 1n) <= rhs) g += 1n;
  const halfUp = BigInt(first.eu2) * (2n * MILLION + 2n * g + 1n) ** n <= BigInt(last.eu2) * (2n * MILLION) ** n;
  const ppm = Number(halfUp ? g + 1n : g);
  return {
    years,
    fromYear: first.year,
    toYear: last.year,
    fromLevel: first.eu2,
    toLevel: last.eu2,
    ppm,
    status: first.status === 'derived' || last.status === 'derived' ? 'derived' : 'official',
    fromSource: first.source,
    toSource: last.source,
  };
}

/** A rate in millionths as a percentage with four decimals: 155270 → "15.5270" (en), "15,5270" (de). */
export function formatPpmPercent(ppm: number, locale: Locale = 'en'): string {
  const decimalMark = locale === 'de' ? ',' : '.';
  const sign = ppm < 0 ? '-' : '';
  const abs = Math.abs(ppm);
  const whole = Math.floor(abs / 10_000);
  const fraction = String(abs % 10_000).padStart(4, '0');
  return `${sign}${whole}${decimalMark}${fraction}`;
}
