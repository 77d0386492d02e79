import { STATUSES } from '../engine/status.js';
import { loadKreisMap } from '../report/geo.js';
import { DEFAULT_LANG, statusExplanation, statusWord, term, type Lang, type TermKey } from '../report/terms.js';
import { writeWorkbook, type CellKind, type WorkbookColumn, type WorkbookSheet } from '../report/workbook.js';
import { reportNotes } from './human.js';
import { figureColumns, figureRow, figureTotals, parameterLabel, sourcesOf, type FigureColumn } from './report-figures.js';
import type { BinaryReportRenderer, CalcReport, RenderOptions } from './report.js';

/**
 * `--format xlsx`: the CalcReport as a workbook (report/workbook.ts writes it): the results with
 * every figure and its status, the totals, the sources and notes, the parameters in force.
 * Keys stay text, counts and euros are numbers with German formats, percentages are fractions
 * formatted as percent; identical input gives an identical file (the workbook's dates are fixed).
 */
export const renderXlsx: BinaryReportRenderer = async (report, options) => [await workbookOf(report, options)];

export async function workbookOf(report: CalcReport, options: Pick<RenderOptions, 'lang'>): Promise<Buffer> {
  const lang: Lang = options.lang ?? DEFAULT_LANG;
  return writeWorkbook(workbookSheets(report, lang), { lang, title: term(lang, 'report.title') });
}

const CELL: Record<FigureColumn['kind'], CellKind> = { text: 'text', year: 'number', count: 'count', euro: 'euro', percent: 'percent', status: 'status' };

/** The figure columns, each status word in its own column right after the figure it belongs to. */
function resultColumns(report: CalcReport, lang: Lang): WorkbookColumn[] {
  const status = term(lang, 'col.status');
  const figures = figureColumns(report, lang);
  const own: Record<string, string> = { eu2: 'eu2_status', insured: 'insured_status', net: 'net_status', rate_eur: 'rate_status', cost_eur: 'cost_status' };
  const columns: WorkbookColumn[] = [];
  for (const f of figures) {
    columns.push({ header: f.label, key: f.key, kind: CELL[f.kind] });
    const statusKey = own[f.key];
    if (statusKey) columns.push({ header: `${status}: ${f.label}`, key: statusKey, kind: 'status' });
  }
  return columns;
}

export function workbookSheets(report: CalcReport, lang: Lang): WorkbookSheet[] {
  const t = (key: TermKey): string => term(lang, key);
  const columns = resultColumns(report, lang);
  const results: WorkbookSheet = { name: t('sheet.results'), columns, rows: report.rows.map((row, i) => figureRow(report, row, i)) };

  const totalName = (year?: number): string => `${t('table.total')}${year === undefined ? '' : ` ${year}`}`;
  const totalsColumns: WorkbookColumn[] = [
    { header: t('col.name'), key: 'name', kind: 'text' },
    { header: t('col.rows'), key: 'rows', kind: 'count' },
    ...columns.filter((c) => !['ags', 'name', 'year', 'rate_eur', 'rate_status'].includes(c.key)),
  ];
  const totalsRows = [
    ...(report.yearTotals ?? []).map((y) => ({ ...figureTotals(report, y, y.year), name: totalName(y.year) })),
    { ...figureTotals(report, report.totals), name: report.yearTotals ? `${totalName()} ${report.yearTotals[0]?.year}–${report.yearTotals[report.yearTotals.length - 1]?.year}` : totalName() },
  ];
  const totals: WorkbookSheet = { name: t('sheet.totals'), columns: totalsColumns, rows: totalsRows };

  const { meta } = report;
  const notes: Record<string, unknown>[] = [];
  const add = (kind: TermKey, text: string, no?: number): void => {
    notes.push({ no: no ?? null, kind: t(kind), text });
  };
  const sources = sourcesOf(report);
  if (report.rows.some((r) => r.ags.length >= 5)) sources.push(`${loadKreisMap().attribution}, dl-de/by-2-0`);
  // The notes of table, md and html (output/human.ts), each source cited by its number in this sheet.
  const cite = (source: string): string => {
    const known = sources.indexOf(source);
    return `[${known >= 0 ? known + 1 : sources.push(source)}]`;
  };
  const { method, rest } = reportNotes(report, lang, lang, cite);
  // The method with its rate and price level, each source cited, as under table and md.
  for (const note of method) add('kind.method', note);
  sources.forEach((s, i) => add('kind.source', s, i + 1));
  for (const input of meta.inputs) add('kind.input', `${input.file}: ${input.sha256}`);
  for (const note of rest) add('kind.note', note);
  for (const w of report.warnings) add('kind.warning', w.message);
  // In the workbook's language, as the legends of table, md and html say them (json keeps its own meta.statuses).
  for (const s of STATUSES) add('kind.status', `${statusWord(lang, s)}: ${statusExplanation(lang, s)}`);
  add('kind.note', `${t('prov.generated_by')} ${meta.version}.`);
  const sourcesSheet: WorkbookSheet = {
    name: t('sheet.sources'),
    columns: [
      { header: t('col.no'), key: 'no', kind: 'count', width: 6 },
      { header: t('col.kind'), key: 'kind', kind: 'text', width: 18 },
      { header: t('col.text'), key: 'text', kind: 'text', width: 120 },
    ],
    rows: notes,
  };

  const parameters: WorkbookSheet = {
    name: t('sheet.parameters'),
    columns: [
      { header: t('param.name'), key: 'name', kind: 'text' },
      { header: t('param.description'), key: 'description', kind: 'text', width: 60 },
      { header: t('param.value'), key: 'value', kind: 'number' },
      { header: t('param.unit'), key: 'unit', kind: 'text' },
      { header: t('param.date'), key: 'from', kind: 'text' },
      { header: t('col.status'), key: 'status', kind: 'status' },
      { header: t('param.source'), key: 'source', kind: 'text', width: 80 },
    ],
    rows: (meta.parameters ?? []).map((p) => ({ ...p, description: parameterLabel(p, lang) ?? '' })),
  };
  return [results, totals, sourcesSheet, parameters];
}
