import type { CalcReport, RenderOptions, ReportRenderer } from './report.js';

/** Format name → renderer, each loaded only when that format is chosen. */
const RENDERERS: Record<string, () => Promise<ReportRenderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  md: async () => (await import('./markdown.js')).renderMarkdown,
  json: async () => (await import('./json.js')).renderJson,
};

export async function renderReport(format: string, report: CalcReport, options: RenderOptions): Promise<string> {
  const load = RENDERERS[format];
  if (!load) throw new Error(`no renderer for format "${format}"`);
  return (await load())(report, options);
}
