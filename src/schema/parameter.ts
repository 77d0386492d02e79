import * as z from 'zod/mini';

/**
 * A parameter is data, never a constant in code (OpenFisca/GETTSIM): a description, a unit,
 * and dated values, each with its own source and status. Unknown keys are an error, so a
 * misspelt key can never be silently ignored. (zod/mini: the same checks as zod, in a
 * bundle a twentieth the size, which keeps start-up fast.)
 */
export const parameterStatusSchema = z.enum(['official', 'secondary', 'proposed', 'assumption']);
export const parameterUnitSchema = z.enum(['EUR/person/year', 'EUR', 'EUR/year', 'persons', 'index', 'percent', 'ratio']);

/** A calendar date written YYYY-MM-DD: 2019-13-45 has the shape but is no date. */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'is not a calendar date'),
);

/** How many decimals a number is written with (as JSON or the command line gives it). */
export const decimalsOf = (value: number): number => {
  const [mantissa = '', exponent] = String(value).toLowerCase().split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return Math.max(decimals, 0);
};

/** Amounts above this are no municipal budget (and products with counts stay below 2^53 cents). */
export const MAX_AMOUNT_EUR = 1e12;

type ParameterUnit = z.infer<typeof parameterUnitSchema>;

/** The widest range of the money, percentage and ratio units, before a parameter narrows it. */
export const UNIT_RANGE = {
  amount: { minimum: 0, maximum: MAX_AMOUNT_EUR },
  percent: { minimum: -100, maximum: 100 },
  ratio: { minimum: 0, maximum: 1 },
} as const;

/**
 * Why a value cannot stand for a parameter of this unit, or null: the bounds the engine relies
 * on (money in cents, percentages to a tenth, ratios to a millionth, the VPI to a thousandth).
 * Checked for parameter files and for --set alike.
 */
export function valueProblem(unit: ParameterUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const decimals = decimalsOf(value);
  switch (unit) {
    case 'EUR':
    case 'EUR/year':
    case 'EUR/person/year':
      if (value < UNIT_RANGE.amount.minimum) return 'an amount in euros cannot be below 0';
      if (value > UNIT_RANGE.amount.maximum) return `an amount above ${MAX_AMOUNT_EUR} EUR is not plausible`;
      return decimals > 2 ? 'an amount in euros has at most two decimals (cents)' : null;
    case 'percent':
      if (value < UNIT_RANGE.percent.minimum || value > UNIT_RANGE.percent.maximum) return 'a percentage lies between -100 and 100';
      return decimals > 1 ? 'a percentage here has at most one decimal' : null;
    case 'ratio':
      if (value < UNIT_RANGE.ratio.minimum || value > UNIT_RANGE.ratio.maximum) return 'a ratio lies between 0 and 1';
      return decimals > 6 ? 'a ratio has at most six decimals' : null;
    case 'persons':
      return Number.isInteger(value) && value >= 0 ? null : 'a count of persons is a whole number of at least 0';
    case 'index':
      if (value <= 0) return 'a price index is above 0';
      return decimals > 3 ? 'a price index has at most three decimals' : null;
  }
}

/** The bounds a parameter may declare for itself, narrower than its unit's. */
export interface DeclaredBounds {
  unit: ParameterUnit;
  minimum?: number | undefined;
  maximum?: number | undefined;
}

/** A range in words: "between 0 and 100 percent", "at least 0 EUR/year". */
export function rangeText(minimum: number | undefined, maximum: number | undefined, unit: string): string {
  if (minimum !== undefined && maximum !== undefined) return `between ${minimum} and ${maximum} ${unit}`;
  if (minimum !== undefined) return `at least ${minimum} ${unit}`;
  return `at most ${maximum} ${unit}`;
}

/**
 * Why a value cannot stand for this parameter, or null: outside the range the parameter file
 * declares ("minimum", "maximum": a share of cost is 0–100 %), or outside its unit's bounds.
 * The declared range is checked first, as it is the narrower and the one that explains itself.
 * One check for parameter files, --set and --rate-file.
 */
export function parameterValueProblem(parameter: DeclaredBounds & { name: string }, value: number): string | null {
  const { minimum, maximum } = parameter;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    const declared = [minimum !== undefined ? '"minimum"' : null, maximum !== undefined ? '"maximum"' : null].filter(Boolean).join(' and ');
    return `${parameter.name} lies ${rangeText(minimum, maximum, parameter.unit)} (the ${declared} of its file)`;
  }
  return valueProblem(parameter.unit, value);
}

/**
 * The range a parameter's values can take: its unit's, narrowed by what its file declares.
 * A rule checks it against what its field needs (schema/rules.ts checkParameterRanges), so no
 * value that passes parameterValueProblem, e.g. a --set, can make a share negative.
 */
export function parameterRange(parameter: DeclaredBounds): { minimum: number; maximum: number } {
  // Counts and the index are never a programme's amount; their range is left open here.
  const unitRange = parameter.unit === 'percent' || parameter.unit === 'ratio' ? UNIT_RANGE[parameter.unit]
    : parameter.unit.startsWith('EUR') ? UNIT_RANGE.amount : { minimum: -Infinity, maximum: Infinity };
  return {
    minimum: Math.max(unitRange.minimum, parameter.minimum ?? -Infinity),
    maximum: Math.min(unitRange.maximum, parameter.maximum ?? Infinity),
  };
}

export const nonEmptyText = (message?: string) => z.string().check(z.trim(), z.minLength(1, message));

export const parameterValueSchema = z.strictObject({
  from: isoDateSchema,
  value: z.number(),
  source: nonEmptyText('every value needs a source'),
  status: parameterStatusSchema,
  note: z.optional(z.string()),
});

export const parameterSchema = z
  .strictObject({
    name: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _')),
    description: nonEmptyText(),
    unit: parameterUnitSchema,
    /** Bounds narrower than the unit's, where the documents imply them (a share of cost: 0 to 100 percent). */
    minimum: z.optional(z.number()),
    maximum: z.optional(z.number()),
    values: z.array(parameterValueSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((parameter, ctx) => {
      for (const key of ['minimum', 'maximum'] as const) {
        const bound = parameter[key];
        const problem = bound === undefined ? null : valueProblem(parameter.unit, bound);
        if (problem) ctx.issues.push({ code: 'custom', input: bound, path: [key], message: `${bound}: ${problem}` });
      }
      if (parameter.minimum !== undefined && parameter.maximum !== undefined && parameter.minimum > parameter.maximum) {
        ctx.issues.push({ code: 'custom', input: parameter.maximum, path: ['maximum'], message: `${parameter.maximum} is below the minimum ${parameter.minimum}` });
      }
      parameter.values.forEach((entry, index) => {
        const problem = parameterValueProblem(parameter, entry.value);
        if (problem) ctx.issues.push({ code: 'custom', input: entry.value, path: ['values', index, 'value'], message: `${entry.value}: ${problem}` });
        const previous = parameter.values[index - 1];
        if (previous && entry.from <= previous.from) {
          ctx.issues.push({
            code: 'custom',
            input: entry.from,
            path: ['values', index, 'from'],
            message: `dates must be in ascending order without duplicates: ${entry.from} follows ${previous.from}`,
          });
        }
      });
    }),
  );

export type ParameterStatus = z.infer<typeof parameterStatusSchema>;
export type ParameterValue = z.infer<typeof parameterValueSchema>;
export type Parameter = z.infer<typeof parameterSchema>;
