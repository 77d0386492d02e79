#!/usr/bin/env node
// Derive data/datasets/eu2-de-kreise-2025.csv and eu2-de-kreise-2025-areas.json from the
// GENESIS export of Destatis table 12521-0041 (31.12.2025, every German Kreis), as downloaded,
// and the shipped register (Kreis populations 31.12.2024).
//
//     node scripts/derive-eu2-de-kreise.mjs RAW_EXPORT.csv [CHECK.csv]
//
// RAW_EXPORT.csv is genesis_12521-0041_auslaender_kreise_2025-12-31.csv (a copy is
// test/fixtures/genesis/12521-0041-kreise-2025.csv); CHECK.csv, if given, is an independent
// derivation (eu2_bg_ro_kreise_de_2025-12-31.csv) that every value is compared with.
// Documentation only: burden reads the CSV, never this script. Deliberately independent of
// src/io/genesis.ts (plain string handling), so that the test comparing the two is a check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const [rawPath, checkPath] = process.argv.slice(2);
if (!rawPath) {
  console.error('usage: node scripts/derive-eu2-de-kreise.mjs RAW_EXPORT.csv [CHECK.csv]');
  process.exit(64);
}
const assert = (ok, message) => {
  if (!ok) {
    console.error(`derive-eu2-de-kreise: ${message}`);
    process.exit(1);
  }
};

const EU27 = 'EU-27 (bis 30.06.2013)';
const EU25 = 'EU-25 (bis 31.12.2006)';

/**
 * The areas Destatis counts together (footer of the export, quoted in the areas file):
 * one Ausländerbehörde serves several Kreise, and all its cases are recorded under one key.
 * Key convention: the members' common first three digits (Land + Regierungsbezirk digit)
 * followed by "99", a Kreis number no Kreis has (checked against the register below).
 */
const COMBINED = [
  {
    ags: '06699',
    name: 'Kassel, documenta-Stadt und Landkreis Kassel (eine Ausländerbehörde)',
    members: ['06611', '06633'],
    recorded_under: '06611',
    footnote: 'Kassel documenta-Stadt und der Landkreis Kassel werden von einer Ausländerbehörde bearbeitet und können daher nicht getrennt ausgewiesen werden.',
  },
  {
    ags: '10099',
    name: 'Saarland (6 Kreise, eine Ausländerbehörde)',
    members: ['10041', '10042', '10043', '10044', '10045', '10046'],
    recorded_under: '10044',
    footnote: 'Für Saarland liegen keine Daten nach Kreisen vor, weil es im Saarland nur eine einzige für alle Kreise zuständige Ausländerbehörde gibt. Alle Fälle des Saarlandes sind im Kreis "Saarlouis" nachgewiesen, in dem diese Behörde ihren Sitz hat.',
  },
  {
    ags: '12099',
    name: 'Cottbus, Stadt und Landkreis Spree-Neiße (eine Ausländerbehörde)',
    members: ['12052', '12071'],
    recorded_under: '12052',
    footnote: 'Cottbus und der Landkreis Spree-Neiße werden von einer Ausländerbehörde bearbeitet und können daher nicht getrennt ausgewiesen werden (ab Berichtsjahr 2013).',
  },
];

// ---- the export: title lines, one header line, data lines, footer
const lines = readFileSync(rawPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
const dataLine = /^\d{2}\.\d{2}\.\d{4};\d{5};/;
const first = lines.findIndex((l) => dataLine.test(l));
let last = first;
while (last + 1 < lines.length && dataLine.test(lines[last + 1])) last += 1;
const header = lines[first - 1].split(';');
const total = header.indexOf('Insgesamt');
assert(total > 0, 'no "Insgesamt" column in the header line');
const perKreis = new Map(); // key → { name, groups: Map(grouping → cell) }
for (let i = first; i <= last; i++) {
  const f = lines[i].split(';');
  assert(f[0] === '31.12.2025', `line ${i + 1}: Stichtag ${f[0]}`);
  const entry = perKreis.get(f[1]) ?? { name: f[2], groups: new Map() };
  entry.groups.set(f[3], f[total]);
  perKreis.set(f[1], entry);
}
console.log(`export: ${first} title/header lines, ${last - first + 1} data lines, ${lines.filter((l, i) => i > last && l !== '').length} footer lines, ${perKreis.size} keys`);

const count = (key, grouping) => {
  const cell = perKreis.get(key)?.groups.get(grouping);
  if (cell === undefined || cell === '-') return null;
  assert(/^\d+$/.test(cell) && Number(cell) % 5 === 0, `${key} ${grouping}: ${cell} is not a multiple of 5`);
  return Number(cell);
};
const eu2Of = (key) => {
  const a = count(key, EU27);
  const b = count(key, EU25);
  return a === null || b === null ? null : a - b;
};

// ---- the register's Kreise (territory 30.11.2025, population 31.12.2024)
const register = new Map();
for (const line of readFileSync(join(ROOT, 'data/datasets/register-2024.csv'), 'utf8').trim().split('\n').slice(1)) {
  const m = /^(\d+),,("[^"]*"|[^,]*),kreis,(\d+)$/.exec(line);
  if (m) register.set(m[1], { name: m[2].replace(/^"|"$/g, ''), population: Number(m[3]) });
}
assert(register.size === 400, `register has ${register.size} Kreise, expected 400`);
for (const area of COMBINED) {
  assert(!register.has(area.ags), `combined key ${area.ags} is a Kreis of the register`);
  for (const m of area.members) {
    assert(register.has(m), `member ${m} not in the register`);
    assert(m.slice(0, 3) === area.ags.slice(0, 3), `member ${m} does not share the first three digits of ${area.ags}`);
    if (m !== area.recorded_under) assert(count(m, 'Insgesamt') === null, `${m} has values, but the footer says it is counted in ${area.recorded_under}`);
  }
  assert(eu2Of(area.recorded_under) !== null, `${area.recorded_under} has no values`);
}

// ---- the rows: every register Kreis, members replaced by their combined row
const folded = new Map(COMBINED.flatMap((a) => a.members.map((m) => [m, a])));
const rows = [];
const emitted = new Set();
for (const [key, kreis] of register) {
  const area = folded.get(key);
  if (area) {
    if (emitted.has(area.ags)) continue;
    emitted.add(area.ags);
    const population = area.members.reduce((s, m) => s + register.get(m).population, 0);
    rows.push({ ags: area.ags, name: area.name, population, eu2: eu2Of(area.recorded_under), area: 'combined', members: area.members.join(' ') });
    continue;
  }
  const eu2 = eu2Of(key);
  assert(eu2 !== null, `register Kreis ${key} ${kreis.name} has no EU2 value in the export`);
  rows.push({ ags: key, name: perKreis.get(key).name, population: kreis.population, eu2, area: 'kreis', members: '' });
}
rows.sort((a, b) => (a.ags < b.ags ? -1 : 1));

// Keys of the export with values that are not used: there must be none but the recording Kreise.
const recording = new Set(COMBINED.map((a) => a.recorded_under));
const unused = [...perKreis.keys()].filter((k) => count(k, 'Insgesamt') !== null && !register.has(k) && !recording.has(k));
assert(unused.length === 0, `keys with values not in the register: ${unused.join(', ')}`);
const noData = [...perKreis.keys()].filter((k) => count(k, 'Insgesamt') === null);
console.log(`keys without data ('-' throughout): ${noData.length}, of them in the register: ${noData.filter((k) => register.has(k)).join(' ')}; not in the register: ${noData.filter((k) => !register.has(k)).length}`);

const sum = rows.reduce((s, r) => s + r.eu2, 0);
assert(sum === 1_325_700, `EU2 sum ${sum}, expected 1,325,700`);
assert(rows.every((r) => r.eu2 <= r.population), 'an EU2 count above its population');
const lands = new Set(rows.map((r) => r.ags.slice(0, 2)));
assert(lands.size === 16, `${lands.size} Länder`);

// ---- an independent derivation, if given: every value must agree
if (checkPath) {
  const check = new Map();
  for (const line of readFileSync(checkPath, 'utf8').trim().split('\n').slice(1)) {
    const fields = line.match(/("[^"]*"|[^,]*)(,|$)/g).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
    if (fields[7] !== '') check.set(fields[1], Number(fields[7]));
  }
  for (const [key] of perKreis) {
    const mine = eu2Of(key);
    assert((check.get(key) ?? null) === mine, `${key}: ${mine} here, ${check.get(key)} in ${checkPath}`);
  }
  console.log(`checked against ${checkPath}: ${check.size} values agree`);
}

const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = ['ags,name,population,eu2,area,members', ...rows.map((r) => [r.ags, quote(r.name), r.population, r.eu2, r.area, r.members].join(','))].join('\n') + '\n';
writeFileSync(join(ROOT, 'data/datasets/eu2-de-kreise-2025.csv'), csv);
const areas = {
  description: 'Areas of data/datasets/eu2-de-kreise-2025.csv that combine several Kreise: Destatis (12521-0041, footer of the export) records all foreign nationals of these Kreise under one key, because one Ausländerbehörde serves them. Key convention: the members\' common first three digits followed by 99 (no Kreis has that number).',
  source: 'Statistisches Bundesamt (Destatis), GENESIS-Online 12521-0041, footnote of the export (Stand 25.09.2026)',
  areas: COMBINED.map((a) => ({
    ags: a.ags,
    name: a.name,
    recorded_under: a.recorded_under,
    population: a.members.reduce((s, m) => s + register.get(m).population, 0),
    members: a.members.map((m) => ({ ags: m, name: register.get(m).name, population: register.get(m).population })),
    footnote: a.footnote,
  })),
};
writeFileSync(join(ROOT, 'data/datasets/eu2-de-kreise-2025-areas.json'), JSON.stringify(areas, null, 2) + '\n');
console.log(`eu2-de-kreise-2025.csv: ${rows.length} rows (${rows.filter((r) => r.area === 'combined').length} combined), EU2 ${sum}, population ${rows.reduce((s, r) => s + r.population, 0)}`);
