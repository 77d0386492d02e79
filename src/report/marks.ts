import type { Status } from '../engine/status.js';

/**
 * How every human format (table, md, html, xlsx notes) marks a figure's status: a letter after
 * the number, none for official figures. csv and json write the word in a `*_status` field.
 */
export const MARK: Record<Status, string> = { official: '', derived: 'd', secondary: 's', proposed: 'r', estimated: 'e', assumption: 'a', projected: 'p' };
