import { BurdenError, EXIT, usageError } from '../errors.js';
import { valueAt } from '../engine/parameters.js';
import { parseParameterJson, parseRuleJson, readJsonFile } from '../io/compile-data.js';
import { loadShippedData } from '../io/shipped.js';
import { type Listing, type ListingFormat, renderListing } from '../output/listing.js';
import type { Programme } from '../schema/rules.js';
import type { Parameter } from '../schema/parameter.js';
import { rangeText } from '../schema/bounds.js';
import { isoDateSchema } from '../schema/parameter.js';
import { loadRuleSet } from '../pipeline/scenarios.js';
import { openOutput } from '../io/writer.js';
import { safeText } from '../terminal-safe.js';

/**
 * Results go through the writer, as calc's do: a closed pipe (`burden params | head -1`) ends
 * quietly, a full disk is exit 73 with one line, and standard output may not be an input.
 */
const write = (text: string, inputs: readonly string[] = []): void => {
  const output = openOutput(undefined, inputs);
  output.write(text);
  output.commit();
};

/** The amount of a programme, with the value its parameter has from the programme's start. */
function amountText(programme: Programme, parameters: readonly Parameter[]): string {
  const ref = programme.kind === 'fixed_pot' ? programme.pot_eur : programme.kind === 'per_person' ? programme.amount_eur : programme.share;
  const what = programme.kind === 'fixed_pot' ? `pot by ${programme.key}` : programme.kind === 'per_person' ? `per ${programme.basis} person` : 'share of cost';
  if (typeof ref === 'number') return `${what}: ${ref}`;
  const parameter = parameters.find((p) => p.name === ref.parameter);
  const entry = parameter ? valueAt(parameter, programme.to ?? programme.from) ?? parameter.values[0] : undefined;
  const value = entry && parameter ? ` = ${entry.value} ${parameter.unit} (from ${entry.from}, ${entry.status})` : '';
  return `${what}: parameter ${ref.parameter}${value}`;
}

function eligibilityText(programme: Programme): string {
  const e = programme.eligibility;
  if (!e) return 'all';
  const parts = [
    e.land !== undefined ? `Land ${[e.land].flat().join('/')}` : null,
    e.ags ? `${e.ags.length} listed keys` : null,
    e.min_eu2 !== undefined ? `eu2 ≥ ${e.min_eu2}` : null,
    e.min_net !== undefined ? `net ≥ ${e.min_net}` : null,
    e.min_eu2_share_pct !== undefined ? `EU2 share ≥ ${e.min_eu2_share_pct} %` : null,
  ].filter(Boolean);
  return parts.join(' and ');
}

export async function listRules(options: { format: string }): Promise<void> {
  const shipped = await loadShippedData();
  const listing: Listing = {
    columns: ['id', 'title', 'programmes'],
    rows: shipped.rules.map((r) => [r.id, r.title, r.programmes.map((p) => `${p.id} (${p.kind}, ${p.from} – ${p.to ?? 'open'}, ${p.status})`).join('; ')]),
    notes: ['burden rules show ID lists every programme with its sources and assumptions.'],
  };
  write(await renderListing(listing, options.format as ListingFormat));
}

export async function showRules(spec: string, options: { format: string }): Promise<void> {
  const shipped = await loadShippedData();
  const ruleSet = await loadRuleSet(spec, shipped);
  const inputs = shipped.rules.some((r) => r.id === spec) ? [] : [spec];
  const listing: Listing = {
    columns: ['programme', 'kind', 'from', 'to', 'status', 'amount', 'eligibility', 'cap_share', 'source', 'assumptions'],
    rows: ruleSet.programmes.map((p) => [
      `${p.id}: ${p.label}`,
      p.kind,
      p.from,
      p.to ?? 'open',
      p.status,
      amountText(p, shipped.parameters),
      eligibilityText(p),
      p.cap_share === undefined ? null : typeof p.cap_share === 'number' ? p.cap_share : `parameter ${p.cap_share.parameter}`,
      p.source,
      (p.assumptions ?? []).map((a) => `${a.field}: ${a.why}`).join(' '),
    ]),
    notes: [`${ruleSet.id}: ${ruleSet.title}`, ruleSet.description],
  };
  write(await renderListing(listing, options.format as ListingFormat), inputs);
}

/**
 * Validate a user's file: a rule set if it has programmes, a parameter if it has values. The
 * file is read once, so a pipe or FIFO (`burden rules check <(cat r.json)`) works as a file does.
 */
export async function checkFile(file: string): Promise<void> {
  const shipped = await loadShippedData();
  const json = readJsonFile(file);
  if (json !== null && typeof json === 'object' && 'programmes' in json) {
    const ruleSet = parseRuleJson(json, file, shipped.parameters);
    write(safeText(`${file}: valid rule set "${ruleSet.id}" with ${ruleSet.programmes.length} programme${ruleSet.programmes.length === 1 ? '' : 's'}`) + '\n', [file]);
    return;
  }
  if (json !== null && typeof json === 'object' && 'values' in json) {
    const parameter = parseParameterJson(json, file);
    write(safeText(`${file}: valid parameter "${parameter.name}" (${parameter.unit}) with ${parameter.values.length} value${parameter.values.length === 1 ? '' : 's'}`) + '\n', [file]);
    return;
  }
  throw new BurdenError(EXIT.dataError, 'is neither a rule set (no "programmes") nor a parameter (no "values")', { file },
    'see data/rules/ and data/parameters/ for examples');
}

export async function listParams(name: string | undefined, options: { format: string; at?: string }): Promise<void> {
  if (options.at !== undefined && !isoDateSchema.safeParse(options.at).success) throw usageError(`--at "${options.at}" is not a date`, 'write a calendar date as YYYY-MM-DD');
  const shipped = await loadShippedData();
  if (name !== undefined) {
    const parameter = shipped.parameters.find((p) => p.name === name);
    if (!parameter) throw usageError(`no parameter "${name}"`, `parameters: ${shipped.parameters.map((p) => p.name).join(', ')}`);
    // With --at, only the value in force on that date; without, every dated value.
    const inForce = options.at ? valueAt(parameter, options.at) : undefined;
    if (options.at && !inForce) throw usageError(`${name} has no value in force on ${options.at}`, `its first value is from ${parameter.values[0]?.from}`);
    const values = inForce ? [inForce] : parameter.values;
    const listing: Listing = {
      columns: ['from', 'value', 'unit', 'status', 'source', 'note'],
      rows: values.map((v) => [v.from, v.value, parameter.unit, v.status, v.source, v.note ?? null]),
      notes: [
        `${parameter.name}: ${parameter.description}`,
        ...(parameter.minimum !== undefined || parameter.maximum !== undefined
          ? [`Its file allows values ${rangeText(parameter.minimum, parameter.maximum, parameter.unit)}; --set is held to that range.`] : []),
        ...(options.at ? [`Value in force on ${options.at}.`] : []),
      ],
    };
    write(await renderListing(listing, options.format as ListingFormat));
    return;
  }
  const listing: Listing = {
    columns: ['name', 'value', 'unit', 'from', 'status', 'source'],
    rows: shipped.parameters.map((p) => {
      const entry = options.at ? valueAt(p, options.at) : p.values[p.values.length - 1];
      return [p.name, entry?.value ?? null, p.unit, entry?.from ?? null, entry?.status ?? `none in force on ${options.at}`, entry?.source ?? null];
    }),
    notes: [options.at ? `Values in force on ${options.at}.` : 'Latest value of each parameter; --at DATE gives the value in force on a date, burden params NAME every value.'],
  };
  write(await renderListing(listing, options.format as ListingFormat));
}
