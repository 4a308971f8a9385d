/**
 * Dates as Vietnamese documents write them: the official date line (official-format.md §1.4),
 * day-first short dates "12/07/2026", and Excel serial numbers.
 */

/** Blank left for the Văn thư to fill in by hand when the day or month is not known yet. */
const BLANK = ' '.repeat(6);

/** Day/month as the date line writes them: a leading zero for days below 10 and for months 1 and 2 only. */
function dayPart(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}
function monthPart(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

/**
 * Builds the official place-and-date line (callers set it in italics): "Lạng Sơn, ngày 05 tháng 01 năm 2026",
 * "…ngày 05 tháng 3 năm 2026"; an unknown day or month is left as 6 spaces: "Bắc Giang, ngày      tháng      năm 2025".
 */
export function dateLine(place: string, date: { year: number; month?: number; day?: number }): string {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`dateLine: invalid year ${year}`);
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12)) {
    throw new RangeError(`dateLine: invalid month ${month}`);
  }
  if (day !== undefined) {
    const max = month === undefined ? 31 : daysInMonth(year, month);
    if (!Number.isInteger(day) || day < 1 || day > max) throw new RangeError(`dateLine: invalid day ${day}`);
  }
  // A blank replaces the number and its surrounding spaces: "ngày" + 6 spaces + "tháng".
  const d = day === undefined ? BLANK : ` ${dayPart(day)} `;
  const m = month === undefined ? BLANK : ` ${monthPart(month)} `;
  return `${place.trim()}, ngày${d}tháng${m}năm ${year}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date typed as text, day first as in Vietnam: "12/7/2026", "12-07-2026", "12.07.2026" and ISO "2026-07-12"
 * all give "2026-07-12"; a trailing time ("12/07/2026 08:30") is ignored; impossible dates (31/02/2026) and
 * two-digit years give null.
 */
export function parseDateText(text: string): string | null {
  const s = text.normalize('NFC').replace(/[\u00A0\u202F]/gu, ' ').trim().replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/u, '');
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(s);
  if (iso !== null) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})$/u.exec(s);
  if (dmy !== null) return isoOf(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));
  return null;
}

/** Excel's day 0 for serials after the fictitious 29 Feb 1900 (serial 60), in UTC milliseconds. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Converts an Excel 1900-system serial to an ISO date, ignoring the time of day: 1 → "1900-01-01",
 * 61 → "1900-03-01", 46023 → "2026-01-01"; serial 60 (Excel's non-existent 29 Feb 1900), < 1 or past 9999 → null.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const days = Math.floor(serial);
  if (days < 1 || days === 60 || days > 2_958_465) return null;
  // Excel counts a 29 Feb 1900 that never existed: serials before it are one day later than the epoch suggests.
  const offset = days < 60 ? days + 1 : days;
  return new Date(EXCEL_EPOCH_MS + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Writes an ISO date "2026-07-12" in the short Vietnamese form "12/07/2026"; a malformed ISO date is a bug (RangeError). */
export function formatDateShort(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso);
  if (m === null || isoOf(Number(m[1]), Number(m[2]), Number(m[3])) === null) {
    throw new RangeError(`formatDateShort: "${iso}" is not an ISO date (YYYY-MM-DD)`);
  }
  return `${m[3]}/${m[2]}/${m[1]}`;
}
