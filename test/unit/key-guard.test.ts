import { describe, expect, it } from 'vitest';
import { KeyGuard, RESCAN } from '../../src/io/key-guard.js';
import { runCli } from '../helpers/run-cli.js';

describe('KeyGuard', () => {
  it('keeps nothing while keys ascend, and asks for the earlier keys at the first one out of order', () => {
    const guard = new KeyGuard();
    expect(guard.check('05111', 2)).toBeUndefined();
    expect(guard.check('05112', 3)).toBeUndefined();
    expect(guard.remembering).toBe(false);
    expect(guard.check('05111', 4)).toBe(RESCAN);
    guard.remember(new Map([['05111', 2], ['05112', 3]]));
    expect(guard.check('05111', 4)).toBe(2);
    expect(guard.check('05113', 5)).toBeUndefined();
    expect(guard.check('05113', 6)).toBe(5);
  });
});

describe('duplicate keys in the CLI', () => {
  it('finds a duplicate in an unsorted file, naming both lines', async () => {
    const { code, stderr } = await runCli(['calc', '-', '--format', 'csv'], { stdin: 'ags,eu2,insured\n05112,1,0\n05111,1,0\n05113,1,0\n05112,2,0\n' });
    expect(code).toBe(65);
    expect(stderr).toBe('error: <stdin>:5: column "ags": key 05112 appears twice (first on line 2) (each municipality may appear once per year; add a year column if the rows are for different years)\n');
  });

  it('accepts an unsorted file without duplicates', async () => {
    const { code, stdout } = await runCli(['calc', '-', '--format', 'csv'], { stdin: 'ags,eu2,insured\n05112,1,0\n05111,1,0\n05113,1,0\n' });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l) => l.split(',')[0])).toEqual(['ags', '05112', '05111', '05113']);
  });
});
