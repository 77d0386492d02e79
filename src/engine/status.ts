/**
 * How sure a figure is: ONE ordered scale for every figure, parameter and claim, in every
 * format and on every path (docs/statuses.md). Most sure first; a figure computed from others
 * is as unsure as its least sure input, and at least `derived`.
 *
 * - official:   a published figure, or the user's own input for its year, used as given
 * - derived:    computed by the tool from official figures only
 * - secondary:  rests on a figure from a secondary source (e.g. a price index from press reports)
 * - proposed:   rests on a programme or amount that is demanded, not enacted
 * - estimated:  rests on an estimate made by the tool (insured employees imputed from a ratio)
 * - assumption: rests on a value someone assumed (a rate or parameter set for the run, an
 *               assumed inflation, a rule's assumed key or eligibility)
 * - projected:  grown beyond the base year, or priced beyond the last known index year
 *
 * Parameter files use the first words of the same scale for their values (schema/parameter.ts).
 */
export const STATUSES = ['official', 'derived', 'secondary', 'proposed', 'estimated', 'assumption', 'projected'] as const;
export type Status = (typeof STATUSES)[number];

/** Rank codes, for typed arrays on hot paths: STATUSES[code] is the word. */
export const OFFICIAL = 0;
export const DERIVED = 1;
export const SECONDARY = 2;
export const PROPOSED = 3;
export const ESTIMATED = 4;
export const ASSUMPTION = 5;
export const PROJECTED = 6;

export const rankOf = (status: Status): number => STATUSES.indexOf(status);

/** A figure computed from two others: as unsure as the less sure, and at least derived. */
export const combine = (a: number, b: number): number => Math.max(a, b, DERIVED);

/** The least sure of some statuses (official when there are none). */
export function leastSure(statuses: Iterable<Status>): Status {
  let worst = OFFICIAL;
  for (const status of statuses) worst = Math.max(worst, rankOf(status));
  return STATUSES[worst] ?? 'projected';
}

/** The status word of a code. */
export const statusWord = (code: number): Status => STATUSES[code] ?? 'projected';
