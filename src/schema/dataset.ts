import * as z from 'zod/mini';
import { isoDateSchema, nonEmptyText } from './parameter.js';

/** An entry of data/datasets/datasets.json: what a shipped CSV is and where it comes from. */
export const datasetInfoSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  file: z.string().check(z.regex(/^[\w.-]+\.csv$/)),
  title: nonEmptyText(),
  source: nonEmptyText(),
  reference_date: isoDateSchema,
  licence: nonEmptyText(),
  derivation: nonEmptyText(),
  status: z.enum(['official', 'secondary', 'derived', 'mixed']),
  /**
   * A JSON file beside the CSV that describes rows made of several areas (for
   * eu2-de-kreise-2025: the Kreise Destatis counts together, with their members).
   */
  areas_file: z.optional(z.string().check(z.regex(/^[\w.-]+\.json$/))),
});

export const datasetManifestSchema = z.array(datasetInfoSchema).check(z.minLength(1));

export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
