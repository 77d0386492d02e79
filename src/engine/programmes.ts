import { BurdenError, EXIT } from '../errors.js';
import type { AmountRef, Eligibility, Programme, RuleSet } from '../schema/rules.js';
import type { ParameterStatus } from '../schema/parameter.js';
import { allocateLargestRemainder, mulDivRound, roundDiv, toScaled } from './money.js';
import { type ParameterSet, valueAt } from './parameters.js';
import type { ResultRow } from './types.js';

/**
 * Programme rules: each programme in force in a budget year turns municipal costs into
 * claims. Kinds (issue #3): a share of each eligible municipality's cost, an amount per
 * person, or a fixed yearly pot split by a key with the largest-remainder method, so the
 * claims sum to the pot to the cent. `cap_share` limits any claim to a share of the cost.
 */

/** Shares are held in millionths so that every product stays an integer. */
const PPM = 1_000_000;

export interface ResolvedNumber {
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
  /** One line per criterion checked, e.g. `land 05: 05913 starts with 05 — yes`. */
  reasons: string[];
  claimCents: number;
  /** How the claim was computed, in words with the numbers. */
  detail: string;
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
}

export interface ScenarioRow {
  claims: number[];
  /** One decision per programme, in rule-set order: eligibility and how the claim came about. */
  decisions: Decision[];
  claimsTotalCents: number;
  uncoveredCents: number;
  coverageBasisPoints: number | null;
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

const UNITS: Record<'share' | 'pot_eur' | 'amount_eur', string[]> = {
  share: ['ratio', 'percent'],
  pot_eur: ['EUR/year'],
  amount_eur: ['EUR/person/year'],
};

function resolve(ref: AmountRef, field: keyof typeof UNITS, programme: Programme, parameters: ParameterSet, year: number, ruleSet: RuleSet): ResolvedNumber {
  if (typeof ref === 'number') {
    return { value: ref, unit: field === 'share' ? 'ratio' : field === 'pot_eur' ? 'EUR/year' : 'EUR/person/year', source: programme.source, status: programme.status, parameter: null, from: programme.from };
  }
  const where = { file: `rules ${ruleSet.id}` };
  const parameter = parameters.get(ref.parameter);
  if (!parameter) {
    throw new BurdenError(EXIT.dataError, `programme "${programme.id}": ${field} refers to parameter "${ref.parameter}", which does not exist`, where,
      'see burden params for the parameters');
  }
  if (!UNITS[field].includes(parameter.unit)) {
    throw new BurdenError(EXIT.dataError, `programme "${programme.id}": ${field} needs a parameter in ${UNITS[field].join(' or ')}, "${ref.parameter}" is in ${parameter.unit}`, where);
  }
  const entry = valueAt(parameter, endOfYear(year));
  if (!entry) {
    throw new BurdenError(EXIT.dataError, `programme "${programme.id}": parameter "${ref.parameter}" has no value in ${year}`, where,
      `its first value is from ${parameter.values[0]?.from}; set one with --set ${ref.parameter}=VALUE`);
  }
  const value = parameter.unit === 'percent' ? entry.value / 100 : entry.value;
  return { value, unit: parameter.unit, source: entry.source, status: entry.status, parameter: ref.parameter, from: entry.from };
}

function checkEligibility(eligibility: Eligibility | undefined, row: ResultRow): { eligible: boolean; reasons: string[] } {
  if (!eligibility) return { eligible: true, reasons: ['no eligibility criteria: every municipality'] };
  const reasons: string[] = [];
  let eligible = true;
  const check = (ok: boolean, text: string): void => {
    reasons.push(`${text} — ${ok ? 'yes' : 'no'}`);
    if (!ok) eligible = false;
  };
  if (eligibility.land !== undefined) {
    const lands = Array.isArray(eligibility.land) ? eligibility.land : [eligibility.land];
    check(lands.some((land) => row.ags.startsWith(land)), `Land ${lands.join('/')}: key ${row.ags}`);
  }
  if (eligibility.ags) check(eligibility.ags.includes(row.ags), `key ${row.ags} in the list (${eligibility.ags.length} keys)`);
  if (eligibility.min_eu2 !== undefined) check(row.eu2 >= eligibility.min_eu2, `eu2 ${row.eu2} ≥ ${eligibility.min_eu2}`);
  if (eligibility.min_net !== undefined) check(row.net >= eligibility.min_net, `net ${row.net} ≥ ${eligibility.min_net}`);
  if (eligibility.min_eu2_share_pct !== undefined) {
    const threshold = toScaled(eligibility.min_eu2_share_pct, 2);
    const share = row.eu2ShareBasisPoints;
    // The share is compared as printed (two decimals), so what users see decides.
    check(share !== null && share >= threshold,
      share === null ? `EU2 share unknown (no population) ≥ ${eligibility.min_eu2_share_pct} %` : `EU2 share ${(share / 100).toFixed(2)} % ≥ ${eligibility.min_eu2_share_pct} %`);
  }
  return { eligible, reasons };
}

const eur = (cents: number): string => (cents / 100).toFixed(2);

function weightOf(key: 'eu2' | 'net' | 'cost' | 'population', row: ResultRow): number {
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

function applyProgramme(programme: Programme, rows: ResultRow[], year: number, parameters: ParameterSet, ruleSet: RuleSet): ProgrammeOutcome {
  const outcome: ProgrammeOutcome = { programme, year, inForce: inForce(programme, year), amount: null, cap: null, decisions: [], unallocatedCents: 0 };
  if (!outcome.inForce) {
    const window = `${programme.from} – ${programme.to ?? 'open'}`;
    outcome.decisions = rows.map(() => ({ eligible: false, reasons: [`not in force in ${year} (${window})`], claimCents: 0, detail: 'not in force', capped: false }));
    return outcome;
  }
  const cap = programme.cap_share === undefined ? null : resolve(programme.cap_share, 'share', programme, parameters, year, ruleSet);
  outcome.cap = cap;
  const capPpm = cap ? toScaled(cap.value, 6) : null;
  const capFor = (row: ResultRow): number | null => (capPpm === null ? null : mulDivRound(row.costCents, capPpm, PPM));
  const checks = rows.map((row) => checkEligibility(programme.eligibility, row));

  if (programme.kind === 'fixed_pot') {
    const pot = resolve(programme.pot_eur, 'pot_eur', programme, parameters, year, ruleSet);
    outcome.amount = pot;
    const potCents = toScaled(pot.value, 2);
    const weights = rows.map((row, i) => (checks[i]?.eligible ? weightOf(programme.key, row) : 0));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const { shares, capped, unallocated } = allocatePot(potCents, weights, rows.map(capFor));
    outcome.unallocatedCents = unallocated;
    outcome.decisions = rows.map((_, i) => {
      const check = checks[i] ?? { eligible: false, reasons: [] };
      const weight = weights[i] ?? 0;
      const detail = check.eligible
        ? `pot ${eur(potCents)} EUR × ${programme.key} ${weight} / ${totalWeight} (all eligible), largest-remainder cents${capped[i] ? `; capped at ${cap?.value} of cost` : ''}`
        : 'not eligible';
      return { eligible: check.eligible, reasons: check.reasons, claimCents: shares[i] ?? 0, detail, capped: capped[i] ?? false };
    });
    return outcome;
  }

  let amount: ResolvedNumber;
  let compute: (row: ResultRow) => { cents: number; detail: string };
  if (programme.kind === 'share_of_cost') {
    amount = resolve(programme.share, 'share', programme, parameters, year, ruleSet);
    const ppm = toScaled(amount.value, 6);
    compute = (row) => ({ cents: mulDivRound(row.costCents, ppm, PPM), detail: `cost ${eur(row.costCents)} EUR × ${amount.value}` });
  } else {
    amount = resolve(programme.amount_eur, 'amount_eur', programme, parameters, year, ruleSet);
    const cents = toScaled(amount.value, 2);
    const basis = programme.basis;
    compute = (row) => ({ cents: row[basis] * cents, detail: `${basis} ${row[basis]} × ${eur(cents)} EUR` });
  }
  outcome.amount = amount;
  outcome.decisions = rows.map((row, i) => {
    const check = checks[i] ?? { eligible: false, reasons: [] };
    if (!check.eligible) return { eligible: false, reasons: check.reasons, claimCents: 0, detail: 'not eligible', capped: false };
    const { cents, detail } = compute(row);
    const limit = capFor(row);
    const capped = limit !== null && cents > limit;
    return {
      eligible: true,
      reasons: check.reasons,
      claimCents: capped ? limit : cents,
      detail: capped ? `${detail} = ${eur(cents)} EUR, capped at ${cap?.value} of cost = ${eur(limit)} EUR` : detail,
      capped,
    };
  });
  return outcome;
}

/**
 * Apply a rule set to computed rows. Rows are grouped by budget year (`yearOf`), so a
 * fixed pot is split among the municipalities of one year.
 */
export function applyRules(ruleSet: RuleSet, rows: ResultRow[], yearOf: (row: ResultRow) => number, parameters: ParameterSet): Scenario {
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
    const groupRows = indexes.map((i) => rows[i] as ResultRow);
    ruleSet.programmes.forEach((programme, p) => {
      const outcome = applyProgramme(programme, groupRows, year, parameters, ruleSet);
      programmes.push(outcome);
      outcome.decisions.forEach((decision, k) => {
        const rowDecisions = decisions[indexes[k] ?? 0];
        if (rowDecisions) rowDecisions[p] = decision;
      });
    });
  }
  const scenarioRows = rows.map((row, i) => {
    const rowDecisions = decisions[i] ?? [];
    const rowClaims = rowDecisions.map((d) => d.claimCents);
    const total = rowClaims.reduce((a, b) => a + b, 0);
    return {
      claims: rowClaims,
      decisions: rowDecisions,
      claimsTotalCents: total,
      uncoveredCents: Math.max(row.costCents - total, 0),
      coverageBasisPoints: row.costCents > 0 ? roundDiv(total * 10_000, row.costCents) : null,
    };
  });
  return { ruleSet, programmes, rows: scenarioRows };
}
