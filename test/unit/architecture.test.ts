import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The shape of the house (docs/architecture.md): the engine is pure domain code that knows
 * nothing of files, output or the command line, and no two folders import each other.
 */
const engineDir = join(ROOT, 'src', 'engine');
const engineFiles = readdirSync(engineDir).filter((f) => f.endsWith('.ts'));

describe('src/engine', () => {
  it.each(engineFiles)('%s imports nothing from io, output, commands or the CLI, and names no flag or exit code', (file) => {
    const text = readFileSync(join(engineDir, file), 'utf8');
    const imports = [...text.matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((spec) => !/^\.\.\/schema\//.test(spec ?? ''))).toEqual([]);
    expect(text).not.toMatch(/--[a-z][a-z-]+/);
    expect(text).not.toMatch(/\bEXIT\b|process\.|console\./);
  });
});

describe('folders', () => {
  it('have no import cycle between them', () => {
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts', 'folder-cycles.mjs')], { encoding: 'utf8' })).toBe('');
  });
});
