#!/usr/bin/env node
// Before the tests: type-check and build at the same time (they do not depend on each other;
// 3 s together instead of 5.6 s one after the other, measured on the project's two-core
// machine). The build leaves out the type declarations, which no test uses (npm ci and
// npm run build write them). Each one's output is printed when it ends, whole, so the two
// never interleave; the exit code is the first failure's.
import { spawn } from 'node:child_process';

const steps = [
  ['type-check', ['node_modules/typescript/bin/tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/burden-typecheck.tsbuildinfo']],
  ['build', ['scripts/build.mjs', '--no-types']],
];

const results = await Promise.all(steps.map(([name, args]) => new Promise((resolve) => {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  child.on('close', (code, signal) => {
    if (output.length > 0) process.stderr.write(Buffer.concat(output));
    if (code !== 0) process.stderr.write(`${name} failed (${signal ?? `exit ${code}`})\n`);
    resolve(code ?? 1);
  });
})));
process.exitCode = results.find((code) => code !== 0) ?? 0;
