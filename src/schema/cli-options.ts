import * as z from 'zod/mini';

/** Option fields every computing command shares (calc, extrapolate): one definition, checked the same way. */
export const flag = z._default(z.boolean(), false);
export const yearOption = z.pipe(z.string().check(z.regex(/^\d{4}$/, 'must be a year like 2025')), z.transform(Number));

export const outputOptionsShape = {
  format: z._default(z.enum(['table', 'csv', 'json', 'md']), 'table'),
  locale: z.optional(z.enum(['de', 'en'])),
  output: z.optional(z.string()),
  allowMissing: flag,
  strict: flag,
  debug: flag,
};
