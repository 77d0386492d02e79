import type { Locale } from '../io/numbers.js';
import type { ExtrapolateReport } from './extrapolate-report.js';

export interface ExtrapolateRenderOptions {
  locale: Locale;
  color: boolean;
}

export type ExtrapolateRenderer = (report: ExtrapolateReport, options: ExtrapolateRenderOptions) => string;

/** Format name → renderer, each loaded only when chosen (csv streams: see projection-csv.ts). */
const RENDERERS: Record<string, () => Promise<ExtrapolateRenderer>> = {
  table: async () => (await import('./extrapolate-table.js')).renderExtrapolateTable,
  md: async () => (await import('./extrapolate-markdown.js')).renderExtrapolateMarkdown,
  json: async () => (await import('./extrapolate-json.js')).renderExtrapolateJson,
};

export async function renderExtrapolate(format: string, report: ExtrapolateReport, options: ExtrapolateRenderOptions): Promise<string> {
  const load = RENDERERS[format];
  if (!load) throw new Error(`no renderer for format "${format}"`);
  return (await load())(report, options);
}
