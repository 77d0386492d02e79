import type { InputRow, ResultRow, SameYearTotals, Totals, Warning } from './types.js';
import { mulExact, roundDiv } from './money.js';
import { DERIVED, ESTIMATED, OFFICIAL, combine } from './status.js';

/**
 * How to fill unknown insured counts: the national 2019 ratio of insured BG/RO employees to
 * EU2 residents (572,574 / 1,108,393; Arbeitspapier S. 10). Kept as a fraction so the estimate
 * is exact integer arithmetic: insured = round(eu2 × numerator / denominator). A regional
 * estimate (engine/regional-imputation.ts) gives some Kreise (by their 5-digit key) a ratio of
 * their own; any other key takes the national one.
 */
export interface InsuredImputation {
  numerator: number;
  denominator: number;
  byKreis?: ReadonlyMap<string, { numerator: number; denominator: number }>;
}

export interface MethodContext {
  /** The rate of a year at the price rule's level (engine/rate.ts RateBook). */
  rates: { at(year: number | null): { cents: number; status: number } };
  imputation: InsuredImputation | null;
  /** The year of counts that carry none (a budget year chosen for the run, or a shipped dataset's reference year). */
  countsYear: number | null;
}

/** One rate for every year, for scripts and tests that price at a fixed rate (status official unless given). */
export const fixedRate = (cents: number, status: number = OFFICIAL): MethodContext['rates'] => ({ at: () => ({ cents, status }) });

/** Thrown for a row whose insured count is unknown while no imputation was asked for. */
export class MissingInsuredError extends Error {
  constructor(readonly row: InputRow) {
    super('insured count unknown');
  }
}

/** The method in one sentence, for every output's metadata (extrapolate adds ", per year"). */
export const METHOD = 'Dortmund per-capita method: cost = max(eu2 − insured, 0) × rate';

/**
 * The Dortmund per-capita method (Städtetag NRW working paper, S. 10):
 * net = eu2 − insured (clamped at 0), cost = net × rate.
 */
/** An unknown insured count from the national ratio, in whole persons. */
export function imputeInsured(eu2: number, imputation: InsuredImputation, key = ''): number {
  const ratio = (key.length >= 5 ? imputation.byKreis?.get(key.slice(0, 5)) : undefined) ?? imputation;
  return roundDiv(mulExact(eu2, ratio.numerator), ratio.denominator);
}

/**
 * The statuses of net persons and cost from those of their inputs (engine/status.ts): net is
 * as sure as the less sure of its counts, cost as the less sure of net and the rate; both are
 * at least derived. The one rule for calc, projections and aggregates.
 */
export function figureStatuses(eu2Status: number, insuredStatus: number, rateStatus: number): { net: number; cost: number } {
  const net = combine(eu2Status, insuredStatus);
  return { net, cost: combine(net, rateStatus) };
}

/**
 * Cost per inhabitant (cents) and EU2 residents as a share of the population (hundredths of a
 * percent), each rounded once; both unknown without a population above 0. The one rule for a
 * row, a projected year (whose population stays at its base-year count) and a total.
 */
export function perInhabitant(costCents: number, eu2: number, population: number | null): { costPerInhabitantCents: number | null; eu2ShareBasisPoints: number | null } {
  if (population === null || population <= 0) return { costPerInhabitantCents: null, eu2ShareBasisPoints: null };
  return { costPerInhabitantCents: roundDiv(costCents, population), eu2ShareBasisPoints: roundDiv(mulExact(eu2, 10_000), population) };
}

/** Net persons: EU2 residents less insured employees, never below 0 (a negative difference is clamped). */
export function netPersons(eu2: number, insured: number): number {
  const difference = eu2 - insured;
  return difference < 0 ? 0 : difference;
}

export function applyMethod(row: InputRow, context: MethodContext): ResultRow {
  let insured = row.insured;
  let insuredEstimated = false;
  if (insured === null) {
    if (!context.imputation) throw new MissingInsuredError(row);
    insured = imputeInsured(row.eu2, context.imputation, row.ags);
    insuredEstimated = true;
  }
  const net = netPersons(row.eu2, insured);
  const rate = context.rates.at(row.year ?? context.countsYear);
  const costCents = mulExact(net, rate.cents);
  const insuredStatus = insuredEstimated ? ESTIMATED : OFFICIAL;
  // figureStatuses(OFFICIAL, insuredStatus, rate.status), without an object per row on this hot path.
  const netStatus = combine(OFFICIAL, insuredStatus);
  const costStatus = combine(netStatus, rate.status);
  const population = row.population;
  // Read out, not spread into the row: a spread in this literal costs a tenth of a streamed run.
  const share = perInhabitant(costCents, row.eu2, population);
  const result: ResultRow = {
    ags: row.ags,
    name: row.name,
    // The year of the counts: their own, else the run's budget year or the dataset's reference year.
    year: row.year ?? context.countsYear,
    population,
    populationFrom: row.populationFrom,
    eu2: row.eu2,
    insured,
    insuredEstimated,
    net,
    netClamped: row.eu2 < insured,
    rateCents: rate.cents,
    costCents,
    costPerInhabitantCents: share.costPerInhabitantCents,
    eu2ShareBasisPoints: share.eu2ShareBasisPoints,
    eu2Status: OFFICIAL,
    insuredStatus,
    netStatus,
    rateStatus: rate.status,
    costStatus,
    origin: row.origin,
  };
  if (row.joinedFrom) result.joinedFrom = row.joinedFrom;
  return result;
}

/** The running sums behind Totals: plain data, so partial sums from worker threads can be merged. */
export interface TotalsState {
  rows: number;
  population: number;
  populationKnown: boolean;
  eu2: number;
  insured: number;
  insuredEstimated: boolean;
  net: number;
  costCents: number;
  /** The least sure status of each summed figure (rank codes, engine/status.ts). */
  eu2Status: number;
  insuredStatus: number;
  netStatus: number;
  costStatus: number;
}

/** Running totals, so streamed rows need not be kept. Per-inhabitant figures need every population. */
export class TotalsAccumulator {
  private readonly state: TotalsState = {
    rows: 0, population: 0, populationKnown: true, eu2: 0, insured: 0, insuredEstimated: false, net: 0, costCents: 0,
    eu2Status: OFFICIAL, insuredStatus: OFFICIAL, netStatus: OFFICIAL, costStatus: OFFICIAL,
  };

  add(row: ResultRow): void {
    const s = this.state;
    s.rows += 1;
    if (row.population === null) s.populationKnown = false;
    else s.population += row.population;
    s.eu2 += row.eu2;
    s.insured += row.insured;
    s.insuredEstimated ||= row.insuredEstimated;
    s.net += row.net;
    s.costCents += row.costCents;
    if (row.eu2Status > s.eu2Status) s.eu2Status = row.eu2Status;
    if (row.insuredStatus > s.insuredStatus) s.insuredStatus = row.insuredStatus;
    if (row.netStatus > s.netStatus) s.netStatus = row.netStatus;
    if (row.costStatus > s.costStatus) s.costStatus = row.costStatus;
  }

  snapshot(): TotalsState {
    return { ...this.state };
  }

  /** Add the sums of another accumulator (a piece of the input summed elsewhere). */
  absorb(other: TotalsState): void {
    const s = this.state;
    s.rows += other.rows;
    s.population += other.population;
    s.populationKnown &&= other.populationKnown;
    s.eu2 += other.eu2;
    s.insured += other.insured;
    s.insuredEstimated ||= other.insuredEstimated;
    s.net += other.net;
    s.costCents += other.costCents;
    s.eu2Status = Math.max(s.eu2Status, other.eu2Status);
    s.insuredStatus = Math.max(s.insuredStatus, other.insuredStatus);
    s.netStatus = Math.max(s.netStatus, other.netStatus);
    s.costStatus = Math.max(s.costStatus, other.costStatus);
  }

  result(): SameYearTotals {
    const s = this.state;
    return {
      rows: s.rows,
      population: s.populationKnown ? s.population : null,
      eu2: s.eu2,
      insured: s.insured,
      insuredEstimated: s.insuredEstimated,
      net: s.net,
      costCents: s.costCents,
      ...perInhabitant(s.costCents, s.eu2, s.populationKnown ? s.population : null),
      // A sum of several rows is computed by the tool: at least derived.
      eu2Status: s.rows > 1 ? combine(s.eu2Status, DERIVED) : s.eu2Status,
      insuredStatus: s.rows > 1 ? combine(s.insuredStatus, DERIVED) : s.insuredStatus,
      netStatus: s.netStatus,
      costStatus: s.costStatus,
    };
  }
}

/** The years of rows, in order, when there are two or more; otherwise null (one total serves). */
export function yearsOfRows(rows: readonly ResultRow[]): number[] | null {
  const years = new Set<number>();
  for (const row of rows) if (row.year !== null) years.add(row.year);
  return years.size > 1 ? [...years].sort((a, b) => a - b) : null;
}

/** Totals of the rows of each year, for input that spans several years. */
export function totalsByYear(rows: readonly ResultRow[], years: readonly number[]): (SameYearTotals & { year: number })[] {
  return years.map((year) => {
    const totals = new TotalsAccumulator();
    for (const row of rows) if (row.year === year) totals.add(row);
    return { year, ...totals.result() };
  });
}

/** The total over several years: money adds up, persons do not (see Totals). */
export function acrossYears(totals: Totals): Totals {
  return { ...totals, population: null, eu2: null, insured: null, net: null, costPerInhabitantCents: null, eu2ShareBasisPoints: null };
}

/** The findings of one kind: plain data, so collectors from worker threads can be merged. */
export interface WarningEntry {
  code: string;
  summary: string;
  items: string[];
  count: number;
}

/** Collects per-row findings and reports each kind once, naming up to ten rows. */
export class WarningCollector {
  private readonly byCode = new Map<string, Omit<WarningEntry, 'code'>>();

  entries(): WarningEntry[] {
    return [...this.byCode].map(([code, entry]) => ({ code, ...entry, items: [...entry.items] }));
  }

  /** Merge another collector's findings after this one's, as if its rows came later. */
  absorb(entries: readonly WarningEntry[]): void {
    for (const { code, summary, items, count } of entries) {
      let entry = this.byCode.get(code);
      if (!entry) {
        entry = { summary, items: [], count: 0 };
        this.byCode.set(code, entry);
      }
      entry.count += count;
      for (const item of items) if (entry.items.length < 10) entry.items.push(item);
    }
  }

  add(code: string, summary: string, item: string): void {
    let entry = this.byCode.get(code);
    if (!entry) {
      entry = { summary, items: [], count: 0 };
      this.byCode.set(code, entry);
    }
    entry.count += 1;
    if (entry.items.length < 10) entry.items.push(item);
  }

  note(row: ResultRow): void {
    if (row.netClamped) {
      this.add(
        'net-clamped',
        'more insured employees than EU2 residents; net persons clamped to 0',
        `${row.ags} ${row.origin.file}:${row.origin.line} (eu2 ${row.eu2}, insured ${row.insured})`,
      );
    }
  }

  /** A finding about the run as a whole, not about rows. */
  addGeneral(code: string, message: string): void {
    if (!this.byCode.has(code)) this.byCode.set(code, { summary: message, items: [], count: 0 });
  }

  list(): Warning[] {
    return [...this.byCode].map(([code, { summary, items, count }]) => {
      if (count === 0) return { code, message: summary };
      const more = count > items.length ? `, and ${count - items.length} more` : '';
      return { code, message: `${summary} in ${count} row${count === 1 ? '' : 's'}: ${items.join('; ')}${more}` };
    });
  }
}
