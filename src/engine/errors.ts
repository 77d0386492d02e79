/**
 * What the engine refuses, in domain terms. The engine knows no exit codes, flags or
 * messages for the command line: it says what kind of problem it met and, where a remedy
 * needs the user's words (an option to give), names the remedy; src/errors.ts turns both
 * into the one-line message and the exit code (`fromDomain`).
 *
 * - `choice`: the scenario asked for cannot be computed (years that run backwards, a price
 *   index for a year too far out, a low growth above the central one): the caller's choice.
 * - `data`: the counts, parameters or rules cannot give a figure (an unknown insured count
 *   with no estimate allowed, a rule referring to a missing parameter).
 */
export type DomainErrorKind = 'choice' | 'data';

/** A remedy the command layer words, because it names options (see src/errors.ts REMEDIES). */
export type Remedy =
  'give-base-year' | 'set-parameter' | 'other-growth' | 'growth-low' | 'growth-high' | 'years-order';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Plain words that need no option, or a remedy for the command layer to word. */
    readonly suggestion?: string | { remedy: Remedy; detail?: Record<string, string> },
    /** Where the problem lies when it is not the input: e.g. `rules nrw-2024`. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
