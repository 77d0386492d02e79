import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileShippedData } from '../../src/io/compile-data.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Everything under data/ cites primary sources (documents, tables, laws), never a file outside
 * the repository: a team briefing or a shared folder is not something a user can look up.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const FORBIDDEN = [/METHOD\.md/i, /\.\.\/shared/, /shared\/reference/, /shared\/data/];

describe('sources in data/', () => {
  it('no file under data/ cites a file outside the repository', () => {
    const found = filesUnder(join(ROOT, 'data')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${relative(ROOT, file)}: ${re.source}`);
    });
    expect(found).toEqual([]);
  });

  it('the KIM rates cite the Richtlinie of 12.12.2024 and the Bezirksregierung Arnsberg', () => {
    const { parameters } = compileShippedData(ROOT);
    for (const name of ['kim_coordination_post', 'kim_admin_half_post', 'kim_workplace_oneoff']) {
      const source = parameters.find((p) => p.name === name)?.values[0]?.source ?? '';
      expect(source).toContain('MBl. NRW. 2024 Nr. 43');
      expect(source).toContain('Bezirksregierung Arnsberg');
    }
  });

  it('the federal KdU share is a dated series 2017–2020, each value with its own source', () => {
    const { parameters } = compileShippedData(ROOT);
    const values = parameters.find((p) => p.name === 'kdu_refugee_share_nrw')?.values ?? [];
    expect(values.map((v) => [v.from, v.value])).toEqual([['2017-01-01', 5.3], ['2018-01-01', 8.9], ['2019-01-01', 8.9], ['2020-01-01', 10.1]]);
    expect(values.map((v) => /BBFestV (2017|2018|2019|2021)/.exec(v.source)?.[0])).toEqual(['BBFestV 2017', 'BBFestV 2019', 'BBFestV 2019', 'BBFestV 2021']);
  });
});
