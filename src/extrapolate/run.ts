// Longer than ~300 lines on purpose: the preparation of a projection (inputs, plan, metadata) and its emission into the one report; the metadata words (prices, inflation, growth, range) are long.
import { statusMeanings } from '../output/status-marks.js';
import { usageError } from '../errors.js';
import { METHOD, TotalsAccumulator, WarningCollector, acrossYears } from '../engine/method.js';
import { strictFailure, userError } from '../pipeline/user-error.js';
import { priceLevelNote, warnOfScenarios } from '../pipeline/report-checks.js';
import { type NationalImputation, nationalImputation } from '../engine/imputation.js';
import { regionalImputation } from '../pipeline/regional-imputation.js';
import { resolveLand } from '../io/lands.js';
import { defaultDataset } from '../pipeline/default-data.js';
import { parameterFacts } from '../pipeline/parameter-facts.js';
import { type ParameterSet, requireParameter } from '../engine/parameters.js';
import { inflationInForce } from '../engine/rate.js';
import {
  type Growth, type GrowthSpec, type ProjectionPlan, ProjectionBuffer, ProjectionTotals,
  type YearlySeries, makePlan, projectRow,
} from '../engine/projection.js';
import { type SeriesPoint, formatPpmPercent } from '../engine/series.js';
import { type Locale, formatDecimal } from '../engine/format.js';
import type { InputFileInfo, InputFiles, MissingInsured } from '../io/inputs.js';
import { loadShippedData } from '../io/shipped.js';
import { type Output, openOutput } from '../io/writer.js';
import { colorFor, printWarnings } from '../output/color.js';
import { csvRenderer } from '../output/csv.js';
import { type CalcMeta, type CalcReport, type GrowthMeta, type ProjectionMeta, Traces, ownYearPrices } from '../output/report.js';
import { listsParameters, refuseBytesToTerminal, renderReport } from '../output/registry.js';
import type { ParameterValue } from '../schema/parameter.js';
import type { RuleSet } from '../schema/rules.js';
import { VERSION } from '../version.js';
import { runParameters } from '../pipeline/parameters.js';
import { type AreaRows, applyScenarios, loadRuleSet } from '../pipeline/scenarios.js';
import { AREA_DATASET, potArea } from '../pipeline/pot-area.js';
import { RangeColumns, rowsOfGroup } from '../pipeline/projected-rows.js';
import { explainRow, explainedRows, registerSource } from '../pipeline/explain.js';
import { parameterLabel } from '../output/report-figures.js';
import type { Scenario } from '../engine/programmes.js';
import { OFFICIAL, type Status, statusWord } from '../engine/status.js';
import type { ResultRow } from '../engine/types.js';
import { type Group, type PlannedGroups, alignSeries, checkBaseYears, fileGroups, paperGroups, readSeriesFile, totalsGroups, warnOfSeriesBase } from './inputs.js';
import { type ExtrapolateOptions, parseExtrapolateOptions, projectionYears } from './options.js';
import { humanSettings } from '../output/terminal-width.js';
import { loadEu2Series } from '../io/datasets.js';
import { type KeyedNote, type Note, growthNote, imputationNote, inputNote, note, noteText } from '../output/notes.js';

/**
 * `burden extrapolate`: the nationwide (or any aggregate) figure, and its projection over
 * years with growth scenarios, price uprating and ranges. Reads inputs, builds one plan,
 * projects each group through the engine and hands the data to a renderer; prints nothing
 * itself except through the Output it is given.
 */
const EXTRAPOLATE_METHOD = `${METHOD}, per year`;

/** The most years one run may project: far beyond any sensible horizon, but not unbounded. */
const MAX_YEARS = 200;
/** The default ± spread of the rate for --range, in percent (issue 4). */
const DEFAULT_RATE_SPREAD_PCT = 20;

/** What the preparation knows of a run before any row is projected (reportMeta turns it into the report's metadata). */
interface ExtrapolateMeta extends Omit<ProjectionMeta, 'prices' | 'inflation_assumed'> {
  tool: string;
  version: string;
  method: string;
  inputs: InputFileInfo[];
  rate: { base_eur: number; base_price_year: number; source: string; status: string; prices: string; price_year: number | null;
    inflation_assumed: ProjectionMeta['inflation_assumed'] };
  insured: Note;
  statuses: Record<Status, string>;
  overrides: string[];
  notes: Note[];
}

export interface PreparedExtrapolation {
  options: ExtrapolateOptions;
  /** The parameters of the run (with --rate, --inflation and --set applied): the rules read amounts from them. */
  parameters: ParameterSet;
  /** --rules: one or two rule sets, applied in every year their programmes are in force. */
  ruleSets: RuleSet[];
  plan: ProjectionPlan;
  planned: PlannedGroups;
  /** How unknown insured counts are estimated in this run (national or per Kreis), for --explain. */
  imputation: NationalImputation;
  meta: ExtrapolateMeta;
  warnings: WarningCollector;
}


const usesTrend = (spec: GrowthSpec | undefined): boolean => spec?.kind === 'trend';

/** A growth for json's meta: its description in English, with the run's number format. */
function growthMeta(growth: Growth, what: 'eu2' | 'insured', locale: Locale): GrowthMeta {
  const constant = growth.kind === 'constant' || growth.kind === 'rate' || growth.kind === 'trend';
  return { scenario: growth.label, percent_per_year: constant ? growth.ppm / 10_000 : null, description: noteText(growthNote(growth, what, locale), 'en') };
}

function checkCombinations(file: InputFiles | undefined, o: ExtrapolateOptions, years: { from: number; to: number } | null): void {
  if (file !== undefined && (o.eu2 !== undefined || o.insured !== undefined)) {
    throw usageError('give either an input FILE or --eu2/--insured totals, not both');
  }
  if (o.insured !== undefined && o.eu2 === undefined) throw usageError('--insured needs --eu2', 'give both totals: --eu2 N --insured N');
  if (o.by !== undefined && file === undefined) throw usageError('--by aggregates an input FILE', 'e.g. burden extrapolate eu2.csv --by land');
  if (o.baseYear !== undefined && file === undefined && o.eu2 === undefined) {
    throw usageError('--base-year applies to --eu2 totals or an input FILE', 'the paper\'s figures are for 31.12.2019');
  }
  if (!years) {
    for (const [flag, value] of [['--growth', o.growth], ['--insured-growth', o.insuredGrowth]] as const) {
      if (value !== undefined) throw usageError(`${flag} needs a projection`, 'give --years FROM-TO (or --from and --to)');
    }
  }
  if (!o.range) {
    for (const [flag, value] of [['--rate-spread', o.rateSpread], ['--growth-low', o.growthLow], ['--growth-high', o.growthHigh]] as const) {
      if (value !== undefined) throw usageError(`${flag} needs --range`);
    }
  }
  if (years && years.to - years.from + 1 > MAX_YEARS) {
    throw usageError(`--years ${years.from}-${years.to} spans ${years.to - years.from + 1} years`, `project at most ${MAX_YEARS} years`);
  }
}

/** The locale of the report: --locale, else machine format for csv and German for the others. */
export const reportLocale = (options: ExtrapolateOptions): Locale => options.locale ?? (options.format === 'csv' ? 'en' : 'de');

/**
 * Read the inputs and build the plan and the metadata: everything before the first row is
 * projected. Without input files, the figures are --eu2/--insured totals or the paper's.
 */
export async function prepareExtrapolation(input: InputFiles | undefined, options: ExtrapolateOptions, missingInsured: MissingInsured = 'impute'): Promise<PreparedExtrapolation> {
  const years = projectionYears(options);
  checkCombinations(input, options, years);
  const warnings = new WarningCollector();
  const shipped = await loadShippedData();
  const { parameters, overrides } = await runParameters(shipped.parameters, { rate: options.rate, rateFile: options.rateFile, inflation: options.inflation, set: options.set });
  const overridden = new Set(shipped.parameters.filter((p) => parameters.get(p.name) !== p).map((p) => p.name));
  const locale = reportLocale(options);
  const ruleSets = await Promise.all(options.rules.map((spec) => loadRuleSet(spec, shipped)));
  const national = nationalImputation(parameters);
  const imputation = options.imputeInsured === 'regional-2019' ? await regionalImputation(national) : national;

  // A file's rows get their base years in fileGroups (per municipality, before summing).
  const planned = input !== undefined
    ? await fileGroups(input, {
      by: options.by ?? 'total', column: options.column, allowMissing: options.allowMissing, baseYear: options.baseYear, missingInsured, from: years?.from ?? null,
      // Rules look at population (an EU2 share, a population key), and so does every row's cost per inhabitant.
      populationMatters: ruleSets.length > 0 || (options.by ?? 'total') === 'none',
      land: options.land === undefined ? null : resolveLand(options.land),
    }, imputation, warnings)
    : options.eu2 !== undefined
      ? totalsGroups(options.eu2, options.insured, options.baseYear, imputation)
      : paperGroups(parameters, overridden);
  checkBaseYears(planned.groups, years);
  const [only] = planned.groups;
  if (years && input === undefined && only && only.baseYear !== null && only.baseYear > years.from) {
    // The year of the paper's figures or of --base-year is the command line's to change, not
    // data to correct: a usage error (exit 64), where a file's year column gives exit 65.
    const whose = options.eu2 !== undefined ? 'the --eu2 totals (--base-year)' : 'the paper\'s counts (parameter eu2_residents_de)';
    throw usageError(`${whose} are for ${only.baseYear}, after the first projected year ${years.from}`,
      `start the projection in ${only.baseYear} or later (projections do not run backwards)`);
  }

  const eu2Spec: GrowthSpec = options.growth ?? { kind: 'constant' };
  const insuredSpec: GrowthSpec = options.insuredGrowth ?? { kind: 'ratio' };
  const needsTrend = usesTrend(eu2Spec) || usesTrend(insuredSpec) || usesTrend(options.growthLow) || usesTrend(options.growthHigh) ||
    (options.range && (options.growthLow === undefined || options.growthHigh === undefined));
  const nationalSeries: SeriesPoint[] = needsTrend ? await loadEu2Series() : [];
  const files: InputFileInfo[] = [...planned.files];
  const seriesFor = async (spec: GrowthSpec, column: 'eu2' | 'insured'): Promise<YearlySeries | undefined> => {
    if (spec.kind !== 'series') return undefined;
    if (spec.file === null) throw usageError(`series needs a file: series:FILE`, 'the file has columns ags, year, eu2 (and insured)');
    const read = await readSeriesFile(spec.file, column, warnings);
    files.push(read.info);
    planned.paths.push(spec.file);
    const aligned = alignSeries(read.series, planned.groups, spec.file);
    warnOfSeriesBase(aligned, planned.groups, column, spec.file, warnings);
    return aligned;
  };
  if (options.growthLow?.kind === 'series' || options.growthHigh?.kind === 'series') {
    throw usageError('--growth-low and --growth-high take constant, trend[:N] or rate:P', 'a series is a single scenario: give it with --growth');
  }
  const eu2Series = await seriesFor(eu2Spec, 'eu2');
  const insuredSeries = await seriesFor(insuredSpec, 'insured');

  const plan = makePlan(parameters, {
    years,
    priceYear: options.priceYear,
    eu2: eu2Spec,
    insured: insuredSpec,
    imputation,
    range: options.range
      ? {
          spreadBasisPoints: options.rateSpread ?? DEFAULT_RATE_SPREAD_PCT * 100,
          ...(options.growthLow ? { eu2Low: options.growthLow } : {}),
          ...(options.growthHigh ? { eu2High: options.growthHigh } : {}),
        }
      : null,
  }, { nationalSeries, ...(eu2Series ? { series: eu2Series } : {}), ...(insuredSeries ? { insuredSeries } : {}) });

  const meta = buildMeta(parameters, plan, planned, options, files, overrides, imputationNote(imputation, true), locale);
  return { options, parameters, ruleSets, plan, planned, imputation, meta, warnings };
}

const yearOf = (date: string): number => Number(date.slice(0, 4));
const span = (from: number, to: number): string => (from === to ? String(from) : `${from}–${to}`);

/**
 * Where the price indexes of some years come from, in the vpi parameter's own words: its
 * sources, each with the years it covers ("2019: Destatis …; 2024–2025: press reports …").
 */
function vpiSources(parameters: ParameterSet, years: ReadonlySet<number>): string {
  const values = requireParameter(parameters, 'vpi').values;
  const segments: { from: number; to: number; source: string }[] = [];
  for (const entry of values) {
    const year = yearOf(entry.from);
    if (!years.has(year)) continue;
    const last = segments[segments.length - 1];
    if (last && last.source === entry.source && last.to === year - 1) last.to = year;
    else segments.push({ from: year, to: year, source: entry.source });
  }
  const sources = segments.map((g) => `${span(g.from, g.to)}: ${g.source}`).join('; ');
  return `VPI from parameter vpi${sources ? ` (${sources})` : ''}`;
}

/** The inflation values a projected index rests on: every year from the last known index to the last priced year. */
function inflationUsed(parameters: ParameterSet, lastVpiYear: number, lastYear: number): { from_year: number; percent: number; source: string; status: string }[] {
  const used: { from_year: number; percent: number; source: string; status: string }[] = [];
  let previous: ParameterValue | null = null;
  for (let year = lastVpiYear + 1; year <= lastYear; year++) {
    const entry = inflationInForce(parameters, year);
    if (entry === previous) continue;
    previous = entry;
    used.push({ from_year: year, percent: entry.value, source: entry.source, status: entry.status });
  }
  return used;
}

function buildMeta(
  parameters: ParameterSet, plan: ProjectionPlan, planned: PlannedGroups, options: ExtrapolateOptions, files: InputFileInfo[],
  overrides: string[], imputationText: Note, locale: Locale,
): ExtrapolateMeta {
  const rateParameter = requireParameter(parameters, 'rate');
  const rateEntry = rateParameter.values[rateParameter.values.length - 1];
  const vpi = requireParameter(parameters, 'vpi').values;
  const lastVpiYear = yearOf(vpi[vpi.length - 1]?.from ?? '0');
  const projectedYears = plan.rates.index.filter((index) => index?.projected).map((index) => index?.year as number);
  const inflation = projectedYears.length ? inflationUsed(parameters, lastVpiYear, Math.max(...projectedYears)) : [];
  const fixed = plan.rates.fixedPriceYear;
  const range = plan.range;
  const baseYear = plan.rates.baseYear;
  const pricedYears = new Set<number>([baseYear]);
  if (fixed !== null) pricedYears.add(fixed);
  else if (plan.years) for (let y = plan.years.from; y <= plan.years.to; y++) pricedYears.add(y);
  const [firstInflation] = inflation;
  // --inflation (or --set inflation_assumed) only moves years priced after the last known index.
  const idleInflation = inflation.length === 0 ? overrides.find((o) => o.startsWith('inflation_assumed=')) : undefined;
  const notes = idleInflation === undefined
    ? planned.notes
    : [...planned.notes, note('note.idle_inflation', { override: idleInflation, last_year: lastVpiYear })];
  return {
    tool: 'burden',
    version: VERSION,
    method: EXTRAPOLATE_METHOD,
    input: planned.description,
    inputs: files,
    aggregation: options.by ?? (planned.files.length ? 'total' : 'none'),
    years: plan.years,
    rate: {
      base_eur: plan.rates.baseCents / 100,
      base_price_year: baseYear,
      source: plan.rates.source,
      status: options.rate !== undefined ? 'official (your input)' : rateEntry?.status ?? 'official',
      prices: !plan.years && options.priceYear === undefined ? ownYearPrices(baseYear) : fixed === null
        ? `each year at its own prices: rate(y) = round(rate × VPI(y) / VPI(base), 2 decimals); ${vpiSources(parameters, pricedYears)}`
        : fixed === baseYear
          ? `price level ${fixed}, not uprated`
          : `all years at ${fixed} prices: round(rate × VPI(${fixed}) / VPI(${baseYear}), 2 decimals); ${vpiSources(parameters, pricedYears)}`,
      price_year: fixed,
      inflation_assumed: firstInflation
        ? { percent: firstInflation.percent, source: firstInflation.source, status: firstInflation.status, after_year: lastVpiYear, values: inflation }
        : null,
    },
    insured: planned.imputed ? imputationText : planned.insuredSource ?? note('note.from_input'),
    growth: plan.years ? { eu2: growthMeta(plan.eu2, 'eu2', locale), insured: growthMeta(plan.insured, 'insured', locale) } : null,
    range: range
      ? {
          rate_spread_pct: range.spreadBasisPoints / 100,
          growth_low: growthMeta(range.eu2Low, 'eu2', locale),
          growth_high: growthMeta(range.eu2High, 'eu2', locale),
          note: noteText(rangeNote(range, plan.years !== null, locale), 'en'),
        }
      : null,
    statuses: statusMeanings(parameters),
    overrides,
    notes,
  };
}

/** What the low and high of a range combine, with the growth rates in the run's number format. */
function rangeNote(range: NonNullable<ProjectionPlan['range']>, projecting: boolean, locale: Locale): KeyedNote {
  const percent = (growth: Growth): string => (growthMeta(growth, 'eu2', locale).percent_per_year === null ? '?' : formatPpmPercent(growth.ppm, locale));
  return note('note.range', {
    spread: formatDecimal(range.spreadBasisPoints / 100, locale), low: range.eu2Low.label, high: range.eu2High.label,
    per_year: projecting ? note('note.range_per_year', { low: percent(range.eu2Low), high: percent(range.eu2High) }) : note('note.range_no_projection'),
  });
}

/** The notes a projection adds to every human format: prices, growth, range, and what the paper leaves out. */
function projectionNotes(prepared: PreparedExtrapolation, locale: Locale): Note[] {
  const { meta, plan } = prepared;
  const notes: Note[] = [];
  if (meta.rate.inflation_assumed) {
    const inf = meta.rate.inflation_assumed;
    const percent = (value: number): string => formatDecimal(value, locale);
    // Each source once, with the status of its values.
    const sources = new Map(inf.values.map((v) => [`${v.status}: ${v.source}`, note('note.status_source', { status: { status: v.status as Status }, source: v.source })]));
    const rates = inf.values.length > 1
      ? { join: inf.values.map((v) => note('note.inflation_rate_from', { percent: percent(v.percent), from_year: v.from_year })), by: note('note.and') }
      : note('note.inflation_rate', { percent: percent(inf.percent) });
    notes.push(note('note.inflation', { after_year: inf.after_year, rates, sources: { join: [...sources.values()], by: '; ' } }));
  }
  notes.push(inputNote(meta.input));
  if (meta.growth) {
    notes.push(note('note.growth_line_eu2', { scenario: meta.growth.eu2.scenario, description: growthNote(plan.eu2, 'eu2', locale) }));
    notes.push(note('note.growth_line_insured', { scenario: meta.growth.insured.scenario, description: growthNote(plan.insured, 'insured', locale) }));
  }
  if (plan.range) notes.push(note('note.range_line', { text: rangeNote(plan.range, plan.years !== null, locale) }));
  notes.push(...meta.notes);
  notes.push(note('note.not_included'));
  return notes;
}

/**
 * The rows outside the input that share fixed pots (pipeline/pot-area.ts), projected with the
 * same plan as the input's; where their counts start after the first projected year they
 * cannot take part, and a warning says the claims are an upper bound.
 */
async function projectedArea(prepared: PreparedExtrapolation, rows: readonly ResultRow[]): Promise<AreaRows<ResultRow> | undefined> {
  const { plan, ruleSets, warnings } = prepared;
  const area = await potArea(ruleSets, rows, warnings);
  if (area.counts.length === 0) return undefined;
  const from = plan.years?.from ?? null;
  const usable = area.counts.filter((c) => from === null || c.year <= from);
  if (usable.length < area.counts.length) {
    warnings.add('pot-upper-bound', 'the shipped counts that fill a pot\'s area start after the first projected year: fixed pots are shared over the input\'s rows only, so their claims are an upper bound (start the projection in the counts\' year or later)',
      `counts of ${area.counts[0]?.year}, first projected year ${from}`);
    return undefined;
  }
  const buffer = new ProjectionBuffer(plan);
  const origin = { file: `data/datasets/${AREA_DATASET}`, line: 0 };
  const areaRows = usable.flatMap((count) => {
    const group: Group = { key: count.ags, name: count.name, baseYear: count.year, eu2: count.eu2, insured: null, eu2Status: OFFICIAL, insuredStatus: OFFICIAL,
      members: 1, population: count.population };
    projectRow(group, plan, buffer);
    // Without projected years the area's counts stand for each budget year of the input.
    return plan.years ? rowsOfGroup(group, buffer, plan, origin)
      : [...new Set(rows.map((r) => r.year))].map((year) => ({ ...(rowsOfGroup(group, buffer, plan, origin)[0] as ResultRow), year }));
  });
  return { rows: areaRows, note: area.note };
}

/**
 * Project every group into result rows, the same rows `calc` computes, and write them in the
 * chosen format through the one registry. Plain csv streams group by group; with rules every
 * row is kept (a pot needs every row of a year before any claim is known).
 */
export async function emitExtrapolation(prepared: PreparedExtrapolation, output: Output, options: { format: string; locale: 'de' | 'en'; color: boolean }): Promise<void> {
  const { plan, planned, warnings, ruleSets, parameters } = prepared;
  const buffer = new ProjectionBuffer(plan);
  const origin = { file: planned.files[0]?.file ?? planned.description, line: 0 };
  const range = plan.range ? new RangeColumns() : null;
  const rangeTotals = plan.range ? new ProjectionTotals(buffer.length) : null;
  const streaming = options.format === 'csv' && ruleSets.length === 0;
  const csv = streaming ? csvRenderer({ locale: options.locale, extra: range?.columns ?? [] }) : null;
  if (csv) output.write(csv.header());
  const totals = new Map<number | null, TotalsAccumulator>();
  const rows: ResultRow[] = [];
  const years: (number | null)[] = [];
  for (const group of planned.groups) {
    projectRow(group, plan, buffer);
    rangeTotals?.add(buffer, plan);
    rowsOfGroup(group, buffer, plan, origin).forEach((row, i) => {
      if (row.netClamped) {
        warnings.add('net-clamped', 'more insured employees than EU2 residents; net persons clamped to 0',
          `${group.key || 'total'} ${row.year ?? ''} (eu2 ${row.eu2}, insured ${row.insured})`.replace(/  /g, ' '));
      }
      const sums = totals.get(row.year) ?? totals.set(row.year, new TotalsAccumulator()).get(row.year) as TotalsAccumulator;
      sums.add(row);
      if (csv) output.write(csv.row(row, 0, range ? RangeColumns.valuesOf(buffer, i) : undefined));
      else rows.push(row);
    });
    if (!csv) range?.add(buffer);
    if (years.length === 0) for (let i = 0; i < buffer.length; i++) years.push(buffer.yearAt(plan, i));
  }
  if (csv) return;
  // The band's totals need every group projected to the same years.
  if (range && rangeTotals && (plan.years !== null || totals.size === 1)) range.setTotals(rangeTotals, years);
  const meta = reportMeta(prepared, rows, options.locale);
  let extra = range?.columns ?? [];
  let scenarios: Scenario[] = [];
  if (ruleSets.length > 0) {
    const yearOf = (row: ResultRow): number => {
      if (row.year === null) throw usageError('--rules needs a budget year, and the counts have none', 'give --base-year YYYY, or a year column in the input');
      return row.year;
    };
    const area = await projectedArea(prepared, rows);
    // Projections explain no decision: the engine keeps no words for them.
    const applied = applyScenarios(ruleSets, rows, yearOf, parameters, { locale: options.locale, words: prepared.options.explain !== undefined, ...(area ? { area } : {}) });
    scenarios = applied.scenarios;
    extra = [...extra, ...applied.columns];
    meta.scenarios = applied.meta;
    meta.notes.push(...applied.notes);
    warnOfScenarios(applied.scenarios, warnings, { locale: options.locale, yearGiven: true });
    // Programme amounts are nominal; costs priced in one year (--price-year) may be at another level.
    const pricedIn = plan.rates.fixedPriceYear;
    if (pricedIn !== null && prepared.options.priceYear !== undefined) {
      meta.notes.push(...priceLevelNote([...new Set(rows.map(yearOf))], pricedIn, '--price-year', plan.years !== null));
    }
  }
  const yearsSeen = [...totals.keys()].filter((y): y is number => y !== null).sort((a, b) => a - b);
  const all = new TotalsAccumulator();
  for (const sums of totals.values()) all.absorb(sums.snapshot());
  const report: CalcReport = {
    meta,
    rows,
    // Rows of several years: a total per year, and over all years only what adds up (money).
    totals: yearsSeen.length > 1 ? acrossYears(all.result()) : all.result(),
    ...(yearsSeen.length > 1 ? { yearTotals: yearsSeen.map((year) => ({ year, ...(totals.get(year) as TotalsAccumulator).result() })) } : {}),
    warnings: warnings.list(),
    extra,
  };
  if (prepared.options.explain !== undefined) report.traces = await explainFirstYear(prepared, rows, scenarios);
  for (const piece of await renderReport(options.format, report, { locale: options.locale, color: options.color, ...humanSettings(prepared.options) })) output.write(piece);
}

/**
 * `--explain` on a projection: the chain of figures of the chosen municipality (or of every row)
 * in the first projected year, the year its counts are read for, as calc explains one year.
 */
async function explainFirstYear(prepared: PreparedExtrapolation, rows: ResultRow[], scenarios: Scenario[]): Promise<Traces> {
  const { plan, parameters } = prepared;
  const which = prepared.options.explain === true || prepared.options.explain === false ? true : prepared.options.explain ?? true;
  const first = plan.years?.from ?? null;
  const inFirst = rows.flatMap((row, i) => (first === null || row.year === first ? [i] : []));
  const chosen = explainedRows(inFirst.map((i) => rows[i] as ResultRow), which).map((k) => inFirst[k] as number);
  const populationSource = registerSource(await loadShippedData());
  return new Traces(chosen, (i) => {
    const row = rows[i] as ResultRow;
    return explainRow(row, i, {
      rateOf: (r) => plan.rateBook.at(r.year).resolved,
      imputation: prepared.imputation,
      populationSource,
      scenarios,
      yearOf: (r) => r.year,
      labelOf: (name) => parameterLabel(parameters.get(name), humanSettings(prepared.options).lang),
    });
  });
}

/** The report's metadata in the one shape every path has (output/report.ts CalcMeta), with the projection's facts. */
function reportMeta(prepared: PreparedExtrapolation, rows: readonly ResultRow[], locale: Locale): CalcMeta {
  const m = prepared.meta;
  const first = rows[0];
  const rate = first ? prepared.plan.rateBook.at(first.year) : prepared.plan.rateBook.at(null);
  const several = new Set(rows.map((r) => r.rateCents)).size > 1;
  return {
    tool: m.tool,
    version: m.version,
    method: m.method,
    rate: {
      eur: rate.cents / 100,
      base_eur: m.rate.base_eur,
      base_price_year: m.rate.base_price_year,
      price_year: rate.priceYear,
      source: m.rate.source,
      status: statusWord(first?.rateStatus ?? rate.status),
      ...(several ? { prices: m.rate.prices } : {}),
    },
    population: note('note.population_projected'),
    insured: m.insured,
    year: m.years ? null : first?.year ?? null,
    inputs: m.inputs,
    overrides: m.overrides,
    notes: projectionNotes(prepared, locale),
    statuses: m.statuses,
    // The parameters in force (of the first year), for the reports that list them (html, xlsx).
    ...(listsParameters(prepared.options.format)
      ? { parameters: parameterFacts(prepared.parameters, first?.year ?? rate.priceYear, rate.resolved) } : {}),
    projection: { input: m.input, aggregation: m.aggregation, years: m.years, prices: m.rate.prices, inflation_assumed: m.rate.inflation_assumed, growth: m.growth, range: m.range },
  };
}

/**
 * `burden extrapolate` (and `calc --years`, which may give calc's three files joined and
 * refuses unknown insured counts unless --impute-insured was given, as calc does).
 */
export async function runExtrapolate(input: InputFiles | undefined, rawOptions: Record<string, unknown>, globals: Record<string, unknown>,
  missingInsured: MissingInsured = 'impute'): Promise<void> {
  const options = parseExtrapolateOptions({ ...rawOptions, debug: globals.debug });
  refuseBytesToTerminal(options.format, options.output);
  if (input === undefined && (options.by !== undefined || options.land !== undefined) && options.eu2 === undefined) {
    // --by or --land without a file: the shipped counts of every Kreis (the paper's single national
    // figure has nothing to aggregate or select), of their reference year.
    const shipped = await defaultDataset();
    input = shipped.input;
    options.baseYear ??= shipped.year;
  }
  // The plan uprates the rate for every year: a rate beyond exact numbers is refused here already.
  const prepared = await prepareExtrapolation(input, options, missingInsured).catch((error: unknown) => {
    throw userError(error) ?? error;
  });
  const format = options.format;
  const locale = reportLocale(options);
  // Rule and rate files are inputs too (a rule set's id names no file, and protects none).
  const inputs = [...prepared.planned.paths, ...options.rules, ...(options.rateFile !== undefined ? [options.rateFile] : [])];
  const stdinRead = input !== undefined && Object.values(input).includes('-');
  // Standard input is an input too: -o /dev/stdin or stdout appended to the piped file is refused (io/writer.ts).
  const output: Output = openOutput(options.output, [...inputs, ...(stdinRead ? ['-'] : [])]);
  try {
    const paint = await colorFor(options.output ? {} : process.stdout);
    await emitExtrapolation(prepared, output, { format, locale, color: paint.enabled });
    if (options.strict && prepared.warnings.list().length > 0) {
      // --strict: warnings fail the run, and a failed run leaves no output file (as calc).
      await printWarnings(prepared.warnings.list());
      throw strictFailure(prepared.warnings.list().length, options.output);
    }
    output.commit();
  } catch (error) {
    output.abort();
    throw userError(error) ?? error;
  }
  await printWarnings(prepared.warnings.list());
}
