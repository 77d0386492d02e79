import { describe, expect, it, vi } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { writeWorkbook, fixZipDates, sheetName, type WorkbookSheet } from '../../src/report/workbook.js';

const sheet: WorkbookSheet = {
  name: 'Kreise',
  columns: [
    { header: 'AGS', key: 'ags', kind: 'text' },
    { header: 'Gebiet', key: 'name', kind: 'text' },
    { header: 'EU2-Einwohner', key: 'eu2', kind: 'count' },
    { header: 'Kosten (EUR)', key: 'cost', kind: 'euro' },
    { header: 'EU2-Anteil (%)', key: 'share', kind: 'percent' },
    { header: 'Status', key: 'status', kind: 'status' },
  ],
  rows: [
    { ags: '05111', name: 'Düsseldorf', eu2: 20715, cost: 21543200.5, share: 3.35, status: 'official' },
    { ags: '01001', name: '=HYPERLINK("http://x","y")', eu2: 3115, cost: 0, share: null, status: 'estimated' },
    { ags: '09162', name: '+1', eu2: null, cost: 12.34, share: 0.07, status: 'projected' },
    { ags: '10044', name: '-2+3', eu2: 5, cost: 1, share: 100, status: 'unknown-word' },
    { ags: '00', name: '@SUM(A1)', eu2: 1, cost: 2, share: 1 },
  ],
};

/** The text of one entry of a zip file (stored or deflated), for looking at the XML itself. */
function zipEntry(zip: Buffer, name: string): string {
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const entryName = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    if (entryName === name) {
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at = start + size;
  }
  throw new Error(`no ${name} in the zip`);
}

describe('writeWorkbook', () => {
  it('gives the same bytes for the same input', async () => {
    const a = await writeWorkbook([sheet], { lang: 'de' });
    // Four seconds later by the clock (DOS times in a zip have 2-second steps), without waiting.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 4000 });
    try {
      const b = await writeWorkbook([sheet], { lang: 'de' });
      expect(a.equals(b)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads back with the types, values and formats it was given', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const buffer = await writeWorkbook([sheet], { lang: 'de' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Kreise')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'AGS', 'Gebiet', 'EU2-Einwohner', 'Kosten (EUR)', 'EU2-Anteil (%)', 'Status']);
    // Keys keep their leading zeros as text.
    expect(ws.getCell('A2').value).toBe('05111');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A6').value).toBe('00');
    // Counts and euros are numbers with German-style formats.
    expect(ws.getCell('C2').value).toBe(20715);
    expect(ws.getCell('C2').numFmt).toBe('#,##0');
    expect(ws.getCell('D2').value).toBe(21543200.5);
    expect(ws.getCell('D2').numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell('C4').value).toBe(null);
    // Percent points become the fraction Excel computes with.
    expect(ws.getCell('E2').value).toBe(0.0335);
    expect(ws.getCell('E5').value).toBe(1);
    expect(ws.getCell('E2').numFmt).toBe('0.00 %');
    // Status words in the workbook's language; an unknown word as it is.
    expect(ws.getCell('F2').value).toBe('amtlich');
    expect(ws.getCell('F3').value).toBe('geschätzt');
    expect(ws.getCell('F5').value).toBe('unknown-word');
    // Frozen header and a filter over the whole table.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F6');
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(8);
    // The document dates are the constant, not the time of writing.
    expect(workbook.created.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('stores text that looks like a formula as text, never as a formula', async () => {
    const buffer = await writeWorkbook([sheet], { lang: 'en' });
    const xml = zipEntry(buffer, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    expect(xml).not.toContain('<f ');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    for (const [cell, text] of [['B3', '=HYPERLINK("http://x","y")'], ['B4', '+1'], ['B5', '-2+3'], ['B6', '@SUM(A1)']] as const) {
      expect(ws.getCell(cell).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(cell).value).toBe(text);
    }
    expect(ws.getCell('F3').value).toBe('estimated');
  });

  it('stamps every zip entry with the fixed date', async () => {
    const buffer = await writeWorkbook([sheet], { lang: 'de' });
    const restamped = fixZipDates(buffer, new Date(Date.UTC(1980, 0, 1)));
    expect(restamped.equals(buffer)).toBe(true);
    // 1980-01-01 00:00:00 in DOS form: time 0, date (0 << 9) | (1 << 5) | 1 = 33.
    expect(buffer.readUInt16LE(10)).toBe(0);
    expect(buffer.readUInt16LE(12)).toBe(33);
  });
});

describe('sheetName', () => {
  it("follows Excel's rules: 31 characters, no \\ / ? * [ ] :, unique ignoring case", () => {
    const used = new Set<string>();
    expect(sheetName('Kosten: 2025/2026 [Entwurf]', used)).toBe('Kosten_ 2025_2026 _Entwurf_');
    expect(sheetName('kosten: 2025/2026 [entwurf]', used)).toBe('kosten_ 2025_2026 _entwurf__2');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
  });
});
