import { type Lang, type TermKey, fill, isStatus, statusWord } from '../report/terms.js';
import type { Growth } from '../engine/growth.js';
import type { NationalImputation } from '../engine/imputation.js';
import { type Locale, groupDigits } from '../engine/format.js';
import { formatPpmPercent } from '../engine/series.js';
import type { Status } from '../engine/status.js';

/**
 * A note of a run, for every format: text as it is (a rule set's own title, a source), or
 * words of the one catalogue (report/terms.ts `note.*`) with their values, which each report
 * writes in its language and json in English. A value may be a status, written as its word,
 * another note, a list of notes joined by a separator, or a source: in parentheses (or between
 * given marks) where the note stands alone (json), cited by its number ` [n]`, after a short
 * label if it has one, where the report lists its sources.
 */
export type Note = string | KeyedNote;
export interface KeyedNote {
  term: TermKey;
  values?: Record<string, NoteValue>;
}
export type NoteValue = string | number | { status: Status } | { source: string; plain?: readonly [string, string]; label?: KeyedNote } | KeyedNote | { join: readonly Note[]; by: string | KeyedNote };

/** Numbers a source in the report's list of sources, giving "[n]". */
export type Cite = (source: string) => string;

export const note = (term: TermKey, values?: Record<string, NoteValue>): KeyedNote => (values ? { term, values } : { term });

/** A note in a language; with `cite`, its sources as numbers of the report's list. */
export function noteText(value: Note, lang: Lang, cite?: Cite): string {
  if (typeof value === 'string') return value;
  const values = Object.fromEntries(Object.entries(value.values ?? {}).map(([name, v]) => [name, valueText(v, lang, cite)]));
  return fill(lang, value.term, values);
}

function valueText(value: NoteValue, lang: Lang, cite: Cite | undefined): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  // Cited: " [n]". Standing alone (json): in parentheses, or between the given marks.
  if ('source' in value) {
    if (cite) return ` ${value.label ? `${noteText(value.label, lang)} ` : ''}${cite(value.source)}`;
    const [before, after] = value.plain ?? [' (', ')'];
    return `${before}${value.source}${after}`;
  }
  // A status word of the one scale; anything else (a status a file wrote differently) as it is.
  if ('status' in value) return isStatus(value.status) ? statusWord(lang, value.status) : String(value.status);
  if ('join' in value) return value.join.map((n) => noteText(n, lang, cite)).join(noteText(value.by, lang));
  return noteText(value, lang, cite);
}

/**
 * A growth scenario in words: what was assumed, from what, with its numbers in the run's
 * locale. `what` is the count that grows.
 */
export function growthNote(growth: Growth, what: 'eu2' | 'insured', locale: Locale): KeyedNote {
  const who = note(what === 'eu2' ? 'note.growth_what_eu2' : 'note.growth_what_insured');
  const percent = formatPpmPercent(growth.ppm, locale);
  switch (growth.kind) {
    case 'constant':
      return note('note.growth_constant', { what: who });
    case 'ratio':
      return note('note.growth_ratio', { what: who });
    case 'rate':
      return note('note.growth_rate', { what: who, percent });
    case 'series':
      return note('note.growth_series', { what: who, file: growth.file ? ` in ${growth.file}` : '' });
    case 'trend': {
      const trend = growth.trend;
      if (!trend) return note('note.growth_rate', { what: who, percent });
      // Where the end points come from: one source, or each end point's own.
      const sources = trend.fromSource === trend.toSource ? trend.fromSource : `${trend.fromYear}: ${trend.fromSource}; ${trend.toYear}: ${trend.toSource}`;
      return note('note.growth_trend', {
        what: who, percent, from: trend.fromYear, to: trend.toYear, from_level: groupDigits(trend.fromLevel, locale), to_level: groupDigits(trend.toLevel, locale), sources,
      });
    }
  }
}

/** How unknown insured counts were estimated: the national ratio with its two sources, or scaled per Kreis. */
export function imputationNote(imputation: NationalImputation, flagged: boolean): KeyedNote {
  const national = note('note.national_ratio', {
    insured: imputation.insured.value, eu2: imputation.eu2.value, date: imputation.eu2.from.split('-').reverse().join('.'),
    insured_source: { source: imputation.insured.source, plain: [', ', ''] }, eu2_source: { source: imputation.eu2.source, plain: [', ', ''] },
  });
  const { regional } = imputation;
  const formula = regional
    ? note('note.regional_ratio', {
      national, rate: `${Math.floor(regional.rateTenths / 10)}.${regional.rateTenths % 10} %`, source: { source: regional.source, plain: [': ', ''] }, date: regional.date,
    })
    : national;
  return note(flagged ? 'note.insured_estimated_flagged' : 'note.insured_estimated', { formula });
}

/** The input a run read, as a source: named in json, cited ("see [n]") where a report lists its sources. */
export const inputNote = (description: string): KeyedNote =>
  note('note.input_line', { source: { source: description, plain: [' ', ''], label: note('note.see') } });
