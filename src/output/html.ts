import { DERIVED, OFFICIAL, combine, statusWord as engineStatusWord } from '../engine/status.js';
import { roundDiv } from '../engine/money.js';
import type { ResultRow } from '../engine/types.js';
import { LANDS } from '../io/lands.js';
import { combinedAreas } from '../report/areas.js';
import { loadKreisMap } from '../report/geo.js';
import { formatShort, formatValue, renderHtmlReport, type ColumnKind, type HtmlReportModel, type ValueKind } from '../report/html.js';
import type { LandKey, MapGroup } from '../report/map-svg.js';
import { DEFAULT_LANG, fill, isStatus, term, type Lang, type Status, type TermKey } from '../report/terms.js';
import { figureColumns, figureRow, figureTotals, parameterLabel, markOf, scenarioKeys, sourcesOf, type FigureColumn } from './report-figures.js';
import type { CalcReport, ParameterFact, RenderOptions, ReportRenderer } from './report.js';
import { reportNotes } from './human.js';
import { explanation } from './trace.js';

/**
 * `--format html`: the CalcReport as one self-contained page (report/html.ts lays it out). This
 * module only maps the report onto the page's model; see htmlModel for what goes where.
 */
export const renderHtml: ReportRenderer = (report, options) => [renderHtmlReport(htmlModel(report, options))];

const BARS_TOP = 15;

/**
 * The page's model from a CalcReport:
 * - headline: the totals (cost, net persons, EU2 residents; per rule set claims and uncovered cost);
 * - map: cost per inhabitant per Kreis of the rows of the last year (Gemeinden summed to their
 *   Kreis, combined areas drawn as one), zoomed to the Land when all rows share one;
 * - bars: cost per row of the last year; lines: total cost per year (with the low–high band of
 *   cost_low_eur/cost_high_eur when the report has them); scenarios: claims and uncovered cost
 *   of two rule sets per area;
 * - table: every row with every figure (output/report-figures.ts), non-official figures marked;
 * - explains: report.traces; parameters: meta.parameters; provenance: meta.inputs.
 */
export function htmlModel(report: CalcReport, options: Pick<RenderOptions, 'lang'>): HtmlReportModel {
  const lang: Lang = options.lang ?? DEFAULT_LANG;
  const t = (key: TermKey): string => term(lang, key);
  const { meta } = report;
  const years = [...new Set(report.rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const lastYear = years[years.length - 1];
  // Map, bars and scenarios show one year: the last, when the rows span several.
  const shown = years.length > 1 ? report.rows.flatMap((row, i) => (row.year === lastYear ? [{ row, i }] : [])) : report.rows.map((row, i) => ({ row, i }));
  const land = commonLand(report.rows);
  const area = land ? LANDS.find(([key]) => key === land)?.[2] ?? land : areaName(report.rows, lang);
  const yearText = years.length > 1 ? `${years[0]}–${lastYear}` : years.length === 1 ? String(years[0]) : meta.year !== null ? String(meta.year) : '';
  const scenarios = scenarioKeys(report);
  const notes: string[] = [];

  const totals = figureTotals(report, report.totals);
  const euro = (value: unknown): number => (typeof value === 'number' ? value : 0);
  const costStatus = engineStatusWord(report.totals.costStatus);
  const headline: HtmlReportModel['headline'] = [
    {
      label: `${t('head.cost')}${years.length > 1 ? ` ${yearText} (${t('head.total_over')})` : ''}`,
      value: formatShort(lang, 'euro', euro(totals.cost_eur)),
      note: formatValue(lang, 'euro', euro(totals.cost_eur)),
      status: costStatus,
    },
  ];
  // Persons add up within one year only: over several years, the last year's count.
  const personTotals = years.length > 1 ? report.yearTotals?.find((y) => y.year === lastYear) : report.totals;
  if (personTotals && personTotals.net !== null) {
    const suffix = years.length > 1 ? ` ${lastYear}` : '';
    headline.push({ label: `${t('head.net')}${suffix}`, value: formatValue(lang, 'count', personTotals.net), status: engineStatusWord(personTotals.netStatus) });
    if (personTotals.eu2 !== null) headline.push({ label: `${t('head.eu2')}${suffix}`, value: formatValue(lang, 'count', personTotals.eu2), status: engineStatusWord(personTotals.eu2Status) });
  }
  for (const s of scenarios) {
    const statusAt = (key: string): Status | undefined => (isStatus(totals[key]) ? (totals[key] as Status) : undefined);
    const claimsStatus = statusAt(s.claimsStatus);
    const uncoveredStatus = statusAt(s.uncoveredStatus);
    const suffix = ` (${s.id})`;
    headline.push({ label: `${t('head.claims')}${suffix}`, value: formatShort(lang, 'euro', euro(totals[s.claims])), note: formatValue(lang, 'euro', euro(totals[s.claims])), ...(claimsStatus ? { status: claimsStatus } : {}) });
    headline.push({ label: `${t('head.uncovered')}${suffix}`, value: formatShort(lang, 'euro', euro(totals[s.uncovered])), note: formatValue(lang, 'euro', euro(totals[s.uncovered])), ...(uncoveredStatus ? { status: uncoveredStatus } : {}) });
  }

  const tableYear = report.rows.length > HTML_TABLE_ROWS && years.length > 1 ? lastYear ?? null : null;
  if (tableYear !== null) {
    notes.push(fill(lang, 'table.last_year', { year: tableYear, shown: formatValue(lang, 'count', shown.length), rows: formatValue(lang, 'count', report.rows.length) }));
  }
  const rateText = `${t('report.rate')} ${formatValue(lang, 'euro', meta.rate.eur)} ${t('report.rate_unit')} ${meta.rate.price_year}.`;
  const model: HtmlReportModel = {
    lang,
    title: t('report.title'),
    subtitle: [area, yearText, ...scenarios.map((s) => `${t('report.rules')} ${s.id}`)].filter(Boolean).join(' · '),
    headline,
    methodSentence: `${t('method.sentence')} ${rateText}`,
    // One year is named in the subtitle; a year column only when the rows span several.
    table: tableOf(report, figureColumns(report, lang).filter((c) => c.kind !== 'year' || years.length > 1), lang, tableYear),
    sources: sourcesOf(report),
    parameters: (meta.parameters ?? []).map((p) => parameterRow(p, lang)),
    provenance: { version: `${meta.version}`, inputs: meta.inputs.map((i) => ({ name: i.file, sha256: i.sha256 })) },
    notes,
  };

  // The map of the Kreise: from rows of Kreise, of Gemeinden (summed to their Kreis), or of combined areas.
  const map = kreisValues(shown.map((s) => s.row));
  if (map.values.size > 0) {
    const kreise = loadKreisMap();
    model.map = {
      values: Object.fromEntries([...map.values].map(([key, v]) => [key, v.population ? roundDiv(v.costCents, v.population) / 100 : null])),
      // The cost per inhabitant is as sure as the cost (of every row summed into the Kreis).
      statuses: Object.fromEntries([...map.values].flatMap(([key, v]) => (v.costStatus === OFFICIAL ? [] : [[key, engineStatusWord(v.costStatus)]]))),
      groups: map.groups,
      ...(land && land.length === 2 ? { land: land as LandKey } : {}),
      figureLabel: `${t('map.figure')}${yearText ? `, ${lastYear ?? yearText}` : ''}`,
      legendLabel: t('map.legend'),
      kind: 'euro',
    };
    model.sources.push(`${kreise.attribution}, dl-de/by-2-0 (${t('heading.map')})`);
    if (map.summed) notes.push(t('map.summed'));
  } else {
    notes.push(report.rows.every((r) => r.ags.length === 2) ? t('map.laender') : t('map.no_kreise'));
  }
  if (years.length > 1) notes.push(`${t('map.last_year')} ${lastYear}.`);

  if (shown.length > 1) {
    model.bars = {
      figureLabel: t('bars.figure'),
      valueLabel: t('col.cost'),
      kind: 'euro',
      items: shown.map(({ row }) => ({ label: row.name || row.ags, value: row.costCents / 100, ...(row.costStatus === OFFICIAL ? {} : { status: engineStatusWord(row.costStatus) }) })),
      top: BARS_TOP,
    };
  }
  if (years.length > 1 && report.yearTotals) model.lines = linesOf(report, lang);
  if (scenarios.length === 2) {
    const [a, b] = scenarios as [(typeof scenarios)[number], (typeof scenarios)[number]];
    const largest = [...shown].sort((x, y) => y.row.costCents - x.row.costCents || x.row.ags.localeCompare(y.row.ags)).slice(0, BARS_TOP);
    const cut = largest.length < shown.length ? ` (${t('scenarios.largest').replace('{n}', String(BARS_TOP))})` : '';
    const value = (key: string, i: number): number | null => {
      const v = report.extra.find((c) => c.key === key)?.values[i];
      return typeof v === 'number' ? v / 100 : null;
    };
    model.scenarios = {
      figureLabel: `${t('scenarios.figure')}${cut}`,
      kind: 'euro',
      seriesLabels: [`${a.id}: ${t('head.claims')}`, `${b.id}: ${t('head.claims')}`, `${a.id}: ${t('head.uncovered')}`, `${b.id}: ${t('head.uncovered')}`],
      groups: largest.map(({ row, i }) => ({ label: row.name || row.ags, values: [value(a.claims, i), value(b.claims, i), value(a.uncovered, i), value(b.uncovered, i)] })),
    };
  }
  // A source is cited by its number in the report's numbered list of sources, which it joins if new.
  const cite = (source: string): string => {
    const known = model.sources.indexOf(source);
    return `[${known >= 0 ? known + 1 : model.sources.push(source)}]`;
  };
  if (report.traces && report.traces.size > 0) {
    // The same sentences as --explain in table and md, in the report's language.
    model.explains = [...report.traces].map(([index, steps]) => {
      const row = report.rows[index] as ResultRow;
      return {
        key: row.year !== null && years.length > 1 ? `${row.ags}, ${row.year}` : row.ags,
        name: row.name || row.ags,
        steps: explanation(row, steps, lang, lang, cite).lines,
      };
    });
  }

  // The notes of table and md, worded alike (output/human.ts); the legend of marks is a section of its own here.
  const { method, rest } = reportNotes(report, lang, lang, cite);
  notes.push(...method, ...rest, ...report.warnings.map((w) => `${t('kind.warning')}: ${w.message}`));
  return model;
}

/** The Land all rows lie in (their common first two digits), or undefined. */
function commonLand(rows: readonly ResultRow[]): string | undefined {
  const lands = new Set(rows.map((r) => r.ags.slice(0, 2)));
  if (lands.size !== 1 || rows.some((r) => r.ags.length < 5)) return undefined;
  const [only] = lands;
  return LANDS.some(([key]) => key === only) ? only : undefined;
}

function areaName(rows: readonly ResultRow[], lang: Lang): string {
  if (rows.length === 1) return rows[0]?.name || rows[0]?.ags || '';
  const lands = new Set(rows.map((r) => r.ags.slice(0, 2)));
  return lands.size > 1 ? `${term(lang, 'report.germany')} (${new Set(rows.map((r) => r.ags)).size} ${term(lang, 'report.areas')})` : '';
}

/**
 * Cost and population per Kreis for the map: a Kreis row as it is, a Gemeinde (8 or 12 digits)
 * or Gemeindeverband (9) summed into its Kreis (the first five digits), a combined area of the
 * shipped data as one group of Kreise. Länder and Regierungsbezirke have no Kreis.
 */
function kreisValues(rows: readonly ResultRow[]): { values: Map<string, { costCents: number; costStatus: number; population: number | null }>; groups: MapGroup[]; summed: boolean } {
  const values = new Map<string, { costCents: number; costStatus: number; population: number | null }>();
  const areas = combinedAreas();
  const groups: MapGroup[] = [];
  let summed = false;
  for (const row of rows) {
    if (row.ags.length < 5) continue;
    const key = row.ags.slice(0, 5);
    if (row.ags.length > 5) summed = true;
    const seen = values.get(key);
    if (seen) {
      seen.costCents += row.costCents;
      seen.costStatus = combine(seen.costStatus, combine(row.costStatus, DERIVED));
      seen.population = seen.population === null || row.population === null ? null : seen.population + row.population;
    } else {
      values.set(key, { costCents: row.costCents, costStatus: row.costStatus, population: row.population });
      const combined = areas.get(key);
      if (combined) groups.push({ key, members: combined.members, label: combined.name });
    }
  }
  return { values, groups, summed };
}

/**
 * Beyond this many rows a page stops being readable (and runs to hundreds of MB): a long
 * projection's table then shows its last year, one line per area; csv, json and xlsx keep all.
 */
export const HTML_TABLE_ROWS = 2_000;

function tableOf(report: CalcReport, columns: FigureColumn[], lang: Lang, onlyYear: number | null): HtmlReportModel['table'] {
  const kind = (c: FigureColumn): ColumnKind => (c.kind === 'year' ? 'text' : c.kind);
  const cell = (c: FigureColumn, value: unknown): string | number | null =>
    value === null || value === undefined ? null : c.kind === 'year' ? String(value) : typeof value === 'number' || typeof value === 'string' ? value : String(value);
  const rows: Record<string, string | number | null>[] = [];
  const statusMarks: (Record<string, Status> | undefined)[] = [];
  report.rows.forEach((row, i) => {
    if (onlyYear !== null && row.year !== onlyYear) return;
    const figures = figureRow(report, row, i);
    rows.push(Object.fromEntries(columns.map((c) => [c.key, cell(c, figures[c.key])])));
    const marks = Object.fromEntries(columns.flatMap((c) => {
      const status = markOf(figures, c);
      return status ? [[c.key, status]] : [];
    }));
    statusMarks.push(Object.keys(marks).length > 0 ? marks : undefined);
  });
  const sums = figureTotals(report, report.totals);
  const totals = Object.fromEntries(columns.map((c) => [c.key, c.kind === 'status' || c.key === 'ags' ? null : cell(c, sums[c.key])]));
  totals.name = `${term(lang, 'table.total')} (${formatValue(lang, 'count', report.totals.rows)} ${term(lang, report.totals.rows === 1 ? 'tab.row' : 'tab.rows')})`;
  // Every total carries its status as a row does.
  const totalsMarks: Record<string, Status> = Object.fromEntries(columns.flatMap((c) => {
    const status = sums[c.key] === null ? undefined : markOf(sums, c);
    return status ? [[c.key, status]] : [];
  }));
  return { columns: columns.map((c) => ({ key: c.key, label: c.label, kind: kind(c) })), rows, statusMarks, totals, totalsMarks };
}

/** Total cost per year; with cost_low_eur/cost_high_eur columns (a projection's range), their totals as the band. */
function linesOf(report: CalcReport, lang: Lang): HtmlReportModel['lines'] {
  const column = (key: string) => report.extra.find((c) => c.key === key && c.kind === 'money');
  const low = column('cost_low_eur');
  const high = column('cost_high_eur');
  const rangeStatus = report.extra.find((c) => c.key === 'range_status');
  const statusOf = (code: number): { status?: Status } => (code === OFFICIAL ? {} : { status: engineStatusWord(code) });
  const band = (c: typeof low, year: number): number | undefined => {
    const v = c?.yearTotals?.get(year);
    return typeof v === 'number' ? v / 100 : undefined;
  };
  const series = [{
    label: term(lang, 'table.total'),
    points: (report.yearTotals ?? []).map((y) => {
      const lo = band(low, y.year);
      const hi = band(high, y.year);
      const bandStatus = rangeStatus?.yearTotals?.get(y.year);
      return {
        year: y.year, value: y.costCents / 100, ...statusOf(y.costStatus),
        ...(lo !== undefined && hi !== undefined ? { low: lo, high: hi, ...(isStatus(bandStatus) && bandStatus !== 'official' ? { bandStatus } : {}) } : {}),
      };
    }),
  }];
  // A few areas each get their own line; more would be unreadable (the table has them all).
  const keys = [...new Set(report.rows.map((r) => r.ags))];
  if (keys.length > 1 && keys.length <= 5) {
    for (const key of keys) {
      const rows = report.rows.filter((r) => r.ags === key && r.year !== null);
      series.push({ label: rows[0]?.name || key, points: rows.map((r) => ({ year: r.year as number, value: r.costCents / 100, ...statusOf(r.costStatus) })) });
    }
  }
  return { figureLabel: term(lang, 'lines.figure'), kind: 'euro', series, ...(low && high ? { bandLabel: term(lang, 'chart.range') } : {}) };
}

const UNIT_KIND: Record<string, ValueKind> = { 'EUR/person/year': 'euro', EUR: 'euro', 'EUR/year': 'euro', persons: 'count', percent: 'percent', index: 'decimal', ratio: 'decimal' };

/** A parameter in force as a row of the page: the first sentence of its description as the label. */
function parameterRow(p: ParameterFact, lang: Lang): HtmlReportModel['parameters'][number] {
  const kind = UNIT_KIND[p.unit] ?? 'decimal';
  const unit = p.unit === 'EUR/person/year' ? ` ${term(lang, 'unit.per_person_year')}` : p.unit === 'EUR/year' ? ` ${term(lang, 'unit.per_year')}` : '';
  const date = lang === 'de' ? p.from.split('-').reverse().join('.') : p.from;
  return { name: p.name, label: parameterLabel(p, lang) ?? p.name, value: `${formatValue(lang, kind, p.value)}${unit}`, date, status: p.status, source: p.source };
}
