// Lists import cycles between the folders of src/ (a top-level module such as src/errors.ts
// counts as its own folder). Prints nothing and exits 0 when there is none.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');
const files = [];
const walk = (dir) => readdirSync(dir).forEach((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) walk(path);
  else if (path.endsWith('.ts')) files.push(path);
});
walk(root);
const unit = (file) => {
  const rel = relative(root, file);
  return rel.includes('/') ? rel.split('/')[0] : rel.replace(/\.ts$/, '');
};
const edges = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const from = unit(file);
    const to = unit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
    if (from !== to) (edges.get(from) ?? edges.set(from, new Set()).get(from)).add(to);
  }
}
const cycles = new Set();
const visit = (node, path) => {
  for (const next of edges.get(node) ?? []) {
    if (path.includes(next)) cycles.add(path.slice(path.indexOf(next)).concat(next).join(' → '));
    else if (path.length < 10) visit(next, [...path, next]);
  }
};
for (const node of edges.keys()) visit(node, [node]);
for (const cycle of cycles) console.log(cycle);
process.exitCode = cycles.size > 0 ? 1 : 0;
