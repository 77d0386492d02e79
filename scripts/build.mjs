// Build: bundle the CLI with esbuild, then validate the shipped data once and write its
// compiled form to dist/. Each entry is one file (src/main.ts says why): dist/cli.js answers
// --version and loads dist/app.js, the whole program, whose parts for one command or format
// (a report, a projection) run only when used; exceljs (1.5 MB) is loaded from node_modules,
// and only for xlsx. dist/worker.js (calc's worker threads) and dist/index.js (the library)
// are files of their own.
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { __BURDEN_VERSION__: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __burdenRequire } from 'node:module'; const require = __burdenRequire(import.meta.url);" },
};

const bundle = await build({
  ...common,
  // BURDEN_METAFILE=path writes which sources went into which file (to see what a build holds).
  metafile: Boolean(process.env.BURDEN_METAFILE),
  entryPoints: { cli: 'src/main.ts', app: 'src/cli.ts', index: 'src/index.ts', worker: 'src/calc/worker.ts' },
  outdir: 'dist',
  external: ['exceljs'],
  minifyWhitespace: true,
  minifySyntax: true,
});

if (process.env.BURDEN_METAFILE) writeFileSync(process.env.BURDEN_METAFILE, JSON.stringify(bundle.metafile));

// Compile the shipped data with the same code the CLI uses to check user files.
await build({ ...common, entryPoints: ['src/io/compile-data.ts'], outfile: 'dist/build/compile-data.mjs' });
const { compileShippedData, compileRegister, plainDatasetCopies } = await import(pathToFileURL('dist/build/compile-data.mjs').href);
try {
  const shipped = compileShippedData(process.cwd());
  writeFileSync('dist/shipped.json', JSON.stringify(shipped));
  mkdirSync('dist/datasets', { recursive: true });
  for (const [file, text] of plainDatasetCopies(process.cwd(), shipped.datasets)) writeFileSync(`dist/datasets/${file}.tsv`, text);
  for (const [level, entries] of Object.entries(compileRegister(process.cwd()))) {
    writeFileSync(`dist/register-${level}.json`, JSON.stringify(entries));
  }
} catch (error) {
  console.error(`build: the shipped data is invalid: ${error.format ? error.format() : error.message}`);
  process.exit(1);
}
rmSync('dist/build', { recursive: true, force: true });

// Type declarations of the library API (src/index.ts), for scripts that import the engine;
// not with --no-types (scripts/check.mjs before the tests: the tests use none, and the
// type-check beside it covers the same code).
if (process.argv.includes('--no-types')) {
  // dist/ was emptied above: the declarations of the last full build come back from the cache.
  if (existsSync(`node_modules/.cache/burden-types/out`)) cpSync('node_modules/.cache/burden-types/out', 'dist/types', { recursive: true });
  process.exit(0);
}
// Written incrementally into a cache and copied: dist/ is emptied above, and tsc would not
// write again what its build information says is written (2.7 s each build, 0.3 s this way).
const TYPES_CACHE = 'node_modules/.cache/burden-types';
const types = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json',
  '--incremental', '--tsBuildInfoFile', `${TYPES_CACHE}/tsbuildinfo`, '--outDir', `${TYPES_CACHE}/out`], { stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
cpSync(`${TYPES_CACHE}/out`, 'dist/types', { recursive: true });
