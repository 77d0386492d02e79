import type { Locale } from '../io/numbers.js';
import type { ExtrapolateReport } from './extrapolate-report.js';
import { lazyRenderers } from './registry.js';
import { usageError } from '../errors.js';

export interface ExtrapolateRenderOptions {
  locale: Locale;
  color: boolean;
}

/** The text in pieces, written in order (see ReportRenderer). */
export type ExtrapolateRenderer = (report: ExtrapolateReport, options: ExtrapolateRenderOptions) => Iterable<string>;

/** Format name → renderer, each loaded only when chosen (csv streams: see projection-csv.ts). */
export const renderExtrapolate = lazyRenderers<ExtrapolateReport, ExtrapolateRenderOptions>({
  table: async () => (await import('./extrapolate-table.js')).renderExtrapolateTable,
  md: async () => (await import('./extrapolate-markdown.js')).renderExtrapolateMarkdown,
  json: async () => (await import('./extrapolate-json.js')).renderExtrapolateJson,
  // html and xlsx render the one CalcReport (output/registry.ts); the projection's report is not
  // one yet, so these formats say what works today instead of failing as an internal error.
  html: notYet('html'),
  xlsx: notYet('xlsx'),
});

function notYet(format: string): () => Promise<never> {
  return async () => {
    throw usageError(`--format ${format} is not available for projections and extrapolate yet`, `run burden calc (one budget year) with --format ${format}, or use --format json here`);
  };
}
