import { BurdenError, EXIT, quote } from '../errors.js';
import type { Origin } from '../engine/types.js';
import type { ColumnMap, CanonicalField } from './columns.js';
import type { CsvRecord } from './csv.js';
import { MAX_COUNT, parseCount, plainCount } from './numbers.js';

/**
 * Turning CSV records into typed rows: the schema of an input row. Each cell is checked
 * where it is read, and a bad one stops the run with its file, line, column and value.
 * (Rows are checked by hand rather than with zod: this runs for every row of inputs with
 * millions of rows, and the messages need the header as the user wrote it.)
 */
export interface PartialRow {
  ags: string;
  name: string;
  year: number | null;
  /** undefined: no such column; null: the cell says "unknown". */
  population?: number | null;
  eu2?: number | null;
  insured?: number | null;
  origin: Origin;
  /** Count cells holding a spreadsheet error value (#DIV/0!), read as unknown: for messages. */
  excel?: { field: CanonicalField; column: string; value: string }[];
}

/** Lengths of official keys: Land 2, Regierungsbezirk 3, Kreis 5, Gemeinde 8, Verband 9, ARS 12. */
const KEY_LENGTHS = new Set([2, 3, 5, 8, 9, 12]);

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Years a statistical count can be for: anything else is a typo (0000, 20019). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** What a column holds, as a small integer so the per-line loop compares numbers. */
const enum Role { none, ags, name, year, population, eu2, bg, ro, insured, insuredBg, insuredRo }
const ROLE_OF: Record<CanonicalField, Role> = {
  ags: Role.ags, name: Role.name, year: Role.year, population: Role.population, eu2: Role.eu2, bg: Role.bg, ro: Role.ro,
  insured: Role.insured, insured_bg: Role.insuredBg, insured_ro: Role.insuredRo,
};

/** The value of text[start, end) when it is 1 to 10 plain digits, else -1; no allocation. */
function digitsAt(text: string, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A valid key as it stands (the hot path: no allocation), or an error naming what is wrong. */
export function checkKey(raw: string, at: () => { file: string; line: number; column: string }): string {
  if (KEY_LENGTHS.has(raw.length) && isDigits(raw)) return raw;
  const key = raw.trim();
  if (KEY_LENGTHS.has(key.length) && isDigits(key)) return key;
  const where = { ...at(), value: raw };
  if (key === '') {
    throw new BurdenError(EXIT.dataError, 'the key is empty', where, 'every row needs an official key, the AGS');
  }
  if (!isDigits(key)) {
    throw new BurdenError(EXIT.dataError, `key ${quote(raw)} is not an official key: keys are digits only`, where,
      'check the key column: an official key (AGS, ARS) has 2, 3, 5, 8, 9 or 12 digits');
  }
  // A spreadsheet that read the key as a number dropped its leading zero: 05913000 → 5913000.
  // Land codes run from 01 to 16, so one lost zero is the only case that happens.
  if (KEY_LENGTHS.has(key.length + 1) && !key.startsWith('0')) {
    const wanted = key.length + 1;
    throw new BurdenError(EXIT.dataError,
      `key ${quote(raw)} has ${key.length} digits: it looks like ${wanted === 8 ? 'an' : 'a'} ${wanted}-digit key that lost its leading zero`,
      where, `write 0${key}; format the key column as text before exporting`);
  }
  throw new BurdenError(EXIT.dataError, `key ${quote(raw)} has ${key.length} digits, which no official key has`, where,
    'official keys have 2, 3, 5, 8, 9 or 12 digits: Land, Regierungsbezirk, Kreis, Gemeinde, Verband, ARS');
}

export class RowReader {
  private readonly columns: ColumnMap;
  private readonly header: readonly string[];
  private readonly file: string;
  private readonly delimiter: string | undefined;

  /** `delimiter` is the file's, so a row written with another one can be named as such. */
  constructor(file: string, header: readonly string[], columns: ColumnMap, delimiter?: string) {
    this.file = file;
    this.header = header;
    this.columns = columns;
    this.delimiter = delimiter;
  }

  has(field: CanonicalField): boolean {
    return this.columns[field] !== undefined;
  }

  /** The header the file itself gives a field (e.g. "SVB" for insured), for messages. */
  columnName(field: CanonicalField): string {
    return this.header[this.columns[field] ?? -1]?.trim() ?? field;
  }

  private at(record: CsvRecord, field: CanonicalField): { file: string; line: number; column: string } {
    return { file: this.file, line: record.line, column: this.header[this.columns[field] ?? 0]?.trim() ?? field };
  }

  private cell(record: CsvRecord, field: CanonicalField): string | undefined {
    const index = this.columns[field];
    return index === undefined ? undefined : record.fields[index];
  }

  /** A count column: undefined when absent, null when unknown. */
  private count(record: CsvRecord, field: CanonicalField): number | null | undefined {
    const raw = this.cell(record, field);
    if (raw === undefined) return undefined;
    const plain = plainCount(raw);
    if (plain >= 0) return plain;
    const parsed = parseCount(raw);
    if (parsed.kind === 'value') return parsed.value;
    if (parsed.kind === 'unknown') {
      if (parsed.excel !== undefined) (this.excelCells ??= []).push({ field, column: this.at(record, field).column, value: parsed.excel });
      return null;
    }
    throw new BurdenError(EXIT.dataError, `${quote(raw)} ${parsed.reason}`, { ...this.at(record, field), value: raw }, parsed.suggestion);
  }

  /** A total given directly or as the sum of its Bulgarian and Romanian parts. */
  private sum(record: CsvRecord, total: CanonicalField, parts: [CanonicalField, CanonicalField]): number | null | undefined {
    const [a, b] = parts.map((p) => this.count(record, p));
    if (this.has(total)) {
      const given = this.count(record, total);
      // Both a total and its parts: they must agree, or one of them is wrong and we cannot tell which.
      if (typeof given === 'number' && typeof a === 'number' && typeof b === 'number' && given !== a + b) {
        const raw = this.cell(record, total) ?? '';
        throw new BurdenError(EXIT.dataError, `${total} is ${raw.trim() === String(given) ? given : `${quote(raw)} (${given})`}, but ${parts.join(' + ')} is ${a + b}`,
          { ...this.at(record, total), value: raw }, `correct the row, or drop the ${total} column or the ${parts.join(' and ')} columns`);
      }
      // An unknown total ("." in a Destatis export) beside known parts: the parts say it.
      if (given === null && typeof a === 'number' && typeof b === 'number') return this.checkedSum(record, parts, a + b);
      return given;
    }
    if (a === undefined || b === undefined) return undefined;
    if (a === null || b === null) return null;
    return this.checkedSum(record, parts, a + b);
  }

  private checkedSum(record: CsvRecord, parts: [CanonicalField, CanonicalField], sum: number): number {
    if (sum > MAX_COUNT) {
      throw new BurdenError(EXIT.dataError, `${parts.join(' + ')} is ${sum}, too large to be a count of persons`,
        { ...this.at(record, parts[0]), value: String(sum) }, 'no area has more than 10,000,000,000 inhabitants; check the columns');
    }
    return sum;
  }

  /**
   * A line of a quote-free file, parsed without splitting it into fields: the hot path of
   * large inputs. Only plain cells are taken here (digits, valid keys, four-digit years);
   * any other line goes through read() on its split fields, which gives the same row or the
   * same error, so both paths agree by construction (and test/unit/rows.test.ts checks it).
   */
  readLine(text: string, line: number): PartialRow {
    return this.plainLine(text, line) ?? this.read({ fields: text.split(this.delimiter ?? ','), line });
  }

  /** Field roles by column index, for plainLine. */
  private roles: Role[] | undefined;

  private plainLine(text: string, line: number): PartialRow | null {
    const delimiter = this.delimiter;
    if (delimiter === undefined) return null;
    this.roles ??= this.header.map((_, index) => {
      const field = (Object.entries(this.columns) as [CanonicalField, number][]).find(([, i]) => i === index)?.[0];
      return field === undefined ? Role.none : ROLE_OF[field];
    });
    const roles = this.roles;
    let ags: string | null = null;
    let name = '';
    let year: number | null = null;
    // Counts as locals, -1 when the column is absent: no object per row on the hot path.
    let population = -1;
    let eu2 = -1;
    let bg = -1;
    let ro = -1;
    let insured = -1;
    let insuredBg = -1;
    let insuredRo = -1;
    let start = 0;
    for (let col = 0; col < roles.length; col++) {
      const last = col === roles.length - 1;
      const next = text.indexOf(delimiter, start);
      // Too few fields (no delimiter before the last column) or too many (one after it).
      if (last ? next >= 0 : next < 0) return null;
      const end = last ? text.length : next;
      const role = roles[col];
      if (role === Role.ags) {
        if (!KEY_LENGTHS.has(end - start)) return null;
        ags = text.slice(start, end);
        if (!isDigits(ags)) return null;
      } else if (role === Role.name) {
        name = text.slice(start, end).trim();
      } else if (role === Role.year) {
        const value = digitsAt(text, start, end);
        if (end - start !== 4 || value < MIN_YEAR || value > MAX_YEAR) return null;
        year = value;
      } else if (role !== Role.none) {
        const value = digitsAt(text, start, end);
        if (value < 0) return null;
        if (role === Role.population) population = value;
        else if (role === Role.eu2) eu2 = value;
        else if (role === Role.bg) bg = value;
        else if (role === Role.ro) ro = value;
        else if (role === Role.insured) insured = value;
        else if (role === Role.insuredBg) insuredBg = value;
        else insuredRo = value;
      }
      start = end + 1;
    }
    if (ags === null) return null;
    const row: PartialRow = { ags, name, year, origin: { file: this.file, line } };
    if (population >= 0) row.population = population;
    // A total beside its parts that disagree with it: the general path names the row.
    if ((eu2 >= 0 && bg >= 0 && ro >= 0 && eu2 !== bg + ro) || (insured >= 0 && insuredBg >= 0 && insuredRo >= 0 && insured !== insuredBg + insuredRo)) return null;
    if (eu2 < 0 && bg >= 0 && ro >= 0) eu2 = bg + ro;
    if (eu2 >= 0) row.eu2 = eu2;
    if (insured < 0 && insuredBg >= 0 && insuredRo >= 0) insured = insuredBg + insuredRo;
    if (insured >= 0) row.insured = insured;
    // Anything the general path would refuse, it must be the one to refuse.
    if (eu2 > MAX_COUNT || insured > MAX_COUNT || (population >= 0 && eu2 > population)) return null;
    return row;
  }

  /** Spreadsheet error values met in the record being read (see PartialRow.excel). */
  private excelCells: { field: CanonicalField; column: string; value: string }[] | undefined;

  read(record: CsvRecord): PartialRow {
    if (record.fields.length !== this.header.length) throw this.ragged(record);
    this.excelCells = undefined;
    const ags = checkKey(this.cell(record, 'ags') ?? '', () => this.at(record, 'ags'));
    const row: PartialRow = {
      ags,
      name: (this.cell(record, 'name') ?? '').trim(),
      year: this.year(record),
      origin: { file: this.file, line: record.line },
    };
    const population = this.count(record, 'population');
    if (population !== undefined) row.population = population;
    const eu2 = this.sum(record, 'eu2', ['bg', 'ro']);
    if (eu2 !== undefined) row.eu2 = eu2;
    const insured = this.sum(record, 'insured', ['insured_bg', 'insured_ro']);
    if (insured !== undefined) row.insured = insured;
    if (typeof population === 'number' && typeof eu2 === 'number' && eu2 > population) {
      throw new BurdenError(EXIT.dataError, `eu2 ${eu2} is larger than population ${population}`,
        { ...this.at(record, 'population'), value: String(population) }, 'check that both columns refer to the same area and date');
    }
    if (this.excelCells) row.excel = this.excelCells;
    return row;
  }

  private ragged(record: CsvRecord): BurdenError {
    const count = record.fields.length;
    const at = { file: this.file, line: record.line };
    const message = `the row has ${count} field${count === 1 ? '' : 's'}, the header has ${this.header.length}`;
    // One field holding another delimiter: the row (or the header) was written with a different one.
    const other = count === 1 && this.delimiter ? [',', ';', '\t'].find((d) => d !== this.delimiter && record.fields[0]?.includes(d)) : undefined;
    if (other !== undefined) {
      const name = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);
      return new BurdenError(EXIT.dataError, `${message}: the row is separated by ${name(other)}, the header by ${name(this.delimiter ?? '')}`, at,
        'use one delimiter throughout the file');
    }
    const commas = this.delimiter === ',' && count > this.header.length;
    return new BurdenError(EXIT.dataError, message, at,
      `every row needs one value per column; quote fields that contain ${commas ? 'a comma, such as a decimal comma in "12,5"' : 'the delimiter'}`);
  }

  private year(record: CsvRecord): number | null {
    const raw = this.cell(record, 'year');
    if (raw === undefined) return null;
    const text = raw.trim();
    // Destatis stamps often come as a date: 31.12.2019 or 2019-12-31.
    const date = /^(?:(\d{4})|\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{2}-\d{2})$/.exec(text);
    const year = date ? Number(date[1] ?? date[2] ?? date[3]) : NaN;
    if (year >= MIN_YEAR && year <= MAX_YEAR) return year;
    throw new BurdenError(EXIT.dataError, `year ${quote(raw)} is not a year`, { ...this.at(record, 'year'), value: raw },
      'write the year as four digits, e.g. 2019');
  }
}
