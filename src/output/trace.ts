import type { ResultRow } from '../engine/types.js';
import type { TraceStep } from './report.js';

/** Indented text for the table and md formats. */
export function renderTraceText(row: ResultRow, steps: TraceStep[]): string {
  const lines = [`Explain ${row.ags}${row.name ? ` ${row.name}` : ''}${row.year !== null ? ` (${row.year})` : ''}:`];
  for (const step of steps) {
    lines.push(`  ${step.step.padEnd(9)} ${step.text}${step.status ? ` [${step.status}]` : ''}`);
    if (step.source) lines.push(`  ${''.padEnd(9)}   source: ${step.source}`);
  }
  return lines.join('\n');
}
