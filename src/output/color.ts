import { safeText } from '../terminal-safe.js';

/**
 * Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or
 * FORCE_COLOR=0. This decides whether colour may be used, and holds every colour the tool
 * uses: chalk paints messages (Paint), the tables use TABLE_PAINT.
 */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  enabled: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const plain: Paint = { red: (t) => t, yellow: (t) => t, enabled: false };

/**
 * The colours of the terminal tables (calc and extrapolate): cyan headings, grey borders.
 * Plain ANSI codes, so drawing a table never waits for chalk; whether colour is on at all
 * was decided by colorFor and reaches the renderer as `color`.
 */
export const TABLE_PAINT = {
  head: (text: string): string => `\u001b[36m${text}\u001b[39m`,
  border: (text: string): string => `\u001b[90m${text}\u001b[39m`,
};

export async function colorFor(stream: { isTTY?: boolean }): Promise<Paint> {
  if (!colorEnabled(stream)) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { red: (t) => chalk.red(t), yellow: (t) => chalk.yellow(t), enabled: true };
}

/**
 * Warnings go to stderr, one line each, `warning:` in yellow on a terminal. They quote input
 * (names, keys), so each is made terminal-safe: one line, no control or bidi character obeyed.
 */
export async function printWarnings(warnings: readonly { message: string }[]): Promise<void> {
  if (warnings.length === 0) return;
  const paint = await colorFor(process.stderr);
  for (const warning of warnings) process.stderr.write(`${paint.yellow('warning:')} ${safeText(warning.message)}\n`);
}
