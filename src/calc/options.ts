import * as z from 'zod/mini';
import { usageError } from '../errors.js';
import { parseEuroToCents } from '../engine/money.js';
import { outputOptionsShape, rulesOption, setOption, yearOption } from '../schema/cli-options.js';

/** The options of `burden calc`, checked once at the boundary. */
const year = yearOption;
const list = z._default(z.array(z.string()), []);

export const calcOptionsSchema = z.strictObject({
    population: z.optional(z.string()),
    eu2: z.optional(z.string()),
    insured: z.optional(z.string()),
    column: list,
    imputeInsured: z.optional(z.literal('national-2019')),
    rate: z.optional(
      z.pipe(
        z.string(),
        z.transform((text, ctx) => {
          const cents = parseEuroToCents(text);
          if (cents === null || cents < 0) {
            ctx.issues.push({ code: 'custom', input: text, message: `"${text}" is not an amount in euros (e.g. 2143 or 2143.50)` });
            return z.NEVER;
          }
          return cents;
        }),
      ),
    ),
    priceYear: z.optional(year),
    year: z.optional(year),
    rules: rulesOption,
    set: setOption,
    explain: z.optional(z.union([z.boolean(), z.string().check(z.regex(/^\d{2,12}$/, 'must be a key (AGS) or nothing'))])),
    rateFile: z.optional(z.string()),
    ...outputOptionsShape,
  });

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
