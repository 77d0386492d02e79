import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../io/shipped.js';

/**
 * Areas that combine several Kreise under one key, because one Ausländerbehörde serves them
 * (Destatis 12521-0041, footnote; data/datasets/eu2-de-kreise-2025-areas.json): the map draws
 * each as one shape with its members' outline.
 */
export interface CombinedArea {
  ags: string;
  name: string;
  members: string[];
}

export const AREAS_FILE = 'data/datasets/eu2-de-kreise-2025-areas.json';

let cached: Map<string, CombinedArea> | undefined;

/** The combined areas by key, read once per process. */
export function combinedAreas(): Map<string, CombinedArea> {
  if (!cached) {
    const file = JSON.parse(readFileSync(join(packageRoot(), AREAS_FILE), 'utf8')) as { areas: { ags: string; name: string; members: { ags: string }[] }[] };
    cached = new Map(file.areas.map((a) => [a.ags, { ags: a.ags, name: a.name, members: a.members.map((m) => m.ags) }]));
  }
  return cached;
}
