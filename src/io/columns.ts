import { BurdenError, EXIT, quote, usageError } from '../errors.js';

/**
 * Header mapping: each canonical field has aliases that statistical offices use. Matching
 * ignores case, surrounding spaces and the spelling of umlauts (ä/ae, ö/oe, ü/ue, ß/ss);
 * `--column canonical=Header` maps any other header.
 */
export const CANONICAL_FIELDS = {
  ags: ['ags', 'gemeindeschluessel', 'kreis_ags', 'ars', 'schluessel'],
  name: ['name', 'gemeinde', 'kreis', 'kommune'],
  population: ['population', 'einwohner', 'bevoelkerung'],
  eu2: ['eu2', 'eu2_residents'],
  bg: ['bg', 'bulgarien'],
  ro: ['ro', 'rumaenien'],
  insured: ['insured', 'svb', 'sv_beschaeftigte'],
  insured_bg: ['insured_bg'],
  insured_ro: ['insured_ro'],
  year: ['year', 'jahr'],
} as const;

export type CanonicalField = keyof typeof CANONICAL_FIELDS;
export type ColumnMap = Partial<Record<CanonicalField, number>>;

export const isCanonicalField = (name: string): name is CanonicalField => Object.hasOwn(CANONICAL_FIELDS, name);

/** The form in which headers are compared: "  Bevölkerung " and "bevoelkerung" are the same. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss');
}

const ALIAS_TO_FIELD = new Map<string, CanonicalField>(
  (Object.entries(CANONICAL_FIELDS) as [CanonicalField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias, field] as [string, CanonicalField]),
  ),
);

/** Parse `--column canonical=Header` options into a map from canonical field to header, as typed (for messages). */
export function parseColumnOverrides(specs: readonly string[]): Map<CanonicalField, string> {
  const overrides = new Map<CanonicalField, string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const field = spec.slice(0, eq).trim();
    if (eq <= 0 || !isCanonicalField(field)) {
      throw usageError(`--column ${quote(spec)} is not canonical=Header`,
        `canonical is one of ${Object.keys(CANONICAL_FIELDS).join(', ')}`);
    }
    const earlier = overrides.get(field);
    if (earlier !== undefined) {
      throw usageError(`--column ${field}=… is given twice (${quote(earlier)} and ${quote(spec.slice(eq + 1).trim())})`, 'give each field once');
    }
    overrides.set(field, spec.slice(eq + 1).trim());
  }
  return overrides;
}

/** Map a header row to canonical fields; unknown headers are ignored, ambiguous ones are errors. */
export function mapColumns(header: readonly string[], overrides: ReadonlyMap<CanonicalField, string>, file: string): ColumnMap {
  const map: ColumnMap = {};
  const seen = new Map<string, number>();
  const overriddenHeaders = new Map([...overrides].map(([field, h]) => [normalizeHeader(h), field]));
  header.forEach((raw, index) => {
    const normalized = normalizeHeader(raw.replace(/^\uFEFF/, ''));
    if (normalized === '') return;
    const earlier = seen.get(normalized);
    if (earlier !== undefined) {
      throw new BurdenError(EXIT.dataError, `header ${quote(raw)} appears twice (columns ${earlier + 1} and ${index + 1})`,
        { file, line: 1, column: raw }, 'rename or remove one of them');
    }
    seen.set(normalized, index);
    const field = overriddenHeaders.get(normalized) ?? (overrides.size && [...overrides.keys()].includes(ALIAS_TO_FIELD.get(normalized) as CanonicalField) ? undefined : ALIAS_TO_FIELD.get(normalized));
    if (field === undefined) return;
    const other = map[field];
    if (other !== undefined) {
      throw new BurdenError(EXIT.dataError,
        `columns ${quote(header[other] ?? '')} and ${quote(raw)} both mean "${field}"`,
        { file, line: 1, column: raw }, `keep one, or choose with --column ${field}=Header`);
    }
    map[field] = index;
  });
  for (const [field, wanted] of overrides) {
    if (map[field] === undefined) {
      throw usageError(`--column ${field}=${wanted}: ${file} has no column ${quote(wanted)}`,
        `its columns are ${header.map((h) => quote(h)).join(', ')}`);
    }
  }
  return map;
}
