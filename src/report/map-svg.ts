import { quantileSorted } from 'd3-array';
import { loadKreisMap, type KreisMap, type KreisShape } from './geo.js';
import { esc, idSafe, n1, wrap } from './svg.js';
import { DEFAULT_LANG, term, type Lang } from './terms.js';

export type LandKey = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12' | '13' | '14' | '15' | '16';

/**
 * Kreise whose figures are published together as one area, e.g. Landkreis Kassel (06633) counted
 * in Kassel, Stadt (06611): `{ key: '06611', members: ['06611', '06633'], label: 'Landkreis Kassel
 * gezählt mit Kassel, Stadt' }`. The group takes the value of `key` and is drawn as one shape.
 */
export interface MapGroup {
  key: string;
  members: string[];
  label: string;
}

export interface MapInput {
  /** Value per 5-digit Kreis AGS; null or missing: no data (drawn hatched grey). */
  values: Map<string, number | null>;
  groups?: MapGroup[];
  /** Zoom to one Land: only its Kreise are drawn. */
  land?: LandKey;
  title: string;
  legendLabel: string;
  /** Writes a value for the legend and the tooltips. */
  format: (n: number) => string;
  lang?: Lang;
  /** Number of quantile classes (at most 5; fewer when the values have fewer distinct cut points). */
  classes?: number;
  /** Prefix of the ids inside the SVG, unique per map when a page holds several. */
  idPrefix?: string;
  /** Print the map's attribution under it (default true; a page that prints it itself says false). */
  attribution?: boolean;
  /** The map to draw on; the shipped Kreise of 2021 by default. */
  map?: KreisMap;
}

/**
 * Viridis, five steps from light (t = 0.95, low values) to dark (t = 0.10, high values), as
 * d3-scale-chromatic's interpolateViridis gives them (test/unit/report-map.test.ts checks).
 * Viridis is readable with every common colour-vision deficiency and in greyscale print, and
 * none of its steps is grey, so "no data" (grey, hatched) cannot be mistaken for a value.
 */
export const PALETTE = ['#dfe318', '#56c667', '#1f968b', '#33638d', '#482475'] as const;

const MAP_W = 470;
const LEGEND_X = 490;
const TOTAL_W = 700;
const MAX_MAP_H = 620;

export interface Classes {
  /** Upper bounds (exclusive) of every class but the last, ascending. */
  thresholds: number[];
  colours: string[];
  min: number;
  max: number;
}

/** Quantile classes of the values (each class holds about the same number of areas). */
export function quantileClasses(values: number[], wanted: number = PALETTE.length): Classes | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(1, Math.min(wanted, PALETTE.length));
  const cuts: number[] = [];
  for (let i = 1; i < k; i++) {
    const q = quantileSorted(sorted, i / k) ?? 0;
    // A cut equal to the minimum or to the previous cut would leave a class empty.
    if (q > sorted[0]! && (cuts.length === 0 || q > cuts[cuts.length - 1]!)) cuts.push(q);
  }
  const n = cuts.length + 1;
  const colours = Array.from({ length: n }, (_, i) => PALETTE[n === 1 ? 2 : Math.round((i * (PALETTE.length - 1)) / (n - 1))]!);
  return { thresholds: cuts, colours, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function classOf(classes: Classes, value: number): number {
  let i = 0;
  while (i < classes.thresholds.length && value >= classes.thresholds[i]!) i++;
  return i;
}

interface Area {
  key: string;
  shape: KreisShape;
  value: number | null;
  tooltip: string;
  members?: string[];
}

/** The keys with a value that the map cannot show (e.g. 06415 Hanau, kreisfrei only since 2026). */
export function keysNotOnMap(values: Map<string, number | null>, map: KreisMap = loadKreisMap()): string[] {
  return [...values.keys()].filter((key) => key.length === 5 && !map.kreise.has(key)).sort();
}

/** A choropleth map of the Kreise as one SVG string (no script, no external resources). */
export function renderMapSvg(input: MapInput): string {
  const lang = input.lang ?? DEFAULT_LANG;
  const map = input.map ?? loadKreisMap();
  const id = idSafe(input.idPrefix ?? 'map');
  const inLand = (key: string): boolean => !input.land || key.startsWith(input.land);
  const noData = term(lang, 'map.no_data');

  const grouped = new Set<string>();
  const areas: Area[] = [];
  for (const group of input.groups ?? []) {
    const members = group.members.filter((key) => map.kreise.has(key) && inLand(key));
    if (members.length === 0) continue;
    const shape = map.union(members);
    if (!shape) continue;
    members.forEach((key) => grouped.add(key));
    const value = input.values.get(group.key) ?? null;
    const names = members.map((key) => map.kreise.get(key)?.name ?? key).join(', ');
    areas.push({
      key: group.key,
      shape,
      value,
      members,
      tooltip: `${group.label} (${names}): ${value === null ? noData : input.format(value)}`,
    });
  }
  for (const [key, shape] of map.kreise) {
    if (grouped.has(key) || !inLand(key)) continue;
    const value = input.values.get(key) ?? null;
    areas.push({ key, shape, value, tooltip: `${shape.name} (${key}): ${value === null ? noData : input.format(value)}` });
  }

  const known = areas.flatMap((area) => (area.value === null ? [] : [area.value]));
  const classes = quantileClasses(known, input.classes);

  // The drawn extent: all of Germany, or the Land's Kreise with a small margin.
  let [x0, y0, x1, y1] = [0, 0, map.width, map.height];
  if (input.land) {
    [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { shape } of areas) {
      x0 = Math.min(x0, shape.box[0]);
      y0 = Math.min(y0, shape.box[1]);
      x1 = Math.max(x1, shape.box[2]);
      y1 = Math.max(y1, shape.box[3]);
    }
    const pad = Math.max(x1 - x0, y1 - y0) * 0.02;
    [x0, y0, x1, y1] = [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
  }
  const boxW = x1 - x0;
  const boxH = y1 - y0;
  let mapW = MAP_W;
  let mapH = (MAP_W * boxH) / boxW;
  if (mapH > MAX_MAP_H) {
    mapW = (MAX_MAP_H * boxW) / boxH;
    mapH = MAX_MAP_H;
  }
  // Hatching of "no data", in map units so that its stripes are 4 px apart at any zoom.
  const unit = boxW / mapW;

  const paths = areas.map((area) => {
    const fill = area.value === null || !classes ? `url(#${id}-nodata)` : classes.colours[classOf(classes, area.value)]!;
    const members = area.members ? ` data-members="${area.members.join(' ')}" class="group"` : '';
    const value = area.value === null ? '' : ` data-value="${area.value}"`;
    return `<path data-ags="${esc(area.key)}"${members}${value} fill="${fill}" d="${area.shape.d}"><title>${esc(area.tooltip)}</title></path>`;
  });

  const outline = input.land ? map.land(input.land)?.d ?? '' : map.landBorders();
  const legend = legendSvg(classes, input, lang, id);
  const withAttribution = input.attribution ?? true;
  const height = Math.max(mapH, legend.height) + (withAttribution ? 22 : 4);
  const desc = `${input.legendLabel}. ${areas.length} ${lang === 'de' ? 'Gebiete' : 'areas'}, ${known.length} ${lang === 'de' ? 'mit Wert' : 'with a value'}.`;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${TOTAL_W} ${n1(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" class="burden-map" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${id}-title">${esc(input.title)}</title><desc id="${id}-desc">${esc(desc)}</desc>`,
    // vector-effect is not inherited, so one rule instead of an attribute on every path: strokes
    // keep their width in screen pixels at any zoom. Grouped areas get a dashed dark outline.
    `<style>.burden-map path{vector-effect:non-scaling-stroke}.burden-map .group{stroke:#111;stroke-width:1.5;stroke-dasharray:4 2}</style>`,
    `<defs><pattern id="${id}-nodata" patternUnits="userSpaceOnUse" width="${n1(4 * unit)}" height="${n1(4 * unit)}" patternTransform="rotate(45)"><rect width="${n1(4 * unit)}" height="${n1(4 * unit)}" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="${n1(4 * unit)}" stroke="#a0a0a0" stroke-width="${n1(1.5 * unit)}"/></pattern>`,
    `<pattern id="${id}-nodata-legend" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)"><rect width="4" height="4" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="4" stroke="#a0a0a0" stroke-width="1.5"/></pattern></defs>`,
    `<svg x="0" y="0" width="${n1(mapW)}" height="${n1(mapH)}" viewBox="${n1(x0)} ${n1(y0)} ${n1(boxW)} ${n1(boxH)}">`,
    `<g class="areas" stroke="#fff" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd">`,
    ...paths,
    `</g>`,
    `<path class="borders" d="${outline}" fill="none" stroke="#333" stroke-width="1" stroke-linejoin="round"/>`,
    `</svg>`,
    legend.svg,
    withAttribution ? `<text x="0" y="${n1(height - 6)}" font-size="10" fill="#555">${esc(map.attribution)}</text>` : '',
    `</svg>`,
  ].join('\n');
}

function legendSvg(classes: Classes | undefined, input: MapInput, lang: Lang, id: string): { svg: string; height: number } {
  const out: string[] = [];
  let y = 16;
  for (const line of wrap(input.legendLabel, 28)) {
    out.push(`<text x="${LEGEND_X}" y="${y}" font-weight="600">${esc(line)}</text>`);
    y += 15;
  }
  y += 4;
  const swatch = (fill: string, text: string, stroke = 'stroke="#888" stroke-width="0.5"'): void => {
    out.push(`<rect x="${LEGEND_X}" y="${y}" width="18" height="14" fill="${fill}" ${stroke}/>`);
    out.push(`<text x="${LEGEND_X + 26}" y="${y + 11}">${esc(text)}</text>`);
    y += 20;
  };
  if (classes) {
    const bounds = [classes.min, ...classes.thresholds, classes.max];
    // Highest class first, like the dark end of the map reads as "most".
    for (let i = classes.colours.length - 1; i >= 0; i--) {
      const lo = bounds[i]!;
      const hi = bounds[i + 1]!;
      swatch(classes.colours[i]!, lo === hi ? input.format(lo) : `${input.format(lo)} – ${input.format(hi)}`);
    }
  }
  swatch(`url(#${id}-nodata-legend)`, term(lang, 'map.no_data'));
  const groups = (input.groups ?? []).filter((g) => !input.land || g.members.some((m) => m.startsWith(input.land!)));
  if (groups.length > 0) {
    swatch('none', term(lang, 'map.grouped'), 'stroke="#111" stroke-width="1.5" stroke-dasharray="4 2"');
    for (const group of groups) {
      for (const line of wrap(group.label, 32)) {
        out.push(`<text x="${LEGEND_X + 4}" y="${y + 6}" font-size="10.5" fill="#333">${esc(line)}</text>`);
        y += 13;
      }
      y += 4;
    }
  }
  return { svg: `<g class="legend">${out.join('')}</g>`, height: y };
}
