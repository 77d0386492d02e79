#!/usr/bin/env node
// A larger young generation: rows live for one batch and then die, and with the default
// semi-space many survive one scavenge and are promoted, which made garbage collection
// about a third of the run time on large inputs (see npm run bench).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-semi-space-size=32');
const { run } = await import('../dist/cli.js');
await run(process.argv.slice(2));
