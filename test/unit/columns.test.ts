import { describe, expect, it } from 'vitest';
import { burdenErrorOf } from '../helpers/errors.js';
import { mapColumns, normalizeHeader, parseColumnOverrides } from '../../src/io/columns.js';

const none = new Map();


describe('normalizeHeader', () => {
  it.each([
    ['  Bevölkerung ', 'bevoelkerung'],
    ['RUMÄNIEN', 'rumaenien'],
    ['Gemeindeschlüssel', 'gemeindeschluessel'],
    ['SV_Beschäftigte', 'sv_beschaeftigte'],
    ['Straße', 'strasse'],
  ])('%j → %j', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });
});

describe('mapColumns', () => {
  it('maps German aliases in any spelling of umlauts and case', () => {
    const header = ['Gemeindeschlüssel', 'Gemeinde', 'Bevölkerung', 'Bulgarien', 'Rumänien', 'SVB', 'Jahr'];
    expect(mapColumns(header, none, 'x.csv')).toEqual({ ags: 0, name: 1, population: 2, bg: 3, ro: 4, insured: 5, year: 6 });
    expect(mapColumns(['AGS', ' EINWOHNER ', 'eu2_residents', 'insured_bg', 'insured_ro'], none, 'x.csv'))
      .toEqual({ ags: 0, population: 1, eu2: 2, insured_bg: 3, insured_ro: 4 });
  });

  it('ignores unknown and empty headers, and strips a BOM from the first', () => {
    expect(mapColumns(['\uFEFFags', '', 'Bemerkung', 'eu2'], none, 'x.csv')).toEqual({ ags: 0, eu2: 3 });
  });

  it('refuses the same header twice, naming both columns (1-based)', () => {
    const error = burdenErrorOf(() => mapColumns(['ags', 'eu2', 'EU2 '], none, 'x.csv'));
    expect(error.code).toBe(65);
    expect(error.format()).toBe('x.csv:1: column "EU2 ": header "EU2 " appears twice (columns 2 and 3) (rename or remove one of them)');
  });

  it('refuses two aliases of one field', () => {
    expect(burdenErrorOf(() => mapColumns(['ags', 'svb', 'insured'], none, 'x.csv')).message).toBe('columns "svb" and "insured" both mean "insured"');
  });

  it('--column maps any header, and the alias it replaces no longer counts', () => {
    const overrides = parseColumnOverrides(['eu2=EU2 gesamt']);
    expect(mapColumns(['ags', 'eu2', 'EU2 Gesamt'], overrides, 'x.csv')).toEqual({ ags: 0, eu2: 2 });
  });

  it('names a --column header the file lacks as the user typed it', () => {
    const error = burdenErrorOf(() => mapColumns(['ags', 'eu2'], parseColumnOverrides(['eu2=EU2 Gesamt']), 'x.csv'));
    expect(error.code).toBe(64);
    expect(error.format()).toBe('--column eu2=EU2 Gesamt: x.csv has no column "EU2 Gesamt" (its columns are "ags", "eu2")');
  });
});

describe('parseColumnOverrides', () => {
  it('refuses a spec without = or with an unknown field', () => {
    expect(burdenErrorOf(() => parseColumnOverrides(['eu2'])).code).toBe(64);
    expect(burdenErrorOf(() => parseColumnOverrides(['einwohner=EW'])).message).toBe('--column "einwohner=EW" is not canonical=Header');
    expect(burdenErrorOf(() => parseColumnOverrides(['=eu2'])).code).toBe(64);
  });

  it('keeps everything after the first = as the header', () => {
    expect(parseColumnOverrides(['name=Name = Kurzform'])).toEqual(new Map([['name', 'Name = Kurzform']]));
  });
});
