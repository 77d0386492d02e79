// Benchmark: the 30-year projection of every Gemeinde (10,953 rows of the shipped register,
// EU2 residents at 2 % of the population), through the CLI as a user runs it. Prints numbers,
// asserts nothing. `npm run build && node scripts/bench-projection.mjs [--runs 3]`
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { gemeindenFile } from './bench-gemeinden.mjs';
import { join } from 'node:path';

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
const BIN = join(process.cwd(), 'bin', 'burden.js');
const DIR = join(process.cwd(), 'bench');
mkdirSync(DIR, { recursive: true });
const gemeinden = gemeindenFile(BIN, DIR);
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
