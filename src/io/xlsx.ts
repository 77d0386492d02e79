import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CellValue, Worksheet } from 'exceljs';
import { BurdenError, EXIT, quote } from '../errors.js';
import type { CsvFile, CsvRecord } from './csv.js';
import type { InputSource } from './source.js';

/**
 * Reading an Excel workbook (.xlsx) as the CSV reader would read its CSV twin: the first
 * sheet or a named one; title rows before the header skipped with a note; numbers as numbers,
 * keys as text with their leading zeros (a text cell as written, a number cell formatted
 * "00000" padded as Excel shows it). exceljs is loaded only when a workbook is read.
 */
export interface XlsxOptions {
  sheet?: string | undefined;
}

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The text of a cell as the CSV export of the same sheet would hold it. */
function cellText(value: CellValue, numFmt: string | undefined, at: () => { file: string; line: number; cell: string }): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // A key stored as a number keeps the zeros its format shows ("00000": 5913 → 05913).
    if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(value)) return String(value).padStart(numFmt.length, '0');
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) {
    const { file, line, cell } = at();
    throw new BurdenError(EXIT.dataError, `cell ${cell} holds the Excel error ${value.error}`, { file, line, value: String(value.error) },
      'fix the formula in the workbook, or replace it by its value');
  }
  if ('result' in value) return cellText(value.result as CellValue, numFmt, at);
  if ('text' in value) return String(value.text);
  return String(value);
}

function sheetOf(worksheets: Worksheet[], options: XlsxOptions, file: string): Worksheet {
  const names = worksheets.map((s) => quote(s.name)).join(', ');
  if (options.sheet === undefined) {
    const first = worksheets[0];
    if (!first) throw new BurdenError(EXIT.dataError, 'the workbook has no sheet', { file }, 'save a workbook with the data on its first sheet');
    return first;
  }
  const sheet = worksheets.find((s) => s.name === options.sheet);
  if (!sheet) throw new BurdenError(EXIT.dataError, `the workbook has no sheet ${quote(options.sheet)}`, { file }, `its sheets are ${names}`);
  return sheet;
}

/** Open a workbook as a CSV file: header, records (line = Excel row number) and notes. */
export async function openXlsx(source: InputSource & { path: string }, options: XlsxOptions = {}): Promise<CsvFile> {
  const bytes = await readFile(source.path);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new BurdenError(EXIT.dataError, `is a ZIP file but not an Excel workbook that can be read (${(error as Error).message})`, { file: source.name },
      'save it as .xlsx (Excel 2007 or later), or export the sheet as CSV');
  }
  const sheet = sheetOf(workbook.worksheets, options, source.name);
  // Messages name the sheet with the file; the line is the row number, the column its header.
  const file = `${source.name} (sheet ${quote(sheet.name)})`;
  const rows: { line: number; fields: string[] }[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      fields.push(cellText(cell.value, cell.numFmt, () => ({ file, line: rowNumber, cell: `${columnLetters(col)}${rowNumber}` })).trim());
    }
    while (fields.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length) rows.push({ line: rowNumber, fields });
  });
  // Title rows: rows before the header with at most one filled cell ("Ausländer nach Kreisen").
  const headerAt = rows.findIndex((r) => r.fields.filter((f) => f !== '').length >= 2);
  if (headerAt < 0) {
    throw new BurdenError(EXIT.dataError, 'the sheet has no header row (a row naming at least two columns)', { file, line: rows[0]?.line ?? 1 },
      'the first row of the table must name the columns, e.g. ags, name, eu2');
  }
  const header = rows[headerAt]?.fields ?? [];
  const titles = rows.slice(0, headerAt);
  const notes = [`read sheet ${quote(sheet.name)} of ${workbook.worksheets.length}`];
  if (titles.length) {
    notes.push(`skipped ${titles.length} title row${titles.length === 1 ? '' : 's'} before the header (row ${rows[headerAt]?.line}): ${titles.map((t) => t.fields.join(' ')).join(' | ')}`);
  }
  const records: CsvRecord[] = rows.slice(headerAt + 1).map((r) => ({
    line: r.line,
    fields: Array.from({ length: header.length }, (_, i) => r.fields[i] ?? '').concat(r.fields.slice(header.length)),
  }));
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    if (records.length) yield records;
  }
  return {
    source: { ...source, name: file },
    scan: { encoding: 'utf-8', hasQuotes: false, byteLength: bytes.length, textLength: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    path: source.path,
    delimiter: ',',
    header,
    batches,
    lines: null,
    notes,
  };
}
