import { z } from 'zod';

/** An entry of data/datasets/datasets.json: what a shipped CSV is and where it comes from. */
export const datasetInfoSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    file: z.string().regex(/^[\w.-]+\.csv$/),
    title: z.string().min(1),
    source: z.string().min(1),
    reference_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    licence: z.string().min(1),
    derivation: z.string().min(1),
    status: z.enum(['official', 'secondary', 'derived', 'mixed']),
  })
  .strict();

export const datasetManifestSchema = z.array(datasetInfoSchema).min(1);

export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
