// Longer than ~300 lines on purpose: rule sets as claim columns with the status of every claim figure; the status rules and the column layout depend on each other.
import { BurdenError, EXIT, usageError } from '../errors.js';
import { roundDiv } from '../engine/money.js';
import type { ParameterSet } from '../engine/parameters.js';
import { type ProgrammeOutcome, type ProgrammeRow, type Scenario, applyRules } from '../engine/programmes.js';
import { DERIVED, OFFICIAL, PROJECTED, type Status, combine, leastSure, rankOf, statusWord } from '../engine/status.js';
import type { ResultRow } from '../engine/types.js';
import { type Locale, formatHundredths } from '../io/numbers.js';
import type { ShippedData } from '../io/shipped.js';
import { AMOUNT_FIELD } from '../schema/bounds.js';
import { type KeyedNote, type Note, note } from '../output/notes.js';
import type { Programme, RuleSet } from '../schema/rules.js';
import type { ExtraColumn } from '../output/report.js';

/**
 * Where each loaded rule set came from, for messages about two of them: "the shipped rule set
 * nrw-2024" or the file's path. Kept beside the rule set rather than in it, as the rule set is
 * the file's content, and callers (calc, extrapolate) pass on the same objects.
 */
const origins = new WeakMap<RuleSet, string>();

/**
 * `--rules ID|FILE`: a shipped rule set by id, or a user's rule file checked like a shipped one
 * (its reader, with the schemas, is loaded only then: a run on shipped rules builds no schema).
 */
export async function loadRuleSet(spec: string, shipped: ShippedData): Promise<RuleSet> {
  const found = shipped.rules.find((r) => r.id === spec);
  if (!found && !(spec.endsWith('.json') || spec.includes('/'))) {
    throw usageError(`no rule set "${spec}"`, `shipped rule sets: ${shipped.rules.map((r) => r.id).join(', ')}; or give a path to a rule file`);
  }
  const ruleSet = found ?? (await import('../io/compile-data.js')).parseRuleFile(spec, spec, shipped.parameters);
  const origin = found ? `the shipped rule set ${spec} (data/rules/${spec}.json)` : spec;
  origins.set(ruleSet, origin);
  return ruleSet;
}

/** Two rule sets with one id would give their columns the same names, so they are refused. */
function refuseSharedId(ruleSets: readonly RuleSet[]): void {
  // At most two rule sets: the option schemas say so (options/cli-options.ts rulesOption).
  const [first, second] = ruleSets;
  if (!first || !second || first.id !== second.id) return;
  const [a, b] = [origins.get(first), origins.get(second)];
  if (a === undefined || b === undefined || a === b) {
    throw new BurdenError(EXIT.usage, `--rules ${first.id} is given twice`, {}, 'compare two different rule sets');
  }
  const file = [b, a].find((origin) => !origin.startsWith('the shipped')) ?? b;
  throw new BurdenError(EXIT.usage, `two rule sets share the id "${first.id}": ${a} and ${b}`, {},
    `give ${file} its own "id", e.g. "${first.id}-own", so their columns can be told apart`);
}

const columnPrefix = (ruleSet: RuleSet, prefixed: boolean): string => (prefixed ? `${ruleSet.id.replace(/-/g, '_')}_` : '');

/**
 * One claim column: which scenario and which figure it shows. calc and projections name and
 * fill their columns from the same heads, so both outputs carry the same keys in the same order.
 */
export interface ClaimColumnHead {
  /** Machine name, e.g. claim_suedosteuropa_eur, or nrw_2024_claims_total_eur with two rule sets. */
  key: string;
  label: string;
  kind: 'money' | 'pct';
  figure: 'claim' | 'total' | 'uncovered' | 'coverage' | 'difference';
  /** Index of the scenario (the second for the difference, which is second − first). */
  scenario: number;
  /** Index of the programme in its rule set, for figure "claim". */
  programme: number;
}

/** The claim columns of one or two rule sets: per programme, total, uncovered, coverage; then the difference. */
export function claimColumnHeads(ruleSets: readonly RuleSet[]): ClaimColumnHead[] {
  const prefixed = ruleSets.length > 1;
  const heads = ruleSets.flatMap((ruleSet, scenario): ClaimColumnHead[] => {
    const prefix = columnPrefix(ruleSet, prefixed);
    const labelPrefix = prefixed ? `${ruleSet.id}: ` : '';
    return [
      ...ruleSet.programmes.map((programme, p): ClaimColumnHead => (
        { key: `${prefix}claim_${programme.id}_eur`, label: `${labelPrefix}${programme.id} (EUR)`, kind: 'money', figure: 'claim', scenario, programme: p })),
      { key: `${prefix}claims_total_eur`, label: `${labelPrefix}Claims (EUR)`, kind: 'money', figure: 'total', scenario, programme: -1 },
      { key: `${prefix}uncovered_eur`, label: `${labelPrefix}Uncovered (EUR)`, kind: 'money', figure: 'uncovered', scenario, programme: -1 },
      { key: `${prefix}coverage_pct`, label: `${labelPrefix}Coverage %`, kind: 'pct', figure: 'coverage', scenario, programme: -1 },
    ];
  });
  const [first, second] = ruleSets;
  if (first && second) {
    heads.push({ key: 'claims_difference_eur', label: `Δ claims ${second.id} − ${first.id} (EUR)`, kind: 'money', figure: 'difference', scenario: 1, programme: -1 });
  }
  return heads;
}

/** The value of one claim column for row i: cents, or hundredths of a percent for coverage (null: no cost). */
export function claimValue(scenarios: readonly Scenario[], head: ClaimColumnHead, i: number): number | null {
  const row = scenarios[head.scenario]?.rows[i];
  if (!row) return null;
  switch (head.figure) {
    case 'claim':
      return row.claims[head.programme] ?? 0;
    case 'total':
      return row.claimsTotalCents;
    case 'uncovered':
      return row.uncoveredCents;
    case 'coverage':
      return row.coverageBasisPoints;
    case 'difference':
      return row.claimsTotalCents - (scenarios[0]?.rows[i]?.claimsTotalCents ?? 0);
  }
}

/**
 * The total of one claim column over some rows (all of calc's, or one projected year's):
 * money is summed, coverage is total claims over total cost, so it is no average of shares.
 */
export function claimTotal(scenarios: readonly Scenario[], head: ClaimColumnHead, rows: readonly number[], costCents: number): number | null {
  const sumOf = (h: ClaimColumnHead): number => rows.reduce((total, i) => total + (claimValue(scenarios, h, i) ?? 0), 0);
  if (head.figure !== 'coverage') return sumOf(head);
  return costCents > 0 ? roundDiv(sumOf({ ...head, figure: 'total' }) * 10_000, costCents) : null;
}

/** What the output's metadata says about a scenario: every programme, its facts and its gaps. */
function scenarioMeta(scenario: Scenario): Record<string, unknown> {
  return {
    id: scenario.ruleSet.id,
    title: scenario.ruleSet.title,
    description: scenario.ruleSet.description,
    programmes: scenario.programmes.map((outcome) => ({
      id: outcome.programme.id,
      label: outcome.programme.label,
      kind: outcome.programme.kind,
      year: outcome.year,
      in_force: outcome.inForce,
      window: { from: outcome.programme.from, to: outcome.programme.to },
      status: outcome.programme.status,
      claim_status: outcome.claimStatus,
      source: outcome.programme.source,
      amount: outcome.amount,
      cap_share: outcome.cap,
      unallocated_eur: outcome.unallocatedCents / 100,
      assumptions: outcome.programme.assumptions ?? [],
    })),
  };
}

/** Rule sets applied to rows: the engine's results, the metadata and the notes, for any output. */
export interface EvaluatedScenarios {
  scenarios: Scenario[];
  meta: Record<string, unknown>[];
  notes: Note[];
}

export interface AppliedScenarios extends EvaluatedScenarios {
  columns: ExtraColumn[];
}

/** The notes' locale (amounts in them), and whether decisions keep their words for --explain. */
export interface ScenarioOptions {
  locale?: Locale;
  words?: boolean;
}

/** Rows of the programme area outside the input (pipeline/pot-area.ts): they share fixed pots, and are not shown. */
export interface AreaRows<R> {
  rows: readonly R[];
  note: Note | null;
}

/**
 * Apply one or two rule sets (engine/programmes.ts) and describe them. Shared by calc and by
 * projections (through applyScenarios), which hand in result rows of one or many years.
 */
export function evaluateScenarios<R extends ProgrammeRow>(ruleSets: RuleSet[], rows: readonly R[], yearOf: (row: R) => number, parameters: ParameterSet,
  options: ScenarioOptions & { area?: AreaRows<R> } = {}): EvaluatedScenarios {
  refuseSharedId(ruleSets);
  const locale = options.locale ?? 'en';
  const area = options.area?.rows ?? [];
  // The area's rows go last, so the input's rows keep their indexes; their own outcomes are dropped.
  const all = area.length ? [...rows, ...area] : rows;
  const scenarios = ruleSets.map((ruleSet) => {
    const scenario = applyRules(ruleSet, all, yearOf, parameters, { words: options.words ?? true });
    return area.length ? { ...scenario, rows: scenario.rows.slice(0, rows.length) } : scenario;
  });
  const notes = scenarios.flatMap((scenario): Note[] => {
    const inForce = new Map(scenario.programmes.filter((o) => o.inForce)
      .map((o) => [o.programme.id, note('note.in_force_item', { id: o.programme.id, status: { status: o.programme.status } })]));
    const doubts = claimDoubts(scenario).map(({ id, status, reasons }) =>
      note('note.claim_doubt', { rules: scenario.ruleSet.id, id, status: { status }, reasons: { join: reasons, by: '; ' } }));
    const unallocated = scenario.programmes.filter((o) => o.unallocatedCents > 0)
      .map((o) => `${o.programme.id} ${o.year}: ${formatHundredths(o.unallocatedCents, { locale, grouped: true })} EUR`);
    return [
      note('note.rules', { id: scenario.ruleSet.id, title: scenario.ruleSet.title, in_force: inForce.size ? { join: [...inForce.values()], by: ', ' } : note('note.none') }),
      ...(options.area?.note && scenario === scenarios[0] ? [options.area.note] : []),
      ...doubts,
      ...(unallocated.length ? [note('note.unallocated', { list: unallocated.join('; ') })] : []),
    ];
  });
  return { scenarios, meta: scenarios.map(scenarioMeta), notes };
}

/**
 * What the claims of each programme in force rest on when they are not official: a proposed
 * or assumed programme, a parameter that is not official (a --set override is an assumption,
 * and its source names the flag), and the rule's own assumptions. One entry per programme,
 * with its least sure status and the reasons as notes (in English: `kim_flex: claim status
 * assumption, resting on: the programme is proposed; …`).
 */
function claimDoubts(scenario: Scenario): { id: string; status: Status; reasons: Note[] }[] {
  const byProgramme = new Map<string, ProgrammeOutcome[]>();
  for (const outcome of scenario.programmes) {
    if (!outcome.inForce || outcome.claimStatus === 'official') continue;
    byProgramme.set(outcome.programme.id, [...(byProgramme.get(outcome.programme.id) ?? []), outcome]);
  }
  return [...byProgramme].map(([id, outcomes]) => {
    // Each reason once, however many years say it.
    const reasons = new Map<string, Note>();
    const add = (reason: KeyedNote): void => {
      reasons.set(JSON.stringify(reason), reason);
    };
    for (const { programme, amount, cap } of outcomes) {
      if (programme.status !== 'official') add(programme.status === 'assumption' ? note('note.reason_programme_assumed') : note('note.reason_programme', { status: { status: programme.status } }));
      const figures: [string, typeof amount][] = [[AMOUNT_FIELD[programme.kind], amount], ['cap_share', cap]];
      for (const [field, figure] of figures) {
        // A number in the rule itself has the programme's status, said above.
        if (!figure?.parameter || figure.status === 'official') continue;
        const flag = figure.source.startsWith('--') ? `, ${figure.source}` : '';
        add(note('note.reason_parameter', { field, parameter: figure.parameter, value: String(figure.value), unit: figure.unit, status: { status: figure.status }, flag }));
      }
      const assumed = (programme.assumptions ?? []).map((a) => a.field);
      if (assumed.length) add(note('note.reason_rule_assumptions', { fields: assumed.join(', ') }));
    }
    return { id, status: leastSure(outcomes.map((o) => o.claimStatus)), reasons: [...reasons.values()] };
  });
}

/** The csv and json name of a claim figure's status: claims_total_eur → claims_total_status. */
export const claimStatusKey = (key: string): string => key.replace(/_(eur|pct)$/, '') + '_status';

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

/** How sure a row's figures are that a programme may look at; population is projected beyond its base year. */
const STATUS_OF: Record<Figure, (row: ResultRow) => number> = {
  eu2: (row) => row.eu2Status,
  net: (row) => row.netStatus,
  cost: (row) => row.costStatus,
  population: (row) => (row.baseYear !== undefined && row.baseYear !== null && row.year !== null && row.year > row.baseYear ? PROJECTED : OFFICIAL),
};

/**
 * A pot shared in full (no cap, no net-person minimum that could leave money unallocated) sums
 * to its amount whatever its shares rest on: its total is as sure as the amount.
 */
const sharedInFull = (p: Programme): boolean => p.kind === 'fixed_pot' && p.cap_share === undefined && p.eligibility?.min_net === undefined;

/**
 * The status of each programme's claim in each row (row r, programme p at r × programmes + p).
 * A claim is as unsure as what it rests on: the figures its programme looks at (for a pot,
 * those of every row sharing it in that year, as each share depends on all of them) and the
 * programme's own claim status (engine/programmes.ts: its status, its amounts', and
 * assumption when the rule lists any). The zero of a programme not in force is derived.
 */
function claimStatuses(scenario: Scenario, rows: readonly ResultRow[], byYear: ReadonlyMap<number, number[]>): Uint8Array {
  const programmes = scenario.ruleSet.programmes;
  const statuses = new Uint8Array(rows.length * programmes.length).fill(DERIVED);
  const outcomes = new Map<string, ProgrammeOutcome>(scenario.programmes.map((o) => [`${o.year}:${o.programme.id}`, o]));
  for (const [year, indexes] of byYear) {
    programmes.forEach((programme, p) => {
      const outcome = outcomes.get(`${year}:${programme.id}`);
      if (!outcome?.inForce) return;
      const figures = figuresOf(programme);
      const worst = (row: ResultRow): number => figures.reduce((s, f) => Math.max(s, STATUS_OF[f](row)), OFFICIAL);
      const pooled = programme.kind === 'fixed_pot' ? indexes.reduce((s, i) => Math.max(s, worst(rows[i] as ResultRow)), OFFICIAL) : OFFICIAL;
      const own = combine(rankOf(outcome.claimStatus), pooled);
      for (const i of indexes) statuses[i * programmes.length + p] = combine(own, worst(rows[i] as ResultRow));
    });
  }
  return statuses;
}

/**
 * Apply one or two rule sets to the rows of any path (one year, several years, a projection)
 * and lay the claims out as extra columns: each claim figure followed by its status on the one
 * scale, with totals over all rows and per year. A fixed pot is shared among the rows of each
 * budget year, and the area's rows outside the input (pipeline/pot-area.ts) share it too.
 */
export function applyScenarios(ruleSets: RuleSet[], rows: readonly ResultRow[], yearOf: (row: ResultRow) => number, parameters: ParameterSet,
  options: ScenarioOptions & { area?: AreaRows<ResultRow> } = {}): AppliedScenarios {
  const evaluated = evaluateScenarios(ruleSets, rows, yearOf, parameters, options);
  const { scenarios } = evaluated;
  const all = rows.map((_, i) => i);
  const byYear = new Map<number, number[]>();
  all.forEach((i) => {
    const year = yearOf(rows[i] as ResultRow);
    const same = byYear.get(year);
    if (same) same.push(i);
    else byYear.set(year, [i]);
  });
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const several = years.length > 1;
  const claimStatus = scenarios.map((scenario) => claimStatuses(scenario, rows, byYear));
  const width = (s: number): number => ruleSets[s]?.programmes.length ?? 0;
  // Each scenario's claims total of row i is as unsure as its least sure claim.
  const totalStatus = (s: number, i: number): number => {
    let status = DERIVED;
    const statuses = claimStatus[s] as Uint8Array;
    for (let p = i * width(s); p < (i + 1) * width(s); p++) status = combine(status, statuses[p] as number);
    return status;
  };
  const statusOf = (head: ClaimColumnHead, i: number): number => {
    switch (head.figure) {
      case 'claim':
        return (claimStatus[head.scenario] as Uint8Array)[i * width(head.scenario) + head.programme] as number;
      case 'total':
        return totalStatus(head.scenario, i);
      case 'uncovered':
      case 'coverage':
        return combine((rows[i] as ResultRow).costStatus, totalStatus(head.scenario, i));
      case 'difference':
        return combine(totalStatus(0, i), totalStatus(1, i));
    }
  };
  // The total of a pot shared in full is its amount: as sure as the amount, whatever the shares
  // rest on. Not where rows of the programme's area outside the input take part (pipeline/pot-area.ts):
  // the rows shown then hold a part of the pot, as unsure as its shares.
  const potTotalStatus = (head: ClaimColumnHead, indexes: readonly number[]): number | null => {
    const programme = head.figure === 'claim' ? ruleSets[head.scenario]?.programmes[head.programme] : undefined;
    if (!programme || !sharedInFull(programme) || (options.area?.rows.length ?? 0) > 0) return null;
    const yearsOf = new Set(indexes.map((i) => yearOf(rows[i] as ResultRow)));
    const amounts = (scenarios[head.scenario]?.programmes ?? []).filter((o) => o.programme === programme && o.inForce && yearsOf.has(o.year));
    return amounts.reduce((s, o) => combine(s, rankOf(o.amount?.status ?? 'official')), DERIVED);
  };
  const costOf = (indexes: readonly number[]): number => indexes.reduce((total, i) => total + (rows[i]?.costCents ?? 0), 0);
  const summed = (statusAt: (i: number) => number, indexes: readonly number[]): number =>
    indexes.reduce((s, i) => Math.max(s, statusAt(i)), indexes.length > 1 ? DERIVED : OFFICIAL);
  // A claim column's total: its amount's status for a pot shared in full, else the least sure of its rows.
  const claimTotalStatus = (head: ClaimColumnHead, indexes: readonly number[]): number => potTotalStatus(head, indexes) ?? summed((i) => statusOf(head, i), indexes);
  const totalOfStatuses = (head: ClaimColumnHead, indexes: readonly number[]): Status => {
    if (head.figure !== 'total') return statusWord(head.figure === 'claim' ? claimTotalStatus(head, indexes) : summed((i) => statusOf(head, i), indexes));
    // The total of a scenario's claims is as sure as the totals of its programmes' claims.
    const programmes = ruleSets[head.scenario]?.programmes ?? [];
    return statusWord(programmes.reduce((s, _, p) => combine(s, claimTotalStatus({ ...head, figure: 'claim', programme: p }, indexes)), DERIVED));
  };
  const columns = claimColumnHeads(ruleSets).flatMap((head): ExtraColumn[] => {
    const statuses = all.map((i) => statusOf(head, i));
    const value: ExtraColumn = {
      key: head.key,
      label: head.label,
      kind: head.kind,
      values: all.map((i) => claimValue(scenarios, head, i)),
      total: claimTotal(scenarios, head, all, costOf(all)),
      statusKey: claimStatusKey(head.key),
      ...(several ? { yearTotals: new Map(years.map((year) => [year, claimTotal(scenarios, head, byYear.get(year) ?? [], costOf(byYear.get(year) ?? []))])) } : {}),
    };
    const status: ExtraColumn = {
      key: claimStatusKey(head.key),
      label: `${head.label} status`,
      kind: 'status',
      values: statuses.map(statusWord),
      total: totalOfStatuses(head, all),
      ...(several ? { yearTotals: new Map(years.map((year) => [year, totalOfStatuses(head, byYear.get(year) ?? [])])) } : {}),
    };
    return [value, status];
  });
  const usesPopulation = ruleSets.some((r) => r.programmes.some((p) => figuresOf(p).includes('population')));
  const notes: Note[] = [
    ...evaluated.notes,
    ...(several ? [note('note.programmes_each_year')] : []),
    note('note.claim_status_rule'),
    ...(usesPopulation && rows.some((r) => STATUS_OF.population(r) === PROJECTED) ? [note('note.population_held')] : []),
  ];
  return { ...evaluated, notes, columns };
}
