import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/doc-examples.mjs', import.meta.url));

/**
 * Every ```sh example in README.md and docs/*.md runs as written (the convention is in
 * scripts/doc-examples.mjs and docs/architecture.md). Needs the built CLI, which
 * `npm run test:e2e` and `npm run test:all` build before vitest runs.
 */
describe('documentation examples', () => {
  it('every command in a sh block of README.md and docs/*.md exits as documented', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^doc-examples: \d+ commands in \d+ blocks ran as documented/);
  }, 180_000);
});
