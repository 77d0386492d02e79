import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BurdenError, EXIT } from '../errors.js';
import { datasetManifestSchema } from '../schema/dataset.js';
import { type Parameter, parameterSchema } from '../schema/parameter.js';
import { schemaError } from '../schema/issues.js';
import { AMOUNT_UNITS, type RuleSet, checkParameterRanges, ruleSetSchema } from '../schema/rules.js';
import { type Register, type RegisterLevel, type ShippedData, listJsonFiles } from './shipped.js';

/**
 * Validation and compilation of the shipped data. Runs at build time (scripts/build.mjs)
 * and, when no compiled copy exists, at run time; user files go through the same checks.
 */
export function readJsonFile(file: string, label = file): unknown {
  let text: string;
  try {
    // Windows editors often save JSON with a byte-order mark; JSON.parse does not accept one.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BurdenError(EXIT.noInput, code === 'ENOENT' ? 'no such file' : `cannot read the file (${code})`, { file: label });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BurdenError(EXIT.dataError, `is not valid JSON: ${(error as Error).message}`, { file: label }, 'check commas and quotes');
  }
}

export function parseParameterFile(file: string, label = file): Parameter {
  const result = parameterSchema.safeParse(readJsonFile(file, label));
  if (!result.success) throw schemaError(label, result.error);
  const expected = label.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (label.endsWith('.json') && result.data.name !== expected && label.includes('data/parameters')) {
    throw new BurdenError(EXIT.dataError, `key "name": "${result.data.name}" does not match the file name`, { file: label },
      `name the file ${result.data.name}.json`);
  }
  return result.data;
}

/** A rule file: its schema, then every parameter it points at must exist with a fitting unit. */
export function parseRuleFile(file: string, label: string, parameters: readonly Parameter[]): RuleSet {
  const result = ruleSetSchema.safeParse(readJsonFile(file, label));
  if (!result.success) throw schemaError(label, result.error);
  const byName = new Map(parameters.map((p) => [p.name, p]));
  result.data.programmes.forEach((programme, index) => {
    for (const [field, units] of Object.entries(AMOUNT_UNITS)) {
      const ref = (programme as Record<string, unknown>)[field];
      if (typeof ref !== 'object' || ref === null) continue;
      const name = (ref as { parameter: string }).parameter;
      const parameter = byName.get(name);
      const key = `programmes.${index}.${field}.parameter`;
      if (!parameter) {
        throw new BurdenError(EXIT.dataError, `key "${key}": no parameter "${name}"`, { file: label }, 'see burden params for the parameters');
      }
      if (!units.includes(parameter.unit)) {
        throw new BurdenError(EXIT.dataError, `key "${key}": parameter "${name}" is in ${parameter.unit}, ${field} needs ${units.join(' or ')}`, { file: label });
      }
    }
  });
  // A share must not point at a parameter that may leave 0–100 %: checked for shipped rules at
  // build time, for a user's rule file when it is read.
  checkParameterRanges(result.data, parameters, label);
  return result.data;
}

export function compileShippedData(root: string): ShippedData {
  const parameterDir = join(root, 'data', 'parameters');
  const parameters = listJsonFiles(parameterDir).map((f) => parseParameterFile(join(parameterDir, f), `data/parameters/${f}`));
  const rulesDir = join(root, 'data', 'rules');
  const rules = listJsonFiles(rulesDir).map((f) => {
    const ruleSet = parseRuleFile(join(rulesDir, f), `data/rules/${f}`, parameters);
    if (`${ruleSet.id}.json` !== f) {
      throw new BurdenError(EXIT.dataError, `key "id": "${ruleSet.id}" does not match the file name`, { file: `data/rules/${f}` });
    }
    return ruleSet;
  });
  const manifestFile = join(root, 'data', 'datasets', 'datasets.json');
  const manifest = datasetManifestSchema.safeParse(readJsonFile(manifestFile, 'data/datasets/datasets.json'));
  if (!manifest.success) throw schemaError('data/datasets/datasets.json', manifest.error);
  return { parameters, rules, datasets: manifest.data };
}

/** The register split by level; Gemeinden are found by AGS (8 digits) and by ARS (12). */
export function compileRegister(root: string): Record<RegisterLevel, Register> {
  const text = readFileSync(join(root, 'data', 'datasets', 'register-2024.csv'), 'utf8');
  const rows = parse(text, { columns: true }) as { ags: string; ars: string; name: string; level: RegisterLevel; population: string }[];
  const levels: Record<RegisterLevel, Register> = { land: {}, regbez: {}, kreis: {}, verband: {}, gemeinde: {} };
  for (const row of rows) {
    const entry: [string, number, RegisterLevel] = [row.name, Number(row.population), row.level];
    levels[row.level][row.ags] = entry;
    if (row.ars) levels[row.level][row.ars] = entry;
  }
  return levels;
}
