import { type Group, type ProjectionBuffer, type ProjectionPlan, RANGE_DRIVERS } from '../engine/projection.js';
import { ASSUMPTION, STATUSES, combine } from '../engine/status.js';
import { formatHundredths, type Locale } from '../io/numbers.js';
import { CSV_COLUMNS, figureLine } from './csv.js';
import { mulExact, roundDiv } from '../engine/money.js';
import { type ClaimColumn, type ClaimSeries, claimStatusKey } from './extrapolate-report.js';

/**
 * Projection results as CSV, long format: one line per row and year, every figure followed by
 * its status (official, derived, secondary, estimated, projected). Streams straight from the
 * engine's ProjectionBuffer, without an object per line: 330,000 lines must serialise in well
 * under a second. Usable by `extrapolate` and by `calc --years`.
 *
 *     ags,name,year,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status
 * insured_estimated (true/false, as in calc) says whether the row's base-year insured count was
 * imputed, in whole or for any row summed into it: in projected years insured_status is
 * "projected" either way.
 * and with a range:
 *     …,net_low,net_high,cost_low_eur,cost_high_eur,range_status,range_driver
 * The bounds rest on an assumed rate spread and growth variants, so range_status is at least
 * "estimated" (and "projected" where the cost is). With --rules, each claim column (named as
 * in calc: claim_<programme>_eur, claims_total_eur, uncovered_eur, coverage_pct, …) follows,
 * each with its status (claim_<programme>_status, claims_total_status, …).
 */
export const RANGE_CSV_COLUMNS = ['net_low', 'net_high', 'cost_low_eur', 'cost_high_eur', 'range_status', 'range_driver'] as const;

export interface ProjectionCsvWriter {
  header(): string;
  /** All years of one projected row (the buffer as `projectRow` left it), with its claims (--rules). */
  rows(group: Group, buffer: ProjectionBuffer, claims?: ClaimSeries): string;
}

export function projectionCsv(plan: ProjectionPlan, options: { locale: Locale; claims?: readonly ClaimColumn[] }): ProjectionCsvWriter {
  const d = options.locale === 'de' ? ';' : ',';
  const range = plan.range !== null;
  const money = (cents: number): string => formatHundredths(cents, { locale: options.locale, grouped: false });
  const status = STATUSES;
  const claimColumns = options.claims ?? [];
  const columns: string[] = [
    ...CSV_COLUMNS, ...(range ? RANGE_CSV_COLUMNS : []), ...claimColumns.flatMap((c) => [c.key, claimStatusKey(c.key)]),
  ];
  return {
    header: () => `${options.locale === 'de' ? '\uFEFF' : ''}${columns.join(d)}\n`,
    rows(group: Group, b: ProjectionBuffer, claims?: ClaimSeries): string {
      // The population stays at its base-year count (none is projected).
      const population = group.population !== null && group.population > 0 ? group.population : null;
      let out = '';
      for (let i = 0; i < b.length; i++) {
        const eu2 = b.eu2[i] as number;
        const costCents = b.costCents[i] as number;
        let line = figureLine({
          ags: group.key, name: group.name, year: b.yearAt(plan, i), population: group.population,
          eu2, eu2Status: b.eu2Status[i] as number, insured: b.insured[i] as number, insuredStatus: b.insuredStatus[i] as number,
          insuredEstimated: b.insuredEstimated, net: b.net[i] as number, netStatus: b.netStatus[i] as number,
          rateCents: b.rateCents[i] as number, rateStatus: b.rateStatus[i] as number, costCents, costStatus: b.costStatus[i] as number,
          costPerInhabitantCents: population === null ? null : roundDiv(costCents, population),
          eu2ShareBasisPoints: population === null ? null : roundDiv(mulExact(eu2, 10_000), population),
        }, d, money);
        if (range) {
          line += `${d}${b.netLow[i]}${d}${b.netHigh[i]}${d}${money(b.costLowCents[i] as number)}${d}${money(b.costHighCents[i] as number)}` +
            `${d}${status[combine(b.costStatus[i] as number, ASSUMPTION)]}${d}${RANGE_DRIVERS[b.driver[i] as number]}`;
        }
        if (claims) {
          for (let k = i * claimColumns.length; k < (i + 1) * claimColumns.length; k++) {
            const value = claims.values[k] as number;
            line += `${d}${Number.isNaN(value) ? '' : money(value)}${d}${status[claims.statuses[k] as number]}`;
          }
        }
        out += `${line}\n`;
      }
      return out;
    },
  };
}
