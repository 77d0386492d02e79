import * as z from 'zod/mini';
import { decimalsOf, isoDateSchema, nonEmptyText, parameterStatusSchema, type parameterUnitSchema, valueProblem } from './parameter.js';

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

export const programmeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('share_of_cost'), share }),
  z.strictObject({ ...common, kind: z.literal('per_person'), amount_eur: amount, basis: z.enum(['eu2', 'net']) }),
  z.strictObject({ ...common, kind: z.literal('fixed_pot'), pot_eur: amount, key: z.enum(['eu2', 'net', 'cost', 'population']) }),
]);

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

/** A field of a programme that holds a number or points at a parameter. */
export type AmountField = 'share' | 'cap_share' | 'pot_eur' | 'amount_eur';

type ParameterUnit = z.infer<typeof parameterUnitSchema>;

/**
 * The units a parameter must have to stand in a field; the first is the unit of a number
 * written in the rule itself. Checked when a rule file is read (io/compile-data.ts) and when
 * the engine resolves a parameter (engine/programmes.ts), for rule sets built in code.
 */
export const AMOUNT_UNITS: Readonly<Record<AmountField, readonly [ParameterUnit, ...ParameterUnit[]]>> = {
  share: ['ratio', 'percent'],
  cap_share: ['ratio', 'percent'],
  pot_eur: ['EUR/year'],
  amount_eur: ['EUR/person/year'],
};

/** The field that holds each kind's amount (a cap_share may come on top of any). */
export const AMOUNT_FIELD: Readonly<Record<Programme['kind'], AmountField>> = { fixed_pot: 'pot_eur', share_of_cost: 'share', per_person: 'amount_eur' };
