import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parameter } from '../schema/parameter.js';
import type { DatasetInfo } from '../schema/dataset.js';
import type { RuleSet } from '../schema/rules.js';

/**
 * The data shipped in `data/`. `npm run build` validates it once and writes a compiled copy
 * to `dist/` (dist/shipped.json, dist/register.json), which the CLI loads with one JSON.parse;
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

let register: Register | undefined;
export async function loadRegister(): Promise<Register> {
  if (register) return register;
  const compiled = compiledPath('register.json');
  if (existsSync(compiled)) {
    register = JSON.parse(readFileSync(compiled, 'utf8')) as Register;
  } else {
    const { compileRegister } = await import('./compile-data.js');
    register = compileRegister(packageRoot());
  }
  return register;
}

export const datasetPath = (file: string): string => join(packageRoot(), 'data', 'datasets', file);

export function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}
