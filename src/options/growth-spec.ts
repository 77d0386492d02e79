import { usageError } from '../errors.js';
import { DEFAULT_TREND_YEARS, type GrowthSpec } from '../engine/projection.js';

/** Growth scenarios as the command line writes them, parsed at the boundary (the engine takes a GrowthSpec). */
/**
 * Parse `constant`, `trend`, `trend:N`, `rate:P` (P % a year, at most four decimals, may be
 * negative) and `series:FILE`; `ratio` (stay at the base-year share) only where allowed.
 */
export function parseGrowthSpec(text: string, option: string, allowRatio = false): GrowthSpec {
  const spec = text.trim();
  const forms = `constant, trend, trend:N, rate:P, series:FILE${allowRatio ? ', ratio' : ''}`;
  if (spec === 'constant') return { kind: 'constant' };
  if (spec === 'ratio' && allowRatio) return { kind: 'ratio' };
  if (spec === 'trend') return { kind: 'trend', years: DEFAULT_TREND_YEARS };
  let m = /^trend:(\d{1,3})$/.exec(spec);
  if (m) {
    const years = Number(m[1]);
    if (years < 1) throw usageError(`${option} ${spec}: the trend needs at least 1 year`, 'e.g. trend:5');
    return { kind: 'trend', years };
  }
  m = /^rate:([+-]?)(\d{1,4})(?:[.,](\d{1,4}))?%?$/.exec(spec);
  if (m) {
    const ppm = Number(m[2]) * 10_000 + Number((m[3] ?? '').padEnd(4, '0'));
    const signed = m[1] === '-' ? -ppm : ppm;
    if (signed <= -1_000_000) throw usageError(`${option} ${spec}: a decline of 100 % or more leaves nobody`, 'use a rate above -100');
    return { kind: 'rate', ppm: signed + 0 };
  }
  m = /^series(?::(.+))?$/.exec(spec);
  if (m) return { kind: 'series', file: m[1] ?? null };
  throw usageError(`${option} ${JSON.stringify(text)} is not a growth scenario`, `use one of ${forms}; e.g. rate:2.5 for 2.5 % a year`);
}

