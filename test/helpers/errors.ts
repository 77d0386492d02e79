import { BurdenError } from '../../src/errors.js';

/** The BurdenError `run` throws; any other error is passed on, and no error fails the test. */
export function burdenErrorOf(run: () => unknown): BurdenError {
  try {
    run();
  } catch (error) {
    if (error instanceof BurdenError) return error;
    throw error;
  }
  throw new Error('expected a BurdenError, and nothing was thrown');
}
