import { DomainError } from './errors.js';
import type { ParameterValue } from '../schema/parameter.js';
import type { InsuredImputation } from './method.js';
import { type ParameterSet, requireParameter } from './parameters.js';

/**
 * The national ratio that estimates unknown insured counts: insured BG/RO employees over
 * EU2 residents in Germany, both on 31.12.2019 (572,574 / 1,108,393; Arbeitspapier S. 10),
 * from the latest values of the parameters insured_bg_ro_de and eu2_residents_de.
 */
export interface NationalImputation extends InsuredImputation {
  insured: ParameterValue;
  eu2: ParameterValue;
  /**
   * Scaled per Kreis (the regional estimate): the national employment rate of foreign
   * nationals (tenths of a percent) the Kreis rates are set against, and its dataset's source
   * and date. output/notes.ts imputationNote says it all in words.
   */
  regional?: { rateTenths: number; source: string; date: string };
}

function latest(parameters: ParameterSet, name: string): ParameterValue {
  const parameter = requireParameter(parameters, name);
  const entry = parameter.values[parameter.values.length - 1];
  if (!entry) throw new Error(`parameter "${name}" has no values`);
  return entry;
}

export function nationalImputation(parameters: ParameterSet): NationalImputation {
  const insured = latest(parameters, 'insured_bg_ro_de');
  const eu2 = latest(parameters, 'eu2_residents_de');
  if (eu2.value <= 0) {
    throw new DomainError('choice', `parameter eu2_residents_de is ${eu2.value}: the national ratio needs EU2 residents above 0`,
      'set it to a positive count, or give the insured counts in the input');
  }
  return { insured, eu2, numerator: insured.value, denominator: eu2.value };
}
