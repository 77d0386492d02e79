import type { z } from 'zod';
import { BurdenError, EXIT } from '../errors.js';

/** A zod failure as one line: the file, the key path and what is wrong with it. */
export function schemaError(file: string, error: z.ZodError): BurdenError {
  const issue = error.issues[0];
  if (!issue) return new BurdenError(EXIT.dataError, 'is not valid', { file });
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const where = path ? `key "${path}": ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new BurdenError(EXIT.dataError, `${where}${message}${more}`, { file }, suggestionFor(issue));
}

function suggestionFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'remove it or check its spelling; unknown keys are never ignored';
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'see `burden params` and data/parameters/README.md for the expected shape';
  }
}
