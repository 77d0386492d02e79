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
  /** One sentence for output metadata: the formula and both sources. */
  description: string;
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
  const date = eu2.from.split('-').reverse().join('.');
  return {
    insured,
    eu2,
    numerator: insured.value,
    denominator: eu2.value,
    description: `insured = round(eu2 × ${insured.value} / ${eu2.value}), the national ratio of ${date} ` +
      `(insured BG/RO employees: parameter insured_bg_ro_de, ${insured.source}; EU2 residents: parameter eu2_residents_de, ${eu2.source})`,
  };
}
