import { z } from 'zod';

/**
 * A parameter is data, never a constant in code (OpenFisca/GETTSIM): a description, a unit,
 * and dated values, each with its own source and status. Unknown keys are an error, so a
 * misspelt key can never be silently ignored.
 */
export const parameterStatusSchema = z.enum(['official', 'secondary', 'proposed', 'assumption']);
export const parameterUnitSchema = z.enum(['EUR/person/year', 'EUR', 'EUR/year', 'persons', 'index', 'percent', 'ratio']);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const parameterValueSchema = z
  .object({
    from: isoDate,
    value: z.number().finite(),
    source: z.string().trim().min(1, 'every value needs a source'),
    status: parameterStatusSchema,
    note: z.string().optional(),
  })
  .strict();

export const parameterSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _'),
    description: z.string().trim().min(1),
    unit: parameterUnitSchema,
    values: z.array(parameterValueSchema).min(1),
  })
  .strict()
  .superRefine((parameter, ctx) => {
    parameter.values.forEach((entry, index) => {
      const previous = parameter.values[index - 1];
      if (previous && entry.from <= previous.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', index, 'from'],
          message: `dates must be in ascending order without duplicates: ${entry.from} follows ${previous.from}`,
        });
      }
    });
  });

export type ParameterStatus = z.infer<typeof parameterStatusSchema>;
export type ParameterValue = z.infer<typeof parameterValueSchema>;
export type Parameter = z.infer<typeof parameterSchema>;
