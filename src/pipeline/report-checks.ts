import type { WarningCollector } from '../engine/method.js';
import type { Scenario } from '../engine/programmes.js';
import { type Locale, formatHundredths } from '../io/numbers.js';
import { type Note, note } from '../output/notes.js';

/**
 * What calc says about a whole report beyond its columns, once all rows are read: warnings for
 * stderr (which every format has), notes for the report.
 */

/**
 * Warnings about the claims that stderr must carry in every format (csv has no notes): a rule
 * set with nothing in force, and pot money that reached no municipality.
 */
export function warnOfScenarios(scenarios: readonly Scenario[], warnings: WarningCollector, options: { locale: Locale; yearGiven: boolean }): void {
  for (const scenario of scenarios) {
    const id = scenario.ruleSet.id;
    if (!scenario.programmes.some((o) => o.inForce)) {
      // A rule set with nothing in force (nrw-2024 for the shipped 2025 data) pays nothing: say so.
      const years = [...new Set(scenario.programmes.map((o) => o.year))].join(', ');
      const windows = scenario.ruleSet.programmes.map((p) => `${p.id} ${p.from} – ${p.to ?? 'open'}`).join('; ');
      warnings.addGeneral(`rules-not-in-force-${id}`,
        `no programme of rules ${id} is in force in ${years} (${windows}), so every claim is 0${options.yearGiven ? '' : '; give --year to choose the budget year'}`);
    }
    // One warning per pot, naming its years (a projection may have thirty).
    const byPot = new Map<string, string[]>();
    for (const outcome of scenario.programmes) {
      if (outcome.unallocatedCents <= 0) continue;
      const amount = `${formatHundredths(outcome.unallocatedCents, { locale: options.locale, grouped: true })} EUR`;
      byPot.set(outcome.programme.id, [...(byPot.get(outcome.programme.id) ?? []), `${amount} for ${outcome.year}`]);
    }
    for (const [programme, amounts] of byPot) {
      const shown = amounts.length > 5 ? [...amounts.slice(0, 5), `and ${amounts.length - 5} more year${amounts.length === 6 ? '' : 's'}`] : amounts;
      warnings.addGeneral(`unallocated-${id}-${programme}`,
        `pot money of ${id}/${programme} reaches no municipality (none in the input is eligible, or all are capped): ${shown.join(', ')}`);
    }
  }
}

/**
 * Programme amounts (pots, per-person amounts) are nominal for their budget year; costs are at
 * the rate's price level. Said when the two differ, with what mends it: for one budget year
 * `flag` Y (calc's --year when no price year was given, else --price-year); over several, a
 * projection that prices each year at its own prices (`projecting`: it runs already, and only
 * its --price-year holds every year at one level).
 */
export function priceLevelNote(budgetYears: readonly number[], priceYear: number, flag: '--year' | '--price-year', projecting = false): Note[] {
  const years = [...new Set(budgetYears)].sort((a, b) => a - b);
  if (!years.some((y) => y !== priceYear)) return [];
  const [only] = years;
  if (years.length === 1 && only !== undefined) {
    return [note('note.price_levels_one', { year: only, price_year: priceYear, flag })];
  }
  const mend = note(projecting ? 'note.price_levels_mend_projecting' : 'note.price_levels_mend');
  return [note('note.price_levels_years', { years: years.join(', '), price_year: priceYear, mend })];
}

/** --year moves the shipped counts to another budget year unchanged: say so. */
export function movedCountsNote(year: number | undefined, dataYear: number | null): Note[] {
  if (year === undefined || dataYear === null || year === dataYear) return [];
  return [note('note.moved_counts', { data_year: dataYear, year })];
}
