import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { formatValue, renderHtmlReport, type HtmlReportModel } from '../../src/report/html.js';
import { loadKreisMap } from '../../src/report/geo.js';
import { sampleModel } from './sample-model.js';
import { combinedAreas } from '../../src/report/areas.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Opens the HTML report in a real browser. playwright-core drives a Chromium that is already
 * installed (it downloads nothing): CHROMIUM_PATH, or `chromium` / `chromium-browser` on PATH
 * (Debian: apt-get install chromium). Without one the test is skipped and says why.
 */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH; try the next name
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) console.warn('test/e2e/report.test.ts: skipped, no Chromium found (set CHROMIUM_PATH or install chromium)');

const OUT = resolve('test-output');
/**
 * Pictures of the pages for a person to look at (test-output/*.png): only with
 * BURDEN_SCREENSHOTS=1, since a full-page picture of a 400-row report takes seconds and
 * asserts nothing.
 */
const SCREENSHOTS = process.env.BURDEN_SCREENSHOTS === '1';
async function picture(target: Page | ReturnType<Page['locator']>, name: string, fullPage = false): Promise<void> {
  if (!SCREENSHOTS) return;
  await target.screenshot({ path: join(OUT, `${name}.png`), ...(fullPage ? { fullPage } : {}) });
}

describe.skipIf(!chromium)('HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    mkdirSync(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report of `model`; fails on any request that is not data: or file:, and collects console errors. */
  async function open(model: HtmlReportModel, name: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const file = join(OUT, `${name}.html`);
    writeFileSync(file, renderHtmlReport(model));
    return openFile(file);
  }

  async function openFile(file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, errors, requests };
  }

  for (const lang of ['de', 'en'] as const) {
    it(`shows map, charts and table of the model, offline and without errors (${lang})`, async () => {
      const model = sampleModel(lang);
      const { page, errors, requests } = await open(model, `report-${lang}`);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);

      // One shape per area: every Kreis of the map, a group of Kreise counting once.
      const map = loadKreisMap();
      const groups = model.map!.groups!;
      const expectedAreas = map.kreise.size - groups.reduce((n, g) => n + g.members.length, 0) + groups.length;
      expect(await page.locator('svg.burden-map path[data-ags]').count()).toBe(expectedAreas);
      expect(await page.locator('svg.burden-map path[data-members]').count()).toBe(groups.length);
      expect(await page.locator('svg.burden-map path[data-ags="06633"]').count()).toBe(0);
      expect(await page.locator('figure.map figcaption').innerText()).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
      // The map's value of an area is the model's.
      expect(await page.locator('svg.burden-map path[data-ags="05111"]').getAttribute('data-value')).toBe(String(model.map!.values['05111']));

      // Three charts, each with a title, a description and a table to open.
      expect(await page.locator('svg.burden-chart').count()).toBe(3);
      expect(await page.locator('svg.burden-chart > desc').count()).toBe(3);
      expect(await page.locator('figure details.data').count()).toBe(4);

      // The table holds the model's numbers: raw in data-v, written in the report's language.
      const rows = model.table.rows;
      const cells = await page.locator('table.data-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((td) => [td.dataset.v ?? '', td.textContent ?? ''])),
      );
      expect(cells).toHaveLength(rows.length);
      model.table.columns.forEach((column, c) => {
        rows.forEach((row, r) => {
          const [raw = '', text = ''] = cells[r]![c]!;
          const value = row[column.key];
          expect(raw).toBe(value === null || value === undefined ? '' : String(value));
          if (typeof value === 'number' && column.kind !== 'text' && column.kind !== 'status') {
            expect(text.replace(/[dsreap]$/, '')).toBe(formatValue(lang, column.kind, value));
          }
        });
      });
      // Estimated figures carry their mark, and the legend of marks explains it.
      expect(await page.locator('table.data-table sup.mark').count()).toBeGreaterThan(0);
      expect(await page.locator('dl.marks').innerText()).toContain(lang === 'de' ? 'geschätzt' : 'estimated');

      await picture(page, `report-${lang}`, true);
      await picture(page.locator('figure.map'), `report-${lang}-map`);
      await page.close();
    }, 60_000);
  }

  it('sorts the table by a click on a column head, unknown values last', async () => {
    const model = sampleModel('de');
    const { page, errors } = await open(model, 'report-sort');
    const costColumn = model.table.columns.findIndex((c) => c.key === 'cost');
    const head = page.locator('table.data-table thead th').nth(costColumn);
    const firstCost = async (): Promise<string | undefined> =>
      page.locator('table.data-table tbody tr').first().locator('td').nth(costColumn).getAttribute('data-v').then((v) => v ?? undefined);
    const costs = model.table.rows.map((r) => Number(r.cost));
    await head.locator('button').click();
    expect(await head.getAttribute('aria-sort')).toBe('ascending');
    expect(Number(await firstCost())).toBe(Math.min(...costs));
    await head.locator('button').click();
    expect(await head.getAttribute('aria-sort')).toBe('descending');
    expect(Number(await firstCost())).toBe(Math.max(...costs));
    // The totals row stays under the rows.
    expect(await page.locator('table.data-table tfoot tr').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('zooms to one Land', async () => {
    const model = sampleModel('de');
    model.map = { ...model.map!, land: '05' };
    const { page, errors } = await open(model, 'report-nrw');
    expect(await page.locator('svg.burden-map path[data-ags]').count()).toBe([...loadKreisMap().kreise.keys()].filter((k) => k.startsWith('05')).length);
    expect(errors).toEqual([]);
    await picture(page.locator('figure.map'), 'report-nrw-map');
    await page.close();
  }, 60_000);

  // The reports the CLI writes (burden calc --format html), opened as a reader would open them.
  const cliReports = [
    { name: 'cli-de', args: [], land: undefined, scenarios: false, years: false },
    { name: 'cli-nrw-rules', args: ['--land', '05', '--rules', 'nrw-2024', '--rules', 'nrw-2025-kim', '--year', '2024', '--explain', '05913'], land: '05', scenarios: true, years: false },
    // A projection of every Kreis with its low–high band: the same report, with a line chart per year.
    { name: 'cli-projection', args: ['--years', '2025-2035', '--range'], land: undefined, scenarios: false, years: true },
  ];
  for (const report of cliReports) {
    it(`opens the CLI's report ${report.name} offline, without errors`, async () => {
      const file = join(OUT, `${report.name}.html`);
      const result = await runCli(['calc', ...report.args, '--format', 'html', '-o', file]);
      expect(result.code, result.stderr).toBe(0);
      const { page, errors, requests } = await openFile(file);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const map = loadKreisMap();
      const inLand = [...map.kreise.keys()].filter((k) => !report.land || k.startsWith(report.land));
      const areas = [...combinedAreas().values()].filter((a) => !report.land || a.ags.startsWith(report.land));
      const members = areas.flatMap((a) => a.members);
      expect(await page.locator('svg.burden-map path[data-ags]').count()).toBe(inLand.length - members.length + areas.length);
      expect(await page.locator('figure.map figcaption').innerText()).toContain('© GeoBasis-DE / BKG');
      // Bars, and with two rule sets the claims and uncovered cost side by side.
      expect(await page.locator('svg.burden-chart').count()).toBe(1 + (report.scenarios ? 1 : 0) + (report.years ? 1 : 0));
      expect(await page.locator('table.data-table tbody tr').count()).toBeGreaterThan(0);
      if (report.scenarios) {
        const details = page.locator('details.explain');
        expect(await details.count()).toBe(1);
        await details.locator('summary').click();
        expect(await details.locator('li').count()).toBeGreaterThan(5);
      }
      // A projection's table runs to thousands of lines: its whole page is no picture to look at.
      if (!report.years) await picture(page, report.name, true);
      await picture(page, `${report.name}-top`);
      await picture(page.locator('figure.map'), `${report.name}-map`);
      await picture(page.locator('section[aria-labelledby="h-chart"]'), `${report.name}-charts`);
      await page.close();
    }, 60_000);
  }
});
