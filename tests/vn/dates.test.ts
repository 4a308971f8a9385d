import { describe, expect, it } from 'vitest';
import { dateLine, excelSerialToIso, formatDateShort, fromRoman, parseDateText, toRoman } from '../../src/vn/index.js';

const BLANK = ' '.repeat(6);

describe('dateLine', () => {
  it.each([
    ['Lạng Sơn', { year: 2026, month: 1, day: 5 }, 'Lạng Sơn, ngày 05 tháng 01 năm 2026'],
    ['Lạng Sơn', { year: 2026, month: 2, day: 15 }, 'Lạng Sơn, ngày 15 tháng 02 năm 2026'],
    ['Lạng Sơn', { year: 2026, month: 3, day: 5 }, 'Lạng Sơn, ngày 05 tháng 3 năm 2026'],
    ['Hà Nội', { year: 2019, month: 6, day: 29 }, 'Hà Nội, ngày 29 tháng 6 năm 2019'],
    ['Hà Nội', { year: 2025, month: 12, day: 31 }, 'Hà Nội, ngày 31 tháng 12 năm 2025'],
    ['Hà Nội', { year: 2025, month: 10, day: 10 }, 'Hà Nội, ngày 10 tháng 10 năm 2025'],
    ['Bắc Giang', { year: 2025 }, `Bắc Giang, ngày${BLANK}tháng${BLANK}năm 2025`],
    ['Bắc Giang', { year: 2025, month: 1 }, `Bắc Giang, ngày${BLANK}tháng 01 năm 2025`],
    ['Bắc Giang', { year: 2025, month: 7 }, `Bắc Giang, ngày${BLANK}tháng 7 năm 2025`],
  ])('writes %j %j as %j', (place, date, expected) => {
    expect(dateLine(place, date)).toBe(expected);
  });

  it('leaves exactly six spaces for the Văn thư to fill in', () => {
    expect(dateLine('Bắc Giang', { year: 2025 })).toBe('Bắc Giang, ngày      tháng      năm 2025');
  });

  it.each([
    { year: 2026, month: 2, day: 30 },
    { year: 2026, month: 13 },
    { year: 26 },
  ])('throws a RangeError on an impossible date %j (a caller bug)', (date) => {
    expect(() => dateLine('Lạng Sơn', date)).toThrow(RangeError);
  });
});

describe('parseDateText', () => {
  it.each([
    ['12/7/2026', '2026-07-12'],
    ['12/07/2026', '2026-07-12'],
    ['12-07-2026', '2026-07-12'],
    ['12.07.2026', '2026-07-12'],
    ['2026-07-12', '2026-07-12'],
    ['1/1/2026', '2026-01-01'],
    [' 05/01/2026 ', '2026-01-05'],
    ['29/02/2024', '2024-02-29'],
    ['12/07/2026 08:30', '2026-07-12'],
    ['12/07/2026 08:30:15', '2026-07-12'],
  ])('reads %j day first as %j', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each(['31/02/2026', '29/02/2025', '32/01/2026', '12/13/2026', '12/07/26', '12/07-2026', 'hôm nay', '', '2026-13-01'])(
    'rejects %j',
    (text) => {
      expect(parseDateText(text)).toBeNull();
    },
  );
});

describe('excelSerialToIso', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [45658, '2025-01-01'],
    [46023, '2026-01-01'],
    [46215, '2026-07-12'],
    [46215.75, '2026-07-12'],
    [2958465, '9999-12-31'],
  ])('converts serial %d to %j', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it.each([0, -1, 60, 2958466, NaN])('returns null for serial %d (no such date)', (serial) => {
    expect(excelSerialToIso(serial)).toBeNull();
  });
});

describe('formatDateShort', () => {
  it.each([
    ['2026-07-12', '12/07/2026'],
    ['2026-01-05', '05/01/2026'],
  ])('writes %j as %j', (iso, expected) => {
    expect(formatDateShort(iso)).toBe(expected);
  });

  it.each(['12/07/2026', '2026-02-30', ''])('throws a RangeError for %j (a caller bug)', (iso) => {
    expect(() => formatDateShort(iso)).toThrow(RangeError);
  });
});

describe('roman numerals', () => {
  it.each([
    [1, 'I'],
    [2, 'II'],
    [3, 'III'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [40, 'XL'],
    [90, 'XC'],
    [400, 'CD'],
    [1994, 'MCMXCIV'],
    [2026, 'MMXXVI'],
    [3999, 'MMMCMXCIX'],
  ])('writes %d as %j and reads it back', (n, roman) => {
    expect(toRoman(n)).toBe(roman);
    expect(fromRoman(roman)).toBe(n);
  });

  it.each([
    ['iv', 4],
    [' XII ', 12],
  ])('reads %j case-insensitively as %d', (s, n) => {
    expect(fromRoman(s)).toBe(n);
  });

  it.each(['', 'IIII', 'VX', 'IC', 'ABC', 'MMMM', '1'])('rejects %j', (s) => {
    expect(fromRoman(s)).toBeNull();
  });

  it.each([0, 4000, 1.5, -1])('throws a RangeError for %d', (n) => {
    expect(() => toRoman(n)).toThrow(RangeError);
  });
});
