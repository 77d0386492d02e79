#!/usr/bin/env node
// Runs every example in README.md and docs/*.md, so that no example the documentation shows
// can drift from what the tool does. Needs the built CLI (dist/): `npm run test:e2e` and
// `npm run test:all` build first.
//
// The convention (also stated in docs/architecture.md):
// - Only fenced blocks opened with ```sh are run. Output, file contents and anything else that
//   is not a command go in ```text (or any other) blocks, which are never run.
// - In a ```sh block every non-empty line is a command, except lines starting with `#`. A line
//   ending in `\` continues on the next. Each command runs alone, in a fresh temporary folder,
//   as a reader copies one line: a command that needs a file makes it on the same line
//   (`printf … > file.csv && node bin/burden.js calc file.csv`).
// - `node bin/burden.js` anywhere in a line, and `burden` where a command starts (line start,
//   after `|`, `&&`, `||`, `;`), run this repository's bin/burden.js by absolute path. An
//   example may name no other file of the repository: it runs outside it.
// - A leading `npm ci && ` is dropped (the repository is installed and built when this runs);
//   a line that runs the tests (`npm test`, `npm run test:all`) is skipped: they run this script.
// - A command must exit 0: one that shows an error says so with `|| echo "exit $?"`.
// Blocks run two at a time (the project's machine has two cores); each command may take 60 s.
//
// Usage: node scripts/doc-examples.mjs [--list]   (--list prints the commands without running them)

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'burden.js');
const PARALLEL = 2;
const TIMEOUT_MS = 60_000;

/** Every ```sh block of one Markdown file, as {file, line, commands: [{line, text}]}. */
export function extractBlocks(file, markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let block = null;
  let pending = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (fence && !block) {
      if (fence[2] === 'sh') block = { file, line: i + 1, commands: [] };
      else block = { file, line: i + 1, commands: null };
      continue;
    }
    if (fence && block) {
      if (block.commands && block.commands.length > 0) blocks.push(block);
      block = null;
      continue;
    }
    if (!block || !block.commands) continue;
    const text = pending ? `${pending.text}\n${line}` : line;
    const start = pending ? pending.line : i + 1;
    if (/\\\s*$/.test(line)) {
      pending = { text, line: start };
      continue;
    }
    pending = null;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    block.commands.push({ line: start, text: trimmed });
  }
  return blocks;
}

/** The shell line to run: the repository's CLI by absolute path, `npm ci && ` dropped; null to skip. */
export function toShell(text) {
  if (/(^|&&|;)\s*npm\s+(test|run\s+test(:[\w-]+)?)\b/.test(text)) return null;
  const bin = `node ${JSON.stringify(BIN)}`;
  return text
    .replace(/^npm ci\s*&&\s*/, '')
    .replace(/node\s+bin\/burden\.js\b/g, bin)
    .replace(/(^|\|\||&&|[|;(])(\s*)burden(?=\s|$)/g, (_, sep, space) => `${sep}${space}${bin}`);
}

function docsFiles() {
  const files = [join(ROOT, 'README.md')];
  const docs = join(ROOT, 'docs');
  if (existsSync(docs)) {
    for (const name of readdirSync(docs).sort()) if (name.endsWith('.md')) files.push(join(docs, name));
  }
  return files;
}

function run(shell, cwd) {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', shell], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? `signal ${signal}` : -1), stderr });
    });
  });
}

async function runBlock(block) {
  const failures = [];
  let ran = 0;
  for (const command of block.commands) {
    const shell = toShell(command.text);
    if (shell === null) continue;
    ran++;
    // Each command alone, in a folder of its own: no line may rely on another having run.
    const cwd = mkdtempSync(join(tmpdir(), 'burden-doc-'));
    try {
      const { code, stderr } = await run(shell, cwd);
      if (code !== 0) failures.push({ where: `${relative(ROOT, block.file)}:${command.line}`, text: command.text, code, stderr });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  return { ran, failures };
}

async function main() {
  const blocks = docsFiles().flatMap((file) => extractBlocks(file, readFileSync(file, 'utf8')));
  if (process.argv.includes('--list')) {
    for (const block of blocks) {
      for (const c of block.commands) console.log(`${relative(ROOT, block.file)}:${c.line}: ${c.text}`);
    }
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.error('doc-examples: dist/ is missing; run `npm run build` first');
    process.exitCode = 70;
    return;
  }
  const started = Date.now();
  const queue = [...blocks];
  const failures = [];
  let ran = 0;
  const workers = Array.from({ length: PARALLEL }, async () => {
    for (let block = queue.shift(); block; block = queue.shift()) {
      const result = await runBlock(block);
      ran += result.ran;
      failures.push(...result.failures);
    }
  });
  await Promise.all(workers);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length === 0) {
    console.log(`doc-examples: ${ran} commands in ${blocks.length} blocks ran as documented (${seconds} s)`);
    return;
  }
  failures.sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }));
  for (const f of failures) {
    console.error(`FAIL ${f.where}: exit ${f.code}, expected 0: ${f.text}`);
    const tail = f.stderr.trim().split('\n').slice(-3).join('\n    ');
    if (tail) console.error(`    ${tail}`);
  }
  console.error(`doc-examples: ${failures.length} failing of ${ran} commands (${seconds} s)`);
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
