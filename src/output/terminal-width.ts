import { DEFAULT_LANG, type Lang } from '../report/terms.js';

/**
 * The width a table may take: the terminal's columns when standard output is a terminal (80
 * when it does not say), none when the output goes to a pipe or a file, where nothing wraps
 * and a program or a viewer reads whole lines.
 */
export function terminalWidth(outputFile: string | undefined, stream: { isTTY?: boolean; columns?: number } = process.stdout): number | undefined {
  if (outputFile !== undefined || stream.isTTY !== true) return undefined;
  return stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
}

/** What calc and extrapolate pass to every renderer besides locale and colour: the language (German unless --lang) and the width. */
export function humanSettings(options: { lang?: Lang | undefined; output?: string | undefined }): { lang: Lang; width?: number } {
  const width = terminalWidth(options.output);
  return { lang: options.lang ?? DEFAULT_LANG, ...(width !== undefined ? { width } : {}) };
}
