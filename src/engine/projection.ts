// Longer than ~300 lines on purpose: the projection of one row over its years and its range band, kept together because they share the reusable typed-array buffer that makes 330,000 rows fast.
import { DomainError } from './errors.js';
import { DERIVED, ESTIMATED, OFFICIAL, PROJECTED, combine } from './status.js';
export { DERIVED, ESTIMATED, OFFICIAL, PROJECTED, combine };
import { type InsuredImputation, figureStatuses, imputeInsured, netPersons } from './method.js';
import { InexactError, mulExact, roundDiv } from './money.js';
import { type ParameterSet, requireParameter } from './parameters.js';
import { type PriceIndex, RateBook, resolveRate, spreadRate } from './rate.js';
import { formatPpmPercent } from './series.js';
import { type Growth, type GrowthContext, type GrowthSpec, type YearlySeries, resolveGrowth } from './growth.js';
export { DEFAULT_TREND_YEARS, type Growth, type GrowthContext, type GrowthSpec, type YearlySeries, resolveGrowth } from './growth.js';
export { ProjectionTotals } from './projection-totals.js';

/**
 * Projection over years (issue 4): EU2 residents grown by a scenario, insured employees
 * following them, the rate uprated with the VPI for each year, cost = net × rate in cents.
 * Pure: no I/O, no printing. Built for scale (10,953 Gemeinden × 30 years): everything that
 * depends only on the year (rates, their status) is computed once per plan, and each row is
 * projected into a reusable buffer of typed arrays instead of one object per row and year.
 *
 * Rounding rule for persons: each year's count is rounded to whole persons (half away from
 * zero, engine/money.ts) before the next year's growth is applied:
 *     p(y+1) = round(p(y) × (1 + g)).
 * 100,000 EU2 residents growing 7.3 % a year: 100,000 → 107,300 → round(115,132.9) = 115,133.
 * A projected count is thus always a count of whole persons, and each year's figure can be
 * recomputed by hand from the previous year's printed figure.
 */


// ---------------------------------------------------------------------------------------
// Rates per year

/** The rate for every year of a plan, computed once: the same for every row. */
export interface RatePlan {
  /** Rate in cents for year from + i (or the single fixed rate when `fixed`). */
  cents: number[];
  status: Uint8Array;
  /** The price index of each year's price level, when uprated. */
  index: (PriceIndex | null)[];
  baseCents: number;
  baseYear: number;
  source: string;
  /** Set when every year uses one price year (a fixed price level, or no projection). */
  fixedPriceYear: number | null;
}

/**
 * The rate of each year from..to. Without a fixed price year, year y is priced at y's prices
 * (nominal): rate_y = round(rate × VPI_y / VPI_base) (engine/rate.ts), with the VPI carried
 * forward by the assumed inflation after its last published year, flagged projected.
 */
export function planRates(parameters: ParameterSet, from: number, to: number, options: { priceYear?: number | undefined }): RatePlan {
  const fixed = options.priceYear !== undefined;
  const book = new RateBook(parameters, options.priceYear ?? null);
  const rates = [];
  for (let i = 0; i < (fixed ? 1 : to - from + 1); i++) rates.push(book.at(from + i));
  const base = rates[0]?.resolved;
  if (!base) throw new DomainError('choice', `the years run backwards: ${from}-${to}`);
  return {
    cents: rates.map((r) => r.cents),
    status: Uint8Array.from(rates, (r) => r.status),
    index: rates.map((r) => r.resolved.uprating?.to ?? null),
    baseCents: base.baseCents,
    baseYear: base.baseYear,
    source: base.source,
    fixedPriceYear: options.priceYear ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// Rows

/** One municipality (or aggregate) in its base year: what a projection starts from. */
export interface BaseRow {
  key: string;
  /** The reference year of the counts; null when unknown (only allowed without projection). */
  baseYear: number | null;
  eu2: number;
  /** null: unknown, imputed with the plan's imputation (flagged estimated). */
  insured: number | null;
  /** Status codes of the base-year counts (OFFICIAL for input; DERIVED for sums, …). */
  eu2Status: number;
  insuredStatus: number;
  /**
   * The base-year insured count was imputed, in whole or for any row summed into it (calc's
   * insured_estimated). A null insured count is imputed by projectRow and counts as such too.
   */
  insuredEstimated?: boolean;
}

/** A row of a projection: one municipality, or the sum of several (all rows of a Land, say), with what the outputs show of it. */
export interface Group extends BaseRow {
  name: string;
  /** How many input rows were summed into it. */
  members: number;
  /**
   * Inhabitants in the base year (input or register; summed over the members), null when any
   * member's is unknown. Programme rules look at it (EU2 share, population key); the projection does not.
   */
  population: number | null;
}

export interface RangePlan {
  eu2Low: Growth;
  eu2High: Growth;
  spreadBasisPoints: number;
}

export interface ProjectionPlan {
  /** The years projected; null projects nothing: each row at its own base year. */
  years: { from: number; to: number } | null;
  rates: RatePlan;
  /** The price rule for rows at their own years (no projected years). */
  rateBook: RateBook;
  eu2: Growth;
  insured: Growth;
  imputation: InsuredImputation | null;
  range: RangePlan | null;
}

/** Which uncertain input widens a range most. */
export const RANGE_DRIVERS = ['none', 'rate', 'growth'] as const;
export type RangeDriver = (typeof RANGE_DRIVERS)[number];

/**
 * The projection of one row, year by year (index 0 is the plan's first year). Reused from
 * row to row: `projectRow` overwrites it, so copy what must be kept.
 */
export class ProjectionBuffer {
  readonly length: number;
  readonly eu2: Float64Array;
  readonly insured: Float64Array;
  readonly net: Float64Array;
  readonly costCents: Float64Array;
  /** The rate of each year, at the price level of the price rule (engine/rate.ts RateBook). */
  readonly rateCents: Float64Array;
  readonly rateStatus: Uint8Array;
  readonly eu2Status: Uint8Array;
  readonly insuredStatus: Uint8Array;
  readonly netStatus: Uint8Array;
  readonly costStatus: Uint8Array;
  readonly clamped: Uint8Array;
  /** Range bounds (filled only when the plan has a range). */
  readonly netLow: Float64Array;
  readonly netHigh: Float64Array;
  readonly costLowCents: Float64Array;
  readonly costHighCents: Float64Array;
  readonly driver: Uint8Array;
  /** The base year of the row last projected (null: unknown). */
  baseYear: number | null = null;
  /** Whether the row last projected rests on an imputed insured count (BaseRow.insuredEstimated). */
  insuredEstimated = false;
  // Scratch space for the growth variants of a range.
  readonly scratchEu2: Float64Array;
  readonly scratchInsured: Float64Array;

  constructor(plan: ProjectionPlan) {
    const n = plan.years ? plan.years.to - plan.years.from + 1 : 1;
    this.length = n;
    this.eu2 = new Float64Array(n);
    this.insured = new Float64Array(n);
    this.net = new Float64Array(n);
    this.costCents = new Float64Array(n);
    this.rateCents = new Float64Array(n);
    this.rateStatus = new Uint8Array(n);
    this.eu2Status = new Uint8Array(n);
    this.insuredStatus = new Uint8Array(n);
    this.netStatus = new Uint8Array(n);
    this.costStatus = new Uint8Array(n);
    this.clamped = new Uint8Array(n);
    const r = plan.range ? n : 0;
    this.netLow = new Float64Array(r);
    this.netHigh = new Float64Array(r);
    this.costLowCents = new Float64Array(r);
    this.costHighCents = new Float64Array(r);
    this.driver = new Uint8Array(r);
    this.scratchEu2 = new Float64Array(r);
    this.scratchInsured = new Float64Array(r);
  }

  /** The year of index i (the row's base year when the plan projects nothing). */
  yearAt(plan: ProjectionPlan, i: number): number | null {
    return plan.years ? plan.years.from + i : this.baseYear;
  }
}


/**
 * An InexactError (engine/money.ts) with the key and year it arose in, so that the refusal says
 * where the projection left the exact whole numbers; any other error is passed on as it is.
 */
function inexactAt(error: unknown, key: string, year: number | null): unknown {
  return error instanceof InexactError ? new InexactError(`key ${key === '' ? '(total)' : key}, ${year ?? 'base year'}: ${error.message}`) : error;
}

/** One year's step of a growth scenario: whole persons, rounded each year. */
function step(previous: number, growth: Growth, key: string, year: number): number {
  if (growth.kind === 'series') {
    const value = growth.series?.get(key)?.get(year);
    if (value === undefined) {
      throw new DomainError('data', `the growth series has no count for key ${key} in ${year}`, { remedy: 'other-growth' });
    }
    return value;
  }
  if (growth.ppm === 0) return previous;
  return roundDiv(mulExact(previous, 1_000_000 + growth.ppm), 1_000_000);
}

/**
 * Fill eu2/insured for every output year under one EU2 growth. Counts are stepped from the
 * base year (unrounded steps are never carried over: see the rounding rule at the top).
 */
function growCounts(row: BaseRow, baseInsured: number, eu2Growth: Growth, insuredGrowth: Growth, from: number, eu2Out: Float64Array, insuredOut: Float64Array): void {
  const base = row.baseYear as number;
  let eu2 = row.eu2;
  let insured = baseInsured;
  const to = from + eu2Out.length - 1;
  let year = base;
  try {
    for (; year <= to; year++) {
      if (year > base) {
        eu2 = step(eu2, eu2Growth, row.key, year);
        if (insuredGrowth.kind === 'ratio') {
          // The base-year share, kept as an exact fraction; with no EU2 residents in the base
          // year there is no share, and the insured count stays as it was.
          insured = row.eu2 > 0 ? roundDiv(mulExact(eu2, baseInsured), row.eu2) : baseInsured;
        } else {
          insured = step(insured, insuredGrowth, row.key, year);
        }
      }
      if (year >= from) {
        eu2Out[year - from] = eu2;
        insuredOut[year - from] = insured;
      }
    }
  } catch (error) {
    throw inexactAt(error, row.key, year);
  }
}

/**
 * Project one row over the plan's years into `out`. Statuses: the base year keeps the input's
 * (official, or estimated for an imputed insured count); later years are projected; net and
 * cost are derived, and as unsure as their least sure input (see `combine`).
 */
export function projectRow(row: BaseRow, plan: ProjectionPlan, out: ProjectionBuffer): void {
  let insuredBase = row.insured;
  let insuredBaseStatus = row.insuredStatus;
  if (insuredBase === null) {
    if (!plan.imputation) {
      throw new DomainError('data', `key ${row.key}: the insured count is unknown`,
        'give the insured BG/RO employees, or let them be estimated from the national 2019 ratio');
    }
    insuredBase = imputeInsured(row.eu2, plan.imputation, row.key);
    insuredBaseStatus = ESTIMATED;
  }
  out.baseYear = row.baseYear;
  out.insuredEstimated = row.insured === null || row.insuredEstimated === true;
  const n = out.length;
  let from: number;
  if (plan.years) {
    from = plan.years.from;
    if (row.baseYear === null) {
      throw new DomainError('choice', `key ${row.key}: the base year of the counts is unknown, so they cannot be projected`, { remedy: 'give-base-year' });
    }
    if (row.baseYear > from) {
      throw new DomainError('choice', `key ${row.key}: the counts are for ${row.baseYear}, after the first projected year ${from}`,
        `start the projection in ${row.baseYear} or later (projections do not run backwards)`);
    }
    growCounts(row, insuredBase, plan.eu2, plan.insured, from, out.eu2, out.insured);
  } else {
    from = row.baseYear ?? 0;
    out.eu2[0] = row.eu2;
    out.insured[0] = insuredBase;
  }
  const rates = plan.rates;
  const fixed = rates.fixedPriceYear !== null;
  // Without projected years each row is priced at its own year (the price rule, RateBook).
  const own = plan.years === null ? plan.rateBook.at(row.baseYear) : null;
  for (let i = 0; i < n; i++) {
    const projected = plan.years !== null && from + i > (row.baseYear as number);
    const eu2Status = projected ? PROJECTED : row.eu2Status;
    const insuredStatus = projected ? PROJECTED : insuredBaseStatus;
    const eu2 = out.eu2[i] as number;
    const insured = out.insured[i] as number;
    const net = netPersons(eu2, insured);
    const r = fixed ? 0 : i;
    const rateCents = own ? own.cents : rates.cents[r] as number;
    const rateStatus = own ? own.status : rates.status[r] as number;
    out.rateCents[i] = rateCents;
    out.rateStatus[i] = rateStatus;
    out.net[i] = net;
    out.clamped[i] = eu2 < insured ? 1 : 0;
    out.eu2Status[i] = eu2Status;
    out.insuredStatus[i] = insuredStatus;
    const statuses = figureStatuses(eu2Status, insuredStatus, rateStatus);
    out.netStatus[i] = statuses.net;
    try {
      out.costCents[i] = mulExact(net, rateCents);
    } catch (error) {
      throw inexactAt(error, row.key, out.yearAt(plan, i));
    }
    out.costStatus[i] = statuses.cost;
  }
  if (plan.range) projectRange(row, insuredBase, plan, plan.range, from, out);
}

/**
 * The band around the central cost: EU2 growth low/high projects two more net series, the
 * rate spread scales each year's rate down/up. low/high are the smallest and largest of the
 * central, all-low and all-high variants, so low ≤ central ≤ high always holds. The driver
 * is the input whose low-to-high swing alone (the other held central) moves the cost most.
 */
function projectRange(row: BaseRow, insuredBase: number, plan: ProjectionPlan, range: RangePlan, from: number, out: ProjectionBuffer): void {
  const n = out.length;
  const variants: [Growth, Float64Array][] = [[range.eu2Low, out.netLow], [range.eu2High, out.netHigh]];
  for (const [growth, target] of variants) {
    if (plan.years) {
      growCounts(row, insuredBase, growth, plan.insured, from, out.scratchEu2, out.scratchInsured);
      for (let i = 0; i < n; i++) {
        target[i] = netPersons(out.scratchEu2[i] as number, out.scratchInsured[i] as number);
      }
    } else {
      target[0] = out.net[0] as number;
    }
  }
  // Growths with one rate are ordered (makePlan), and whole-person steps keep that order, so
  // this changes nothing for them; a series central growth has no rate to order by, and the
  // band of net persons then takes in the central figure here, as the cost band does below.
  for (let i = 0; i < n; i++) {
    const net = out.net[i] as number;
    const a = out.netLow[i] as number;
    const b = out.netHigh[i] as number;
    out.netLow[i] = Math.min(net, a, b);
    out.netHigh[i] = Math.max(net, a, b);
  }
  for (let i = 0; i < n; i++) {
    const rate = out.rateCents[i] as number;
    let rateLow: number, rateHigh: number;
    try {
      rateLow = spreadRate(rate, range.spreadBasisPoints, -1);
      rateHigh = spreadRate(rate, range.spreadBasisPoints, 1);
    } catch (error) {
      throw inexactAt(error, row.key, out.yearAt(plan, i));
    }
    const net = out.net[i] as number;
    const netLow = out.netLow[i] as number;
    const netHigh = out.netHigh[i] as number;
    const central = out.costCents[i] as number;
    let low: number, high: number, rateWidth: number, growthWidth: number;
    try {
      low = mulExact(netLow, rateLow);
      high = mulExact(netHigh, rateHigh);
      rateWidth = mulExact(net, rateHigh - rateLow);
      growthWidth = mulExact(Math.abs(netHigh - netLow), rate);
    } catch (error) {
      throw inexactAt(error, row.key, out.yearAt(plan, i));
    }
    out.costLowCents[i] = Math.min(central, low, high);
    out.costHighCents[i] = Math.max(central, low, high);
    out.driver[i] = growthWidth > rateWidth ? 2 : rateWidth > 0 ? 1 : 0;
  }
}

/** Everything a plan needs that comes from options, in engine terms. */
export interface PlanOptions {
  years: { from: number; to: number } | null;
  /** Price all years at one year's prices (real terms); default: each year's own prices. */
  priceYear?: number | undefined;
  eu2: GrowthSpec;
  insured: GrowthSpec;
  imputation: InsuredImputation | null;
  range?: { spreadBasisPoints: number; eu2Low?: GrowthSpec; eu2High?: GrowthSpec } | null;
}

/**
 * The paper's period for the default range: the last five years of its Table 1 (Arbeitspapier
 * S. 8), ending in the year of its national count (parameter eu2_residents_de: 2014–2019).
 */
const PAPER_TREND_YEARS = 5;

/** Growths with one yearly rate (constant, rate, trend) can be ordered by it; a series cannot. */
const hasRate = (growth: Growth): boolean => growth.kind === 'constant' || growth.kind === 'rate' || growth.kind === 'trend';

/**
 * The low and high EU2 growth of a range. By default the lowest and the highest of no growth
 * (constant), the recent observed trend (2019–2025) and the paper's period (2014–2019), and the
 * central growth, so that low ≤ central ≤ high always holds and the range brackets what was
 * observed; a low or high growth given for the run replaces them.
 */
function rangeGrowths(central: Growth, options: { eu2Low?: GrowthSpec; eu2High?: GrowthSpec }, context: GrowthContext, paperYear: number): { low: Growth; high: Growth } {
  const given = (spec: GrowthSpec | undefined, bound: 'low' | 'high', wrong: (ppm: number) => boolean, relation: string): Growth | null => {
    if (!spec) return null;
    const growth = resolveGrowth(spec, context);
    if (hasRate(central) && hasRate(growth) && wrong(growth.ppm)) {
      throw new DomainError('choice', `the ${bound} growth ${growth.label} (${formatPpmPercent(growth.ppm)} % a year) is ${relation} the central growth ` +
        `${central.label} (${formatPpmPercent(central.ppm)} % a year)`, { remedy: bound === 'low' ? 'growth-low' : 'growth-high' });
    }
    return growth;
  };
  const low = given(options.eu2Low, 'low', (ppm) => ppm > central.ppm, 'above');
  const high = given(options.eu2High, 'high', (ppm) => ppm < central.ppm, 'below');
  if (low && high) return { low, high };
  const candidates = [
    resolveGrowth({ kind: 'constant' }, context), resolveGrowth({ kind: 'trend', years: null }, context),
    resolveGrowth({ kind: 'trend', years: PAPER_TREND_YEARS, to: paperYear }, context), ...(hasRate(central) ? [central] : []),
  ];
  // Ties keep the first: a trend over the central growth only when it is strictly lower or higher.
  const lowest = candidates.reduce((a, b) => (b.ppm < a.ppm ? b : a));
  const highest = candidates.reduce((a, b) => (b.ppm > a.ppm ? b : a));
  return { low: low ?? lowest, high: high ?? highest };
}

export function makePlan(parameters: ParameterSet, options: PlanOptions, context: GrowthContext & { insuredSeries?: YearlySeries }): ProjectionPlan {
  if (options.years && options.years.to < options.years.from) {
    throw new DomainError('choice', `the years run backwards: ${options.years.from}-${options.years.to}`, { remedy: 'years-order' });
  }
  const from = options.years?.from ?? 0;
  const to = options.years?.to ?? 0;
  // Without a projection, the rate stays at its own price level unless a price year is given.
  const priceYear = options.years ? options.priceYear : options.priceYear ?? baseRateYear(parameters);
  const rates = planRates(parameters, from, to, { priceYear });
  const eu2 = resolveGrowth(options.eu2, context);
  const insuredContext = {
    nationalSeries: context.nationalSeries,
    ...(context.insuredSeries ? { series: context.insuredSeries } : {}),
  };
  const insured = resolveGrowth(options.insured, insuredContext);
  let range: RangePlan | null = null;
  if (options.range) {
    const paperCount = requireParameter(parameters, 'eu2_residents_de').values.at(-1);
    if (!paperCount) throw new DomainError('data', 'parameter eu2_residents_de has no value', 'the default range needs the year of the paper\'s national count');
    const { low, high } = rangeGrowths(eu2, options.range, context, Number(paperCount.from.slice(0, 4)));
    range = {
      eu2Low: low,
      eu2High: high,
      spreadBasisPoints: options.range.spreadBasisPoints,
    };
  }
  return { years: options.years, rates, rateBook: new RateBook(parameters, options.priceYear ?? null), eu2, insured, imputation: options.imputation, range };
}

function baseRateYear(parameters: ParameterSet): number {
  return resolveRate(parameters, {}).baseYear;
}
