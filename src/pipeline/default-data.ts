import { datasetPath, datasetReadPath, loadShippedData } from '../io/shipped.js';
import type { InputFiles } from '../io/inputs.js';
import type { DatasetInfo } from '../schema/dataset.js';

/** The shipped counts every command computes when given no file: EU2 residents of every German Kreis. */
export const DEFAULT_DATASET = 'eu2-de-kreise-2025';

/**
 * The shipped input of a command without a file, as input files: read from where the package
 * is installed (its plain copy in dist/ where there is one: the same records line for line,
 * with the hash of the file in data/), named as `data/datasets/<file>` so no output depends on
 * the working directory. `year` is its reference year.
 */
export async function defaultDataset(): Promise<{ info: DatasetInfo; input: InputFiles; year: number }> {
  const shipped = await loadShippedData();
  const info = shipped.datasets.find((d) => d.name === DEFAULT_DATASET);
  if (!info) throw new Error(`shipped dataset ${DEFAULT_DATASET} is missing from the manifest`);
  const { path, plain } = datasetReadPath(info.file);
  const name = `data/datasets/${info.file}`;
  return { info, input: plain ? { combined: path, name, copyOf: datasetPath(info.file) } : { combined: path, name }, year: Number(info.reference_date.slice(0, 4)) };
}
