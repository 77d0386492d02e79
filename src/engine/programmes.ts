// Longer than ~300 lines on purpose: the three programme kinds, eligibility and the pot allocation with caps, all applied per budget year.
import { DomainError } from './errors.js';
import { AMOUNT_UNITS, type AmountField, fieldRange, rangeText } from '../schema/bounds.js';
import type { AmountRef, Eligibility, Programme, RuleSet } from '../schema/rules.js';
import type { ParameterStatus } from '../schema/parameter.js';
import { type Status, leastSure } from './status.js';
import { allocateLargestRemainder, mulDivRound, roundDiv, toScaled } from './money.js';
import { type ParameterSet, valueAt } from './parameters.js';
import { type TracePart, basisPoints, cents, decimal, persons, trace, word } from './trace.js';
import type { ResultRow } from './types.js';

/**
 * What a programme looks at in one municipality and year: the key, the counts, the cost and
 * the population. Calc rows and projected years are both result rows (src/pipeline/projected-rows.ts),
 * so one rules engine serves both.
 */
export type ProgrammeRow = Pick<ResultRow, 'ags' | 'eu2' | 'net' | 'costCents' | 'population' | 'eu2ShareBasisPoints'>;

/**
 * Programme rules: each programme in force in a budget year turns municipal costs into
 * claims. Kinds (issue #3): a share of each eligible municipality's cost, an amount per
 * person, or a fixed yearly pot split by a key with the largest-remainder method, so the
 * claims sum to the pot to the cent. `cap_share` limits any claim to a share of the cost.
 */

/** Shares are held in millionths so that every product stays an integer. */
const PPM = 1_000_000;

export interface ResolvedNumber {
  /** As the rule or parameter file writes it, in `unit` (8.9 for 8.9 percent). */
  value: number;
  unit: string;
  source: string;
  status: ParameterStatus;
  /** The parameter it came from, or null when the rule file states it. */
  parameter: string | null;
  from: string | null;
}

export interface Decision {
  eligible: boolean;
  /** One line per criterion checked, e.g. `Land 05: key 05913 — yes`; numbers are formatted by the renderer. */
  reasons: TracePart[][];
  claimCents: number;
  /** How the claim was computed, in words with the numbers. */
  detail: TracePart[];
  capped: boolean;
}

export interface ProgrammeOutcome {
  programme: Programme;
  year: number;
  inForce: boolean;
  amount: ResolvedNumber | null;
  cap: ResolvedNumber | null;
  decisions: Decision[];
  /** Fixed pots: the part that could not be given to anyone (no eligible row, or every row capped). */
  unallocatedCents: number;
  /**
   * How sure its claims are: the least sure of the programme's own status, the status of its
   * amount and cap, and `assumption` when the rule lists assumptions (an assumed allocation
   * key or eligibility decides each municipality's claim).
   */
  claimStatus: Status;
}

export interface ScenarioRow {
  claims: number[];
  /** One decision per programme, in rule-set order: eligibility and how the claim came about. */
  decisions: Decision[];
  claimsTotalCents: number;
  uncoveredCents: number;
  coverageBasisPoints: number | null;
  /** The least sure claim status of the programmes in force in the row's year; `official` when none is. */
  claimsStatus: Status;
}

export interface Scenario {
  ruleSet: RuleSet;
  programmes: ProgrammeOutcome[];
  rows: ScenarioRow[];
}

const endOfYear = (year: number): string => `${year}-12-31`;

/** In force in a year when its window overlaps the year; amounts are not pro-rated. */
export function inForce(programme: Programme, year: number): boolean {
  return programme.from <= endOfYear(year) && (programme.to === null || programme.to >= `${year}-01-01`);
}


function resolve(ref: AmountRef, field: AmountField, programme: Programme, parameters: ParameterSet, year: number, ruleSet: RuleSet): ResolvedNumber {
  const resolved = resolveRef(ref, field, programme, parameters, year, ruleSet);
  // Loaded rule files cannot get here with a value out of range (schema/rules.ts
  // checkParameterRanges holds a parameter's declared range to its field's), but a rule set or
  // a parameter set built in code can: a share below 0 would give a negative claim, one above
  // 100 % a claim above the cost, and a negative cap would turn a capped claim negative.
  const range = fieldRange(field, resolved.unit);
  if (range && (resolved.value < range.minimum || resolved.value > range.maximum)) {
    const what = resolved.parameter === null ? 'written in the rule' : `parameter "${resolved.parameter}", ${resolved.source}`;
    throw new DomainError('data', `programme "${programme.id}": ${field} is ${resolved.value} ${resolved.unit} (${what}), and must lie ${rangeText(range.minimum, range.maximum, resolved.unit)}`,
      'a claim is never below 0, and a share of cost never above the cost', `rules ${ruleSet.id}`);
  }
  return resolved;
}

function resolveRef(ref: AmountRef, field: AmountField, programme: Programme, parameters: ParameterSet, year: number, ruleSet: RuleSet): ResolvedNumber {
  if (typeof ref === 'number') {
    return { value: ref, unit: AMOUNT_UNITS[field][0], source: programme.source, status: programme.status, parameter: null, from: programme.from };
  }
  const where = { file: `rules ${ruleSet.id}` };
  const parameter = parameters.get(ref.parameter);
  if (!parameter) {
    throw new DomainError('data', `programme "${programme.id}": ${field} refers to parameter "${ref.parameter}", which does not exist`, 'see burden params for the parameters', `rules ${ruleSet.id}`);
  }
  if (!AMOUNT_UNITS[field].includes(parameter.unit)) {
    throw new DomainError('data', `programme "${programme.id}": ${field} needs a parameter in ${AMOUNT_UNITS[field].join(' or ')}, "${ref.parameter}" is in ${parameter.unit}`, undefined, where.file);
  }
  const entry = valueAt(parameter, endOfYear(year));
  if (!entry) {
    throw new DomainError('data', `programme "${programme.id}": parameter "${ref.parameter}" has no value in ${year}`, { remedy: 'set-parameter', detail: { parameter: ref.parameter, first: parameter.values[0]?.from ?? '' } }, where.file);
  }
  return { value: entry.value, unit: parameter.unit, source: entry.source, status: entry.status, parameter: ref.parameter, from: entry.from };
}

/** A share (a ratio, or a percentage with up to four decimals) in millionths. */
const sharePpm = (share: ResolvedNumber): number => (share.unit === 'percent' ? toScaled(share.value, 4) : toScaled(share.value, 6));
const shareText = (share: ResolvedNumber): TracePart[] => (share.unit === 'percent' ? trace`${decimal(share.value)} %` : [decimal(share.value)]);

/**
 * The words of a decision (eligibility reasons, how a claim was computed) are for explaining a figure
 * only. Without it they are left out: a national projection decides 1.3 million times, and
 * their text took nearly half its memory (measured, all Gemeinden over 30 years with two rule sets:
 * 0.9 GB and 3.2 s with, 0.5 GB and 2.1 s without).
 */
const NO_WORDS: never[] = [];

function checkEligibility(eligibility: Eligibility | undefined, row: ProgrammeRow, words: boolean): { eligible: boolean; reasons: TracePart[][] } {
  if (!eligibility) return { eligible: true, reasons: words ? [[word('no_criteria')]] : NO_WORDS };
  const reasons: TracePart[][] = words ? [] : NO_WORDS;
  let eligible = true;
  const check = (ok: boolean, text: TracePart[] | (() => TracePart[])): void => {
    if (words) reasons.push(trace`${typeof text === 'function' ? text() : text} — ${word(ok ? 'yes' : 'no')}`);
    if (!ok) eligible = false;
  };
  if (eligibility.land !== undefined) {
    const lands = Array.isArray(eligibility.land) ? eligibility.land : [eligibility.land];
    check(lands.some((land) => row.ags.startsWith(land)), trace`${word('land')} ${lands.join('/')}: ${word('key')} ${row.ags}`);
  }
  const { ags, min_eu2: minEu2, min_net: minNet, min_eu2_share_pct: minShare } = eligibility;
  if (ags) check(ags.includes(row.ags), () => trace`${word('key')} ${row.ags} ${word('in_list')} (${persons(ags.length)} ${word('keys')})`);
  if (minEu2 !== undefined) check(row.eu2 >= minEu2, () => trace`${word('eu2')} ${persons(row.eu2)} ≥ ${persons(minEu2)}`);
  if (minNet !== undefined) check(row.net >= minNet, () => trace`${word('net')} ${persons(row.net)} ≥ ${persons(minNet)}`);
  if (minShare !== undefined) {
    const threshold = toScaled(minShare, 2);
    const share = row.eu2ShareBasisPoints;
    // The share is compared as printed (two decimals), so what users see decides.
    check(share !== null && share >= threshold, () => (share === null
      ? trace`${word('share_unknown')} ≥ ${decimal(minShare)} %`
      : trace`${word('eu2_share')} ${basisPoints(share)} % ≥ ${decimal(minShare)} %`));
  }
  return { eligible, reasons };
}

function weightOf(key: 'eu2' | 'net' | 'cost' | 'population', row: ProgrammeRow): number {
  if (key === 'cost') return row.costCents;
  if (key === 'population') return row.population ?? 0;
  return row[key];
}

/** Split a pot among eligible rows; rows whose share would exceed their cap get the cap and the rest is split again. */
function allocatePot(potCents: number, weights: number[], caps: (number | null)[]): { shares: number[]; capped: boolean[]; unallocated: number } {
  const shares = weights.map(() => 0);
  const capped = weights.map(() => false);
  let active = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  let remaining = potCents;
  while (active.length > 0) {
    const trial = allocateLargestRemainder(remaining, active.map((i) => weights[i] ?? 0));
    const over = active.filter((i, k) => caps[i] !== null && (trial[k] ?? 0) > (caps[i] ?? 0));
    if (over.length === 0) {
      active.forEach((i, k) => {
        shares[i] = trial[k] ?? 0;
      });
      remaining = 0;
      break;
    }
    for (const i of over) {
      shares[i] = caps[i] ?? 0;
      capped[i] = true;
      remaining -= caps[i] ?? 0;
    }
    active = active.filter((i) => !over.includes(i));
  }
  return { shares, capped, unallocated: remaining };
}

function applyProgramme(programme: Programme, rows: readonly ProgrammeRow[], year: number, parameters: ParameterSet, ruleSet: RuleSet,
  words: boolean): ProgrammeOutcome {
  const outcome: ProgrammeOutcome = {
    programme, year, inForce: inForce(programme, year), amount: null, cap: null, decisions: [], unallocatedCents: 0, claimStatus: programme.status,
  };
  if (!outcome.inForce) {
    const reasons = words ? [trace`${word('not_in_force')} ${word('in_year')} ${String(year)} (${programmeWindow(programme)})`] : NO_WORDS;
    outcome.decisions = rows.map(() => ({ eligible: false, reasons, claimCents: 0, detail: words ? [word('not_in_force')] : NO_WORDS, capped: false }));
    return outcome;
  }
  const cap = programme.cap_share === undefined ? null : resolve(programme.cap_share, 'cap_share', programme, parameters, year, ruleSet);
  outcome.cap = cap;
  const capPpm = cap ? sharePpm(cap) : null;
  const cappedAt = cap ? trace`${word('capped_at')} ${shareText(cap)} ${word('of_cost')}` : [];
  const capFor = (row: ProgrammeRow): number | null => (capPpm === null ? null : mulDivRound(row.costCents, capPpm, PPM));
  const checks = rows.map((row) => checkEligibility(programme.eligibility, row, words));

  if (programme.kind === 'fixed_pot') {
    const pot = resolve(programme.pot_eur, 'pot_eur', programme, parameters, year, ruleSet);
    outcome.amount = pot;
    outcome.claimStatus = claimStatus(programme, pot, cap);
    const potCents = toScaled(pot.value, 2);
    const weights = rows.map((row, i) => (checks[i]?.eligible ? weightOf(programme.key, row) : 0));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const { shares, capped, unallocated } = allocatePot(potCents, weights, rows.map(capFor));
    outcome.unallocatedCents = unallocated;
    outcome.decisions = rows.map((_, i) => {
      const check = checks[i] ?? { eligible: false, reasons: [] };
      const weight = weights[i] ?? 0;
      // A cost key weighs cents; the others weigh persons.
      const amount = programme.key === 'cost' ? cents : persons;
      const detail = !words ? NO_WORDS : check.eligible
        ? trace`${word('pot')} ${cents(potCents)} EUR × ${word(programme.key)} ${amount(weight)} / ${amount(totalWeight)} (${word('all_eligible')}), ${word('largest_remainder')}${capped[i] ? trace`; ${cappedAt}` : []}`
        : [word('not_eligible')];
      return { eligible: check.eligible, reasons: check.reasons, claimCents: shares[i] ?? 0, detail, capped: capped[i] ?? false };
    });
    return outcome;
  }

  let amount: ResolvedNumber;
  let compute: (row: ProgrammeRow) => { claim: number; detail: TracePart[] };
  if (programme.kind === 'share_of_cost') {
    const share = resolve(programme.share, 'share', programme, parameters, year, ruleSet);
    amount = share;
    const ppm = sharePpm(share);
    compute = (row) => ({ claim: mulDivRound(row.costCents, ppm, PPM), detail: words ? trace`${word('cost')} ${cents(row.costCents)} EUR × ${shareText(share)}` : NO_WORDS });
  } else {
    amount = resolve(programme.amount_eur, 'amount_eur', programme, parameters, year, ruleSet);
    const perPerson = toScaled(amount.value, 2);
    const basis = programme.basis;
    compute = (row) => ({ claim: row[basis] * perPerson, detail: words ? trace`${word(basis)} ${persons(row[basis])} × ${cents(perPerson)} EUR` : NO_WORDS });
  }
  outcome.amount = amount;
  outcome.claimStatus = claimStatus(programme, amount, cap);
  outcome.decisions = rows.map((row, i) => {
    const check = checks[i] ?? { eligible: false, reasons: [] };
    if (!check.eligible) return { eligible: false, reasons: check.reasons, claimCents: 0, detail: words ? [word('not_eligible')] : NO_WORDS, capped: false };
    const { claim, detail } = compute(row);
    const limit = capFor(row);
    const capped = limit !== null && claim > limit;
    return {
      eligible: true,
      reasons: check.reasons,
      claimCents: capped ? limit : claim,
      detail: capped && words ? trace`${detail} = ${cents(claim)} EUR, ${cappedAt} = ${cents(limit)} EUR` : detail,
      capped,
    };
  });
  return outcome;
}

/** A programme's time in force in words: "2017-01-01 – 2024-12-31", or "… – open". */
export const programmeWindow = (programme: Programme): TracePart[] => trace`${programme.from} – ${programme.to ?? word('open')}`;

function claimStatus(programme: Programme, amount: ResolvedNumber, cap: ResolvedNumber | null): Status {
  const assumed: Status[] = programme.assumptions?.length ? ['assumption'] : [];
  return leastSure([programme.status, amount.status, ...(cap ? [cap.status] : []), ...assumed]);
}

/**
 * Apply a rule set to computed rows. Rows are grouped by budget year (`yearOf`), so a
 * fixed pot is split among the municipalities of one year. `words`: give each decision its
 * text for explaining it (default); without, the figures are the same.
 */
export function applyRules<R extends ProgrammeRow>(ruleSet: RuleSet, rows: readonly R[], yearOf: (row: R) => number, parameters: ParameterSet,
  options: { words?: boolean } = {}): Scenario {
  const words = options.words ?? true;
  const groups = new Map<number, number[]>();
  rows.forEach((row, index) => {
    const year = yearOf(row);
    const group = groups.get(year);
    if (group) group.push(index);
    else groups.set(year, [index]);
  });
  const programmes: ProgrammeOutcome[] = [];
  const decisions: Decision[][] = rows.map(() => []);
  for (const [year, indexes] of [...groups].sort((a, b) => a[0] - b[0])) {
    const groupRows = indexes.map((i) => rows[i] as R);
    ruleSet.programmes.forEach((programme, p) => {
      const outcome = applyProgramme(programme, groupRows, year, parameters, ruleSet, words);
      programmes.push(outcome);
      outcome.decisions.forEach((decision, k) => {
        const rowDecisions = decisions[indexes[k] ?? 0];
        if (rowDecisions) rowDecisions[p] = decision;
      });
    });
  }
  const statusByYear = new Map<number, Status>();
  for (const year of groups.keys()) {
    statusByYear.set(year, leastSure(programmes.filter((o) => o.year === year && o.inForce).map((o) => o.claimStatus)));
  }
  const scenarioRows = rows.map((row, i): ScenarioRow => {
    const rowDecisions = decisions[i] ?? [];
    const rowClaims = rowDecisions.map((d) => d.claimCents);
    const total = rowClaims.reduce((a, b) => a + b, 0);
    return {
      claims: rowClaims,
      decisions: rowDecisions,
      claimsTotalCents: total,
      uncoveredCents: Math.max(row.costCents - total, 0),
      coverageBasisPoints: row.costCents > 0 ? roundDiv(total * 10_000, row.costCents) : null,
      claimsStatus: statusByYear.get(yearOf(row)) ?? 'official',
    };
  });
  return { ruleSet, programmes, rows: scenarioRows };
}
