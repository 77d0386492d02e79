/**
 * JSON.parse keeps the last of two equal keys without a word, so `{"value": 500, …, "value":
 * 5}` in a rule or parameter file would quietly mean 5. This finds such a key in text that
 * JSON.parse has accepted (so the scan can trust the grammar), with its path and lines. Keys
 * are compared as JSON.parse reads them: "\u0061" and "a" are the same key.
 */
export interface DuplicateKey {
  key: string;
  /** The path to the key, e.g. programmes.0.id. */
  path: string;
  line: number;
  firstLine: number;
}

type Frame = { keys: Map<string, number>; current: string } | { index: number };

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    else if (c === 0x7b) stack.push({ keys: new Map(), current: '' });
    else if (c === 0x5b) stack.push({ index: 0 });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top && 'index' in top) top.index += 1;
    } else if (c === 0x22) {
      // A string: to its closing quote (a raw line break cannot occur inside one in valid JSON).
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && 'keys' in top) {
        let next = end + 1;
        while (WHITESPACE.has(text.charCodeAt(next))) next += 1;
        if (text.charCodeAt(next) === 0x3a) {
          const key = JSON.parse(text.slice(i, end + 1)) as string;
          const first = top.keys.get(key);
          if (first !== undefined) {
            const path = [...stack.slice(0, -1).map((f) => ('index' in f ? String(f.index) : f.current)), key].join('.');
            return { key, path, line, firstLine: first };
          }
          top.keys.set(key, line);
          top.current = key;
        }
      }
      i = end;
    }
  }
  return null;
}
