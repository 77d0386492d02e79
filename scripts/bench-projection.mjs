// Benchmark (issue 4, point 5): project all 10,953 German Gemeinden over 30 years (≈ 330,000
// rows) to csv. A script that reports numbers, not a timed test (STYLE.md).
//
//   npm run build && node scripts/bench-projection.mjs [--runs 3] [--years 2025-2054]
//
// Input: data/datasets/register-2024.csv, level=gemeinde, with a synthetic eu2 = 1 % of the
// population (rounded) and no insured column (so every insured count is imputed, the slower
// path). Timed, each as the median of N runs (wall time, and peak RSS via /usr/bin/time -v if
// present, else process.resourceUsage() in the child):
//   1. the CLI: `burden extrapolate FILE --by none --years … --format csv -o OUT` (the built
//      binary if it has `extrapolate`, else the scratch build dist/dev/cli.js);
//   2. the same work in process, without commander: runExtrapolate() from a bundle;
//   3. the engine and csv writer alone, in memory (what `calc --years` will call):
//      makePlan + projectRow + projectionCsv for every row, no file reading.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const YEARS = option('--years', '2025-2054');
const [FROM, TO] = YEARS.split('-').map(Number);
const BENCH = 'bench'; // git-ignored
mkdirSync(BENCH, { recursive: true });

// --- 1. the input ------------------------------------------------------------------------
const { parse } = await import('csv-parse/sync');
const register = parse(readFileSync('data/datasets/register-2024.csv', 'utf8'), { columns: true });
const gemeinden = register.filter((r) => r.level === 'gemeinde');
const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
let csv = 'ags,name,population,eu2\n';
for (const g of gemeinden) csv += `${g.ags},${quote(g.name)},${g.population},${Math.round(Number(g.population) / 100)}\n`;
const input = join(BENCH, 'gemeinden-eu2.csv');
writeFileSync(input, csv);
const expectedLines = gemeinden.length * (TO - FROM + 1) + 1;
console.log(`input: ${gemeinden.length} Gemeinden (${input}, ${(csv.length / 1024).toFixed(0)} KB); years ${FROM}–${TO}: ${expectedLines - 1} rows expected`);

// --- 2. the in-process runner, bundled from the TypeScript source ------------------------------
const runnerSource = join(BENCH, 'projection-runner.ts');
writeFileSync(runnerSource, `
import { runExtrapolate } from '../src/extrapolate/run.js';
import { makePlan, projectRow, ProjectionBuffer, OFFICIAL } from '../src/engine/projection.js';
import { projectionCsv } from '../src/output/projection-csv.js';
import { loadShippedData } from '../src/io/shipped.js';
const [mode, file, out, years] = process.argv.slice(2);
const [from, to] = years.split('-').map(Number);
if (mode === 'run') {
  await runExtrapolate({ combined: file }, { by: 'none', baseYear: String(from), years, format: 'csv', output: out, column: [] }, {});
} else {
  // Engine and writer only: rows already in memory, output to a string.
  const { readFileSync } = await import('node:fs');
  const rows = readFileSync(file, 'utf8').trim().split('\\n').slice(1).map((line) => {
    const cells = line.match(/^(\\d+),(?:"(?:[^"]|"")*"|[^,]*),(\\d+),(\\d+)$/);
    return { key: cells[1], name: '', baseYear: from, eu2: Number(cells[3]), insured: null, eu2Status: OFFICIAL, insuredStatus: OFFICIAL };
  });
  const shipped = await loadShippedData();
  const parameters = new Map(shipped.parameters.map((p) => [p.name, p]));
  const start = performance.now();
  const plan = makePlan(parameters, { years: { from, to }, eu2: { kind: 'rate', ppm: 20000 }, insured: { kind: 'ratio' },
    imputation: { numerator: 572574, denominator: 1108393 } }, { nationalSeries: [] });
  const buffer = new ProjectionBuffer(plan);
  const writer = projectionCsv(plan, { locale: 'en' });
  let bytes = writer.header().length;
  let chunk = '';
  for (const row of rows) {
    projectRow(row, plan, buffer);
    chunk += writer.rows(row.key, row.name, buffer);
    if (chunk.length > 1 << 16) { bytes += chunk.length; chunk = ''; }
  }
  bytes += chunk.length;
  process.stderr.write('engine-ms ' + (performance.now() - start).toFixed(1) + ' chars ' + bytes + '\\n');
}
`);
const runner = join(BENCH, 'projection-runner.mjs');
await build({
  entryPoints: [runnerSource],
  outfile: runner,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
});

// --- 3. timing -----------------------------------------------------------------------------
const hasTime = existsSync('/usr/bin/time');
const rssProbe = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss-kb "+process.resourceUsage().maxRSS+"\\n"))';

function timed(argv) {
  const command = hasTime ? ['/usr/bin/time', ['-v', process.execPath, ...argv]] : [process.execPath, ['--import', rssProbe, ...argv]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`failed (${result.status}): ${argv.join(' ')}\n${result.stderr}`);
  const rss = hasTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr) : /maxrss-kb (\d+)/.exec(result.stderr);
  const engine = /engine-ms ([\d.]+)/.exec(result.stderr);
  return { wallMs, rssKb: rss ? Number(rss[1]) : NaN, engineMs: engine ? Number(engine[1]) : NaN };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function bench(label, argv, check) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed(argv));
  check?.();
  const wall = median(runs.map((r) => r.wallMs));
  const rss = median(runs.map((r) => r.rssKb));
  const engine = runs.every((r) => Number.isNaN(r.engineMs)) ? '' : `, engine+csv in process ${median(runs.map((r) => r.engineMs)).toFixed(0)} ms`;
  console.log(`${label}: median wall ${(wall / 1000).toFixed(3)} s (runs: ${runs.map((r) => (r.wallMs / 1000).toFixed(3)).join(', ')}), peak RSS ${(rss / 1024).toFixed(0)} MB${engine}`);
}

const out = join(BENCH, 'projection-out.csv');
const checkOutput = () => {
  const text = readFileSync(out, 'utf8');
  const lines = text.split('\n').length - 1;
  if (lines !== expectedLines) throw new Error(`${out} has ${lines} lines, expected ${expectedLines}`);
  console.log(`  output: ${lines - 1} rows + header, ${(statSync(out).size / 1048576).toFixed(1)} MB`);
};
console.log(`timing: ${RUNS} runs each, ${hasTime ? '/usr/bin/time -v' : 'process.resourceUsage()'} for peak RSS`);

const cliArgs = ['extrapolate', input, '--by', 'none', '--base-year', String(FROM), '--years', YEARS, '--format', 'csv', '-o', out];
const builtHasExtrapolate = /^\s+extrapolate\b/m.test(spawnSync(process.execPath, ['bin/burden.js', '--help'], { encoding: 'utf8' }).stdout);
const cli = builtHasExtrapolate ? 'bin/burden.js' : existsSync('dist/dev/cli.js') ? 'dist/dev/cli.js' : null;
if (cli) bench(`CLI (${cli}) extrapolate --by none --years ${YEARS} --format csv -o`, [cli, ...cliArgs], checkOutput);
else console.log('CLI: skipped (extrapolate is not registered in the build; run node scripts/dev-build.mjs for the scratch CLI)');
bench('in process: runExtrapolate(), no commander', [runner, 'run', input, out, YEARS], checkOutput);
bench('engine + csv writer only (rows in memory, output to a string)', [runner, 'engine', input, out, YEARS]);
