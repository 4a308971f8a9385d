import { describe, expect, it } from 'vitest';
import type { Period } from '../../src/model/round.js';
import { monthsToDate, monthsToDateShort, periodShort } from '../../src/model/period-names.js';

const p = (kind: Period['kind'], index?: number): Period => ({ kind, year: 2026, ...(index !== undefined ? { index } : {}), label: '' });

describe('period names inside a sentence', () => {
  it.each([
    [p('year'), 'năm 2026'],
    [p('half', 1), '6 tháng đầu năm'],
    [p('half', 2), '6 tháng cuối năm'],
    [p('quarter', 1), 'quý I'],
    [p('quarter', 3), 'quý III'],
    [p('quarter', 4), 'quý IV'],
    [p('nine-months'), '9 tháng'],
    [p('month', 7), 'tháng 7'],
  ])('periodShort(%o) = %s', (period, expected) => {
    expect(periodShort(period)).toBe(expected);
  });

  it.each([
    [1, 'tháng 1', 'tháng 1 năm 2026'],
    [3, 'quý I', 'quý I năm 2026'],
    [6, '6 tháng đầu năm', '6 tháng đầu năm 2026'],
    [7, '7 tháng', '7 tháng năm 2026'],
    [9, '9 tháng', '9 tháng năm 2026'],
    [12, 'cả năm', 'cả năm 2026'],
  ])('January to month %i: %s / %s', (end, short, full) => {
    expect(monthsToDateShort(end)).toBe(short);
    expect(monthsToDate(end, 2026)).toBe(full);
  });
});
