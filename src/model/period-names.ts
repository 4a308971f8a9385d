/**
 * Names of report periods inside a sentence whose year is already known from the title: "quý III",
 * "6 tháng đầu năm", "9 tháng", "tháng 7", and the months from January to a month ("lũy kế 9
 * tháng"). The period's full label (with its year) is Period.label, set where rounds are parsed.
 */
import type { Period } from './round.js';
import { toRoman } from '../vn/roman.js';

/** The period without its year ("quý III", "6 tháng cuối năm"); a year round is "năm 2026". */
export function periodShort(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `năm ${p.year}`;
    case 'half':
      return p.index === 2 ? '6 tháng cuối năm' : '6 tháng đầu năm';
    case 'quarter':
      return `quý ${toRoman(p.index ?? 1)}`;
    case 'nine-months':
      return '9 tháng';
    case 'month':
      return `tháng ${p.index ?? 1}`;
  }
}

/** January to month `end` without the year: "quý I", "6 tháng đầu năm", "9 tháng", "cả năm", "7 tháng". */
export function monthsToDateShort(end: number): string {
  if (end === 12) return 'cả năm';
  if (end === 6) return '6 tháng đầu năm';
  if (end === 3) return 'quý I';
  if (end === 1) return 'tháng 1';
  return `${end} tháng`;
}

/** January to month `end` of `year`: "9 tháng năm 2026", "6 tháng đầu năm 2026", "cả năm 2026", "quý I năm 2026". */
export function monthsToDate(end: number, year: number): string {
  if (end === 12 || end === 6) return `${monthsToDateShort(end)} ${year}`;
  return `${monthsToDateShort(end)} năm ${year}`;
}
