// Size and time of the report formats for a nationwide report (about 400 Kreise, the sample model
// of test/e2e/sample-model.ts): prints numbers, asserts nothing.
//
//     node scripts/bench-report.mjs
//
// The report code is bundled with esbuild as the CLI is (scripts/build.mjs), then run in a fresh
// Node process per measurement, so the times include loading the code and the map file.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('bench', { recursive: true });
writeFileSync(
  'bench/report-entry.ts',
  `
const t0 = performance.now();
const [{ renderHtmlReport }, { sampleModel }, { writeWorkbook }, { renderMapSvg }] = await Promise.all([
  import('../src/report/html.js'), import('../test/e2e/sample-model.js'), import('../src/report/workbook.js'), import('../src/report/map-svg.js'),
]);
const { writeFileSync } = await import('node:fs');
const t1 = performance.now();
// The first map of a process: reads and decodes the map file, then draws every Kreis.
const m0 = performance.now();
renderMapSvg({ values: new Map(), title: 'x', legendLabel: 'x', format: String });
const map_first_ms = performance.now() - m0;
const m1 = performance.now();
renderMapSvg({ values: new Map(), title: 'x', legendLabel: 'x', format: String });
const map_again_ms = performance.now() - m1;
const model = sampleModel('de');
const t2 = performance.now();
const html = renderHtmlReport(model);
const t3 = performance.now();
writeFileSync('bench/report.html', html);
if (process.argv[2] === 'html') {
  console.log(JSON.stringify({ load_ms: t1 - t0, map_first_ms, map_again_ms, model_ms: t2 - t1, html_ms: t3 - t2, html_bytes: Buffer.byteLength(html), areas: model.table.rows.length }));
  process.exit(0);
}
const sheet = { name: 'Kreise', columns: model.table.columns.map((c) => ({ header: c.label, key: c.key, kind: c.kind === 'decimal' ? 'count' : c.kind })), rows: model.table.rows };
const t4 = performance.now();
const xlsx = await writeWorkbook([sheet], { lang: 'de' });
const t5 = performance.now();
writeFileSync('bench/report.xlsx', xlsx);
console.log(JSON.stringify({ load_ms: t1 - t0, map_first_ms, map_again_ms, model_ms: t2 - t1, html_ms: t3 - t2, html_bytes: Buffer.byteLength(html), areas: model.table.rows.length, xlsx_ms: t5 - t4, xlsx_bytes: xlsx.length }));
`,
);
await build({
  entryPoints: ['bench/report-entry.ts'],
  outdir: 'bench/report-dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
});

// Two kinds of run: the HTML report alone, and HTML plus workbook (which loads exceljs).
function measure(args) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['bench/report-dist/report-entry.js', ...args], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) throw new Error(child.stderr);
    runs.push({ ...JSON.parse(child.stdout), process_wall_ms: wall });
  }
  return runs;
}
const empty = [];
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  empty.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, Math.round(median(runs.map((r) => r[k])) * 10) / 10]));
console.log('html report, median of 5 fresh processes:', summary(measure(['html'])));
console.log('html report + xlsx workbook:', summary(measure([])));
console.log('empty node process, ms:', Math.round(median(empty)));
