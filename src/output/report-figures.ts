import { statusWord } from '../engine/status.js';
import type { ResultRow, Totals } from '../engine/types.js';
import { isStatus, term, type Lang, type Status } from '../report/terms.js';
import { extraValues, jsonRow, jsonTotals } from './json.js';
import { populationStatus } from './status-marks.js';
import type { CalcReport, ExtraColumn } from './report.js';

/**
 * The figures of a CalcReport as the report formats (html, xlsx) lay them out: one list of
 * columns, each with its json key (so a workbook's cell and the json's field are the same
 * number), a kind, a label in the report's language and, per row, the status its mark shows.
 * Values are json's: euros, not cents; percent points, not hundredths.
 */
export type FigureKind = 'text' | 'year' | 'count' | 'euro' | 'percent' | 'status';

export interface FigureColumn {
  key: string;
  label: string;
  kind: FigureKind;
  /** The json key of this figure's status word, when it has one (uncovered cost's and coverage's include the cost's: pipeline/scenarios.ts). */
  statusKey?: string;
}

/** A scenario's (rule set's) claim figures: json keys of its claims total and uncovered cost, each with its status. */
export interface ScenarioKeys {
  id: string;
  claims: string;
  claimsStatus: string;
  uncovered: string;
  uncoveredStatus: string;
}

/**
 * The rule sets of the report, with the keys of their columns (pipeline/scenarios.ts names them:
 * with two rule sets each key is prefixed with the id, `-` written `_`).
 */
export function scenarioKeys(report: CalcReport): ScenarioKeys[] {
  const ids = (report.meta.scenarios ?? []).map((s) => String((s as { id?: unknown }).id ?? ''));
  const keys = new Set(report.extra.map((c) => c.key));
  return ids.flatMap((id) => {
    const prefix = ids.length > 1 ? `${id.replace(/-/g, '_')}_` : '';
    const found = { id, claims: `${prefix}claims_total_eur`, claimsStatus: `${prefix}claims_total_status`, uncovered: `${prefix}uncovered_eur`, uncoveredStatus: `${prefix}uncovered_status` };
    return keys.has(found.claims) && keys.has(found.uncovered) ? [found] : [];
  });
}

const RANGE_LABELS: Partial<Record<string, Parameters<typeof term>[1]>> = {
  net_low: 'col.net_low', net_high: 'col.net_high', cost_low_eur: 'col.cost_low', cost_high_eur: 'col.cost_high', range_status: 'col.range_status', range_driver: 'col.range_driver',
};

/** A German (or English) label for an extra column, from its key. */
function extraLabel(column: ExtraColumn, scenarios: ScenarioKeys[], lang: Lang): string {
  const t = (key: Parameters<typeof term>[1]): string => term(lang, key);
  if (column.key === 'claims_difference_eur') return t('col.difference');
  const scenario = scenarios.find((s) => scenarios.length > 1 && column.key.startsWith(`${s.id.replace(/-/g, '_')}_`));
  const prefix = scenario ? `${scenario.id}: ` : '';
  const rest = scenario ? column.key.slice(scenario.id.length + 1) : column.key;
  if (rest === 'claims_total_eur') return `${prefix}${t('col.claims')}`;
  if (rest === 'claims_total_status') return `${prefix}${t('col.claims_status')}`;
  const range = RANGE_LABELS[rest];
  if (range) return `${prefix}${t(range)}`;
  // Every other claim figure has its own status column (pipeline/scenarios.ts): labelled after its figure.
  const status = /^(.+)_status$/.exec(rest);
  if (status) {
    const figure = rest === 'coverage_status' ? 'coverage_pct' : `${status[1]}_eur`;
    return `${prefix}${extraLabel({ key: figure, label: column.label, kind: 'money', values: [], total: null }, [], lang)} – Status`;
  }
  if (rest === 'uncovered_eur') return `${prefix}${t('col.uncovered')}`;
  if (rest === 'coverage_pct') return `${prefix}${t('col.coverage')}`;
  const claim = /^claim_(.+)_eur$/.exec(rest);
  if (claim) return `${prefix}${t('col.claim')} ${claim[1]} (EUR)`;
  // A column the renderer does not know yet (the projection's range: cost_low_eur, …): its own label.
  return `${prefix}${column.label}`;
}

/** The status column that holds the status of an extra money column, by key. */
function extraStatusKey(column: ExtraColumn, report: CalcReport, scenarios: ScenarioKeys[]): string | undefined {
  if (column.kind === 'status') return undefined;
  // A figure names its own status column (pipeline/scenarios.ts, pipeline/projected-rows.ts).
  if (column.kind !== 'text' && column.statusKey !== undefined) return column.statusKey;
  const scenario = scenarios.find((s) => scenarios.length === 1 || column.key.startsWith(`${s.id.replace(/-/g, '_')}_`));
  if (scenario && report.extra.some((c) => c.key === scenario.claimsStatus)) return scenario.claimsStatus;
  const own = report.extra.find((c) => c.kind === 'status' && c.key === column.key.replace(/_eur$/, '_status'));
  return own?.key;
}

const EXTRA_KIND: Record<ExtraColumn['kind'], FigureKind> = { money: 'euro', pct: 'percent', count: 'count', text: 'text', status: 'status' };

/** Every column of the report, in the csv's order: the method's figures, then the extra columns. */
export function figureColumns(report: CalcReport, lang: Lang): FigureColumn[] {
  const t = (key: Parameters<typeof term>[1]): string => term(lang, key);
  const hasYear = report.rows.some((r) => r.year !== null);
  const scenarios = scenarioKeys(report);
  return [
    { key: 'ags', label: t('col.ags'), kind: 'text' },
    { key: 'name', label: t('col.name'), kind: 'text' },
    ...(hasYear ? [{ key: 'year', label: t('col.year'), kind: 'year' } as const] : []),
    { key: 'population', label: t('col.population'), kind: 'count', statusKey: 'population_status' },
    { key: 'eu2', label: t('col.eu2'), kind: 'count', statusKey: 'eu2_status' },
    { key: 'insured', label: t('col.insured'), kind: 'count', statusKey: 'insured_status' },
    { key: 'net', label: t('col.net'), kind: 'count', statusKey: 'net_status' },
    { key: 'rate_eur', label: t('col.rate'), kind: 'euro', statusKey: 'rate_status' },
    { key: 'cost_eur', label: t('col.cost'), kind: 'euro', statusKey: 'cost_status' },
    { key: 'cost_per_inhabitant_eur', label: t('col.cost_per_inhabitant'), kind: 'euro', statusKey: 'cost_status' },
    { key: 'eu2_share_pct', label: t('col.eu2_share'), kind: 'percent', statusKey: 'eu2_status' },
    ...report.extra.map((c): FigureColumn => {
      const statusKey = extraStatusKey(c, report, scenarios);
      return { key: c.key, label: extraLabel(c, scenarios, lang), kind: EXTRA_KIND[c.kind], ...(statusKey ? { statusKey } : {}) };
    }),
  ];
}

/** A row's figures under their json keys (output/json.ts jsonRow), extra columns included. */
export function figureRow(report: CalcReport, row: ResultRow, index: number): Record<string, unknown> {
  return { ...jsonRow(row), population_status: statusWord(populationStatus(row)), ...extraValues(report.extra, (c) => c.values[index]) };
}

/** The totals under their json keys: over all rows, or of one year (`year`). */
export function figureTotals(report: CalcReport, totals: Totals, year?: number): Record<string, unknown> {
  return {
    ...jsonTotals(totals),
    population_status: statusWord(populationStatus(totals)),
    ...(year !== undefined ? { year } : {}),
    ...extraValues(report.extra, (c) => (year === undefined ? c.total : c.yearTotals?.get(year))),
  };
}

/** A status word of a figure, when the figure is not official (what its mark shows). */
export function markOf(figures: Record<string, unknown>, column: FigureColumn): Status | undefined {
  const word = column.statusKey ? figures[column.statusKey] : undefined;
  if (typeof word !== 'string' || !isStatus(word)) return undefined;
  return word === 'official' ? undefined : word;
}

/** The sources of the run, each once: the rate, the price index, the parameters, the programmes. */
export function sourcesOf(report: CalcReport): string[] {
  const { meta } = report;
  const found: string[] = [meta.rate.source];
  if (meta.rate.uprating) found.push(meta.rate.uprating.source);
  for (const p of meta.parameters ?? []) found.push(p.source);
  for (const scenario of meta.scenarios ?? []) {
    const programmes = (scenario as { programmes?: { source?: unknown; amount?: { source?: unknown } }[] }).programmes ?? [];
    for (const p of programmes) {
      if (typeof p.source === 'string') found.push(p.source);
      if (typeof p.amount?.source === 'string') found.push(p.amount.source);
    }
  }
  return [...new Set(found.filter((s) => s.trim() !== ''))];
}

/**
 * A parameter's name for people (the parameter table of html and xlsx, an amount's line of
 * --explain): its label in the report's language, else the first clause of its description,
 * cut at 60 characters (a rate file written by burden calibrate has no label).
 */
export function parameterLabel(parameter: { label?: { de: string; en: string } | undefined; description: string } | undefined, lang: Lang): string | undefined {
  if (parameter?.label) return parameter.label[lang];
  const clause = parameter?.description.split(/[.:;(]\s/)[0]?.trim();
  if (!clause || clause.length <= 60) return clause;
  return `${clause.slice(0, 60).replace(/\s+\S*$/, '')} …`;
}
