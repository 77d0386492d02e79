import { z } from 'zod';
import { parameterStatusSchema } from './parameter.js';

/**
 * A rule set: programmes that turn municipal costs into compensation claims. Numbers are
 * either written in the rule (with the programme's source) or point at a parameter file
 * (`{"parameter": "suedosteuropa_pot"}`), so `--set` can change them for a run.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const parameterRef = z.object({ parameter: z.string().regex(/^[a-z][a-z0-9_]*$/) }).strict();
const amount = z.union([z.number().finite().nonnegative(), parameterRef]);
const share = z.union([z.number().min(0).max(1), parameterRef]);

/** All criteria given must hold (a municipality in NRW *and* with at least N EU2 residents). */
export const eligibilitySchema = z
  .object({
    min_eu2: z.number().int().nonnegative().optional(),
    min_eu2_share_pct: z.number().min(0).max(100).optional(),
    min_net: z.number().int().nonnegative().optional(),
    ags: z.array(z.string().regex(/^\d{2,12}$/)).min(1).optional(),
    land: z.union([z.string().regex(/^\d{2}$/), z.array(z.string().regex(/^\d{2}$/)).min(1)]).optional(),
    note: z.string().optional(),
  })
  .strict();

const common = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (it becomes a column name)'),
  label: z.string().min(1),
  from: isoDate,
  to: isoDate.nullable(),
  status: parameterStatusSchema,
  source: z.string().trim().min(1, 'every programme needs a source'),
  eligibility: eligibilitySchema.optional(),
  cap_share: share.optional(),
  note: z.string().optional(),
  /** What the documents do not say and the rule had to assume: each names the field and why. */
  assumptions: z.array(z.object({ field: z.string().min(1), why: z.string().min(1) }).strict()).optional(),
};

export const programmeSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('share_of_cost'), share }).strict(),
  z.object({ ...common, kind: z.literal('per_person'), amount_eur: amount, basis: z.enum(['eu2', 'net']) }).strict(),
  z.object({ ...common, kind: z.literal('fixed_pot'), pot_eur: amount, key: z.enum(['eu2', 'net', 'cost', 'population']) }).strict(),
]);

export const ruleSetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    description: z.string().min(1),
    programmes: z.array(programmeSchema).min(1),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.programmes.forEach((programme, index) => {
      if (seen.has(programme.id)) ctx.addIssue({ code: 'custom', path: ['programmes', index, 'id'], message: `programme id "${programme.id}" appears twice` });
      seen.add(programme.id);
      if (programme.to !== null && programme.to < programme.from) {
        ctx.addIssue({ code: 'custom', path: ['programmes', index, 'to'], message: `ends (${programme.to}) before it starts (${programme.from})` });
      }
    });
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Eligibility = z.infer<typeof eligibilitySchema>;
export type AmountRef = z.infer<typeof amount>;
