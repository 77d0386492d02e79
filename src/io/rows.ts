import { BurdenError, EXIT, quote } from '../errors.js';
import type { Origin } from '../engine/types.js';
import type { ColumnMap, CanonicalField } from './columns.js';
import type { CsvRecord } from './csv.js';
import { parseCount } from './numbers.js';

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
}

/** Lengths of official keys: Land 2, Regierungsbezirk 3, Kreis 5, Gemeinde 8, Verband 9, ARS 12. */
const KEY_LENGTHS = new Set([2, 3, 5, 8, 9, 12]);

export function checkKey(raw: string, at: { file: string; line: number; column: string }): string {
  const key = raw.trim();
  if (/^\d+$/.test(key) && KEY_LENGTHS.has(key.length)) return key;
  if (/^\d+$/.test(key) && KEY_LENGTHS.has(key.length + 1)) {
    throw new BurdenError(EXIT.dataError, `key ${quote(raw)} has ${key.length} digits: it looks like a ${key.length + 1}-digit key that lost its leading zero`,
      at, `write 0${key}; format the key column as text before exporting`);
  }
  if (key === '') {
    throw new BurdenError(EXIT.dataError, 'the key is empty', at, 'every row needs an official key (AGS)');
  }
  throw new BurdenError(EXIT.dataError, `key ${quote(raw)} is not an official key`, at,
    'keys are digits only, with 2, 3, 5, 8, 9 or 12 digits (Land, Regierungsbezirk, Kreis, Gemeinde, Verband, ARS)');
}

export class RowReader {
  private readonly columns: ColumnMap;
  private readonly header: readonly string[];
  private readonly file: string;

  constructor(file: string, header: readonly string[], columns: ColumnMap) {
    this.file = file;
    this.header = header;
    this.columns = columns;
  }

  has(field: CanonicalField): boolean {
    return this.columns[field] !== undefined;
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
    const parsed = parseCount(raw);
    if (parsed.kind === 'value') return parsed.value;
    if (parsed.kind === 'unknown') return null;
    throw new BurdenError(EXIT.dataError, `${quote(raw)} ${parsed.reason}`, { ...this.at(record, field), value: raw }, parsed.suggestion);
  }

  /** A total given directly or as the sum of its Bulgarian and Romanian parts. */
  private sum(record: CsvRecord, total: CanonicalField, parts: [CanonicalField, CanonicalField]): number | null | undefined {
    if (this.has(total)) return this.count(record, total);
    const [a, b] = parts.map((p) => this.count(record, p));
    if (a === undefined || b === undefined) return undefined;
    if (a === null || b === null) return null;
    return a + b;
  }

  read(record: CsvRecord): PartialRow {
    if (record.fields.length !== this.header.length) {
      throw new BurdenError(EXIT.dataError,
        `the row has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, the header has ${this.header.length}`,
        { file: this.file, line: record.line },
        'every row needs one value per column; quote fields that contain the delimiter');
    }
    const ags = checkKey(this.cell(record, 'ags') ?? '', this.at(record, 'ags'));
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
    return row;
  }

  private year(record: CsvRecord): number | null {
    const raw = this.cell(record, 'year');
    if (raw === undefined) return null;
    const text = raw.trim();
    if (/^\d{4}$/.test(text)) return Number(text);
    // Destatis stamps often come as a date: 31.12.2019 or 2019-12-31.
    const date = /^(?:\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{2}-\d{2})$/.exec(text);
    if (date) return Number(date[1] ?? date[2]);
    throw new BurdenError(EXIT.dataError, `year ${quote(raw)} is not a year`, { ...this.at(record, 'year'), value: raw },
      'write the year as four digits, e.g. 2019');
  }
}
