import { describe, expect, it } from 'vitest';
import { renderBarChart, renderGroupedBars, renderLineChart, topWithOthers } from '../../src/report/charts-svg.js';
import { formatShort, formatValue } from '../../src/report/html.js';

// Intl writes a no-break space before the euro sign; the tests read it as a space.
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const format = (n: number): string => plain(formatShort('de', 'euro', n));
const widths = (svg: string): number[] => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('topWithOthers', () => {
  it('keeps the N largest, largest first, and sums the rest', () => {
    const items = [3, 9, 1, 7, 5].map((value, i) => ({ label: `k${i}`, value }));
    expect(topWithOthers(items, 2, 'übrige')).toEqual([
      { label: 'k1', value: 9 },
      { label: 'k3', value: 7 },
      { label: 'übrige (3)', value: 9 },
    ]);
    // One item left over is shown, not summed into "others (1)".
    expect(topWithOthers(items, 4, 'übrige')).toHaveLength(5);
  });
});

describe('renderBarChart', () => {
  it('draws bars in proportion to their values, with title and description', () => {
    const svg = renderBarChart({ title: 'Kosten', items: [{ label: 'A', value: 100 }, { label: 'B', value: 50 }], othersLabel: 'übrige', format });
    expect(svg).toContain('<title id="bars-title">Kosten</title>');
    expect(svg).toMatch(/<desc id="bars-desc">Kosten 2 Balken; größter Wert A: 100 €\.<\/desc>/);
    const [a, b] = widths(svg);
    expect(a! / b!).toBeCloseTo(2, 1);
  });

  it('breaks an "others" bar that would squash the rest', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ label: `K${i}`, value: 100 - i }));
    const svg = renderBarChart({ title: 'x', items, top: 5, othersLabel: 'übrige', format, lang: 'en' });
    expect(svg).toContain('übrige (35)');
    expect(svg).toContain('class="bar others"');
    expect(svg).toMatch(/stroke="#fff" stroke-width="3"/);
    expect(svg).toContain('largest value K0');
  });
});

describe('renderLineChart', () => {
  it('draws a line per series and a band where low and high are given, breaking at gaps', () => {
    const svg = renderLineChart({
      title: 'Fortschreibung',
      format,
      bandLabel: 'Spanne',
      series: [{ label: 'mittel', points: [{ x: 2025, y: 10 }, { x: 2026, y: 12, low: 11, high: 13 }, { x: 2027, y: null }, { x: 2028, y: 15, low: 12, high: 18 }] }],
    });
    expect(svg.match(/class="band"/g)).toHaveLength(1);
    const line = svg.match(/class="line" d="([^"]+)"/)![1]!;
    expect(line.match(/M/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('mittel, 2026: 12 € (11 € – 13 €)');
    expect(svg).toContain('mittel 2028: 15 €');
  });
});

describe('renderGroupedBars', () => {
  it('draws one bar per series and group and skips unknown values', () => {
    const svg = renderGroupedBars({
      title: 'Szenarien',
      seriesLabels: ['Förderansprüche', 'ungedeckt'],
      groups: [{ label: 'Dortmund', values: [3_000_000, 12_000_000] }, { label: 'Essen', values: [null, 8_000_000] }],
      format,
    });
    expect(svg.match(/<g class="bar">/g)).toHaveLength(3);
    expect(svg).toContain('Dortmund, ungedeckt: 12 Mio. €');
    expect(svg).toContain('2 Gebiete, je 2 Balken');
  });
});

describe('number formats of the human formats', () => {
  it('writes German and English numbers', () => {
    expect(formatValue('de', 'count', 1108393)).toBe('1.108.393');
    expect(formatValue('en', 'count', 1108393)).toBe('1,108,393');
    expect(plain(formatValue('de', 'euro', 1148260117))).toBe('1.148.260.117,00 €');
    expect(formatValue('en', 'euro', 2143)).toBe('€2,143.00');
    expect(formatValue('de', 'percent', 2.5)).toBe('2,50 %');
    expect(plain(formatShort('de', 'euro', 1148260117))).toBe('1,1 Mrd. €');
  });
});
