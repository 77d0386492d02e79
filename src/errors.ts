import { safeText } from './terminal-safe.js';

/**
 * Errors that reach users. Every failure the tool expects is a BurdenError: it carries
 * an exit code from the table below and renders as one line for people first (what is
 * wrong, where, the offending value, a suggestion), in the manner of hledger's messages.
 */

/** Exit codes follow BSD sysexits.h, so shell scripts can tell the failures apart. */
export const EXIT = {
  ok: 0,
  usage: 64,
  dataError: 65,
  noInput: 66,
  internal: 70,
  cantCreate: 73,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP = `Exit codes:
  0   success (warnings do not change it; --strict makes warnings exit 65)
  64  usage error (unknown option, bad option value)
  65  invalid input data (a CSV cell, a rule or parameter file)
  66  input file missing or unreadable
  70  internal error (a bug: please report it with --debug output)
  73  output cannot be written (or standard input cannot be copied to $TMPDIR)
  130 interrupted (Ctrl-C; 143 SIGTERM, 129 SIGHUP, 131 SIGQUIT): an -o file is not written, its temporary file removed`;

export interface Location {
  file?: string;
  line?: number;
  column?: string;
  value?: string;
}

export class BurdenError extends Error {
  readonly code: ExitCode;
  readonly location: Location;
  readonly suggestion: string | undefined;

  constructor(code: ExitCode, message: string, location: Location = {}, suggestion?: string) {
    super(message);
    this.name = 'BurdenError';
    this.code = code;
    this.location = location;
    this.suggestion = suggestion;
  }

  /**
   * One line: `file:line: column "c": message (suggestion)`. File names, columns and the values
   * quoted in messages come from input, so the whole line is made terminal-safe: a control or
   * bidi character in any of them is shown as an escape, never obeyed (src/terminal-safe.ts).
   */
  format(): string {
    const { file, line, column } = this.location;
    let where = '';
    if (file !== undefined) where += line !== undefined ? `${file}:${line}: ` : `${file}: `;
    if (column !== undefined) where += `column "${column}": `;
    const hint = this.suggestion ? ` (${this.suggestion})` : '';
    return safeText(`${where}${this.message}${hint}`);
  }
}

export const usageError = (message: string, suggestion?: string): BurdenError =>
  new BurdenError(EXIT.usage, message, {}, suggestion);

export const dataError = (message: string, location: Location, suggestion?: string): BurdenError =>
  new BurdenError(EXIT.dataError, message, location, suggestion);

/**
 * Quote a cell for an error message: long values are shortened so the message stays one line,
 * and control and bidi characters are shown as escapes (`"a\u001bb"`), as JSON writes them.
 */
export function quote(value: string): string {
  const chars = Array.from(value);
  const short = chars.length > 40 ? `${chars.slice(0, 37).join('')}...` : value;
  return safeText(JSON.stringify(short));
}

