import { toScaled } from '../engine/money.js';
import { type Status, rankOf } from '../engine/status.js';
import { marked as markedCode, statusLegend } from './status-marks.js';
import { safeLines, safeText } from '../terminal-safe.js';
const marked = (text: string, status: Status): string => markedCode(text, rankOf(status));
import { formatDecimal, formatHundredths, groupDigits, type Locale } from '../io/numbers.js';
import { type ExtrapolateReport, type ProjectedGroup, type YearFigures, approxEuros, wholeEuros } from './extrapolate-report.js';

/**
 * The layout shared by the table and md formats of `burden extrapolate`:
 * - one row, one year (the paper): a statement EU2 − insured = net × rate = cost, with a
 *   status word per figure and the order of magnitude ("≈ 1,15 Mrd. €");
 * - one year, several rows: one line per row and a totals line;
 * - several years: a wide table, a column per year and a line per figure.
 * Every figure carries its status: a word in the statement, a letter after the number in the
 * tables (explained in the notes). Costs are shown in whole euros; csv and json carry cents.
 * Claims (`--rules`) are shown to the cent, so the shares of a pot visibly add up to it: extra
 * lines in the statement and the year-by-column table, extra columns in the one-year table.
 */
export interface HumanView {
  title: string;
  head: string[];
  rows: string[][];
  /** Indices of rows that stand out: a block's cost (claim lines may follow it) or the totals line; bold in md. */
  emphasis: number[];
  numeric: boolean[];
  notes: string[];
  /** The last row is a totals line, set off by a rule in the terminal table. */
  totalsLast: boolean;
}

const DRIVER: Record<string, string> = { none: '–', rate: 'rate', growth: 'growth' };

export function humanView(report: ExtrapolateReport, locale: Locale): HumanView {
  const years = report.meta.years;
  const groups = report.groups;
  const view = !years && groups.length === 1 && groups[0] ? statement(report, groups[0], locale) : !years ? longTable(report, locale) : wideTable(report, locale);
  // Text from input never reaches a terminal raw (output/terminal-safe.ts).
  return { ...view, rows: view.rows.map((cells) => cells.map(safeText)), notes: view.notes.map(safeLines) };
}

const count = (n: number, locale: Locale): string => groupDigits(n, locale);
const rate = (cents: number, locale: Locale): string => formatHundredths(cents, { locale, grouped: true });

/** A claim figure without its status: EUR to the cent, or a percentage; empty for no value. */
function claimText(f: YearFigures, k: number, locale: Locale): string {
  const value = f.claims[k]?.value;
  return value === null || value === undefined ? '' : formatHundredths(value, { locale, grouped: true });
}

/** A claim figure with its status letter, for the tables. */
const claimCell = (f: YearFigures, k: number, locale: Locale): string => {
  const claim = f.claims[k];
  return claim ? marked(claimText(f, k, locale), claim.status) : '';
};

function commonNotes(report: ExtrapolateReport, locale: Locale): string[] {
  const meta = report.meta;
  const notes = [`Method: ${meta.method}.`];
  notes.push(`Rate: ${formatHundredths(toScaled(meta.rate.base_eur, 2), { locale, grouped: true })} EUR per net person and year at ${meta.rate.base_price_year} prices (${meta.rate.status}); ${meta.rate.prices}. Source: ${meta.rate.source}.`);
  if (meta.rate.inflation_assumed) {
    const inf = meta.rate.inflation_assumed;
    const percent = (value: number): string => `${formatDecimal(value, locale)} % a year`;
    const sources = [...new Set(inf.values.map((v) => `${v.status}: ${v.source}`))].join('; ');
    const rates = inf.values.length > 1 ? inf.values.map((v) => `${percent(v.percent)} from ${v.from_year}`).join(' and ') : percent(inf.percent);
    notes.push(`After ${inf.after_year} the price index is carried forward at ${rates} (${sources}); such rates are projected.`);
  }
  notes.push(`Input: ${meta.input}.`);
  notes.push(`Insured employees: ${meta.insured}.`);
  if (meta.growth) {
    notes.push(`EU2 growth (${meta.growth.eu2.scenario}): ${meta.growth.eu2.description}.`);
    notes.push(`Insured (${meta.growth.insured.scenario}): ${meta.growth.insured.description}.`);
  }
  if (meta.range) {
    notes.push(`Range: ${meta.range.note}`);
  }
  notes.push(...meta.overrides.map((o) => `Override: ${o}.`));
  // Statuses say "projected" after the base year, so say which keys rest on imputed insured counts
  // (of a single row the line "Insured employees: estimated where unknown …" above says it).
  const imputed = report.groups.filter((g) => g.figures[0]?.insuredEstimated);
  if (imputed.length > 0 && report.groups.length > 1) {
    // Names may hold commas ("Düsseldorf, Stadt"): keys are separated by semicolons.
    const shown = imputed.slice(0, 10).map((g) => [g.key, g.name].filter((t) => t !== '').join(' '));
    const more = imputed.length > 10 ? `; and ${imputed.length - 10} more` : '';
    const which = imputed.length === report.groups.length ? `all ${report.groups.length} keys` : `${shown.join('; ')}${more}`;
    notes.push(`Insured counts imputed from the national ratio, in whole or for some rows summed (insured_estimated in csv and json): ${which}.`);
  }
  notes.push(...meta.notes);
  notes.push('Not included, in the paper\'s words: costs of lasting social participation and of stabilising neighbourhoods; one national rate cannot show regional differences (Arbeitspapier S. 10, footnote 2).');
  return notes;
}

function statement(report: ExtrapolateReport, group: ProjectedGroup, locale: Locale): HumanView {
  const f = group.figures[0] as YearFigures;
  const when = group.baseYear === null ? '' : `, 31.12.${group.baseYear}`;
  const priceLevel = report.meta.rate.price_year ?? f.year;
  const rows: string[][] = [
    ['', 'EU2 residents', count(f.eu2, locale), f.eu2Status],
    ['−', 'insured BG/RO employees', count(f.insured, locale), f.insuredStatus],
    ['=', `net persons${f.netClamped ? ' (clamped at 0)' : ''}`, count(f.net, locale), f.netStatus],
    ['×', `rate per person and year (${priceLevel} prices)`, `${rate(f.rateCents, locale)} €`, f.rateStatus],
    ['=', 'cost per year', `${wholeEuros(f.costCents, locale)} €`, f.costStatus],
    ['', '', approxEuros(f.costCents, locale), ''],
  ];
  const emphasis = [4];
  if (f.range) {
    rows.push(['', 'range: low', `${wholeEuros(f.range.costLowCents, locale)} €`, f.range.status]);
    rows.push(['', 'range: high', `${wholeEuros(f.range.costHighCents, locale)} €`, f.range.status]);
    rows.push(['', 'width driven most by', DRIVER[f.range.driver] ?? f.range.driver, '']);
  }
  report.claimColumns.forEach((column, k) => {
    const unit = column.kind === 'pct' ? ' %' : ' €';
    const text = claimText(f, k, locale);
    rows.push(['', column.label.replace(/ \(EUR\)$| %$/, ''), text === '' ? '' : `${text}${unit}`, f.claims[k]?.status ?? '']);
  });
  return {
    title: `Extrapolation: ${group.name || group.key || 'total'}${when}`,
    head: ['', 'Figure', 'Value', 'Status'],
    rows,
    emphasis,
    numeric: [false, false, true, false],
    notes: commonNotes(report, locale),
    totalsLast: false,
  };
}

function longTable(report: ExtrapolateReport, locale: Locale): HumanView {
  const hasRange = report.meta.range !== null;
  const claims = report.claimColumns;
  const head = ['AGS', 'Name', 'Year', 'EU2', 'Insured', 'Net', 'Rate (EUR)', 'Cost (EUR)', ...(hasRange ? ['Low (EUR)', 'High (EUR)', 'Driver'] : []), ...claims.map((c) => c.label)];
  const line = (key: string, name: string, f: YearFigures): string[] => [
    key,
    name,
    f.year === null ? '' : String(f.year),
    marked(count(f.eu2, locale), f.eu2Status),
    marked(count(f.insured, locale), f.insuredStatus),
    marked(count(f.net, locale), f.netStatus),
    marked(rate(f.rateCents, locale), f.rateStatus),
    marked(wholeEuros(f.costCents, locale), f.costStatus),
    ...(f.range
      ? [marked(wholeEuros(f.range.costLowCents, locale), f.range.status), marked(wholeEuros(f.range.costHighCents, locale), f.range.status), DRIVER[f.range.driver] ?? '']
      : []),
    ...claims.map((_, k) => claimCell(f, k, locale)),
  ];
  const rows = report.groups.map((g) => line(g.key, g.name, g.figures[0] as YearFigures));
  const emphasis: number[] = [];
  const notes = commonNotes(report, locale);
  if (report.totals) {
    const t = report.totals.figures[0] as YearFigures;
    emphasis.push(rows.length);
    rows.push(line('', `Total (${groupDigits(report.groups.length, locale)} rows)`, t));
    notes.unshift(`Total cost ${approxEuros(t.costCents, locale)} per year.`);
  }
  notes.push(statusLegend(report.meta.statuses));
  // Numbers align right; the range's driver column holds a word.
  const driverColumn = hasRange ? head.indexOf('Driver') : -1;
  return { title: 'Extrapolation', head, rows, emphasis, numeric: head.map((_, i) => i >= 3 && i !== driverColumn), notes, totalsLast: report.totals !== null };
}

function wideTable(report: ExtrapolateReport, locale: Locale): HumanView {
  const years = report.meta.years as { from: number; to: number };
  const yearList: number[] = [];
  for (let y = years.from; y <= years.to; y++) yearList.push(y);
  const head = ['AGS', 'Name', 'Figure', ...yearList.map(String)];
  const rows: string[][] = [];
  const emphasis: number[] = [];
  const block = (g: ProjectedGroup, total: boolean): void => {
    const fs = g.figures;
    const name = total ? `Total (${groupDigits(report.groups.length, locale)} rows)` : g.name;
    const each = (label: string, cell: (f: YearFigures) => string, first = false): void => {
      rows.push([first ? g.key : '', first ? name : '', label, ...fs.map(cell)]);
    };
    each('EU2', (f) => marked(count(f.eu2, locale), f.eu2Status), true);
    each('Insured', (f) => marked(count(f.insured, locale), f.insuredStatus));
    each('Net', (f) => marked(count(f.net, locale), f.netStatus));
    each('Rate (EUR)', (f) => marked(rate(f.rateCents, locale), f.rateStatus));
    each('Cost (EUR)', (f) => marked(wholeEuros(f.costCents, locale), f.costStatus));
    if (report.meta.range) {
      each('Cost low (EUR)', (f) => (f.range ? marked(wholeEuros(f.range.costLowCents, locale), f.range.status) : ''));
      each('Cost high (EUR)', (f) => (f.range ? marked(wholeEuros(f.range.costHighCents, locale), f.range.status) : ''));
      each('Width driver', (f) => (f.range ? DRIVER[f.range.driver] ?? '' : ''));
    }
    if (total || report.groups.length === 1) each('≈', (f) => approxEuros(f.costCents, locale).replace(/^≈ /, ''));
    emphasis.push(rows.length - 1);
    report.claimColumns.forEach((column, k) => each(column.label, (f) => claimCell(f, k, locale)));
  };
  for (const g of report.groups) block(g, false);
  if (report.totals) block(report.totals, true);
  const notes = commonNotes(report, locale);
  notes.push(statusLegend(report.meta.statuses));
  return { title: `Projection ${years.from}–${years.to}`, head, rows, emphasis, numeric: head.map((_, i) => i >= 3), notes, totalsLast: false };
}
