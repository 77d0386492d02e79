// Longer than ~300 lines on purpose: one self-contained page (markup, inline CSS and the small sort script) whose parts only make sense together.
import { MARK } from './marks.js';
import { renderBarChart, renderGroupedBars, renderLineChart } from './charts-svg.js';
import { loadKreisMap } from './geo.js';
import { keysNotOnMap, renderMapSvg, type LandKey, type MapGroup } from './map-svg.js';
import { esc } from './svg.js';
import { isStatus, STATUSES, statusExplanation, statusWord, term, type Lang, type Status } from './terms.js';

/**
 * The input of the HTML report: plain data (strings, numbers, null), nothing computed here but
 * layout and number formatting. Numbers arrive in the unit of their `kind`: count = persons,
 * euro = euros (not cents), percent = percent points (2.5 = 2.5 %), decimal = a plain number.
 */
export type ValueKind = 'count' | 'euro' | 'percent' | 'decimal';
export type ColumnKind = 'text' | 'status' | ValueKind;

export interface HtmlReportModel {
  lang: Lang;
  title: string;
  /** One line under the title: reference date, area, scenario. */
  subtitle?: string;
  /** The few numbers a reader should take away, already written as text. */
  headline: { label: string; value: string; note?: string; status?: Status }[];
  methodSentence: string;
  map?: {
    /** Value per 5-digit Kreis AGS; null: no data. */
    values: Record<string, number | null>;
    /** The status of each value that is not official, for its mark in the data table. */
    statuses?: Record<string, Status>;
    groups?: MapGroup[];
    land?: LandKey;
    /** The figure's caption, e.g. "Abbildung 1: EU2-Einwohner je Kreis, 31.12.2025". */
    figureLabel: string;
    legendLabel: string;
    kind: ValueKind;
  };
  bars?: { figureLabel: string; valueLabel: string; kind: ValueKind; items: { label: string; value: number; status?: Status }[]; top?: number };
  lines?: {
    figureLabel: string;
    kind: ValueKind;
    /** Each point with the status of its value (and of its band) for the marks in the data table. */
    series: { label: string; points: { year: number; value: number | null; low?: number; high?: number; status?: Status; bandStatus?: Status }[] }[];
    /** Legend text of the low–high band; the band is drawn where points have low and high. */
    bandLabel?: string;
  };
  scenarios?: { figureLabel: string; kind: ValueKind; seriesLabels: string[]; groups: { label: string; values: (number | null)[] }[] };
  table: {
    caption?: string;
    columns: { key: string; label: string; kind: ColumnKind }[];
    rows: Record<string, string | number | null>[];
    /** Per row (same index as rows): the status of single cells that are not official, for their marks. */
    statusMarks?: (Record<string, Status> | undefined)[];
    /** A totals row, printed under the rows and never sorted with them. */
    totals?: Record<string, string | number | null>;
    /** The status of each total that is not official, as statusMarks for the rows. */
    totalsMarks?: Record<string, Status>;
  };
  /** How single figures were obtained (from --explain): one block per row, steps in words. */
  explains?: { key: string; name: string; steps: string[] }[];
  sources: string[];
  parameters: { name: string; label: string; value: string; date: string; status: Status | string; source: string }[];
  provenance: { version: string; generated?: string; inputs: { name: string; sha256: string }[] };
  notes: string[];
}

/** The mark printed after a figure of each status; official figures carry none. */
/** The same letters as table and md (output/status-marks.ts): one mark per status in every human format. */
export const STATUS_MARKS: Record<Exclude<Status, 'official'>, string> = {
  derived: MARK.derived,
  secondary: MARK.secondary,
  proposed: MARK.proposed,
  estimated: MARK.estimated,
  assumption: MARK.assumption,
  projected: MARK.projected,
};

const LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

// Building an Intl.NumberFormat costs about as much as a thousand uses of one, and a
// nationwide report writes several thousand numbers: one formatter per language and style.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, style: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${style}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.NumberFormat(LOCALE[lang], options)));
  return found;
}

/** Writes a number of a kind the way a reader of `lang` expects (1.234,56 € or €1,234.56). */
export function formatValue(lang: Lang, kind: ValueKind, value: number): string {
  switch (kind) {
    case 'count':
      return formatter(lang, kind, { maximumFractionDigits: 0 }).format(value);
    case 'euro':
      return formatter(lang, kind, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case 'percent':
      // German sets a space before the percent sign (DIN 5008), English does not.
      return `${formatter(lang, kind, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}${lang === 'de' ? ' %' : '%'}`;
    case 'decimal':
      return formatter(lang, kind, { maximumFractionDigits: 2 }).format(value);
  }
}

/** Shorter text for chart labels and axes: whole euros, or "1,2 Mio. €" for large amounts. */
export function formatShort(lang: Lang, kind: ValueKind, value: number): string {
  if (kind === 'euro') {
    return Math.abs(value) >= 1e6
      ? formatter(lang, 'euro-compact', { style: 'currency', currency: 'EUR', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value)
      : formatter(lang, 'euro-whole', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(value);
  }
  if (kind === 'count' && Math.abs(value) >= 1e6) return formatter(lang, 'count-compact', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return formatValue(lang, kind, value);
}

/** One self-contained HTML page: inline CSS and SVG, one small script for sorting the table. */
export function renderHtmlReport(model: HtmlReportModel): string {
  const { lang } = model;
  const t = (key: Parameters<typeof term>[1]): string => term(lang, key);
  const usedStatuses = new Set<Status>();
  const body: string[] = [];

  body.push(`<header><h1>${esc(model.title)}</h1>${model.subtitle ? `<p class="subtitle">${esc(model.subtitle)}</p>` : ''}</header>`);

  body.push(`<section class="headline" aria-labelledby="h-headline"><h2 id="h-headline">${esc(t('heading.headline'))}</h2><dl>`);
  for (const item of model.headline) {
    body.push(
      `<div><dt>${esc(item.label)}</dt><dd>${esc(item.value)}${mark(item.status, usedStatuses, lang)}</dd>${item.note ? `<dd class="note">${esc(item.note)}</dd>` : ''}</div>`,
    );
  }
  body.push(`</dl><p class="method"><strong>${esc(t('heading.method'))}:</strong> ${esc(model.methodSentence)}</p></section>`);

  if (model.map) {
    const m = model.map;
    const values = new Map(Object.entries(m.values));
    const map = loadKreisMap();
    const notOnMap = keysNotOnMap(values, map);
    const svg = renderMapSvg({
      values,
      groups: m.groups,
      land: m.land,
      title: m.figureLabel,
      legendLabel: m.legendLabel,
      format: (n) => formatShort(lang, m.kind, n),
      lang,
      idPrefix: 'map',
      attribution: false,
    });
    const rows = [...values].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]): DataCell[] => [key, map.kreise.get(key)?.name ?? '',
      value === null ? t('map.no_data') : { text: formatValue(lang, m.kind, value), mark: mark(m.statuses?.[key], usedStatuses, lang) }]);
    const extra = notOnMap.length > 0 ? ` ${t('map.not_on_map')}: ${notOnMap.join(', ')}.` : '';
    body.push(
      `<section aria-labelledby="h-map"><h2 id="h-map">${esc(t('heading.map'))}</h2><figure class="map">${svg}` +
        `<figcaption>${esc(m.figureLabel)}<br><span class="attribution">${esc(map.attribution)}, dl-de/by-2-0.${esc(extra)}</span></figcaption>` +
        dataTable(t('chart.data_table'), [t('col.ags'), t('col.name'), m.legendLabel], rows, [false, false, true]) +
        `</figure></section>`,
    );
  }

  const charts: string[] = [];
  if (model.bars) {
    const b = model.bars;
    const svg = renderBarChart({
      title: b.figureLabel,
      items: b.items,
      top: b.top,
      othersLabel: t('chart.others'),
      format: (n) => formatShort(lang, b.kind, n),
      lang,
      idPrefix: 'bars',
    });
    const rows = [...b.items].sort((x, y) => y.value - x.value).map((item): DataCell[] => [item.label, { text: formatValue(lang, b.kind, item.value), mark: mark(item.status, usedStatuses, lang) }]);
    charts.push(chartFigure(svg, b.figureLabel, dataTable(t('chart.data_table'), [t('col.name'), b.valueLabel], rows, [false, true])));
  }
  if (model.lines) {
    const l = model.lines;
    const svg = renderLineChart({
      title: l.figureLabel,
      series: l.series.map((s) => ({ label: s.label, points: s.points.map((p) => ({ x: p.year, y: p.value, low: p.low, high: p.high })) })),
      bandLabel: l.bandLabel,
      format: (n) => formatShort(lang, l.kind, n),
      lang,
      idPrefix: 'lines',
    });
    const hasBand = l.series.some((s) => s.points.some((p) => p.low !== undefined));
    const figure = (value: number | undefined, status: Status | undefined): DataCell => (value === undefined ? '' : { text: formatValue(lang, l.kind, value), mark: mark(status, usedStatuses, lang) });
    const rows = l.series.flatMap((s) =>
      s.points.map((p): DataCell[] => [
        s.label,
        String(p.year),
        p.value === null ? '–' : figure(p.value, p.status),
        ...(hasBand ? [figure(p.low, p.bandStatus), figure(p.high, p.bandStatus)] : []),
      ]),
    );
    const heads = [t('col.name'), t('col.year'), l.figureLabel, ...(hasBand ? [t('chart.low'), t('chart.high')] : [])];
    charts.push(chartFigure(svg, l.figureLabel, dataTable(t('chart.data_table'), heads, rows, heads.map((_, i) => i >= 2))));
  }
  if (model.scenarios) {
    const s = model.scenarios;
    const svg = renderGroupedBars({
      title: s.figureLabel,
      seriesLabels: s.seriesLabels,
      groups: s.groups,
      format: (n) => formatShort(lang, s.kind, n),
      lang,
      idPrefix: 'scenarios',
    });
    const rows = s.groups.map((g) => [g.label, ...g.values.map((v) => (v === null ? '–' : formatValue(lang, s.kind, v)))]);
    const heads = [t('col.name'), ...s.seriesLabels];
    charts.push(chartFigure(svg, s.figureLabel, dataTable(t('chart.data_table'), heads, rows, heads.map((_, i) => i > 0))));
  }
  if (charts.length > 0) body.push(`<section aria-labelledby="h-chart"><h2 id="h-chart">${esc(t('heading.chart'))}</h2>${charts.join('')}</section>`);

  body.push(mainTable(model, usedStatuses));

  if (model.explains && model.explains.length > 0) {
    body.push(`<section aria-labelledby="h-explains"><h2 id="h-explains">${esc(t('heading.explains'))}</h2>`);
    for (const e of model.explains) {
      body.push(`<details class="explain"><summary>${esc(e.name)} (${esc(e.key)})</summary><ol>${e.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol></details>`);
    }
    body.push(`</section>`);
  }

  if (model.parameters.length > 0) {
    body.push(`<section aria-labelledby="h-parameters"><h2 id="h-parameters">${esc(t('heading.parameters'))}</h2><table class="plain"><thead><tr>`);
    body.push(['param.name', 'param.value', 'param.date', 'col.status', 'param.source'].map((k) => `<th scope="col">${esc(t(k as Parameters<typeof term>[1]))}</th>`).join(''));
    body.push(`</tr></thead><tbody>`);
    for (const p of model.parameters) {
      if (isStatus(p.status)) usedStatuses.add(p.status);
      const status = isStatus(p.status) ? statusWord(lang, p.status) : p.status;
      body.push(`<tr><td>${esc(p.label)}<br><code>${esc(p.name)}</code></td><td class="num">${esc(p.value)}</td><td>${esc(p.date)}</td><td>${esc(status)}</td><td class="source">${esc(p.source)}</td></tr>`);
    }
    body.push(`</tbody></table></section>`);
  }

  // The legend of marks lists only the statuses that occur on this page.
  const marks = STATUSES.filter((s) => usedStatuses.has(s));
  if (marks.length > 0) {
    body.push(`<section aria-labelledby="h-marks"><h2 id="h-marks">${esc(t('heading.marks'))}</h2><dl class="marks">`);
    for (const s of marks) {
      const symbol = s === 'official' ? '' : STATUS_MARKS[s];
      const sign = symbol ? `<span class="mark">${esc(symbol)}</span> ` : '';
      const none = symbol ? '' : ` <span class="hint">(${esc(t('marks.none'))})</span>`;
      body.push(`<div><dt>${sign}${esc(statusWord(lang, s))}${none}</dt><dd>${esc(statusExplanation(lang, s))}</dd></div>`);
    }
    body.push(`</dl></section>`);
  }

  if (model.notes.length > 0) {
    body.push(`<section aria-labelledby="h-notes"><h2 id="h-notes">${esc(t('heading.notes'))}</h2><ul>${model.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>`);
  }
  body.push(`<section aria-labelledby="h-sources"><h2 id="h-sources">${esc(t('heading.sources'))}</h2><ol class="sources">${model.sources.map((s) => `<li>${esc(s)}</li>`).join('')}</ol></section>`);

  const p = model.provenance;
  body.push(
    `<footer aria-labelledby="h-provenance"><h2 id="h-provenance">${esc(t('heading.provenance'))}</h2><p>${esc(t('prov.generated_by'))} ${esc(p.version)}${p.generated ? `, ${esc(p.generated)}` : ''}.</p>` +
      (p.inputs.length > 0
        ? `<table class="plain"><thead><tr><th scope="col">${esc(t('prov.input'))}</th><th scope="col">SHA-256</th></tr></thead><tbody>${p.inputs.map((i) => `<tr><td>${esc(i.name)}</td><td><code>${esc(i.sha256)}</code></td></tr>`).join('')}</tbody></table>`
        : '') +
      `</footer>`,
  );

  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No external resource of any kind may load: the page must open the same offline, years later.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="burden ${esc(p.version)}">`,
    `<title>${esc(model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<main>`,
    ...body,
    `</main>`,
    `<script>${SORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function mark(status: Status | undefined, used: Set<Status>, lang: Lang): string {
  if (!status) return '';
  used.add(status);
  if (status === 'official') return '';
  return `<sup class="mark" title="${esc(statusWord(lang, status))}">${esc(STATUS_MARKS[status])}</sup>`;
}

/** A chart, its caption, and its data as a table to open (the chart's text alternative). */
function chartFigure(svg: string, caption: string, table: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption>${table}</figure>`;
}

/** A cell of a data table: its text, and the mark of its figure's status where it has one (already written). */
type DataCell = string | { text: string; mark: string };

function dataTable(summary: string, heads: string[], rows: DataCell[][], numeric: boolean[]): string {
  const th = heads.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const td = (c: DataCell): string => (typeof c === 'string' ? esc(c) : `${esc(c.text)}${c.mark}`);
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${td(c)}</td>`).join('')}</tr>`).join('');
  return `<details class="data"><summary>${esc(summary)}</summary><table class="plain"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></details>`;
}

function mainTable(model: HtmlReportModel, used: Set<Status>): string {
  const { lang, table } = model;
  const cell = (kind: ColumnKind, value: string | number | null, status: Status | undefined): string => {
    const statusMark = mark(status, used, lang);
    if (value === null || value === undefined) return `<td class="${kind === 'text' || kind === 'status' ? '' : 'num'}" data-v="">–${statusMark}</td>`;
    if (kind === 'text') return `<td data-v="${esc(String(value))}">${esc(String(value))}${statusMark}</td>`;
    if (kind === 'status') {
      if (isStatus(value)) used.add(value);
      return `<td data-v="${esc(String(value))}">${esc(isStatus(value) ? statusWord(lang, value) : String(value))}${statusMark}</td>`;
    }
    if (typeof value !== 'number') return `<td class="num" data-v="${esc(value)}">${esc(value)}${statusMark}</td>`;
    return `<td class="num" data-v="${value}">${esc(formatValue(lang, kind, value))}${statusMark}</td>`;
  };
  const heads = table.columns
    .map((c) => {
      const numeric = c.kind !== 'text' && c.kind !== 'status';
      return `<th scope="col" data-kind="${numeric ? 'num' : 'text'}"${numeric ? ' class="num"' : ''} aria-sort="none"><button type="button">${esc(c.label)}</button></th>`;
    })
    .join('');
  const rows = table.rows.map((row, i) => `<tr>${table.columns.map((c) => cell(c.kind, row[c.key] ?? null, table.statusMarks?.[i]?.[c.key])).join('')}</tr>`);
  // In the totals row an unknown total (a sum that would mean nothing) is left blank, not "–".
  const totalCell = (c: (typeof table.columns)[number], i: number): string => {
    const value = table.totals?.[c.key] ?? null;
    if (i === 0 && value === null) return `<th scope="row">${esc(term(lang, 'table.total'))}</th>`;
    return value === null ? '<td></td>' : cell(c.kind, value, table.totalsMarks?.[c.key]);
  };
  const totals = table.totals ? `<tfoot><tr>${table.columns.map(totalCell).join('')}</tr></tfoot>` : '';
  return (
    `<section aria-labelledby="h-table"><h2 id="h-table">${esc(term(lang, 'heading.table'))}</h2>` +
    `<div class="table-wrap"><table class="data-table sortable">${table.caption ? `<caption>${esc(table.caption)} <span class="hint">${esc(term(lang, 'table.sort_hint'))}</span></caption>` : `<caption class="hint">${esc(term(lang, 'table.sort_hint'))}</caption>`}` +
    `<thead><tr>${heads}</tr></thead><tbody>${rows.join('')}</tbody>${totals}</table></div></section>`
  );
}

/**
 * Sorting by a click on a column head: numbers by their value (data-v), text by German
 * collation; a second click reverses. Unknown values sort last either way. It is the page's only
 * script, and the page reads the same without it.
 */
const SORT_SCRIPT = `(function(){document.querySelectorAll('table.sortable').forEach(function(t){var b=t.tBodies[0];t.querySelectorAll('thead th').forEach(function(th,i){th.querySelector('button').addEventListener('click',function(){var num=th.dataset.kind==='num';var asc=th.getAttribute('aria-sort')!=='ascending';t.querySelectorAll('thead th').forEach(function(o){o.setAttribute('aria-sort','none')});th.setAttribute('aria-sort',asc?'ascending':'descending');var c=new Intl.Collator(document.documentElement.lang,{numeric:true});var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i].dataset.v,z=y.cells[i].dataset.v;if(a===''||z==='')return a===z?0:(a===''?1:-1);var r=num?Number(a)-Number(z):c.compare(a,z);return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})})})})})();`;

const CSS = `
:root{--ink:#1d1d1f;--muted:#5a5a5f;--rule:#d0d0d5;--accent:#0a4a7a;--band:#f4f5f7}
*{box-sizing:border-box}
html{font-family:"Source Sans 3","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45;font-size:15px}
main{max-width:1000px;margin:0 auto;padding:28px 32px 48px}
header{border-bottom:3px solid var(--accent);margin-bottom:20px;padding-bottom:10px}
h1{font-family:Georgia,"Times New Roman",serif;font-weight:600;font-size:1.9rem;margin:0 0 4px;line-height:1.2}
.subtitle{margin:0;color:var(--muted)}
h2{font-family:Georgia,"Times New Roman",serif;font-weight:600;font-size:1.25rem;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
.headline dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:0}
.headline dl>div{background:var(--band);border-left:4px solid var(--accent);padding:10px 14px}
.headline dt{font-size:.85rem;color:var(--muted)}
.headline dd{margin:2px 0 0;font-size:1.45rem;font-weight:600;font-variant-numeric:tabular-nums}
.headline dd.note{font-size:.8rem;font-weight:400;color:var(--muted)}
.method{margin:14px 0 0;font-size:.95rem}
figure{margin:0 0 24px;break-inside:avoid}
figure svg{width:100%;height:auto;display:block}
figure.map svg{max-width:760px}
figcaption{font-size:.85rem;color:var(--muted);margin-top:4px}
.attribution{font-size:.8rem}
details.data{margin-top:6px;font-size:.85rem}
details.data summary,details.explain summary{cursor:pointer;color:var(--accent)}
details.data table{margin-top:6px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.plain,table.data-table{width:100%;font-size:.86rem}
th,td{padding:4px 8px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink);font-weight:600;vertical-align:bottom}
tfoot th,tfoot td{border-top:2px solid var(--ink);border-bottom:none;font-weight:600}
.num{text-align:right;white-space:nowrap}
thead th.num{white-space:normal}
.table-wrap{overflow-x:auto}
table.data-table td.num,table.data-table th.num{padding-right:16px}
table.data-table td.num{position:relative}
table.data-table td.num sup.mark{position:absolute;right:4px;top:2px}
caption{text-align:left;font-size:.85rem;color:var(--muted);padding-bottom:6px}
.hint{font-style:italic}
thead th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
thead th[aria-sort=ascending] button::after{content:" ▲";font-size:.7em}
thead th[aria-sort=descending] button::after{content:" ▼";font-size:.7em}
tbody tr:nth-child(even){background:#fafafb}
.mark{color:var(--accent);font-weight:600;margin-left:1px}
sup.mark{font-size:.75em}
dl.marks{margin:0}
dl.marks>div{display:flex;gap:12px;padding:3px 0}
dl.marks dt{min-width:190px;font-weight:600}
dl.marks dd{margin:0}
td.source{font-size:.82rem;color:var(--muted)}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82em;word-break:break-all}
ol.sources li,section ul li{margin-bottom:4px}
footer{margin-top:32px;font-size:.85rem;color:var(--muted)}
footer h2{color:var(--ink)}
@media print{
  @page{size:A4;margin:16mm 14mm}
  html{font-size:10.5pt}
  main{max-width:none;padding:0}
  h2{break-after:avoid}
  details.data,.hint{display:none}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  tbody tr:nth-child(even){background:none}
  .headline dl>div{background:none;border-left-width:2px}
  thead th button::after{content:""!important}
}
`
  .trim()
  .replace(/\n\s*/g, '');
