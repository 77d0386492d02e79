import { DEFAULT_LANG, isStatus, statusWord, type Lang } from './terms.js';

/**
 * An Excel workbook (.xlsx) from plain sheets: a sheet is columns with a kind and rows of values.
 * exceljs is loaded only when a workbook is written (it is large: about 1 MB of code), so no
 * other format pays for it.
 *
 * Value conventions, per column kind:
 * - text:    written as text, always (keys keep their leading zeros: "05111", not 5111);
 * - count:   a number, format `#,##0`;
 * - euro:    a number in euros (not cents), format `#,##0.00 €`;
 * - percent: a number in percent points as the csv's *_pct columns (2.5 means 2.5 %), written as
 *            the fraction 0.025 with format `0.00 %`, so Excel computes with it correctly;
 * - number:  a number in Excel's General format (a year, a parameter of any unit);
 * - status:  a status word of the scale, written in the workbook's language ("geschätzt").
 * null and undefined leave the cell empty. A value that does not fit its column's kind (a text in
 * a count column) is written as text rather than dropped.
 */
export type CellKind = 'text' | 'count' | 'euro' | 'percent' | 'number' | 'status';

export interface WorkbookColumn {
  header: string;
  key: string;
  kind: CellKind;
  /** Column width in characters; from the header and the longest value when not given. */
  width?: number;
}

export interface WorkbookSheet {
  /** At most 31 characters, none of \ / ? * [ ] : (Excel's rule; longer names are cut). */
  name: string;
  columns: WorkbookColumn[];
  rows: Record<string, unknown>[];
  /** Keep the header row in view when scrolling (default true). */
  freezeHeader?: boolean;
  /** A filter button on every header cell (default true). */
  autoFilter?: boolean;
}

export interface WorkbookOptions {
  lang?: Lang;
  /** The document's created/modified date; constant by default, so equal input gives an equal file. */
  date?: Date;
  title?: string;
}

/** The date written into every workbook unless told otherwise: the earliest a zip file can hold. */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export const NUMBER_FORMATS: Record<Exclude<CellKind, 'text' | 'status'>, string> = {
  count: '#,##0',
  euro: '#,##0.00 "€"',
  percent: '0.00 %',
  number: 'General',
};

export async function writeWorkbook(sheets: WorkbookSheet[], options: WorkbookOptions = {}): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const lang = options.lang ?? DEFAULT_LANG;
  const date = options.date ?? FIXED_DATE;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'burden';
  workbook.lastModifiedBy = 'burden';
  workbook.created = date;
  workbook.modified = date;
  if (options.title) workbook.title = options.title;

  const used = new Set<string>();
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, used);
    const freeze = sheet.freezeHeader ?? true;
    const worksheet = workbook.addWorksheet(name, freeze ? { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] } : {});
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.width ?? autoWidth(column, sheet.rows, lang),
      style: column.kind in NUMBER_FORMATS ? { numFmt: NUMBER_FORMATS[column.kind as keyof typeof NUMBER_FORMATS] } : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      // Values are set cell by cell (not with addRow(object)), so that exceljs never guesses a
      // type: a text that looks like a formula, a date or a number stays the text it is.
      const added = worksheet.addRow([]);
      sheet.columns.forEach((column, i) => {
        const value = cellValue(column.kind, row[column.key], lang);
        if (value !== null) added.getCell(i + 1).value = value;
      });
    }
    if ((sheet.autoFilter ?? true) && sheet.columns.length > 0) {
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.columns.length } };
    }
  }
  const written = await workbook.xlsx.writeBuffer();
  return fixZipDates(Buffer.from(written as ArrayBuffer), date);
}

/** The cell value for a column kind (see the module comment); null for an empty cell. */
export function cellValue(kind: CellKind, value: unknown, lang: Lang): string | number | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'count':
    case 'euro':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : String(value);
    case 'percent':
      // Rounded after dividing, so 2.35 % is 0.0235 and not 0.023500000000000004.
      return typeof value === 'number' && Number.isFinite(value) ? Number((value / 100).toPrecision(12)) : String(value);
    case 'status':
      return isStatus(value) ? statusWord(lang, value) : String(value);
    case 'text':
      return String(value);
  }
}

function autoWidth(column: WorkbookColumn, rows: Record<string, unknown>[], lang: Lang): number {
  let longest = column.header.length;
  for (const row of rows.slice(0, 2000)) {
    const value = cellValue(column.kind, row[column.key], lang);
    if (value === null) continue;
    // Formatted numbers gain separators and a unit: about a third more characters.
    const length = typeof value === 'number' ? Math.ceil(String(Math.round(Math.abs(value))).length * 1.34) + (column.kind === 'euro' ? 5 : 2) : value.length;
    longest = Math.max(longest, length);
  }
  return Math.min(Math.max(longest + 2, 6), 60);
}

/** Excel's rules for sheet names: 1–31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = (wanted.replace(/[\\/?*[\]:]/g, '_').trim() || 'Sheet').slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * exceljs zips with JSZip, which stamps every entry with the time of writing, so two runs give
 * two different files. The stamps are the DOS time and date fields of each local file header
 * (signature 0x04034b50, offsets 10 and 12) and each central directory entry (0x02014b50,
 * offsets 12 and 14); no checksum covers them, so they are overwritten in place with `date`.
 * Extra fields with Unix times (0x5455) would need the same treatment; JSZip writes none
 * (test/unit/report-workbook.test.ts checks that two writes are byte-identical).
 */
export function fixZipDates(zip: Buffer, date: Date): Buffer {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const out = Buffer.from(zip);
  // Walk the central directory (found through its end record), which names every local header.
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is damaged`);
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header ${i} is damaged`);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
