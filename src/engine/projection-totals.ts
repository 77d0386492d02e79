import type { ProjectionBuffer, ProjectionPlan, RangeDriver } from './projection.js';
import { spreadRate } from './rate.js';
import { DERIVED, combine } from './status.js';

/**
 * Sums per year over projected rows (an aggregate or a totals line). Statuses combine like
 * any computed figure: a sum of several rows is at least derived.
 */
export class ProjectionTotals {
  rows = 0;
  /** Any row summed rests on an imputed insured count. */
  insuredEstimated = false;
  readonly eu2: Float64Array;
  readonly insured: Float64Array;
  readonly net: Float64Array;
  readonly costCents: Float64Array;
  readonly eu2Status: Uint8Array;
  readonly insuredStatus: Uint8Array;
  readonly netStatus: Uint8Array;
  readonly costStatus: Uint8Array;
  readonly costLowCents: Float64Array;
  readonly costHighCents: Float64Array;
  readonly netLow: Float64Array;
  readonly netHigh: Float64Array;
  /** Summed one-at-a-time widths, to name the driver of the total's band. */
  private readonly rateWidth: Float64Array;
  private readonly growthWidth: Float64Array;

  constructor(readonly length: number) {
    this.eu2 = new Float64Array(length);
    this.insured = new Float64Array(length);
    this.net = new Float64Array(length);
    this.costCents = new Float64Array(length);
    this.eu2Status = new Uint8Array(length);
    this.insuredStatus = new Uint8Array(length);
    this.netStatus = new Uint8Array(length);
    this.costStatus = new Uint8Array(length);
    this.costLowCents = new Float64Array(length);
    this.costHighCents = new Float64Array(length);
    this.netLow = new Float64Array(length);
    this.netHigh = new Float64Array(length);
    this.rateWidth = new Float64Array(length);
    this.growthWidth = new Float64Array(length);
  }

  add(b: ProjectionBuffer, plan: ProjectionPlan): void {
    this.rows += 1;
    this.insuredEstimated ||= b.insuredEstimated;
    const range = plan.range;
    const sum = (target: Float64Array, source: Float64Array, i: number): void => {
      target[i] = (target[i] as number) + (source[i] as number);
    };
    const worst = (target: Uint8Array, source: Uint8Array, i: number): void => {
      if ((source[i] as number) > (target[i] as number)) target[i] = source[i] as number;
    };
    for (let i = 0; i < this.length; i++) {
      sum(this.eu2, b.eu2, i);
      sum(this.insured, b.insured, i);
      sum(this.net, b.net, i);
      sum(this.costCents, b.costCents, i);
      worst(this.eu2Status, b.eu2Status, i);
      worst(this.insuredStatus, b.insuredStatus, i);
      worst(this.netStatus, b.netStatus, i);
      worst(this.costStatus, b.costStatus, i);
      if (range) {
        sum(this.costLowCents, b.costLowCents, i);
        sum(this.costHighCents, b.costHighCents, i);
        sum(this.netLow, b.netLow, i);
        sum(this.netHigh, b.netHigh, i);
        const rate = b.rateCents[i] as number;
        const width = spreadRate(rate, range.spreadBasisPoints, 1) - spreadRate(rate, range.spreadBasisPoints, -1);
        this.rateWidth[i] = (this.rateWidth[i] as number) + (b.net[i] as number) * width;
        this.growthWidth[i] = (this.growthWidth[i] as number) + Math.abs((b.netHigh[i] as number) - (b.netLow[i] as number)) * (b.rateCents[i] as number);
      }
    }
  }

  /** The status of a summed figure: a sum over several rows is at least derived. */
  status(codes: Uint8Array, i: number): number {
    const code = codes[i] as number;
    return this.rows > 1 ? combine(code, DERIVED) : code;
  }

  driver(i: number): RangeDriver {
    const g = this.growthWidth[i] as number;
    const r = this.rateWidth[i] as number;
    return g > r ? 'growth' : r > 0 ? 'rate' : 'none';
  }
}

