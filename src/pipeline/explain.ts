import { usageError } from '../errors.js';
import type { ShippedData } from '../io/shipped.js';
import { toScaled } from '../engine/money.js';
import { type ResolvedNumber, type Scenario, programmeWindow } from '../engine/programmes.js';
import type { ResolvedRate } from '../engine/rate.js';
import { type TraceNumber, type TracePart, basisPoints, cents, decimal, persons, trace, word } from '../engine/trace.js';
import type { ResultRow } from '../engine/types.js';
import type { ParameterValue } from '../schema/parameter.js';
import type { NationalImputation } from '../engine/imputation.js';
import { AMOUNT_FIELD } from '../schema/bounds.js';
import { combine, rankOf, statusWord } from '../engine/status.js';
import type { TraceStep } from '../output/report.js';
import { type ClaimColumnHead, claimColumnHeads } from './scenarios.js';

/**
 * `--explain`: the chain of every figure of a row, from its input lines through each
 * parameter (value, date, source, status) to each programme's eligibility and amount. Each
 * step names the figure it states (a field of the output row, or a parameter) with its exact
 * value; the renderers write the numbers in the report's locale.
 */
export interface ExplainContext {
  /** The rate a row was priced at (the price rule of its year). */
  rateOf: (row: ResultRow) => ResolvedRate;
  /** The estimate of unknown insured counts the run used: national, or scaled per Kreis. */
  imputation: NationalImputation | null;
  populationSource: string;
  scenarios: Scenario[];
  yearOf: (row: ResultRow) => number | null;
  /** A parameter's human label (the start of its description), for table and md. */
  labelOf?: (name: string) => string | undefined;
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
  // A projected row stands for its group: its file, without a line of its own.
  const at = row.origin.line > 0 ? `${row.origin.file}:${row.origin.line}` : row.origin.file;
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
    // Scaled per Kreis: the Kreis's ratio is the national one × its rate / Germany's (engine/regional-imputation.ts).
    const kreis = row.ags.length >= 5 ? national.byKreis?.get(row.ags.slice(0, 5)) : undefined;
    const scale = kreis
      ? { kreis: decimal(kreis.numerator / national.numerator / 10), germany: decimal(kreis.denominator / national.denominator / 10) }
      : undefined;
    steps.push({
      step: 'estimate', figure: 'insured', value: insured, unit: 'persons', ...(scale ? { scale } : {}),
      text: scale
        ? trace`insured = round(${persons(row.eu2)} × ${persons(national.insured.value)} / ${persons(national.eu2.value)} × ${scale.kreis} % / ${scale.germany} %) = ${insured} (estimated)`
        : trace`insured = round(${persons(row.eu2)} × ${persons(national.insured.value)} / ${persons(national.eu2.value)}) = ${insured} (estimated)`,
    });
  } else {
    steps.push({ step: 'input', figure: 'insured', value: insured, unit: 'persons', text: trace`insured = ${insured} (${at}${row.joinedFrom?.length ? ' or the joined file' : ''})` });
  }
  const net = persons(row.net);
  steps.push({
    step: 'method', figure: 'net', value: net, unit: 'persons', status: statusWord(row.netStatus),
    text: trace`net = max(${persons(row.eu2)} − ${insured}, 0) = ${net}${row.netClamped ? ' (clamped: more insured than EU2 residents)' : ''}`,
  });
  const rate = context.rateOf(row);
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
      step: 'method', figure: 'rate_eur', value: cents(rate.cents), unit: RATE_UNIT, year: rate.priceYear, status: statusWord(row.rateStatus),
      text: trace`rate ${String(rate.priceYear)} = round(${cents(rate.baseCents)} EUR × ${decimal(to.thousandths / 1000)} / ${decimal(from.thousandths / 1000)}) = ${cents(rate.cents)} EUR`,
    });
  }
  steps.push({ step: 'result', figure: 'cost_eur', value: cents(row.costCents), unit: 'EUR', status: statusWord(row.costStatus), text: trace`cost = ${net} × ${cents(row.rateCents)} EUR = ${cents(row.costCents)} EUR` });
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
      steps.push({
        step: 'programme', programme: id, eligible: decision.eligible, ...(year !== null ? { year } : {}),
        text: trace`${id} (${word(programme.kind)}, ${programmeWindow(programme)}) ${word('in_year')} ${String(year)}: ${joined(decision.reasons, '; ')}`,
        source: programme.source, status: programme.status,
      });
      const figures: [string, ResolvedNumber | null | undefined][] = [[AMOUNT_FIELD[programme.kind], outcome?.amount], ['cap_share', outcome?.cap]];
      for (const [field, amount] of figures) {
        if (!amount) continue;
        const value = amountNumber(amount);
        steps.push({
          step: 'parameter', programme: id, figure: amount.parameter ?? `${programme.id}.${field}`, value, unit: amount.unit, ...(amount.from ? { date: amount.from } : {}),
          ...(amount.parameter && context.labelOf?.(amount.parameter) ? { label: context.labelOf(amount.parameter) } : {}),
          text: trace`${programme.id}: ${amount.parameter ? trace`${word('parameter')} ${amount.parameter}` : trace`${field} ${word('in_rule')}`} = ${value} ${amount.unit}${amount.from ? trace` ${word('from')} ${amount.from}` : []}`,
          source: amount.source, status: amount.status,
        });
      }
      for (const assumption of programme.assumptions ?? []) {
        steps.push({
          step: 'parameter', programme: id, figure: `${programme.id}.${assumption.field}`,
          text: trace`${programme.id}.${assumption.field} ${word('is_assumption')}: ${assumption.why}`, status: 'assumption',
        });
      }
      const claim = cents(decision.claimCents);
      steps.push({
        step: 'result', programme: id, figure: keyOf(s, 'claim', p), value: claim, unit: 'EUR',
        text: trace`${word('claim')} ${programme.id} = ${claim} EUR${decision.eligible ? trace` (${decision.detail})` : []}`,
        ...(outcome?.inForce ? { status: outcome.claimStatus } : {}),
      });
    });
    const total = cents(scenarioRow.claimsTotalCents);
    const uncovered = cents(scenarioRow.uncoveredCents);
    const coverage = scenarioRow.coverageBasisPoints === null ? null : basisPoints(scenarioRow.coverageBasisPoints);
    // Uncovered cost and coverage rest on the cost and the claims: as unsure as either.
    const withCost = statusWord(combine(row.costStatus, rankOf(scenarioRow.claimsStatus)));
    steps.push(
      { step: 'result', figure: keyOf(s, 'total'), value: total, unit: 'EUR', text: trace`${ruleSet}: claims = ${total} EUR`, status: scenarioRow.claimsStatus },
      { step: 'result', figure: keyOf(s, 'uncovered'), value: uncovered, unit: 'EUR', text: trace`${ruleSet}: uncovered = max(cost − claims, 0) = ${uncovered} EUR`, status: withCost },
      {
        step: 'result', figure: keyOf(s, 'coverage'), value: coverage, unit: 'percent', status: withCost,
        text: coverage === null ? [`${ruleSet}: coverage – (no cost)`] : trace`${ruleSet}: coverage = claims / cost = ${coverage} %`,
      },
    );
  });
  return steps;
}

/** A name as a user might type it: lower case, without accents or extra blanks ("koln" finds "Köln"). */
const folded = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The edit distance of two short texts, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The rows `--explain WHICH` asks for: every row for `true`; else the rows of one key, found by
 * the key itself (05913), the key without its leading zeros (5913, as a spreadsheet writes
 * it), or a name, case- and accent-insensitively, whole (dortmund) or as the start of a word
 * (Dortmund finds "Dortmund, kreisfreie Stadt"). Several keys by one name, or none, is a usage
 * error that lists the candidates or the nearest names and keys.
 */
export function explainedRows(rows: readonly ResultRow[], which: true | string): number[] {
  const all = rows.map((_, i) => i);
  if (which === true) return all;
  const wanted = which.trim();
  const ofKeys = (keys: ReadonlySet<string>): number[] => all.filter((i) => keys.has(rows[i]?.ags ?? ''));
  const keysWhere = (test: (row: ResultRow) => boolean): Set<string> => new Set(rows.filter(test).map((row) => row.ags));
  const label = (ags: string): string => {
    const name = rows.find((row) => row.ags === ags)?.name;
    return name ? `${ags} ${name}` : ags;
  };
  const exact = keysWhere((row) => row.ags === wanted);
  if (exact.size) return ofKeys(exact);
  const choose = (keys: Set<string>): number[] | null => {
    if (keys.size === 1) return ofKeys(keys);
    if (keys.size > 1) {
      const list = [...keys].slice(0, 10).map(label).join('; ');
      throw usageError(`--explain ${wanted}: ${keys.size} rows match: ${list}${keys.size > 10 ? '; …' : ''}`, 'give the key (AGS) of the one you mean');
    }
    return null;
  };
  if (/^\d+$/.test(wanted)) {
    const found = choose(keysWhere((row) => /^0+\d/.test(row.ags) && row.ags.replace(/^0+/, '') === wanted.replace(/^0+/, '')));
    if (found) return found;
  } else {
    const name = folded(wanted);
    const found = choose(keysWhere((row) => folded(row.name) === name))
      ?? choose(keysWhere((row) => folded(row.name).split(/[\s,;/()-]+/).some((_, k, words) => words.slice(k).join(' ').startsWith(name))));
    if (found) return found;
  }
  // Nothing: the nearest names, or the keys that hold the digits.
  const near = /^\d+$/.test(wanted)
    ? [...keysWhere((row) => row.ags.includes(wanted.replace(/^0+/, '')))].slice(0, 3)
    : [...new Set(rows.map((row) => row.ags))]
      .map((ags) => ({ ags, d: distance(folded(wanted), folded(rows.find((row) => row.ags === ags)?.name ?? '').slice(0, wanted.length + 2)) }))
      .filter((c) => c.d <= Math.max(2, Math.floor(wanted.length / 3))).sort((a, b) => a.d - b.d).slice(0, 3).map((c) => c.ags);
  throw usageError(`--explain ${wanted}: no row has that key or name`,
    near.length ? `did you mean ${near.map(label).join(', or ')}?` : 'give a key (AGS) or a name from the input, or --explain alone for every row');
}

/** The shipped register as the source of a population: its title, source and reference date. */
export function registerSource(shipped: ShippedData): string {
  const info = shipped.datasets.find((d) => d.name === 'register-2024');
  return info ? `shipped dataset "${info.name}": ${info.source}, population ${info.reference_date}` : 'shipped municipality register';
}
