// Builds data/geo/kreise-de-2021.topo.json, the map of the report formats, from the BKG VG5000
// boundaries (Stand 01.01.2021) kept in shared/data/raw/geo/. Run it again only when the source
// changes:
//
//     node scripts/build-geo.mjs [path/to/vg5000_2021-01-01_kreise.geojson]
//
// What it does, in order, and why:
// 1. Projects every point with d3-geo's geoConicConformal (Lambert conformal conic, standard
//    parallels 48°40' and 53°20', central meridian 10.5° E, the usual choice for a map of Germany)
//    fitted to a frame 1000 units wide. The map is stored already projected, so the report needs
//    no projection library at run time: zooming to one Land is choosing a smaller viewBox.
// 2. Builds a TopoJSON topology (topojson-server), so that neighbouring Kreise share their border
//    and simplifying never opens gaps between them.
// 3. Simplifies with Visvalingam's effective area (topojson-simplify), keeping the share of
//    points named by KEEP below, which leaves every Kreis recognisable at the size of a page.
// 4. Quantizes to a 10,000 × 10,000 grid (0.1 unit of the 1000-unit frame, about 65 m) and
//    delta-encodes the arcs.
// 5. Adds the 16 Länder as merged Kreise (topojson-client mergeArcs): they reuse the Kreis arcs,
//    so their outlines cost only a list of arc numbers and always match the Kreis borders.
//    The VG5000 Länder file is not needed: it also holds water areas (Bodensee, coasts).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { geoConicConformal, geoPath } from 'd3-geo';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify, filter, filterWeight } from 'topojson-simplify';
import { quantize, mergeArcs } from 'topojson-client';

// The raw file lives in the project's shared/ folder, beside the repository.
const source = process.argv[2] ?? '../shared/data/raw/geo/vg5000_2021-01-01_kreise.geojson';
const out = 'data/geo/kreise-de-2021.topo.json';
/** Share of points kept after simplification (chosen by eye and by file size, see data/geo/README.md). */
const KEEP = 0.12;
const WIDTH = 1000;

const raw = readFileSync(source);
const input = JSON.parse(raw.toString('utf8'));

const projection = geoConicConformal()
  .parallels([48 + 40 / 60, 53 + 20 / 60])
  .rotate([-10.5, 0])
  .fitWidth(WIDTH, input);

const projectRing = (ring) => ring.map((point) => projection(point));
const features = input.features.map((feature) => {
  const { type, coordinates } = feature.geometry;
  const coords = type === 'Polygon' ? coordinates.map(projectRing) : coordinates.map((polygon) => polygon.map(projectRing));
  return {
    type: 'Feature',
    id: feature.properties.ARS,
    properties: { name: feature.properties.GEN, kind: feature.properties.BEZ },
    geometry: { type, coordinates: coords },
  };
});
features.sort((a, b) => a.id.localeCompare(b.id));

let topo = topology({ kreise: { type: 'FeatureCollection', features } });
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 1 - KEEP));
// Islands smaller than a few square units vanish at page size; keep every Kreis' largest ring.
topo = filter(topo, filterWeight(topo, 2));
topo = quantize(topo, 1e4);

// The Länder: each is the union of its Kreise, written as arcs of the same topology.
const byLand = new Map();
for (const geometry of topo.objects.kreise.geometries) {
  const land = geometry.id.slice(0, 2);
  if (!byLand.has(land)) byLand.set(land, []);
  byLand.get(land).push(geometry);
}
topo.objects.laender = {
  type: 'GeometryCollection',
  geometries: [...byLand].map(([land, members]) => ({ ...mergeArcs(topo, members), id: land })),
};

const [[, y0], [, y1]] = geoPath(projection).bounds(input);
topo.frame = { width: WIDTH, height: Math.ceil(y1 - y0) };
topo.source = {
  name: 'BKG VG5000, Verwaltungsgebiete 1:5.000.000, Stand 01.01.2021, Ebene Kreise',
  file: source.split('/').pop(),
  sha256: createHash('sha256').update(raw).digest('hex'),
  licence: 'dl-de/by-2-0',
  attribution: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
  built_by: 'scripts/build-geo.mjs',
  keep: KEEP,
};

mkdirSync('data/geo', { recursive: true });
const text = JSON.stringify(topo);
writeFileSync(out, text);
console.log(`${out}: ${topo.objects.kreise.geometries.length} Kreise, ${topo.arcs.length} arcs, ${(text.length / 1024).toFixed(0)} KB`);
