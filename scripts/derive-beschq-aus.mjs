#!/usr/bin/env node
// Derive data/datasets/beschq-aus-kreise-2019.csv from migration_integration_regionen_daten_2019.csv
// ("Migration und Integration in den Regionen", Destatis/BA/BAMF, per Kreis, 2019):
//
//     node scripts/derive-beschq-aus.mjs RAW.csv
//
// Two columns are taken as they stand: BESCHQ_AUS (employment rate of foreign nationals, %,
// one decimal) and AI15BU65 (foreign nationals aged 15 to under 65), the weight with which
// rates of several Kreise combine (see data/datasets/README.md). Documentation only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const raw = process.argv[2];
if (!raw) {
  console.error('usage: node scripts/derive-beschq-aus.mjs RAW.csv');
  process.exit(64);
}
const fail = (message) => {
  console.error(`derive-beschq-aus: ${message}`);
  process.exit(1);
};
const lines = readFileSync(raw, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
// Every field is quoted; names may hold a comma ("Flensburg, Stadt"), no field holds a quote.
const split = (line) => [...line.matchAll(/"([^"]*)"|([^,]*)/g)].filter((m, i, all) => m.index === 0 || line[m.index - 1] === ',')
  .map((m) => m[1] ?? m[2] ?? '');
const header = split(lines[0]);
const col = (name) => {
  const i = header.indexOf(name);
  if (i < 0) fail(`no column ${name}`);
  return i;
};
const [rs, name, rate, weight] = ['RS', 'NAME', 'BESCHQ_AUS', 'AI15BU65'].map(col);
const rows = lines.slice(1).map((line, i) => {
  const f = split(line);
  if (f.length !== header.length) fail(`line ${i + 2}: ${f.length} fields, header ${header.length}`);
  if (!/^\d{5}$/.test(f[rs])) fail(`line ${i + 2}: key ${f[rs]}`);
  // Written with one decimal, or none where it is 0 ("42" is 42.0).
  if (!/^\d{1,2}(\.\d)?$/.test(f[rate])) fail(`line ${i + 2}: BESCHQ_AUS ${f[rate]} is not a percentage with at most one decimal`);
  if (!/^\d+$/.test(f[weight])) fail(`line ${i + 2}: AI15BU65 ${f[weight]}`);
  return { ags: f[rs], name: f[name], rate: Number(f[rate]).toFixed(1), weight: Number(f[weight]) };
});
if (rows.length !== 401) fail(`${rows.length} Kreise, expected 401`);
// The national rate as the weighted mean in tenths of a percent, exact: Σ(rate × weight) / Σ weight.
const num = rows.reduce((s, r) => s + BigInt(Math.round(Number(r.rate) * 10)) * BigInt(r.weight), 0n);
const den = rows.reduce((s, r) => s + BigInt(r.weight), 0n);
const quote = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(join(ROOT, 'data/datasets/beschq-aus-kreise-2019.csv'),
  ['ags,name,beschq_aus,foreign_15_65', ...rows.map((r) => [r.ags, quote(r.name), r.rate, r.weight].join(','))].join('\n') + '\n');
console.log(`beschq-aus-kreise-2019.csv: ${rows.length} rows; weight total ${den}; weighted mean ${Number(num) / Number(den) / 10} %`);
