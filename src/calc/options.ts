import * as z from 'zod/mini';
import { outputOptionsShape, parseOptions, rateOption, rulesOption, setOption, yearOption } from '../options/cli-options.js';

/** The options of `burden calc`, checked once at the boundary. */
const year = yearOption;
const list = z._default(z.array(z.string()), []);

export const calcOptionsSchema = z.strictObject({
    population: z.optional(z.string()),
    eu2: z.optional(z.string()),
    insured: z.optional(z.string()),
    column: list,
    imputeInsured: z.optional(z.enum(['national-2019', 'regional-2019'])),
    rate: rateOption,
    priceYear: z.optional(year),
    year: z.optional(year),
    rules: rulesOption,
    set: setOption,
    // A key (05913, or 5913 without its leading zero) or a name (Dortmund): pipeline/explain.ts finds the row.
    explain: z.optional(z.union([z.boolean(), z.string().check(z.minLength(1, 'must be a key (AGS), a name or nothing'), z.maxLength(200, 'must be a key (AGS), a name or nothing'))])),
    rateFile: z.optional(z.string()),
    land: z.optional(z.string()),
    lang: z.optional(z.enum(['de', 'en'])),
    ...outputOptionsShape,
  });

export type CalcOptions = z.infer<typeof calcOptionsSchema>;

export function parseCalcOptions(raw: Record<string, unknown>): CalcOptions {
  return parseOptions(calcOptionsSchema, raw, 'calc');
}
