import { describe, expect, it } from 'vitest';
import { applyMethod, MissingInsuredError, TotalsAccumulator, fixedRate } from '../../src/engine/method.js';
import type { InputRow } from '../../src/engine/types.js';

const row = (over: Partial<InputRow>): InputRow => ({
  ags: '05913000', name: 'Dortmund', year: null, population: null, populationFrom: null,
  eu2: 0, insured: 0, origin: { file: 't.csv', line: 2 }, ...over,
});
const national2019 = { numerator: 572_574, denominator: 1_108_393 };

describe('the Dortmund per-capita method', () => {
  it('reproduces the paper: 1,108,393 − 572,574 = 535,819 persons × 2,143 EUR = 1,148,260,117 EUR', () => {
    const result = applyMethod(row({ eu2: 1_108_393, insured: 572_574 }), { rates: fixedRate(214_300), countsYear: null, imputation: null });
    expect(result.net).toBe(535_819);
    expect(result.costCents).toBe(114_826_011_700);
  });

  it('clamps a negative net to 0 and flags it', () => {
    const result = applyMethod(row({ eu2: 800, insured: 900 }), { rates: fixedRate(214_300), countsYear: null, imputation: null });
    expect(result.net).toBe(0);
    expect(result.netClamped).toBe(true);
    expect(result.costCents).toBe(0);
  });

  it('estimates unknown insured counts from the national 2019 ratio, rounded to whole persons, and flags them', () => {
    // 7,770 × 572,574 / 1,108,393 = 4,013.83… → 4,014
    const result = applyMethod(row({ eu2: 7_770, insured: null }), { rates: fixedRate(214_300), countsYear: null, imputation: national2019 });
    expect(result.insured).toBe(4_014);
    expect(result.insuredEstimated).toBe(true);
    expect(result.net).toBe(3_756);
  });

  it('refuses an unknown insured count when no estimate was asked for', () => {
    expect(() => applyMethod(row({ eu2: 10, insured: null }), { rates: fixedRate(214_300), countsYear: null, imputation: null })).toThrow(MissingInsuredError);
  });

  it('computes per-inhabitant cost and EU2 share to two decimals', () => {
    // Dortmund-like: 13,495 EU2, 6,971 insured, 603,462 inhabitants.
    const result = applyMethod(row({ eu2: 13_495, insured: 6_971, population: 603_462 }), { rates: fixedRate(214_300), countsYear: null, imputation: null });
    expect(result.costCents).toBe(1_398_093_200);
    expect(result.costPerInhabitantCents).toBe(2_317); // 13,980,932 / 603,462 = 23.1679…
    expect(result.eu2ShareBasisPoints).toBe(224); // 2.236…%
  });

  it('leaves per-inhabitant figures empty without a population', () => {
    const result = applyMethod(row({ eu2: 10, insured: 0 }), { rates: fixedRate(100), countsYear: null, imputation: null });
    expect(result.costPerInhabitantCents).toBeNull();
    expect(result.eu2ShareBasisPoints).toBeNull();
  });

  it('totals are exact sums and per-inhabitant totals need every population', () => {
    const acc = new TotalsAccumulator();
    acc.add(applyMethod(row({ eu2: 3, insured: 1, population: 100 }), { rates: fixedRate(333), countsYear: null, imputation: null }));
    acc.add(applyMethod(row({ eu2: 5, insured: 0, population: 200 }), { rates: fixedRate(333), countsYear: null, imputation: null }));
    const totals = acc.result();
    expect(totals.costCents).toBe(666 + 1665);
    expect(totals.costPerInhabitantCents).toBe(8); // 2,331 / 300 = 7.77 → 8
    acc.add(applyMethod(row({ eu2: 1, insured: 0 }), { rates: fixedRate(333), countsYear: null, imputation: null }));
    expect(acc.result().costPerInhabitantCents).toBeNull();
  });
});
