import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  parseNumberText,
  parsePercentText,
  roundTo,
} from '../../src/vn/index.js';

describe('parseNumberText', () => {
  it.each([
    ['711500', 711500],
    ['711.500', 711500],
    ['1.234.567', 1234567],
    ['1.234.567,5', 1234567.5],
    ['7,02', 7.02],
    ['0,5', 0.5],
    ['1234,5678', 1234.5678],
    ['1,234,567.5', 1234567.5],
    ['1,234,567', 1234567],
    ['1234.5', 1234.5],
    ['1.234', 1234],
    ['0.500', 0.5],
    ['1234.567', 1234.567],
    ['12345,678', 12345.678],
    [' 711.500 ', 711500],
    ['\u00A0711.500\u00A0', 711500],
    ['1 234 567', 1234567],
    ['1\u2009234\u2009567', 1234567],
    ['1\u202F234', 1234],
    ['1 234 567,5', 1234567.5],
    ['(1.234)', -1234],
    ['-1.234', -1234],
    ['\u22121.234,5', -1234.5],
    ['- 5', -5],
    ['+5', 5],
    ['-0', 0],
    ['1.234.567đ', 1234567],
    ['5.000 đ', 5000],
    ['5.000 đồng', 5000],
    ['5.000 VNĐ', 5000],
    ['1.5E+06', 1500000],
    ['0', 0],
    ['00012', 12],
    ['\u200B42', 42],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumberText(text)).toEqual({ ok: true, value, fromText: true });
  });

  it.each(['-', '–', '—', ' - '])('reads a dash alone (%j) as zero by default', (text) => {
    expect(parseNumberText(text)).toEqual({ ok: true, value: 0, fromText: true });
  });

  it.each(['-', '–', '—'])('rejects a dash alone (%j) when allowDash is false', (text) => {
    expect(parseNumberText(text, { allowDash: false })).toEqual({ ok: false, reason: 'not_number', text });
  });

  it.each(['1,234', '12,345', '999,999', '-1,234', '1,234 đ'])(
    'reports %j as ambiguous instead of guessing English thousands or Vietnamese decimal',
    (text) => {
      expect(parseNumberText(text)).toEqual({ ok: false, reason: 'ambiguous', text });
    },
  );

  it.each([
    '',
    '   ',
    's',
    'abc',
    '12a',
    'x',
    '…',
    '1.23.4',
    '1.2345.678',
    '12.34.567',
    '1,234.567,5',
    '1.234,567.8',
    '12.',
    '12,',
    '1..2',
    '(-5)',
    '5%',
    '1 23',
    '1-2',
    'đồng',
  ])('reports %j as not a number', (text) => {
    expect(parseNumberText(text)).toEqual({ ok: false, reason: 'not_number', text });
  });

  it('keeps the original text (not the cleaned one) in a failure', () => {
    expect(parseNumberText('\u00A012a ')).toEqual({ ok: false, reason: 'not_number', text: '\u00A012a ' });
  });
});

describe('parsePercentText', () => {
  it.each([
    ['45', 45],
    ['45 %', 45],
    ['45%', 45],
    ['45,5%', 45.5],
    ['45,5', 45.5],
    ['100%', 100],
    ['0,45', 45],
    ['0,07', 7],
    ['0,5', 50],
    ['1,0', 100],
    ['1', 1],
    ['0,5%', 0.5],
    ['-2,3%', -2.3],
    ['-0,2', -20],
    ['8,24 %', 8.24],
    ['0', 0],
  ])('reads %j as %d percent points', (text, value) => {
    expect(parsePercentText(text)).toEqual({ ok: true, value, fromText: true });
  });

  it.each([
    ['%', 'not_number'],
    ['abc%', 'not_number'],
    ['', 'not_number'],
    ['1,234', 'ambiguous'],
    ['1,234%', 'ambiguous'],
  ] as const)('rejects %j as %s', (text, reason) => {
    expect(parsePercentText(text)).toEqual({ ok: false, reason, text });
  });
});

describe('roundTo', () => {
  it.each([
    [1.005, 2, 1.01],
    [1.255, 2, 1.26],
    [2.675, 2, 2.68],
    [7.0245, 2, 7.02],
    [7.0249, 2, 7.02],
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [123.456, 1, 123.5],
    [1e-7, 2, 0],
    [5810810000.4, 0, 5810810000],
  ])('rounds %d to %d decimals half away from zero as %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundTo(-0.001, 2), -0)).toBe(false);
  });

  it.each([NaN, Infinity])('throws on a non-finite value (%d), which is a bug', (value) => {
    expect(() => roundTo(value, 2)).toThrow(TypeError);
  });
});

describe('formatNumber', () => {
  it.each([
    [5810810, 0, '5.810.810'],
    [5810810000, 0, '5.810.810.000'],
    [7.0245, 2, '7,02'],
    [1.005, 2, '1,01'],
    [1234.5, 1, '1.234,5'],
    [1234567.891, 2, '1.234.567,89'],
    [-1234, 0, '-1.234'],
    [-0, 0, '0'],
    [-0.001, 2, '0,00'],
    [0, 2, '0,00'],
    [999.5, 0, '1.000'],
    [100, 0, '100'],
    [1000, 0, '1.000'],
    [12.5, 0, '13'],
    [3, 2, '3,00'],
  ])('formats %d with %d decimals as %j', (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });
});

describe('formatNumber and parseNumberText together', () => {
  it.each([0.01, 12.5, 711500, 1234567.89, -98765.43, 5810810000])('reads back what it writes for %d', (value) => {
    expect(parseNumberText(formatNumber(value, 2))).toEqual({ ok: true, value, fromText: true });
  });
});

describe('formatMoney', () => {
  it.each([
    [5810810000, '5.810.810.000'],
    [711500, '711.500'],
    [1234.6, '1.235'],
    [-1500, '-1.500'],
    [0, '-'],
    [null, '-'],
    [0.4, '-'],
  ])('formats %j as %j', (value, expected) => {
    expect(formatMoney(value)).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    [7.0249, undefined, '7,02'],
    [8.245, undefined, '8,25'],
    [45.6, 1, '45,6'],
    [100, undefined, '100,00'],
    [-2.3, 1, '-2,3'],
  ] as const)('formats %d (decimals %j) as %j without a %% sign', (value, decimals, expected) => {
    expect(formatPercent(value, decimals)).toBe(expected);
  });

  it.each([
    [45.5, '45,5'],
    [45, '45'],
    [8.24, '8,24'],
  ])('drops trailing zeros of %d when asked: %j', (value, expected) => {
    expect(formatPercent(value, 2, { trimZeros: true })).toBe(expected);
  });
});
