import { type ProjectionBuffer, type ProjectionPlan, type ProjectionTotals, RANGE_DRIVERS, type RangeDriver } from '../engine/projection.js';
import { ASSUMPTION, STATUSES, type Status, combine } from '../engine/status.js';
import type { Warning } from '../engine/types.js';
import type { InputFileInfo } from '../io/inputs.js';
import { formatHundredths, groupDigits, type Locale } from '../io/numbers.js';
import { roundDiv } from '../engine/money.js';

/** Everything the extrapolate renderers need: plain data, no I/O (knip: run() returns data). */
export interface GrowthMeta {
  scenario: string;
  /** Percent per year with four decimals, for constant-rate scenarios; null for series/ratio. */
  percent_per_year: number | null;
  description: string;
}

export interface ExtrapolateMeta {
  tool: string;
  version: string;
  method: string;
  input: string;
  inputs: InputFileInfo[];
  aggregation: string;
  years: { from: number; to: number } | null;
  rate: {
    base_eur: number;
    base_price_year: number;
    source: string;
    status: string;
    /** "each year's prices" with a projection, else the one price level used. */
    prices: string;
    price_year: number | null;
    /**
     * The assumed inflation beyond the last known index year: the first value used, and in
     * `values` every value used, each from the year it takes effect (engine/rate.ts priceIndex).
     */
    inflation_assumed: {
      percent: number;
      source: string;
      status: string;
      after_year: number;
      values: { from_year: number; percent: number; source: string; status: string }[];
    } | null;
  };
  insured: string;
  growth: { eu2: GrowthMeta; insured: GrowthMeta } | null;
  range: { rate_spread_pct: number; growth_low: GrowthMeta; growth_high: GrowthMeta; note: string } | null;
  statuses: Record<Status, string>;
  /**
   * Programme rule sets applied (`--rules`): each with its programmes per year (in force or
   * not, amount, source, status, assumptions), as calc's meta.scenarios; null without --rules.
   */
  rules: null | Record<string, unknown>[];
  overrides: string[];
  notes: string[];
}

/** One row (or total) in one year, every figure with its status. Money in cents. */
export interface YearFigures {
  year: number | null;
  eu2: number;
  eu2Status: Status;
  insured: number;
  insuredStatus: Status;
  /**
   * The row's base-year insured count was imputed (in whole or for any row summed into it): in
   * projected years the status says only "projected", so this flag keeps it visible, as calc's.
   */
  insuredEstimated: boolean;
  net: number;
  netStatus: Status;
  netClamped: boolean;
  rateCents: number;
  rateStatus: Status;
  costCents: number;
  costStatus: Status;
  range: { netLow: number; netHigh: number; costLowCents: number; costHighCents: number; status: Status; driver: RangeDriver } | null;
  /** One per claim column of the report (empty without --rules). */
  claims: ClaimCell[];
}

/** A claim column (`--rules`), named as calc names it: claim_<programme>_eur, claims_total_eur, … */
export interface ClaimColumn {
  key: string;
  label: string;
  /** money: cents; pct: hundredths of a percent. */
  kind: 'money' | 'pct';
}

/** A claim figure in one year; null: no value (coverage of a zero cost). */
export interface ClaimCell {
  value: number | null;
  status: Status;
}

/**
 * Claim figures of one row (or of the totals) over the plan's years, as the projection computes
 * them: year i, claim column k at i × columns + k; the value in cents (hundredths of a percent
 * for coverage; NaN: none, the coverage of a zero cost) and the status as a code of STATUSES.
 */
export interface ClaimSeries {
  values: Float64Array;
  statuses: Uint8Array;
}

/** The csv and json name of a claim figure's status: claims_total_eur → claims_total_status. */
export const claimStatusKey = (key: string): string => key.replace(/_(eur|pct)$/, '') + '_status';

export interface ProjectedGroup {
  key: string;
  name: string;
  baseYear: number | null;
  members: number;
  figures: YearFigures[];
}

export interface ExtrapolateReport {
  meta: ExtrapolateMeta;
  groups: ProjectedGroup[];
  /** The claim columns of --rules, in output order; empty without. */
  claimColumns: ClaimColumn[];
  /** Sums per year over all groups; null when there is one group. */
  totals: ProjectedGroup | null;
  warnings: Warning[];
}

const S = STATUSES;

/** The claim cells of year i (none without --rules). */
function claimCells(claims: ClaimSeries | undefined, i: number, columns: number): ClaimCell[] {
  const cells: ClaimCell[] = [];
  if (!claims) return cells;
  for (let k = i * columns; k < (i + 1) * columns; k++) {
    const value = claims.values[k] as number;
    cells.push({ value: Number.isNaN(value) ? null : value, status: S[claims.statuses[k] as number] as Status });
  }
  return cells;
}

/** Copy a projected row out of the engine's reusable buffer, with its claims (--rules). */
export function figuresFromBuffer(b: ProjectionBuffer, plan: ProjectionPlan, claims?: ClaimSeries): YearFigures[] {
  const columns = claims ? claims.values.length / b.length : 0;
  const fixed = plan.rates.fixedPriceYear !== null;
  const out: YearFigures[] = [];
  for (let i = 0; i < b.length; i++) {
    const r = fixed ? 0 : i;
    out.push({
      year: b.yearAt(plan, i),
      eu2: b.eu2[i] as number,
      eu2Status: S[b.eu2Status[i] as number] as Status,
      insured: b.insured[i] as number,
      insuredStatus: S[b.insuredStatus[i] as number] as Status,
      insuredEstimated: b.insuredEstimated,
      net: b.net[i] as number,
      netStatus: S[b.netStatus[i] as number] as Status,
      netClamped: b.clamped[i] === 1,
      rateCents: plan.rates.cents[r] as number,
      rateStatus: S[plan.rates.status[r] as number] as Status,
      costCents: b.costCents[i] as number,
      costStatus: S[b.costStatus[i] as number] as Status,
      range: plan.range
        ? {
            netLow: b.netLow[i] as number,
            netHigh: b.netHigh[i] as number,
            costLowCents: b.costLowCents[i] as number,
            costHighCents: b.costHighCents[i] as number,
            status: S[combine(b.costStatus[i] as number, ASSUMPTION)] as Status,
            driver: RANGE_DRIVERS[b.driver[i] as number] as RangeDriver,
          }
        : null,
      claims: claimCells(claims, i, columns),
    });
  }
  return out;
}

/** The totals line per year. The rate is the same for every row of a year, so it is shown. */
export function figuresFromTotals(t: ProjectionTotals, plan: ProjectionPlan, years: (number | null)[], claims?: ClaimSeries): YearFigures[] {
  const columns = claims ? claims.values.length / t.length : 0;
  const fixed = plan.rates.fixedPriceYear !== null;
  const out: YearFigures[] = [];
  for (let i = 0; i < t.length; i++) {
    const r = fixed ? 0 : i;
    const costStatus = t.status(t.costStatus, i);
    out.push({
      year: years[i] ?? null,
      eu2: t.eu2[i] as number,
      eu2Status: S[t.status(t.eu2Status, i)] as Status,
      insured: t.insured[i] as number,
      insuredStatus: S[t.status(t.insuredStatus, i)] as Status,
      insuredEstimated: t.insuredEstimated,
      net: t.net[i] as number,
      netStatus: S[t.status(t.netStatus, i)] as Status,
      netClamped: false,
      rateCents: plan.rates.cents[r] as number,
      rateStatus: S[plan.rates.status[r] as number] as Status,
      costCents: t.costCents[i] as number,
      costStatus: S[costStatus] as Status,
      range: plan.range
        ? {
            netLow: t.netLow[i] as number,
            netHigh: t.netHigh[i] as number,
            costLowCents: t.costLowCents[i] as number,
            costHighCents: t.costHighCents[i] as number,
            status: S[combine(costStatus, ASSUMPTION)] as Status,
            driver: t.driver(i),
          }
        : null,
      claims: claimCells(claims, i, columns),
    });
  }
  return out;
}

/** Whole euros from cents, rounded half away from zero (engine/money.ts), grouped per locale. */
export function wholeEuros(cents: number, locale: Locale): string {
  return groupDigits(roundDiv(cents, 100), locale);
}

/**
 * The order of magnitude the paper states ("rund 1,15 Milliarden Euro"): billions or millions
 * with two decimals, rounded half away from zero. 1,148,260,117 EUR → "≈ 1,15 Mrd. €" (de).
 */
export function approxEuros(cents: number, locale: Locale): string {
  const abs = Math.abs(cents);
  const two = (value: number): string => formatHundredths(value, { locale, grouped: true });
  if (abs >= 100_000_000_000) return `≈ ${two(roundDiv(cents, 1_000_000_000))} ${locale === 'de' ? 'Mrd. €' : 'bn €'}`;
  if (abs >= 100_000_000) return `≈ ${two(roundDiv(cents, 1_000_000))} ${locale === 'de' ? 'Mio. €' : 'm €'}`;
  return `≈ ${wholeEuros(cents, locale)} €`;
}
