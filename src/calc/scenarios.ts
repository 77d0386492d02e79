import { BurdenError, EXIT, usageError } from '../errors.js';
import { roundDiv } from '../engine/money.js';
import type { ParameterSet } from '../engine/parameters.js';
import { type Scenario, applyRules } from '../engine/programmes.js';
import type { ResultRow } from '../engine/types.js';
import { parseRuleFile } from '../io/compile-data.js';
import type { ShippedData } from '../io/shipped.js';
import type { RuleSet } from '../schema/rules.js';
import type { ExtraColumn } from '../output/report.js';

/** `--rules ID|FILE`: a shipped rule set by id, or a user's rule file checked like a shipped one. */
export function loadRuleSet(spec: string, shipped: ShippedData): RuleSet {
  const found = shipped.rules.find((r) => r.id === spec);
  if (found) return found;
  if (spec.endsWith('.json') || spec.includes('/')) return parseRuleFile(spec, spec, shipped.parameters);
  throw usageError(`--rules "${spec}": no such rule set`, `shipped rule sets: ${shipped.rules.map((r) => r.id).join(', ')}; or give a path to a rule file`);
}

const columnPrefix = (ruleSet: RuleSet, prefixed: boolean): string => (prefixed ? `${ruleSet.id.replace(/-/g, '_')}_` : '');

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The claim columns of one scenario, plus its totals. */
function scenarioColumns(scenario: Scenario, rows: ResultRow[], prefixed: boolean): ExtraColumn[] {
  const prefix = columnPrefix(scenario.ruleSet, prefixed);
  const labelPrefix = prefixed ? `${scenario.ruleSet.id}: ` : '';
  const columns: ExtraColumn[] = scenario.ruleSet.programmes.map((programme, p) => {
    const values = scenario.rows.map((r) => r.claims[p] ?? 0);
    return { key: `${prefix}claim_${programme.id}_eur`, label: `${labelPrefix}${programme.id} (EUR)`, kind: 'money', values, total: sum(values) };
  });
  const claims = scenario.rows.map((r) => r.claimsTotalCents);
  const uncovered = scenario.rows.map((r) => r.uncoveredCents);
  const totalClaims = sum(claims);
  const totalCost = sum(rows.map((r) => r.costCents));
  columns.push(
    { key: `${prefix}claims_total_eur`, label: `${labelPrefix}Claims (EUR)`, kind: 'money', values: claims, total: totalClaims },
    { key: `${prefix}uncovered_eur`, label: `${labelPrefix}Uncovered (EUR)`, kind: 'money', values: uncovered, total: sum(uncovered) },
    {
      key: `${prefix}coverage_pct`,
      label: `${labelPrefix}Coverage %`,
      kind: 'pct',
      values: scenario.rows.map((r) => r.coverageBasisPoints),
      total: totalCost > 0 ? roundDiv(totalClaims * 10_000, totalCost) : null,
    },
  );
  return columns;
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
      source: outcome.programme.source,
      amount: outcome.amount,
      cap_share: outcome.cap,
      unallocated_eur: outcome.unallocatedCents / 100,
      assumptions: outcome.programme.assumptions ?? [],
    })),
  };
}

export interface AppliedScenarios {
  scenarios: Scenario[];
  columns: ExtraColumn[];
  meta: Record<string, unknown>[];
  notes: string[];
}

export function applyScenarios(ruleSets: RuleSet[], rows: ResultRow[], yearOf: (row: ResultRow) => number, parameters: ParameterSet): AppliedScenarios {
  if (ruleSets.length > 2) throw usageError('--rules may be given at most twice', 'compare two scenarios at a time');
  if (ruleSets.length === 2 && ruleSets[0]?.id === ruleSets[1]?.id) {
    throw new BurdenError(EXIT.usage, `--rules ${ruleSets[0]?.id} is given twice`, {}, 'compare two different rule sets');
  }
  const scenarios = ruleSets.map((ruleSet) => applyRules(ruleSet, rows, yearOf, parameters));
  const prefixed = scenarios.length > 1;
  const columns = scenarios.flatMap((scenario) => scenarioColumns(scenario, rows, prefixed));
  const [first, second] = scenarios;
  if (first && second) {
    const values = rows.map((_, i) => (second.rows[i]?.claimsTotalCents ?? 0) - (first.rows[i]?.claimsTotalCents ?? 0));
    columns.push({ key: 'claims_difference_eur', label: `Δ claims ${second.ruleSet.id} − ${first.ruleSet.id} (EUR)`, kind: 'money', values, total: sum(values) });
  }
  const notes = scenarios.flatMap((scenario) => {
    const inForce = [...new Set(scenario.programmes.filter((o) => o.inForce).map((o) => `${o.programme.id} [${o.programme.status}]`))];
    const assumed = scenario.ruleSet.programmes.flatMap((p) => (p.assumptions ?? []).map((a) => `${p.id}.${a.field}`));
    const unallocated = scenario.programmes.filter((o) => o.unallocatedCents > 0).map((o) => `${o.programme.id} ${o.year}: ${(o.unallocatedCents / 100).toFixed(2)} EUR`);
    return [
      `Rules ${scenario.ruleSet.id}: ${scenario.ruleSet.title}. In force: ${inForce.length ? inForce.join(', ') : 'none'}.` +
        (assumed.length ? ` Assumptions (not in the documents): ${assumed.join(', ')}.` : ''),
      ...(unallocated.length ? [`Unallocated pot (no eligible municipality, or all capped): ${unallocated.join('; ')}.`] : []),
    ];
  });
  return { scenarios, columns, meta: scenarios.map(scenarioMeta), notes };
}
