import type { ResolvedRate } from '../engine/rate.js';
import type { Scenario } from '../engine/programmes.js';
import type { ResultRow } from '../engine/types.js';
import type { ParameterValue } from '../schema/parameter.js';
import type { TraceStep } from '../output/report.js';

/**
 * `--explain`: the chain of every figure of a row, from its input lines through each
 * parameter (value, date, source, status) to each programme's eligibility and amount.
 */
export interface ExplainContext {
  rate: ResolvedRate;
  imputation: { insured: ParameterValue; eu2: ParameterValue } | null;
  populationSource: string;
  scenarios: Scenario[];
  yearOf: (row: ResultRow) => number | null;
}

const n = (value: number): string => value.toLocaleString('en-US');
const eur = (cents: number): string => `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} EUR`;

export function explainRow(row: ResultRow, index: number, context: ExplainContext): TraceStep[] {
  const steps: TraceStep[] = [];
  const at = `${row.origin.file}:${row.origin.line}`;
  steps.push({ step: 'input', text: `eu2 = ${n(row.eu2)} (${at})` });
  for (const other of row.joinedFrom ?? []) steps.push({ step: 'input', text: `joined with ${other.file}:${other.line}` });
  if (row.population !== null) {
    steps.push({
      step: 'input',
      text: `population = ${n(row.population)} (${row.populationFrom === 'register' ? context.populationSource : at})`,
    });
  } else {
    steps.push({ step: 'input', text: 'population unknown: per-inhabitant figures left empty' });
  }
  if (row.insuredEstimated && context.imputation) {
    const { insured, eu2 } = context.imputation;
    steps.push({ step: 'parameter', text: `insured_bg_ro_de = ${n(insured.value)} on ${insured.from}`, source: insured.source, status: insured.status });
    steps.push({ step: 'parameter', text: `eu2_residents_de = ${n(eu2.value)} on ${eu2.from}`, source: eu2.source, status: eu2.status });
    steps.push({ step: 'estimate', text: `insured = round(${n(row.eu2)} × ${n(insured.value)} / ${n(eu2.value)}) = ${n(row.insured)} (estimated)` });
  } else {
    steps.push({ step: 'input', text: `insured = ${n(row.insured)} (${at}${row.joinedFrom?.length ? ' or the joined file' : ''})` });
  }
  steps.push({ step: 'method', text: `net = max(${n(row.eu2)} − ${n(row.insured)}, 0) = ${n(row.net)}${row.netClamped ? ' (clamped: more insured than EU2 residents)' : ''}` });
  const rate = context.rate;
  steps.push({ step: 'parameter', text: `rate = ${eur(rate.baseCents)} per person and year, price level ${rate.baseYear}`, source: rate.source, status: rate.status });
  if (rate.uprating) {
    const { from, to } = rate.uprating;
    steps.push({ step: 'parameter', text: `VPI ${from.year} = ${from.thousandths / 1000}`, source: from.source, status: from.status });
    steps.push({ step: 'parameter', text: `VPI ${to.year} = ${to.thousandths / 1000}${to.projected ? ' (projected)' : ''}`, source: to.source, status: to.status });
    steps.push({ step: 'method', text: `rate ${rate.priceYear} = round(${eur(rate.baseCents)} × ${to.thousandths / 1000} / ${from.thousandths / 1000}) = ${eur(rate.cents)}` });
  }
  steps.push({ step: 'result', text: `cost = ${n(row.net)} × ${eur(row.rateCents)} = ${eur(row.costCents)}` });
  for (const scenario of context.scenarios) {
    const scenarioRow = scenario.rows[index];
    if (!scenarioRow) continue;
    const year = context.yearOf(row);
    scenario.ruleSet.programmes.forEach((programme, p) => {
      const decision = scenarioRow.decisions[p];
      if (!decision) return;
      const outcome = scenario.programmes.find((o) => o.programme === programme && o.year === year);
      const amount = outcome?.amount;
      const window = `${programme.from} – ${programme.to ?? 'open'}`;
      steps.push({
        step: 'programme',
        text: `${scenario.ruleSet.id}/${programme.id} (${programme.kind}, ${window}) in ${year}: ${decision.reasons.join('; ')}`,
        source: programme.source,
        status: programme.status,
      });
      if (amount) {
        steps.push({
          step: 'parameter',
          text: `${programme.id}: ${amount.parameter ? `parameter ${amount.parameter}` : 'amount in the rule'} = ${amount.value} ${amount.unit}${amount.from ? ` from ${amount.from}` : ''}`,
          source: amount.source,
          status: amount.status,
        });
      }
      for (const assumption of programme.assumptions ?? []) {
        steps.push({ step: 'parameter', text: `${programme.id}.${assumption.field} is an assumption: ${assumption.why}`, status: 'assumption' });
      }
      steps.push({ step: 'result', text: `claim ${programme.id} = ${eur(decision.claimCents)}${decision.eligible ? ` (${decision.detail})` : ''}` });
    });
    steps.push({
      step: 'result',
      text: `${scenario.ruleSet.id}: claims ${eur(scenarioRow.claimsTotalCents)}, uncovered ${eur(scenarioRow.uncoveredCents)}, coverage ${scenarioRow.coverageBasisPoints === null ? '–' : `${(scenarioRow.coverageBasisPoints / 100).toFixed(2)} %`}`,
    });
  }
  return steps;
}
