import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature, merge, mesh } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { GeoJsonProperties, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { packageRoot } from '../io/shipped.js';

/**
 * The map of the Kreise as the report formats use it: coordinates already projected (Lambert
 * conformal conic, fitted to a frame 1000 units wide) by scripts/build-geo.mjs, so drawing is
 * writing path strings. See data/geo/README.md for source, licence and attribution.
 */
export interface KreisMap {
  width: number;
  height: number;
  attribution: string;
  /** One entry per Kreis (5-digit AGS), in key order. */
  kreise: Map<string, KreisShape>;
  /** A Land's outline (2-digit key) as an SVG path. */
  land(key: string): KreisShape | undefined;
  /** The borders between Länder, as one SVG path (for a nationwide map). */
  landBorders(): string;
  /** The union of some Kreise, without their inner borders. */
  union(keys: readonly string[]): KreisShape | undefined;
}

export interface KreisShape {
  key: string;
  name: string;
  /** SVG path data in frame units, one decimal. */
  d: string;
  /** [x0, y0, x1, y1] in frame units. */
  box: [number, number, number, number];
}

interface KreisProps extends Record<string, unknown> {
  name: string;
  kind: string;
}
type AreaGeometry<P extends GeoJsonProperties> = TopoPolygon<P> | TopoMultiPolygon<P>;
export type KreisTopology = Topology<{ kreise: GeometryCollection<KreisProps>; laender: GeometryCollection }> & {
  frame: { width: number; height: number };
  source: { attribution: string };
};

export const GEO_FILE = 'data/geo/kreise-de-2021.topo.json';

let cached: KreisMap | undefined;

/** Reads the shipped map once per process (about 230 KB of JSON). */
export function loadKreisMap(): KreisMap {
  cached ??= kreisMapFrom(JSON.parse(readFileSync(join(packageRoot(), GEO_FILE), 'utf8')) as KreisTopology);
  return cached;
}

export function kreisMapFrom(topo: KreisTopology): KreisMap {
  const kreise = new Map<string, KreisShape>();
  // scripts/build-geo.mjs writes only polygons and multipolygons.
  const geometries = topo.objects.kreise.geometries as AreaGeometry<KreisProps>[];
  for (const geometry of geometries) {
    const key = String(geometry.id);
    kreise.set(key, shapeOf(key, geometry.properties?.name ?? key, geometryOf(topo, geometry)));
  }
  const lands = new Map<string, KreisShape>();
  for (const geometry of topo.objects.laender.geometries as AreaGeometry<GeoJsonProperties>[]) {
    const key = String(geometry.id);
    lands.set(key, shapeOf(key, key, geometryOf(topo, geometry)));
  }
  let borders: string | undefined;
  return {
    width: topo.frame.width,
    height: topo.frame.height,
    attribution: topo.source.attribution,
    kreise,
    land: (key) => lands.get(key),
    landBorders: () =>
      (borders ??= linesPath(
        mesh(topo, topo.objects.kreise, (a, b) => a !== b && String(a.id).slice(0, 2) !== String(b.id).slice(0, 2)),
      )),
    union(keys) {
      const wanted = new Set(keys);
      const members = geometries.filter((g) => wanted.has(String(g.id)));
      if (members.length === 0) return undefined;
      const names = members.map((g) => g.properties?.name ?? String(g.id));
      return shapeOf(keys.join('+'), names.join(', '), merge(topo, members));
    },
  };
}

function geometryOf<P extends GeoJsonProperties>(topo: Topology, geometry: AreaGeometry<P>): Polygon | MultiPolygon {
  return geometry.type === 'Polygon' ? feature(topo, geometry).geometry : feature(topo, geometry).geometry;
}

function shapeOf(key: string, name: string, geometry: Polygon | MultiPolygon): KreisShape {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      d += ringPath(ring, true);
      for (const [x = 0, y = 0] of ring) {
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x > box[2]) box[2] = x;
        if (y > box[3]) box[3] = y;
      }
    }
  }
  return { key, name, d, box };
}

function linesPath(lines: MultiLineString): string {
  return lines.coordinates.map((line) => ringPath(line, false)).join('');
}

/**
 * A ring as compact path data: an absolute move, then relative lines between points rounded to
 * tenths. The differences are taken between the rounded points (in integer tenths), so the
 * rounding never accumulates along the ring.
 */
function ringPath(ring: Position[], close: boolean): string {
  let out = '';
  let px = 0;
  let py = 0;
  let first = true;
  // A closed ring repeats its first point; `z` draws that last line.
  const points = close && ring.length > 1 ? ring.slice(0, -1) : ring;
  for (const [x = 0, y = 0] of points) {
    const tx = Math.round(x * 10);
    const ty = Math.round(y * 10);
    if (first) {
      out += `M${tenths(tx)} ${tenths(ty)}`;
      first = false;
    } else {
      const dx = tx - px;
      const dy = ty - py;
      if (dx === 0 && dy === 0) continue;
      out += `l${tenths(dx)}${dy < 0 ? '' : ' '}${tenths(dy)}`;
    }
    px = tx;
    py = ty;
  }
  return close ? `${out}z` : out;
}

/** Integer tenths as the shortest decimal text: 15 → "1.5", -3 → "-.3", 20 → "2". */
function tenths(t: number): string {
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return `${sign}${whole === 0 && frac !== 0 ? '' : whole}${frac === 0 ? '' : `.${frac}`}`;
}
