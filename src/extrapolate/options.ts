import * as z from 'zod/mini';
import { usageError } from '../errors.js';
import type { GrowthSpec } from '../engine/projection.js';
import { parseGrowthSpec } from '../options/growth-spec.js';
import { parseCount } from '../io/numbers.js';
import { flag, outputOptionsShape, parseOptions, rateOption, rulesOption, setOption, yearOption } from '../options/cli-options.js';

/** The options of `burden extrapolate`, checked once at the boundary (one zod/mini schema, as calc). */
type Ctx = { issues: { code: 'custom'; input: unknown; message: string }[] };
const fail = <T>(ctx: Ctx, input: string, message: string): T => {
  ctx.issues.push({ code: 'custom', input, message });
  return z.NEVER as T;
};
const parsed = <T>(f: (text: string, ctx: Ctx) => T) => z.optional(z.pipe(z.string(), z.transform((text: string, ctx) => f(text, ctx as unknown as Ctx))));
const year = yearOption;

const count = parsed((text, ctx): number => {
  const cell = parseCount(text);
  if (cell.kind === 'value') return cell.value;
  // The count parser's own reason ("is too large to be a count of persons", "is negative", …).
  const reason = cell.kind === 'invalid' ? cell.reason : 'is not a count of persons';
  return fail(ctx, text, `${JSON.stringify(text)} ${reason} (e.g. 1108393 or 1.108.393)`);
});

/** A percentage with at most `decimals` decimals, as an integer scaled by 10^decimals. */
const scaledPercent = (decimals: number, min: number, max: number) =>
  parsed((text, ctx): number => {
    const m = new RegExp(`^(-?)(\\d{1,3})(?:[.,](\\d{1,${decimals}}))?%?$`).exec(text.trim());
    const value = m ? (Number(m[2]) * 10 ** decimals + Number((m[3] ?? '').padEnd(decimals, '0'))) * (m[1] === '-' ? -1 : 1) : NaN;
    if (!m || value < min * 10 ** decimals || value > max * 10 ** decimals) {
      return fail(ctx, text, `${JSON.stringify(text)} is not a percentage from ${min} to ${max} with at most ${decimals} decimal${decimals === 1 ? '' : 's'}`);
    }
    return value + 0;
  });

const growth = (option: string, allowRatio: boolean) => parsed((text): GrowthSpec => parseGrowthSpec(text, option, allowRatio));

const yearRange = parsed((text, ctx): { from: number; to: number } => {
  const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(text.trim());
  return m ? { from: Number(m[1]), to: Number(m[2] ?? m[1]) } : fail(ctx, text, `${JSON.stringify(text)} is not a range of years like 2025-2030`);
});

export const extrapolateOptionsSchema = z.strictObject({
  eu2: count,
  insured: count,
  baseYear: z.optional(year),
  by: z.optional(z.enum(['land', 'kreis', 'total', 'none'])),
  column: z._default(z.array(z.string()), []),
  rate: rateOption,
  rateFile: z.optional(z.string()),
  priceYear: z.optional(year),
  years: yearRange,
  from: z.optional(year),
  to: z.optional(year),
  growth: growth('--growth', false),
  insuredGrowth: growth('--insured-growth', true),
  /** Assumed inflation in tenths of a percent (engine/rate.ts carries one decimal). */
  inflation: scaledPercent(1, -50, 100),
  range: flag,
  /** ± spread of the rate in hundredths of a percent. */
  rateSpread: scaledPercent(2, 0, 99),
  growthLow: growth('--growth-low', false),
  growthHigh: growth('--growth-high', false),
  rules: rulesOption,
  set: setOption,
  land: z.optional(z.string()),
  // One municipality's chain of figures in the first projected year (pipeline/explain.ts finds the row).
  explain: z.optional(z.union([z.boolean(), z.string().check(z.minLength(1, 'must be a key (AGS), a name or nothing'), z.maxLength(200, 'must be a key (AGS), a name or nothing'))])),
  imputeInsured: z.optional(z.enum(['national-2019', 'regional-2019'])),
  lang: z.optional(z.enum(['de', 'en'])),
  ...outputOptionsShape,
});

export type ExtrapolateOptions = z.infer<typeof extrapolateOptionsSchema>;

export function parseExtrapolateOptions(raw: Record<string, unknown>): ExtrapolateOptions {
  return parseOptions(extrapolateOptionsSchema, raw, 'extrapolate');
}

/** The projected years from --years or --from/--to; null without a projection. */
export function projectionYears(options: ExtrapolateOptions): { from: number; to: number } | null {
  if (options.years && (options.from !== undefined || options.to !== undefined)) {
    throw usageError('give either --years FROM-TO or --from/--to, not both');
  }
  if (options.years) return options.years;
  if (options.from === undefined && options.to === undefined) return null;
  if (options.from === undefined || options.to === undefined) {
    throw usageError(`${options.from === undefined ? '--to' : '--from'} needs ${options.from === undefined ? '--from' : '--to'}`, 'or write --years FROM-TO');
  }
  return { from: options.from, to: options.to };
}
