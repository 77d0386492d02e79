import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
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

/**
 * Tables had a size limit: 125,000 rows ran out of stack ("Maximum call stack size exceeded"),
 * from spreading every row into a call's arguments. Such code needs stack in proportion to the
 * rows, so it fails as surely on 25,000 rows with a fifth of the stack: the built binary runs
 * with 100 KB (node --stack-size=100, where a spread of 20,000 arguments already fails) on
 * a table and on md with a year column, which both hold every row before they are drawn.
 */
describe('a table of 25,000 rows on a fifth of the stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burden-tables-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, ['--stack-size=100', BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 << 20 });

  it('is drawn as a table and as md without running out of stack or arguments', () => {
    const file = join(dir, 'big.csv');
    let text = 'ags,name,year,population,eu2,insured\n';
    for (let i = 0; i < 25_000; i++) text += `${String(i).padStart(8, '0')},Gemeinde ${i},2025,${100_000 + i},${i % 5000},${i % 1000}\n`;
    writeFileSync(file, text);
    for (const [format, total] of [['table', '│ Summe (25.000 Zeilen) │'], ['md', '**Summe (25.000 Zeilen)**']]) {
      const { stdout, status, stderr } = run(['calc', file, '--format', format!]);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout).toContain(total);
    }
  }, 60_000);

  it('would fail on spreading the rows: the same stack cannot take a spread of 20,000 arguments', () => {
    const { status, stderr } = spawnSync(process.execPath, ['--stack-size=100', '-e', 'Math.max(...new Array(20000).fill(1))'], { encoding: 'utf8' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('Maximum call stack size exceeded');
  });
});
