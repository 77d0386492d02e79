import { BurdenError, EXIT } from '../errors.js';
import type { ParameterStatus } from '../schema/parameter.js';
import { roundDiv, toScaled } from './money.js';
import { type ParameterSet, requireParameter, valueAt } from './parameters.js';

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
 * The VPI for a year. Published years come straight from the `vpi` parameter; later years
 * carry the last published index forward by `inflation_assumed` per year, rounded to
 * thousandths each year (METHOD.md §7: "beyond the last known year an assumed inflation rate").
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
    throw new BurdenError(EXIT.usage, `no consumer price index for ${year}`, {},
      `the VPI series ends in ${yearOf(last.from)}; assumed inflation extends it by at most ${MAX_YEARS_BEYOND_INDEX} years`);
  }
  if (year < yearOf(first.from)) {
    throw new BurdenError(
      EXIT.usage,
      `no consumer price index for ${year}`,
      {},
      `the VPI series starts in ${yearOf(first.from)}`,
    );
  }
  const inflation = valueAt(requireParameter(parameters, 'inflation_assumed'), `${year}-12-31`) ??
    requireParameter(parameters, 'inflation_assumed').values[0];
  if (!inflation) throw new Error('parameter "inflation_assumed" has no values');
  const factorThousandths = 1000 + toScaled(inflation.value, 1);
  let thousandths = toScaled(last.value, 3);
  for (let y = yearOf(last.from) + 1; y <= year; y++) thousandths = roundDiv(thousandths * factorThousandths, 1000);
  return {
    year,
    thousandths,
    status: 'assumption',
    source: `VPI ${yearOf(last.from)} (${last.status}) carried forward at ${inflation.value} % a year (${inflation.source})`,
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
