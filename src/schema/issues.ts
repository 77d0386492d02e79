import type * as z from 'zod/mini';
import { BurdenError, EXIT } from '../errors.js';

type Issue = z.core.$ZodIssue;

/** A zod failure as one line: the file, the key path and what is wrong with it. */
export function schemaError(file: string, error: z.core.$ZodError): BurdenError {
  const issue = deepest(error.issues[0]);
  if (!issue) return new BurdenError(EXIT.dataError, 'is not valid', { file });
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const where = path ? `key "${path}": ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new BurdenError(EXIT.dataError, `${where}${message}${more}`, { file }, suggestionFor(issue));
}

/** A union that failed reports each branch; the most specific branch error is the useful one. */
function deepest(issue: Issue | undefined, prefix: PropertyKey[] = []): (Issue & { path: PropertyKey[] }) | undefined {
  if (!issue) return undefined;
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map((branch) => deepest(branch[0], path)).filter((b): b is Issue & { path: PropertyKey[] } => b !== undefined);
    branches.sort((a, b) => b.path.length - a.path.length);
    if (branches[0]) return branches[0];
  }
  return { ...issue, path };
}

function suggestionFor(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'remove it or check its spelling; unknown keys are never ignored';
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'see burden params, burden rules show, and the READMEs in data/ for the expected shape';
  }
}
