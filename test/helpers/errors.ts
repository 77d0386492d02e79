import { BurdenError } from '../../src/errors.js';
import { userError } from '../../src/pipeline/user-error.js';

/**
 * The error a user sees for what `run` throws: a BurdenError as it is, an engine refusal
 * (engine/errors.ts) as the pipeline words it (pipeline/user-error.ts); any other error is
 * passed on, and no error fails the test.
 */
export function burdenErrorOf(run: () => unknown): BurdenError {
  try {
    run();
  } catch (error) {
    const user = error instanceof BurdenError ? error : userError(error);
    if (user) return user;
    throw error;
  }
  throw new Error('expected a BurdenError, and nothing was thrown');
}

/** The BurdenError an async `run` rejects with; any other error is passed on, and none fails the test. */
export async function burdenErrorOfAsync(run: () => Promise<unknown>): Promise<BurdenError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BurdenError) return error;
    throw error;
  }
  throw new Error('expected a BurdenError');
}
