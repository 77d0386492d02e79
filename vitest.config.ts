import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Test files run in child processes: the CLI tests run the CLI in-process
    // (test/helpers/run-cli.ts), which changes the working folder with process.chdir, and
    // worker threads cannot do that.
    pool: 'forks',
    // A worker runs its test files one after another in the same process instead of starting
    // a fresh one for each: ~8 s less CPU over the suite (measured: 39.7 s → 32.0 s user),
    // most of it Node and vitest starting up again 27 times. What files then share is the
    // source modules' state: the caches of the shipped data, which no run changes
    // (test/cli/run-cli.test.ts checks it), and io/temp-files.ts's list of copies of standard
    // input, removed when the worker exits. runCli restores what it changes in the process.
    // Passes with shuffled file orders (--sequence.shuffle.files).
    isolate: false,
    // Two cores: two test files at a time. A third worker would only compete with the
    // binaries the remaining spawned tests start (and their worker threads).
    maxWorkers: 2,
    // Every file with its time, then the closing summary (files, tests, duration).
    reporters: ['default'],
  },
});
