import { mulDivRound, mulExact, roundDiv } from './money.js';

/**
 * A regional refinement of the insured estimate (an assumption, flagged as such): the
 * national BG/RO ratio of insured employees to EU2 residents (572,574 / 1,108,393 on
 * 31.12.2019, parameters insured_bg_ro_de and eu2_residents_de), scaled by how the Kreis's
 * employment rate of foreign nationals (BESCHQ_AUS, "Migration und Integration in den
 * Regionen" 2019; data/datasets/beschq-aus-kreise-2019.csv) compares with the national rate:
 *
 *     insured = round(eu2 × numerator × rate(Kreis) / (denominator × rate(Germany)))
 *
 * The source has no figures by nationality, so this assumes BG/RO nationals of a Kreis differ
 * from the national BG/RO ratio as all its foreign nationals differ from all in Germany.
 * Pure: no I/O; rates are integers in tenths of a percent (49.8 % is 498), every step exact,
 * and the one division rounded half away from zero (engine/money.ts).
 */
export interface RegionalImputationInput {
  /** EU2 residents of the area (persons). */
  eu2: number;
  /** National insured BG/RO employees (the ratio's numerator, e.g. 572,574). */
  numerator: number;
  /** National EU2 residents (the ratio's denominator, e.g. 1,108,393). */
  denominator: number;
  /** The area's employment rate of foreign nationals, tenths of a percent. */
  rateTenths: number;
  /** The national employment rate of foreign nationals, tenths of a percent. */
  nationalRateTenths: number;
}

export interface RegionalEstimate {
  insured: number;
  /** True when the scaled ratio exceeded 1 and the estimate was capped at eu2. */
  capped: boolean;
}

function wholeAtLeast(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be a whole number of at least ${minimum}: ${value}`);
  }
}

/** The estimated insured count of one area; never more than its EU2 residents. */
export function regionalInsured(input: RegionalImputationInput): RegionalEstimate {
  const { eu2, numerator, denominator, rateTenths, nationalRateTenths } = input;
  wholeAtLeast('eu2', eu2, 0);
  wholeAtLeast('numerator', numerator, 0);
  wholeAtLeast('denominator', denominator, 1);
  wholeAtLeast('rateTenths', rateTenths, 0);
  wholeAtLeast('nationalRateTenths', nationalRateTenths, 1);
  if (rateTenths > 1000 || nationalRateTenths > 1000) throw new RangeError('a rate in tenths of a percent is at most 1000');
  const insured = mulDivRound(mulExact(eu2, numerator), rateTenths, mulExact(denominator, nationalRateTenths));
  return insured > eu2 ? { insured: eu2, capped: true } : { insured, capped: false };
}

/** One area's rate and its weight (foreign nationals aged 15–64, the rate's denominator). */
export interface WeightedRate {
  rateTenths: number;
  weight: number;
}

/**
 * The rate of several areas together (Germany, a merged Kreis, a combined area of the EU2
 * data): the weighted mean Σ(rate × weight) / Σ weight in tenths of a percent, rounded half
 * away from zero. Germany over the 401 Kreise of 2019 gives 498 (49.8 %).
 */
export function combinedRateTenths(parts: readonly WeightedRate[]): number {
  let weighted = 0;
  let weights = 0;
  for (const { rateTenths, weight } of parts) {
    wholeAtLeast('rateTenths', rateTenths, 0);
    wholeAtLeast('weight', weight, 0);
    weighted += mulExact(rateTenths, weight);
    weights += weight;
  }
  if (!Number.isSafeInteger(weighted)) throw new RangeError('the weighted sum leaves the exact whole numbers');
  if (weights === 0) throw new RangeError('the weights sum to 0: no rate can be combined');
  return roundDiv(weighted, weights);
}

/**
 * The regional estimate as an imputation (engine/method.ts InsuredImputation): each Kreis's
 * ratio is the national one scaled by its rate over the national rate, exact as a fraction:
 * numerator × rate(Kreis) / (denominator × rate(Germany)).
 */
export function regionalRatios(national: { numerator: number; denominator: number }, rates: ReadonlyMap<string, number>, nationalRateTenths: number):
  Map<string, { numerator: number; denominator: number }> {
  const ratios = new Map<string, { numerator: number; denominator: number }>();
  for (const [kreis, rateTenths] of rates) {
    ratios.set(kreis, { numerator: mulExact(national.numerator, rateTenths), denominator: mulExact(national.denominator, nationalRateTenths) });
  }
  return ratios;
}
