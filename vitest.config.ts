import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Test files run in child processes: the CLI tests run the CLI in-process
    // (test/helpers/run-cli.ts), which changes the working folder with process.chdir, and
    // worker threads cannot do that.
    pool: 'forks',
    // Two cores: two test files at a time. A third worker would only compete with the
    // binaries the remaining spawned tests start (and their worker threads).
    maxWorkers: 2,
    // Every file with its time, then the closing summary (files, tests, duration).
    reporters: ['default'],
  },
});
