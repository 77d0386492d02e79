import type { Locale } from '../io/numbers.js';
import type { ExtrapolateReport } from './extrapolate-report.js';
import { lazyRenderers } from './registry.js';

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
});
