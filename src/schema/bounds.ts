import type { Programme } from './rules.js';

/**
 * The bounds numbers obey: the units a parameter may have, the range of each unit and of each
 * field of a programme. The file schemas check them (schema/parameter.ts, schema/rules.ts)
 * and so does the engine for what it resolves (engine/parameters.ts, engine/programmes.ts).
 * Kept apart from the schemas, without zod, so that a run that reads no parameter or rule
 * file builds no schema: measured, the two schemas cost 6–9 ms of `burden calc`'s start-up.
 */
export const PARAMETER_UNITS = ['EUR/person/year', 'EUR', 'EUR/year', 'persons', 'index', 'percent', 'ratio'] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];

/** How many decimals a number is written with (as JSON or the command line gives it). */
export const decimalsOf = (value: number): number => {
  const [mantissa = '', exponent] = String(value).toLowerCase().split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return Math.max(decimals, 0);
};

/** Amounts above this are no municipal budget (and products with counts stay below 2^53 cents). */
export const MAX_AMOUNT_EUR = 1e12;

/** The widest range of the money, percentage and ratio units, before a parameter narrows it. */
export const UNIT_RANGE = {
  amount: { minimum: 0, maximum: MAX_AMOUNT_EUR },
  percent: { minimum: -100, maximum: 100 },
  ratio: { minimum: 0, maximum: 1 },
} as const;

/**
 * Why a value cannot stand for a parameter of this unit, or null: the bounds the engine relies
 * on (money in cents, percentages to a tenth, ratios to a millionth, the VPI to a thousandth).
 * Checked for parameter files and for --set alike.
 */
export function valueProblem(unit: ParameterUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const decimals = decimalsOf(value);
  switch (unit) {
    case 'EUR':
    case 'EUR/year':
    case 'EUR/person/year':
      if (value < UNIT_RANGE.amount.minimum) return 'an amount in euros cannot be below 0';
      if (value > UNIT_RANGE.amount.maximum) return `an amount above ${MAX_AMOUNT_EUR} EUR is not plausible`;
      return decimals > 2 ? 'an amount in euros has at most two decimals (cents)' : null;
    case 'percent':
      if (value < UNIT_RANGE.percent.minimum || value > UNIT_RANGE.percent.maximum) return 'a percentage lies between -100 and 100';
      return decimals > 1 ? 'a percentage here has at most one decimal' : null;
    case 'ratio':
      if (value < UNIT_RANGE.ratio.minimum || value > UNIT_RANGE.ratio.maximum) return 'a ratio lies between 0 and 1';
      return decimals > 6 ? 'a ratio has at most six decimals' : null;
    case 'persons':
      return Number.isInteger(value) && value >= 0 ? null : 'a count of persons is a whole number of at least 0';
    case 'index':
      if (value <= 0) return 'a price index is above 0';
      return decimals > 3 ? 'a price index has at most three decimals' : null;
  }
}

/** The bounds a parameter may declare for itself, narrower than its unit's. */
export interface DeclaredBounds {
  unit: ParameterUnit;
  minimum?: number | undefined;
  maximum?: number | undefined;
}

/** A range in words: "between 0 and 100 percent", "at least 0 EUR/year". */
export function rangeText(minimum: number | undefined, maximum: number | undefined, unit: string): string {
  if (minimum !== undefined && maximum !== undefined) return `between ${minimum} and ${maximum} ${unit}`;
  if (minimum !== undefined) return `at least ${minimum} ${unit}`;
  return `at most ${maximum} ${unit}`;
}

/**
 * Why a value cannot stand for this parameter, or null: outside the range the parameter file
 * declares ("minimum", "maximum": a share of cost is 0–100 %), or outside its unit's bounds.
 * The declared range is checked first, as it is the narrower and the one that explains itself.
 * One check for parameter files, --set and --rate-file.
 */
export function parameterValueProblem(parameter: DeclaredBounds & { name: string }, value: number): string | null {
  const { minimum, maximum } = parameter;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    const declared = [minimum !== undefined ? '"minimum"' : null, maximum !== undefined ? '"maximum"' : null].filter(Boolean).join(' and ');
    return `${parameter.name} lies ${rangeText(minimum, maximum, parameter.unit)} (the ${declared} of its file)`;
  }
  return valueProblem(parameter.unit, value);
}

/**
 * The range a parameter's values can take: its unit's, narrowed by what its file declares.
 * A rule checks it against what its field needs (schema/rules.ts checkParameterRanges), so no
 * value that passes parameterValueProblem, e.g. a --set, can make a share negative.
 */
export function parameterRange(parameter: DeclaredBounds): { minimum: number; maximum: number } {
  // Counts and the index are never a programme's amount; their range is left open here.
  const unitRange = parameter.unit === 'percent' || parameter.unit === 'ratio' ? UNIT_RANGE[parameter.unit]
    : parameter.unit.startsWith('EUR') ? UNIT_RANGE.amount : { minimum: -Infinity, maximum: Infinity };
  return {
    minimum: Math.max(unitRange.minimum, parameter.minimum ?? -Infinity),
    maximum: Math.min(unitRange.maximum, parameter.maximum ?? Infinity),
  };
}

/** A field of a programme that holds a number or points at a parameter. */
export type AmountField = 'share' | 'cap_share' | 'pot_eur' | 'amount_eur';

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

/**
 * The range a number must lie in to stand in a field, for each unit the field takes: a share
 * or cap of the cost lies in 0–100 %, so no claim is below 0 and no share above the cost; an
 * amount per person or a pot is at least 0. A parameter a rule points at must not be able to
 * leave it (checkParameterRanges, by the parameter's declared range), and the engine checks
 * the value it resolves (engine/programmes.ts), for rule sets built in code.
 */
const SHARE_RANGE = { ratio: UNIT_RANGE.ratio, percent: { minimum: 0, maximum: 100 } };
const FIELD_RANGE: Readonly<Record<AmountField, Partial<Record<string, { minimum: number; maximum: number }>>>> = {
  share: SHARE_RANGE,
  cap_share: SHARE_RANGE,
  pot_eur: { 'EUR/year': UNIT_RANGE.amount },
  amount_eur: { 'EUR/person/year': UNIT_RANGE.amount },
};

/** The range of a field in a unit, or undefined when the field does not take the unit (AMOUNT_UNITS). */
export const fieldRange = (field: AmountField, unit: string): { minimum: number; maximum: number } | undefined => FIELD_RANGE[field][unit];

/** The field that holds each kind's amount (a cap_share may come on top of any). */
export const AMOUNT_FIELD: Readonly<Record<Programme['kind'], AmountField>> = { fixed_pot: 'pot_eur', share_of_cost: 'share', per_person: 'amount_eur' };
