// Benchmark: the 30-year projection of every Gemeinde (10,953 rows of the shipped register,
// EU2 residents at 2 % of the population), through the CLI as a user runs it. Prints numbers,
// asserts nothing. `npm run build && node scripts/bench-projection.mjs [--runs 3]`
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
const BIN = join(process.cwd(), 'bin', 'burden.js');
const DIR = join(process.cwd(), 'bench');
mkdirSync(DIR, { recursive: true });
const gemeinden = join(DIR, 'gemeinden.csv');
if (!existsSync(gemeinden)) {
  const register = spawnSync('node', [BIN, 'data', 'show', 'register-2024', '--format', 'csv'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.trim().split('\n');
  // ags,ars,name,level,population: a name may hold commas, so level and population are read from the end.
  const lines = register.slice(1).map((l) => l.split(',')).filter((c) => c.at(-2) === 'gemeinde' && c[0].length === 8)
    .map((c) => `${c[0]},${Math.round(Number(c.at(-1)) * 0.02)},2025`);
  writeFileSync(gemeinden, `ags,eu2,year\n${lines.join('\n')}\n`);
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
function measure(args) {
  const list = Array.from({ length: runs }, () => {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M', 'node', BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const [wall, rss] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    return { wall, rss: rss / 1024 };
  });
  return `${median(list.map((r) => r.wall)).toFixed(2)} s, peak RSS ${median(list.map((r) => r.rss)).toFixed(0)} MiB`;
}
const base = [gemeinden, '--years', '2025-2054', '--impute-insured', 'national-2019'];
console.log(`10,953 Gemeinden × 30 years (328,590 rows), median of ${runs}:`);
console.log(`  calc --years … --format csv                       ${measure(['calc', ...base, '--format', 'csv'])}`);
console.log(`  calc --years … --rules nrw-2024 --rules nrw-2025-kim --format csv  ${measure(['calc', ...base, '--rules', 'nrw-2024', '--rules', 'nrw-2025-kim', '--format', 'csv'])}`);
console.log(`  calc --years … --format json                      ${measure(['calc', ...base, '--format', 'json'])}`);
