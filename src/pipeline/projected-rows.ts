import { perInhabitant } from '../engine/method.js';
import { type Group, type ProjectionBuffer, type ProjectionPlan, type ProjectionTotals, RANGE_DRIVERS } from '../engine/projection.js';
import { ASSUMPTION, combine, statusWord } from '../engine/status.js';
import type { Origin, ResultRow } from '../engine/types.js';
import type { ExtraColumn, NumberColumn, StatusColumn, TextColumn } from '../output/report.js';

/**
 * A projected group's years as result rows: the same row type `calc` computes, so every path
 * renders through the same formats (output/registry.ts). The population stays at its
 * base-year count (none is projected); per-inhabitant figures and EU2 shares rest on it.
 */
export function rowsOfGroup(group: Group, b: ProjectionBuffer, plan: ProjectionPlan, origin: Origin): ResultRow[] {
  const rows: ResultRow[] = [];
  for (let i = 0; i < b.length; i++) {
    const eu2 = b.eu2[i] as number;
    const costCents = b.costCents[i] as number;
    rows.push({
      ags: group.key,
      name: group.name,
      year: b.yearAt(plan, i),
      baseYear: group.baseYear,
      members: group.members,
      population: group.population,
      populationFrom: group.population === null ? null : 'input',
      eu2,
      insured: b.insured[i] as number,
      insuredEstimated: b.insuredEstimated,
      net: b.net[i] as number,
      netClamped: b.clamped[i] === 1,
      rateCents: b.rateCents[i] as number,
      costCents,
      ...perInhabitant(costCents, eu2, group.population),
      eu2Status: b.eu2Status[i] as number,
      insuredStatus: b.insuredStatus[i] as number,
      netStatus: b.netStatus[i] as number,
      rateStatus: b.rateStatus[i] as number,
      costStatus: b.costStatus[i] as number,
      origin,
    });
  }
  return rows;
}

/**
 * The low–high band of every row as extra columns, filled group by group; the bounds rest on an
 * assumed rate spread and growth variants, so their status is at least `assumption`.
 */
export class RangeColumns {
  readonly netLow: NumberColumn = { key: 'net_low', label: 'Net low', kind: 'count', values: [], total: null, statusKey: 'range_status' };
  readonly netHigh: NumberColumn = { key: 'net_high', label: 'Net high', kind: 'count', values: [], total: null, statusKey: 'range_status' };
  readonly costLow: NumberColumn = { key: 'cost_low_eur', label: 'Cost low (EUR)', kind: 'money', values: [], total: null, statusKey: 'range_status' };
  readonly costHigh: NumberColumn = { key: 'cost_high_eur', label: 'Cost high (EUR)', kind: 'money', values: [], total: null, statusKey: 'range_status' };
  readonly status: StatusColumn = { key: 'range_status', label: 'Range status', kind: 'status', values: [], total: null };
  readonly driver: TextColumn = { key: 'range_driver', label: 'Driver', kind: 'text', values: [], total: null };

  get columns(): ExtraColumn[] {
    return [this.netLow, this.netHigh, this.costLow, this.costHigh, this.status, this.driver];
  }

  /** The values of year i of the buffer, in column order (for a streamed csv row). */
  static valuesOf(b: ProjectionBuffer, i: number): (number | string)[] {
    return [b.netLow[i] as number, b.netHigh[i] as number, b.costLowCents[i] as number, b.costHighCents[i] as number,
      statusWord(combine(b.costStatus[i] as number, ASSUMPTION)), RANGE_DRIVERS[b.driver[i] as number] ?? 'none'];
  }

  add(b: ProjectionBuffer): void {
    for (let i = 0; i < b.length; i++) this.push(RangeColumns.valuesOf(b, i));
  }

  private push(values: (number | string)[]): void {
    const [netLow, netHigh, costLow, costHigh, status, driver] = values;
    this.netLow.values.push(netLow as number);
    this.netHigh.values.push(netHigh as number);
    this.costLow.values.push(costLow as number);
    this.costHigh.values.push(costHigh as number);
    this.status.values.push(status as string);
    this.driver.values.push(driver as string);
  }

  /** Totals per year (index i of the plan is year years[i]) and, over several years, the money. */
  setTotals(t: ProjectionTotals, years: readonly (number | null)[]): void {
    const several = years.length > 1;
    const perYear = <T>(value: (i: number) => T): Map<number, T> => new Map(years.map((year, i) => [year ?? 0, value(i)]));
    const sum = (array: Float64Array): number => array.reduce((a, b) => a + b, 0);
    const status = (i: number): string => statusWord(combine(t.status(t.costStatus, i), ASSUMPTION));
    if (several) {
      this.netLow.yearTotals = perYear((i) => t.netLow[i] as number);
      this.netHigh.yearTotals = perYear((i) => t.netHigh[i] as number);
      this.costLow.yearTotals = perYear((i) => t.costLowCents[i] as number);
      this.costHigh.yearTotals = perYear((i) => t.costHighCents[i] as number);
      this.status.yearTotals = perYear(status);
      this.driver.yearTotals = perYear((i) => t.driver(i));
      // Persons counted in different years are not added up; money is.
      this.costLow.total = sum(t.costLowCents);
      this.costHigh.total = sum(t.costHighCents);
      let worst = ASSUMPTION;
      for (let i = 0; i < years.length; i++) worst = Math.max(worst, combine(t.status(t.costStatus, i), ASSUMPTION));
      this.status.total = statusWord(worst);
    } else {
      this.netLow.total = t.netLow[0] ?? null;
      this.netHigh.total = t.netHigh[0] ?? null;
      this.costLow.total = t.costLowCents[0] ?? null;
      this.costHigh.total = t.costHighCents[0] ?? null;
      this.status.total = status(0);
      this.driver.total = t.driver(0);
    }
  }
}
