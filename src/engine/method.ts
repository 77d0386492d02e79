import type { InputRow, ResultRow, Totals, Warning } from './types.js';
import { mulExact, roundDiv } from './money.js';

/**
 * How to fill unknown insured counts: the national 2019 ratio of insured BG/RO employees to
 * EU2 residents (572,574 / 1,108,393; METHOD.md §3, §8). Kept as a fraction so the estimate
 * is exact integer arithmetic: insured = round(eu2 × numerator / denominator).
 */
export interface InsuredImputation {
  numerator: number;
  denominator: number;
}

export interface MethodContext {
  rateCents: number;
  imputation: InsuredImputation | null;
}

/** Thrown for a row whose insured count is unknown while no imputation was asked for. */
export class MissingInsuredError extends Error {
  constructor(readonly row: InputRow) {
    super('insured count unknown');
  }
}

/**
 * The Dortmund per-capita method (Städtetag NRW working paper, S. 10):
 * net = eu2 − insured (clamped at 0), cost = net × rate.
 */
export function applyMethod(row: InputRow, context: MethodContext): ResultRow {
  let insured = row.insured;
  let insuredEstimated = false;
  if (insured === null) {
    if (!context.imputation) throw new MissingInsuredError(row);
    insured = roundDiv(mulExact(row.eu2, context.imputation.numerator), context.imputation.denominator);
    insuredEstimated = true;
  }
  const difference = row.eu2 - insured;
  const net = difference < 0 ? 0 : difference;
  const costCents = mulExact(net, context.rateCents);
  const population = row.population;
  const hasPopulation = population !== null && population > 0;
  const result: ResultRow = {
    ags: row.ags,
    name: row.name,
    year: row.year,
    population,
    populationFrom: row.populationFrom,
    eu2: row.eu2,
    insured,
    insuredEstimated,
    net,
    netClamped: difference < 0,
    rateCents: context.rateCents,
    costCents,
    costPerInhabitantCents: hasPopulation ? roundDiv(costCents, population) : null,
    eu2ShareBasisPoints: hasPopulation ? roundDiv(mulExact(row.eu2, 10_000), population) : null,
    origin: row.origin,
  };
  if (row.joinedFrom) result.joinedFrom = row.joinedFrom;
  return result;
}

/** Running totals, so streamed rows need not be kept. Per-inhabitant figures need every population. */
export class TotalsAccumulator {
  private rows = 0;
  private population = 0;
  private populationKnown = true;
  private eu2 = 0;
  private insured = 0;
  private insuredEstimated = false;
  private net = 0;
  private costCents = 0;

  add(row: ResultRow): void {
    this.rows += 1;
    if (row.population === null) this.populationKnown = false;
    else this.population += row.population;
    this.eu2 += row.eu2;
    this.insured += row.insured;
    this.insuredEstimated ||= row.insuredEstimated;
    this.net += row.net;
    this.costCents += row.costCents;
  }

  result(): Totals {
    const withPopulation = this.populationKnown && this.population > 0;
    return {
      rows: this.rows,
      population: this.populationKnown ? this.population : null,
      eu2: this.eu2,
      insured: this.insured,
      insuredEstimated: this.insuredEstimated,
      net: this.net,
      costCents: this.costCents,
      costPerInhabitantCents: withPopulation ? roundDiv(this.costCents, this.population) : null,
      eu2ShareBasisPoints: withPopulation ? roundDiv(mulExact(this.eu2, 10_000), this.population) : null,
    };
  }
}

/** Collects per-row findings and reports each kind once, naming up to ten rows. */
export class WarningCollector {
  private readonly byCode = new Map<string, { summary: string; items: string[]; count: number }>();

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

  list(): Warning[] {
    return [...this.byCode].map(([code, { summary, items, count }]) => {
      const more = count > items.length ? `, and ${count - items.length} more` : '';
      return { code, message: `${summary} in ${count} row${count === 1 ? '' : 's'}: ${items.join('; ')}${more}` };
    });
  }
}
