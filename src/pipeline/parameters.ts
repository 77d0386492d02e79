import { BurdenError, EXIT, usageError } from '../errors.js';
import { euroProblem, parseEuroToCents } from '../engine/money.js';
import { type ParameterSet, overrideProblem, withOverride } from '../engine/parameters.js';
import type { Parameter } from '../schema/parameter.js';

/**
 * The parameters of one run: the shipped ones with the command line's overrides applied, each
 * listed for the output's metadata. One function for calc, calc --years and extrapolate, so
 * `--set` is checked the same way wherever it is given (no negative amounts, cents at most,
 * percentages up to 100, no dated series: engine/parameters.ts overrideProblem).
 */
export interface ParameterOptions {
  /** --rate-file FILE: a whole rate parameter. */
  rateFile?: string | undefined;
  /** --rate, in cents (already checked by the option schema). */
  rate?: number | undefined;
  /**
   * --inflation, in tenths of a percent (projections only). Its own flag may go below 0 (a
   * deflation scenario), which --set inflation_assumed, held to the parameter's bounds, may not.
   */
  inflation?: number | undefined;
  /** --set name=value, as given. */
  set: readonly string[];
}

/** Flags that set one parameter each, and may not be combined with --set of the same parameter. */
const DEDICATED = [
  { option: 'rate', parameter: 'rate', flag: '--rate', what: 'the rate', scale: 100 },
  { option: 'inflation', parameter: 'inflation_assumed', flag: '--inflation', what: 'the assumed inflation', scale: 10 },
] as const;

/**
 * The number a --set value stands for, or why there is none. Amounts in euros are read as
 * --rate reads them (engine/money.ts parseEuroToCents: `2500.50`, `2.500,50`, `1.234.567`), so
 * `--set rate=…` and `--rate …` agree; other units take a plain decimal number (`2.5`).
 */
function overrideValue(parameter: Parameter, text: string): { value: number } | { problem: string } {
  if (!parameter.unit.startsWith('EUR')) {
    return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { problem: `is not a number in ${parameter.unit} (e.g. 2.5, with "." as the decimal mark)` };
  }
  const cents = parseEuroToCents(text);
  return cents === null ? { problem: euroProblem(text) } : { value: cents / 100 };
}

export async function runParameters(shippedParameters: readonly Parameter[], options: ParameterOptions): Promise<{ parameters: ParameterSet; overrides: string[] }> {
  let parameters: ParameterSet = new Map(shippedParameters.map((p) => [p.name, p]));
  const overrides: string[] = [];
  if (options.rateFile !== undefined) {
    if (options.rate !== undefined || options.set.some((a) => a.startsWith('rate='))) {
      throw usageError(`--rate-file and ${options.rate !== undefined ? '--rate' : '--set rate=…'} both set the rate`, 'give one of them');
    }
    // The reader of parameter files, with its schema, is loaded only for a rate file.
    const { parseParameterFile } = await import('../io/compile-data.js');
    const rateFile = parseParameterFile(options.rateFile);
    // Any other parameter in EUR/person/year (bund_pauschale, shipped as 0) would pass the unit
    // check and silently stand in for the rate; burden calibrate --write-parameter names it rate.
    if (rateFile.name !== 'rate') {
      throw new BurdenError(EXIT.dataError, `key "name": a rate file holds the parameter "rate", this one holds "${rateFile.name}"`, { file: options.rateFile },
        'write it with burden calibrate --write-parameter, or set "name" to "rate" if the file holds a rate');
    }
    if (rateFile.unit !== 'EUR/person/year') {
      throw new BurdenError(EXIT.dataError, `key "unit": a rate file must be in EUR/person/year, not ${rateFile.unit}`, { file: options.rateFile });
    }
    for (const entry of rateFile.values) {
      const problem = overrideProblem({ ...rateFile, values: [entry] }, entry.value);
      if (problem) throw new BurdenError(EXIT.dataError, `key "values": ${entry.value}: ${problem}`, { file: options.rateFile });
    }
    const next = new Map(parameters);
    next.set('rate', rateFile);
    parameters = next;
    overrides.push(`rate from ${options.rateFile} (--rate-file)`);
  }
  for (const dedicated of DEDICATED) {
    const scaled = options[dedicated.option];
    if (scaled === undefined) continue;
    const value = scaled / dedicated.scale;
    parameters = withOverride(parameters, dedicated.parameter, value, `${dedicated.flag} on the command line`);
    overrides.push(`${dedicated.parameter}=${value} (${dedicated.flag})`);
  }
  const seen = new Set<string>();
  for (const assignment of options.set) {
    const [name = '', value = ''] = assignment.split('=');
    if (seen.has(name)) throw usageError(`--set ${name}=… is given twice`, 'give each parameter once');
    seen.add(name);
    const parameter = parameters.get(name);
    if (!parameter) {
      throw usageError(`--set ${assignment}: no parameter "${name}"`, `parameters: ${[...parameters.keys()].join(', ')}`);
    }
    const dedicated = DEDICATED.find((d) => d.parameter === name && options[d.option] !== undefined);
    if (dedicated) throw usageError(`${dedicated.flag} and --set ${name}=… both set ${dedicated.what}`, 'give one of them');
    const read = overrideValue(parameter, value);
    const problem = 'problem' in read ? read.problem : overrideProblem(parameter, read.value);
    if (problem || 'problem' in read) throw usageError(`--set ${assignment}: ${problem}`, `see burden params ${name}`);
    parameters = withOverride(parameters, name, read.value, `--set ${assignment} on the command line`);
    overrides.push(`${name}=${value} (--set)`);
  }
  return { parameters, overrides };
}
