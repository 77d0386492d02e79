import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKreisMap } from '../../src/report/geo.js';
import { combinedAreas } from '../../src/report/areas.js';
import { statusWord, type Status } from '../../src/report/terms.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `--format html` and `--format xlsx` of real runs of calc, checked against the json of the same
 * run: the workbook's cells and the page's table hold the json's numbers, the map one shape per area.
 */
type JsonRow = Record<string, unknown>;
interface Run { json: { rows: JsonRow[]; totals: JsonRow; meta: Record<string, unknown> }; html: string; xlsx: Buffer }

const dir = mkdtempSync(join(tmpdir(), 'burden-report-'));

async function runAll(name: string, args: string[]): Promise<Run> {
  const out = (format: string): string => join(dir, `${name}.${format}`);
  for (const format of ['json', 'html', 'xlsx']) {
    const result = await runCli(['calc', ...args, '--format', format, '-o', out(format)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
  }
  return { json: JSON.parse(readFileSync(out('json'), 'utf8')), html: readFileSync(out('html'), 'utf8'), xlsx: readFileSync(out('xlsx')) };
}

/** The results sheet as objects keyed by header, each cell's value as exceljs reads it. */
async function sheetRows(xlsx: Buffer, sheet: number): Promise<{ headers: string[]; rows: Record<string, unknown>[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = workbook.worksheets[sheet]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

/** The data-v of every cell of the main table's body, row by row, and its column heads. */
function htmlTable(html: string): { heads: string[]; rows: string[][] } {
  const table = html.slice(html.indexOf('<table class="data-table'));
  const head = table.slice(0, table.indexOf('</thead>'));
  const heads = [...head.matchAll(/<button type="button">([^<]*)<\/button>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  const rows = body.split('<tr>').slice(1).map((tr) => [...tr.matchAll(/data-v="([^"]*)"/g)].map((m) => m[1]!));
  return { heads, rows };
}

const HEADERS: Record<string, string> = {
  AGS: 'ags', Gebiet: 'name', Einwohner: 'population', 'EU2-Einwohner': 'eu2', 'SV-Beschäftigte EU2': 'insured', 'Netto-Personen': 'net',
  'Satz (EUR je Person)': 'rate_eur', 'Kosten (EUR)': 'cost_eur', 'Kosten je Einwohner (EUR)': 'cost_per_inhabitant_eur', 'EU2-Anteil (%)': 'eu2_share_pct',
};

describe('calc --format html and xlsx (all Kreise, shipped data)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runAll('de', []);
  }, 60_000);

  it('writes a workbook whose results sheet holds the json: keys as text, numbers as numbers', async () => {
    expect(run.xlsx.subarray(0, 2).toString()).toBe('PK');
    const { headers, rows } = await sheetRows(run.xlsx, 0);
    expect(headers.slice(0, 4)).toEqual(['AGS', 'Gebiet', 'Jahr', 'Einwohner']);
    expect(rows).toHaveLength(run.json.rows.length);
    expect(rows[0]!.AGS).toBe('01001');
    expect(rows[0]!.Jahr).toBe(2025);
    expect(rows.filter((r) => r['Status: Kosten (EUR)'] === 'geschätzt').length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      const json = run.json.rows[i]!;
      for (const [header, key] of Object.entries(HEADERS)) {
        const expected = key === 'eu2_share_pct' && typeof json[key] === 'number' ? (json[key] as number) / 100 : json[key];
        if (typeof expected === 'number') expect(row[header]).toBeCloseTo(expected, 10);
        else expect(row[header] ?? null).toBe(expected);
      }
      expect(typeof row['Kosten (EUR)']).toBe('number');
      // Status words in German (the shipped data's insured counts are estimated: geschätzt).
      expect(row['Status: Kosten (EUR)']).toBe(statusWord('de', json.cost_status as Status));
    });
    const sheets = new ExcelJS.Workbook();
    await sheets.xlsx.load(run.xlsx as unknown as ArrayBuffer);
    expect(sheets.worksheets.map((w) => w.name)).toEqual(['Ergebnisse', 'Summen', 'Quellen und Hinweise', 'Parameter']);
    const results = sheets.worksheets[0]!;
    expect(results.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(results.autoFilter).toBeTruthy();
    expect(results.getColumn(HEADERS_INDEX(headers, 'Kosten (EUR)')).numFmt).toBe('#,##0.00 "€"');
    // The totals: the json's.
    const totals = await sheetRows(run.xlsx, 1);
    expect(totals.rows.at(-1)!['Kosten (EUR)']).toBeCloseTo(run.json.totals.cost_eur as number, 2);
  });

  it('gives the same bytes for the same input', async () => {
    const again = join(dir, 'again.xlsx');
    expect((await runCli(['calc', '--format', 'xlsx', '-o', again])).code).toBe(0);
    expect(readFileSync(again).equals(run.xlsx)).toBe(true);
  }, 30_000);

  it('draws one map shape per area: every Kreis once, a combined area as one shape', () => {
    const map = loadKreisMap();
    const svg = run.html.slice(run.html.indexOf('<svg'), run.html.indexOf('</svg>', run.html.indexOf('class="burden-map"')));
    const shapes = [...svg.matchAll(/<path data-ags="(\d+)"/g)].map((m) => m[1]!);
    expect(new Set(shapes).size).toBe(shapes.length);
    const areas = combinedAreas();
    const members = [...areas.values()].flatMap((a) => a.members);
    expect(shapes).toHaveLength(map.kreise.size - members.length + areas.size);
    for (const key of areas.keys()) expect(shapes).toContain(key);
    for (const member of members) expect(shapes).not.toContain(member);
    // Every row of a Kreis on the map (or a combined area) has its shape, with cost per inhabitant as its value.
    for (const row of run.json.rows) {
      const key = row.ags as string;
      if (!map.kreise.has(key) && !areas.has(key)) continue;
      const value = new RegExp(`<path data-ags="${key}"[^>]*data-value="([^"]+)"`).exec(svg)?.[1];
      expect(Number(value), key).toBeCloseTo((row.cost_eur as number) / (row.population as number), 2);
    }
    expect(run.html).toContain('© GeoBasis-DE / BKG');
  });

  it('puts the json\'s numbers in the table, marks estimated figures and loads nothing from outside', () => {
    const { heads, rows } = htmlTable(run.html);
    expect(rows).toHaveLength(run.json.rows.length);
    rows.forEach((cells, i) => {
      const json = run.json.rows[i]!;
      for (const [head, key] of Object.entries(HEADERS)) {
        const at = heads.indexOf(head);
        expect(at, head).toBeGreaterThanOrEqual(0);
        expect(cells[at]).toBe(json[key] === null ? '' : String(json[key]));
      }
    });
    expect(run.html).toContain('<sup class="mark" title="geschätzt">e</sup>');
    expect(run.html).not.toMatch(/(src|href)="https?:/);
    // Provenance: the input with its SHA-256.
    const input = (run.json.meta.inputs as { sha256: string }[])[0]!;
    expect(run.html).toContain(input.sha256);
  });

  it('writes the notes of table and md, in German, citing the numbered sources, in html and the workbook', async () => {
    const notes = /<h2 id="h-notes">[^]*?<\/section>/.exec(run.html)?.[0] ?? '';
    const md = (await runCli(['calc', '--format', 'md'])).stdout;
    const { rows: sheet } = await sheetRows(run.xlsx, 2);
    const sheetNotes = sheet.filter((r) => r.Art === 'Hinweis').map((r) => String(r.Text)).join('\n');
    for (const note of ['Preise: Die Kosten eines Haushaltsjahres stehen in dessen Preisen', 'SV-Beschäftigte: wo nicht angegeben, geschätzt']) {
      expect(notes).toContain(note);
      expect(md).toContain(note);
      expect(sheetNotes).toContain(note);
    }
    // Every [n] of the workbook's notes is a numbered source of the same sheet.
    const numbered = sheet.filter((r) => r.Art === 'Quelle').length;
    for (const [, n] of sheetNotes.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(numbered);
    expect(notes).not.toContain('Prices: each budget year');
    const sources = [.../<ol class="sources">([^]*?)<\/ol>/.exec(run.html)![1]!.matchAll(/<li>/g)].length;
    for (const [, n] of notes.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(sources);
  });
});

describe('calc --land 05 with two rule sets, one budget year', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runAll('nrw', ['--land', '05', '--rules', 'nrw-2024', '--rules', 'nrw-2025-kim', '--year', '2024', '--explain', '05913']);
  }, 60_000);

  it('explains a municipality in sentences of the report\'s language, citing the numbered sources', () => {
    const block = /<details class="explain">([^]*?)<\/details>/.exec(run.html)?.[1] ?? '';
    const steps = [...block.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!);
    expect(steps[0]).toBe('Dortmund, kreisfreie Stadt hat 13.495 EU2-Einwohner (Eingabe data/datasets/eu2-de-kreise-2025.csv:107).');
    expect(steps).toContain('Kosten: 6.524 Personen × 2.569,45 EUR = 16.763.091,80 EUR im Jahr (geschätzt).');
    // No trace notation ("method: net = max(…)") in a report for people.
    expect(block).not.toMatch(/\b(max|round)\(|^(input|method|estimate|result): /m);
    // Every [n] is an entry of the report's numbered list of sources.
    const sources = [.../<ol class="sources">([^]*?)<\/ol>/.exec(run.html)![1]!.matchAll(/<li>/g)].length;
    const cited = [...block.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(cited.length).toBeGreaterThan(3);
    for (const n of cited) expect(n).toBeLessThanOrEqual(sources);
  });

  it('marks the headline figures with the status of the same totals in the json', () => {
    const headline = run.html.slice(run.html.indexOf('class="headline"'), run.html.indexOf('</section>', run.html.indexOf('class="headline"')));
    const markAfter = (label: string): string | undefined =>
      new RegExp(`<dt>${label.replace(/[()]/g, '\\$&')}</dt><dd>[^<]*(?:<sup class="mark" title="([^"]*)">)?`).exec(headline)?.[1];
    const word = (status: unknown): string | undefined => (status === 'official' ? undefined : statusWord('de', status as Status));
    expect(markAfter('Ungedeckte Kosten (nrw-2024)')).toBe(word(run.json.totals.nrw_2024_uncovered_status));
    expect(markAfter('Förderansprüche (nrw-2025-kim)')).toBe(word(run.json.totals.nrw_2025_kim_claims_total_status));
    expect(markAfter('Ungedeckte Kosten (nrw-2025-kim)')).toBe(word(run.json.totals.nrw_2025_kim_uncovered_status));
  });

  it('zooms the map to NRW and shows claims and uncovered cost of both rule sets', () => {
    const shapes = [...run.html.matchAll(/<path data-ags="(\d+)"/g)].map((m) => m[1]!);
    expect(shapes.length).toBe([...loadKreisMap().kreise.keys()].filter((k) => k.startsWith('05')).length);
    expect(shapes.every((k) => k.startsWith('05'))).toBe(true);
    expect(run.html).toContain('nrw-2024: Förderansprüche');
    expect(run.html).toContain('nrw-2025-kim: Ungedeckte Kosten');
  });

  it('has the claims of both rule sets in table and workbook, as in the json', async () => {
    const { heads, rows } = htmlTable(run.html);
    const { rows: cells } = await sheetRows(run.xlsx, 0);
    const claims = { 'nrw-2024: Förderansprüche (EUR)': 'nrw_2024_claims_total_eur', 'nrw-2025-kim: Ungedeckte Kosten (EUR)': 'nrw_2025_kim_uncovered_eur', 'Differenz der Förderansprüche (EUR)': 'claims_difference_eur' };
    run.json.rows.forEach((json, i) => {
      for (const [head, key] of Object.entries({ ...HEADERS, ...claims })) {
        expect(rows[i]![heads.indexOf(head)], head).toBe(json[key] === null ? '' : String(json[key]));
        const expected = key === 'eu2_share_pct' ? (json[key] as number) / 100 : json[key];
        if (typeof expected === 'number') expect(cells[i]![head], head).toBeCloseTo(expected, 10);
      }
      expect(cells[i]!['nrw-2024: Status Förderansprüche']).toBe('Annahme');
    });
  });

  it('lists the parameters in force with value, date, status and source', async () => {
    const { rows } = await sheetRows(run.xlsx, 3);
    const rate = rows.find((r) => r.Name === 'rate')!;
    expect(rate).toMatchObject({ Wert: 2143, 'gültig ab': '2019-01-01', Status: 'amtlich' });
    expect(String(rate.Quelle)).toContain('Städtetag NRW');
    // Of the price index, the two years the rate was uprated between.
    expect(rows.filter((r) => r.Name === 'vpi').map((r) => r['gültig ab'])).toEqual(['2019-01-01', '2024-01-01']);
    expect(run.html).toContain('<code>rate</code>');
    // Each parameter by its German label.
    expect(rate.Beschreibung).toBe('Kosten je Netto-Person und Jahr (Dortmunder Pro-Kopf-Methode)');
    expect(run.html).toContain('<td>Kosten je Netto-Person und Jahr (Dortmunder Pro-Kopf-Methode)<br><code>rate</code></td>');
  });
});

const HEADERS_INDEX = (headers: string[], header: string): number => headers.indexOf(header) + 1;

describe('calc --years with --range: the range columns in html and xlsx', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runAll('range', ['--land', '05', '--years', '2025-2026', '--range']);
  }, 60_000);

  it('hold the json\'s numbers (persons as counts, euros as euros) under German heads', async () => {
    const range = { 'Netto-Personen niedrig': 'net_low', 'Netto-Personen hoch': 'net_high', 'Kosten niedrig (EUR)': 'cost_low_eur', 'Kosten hoch (EUR)': 'cost_high_eur' };
    const { heads, rows } = htmlTable(run.html);
    const { rows: cells } = await sheetRows(run.xlsx, 0);
    run.json.rows.forEach((json, i) => {
      for (const [head, key] of Object.entries(range)) {
        expect(rows[i]![heads.indexOf(head)], head).toBe(String(json[key]));
        expect(cells[i]![head], head).toBe(json[key]);
      }
    });
    expect(heads).toContain('Status der Spanne');
    expect(heads.join(' ')).not.toMatch(/Net low|Range status|Coverage/);
  });

  it('marks the figures of the charts\' and the map\'s data tables as the table does', () => {
    const tables = [...run.html.matchAll(/<details class="data">([^]*?)<\/details>/g)].map((m) => m[1]!);
    const cells = (table: string): string[][] => [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].slice(1)
      .map((tr) => [...tr[1]!.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((td) => td[1]!));
    const title = (status: string): string => `<sup class="mark" title="${statusWord('de', status as Status)}">`;
    const dusseldorf2026 = run.json.rows.find((r) => r.ags === '05111' && r.year === 2026)!;
    // The map: cost per inhabitant of the last year, as unsure as its cost.
    const map = cells(tables[0]!).find((c) => c[0] === '05111')!;
    expect(map[2]).toContain(title(String(dusseldorf2026.cost_status)));
    // The line of total cost per year, its band with the range's status.
    const total2025 = cells(tables.find((t) => t.includes('>2025<'))!).find((c) => c[1] === '2025')!;
    const year2025 = (run.json as unknown as { totals_by_year: Record<string, unknown>[] }).totals_by_year.find((y) => y.year === 2025)!;
    expect(total2025[2]).toContain(title(String(year2025.cost_status)));
    expect(total2025[3]).toContain(title(String(year2025.range_status)));
  });
});

describe('a population summed over rows', () => {
  it('is marked derived in html as in the table, on each Land row and the total; a total of one row says "1 Zeile"', async () => {
    const out = join(dir, 'lands.html');
    expect((await runCli(['extrapolate', '--by', 'land', '--format', 'html', '-o', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const table = html.slice(html.indexOf('<table class="data-table'));
    const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
    const firstRow = body.split('<tr>')[1]!;
    // The third cell is the population: 2.959.517 d in the table (Schleswig-Holstein summed over its Kreise).
    expect([...firstRow.matchAll(/<td[^>]*>(.*?)<\/td>/g)][2]![1]).toMatch(/^2\.959\.517<sup class="mark" title="abgeleitet">d<\/sup>$/);
    expect((await runCli(['extrapolate', '--by', 'land'])).stdout).toMatch(/│ 01 +│ Schleswig-Holstein +│ +2\.959\.517 d │/);
    const one = join(dir, 'one.html');
    await runCli(['calc', '-', '--format', 'html', '-o', one], { stdin: 'ags,name,eu2,insured\n05913,Dortmund,13495,6971\n' });
    expect(readFileSync(one, 'utf8')).toContain('Summe (1 Zeile)');
  });
});
