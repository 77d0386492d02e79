import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/engine/types.js';
import { csvRenderer, guardText } from '../../src/output/csv.js';
import { renderListing } from '../../src/output/listing.js';
import { renderMarkdown } from '../../src/output/markdown.js';
import type { CalcMeta, CalcReport } from '../../src/output/report.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * CSV injection (OWASP): a text cell that starts with = + - @ tab or CR is a formula to a
 * spreadsheet. In csv and md output such cells get a leading apostrophe; numbers, negative
 * ones included, must stay numbers.
 */
const HYPERLINK = '=HYPERLINK("http://x","y")';

const meta: CalcMeta = {
  tool: 'burden',
  version: 'test',
  method: 'test method',
  rate: { eur: 2143, base_eur: 2143, base_price_year: 2019, price_year: 2019, source: 'test source', status: 'official' },
  population: 'from the input',
  insured: 'from the input',
  year: null,
  inputs: [],
  overrides: [],
  notes: [],
};

function row(name: string, overrides: Partial<ResultRow> = {}): ResultRow {
  return {
    ags: '05913000', name, year: null, population: 603462, populationFrom: 'input', eu2: 13495, insured: 6971,
    insuredEstimated: false, net: 6524, netClamped: false, rateCents: 214300, costCents: 1398093200,
    costPerInhabitantCents: 2317, eu2ShareBasisPoints: 224, eu2Status: 0, insuredStatus: 0, netStatus: 1, rateStatus: 0, costStatus: 1, origin: { file: 't.csv', line: 2 }, ...overrides,
  };
}

/** Negative figures cannot come out of the method, but a renderer must not guard numbers if they did. */
const negative = row('Negativ', { eu2: -1234, insured: -5, net: -1229, costCents: -263374700, costPerInhabitantCents: -43644, eu2ShareBasisPoints: -20 });

describe('guardText', () => {
  it.each([HYPERLINK, '+49 Stadt', '-Dorf', '@SUM(A1)', '\tTab', '\rCR'])('prefixes %j with an apostrophe', (text) => {
    expect(guardText(text)).toBe(`'${text}`);
  });
  it.each(['Dortmund', 'Köln "am Rhein"', '', "'schon", ' =mit Leerzeichen', '05913000'])('leaves %j alone', (text) => {
    expect(guardText(text)).toBe(text);
  });
});

describe('csv output', () => {
  const renderer = csvRenderer({ locale: 'en' });
  const cells = (r: ResultRow): string[] => (parse(renderer.row(r, 0)) as string[][])[0] ?? [];

  it(`writes a municipality named ${HYPERLINK} with a leading apostrophe, quoted`, () => {
    expect(renderer.row(row(HYPERLINK), 0)).toBe(`05913000,"'=HYPERLINK(""http://x"",""y"")",,603462,13495,official,6971,official,false,6524,derived,2143.00,official,13980932.00,derived,23.17,2.24\n`);
    expect(cells(row(HYPERLINK))[1]).toBe(`'${HYPERLINK}`);
  });

  it('guards every formula start, and no cell of the row starts with one unguarded', () => {
    for (const name of ['+49 Stadt', '-Dorf', '@SUM(A1)', '\tTab', '\rCR']) {
      const parsed = cells(row(name));
      expect(parsed[1]).toBe(`'${name}`);
    }
  });

  it('keeps negative numbers as numbers (en and de)', () => {
    expect(cells(negative)).toEqual(['05913000', 'Negativ', '', '603462', '-1234', 'official', '-5', 'official', 'false', '-1229', 'derived', '2143.00', 'official', '-2633747.00', 'derived', '-436.44', '-0.20']);
    const de = csvRenderer({ locale: 'de' }).row(negative, 0);
    expect(de).toBe('05913000;Negativ;;603462;-1234;official;-5;official;false;-1229;derived;2143,00;official;-2633747,00;derived;-436,44;-0,20\n');
  });
});

describe('md output', () => {
  const report = (rows: ResultRow[]): CalcReport => ({
    meta,
    rows,
    totals: { rows: rows.length, population: null, eu2: 0, insured: 0, insuredEstimated: false, net: 0, costCents: 0, costPerInhabitantCents: null, eu2ShareBasisPoints: null, eu2Status: 0, insuredStatus: 0, netStatus: 1, costStatus: 1 },
    warnings: [],
    extra: [],
  });
  const bodyRows = (md: string): string[][] =>
    md.split('\n').filter((l) => l.startsWith('| 0')).map((l) => l.slice(2, -2).split(' | '));

  it(`writes ${HYPERLINK} with a leading apostrophe and keeps negative numbers numeric`, () => {
    const md = [...renderMarkdown(report([row(HYPERLINK), negative]), { locale: 'de', color: false })].join('');
    const [first, second] = bodyRows(md);
    expect(first?.[1]).toBe(`'${HYPERLINK}`);
    expect(second).toEqual(['05913000', 'Negativ', '603.462', '-1.234', '-5', '-1.229 d', '-2.633.747,00 d', '-436,44 d', '-0,20']);
  });

  it('escapes a pipe and shows a line break as \\n, so a name cannot break the table', () => {
    const md = [...renderMarkdown(report([row('A | B\nC')]), { locale: 'de', color: false })].join('');
    expect(bodyRows(md)[0]?.[1]).toBe('A \\| B\\nC');
  });

  it('listings (rules, params, data) escape and guard their cells the same way', async () => {
    const md = await renderListing({ columns: ['id', 'source'], rows: [['a', `${HYPERLINK} | x\ny`], ['b', 3]] }, 'md');
    expect(md.split('\n').slice(2, 4)).toEqual([`| a | '${HYPERLINK} \\| x y |`, '| b | 3 |']);
  });
});

describe('through the CLI (test/fixtures/ok/injection.csv)', () => {
  it('csv and md guard the names; json keeps them as they are', async () => {
    const csv = await runCli(['calc', 'test/fixtures/ok/injection.csv', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const names = (parse(csv.stdout, { columns: true }) as { name: string }[]).map((r) => r.name);
    expect(names).toEqual([`'${HYPERLINK}`, "'+49 Stadt", "'-Dorf", "'@SUM(A1)", 'Tab']);

    const md = (await runCli(['calc', 'test/fixtures/ok/injection.csv', '--format', 'md'])).stdout;
    expect(md).toContain(`| 05913000 | '${HYPERLINK} |`);
    expect(md).toContain("| 05315000 | '-Dorf |");

    const json = JSON.parse((await runCli(['calc', 'test/fixtures/ok/injection.csv', '--format', 'json'])).stdout) as { rows: { name: string }[] };
    expect(json.rows.map((r) => r.name)).toEqual([HYPERLINK, '+49 Stadt', '-Dorf', '@SUM(A1)', 'Tab']);
  });
});
