import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMethod, fixedRate } from '../../src/engine/method.js';
import { withOverride, type ParameterSet } from '../../src/engine/parameters.js';
import { applyRules } from '../../src/engine/programmes.js';
import type { InputRow } from '../../src/engine/types.js';
import { compileShippedData } from '../../src/io/compile-data.js';
import { ruleSetSchema, type RuleSet } from '../../src/schema/rules.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Behaviour tests as data (OpenFisca style): each file in test/cases/ names a rule set (or
 * holds one inline), a budget year, input rows and the exact expected cents.
 */
interface Case {
  name: string;
  rules: string | unknown;
  year?: number;
  rate_cents?: number;
  set?: Record<string, number>;
  rows: { ags: string; eu2: number; insured: number; population?: number; year?: number }[];
  expected: {
    rows: {
      ags: string;
      net: number;
      cost_cents: number;
      claims_cents: Record<string, number>;
      claims_total_cents: number;
      uncovered_cents: number;
      coverage_basis_points: number | null;
    }[];
    unallocated_cents: Record<string, number>;
  };
}

const shipped = compileShippedData(ROOT);
const dir = join(ROOT, 'test', 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('rule cases (test/cases/*.json)', () => {
  it('has at least 25 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const file of files) {
    const testCase = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case;
    it(`${file}: ${testCase.name}`, () => {
      const ruleSet: RuleSet =
        typeof testCase.rules === 'string'
          ? (shipped.rules.find((r) => r.id === testCase.rules) as RuleSet)
          : ruleSetSchema.parse(testCase.rules);
      expect(ruleSet).toBeDefined();
      let parameters: ParameterSet = new Map(shipped.parameters.map((p) => [p.name, p]));
      for (const [name, value] of Object.entries(testCase.set ?? {})) parameters = withOverride(parameters, name, value, 'test');
      const rateCents = testCase.rate_cents ?? 214_300;
      const rows = testCase.rows.map((r, i) => {
        const input: InputRow = {
          ags: r.ags, name: '', year: r.year ?? null, population: r.population ?? null,
          populationFrom: r.population === undefined ? null : 'input', eu2: r.eu2, insured: r.insured,
          origin: { file, line: i + 2 },
        };
        return applyMethod(input, { rates: fixedRate(rateCents), imputation: null, countsYear: null });
      });
      const scenario = applyRules(ruleSet, rows, (row) => row.year ?? (testCase.year as number), parameters);
      const actual = rows.map((row, i) => {
        const s = scenario.rows[i];
        return {
          ags: row.ags,
          net: row.net,
          cost_cents: row.costCents,
          claims_cents: Object.fromEntries(ruleSet.programmes.map((p, k) => [p.id, s?.claims[k]])),
          claims_total_cents: s?.claimsTotalCents,
          uncovered_cents: s?.uncoveredCents,
          coverage_basis_points: s?.coverageBasisPoints,
        };
      });
      expect(actual).toEqual(testCase.expected.rows);
      const unallocated = Object.fromEntries(
        scenario.programmes.filter((o) => o.unallocatedCents > 0).map((o) => [`${o.programme.id}@${o.year}`, o.unallocatedCents]),
      );
      expect(unallocated).toEqual(testCase.expected.unallocated_cents);
      // A fixed pot in force always sums to its amount, less what is reported unallocated.
      for (const outcome of scenario.programmes) {
        if (outcome.programme.kind !== 'fixed_pot' || !outcome.inForce || !outcome.amount) continue;
        const given = outcome.decisions.reduce((sum, d) => sum + d.claimCents, 0);
        expect(given + outcome.unallocatedCents).toBe(Math.round(outcome.amount.value * 100));
      }
    });
  }
});
