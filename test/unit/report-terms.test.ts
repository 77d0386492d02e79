import { describe, expect, it } from 'vitest';
import { STATUSES, statusExplanation, statusWord, term, TERM_KEYS } from '../../src/report/terms.js';

describe('terms', () => {
  it('has a German and an English word for every key, different where the languages differ', () => {
    for (const key of TERM_KEYS) {
      expect(term('de', key).length).toBeGreaterThan(0);
      expect(term('en', key).length).toBeGreaterThan(0);
    }
    expect(term('de', 'col.cost')).toBe('Kosten (EUR)');
    expect(term('en', 'col.cost')).toBe('Cost (EUR)');
  });

  it('explains every status in one sentence in both languages', () => {
    for (const status of STATUSES) {
      for (const lang of ['de', 'en'] as const) {
        expect(statusWord(lang, status)).not.toBe('');
        expect(statusExplanation(lang, status)).toMatch(/^[A-ZÄÖÜ].*\.$/);
      }
    }
    expect(statusWord('de', 'estimated')).toBe('geschätzt');
  });
});
