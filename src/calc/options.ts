import { z } from 'zod';
import { usageError } from '../errors.js';
import { parseEuroToCents } from '../engine/money.js';

/** The options of `burden calc`, checked once at the boundary. */
const year = z
  .string()
  .regex(/^\d{4}$/, 'must be a year like 2025')
  .transform(Number);

export const calcOptionsSchema = z
  .object({
    population: z.string().optional(),
    eu2: z.string().optional(),
    insured: z.string().optional(),
    column: z.array(z.string()).default([]),
    imputeInsured: z.literal('national-2019').optional(),
    rate: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        const cents = parseEuroToCents(text);
        if (cents === null || cents < 0) {
          ctx.addIssue({ code: 'custom', message: `"${text}" is not an amount in euros (e.g. 2143 or 2143.50)` });
          return z.NEVER;
        }
        return cents;
      }),
    priceYear: year.optional(),
    year: year.optional(),
    rules: z.array(z.string()).max(2, 'may be given at most twice (two scenarios side by side)').default([]),
    set: z.array(z.string().regex(/^[a-z][a-z0-9_]*=-?\d+(\.\d+)?$/, 'must be name=number, e.g. --set rate=2500')).default([]),
    explain: z.union([z.boolean(), z.string().regex(/^\d{2,12}$/, 'must be a key (AGS) or nothing')]).optional(),
    rateFile: z.string().optional(),
    format: z.enum(['table', 'csv', 'json', 'md']).default('table'),
    locale: z.enum(['de', 'en']).optional(),
    output: z.string().optional(),
    allowMissing: z.boolean().default(false),
    strict: z.boolean().default(false),
    debug: z.boolean().default(false),
  })
  .strict();

export type CalcOptions = z.infer<typeof calcOptionsSchema>;

const FLAG: Record<string, string> = { priceYear: '--price-year', imputeInsured: '--impute-insured', allowMissing: '--allow-missing', rateFile: '--rate-file' };

export function parseCalcOptions(raw: Record<string, unknown>): CalcOptions {
  const result = calcOptionsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw usageError(`${FLAG[key] ?? `--${key}`}: ${issue?.message ?? 'invalid value'}`, 'see burden calc --help');
  }
  return result.data;
}
