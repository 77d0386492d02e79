import { parameterValueProblem } from '../schema/bounds.js';
import type { Parameter, ParameterValue } from '../schema/parameter.js';

export type ParameterSet = ReadonlyMap<string, Parameter>;

/** The value in force at a date (YYYY-MM-DD): the last entry whose `from` is not after it. */
export function valueAt(parameter: Parameter, date: string): ParameterValue | undefined {
  let found: ParameterValue | undefined;
  for (const entry of parameter.values) {
    if (entry.from <= date) found = entry;
    else break;
  }
  return found;
}

export function requireParameter(parameters: ParameterSet, name: string): Parameter {
  const parameter = parameters.get(name);
  if (!parameter) throw new Error(`parameter "${name}" is not defined`);
  return parameter;
}

/**
 * Why a value cannot stand for a parameter (an override for one run), or null when it can: the
 * same bounds a parameter file is held to, by unit and by its own "minimum" and "maximum"
 * (schema/parameter.ts parameterValueProblem). A dated series (the VPI) cannot be set
 * to one number, and money has at most two decimals, as it is held in cents.
 */
export function overrideProblem(parameter: Parameter, value: number): string | null {
  if (parameter.values.length > 1) return `"${parameter.name}" is a dated series of ${parameter.values.length} values and cannot be set to one number`;
  if (parameter.unit === 'index') return 'a price index cannot be set on the command line';
  return parameterValueProblem(parameter, value);
}

/** A copy of the set with one parameter's value replaced from a date on (an override for one run). */
export function withOverride(parameters: ParameterSet, name: string, value: number, source: string): ParameterSet {
  const parameter = requireParameter(parameters, name);
  const next = new Map(parameters);
  next.set(name, {
    ...parameter,
    // The override keeps the first date, so a rate keeps its price level (the year of `from`).
    values: [{ from: parameter.values[0]?.from ?? '0000-01-01', value, source, status: 'assumption' }],
  });
  return next;
}
