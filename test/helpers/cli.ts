import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/burden.js', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Run the built binary as a user would, without colour, and capture everything it says.
 * For tests where the process is the point (signals, real pipes, the built binary's own
 * worker threads, cleanup at process exit); other CLI tests use runCli (helpers/run-cli.ts),
 * which runs the source in-process (its parallel path starts the built dist/worker.js).
 */
export function burden(args: string[], options: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}

/** Files written into a fresh temporary folder: `const file = fixtureFiles('name'); file('a.csv', text)` gives its path. */
export function fixtureFiles(prefix: string): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `burden-${prefix}-`));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}
