import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The bad-input corpus (test/fixtures/bad/cases.json, described in its README) and the
 * inputs that look hostile but must be read correctly (test/fixtures/ok/).
 */
interface BadCase {
  name: string;
  about: string;
  args: string[];
  stdin?: string;
  generate?: keyof typeof GENERATORS;
  expectedCode: number;
  expectedStderrFirstLine: string;
  stderrLines?: number;
  note?: string;
}

const BAD = join(ROOT, 'test/fixtures/bad');
const OK = join(ROOT, 'test/fixtures/ok');
const cases = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8')) as BadCase[];

const TEN_MB = 10 * 1024 * 1024;
/** Inputs too big to commit, or whose permissions git cannot keep, written per run. */
const GENERATORS = {
  'ten-mb-field': (dir: string) => writeFileSync(join(dir, 'ten-mb-field.csv'), `ags,name,eu2,insured\n05913000,${'x'.repeat(TEN_MB)},13495,6971\n`),
  'ten-mb-quoted-field': (dir: string) => writeFileSync(join(dir, 'ten-mb-quoted-field.csv'), `ags,name,eu2,insured\n05913000,"${'x'.repeat(TEN_MB)}",13495,6971\n`),
  unreadable: (dir: string) => {
    writeFileSync(join(dir, 'unreadable.csv'), 'ags,eu2,insured\n05913000,13495,6971\n');
    chmodSync(join(dir, 'unreadable.csv'), 0o000);
    chmodSync(dir, 0o755); // user nobody must reach the file to be refused by it
  },
} as const;

/**
 * Root reads a chmod-000 file anyway. As root, the unreadable case runs the binary as user
 * nobody (uid 65534), if this system lets us; otherwise it is skipped, saying why.
 */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const canDropToNobody = isRoot && spawnSync(process.execPath, ['-e', '0'], { uid: NOBODY, gid: NOBODY }).status === 0;
function skipReason(c: BadCase): string | null {
  if (c.generate !== 'unreadable' || !isRoot || canDropToNobody) return null;
  return 'running as root, where chmod 000 does not stop reads, and the binary cannot be run as user nobody here';
}

/** Every file and folder under a directory with a hash of its bytes: any change shows. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const key = relative(dir, path);
      if (statSync(path).isDirectory()) {
        entries[`${key}/`] = 'dir';
        walk(path);
      } else {
        entries[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  walk(dir);
  return entries;
}

/**
 * One case, in this process (helpers/run-cli.ts), except where it must run as another user:
 * the unreadable file as root is read by the built binary run as user nobody.
 */
async function run(c: BadCase, out: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }> {
  const args = c.args.map((a) => a.replaceAll('{out}', out));
  if (c.generate !== 'unreadable' || !canDropToNobody) return runCli(args, { cwd, stdin: c.stdin ?? '' });
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: c.stdin ?? '',
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    // A hang is a failure, not a stuck suite.
    timeout: 20_000,
    uid: NOBODY,
    gid: NOBODY,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ...(result.error ? { error: result.error } : {}) };
}

describe('the bad-input corpus', () => {
  it('has at least 40 cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    const reason = skipReason(c);
    const title = `${c.name}: ${c.about} → ${c.expectedCode}${reason ? ` (skipped: ${reason})` : ''}`;
    it.skipIf(reason !== null)(title, async () => {
      const out = mkdtempSync(join(tmpdir(), 'burden-bad-out-'));
      let cwd = ROOT;
      if (c.generate) {
        cwd = mkdtempSync(join(tmpdir(), 'burden-bad-in-'));
        GENERATORS[c.generate](cwd);
      }
      const generated = c.generate ? readdirSync(cwd).sort() : [];
      const before = snapshot(BAD);

      const result = await run(c, out, cwd);

      expect(result.error).toBeUndefined();
      const lines = result.stderr.split('\n').filter((l) => l !== '');
      expect(lines[0]).toBe(c.expectedStderrFirstLine);
      expect(result.code).toBe(c.expectedCode);
      expect(lines).toHaveLength(c.stderrLines ?? 1);
      // No stack trace, and nothing half-written to stdout either.
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).toBe('');
      // No output file created or altered: the output folder is still empty, the fixtures and
      // the generated inputs are as they were (no temporary file left beside them).
      expect(readdirSync(out)).toEqual([]);
      expect(snapshot(BAD)).toEqual(before);
      if (c.generate) expect(readdirSync(cwd).sort()).toEqual(generated);
    });
  }
});

describe('-o never replaces an existing file on failure', () => {
  it('keeps an existing output byte for byte when the input is bad', async () => {
    const out = mkdtempSync(join(tmpdir(), 'burden-bad-keep-'));
    const target = join(out, 'result.csv');
    writeFileSync(target, 'the previous run\n');
    const { code } = await runCli(['calc', 'test/fixtures/bad/unterminated-quote.csv', '--format', 'csv', '-o', target]);
    expect(code).toBe(65);
    expect(readFileSync(target, 'utf8')).toBe('the previous run\n');
    expect(readdirSync(out)).toEqual(['result.csv']);
  });
});

/**
 * Inputs that look hostile but are valid. Their csv output is a golden file, reviewed by
 * hand (the arithmetic is in the comments); every format must give identical bytes run after
 * run on them.
 */
describe('inputs that must be read correctly', () => {
  it('reads a Windows-1252 file: K\\xf6ln is Köln, Bev\\xf6lkerung maps to population, 1.024.621 is a count', async () => {
    expect(readFileSync(join(OK, 'windows-1252.csv')).includes(Buffer.from('K\xf6ln', 'latin1'))).toBe(true);
    const { stdout, stderr, code } = await runCli(['calc', 'test/fixtures/ok/windows-1252.csv', '--format', 'csv', '--impute-insured', 'national-2019']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Köln: 3,100 + 5,200 = 8,300 EU2, 4,000 insured, 4,300 net × 2,143 = 9,214,900.
    // Münster: 410 + 655 = 1,065 EU2, insured "." estimated: round(1,065 × 572,574 / 1,108,393) = 550.
    expect(stdout).toBe(readFileSync(join(OK, 'windows-1252.expected.csv'), 'utf8'));
  });

  it('reads quotes, a line break in a name, umlauts, a BOM, CRLF, a blank line, grouped counts and years', async () => {
    const { stdout, stderr, code } = await runCli(['calc', 'test/fixtures/ok/quotes-umlauts-years.csv', '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // "8.120" and "9 410" are grouped counts; "-" is 0 insured (Destatis: nothing there).
    expect(stdout).toBe(readFileSync(join(OK, 'quotes-umlauts-years.expected.csv'), 'utf8'));
  });

  it('reads a pipe given as a path once (bash process substitution, /dev/fd/N)', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" calc <(cat test/fixtures/ok/windows-1252.csv) --format csv --impute-insured national-2019`], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(OK, 'windows-1252.expected.csv'), 'utf8'));
  });

  const fixtures = [
    ['test/fixtures/ok/quotes-umlauts-years.csv'],
    ['test/fixtures/ok/windows-1252.csv', '--impute-insured', 'national-2019'],
    ['test/fixtures/ok/injection.csv'],
  ];
  for (const format of ['table', 'csv', 'json', 'md']) {
    for (const locale of ['de', 'en']) {
      it(`--format ${format} --locale ${locale} gives identical bytes run after run`, async () => {
        for (const [file, ...options] of fixtures) {
          const args = ['calc', file ?? '', ...options, '--format', format, '--locale', locale];
          const first = await runCli(args);
          const second = await runCli(args);
          expect(first.code).toBe(0);
          expect(first.stdout.length).toBeGreaterThan(0);
          expect(second.stdout).toBe(first.stdout);
          expect(second.stderr).toBe(first.stderr);
        }
      });
    }
  }

  it('writes the same bytes with -o as on stdout', async () => {
    const out = mkdtempSync(join(tmpdir(), 'burden-ok-'));
    for (const format of ['table', 'csv', 'json', 'md']) {
      const target = join(out, `result.${format}`);
      const args = ['calc', 'test/fixtures/ok/quotes-umlauts-years.csv', '--format', format];
      expect((await runCli([...args, '-o', target])).code).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe((await runCli(args)).stdout);
    }
    expect(existsSync(join(out, 'result.csv'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
