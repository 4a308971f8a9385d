import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, daysLate, dueDate, lastMonthOf, vnClock, vnDate, vnStamp, vnToday } from '../../src/model/deadline.js';
import { buildTime } from '../../src/render/index.js';
import { formatFolderChange } from '../../src/text/index.js';
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

describe('every date and time baocao shows is Vietnam’s (+07:00), as the received and due dates are', () => {
  // 20:58 on 5/12 in UTC is 03:58 on 6/12 in Hà Nội: a machine set to UTC once showed the check's
  // time as "20:58 ngày 05/12/2026" beside a file received "06/12/2026" (the page, one moment).
  const cases: ReadonlyArray<{ utc: string; today: string; clock: string; stamp: string }> = [
    { utc: '2026-12-05T20:58:07Z', today: '2026-12-06', clock: '03:58 ngày 06/12/2026', stamp: '20261206-035807' },
    { utc: '2026-12-05T16:59:59Z', today: '2026-12-05', clock: '23:59 ngày 05/12/2026', stamp: '20261205-235959' },
    { utc: '2026-12-31T17:00:00Z', today: '2027-01-01', clock: '00:00 ngày 01/01/2027', stamp: '20270101-000000' },
    { utc: '2028-02-28T18:00:00Z', today: '2028-02-29', clock: '01:00 ngày 29/02/2028', stamp: '20280229-010000' },
  ];
  // The machine's own zone must not matter: run these as if it were far from Vietnam (Node reads TZ again when it changes).
  const zone = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });
  it.each(cases)('$utc → $today, $clock', ({ utc, today, clock, stamp }) => {
    const ms = Date.parse(utc);
    expect(vnToday(ms)).toBe(today);
    expect(vnDate(ms)).toBe(today);
    expect(buildTime(utc)).toBe(clock);
    expect(vnStamp(new Date(ms))).toBe(stamp);
    const t = vnClock(ms);
    expect(`${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`).toBe(today);
    const line = formatFolderChange({ added: ['a.xlsx'], replaced: [], removed: [], opened: [], closed: [], plan: false, template: false, settled: new Map() }, new Date(ms))[0];
    expect(line?.slice(1, 6)).toBe(clock.slice(0, 5));
  });

  it('says so for an instant that is not one', () => {
    expect(buildTime('không phải ngày')).toBe('không phải ngày');
    expect(() => vnClock(Number.NaN)).toThrow(RangeError);
  });
});
