/**
 * Earlier rounds of a plan, as a round sees them: the valid submissions of each, and which of them
 * make up the months of the year before a period (the parts of its year-to-date figure).
 */
import { periodIdOf, periodMonths } from './period.js';
import type { Period, Round } from './round.js';
import type { Submission } from './submission.js';

/** The valid submissions of one earlier round of the same plan. */
export interface EarlierRound {
  readonly round: Round;
  readonly submissions: readonly Submission[];
}

/**
 * Earlier rounds whose periods exactly tile the months of the year before this period
 * (largest blocks first): the parts of the year-to-date figure. Null when they cannot.
 */
export function yearToDateParts(period: Period, earlier: readonly EarlierRound[]): EarlierRound[] | null {
  return monthsToDateParts(period.year, periodMonths(period)[0] - 1, earlier);
}

/**
 * Earlier rounds of `year` whose periods exactly tile its months January to `end` (largest
 * blocks first; none when `end` is 0). Null when they cannot.
 */
export function monthsToDateParts(year: number, end: number, earlier: readonly EarlierRound[]): EarlierRound[] | null {
  const parts: EarlierRound[] = [];
  let last = end;
  while (last >= 1) {
    const candidates = earlier
      .filter((e) => e.round.period && e.round.period.year === year && periodMonths(e.round.period)[1] === last)
      .sort((a, b) => periodMonths(a.round.period as Period)[0] - periodMonths(b.round.period as Period)[0]);
    const pick = candidates[0];
    if (!pick || !pick.round.period) return null;
    parts.unshift(pick);
    last = periodMonths(pick.round.period)[0] - 1;
  }
  return parts;
}

/** Whether `other` is the same period as `period`, a year before (2026-Q3 for 2027-Q3, 2026 for 2027). */
export function isSamePeriodLastYear(other: Period, period: Period): boolean {
  return periodIdOf(other) === periodIdOf({ ...period, year: period.year - 1 });
}
