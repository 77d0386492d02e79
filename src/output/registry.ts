import type { CalcReport, RenderOptions } from './report.js';

/**
 * Format name → renderer, which gives its text in pieces (json: a piece per few hundred rows), each renderer's module loaded only when its format is chosen, so a
 * table never loads the json code. One helper for the reports of calc and extrapolate.
 */
export function lazyRenderers<Report, Options>(
  // A renderer may be asynchronous (the table loads string-width only when a cell needs it).
  loaders: Record<string, () => Promise<(report: Report, options: Options) => Iterable<string> | Promise<Iterable<string>>>>,
): (format: string, report: Report, options: Options) => Promise<Iterable<string>> {
  return async (format, report, options) => {
    const load = loaders[format];
    if (!load) throw new Error(`no renderer for format "${format}"`);
    return (await load())(report, options);
  };
}

export const renderReport = lazyRenderers<CalcReport, RenderOptions>({
  table: async () => (await import('./table.js')).renderTable,
  md: async () => (await import('./markdown.js')).renderMarkdown,
  json: async () => (await import('./json.js')).renderJson,
});
