import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { burdenErrorOf } from '../helpers/errors.js';
import { applyMethod, fixedRate } from '../../src/engine/method.js';
import { type ParameterSet, withOverride } from '../../src/engine/parameters.js';
import { applyRules } from '../../src/engine/programmes.js';
import type { InputRow, ResultRow } from '../../src/engine/types.js';
import { compileShippedData } from '../../src/io/compile-data.js';
import { type Programme, type RuleSet, checkParameterRanges, ruleSetSchema } from '../../src/schema/rules.js';
import { ROOT } from '../helpers/cli.js';

const shipped = compileShippedData(ROOT);
const shippedParameters: ParameterSet = new Map(shipped.parameters.map((p) => [p.name, p]));

function row(eu2: number, insured: number, rateCents = 214_300): ResultRow {
  const input: InputRow = { ags: '05913000', name: '', year: 2025, population: null, populationFrom: null, eu2, insured, origin: { file: 't.csv', line: 2 } };
  return applyMethod(input, { rates: fixedRate(rateCents), imputation: null, countsYear: null });
}


const base = { id: 'p', label: 'test', from: '2020-01-01', to: null, status: 'assumption', source: 'test' } as const;
const ruleSet = (programme: Programme): RuleSet => ({ id: 'test', title: 't', description: 't', programmes: [programme] });

describe('the engine refuses a share outside 0–100 % or a negative amount, whatever built the rule set', () => {
  // withOverride skips the --set check (calc/parameters.ts), as a library caller could.
  it('a share parameter of -50 % (claims were -50 % of the cost)', () => {
    const parameters = withOverride(shippedParameters, 'kdu_refugee_share_nrw', -50, 'a script');
    const kdu = shipped.rules.find((r) => r.id === 'bund-kdu-analog') as RuleSet;
    const error = burdenErrorOf(() => applyRules(kdu, [row(100, 0)], () => 2025, parameters));
    expect(error.code).toBe(65);
    expect(error.format()).toBe('rules bund-kdu-analog: programme "bund_kdu_analog": share is -50 percent (parameter "kdu_refugee_share_nrw", a script), '
      + 'and must lie between 0 and 100 percent (a claim is never below 0, and a share of cost never above the cost)');
  });

  it('a cap_share below 0 in a rule set built in code (a capped claim would be negative)', () => {
    const programme = { ...base, kind: 'per_person', amount_eur: 10, basis: 'eu2', cap_share: -0.5 } as Programme;
    expect(() => applyRules(ruleSet(programme), [row(100, 0)], () => 2025, shippedParameters)).toThrow(
      'programme "p": cap_share is -0.5 ratio (written in the rule), and must lie between 0 and 1 ratio');
  });

  it('a share above 1 and a negative pot', () => {
    const share = { ...base, kind: 'share_of_cost', share: 1.5 } as Programme;
    expect(() => applyRules(ruleSet(share), [row(100, 0)], () => 2025, shippedParameters)).toThrow('share is 1.5 ratio');
    const pot = { ...base, kind: 'fixed_pot', pot_eur: -100, key: 'eu2' } as Programme;
    expect(() => applyRules(ruleSet(pot), [row(100, 0)], () => 2025, shippedParameters)).toThrow('pot_eur is -100 EUR/year (written in the rule), and must lie between 0 and 1000000000000 EUR/year');
  });

  it('a share of exactly 0 and exactly 100 % are allowed: 0 and the whole cost', () => {
    const kdu = shipped.rules.find((r) => r.id === 'bund-kdu-analog') as RuleSet;
    for (const [percent, claim] of [[0, 0], [100, 21_430_000]] as const) {
      const parameters = withOverride(shippedParameters, 'kdu_refugee_share_nrw', percent, 'test');
      // 100 net persons × 2,143.00 EUR = 214,300.00 EUR.
      expect(applyRules(kdu, [row(100, 0)], () => 2025, parameters).rows[0]?.claims).toEqual([claim]);
    }
  });
});

describe('the shipped rule sets', () => {
  it('point only at parameters whose declared range fits the field (a share at a 0–100 % parameter)', () => {
    for (const rules of shipped.rules) expect(() => checkParameterRanges(rules, shipped.parameters, rules.id)).not.toThrow();
  });
});

/** Half away from zero on BigInt, independent of money.ts. */
function bigRoundDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return 2n * (numerator % denominator) >= denominator ? quotient + 1n : quotient;
}

describe('claims of any valid programme (1,000 generated rule sets and rows)', () => {
  // Shares and caps in millionths, written as the ratio a rule file holds (0.123457).
  const ppm = fc.integer({ min: 0, max: 1_000_000 });
  const programme = fc.record({
    kind: fc.constantFrom('share_of_cost', 'per_person', 'fixed_pot'),
    share: ppm,
    amountCents: fc.integer({ min: 0, max: 10_000_000 }),
    potCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    basis: fc.constantFrom('eu2', 'net'),
    key: fc.constantFrom('eu2', 'net', 'cost', 'population'),
    cap: fc.option(ppm, { nil: null }),
    minEu2: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: null }),
  });
  const rows = fc.array(fc.record({ eu2: fc.integer({ min: 0, max: 5_000 }), insured: fc.integer({ min: 0, max: 6_000 }), rate: fc.integer({ min: 0, max: 1_000_000 }) }),
    { minLength: 1, maxLength: 12 });

  it('are never below 0, never above the cap × cost, and a share of cost never above the cost; a pot sums to itself less the unallocated', () => {
    fc.assert(
      fc.property(programme, rows, (p, rs) => {
        const amount = p.kind === 'share_of_cost' ? { share: p.share / 1e6 }
          : p.kind === 'per_person' ? { amount_eur: p.amountCents / 100, basis: p.basis } : { pot_eur: p.potCents / 100, key: p.key };
        const written = {
          ...base, kind: p.kind, ...amount,
          ...(p.cap === null ? {} : { cap_share: p.cap / 1e6 }),
          ...(p.minEu2 === null ? {} : { eligibility: { min_eu2: p.minEu2 } }),
        };
        // Through the schema, so every generated rule is one a rule file could hold.
        const rules = ruleSetSchema.parse({ id: 'gen', title: 't', description: 't', programmes: [written] });
        const results = rs.map((r) => row(r.eu2, r.insured, r.rate));
        const scenario = applyRules(rules, results, () => 2025, shippedParameters);
        let given = 0n;
        results.forEach((result, i) => {
          const claim = scenario.rows[i]?.claims[0] ?? -1;
          const cost = BigInt(result.costCents);
          const eligible = p.minEu2 === null || result.eu2 >= p.minEu2;
          expect(Number.isSafeInteger(claim) && claim >= 0).toBe(true);
          if (!eligible) expect(claim).toBe(0);
          const capBound = p.cap === null ? null : bigRoundDiv(cost * BigInt(p.cap), 1_000_000n);
          if (capBound !== null) expect(BigInt(claim) <= capBound).toBe(true);
          if (p.kind === 'share_of_cost' && eligible) {
            // Exactly round(cost × share), or the cap when that is lower.
            const exact = bigRoundDiv(cost * BigInt(p.share), 1_000_000n);
            expect(BigInt(claim)).toBe(capBound !== null && capBound < exact ? capBound : exact);
          }
          if (p.kind === 'share_of_cost' || p.cap !== null) expect(BigInt(claim) <= cost).toBe(true);
          // Uncovered is cost − claims, never below 0.
          const uncovered = cost - BigInt(claim);
          expect(BigInt(scenario.rows[i]?.uncoveredCents ?? -1)).toBe(uncovered > 0n ? uncovered : 0n);
          given += BigInt(claim);
        });
        const outcome = scenario.programmes[0];
        if (p.kind === 'fixed_pot' && outcome) {
          expect(outcome.unallocatedCents).toBeGreaterThanOrEqual(0);
          expect(given + BigInt(outcome.unallocatedCents)).toBe(BigInt(p.potCents));
        }
        // Without the words for --explain (projections), the same figures, and no words.
        const lean = applyRules(rules, results, () => 2025, shippedParameters, { words: false });
        expect(lean.rows.map((r) => [r.claims, r.claimsTotalCents, r.uncoveredCents, r.coverageBasisPoints, r.claimsStatus]))
          .toEqual(scenario.rows.map((r) => [r.claims, r.claimsTotalCents, r.uncoveredCents, r.coverageBasisPoints, r.claimsStatus]));
        expect(lean.programmes.map((o) => o.unallocatedCents)).toEqual(scenario.programmes.map((o) => o.unallocatedCents));
        expect(lean.rows.flatMap((r) => r.decisions.flatMap((d) => [...d.reasons, ...d.detail]))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
