import type { TraceNumber, TracePart } from '../engine/trace.js';
import type { ResultRow } from '../engine/types.js';
import { type Locale, formatDecimal, formatHundredths, groupDigits } from '../io/numbers.js';
import type { TraceStep } from './report.js';
import { type Lang, type TermKey, fill, isStatus, statusWord, term } from '../report/terms.js';

/** A number of a trace as the report's locale writes it; money and percentages with two decimals. */
export function formatTraceNumber(number: TraceNumber, locale: Locale): string {
  switch (number.kind) {
    case 'persons':
      return groupDigits(number.value, locale);
    case 'cents':
    case 'basis_points':
      return formatHundredths(number.value, { locale, grouped: true });
    case 'decimal':
      return formatDecimal(number.value, locale);
  }
}

/**
 * A trace as text: numbers in the locale's format, the engine's words in the language (json,
 * whose field names are English, keeps the English words).
 */
export function traceText(parts: readonly TracePart[], locale: Locale, lang: Lang = 'en'): string {
  return parts.map((part) => (typeof part === 'string' ? part : 'word' in part ? term(lang, `word.${part.word}`) : formatTraceNumber(part, locale))).join('');
}

/**
 * A number of a trace in the json's units, as the row's own fields give them: euros for
 * money, persons for counts, percent for shares.
 */
function jsonValue(number: TraceNumber): number {
  return number.kind === 'cents' || number.kind === 'basis_points' ? number.value / 100 : number.value;
}

/** A step as json: the structured fields first, then the text in the report's locale. */
export function jsonTraceStep(step: TraceStep, locale: Locale): Record<string, unknown> {
  return {
    step: step.step,
    ...(step.figure !== undefined ? { figure: step.figure } : {}),
    ...(step.value !== undefined ? { value: step.value === null ? null : jsonValue(step.value) } : {}),
    ...(step.unit !== undefined ? { unit: step.unit } : {}),
    ...(step.date !== undefined ? { date: step.date } : {}),
    ...(step.year !== undefined ? { year: step.year } : {}),
    ...(step.programme !== undefined ? { programme: step.programme } : {}),
    ...(step.eligible !== undefined ? { eligible: step.eligible } : {}),
    text: traceText(step.text, locale),
    ...(step.source !== undefined ? { source: step.source } : {}),
    ...(step.status !== undefined ? { status: step.status } : {}),
  };
}

/** "2019-12-31" → "31.12.2019", as German documents write a reference date (both languages). */
export const germanDate = (iso: string): string => iso.split('-').reverse().join('.');

/** `--explain` in table and md: the heading, then the sentences indented under it. */
export function renderExplanation(row: ResultRow, steps: readonly TraceStep[], locale: Locale, lang: Lang, cite: (source: string) => string): string {
  const { heading, lines } = explanation(row, steps, locale, lang, cite);
  return [heading, ...lines.map((line) => `  ${line}`)].join('\n');
}

/**
 * `--explain` for people (table, md and html): the chain of a row as sentences with its
 * numbers in the report's locale, the words from the one catalogue (report/terms.ts), and
 * each source cited once as `[n]` through `cite`, which numbers it in the list under the
 * report. The steps are read by the figure each states; a step this does not know as a
 * sentence (the rules of a programme) keeps its own text, with its label, status and source.
 */
export function explanation(row: ResultRow, steps: readonly TraceStep[], locale: Locale, lang: Lang, cite: (source: string) => string): { heading: string; lines: string[] } {
  const say = (key: TermKey, values: Record<string, string | number> = {}): string => fill(lang, key, values);
  const num = (value: TraceNumber | null | undefined): string => (value ? formatTraceNumber(value, locale) : '');
  const money = (cents: number): string => formatHundredths(cents, { locale, grouped: true });
  const ref = (source: string | undefined): string => (source ? ` ${cite(source)}` : '');
  const unsure = (status: string | undefined): string => (status && status !== 'official' && isStatus(status) ? `, ${statusWord(lang, status)}` : '');
  /** A sentence with the status of its figure before its full stop, when it is not official: "… a year (estimated)." */
  const flagged = (sentence: string, status: string | undefined): string =>
    (unsure(status) ? sentence.replace(/\.?$/, ` (${unsure(status).slice(2)}).`) : sentence);
  const at = `${row.origin.file}:${row.origin.line}`;
  const place = row.name ? `${row.name} (${row.ags})` : row.ags;
  const heading = say('explain.heading', { place: `${place}${row.year !== null ? `, ${row.year}` : ''}` });
  const lines: string[] = [];
  const national: Record<string, TraceStep> = {};
  const indices: TraceStep[] = [];
  for (const step of steps) {
    const figure = step.figure;
    if (step.programme !== undefined) {
      const text = traceText(step.text, locale, lang);
      const line = step.step === 'programme'
        ? say('explain.programme', { text })
        : step.label ? say('explain.parameter', { label: step.label, value: text.replace(/^[^=]*= /, ''), ref: '' }) : text;
      lines.push(`${line}${step.status && step.status !== 'official' && isStatus(step.status) ? ` (${statusWord(lang, step.status)})` : ''}${ref(step.source)}`);
    } else if (step.step === 'input' && figure === 'eu2') {
      lines.push(say('explain.eu2', { place: row.name || row.ags, eu2: num(step.value), at }));
      for (const other of row.joinedFrom ?? []) lines.push(say('explain.joined', { at: `${other.file}:${other.line}` }));
    } else if (step.step === 'input' && figure === 'population') {
      if (!step.value) {
        lines.push(say('explain.population_unknown'));
        continue;
      }
      // The step's text ends with where the count is from: the input line, or the register.
      const from = /\(([^]*)\)$/.exec(traceText(step.text, locale, lang))?.[1] ?? at;
      lines.push(say('explain.population', { population: num(step.value), ref: from === at ? ` (${term(lang, 'explain.input')} ${at})` : ` ${cite(from)}` }));
    } else if (step.step === 'parameter' && (figure === 'insured_bg_ro_de' || figure === 'eu2_residents_de')) {
      national[figure] = step;
    } else if (step.step === 'estimate' && figure === 'insured') {
      const insured = national.insured_bg_ro_de;
      const eu2 = national.eu2_residents_de;
      lines.push(say(step.scale ? 'explain.insured_regional' : 'explain.insured_estimated', {
        insured: num(step.value), date: germanDate(insured?.date ?? eu2?.date ?? ''),
        national_insured: num(insured?.value), national_eu2: num(eu2?.value),
        ref: `${ref(insured?.source)}${ref(eu2?.source)}`,
        kreis: num(step.scale?.kreis), germany: num(step.scale?.germany),
      }));
    } else if (step.step === 'input' && figure === 'insured') {
      lines.push(say('explain.insured_input', { insured: num(step.value), at: row.joinedFrom?.length ? `${at} …` : at }));
    } else if (figure === 'net') {
      lines.push(flagged(say('explain.net', { net: num(step.value) }), step.status) + (row.netClamped ? ` ${say('explain.net_clamped')}` : ''));
    } else if (step.step === 'parameter' && figure === 'rate') {
      lines.push(say('explain.rate', { rate: num(step.value), year: step.year ?? '', ref: `${unsure(step.status) ? ` (${unsure(step.status).slice(2)})` : ''}${ref(step.source)}` }));
    } else if (step.step === 'parameter' && figure === 'vpi') {
      indices.push(step);
    } else if (figure === 'rate_eur') {
      const [from, to] = indices;
      const index = (s: TraceStep | undefined): string => `${num(s?.value)}${s?.status === 'official' ? '' : unsure(s?.status)}${ref(s?.source)}`;
      // The rate is as sure as the index it was uprated with, whose status the sentence names.
      lines.push(say('explain.uprated', {
        year: step.year ?? '', rate: num(step.value),
        from_year: from?.year ?? '', from_index: index(from), from_ref: '',
        to_year: to?.year ?? '', to_index: index(to), to_ref: '',
      }));
    } else if (figure !== undefined && /(claims_total_eur|uncovered_eur|coverage_pct)$/.test(figure)) {
      // A rule set's totals: its id starts the step's text ("nrw-2024: claims = …").
      const rules = traceText(step.text, locale, lang).split(':')[0] ?? '';
      const key: TermKey = figure.endsWith('claims_total_eur') ? 'explain.claims' : figure.endsWith('uncovered_eur') ? 'explain.uncovered' : step.value ? 'explain.coverage' : 'explain.no_cost';
      const value = num(step.value);
      lines.push(flagged(`${say(key, { rules, total: value, uncovered: value, coverage: value })}.`, step.status));
    } else if (figure === 'cost_eur') {
      lines.push(flagged(say('explain.cost', { net: groupDigits(row.net, locale), rate: money(row.rateCents), cost: num(step.value) }), step.status));
    } else {
      lines.push(`${traceText(step.text, locale, lang)}${unsure(step.status) ? ` (${unsure(step.status).slice(2)})` : ''}${ref(step.source)}`);
    }
  }
  return { heading, lines };
}
