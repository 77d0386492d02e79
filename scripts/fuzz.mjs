#!/usr/bin/env node
/**
 * A fuzz run of the built CLI (not part of npm test): for a bounded time, it makes mutated
 * inputs (bytes, cells, byte-order marks, line ends, keys, years, huge numbers, control and
 * bidi characters, quotes) from the CSV fixtures, the shipped rule sets and parameter files,
 * picks random option sets for every command, runs each as its own process with a timeout,
 * two at a time, and reports what no input may cause:
 *
 * - exit 70 (an internal error), or an exit code outside the documented ones;
 * - a stack trace on stderr (`    at ` lines);
 * - a hang (the timeout);
 * - a raw control or bidi character on stderr, or on table, md or json stdout;
 * - an input file modified;
 * - an output target harmed on failure (an existing -o file changed, a new one created), a
 *   temporary file left beside it or in $TMPDIR.
 *
 *   npm run build && node scripts/fuzz.mjs --seconds 600 [--seed 1] [--jobs 2] [--timeout 30]
 *
 * Each class of finding is reported once with a count, and its first case is kept under
 * the report folder (args, stdin and input files) so it can be run again by hand.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The binary to fuzz: this checkout's build, or another (`--bin path/to/bin/burden.js`, e.g. an older build as a control). */
const BIN = process.argv.includes('--bin') ? process.argv[process.argv.indexOf('--bin') + 1] : join(ROOT, 'bin', 'burden.js');

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const SECONDS = Number(arg('seconds', '60'));
const JOBS = Number(arg('jobs', '2'));
const TIMEOUT_MS = Number(arg('timeout', '30')) * 1000;
let seed = Number(arg('seed', String(Date.now() % 1_000_000)));
const VERBOSE = process.argv.includes('--verbose');
const REPORT = arg('report', mkdtempSync(join(tmpdir(), 'burden-fuzz-report-')));
mkdirSync(REPORT, { recursive: true });

// A small deterministic generator (mulberry32), so a run can be repeated with --seed.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => random() < p;

// --- seeds ---------------------------------------------------------------------------------
const readIf = (path) => {
  try {
    return statSync(path).isFile() ? readFileSync(path) : null;
  } catch {
    return null;
  }
};
const csvSeeds = [
  ...['test/fixtures/ok', 'test/fixtures/bad'].flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.csv')).map((f) => readIf(join(ROOT, dir, f)))),
  Buffer.from('ags,name,eu2,insured\n05913000,Dortmund,13495,6971\n05315000,Köln,15325,7917\n05111000,Düsseldorf,7770,4014\n'),
  Buffer.from('ags;name;einwohner;bg;ro;svb;jahr\n05913;Dortmund;603.462;4.120;9.375;6.971;2024\n05913;Dortmund;603.462;4.220;9.475;7.071;2025\n'),
  Buffer.from('ags,eu2\n05,273725\n09,275755\n'),
].filter((b) => b !== null && b.length < 20_000);
/** Seeds that are read without error: the valid runs change only the text in their names. */
const validSeeds = [
  ...['ok/quotes-umlauts-years.csv', 'ok/windows-1252.csv', 'ok/injection.csv', 'bad/valid.csv', 'bad/hostile-names.csv'].map((f) => readIf(join(ROOT, 'test/fixtures', f))),
  ...csvSeeds.slice(-3),
].filter(Boolean);
function hostileNames(bytes) {
  const text = bytes.toString('latin1').includes('\ufffd') ? bytes.toString('utf8') : bytes.toString('utf8');
  const lines = text.split('\n');
  const delimiter = lines[0]?.includes(';') ? ';' : ',';
  const nameAt = (lines[0] ?? '').split(delimiter).findIndex((h) => /name|gemeinde/i.test(h));
  if (nameAt < 0) return bytes;
  for (let li = 1; li < lines.length; li++) {
    const cells = (lines[li] ?? '').split(delimiter);
    if (cells.length > nameAt && !cells[nameAt]?.includes('"') && chance(0.7)) {
      // Quoted, so a delimiter, quote or line break in the text stays inside the name.
      cells[nameAt] = `"${`${cells[nameAt]}${hostile()}${hostile()}`.replaceAll('"', '""')}"`;
    }
    lines[li] = cells.join(delimiter);
  }
  return Buffer.from(lines.join('\n'));
}
const breakdownSeeds = [readIf(join(ROOT, 'test/fixtures/bad/hostile-breakdown.csv')), Buffer.from('department,cost_eur\nSoziales,10000000\nJugend,5639763\n')].filter(Boolean);
const ruleSeeds = [...readdirSync(join(ROOT, 'data/rules')).map((f) => readFileSync(join(ROOT, 'data/rules', f), 'utf8')),
  readFileSync(join(ROOT, 'test/fixtures/bad/hostile-rules.json'), 'utf8')];
const paramSeeds = readdirSync(join(ROOT, 'data/parameters')).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(ROOT, 'data/parameters', f), 'utf8'));
const PARAM_NAMES = paramSeeds.map((t) => JSON.parse(t).name);
const RULE_IDS = readdirSync(join(ROOT, 'data/rules')).map((f) => f.replace(/\.json$/, ''));
const DATASETS = ['register-2024', 'eu2-nrw-kreise-2025', 'eu2-de-kreise-2025', 'eu2-de-series', 'vpi-de', 'beschq-aus-kreise-2019'];

// --- hostile pieces -------------------------------------------------------------------------
const CONTROLS = ['\u001b[31m', '\u001b]0;pwned\u0007', '\r', '\n', '\t', '\u0000', '\u0007', '\u0008', '\u007f', '\u0085', '\u009b2J', '\u001a',
  '\u202e', '\u202d', '\u2066', '\u2069', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u202f', '\u200b', '\ud800', '"', '""', "'", '\\'];
const NUMBERS = ['0', '-0', '1', '-1', '-5', '1.234', '1,234', '1.234.567', '1 234 567', '1\u00a0234', "1'234", '1\u2019234', '12,5', '2.500', '2.500,50',
  '9'.repeat(16), '9'.repeat(30), '9007199254740993', '10000000001', '1e308', '1E+06', '-1e308', 'NaN', 'Infinity', '-Infinity', '0x10', '٣٤', '１２３',
  '', '.', '-', 'x', '...', '/', '#NV', '#DIV/0!', '=1+1', '+1', '  7  ', '1_000', '0.001', '99999999999999999999999.99', '2143.001'];
const GOOD_YEARS = ['2025', '2024', '2019', '2020', '2026', '2025-2027', '2024-2030'];
const BAD_YEARS = ['2025', '2019', '2017', '1800', '0', '-2025', '9999', '99999', '2025.5', '25', '2030-2025', '2025-2030', '2025-2125', '1-99999', '2025-', 'abcd', ''];
const YEARS = [...GOOD_YEARS, ...GOOD_YEARS, ...GOOD_YEARS, ...GOOD_YEARS, ...BAD_YEARS];
const DATES = ['2025-01-01', '2019-12-31', '9999-12-31', '0000-01-01', '2025-13-45', '2025-02-30', 'yesterday', '', '2025-1-1', '+275760-09-13'];
const TEXTS = ['x', '', ' ', 'Köln', 'a'.repeat(5000), ...CONTROLS.map((c) => `a${c}b`), 'toString', '__proto__', 'constructor', 'hasOwnProperty'];

const hostile = () => (chance(0.5) ? pick(CONTROLS) : pick(TEXTS));

// --- mutators -------------------------------------------------------------------------------
function mutateBytes(buffer) {
  const bytes = [...buffer];
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds; r++) {
    const at = int(bytes.length + 1);
    switch (int(7)) {
      case 0: if (bytes.length) bytes[Math.min(at, bytes.length - 1)] = int(256); break;
      case 1: bytes.splice(at, 0, pick([0x00, 0x1a, 0x0d, 0x0a, 0x22, 0x2c, 0x3b, 0x80, 0x81, 0x9b, 0xc3, 0xe2, 0xff, 0xfe, 0x09, 0x1b])); break;
      case 2: bytes.splice(at, 1 + int(10)); break;
      case 3: bytes.splice(at, 0, ...bytes.slice(int(bytes.length), int(bytes.length) + 1 + int(80))); break;
      case 4: bytes.length = Math.min(bytes.length, at); break;
      case 5: bytes.push(0x1a); break;
      default: bytes.splice(at, 0, ...Buffer.from(hostile())); break;
    }
  }
  return Buffer.from(bytes);
}

function mutateCsvText(text) {
  let lines = text.split(/\r?\n/);
  const delimiter = lines[0]?.includes(';') ? ';' : lines[0]?.includes('\t') ? '\t' : ',';
  // Text in a name (or any cell of a data row) reaches every output format: the surest way to
  // test that hostile text is shown, not obeyed.
  const nameAt = (lines[0] ?? '').split(delimiter).findIndex((h) => /name|gemeinde|kreis|department/i.test(h));
  if (nameAt >= 0 && lines.length > 1 && chance(0.5)) {
    const li = 1 + int(lines.length - 1);
    const cells = (lines[li] ?? '').split(delimiter);
    if (cells.length > nameAt) cells[nameAt] = `${cells[nameAt]}${hostile()}${chance(0.5) ? hostile() : ''}`;
    lines[li] = cells.join(delimiter);
    if (chance(0.6)) return lines.join('\n');
  }
  const rounds = 1 + int(3);
  for (let r = 0; r < rounds; r++) {
    const li = int(lines.length);
    const cells = (lines[li] ?? '').split(delimiter);
    const ci = int(cells.length);
    switch (int(12)) {
      case 0: cells[ci] = pick(NUMBERS); break;
      case 1: cells[ci] = `${cells[ci] ?? ''}${hostile()}`; break;
      case 2: cells[ci] = `"${(cells[ci] ?? '').replace(/"/g, chance(0.5) ? '""' : '"')}${chance(0.3) ? '' : '"'}`; break;
      case 3: cells[ci] = pick(YEARS); break;
      case 4: if (li === 0) cells[ci] = pick(['ags', 'AGS', 'eu2', 'EU2', 'insured', 'svb', 'year', 'jahr', 'bg', 'ro', 'name', 'einwohner', 'population', '', 'Bevölkerung', 'ags ', hostile()]); else cells[ci] = pick(['05913000', '05913', '05', '0591', '5913000', '059130000000', '', 'AB', '05913000\u202e', '099999999999', '11000000', '16077']); break;
      case 5: cells.splice(ci, 0, pick(NUMBERS)); break;
      case 6: cells.splice(ci, 1); break;
      case 7: lines.splice(li, 0, lines[li] ?? ''); break; // a duplicate line (key)
      case 8: lines.splice(li, 0, chance(0.5) ? '' : delimiter.repeat(int(4))); break;
      case 9: lines = lines.map((l) => l.split(delimiter).join(pick([',', ';', '\t', '|']))); break;
      case 10: cells[ci] = chance(0.5) ? '9'.repeat(1 + int(400)) : 'x'.repeat(int(100_000)); break;
      default: lines.push(lines[1 + int(Math.max(1, lines.length - 1))] ?? ''); break;
    }
    lines[li] = cells.join(delimiter);
  }
  const eol = pick(['\n', '\r\n', '\r', '\n', '\n\r']);
  let out = lines.join(eol);
  if (chance(0.2)) out = out.replace(/\r?\n$/, '');
  if (chance(0.15)) out = `\ufeff${out}`;
  if (chance(0.05)) out = `\ufeff\ufeff${out}`;
  return out;
}

function mutateCsv(seedBytes) {
  let buffer = seedBytes;
  if (chance(0.15)) return buffer;
  if (chance(0.75)) buffer = Buffer.from(mutateCsvText(buffer.toString('utf8')), chance(0.15) ? 'latin1' : 'utf8');
  if (chance(0.35)) buffer = mutateBytes(buffer);
  if (chance(0.03)) buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(buffer.toString('utf8'), 'utf16le')]);
  return buffer;
}

function interestingJson() {
  return pick([null, true, false, 0, -1, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 0.1, 1.005, 1e-9, 123456789012, '', 'x', hostile(), pick(DATES), pick(YEARS),
    pick(NUMBERS), [], {}, [null], { x: 1 }, [1, 2, 3], 'official', 'estimated', 'assumption', 'bogus-status', 'per_capita', 'pot', '2025-01-01']);
}

function mutateJsonValue(root) {
  // Walk to a random node and change it, or a key of it.
  let node = root;
  for (let depth = 0; depth < 6 && node && typeof node === 'object'; depth++) {
    const keys = Object.keys(node);
    if (!keys.length || chance(0.25)) break;
    const key = pick(keys);
    if (node[key] && typeof node[key] === 'object' && chance(0.7)) {
      node = node[key];
      continue;
    }
    switch (int(6)) {
      case 0: node[key] = interestingJson(); break;
      case 1: delete node[key]; break;
      case 2: if (!Array.isArray(node)) { node[`${key}${chance(0.5) ? '_x' : hostile()}`] = node[key]; delete node[key]; } break;
      case 3: if (Array.isArray(node)) node.push(structuredClone(node[0] ?? null)); else node[hostile()] = interestingJson(); break;
      case 4: if (typeof node[key] === 'string') node[key] = `${node[key]}${hostile()}`; else node[key] = interestingJson(); break;
      default: if (Array.isArray(node)) node.splice(0, node.length); else node[key] = [node[key]]; break;
    }
    return root;
  }
  if (Array.isArray(node)) node.push(interestingJson());
  else if (node && typeof node === 'object') node[pick(['id', 'name', 'values', 'programmes', 'unit', 'from', 'value', hostile()])] = interestingJson();
  return root;
}

function mutateJson(text) {
  let out;
  try {
    const value = JSON.parse(text);
    const rounds = 1 + int(3);
    for (let r = 0; r < rounds; r++) mutateJsonValue(value);
    out = JSON.stringify(value, null, chance(0.5) ? 2 : 0);
  } catch {
    out = text;
  }
  if (chance(0.1)) out = out.replace(/"name":/, '"name": "dup", "name":'); // a duplicate key
  if (chance(0.1)) out = `\ufeff${out}`;
  let bytes = Buffer.from(out);
  if (chance(0.2)) bytes = mutateBytes(bytes);
  if (chance(0.03)) bytes = Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
  return bytes;
}

const money = () => pick(['2143', '2500', '2.500', '2.500,50', '2 500', '2\u00a0500', "2'500", '2\u2019500', '0', '-1', '1e3', '99999999999999', '9'.repeat(25), '0,01', 'EUR 2500', '2500 €', '', 'abc', hostile(), '15639763', '15.639.763', '15 639 763']);

// --- one case -------------------------------------------------------------------------------
/** Files of the case: name → bytes; which are inputs (to hash); the -o target and its state. */
function makeCase(dir) {
  const files = new Map();
  const addCsv = (name, bytes = mutateCsv(pick(csvSeeds))) => (files.set(name, bytes), name);
  const addJson = (name, seeds) => (files.set(name, chance(0.85) ? mutateJson(pick(seeds)) : Buffer.from(pick(seeds))), name);
  let stdin = Buffer.alloc(0);
  const args = [];
  const formats = () => (chance(0.95) ? pick(['table', 'csv', 'json', 'md']) : pick(['all', 'pdf', '', 'JSON', hostile()]));
  const command = pick(['calc', 'calc', 'calc', 'calc', 'extrapolate', 'extrapolate', 'calibrate', 'calibrate', 'rules check', 'rules show', 'rules list', 'params', 'data list', 'data show', 'data check']);
  args.push(...command.split(' '));
  let takesO = ['calc', 'extrapolate', 'data list', 'data show', 'data check'].includes(command);

  const fileArg = () => {
    const mode = int(10);
    if (mode < 6) return addCsv('in.csv');
    if (mode < 9) {
      stdin = mutateCsv(pick(csvSeeds));
      return chance(0.8) ? '-' : '/dev/stdin';
    }
    return pick(['missing.csv', '.', '/dev/null', '']);
  };

  // Half the runs take only options that are valid together, so hostile input reaches the
  // engine and the renderers instead of ending at the first refused option.
  if ((command === 'calc' || command === 'extrapolate') && chance(0.5)) {
    const input = hostileNames(pick(validSeeds));
    if (chance(0.7)) args.push(addCsv('in.csv', input));
    else {
      stdin = input;
      args.push('-');
    }
    const years = chance(0.3);
    if (years) args.push('--years', pick(['2025-2027', '2024-2026', '2025-2030']));
    if (chance(0.3)) args.push('--rules', pick(RULE_IDS));
    if (!years && command === 'calc' && chance(0.3)) args.push('--year', pick(['2024', '2025']));
    if (!years && command === 'calc' && chance(0.2)) args.push('--explain', ...(chance(0.5) ? [pick(['05913000', '05315000', '05111000'])] : []));
    if (chance(0.8)) args.push('--format', pick(['table', 'csv', 'json', 'md']));
    if (chance(0.2)) args.push('--locale', pick(['de', 'en']));
    if (command === 'calc' && chance(0.4)) args.push('--impute-insured', 'national-2019');
    if (chance(0.15)) args.push('--rate', pick(['2500', '2 500', '2\u00a0500,50', "2'143.02"]));
    if (years && chance(0.3)) args.push('--growth', pick(['constant', 'trend', 'rate:2.5']));
    if (years && chance(0.2)) args.push('--range');
    if (chance(0.3)) args.push('--allow-missing');
  } else if (command === 'calc' || command === 'extrapolate') {
    if (command === 'calc' && chance(0.15)) {
      args.push('--population', addCsv('population.csv'), '--eu2', addCsv('eu2.csv'), '--insured', addCsv('insured.csv'));
    } else if (chance(0.8)) {
      args.push(fileArg());
    }
    if (command === 'extrapolate' && chance(0.3)) args.push('--by', pick(['land', 'kreis', 'total', 'gemeinde', '']));
    if (command === 'extrapolate' && chance(0.15)) args.push('--eu2', pick(NUMBERS), ...(chance(0.5) ? ['--insured', pick(NUMBERS)] : []));
    const projected = chance(0.3);
    if (projected) {
      if (chance(0.8)) args.push('--years', pick(YEARS));
      else args.push('--from', pick(YEARS), '--to', pick(YEARS));
    }
    // Options that need a projection mostly come with one: a refusal ends a run before the engine.
    const withYears = (p) => chance(projected ? p : p / 5);
    if (withYears(0.2)) args.push('--base-year', pick(YEARS));
    if (chance(0.25)) args.push('--rules', chance(0.6) ? pick(RULE_IDS) : addJson('rules.json', ruleSeeds));
    if (command === 'calc' && !projected && chance(0.2)) args.push('--year', pick(YEARS));
    if (command === 'calc' && chance(0.15)) args.push(...(chance(0.5) ? ['--explain'] : ['--explain', pick(['05913000', '05913', '05', 'x', hostile()])]));
    if (chance(0.7)) args.push('--format', formats());
    if (chance(0.2)) args.push('--locale', pick(['de', 'en', 'fr']));
    if (chance(0.15)) args.push('--rate', money());
    if (chance(0.1)) args.push('--rate-file', addJson('rate.json', paramSeeds));
    if (chance(0.15)) args.push('--set', `${pick([...PARAM_NAMES, 'nope', hostile()])}=${chance(0.5) ? money() : pick(NUMBERS)}`);
    if (chance(0.1)) args.push('--price-year', pick(YEARS));
    if (command === 'calc' && chance(0.15)) args.push('--impute-insured', pick(['national-2019', 'national-2019', 'x']));
    if (command === 'calc' && chance(0.08)) args.push('--land', pick(['05', 'NW', 'Nordrhein-Westfalen', '17', hostile()]));
    if (withYears(0.30)) args.push('--growth', pick(['constant', 'trend', 'trend:3', 'rate:2.5', 'rate:1e9', 'rate:-100', 'x']));
    if (withYears(0.15)) args.push('--insured-growth', pick(['ratio', 'constant', 'x']));
    if (withYears(0.24)) args.push('--inflation', pick(['2', '2.5', '-5', '1000', 'x']));
    if (withYears(0.24)) args.push('--range', ...(chance(0.5) ? ['--rate-spread', pick(['20', '0', '100', '-1', 'x'])] : []));
    if (chance(0.05)) args.push('--column', `${pick(['eu2', 'ags', 'insured', 'name', 'x'])}=${pick(['EU2 gesamt', 'name', 'ags', '', hostile()])}`);
    if (chance(0.1)) args.push('--allow-missing');
    if (chance(0.1)) args.push('--strict');
  } else if (command === 'calibrate') {
    if (chance(0.3)) args.push(addCsv('in.csv'), ...(chance(0.6) ? ['--ags', pick(['05913000', '05913', '05315000', 'x'])] : []));
    else args.push('--eu2', chance(0.7) ? pick(['7298', '13495', '1.108.393']) : pick(NUMBERS), '--insured', chance(0.7) ? pick(['0', '100', '6971']) : pick(NUMBERS));
    if (chance(0.8)) args.push('--total-cost', money());
    if (chance(0.35)) {
      files.set('breakdown.csv', chance(0.8) ? mutateCsv(pick(breakdownSeeds)) : pick(breakdownSeeds));
      args.push('--breakdown', 'breakdown.csv');
    }
    if (chance(0.2)) args.push('--year', pick(YEARS));
    if (chance(0.2)) args.push('--source', hostile());
    if (chance(0.6)) args.push('--format', formats());
    if (chance(0.3)) args.push('--write-parameter', 'TARGET');
  } else if (command === 'rules check') {
    args.push(chance(0.6) ? addJson('rules.json', ruleSeeds) : chance(0.7) ? addJson('param.json', paramSeeds) : pick(['missing.json', '.', '/dev/null', 'in.csv']));
    if (args.at(-1) === 'in.csv') addCsv('in.csv');
  } else if (command === 'rules show') {
    args.push(chance(0.5) ? pick([...RULE_IDS, 'nope', hostile()]) : addJson('rules.json', ruleSeeds));
    if (chance(0.7)) args.push('--format', formats());
  } else if (command === 'rules list') {
    if (chance(0.5)) args.push('--format', formats());
  } else if (command === 'params') {
    if (chance(0.6)) args.push(pick([...PARAM_NAMES, 'nope', hostile()]));
    if (chance(0.3)) args.push('--at', pick(DATES));
    if (chance(0.6)) args.push('--format', formats());
  } else if (command === 'data show') {
    args.push(pick([...DATASETS, 'nope', hostile()]));
    if (chance(0.6)) args.push('--format', formats());
  } else if (chance(0.6)) {
    args.push('--format', formats());
  }

  // The output target: new, existing, a link to an existing file, devices, odd paths, the input.
  let target = null;
  if (takesO && chance(0.5)) {
    target = pick(['new', 'new', 'existing', 'existing', 'link', 'dangling', '-', '', '/dev/stdout', '/dev/stdin', '/dev/full', '/dev/null', 'dir', 'nofolder', 'input']);
  }
  const tIndex = args.indexOf('TARGET');
  if (tIndex >= 0) target = pick(['new', 'existing', 'link', '-', '', '/dev/full', '/dev/stdin', 'dir', 'input']);
  let outPath = null;
  if (target !== null) {
    const path = { new: 'out/result', existing: 'out/existing', link: 'out/link', dangling: 'out/dangling', dir: 'out', nofolder: 'nofolder/x/result', input: 'in.csv' }[target] ?? target;
    outPath = path;
    if (tIndex >= 0) args[tIndex] = path;
    else args.push(chance(0.5) ? '-o' : '--output', path);
  } else if (tIndex >= 0) {
    args.splice(tIndex - 1, 2);
  }
  // An argument cannot hold a NUL byte (the kernel ends it there): it becomes U+0001.
  // calc's parallel path (worker threads, calc/parallel.ts) on small files too, now and then.
  const env = chance(0.3) ? { BURDEN_PARALLEL_MIN_BYTES: '0', BURDEN_THREADS: '2' } : {};
  return { dir, command, env, args: args.map((a) => a.replaceAll('\u0000', '\u0001')), files, stdin, target, outPath };
}

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const KNOWN_EXITS = new Set([0, 64, 65, 66, 73]);
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

function listTree(dir) {
  const out = [];
  const walk = (d, prefix) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path, rel);
      else out.push(`${rel}:${st.isSymbolicLink() ? 'link' : sha(readFileSync(path))}`);
    }
  };
  walk(dir, '');
  return out;
}

function runCase(c) {
  const { dir } = c;
  mkdirSync(join(dir, 'out'), { recursive: true });
  mkdirSync(join(dir, 'tmp'));
  for (const [name, bytes] of c.files) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'out', 'existing'), 'the previous run\n');
  writeFileSync(join(dir, 'out', 'linked'), 'the previous run, linked\n');
  symlinkSync('linked', join(dir, 'out', 'link'));
  symlinkSync('nowhere', join(dir, 'out', 'dangling'));
  const before = listTree(dir);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...c.args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TMPDIR: join(dir, 'tmp'), ...c.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let outBytes = 0;
    child.stdout.on('data', (d) => { outBytes += d.length; if (outBytes < 8 << 20) out.push(d); });
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(c.stdin);
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, hung, ms: Date.now() - started, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), before, after: listTree(dir) });
    });
  });
}

const formatOf = (args) => {
  const at = args.indexOf('--format');
  return at >= 0 ? args[at + 1] : 'table';
};

/** The ways this case went wrong, each as [class, detail]. */
function judge(c, r) {
  const found = [];
  const first = r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? r.stderr.split('\n')[0] ?? '';
  if (r.hung) found.push(['hang', `no exit within ${TIMEOUT_MS / 1000} s`]);
  else if (r.code === 70) found.push(['exit-70', first]);
  else if (r.code === null || !KNOWN_EXITS.has(r.code)) found.push(['odd-exit', `code ${r.code} signal ${r.signal}: ${first}`]);
  if (/^ {4}at /m.test(r.stderr)) found.push(['stack-trace', first]);
  const bad = UNSAFE.exec(r.stderr);
  if (bad) found.push(['stderr-control', `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`]);
  // Standard output of the human formats and json must show no control character raw (csv carries data as it is).
  const format = formatOf(c.args);
  const toStdout = c.outPath === null || c.outPath === '-' || c.outPath === '/dev/stdout';
  if (toStdout && ['table', 'md', 'json'].includes(format)) {
    const raw = UNSAFE.exec(r.stdout);
    if (raw) {
      const kind = `stdout-control-${c.args.includes('--explain') ? 'explain-' : ''}${format}`;
      found.push([kind, `U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(r.stdout.slice(Math.max(0, raw.index - 30), raw.index + 10))}`]);
    }
  }
  // Inputs unchanged; on failure, the output folder exactly as before; never a temporary file left.
  const beforeMap = new Map(r.before.map((e) => [e.slice(0, e.lastIndexOf(':')), e]));
  const afterMap = new Map(r.after.map((e) => [e.slice(0, e.lastIndexOf(':')), e]));
  for (const name of c.files.keys()) {
    if (beforeMap.get(name) !== afterMap.get(name)) found.push(['input-modified', name]);
  }
  const tmpLeft = r.after.filter((e) => e.startsWith('tmp/'));
  if (tmpLeft.length) found.push(['tmpdir-leftover', tmpLeft.join(' ')]);
  const outLeft = r.after.filter((e) => /\.tmp:/.test(e) || /^out\/\..*:/.test(e));
  if (!r.hung && outLeft.length) found.push(['temp-beside-output', outLeft.join(' ')]);
  if (!r.hung && r.code !== 0) {
    const outBefore = r.before.filter((e) => e.startsWith('out/') || e.startsWith('nofolder/'));
    const outAfter = r.after.filter((e) => e.startsWith('out/') || e.startsWith('nofolder/'));
    if (JSON.stringify(outBefore) !== JSON.stringify(outAfter)) found.push(['output-harmed-on-failure', `${outBefore.join(' ')} → ${outAfter.join(' ')}`]);
  }
  const extra = r.after.filter((e) => !beforeMap.has(e.slice(0, e.lastIndexOf(':'))) && !e.startsWith('out/') && e.slice(0, e.lastIndexOf(':')) !== c.outPath)
    .map((e) => e.slice(0, e.lastIndexOf(':')));
  if (!r.hung && extra.length) found.push(['stray-file', extra.join(' ')]);
  return found;
}

/** A class: the kind of failure, the command, and the message with numbers and names taken out. */
const signature = (kind, c, detail) => `${kind} | ${c.command} | ${detail.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 160)}`;

// --- the run --------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'burden-fuzz-'));
const deadline = Date.now() + SECONDS * 1000;
const classes = new Map();
const exits = new Map();
const perCommand = new Map();
let runs = 0;
let caseNo = 0;
const startSeed = seed;

async function worker() {
  while (Date.now() < deadline) {
    const dir = join(work, `case-${caseNo++}`);
    mkdirSync(dir);
    const c = makeCase(dir);
    const r = await runCase(c);
    runs += 1;
    if (VERBOSE) process.stderr.write(`${r.hung ? 'hang' : r.code} ${r.ms}ms ${c.args.map((a) => JSON.stringify(a)).join(' ').slice(0, 200)}\n  ${r.stderr.split('\n')[0]?.slice(0, 200)}\n`);
    exits.set(r.hung ? 'hang' : String(r.code), (exits.get(r.hung ? 'hang' : String(r.code)) ?? 0) + 1);
    perCommand.set(c.command, (perCommand.get(c.command) ?? 0) + 1);
    for (const [kind, detail] of judge(c, r)) {
      const key = signature(kind, c, detail);
      const entry = classes.get(key);
      if (entry) {
        entry.count += 1;
        continue;
      }
      const keep = join(REPORT, `finding-${classes.size + 1}`);
      cpSync(dir, keep, { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(keep, 'case.json'), `${JSON.stringify({ kind, detail, args: c.args, env: c.env, code: r.code, hung: r.hung, stderr: r.stderr.slice(0, 4000), stdoutStart: r.stdout.slice(0, 2000) }, null, 2)}\n`);
      writeFileSync(join(keep, 'stdin.bin'), c.stdin);
      classes.set(key, { kind, count: 1, example: keep, args: c.args, detail });
      process.stderr.write(`finding ${classes.size}: ${key}\n  burden ${c.args.map((a) => JSON.stringify(a)).join(' ')}\n  kept in ${keep}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await Promise.all(Array.from({ length: JOBS }, () => worker()));
rmSync(work, { recursive: true, force: true });
const summary = {
  seconds: SECONDS, seed: startSeed, runs, jobs: JOBS,
  perCommand: Object.fromEntries([...perCommand].sort()),
  exits: Object.fromEntries([...exits].sort()),
  findings: [...classes.values()].map(({ kind, count, example, args, detail }) => ({ kind, count, detail, example, args })),
};
writeFileSync(join(REPORT, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`report: ${REPORT}\n`);
process.exitCode = classes.size ? 1 : 0;
