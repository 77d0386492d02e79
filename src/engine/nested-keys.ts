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
  /** [year or 0, key of 2, 3, 5 or 9 digits] */
  outer: [number, string][];
  /** [year or 0, prefix, the first longer key that has it] */
  prefixes: [number, string, string][];
}

/**
 * A key prefix of n digits as one number, n × 10^10 + its value: "05" and "005" stay apart,
 * and a row costs no string (this runs for every row of a streamed input).
 */
const code = (n: number, value: number): number => n * 1e10 + value;
const text = (prefixCode: number): string => {
  const n = Math.floor(prefixCode / 1e10);
  return String(prefixCode - n * 1e10).padStart(n, '0');
};

/** Whether two keys share their first n digits (without slicing them: this runs for every row). */
function samePrefix(a: string, b: string, n: number): boolean {
  for (let i = n - 1; i >= 0; i--) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

export class NestedKeys {
  /** year → codes of the rows' own keys of an outer length */
  private readonly outer = new Map<number, Set<number>>();
  /** year → prefix code → the first longer key that has it */
  private readonly prefixes = new Map<number, Map<number, string>>();
  /** The year and key of the last key that was looked at, and the length of its longest outer prefix. */
  private lastYear = -1;
  private lastKey = '';
  private lastLongest = 0;
  /** The prefix codes of the key at hand (at most four: 2, 3, 5 and 9 digits), reused row by row. */
  private readonly found = [0, 0, 0, 0];

  add(ags: string, year: number | null): void {
    const y = year ?? 0;
    const isOuter = OUTER_LENGTHS.includes(ags.length);
    // A Gemeinde row after one of the same Kreis (or Verband), as sorted input has them, teaches nothing new.
    if (!isOuter && y === this.lastYear && ags.length === this.lastKey.length && this.lastLongest > 0 && samePrefix(ags, this.lastKey, this.lastLongest)) return;
    // The key's prefixes of outer lengths, as codes.
    let value = 0;
    let longest = 0;
    let count = 0;
    const found = this.found;
    for (let i = 0; i < Math.min(ags.length - 1, 9); i++) {
      value = value * 10 + (ags.charCodeAt(i) - 48);
      if (OUTER_LENGTHS.includes(i + 1)) {
        found[count++] = code(i + 1, value);
        longest = i + 1;
      }
    }
    this.lastYear = y;
    this.lastKey = ags;
    this.lastLongest = longest;
    if (isOuter) {
      let whole = 0;
      for (let i = 0; i < ags.length; i++) whole = whole * 10 + (ags.charCodeAt(i) - 48);
      this.setOf(this.outer, y, () => new Set<number>()).add(code(ags.length, whole));
    }
    const prefixes = this.setOf(this.prefixes, y, () => new Map<number, string>());
    for (let k = 0; k < count; k++) {
      const prefix = found[k] as number;
      if (!prefixes.has(prefix)) prefixes.set(prefix, ags);
    }
  }

  private setOf<T>(map: Map<number, T>, year: number, make: () => T): T {
    let value = map.get(year);
    if (value === undefined) map.set(year, (value = make()));
    return value;
  }

  state(): NestedKeysState {
    return {
      outer: [...this.outer].flatMap(([year, keys]) => [...keys].map((key): [number, string] => [year, text(key)])),
      prefixes: [...this.prefixes].flatMap(([year, map]) => [...map].map(([prefix, inner]): [number, string, string] => [year, text(prefix), inner])),
    };
  }

  /** Add what another tracker saw (a later piece of the same input). */
  absorb(state: NestedKeysState): void {
    const codeOf = (key: string): number => code(key.length, Number(key));
    for (const [year, key] of state.outer) this.setOf(this.outer, year, () => new Set<number>()).add(codeOf(key));
    for (const [year, prefix, inner] of state.prefixes) {
      const prefixes = this.setOf(this.prefixes, year, () => new Map<number, string>());
      if (!prefixes.has(codeOf(prefix))) prefixes.set(codeOf(prefix), inner);
    }
  }

  /** One warning naming each row whose area contains another row's, with one row inside it. */
  warn(warnings: WarningCollector): void {
    for (const [year, keys] of this.outer) {
      const prefixes = this.prefixes.get(year);
      for (const key of [...keys].map(text).sort()) {
        const inner = prefixes?.get(code(key.length, Number(key)));
        if (inner === undefined) continue;
        warnings.add('nested-keys', 'rows whose area contains other rows\' areas: their people count twice in the totals and in any pot\'s key '
          + '(keep one level, e.g. drop Land and Kreis sums)', `${key} contains ${inner}${year === 0 ? '' : ` (${year})`}`);
      }
    }
  }
}
