import type { WarningCollector } from '../engine/method.js';
import { LANDS } from '../io/lands.js';
import { loadRegister } from '../io/shipped.js';
import type { RuleSet } from '../schema/rules.js';
import { findDataset, readDataset } from '../io/datasets.js';
import { type Note, note } from '../output/notes.js';

/**
 * A fixed pot is shared over every eligible municipality of the PROGRAMME's area (all of NRW
 * for the Südosteuropa pot), not over the rows a user happens to give: a city running its own
 * one-row file must get its share, not the whole pot. Where the input covers only part of the
 * area, the other Kreise take part with their counts from the shipped Kreis dataset; the
 * input's rows replace a Kreis at the same level, a Gemeinde's counts are taken out of its
 * Kreis's (never counted twice), and an input row for a whole Land or Regierungsbezirk covers
 * every Kreis inside it. The rows returned here share the pot but are never written.
 */
export interface AreaCount {
  ags: string;
  name: string;
  /** Reference year of the shipped counts. */
  year: number;
  eu2: number;
  population: number | null;
}

export interface PotArea {
  /** Kreise (or what is left of them) from the shipped data that share the pots with the input. */
  counts: AreaCount[];
  /** The sentence for the notes: whose key figures the pots were shared over. */
  note: Note | null;
}

/** A key that stands for all of Germany (the paper's national figure, a total): it covers every Kreis. */
const isGermany = (ags: string): boolean => ags === '' || ags === '0' || ags === '00';

/** The shipped Kreis dataset whose counts fill the programme areas. */
export const AREA_DATASET = 'eu2-de-kreise-2025';

const potLands = (ruleSets: readonly RuleSet[]): string[] | null => {
  const lands = new Set<string>();
  let any = false;
  for (const programme of ruleSets.flatMap((r) => r.programmes)) {
    if (programme.kind !== 'fixed_pot') continue;
    any = true;
    const land = programme.eligibility?.land;
    if (land === undefined) lands.add('');
    else for (const l of Array.isArray(land) ? land : [land]) lands.add(l);
  }
  return any ? [...lands] : null;
};

/** The Kreise of the shipped data not already in the input, for rule sets with a fixed pot; none otherwise. */
export async function potArea(ruleSets: readonly RuleSet[], input: readonly { ags: string; year?: number | null; eu2: number; population: number | null }[],
  warnings: WarningCollector): Promise<PotArea> {
  const lands = potLands(ruleSets);
  if (!lands) return { counts: [], note: null };
  const info = await findDataset(AREA_DATASET);
  const table = await readDataset(info);
  const register = await loadRegister('kreis');
  const col = (name: string): number => table.header.indexOf(name);
  const [agsAt, nameAt, eu2At, populationAt] = [col('ags'), col('name'), col('eu2'), col('population')];
  const year = Number(info.reference_date.slice(0, 4));
  const shippedLands = new Set(table.rows.map((r) => (r[agsAt] ?? '').slice(0, 2)));
  // The whole of Germany is covered only by a dataset with every Land.
  const uncovered = lands.filter((land) => (land === '' ? shippedLands.size < LANDS.length : !shippedLands.has(land)));
  for (const land of uncovered) {
    warnings.add('pot-upper-bound', 'no shipped data covers the area of a fixed pot: it is shared over the input\'s rows only, so its claims are an upper bound (give counts for every municipality of the area)',
      land === '' ? 'all of Germany' : `Land ${land}`);
  }
  // Each key of the input once, however many years it has rows for: the row of the dataset's
  // year where there is one, else its latest. The shipped counts are of one year.
  const keys = new Map<string, (typeof input)[number]>();
  for (const r of input) {
    const kept = keys.get(r.ags);
    if (!kept || (kept.year !== year && (r.year === year || (r.year ?? 0) > (kept.year ?? 0)))) keys.set(r.ags, r);
  }
  // Keys below a Kreis (Gemeinden, Verbände), by the Kreis's five digits.
  const below = new Map<string, (typeof input)[number][]>();
  for (const r of keys.values()) if (r.ags.length > 5) below.set(r.ags.slice(0, 5), [...(below.get(r.ags.slice(0, 5)) ?? []), r]);
  const germany = [...keys.keys()].some(isGermany);
  const counts: AreaCount[] = [];
  let replaced = 0;
  for (const row of table.rows) {
    const ags = row[agsAt] ?? '';
    if (!lands.some((land) => ags.startsWith(land))) continue;
    // The input has this Kreis, or an area containing it (a Land, a Regierungsbezirk): its own figures stand.
    if (germany || keys.has(ags) || [2, 3].some((length) => length < ags.length && keys.has(ags.slice(0, length)))) {
      replaced += 1;
      continue;
    }
    const inside = (below.get(ags.slice(0, 5)) ?? []).filter((r) => r.ags.startsWith(ags));
    const registered = register[ags]?.[1] ?? null;
    let population = populationAt >= 0 && row[populationAt] ? Number(row[populationAt]) : registered;
    let eu2 = Number(row[eu2At]);
    for (const r of inside) {
      eu2 -= r.eu2;
      population = population === null || r.population === null ? null : population - r.population;
    }
    counts.push({ ags, name: row[nameAt] ?? '', year, eu2: Math.max(eu2, 0), population: population === null ? null : Math.max(population, 0) });
  }
  const areaNote = counts.length === 0
    ? null
    : note('note.pot_area', {
      rows: keys.size, replaced: replaced ? note('note.pot_area_replaced', { replaced }) : '', further: counts.length, dataset: info.name, date: info.reference_date,
    });
  return { counts, note: areaNote };
}
