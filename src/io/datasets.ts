import { readFileSync } from 'node:fs';
import { BurdenError, EXIT, quote } from '../errors.js';
import type { SeriesPoint } from '../engine/series.js';
import type { DatasetInfo } from '../schema/dataset.js';
import { datasetPath, datasetReadPath, loadShippedData } from './shipped.js';

/**
 * Reading the shipped reference CSVs of data/datasets/ (all UTF-8, comma-separated, quoted
 * only where needed; see data/datasets/README.md). These are our own files, not user input,
 * so a malformed one is reported as bad shipped data naming the file and line.
 */
export interface DatasetTable {
  info: DatasetInfo;
  header: string[];
  rows: string[][];
}

export async function findDataset(name: string): Promise<DatasetInfo> {
  const { datasets } = await loadShippedData();
  const info = datasets.find((d) => d.name === name || d.file === name);
  if (!info) {
    throw new BurdenError(EXIT.usage, `no shipped dataset ${quote(name)}`, {}, `the datasets are ${datasets.map((d) => d.name).join(', ')} (burden data list)`);
  }
  return info;
}

export async function readDataset(info: DatasetInfo): Promise<DatasetTable> {
  const label = `data/datasets/${info.file}`;
  const { path, plain } = datasetReadPath(info.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BurdenError(EXIT.noInput, `cannot read the shipped dataset (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: label },
      'reinstall burden; the data/ folder is part of the package');
  }
  // The plain copy has a record on each line and a field between tabs, and nothing else.
  const records = plain
    ? text.slice(0, -1).split('\n').map((line) => line.split('\t'))
    : ((await import('csv-parse/sync')).parse(text, { relax_column_count: false }) as string[][]);
  const [header, ...rows] = records;
  if (!header) throw new BurdenError(EXIT.dataError, 'is empty', { file: label });
  return { info, header, rows };
}

/** Raw text of a shipped dataset, byte for byte (for `data show --format csv`). */
export function datasetText(info: DatasetInfo): string {
  return readFileSync(datasetPath(info.file), 'utf8');
}

/** The manifest name of the national EU2 series. */
export const EU2_SERIES = 'eu2-de-series';

/** The national EU2 series 2006–2019 (Tab. 1 of the Arbeitspapier), checked as it is read. */
export async function loadEu2Series(): Promise<SeriesPoint[]> {
  const table = await readDataset(await findDataset(EU2_SERIES));
  const label = `data/datasets/${table.info.file}`;
  const col = (name: string): number => {
    const index = table.header.indexOf(name);
    if (index < 0) throw new BurdenError(EXIT.dataError, `has no column ${quote(name)}`, { file: label, line: 1 });
    return index;
  };
  const [year, bg, ro, eu2, change, changePct, status, source] =
    ['year', 'bg', 'ro', 'eu2', 'change', 'change_pct', 'status', 'source'].map(col) as [number, number, number, number, number, number, number, number];
  return table.rows.map((fields, i) => {
    const line = i + 2;
    const int = (index: number, optional: boolean): number | null => {
      const cell = (fields[index] ?? '').trim();
      if (cell === '' && optional) return null;
      if (!/^-?\d+$/.test(cell)) {
        throw new BurdenError(EXIT.dataError, `${quote(cell)} is not a whole number`, { file: label, line, column: table.header[index] ?? '' });
      }
      return Number(cell);
    };
    const pct = (fields[changePct] ?? '').trim();
    if (pct !== '' && !/^-?\d+\.\d$/.test(pct)) {
      throw new BurdenError(EXIT.dataError, `${quote(pct)} is not a percentage with one decimal`, { file: label, line, column: 'change_pct' });
    }
    const state = fields[status];
    if (state !== 'official' && state !== 'derived') {
      throw new BurdenError(EXIT.dataError, `status ${quote(state ?? '')} is neither official nor derived`, { file: label, line, column: 'status' });
    }
    return {
      year: int(year, false) as number,
      bg: int(bg, true),
      ro: int(ro, true),
      eu2: int(eu2, false) as number,
      change: int(change, true),
      // "16.9" → 169 tenths, read from the digits (no floating point).
      changeTenths: pct === '' ? null : Number(pct.replace('.', '')),
      status: state,
      source: fields[source] ?? '',
    };
  });
}
