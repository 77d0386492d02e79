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

export type TracePart = string | TraceNumber;

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
