import type { TraceNumber, TracePart } from '../engine/trace.js';
import type { ResultRow } from '../engine/types.js';
import { type Locale, formatDecimal, formatHundredths, groupDigits } from '../io/numbers.js';
import type { TraceStep } from './report.js';

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

export function traceText(parts: readonly TracePart[], locale: Locale): string {
  return parts.map((part) => (typeof part === 'string' ? part : formatTraceNumber(part, locale))).join('');
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

/** Indented text for the table and md formats. */
export function renderTraceText(row: ResultRow, steps: TraceStep[], locale: Locale): string {
  const lines = [`Explain ${row.ags}${row.name ? ` ${row.name}` : ''}${row.year !== null ? ` (${row.year})` : ''}:`];
  for (const step of steps) {
    lines.push(`  ${step.step.padEnd(9)} ${traceText(step.text, locale)}${step.status ? ` [${step.status}]` : ''}`);
    if (step.source) lines.push(`  ${''.padEnd(9)}   source: ${step.source}`);
  }
  return lines.join('\n');
}
