import { type Lang, type TermKey, fill, statusWord } from '../report/terms.js';
import type { Status } from '../engine/status.js';

/**
 * A note of a run, for every format: text as it is (a rule set's own title, a source), or
 * words of the one catalogue (report/terms.ts `note.*`) with their values, which each report
 * writes in its language and json in English. A value may be a status, written as its word,
 * another note, or a list of notes joined by a separator.
 */
export type Note = string | KeyedNote;
export interface KeyedNote {
  term: TermKey;
  values?: Record<string, NoteValue>;
}
export type NoteValue = string | number | { status: Status } | KeyedNote | { join: readonly Note[]; by: string };

export const note = (term: TermKey, values?: Record<string, NoteValue>): KeyedNote => (values ? { term, values } : { term });

/** A note in a language. */
export function noteText(value: Note, lang: Lang): string {
  if (typeof value === 'string') return value;
  const values = Object.fromEntries(Object.entries(value.values ?? {}).map(([name, v]) => [name, valueText(v, lang)]));
  return fill(lang, value.term, values);
}

function valueText(value: NoteValue, lang: Lang): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('status' in value) return statusWord(lang, value.status);
  if ('join' in value) return value.join.map((n) => noteText(n, lang)).join(value.by);
  return noteText(value, lang);
}
