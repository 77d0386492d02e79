import { usageError } from '../errors.js';

/**
 * The 16 Länder: the first two digits of every AGS, the usual two-letter abbreviation and the
 * name (Destatis, Gemeindeverzeichnis). `--land` takes any of the three.
 */
export const LANDS: readonly (readonly [string, string, string])[] = [
  ['01', 'SH', 'Schleswig-Holstein'], ['02', 'HH', 'Hamburg'], ['03', 'NI', 'Niedersachsen'], ['04', 'HB', 'Bremen'],
  ['05', 'NW', 'Nordrhein-Westfalen'], ['06', 'HE', 'Hessen'], ['07', 'RP', 'Rheinland-Pfalz'], ['08', 'BW', 'Baden-Württemberg'],
  ['09', 'BY', 'Bayern'], ['10', 'SL', 'Saarland'], ['11', 'BE', 'Berlin'], ['12', 'BB', 'Brandenburg'],
  ['13', 'MV', 'Mecklenburg-Vorpommern'], ['14', 'SN', 'Sachsen'], ['15', 'ST', 'Sachsen-Anhalt'], ['16', 'TH', 'Thüringen'],
];

/** The key prefix of a Land given as 05, 5, NW or Nordrhein-Westfalen (case-insensitive). */
export function resolveLand(text: string): string {
  const wanted = text.trim().toLowerCase();
  const padded = /^\d{1,2}$/.test(wanted) ? wanted.padStart(2, '0') : wanted;
  const land = LANDS.find(([code, short, name]) => code === padded || short.toLowerCase() === wanted || name.toLowerCase() === wanted);
  if (!land) throw usageError(`--land ${JSON.stringify(text)} is not a Land`, 'give its key (05), abbreviation (NW) or name (Nordrhein-Westfalen)');
  return land[0];
}
