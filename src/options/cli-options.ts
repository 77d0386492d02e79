import * as z from 'zod/mini';
import { usageError } from '../errors.js';
import { euroProblem, parseEuroToCents } from '../engine/money.js';

/** Single-valued options given twice are refused (`--rate 1000 --rate 3000`): see repeated-options.ts. */
export { refuseRepeatedOptions } from './repeated-options.js';

/** Option fields every computing command shares (calc, extrapolate): one definition, checked the same way. */
export const flag = z._default(z.boolean(), false);
export const yearOption = z.pipe(z.string().check(z.regex(/^\d{4}$/, 'must be a year like 2025')), z.transform(Number));

export const outputOptionsShape = {
  format: z._default(z.enum(['table', 'csv', 'json', 'md', 'html', 'xlsx']), 'table'),
  locale: z.optional(z.enum(['de', 'en'])),
  output: z.optional(z.string()),
  allowMissing: flag,
  strict: flag,
  debug: flag,
};

/** `--rules ID|FILE`, at most twice (two scenarios side by side): calc, calc --years and extrapolate. */
export const rulesOption = z._default(z.array(z.string()).check(z.maxLength(2, 'may be given at most twice (two scenarios side by side)')), []);
/** `--set name=value`; the value is checked against the parameter's unit later (pipeline/parameters.ts). */
// The number itself is read by the parameter's unit (pipeline/parameters.ts): euros as --rate reads them.
export const setOption = z._default(z.array(z.string().check(z.regex(/^[a-z][a-z0-9_]*=-?\d[\d.,']*$/, 'must be name=number, e.g. --set rate=2500'))), []);

/** `--rate EUR`, read as money is read everywhere (engine/money.ts): cents, or an issue. */
export const rateOption = z.optional(
  z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const cents = parseEuroToCents(text);
      if (cents === null || cents < 0) {
        ctx.issues.push({ code: 'custom', input: text, message: `"${text}" ${cents === null ? euroProblem(text) : 'is below 0'}` });
        return z.NEVER;
      }
      return cents;
    }),
  ),
);

/** The flag a user typed for an option key: priceYear → --price-year. */
export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Check a command's options once, at the boundary: the first problem as a usage error naming the flag. */
export function parseOptions<T extends z.ZodMiniType>(schema: T, raw: Record<string, unknown>, command: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw usageError(`${flagOf(String(issue?.path[0] ?? ''))}: ${issue?.message ?? 'invalid value'}`, `see burden ${command} --help`);
  }
  return result.data as z.infer<T>;
}
