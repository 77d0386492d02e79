import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { WarningCollector } from '../../src/engine/method.js';
import type { InputRow } from '../../src/engine/types.js';
import { footnoteGroups, genesisToInput, parseGenesis } from '../../src/io/genesis.js';
import { openCsv } from '../../src/io/csv.js';
import { combinedInput } from '../../src/io/inputs.js';
import { sourceFrom } from '../../src/io/source.js';
import { ROOT } from '../helpers/cli.js';
import { burdenErrorOfAsync } from '../helpers/errors.js';

/**
 * The GENESIS reader on the real export of table 12521-0041 (every German Kreis, 31.12.2025,
 * as downloaded: test/fixtures/genesis/12521-0041-kreise-2025.csv) and on small exports made
 * for one feature each (Latin-1 and a two-line header, Bulgarien + Rumänien as single
 * nationalities, two dates, a bad cell, a table that is not about nationalities).
 */
const fixture = (name: string): string => join(ROOT, 'test/fixtures/genesis', name);
const RAW = fixture('12521-0041-kreise-2025.csv');
const shipped = parse(readFileSync(join(ROOT, 'data/datasets/eu2-de-kreise-2025.csv'), 'utf8'), { columns: true }) as
  { ags: string; name: string; population: string; eu2: string; area: string }[];

async function readRows(file: string, allowMissing = false): Promise<{ rows: InputRow[]; notes: readonly string[] }> {
  const plan = await combinedInput(sourceFrom(file), { columns: new Map(), allowMissing, warnings: new WarningCollector(), populationMatters: false });
  const rows: InputRow[] = [];
  for await (const batch of plan.batches()) rows.push(...batch);
  return { rows, notes: plan.files[0]?.notes ?? [] };
}

const errorOf = burdenErrorOfAsync;

describe('the GENESIS export of 12521-0041 (all Kreise, 31.12.2025)', () => {
  const table = parseGenesis(readFileSync(RAW, 'utf8'), RAW);

  it('finds 5 title lines, 1 header line, 19,557 data lines (477 keys × 41 groupings) and the footer', () => {
    expect(table.code).toBe('12521-0041');
    expect([table.titleLines, table.headerLines, table.rows.length, table.footerLines]).toEqual([5, 1, 477 * 41, 24]);
    expect(table.dimensionNames).toEqual(['stichtag', 'ags', 'name', 'merkmal']);
    expect(table.valueNames).toEqual(['männlich', 'weiblich', 'Insgesamt']);
    expect(table.rows[0]).toEqual({ line: 7, dims: ['31.12.2025', '01001', 'Flensburg, kreisfreie Stadt', 'Insgesamt'],
      values: ['9420', '8490', '17910'], flags: ['e', 'e', 'e'] });
  });

  it('reads the three footnote groups of Kreise counted together', () => {
    expect(footnoteGroups(table.footer).map((g) => g.members.map((m) => m.ags))).toEqual([
      ['06611', '06633'], ['10041', '10042', '10043', '10044', '10045', '10046'], ['12052', '12071']]);
  });

  it('gives the same EU2 per Kreis as data/datasets/eu2-de-kreise-2025.csv, 393 rows, 1,325,700 in all', async () => {
    const { rows, notes } = await readRows(RAW);
    expect(rows.map((r) => [r.ags, r.eu2])).toEqual(shipped.map((r) => [r.ags, Number(r.eu2)]));
    expect(rows.reduce((s, r) => s + r.eu2, 0)).toBe(1_325_700);
    // Combined areas carry the members' population; every other row gets the register's.
    for (const r of rows) expect(r.population).toBe(Number(shipped.find((s) => s.ags === r.ags)?.population));
    expect(rows.find((r) => r.ags === '10099')?.name).toMatch(/^Regionalverband Saarbrücken, Landkreis \+ .* \(gemeinsam gezählt\)$/);
    expect(notes[0]).toMatch(/^GENESIS table 12521-0041: skipped 5 title lines before the header \(Tabelle: 12521-0041 \| .*\), read 1 header line, skipped 24 footer lines/);
    expect(notes).toContain('EU2 = "EU-27 (bis 30.06.2013)" − "EU-25 (bis 31.12.2006)" per Kreis, column "Insgesamt"; Destatis rounds each cell to a multiple of 5, so a difference is within ±10 of the true count');
    expect(notes.some((n) => n.startsWith('84 keys without data of their own'))).toBe(true);
    expect(notes).toContain('counted together by one Ausländerbehörde (footer of the export), one row each: ' +
      '06699 = 06611 + 06633 (recorded under 06611); 10099 = 10041 + 10042 + 10043 + 10044 + 10045 + 10046 (recorded under 10044); 12099 = 12052 + 12071 (recorded under 12052)');
  });

  it('is recognised by its content, not its name: openCsv hands it to the GENESIS reader', async () => {
    const csv = await openCsv(sourceFrom(RAW));
    expect(csv.header).toEqual(['ags', 'name', 'eu2', 'population']);
  });
});

describe('small GENESIS exports', () => {
  it('Latin-1, a two-line header, Bulgarien + Rumänien summed, "-" as 0, two dates as a year column', async () => {
    const { rows, notes } = await readRows(fixture('staatsangehoerigkeit-latin1.csv'), true);
    expect(rows.map((r) => [r.ags, r.year, r.eu2, r.name])).toEqual([
      ['05913', 2024, 12_500, 'Dortmund, kreisfreie Stadt'],
      ['05954', 2024, 2_300, 'Ennepe-Ruhr-Kreis'],
      ['05913', 2025, 12_900, 'Dortmund, kreisfreie Stadt'],
    ]);
    expect(notes[0]).toContain('skipped 3 title lines');
    expect(notes[0]).toContain('read 2 header lines');
    expect(notes).toContain('EU2 = Bulgarien + Rumänien per Kreis, column "Ausländer (Anzahl) / Insgesamt"');
  });

  it('an unknown part (".") makes EU2 unknown, which the input reader refuses with the export\'s line', async () => {
    const error = await errorOf(() => readRows(fixture('staatsangehoerigkeit-latin1.csv')));
    expect(error.message).toBe('EU2 residents unknown: the cost cannot be computed');
    expect(error.location).toMatchObject({ line: 16, column: 'eu2' });
  });

  it('a cell that is no count names file, line, column and value', async () => {
    const error = await errorOf(() => readRows(fixture('bad-cell.csv')));
    expect(error.code).toBe(65);
    expect(error.location).toEqual({ file: fixture('bad-cell.csv'), line: 6, column: 'Insgesamt', value: '36,990' });
    expect(error.suggestion).toContain('36990');
  });

  it('a table about something else becomes its plain rows, flags dropped, for --column to map', () => {
    const text = readFileSync(fixture('bevoelkerung-generic.csv'), 'utf8');
    const input = genesisToInput(parseGenesis(text, 'x.csv'), 'x.csv');
    expect(input.header).toEqual(['stichtag', 'ags', 'name', 'Bevölkerungsstand / Anzahl']);
    expect(input.records).toEqual([
      { fields: ['31.12.2024', '05913', 'Dortmund, kreisfreie Stadt', '601150'], line: 6 },
      { fields: ['31.12.2024', '05954', 'Ennepe-Ruhr-Kreis', '320000'], line: 7 },
    ]);
    expect(input.notes).toContain('value flags (e final, p provisional, r revised, s estimated) dropped');
  });

  it('a file with a GENESIS title and no data says so', () => {
    expect(() => parseGenesis('Tabelle: 12521-0041\nnothing here\n', 'x.csv')).toThrow(/has no data lines/);
  });
});
