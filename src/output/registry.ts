import type { CalcReport, OutputPiece, RenderOptions } from './report.js';
import { usageError } from '../errors.js';

/**
 * Format name → renderer, which gives its text in pieces (json: a piece per few hundred rows), each renderer's module loaded only when its format is chosen, so a
 * table never loads the json code. One helper for the reports of calc and extrapolate.
 */
export function lazyRenderers<Report, Options, Piece extends OutputPiece = string>(
  // A renderer may be asynchronous (the table loads string-width only when a cell needs it; xlsx zips).
  loaders: Record<string, () => Promise<(report: Report, options: Options) => Iterable<Piece> | Promise<Iterable<Piece>>>>,
): (format: string, report: Report, options: Options) => Promise<Iterable<Piece>> {
  return async (format, report, options) => {
    const load = loaders[format];
    if (!load) throw new Error(`no renderer for format "${format}"`);
    return await (await load())(report, options);
  };
}

/**
 * THE format registry: every command's report (calc, calc --years, extrapolate) is one
 * CalcReport, and each format is one entry here.
 */
export const renderReport = lazyRenderers<CalcReport, RenderOptions, OutputPiece>({
  csv: async () => (await import('./csv.js')).renderCsv,
  table: async () => (await import('./table.js')).renderTable,
  md: async () => (await import('./markdown.js')).renderMarkdown,
  json: async () => (await import('./json.js')).renderJson,
  // The report formats for handing on: a self-contained page, and a workbook (bytes).
  html: async () => (await import('./html.js')).renderHtml,
  xlsx: async () => (await import('./xlsx.js')).renderXlsx,
});

/** The formats whose output is bytes, not text: never to a terminal. */
const BINARY_FORMATS: ReadonlySet<string> = new Set(['xlsx']);

/** The formats that list the parameters in force (a report to hand on): only they need them computed. */
export const listsParameters = (format: string): boolean => format === 'html' || BINARY_FORMATS.has(format);

/**
 * A workbook is bytes: to a file or a pipe, never onto a terminal (as gzip refuses to). Checked
 * by every command before it computes anything.
 */
export function refuseBytesToTerminal(format: string, output: string | undefined): void {
  if (BINARY_FORMATS.has(format) && (output === undefined || output === '-') && process.stdout.isTTY === true) {
    throw usageError(`--format ${format} writes a binary file, not text for a terminal`, `give -o FILE, e.g. -o report.${format}`);
  }
}
