import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BurdenError, EXIT } from '../errors.js';
import { datasetManifestSchema } from '../schema/dataset.js';
import { type Parameter, parameterSchema } from '../schema/parameter.js';
import { schemaError } from '../schema/issues.js';
import { AMOUNT_UNITS } from '../schema/bounds.js';
import { type RuleSet, checkParameterRanges, ruleSetSchema } from '../schema/rules.js';
import { findDuplicateKey } from './strict-json.js';
import { hexByte, lineAt, scanUtf8, windows1252Char } from './utf8.js';
import { type Register, type RegisterLevel, type ShippedData, listJsonFiles } from './shipped.js';

/**
 * Validation and compilation of the shipped data. Runs at build time (scripts/build.mjs)
 * and, when no compiled copy exists, at run time; user files go through the same checks.
 */
export function readJsonFile(file: string, label = file): unknown {
  let bytes: Buffer;
  try {
    // Read once, whole: the file may be a pipe or FIFO (`burden rules check <(cat r.json)`).
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BurdenError(EXIT.noInput, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code})`, { file: label });
  }
  // Windows editors often save JSON with a byte-order mark; JSON.parse does not accept one.
  const text = decodeJson(bytes, label).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // The message quotes an excerpt of the file: BurdenError.format makes it terminal-safe.
    throw new BurdenError(EXIT.dataError, `is not valid JSON: ${(error as Error).message}`, { file: label }, 'check commas and quotes');
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw new BurdenError(EXIT.dataError, `key "${duplicate.path}" appears twice (lines ${duplicate.firstLine} and ${duplicate.line}): JSON would keep only the last`,
      { file: label, line: duplicate.line }, 'remove one of them');
  }
  return json;
}

/**
 * JSON files are UTF-8 (RFC 8259). Anything else is refused saying what it is, rather than read
 * with U+FFFD for every umlaut (Windows-1252) or a NUL between letters (UTF-16).
 */
function decodeJson(bytes: Buffer, label: string): string {
  const refuse = (message: string, line?: number): BurdenError =>
    new BurdenError(EXIT.dataError, message, line === undefined ? { file: label } : { file: label, line }, 'save the file as UTF-8');
  const bom = bytes.length >= 2 ? bytes.readUInt16BE(0) : -1;
  if (bom === 0xfffe || bom === 0xfeff) throw refuse('is UTF-16 text, not UTF-8');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw refuse(`is not UTF-8 text: a NUL byte at byte ${nul}${nul <= 1 ? ' (UTF-16 without a byte-order mark?)' : ''}`, lineAt(bytes, nul));
  if (!isUtf8(bytes)) {
    const { firstInvalid } = scanUtf8(bytes);
    const byte = bytes[firstInvalid] ?? 0;
    const guess = windows1252Char(byte);
    throw refuse(`is not UTF-8 text: byte ${hexByte(byte)} is not valid UTF-8${guess ? ` (a Windows-1252 "${guess}"?)` : ''}`, lineAt(bytes, firstInvalid));
  }
  return bytes.toString('utf8');
}

export function parseParameterFile(file: string, label = file): Parameter {
  return parseParameterJson(readJsonFile(file, label), label);
}

/** A parameter file's content, already read (a file is read once: it may be a pipe). */
export function parseParameterJson(json: unknown, label: string): Parameter {
  const result = parameterSchema.safeParse(json);
  if (!result.success) throw schemaError(label, result.error, json);
  const expected = label.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (label.endsWith('.json') && result.data.name !== expected && label.includes('data/parameters')) {
    throw new BurdenError(EXIT.dataError, `key "name": "${result.data.name}" does not match the file name`, { file: label },
      `name the file ${result.data.name}.json`);
  }
  return result.data;
}

/** A rule file: its schema, then every parameter it points at must exist with a fitting unit. */
export function parseRuleFile(file: string, label: string, parameters: readonly Parameter[]): RuleSet {
  return parseRuleJson(readJsonFile(file, label), label, parameters);
}

/** A rule file's content, already read (a file is read once: it may be a pipe). */
export function parseRuleJson(json: unknown, label: string, parameters: readonly Parameter[]): RuleSet {
  const result = ruleSetSchema.safeParse(json);
  if (!result.success) throw schemaError(label, result.error, json);
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
  const manifestJson = readJsonFile(manifestFile, 'data/datasets/datasets.json');
  const manifest = datasetManifestSchema.safeParse(manifestJson);
  if (!manifest.success) throw schemaError('data/datasets/datasets.json', manifest.error, manifestJson);
  return { parameters, rules, datasets: manifest.data };
}

/**
 * Tab-separated copies of the shipped CSV datasets, for dist/datasets/: the same records, line
 * for line, with no quote in them, so the CLI reads them on the csv fast path (io/csv.ts) and
 * never loads csv-parse for its own data. Measured: csv-parse takes ~30 ms to load and read the
 * 394 lines of the default input, whose names carry commas ("Flensburg, kreisfreie Stadt") —
 * about a seventh of the start-up of `burden calc`. A dataset with a field that a plain copy
 * cannot hold (a tab, quote or line break) gets none and is read from data/ as before.
 */
export function plainDatasetCopies(root: string, datasets: readonly { file: string }[]): Map<string, string> {
  const copies = new Map<string, string>();
  for (const { file } of datasets) {
    if (!file.endsWith('.csv')) continue;
    const text = readFileSync(join(root, 'data', 'datasets', file), 'utf8');
    const records = parse(text, { relax_column_count: false }) as string[][];
    // A record spanning lines would shift every later line number: no copy for such a file.
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    if (lines.length !== records.length || records.some((fields) => fields.some((field) => /[\t"\r\n]/.test(field)))) continue;
    copies.set(file, records.map((fields) => fields.join('\t')).join('\n') + '\n');
  }
  return copies;
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
