import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * "Hardening, round 2": hostile text never reaches a terminal raw, every command holds on a
 * closed pipe and a full disk, files are read once, and no output is ever an input.
 */

/** Characters a terminal would obey: C0 controls but line feed and tab, DEL and C1, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const unsafeIn = (text: string): string | null => {
  const match = UNSAFE.exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}` : null;
};

const RULES = 'test/fixtures/bad/hostile-rules.json';
const BREAKDOWN = 'test/fixtures/bad/hostile-breakdown.csv';
const NAMES = 'test/fixtures/bad/hostile-names.csv';

const sh = (script: string): { code: number | null; stdout: string; stderr: string } => {
  const define = `burden() { "${process.execPath}" "${BIN}" "$@"; }\n`;
  const result = spawnSync('bash', ['-c', define + script], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('hostile text (ESC, BEL, CR, LF, DEL, C1, bidi) through every command this issue owns', () => {
  const runs: [string, string[]][] = [];
  for (const format of ['table', 'md', 'json']) {
    runs.push([`rules show FILE --format ${format}`, ['rules', 'show', RULES, '--format', format]]);
    runs.push([`calibrate --breakdown FILE --format ${format}`, ['calibrate', '--breakdown', BREAKDOWN, '--eu2', '7298', '--insured', '0', '--format', format]]);
  }
  runs.push(['rules check FILE', ['rules', 'check', RULES]]);
  runs.push(['calibrate FILE --ags (a name with controls in the detail column)', ['calibrate', NAMES, '--ags', '05913000', '--total-cost', '15639763']]);
  runs.push(['data show with a hostile name (error message)', ['data', 'show', 'x\u001b[2J\u202e']]);
  runs.push(['params with a hostile name (error message)', ['params', 'r\u0007a\u001b]0;t\u0007']]);
  for (const [title, args] of runs) {
    it(`${title}: no raw control or bidi character on stdout or stderr`, async () => {
      const { stdout, stderr } = await runCli(args);
      expect(stdout.length + stderr.length).toBeGreaterThan(0);
      expect(unsafeIn(stdout)).toBeNull();
      expect(unsafeIn(stderr)).toBeNull();
    });
  }

  it('shows them as escapes, and a line break in a cell does not break the table row', async () => {
    const { stdout } = await runCli(['rules', 'show', RULES]);
    expect(stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(stdout).toContain('\\u202eevil');
    const lines = stdout.split('\n').filter((l) => l.startsWith('│'));
    // Every line of the box table has the same number of borders: nothing split a row.
    const borders = (l: string): number => (l.match(/│/g) ?? []).length;
    expect(new Set(lines.map(borders)).size).toBe(1);
  });

  it('json keeps the text (escaped, parsing back to the same strings)', async () => {
    const { stdout } = await runCli(['rules', 'show', RULES, '--format', 'json']);
    const parsed = JSON.parse(stdout) as { rows: { programme: string }[] };
    expect(parsed.rows[0]?.programme).toContain('Label\u001b]0;pwned\u0007 with\nnewline');
  });

  it('calc and extrapolate --format json: escaped (output/json-pieces.ts), parsing back to the names as read', async () => {
    for (const args of [['calc', NAMES, '--format', 'json'], ['extrapolate', NAMES, '--format', 'json'],
      ['calc', NAMES, '--format', 'json', '--rules', RULES, '--year', '2020']]) {
      const { stdout, code } = await runCli(args);
      expect(code).toBe(0);
      expect(unsafeIn(stdout)).toBeNull();
      expect(() => JSON.parse(stdout) as unknown).not.toThrow();
    }
    const parsed = JSON.parse((await runCli(['calc', NAMES, '--format', 'json'])).stdout) as { rows: { name: string }[] };
    expect(parsed.rows.some((row) => /[\u001b\u202e]/.test(row.name))).toBe(true);
  });

  it('calc --format table', async () => {
    const { stdout, stderr } = await runCli(['calc', NAMES, '--format', 'table']);
    expect(unsafeIn(stdout)).toBeNull();
    expect(unsafeIn(stderr)).toBeNull();
  });
  it('calc --format md', async () => {
    const { stdout, stderr, code } = await runCli(['calc', NAMES, '--format', 'md']);
    expect(code).toBe(0);
    expect(unsafeIn(stdout)).toBeNull();
    expect(unsafeIn(stderr)).toBeNull();
  });
});

describe('closed pipes and full disks', () => {
  const FULL = 'error: <stdout>: no space left on the device (free some space or write elsewhere; nothing was written)\n';
  const commands = ['params', 'rules list', 'rules show nrw-2024', 'rules check data/rules/nrw-2024.json', 'data list', 'data show eu2-de-series',
    'data check', '--help', 'rules --help', '--version', 'calibrate --total-cost 15639763 --eu2 7298 --insured 0',
    'calc --format csv', 'calc --format json', 'calc --format md', 'calc --years 2025-2027 --format csv'];
  for (const command of commands) {
    it(`burden ${command}: exit 0 and silent on a closed pipe, exit 73 and one line on a full disk`, async () => {
      const args = command.split(' ');
      const pipe = await runCli(args, { stdout: 'closed-pipe' });
      expect(pipe.stderr).toBe('');
      expect(pipe.code).toBe(0);
      const full = await runCli(args, { stdout: 'full-disk' });
      expect(full.stderr).toBe(FULL);
      expect(full.code).toBe(73);
    });
  }

  // The same on a real pipe whose reader has closed its end before burden writes, and on the
  // real /dev/full: commander's help text, and the shipped data set written by `data show`.
  for (const command of ['--help', 'data show eu2-de-series']) {
    it(`burden ${command} as a process: the same on a real closed pipe and /dev/full`, () => {
      const pipe = sh(`burden ${command} 2>/tmp/burden-pipe-$$ | (exec 0<&-); code=\${PIPESTATUS[0]}; cat /tmp/burden-pipe-$$ >&2; rm -f /tmp/burden-pipe-$$; exit $code`);
      expect(pipe.stderr).toBe('');
      expect(pipe.code).toBe(0);
      const full = sh(`burden ${command} > /dev/full`);
      expect(full.stderr).toBe(FULL);
      expect(full.code).toBe(73);
    });
  }
});

describe('files read once', () => {
  it('rules check reads a rule file given as a pipe (process substitution)', () => {
    const { code, stdout, stderr } = sh('burden rules check <(cat data/rules/nrw-2024.json)');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\/dev\/fd\/\d+: valid rule set "nrw-2024" with 1 programme\n$/);
  });
  it('rules check reads a parameter file given as a pipe', () => {
    const { code, stdout } = sh('burden rules check <(cat data/parameters/rate.json)');
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid parameter "rate"/);
  });
});

describe('never write to an input', () => {
  const dir = (): string => mkdtempSync(join(tmpdir(), 'burden-harden-'));
  const COUNTS = 'ags,name,eu2,insured\n05913000,Dortmund,7298,0\n';

  it('refuses --write-parameter at an input reached through a symbolic link', async () => {
    const d = dir();
    writeFileSync(join(d, 'counts.csv'), COUNTS);
    symlinkSync(join(d, 'counts.csv'), join(d, 'link.json'));
    const { code, stderr } = await runCli(['calibrate', join(d, 'counts.csv'), '--total-cost', '15639763', '--write-parameter', join(d, 'link.json')]);
    expect(code).toBe(64);
    expect(stderr).toContain('is one of the input files: refusing to overwrite an input');
    expect(readFileSync(join(d, 'counts.csv'), 'utf8')).toBe(COUNTS);
  });

  it('refuses standard output appended to the input (burden calibrate f.csv >> f.csv)', () => {
    const d = dir();
    writeFileSync(join(d, 'counts.csv'), COUNTS);
    const { code, stderr } = sh(`burden calibrate "${d}/counts.csv" --total-cost 15639763 >> "${d}/counts.csv"`);
    expect(code).toBe(64);
    expect(stderr).toBe(`error: <stdout>: is the input ${d}/counts.csv: refusing to write the results into their own input (redirect the output to another file, or use -o FILE)\n`);
    expect(readFileSync(join(d, 'counts.csv'), 'utf8')).toBe(COUNTS);
  });

  it('keeps the permission bits of a file it replaces, and writes through a symbolic link', async () => {
    const d = dir();
    writeFileSync(join(d, 'rate.json'), 'old\n');
    chmodSync(join(d, 'rate.json'), 0o640);
    symlinkSync(join(d, 'rate.json'), join(d, 'link.json'));
    const { code } = await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', join(d, 'link.json')]);
    expect(code).toBe(0);
    expect(statSync(join(d, 'rate.json')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(d, 'link.json'), 'utf8')).toContain('"name": "rate"');
    expect(readdirSync(d).sort()).toEqual(['link.json', 'rate.json']);
  });

  it('calibrate --write-parameter - writes the parameter file to standard output, and creates no file "-"', async () => {
    const d = dir();
    const { code, stdout, stderr } = await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', '-',
      '--source', 'Kämmerei \u009b2J \u202eevil'], { cwd: d });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Only the parameter file, and escaped as json output is: it parses back to the same text.
    expect(unsafeIn(stdout)).toBeNull();
    const parameter = JSON.parse(stdout) as { name: string; values: { value: number; source: string }[] };
    expect(parameter.name).toBe('rate');
    expect(parameter.values[0]?.value).toBe(2143.02);
    expect(parameter.values[0]?.source).toBe('Kämmerei \u009b2J \u202eevil: 15639763 EUR / 7298 net persons');
    expect(readdirSync(d)).toEqual([]);
  });

  it('calibrate --write-parameter - with --format is refused: the results are not written', async () => {
    const { code, stdout, stderr } = await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', '-', '--format', 'json']);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: --format json with --write-parameter -: standard output carries the parameter file, not the results (leave out --format, or write the parameter to a file: --write-parameter rate.json)\n');
  });

  it('-o - is standard output', async () => {
    const { code, stdout } = await runCli(['data', 'list', '--format', 'csv', '-o', '-']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^name,file,title/);
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });
});

describe('input as from Excel and statistics offices', () => {
  it('a directory on standard input is exit 66, not an empty file', () => {
    const { code, stderr } = sh('burden calc - < test/fixtures');
    expect(code).toBe(66);
    expect(stderr).toBe('error: <stdin>: is a directory, not a file (redirect a CSV file into standard input: burden calc - < file.csv)\n');
  });

  it('ignores a Ctrl-Z at the end, and reads no-break-space and apostrophe thousands separators', async () => {
    const input = Buffer.concat([Buffer.from("ags,name,eu2,insured\r\n05913000,Dortmund,13\u00a0495,6\u202f971\r\n05315000,Köln,15'325,7\u2019917\r\n"), Buffer.from([0x1a])]);
    const { code, stdout, stderr } = await runCli(['calc', '-', '--format', 'csv'], { stdin: input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1, 3).map((l) => ((f) => `${f[4]},${f[6]}`)(l.split(',')))).toEqual(['13495,6971', '15325,7917']);
  });

  it('reads an Excel error value in the insured column as unknown, saying so', async () => {
    const { code, stderr } = await runCli(['calc', '-', '--format', 'csv', '--impute-insured', 'national-2019'], { stdin: 'ags,name,eu2,insured\n05913000,Dortmund,13495,#NV\n' });
    expect(code).toBe(0);
    expect(stderr).toBe('warning: spreadsheet error values read as unknown (a formula failed in the file\'s spreadsheet) in 1 row: <stdin>:2 column "insured": #NV\n');
  });
});

describe('calibrate: implausible rates', () => {
  it('warns about a rate far outside the documents\' range', async () => {
    const { code, stderr } = await runCli(['calibrate', '--total-cost', '15000', '--eu2', '7298', '--insured', '0', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stderr).toBe('warning: the calibrated rate 2.06 EUR per net person (15,000.00 EUR / 7,298 net persons) is far below the paper\'s 2,143 EUR; plausible is 500.00–10,000.00 EUR (parameters rate_plausible_low and rate_plausible_high, an assumption): check the total cost and the counts\n');
  });
});
