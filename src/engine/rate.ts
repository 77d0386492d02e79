import { DomainError } from './errors.js';
import type { ParameterStatus, ParameterValue } from '../schema/parameter.js';
import { mulExact, roundDiv, toScaled } from './money.js';
import { type ParameterSet, requireParameter, valueAt } from './parameters.js';
import { DERIVED, PROJECTED, combine, rankOf } from './status.js';

/** One year's consumer price index (2020 = 100) in thousandths, with where it came from. */
export interface PriceIndex {
  year: number;
  thousandths: number;
  status: ParameterStatus;
  source: string;
  /** True beyond the last published year: the index was carried forward by assumed inflation. */
  projected: boolean;
}

export interface ResolvedRate {
  /** The rate used, in cents per person and year, at `priceYear` prices. */
  cents: number;
  /** The rate at its own price level (the year of its `from` date). */
  baseCents: number;
  baseYear: number;
  priceYear: number;
  source: string;
  status: ParameterStatus;
  /** Present when the rate was uprated from baseYear to priceYear with the VPI. */
  uprating?: { from: PriceIndex; to: PriceIndex };
}

const yearOf = (date: string): number => Number(date.slice(0, 4));
const MAX_YEARS_BEYOND_INDEX = 75;

/**
 * The assumed inflation of one year beyond the last known index: the `inflation_assumed` value
 * in force that year; before its first value (an index series ending early), the first.
 */
export function inflationInForce(parameters: ParameterSet, year: number): ParameterValue {
  const inflation = requireParameter(parameters, 'inflation_assumed');
  const entry = valueAt(inflation, `${year}-12-31`) ?? inflation.values[0];
  if (!entry) throw new Error('parameter "inflation_assumed" has no values');
  return entry;
}

/**
 * The VPI for a year. Published years come straight from the `vpi` parameter; later years
 * carry the last published index forward year by year, each year by the `inflation_assumed`
 * value in force that year, rounded to thousandths each year ("beyond the last
 * known year an assumed inflation rate"). With 2 % from 2026 and 10 % from 2028 on an index of
 * 121.9 for 2025: 2026 = round(121.9 × 1.02) = 124.338, 2027 = round(124.338 × 1.02) = 126.825,
 * 2028 = round(126.825 × 1.10) = 139.508; 2028's 10 % never reaches back to 2026 or 2027.
 */
export function priceIndex(parameters: ParameterSet, year: number): PriceIndex {
  const vpi = requireParameter(parameters, 'vpi');
  const first = vpi.values[0];
  const last = vpi.values[vpi.values.length - 1];
  if (!first || !last) throw new Error('parameter "vpi" has no values');
  const exact = vpi.values.find((entry) => yearOf(entry.from) === year);
  if (exact) {
    return { year, thousandths: toScaled(exact.value, 3), status: exact.status, source: exact.source, projected: false };
  }
  // Far beyond any budget horizon an assumed inflation means nothing; refuse rather than compound it.
  if (year > yearOf(last.from) + MAX_YEARS_BEYOND_INDEX) {
    throw new DomainError('choice', `no consumer price index for ${year}`,
      `the VPI series ends in ${yearOf(last.from)}; assumed inflation extends it by at most ${MAX_YEARS_BEYOND_INDEX} years`);
  }
  if (year < yearOf(first.from)) {
    throw new DomainError('choice', `no consumer price index for ${year}`, `the VPI series starts in ${yearOf(first.from)}`);
  }
  let thousandths = toScaled(last.value, 3);
  // The years each assumed value was used for, in order, for the source text.
  const used: { entry: ParameterValue; from: number; to: number }[] = [];
  for (let y = yearOf(last.from) + 1; y <= year; y++) {
    const entry = inflationInForce(parameters, y);
    thousandths = roundDiv(thousandths * (1000 + toScaled(entry.value, 1)), 1000);
    const previous = used[used.length - 1];
    if (previous?.entry === entry) previous.to = y;
    else used.push({ entry, from: y, to: y });
  }
  const span = (u: { from: number; to: number }): string => (u.from === u.to ? `${u.from}` : `${u.from}–${u.to}`);
  const rates = used.length === 1 && used[0]
    ? `${used[0].entry.value} % a year`
    : used.map((u) => `${u.entry.value} % in ${span(u)}`).join(', ');
  const sources = [...new Set(used.map((u) => u.entry.source))].join('; ');
  return {
    year,
    thousandths,
    status: 'assumption',
    source: `VPI ${yearOf(last.from)} (${last.status}) carried forward at ${rates} (${sources})`,
    projected: true,
  };
}

/**
 * The per-capita rate at a price level: rate_Y = round(rate × VPI_Y / VPI_base), to the cent.
 * Without a price year the rate stays at its own price level (2019 for the Dortmund rate).
 */
export function resolveRate(parameters: ParameterSet, options: { priceYear?: number | undefined }): ResolvedRate {
  const rate = requireParameter(parameters, 'rate');
  const entry = rate.values[rate.values.length - 1];
  if (!entry) throw new Error('parameter "rate" has no values');
  const baseCents = toScaled(entry.value, 2);
  const baseYear = yearOf(entry.from);
  const base = { baseCents, baseYear, source: entry.source, status: entry.status };
  if (options.priceYear === undefined || options.priceYear === baseYear) {
    return { ...base, cents: baseCents, priceYear: baseYear };
  }
  const from = priceIndex(parameters, baseYear);
  const to = priceIndex(parameters, options.priceYear);
  const cents = roundDiv(baseCents * to.thousandths, from.thousandths);
  return { ...base, cents, priceYear: options.priceYear, uprating: { from, to } };
}

/** The rate of one budget year, at the price level the price rule gives it, with its status. */
export interface YearRate {
  cents: number;
  /** Rank code on the status scale (engine/status.ts). */
  status: number;
  priceYear: number;
  resolved: ResolvedRate;
}

/**
 * THE price rule, one place for every path (one year, a projection, an extrapolation): a budget year's
 * cost is at that year's prices unless a price level is fixed (`priceYear`); counts without a
 * year stay at the rate's own price level (2019 for the Dortmund rate), so the paper's
 * reproduction keeps exactly 2,143.00 EUR. The rate is as sure as the least sure of its own
 * value and the index it was uprated with: an official index makes it derived, a secondary one
 * secondary, one carried forward by assumed inflation projected.
 */
export class RateBook {
  private readonly byYear = new Map<number | null, YearRate>();

  constructor(private readonly parameters: ParameterSet, readonly fixedPriceYear: number | null) {}

  at(year: number | null): YearRate {
    let rate = this.byYear.get(year);
    if (!rate) {
      const resolved = resolveRate(this.parameters, { priceYear: this.fixedPriceYear ?? year ?? undefined });
      rate = { cents: resolved.cents, status: rateStatusOf(resolved), priceYear: resolved.priceYear, resolved };
      this.byYear.set(year, rate);
    }
    return rate;
  }
}

/** How sure a resolved rate is (see RateBook). */
export function rateStatusOf(resolved: ResolvedRate): number {
  const own = rankOf(resolved.status);
  const to = resolved.uprating?.to;
  if (!to) return own;
  const index = to.projected ? PROJECTED : to.status === 'official' ? DERIVED : rankOf(to.status);
  return combine(own, index);
}

/**
 * A rate moved by ±spread (in hundredths of a percent): round(rate × (10,000 ± spread) / 10,000).
 * Applied to the rate a row was priced at, whatever price rule chose it.
 */
export function spreadRate(cents: number, spreadBasisPoints: number, direction: -1 | 1): number {
  return roundDiv(mulExact(cents, 10_000 + direction * spreadBasisPoints), 10_000);
}
