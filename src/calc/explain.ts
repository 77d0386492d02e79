import { toScaled } from '../engine/money.js';
import type { ResolvedNumber, Scenario } from '../engine/programmes.js';
import type { ResolvedRate } from '../engine/rate.js';
import { type TraceNumber, type TracePart, basisPoints, cents, decimal, persons, trace } from '../engine/trace.js';
import type { ResultRow } from '../engine/types.js';
import type { ParameterValue } from '../schema/parameter.js';
import { AMOUNT_FIELD } from '../schema/rules.js';
import type { TraceStep } from '../output/report.js';
import { type ClaimColumnHead, claimColumnHeads } from '../pipeline/scenarios.js';

/**
 * `--explain`: the chain of every figure of a row, from its input lines through each
 * parameter (value, date, source, status) to each programme's eligibility and amount. Each
 * step names the figure it states (a field of the output row, or a parameter) with its exact
 * value; the renderers write the numbers in the report's locale.
 */
export interface ExplainContext {
  rate: ResolvedRate;
  imputation: { insured: ParameterValue; eu2: ParameterValue } | null;
  populationSource: string;
  scenarios: Scenario[];
  yearOf: (row: ResultRow) => number | null;
}

const RATE_UNIT = 'EUR/person/year';

/** An amount or share as its unit reads: money to the cent, anything else as the file writes it. */
const amountNumber = (amount: ResolvedNumber): TraceNumber => (amount.unit.startsWith('EUR') ? cents(toScaled(amount.value, 2)) : decimal(amount.value));

const joined = (texts: TracePart[][], separator: string): TracePart[] => texts.flatMap((text, i) => (i === 0 ? text : [separator, ...text]));

function parameterStep(name: string, entry: ParameterValue): TraceStep {
  return {
    step: 'parameter', figure: name, value: persons(entry.value), unit: 'persons', date: entry.from,
    text: trace`${name} = ${persons(entry.value)} on ${entry.from}`, source: entry.source, status: entry.status,
  };
}

export function explainRow(row: ResultRow, index: number, context: ExplainContext): TraceStep[] {
  const steps: TraceStep[] = [];
  const at = `${row.origin.file}:${row.origin.line}`;
  steps.push({ step: 'input', figure: 'eu2', value: persons(row.eu2), unit: 'persons', text: trace`eu2 = ${persons(row.eu2)} (${at})` });
  for (const other of row.joinedFrom ?? []) steps.push({ step: 'input', text: [`joined with ${other.file}:${other.line}`] });
  if (row.population !== null) {
    const from = row.populationFrom === 'register' ? context.populationSource : at;
    steps.push({ step: 'input', figure: 'population', value: persons(row.population), unit: 'persons', text: trace`population = ${persons(row.population)} (${from})` });
  } else {
    steps.push({ step: 'input', figure: 'population', value: null, unit: 'persons', text: ['population unknown: per-inhabitant figures left empty'] });
  }
  const insured = persons(row.insured);
  if (row.insuredEstimated && context.imputation) {
    const national = context.imputation;
    steps.push(parameterStep('insured_bg_ro_de', national.insured), parameterStep('eu2_residents_de', national.eu2));
    steps.push({
      step: 'estimate', figure: 'insured', value: insured, unit: 'persons',
      text: trace`insured = round(${persons(row.eu2)} × ${persons(national.insured.value)} / ${persons(national.eu2.value)}) = ${insured} (estimated)`,
    });
  } else {
    steps.push({ step: 'input', figure: 'insured', value: insured, unit: 'persons', text: trace`insured = ${insured} (${at}${row.joinedFrom?.length ? ' or the joined file' : ''})` });
  }
  const net = persons(row.net);
  steps.push({
    step: 'method', figure: 'net', value: net, unit: 'persons',
    text: trace`net = max(${persons(row.eu2)} − ${insured}, 0) = ${net}${row.netClamped ? ' (clamped: more insured than EU2 residents)' : ''}`,
  });
  const rate = context.rate;
  steps.push({
    step: 'parameter', figure: 'rate', value: cents(rate.baseCents), unit: RATE_UNIT, year: rate.baseYear,
    text: trace`rate = ${cents(rate.baseCents)} EUR per person and year, price level ${String(rate.baseYear)}`, source: rate.source, status: rate.status,
  });
  if (rate.uprating) {
    const { from, to } = rate.uprating;
    for (const index of [from, to]) {
      steps.push({
        step: 'parameter', figure: 'vpi', value: decimal(index.thousandths / 1000), unit: 'index', year: index.year,
        text: trace`VPI ${String(index.year)} = ${decimal(index.thousandths / 1000)}${index.projected ? ' (projected)' : ''}`, source: index.source, status: index.status,
      });
    }
    steps.push({
      step: 'method', figure: 'rate_eur', value: cents(rate.cents), unit: RATE_UNIT, year: rate.priceYear,
      text: trace`rate ${String(rate.priceYear)} = round(${cents(rate.baseCents)} EUR × ${decimal(to.thousandths / 1000)} / ${decimal(from.thousandths / 1000)}) = ${cents(rate.cents)} EUR`,
    });
  }
  steps.push({ step: 'result', figure: 'cost_eur', value: cents(row.costCents), unit: 'EUR', text: trace`cost = ${net} × ${cents(row.rateCents)} EUR = ${cents(row.costCents)} EUR` });
  steps.push(...explainClaims(row, index, context));
  return steps;
}

/** Per scenario: each programme's eligibility, amount, assumptions and claim, then the scenario's totals. */
function explainClaims(row: ResultRow, index: number, context: ExplainContext): TraceStep[] {
  const steps: TraceStep[] = [];
  const heads = claimColumnHeads(context.scenarios.map((s) => s.ruleSet));
  const keyOf = (scenario: number, figure: ClaimColumnHead['figure'], programme = -1): string =>
    heads.find((h) => h.scenario === scenario && h.figure === figure && h.programme === programme)?.key ?? figure;
  const year = context.yearOf(row);
  context.scenarios.forEach((scenario, s) => {
    const scenarioRow = scenario.rows[index];
    if (!scenarioRow) return;
    const ruleSet = scenario.ruleSet.id;
    scenario.ruleSet.programmes.forEach((programme, p) => {
      const decision = scenarioRow.decisions[p];
      if (!decision) return;
      const outcome = scenario.programmes.find((o) => o.programme === programme && o.year === year);
      const id = `${ruleSet}/${programme.id}`;
      const window = `${programme.from} – ${programme.to ?? 'open'}`;
      steps.push({
        step: 'programme', programme: id, eligible: decision.eligible, ...(year !== null ? { year } : {}),
        text: trace`${id} (${programme.kind}, ${window}) in ${String(year)}: ${joined(decision.reasons, '; ')}`,
        source: programme.source, status: programme.status,
      });
      const figures: [string, ResolvedNumber | null | undefined][] = [[AMOUNT_FIELD[programme.kind], outcome?.amount], ['cap_share', outcome?.cap]];
      for (const [field, amount] of figures) {
        if (!amount) continue;
        const value = amountNumber(amount);
        steps.push({
          step: 'parameter', programme: id, figure: amount.parameter ?? `${programme.id}.${field}`, value, unit: amount.unit, ...(amount.from ? { date: amount.from } : {}),
          text: trace`${programme.id}: ${amount.parameter ? `parameter ${amount.parameter}` : `${field} in the rule`} = ${value} ${amount.unit}${amount.from ? ` from ${amount.from}` : ''}`,
          source: amount.source, status: amount.status,
        });
      }
      for (const assumption of programme.assumptions ?? []) {
        steps.push({
          step: 'parameter', programme: id, figure: `${programme.id}.${assumption.field}`,
          text: [`${programme.id}.${assumption.field} is an assumption: ${assumption.why}`], status: 'assumption',
        });
      }
      const claim = cents(decision.claimCents);
      steps.push({
        step: 'result', programme: id, figure: keyOf(s, 'claim', p), value: claim, unit: 'EUR',
        text: trace`claim ${programme.id} = ${claim} EUR${decision.eligible ? trace` (${decision.detail})` : []}`,
        ...(outcome?.inForce ? { status: outcome.claimStatus } : {}),
      });
    });
    const total = cents(scenarioRow.claimsTotalCents);
    const uncovered = cents(scenarioRow.uncoveredCents);
    const coverage = scenarioRow.coverageBasisPoints === null ? null : basisPoints(scenarioRow.coverageBasisPoints);
    steps.push(
      { step: 'result', figure: keyOf(s, 'total'), value: total, unit: 'EUR', text: trace`${ruleSet}: claims = ${total} EUR`, status: scenarioRow.claimsStatus },
      { step: 'result', figure: keyOf(s, 'uncovered'), value: uncovered, unit: 'EUR', text: trace`${ruleSet}: uncovered = max(cost − claims, 0) = ${uncovered} EUR` },
      {
        step: 'result', figure: keyOf(s, 'coverage'), value: coverage, unit: 'percent',
        text: coverage === null ? [`${ruleSet}: coverage – (no cost)`] : trace`${ruleSet}: coverage = claims / cost = ${coverage} %`,
      },
    );
  });
  return steps;
}
