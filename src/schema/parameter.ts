import * as z from 'zod/mini';

/**
 * A parameter is data, never a constant in code (OpenFisca/GETTSIM): a description, a unit,
 * and dated values, each with its own source and status. Unknown keys are an error, so a
 * misspelt key can never be silently ignored. (zod/mini: the same checks as zod, in a
 * bundle a twentieth the size, which keeps start-up fast.)
 */
export const parameterStatusSchema = z.enum(['official', 'secondary', 'proposed', 'assumption']);
export const parameterUnitSchema = z.enum(['EUR/person/year', 'EUR', 'EUR/year', 'persons', 'index', 'percent', 'ratio']);

export const isoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));
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
