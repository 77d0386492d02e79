import { type ParameterSet, requireParameter } from '../engine/parameters.js';
import { DERIVED, OFFICIAL, type Status, statusWord } from '../engine/status.js';
import type { ResultRow, Totals } from '../engine/types.js';
import { germanDate } from './trace.js';

/**
 * How table and md show a figure's status (engine/status.ts): a letter after the number,
 * none for official figures. csv and json write the word in a `*_status` field instead.
 */
export { MARK } from '../report/marks.js';
import { MARK } from '../report/marks.js';

/** A number with its status letter; official figures get padding so digits stay aligned. */
export const marked = (text: string, code: number): string => (text === '' ? '' : `${text} ${MARK[statusWord(code)] || ' '}`);


/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * What each status means, for legends and metadata. "official" covers published figures and
 * the user's own input alike: the tool cannot tell them apart and does not pretend to. The
 * facts in the words (which index years are secondary, the date of the national ratio) come
 * from the parameters of the run, so a new index year or a new ratio changes them too.
 */
export function statusMeanings(parameters: ParameterSet): Record<Status, string> {
  const secondary = requireParameter(parameters, 'vpi').values.filter((entry) => entry.status === 'secondary');
  const secondaryIndex = secondary.length
    ? `, such as the consumer price index for ${listed(secondary.map((entry) => entry.from.slice(0, 4)))} ` +
      `(parameter vpi: ${[...new Set(secondary.map((entry) => entry.source))].join('; ')})`
    : '';
  const latest = (name: string): string => {
    const values = requireParameter(parameters, name).values;
    return values[values.length - 1]?.from ?? '';
  };
  const insuredDate = latest('insured_bg_ro_de');
  const eu2Date = latest('eu2_residents_de');
  const ratio = insuredDate === eu2Date
    ? `the national ratio of ${germanDate(eu2Date)}`
    : `the national ratio of insured employees on ${germanDate(insuredDate)} to EU2 residents on ${germanDate(eu2Date)}`;
  return {
    official: 'a published figure, or your own input for its year, used as given',
    derived: 'computed by the tool from official figures only (a difference, a product, a sum, a price uprating with an official index)',
    secondary: `depends on a secondary figure, one not taken from an official table${secondaryIndex}`,
    proposed: 'depends on a programme or amount that is demanded, not enacted (a proposal such as a federal flat rate)',
    estimated: `depends on an estimate made by the tool (insured employees imputed from ${ratio})`,
    assumption: 'depends on a value someone assumed: a rate or parameter set for the run (--rate, --set), an assumed inflation, or a rule\'s assumed key or eligibility',
    projected: 'depends on a projection: counts grown beyond the base year, or prices beyond the last known index year',
  };
}

/**
 * The status of a population figure (rows carry none of their own): a population summed over
 * several rows (a total, an aggregate such as a Land) is a sum the tool made, derived as the
 * other sums are; a row's own population is as given. One rule for table, md and html.
 */
export function populationStatus(figures: ResultRow | Totals): number {
  const summed = 'rows' in figures ? figures.rows > 1 : (figures.members ?? 1) > 1;
  return summed ? DERIVED : OFFICIAL;
}
