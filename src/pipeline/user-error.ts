import { BurdenError, EXIT } from '../errors.js';
import { DomainError, type Remedy } from '../engine/errors.js';
import { MissingInsuredError } from '../engine/method.js';
import type { InputRow } from '../engine/types.js';
import { InexactError } from '../engine/money.js';

/**
 * The engine's refusals as messages for people: an unknown insured count without an
 * estimate, a product beyond 2^53 cents. Anything else stays an internal error (null).
 */
export function userError(error: unknown): BurdenError | null {
  if (error instanceof BurdenError) return error;
  if (error instanceof DomainError) return fromDomain(error);
  if (error instanceof MissingInsuredError) return insuredUnknown(error.row);
  if (error instanceof InexactError) {
    // engine/money.ts refuses products beyond 2^53 cents rather than lose exactness.
    return new BurdenError(EXIT.dataError, `a figure leaves the range of exact whole numbers (${error.message})`, {},
      'check the counts and the rate for a misplaced digit; a projection may also run too many years or grow too fast');
  }
  return null;
}

/** Run engine work outside a command's own error handling, with its refusals as messages for people. */
export function asUserError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw userError(error) ?? error;
  }
}

/** An input without any insured column, when calc was not asked to estimate the counts. */
export function noInsuredColumn(file: string): BurdenError {
  return new BurdenError(EXIT.dataError, 'no column for insured employees', { file, line: 1 },
    'add a column insured, svb, or insured_bg and insured_ro; or give --impute-insured national-2019 to estimate them, flagged as estimated');
}

/** A row whose insured count is unknown, when calc was not asked to estimate it. */
export function insuredUnknown(row: InputRow): BurdenError {
  return new BurdenError(EXIT.dataError, 'insured count unknown', row.insuredAt ?? { ...row.origin, column: 'insured' },
    'give the insured BG/RO employees, or --impute-insured national-2019 to estimate them, flagged as estimated');
}

/** --strict: the warnings above fail the run; an -o file is not written. */
export function strictFailure(count: number, output: string | undefined): BurdenError {
  return new BurdenError(EXIT.dataError, `--strict: ${count === 1 ? 'the warning above fails' : `the ${count} warnings above fail`} the run${output ? `; ${output} is not written` : ''}`,
    {}, `correct what ${count === 1 ? 'it points' : 'they point'} at, or leave out --strict to accept ${count === 1 ? 'it' : 'them'}`);
}

/**
 * The engine's refusals (engine/errors.ts) as messages and exit codes: a scenario that cannot
 * be computed is the caller's choice (64), data that cannot give a figure is a data error (65).
 * Remedies that name options are worded here, where the options are known.
 */
const REMEDIES: Record<Remedy, (detail: Record<string, string>) => string> = {
  'give-base-year': () => 'add a year column to the input, or give --base-year YYYY',
  'other-growth': () => 'give a count for every key and every projected year, or choose another --growth',
  'growth-low': () => 'give --growth-low at or below the central --growth, or leave it out',
  'growth-high': () => 'give --growth-high at or above the central --growth, or leave it out',
  'years-order': () => 'write FROM-TO with FROM ≤ TO, e.g. 2025-2030',
  'set-parameter': (d) => `its first value is from ${d.first ?? '?'}; set one with --set ${d.parameter ?? 'NAME'}=VALUE`,
};

export function fromDomain(error: DomainError): BurdenError {
  const hint = error.suggestion;
  const suggestion = typeof hint === 'object' ? REMEDIES[hint.remedy](hint.detail ?? {}) : hint;
  return new BurdenError(error.kind === 'choice' ? EXIT.usage : EXIT.dataError, error.message, error.file === undefined ? {} : { file: error.file }, suggestion);
}
