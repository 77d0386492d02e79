/**
 * Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or
 * FORCE_COLOR=0. chalk does the painting; this decides whether it may.
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

export async function colorFor(stream: { isTTY?: boolean }): Promise<Paint> {
  if (!colorEnabled(stream)) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { red: (t) => chalk.red(t), yellow: (t) => chalk.yellow(t), enabled: true };
}
