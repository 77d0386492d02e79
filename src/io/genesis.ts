// Longer than ~300 lines on purpose: a GENESIS export read as downloaded: title, multi-line header, value flags, symbols, footer and the EU2 derivation of table 12521-0041.
import { BurdenError, EXIT, quote } from '../errors.js';
import type { CsvFile, CsvRecord } from './csv.js';
export { looksLikeGenesis } from './csv.js';
import { parseCount } from './numbers.js';
import { loadRegister } from './shipped.js';
import type { InputSource, ScanResult } from './source.js';

/**
 * Reading a table as GENESIS-Online (Destatis, and the Länder's GENESIS databases) exports
 * it: title lines before the header, a header of one or more lines whose leading cells are
 * empty, `;` between cells, a flag column beside each value (`e` final, `p` provisional,
 * `r` revised, `s` estimated), the symbols `-` `.` `...` `x` `/`, and a footer with
 * footnotes, the copyright and the "Stand" after the data. Files come as UTF-8 or Latin-1;
 * the source scan (io/source.ts) decodes both. The export becomes plain rows; for the
 * nationality table 12521-0041 (and its single-nationality variants) the rows become one
 * EU2 count per Kreis. Loaded only when a file looks like such an export.
 */

export interface GenesisRow {
  /** Line in the file (1-based). */
  line: number;
  /** The cells of the dimension columns (date, key, name, characteristic), trimmed. */
  dims: string[];
  /** The value cells as written (numbers or symbols), without their flags. */
  values: string[];
  /** The flag beside each value (`e`, `p`, …), or '' where none. */
  flags: string[];
}

export interface GenesisTable {
  /** The table code from the first line, e.g. "12521-0041". */
  code: string;
  /** The title lines (non-empty text, cells joined). */
  title: string[];
  dimensionNames: string[];
  /** One name per value column: the header lines' texts for it, joined with " / ". */
  valueNames: string[];
  /** The line of the last header line (or of the first data line when there is no header). */
  headerLine: number;
  rows: GenesisRow[];
  titleLines: number;
  headerLines: number;
  footerLines: number;
  /** The footer as text, lines joined with "\n" (quotes of the export removed). */
  footer: string;
}

const VALUE = /^(?:-|\.|\.\.\.|x|\/|[-]?\d[\d.]*(?:,\d+)?)$/;
const FLAG = /^[a-z]?$/;
const INLINE_FLAG = /^(.*\S)\s+([eprs])$/;

/** A value cell, possibly with its flag in the same cell ("1234 p"). */
function splitInlineFlag(cell: string): { value: string; flag: string } {
  const m = INLINE_FLAG.exec(cell);
  return m && VALUE.test(m[1] ?? '') ? { value: m[1] ?? '', flag: m[2] ?? '' } : { value: cell, flag: '' };
}
const isValue = (cell: string): boolean => VALUE.test(splitInlineFlag(cell.trim()).value);

function genesisError(file: string, line: number, message: string, suggestion: string, column?: string, value?: string): BurdenError {
  return new BurdenError(EXIT.dataError, message, { file, line, ...(column !== undefined ? { column } : {}), ...(value !== undefined ? { value } : {}) }, suggestion);
}

/** Parse the text of a GENESIS export into title, header, rows and footer. */
export function parseGenesis(text: string, file: string): GenesisTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const code = /Tabelle:\s*(\d{5}-[\w-]+)/i.exec(lines[0] ?? '')?.[1] ?? '';
  const cells = lines.map((l) => l.split(';'));
  // A data line has a non-empty first cell and at least one value; header lines start empty.
  const isData = (i: number): boolean => {
    const c = cells[i] ?? [];
    return c.length >= 2 && (c[0] ?? '').trim() !== '' && c.slice(1).some((cell) => isValue(cell));
  };
  // The data block: the longest run of data lines with one field count.
  let best = { start: -1, end: -1 };
  for (let i = 0; i < lines.length; i++) {
    if (!isData(i)) continue;
    let j = i;
    while (j + 1 < lines.length && isData(j + 1) && cells[j + 1]?.length === cells[i]?.length) j += 1;
    if (j - i > best.end - best.start) best = { start: i, end: j };
    i = j;
  }
  if (best.start < 0) {
    throw genesisError(file, 1, `the file starts like a GENESIS export (${quote(lines[0] ?? '')}) but has no data lines`,
      'export the table again as CSV from GENESIS, or remove the title line if this is an ordinary CSV');
  }
  const width = cells[best.start]?.length ?? 0;
  // Header lines: directly above the data, as wide, starting with an empty cell, not all empty.
  let headerStart = best.start;
  while (headerStart > 0) {
    const c = cells[headerStart - 1] ?? [];
    if (c.length !== width || (c[0] ?? '').trim() !== '' || c.every((cell) => cell.trim() === '')) break;
    headerStart -= 1;
  }
  const headers = cells.slice(headerStart, best.start);
  const dataRows = cells.slice(best.start, best.end + 1);
  // Dimension columns: leading columns without a header text (or, without a header, not all values).
  let dimensions = 0;
  while (dimensions < width && (headers.length
    ? headers.every((h) => (h[dimensions] ?? '').trim() === '')
    : dataRows.some((r) => !isValue(r[dimensions] ?? '')))) dimensions += 1;
  if (dimensions === 0 || dimensions === width) {
    throw genesisError(file, headerStart + 1, 'cannot tell the key columns of the GENESIS export from its value columns',
      'export the table again as CSV from GENESIS with the regional key in a column of its own');
  }
  const headerText = (col: number): string => headers.map((h) => (h[col] ?? '').trim()).filter(Boolean).join(' / ');
  // Value columns, each possibly followed by its flag column (same header, cells empty or a letter).
  const valueCols: { col: number; flagCol: number | null }[] = [];
  for (let col = dimensions; col < width; col++) {
    const next = col + 1;
    const flagNext = next < width && (headerText(next) === headerText(col) || headerText(next) === '') &&
      dataRows.every((r) => FLAG.test((r[next] ?? '').trim())) && dataRows.some((r) => (r[next] ?? '').trim() !== '' || isValue(r[col] ?? ''));
    valueCols.push({ col, flagCol: flagNext ? next : null });
    if (flagNext) col = next;
  }
  const dimensionNames = nameDimensions(dataRows.map((r) => r.slice(0, dimensions).map((c) => c.trim())), dimensions);
  const valueNames = valueCols.map(({ col }, i) => headerText(col) || `wert_${i + 1}`);
  const rows: GenesisRow[] = dataRows.map((r, i) => {
    const values: string[] = [];
    const flags: string[] = [];
    for (const { col, flagCol } of valueCols) {
      const { value, flag } = splitInlineFlag((r[col] ?? '').trim());
      values.push(value);
      flags.push(flagCol === null ? flag : (r[flagCol] ?? '').trim());
    }
    return { line: best.start + i + 1, dims: r.slice(0, dimensions).map((c) => c.trim()), values, flags };
  });
  const footerText = lines.slice(best.end + 1);
  const title = lines.slice(0, headerStart).map((l) => l.split(';').map((c) => c.trim()).filter(Boolean).join(' ')).filter(Boolean);
  return {
    code,
    title,
    dimensionNames,
    valueNames,
    headerLine: best.start,
    rows,
    titleLines: headerStart,
    headerLines: best.start - headerStart,
    footerLines: footerText.filter((l) => l.trim() !== '').length,
    footer: footerText.join('\n').replace(/""/g, '\u0000').replace(/"/g, '').replace(/\u0000/g, '"').trim(),
  };
}

const KEY = /^(?:\d{2}|\d{3}|\d{5}|\d{8}|\d{9}|\d{12}|DG)$/;

/** Names for the dimension columns from what they hold: a date, a key, the name after it, characteristics. */
function nameDimensions(rows: string[][], count: number): string[] {
  const names: string[] = [];
  let characteristics = 0;
  for (let col = 0; col < count; col++) {
    const column = rows.map((r) => r[col] ?? '');
    const all = (re: RegExp): boolean => column.every((c) => re.test(c));
    if (all(/^\d{2}\.\d{2}\.\d{4}$/) && !names.includes('stichtag')) names.push('stichtag');
    else if (all(/^\d{4}$/) && !names.includes('jahr')) names.push('jahr');
    else if (all(KEY) && !names.includes('ags')) names.push('ags');
    else if (names[col - 1] === 'ags' && !names.includes('name')) names.push('name');
    else names.push(characteristics++ === 0 ? 'merkmal' : `merkmal_${characteristics}`);
  }
  return names;
}

/** What the input reader gets: a header, records with the export's line numbers, and notes. */
export interface GenesisInput {
  header: string[];
  records: CsvRecord[];
  notes: string[];
}

const EU27_2013 = 'EU-27 (bis 30.06.2013)';
const EU25_2006 = 'EU-25 (bis 31.12.2006)';
const TOTAL = 'Insgesamt';

/** Groups of Kreise the footer says are counted together ("… können nicht getrennt ausgewiesen werden"). */
export interface FootnoteGroup {
  members: { ags: string; name: string }[];
  text: string;
}

/**
 * The footnote blocks of a footer: a list of "KEY Name," lines ending in "…:", then the text
 * up to a blank line. Each block names Kreise whose cases one authority records together.
 */
export function footnoteGroups(footer: string): FootnoteGroup[] {
  const groups: FootnoteGroup[] = [];
  let members: { ags: string; name: string }[] = [];
  let text: string[] = [];
  const close = (): void => {
    if (members.length > 1 && text.length) groups.push({ members, text: text.join(' ') });
    members = [];
    text = [];
  };
  for (const raw of footer.split('\n')) {
    const line = raw.trim();
    const member = /^(\d{5})\s+(.+?)[,:]$/.exec(line);
    if (member && text.length === 0) members.push({ ags: member[1] ?? '', name: member[2] ?? '' });
    else if (line === '') close();
    else if (members.length) text.push(line);
  }
  close();
  return groups;
}

function isNationalityTable(table: GenesisTable): number {
  return table.dimensionNames.findIndex((_, d) => {
    const seen = new Set(table.rows.map((r) => r.dims[d]));
    return (seen.has(EU27_2013) && seen.has(EU25_2006)) || (seen.has('Bulgarien') && seen.has('Rumänien'));
  });
}

/**
 * Turn a parsed export into the rows burden reads. A nationality table (12521-0041 and the
 * like) becomes `ags,name,eu2` (plus `year` when it has several dates, `population` for
 * combined areas); any other table its dimension and value columns, flags dropped, for
 * `--column` to map. `kreisPopulation` gives a Kreis's population, for combined areas.
 */
export function genesisToInput(table: GenesisTable, file: string, kreisPopulation?: (ags: string) => number | undefined): GenesisInput {
  const notes = [
    `GENESIS table ${table.code || '(no code)'}: skipped ${table.titleLines} title line${table.titleLines === 1 ? '' : 's'} before the header` +
      (table.title.length ? ` (${table.title.join(' | ')})` : '') +
      `, read ${table.headerLines} header line${table.headerLines === 1 ? '' : 's'}, skipped ${table.footerLines} footer line${table.footerLines === 1 ? '' : 's'} after the data (footnotes, copyright, "Stand")`,
  ];
  const grouping = isNationalityTable(table);
  if (grouping < 0) {
    const header = [...table.dimensionNames, ...table.valueNames];
    if (table.rows.some((r) => r.flags.some(Boolean))) notes.push('value flags (e final, p provisional, r revised, s estimated) dropped');
    return { header, records: table.rows.map((r) => ({ fields: [...r.dims, ...r.values], line: r.line })), notes };
  }
  return nationalityInput(table, file, grouping, notes, kreisPopulation);
}

interface KreisCounts {
  ags: string;
  name: string;
  date: string;
  /** grouping → [value cell, line] */
  cells: Map<string, [string, number]>;
}

function nationalityInput(table: GenesisTable, file: string, grouping: number, notes: string[], kreisPopulation?: (ags: string) => number | undefined): GenesisInput {
  const at = (name: string): number => table.dimensionNames.indexOf(name);
  const [keyCol, nameCol, dateCol] = [at('ags'), at('name'), at('stichtag') >= 0 ? at('stichtag') : at('jahr')];
  if (keyCol < 0) {
    throw genesisError(file, table.headerLine, 'the GENESIS export has no column of regional keys', 'export the table with the regional key (Kreise) as a column');
  }
  let valueIndex = table.valueNames.findIndex((n) => n.split(' / ').pop() === TOTAL);
  if (valueIndex < 0 && table.valueNames.length === 1) valueIndex = 0;
  if (valueIndex < 0) {
    throw genesisError(file, table.headerLine, `cannot tell which column holds the total: ${table.valueNames.map((n) => quote(n)).join(', ')}`,
      `export the table with the column ${quote(TOTAL)} (both sexes)`);
  }
  const valueName = table.valueNames[valueIndex] ?? TOTAL;
  const byKey = new Map<string, KreisCounts>();
  for (const row of table.rows) {
    const date = dateCol >= 0 ? (row.dims[dateCol] ?? '') : '';
    const ags = row.dims[keyCol] ?? '';
    const id = `${ags}@${date}`;
    const entry = byKey.get(id) ?? { ags, name: nameCol >= 0 ? (row.dims[nameCol] ?? '') : '', date, cells: new Map() };
    entry.cells.set(row.dims[grouping] ?? '', [row.values[valueIndex] ?? '', row.line]);
    byKey.set(id, entry);
  }
  const dates = new Set([...byKey.values()].map((k) => k.date));
  const withYear = dates.size > 1;
  const count = (k: KreisCounts, group: string): number | null => {
    const [raw = '', line = 0] = k.cells.get(group) ?? [];
    const cell = parseCount(raw);
    if (cell.kind === 'invalid') throw genesisError(file, line, `${quote(raw)} ${cell.reason}`, cell.suggestion, valueName, raw);
    return cell.kind === 'value' ? cell.value : null;
  };
  // A Kreis with "-" for all foreign nationals has no data of its own (a former Kreis, or one
  // counted in another: see the footer), never 0 persons.
  const hasData = (k: KreisCounts): boolean => {
    const total = k.cells.get(TOTAL)?.[0] ?? '';
    return total !== '' ? total !== '-' : [...k.cells.values()].some(([raw]) => raw !== '-');
  };
  let direct = 0;
  let derived = 0;
  const noData: string[] = [];
  const eu2Of = (k: KreisCounts): { value: string; line: number } => {
    const bg = k.cells.get('Bulgarien');
    const ro = k.cells.get('Rumänien');
    if (bg && ro) {
      direct += 1;
      const [b, r] = [count(k, 'Bulgarien'), count(k, 'Rumänien')];
      return { value: b === null || r === null ? '.' : String(b + r), line: bg[1] };
    }
    const eu27 = k.cells.get(EU27_2013);
    if (!eu27 || !k.cells.get(EU25_2006)) {
      throw genesisError(file, [...k.cells.values()][0]?.[1] ?? 0, `Kreis ${k.ags} has neither Bulgarien and Rumänien nor both ${quote(EU27_2013)} and ${quote(EU25_2006)}`,
        'export the table with all nationality groupings of the Kreis');
    }
    derived += 1;
    const [a, b] = [count(k, EU27_2013), count(k, EU25_2006)];
    if (a !== null && b !== null && a < b) {
      throw genesisError(file, eu27[1], `${quote(EU27_2013)} ${a} is smaller than ${quote(EU25_2006)} ${b} in Kreis ${k.ags}`,
        'check the export: the EU-27 of 2013 contains the EU-25 of 2006', valueName, String(a));
    }
    return { value: a === null || b === null ? '.' : String(a - b), line: eu27[1] };
  };

  const out: { ags: string; name: string; date: string; eu2: string; population: string; line: number }[] = [];
  const seen = new Map<string, KreisCounts>();
  for (const k of byKey.values()) {
    if (!hasData(k)) {
      noData.push(k.ags);
      continue;
    }
    seen.set(`${k.ags}@${k.date}`, k);
    const { value, line } = eu2Of(k);
    out.push({ ags: k.ags, name: k.name, date: k.date, eu2: value, population: '', line });
  }
  // Kreise counted together (footer): one row for the area the count covers, keyed by the
  // members' first three digits and 99 (98, … for further groups there), with their population.
  const combined: string[] = [];
  const used = new Set<string>();
  for (const group of footnoteGroups(table.footer)) {
    for (const date of dates) {
      const withData = group.members.filter((m) => seen.has(`${m.ags}@${date}`));
      const prefix = group.members[0]?.ags.slice(0, 3) ?? '';
      if (withData.length !== 1 || !group.members.every((m) => m.ags.slice(0, 3) === prefix)) continue;
      const recorder = withData[0]?.ags ?? '';
      const row = out.find((r) => r.ags === recorder && r.date === date);
      if (!row) continue;
      let suffix = 99;
      while (used.has(`${prefix}${suffix}@${date}`)) suffix -= 1;
      const key = `${prefix}${suffix}`;
      used.add(`${key}@${date}`);
      const populations = group.members.map((m) => kreisPopulation?.(m.ags));
      row.ags = key;
      row.name = `${group.members.map((m) => m.name).join(' + ')} (gemeinsam gezählt)`;
      row.population = populations.every((p): p is number => p !== undefined) ? String(populations.reduce((s, p) => s + p, 0)) : '';
      if (!combined.some((c) => c.startsWith(`${key} `))) {
        combined.push(`${key} = ${group.members.map((m) => m.ags).join(' + ')} (recorded under ${recorder})`);
      }
    }
  }
  out.sort((a, b) => (a.date === b.date ? (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0) : a.date < b.date ? -1 : 1));
  notes.push(direct > 0 && derived === 0
    ? `EU2 = Bulgarien + Rumänien per Kreis, column ${quote(valueName)}`
    : `EU2 = ${quote(EU27_2013)} − ${quote(EU25_2006)} per Kreis, column ${quote(valueName)}` +
      (direct > 0 ? ` (Bulgarien + Rumänien where the export has them: ${direct} Kreise)` : '') +
      '; Destatis rounds each cell to a multiple of 5, so a difference is within ±10 of the true count');
  if (noData.length) {
    const list = [...new Set(noData)];
    notes.push(`${list.length} key${list.length === 1 ? '' : 's'} without data of their own ("-" in every cell: former Kreise, or counted in another Kreis) skipped: ${list.slice(0, 8).join(', ')}${list.length > 8 ? `, and ${list.length - 8} more` : ''}`);
  }
  if (combined.length) notes.push(`counted together by one Ausländerbehörde (footer of the export), one row each: ${combined.join('; ')}`);
  const header = ['ags', 'name', ...(withYear ? ['year'] : []), 'eu2', 'population'];
  const records = out.map((r) => ({ fields: [r.ags, r.name, ...(withYear ? [r.date] : []), r.eu2, r.population], line: r.line }));
  return { header, records, notes };
}

const BATCH = 4096;

/**
 * A GENESIS export as a CSV file for the input reader (io/csv.ts openCsv hands it over when
 * the first line names a GENESIS table): read whole (exports are a few MB), converted, and
 * served as records that keep the export's line numbers, with the notes of the conversion.
 */
export async function genesisCsvFile(source: InputSource, scan: ScanResult, path: string, chunks: () => AsyncGenerator<string>): Promise<CsvFile> {
  let text = '';
  for await (const chunk of chunks()) text += chunk;
  const table = parseGenesis(text, source.name);
  const kreise = await loadRegister('kreis');
  const input = genesisToInput(table, source.name, (ags) => kreise[ags]?.[1]);
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    for (let i = 0; i < input.records.length; i += BATCH) yield input.records.slice(i, i + BATCH);
  }
  return { source, scan, path, delimiter: ',', header: input.header, batches, lines: null, notes: input.notes };
}
