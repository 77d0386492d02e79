import { STATUSES, type Status, statusWord } from '../engine/status.js';

/**
 * How table and md show a figure's status (engine/status.ts): a letter after the number,
 * none for official figures. csv and json write the word in a `*_status` field instead.
 */
export const MARK: Record<Status, string> = { official: '', derived: 'd', secondary: 's', proposed: 'r', estimated: 'e', assumption: 'a', projected: 'p' };

/** A number with its status letter; official figures get padding so digits stay aligned. */
export const marked = (text: string, code: number): string => (text === '' ? '' : `${text} ${MARK[statusWord(code)] || ' '}`);

/** The letters used in a report with their meanings, for its notes. */
export function statusLegend(meanings: Record<Status, string>, used?: ReadonlySet<number>): string {
  const letters = STATUSES.filter((status, code) => status !== 'official' && (!used || used.has(code)))
    .map((status) => `${MARK[status]} = ${status}: ${meanings[status]}`);
  return `Status after each figure (none: official): ${letters.join('; ')}.`;
}
