import { describe, expect, it } from 'vitest';
import { daysBetween, daysLate, dueDate, lastMonthOf, vnDate } from '../../src/model/deadline.js';
import { parseRoundName } from '../../src/model/round.js';

const periodOf = (name: string) => parseRoundName(name).period;

describe('due date of a round: the deadline day in the last month of the period', () => {
  it.each([
    ['2026-07', 12, '2026-07-12'],
    ['2026-thang-2', 16, '2026-02-16'],
    ['2026-Q1', 18, '2026-03-18'],
    ['2026-Q3', 12, '2026-09-12'],
    ['2026-Q4', 5, '2026-12-05'],
    ['2026-H1', 16, '2026-06-16'],
    ['2026-H2', 18, '2026-12-18'],
    ['2026-9t', 12, '2026-09-12'],
    ['2026', 18, '2026-12-18'],
  ])('%s, day %i → %s', (round, day, expected) => {
    expect(dueDate(periodOf(round), day)).toBe(expected);
  });

  it('clamps a day past the month’s end to its last day (31 → 30 in June and September, 28/29 in February)', () => {
    expect(dueDate(periodOf('2026-H1'), 31)).toBe('2026-06-30');
    expect(dueDate(periodOf('2026-Q3'), 31)).toBe('2026-09-30');
    expect(dueDate(periodOf('2026-02'), 31)).toBe('2026-02-28');
    expect(dueDate(periodOf('2028-02'), 30)).toBe('2028-02-29');
    expect(dueDate(periodOf('2026-12'), 31)).toBe('2026-12-31');
  });

  it('has no due date without a deadline day, in the estimate round or a folder name that is no period', () => {
    expect(dueDate(periodOf('2026-07'), null)).toBeNull();
    expect(dueDate(periodOf('du-toan'), 12)).toBeNull();
    expect(dueDate(periodOf('dot-bo-sung'), 12)).toBeNull();
  });

  it('knows the last month of each period kind', () => {
    expect(['2026-05', '2026-Q2', '2026-H2', '2026-9t', '2026'].map((n) => lastMonthOf(periodOf(n) ?? { kind: 'year', year: 0, label: '' }))).toEqual([5, 6, 12, 9, 12]);
  });
});

describe('lateness in whole calendar days, on Vietnamese dates (+07:00)', () => {
  it('counts the due day itself as on time and the next day as one day late', () => {
    expect(daysLate('2026-07-12T16:59:59Z', '2026-07-12')).toBe(0); // 23:59:59 on the 12th in Hà Nội
    expect(daysLate('2026-07-12T17:00:00Z', '2026-07-12')).toBe(1); // 00:00 on the 13th in Hà Nội
    expect(daysLate('2026-07-01T00:00:00Z', '2026-07-12')).toBe(0);
    expect(daysLate('2026-07-15T03:00:00Z', '2026-07-12')).toBe(3);
  });

  it('takes the calendar date in Vietnam, whatever the machine’s time zone', () => {
    expect(vnDate('2026-07-09T18:30:00Z')).toBe('2026-07-10');
    expect(vnDate(Date.UTC(2026, 6, 10, 16, 59))).toBe('2026-07-10');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});
