/**
 * The library API: the engine without the command line, for scripts that compute in
 * process. Nothing here prints or exits.
 */
export { applyMethod, fixedRate, TotalsAccumulator, WarningCollector, type InsuredImputation, type MethodContext } from './engine/method.js';
export { roundDiv, allocateLargestRemainder, parseEuroToCents, InexactError } from './engine/money.js';
export { valueAt, withOverride, type ParameterSet } from './engine/parameters.js';
export { priceIndex, RateBook, resolveRate, type ResolvedRate } from './engine/rate.js';
export { STATUSES, leastSure, type Status } from './engine/status.js';
export { DomainError } from './engine/errors.js';
export { applyRules } from './engine/programmes.js';
export type { InputRow, ResultRow, SameYearTotals, Totals, Warning } from './engine/types.js';
export { parseCount, groupDigits, formatHundredths } from './io/numbers.js';
export { loadShippedData } from './io/shipped.js';
export { BurdenError, EXIT } from './errors.js';
