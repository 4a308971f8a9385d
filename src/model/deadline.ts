/**
 * Deadlines of a round (hạn nộp) and lateness in whole calendar days, on Vietnamese dates.
 *
 * The rule: the plan gives each agency a day of the month (column "Hạn nộp (ngày trong tháng)").
 * A round's due date for that agency is that day in the LAST month of the round's period —
 * month round 2026-07 → 2026-07-D; quarter 2026-Q3 → 2026-09-D; 2026-H1 → 2026-06-D, 2026-H2 →
 * 2026-12-D; nine months → 09; year → 12 — clamped to the month's length (31 in June → 30, in
 * February → 28 or 29). The due day itself is on time: a file received on the due date is
 * "đúng hạn", the day after is "muộn 1 ngày". There is no due date when the agency has no
 * deadline day or the round has no period (the estimate round "du-toan", an unrecognised folder name).
 * Dates are taken in Asia/Ho_Chi_Minh time, a fixed +07:00 offset (Vietnam has no daylight saving):
 * so is every date and time baocao shows (the report's date, times of builds and changes), so that
 * a machine whose clock is set to another zone never shows two dates for one moment.
 */
import type { Period } from './round.js';

/** Vietnam's offset from UTC (+07:00, no daylight saving). */
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** Number of days of a month (1–12) of a year. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last month (1–12) of a period: the month itself, the quarter's third month, June/December, September, December. */
export function lastMonthOf(period: Period): number {
  const index = period.index ?? 1;
  switch (period.kind) {
    case 'month':
      return index;
    case 'quarter':
      return index * 3;
    case 'half':
      return index * 6;
    case 'nine-months':
      return 9;
    case 'year':
      return 12;
  }
}

/**
 * An agency's due date in a round as an ISO date "2026-07-12", or null when there is none
 * (no deadline day, or a round without a period). See the module comment for the rule.
 */
export function dueDate(period: Period | null, deadlineDay: number | null): string | null {
  if (period === null || deadlineDay === null) return null;
  const month = lastMonthOf(period);
  return iso(period.year, month, Math.min(Math.max(1, Math.trunc(deadlineDay)), daysInMonth(period.year, month)));
}

/** The calendar date in Vietnam (+07:00) of an instant, as an ISO date "2026-07-12". */
export function vnDate(instant: Date | number | string): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`vnDate: invalid instant ${String(instant)}`);
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Vietnam (+07:00), "2026-07-12": the date staff see on the wall, whatever the machine's time zone. */
export function vnToday(now: Date | number = Date.now()): string {
  return vnDate(now);
}

/** An instant's wall-clock time in Vietnam (+07:00): year, month 1–12, day, hours, minutes, seconds. */
export interface VnClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** The wall clock in Vietnam at an instant. */
export function vnClock(instant: Date | number | string): VnClock {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`vnClock: invalid instant ${String(instant)}`);
  const d = new Date(ms + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds() };
}

/** "20260714-093000": an instant in Vietnam's time, for the names of files kept aside (sorted by name, sorted by time). */
export function vnStamp(instant: Date | number): string {
  const t = vnClock(instant);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.year}${p(t.month)}${p(t.day)}-${p(t.hours)}${p(t.minutes)}${p(t.seconds)}`;
}

/** Whole calendar days from ISO date `from` to ISO date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`daysBetween: invalid date ${from} or ${to}`);
  return Math.round((b - a) / DAY_MS);
}

/** Days late of a file received at an instant against a due date: 0 when on time (on or before the due day). */
export function daysLate(receivedAt: Date | number | string, due: string): number {
  return Math.max(0, daysBetween(due, vnDate(receivedAt)));
}
