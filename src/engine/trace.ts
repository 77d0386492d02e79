/**
 * The words of a trace (the explanation of a figure, a programme's reasons) with their numbers kept exact
 * and unformatted: the engine does not know the output's locale, so each renderer writes the
 * numbers its own way (output/trace.ts), and money never becomes a float on the way.
 */
export type TraceNumber =
  /** Whole persons. */
  | { kind: 'persons'; value: number }
  /** Money in cents. */
  | { kind: 'cents'; value: number }
  /** A percentage to two decimals, in basis points (hundredths of a percent). */
  | { kind: 'basis_points'; value: number }
  /** A number as a parameter or rule file writes it: a price index, a ratio, a percentage. */
  | { kind: 'decimal'; value: number };

/**
 * A word of the engine's own explanations (a programme's reasons, how a claim was computed),
 * written in the report's language by the output (report/terms.ts `word.*`); the engine knows
 * no language. Text that comes from data (a rule's id, an assumption's reason) stays a string.
 */
export const TRACE_WORDS = [
  'yes', 'no', 'no_criteria', 'land', 'key', 'in_list', 'keys', 'eu2', 'net', 'population', 'eu2_share', 'share_unknown',
  'not_in_force', 'open', 'not_eligible', 'pot', 'all_eligible', 'largest_remainder', 'capped_at', 'of_cost', 'cost',
  'in_year', 'fixed_pot', 'share_of_cost', 'per_person', 'parameter', 'in_rule', 'from', 'is_assumption', 'claim',
] as const;
export type TraceWordKey = (typeof TRACE_WORDS)[number];
export interface TraceWord {
  word: TraceWordKey;
}

export type TracePart = string | TraceNumber | TraceWord;

export const word = (key: TraceWordKey): TraceWord => ({ word: key });

export const persons = (value: number): TraceNumber => ({ kind: 'persons', value });
export const cents = (value: number): TraceNumber => ({ kind: 'cents', value });
export const basisPoints = (value: number): TraceNumber => ({ kind: 'basis_points', value });
export const decimal = (value: number): TraceNumber => ({ kind: 'decimal', value });

/**
 * A trace text from a template: `` trace`eu2 ${persons(13495)} ≥ ${persons(1000)}` ``. Other
 * texts (a list of parts) are spliced in.
 */
export function trace(strings: TemplateStringsArray, ...values: (TracePart | readonly TracePart[])[]): TracePart[] {
  const parts: TracePart[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push(text);
    const value = values[i];
    if (value === undefined) return;
    if (Array.isArray(value)) parts.push(...(value as readonly TracePart[]));
    else parts.push(value as TracePart);
  });
  return parts;
}
