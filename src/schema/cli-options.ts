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

/** `--rules ID|FILE`, at most twice (two scenarios side by side): calc, calc --years and extrapolate. */
export const rulesOption = z._default(z.array(z.string()).check(z.maxLength(2, 'may be given at most twice (two scenarios side by side)')), []);
/** `--set name=value`; the value is checked against the parameter's unit later (calc/parameters.ts). */
export const setOption = z._default(z.array(z.string().check(z.regex(/^[a-z][a-z0-9_]*=-?\d+(\.\d+)?$/, 'must be name=number, e.g. --set rate=2500'))), []);
