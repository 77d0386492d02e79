// Benchmark: prints numbers, asserts nothing. `npm run bench` (builds first).
//   1. Start-up: `burden --version` and `burden calc` (shipped data) against `node -e 0`.
//   2. Streaming: `burden calc --format csv` on generated 1M- and 5M-row files, against
//      miller (mlr) doing the same arithmetic when it is installed; median wall time of
//      alternating runs, rows/s and peak RSS (from /usr/bin/time).
// Options: --rows 1000000,5000000  --runs 3  --skip-mlr  --startup-only
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { gemeindenFile } from './bench-gemeinden.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROWS = option('rows', '1000000,5000000').split(',').map(Number);
const RUNS = Number(option('runs', '3'));
const BIN = join(process.cwd(), 'bin', 'burden.js');
const DIR = join(process.cwd(), 'bench');
mkdirSync(DIR, { recursive: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const hasTime = existsSync('/usr/bin/time');
const hasMlr = !args.includes('--skip-mlr') && spawnSync('mlr', ['--version']).status === 0;

/** Run a command with stdout to /dev/null; wall seconds and peak RSS in MiB. */
function measure(command, commandArgs) {
  const argv = hasTime ? ['-f', '%e %M', command, ...commandArgs] : commandArgs;
  const started = process.hrtime.bigint();
  const result = spawnSync(hasTime ? '/usr/bin/time' : command, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${result.stderr}`);
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [, rss] = last.split(' ').map(Number);
  return { wall, rssMiB: hasTime ? rss / 1024 : NaN };
}

function startup() {
  const runs = Math.max(RUNS, 10);
  const time = (cmd, cmdArgs) => median(Array.from({ length: runs }, () => measure(cmd, cmdArgs).wall));
  measure('node', [BIN, 'calc']); // warm the file cache
  const base = time('node', ['-e', '0']);
  const version = time('node', [BIN, '--version']);
  const calc = time('node', [BIN, 'calc']);
  console.log(`start-up (median of ${runs}):`);
  console.log(`  node -e 0            ${(base * 1000).toFixed(0)} ms`);
  console.log(`  burden --version     ${(version * 1000).toFixed(0)} ms  ratio ${(version / base).toFixed(2)} (target ≤ 1.4)`);
  console.log(`  burden calc          ${(calc * 1000).toFixed(0)} ms  ratio ${(calc / base).toFixed(2)} (target ≤ 2.5)`);
}

/** A deterministic input: unique 12-digit keys, plain names, counts with a few clamped rows. */
async function generate(rows) {
  const file = join(DIR, `input-${rows}.csv`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const out = createWriteStream(file);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let chunk = 'ags,name,population,eu2,insured\n';
  for (let i = 0; i < rows; i++) {
    const population = 1000 + Math.floor(random() * 500_000);
    const eu2 = Math.floor(population * random() * 0.05);
    const insured = Math.floor(eu2 * (0.3 + random() * 0.8));
    chunk += `${String(i + 1).padStart(12, '0')},Gemeinde ${i + 1},${population},${eu2},${insured}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return file;
}

async function streaming() {
  const MLR_PUT = '$net = max($eu2 - $insured, 0); $cost = $net * 2143; $per_inh = $cost / $population';
  const results = new Map();
  for (const rows of ROWS) {
    const file = await generate(rows);
    const burden = [];
    const mlr = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate, so both see the same machine state.
      burden.push(measure('node', [BIN, 'calc', file, '--format', 'csv']));
      if (hasMlr) mlr.push(measure('mlr', ['--icsv', '--ocsv', 'put', MLR_PUT, file]));
    }
    const summary = (list) => ({ wall: median(list.map((r) => r.wall)), rss: median(list.map((r) => r.rssMiB)) });
    const b = summary(burden);
    results.set(rows, b);
    console.log(`${rows.toLocaleString('en')} rows (median of ${RUNS}):`);
    console.log(`  burden calc --format csv   ${b.wall.toFixed(2)} s  ${Math.round(rows / b.wall).toLocaleString('en')} rows/s  peak RSS ${b.rss.toFixed(0)} MiB`);
    if (hasMlr) {
      const m = summary(mlr);
      console.log(`  mlr put                    ${m.wall.toFixed(2)} s  ${Math.round(rows / m.wall).toLocaleString('en')} rows/s  peak RSS ${m.rss.toFixed(0)} MiB`);
      console.log(`  ratio burden/mlr wall      ${(b.wall / m.wall).toFixed(2)} (target ≤ 0.7 at 5M rows)`);
    }
  }
  const [small, large] = [results.get(1_000_000), results.get(5_000_000)];
  if (small && large) console.log(`RSS 5M / 1M: ${(large.rss / small.rss).toFixed(2)} (target ≤ 1.3; 5M target < 200 MiB)`);
  // json streams as csv does (output/json.ts: rows first): its memory must stay flat too.
  const biggest = ROWS[ROWS.length - 1];
  const file = await generate(biggest);
  const json = Array.from({ length: RUNS }, () => measure('node', [BIN, 'calc', file, '--format', 'json']));
  console.log(`${biggest.toLocaleString('en')} rows to json: ${median(json.map((r) => r.wall)).toFixed(2)} s  peak RSS ${median(json.map((r) => r.rssMiB)).toFixed(0)} MiB (target < 300 MiB)`);
}

/** The reports people hand on: the nationwide html and xlsx, and a 30-year projection of every Gemeinde. */
async function reports() {
  const runs = Math.max(RUNS, 3);
  const out = join(DIR, 'report');
  const time = (label, cmdArgs, file) => {
    const list = Array.from({ length: runs }, () => measure('node', [BIN, ...cmdArgs, '-o', file]));
    console.log(`  ${label.padEnd(44)} ${median(list.map((r) => r.wall)).toFixed(2)} s  ${(statSync(file).size / 1024).toFixed(0)} KiB  peak RSS ${median(list.map((r) => r.rssMiB)).toFixed(0)} MiB`);
  };
  console.log(`reports (median of ${runs}):`);
  time('calc --format html (every Kreis)', ['calc', '--format', 'html'], `${out}-de.html`);
  time('calc --format xlsx (every Kreis)', ['calc', '--format', 'xlsx'], `${out}-de.xlsx`);
  const gemeinden = gemeindenFile(BIN, DIR);
  time('calc --years 2025-2054 (Gemeinden) --format html', ['calc', gemeinden, '--years', '2025-2054', '--impute-insured', 'national-2019', '--format', 'html'], `${out}-proj.html`);
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${hasMlr ? `, ${spawnSync('mlr', ['--version'], { encoding: 'utf8' }).stdout.trim()}` : ', mlr not installed'}`);
startup();
if (!args.includes('--startup-only')) await streaming();
if (!args.includes('--startup-only') && !args.includes('--skip-reports')) await reports();
