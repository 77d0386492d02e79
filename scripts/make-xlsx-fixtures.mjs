#!/usr/bin/env node
// Writes the Excel fixtures of test/unit/xlsx.test.ts with exceljs (run once; the files are
// committed): kreise.xlsx, the twin of kreise.csv, with a title row, keys stored as text and as
// numbers formatted "00000", counts as numbers and in a second sheet; bad.xlsx, a fraction and
// an Excel error in a count.   node scripts/make-xlsx-fixtures.mjs
import ExcelJS from 'exceljs';

const dir = new URL('../test/fixtures/xlsx/', import.meta.url).pathname;
const rows = [
  ['05913', 'Dortmund, kreisfreie Stadt', 603462, 13495],
  ['05112', 'Duisburg, kreisfreie Stadt', 502270, 25270],
  ['05754', 'Gütersloh, Landkreis', 363982, 15510],
];

const book = new ExcelJS.Workbook();
const sheet = book.addWorksheet('EU2 2025');
sheet.addRow(['EU2-Bevölkerung nach Kreisen, 31.12.2025']);
sheet.addRow([]);
sheet.addRow(['ags', 'name', 'einwohner', 'eu2']);
rows.forEach(([ags, name, pop, eu2], i) => {
  const row = sheet.addRow([i === 1 ? Number(ags) : ags, name, pop, eu2]);
  // The second key is a number shown with five digits, as a spreadsheet keeps a typed key.
  if (i === 1) row.getCell(1).numFmt = '00000';
});
const other = book.addWorksheet('Notizen');
other.addRow(['ags', 'eu2']);
other.addRow(['01001', 3115]);
await book.xlsx.writeFile(`${dir}kreise.xlsx`);

const bad = new ExcelJS.Workbook();
const s = bad.addWorksheet('Daten');
s.addRow(['ags', 'eu2']);
s.addRow(['05913', 13495.5]);
const errors = bad.addWorksheet('Fehler');
errors.addRow(['ags', 'eu2']);
errors.addRow(['05913', { formula: '1/0', result: { error: '#DIV/0!' } }]);
await bad.xlsx.writeFile(`${dir}bad.xlsx`);
console.log('wrote kreise.xlsx and bad.xlsx');
