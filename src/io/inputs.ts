// Longer than ~300 lines on purpose: the one place that turns any input (one file, three joined files, the parallel path) into rows, with the register look-up and the key-order guard they share.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BurdenError, EXIT, quote, usageError } from '../errors.js';
import { parseCount } from './numbers.js';
import type { InputRow } from '../engine/types.js';
import type { WarningCollector } from '../engine/method.js';
import { type CanonicalField, type ColumnMap, mapColumns, normalizeHeader } from './columns.js';
import { type CsvFile, openCsv } from './csv.js';
import { type PartialRow, RowReader } from './rows.js';
import { KeyGuard, RESCAN } from './key-guard.js';
import { REGISTER_LEVEL_BY_LENGTH, loadRegister } from './shipped.js';
import { type InputSource, sourceFrom } from './source.js';

/** What an output says about each input file: enough to prove which bytes produced it. */
export interface InputFileInfo {
  role: 'combined' | 'population' | 'eu2' | 'insured';
  file: string;
  sha256: string;
  rows: number;
  /** How a file that is not a plain CSV was read (a GENESIS export: lines skipped, EU2 derived). */
  notes?: readonly string[];
}

export interface InputOptions {
  columns: ReadonlyMap<CanonicalField, string>;
  /** Skip rows whose keys are missing from another file, or whose eu2 is unknown, with a warning. */
  allowMissing: boolean;
  warnings: WarningCollector;
  /**
   * Warn of keys whose population is found nowhere (default). Off where no figure rests on
   * population: a projection without programme rules, a growth series.
   */
  populationMatters?: boolean;
  /**
   * Keep only rows whose key passes (calc --land): the others are counted and their keys
   * checked for duplicates, but they are not looked up, warned about or handed on.
   */
  keep?: (ags: string) => boolean;
}

export interface InputPlan {
  files: InputFileInfo[];
  /** True when at least one population came from the shipped register. */
  populationFromRegister: () => boolean;
  /** The years seen in a `year` column (empty when there is none). */
  years: () => ReadonlySet<number>;
  batches: () => AsyncGenerator<InputRow[]>;
  /** False when no input has an insured column at all (so every count would be estimated). */
  hasInsuredColumn: boolean;
  /** Whether any input has a year column (rows of several years possible). */
  hasYearColumn: boolean;
  /** A quote-free combined file on disk, which calc may read in parallel; null otherwise. */
  plain?: PlainFileSpec | null;
  /** The duplicate-key guard of a combined file and how to read its rows again. */
  keyGuard?: { guard: KeyGuard; rows: () => AsyncGenerator<PartialRow[]> };
}

export const keyOf = (row: { ags: string; year: number | null }): string => (row.year === null ? row.ags : `${row.ags}@${row.year}`);
const describeKey = (key: string): string => key.replace('@', ' in ');

async function openMapped(source: InputSource, role: InputFileInfo['role'], options: InputOptions, required: string[][]): Promise<{ csv: CsvFile; reader: RowReader; columns: ColumnMap }> {
  const csv = await openCsv(source);
  // Three files: each --column applies to the file that has that header (joinedInput checks that one has).
  const has = (wanted: string): boolean => csv.header.some((h) => normalizeHeader(h.replace(/^\uFEFF/, '')) === normalizeHeader(wanted));
  const overrides = role === 'combined' ? options.columns : new Map([...options.columns].filter(([, wanted]) => has(wanted)));
  // csv.source.name: an Excel sheet is named with its file ("book.xlsx (sheet "Daten")").
  const columns = mapColumns(csv.header, overrides, csv.source.name);
  const reader = new RowReader(csv.source.name, csv.header, columns, csv.delimiter);
  for (const alternatives of required) {
    if (!alternatives.some((field) => field.split('+').every((f) => reader.has(f as CanonicalField)))) throw missingColumn(csv, role, alternatives);
  }
  return { csv, reader, columns };
}

/** A required column is missing: say why when the cause is plain (no header, mixed delimiters). */
function missingColumn(csv: CsvFile, role: InputFileInfo['role'], alternatives: string[]): BurdenError {
  const at = { file: csv.source.name, line: 1 };
  const headerText = csv.header.join(csv.delimiter);
  // A header cell that reads as a number (a key, a count) means the file starts with data.
  if (csv.header.some((cell) => cell.trim() !== '-' && parseCount(cell).kind === 'value')) {
    return new BurdenError(EXIT.dataError, `the first line looks like data, not a header: ${quote(headerText)}`, at,
      'add a first line naming the columns, e.g. ags,name,eu2,insured');
  }
  const wanted = alternatives.map((a) => a.replace('+', ' and ')).join(' or ');
  const mixed = [',', ';', '\t'].find((d) => d !== csv.delimiter && headerText.includes(d));
  const hint = mixed === undefined ? '' : ` (it also contains ${mixed === '\t' ? 'tab' : `"${mixed}"`}: are the delimiters mixed?)`;
  return new BurdenError(EXIT.dataError, `no column for ${wanted} (the ${role} input needs it)`, at,
    `the header is ${quote(headerText)}${hint}; rename a column or map it with --column ${alternatives[0]?.split('+')[0]}=Header`);
}

export const noDataRows = (source: InputSource): BurdenError =>
  new BurdenError(EXIT.dataError, 'the header is the only line: there are no data rows', { file: source.name, line: 1 },
    'add one row per municipality below the header');

/** Whether a row lacks what the register can give: its population or its name. */
export const needsRegister = (row: InputRow): boolean => row.population === null || row.name === '';

/**
 * Fill population (and an empty name) from the register where the input has none; remember
 * keys found nowhere. `usedRegister` says whether any population came from the register.
 */
export class PopulationLookup {
  usedRegister = false;

  async fill(row: InputRow, options: InputOptions): Promise<void> {
    if (!needsRegister(row)) return;
    const level = REGISTER_LEVEL_BY_LENGTH[row.ags.length];
    const entry = level ? (await loadRegister(level))[row.ags] : undefined;
    if (row.population !== null) {
      if (entry) row.name = entry[0];
      return;
    }
    if (entry) {
      // The same check as for a population in the input: more EU2 residents than inhabitants
      // means the key names another area than the counts (a Gemeinde key on Kreis figures).
      if (row.eu2 > entry[1]) {
        throw new BurdenError(EXIT.dataError, `eu2 ${row.eu2} is larger than the population of ${row.ags} (${entry[0]}) in the shipped register, ${entry[1]}`,
          { ...row.origin, column: 'eu2', value: String(row.eu2) }, 'check that the key names the area the counts are for, or give a population column');
      }
      row.population = entry[1];
      row.populationFrom = 'register';
      if (row.name === '') row.name = entry[0];
      this.usedRegister = true;
    } else if (options.populationMatters !== false) {
      options.warnings.add('population-unknown', 'population unknown (not in the input, key not in the register); per-inhabitant figures left empty',
        `${row.ags} (${row.origin.file}:${row.origin.line})`);
    }
  }
}

export function toInputRow(partial: PartialRow, options: InputOptions): InputRow | null {
  for (const cell of partial.excel ?? []) {
    options.warnings.add('excel-error', 'spreadsheet error values read as unknown (a formula failed in the file\'s spreadsheet)',
      `${partial.origin.file}:${partial.origin.line} column "${cell.column}": ${cell.value}`);
  }
  if (partial.eu2 === null || partial.eu2 === undefined) {
    const excel = partial.excel?.find((cell) => cell.field === 'eu2' || cell.field === 'bg' || cell.field === 'ro');
    if (options.allowMissing) {
      options.warnings.add('eu2-unknown', 'rows skipped: EU2 residents unknown', `${partial.ags} (${partial.origin.file}:${partial.origin.line})`);
      return null;
    }
    if (excel) {
      throw new BurdenError(EXIT.dataError, `EU2 residents unknown: the cell holds the spreadsheet error ${excel.value} (a formula that failed), so the cost cannot be computed`,
        { ...partial.origin, column: excel.column, value: excel.value }, 'correct the formula and export again, or --allow-missing to skip such rows with a warning');
    }
    throw new BurdenError(EXIT.dataError, 'EU2 residents unknown: the cost cannot be computed', { ...partial.origin, column: 'eu2' },
      'give a count, or --allow-missing to skip such rows with a warning');
  }
  return {
    ags: partial.ags,
    name: partial.name,
    year: partial.year,
    population: partial.population ?? null,
    populationFrom: partial.population === null || partial.population === undefined ? null : 'input',
    eu2: partial.eu2,
    insured: partial.insured ?? null,
    origin: partial.origin,
  };
}

function duplicateKey(key: string, first: number | undefined, row: PartialRow): BurdenError {
  return new BurdenError(EXIT.dataError, `key ${describeKey(key)} appears twice (first on line ${first})`, { ...row.origin, column: 'ags', value: row.ags },
    'each municipality may appear once per year; add a year column if the rows are for different years');
}

/**
 * What a quote-free combined file needs to be read in pieces by worker threads (calc's
 * parallel csv path): everything that defines how a line becomes a row.
 */
export interface PlainFileSpec {
  path: string;
  name: string;
  encoding: 'utf-8' | 'windows-1252';
  /** The bytes that are text (ScanResult.textLength): a Ctrl-Z at the end is not read, on either path. */
  textLength: number;
  delimiter: string;
  header: string[];
  columns: ColumnMap;
  hasYear: boolean;
}

/** The steps after parsing a row, shared by the sequential reader and the parallel workers. */
export class RowAssembler {
  rows = 0;
  readonly years = new Set<number>();
  readonly lookup = new PopulationLookup();
  constructor(private readonly options: InputOptions) {}

  /** Count the row and make it an input row; null when --allow-missing skips it, or it is not kept. */
  take(partial: PartialRow): InputRow | null {
    this.rows += 1;
    if (partial.year !== null) this.years.add(partial.year);
    if (this.options.keep && !this.options.keep(partial.ags)) return null;
    return toInputRow(partial, this.options);
  }

  /** Population from the register, only for rows without one (it may need to load a file). */
  fill(row: InputRow): Promise<void> {
    return this.lookup.fill(row, this.options);
  }
}

/** Every key before a line, with its line: read again when the keys turn out unsorted. */
async function keysBefore(rows: () => AsyncGenerator<PartialRow[]>, line: number): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for await (const batch of rows()) {
    for (const row of batch) {
      if (row.origin.line >= line) return keys;
      keys.set(keyOf(row), row.origin.line);
    }
  }
  return keys;
}

/** Check one key against the guard, reading earlier keys once if the file is not sorted. */
export async function checkKeyOrder(guard: KeyGuard, partial: PartialRow, rows: () => AsyncGenerator<PartialRow[]>): Promise<void> {
  const key = keyOf(partial);
  const line = partial.origin.line;
  let first = guard.check(key, line);
  if (first === RESCAN) {
    guard.remember(await keysBefore(rows, line));
    first = guard.check(key, line);
  }
  if (first !== undefined && first !== RESCAN) throw duplicateKey(key, first, partial);
}

/** One CSV holding every column: streamed, batch by batch. */
export async function combinedInput(source: InputSource, options: InputOptions): Promise<InputPlan> {
  const { csv, reader, columns } = await openMapped(source, 'combined', options, [['ags'], ['eu2', 'bg+ro']]);
  const info: InputFileInfo = { role: 'combined', file: source.name, sha256: csv.scan.sha256, rows: 0, ...(csv.notes ? { notes: csv.notes } : {}) };
  const assembler = new RowAssembler(options);
  const guard = new KeyGuard();
  /**
   * Rows in batches, as read: quote-free files line by line without splitting (the fast
   * path), all others as csv-parse records. Both give the same rows.
   */
  async function* partialBatches(): AsyncGenerator<PartialRow[]> {
    const lines = csv.lines;
    if (lines) {
      for await (const batch of lines()) yield batch.texts.map((text, i) => reader.readLine(text, batch.lines[i] ?? 0));
    } else {
      for await (const records of csv.batches()) yield records.map((record) => reader.read(record));
    }
  }
  async function* batches(): AsyncGenerator<InputRow[]> {
    for await (const partials of partialBatches()) {
      const out: InputRow[] = [];
      for (const partial of partials) {
        await checkKeyOrder(guard, partial, partialBatches);
        const row = assembler.take(partial);
        if (!row) continue;
        if (needsRegister(row)) await assembler.fill(row);
        out.push(row);
      }
      info.rows = assembler.rows;
      yield out;
    }
    if (assembler.rows === 0) throw noDataRows(source);
  }
  const hasInsuredColumn = reader.has('insured') || (reader.has('insured_bg') && reader.has('insured_ro'));
  const plain: PlainFileSpec | null = csv.lines
    ? { path: csv.path, name: source.name, encoding: csv.scan.encoding, textLength: csv.scan.textLength, delimiter: csv.delimiter, header: csv.header, columns, hasYear: reader.has('year') }
    : null;
  return {
    files: [info],
    populationFromRegister: () => assembler.lookup.usedRegister,
    years: () => assembler.years,
    batches,
    hasInsuredColumn,
    hasYearColumn: reader.has('year'),
    plain,
    keyGuard: { guard, rows: partialBatches },
  };
}

async function readAll(source: InputSource, role: InputFileInfo['role'], options: InputOptions, required: string[][]):
  Promise<{ info: InputFileInfo; rows: Map<string, PartialRow>; insuredColumn: string; header: string[] }> {
  const { csv, reader } = await openMapped(source, role, options, required);
  const rows = new Map<string, PartialRow>();
  for await (const records of csv.batches()) {
    for (const record of records) {
      const row = reader.read(record);
      const key = keyOf(row);
      const first = rows.get(key);
      if (first) throw duplicateKey(key, first.origin.line, row);
      rows.set(key, row);
    }
  }
  if (rows.size === 0) throw noDataRows(source);
  return { info: { role, file: source.name, sha256: csv.scan.sha256, rows: rows.size, ...(csv.notes ? { notes: csv.notes } : {}) }, rows, insuredColumn: reader.columnName('insured'), header: csv.header };
}

function yearsOf(rows: Map<string, PartialRow>): string {
  const years = [...new Set([...rows.values()].map((r) => r.year ?? 'none'))].sort();
  return years.join(', ');
}

/**
 * Three files joined on the key (ags, and year where given): EU2 residents lead, population
 * and insured counts are looked up. Keys present in one file and not another are an error
 * listing up to ten of them, unless --allow-missing skips them with a warning.
 */
export async function joinedInput(
  files: { population?: InputSource; eu2: InputSource; insured?: InputSource },
  options: InputOptions,
): Promise<InputPlan> {
  // Checked before reading: standard input given twice would read as empty the second time.
  if ([files.population, files.insured].some((f) => f && f.name === files.eu2.name) ||
    (files.population && files.insured && files.population.name === files.insured.name)) {
    throw usageError('the same file is given for two inputs', 'give one file per input, or use the combined form: burden calc FILE');
  }
  const eu2 = await readAll(files.eu2, 'eu2', options, [['ags'], ['eu2', 'bg+ro']]);
  const others: { role: 'population' | 'insured'; data: Awaited<ReturnType<typeof readAll>> }[] = [];
  if (files.population) others.push({ role: 'population', data: await readAll(files.population, 'population', options, [['ags'], ['population']]) });
  if (files.insured) others.push({ role: 'insured', data: await readAll(files.insured, 'insured', options, [['ags'], ['insured', 'insured_bg+insured_ro']]) });
  // Every --column must name a header of one of the files.
  const headers = [eu2, ...others.map((o) => o.data)].flatMap((d) => d.header.map((h) => normalizeHeader(h.replace(/^\uFEFF/, ''))));
  for (const [field, wanted] of options.columns) {
    if (!headers.includes(normalizeHeader(wanted))) {
      const names = [files.eu2.name, ...others.map((o) => o.data.info.file)].join(', ');
      throw usageError(`--column ${field}=${wanted}: none of ${names} has a column ${quote(wanted)}`, 'give the header as the file writes it');
    }
  }

  const skipped = new Set<string>();
  for (const { role, data } of others) {
    const onlyEu2 = [...eu2.rows.keys()].filter((k) => !data.rows.has(k));
    const onlyOther = [...data.rows.keys()].filter((k) => !eu2.rows.has(k));
    if (onlyEu2.length === 0 && onlyOther.length === 0) continue;
    const eu2Years = yearsOf(eu2.rows);
    const otherYears = yearsOf(data.rows);
    if (!options.allowMissing) {
      if (eu2Years !== otherYears) {
        const firstRow = data.rows.values().next().value;
        throw new BurdenError(EXIT.dataError, `the files are for different years: ${files.eu2.name} has ${eu2Years}, ${data.info.file} has ${otherYears}`,
          { file: data.info.file, ...(firstRow ? { line: firstRow.origin.line } : {}) }, eu2Years.includes('none') || otherYears.includes('none')
            ? 'join files of the same reference year, or give each a year column'
            : 'join files of the same reference years, or filter them to the years they share');
      }
      const list = (keys: string[]): string => keys.slice(0, 10).map(describeKey).join(', ') + (keys.length > 10 ? `, and ${keys.length - 10} more` : '');
      const parts = [];
      if (onlyEu2.length) parts.push(`${onlyEu2.length} key${onlyEu2.length === 1 ? '' : 's'} of ${files.eu2.name} missing from ${data.info.file}: ${list(onlyEu2)}`);
      if (onlyOther.length) parts.push(`${onlyOther.length} key${onlyOther.length === 1 ? '' : 's'} of ${data.info.file} missing from ${files.eu2.name}: ${list(onlyOther)}`);
      // Point at the first row that has no partner, so an editor can jump to it.
      const firstMissing = onlyEu2.length ? eu2.rows.get(onlyEu2[0] ?? '') : data.rows.get(onlyOther[0] ?? '');
      throw new BurdenError(EXIT.dataError, parts.join('; '), firstMissing ? { ...firstMissing.origin } : { file: data.info.file },
        'add the missing rows, or --allow-missing to skip them with a warning');
    }
    // One warning per file pair, each key once, even when it is missing from two files.
    for (const key of [...onlyEu2, ...onlyOther]) {
      if (skipped.has(key)) continue;
      skipped.add(key);
      const where = onlyEu2.includes(key) ? `not in ${data.info.file}` : `not in ${files.eu2.name}`;
      options.warnings.add(`key-missing-${role}`, `keys skipped: not in every input file (${role} input)`, `${describeKey(key)} (${where})`);
    }
  }

  const lookup = new PopulationLookup();
  const years = new Set<number>();
  async function* batches(): AsyncGenerator<InputRow[]> {
    const out: InputRow[] = [];
    for (const [key, partial] of eu2.rows) {
      if (skipped.has(key) || (options.keep && !options.keep(partial.ags))) continue;
      const joinedFrom = [];
      let insuredAt: InputRow['insuredAt'];
      // The EU2 file's own population and insured columns count too; a dedicated file, where
      // it has the key, gives the value.
      const merged: PartialRow = { ...partial };
      for (const { role, data } of others) {
        const other = data.rows.get(key);
        if (!other) continue;
        joinedFrom.push(other.origin);
        if (role === 'insured') insuredAt = { ...other.origin, column: data.insuredColumn };
        if (role === 'population') merged.population = other.population ?? null;
        else merged.insured = other.insured ?? null;
        if (merged.name === '' && other.name !== '') merged.name = other.name;
      }
      if (typeof merged.population === 'number' && typeof merged.eu2 === 'number' && merged.eu2 > merged.population) {
        throw new BurdenError(EXIT.dataError, `eu2 ${merged.eu2} is larger than population ${merged.population}`,
          { ...partial.origin, column: 'eu2', value: String(merged.eu2) }, 'check that both files refer to the same areas and date');
      }
      const row = toInputRow(merged, options);
      if (!row) continue;
      if (joinedFrom.length) row.joinedFrom = joinedFrom;
      if (insuredAt) row.insuredAt = insuredAt;
      if (row.year !== null) years.add(row.year);
      await lookup.fill(row, options);
      out.push(row);
    }
    yield out;
  }
  return {
    files: [eu2.info, ...others.map((o) => o.data.info)],
    populationFromRegister: () => lookup.usedRegister,
    years: () => years,
    batches,
    hasInsuredColumn: files.insured !== undefined || eu2.rows.values().next().value?.insured !== undefined,
    // A joined row has a year when its key has one (io/rows.ts keyOf).
    hasYearColumn: [eu2.rows, ...others.map((o) => o.data.rows)].some((rows) => [...rows.values()].some((row) => row.year !== null)),
  };
}

/**
 * What to do with an unknown insured count: estimate it (flagged), or refuse the input (calc
 * without --impute-insured).
 */
export type MissingInsured = 'impute' | 'refuse';

/**
 * The CSV input of calc or a projection: one combined file (`name`, when given, is what the
 * output calls it: the shipped data is named data/datasets/…, wherever the package is
 * installed; `copyOf`, when given, is the file it is a faithful copy of, whose hash the
 * output shows and which -o must not overwrite either), or three files joined on the key.
 */
export type InputFiles =
  | { combined: string; name?: string; copyOf?: string }
  | { eu2: string; population?: string | undefined; insured?: string | undefined };

/** Open the input files as one plan, with the paths -o must not overwrite and a description. */
export async function openInputFiles(files: InputFiles, inputOptions: InputOptions): Promise<{ plan: InputPlan; paths: string[]; description: string }> {
  if ('combined' in files) {
    const source = { ...sourceFrom(files.combined), ...(files.name !== undefined ? { name: files.name } : {}) };
    const plan = await combinedInput(source, inputOptions);
    const { copyOf } = files;
    // The plan counts its rows into this info as they are read: set the hash on it, not on a copy.
    if (copyOf !== undefined) for (const info of plan.files) info.sha256 = createHash('sha256').update(readFileSync(copyOf)).digest('hex');
    return {
      plan,
      paths: files.combined === '-' ? [] : [files.combined, ...(copyOf !== undefined ? [copyOf] : [])],
      description: files.combined === '-' ? 'standard input' : source.name,
    };
  }
  const plan = await joinedInput({
    eu2: sourceFrom(files.eu2),
    ...(files.population !== undefined ? { population: sourceFrom(files.population) } : {}),
    ...(files.insured !== undefined ? { insured: sourceFrom(files.insured) } : {}),
  }, inputOptions);
  const paths = [files.eu2, files.population, files.insured].filter((p): p is string => p !== undefined && p !== '-');
  return { plan, paths, description: plan.files.map((f) => f.file).join(' + ') };
}
