import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarningCollector } from '../../src/engine/method.js';
import type { InputRow } from '../../src/engine/types.js';
import { openCsv } from '../../src/io/csv.js';
import { combinedInput } from '../../src/io/inputs.js';
import { sourceFrom } from '../../src/io/source.js';
import { columnLetters, openXlsx } from '../../src/io/xlsx.js';
import { ROOT } from '../helpers/cli.js';
import { burdenErrorOfAsync } from '../helpers/errors.js';

/** Excel workbooks (test/fixtures/xlsx, written by scripts/make-xlsx-fixtures.mjs) read as their CSV twins. */
const fixture = (name: string): string => join(ROOT, 'test/fixtures/xlsx', name);

async function rowsOf(file: string): Promise<{ rows: Omit<InputRow, 'origin'>[]; lines: number[]; notes: readonly string[] }> {
  const plan = await combinedInput(sourceFrom(file), { columns: new Map(), allowMissing: false, warnings: new WarningCollector() });
  const rows: InputRow[] = [];
  for await (const batch of plan.batches()) rows.push(...batch);
  return { rows: rows.map(({ origin: _origin, ...rest }) => rest), lines: rows.map((r) => r.origin.line), notes: plan.files[0]?.notes ?? [] };
}

const errorOf = burdenErrorOfAsync;

describe('xlsx input', () => {
  it('reads the same rows as its CSV twin: keys with leading zeros (text, and a number formatted 00000), numbers as numbers', async () => {
    const xlsx = await rowsOf(fixture('kreise.xlsx'));
    const csv = await rowsOf(fixture('kreise.csv'));
    expect(xlsx.rows).toEqual(csv.rows);
    expect(xlsx.rows.map((r) => [r.ags, r.eu2, r.population])).toEqual([['05913', 13_495, 603_462], ['05112', 25_270, 502_270], ['05754', 15_510, 363_982]]);
    // Lines are the sheet's row numbers, after a title row and an empty row.
    expect(xlsx.lines).toEqual([4, 5, 6]);
    expect(xlsx.notes).toEqual(['read sheet "EU2 2025" of 2', 'skipped 1 title row before the header (row 3): EU2-Bevölkerung nach Kreisen, 31.12.2025']);
  });

  it('is recognised by its content, whatever its name, and reads a named sheet', async () => {
    const file = await openXlsx({ name: 'k', path: fixture('kreise.xlsx') }, { sheet: 'Notizen' });
    expect(file.header).toEqual(['ags', 'eu2']);
    const csv = await openCsv(sourceFrom(fixture('kreise.xlsx')), { sheet: 'Notizen' });
    const records = [];
    for await (const batch of csv.batches()) records.push(...batch);
    expect(records).toEqual([{ line: 2, fields: ['01001', '3115'] }]);
  });

  it('a missing sheet names the sheets there are', async () => {
    const error = await errorOf(() => openXlsx({ name: 'k.xlsx', path: fixture('kreise.xlsx') }, { sheet: 'Daten' }));
    expect([error.code, error.message, error.suggestion]).toEqual([65, 'the workbook has no sheet "Daten"', 'its sheets are "EU2 2025", "Notizen"']);
  });

  it('a bad count names the file with its sheet, the row and the column', async () => {
    const error = await errorOf(() => rowsOf(fixture('bad.xlsx')));
    expect(error.code).toBe(65);
    expect(error.location).toMatchObject({ file: `${fixture('bad.xlsx')} (sheet "Daten")`, line: 2, column: 'eu2', value: '13495.5' });
  });

  it('an Excel error in a cell names the cell', async () => {
    const error = await errorOf(() => openXlsx({ name: 'bad.xlsx', path: fixture('bad.xlsx') }, { sheet: 'Fehler' }));
    expect(error.message).toBe('cell B2 holds the Excel error #DIV/0!');
    expect(error.location).toMatchObject({ file: 'bad.xlsx (sheet "Fehler")', line: 2 });
  });

  it('column letters: 1 → A, 26 → Z, 27 → AA, 703 → AAA', () => {
    expect([1, 26, 27, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AAA']);
  });
});
