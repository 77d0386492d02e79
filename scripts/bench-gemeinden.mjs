// The benchmarks' input of every Gemeinde: the shipped register's 10,953 Gemeinden with their
// population, EU2 residents at 2 % of it, counts of 2025. Written once into bench/.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function gemeindenFile(bin, dir) {
  const file = join(dir, 'gemeinden.csv');
  if (existsSync(file)) return file;
  const register = spawnSync('node', [bin, 'data', 'show', 'register-2024', '--format', 'csv'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.trim().split('\n');
  // ags,ars,name,level,population: a name may hold commas, so level and population are read from the end.
  const lines = register.slice(1).map((l) => l.split(',')).filter((c) => c.at(-2) === 'gemeinde' && c[0].length === 8)
    .map((c) => `${c[0]},${Math.round(Number(c.at(-1)) * 0.02)},2025`);
  writeFileSync(file, `ags,eu2,year\n${lines.join('\n')}\n`);
  return file;
}
