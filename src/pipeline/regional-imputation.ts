import { readFileSync } from 'node:fs';
import type { NationalImputation } from '../engine/imputation.js';
import { combinedRateTenths, regionalRatios } from '../engine/regional-imputation.js';
import { findDataset, readDataset } from '../io/datasets.js';
import { datasetPath } from '../io/shipped.js';

/** The Kreise of a combined area of the Germany-wide EU2 data (eu2-de-kreise-2025-areas.json). */
interface AreasFile {
  areas: { ags: string; members: { ags: string }[] }[];
}

/**
 * `--impute-insured regional-2019`: the national ratio scaled per Kreis by its employment rate
 * of foreign nationals relative to Germany's (dataset beschq-aus-kreise-2019; the rates of a
 * combined area's Kreise are weighted by their foreign nationals aged 15–64, as is Germany's).
 * An assumption, said in every format: the source has no figures by nationality.
 */
export async function regionalImputation(national: NationalImputation): Promise<NationalImputation> {
  const table = await readDataset(await findDataset('beschq-aus-kreise-2019'));
  const col = (name: string): number => table.header.indexOf(name);
  const [ags, rate, weight] = [col('ags'), col('beschq_aus'), col('foreign_15_65')];
  const parts = new Map<string, { rateTenths: number; weight: number }>();
  for (const row of table.rows) {
    const value = row[rate] ?? '';
    if (!/^\d+(\.\d)?$/.test(value)) continue;
    parts.set(row[ags] ?? '', { rateTenths: Math.round(Number(value) * 10), weight: Number(row[weight] ?? 0) });
  }
  const rates = new Map([...parts].map(([kreis, part]) => [kreis, part.rateTenths]));
  const eu2Data = await findDataset('eu2-de-kreise-2025');
  if (eu2Data.areas_file) {
    const areas = JSON.parse(readFileSync(datasetPath(eu2Data.areas_file), 'utf8')) as AreasFile;
    for (const area of areas.areas) {
      const members = area.members.map((m) => parts.get(m.ags)).filter((p) => p !== undefined);
      if (members.length === area.members.length) rates.set(area.ags, combinedRateTenths(members));
    }
  }
  const nationalRate = combinedRateTenths([...parts.values()]);
  return {
    ...national,
    byKreis: regionalRatios(national, rates, nationalRate),
    regional: { rateTenths: nationalRate, source: table.info.source, date: table.info.reference_date },
  };
}
