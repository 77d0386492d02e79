import { safeJson } from '../terminal-safe.js';
import * as z from 'zod/mini';
import { BurdenError, EXIT, usageError } from '../errors.js';
import { type SeriesCheck, checkSeries } from '../engine/series.js';
import { loadShippedData } from '../io/shipped.js';
import { type Output, openOutput } from '../io/writer.js';
import { safeText } from '../terminal-safe.js';
import type { DatasetInfo } from '../schema/dataset.js';
import { colorFor } from '../output/color.js';
import { EU2_SERIES, datasetText, findDataset, loadEu2Series, readDataset } from '../io/datasets.js';

/**
 * `burden data list|show|check`: the shipped reference data (data/datasets/, manifest
 * datasets.json) with its sources, and the consistency check of Table 1 of the paper.
 * The renderers are small and specific to these listings, so they live here.
 */
const dataOptionsSchema = z.strictObject({
  format: z._default(z.enum(['table', 'csv', 'json', 'md']), 'table'),
  output: z.optional(z.string()),
  debug: z._default(z.boolean(), false),
});

type DataOptions = z.infer<typeof dataOptionsSchema>;

function parseDataOptions(raw: Record<string, unknown>): DataOptions {
  const result = dataOptionsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw usageError(`--${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid value'}`, 'see burden data --help');
  }
  return result.data;
}

async function withOutput(options: DataOptions, write: (output: Output) => Promise<void>): Promise<void> {
  // -o '' is a usage error and -o - is standard output (io/writer.ts openOutput).
  const output = openOutput(options.output, []);
  try {
    await write(output);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}

/** A plain table: the box table for `table`, GitHub Markdown for `md`. */
async function renderGrid(format: 'table' | 'md', head: string[], rows: string[][], notes: string[], numeric: boolean[] = []): Promise<string> {
  if (format === 'md') {
    const { guardText } = await import('../output/csv.js');
    const cell = (t: string): string => safeText(guardText(t)).replace(/\|/g, '\\|');
    const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
    const rule = `|${head.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`;
    return `${[line(head), rule, ...rows.map(line)].join('\n')}\n\n${notes.map((n) => `${safeText(n)}  `).join('\n')}${notes.length ? '\n' : ''}`;
  }
  const { boxTable } = await import('../output/box-table.js');
  const paint = await colorFor(process.stdout);
  const table = boxTable({
    head: head.map(safeText),
    rows: rows.map((row) => row.map(safeText)),
    alignRight: head.map((_, i) => numeric[i] === true),
    ...(paint.enabled ? { paint: { head: (t: string) => `\u001b[36m${t}\u001b[39m`, border: (t: string) => `\u001b[90m${t}\u001b[39m` } } : {}),
  });
  return `${table}${notes.map(safeText).join('\n')}${notes.length ? '\n' : ''}`;
}

function csvLine(cells: string[]): string {
  return `${cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`;
}

const MANIFEST_FIELDS = ['name', 'file', 'title', 'reference_date', 'status', 'source', 'licence', 'derivation'] as const;

export async function runDataList(rawOptions: Record<string, unknown>): Promise<void> {
  const options = parseDataOptions(rawOptions);
  const { datasets } = await loadShippedData();
  await withOutput(options, async (output) => {
    if (options.format === 'json') {
      output.write(safeJson(`${JSON.stringify({ datasets }, null, 2)}\n`));
    } else if (options.format === 'csv') {
      output.write(csvLine([...MANIFEST_FIELDS]));
      for (const d of datasets) output.write(csvLine(MANIFEST_FIELDS.map((f) => d[f])));
    } else {
      const rows = datasets.map((d) => [d.name, d.title, d.reference_date, d.status, d.source]);
      output.write(await renderGrid(options.format, ['Name', 'Content', 'Reference date', 'Status', 'Source'], rows,
        ['Licences and derivations: burden data show NAME, and data/datasets/README.md.']));
    }
  });
}

function describe(info: DatasetInfo): string[] {
  return [
    `${info.title} (data/datasets/${info.file}, reference date ${info.reference_date}, status ${info.status}).`,
    `Source: ${info.source}.`,
    `Derivation: ${info.derivation}.`,
    `Licence: ${info.licence}.`,
  ];
}

export async function runDataShow(name: string, rawOptions: Record<string, unknown>): Promise<void> {
  const options = parseDataOptions(rawOptions);
  const info = await findDataset(name);
  await withOutput(options, async (output) => {
    if (options.format === 'csv') {
      // The file as shipped, byte for byte; its source goes to stderr, as a note, so that
      // standard output stays a CSV a program can read.
      output.write(datasetText(info));
      return;
    }
    const table = await readDataset(info);
    if (options.format === 'json') {
      const rows = table.rows.map((fields) => Object.fromEntries(table.header.map((h, i) => [h, fields[i] ?? ''])));
      output.write(safeJson(`${JSON.stringify({ dataset: info, columns: table.header, rows }, null, 2)}\n`));
      return;
    }
    const numeric = table.header.map((_, i) => table.rows.every((r) => /^-?[\d.]*$/.test(r[i] ?? '')));
    output.write(await renderGrid(options.format, table.header, table.rows, describe(info), numeric));
  });
  if (options.format === 'csv' && (!options.output || options.output === '-')) process.stderr.write(`note: ${safeText(describe(info).join(' '))}\n`);
}

function checkReport(check: SeriesCheck, info: DatasetInfo): string[] {
  const lines: string[] = [];
  if (check.findings.length === 0) {
    lines.push(`Table 1 is consistent: ${check.changesChecked} printed changes and ${check.percentagesChecked} percentages agree with the levels, ` +
      `and Bulgaria + Romania equals the EU2 total in all ${check.splitsChecked} years with a split.`);
  } else {
    lines.push(`Table 1 is NOT consistent: ${check.findings.length} disagreement${check.findings.length === 1 ? '' : 's'}:`);
    for (const f of check.findings) lines.push(`  ${f.year} ${f.column}: ${f.message}`);
  }
  if (check.circular.length) {
    lines.push(`Note: the changes of ${check.circular.join(', ')} are measured against levels that were derived from those very changes ` +
      `(${check.circular.map((y) => y - 1).join(', ')}), so they agree by construction and confirm nothing.`);
  }
  // The source in the manifest's words (data/datasets/datasets.json), as `data show` gives it.
  lines.push(`Source: ${info.source}; data/datasets/${info.file}.`);
  return lines;
}

export async function runDataCheck(rawOptions: Record<string, unknown>): Promise<void> {
  const options = parseDataOptions(rawOptions);
  const info = await findDataset(EU2_SERIES);
  const check = checkSeries(await loadEu2Series());
  await withOutput(options, async (output) => {
    if (options.format === 'json') {
      output.write(safeJson(`${JSON.stringify({ dataset: info.name, consistent: check.findings.length === 0, ...check }, null, 2)}\n`));
    } else if (options.format === 'csv') {
      output.write(csvLine(['year', 'column', 'printed', 'computed', 'message']));
      for (const f of check.findings) output.write(csvLine([String(f.year), f.column, f.printed, f.computed, f.message]));
    } else {
      const lines = checkReport(check, info);
      output.write(options.format === 'md' ? `${lines.map((l) => `${l}  `).join('\n')}\n` : `${lines.join('\n')}\n`);
    }
  });
  if (check.findings.length > 0) {
    // The details are on stdout; the exit code and one line on stderr tell a script.
    throw new BurdenError(EXIT.dataError, `Table 1 disagrees with its levels in ${check.findings.length} place${check.findings.length === 1 ? '' : 's'}`,
      { file: `data/datasets/${info.file}` }, 'see the report above');
  }
}
