import { type ClaimColumnHead, claimColumnHeads, claimTotal, claimValue, evaluateScenarios } from '../pipeline/scenarios.js';
import { usageError } from '../errors.js';
import { mulExact, roundDiv } from '../engine/money.js';
import type { ParameterSet } from '../engine/parameters.js';
import type { ProgrammeOutcome, ProgrammeRow, Scenario } from '../engine/programmes.js';
import type { ProjectionBuffer, ProjectionPlan } from '../engine/projection.js';
import { DERIVED, OFFICIAL, PROJECTED, combine, rankOf } from '../engine/status.js';
import type { ClaimSeries } from '../output/extrapolate-report.js';
import type { Programme, RuleSet } from '../schema/rules.js';
import type { Group } from './inputs.js';
import type { Locale } from '../io/numbers.js';

/**
 * Programme rules on projections (`extrapolate --rules`, `calc --years --rules`; issue 4:
 * "Programmes apply only in the years their validity window covers"). Every projected year is
 * a budget year of its own: the rules engine (engine/programmes.ts, through calc's
 * evaluateScenarios) sees all rows of all years at once and groups them by year, so a fixed
 * pot is split among the rows of one year and sums to the pot in each year it is in force.
 */

/** One row in one year as the rules engine sees it, with the statuses of the figures it looks at. */
export interface ProjectedRow extends ProgrammeRow {
  year: number;
  /** Index of the year in the plan (0 without a projection). */
  index: number;
  eu2Status: number;
  netStatus: number;
  costStatus: number;
  populationStatus: number;
}

/**
 * The rows of one projected group, copied out of the reusable buffer. The population is the
 * base-year count in every year (no population is projected), so an EU2 share in a projected
 * year is projected EU2 residents over that count, and flagged projected.
 */
export function projectedRows(group: Group, buffer: ProjectionBuffer, plan: ProjectionPlan): ProjectedRow[] {
  const rows: ProjectedRow[] = [];
  const population = group.population !== null && group.population > 0 ? group.population : null;
  for (let i = 0; i < buffer.length; i++) {
    const year = buffer.yearAt(plan, i);
    if (year === null) {
      throw usageError('--rules needs a budget year, and the counts have none', 'give --base-year YYYY, or a year column in the input');
    }
    const eu2 = buffer.eu2[i] as number;
    rows.push({
      ags: group.key,
      year,
      index: i,
      eu2,
      net: buffer.net[i] as number,
      costCents: buffer.costCents[i] as number,
      population: group.population,
      eu2ShareBasisPoints: population === null ? null : roundDiv(mulExact(eu2, 10_000), population),
      eu2Status: buffer.eu2Status[i] as number,
      netStatus: buffer.netStatus[i] as number,
      costStatus: buffer.costStatus[i] as number,
      populationStatus: group.baseYear !== null && year > group.baseYear ? PROJECTED : OFFICIAL,
    });
  }
  return rows;
}

export interface ProjectedClaims {
  /** The claim columns, named as calc names them. */
  heads: ClaimColumnHead[];
  /**
   * The claims of every projected row, in the order given, one figure per head: row r, head k
   * at r × heads + k. Typed arrays, as the projection's buffer: a national run has 330,000 rows.
   */
  all: ClaimSeries;
  /** The totals over every row of each year index: year i, head k at i × heads + k. */
  totals: ClaimSeries;
  meta: Record<string, unknown>[];
  notes: string[];
  /** The engine's outcomes, for the warnings calc gives too (calc/report-checks.ts). */
  scenarios: Scenario[];
}

type Figure = 'eu2' | 'net' | 'cost' | 'population';

/** The figures of a row a programme looks at: its basis or key, the cost under a cap, and its criteria. */
function figuresOf(programme: Programme): Figure[] {
  const figures = new Set<Figure>();
  if (programme.kind === 'share_of_cost') figures.add('cost');
  if (programme.kind === 'per_person') figures.add(programme.basis);
  if (programme.kind === 'fixed_pot') figures.add(programme.key);
  if (programme.cap_share !== undefined) figures.add('cost');
  const criteria = programme.eligibility;
  if (criteria?.min_eu2 !== undefined) figures.add('eu2');
  if (criteria?.min_net !== undefined) figures.add('net');
  if (criteria?.min_eu2_share_pct !== undefined) figures.add('eu2').add('population');
  return [...figures];
}

const STATUS_OF: Record<Figure, (row: ProjectedRow) => number> = {
  eu2: (row) => row.eu2Status,
  net: (row) => row.netStatus,
  cost: (row) => row.costStatus,
  population: (row) => row.populationStatus,
};

/**
 * The status of each programme's claim in each row (row r, programme p at r × programmes + p).
 * A claim is as unsure as what it rests on: the figures its programme looks at (for a pot,
 * those of every row sharing it in that year, as each share depends on all of them) and the
 * programme's own claim status, as calc has it (engine/programmes.ts: its status, its
 * amounts', and assumption when the rule lists any; a proposed or assumed one makes the
 * claims at least estimated). The zero of a programme not in force is certain by its window: derived.
 */
function claimStatuses(scenario: Scenario, rows: readonly ProjectedRow[], byYear: ReadonlyMap<number, number[]>): Uint8Array {
  const programmes = scenario.ruleSet.programmes;
  const statuses = new Uint8Array(rows.length * programmes.length).fill(DERIVED);
  const outcomes = new Map<string, ProgrammeOutcome>(scenario.programmes.map((o) => [`${o.year}:${o.programme.id}`, o]));
  for (const [year, indexes] of byYear) {
    programmes.forEach((programme, p) => {
      const outcome = outcomes.get(`${year}:${programme.id}`);
      if (!outcome?.inForce) return;
      const figures = figuresOf(programme);
      const worst = (row: ProjectedRow): number => figures.reduce((s, f) => Math.max(s, STATUS_OF[f](row)), OFFICIAL);
      const pooled = programme.kind === 'fixed_pot' ? indexes.reduce((s, i) => Math.max(s, worst(rows[i] as ProjectedRow)), OFFICIAL) : OFFICIAL;
      const own = combine(rankOf(outcome.claimStatus), pooled);
      for (const i of indexes) statuses[i * programmes.length + p] = combine(own, worst(rows[i] as ProjectedRow));
    });
  }
  return statuses;
}

/** Apply one or two rule sets to every projected row; `years` is the number of year indexes. */
export function applyProjectedRules(ruleSets: RuleSet[], rows: readonly ProjectedRow[], years: number, parameters: ParameterSet, locale: Locale): ProjectedClaims {
  // The notes are part of the report: their amounts are written in its locale (5.500.000,00 EUR in de).
  // Projections explain no decision: the engine keeps no words for them.
  const evaluated = evaluateScenarios(ruleSets, rows, (row) => row.year, parameters, { locale, words: false });
  const { scenarios } = evaluated;
  const heads = claimColumnHeads(ruleSets);
  const byYear = new Map<number, number[]>();
  const byIndex: number[][] = Array.from({ length: years }, () => []);
  rows.forEach((row, i) => {
    const same = byYear.get(row.year);
    if (same) same.push(i);
    else byYear.set(row.year, [i]);
    byIndex[row.index]?.push(i);
  });
  const claimStatus = scenarios.map((scenario) => claimStatuses(scenario, rows, byYear));
  const width = (s: number): number => ruleSets[s]?.programmes.length ?? 0;
  // Each scenario's claims total of row i is as unsure as its least sure claim.
  const totalStatuses = claimStatus.map((statuses, s) => {
    const w = width(s);
    const totals = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      let status = DERIVED;
      for (let p = i * w; p < (i + 1) * w; p++) status = combine(status, statuses[p] as number);
      totals[i] = status;
    }
    return totals;
  });
  const totalStatus = (s: number, i: number): number => (totalStatuses[s] as Uint8Array)[i] as number;
  const statusOf = (head: ClaimColumnHead, i: number): number => {
    switch (head.figure) {
      case 'claim':
        return (claimStatus[head.scenario] as Uint8Array)[i * width(head.scenario) + head.programme] as number;
      case 'total':
        return totalStatus(head.scenario, i);
      case 'uncovered':
      case 'coverage':
        return combine((rows[i] as ProjectedRow).costStatus, totalStatus(head.scenario, i));
      case 'difference':
        return combine(totalStatus(0, i), totalStatus(1, i));
    }
  };
  const h = heads.length;
  const all: ClaimSeries = { values: new Float64Array(rows.length * h), statuses: new Uint8Array(rows.length * h) };
  for (let i = 0; i < rows.length; i++) {
    heads.forEach((head, k) => {
      all.values[i * h + k] = claimValue(scenarios, head, i) ?? NaN;
      all.statuses[i * h + k] = statusOf(head, i);
    });
  }
  const totals: ClaimSeries = { values: new Float64Array(years * h), statuses: new Uint8Array(years * h) };
  byIndex.forEach((indexes, i) => {
    const cost = indexes.reduce((sum, r) => sum + (rows[r] as ProjectedRow).costCents, 0);
    heads.forEach((head, k) => {
      totals.values[i * h + k] = claimTotal(scenarios, head, indexes, cost) ?? NaN;
      // A sum over several rows is computed by the tool: at least derived (as ProjectionTotals).
      totals.statuses[i * h + k] = indexes.reduce((s, r) => Math.max(s, all.statuses[r * h + k] as number), indexes.length > 1 ? DERIVED : OFFICIAL);
    });
  });
  const usesPopulation = ruleSets.some((r) => r.programmes.some((p) => figuresOf(p).includes('population')));
  const notes = [
    ...evaluated.notes,
    'Programmes apply in each year their validity window covers; a fixed pot is shared among the rows of each year. ' +
      'A claim is as unsure as the figures it rests on and as its programme (a proposed programme, or an assumed amount, key or eligibility: at least estimated); ' +
      'the zero of a programme not in force that year is derived.',
    ...(usesPopulation ? ['Population is held at its base-year count in projected years (no population is projected); EU2 shares and population keys of those years rest on it.'] : []),
  ];
  return { heads, all, totals, meta: evaluated.meta, notes, scenarios };
}
