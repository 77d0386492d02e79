import type { WarningCollector } from './method.js';

/**
 * Rows whose area contains other rows' areas: a Land, Regierungsbezirk, Kreis or Verband sum
 * beside its own Kreise or Gemeinden, as GENESIS exports often have. Their people count twice
 * in totals and in a pot's key. Tracked row by row in a few small sets (the keys of 2, 3, 5
 * and 9 digits, and those prefixes of all keys), so a streamed input of millions of rows is
 * checked as cheaply as a table, and every output format warns alike. (An 8-digit Gemeinde
 * key is no prefix of a 12-digit one: the regional key puts the Verband before the Gemeinde.)
 */
const OUTER_LENGTHS = [2, 3, 5, 9];

/** What one tracker saw, as plain data: worker threads send it to the main thread. */
export interface NestedKeysState {
  /** year (or '' without one) → key of 2, 3 or 5 digits */
  outer: [string, string][];
  /** year → prefix → the first longer key that has it */
  prefixes: [string, string, string][];
}

export class NestedKeys {
  private readonly outer = new Map<string, Set<string>>();
  private readonly prefixes = new Map<string, Map<string, string>>();
  private lastYear: string | null = null;
  private lastPrefix = '';

  add(ags: string, year: number | null): void {
    const y = year === null ? '' : String(year);
    const isOuter = OUTER_LENGTHS.includes(ags.length);
    // The longest outer prefix of the key: a Gemeinde row after a Gemeinde row of the same
    // Kreis (or Verband), as sorted input has them, teaches nothing new.
    const longest = OUTER_LENGTHS.filter((n) => n < ags.length).pop() ?? 0;
    if (!isOuter && y === this.lastYear && longest > 0 && this.lastPrefix.length === longest && ags.startsWith(this.lastPrefix)) return;
    this.lastYear = y;
    this.lastPrefix = ags.slice(0, longest);
    if (isOuter) this.setOf(this.outer, y, () => new Set<string>()).add(ags);
    const prefixes = this.setOf(this.prefixes, y, () => new Map<string, string>());
    for (const n of OUTER_LENGTHS) {
      if (n >= ags.length) break;
      const prefix = ags.slice(0, n);
      if (!prefixes.has(prefix)) prefixes.set(prefix, ags);
    }
  }

  private setOf<T>(map: Map<string, T>, year: string, make: () => T): T {
    let value = map.get(year);
    if (value === undefined) map.set(year, (value = make()));
    return value;
  }

  state(): NestedKeysState {
    return {
      outer: [...this.outer].flatMap(([year, keys]) => [...keys].map((key): [string, string] => [year, key])),
      prefixes: [...this.prefixes].flatMap(([year, map]) => [...map].map(([prefix, inner]): [string, string, string] => [year, prefix, inner])),
    };
  }

  /** Add what another tracker saw (a later piece of the same input). */
  absorb(state: NestedKeysState): void {
    for (const [year, key] of state.outer) this.setOf(this.outer, year, () => new Set<string>()).add(key);
    for (const [year, prefix, inner] of state.prefixes) {
      const prefixes = this.setOf(this.prefixes, year, () => new Map<string, string>());
      if (!prefixes.has(prefix)) prefixes.set(prefix, inner);
    }
  }

  /** One warning naming each row whose area contains another row's, with one row inside it. */
  warn(warnings: WarningCollector): void {
    for (const [year, keys] of this.outer) {
      const prefixes = this.prefixes.get(year);
      for (const key of [...keys].sort()) {
        const inner = prefixes?.get(key);
        if (inner === undefined) continue;
        warnings.add('nested-keys', 'rows whose area contains other rows\' areas: their people count twice in the totals and in any pot\'s key '
          + '(keep one level, e.g. drop Land and Kreis sums)', `${key} contains ${inner}${year === '' ? '' : ` (${year})`}`);
      }
    }
  }
}
