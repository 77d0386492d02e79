import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burdenErrorOf } from '../helpers/errors.js';
import { openFileOutput } from '../../src/io/writer.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'burden-writer-'));


describe('openFileOutput writes atomically', () => {
  it('shows nothing at the target until commit, then the whole text and no temporary file', () => {
    const dir = fresh();
    const target = join(dir, 'out.csv');
    const output = openFileOutput(target, []);
    // More than the 64 KiB buffer, so some of it reaches the disk before the commit.
    const text = 'x'.repeat(200_000);
    output.write(text);
    output.write('\n');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1); // the temporary file
    output.commit();
    expect(readFileSync(target, 'utf8')).toBe(`${text}\n`);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('abort leaves an existing file as it was and nothing beside it', () => {
    const dir = fresh();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'before');
    const output = openFileOutput(target, []);
    output.write('y'.repeat(100_000));
    output.abort();
    expect(readFileSync(target, 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('commit replaces an existing file', () => {
    const dir = fresh();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'before');
    const output = openFileOutput(target, []);
    output.write('after');
    output.commit();
    expect(readFileSync(target, 'utf8')).toBe('after');
  });
});

describe('openFileOutput never overwrites an input', () => {
  it('refuses the input by its own path, another spelling, a symbolic link and a hard link (exit 64)', () => {
    const dir = fresh();
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'ags,eu2\n05,1\n');
    symlinkSync(input, join(dir, 'link.csv'));
    linkSync(input, join(dir, 'hard.csv'));
    for (const target of [input, join(dir, '.', 'in.csv'), join(dir, 'link.csv'), join(dir, 'hard.csv')]) {
      const error = burdenErrorOf(() => openFileOutput(target, [input]));
      expect(error.code).toBe(64);
      expect(error.message).toBe('is one of the input files: refusing to overwrite an input');
    }
    expect(readFileSync(input, 'utf8')).toBe('ags,eu2\n05,1\n');
    expect(readdirSync(dir).sort()).toEqual(['hard.csv', 'in.csv', 'link.csv']);
  });

  it('allows a new file next to the input', () => {
    const dir = fresh();
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'x');
    const output = openFileOutput(join(dir, 'out.csv'), [input]);
    output.write('ok');
    output.commit();
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('ok');
  });
});

describe('openFileOutput says why it cannot write (exit 73)', () => {
  it('a folder that does not exist', () => {
    const dir = fresh();
    const error = burdenErrorOf(() => openFileOutput(join(dir, 'missing', 'out.csv'), []));
    expect(error.code).toBe(73);
    expect(error.message).toBe(`the folder ${join(dir, 'missing')} does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a path whose folder is a file', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), '');
    const error = burdenErrorOf(() => openFileOutput(join(dir, 'file', 'out.csv'), []));
    expect(error.code).toBe(73);
    expect(error.message).toBe(`a part of the path ${join(dir, 'file')} is not a folder`);
  });

  it('a directory as the target', () => {
    expect(burdenErrorOf(() => openFileOutput(fresh(), [])).message).toBe('is a directory');
  });

  it('a full disk: /dev/full fails on commit with ENOSPC, and abort afterwards does not throw', () => {
    const output = openFileOutput('/dev/full', []);
    output.write('some output\n');
    const error = burdenErrorOf(() => output.commit());
    expect(error.code).toBe(73);
    expect(error.format()).toBe('/dev/full: no space left on the device (free some space or write elsewhere; nothing was written)');
    expect(() => output.abort()).not.toThrow();
  });
});

describe('Output.write takes bytes', () => {
  it('writes text and bytes in order, atomically, the bytes unchanged', () => {
    const dir = fresh();
    const target = join(dir, 'out.bin');
    const output = openFileOutput(target, []);
    // Bytes that are not UTF-8 (a zip's), after text still in the buffer.
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]);
    output.write('head:');
    output.write(bytes);
    output.write(':tail');
    expect(existsSync(target)).toBe(false);
    output.commit();
    expect([...readFileSync(target)]).toEqual([...Buffer.from('head:'), ...bytes, ...Buffer.from(':tail')]);
  });
});
