/**
 * Round folder names as staff write them: every spelling of a period is read to the same period
 * and named in words; a name that says no period is refused (null), never guessed.
 */
import { describe, expect, it } from 'vitest';
import { parseRoundName, readRoundName } from '../../src/model/round.js';
import { periodIdOf } from '../../src/model/period.js';

describe('readRoundName', () => {
  it.each([
    // year
    ['2026', '2026', 'năm 2026'],
    ['Năm 2026', '2026', 'năm 2026'],
    ['nam 2026', '2026', 'năm 2026'],
    ['Cả năm 2026', '2026', 'năm 2026'],
    ['Báo cáo năm 2025', '2025', 'năm 2025'],
    // quarter
    ['2026-Q3', '2026-Q3', 'quý III năm 2026'],
    ['Q3-2026', '2026-Q3', 'quý III năm 2026'],
    ['q3 2026', '2026-Q3', 'quý III năm 2026'],
    ['Quý III năm 2026', '2026-Q3', 'quý III năm 2026'],
    ['QUÝ III NĂM 2026', '2026-Q3', 'quý III năm 2026'],
    ['Quy 3 - 2026', '2026-Q3', 'quý III năm 2026'],
    ['Quý 3/2026', '2026-Q3', 'quý III năm 2026'],
    ['2026-quy-3', '2026-Q3', 'quý III năm 2026'],
    ['quy iv-2026', '2026-Q4', 'quý IV năm 2026'],
    ['Quý I năm 2027', '2027-Q1', 'quý I năm 2027'],
    ['Đợt báo cáo quý II năm 2026', '2026-Q2', 'quý II năm 2026'],
    // halves
    ['2026-H1', '2026-H1', '6 tháng đầu năm 2026'],
    ['2026-6t', '2026-H1', '6 tháng đầu năm 2026'],
    ['6 tháng đầu năm 2026', '2026-H1', '6 tháng đầu năm 2026'],
    ['6 thang dau nam 2026', '2026-H1', '6 tháng đầu năm 2026'],
    ['6 tháng 2026', '2026-H1', '6 tháng đầu năm 2026'],
    ['2026-H2', '2026-H2', '6 tháng cuối năm 2026'],
    ['6 tháng cuối năm 2026', '2026-H2', '6 tháng cuối năm 2026'],
    ['6_thang_cuoi_nam_2026', '2026-H2', '6 tháng cuối năm 2026'],
    // nine months
    ['2026-9t', '2026-9T', '9 tháng năm 2026'],
    ['2026-9T', '2026-9T', '9 tháng năm 2026'],
    ['9 tháng năm 2026', '2026-9T', '9 tháng năm 2026'],
    ['9 thang 2026', '2026-9T', '9 tháng năm 2026'],
    ['9 tháng đầu năm 2026', '2026-9T', '9 tháng năm 2026'],
    // months
    ['2026-07', '2026-07', 'tháng 7 năm 2026'],
    ['2026-thang-7', '2026-07', 'tháng 7 năm 2026'],
    ['Tháng 7-2026', '2026-07', 'tháng 7 năm 2026'],
    ['Thang 07/2026', '2026-07', 'tháng 7 năm 2026'],
    ['Tháng 12 năm 2026', '2026-12', 'tháng 12 năm 2026'],
    ['T7-2026', '2026-07', 'tháng 7 năm 2026'],
    ['07-2026', '2026-07', 'tháng 7 năm 2026'],
    // decomposed Unicode (macOS) reads the same
    ['Qu\u0079\u0301 III na\u0306\u0301m 2026', '2026-Q3', 'quý III năm 2026'],
  ])('%s → %s ("%s")', (name, id, label) => {
    const r = readRoundName(name);
    expect(r?.kind).toBe('progress');
    expect(r?.period && periodIdOf(r.period)).toBe(id);
    expect(r?.label).toBe(label);
  });

  it.each(['du-toan', 'Du toan', 'Dự toán', 'DỰ TOÁN', 'dutoan', 'Dự toán kinh phí'])('%s → the estimate round', (name) => {
    expect(readRoundName(name)).toEqual({ kind: 'estimate', period: null, label: 'dự toán kinh phí' });
  });

  it.each([
    'dot-1',
    'Đợt 1 năm 2026',
    'abc',
    '2026-Q5',
    'Quý V năm 2026',
    'Tháng 13-2026',
    'Tháng 0-2026',
    '2026-2027',
    'moi',
    'mau',
    '',
    'Q3',
    'Tháng 7',
    'ban nhap 2026 cu',
  ])('"%s" is no period: refused', (name) => {
    expect(readRoundName(name)).toBeNull();
  });

  it('parseRoundName keeps an unknown name as a round without a period (for the plan\'s "Kỳ" column)', () => {
    expect(parseRoundName('dot-1')).toEqual({ kind: 'progress', period: null, label: 'đợt dot-1' });
  });
});
