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

/**
 * Why a value cannot stand for a parameter of this unit, or null: the bounds the engine relies
 * on (money in cents, percentages to a tenth, ratios to a millionth, the VPI to a thousandth).
 * Checked for parameter files and for --set alike.
 */
export function valueProblem(unit: z.infer<typeof parameterUnitSchema>, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const decimals = decimalsOf(value);
  switch (unit) {
    case 'EUR':
    case 'EUR/year':
    case 'EUR/person/year':
      if (value < 0) return 'an amount in euros cannot be below 0';
      if (value > MAX_AMOUNT_EUR) return `an amount above ${MAX_AMOUNT_EUR} EUR is not plausible`;
      return decimals > 2 ? 'an amount in euros has at most two decimals (cents)' : null;
    case 'percent':
      if (value < -100 || value > 100) return 'a percentage lies between -100 and 100';
      return decimals > 1 ? 'a percentage here has at most one decimal' : null;
    case 'ratio':
      if (value < 0 || value > 1) return 'a ratio lies between 0 and 1';
      return decimals > 6 ? 'a ratio has at most six decimals' : null;
    case 'persons':
      return Number.isInteger(value) && value >= 0 ? null : 'a count of persons is a whole number of at least 0';
    case 'index':
      if (value <= 0) return 'a price index is above 0';
      return decimals > 3 ? 'a price index has at most three decimals' : null;
  }
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
    values: z.array(parameterValueSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((parameter, ctx) => {
      parameter.values.forEach((entry, index) => {
        const problem = valueProblem(parameter.unit, entry.value);
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
