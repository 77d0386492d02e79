import type * as z from 'zod/mini';
import { BurdenError, EXIT } from '../errors.js';

type Issue = z.core.$ZodIssue;
type Located = Issue & { path: PropertyKey[] };

/**
 * A zod failure as one line: the file, the key path, what was expected and what was found
 * there (`key "values.0.value": expected a number, found "2143" (text)`), never zod's bare
 * "Invalid input". `data` is what was parsed, to show the value found at the path.
 */
export function schemaError(file: string, error: z.core.$ZodError, data?: unknown): BurdenError {
  const issue = deepest(error.issues[0]);
  if (!issue) return new BurdenError(EXIT.dataError, 'is not valid', { file });
  const path = issue.path.map(String).join('.');
  const where = path ? `key "${path}": ` : '';
  const more = error.issues.length > 1 ? `; ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''} after this one` : '';
  return new BurdenError(EXIT.dataError, `${where}${describeIssue(issue, valueAt(data, issue.path))}${more}`, { file }, suggestionFor(issue));
}

/** The value at a key path, or the `missing` marker when a key on the way is absent. */
const MISSING = Symbol('missing');
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(String(key) in current)) return MISSING;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return current;
}

/** A value found in a file, in words: `"2143" (text)`, `2017 (a number)`, `an object`. */
function found(value: unknown): string {
  if (value === MISSING || value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  const shown = json.length > 43 ? `${json.slice(0, 40)}...` : json;
  return `${shown} (${typeof value === 'string' ? 'text' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true or false' : typeof value})`;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', string: 'text', object: 'an object', array: 'a list', boolean: 'true or false', int: 'a whole number', null: 'null',
};
const typeWord = (expected: string): string => TYPE_WORDS[expected] ?? expected;

function describeIssue(issue: Located, value: unknown): string {
  const was = found(value);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected.split(' or ').map(typeWord).join(' or ')}, found ${was}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${was}`;
    case 'too_small': {
      const what = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
      return `expected ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${what ? ` ${what}` : ''}, found ${was}`;
    }
    case 'too_big': {
      const what = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
      return `expected ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${what ? ` ${what}` : ''}, found ${was}`;
    }
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default: {
      // Our own messages (a refine, a regex, a transform) say what is expected; they name the
      // value found unless they quote it already.
      const quoted = value !== MISSING && typeof value !== 'object' && issue.message.includes(String(value));
      return quoted || value === MISSING ? issue.message : `${issue.message}, found ${was}`;
    }
  }
}

/**
 * A union that failed reports each branch. Where a branch got further into the value (its
 * problem lies deeper), that problem is the useful one; where every branch failed at the
 * union's own key (the value has none of the expected types), the expectation is all of them.
 */
function deepest(issue: Issue | undefined, prefix: PropertyKey[] = []): Located | undefined {
  if (!issue) return undefined;
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map((branch) => deepest(branch[0], path)).filter((b): b is Located => b !== undefined);
    branches.sort((a, b) => b.path.length - a.path.length);
    const [first] = branches;
    if (first && first.path.length > path.length) return first;
    const expected = branches.map(expectation).filter((e): e is string => e !== null);
    if (expected.length === branches.length && expected.length > 0) {
      return { code: 'invalid_type', expected: [...new Set(expected)].join(' or '), path, message: '', input: undefined } as unknown as Located;
    }
    if (first) return first;
  }
  return { ...issue, path };
}

/** What a branch of a union wanted, in words, when it failed on the value's type. */
function expectation(issue: Located): string | null {
  if (issue.code === 'invalid_type') return issue.expected === 'object' ? 'an object' : typeWord(issue.expected);
  return null;
}

function suggestionFor(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'remove it or check its spelling; unknown keys are never ignored';
    case 'invalid_value':
      return 'write one of these values exactly';
    default:
      return 'see burden params, burden rules show, and the READMEs in data/ for the expected shape';
  }
}
