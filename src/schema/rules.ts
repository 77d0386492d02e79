import * as z from 'zod/mini';
import { BurdenError, EXIT } from '../errors.js';
import { AMOUNT_UNITS, type AmountField, decimalsOf, fieldRange, parameterRange, rangeText, valueProblem } from './bounds.js';
import { type Parameter, isoDateSchema, nonEmptyText, parameterStatusSchema } from './parameter.js';

/**
 * A rule set: programmes that turn municipal costs into compensation claims. Numbers are
 * either written in the rule (with the programme's source) or point at a parameter file
 * (`{"parameter": "suedosteuropa_pot"}`), so `--set` can change them for a run.
 */
const identifier = z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (it becomes a column name)'));
const parameterRef = z.strictObject({ parameter: identifier });
/** Numbers written in a rule obey the bounds of a parameter of the same unit (schema/parameter.ts). */
const bounded = (unit: 'EUR/year' | 'ratio') =>
  z.number().check(z.superRefine((value, ctx) => {
    const problem = valueProblem(unit, value);
    if (problem) ctx.issues.push({ code: 'custom', input: value, message: `${value}: ${problem}` });
  }));
const amount = z.union([bounded('EUR/year'), parameterRef]);
const share = z.union([bounded('ratio'), parameterRef]);
const landCode = z.string().check(z.regex(/^\d{2}$/, 'a Land is two digits, e.g. "05"'));

/** All criteria given must hold (a municipality in NRW *and* with at least N EU2 residents). */
export const eligibilitySchema = z.strictObject({
  min_eu2: z.optional(z.int().check(z.nonnegative())),
  min_eu2_share_pct: z.optional(z.number().check(z.gte(0), z.lte(100), z.refine((v) => decimalsOf(v) <= 2, 'a share is compared to two decimals: write at most two'))),
  min_net: z.optional(z.int().check(z.nonnegative())),
  ags: z.optional(z.array(z.string().check(z.regex(/^\d{2,12}$/))).check(z.minLength(1))),
  land: z.optional(z.union([landCode, z.array(landCode).check(z.minLength(1))])),
  note: z.optional(z.string()),
});

const common = {
  id: identifier,
  label: nonEmptyText(),
  from: isoDateSchema,
  to: z.nullable(isoDateSchema),
  status: parameterStatusSchema,
  source: nonEmptyText('every programme needs a source'),
  eligibility: z.optional(eligibilitySchema),
  cap_share: z.optional(share),
  note: z.optional(z.string()),
  /** What the documents do not say and the rule had to assume: each names the field and why. */
  assumptions: z.optional(z.array(z.strictObject({ field: nonEmptyText(), why: nonEmptyText() }))),
};

const KINDS = 'share_of_cost, per_person or fixed_pot';

export const programmeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('share_of_cost'), share }),
  z.strictObject({ ...common, kind: z.literal('per_person'), amount_eur: amount, basis: z.enum(['eu2', 'net']) }),
  z.strictObject({ ...common, kind: z.literal('fixed_pot'), pot_eur: amount, key: z.enum(['eu2', 'net', 'cost', 'population']) }),
], {
  // Without this, zod says only "Invalid input" for a kind it does not know (or a missing one).
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const kind = typeof issue.input === 'object' && issue.input !== null ? (issue.input as { kind?: unknown }).kind : undefined;
    return kind === undefined ? `a programme needs a kind (${KINDS})` : `${JSON.stringify(kind)} is not a programme kind (${KINDS})`;
  },
});

export const ruleSetSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
    title: nonEmptyText(),
    description: nonEmptyText(),
    programmes: z.array(programmeSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.programmes.forEach((programme, index) => {
        if (seen.has(programme.id)) {
          ctx.issues.push({ code: 'custom', input: programme.id, path: ['programmes', index, 'id'], message: `programme id "${programme.id}" appears twice` });
        }
        seen.add(programme.id);
        if (programme.to !== null && programme.to < programme.from) {
          ctx.issues.push({ code: 'custom', input: programme.to, path: ['programmes', index, 'to'], message: `ends (${programme.to}) before it starts (${programme.from})` });
        }
      });
    }),
  );

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Eligibility = z.infer<typeof eligibilitySchema>;
export type AmountRef = z.infer<typeof amount>;

/**
 * Every parameter a rule set points at must be able to stand in its field: not only its
 * value today, but any value its file allows, since `--set` is held to the file's range and
 * no more. So `kdu_refugee_share_nrw` declares "minimum": 0 — without it a percentage may be
 * -100 — and `--set kdu_refugee_share_nrw=-50` is refused before anything is computed.
 * (Called, with the unit check, where a rule file is read: io/compile-data.ts parseRuleFile.)
 */
export function checkParameterRanges(ruleSet: RuleSet, parameters: readonly Parameter[], file: string): void {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  ruleSet.programmes.forEach((programme, index) => {
    for (const field of Object.keys(AMOUNT_UNITS) as AmountField[]) {
      const ref = (programme as Partial<Record<AmountField, AmountRef>>)[field];
      if (typeof ref !== 'object') continue;
      const parameter = byName.get(ref.parameter);
      const allowed = parameter ? fieldRange(field, parameter.unit) : undefined;
      if (!parameter || !allowed) continue;
      const range = parameterRange(parameter);
      if (range.minimum >= allowed.minimum && range.maximum <= allowed.maximum) continue;
      throw new BurdenError(EXIT.dataError,
        `key "programmes.${index}.${field}.parameter": parameter "${parameter.name}" may lie ${rangeText(range.minimum, range.maximum, parameter.unit)}, ` +
          `${field} must lie ${rangeText(allowed.minimum, allowed.maximum, parameter.unit)}`,
        { file }, `write the ${field} in the rule, or point it at a parameter whose file declares "minimum": ${allowed.minimum}${range.maximum > allowed.maximum ? ` and "maximum": ${allowed.maximum}` : ''}`);
    }
  });
}
