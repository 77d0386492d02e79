// Longer than ~300 lines on purpose: three small SVG charts with their text alternatives, sharing axes and label fitting.
import { extent, nice, ticks } from 'd3-array';
import { esc, idSafe, n1 } from './svg.js';
import { DEFAULT_LANG, term, type Lang } from './terms.js';

/**
 * Charts as SVG strings: pure functions of plain data, no DOM, no script. Each chart carries a
 * <title> and a <desc> that says in words what it shows (for screen readers and for anyone who
 * gets the file without the picture); the HTML report also puts the data beside it as a table.
 */

/** Okabe–Ito colours, distinguishable with every common colour-vision deficiency. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

interface ChartCommon {
  title: string;
  /** A sentence that says what the chart shows; the chart adds its largest and smallest values. */
  desc?: string;
  /** Writes a value at the end of a bar or in the description. */
  format: (n: number) => string;
  /** Writes an axis tick; `format` when not given. */
  axisFormat?: (n: number) => string;
  width?: number;
  idPrefix?: string;
  /** Language of the words the chart adds to its description. */
  lang?: Lang;
}

export interface BarItem {
  label: string;
  value: number;
}

export interface BarChartInput extends ChartCommon {
  items: BarItem[];
  /** Show the N largest and sum the rest into one bar "others" (default 15). */
  top?: number;
  othersLabel: string;
}

export interface LinePoint {
  x: number;
  y: number | null;
  low?: number;
  high?: number;
}

export interface LineSeries {
  label: string;
  points: LinePoint[];
}

export interface LineChartInput extends ChartCommon {
  series: LineSeries[];
  /** Label of the low–high band in the legend. */
  bandLabel?: string;
  /** Writes an x value (a year as is by default). */
  xFormat?: (x: number) => string;
}

export interface GroupedBarsInput extends ChartCommon {
  /** The series (e.g. ["claims", "uncovered cost"]), one bar each per group. */
  seriesLabels: string[];
  groups: { label: string; values: (number | null)[] }[];
}

const CHAR_W = 6.6;
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

/** The N largest items, largest first, and the rest summed as one item. */
export function topWithOthers(items: readonly BarItem[], top: number, othersLabel: string): BarItem[] {
  const sorted = [...items].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  if (sorted.length <= top + 1) return sorted;
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top), { label: `${othersLabel} (${rest.length})`, value: rest.reduce((sum, item) => sum + item.value, 0) }];
}

/** A horizontal bar chart, largest first. */
export function renderBarChart(input: BarChartInput): string {
  const items = topWithOthers(input.items, input.top ?? 15, input.othersLabel);
  const id = idSafe(input.idPrefix ?? 'bars');
  const width = input.width ?? 700;
  const labelW = labelWidth(items.map((i) => i.label));
  const valueW = Math.max(...items.map((i) => input.format(i.value).length), 4) * CHAR_W + 8;
  const rowH = 22;
  const top = 8;
  const x0 = labelW + 10;
  const x1 = width - valueW;
  const hasOthers = items.length < input.items.length;
  const shown = hasOthers ? items.slice(0, -1) : items;
  // The "others" bar sums hundreds of areas; when it is far longer than the largest single bar
  // it would squash them all, so the scale ignores it and its bar is drawn broken (two slashes).
  const othersValue = hasOthers ? items[items.length - 1]!.value : 0;
  const breakOthers = hasOthers && othersValue > 1.5 * Math.max(...shown.map((i) => i.value), 0);
  const [lo, hi] = domain((breakOthers ? shown : items).map((i) => i.value));
  const scale = linear([lo, hi], [x0, x1]);
  const height = top + items.length * rowH + 28;
  const axisY = top + items.length * rowH + 4;
  const bars = items.map((item, i) => {
    const y = top + i * rowH;
    const others = hasOthers && i === items.length - 1;
    const broken = others && breakOthers;
    const a = scale(Math.min(0, item.value));
    const b = broken ? x1 : scale(Math.max(0, item.value));
    const slashes = broken
      ? `<path d="M${n1(b - 22)} ${y + 19}l6 -16M${n1(b - 16)} ${y + 19}l6 -16" stroke="#fff" stroke-width="3"/>`
      : '';
    return (
      `<g class="bar${others ? ' others' : ''}"><title>${esc(`${item.label}: ${input.format(item.value)}`)}</title>` +
      `<text x="${n1(labelW)}" y="${y + 15}" text-anchor="end">${esc(clip(item.label, labelW))}</text>` +
      `<rect x="${n1(a)}" y="${y + 3}" width="${n1(Math.max(b - a, 0.5))}" height="${rowH - 6}" fill="${others ? '#9aa5b1' : SERIES_COLOURS[0]}"/>${slashes}` +
      `<text x="${n1(b + 4)}" y="${y + 15}" class="value">${esc(input.format(item.value))}</text></g>`
    );
  });
  const desc = input.desc ?? input.title;
  const first = items[0];
  const lang = input.lang ?? DEFAULT_LANG;
  const summary = first ? ` ${items.length} ${term(lang, 'chart.bars')}; ${term(lang, 'chart.largest')} ${first.label}: ${input.format(first.value)}.` : '';
  return svgDoc(id, width, height, input.title, `${desc}${summary}`, [
    gridX(scale, [lo, hi], top, axisY, input.axisFormat ?? input.format),
    ...bars,
  ]);
}

/** A line chart over years (or any x), each series with an optional low–high band. */
export function renderLineChart(input: LineChartInput): string {
  const id = idSafe(input.idPrefix ?? 'lines');
  const width = input.width ?? 700;
  const height = 300;
  const xFormat = input.xFormat ?? ((x: number) => String(x));
  const axisFormat = input.axisFormat ?? input.format;
  const points = input.series.flatMap((s) => s.points);
  const ys = points.flatMap((p) => [p.y, p.low, p.high].filter((v): v is number => typeof v === 'number'));
  const [xMin = 0, xMax = 1] = extent(points, (p) => p.x);
  const [lo, hi] = domain(ys);
  const yTicks = ticks(lo, hi, 5);
  const left = Math.max(...yTicks.map((t) => axisFormat(t).length)) * CHAR_W + 12;
  const legendH = 22;
  const top = 10 + legendH;
  const bottom = height - 28;
  const right = width - 16;
  const sx = linear([xMin, xMax === xMin ? xMin + 1 : xMax], [left, right]);
  const sy = linear([lo, hi], [bottom, top]);
  const parts: string[] = [];
  for (const t of yTicks) {
    parts.push(`<line x1="${n1(left)}" x2="${n1(right)}" y1="${n1(sy(t))}" y2="${n1(sy(t))}" stroke="${t === 0 ? '#555' : '#ddd'}"/>`);
    parts.push(`<text x="${n1(left - 6)}" y="${n1(sy(t) + 4)}" text-anchor="end" fill="#444">${esc(axisFormat(t))}</text>`);
  }
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const step = Math.ceil(xs.length / Math.max(1, Math.floor((right - left) / 48)));
  xs.forEach((x, i) => {
    if (i % step !== 0 && i !== xs.length - 1) return;
    parts.push(`<line x1="${n1(sx(x))}" x2="${n1(sx(x))}" y1="${bottom}" y2="${bottom + 4}" stroke="#555"/>`);
    parts.push(`<text x="${n1(sx(x))}" y="${bottom + 17}" text-anchor="middle" fill="#444">${esc(xFormat(x))}</text>`);
  });
  const legend: string[] = [];
  let lx = left;
  input.series.forEach((series, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const band = series.points.filter((p) => p.low !== undefined && p.high !== undefined);
    if (band.length > 1) {
      const upper = band.map((p) => `${n1(sx(p.x))} ${n1(sy(p.high!))}`);
      const lower = band.map((p) => `${n1(sx(p.x))} ${n1(sy(p.low!))}`).reverse();
      parts.push(`<path class="band" d="M${upper.join('L')}L${lower.join('L')}z" fill="${colour}" fill-opacity="0.18" stroke="none"><title>${esc(`${series.label}: ${input.bandLabel ?? ''}`)}</title></path>`);
    }
    // A gap in the data (y null) breaks the line rather than bridging it.
    let d = '';
    let pen = false;
    for (const p of [...series.points].sort((a, b) => a.x - b.x)) {
      if (p.y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${n1(sx(p.x))} ${n1(sy(p.y))}`;
      pen = true;
    }
    parts.push(`<path class="line" d="${d}" fill="none" stroke="${colour}" stroke-width="2.2" stroke-linejoin="round"/>`);
    for (const p of series.points) {
      if (p.y === null) continue;
      const range = p.low !== undefined && p.high !== undefined ? ` (${input.format(p.low)} – ${input.format(p.high)})` : '';
      parts.push(`<circle cx="${n1(sx(p.x))}" cy="${n1(sy(p.y))}" r="3" fill="${colour}"><title>${esc(`${series.label}, ${xFormat(p.x)}: ${input.format(p.y)}${range}`)}</title></circle>`);
    }
    legend.push(`<line x1="${n1(lx)}" x2="${n1(lx + 18)}" y1="12" y2="12" stroke="${colour}" stroke-width="2.2"/><text x="${n1(lx + 24)}" y="16">${esc(series.label)}</text>`);
    lx += 24 + series.label.length * CHAR_W + 18;
    if (band.length > 1 && input.bandLabel) {
      legend.push(`<rect x="${n1(lx)}" y="6" width="18" height="12" fill="${colour}" fill-opacity="0.18"/><text x="${n1(lx + 24)}" y="16">${esc(input.bandLabel)}</text>`);
      lx += 24 + input.bandLabel.length * CHAR_W + 18;
    }
  });
  const lastValues = input.series
    .map((s) => {
      const last = [...s.points].filter((p) => p.y !== null).sort((a, b) => b.x - a.x)[0];
      return last ? `${s.label} ${xFormat(last.x)}: ${input.format(last.y!)}` : '';
    })
    .filter(Boolean)
    .join('; ');
  const desc = `${input.desc ?? input.title} ${xFormat(xMin)}–${xFormat(xMax)}. ${lastValues}.`;
  return svgDoc(id, width, height, input.title, desc, [`<g class="legend">${legend.join('')}</g>`, ...parts]);
}

/** Bars of several series side by side for each group (e.g. claims and uncovered cost per area). */
export function renderGroupedBars(input: GroupedBarsInput): string {
  const id = idSafe(input.idPrefix ?? 'grouped');
  const width = input.width ?? 700;
  const k = input.seriesLabels.length;
  const barH = 14;
  const groupH = k * barH + 10;
  const labelW = labelWidth(input.groups.map((g) => g.label));
  // The legend from the bars' left edge, wrapping to a new line where a label would run past the right edge.
  let lx = labelW + 10;
  let ly = 6;
  const legend = input.seriesLabels.map((label, si) => {
    const itemW = 20 + label.length * CHAR_W + 20;
    if (lx > labelW + 10 && lx + itemW - 20 > width) {
      lx = labelW + 10;
      ly += 18;
    }
    const item = `<rect x="${n1(lx)}" y="${ly}" width="14" height="12" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}"/><text x="${n1(lx + 20)}" y="${ly + 10}">${esc(label)}</text>`;
    lx += itemW;
    return item;
  });
  const legendH = ly + 18;
  const all = input.groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const valueW = Math.max(...all.map((v) => input.format(v).length), 4) * CHAR_W + 8;
  const top = legendH + 4;
  const x0 = labelW + 10;
  const x1 = width - valueW;
  const [lo, hi] = domain(all);
  const scale = linear([lo, hi], [x0, x1]);
  const axisY = top + input.groups.length * groupH;
  const height = axisY + 26;
  const parts: string[] = [gridX(scale, [lo, hi], top, axisY, input.axisFormat ?? input.format)];
  input.groups.forEach((group, gi) => {
    const y = top + gi * groupH;
    parts.push(`<text x="${n1(labelW)}" y="${n1(y + 5 + (k * barH) / 2 + 4)}" text-anchor="end"><title>${esc(group.label)}</title>${esc(clip(group.label, labelW))}</text>`);
    group.values.forEach((value, si) => {
      if (value === null) return;
      const a = scale(Math.min(0, value));
      const b = scale(Math.max(0, value));
      const by = y + 5 + si * barH;
      parts.push(
        `<g class="bar"><title>${esc(`${group.label}, ${input.seriesLabels[si] ?? ''}: ${input.format(value)}`)}</title>` +
          `<rect x="${n1(a)}" y="${by}" width="${n1(Math.max(b - a, 0.5))}" height="${barH - 2}" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}"/>` +
          `<text x="${n1(b + 4)}" y="${by + 10}" font-size="10.5">${esc(input.format(value))}</text></g>`,
      );
    });
  });
  const lang = input.lang ?? DEFAULT_LANG;
  const desc = `${input.desc ?? input.title} ${input.groups.length} ${term(lang, 'chart.groups')}, ${term(lang, 'chart.each')} ${k} ${term(lang, 'chart.bars')}: ${input.seriesLabels.join(', ')}.`;
  return svgDoc(id, width, height, input.title, desc, [`<g class="legend">${legend.join('')}</g>`, ...parts]);
}

function svgDoc(id: string, width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${n1(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" class="burden-chart" ${FONT}>`,
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>`,
    ...body,
    `</svg>`,
  ].join('\n');
}

/** Vertical grid lines with tick labels under the bars. */
function gridX(scale: (v: number) => number, [lo, hi]: [number, number], top: number, axisY: number, format: (n: number) => string): string {
  const out: string[] = [];
  // Fewer ticks where their labels would touch ("5 Mio. €10 Mio. €"): each needs its width and a gap.
  let chosen = ticks(lo, hi, 5);
  for (let count = 5; count > 1; count--) {
    chosen = ticks(lo, hi, count);
    const widest = Math.max(...chosen.map((t) => format(t).length)) * CHAR_W * 0.92;
    const step = chosen.length > 1 ? Math.abs(scale(chosen[1]!) - scale(chosen[0]!)) : Infinity;
    if (step >= widest + 10) break;
  }
  for (const t of chosen) {
    const x = n1(scale(t));
    out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${axisY}" stroke="${t === 0 ? '#555' : '#e2e2e2'}"/>`);
    out.push(`<text x="${x}" y="${axisY + 16}" text-anchor="middle" fill="#444" font-size="11">${esc(format(t))}</text>`);
  }
  return `<g class="axis">${out.join('')}</g>`;
}

/** A domain that includes 0 (bars start at zero) rounded out to nice numbers. */
function domain(values: number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  if (lo === hi) return [0, 1];
  const [a, b] = nice(lo, hi, 5);
  return [a, b];
}

function linear([d0, d1]: [number, number], [r0, r1]: [number, number]): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

function labelWidth(labels: string[]): number {
  return Math.min(Math.max(...labels.map((l) => l.length), 4) * CHAR_W, 230);
}

function clip(label: string, width: number): string {
  const max = Math.floor(width / CHAR_W);
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}
