import type { ResultRow, Totals } from '../engine/types.js';
import { formatHundredths, groupDigits, type Locale } from '../io/numbers.js';
import type { CalcReport, ExtraColumn, NumberColumn, StatusColumn, TextColumn } from './report.js';
import { noteText } from './notes.js';
import { renderExplanation } from './trace.js';
import { safeLines, safeText } from '../terminal-safe.js';
import { STATUSES, type Status, rankOf } from '../engine/status.js';
import { MARK, marked, populationStatus } from './status-marks.js';
import { DEFAULT_LANG, type Lang, type TermKey, fill, isStatus, statusExplanation, statusWord, term } from '../report/terms.js';

/**
 * The shared layout of the human formats (table and md): the same columns, thousands
 * separators per locale, each figure's status as a letter (output/status-marks.ts), a totals
 * row and short notes, in German or English (report/terms.ts, the one catalogue). Sources are
 * cited as numbered references ([1], [2] …) and listed once at the end; an `--explain` chain
 * comes first, before the table.
 */
export interface HumanTable {
  /** `--explain`: each chosen row's chain as sentences, shown before the table. */
  explains: string[];
  head: string[];
  rows: string[][];
  /** One totals row, or one per year and one over all years. */
  totals: string[][];
  notes: string[];
  /** The sources cited in the notes and explanations, `[n] source` in the order of first citation. */
  references: string[];
  /** The heading of the references. */
  referencesHeading: string;
  /** Columns that hold numbers, for right alignment. */
  numeric: boolean[];
  /** The leading columns that name a row (key, name, year). */
  keyColumns: number;
}


/** Sources numbered by first citation; the same text is cited with the same number. */
class References {
  private readonly numbers = new Map<string, number>();
  cite = (source: string): string => {
    let n = this.numbers.get(source);
    if (n === undefined) this.numbers.set(source, (n = this.numbers.size + 1));
    return `[${n}]`;
  };
  list(): string[] {
    return [...this.numbers.keys()].map((source, i) => `[${i + 1}] ${source}`);
  }
}

/** The head of an extra (claims) column in the report's language, by its machine key; a programme's own id stays as it is. */
function extraLabel(column: ExtraColumn, lang: Lang): string {
  const figure: [RegExp, TermKey][] = [[/claims_total_eur$/, 'tab.claims'], [/uncovered_eur$/, 'tab.uncovered'], [/coverage_pct$/, 'tab.coverage']];
  const found = figure.find(([pattern]) => pattern.test(column.key));
  if (!found) {
    const difference = /^Δ claims (.+) − (.+) \(EUR\)$/.exec(column.label);
    return difference ? fill(lang, 'tab.difference', { second: difference[1] ?? '', first: difference[2] ?? '' }) : column.label;
  }
  // Two rule sets side by side: their labels start with the rule set's id.
  const prefix = /^([^:]+: )/.exec(column.label)?.[1] ?? '';
  return `${prefix}${term(lang, found[1])}`;
}

/** The method's figures of a row (or totals) as table and md show them, each with its status letter. */
export function figureCells(row: ResultRow | Totals, locale: Locale): string[] {
  const count = (n: number | null): string => (n === null ? '' : groupDigits(n, locale));
  const money = (cents: number | null): string => (cents === null ? '' : formatHundredths(cents, { locale, grouped: true }));
  return [
    marked(count(row.population), populationStatus(row)),
    marked(count(row.eu2), row.eu2Status),
    marked(count(row.insured), row.insuredStatus),
    marked(count(row.net), row.netStatus),
    marked(money(row.costCents), row.costStatus),
    marked(money(row.costPerInhabitantCents), row.costStatus),
    marked(money(row.eu2ShareBasisPoints), row.eu2Status),
  ];
}

/** One row's cells without a year column and extra columns, terminal-safe (a streamed md table, calc/run.ts). */
export function plainRowCells(row: ResultRow, locale: Locale): string[] {
  return [row.ags, row.name, ...figureCells(row, locale)].map(safeText);
}

export function humanTable(report: CalcReport, locale: Locale, lang: Lang = DEFAULT_LANG): HumanTable {
  const t = (key: TermKey, values?: Record<string, string | number>): string => (values ? fill(lang, key, values) : term(lang, key));
  const count = (n: number | null): string => (n === null ? '' : groupDigits(n, locale));
  const money = (cents: number | null): string => (cents === null ? '' : formatHundredths(cents, { locale, grouped: true }));
  // A year column only when the rows span several years; one year is named in the notes.
  const hasYear = new Set(report.rows.map((r) => r.year)).size > 1;
  const head = [t('tab.ags'), t('tab.name'), ...(hasYear ? [t('tab.year')] : []), t('tab.population'), t('tab.eu2'), t('tab.insured'), t('tab.net'),
    t('tab.cost'), t('tab.cost_per_inhabitant'), t('tab.eu2_share')];
  const cells = (row: ResultRow | Totals, ags: string, name: string, year: string[]): string[] => [
    ags,
    name,
    ...year,
    ...figureCells(row, locale),
  ];
  // An extra figure (a claim, a range bound) with the letter of its status column; text as it is.
  const statusColumn = new Map(report.extra.filter((c): c is StatusColumn => c.kind === 'status').map((c) => [c.key, c]));
  const used = new Set<number>();
  const extraCell = (c: NumberColumn | TextColumn, value: number | string | null | undefined, status: string | null | undefined): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    const code = rankOf(isStatus(status ?? '') ? (status as Status) : 'official');
    used.add(code);
    return marked(c.kind === 'count' ? count(value) : money(value), code);
  };
  const statusOf = (c: NumberColumn | TextColumn, pick: (s: StatusColumn) => string | null | undefined): string | null | undefined => {
    const s = c.kind === 'text' || c.statusKey === undefined ? undefined : statusColumn.get(c.statusKey);
    return s ? pick(s) : 'official';
  };
  // Status columns stay in csv and json: here their letters follow the figures.
  const extra = report.extra.filter((c): c is NumberColumn | TextColumn => c.kind !== 'status');
  head.push(...extra.map((c) => extraLabel(c, lang)));
  const rows = report.rows.map((row, index) => [
    ...cells(row, row.ags, row.name, hasYear ? [String(row.year ?? '')] : []),
    ...extra.map((c) => extraCell(c, c.values[index], statusOf(c, (s) => s.values[index]))),
  ]);
  const rowCount = (n: number): string => `${groupDigits(n, locale)} ${n === 1 ? t('tab.row') : t('tab.rows')}`;
  const yearly = report.yearTotals ?? [];
  const first = yearly[0]?.year;
  const last = yearly[yearly.length - 1]?.year;
  const totals = [
    ...yearly.map((y) => [
      ...cells(y, '', t('tab.total_year', { year: y.year, rows: rowCount(y.rows) }), hasYear ? [String(y.year)] : []),
      ...extra.map((c) => extraCell(c, c.yearTotals?.get(y.year), statusOf(c, (s) => s.yearTotals?.get(y.year)))),
    ]),
    [
      ...cells(report.totals, '', yearly.length ? t('tab.total_years', { first: first ?? '', last: last ?? '', rows: rowCount(report.totals.rows) })
        : t('tab.total', { rows: rowCount(report.totals.rows) }), hasYear ? [''] : []),
      ...extra.map((c) => extraCell(c, c.total, statusOf(c, (s) => s.total))),
    ],
  ];
  const references = new References();
  // The chains first: they cite the sources before the notes do, so their numbers come first.
  const explains: string[] = [];
  for (const [index, steps] of report.traces ?? []) {
    const row = report.rows[index];
    if (row) explains.push(renderExplanation(row, steps, locale, lang, references.cite));
  }
  const { method, rest } = reportNotes(report, locale, lang, references.cite);
  for (const row of [...report.rows, report.totals]) for (const code of [row.eu2Status, row.insuredStatus, row.netStatus, row.costStatus]) used.add(code);
  const letters = STATUSES.filter((status, code) => status !== 'official' && used.has(code))
    .map((status) => `${MARK[status]} = ${statusWord(lang, status)}: ${statusExplanation(lang, status).replace(/\.$/, '')}`);
  const notes = [...method, ...(letters.length ? [t('note.legend', { letters: letters.join('; ') })] : []), ...rest];
  const numeric = head.map((_, i) => i >= (hasYear ? 3 : 2) || (hasYear && i === 2));
  // Text from input (names, keys, file names in the notes) never reaches a terminal raw (src/terminal-safe.ts).
  const safe = (cells: string[]): string[] => cells.map(safeText);
  return {
    explains: explains.map(safeLines), head: head.map(safeText), rows: rows.map(safe), // One row is its own total: no totals line to repeat it.
    totals: report.totals.rows === 1 ? [] : totals.map(safe), notes: notes.map(safeLines),
    references: references.list().map(safeLines), referencesHeading: t('note.sources'), numeric, keyColumns: hasYear ? 3 : 2,
  };
}

/**
 * The notes under a report for people (table, md, html), in its language, each source cited
 * through `cite`: the method with its rate (`method`), then how insured counts and population
 * were obtained, the years, the values set for the run, and the run's own notes (`rest`).
 * A table and md put the legend of their letters between the two; html has its own legend.
 */
export function reportNotes(report: CalcReport, locale: Locale, lang: Lang, cite: (source: string) => string): { method: string[]; rest: string[] } {
  const t = (key: TermKey, values?: Record<string, string | number>): string => (values ? fill(lang, key, values) : term(lang, key));
  const { meta } = report;
  const yearly = report.yearTotals ?? [];
  // The method first: its sources get the first numbers.
  const method = methodNotes(report, locale, lang, cite);
  const rest: string[] = [];
  // How insured counts were obtained, a source of its own (which cites its sources in turn).
  const insured = noteText(meta.insured, lang, cite);
  if (report.totals.insuredEstimated) rest.push(`${t('note.insured')} ${cite(insured)}.`);
  else if (typeof meta.insured === 'string' || meta.insured.term !== 'note.from_input') rest.push(`${t('note.insured_from')}: ${t('note.see')} ${cite(insured)}.`);
  if (yearly.length) rest.push(t('note.years', { count: yearly.length, first: yearly[0]?.year ?? '', last: yearly[yearly.length - 1]?.year ?? '' }));
  if (meta.overrides.length > 0) rest.push(t('note.overrides', { list: meta.overrides.join('; ') }));
  rest.push(`${t('note.population')}: ${noteText(meta.population, lang, cite)}.`);
  for (const note of meta.notes) {
    // Keyed notes in the report's language (output/notes.ts); any other text as it comes.
    rest.push(noteText(note, lang, cite));
  }
  return { method, rest };
}

/** The method with its rate and price level, and the price index when it is not official: each source cited. */
function methodNotes(report: CalcReport, locale: Locale, lang: Lang, cite: (source: string) => string): string[] {
  const { rate } = report.meta;
  const unsure = (status: string): string => (status !== 'official' && isStatus(status) ? statusWord(lang, status) : '');
  // Rows priced at the levels of their own years (a projection, rows of several years): the rate at its own level, and the rule.
  if (rate.prices !== undefined) {
    const base = fill(lang, 'note.method', { rate: formatHundredths(Math.round(rate.base_eur * 100), { locale, grouped: true }), year: rate.base_price_year });
    return [`${base} ${cite(rate.source)}.`, `${term(lang, 'note.prices')}: ${term(lang, 'note.see')} ${cite(rate.prices)}.`];
  }
  let method = fill(lang, 'note.method', { rate: formatHundredths(Math.round(rate.eur * 100), { locale, grouped: true }), year: rate.price_year });
  if (rate.uprating) method += ` (${[fill(lang, 'note.uprated', { base: rate.base_price_year }), unsure(rate.status)].filter(Boolean).join(', ')})`;
  const notes = [`${method} ${cite(rate.source)}.`];
  // An index that is not official (press reports, or carried forward at an assumed inflation) is named with its source.
  const uprating = rate.uprating;
  if (uprating && (uprating.target_projected || uprating.target_status !== 'official')) {
    const status = [unsure(uprating.target_status), uprating.target_projected ? term(lang, 'explain.projected') : ''].filter(Boolean).join(', ');
    notes.push(`${fill(lang, 'note.price_index', { years: rate.price_year, status })} ${cite(uprating.source)}.`);
  }
  return notes;
}
