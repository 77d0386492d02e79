/**
 * Duplicate keys in a streamed file, in memory that does not grow with the file when the
 * file is sorted. While keys arrive in strictly ascending order (statistical exports are
 * sorted by key) none can repeat, so only the last key is kept. At the first key out of
 * order the guard asks for every earlier key once (the caller reads the file again up to
 * that line) and from then on remembers each key: memory then grows with the file.
 */
export const RESCAN = Symbol('rescan');

export class KeyGuard {
  private last: string | null = null;
  private seen: Map<string, number> | null = null;

  /** The line of an earlier row with this key, undefined if none, or RESCAN when earlier keys are needed. */
  check(key: string, line: number): number | undefined | typeof RESCAN {
    if (this.seen) {
      const first = this.seen.get(key);
      if (first === undefined) this.seen.set(key, line);
      return first;
    }
    if (this.last === null || key > this.last) {
      this.last = key;
      return undefined;
    }
    return RESCAN;
  }

  /**
   * A run of keys already known to ascend from `first` to `last` (a piece checked by a worker
   * thread): true when it also continues the order, so none of its keys can repeat.
   */
  advanceSorted(first: string, last: string): boolean {
    if (this.seen || (this.last !== null && first <= this.last)) return false;
    this.last = last;
    return true;
  }

  /** Switch to remembering every key, starting with those before the first key out of order. */
  remember(earlier: Map<string, number>): void {
    this.seen = earlier;
  }

  /** True once the guard holds every key (the input was not sorted). */
  get remembering(): boolean {
    return this.seen !== null;
  }
}
