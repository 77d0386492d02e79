import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parameter } from '../schema/parameter.js';
import type { DatasetInfo } from '../schema/dataset.js';
import type { RuleSet } from '../schema/rules.js';

/**
 * The data shipped in `data/`. `npm run build` validates it once and writes a compiled copy
 * to `dist/` (dist/shipped.json, dist/register-<level>.json), which the CLI loads with one JSON.parse;
 * when the compiled copy is missing (tests run from source), the same compile step runs here.
 */
export interface ShippedData {
  parameters: Parameter[];
  rules: RuleSet[];
  datasets: DatasetInfo[];
}

export type RegisterLevel = 'land' | 'regbez' | 'kreis' | 'verband' | 'gemeinde';
/** Key (AGS, or ARS for Gemeinden) → [name, population, level]. */
export type Register = Record<string, [string, number, RegisterLevel]>;

let root: string | undefined;

/** The package root: the nearest folder above this module that holds data/parameters. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'data', 'parameters'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the data/ folder of burden');
    dir = parent;
  }
  root = dir;
  return dir;
}

const compiledPath = (name: string): string => join(packageRoot(), 'dist', name);

let shipped: ShippedData | undefined;
export async function loadShippedData(): Promise<ShippedData> {
  if (shipped) return shipped;
  const compiled = compiledPath('shipped.json');
  if (existsSync(compiled)) {
    shipped = JSON.parse(readFileSync(compiled, 'utf8')) as ShippedData;
  } else {
    const { compileShippedData } = await import('./compile-data.js');
    shipped = compileShippedData(packageRoot());
  }
  return shipped;
}

/** Which register file holds a key: by its length (Land 2, Regierungsbezirk 3, Kreis 5, Gemeinde 8, Verband 9, ARS 12). */
export const REGISTER_LEVEL_BY_LENGTH: Record<number, RegisterLevel> = { 2: 'land', 3: 'regbez', 5: 'kreis', 8: 'gemeinde', 9: 'verband', 12: 'gemeinde' };

const registers = new Map<RegisterLevel, Register>();

/**
 * The register entries of one level. The compiled register is split by level so that a
 * run on Kreise reads 20 KB, not the 1 MB of all Gemeinden.
 */
export async function loadRegister(level: RegisterLevel): Promise<Register> {
  const cached = registers.get(level);
  if (cached) return cached;
  const compiled = compiledPath(`register-${level}.json`);
  let register: Register;
  if (existsSync(compiled)) {
    register = JSON.parse(readFileSync(compiled, 'utf8')) as Register;
  } else {
    const { compileRegister } = await import('./compile-data.js');
    register = compileRegister(packageRoot())[level];
  }
  registers.set(level, register);
  return register;
}

export const datasetPath = (file: string): string => join(packageRoot(), 'data', 'datasets', file);

/**
 * Where to read a shipped dataset from: its tab-separated copy in dist/ (the same records
 * without quotes, read without csv-parse: io/compile-data.ts plainDatasetCopies), or the file
 * in data/ when there is no copy (a dataset a copy cannot hold) or the file changed after the
 * copy was made (data/ edited, not yet built).
 */
export function datasetReadPath(file: string): { path: string; plain: boolean } {
  const copy = compiledPath(join('datasets', `${file}.tsv`));
  const original = datasetPath(file);
  try {
    if (statSync(copy).mtimeMs >= statSync(original).mtimeMs) return { path: copy, plain: true };
  } catch {
    // no copy (or no original, which the reader reports)
  }
  return { path: original, plain: false };
}

export function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}
