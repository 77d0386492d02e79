// Longer than ~300 lines on purpose: the input groups of a projection: files summed by key, the paper's and --eu2 totals, base rows per municipality, and growth series files.
import { BurdenError, EXIT, usageError } from '../errors.js';
import type { InsuredImputation, WarningCollector } from '../engine/method.js';
import { type ParameterSet, requireParameter } from '../engine/parameters.js';
import { type Group, DERIVED, ESTIMATED, OFFICIAL, type YearlySeries, combine } from '../engine/projection.js';
import { type Status, rankOf } from '../engine/status.js';
import { imputeInsured } from '../engine/method.js';
import { NestedKeys } from '../engine/nested-keys.js';
import { parseColumnOverrides } from '../io/columns.js';
import { type InputFileInfo, type InputFiles, type MissingInsured, combinedInput, openInputFiles } from '../io/inputs.js';
import { insuredUnknown, noInsuredColumn } from '../pipeline/user-error.js';
import { loadRegister } from '../io/shipped.js';
import type { Origin } from '../engine/types.js';
import { sourceFrom } from '../io/source.js';
import { type Note, note } from '../output/notes.js';

/**
 * What `burden extrapolate` starts from: the paper's national figures (no input), totals from
 * the command line, or a CSV aggregated by Land, Kreis or in total. Aggregation sums the
 * base-year counts first (with a projection, each municipality's own base row, all of one
 * year); the aggregate is then projected as one row (a series file must therefore give counts
 * per aggregate key).
 */
export type Aggregation = 'land' | 'kreis' | 'total' | 'none';

export type { Group } from '../engine/projection.js';

export interface PlannedGroups {
  groups: Group[];
  files: InputFileInfo[];
  /** Input paths, which -o must never overwrite. */
  paths: string[];
  /** Sentences for the metadata: where the counts came from. */
  notes: Note[];
  description: string;
  imputed: boolean;
  /** Where insured counts came from, when not from the input file. */
  insuredSource?: Note;
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
  const origin = (name: string, value: { year: number; source: string }): Note =>
    overridden.has(name) ? note('note.origin_overridden', { name, source: { source: value.source } })
      : note('note.origin_parameter', { name, date: `31.12.${value.year}`, source: { source: value.source } });
  // The insured count's origin is said once, as insuredSource (the reports print it as "Insured employees: …").
  const notes: Note[] = [note('note.paper_eu2', { date: overridden.has('eu2_residents_de') ? '' : `, 31.12.${eu2.year}`, origin: origin('eu2_residents_de', eu2) })];
  if (insured.year !== eu2.year) notes.push(note('note.counts_years_differ', { eu2_year: eu2.year, insured_year: insured.year }));
  // A parameter's status is a status of the one scale (a --set value is an assumption).
  const status = (s: string): number => rankOf(s as Status);
  return {
    groups: [{ key: '00', name: 'Deutschland', baseYear: eu2.year, eu2: eu2.value, insured: insured.value, eu2Status: status(eu2.status), insuredStatus: status(insured.status), members: 1, population: null }],
    files: [],
    paths: [],
    notes,
    description: overridden.has('eu2_residents_de') || overridden.has('insured_bg_ro_de')
      ? 'the nationwide counts as set for this run'
      : `the paper's nationwide figures (parameters eu2_residents_de and insured_bg_ro_de, 31.12.${eu2.year})`,
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
      insuredEstimated: !known,
      members: 1,
      population: null,
    }],
    files: [],
    paths: [],
    notes: [],
    description: 'totals given on the command line (--eu2, --insured)',
    imputed: !known,
    ...(known ? { insuredSource: note('note.given_with_insured') } : {}),
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

/** One input row as the aggregation sees it: its counts (insured imputed where unknown) and where it came from. */
export interface Member {
  ags: string;
  /** The aggregate key it is summed into (--by). */
  key: string;
  name: string;
  year: number | null;
  eu2: number;
  insured: number;
  /** The insured count was unknown and imputed from the national ratio. */
  imputed: boolean;
  population: number | null;
  origin: Origin;
}

const noYear = (): BurdenError => usageError('the counts have no year, so they cannot be projected', 'add a year column to the input, or give --base-year YYYY');

/**
 * A CSV (one row per municipality, or per municipality and year) summed into groups. Unknown
 * insured counts are imputed per input row (flagged estimated) before summing, so a group's
 * insured count is the sum of what each member would show in `burden calc`. With a projection
 * (`from`: its first year), each municipality first gets its base row (chooseBaseRows), and only
 * those are summed; without one, rows are summed per key and year.
 */
export async function fileGroups(
  files: InputFiles,
  options: {
    by: Aggregation; column: string[]; allowMissing: boolean; baseYear: number | undefined; missingInsured: MissingInsured; from: number | null;
    populationMatters: boolean;
    /** --land: only keys with this Land prefix (io/lands.ts). */
    land?: string | null;
  },
  imputation: InsuredImputation,
  warnings: WarningCollector,
): Promise<PlannedGroups> {
  // A projection prints no figure per inhabitant: an unknown population matters only when
  // programme rules look at it.
  // --land keeps a Land's rows as they are read (io/inputs.ts keep): no word about the others.
  const land = options.land ?? null;
  const { plan, paths, description } = await openInputFiles(files, {
    columns: parseColumnOverrides(options.column), allowMissing: options.allowMissing, warnings, populationMatters: options.populationMatters,
    ...(land === null ? {} : { keep: (ags: string) => ags.startsWith(land) }),
  });
  const refuse = options.missingInsured === 'refuse';
  if (refuse && !plan.hasInsuredColumn) throw noInsuredColumn(plan.files[0]?.file ?? 'input');
  const register = options.by === 'land' || options.by === 'kreis' ? await loadRegister(options.by) : null;
  const name = (key: string, first: Member): string => (options.by === 'none' ? first.name : options.by === 'total' ? 'Total' : register?.[key]?.[0] ?? '');
  const summer = new GroupSummer({ from: options.from, name, by: options.by });
  // Rows of several years, projected: each municipality's base row is chosen once all are read
  // (chooseBaseRows), so those rows are kept; any other row is summed as it comes.
  const pending: Member[] = [];
  let imputed = false;
  const keyLengths = new Set<number>();
  // Row by row (--by none), a Land sum beside its Kreise counts people twice, as in calc;
  // aggregates warn of mixed key lengths instead (below). The rows that are summed are
  // checked: projected, every municipality's base row reaches the same projected years,
  // whatever its own year, so those are compared across years.
  const nested = options.by === 'none' ? new NestedKeys() : null;
  const add = (member: Member): void => {
    summer.add(member);
    nested?.add(member.ags, options.from === null ? member.year : null);
    imputed ||= member.imputed;
  };
  for await (const batch of plan.batches()) {
    for (const row of batch) {
      // The year column says which year each count is for; --base-year may not say otherwise.
      if (row.year !== null && options.baseYear !== undefined) {
        throw usageError(`--base-year ${options.baseYear}: ${row.origin.file} has a year column, which gives each row its year`,
          'leave out --base-year, or drop the year column');
      }
      const year = row.year ?? options.baseYear ?? null;
      if (year === null && options.from !== null) throw noYear();
      keyLengths.add(row.ags.length);
      let insured = row.insured;
      if (insured === null && refuse) throw insuredUnknown(row);
      const wasImputed = insured === null;
      insured ??= imputeInsured(row.eu2, imputation, row.ags);
      const member: Member = { ags: row.ags, key: groupKey(row.ags, options.by, row.origin), name: row.name, year, eu2: row.eu2, insured, imputed: wasImputed,
        population: row.population, origin: row.origin };
      if (options.from !== null && row.year !== null) pending.push(member);
      else add(member);
    }
  }
  if (options.by !== 'none' && keyLengths.size > 1) {
    // Summing a Kreis and its own Gemeinden would count people twice; the tool cannot know.
    warnings.add('mixed-levels', 'keys of different lengths are summed together; check that no area is counted twice (e.g. a Kreis and its Gemeinden)',
      `key lengths ${[...keyLengths].sort((a, b) => a - b).join(' and ')} digits`);
  }
  // What reading a statistics export took (title and footer lines skipped, EU2 derived): said in every format.
  const notes: string[] = plan.files.flatMap((f) => (f.notes ?? []).map((note) => `${f.file}: ${note}.`));
  if (options.from !== null && pending.length > 0) {
    const base = chooseBaseRows(pending, options.from);
    for (const member of base.chosen) add(member);
    if (base.note) notes.push(base.note);
  }
  nested?.warn(warnings);
  const groups = summer.groups(warnings);
  const byText = { none: 'row by row', total: 'summed in total', land: 'summed by Land (first 2 digits of the key)', kreis: 'summed by Kreis (first 5 digits of the key)' }[options.by];
  return {
    groups,
    files: plan.files,
    paths,
    notes,
    description: `${description}, ${byText}`,
    imputed,
  };
}

const keyName = (key: string): string => (key === '' ? '(total)' : key);
const yearList = (years: readonly (number | null)[]): string => [...years].sort((a, b) => (a as number) - (b as number)).join(', ');

/**
 * A projection starts from one row per municipality (input key): its latest year not after the
 * first projected year. The choice is made per municipality, before any summing, so that an
 * aggregate never loses a member whose latest counts are older than another member's (it did
 * when whole aggregates were chosen per year). The other years are not used (said in the note);
 * a municipality whose every year lies after `from` cannot be projected (projections do not run
 * backwards) and is refused with exit 65, as the year comes from the data.
 */
export function chooseBaseRows<M extends { ags: string; year: number | null; origin: Origin }>(members: readonly M[], from: number): { chosen: M[]; note: string | null } {
  const byAgs = new Map<string, M[]>();
  for (const member of members) {
    const same = byAgs.get(member.ags);
    if (same) same.push(member);
    else byAgs.set(member.ags, [member]);
  }
  const late = [...byAgs].filter(([, rows]) => rows.every((m) => (m.year as number) > from));
  const [firstLate] = late;
  if (firstLate) {
    const [ags, rows] = firstLate;
    const earliest = Math.min(...rows.map((m) => m.year as number));
    const more = late.length > 1 ? ` (and ${late.length - 1} more key${late.length === 2 ? '' : 's'})` : '';
    throw new BurdenError(EXIT.dataError, `key ${keyName(ags)} has counts for ${yearList(rows.map((m) => m.year))} only, none in or before the first projected year ${from}${more}`,
      { file: rows[0]?.origin.file ?? 'input', line: rows[0]?.origin.line },
      `start the projection in ${earliest} or later (projections do not run backwards), or add counts for ${from} or earlier`);
  }
  // Municipalities keep the order of their first appearance in the input.
  const chosen = [...byAgs.values()].map((rows) => rows.filter((m) => (m.year as number) <= from).reduce((a, b) => ((b.year as number) > (a.year as number) ? b : a)));
  const several = [...byAgs].filter(([, rows]) => rows.length > 1);
  const [example] = several;
  if (!example) return { chosen, note: null };
  const used = chosen.find((m) => m.ags === example[0])?.year;
  return {
    chosen,
    note: `The input has counts for several years of ${several.length} key${several.length === 1 ? '' : 's'}: each key is projected from its ` +
      `latest year not after ${from}, the first projected year (e.g. ${keyName(example[0])}: counts for ${yearList(example[1].map((m) => m.year))}, projected from ${used}); ` +
      'its other years\' counts are not used (to follow yearly counts, give them with --growth series:FILE).',
  };
}

/**
 * Sums members into one group per aggregate key and year as they come, so an input of millions
 * of rows is never held whole; `groups()` gives keys in the order of their first appearance and
 * the years of a key in ascending order.
 *
 * With a projection (`from`, its first year), every member of an aggregate must have the same base
 * year: summing Dortmund's 2023 count with Düsseldorf's 2024 count and projecting the sum from
 * one year would say something about neither year, so that is refused (exit 65) rather than
 * mixed silently. Summing first and clamping after also lets a member with more insured than
 * EU2 residents offset the others' net persons, unlike calc or --by none; a warning names such rows.
 */
export class GroupSummer {
  private readonly sums = new Map<string, Group>();
  private readonly firstOfKey = new Map<string, Member>();
  private readonly offsets = new Map<string, Member[]>();

  constructor(private readonly options: { from: number | null; by: Aggregation; name: (key: string, first: Member) => string }) {}

  add(m: Member): void {
    const { options } = this;
    const first = this.firstOfKey.get(m.key);
    if (!first) this.firstOfKey.set(m.key, m);
    else if (options.from !== null && first.year !== m.year) {
      const at = (x: Member): string => `${x.ags} for ${x.year} (line ${x.origin.line})`;
      const name = options.by === 'total' ? '' : options.name(m.key, first);
      throw new BurdenError(EXIT.dataError,
        `--by ${options.by}: ${keyName(m.key)}${name ? ` (${name})` : ''} would sum counts of different years: ${at(first)} and ${at(m)}, ` +
          `each its latest year not after the first projected year ${options.from}`,
        { file: m.origin.file, line: m.origin.line, value: m.ags },
        `give counts for one common year for every member of ${keyName(m.key)}, or project each municipality with --by none`);
    }
    const id = m.year === null ? m.key : `${m.key}@${m.year}`;
    const insuredStatus = m.imputed ? ESTIMATED : OFFICIAL;
    if (m.insured > m.eu2) {
      const list = this.offsets.get(id);
      if (list) list.push(m);
      else this.offsets.set(id, [m]);
    }
    const group = this.sums.get(id);
    if (!group) {
      this.sums.set(id, { key: m.key, name: options.name(m.key, m), baseYear: m.year, eu2: m.eu2, insured: m.insured, eu2Status: OFFICIAL, insuredStatus,
        insuredEstimated: m.imputed, members: 1, population: m.population });
    } else {
      group.members += 1;
      group.eu2 += m.eu2;
      group.insured = (group.insured as number) + m.insured;
      group.population = group.population === null || m.population === null ? null : group.population + m.population;
      // A sum of several rows is computed by the tool: at least derived.
      group.eu2Status = combine(group.eu2Status, DERIVED);
      group.insuredStatus = combine(group.insuredStatus, insuredStatus);
      group.insuredEstimated = group.insuredEstimated === true || m.imputed;
    }
  }

  groups(warnings: WarningCollector): Group[] {
    for (const [id, rows] of this.offsets) {
      // A group of one row is clamped on its own, and warned about as 'net-clamped' when projected.
      if ((this.sums.get(id)?.members ?? 0) < 2) continue;
      for (const m of rows) {
        warnings.add('net-offset', 'a row summed into an aggregate has more insured employees than EU2 residents; its surplus offsets the other rows\' net persons in the aggregate',
          `${m.ags} in ${keyName(m.key)} ${m.origin.file}:${m.origin.line} (eu2 ${m.eu2}, insured ${m.insured})`);
      }
    }
    const keyOrder = new Map([...this.firstOfKey.keys()].map((key, i) => [key, i]));
    const result = [...this.sums.values()];
    // Without a projection a key may have several years: they follow each other, oldest first.
    result.sort((a, b) => (keyOrder.get(a.key) as number) - (keyOrder.get(b.key) as number) || (a.baseYear ?? 0) - (b.baseYear ?? 0));
    if (this.options.by === 'total') for (const g of result) g.name = `Total (${g.members} row${g.members === 1 ? '' : 's'})`;
    return result;
  }
}

/** Counts per key and year from a `series:FILE` (columns ags, year, eu2 and optionally insured). */
export async function readSeriesFile(file: string, column: 'eu2' | 'insured', warnings: WarningCollector): Promise<{ series: YearlySeries; info: InputFileInfo }> {
  // A series never uses population (its keys are often aggregates such as 00 or 05): a key
  // the register lacks is no finding about the run.
  const plan = await combinedInput(sourceFrom(file), { columns: new Map(), allowMissing: false, warnings, populationMatters: false });
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
 * A growth series that also gives the base year, with another count than the input: the
 * input's count starts the projection and the series' base-year count is not used, which
 * the user should know (one of them is probably a different definition or date).
 */
export function warnOfSeriesBase(series: YearlySeries, groups: readonly Group[], column: 'eu2' | 'insured', file: string, warnings: WarningCollector): void {
  for (const group of groups) {
    const base = group[column];
    const given = group.baseYear === null ? undefined : series.get(group.key)?.get(group.baseYear);
    if (given === undefined || base === null || given === base) continue;
    warnings.add(`series-base-${column}`, `the growth series ${file} gives another ${column} count for the base year than the input; the input's count starts the projection`,
      `${group.key === '' ? 'total' : group.key} ${group.baseYear}: series ${given}, input ${base}`);
  }
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
  if (years && groups.some((g) => g.baseYear === null)) throw noYear();
}

