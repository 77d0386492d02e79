import * as z from 'zod/mini';
import { BurdenError, EXIT, usageError } from '../errors.js';
import { WarningCollector } from '../engine/method.js';
import { euroProblem, mulDivRound, parseEuroToCents, roundDiv } from '../engine/money.js';
import { combinedInput } from '../io/inputs.js';
import { openCsv } from '../io/csv.js';
import { formatHundredths, groupDigits, parseCount, type Locale } from '../io/numbers.js';
import { sourceFrom } from '../io/source.js';
import { parseOptions } from '../options/cli-options.js';
import { loadShippedData } from '../io/shipped.js';
import { priceIndex } from '../engine/rate.js';
import { openFileOutput, openOutput } from '../io/writer.js';
import { type Listing, type ListingFormat, renderListing } from '../output/listing.js';
import { printWarnings } from '../output/color.js';
import { safeJson, safeText } from '../terminal-safe.js';

/**
 * The calibration of the Dortmund method (Städtetag NRW working paper, S. 10): the rate is
 * a city's total attributable cost divided by its net persons. Dortmund: 15,639,763 EUR /
 * 7,298 = 2,143.0204 EUR, i.e. 2,143.02 to the cent and 2,143 as the paper prints it.
 */
const count = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
    const parsed = parseCount(text);
    if (parsed.kind !== 'value') {
      ctx.issues.push({ code: 'custom', input: text, message: `"${text}" is not a count of persons` });
      return z.NEVER;
    }
    return parsed.value;
  }),
);

const optionsSchema = z.strictObject({
  totalCost: z.optional(z.string()),
  eu2: z.optional(count),
  insured: z.optional(count),
  ags: z.optional(z.string()),
  breakdown: z.optional(z.string()),
  year: z.optional(z.pipe(z.string().check(z.regex(/^\d{4}$/, 'must be a year')), z.transform(Number))),
  writeParameter: z.optional(z.string()),
  source: z.string().check(z.minLength(1)),
  format: z.enum(['table', 'csv', 'json', 'md']),
  formatGiven: z.optional(z.boolean()),
  locale: z.optional(z.enum(['de', 'en'])),
});

interface Department {
  department: string;
  cents: number;
}

async function readBreakdown(file: string): Promise<Department[]> {
  const csv = await openCsv(sourceFrom(file));
  const header = csv.header.map((h) => h.trim().toLowerCase());
  // The names analysts write (English or German); a file of two columns whose first line is
  // already a department and an amount has no header: that line is a department too.
  const DEPARTMENT = ['department', 'fachbereich', 'bereich', 'amt', 'dezernat'];
  const COST = ['cost_eur', 'cost', 'kosten', 'kosten_eur', 'kosten (eur)', 'betrag', 'aufwand'];
  let dept = header.findIndex((h) => DEPARTMENT.includes(h));
  let cost = header.findIndex((h) => COST.includes(h));
  const headerless = dept < 0 && cost < 0 && csv.header.length === 2 && parseEuroToCents(csv.header[1] ?? '') !== null;
  if (headerless) [dept, cost] = [0, 1];
  if (dept < 0 || cost < 0) {
    throw new BurdenError(EXIT.dataError, 'needs the columns department and cost_eur', { file, line: 1 },
      'e.g. department,cost_eur (or Fachbereich;Kosten) then Soziales,1234567.89; or two columns without a header');
  }
  const departments: Department[] = [];
  const firstLine = headerless ? [{ line: 1, fields: csv.header }] : [];
  for await (const batch of (async function* () { if (firstLine.length) yield firstLine; yield* csv.batches(); })()) {
    for (const record of batch) {
      // As calc refuses such a row (io/rows.ts): an extra field is most often the decimal part of
      // an amount written with a comma, and reading the rest would drop it without a word.
      if (record.fields.length !== csv.header.length) {
        const count = record.fields.length;
        throw new BurdenError(EXIT.dataError, `the row has ${count} field${count === 1 ? '' : 's'}, the header has ${csv.header.length}`, { file, line: record.line },
          `every row needs one value per column; quote fields that contain the delimiter, such as a decimal comma in "1000000,50"`);
      }
      const raw = record.fields[cost] ?? '';
      const cents = parseEuroToCents(raw);
      if (cents === null || cents < 0) {
        throw new BurdenError(EXIT.dataError, `"${raw}" ${cents === null ? euroProblem(raw) : 'is below 0'}`,
          { file, line: record.line, column: csv.header[cost] ?? 'cost_eur', value: raw }, 'write euros like 1234567.89 or 1.234.567,89');
      }
      departments.push({ department: (record.fields[dept] ?? '').trim(), cents });
    }
  }
  if (departments.length === 0) throw new BurdenError(EXIT.dataError, 'has no departments', { file }, 'add department,cost_eur lines');
  return departments;
}

async function personsFromFile(file: string, ags: string | undefined): Promise<{ eu2: number; insured: number; label: string }> {
  const plan = await combinedInput(sourceFrom(file), { columns: new Map(), allowMissing: false, warnings: new WarningCollector() });
  const rows = [];
  for await (const batch of plan.batches()) rows.push(...batch);
  const candidates = ags === undefined ? rows : rows.filter((r) => r.ags === ags);
  if (candidates.length !== 1) {
    throw usageError(ags === undefined ? `${file} has ${rows.length} rows: pick one with --ags KEY` : `${file} has no row with key ${ags}`, 'or, without the file, give --eu2 and --insured');
  }
  const row = candidates[0];
  if (!row) throw new Error('unreachable');
  if (row.insured === null) throw new BurdenError(EXIT.dataError, 'insured count unknown', { ...row.origin, column: 'insured' }, 'calibration needs the real count');
  return { eu2: row.eu2, insured: row.insured, label: `${row.ags} ${row.name} (${row.origin.file}:${row.origin.line})` };
}

export async function runCalibrate(file: string | undefined, raw: Record<string, unknown>): Promise<void> {
  const { year: givenYear, ...rest } = parseOptions(optionsSchema, raw, 'calibrate');
  // The counts come from one place: a FILE's row, or --eu2 and --insured; one given beside the
  // other would be ignored without a word.
  const countFlags = (['eu2', 'insured'] as const).filter((key) => rest[key] !== undefined);
  if (file !== undefined && countFlags.length > 0) {
    throw usageError(`--${countFlags[0]} with ${file}: the counts come from the file's row`, `give either ${file} (with --ags KEY) or --eu2 N and --insured N`);
  }
  if (file === undefined && rest.ags !== undefined) throw usageError(`--ags ${rest.ags} picks a row of a FILE, and none is given`, 'give a CSV FILE, or leave out --ags');
  // `--write-parameter -` is standard output, as `-o -` is elsewhere: the parameter file is then
  // the result, written there in place of the listing (both would make neither readable).
  const parameterToStdout = rest.writeParameter === '-';
  if (parameterToStdout && rest.formatGiven === true) {
    throw usageError(`--format ${rest.format} with --write-parameter -: standard output carries the parameter file, not the results`,
      'leave out --format, or write the parameter to a file: --write-parameter rate.json');
  }

  // The price level of the accounts: by default that of the shipped rate (2019, Dortmund's
  // accounts); any year must have a price index, so calc can uprate the calibrated rate.
  const parameters = new Map((await loadShippedData()).parameters.map((p) => [p.name, p]));
  const year = givenYear ?? Number(parameters.get('rate')?.values[0]?.from.slice(0, 4));
  priceIndex(parameters, year);
  const options = { ...rest, year };
  // As in calc: tables in German by default, csv in machine format unless --locale de.
  const locale: Locale = options.locale ?? (options.format === 'csv' ? 'en' : 'de');
  const departments = options.breakdown ? await readBreakdown(options.breakdown) : [];
  const breakdownTotal = departments.reduce((sum, d) => sum + d.cents, 0);
  let totalCents: number;
  if (options.totalCost !== undefined) {
    const cents = parseEuroToCents(options.totalCost);
    if (cents === null || cents <= 0) {
      throw usageError(`--total-cost "${options.totalCost}" ${cents === null ? euroProblem(options.totalCost) : 'is not above 0'}`, 'e.g. --total-cost 15639763');
    }
    totalCents = cents;
    if (departments.length && breakdownTotal !== totalCents) {
      throw new BurdenError(EXIT.dataError, `the departments sum to ${formatHundredths(breakdownTotal, { locale, grouped: true })} EUR, --total-cost is ${formatHundredths(totalCents, { locale, grouped: true })} EUR`,
        { file: options.breakdown }, 'make them agree, or leave out --total-cost to use the sum');
    }
  } else if (departments.length) {
    totalCents = breakdownTotal;
  } else {
    throw usageError('give --total-cost EUR (or --breakdown FILE)', 'e.g. burden calibrate --total-cost 15639763 --eu2 7298 --insured 0');
  }

  let persons: { eu2: number; insured: number; label: string };
  if (file !== undefined) persons = await personsFromFile(file, options.ags);
  else if (options.eu2 !== undefined && options.insured !== undefined) persons = { eu2: options.eu2, insured: options.insured, label: 'command line' };
  else throw usageError('give --eu2 N and --insured N, or a CSV FILE', 'e.g. --eu2 7298 --insured 0');

  const net = persons.eu2 - persons.insured;
  if (net <= 0) {
    throw usageError(`net persons = ${persons.eu2} − ${persons.insured} = ${net}: no rate can be derived`, 'the rate needs more EU2 residents than insured employees');
  }
  // csv is for machines: plain numbers with a decimal point, as in calc's csv.
  const machine = options.format === 'csv';
  const money = (cents: number): string => formatHundredths(cents, { locale, grouped: !machine });
  const persons_ = (n: number): string => (machine ? String(n) : groupDigits(n, locale));
  const rateCents = roundDiv(totalCents, net);
  await checkPlausible(rateCents, { totalCents, net, parameters, file: file ?? options.breakdown, locale });
  const rateEuros = roundDiv(totalCents, net * 100);
  // Shown with more places so users can see how close the rate is to a rounding boundary.
  const exact = (mulDivRound(totalCents, 1_000_000, net) / 100_000_000).toFixed(6);
  const exactText = locale === 'de' ? exact.replace('.', ',') : exact;

  const listing: Listing = {
    columns: ['figure', 'value', 'detail'],
    rows: [
      ['total_cost_eur', money(totalCents), options.breakdown ? `sum of ${departments.length} department${departments.length === 1 ? '' : 's'} in ${options.breakdown}` : 'given on the command line'],
      ['eu2', persons_(persons.eu2), persons.label],
      ['insured', persons_(persons.insured), persons.label],
      ['net', persons_(net), 'eu2 − insured'],
      ['rate_eur', money(rateCents), `total / net = ${exactText}, rounded to the cent (price level ${options.year})`],
      ['rate_rounded_eur', persons_(rateEuros), 'rounded to whole euros, as the paper prints its rate'],
      ...departments.map((d): (string | number)[] => [
        `department: ${d.department}`,
        money(d.cents),
        `${formatHundredths(mulDivRound(d.cents, 10_000, totalCents), { locale, grouped: false })} % of the total; ${money(roundDiv(d.cents, net))} EUR per net person`,
      ]),
    ],
    notes: [`Calibrated rate: ${money(rateCents)} EUR per net person and year (rounded: ${persons_(rateEuros)} EUR), price level ${options.year}.`],
  };
  // Open the parameter file first: a path that cannot be written fails before anything is printed.
  const inputs = [file, options.breakdown].filter((f): f is string => f !== undefined);
  const parameterOutput = options.writeParameter === undefined ? null
    : parameterToStdout ? openOutput('-', inputs) : openFileOutput(options.writeParameter, inputs);
  if (parameterToStdout) {
    // The listing is not written: standard output carries the parameter file alone.
  } else if (options.format === 'json') {
    const document = {
      total_cost_eur: totalCents / 100,
      eu2: persons.eu2,
      insured: persons.insured,
      net,
      rate_eur: rateCents / 100,
      rate_rounded_eur: rateEuros,
      rate_exact: Number(exact),
      price_year: options.year,
      departments: departments.map((d) => ({ department: d.department, cost_eur: d.cents / 100, share_pct: mulDivRound(d.cents, 10_000, totalCents) / 100 })),
    };
    writeResult(`${safeJson(JSON.stringify(document, null, 2))}\n`, inputs);
  } else {
    writeResult(await renderListing(listing, options.format as ListingFormat, locale), inputs);
  }

  if (options.writeParameter !== undefined) {
    const parameter = {
      name: 'rate',
      description: `Own per-capita rate, calibrated with burden calibrate: total cost ${totalCents / 100} EUR / net persons ${net} (eu2 ${persons.eu2} − insured ${persons.insured}), price level ${options.year}.`,
      unit: 'EUR/person/year',
      values: [{ from: `${options.year}-01-01`, value: rateCents / 100, source: `${options.source}: ${totalCents / 100} EUR / ${net} net persons`, status: 'official' }],
    };
    const output = parameterOutput;
    if (!output) throw new Error('the parameter output was not opened');
    try {
      // Escaped as every json output is (terminal-safe.ts): it may go to a terminal, and --source is free text.
      output.write(`${safeJson(JSON.stringify(parameter, null, 2))}\n`);
      output.commit();
    } catch (error) {
      output.abort();
      throw error;
    }
    if (!parameterToStdout) process.stderr.write(`${safeText(`wrote ${options.writeParameter}: use it with burden calc --rate-file ${options.writeParameter}`)}\n`);
  }
}

/** The results on standard output, through the writer (closed pipe, full disk, stdout an input). */
function writeResult(text: string, inputs: readonly string[]): void {
  const output = openOutput(undefined, inputs);
  output.write(text);
  output.commit();
}

interface Plausibility {
  totalCents: number;
  net: number;
  parameters: ReadonlyMap<string, { values: readonly { value: number }[] }>;
  file: string | undefined;
  locale: Locale;
}

/**
 * A rate far from the paper's 2,143 EUR most often means the total or the counts are not what
 * was meant (a total in cents, a count of one). Above rate_limit it is refused (exit 65, not
 * an overflow further on); outside rate_plausible_low–rate_plausible_high it is a warning. The
 * bounds are parameters marked as assumptions (data/parameters/), so they can be reviewed.
 */
async function checkPlausible(rateCents: number, context: Plausibility): Promise<void> {
  const bound = (name: string): number => {
    const values = context.parameters.get(name)?.values ?? [];
    const value = values[values.length - 1]?.value;
    if (value === undefined) throw new Error(`the shipped parameter ${name} is missing`);
    return Math.round(value * 100);
  };
  const euros = (cents: number): string => formatHundredths(cents, { locale: context.locale, grouped: true });
  const how = `${euros(context.totalCents)} EUR / ${groupDigits(context.net, context.locale)} net person${context.net === 1 ? '' : 's'}`;
  const limit = bound('rate_limit');
  if (rateCents > limit) {
    throw new BurdenError(EXIT.dataError, `the rate would be ${euros(rateCents)} EUR per net person and year (${how}), above the limit of ${euros(limit)} EUR (parameter rate_limit, an assumption)`,
      context.file === undefined ? {} : { file: context.file }, 'check that the total cost is in euros and the counts are those of the persons the cost is for');
  }
  if (rateCents === 0) {
    throw new BurdenError(EXIT.dataError, `the rate would be 0 EUR per net person and year (${how})`, context.file === undefined ? {} : { file: context.file },
      'check that the total cost is in euros and the counts are those of the persons the cost is for');
  }
  const [low, high] = [bound('rate_plausible_low'), bound('rate_plausible_high')];
  if (rateCents < low || rateCents > high) {
    await printWarnings([{
      message: `the calibrated rate ${euros(rateCents)} EUR per net person (${how}) is far ${rateCents < low ? 'below' : 'above'} the paper's ${groupDigits(Math.round(bound('rate') / 100), context.locale)} EUR; `
        + `plausible is ${euros(low)}–${euros(high)} EUR (parameters rate_plausible_low and rate_plausible_high, an assumption): check the total cost and the counts`,
    }]);
  }
}
