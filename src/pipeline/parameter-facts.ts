import { type ParameterSet, valueAt } from '../engine/parameters.js';
import type { ResolvedRate } from '../engine/rate.js';
import type { ParameterFact } from '../output/report.js';

/**
 * The parameters in force in `year` (on 31 December, as `burden params` shows a value from its
 * date on), for the reports that list them. The price index is a series: of it, the two years the
 * rate was uprated between, as the rate used them (a year past the last index is carried forward).
 */
export function parameterFacts(parameters: ParameterSet, year: number, rate: ResolvedRate): ParameterFact[] {
  const facts: ParameterFact[] = [];
  for (const parameter of [...parameters.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const head = { name: parameter.name, ...(parameter.label ? { label: parameter.label } : {}), description: parameter.description, unit: parameter.unit };
    if (parameter.unit === 'index') {
      for (const index of rate.uprating ? [rate.uprating.from, rate.uprating.to] : []) {
        facts.push({ ...head, value: index.thousandths / 1000, from: `${index.year}-01-01`, status: index.projected ? 'projected' : index.status, source: index.source });
      }
      continue;
    }
    const value = valueAt(parameter, `${year}-12-31`);
    if (value) facts.push({ ...head, value: value.value, from: value.from, status: value.status, source: value.source });
  }
  return facts;
}
