import * as z from 'zod/mini';
import { PARAMETER_UNITS, parameterValueProblem, valueProblem } from './bounds.js';

/**
 * A parameter is data, never a constant in code (OpenFisca/GETTSIM): a description, a unit,
 * and dated values, each with its own source and status. Unknown keys are an error, so a
 * misspelt key can never be silently ignored. (zod/mini: the same checks as zod, in a
 * bundle a twentieth the size, which keeps start-up fast.)
 */
export const parameterStatusSchema = z.enum(['official', 'secondary', 'proposed', 'assumption']);
export const parameterUnitSchema = z.enum(PARAMETER_UNITS);

/** A calendar date written YYYY-MM-DD: 2019-13-45 has the shape but is no date. */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'is not a calendar date'),
);

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
    /** A short name for people, in both languages of the reports (German and English). */
    label: z.optional(z.strictObject({ de: nonEmptyText(), en: nonEmptyText() })),
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
