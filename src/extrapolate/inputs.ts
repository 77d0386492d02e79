import { BurdenError, EXIT, usageError } from '../errors.js';
import type { InsuredImputation, WarningCollector } from '../engine/method.js';
import { type ParameterSet, requireParameter } from '../engine/parameters.js';
import { type BaseRow, DERIVED, ESTIMATED, OFFICIAL, type YearlySeries, combine } from '../engine/projection.js';
import { imputeInsured } from '../engine/method.js';
import { parseColumnOverrides } from '../io/columns.js';
import { type InputFileInfo, type InputFiles, type MissingInsured, combinedInput, openInputFiles } from '../io/inputs.js';
import { insuredUnknown, noInsuredColumn } from '../calc/user-error.js';
import { loadRegister } from '../io/shipped.js';
import { sourceFrom } from '../io/source.js';

/**
 * What `burden extrapolate` starts from: the paper's national figures (no input), totals from
 * the command line, or a CSV aggregated by Land, Kreis or in total. Aggregation sums the
 * base-year counts first; the aggregate is then projected as one row (a series file must
 * therefore give counts per aggregate key).
 */
export type Aggregation = 'land' | 'kreis' | 'total' | 'none';

export interface Group extends BaseRow {
  name: string;
  /** How many input rows were summed into it. */
  members: number;
  /**
   * Inhabitants in the base year (input or register; summed over the members), null when any
   * member's is unknown. Programme rules look at it (EU2 share, population key); the projection does not.
   */
  population: number | null;
}

export interface PlannedGroups {
  groups: Group[];
  files: InputFileInfo[];
  /** Input paths, which -o must never overwrite. */
  paths: string[];
  /** Sentences for the metadata: where the counts came from. */
  notes: string[];
  description: string;
  imputed: boolean;
  /** Where insured counts came from, when not from the input file. */
  insuredSource?: string;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The latest value of a count parameter, with its year and source. */
export function latestValue(parameters: ParameterSet, name: string): { value: number; year: number; source: string; status: string } {
  const parameter = requireParameter(parameters, name);
  const entry = parameter.values[parameter.values.length - 1];
  if (!entry) throw new Error(`parameter "${name}" has no values`);
  return { value: entry.value, year: yearOf(entry.from), source: entry.source, status: entry.status };
}

/**
 * The paper's nationwide extrapolation (Arbeitspapier S. 10): EU2 residents and insured
 * BG/RO employees in Germany, both from the parameters eu2_residents_de and insured_bg_ro_de.
 * Every word about where a count comes from is the parameter's own (its date and source), so
 * `--set insured_bg_ro_de=…` is named as what it is, not as the paper's figure.
 */
export function paperGroups(parameters: ParameterSet, overridden: ReadonlySet<string> = new Set()): PlannedGroups {
  const eu2 = latestValue(parameters, 'eu2_residents_de');
  const insured = latestValue(parameters, 'insured_bg_ro_de');
  const origin = (name: string, value: { year: number; source: string }): string =>
    overridden.has(name) ? `parameter ${name}, overridden (${value.source})` : `parameter ${name}, 31.12.${value.year} (${value.source})`;
  const notes = [
    `EU2 residents in Germany${overridden.has('eu2_residents_de') ? '' : `, 31.12.${eu2.year}`}: ${origin('eu2_residents_de', eu2)}.`,
    `Insured BG/RO employees in Germany${overridden.has('insured_bg_ro_de') ? '' : `, 31.12.${insured.year}`}: ${origin('insured_bg_ro_de', insured)}.`,
  ];
  if (insured.year !== eu2.year) notes.push(`The two counts are for different years (${eu2.year}, ${insured.year}).`);
  const status = (s: string): number => (s === 'official' ? OFFICIAL : ESTIMATED);
  return {
    groups: [{ key: '00', name: 'Deutschland', baseYear: eu2.year, eu2: eu2.value, insured: insured.value, eu2Status: status(eu2.status), insuredStatus: status(insured.status), members: 1, population: null }],
    files: [],
    paths: [],
    notes,
    description: `the paper's nationwide figures (parameters eu2_residents_de and insured_bg_ro_de, 31.12.${eu2.year})`,
    imputed: false,
    insuredSource: origin('insured_bg_ro_de', insured),
  };
}

export function totalsGroups(eu2: number, insured: number | undefined, baseYear: number | undefined, imputation: InsuredImputation): PlannedGroups {
  const known = insured !== undefined;
  return {
    groups: [{
      key: '',
      name: 'Total',
      baseYear: baseYear ?? null,
      eu2,
      insured: known ? insured : imputeInsured(eu2, imputation),
      eu2Status: OFFICIAL,
      insuredStatus: known ? OFFICIAL : ESTIMATED,
      members: 1,
      population: null,
    }],
    files: [],
    paths: [],
    notes: [],
    description: 'totals given on the command line (--eu2, --insured)',
    imputed: !known,
    ...(known ? { insuredSource: 'given with --insured' } : {}),
  };
}

function groupKey(ags: string, by: Aggregation, at: { file: string; line: number }): string {
  switch (by) {
    case 'none':
      return ags;
    case 'total':
      return '';
    case 'land':
      return ags.slice(0, 2);
    case 'kreis':
      if (ags.length < 5) {
        throw new BurdenError(EXIT.dataError, `key ${ags} has ${ags.length} digits: it names no Kreis`, { ...at, column: 'ags', value: ags },
          'aggregate by land or total, or give keys of at least 5 digits');
      }
      return ags.slice(0, 5);
  }
}

/**
 * A CSV (one row per municipality, or per municipality and year) summed into groups. Unknown
 * insured counts are imputed per input row (flagged estimated) before summing, so a group's
 * insured count is the sum of what each member would show in `burden calc`.
 */
export async function fileGroups(
  files: InputFiles,
  options: { by: Aggregation; column: string[]; allowMissing: boolean; baseYear: number | undefined; missingInsured: MissingInsured },
  imputation: InsuredImputation,
  warnings: WarningCollector,
): Promise<PlannedGroups> {
  const { plan, paths, description } = await openInputFiles(files, { columns: parseColumnOverrides(options.column), allowMissing: options.allowMissing, warnings });
  const refuse = options.missingInsured === 'refuse';
  if (refuse && !plan.hasInsuredColumn) throw noInsuredColumn(plan.files[0]?.file ?? 'input');
  const register = options.by === 'land' || options.by === 'kreis' ? await loadRegister(options.by) : null;
  const groups = new Map<string, Group>();
  const keyLengths = new Set<number>();
  let imputed = false;
  for await (const batch of plan.batches()) {
    for (const row of batch) {
      // The year column says which year each count is for; --base-year may not say otherwise.
      if (row.year !== null && options.baseYear !== undefined) {
        throw usageError(`--base-year ${options.baseYear}: ${row.origin.file} has a year column, which gives each row its year`,
          'leave out --base-year, or drop the year column');
      }
      keyLengths.add(row.ags.length);
      const key = groupKey(row.ags, options.by, row.origin);
      const baseYear = row.year ?? options.baseYear ?? null;
      const id = baseYear === null ? key : `${key}@${baseYear}`;
      let insured = row.insured;
      let insuredStatus = OFFICIAL;
      if (insured === null) {
        if (refuse) throw insuredUnknown(row);
        insured = imputeInsured(row.eu2, imputation);
        insuredStatus = ESTIMATED;
        imputed = true;
      }
      const group = groups.get(id);
      if (!group) {
        const name = options.by === 'none' ? row.name : options.by === 'total' ? 'Total' : register?.[key]?.[0] ?? '';
        groups.set(id, { key, name, baseYear, eu2: row.eu2, insured, eu2Status: OFFICIAL, insuredStatus, members: 1, population: row.population });
      } else {
        group.members += 1;
        group.eu2 += row.eu2;
        group.insured = (group.insured as number) + insured;
        group.population = group.population === null || row.population === null ? null : group.population + row.population;
        // A sum of several rows is computed by the tool: at least derived.
        group.eu2Status = combine(group.eu2Status, DERIVED);
        group.insuredStatus = combine(group.insuredStatus, insuredStatus);
      }
    }
  }
  if (options.by !== 'none' && keyLengths.size > 1) {
    // Summing a Kreis and its own Gemeinden would count people twice; the tool cannot know.
    warnings.add('mixed-levels', 'keys of different lengths are summed together; check that no area is counted twice (e.g. a Kreis and its Gemeinden)',
      `key lengths ${[...keyLengths].sort((a, b) => a - b).join(' and ')} digits`);
  }
  for (const group of groups.values()) {
    if (options.by === 'total') group.name = `Total (${group.members} row${group.members === 1 ? '' : 's'})`;
  }
  const byText = { none: 'row by row', total: 'summed in total', land: 'summed by Land (first 2 digits of the key)', kreis: 'summed by Kreis (first 5 digits of the key)' }[options.by];
  return {
    groups: [...groups.values()],
    files: plan.files,
    paths,
    notes: [],
    description: `${description}, ${byText}`,
    imputed,
  };
}

/** Counts per key and year from a `series:FILE` (columns ags, year, eu2 and optionally insured). */
export async function readSeriesFile(file: string, column: 'eu2' | 'insured', warnings: WarningCollector): Promise<{ series: YearlySeries; info: InputFileInfo }> {
  const plan = await combinedInput(sourceFrom(file), { columns: new Map(), allowMissing: false, warnings });
  const series = new Map<string, Map<number, number>>();
  for await (const batch of plan.batches()) {
    for (const row of batch) {
      if (row.year === null) {
        throw new BurdenError(EXIT.dataError, 'a growth series needs a year column', { ...row.origin, column: 'year' },
          'give one row per key and year: ags,year,eu2 (and insured for --insured-growth)');
      }
      const value = column === 'eu2' ? row.eu2 : row.insured;
      if (value === null) {
        throw new BurdenError(EXIT.dataError, `the ${column} count is missing or unknown`, { ...row.origin, column },
          column === 'insured' ? '--insured-growth series:FILE reads the insured column; give it in every row' : 'give a count in every row');
      }
      let byYear = series.get(row.ags);
      if (!byYear) series.set(row.ags, (byYear = new Map()));
      byYear.set(row.year, value);
    }
  }
  const info = plan.files[0];
  if (!info) throw new Error('a series file without file info');
  return { series, info };
}

/**
 * Series keys must name the output rows. One aggregate (the paper, totals, --by total) may
 * take a series with a single key whatever it is; otherwise every output key must be there.
 */
export function alignSeries(series: YearlySeries, groups: readonly Group[], file: string): YearlySeries {
  const keys = new Set(groups.map((g) => g.key));
  if (keys.size === 1 && series.size === 1) {
    const only = [...series.values()][0];
    const key = [...keys][0] as string;
    if (only && !series.has(key)) return new Map([[key, only]]);
    return series;
  }
  const missing = [...keys].filter((k) => !series.has(k));
  if (missing.length) {
    const list = missing.slice(0, 10).map((k) => (k === '' ? '(total)' : k)).join(', ') + (missing.length > 10 ? `, and ${missing.length - 10} more` : '');
    throw new BurdenError(EXIT.dataError, `the growth series has no counts for ${missing.length} key${missing.length === 1 ? '' : 's'}: ${list}`, { file },
      'give counts for every output key (after --by aggregation)');
  }
  return series;
}

export function checkBaseYears(groups: readonly Group[], years: { from: number } | null): void {
  if (!years) return;
  if (groups.some((g) => g.baseYear === null)) {
    throw usageError('the counts have no year, so they cannot be projected', 'add a year column to the input, or give --base-year YYYY');
  }
}

const keyName = (key: string): string => (key === '' ? '(total)' : key);

/**
 * A projection of an input file starts from one row per key (else a key would be printed, and
 * paid a pot, once per input year). When the input has counts for several years of a key, the
 * latest year not after the first projected year is its base year, and the other years are not
 * used (said in the notes); a key whose every year lies after it cannot be projected, since
 * projections do not run backwards. Without a projection every (key, year) row stays as it is.
 */
export function chooseBaseRows(planned: PlannedGroups, from: number): void {
  const byKey = new Map<string, Group[]>();
  for (const group of planned.groups) {
    const same = byKey.get(group.key);
    if (same) same.push(group);
    else byKey.set(group.key, [group]);
  }
  const years = (groups: readonly Group[]): string => groups.map((g) => g.baseYear).sort((a, b) => (a as number) - (b as number)).join(', ');
  const late = [...byKey].filter(([, groups]) => groups.every((g) => (g.baseYear as number) > from));
  const [firstLate] = late;
  if (firstLate) {
    const [key, groups] = firstLate;
    const earliest = Math.min(...groups.map((g) => g.baseYear as number));
    const more = late.length > 1 ? ` (and ${late.length - 1} more key${late.length === 2 ? '' : 's'})` : '';
    const what = `key ${keyName(key)} has counts for ${years(groups)} only, none in or before the first projected year ${from}${more}`;
    const suggestion = `start the projection in ${earliest} or later (projections do not run backwards), or add counts for ${from} or earlier`;
    throw new BurdenError(EXIT.dataError, what, { file: planned.files[0]?.file ?? 'input' }, suggestion);
  }
  const several = [...byKey].filter(([, groups]) => groups.length > 1);
  if (several.length === 0) return;
  const chosen = new Map<string, Group>();
  for (const [key, groups] of byKey) {
    const base = groups.filter((g) => (g.baseYear as number) <= from).reduce((a, b) => ((b.baseYear as number) > (a.baseYear as number) ? b : a));
    chosen.set(key, base);
  }
  // Keys keep the order of their first appearance in the input.
  planned.groups = [...byKey.keys()].map((key) => chosen.get(key) as Group);
  const [example] = several;
  const shown = example ? ` (e.g. ${keyName(example[0])}: counts for ${years(example[1])}, projected from ${chosen.get(example[0])?.baseYear})` : '';
  planned.notes.push(`The input has counts for several years of ${several.length} key${several.length === 1 ? '' : 's'}: each key is projected from its ` +
    `latest year not after ${from}, the first projected year${shown}; its other years' counts are not used ` +
    '(to follow yearly counts, give them with --growth series:FILE).');
}
