import { BurdenError, EXIT } from '../errors.js';
import { MissingInsuredError } from '../engine/method.js';
import { InexactError } from '../engine/money.js';

/**
 * The engine's refusals as messages for people: an unknown insured count without an
 * estimate, a product beyond 2^53 cents. Anything else stays an internal error (null).
 */
export function userError(error: unknown): BurdenError | null {
  if (error instanceof BurdenError) return error;
  if (error instanceof MissingInsuredError) {
    return new BurdenError(EXIT.dataError, 'insured count unknown', { ...error.row.origin, column: 'insured' },
      'give the insured BG/RO employees, or --impute-insured national-2019 to estimate them, flagged as estimated');
  }
  if (error instanceof InexactError) {
    // engine/money.ts refuses products beyond 2^53 cents rather than lose exactness.
    return new BurdenError(EXIT.dataError, `a figure leaves the range of exact whole numbers (${error.message})`, {},
      'check the counts and the rate for a misplaced digit');
  }
  return null;
}
