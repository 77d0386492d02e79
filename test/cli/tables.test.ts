import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const DORTMUND = 'ags,name,eu2\n05913,Dortmund,13495\n05111,Düsseldorf,8000\n';
const IMPUTE = ['--impute-insured', 'national-2019'];

describe('--explain for people', () => {
  it('finds a row by its name, in any case, and prints its chain before the table', async () => {
    for (const name of ['Dortmund', 'dortmund', 'DORTMUND']) {
      const { stdout, code } = await runCli(['calc', '-', ...IMPUTE, '--explain', name], { stdin: DORTMUND });
      expect(code).toBe(0);
      expect(stdout.startsWith('So entstehen die Zahlen für Dortmund (05913):\n  Dortmund hat 13.495 EU2-Einwohner (Eingabe <stdin>:2).\n')).toBe(true);
      expect(stdout).not.toContain('Düsseldorf (05111):');
    }
  });

  it('finds the start of a longer name (Dortmund in the shipped "Dortmund, kreisfreie Stadt")', async () => {
    const { stdout, code } = await runCli(['calc', '--explain', 'Dortmund', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('How the figures for Dortmund, kreisfreie Stadt (05913), 2025 are obtained:');
    // "6,971 of them …" in words, with the numbers of the national ratio and its date.
    expect(stdout).toContain('6.971 of them are estimated to be in insured employment (national ratio of 31.12.2019: 572.574 insured employees to 1.108.393 EU2 residents');
  });

  it('takes a key without its leading zero (as a spreadsheet writes 05913)', async () => {
    const { stdout, code } = await runCli(['calc', '-', ...IMPUTE, '--explain', '5913'], { stdin: DORTMUND });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('So entstehen die Zahlen für Dortmund (05913):');
  });

  it('says "did you mean" for a name not found, and lists the candidates of an ambiguous one', async () => {
    const typo = await runCli(['calc', '-', ...IMPUTE, '--explain', 'Dortmnd'], { stdin: DORTMUND });
    expect(typo.code).toBe(64);
    expect(typo.stderr).toBe('error: --explain Dortmnd: no row has that key or name (did you mean 05913 Dortmund?)\n');
    const key = await runCli(['calc', '-', ...IMPUTE, '--explain', '5914'], { stdin: DORTMUND });
    expect(key.stderr).toMatch(/^error: --explain 5914: no row has that key or name/);
    const many = await runCli(['calc', '--explain', 'Stadt']);
    expect(many.code).toBe(64);
    expect(many.stderr).toMatch(/^error: --explain Stadt: \d+ rows match: 01001 Flensburg, kreisfreie Stadt; 01002 Kiel, kreisfreie Stadt; .*give the key \(AGS\) of the one you mean/);
  });
});

describe('--lang for table and md', () => {
  it('writes German by default and English with --lang en: heads, totals, notes and status words', async () => {
    const de = (await runCli(['calc', '-', ...IMPUTE], { stdin: DORTMUND })).stdout;
    expect(de).toContain('│ AGS   │ Name             │   Einwohner │      EU2 │ SV-Besch. │');
    expect(de).toContain('│ Summe (2 Zeilen) │');
    expect(de).toContain('Kennzeichen hinter jeder Zahl (ohne Zeichen: amtlich): ');
    expect(de).toContain('e = geschätzt: ');
    expect(de).toMatch(/\nQuellen:\n\[1\] Städtetag NRW/);
    const en = (await runCli(['calc', '-', ...IMPUTE, '--lang', 'en'], { stdin: DORTMUND })).stdout;
    expect(en).toContain('│ AGS   │ Name           │  Population │      EU2 │  Insured │');
    expect(en).toContain('│ Total (2 rows) │');
    expect(en).toContain('Status after each figure (none: official): ');
    expect(en).toMatch(/\nSources:\n\[1\] Städtetag NRW/);
    // --lang changes the words, --locale the numbers.
    expect(en).toContain('13.495');
    expect((await runCli(['calc', '-', ...IMPUTE, '--lang', 'en', '--locale', 'en'], { stdin: DORTMUND })).stdout).toContain('13,495');
  });

  it('names each source once, numbered, instead of the paper\'s title on every line', async () => {
    const { stdout } = await runCli(['calc', '-', ...IMPUTE], { stdin: DORTMUND });
    const [notes = '', sources = ''] = stdout.split('\nQuellen:\n');
    expect(notes).not.toContain('Arbeitspapier');
    expect(notes).toMatch(/Methode: .* \[1\]\.\n/);
    const numbers = sources.split('\n').filter((l) => l.startsWith('[')).map((l) => Number(/^\[(\d+)\]/.exec(l)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('writes md in either language', async () => {
    const de = (await runCli(['calc', '-', ...IMPUTE, '--format', 'md'], { stdin: DORTMUND })).stdout;
    expect(de.split('\n')[0]).toBe('| AGS | Name | Einwohner | EU2 | SV-Besch. | Netto | Kosten (EUR) | EUR/Einw. | EU2 % |');
    expect(de).toContain('**Summe (2 Zeilen)**');
    const en = (await runCli(['calc', '-', ...IMPUTE, '--format', 'md', '--lang', 'en'], { stdin: DORTMUND })).stdout;
    expect(en.split('\n')[0]).toBe('| AGS | Name | Population | EU2 | Insured | Net | Cost (EUR) | EUR/inh. | EU2 % |');
    expect(en).toContain('**Total (2 rows)**');
  });

  it('leaves csv and json byte for byte the same in either language', async () => {
    for (const format of ['csv', 'json']) {
      for (const args of [['calc', '-', ...IMPUTE, ...(format === 'json' ? ['--explain'] : [])], ['calc', '-', ...IMPUTE, '--years', '2025-2026', '--base-year', '2025'], ['extrapolate', '-', '--by', 'land']]) {
        const de = await runCli([...args, '--format', format, '--lang', 'de'], { stdin: DORTMUND });
        const en = await runCli([...args, '--format', format, '--lang', 'en'], { stdin: DORTMUND });
        const none = await runCli([...args, '--format', format], { stdin: DORTMUND });
        expect(de.code).toBe(0);
        expect(en.stdout).toBe(de.stdout);
        expect(none.stdout).toBe(de.stdout);
      }
    }
  });

  it('refuses a language it does not have', async () => {
    const { code, stderr } = await runCli(['calc', '-', '--lang', 'fr'], { stdin: DORTMUND });
    expect(code).toBe(64);
    expect(stderr).toContain("'fr' is invalid");
  });
});

describe('a table of 125,000 rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burden-tables-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is drawn in table and md without running out of stack or arguments', async () => {
    const file = join(dir, 'big.csv');
    let text = 'ags,name,population,eu2,insured\n';
    for (let i = 0; i < 125_000; i++) text += `${String(i).padStart(8, '0')},Gemeinde ${i},${100_000 + i},${i % 5000},${i % 1000}\n`;
    writeFileSync(file, text);
    for (const format of ['table', 'md']) {
      const { stdout, code, stderr } = await runCli(['calc', file, '--format', format]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(format === 'md' ? '**Summe (125.000 Zeilen)**' : '│ Summe (125.000 Zeilen) │');
    }
  }, 120_000);
});
