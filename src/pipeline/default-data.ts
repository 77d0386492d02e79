import { datasetPath, loadShippedData } from '../io/shipped.js';
import type { DatasetInfo } from '../schema/dataset.js';

/** The shipped counts every command computes when given no file: EU2 residents of every German Kreis. */
export const DEFAULT_DATASET = 'eu2-de-kreise-2025';

/**
 * The shipped input of a command without a file: read from where the package is installed,
 * named as `data/datasets/<file>` so no output depends on the working directory.
 */
export async function defaultDataset(): Promise<{ info: DatasetInfo; path: string; name: string; year: number }> {
  const shipped = await loadShippedData();
  const info = shipped.datasets.find((d) => d.name === DEFAULT_DATASET);
  if (!info) throw new Error(`shipped dataset ${DEFAULT_DATASET} is missing from the manifest`);
  return { info, path: datasetPath(info.file), name: `data/datasets/${info.file}`, year: Number(info.reference_date.slice(0, 4)) };
}
