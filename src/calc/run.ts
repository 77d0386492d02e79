// Longer than ~300 lines on purpose: calc's one pass over its input for every path (streamed csv and json, parallel workers, rules, --explain), which share their accumulators.
import { usageError } from '../errors.js';
import { nationalImputation } from '../engine/imputation.js';
import { regionalImputation } from '../pipeline/regional-imputation.js';
import { METHOD, type MethodContext, TotalsAccumulator, WarningCollector, acrossYears, applyMethod, totalsByYear, yearsOfRows } from '../engine/method.js';
import { RateBook, rateStatusOf } from '../engine/rate.js';
import { statusWord } from '../engine/status.js';
import { statusMeanings } from '../output/status-marks.js';
import type { ResultRow } from '../engine/types.js';
import { parseColumnOverrides } from '../io/columns.js';
import { type InputFiles, type InputPlan, type MissingInsured, openInputFiles } from '../io/inputs.js';
import { type ShippedData, loadShippedData } from '../io/shipped.js';
import { defaultDataset } from '../pipeline/default-data.js';
import { type Output, openOutput } from '../io/writer.js';
import { colorFor, printWarnings } from '../output/color.js';
import { csvRenderer } from '../output/csv.js';
import { jsonRow, jsonTail } from '../output/json.js';
import { JsonObjectWriter } from '../output/json-pieces.js';
import { type CalcMeta, type CalcReport, Traces, ownYearPrices } from '../output/report.js';
import { listsParameters, refuseBytesToTerminal, renderReport } from '../output/registry.js';
import { parameterFacts } from '../pipeline/parameter-facts.js';
import type { ResolvedRate } from '../engine/rate.js';
import { VERSION } from '../version.js';
import { statSync } from 'node:fs';
import { parallelWorkers, streamParallel } from './parallel.js';
import { asUserError, noInsuredColumn, strictFailure, userError } from '../pipeline/user-error.js';
import { movedCountsNote, priceLevelNote, warnOfScenarios } from '../pipeline/report-checks.js';
import { NestedKeys } from '../engine/nested-keys.js';
import { flagOf } from '../options/cli-options.js';
import { type ExplainContext, explainRow, explainedRows, registerSource } from '../pipeline/explain.js';
import { parameterLabel } from '../output/report-figures.js';
import { type AreaRows, applyScenarios, loadRuleSet } from '../pipeline/scenarios.js';
import { AREA_DATASET, potArea } from '../pipeline/pot-area.js';
import type { RuleSet } from '../schema/rules.js';
import { resolveLand } from '../io/lands.js';
import { type CalcOptions, parseCalcOptions } from './options.js';
import { runParameters } from '../pipeline/parameters.js';
import { humanSettings } from '../output/terminal-width.js';
import { type Note, imputationNote, inputNote, note } from '../output/notes.js';


interface PlannedInput {
  plan: InputPlan;
  imputation: boolean;
  dataYear: number | null;
  notes: Note[];
  paths: string[];
}

/** The files the user named: one combined FILE, or --eu2 with --population and --insured; or none. */
function inputFilesOf(file: string | undefined, options: { population?: unknown; eu2?: unknown; insured?: unknown }): InputFiles | undefined {
  const named = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const threeFile = options.population !== undefined || options.eu2 !== undefined || options.insured !== undefined;
  if (!threeFile) return file === undefined ? undefined : { combined: file };
  if (file !== undefined) throw usageError('give either one combined FILE or --population/--eu2/--insured, not both', 'see burden calc --help');
  const eu2 = named(options.eu2);
  if (eu2 === undefined) throw usageError('the three-file form needs --eu2 FILE', '--population and --insured are optional');
  return { eu2, population: named(options.population), insured: named(options.insured) };
}

async function planInput(file: string | undefined, options: CalcOptions, warnings: WarningCollector): Promise<PlannedInput> {
  // --land keeps the rows of one Land (by key prefix) as they are read: no word about the others.
  const land = options.land === undefined ? null : resolveLand(options.land);
  const inputOptions = { columns: parseColumnOverrides(options.column), allowMissing: options.allowMissing, warnings,
    ...(land === null ? {} : { keep: (ags: string) => ags.startsWith(land) }) };
  const files = inputFilesOf(file, options);
  if (files) {
    const { plan, paths } = await openInputFiles(files, inputOptions);
    // What reading a statistics export took (title and footer lines skipped, EU2 derived): said in every format.
    const notes = plan.files.flatMap((f) => (f.notes ?? []).map((note) => `${f.file}: ${note}.`));
    return { plan, imputation: options.imputeInsured !== undefined, dataYear: null, notes, paths };
  }
  // No input: the shipped EU2 data of every German Kreis, which has no insured counts, so they
  // are estimated (and flagged) from the national ratio.
  const { info, input } = await defaultDataset();
  const { plan, paths } = await openInputFiles(input, inputOptions);
  return {
    plan,
    imputation: true,
    dataYear: Number(info.reference_date.slice(0, 4)),
    notes: [inputNote(`shipped dataset "${info.name}": ${info.title}, ${info.reference_date} (${info.source}; ${info.derivation})`)],
    // The shipped data is an input too: -o must never overwrite it.
    paths,
  };
}

const PROJECTION_OPTIONS = ['years', 'from', 'to', 'baseYear', 'growth', 'insuredGrowth', 'inflation', 'range', 'rateSpread', 'growthLow', 'growthHigh'];
/** Options of calc that the projection (burden extrapolate --by none) also understands. */
const SHARED_WITH_PROJECTION = ['lang', 'column', 'rate', 'rateFile', 'priceYear', 'rules', 'set', 'format', 'locale', 'output', 'allowMissing', 'strict', 'land', 'imputeInsured', 'explain'];

/**
 * `calc --years`: each row projected over the years, one output row per key and year. The
 * projection engine of `burden extrapolate` does the work, with every row its own group.
 */
async function runProjection(file: string | undefined, rawOptions: Record<string, unknown>, globals: Record<string, unknown>): Promise<void> {
  // Still calc-only, with what to do instead: the projected years are the budget years.
  const refused: Record<string, string> = {
    year: 'the projected years are the budget years; --rules applies in each of them',
  };
  const unsupported = Object.keys(refused).filter((k) => rawOptions[k] !== undefined);
  if (unsupported.length > 0) {
    const flags = unsupported.map(flagOf).join(', ');
    throw usageError(`${flags} cannot be combined with --years yet`, refused[unsupported[0] as string]);
  }
  const pick = (keys: string[]): Record<string, unknown> => Object.fromEntries(keys.filter((k) => rawOptions[k] !== undefined).map((k) => [k, rawOptions[k]]));
  const options: Record<string, unknown> = { ...pick([...SHARED_WITH_PROJECTION, ...PROJECTION_OPTIONS]), by: 'none' };
  let input = inputFilesOf(file, rawOptions);
  // As without --years: unknown insured counts are estimated only when asked to, or for the
  // shipped data, which has none.
  let missingInsured: MissingInsured = rawOptions.imputeInsured !== undefined ? 'impute' : 'refuse';
  if (input === undefined) {
    // The shipped data's reference date (datasets.json) is the base year of its counts.
    const shipped = await defaultDataset();
    input = shipped.input;
    options.baseYear ??= String(shipped.year);
    missingInsured = 'impute';
  }
  const { runExtrapolate } = await import('../extrapolate/run.js');
  await runExtrapolate(input, options, globals, missingInsured);
}

export async function runCalc(file: string | undefined, rawOptions: Record<string, unknown>, globals: Record<string, unknown>): Promise<void> {
  if (rawOptions.years !== undefined || rawOptions.from !== undefined || rawOptions.to !== undefined) {
    await runProjection(file, rawOptions, globals);
    return;
  }
  const stray = PROJECTION_OPTIONS.filter((k) => rawOptions[k] !== undefined);
  if (stray.length > 0) {
    // The one projection option with a meaning for one year: the inflation that carries the index past its last year.
    const hint = stray[0] === 'inflation' ? 'for --price-year after the last known index year, give --set inflation_assumed=P' : 'e.g. --years 2025-2030 --growth trend';
    throw usageError(`${flagOf(stray[0] ?? '')} needs --years FROM-TO`, hint);
  }
  const options = parseCalcOptions({ ...rawOptions, debug: globals.debug });
  const format = options.format;
  if (options.explain !== undefined && format === 'csv') {
    throw usageError('--explain needs --format table, md, json, html or xlsx', 'csv has no room for the chain of figures');
  }
  refuseBytesToTerminal(format, options.output);
  const warnings = new WarningCollector();
  const shipped = await loadShippedData();
  const { parameters, overrides } = await runParameters(shipped.parameters, options);
  const ruleSets = await Promise.all(options.rules.map((spec) => loadRuleSet(spec, shipped)));
  const input = await planInput(file, options, warnings);
  // The price rule (engine/rate.ts RateBook): each row at its year's prices (its own year, --year,
  // or the shipped data's reference year) unless --price-year fixes one level.
  const countsYear = options.year ?? input.dataYear;
  const rates = new RateBook(parameters, options.priceYear ?? null);
  const rate = asUserError(() => rates.at(countsYear).resolved);
  const national = nationalImputation(parameters);
  // The shipped data has no insured counts: estimated from the national ratio unless asked otherwise.
  const imputation = !input.imputation ? null : options.imputeInsured === 'regional-2019' ? await regionalImputation(national) : national;
  if (!imputation && !input.plan.hasInsuredColumn) throw noInsuredColumn(input.plan.files[0]?.file ?? 'input');
  const locale = options.locale ?? (format === 'csv' ? 'en' : 'de');

  const meta: CalcMeta = {
    tool: 'burden',
    version: VERSION,
    method: METHOD,
    rate: rateMeta(rate),
    population: note('note.from_input'),
    insured: imputation ? imputationNote(imputation, false) : note('note.from_input'),
    year: options.year ?? input.dataYear,
    inputs: input.plan.files,
    overrides,
    notes: [...input.notes, note('note.price_rule')],
    statuses: statusMeanings(parameters),
    // The parameters in force, for the reports that list them (html, xlsx): not computed for the others.
    ...(listsParameters(format) ? { parameters: parameterFacts(parameters, options.year ?? input.dataYear ?? rate.priceYear, rate) } : {}),
  };

  // Rule and rate files are inputs too (a rule set's id names no file, and protects none).
  const inputs = [...input.paths, ...options.rules, ...(options.rateFile !== undefined ? [options.rateFile] : [])];
  const stdinRead = file === '-' || [options.population, options.eu2, options.insured].includes('-');
  // Standard input is an input too: -o /dev/stdin or stdout appended to the piped file is refused (io/writer.ts).
  const output: Output = openOutput(options.output, [...inputs, ...(stdinRead ? ['-'] : [])]);
  // The rate book's refusals (a year beyond the index, a rate beyond exact cents) are mapped where calc's errors are (userError below).
  const context = { rates, imputation, countsYear };
  const totals = new TotalsAccumulator();
  // Rows inside other rows' areas, in every format (engine/nested-keys.ts).
  const nested = new NestedKeys();
  const rows: ResultRow[] = [];
  // Plain csv, json and md stream row by row, so memory stays flat however large the input; rules
  // (pots need every row) and --explain need them all. --year is checked against the rows' own
  // years once all are read, so it does not stream; nor does md of rows with a year column, whose
  // table has a Year column only when the rows turn out to span several years.
  const plainRun = ruleSets.length === 0 && options.explain === undefined && options.year === undefined;
  const streaming = plainRun && (format === 'csv' || format === 'json' || (format === 'md' && !input.plan.hasYearColumn));
  // Streamed md: the head from the report's layout, each row as it comes, the totals and notes at the end,
  // worked out on one row of each combination of statuses (the legend names the letters used).
  const md = streaming && format === 'md'
    ? { lang: humanSettings(options).lang, kinds: new Map<string, ResultRow>(), ...(await import('../output/human.js')), ...(await import('../output/markdown.js')) }
    : null;
  let streamed: ReturnType<typeof csvRenderer> | null = null;
  // Streamed json: the rows as they come (output/json.ts puts them first), the totals of each year kept.
  const json = streaming && format === 'json' ? new JsonObjectWriter() : null;
  const byYear = new Map<number | null, TotalsAccumulator>();
  const rateLevels = new Set<number>();
  let index = 0;
  // Whether the head of streamed json or md is written.
  let opened = false;
  // --land (its rows kept as they are read, planInput) reads row by row, never in parallel.
  const plain = streaming && format === 'csv' && options.land === undefined ? input.plan.plain ?? null : null;
  const workers = plain ? parallelWorkers(statSync(plain.path).size) : 0;
  let usedRegister = false;
  try {
    if (plain && workers > 0) {
      // A large quote-free file: the same rows on several cores (calc/parallel.ts).
      const renderer = csvRenderer({ locale });
      const imputed = imputation ? { numerator: imputation.numerator, denominator: imputation.denominator, ...(imputation.byKreis ? { byKreis: imputation.byKreis } : {}) } : null;
      const job = { spec: plain, locale, parameters, priceYear: options.priceYear ?? null, countsYear, imputation: imputed, allowMissing: options.allowMissing };
      ({ usedRegister } = await streamParallel(input.plan, job, workers, { output, header: renderer.header(), totals, warnings, nested }));
    } else for await (const batch of input.plan.batches()) {
      // The head once, before the first batch: not "before the first row", which a batch of
      // rows all outside --land would write again.
      if (!opened) {
        opened = true;
        if (md) output.write(md.markdownHead(md.humanTable({ meta, rows: [], totals: totals.result(), warnings: [], extra: [] }, locale, md.lang)));
        if (json) output.write(json.openArray('rows'));
      }
      if (streaming && !streamed && !json && !md) {
        streamed = csvRenderer({ locale });
        output.write(streamed.header());
      }
      // Each row goes to the output as it is made: the output gathers bytes, not a batch's string.
      for (const inputRow of batch) {
        const row = applyMethod(inputRow, context);
        totals.add(row);
        warnings.note(row);
        nested.add(row.ags, row.year);
        if (json) {
          output.write(json.item(jsonRow(row)));
          index++;
          (byYear.get(row.year) ?? byYear.set(row.year, new TotalsAccumulator()).get(row.year) as TotalsAccumulator).add(row);
          rateLevels.add(row.rateCents);
        } else if (md) {
          output.write(md.markdownLine(MD_NUMERIC, md.plainRowCells(row, locale)));
          index++;
          const kind = `${row.eu2Status} ${row.insuredStatus} ${row.netStatus} ${row.costStatus}`;
          if (!md.kinds.has(kind)) md.kinds.set(kind, row);
        } else if (streamed) output.write(streamed.row(row, index++));
        else rows.push(row);
      }
    }
    nested.warn(warnings);
    const populationUnknown = warnings.list().some((w) => w.code === 'population-unknown');
    meta.population = describePopulation(usedRegister || input.plan.populationFromRegister(), populationUnknown, shipped);
    if (md) {
      if (!opened) output.write(md.markdownHead(md.humanTable({ meta, rows: [], totals: totals.result(), warnings: [], extra: [] }, locale, md.lang)));
      output.write(md.markdownTail(md.humanTable({ meta, rows: [...md.kinds.values()], totals: totals.result(), warnings: warnings.list(), extra: [] }, locale, md.lang)));
    }
    if (json) {
      // The rest of the document, as renderJson writes it after the rows (output/json.ts jsonTail).
      const years = [...byYear.keys()].filter((y): y is number => y !== null).sort((a, b) => a - b);
      if (rateLevels.size > 1) meta.rate.prices = ownYearPrices(rate.baseYear);
      else if (years.length === 1 && !byYear.has(null)) meta.rate = rateMeta(rates.at(years[0] ?? null).resolved);
      const tail = jsonTail({
        meta, totals: years.length > 1 ? acrossYears(totals.result()) : totals.result(), warnings: warnings.list(), extra: [],
        ...(years.length > 1 ? { yearTotals: years.map((year) => ({ year, ...(byYear.get(year) as TotalsAccumulator).result() })) } : {}),
      });
      let text = opened ? '' : json.openArray('rows');
      text += json.closeArray();
      for (const [key, value] of Object.entries(tail)) text += json.field(key, value);
      output.write(text + json.end());
    }
    if (!streaming) {
      const otherYears = [...input.plan.years()].filter((y) => y !== options.year);
      if (options.year !== undefined && otherYears.length > 0) {
        throw usageError(`--year ${options.year}: the input has rows for ${[...input.plan.years()].sort().join(', ')}`,
          'without --year each row is taken in its own year; or filter the input to one year');
      }
      const yearOf = budgetYear(options.year, input.dataYear);
      const area = ruleSets.length ? await potAreaRows(ruleSets, rows, requireYear(yearOf), { ...context, imputation: imputation ?? national }, warnings) : undefined;
      const applied = ruleSets.length
        ? applyScenarios(ruleSets, rows, requireYear(yearOf), parameters, { locale, words: options.explain !== undefined, ...(area ? { area } : {}) })
        : null;
      if (applied) {
        meta.scenarios = applied.meta;
        // --year Y prices the costs in Y unless --price-year says otherwise: then that is the one to change.
        meta.notes.push(...applied.notes, ...(options.priceYear === undefined ? [] : priceLevelNote(rows.map(requireYear(yearOf)), options.priceYear, '--price-year')),
          ...movedCountsNote(options.year, input.dataYear));
        warnOfScenarios(applied.scenarios, warnings, { locale, yearGiven: options.year !== undefined });
      }
      // Rows of several years: a total per year, and over all years only what adds up (money).
      const years = yearsOfRows(rows);
      const levels = new Set(rows.map((row) => row.year ?? countsYear));
      if (new Set(rows.map((row) => row.rateCents)).size > 1) meta.rate.prices = ownYearPrices(rate.baseYear);
      // Rows of one year of their own (a year column): the rate at their level is the one stated.
      else if (levels.size === 1 && !rows.some((row) => row.year === null)) meta.rate = rateMeta(rates.at([...levels][0] ?? null).resolved);
      const report: CalcReport = {
        meta, rows, totals: years ? acrossYears(totals.result()) : totals.result(), warnings: warnings.list(), extra: applied?.columns ?? [],
        ...(years ? { yearTotals: totalsByYear(rows, years) } : {}),
      };
      if (options.explain !== undefined) {
        report.traces = explainRows(rows, options.explain === true || options.explain === false ? true : options.explain, {
          rateOf: (row) => rates.at(row.year ?? countsYear).resolved,
          imputation,
          populationSource: registerSource(shipped),
          scenarios: applied?.scenarios ?? [],
          yearOf,
          labelOf: (name) => parameterLabel(parameters.get(name), humanSettings(options).lang),
        });
      }
      const paint = await colorFor(options.output ? {} : process.stdout);
      for (const piece of await renderReport(format, report, { locale, color: paint.enabled, ...humanSettings(options) })) output.write(piece);
    }
    if (options.strict && warnings.list().length > 0) {
      // --strict: warnings fail the run, and a failed run leaves no output file.
      await printWarnings(warnings.list());
      throw strictFailure(warnings.list().length, options.output);
    }
    output.commit();
  } catch (error) {
    output.abort();
    throw userError(error) ?? error;
  }
  await printWarnings(warnings.list());
}

/**
 * The rows of the pots' area outside the input (pipeline/pot-area.ts), computed by the same method
 * for each budget year of the input; a warning where no shipped data covers a pot's area.
 */
async function potAreaRows(ruleSets: RuleSet[], rows: readonly ResultRow[], yearOf: (row: ResultRow) => number, context: MethodContext,
  warnings: WarningCollector): Promise<AreaRows<ResultRow>> {
  const area = await potArea(ruleSets, rows, warnings);
  const years = [...new Set(rows.map(yearOf))];
  const areaRows = years.flatMap((year) => area.counts.map((count, i) => applyMethod({
    ags: count.ags, name: count.name, year, population: count.population, populationFrom: 'register', eu2: count.eu2, insured: null,
    origin: { file: `data/datasets/${AREA_DATASET}`, line: i + 2 },
  }, { ...context, countsYear: year })));
  return { rows: areaRows, note: area.note };
}


/** The rate as the metadata states it: its value at the rows' price level, its own level, status and the index used. */
function rateMeta(rate: ResolvedRate): CalcMeta['rate'] {
  return {
    eur: rate.cents / 100,
    base_eur: rate.baseCents / 100,
    base_price_year: rate.baseYear,
    price_year: rate.priceYear,
    source: rate.source,
    status: statusWord(rateStatusOf(rate)),
    ...(rate.uprating
      ? {
          uprating: {
            index_base: rate.uprating.from.thousandths / 1000,
            index_target: rate.uprating.to.thousandths / 1000,
            target_status: rate.uprating.to.status,
            target_projected: rate.uprating.to.projected,
            source: `VPI 2020=100: ${rate.uprating.from.year} ${rate.uprating.from.source}; ${rate.uprating.to.year} ${rate.uprating.to.source}`,
          },
        }
      : {}),
  };
}

/** The alignment of a streamed md table's columns: key and name are text, the figures numbers (output/human.ts). */
const MD_NUMERIC = { numeric: [false, false, true, true, true, true, true, true, true] };

/** The budget year of a row: --year, else the row's own year, else the dataset's reference year. */
function budgetYear(year: number | undefined, dataYear: number | null): (row: ResultRow) => number | null {
  return (row) => year ?? row.year ?? dataYear;
}

function requireYear(yearOf: (row: ResultRow) => number | null): (row: ResultRow) => number {
  return (row) => {
    const year = yearOf(row);
    if (year === null) {
      throw usageError('--rules needs a budget year, and the input has none', 'give --year YYYY, or a year column in the input');
    }
    return year;
  };
}

export function explainRows(rows: ResultRow[], which: true | string, context: ExplainContext): Traces {
  return new Traces(explainedRows(rows, which), (i) => explainRow(rows[i] as ResultRow, i, context));
}



function describePopulation(fromRegister: boolean, unknown: boolean, shipped: ShippedData): Note {
  // The register is a source: named in json, cited by number where a report lists its sources.
  const register = { source: registerSource(shipped), plain: [' ', ''] as const, label: note('note.register') };
  if (fromRegister) return note('note.population_register', { register, unknown: unknown ? note('note.population_unknown_tail') : '' });
  return unknown ? note('note.population_unknown', { register }) : note('note.from_input');
}
