import { describe, expect, it } from 'vitest';
import { boxTable, wrapText } from '../../src/output/box-table.js';
import { measureFor, simpleWidth } from '../../src/output/text-width.js';
import { humanSettings, terminalWidth } from '../../src/output/terminal-width.js';
import { term } from '../../src/report/terms.js';

const widest = (text: string): number => Math.max(...text.trimEnd().split('\n').map((l) => simpleWidth(l)));

/** The calc table's columns in German, with rows as the shipped data gives them. */
const HEAD = (['tab.ags', 'tab.name', 'tab.population', 'tab.eu2', 'tab.insured', 'tab.net', 'tab.cost', 'tab.cost_per_inhabitant', 'tab.eu2_share'] as const)
  .map((key) => term('de', key));
const ROW = ['05913', 'Dortmund, kreisfreie Stadt', '603.462', '13.495  ', '6.971 e', '6.524 e', '17.128.370,56 e', '28,38 e', '2,24  '];
const TOTAL = ['', 'Summe (53 Zeilen)', '18.034.454', '273.725 d', '141.402 e', '132.323 e', '347.406.097,12 e', '19,26 e', '1,52 d'];
const RIGHT = HEAD.map((_, i) => i >= 2);

describe('boxTable at the width of a terminal', () => {
  it('draws the table as the cells need when no width is given (a pipe or a file)', () => {
    const table = boxTable({ head: HEAD, rows: [ROW, TOTAL], alignRight: RIGHT, footerRows: 1 });
    expect(widest(table)).toBeGreaterThan(80);
    expect(table.split('\n').filter((l) => l.startsWith('│ 05913'))).toHaveLength(1);
  });

  it('folds many rows into parts of fewer columns at 80, each repeating key and name, and no line wider than 80', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [String(5900 + i).padStart(5, '0'), ...ROW.slice(1)]);
    const table = boxTable({ head: HEAD, rows: [...rows, TOTAL], alignRight: RIGHT, footerRows: 1, keyColumns: 2, maxWidth: 80 });
    expect(widest(table)).toBeLessThanOrEqual(80);
    // Three parts: each has every row once, under its own head.
    expect(table.split('\n').filter((l) => l.startsWith('│ 05900 │ Dortmund, kreisfreie Stadt'))).toHaveLength(3);
    expect(table.split('\n').filter((l) => l.startsWith('│ AGS'))).toHaveLength(3);
    expect(table).toContain('│ AGS   │ Name                       │     Netto │     Kosten (EUR) │\n');
    expect(table).toContain('Kosten (EUR)');
    expect(table).toContain('17.128.370,56 e');
  });

  it('writes a few rows as blocks of label: value lines when they do not fit', () => {
    const table = boxTable({ head: HEAD, rows: [ROW, TOTAL], alignRight: RIGHT, footerRows: 1, keyColumns: 2, maxWidth: 80 });
    expect(widest(table)).toBeLessThanOrEqual(80);
    // Labels padded to one column, numbers right-aligned below each other.
    expect(table).toContain('05913 Dortmund, kreisfreie Stadt\n  Einwohner:             603.462\n  EU2:                  13.495\n');
    expect(table).toContain('  Kosten (EUR):  17.128.370,56 e\n');
    expect(table).toContain('\n\nSumme (53 Zeilen)\n');
  });

  it('wraps long heads before it splits the columns', () => {
    const table = boxTable({ head: ['AGS', 'Kosten je Einwohner (EUR)'], rows: [['05913', '28,38 e']], alignRight: [false, true], maxWidth: 24 });
    expect(widest(table)).toBeLessThanOrEqual(24);
    expect(table.split('\n')[1]).toBe('│ AGS   │ Kosten je │');
  });

  it('measures East Asian wide characters and combining marks as a terminal shows them', async () => {
    const names = ['東京都', 'Cafe\u0301', 'Köln'];
    const measure = await measureFor(names);
    expect(names.map(measure)).toEqual([6, 4, 4]);
    const table = boxTable({ head: ['Name', 'EU2'], rows: names.map((n) => [n, '1']), measure });
    // Every line of the table has the same display width: the borders line up.
    expect(new Set(table.trimEnd().split('\n').map(measure)).size).toBe(1);
  });

  it('cuts a word longer than the width by display width', async () => {
    const measure = await measureFor(['東京都東京都']);
    expect(wrapText('東京都東京都', 5, measure)).toEqual(['東京', '都東', '京都']);
  });

  it('draws 125,000 rows without spreading them into arguments', () => {
    const rows = Array.from({ length: 125_000 }, (_, i) => [String(i).padStart(8, '0'), `Gemeinde ${i}`, String(i % 5000)]);
    const table = boxTable({ head: ['AGS', 'Name', 'EU2'], rows, alignRight: [false, false, true], maxWidth: 80 });
    expect(table.split('\n')).toHaveLength(125_000 + 5);
  });
});

describe('the width a table may take', () => {
  it('is the terminal\'s, 80 when a terminal does not say, and none for a pipe or a file', () => {
    expect(terminalWidth(undefined, { isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth(undefined, { isTTY: true })).toBe(80);
    expect(terminalWidth(undefined, { isTTY: false, columns: 120 })).toBeUndefined();
    expect(terminalWidth('out.txt', { isTTY: true, columns: 120 })).toBeUndefined();
    expect(humanSettings({ output: 'out.txt' })).toEqual({ lang: 'de' });
    expect(humanSettings({ lang: 'en', output: 'out.txt' })).toEqual({ lang: 'en' });
  });
});
