import { describe, expect, it } from 'vitest';
import { moneyInWords, numberToWords } from '../../src/vn/index.js';

describe('numberToWords', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [105, 'một trăm linh năm'],
    [104, 'một trăm linh bốn'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [114, 'một trăm mười bốn'],
    [115, 'một trăm mười lăm'],
    [201, 'hai trăm linh một'],
    [999, 'chín trăm chín mươi chín'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [1100, 'một nghìn một trăm'],
    [25000, 'hai mươi lăm nghìn'],
    [711500, 'bảy trăm mười một nghìn năm trăm'],
    [1000000, 'một triệu'],
    [2000003, 'hai triệu không trăm linh ba'],
    [7000015, 'bảy triệu không trăm mười lăm'],
    [1001000, 'một triệu không trăm linh một nghìn'],
    [1000000000, 'một tỷ'],
    [1000000005, 'một tỷ không trăm linh năm'],
    [5810810000, 'năm tỷ tám trăm mười triệu tám trăm mười nghìn'],
    [1000000000000, 'một nghìn tỷ'],
    [3500000000000, 'ba nghìn năm trăm tỷ'],
    [2000000000000000, 'hai triệu tỷ'],
    [-5, 'âm năm'],
    [-1050, 'âm một nghìn không trăm năm mươi'],
  ])('reads %d as %j', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it.each([
    [205, { zeroTens: 'lẻ' }, 'hai trăm lẻ năm'],
    [1000, { thousand: 'ngàn' }, 'một ngàn'],
    [1000000000, { billion: 'tỉ' }, 'một tỉ'],
    [24, { fourAfterTens: 'bốn' }, 'hai mươi bốn'],
    [-3, { negative: 'trừ' }, 'trừ ba'],
    [3500000000000, { largeScheme: 'compound' }, 'ba nghìn tỷ năm trăm tỷ'],
    [3.14, { decimals: true }, 'ba phẩy mười bốn'],
    [1.05, { decimals: true }, 'một phẩy không năm'],
    [0.5, { decimals: true }, 'không phẩy năm'],
    [-2.5, { decimals: true }, 'âm hai phẩy năm'],
    [3.14, { decimals: true, fractionStyle: 'digits' }, 'ba phẩy một bốn'],
    [3.14, { decimals: true, decimalWord: 'chấm' }, 'ba chấm mười bốn'],
    [7, { decimals: true }, 'bảy'],
  ] as const)('reads %d with options %j as %j', (n, opts, words) => {
    expect(numberToWords(n, opts)).toBe(words);
  });

  it.each([1.5, 0.1, NaN, Infinity])('throws a TypeError for %d without { decimals: true } (a caller bug)', (n) => {
    expect(() => numberToWords(n)).toThrow(TypeError);
  });

  it('throws a RangeError above the safe integer range', () => {
    expect(() => numberToWords(2 ** 60)).toThrow(RangeError);
  });
});

describe('moneyInWords', () => {
  it.each([
    [5810810000, 'Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng'],
    [0, 'Không đồng'],
    [711500, 'Bảy trăm mười một nghìn năm trăm đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1234.5, 'Một nghìn hai trăm ba mươi lăm đồng'],
    [1234.4, 'Một nghìn hai trăm ba mươi tư đồng'],
    [-1500, 'Âm một nghìn năm trăm đồng'],
  ])('writes %d đồng as %j (rounded to whole đồng, capitalised)', (amount, words) => {
    expect(moneyInWords(amount)).toBe(words);
  });

  it.each([
    [5000, 'always', 'Năm nghìn đồng chẵn'],
    [5000, 'thousands', 'Năm nghìn đồng chẵn'],
    [5001, 'thousands', 'Năm nghìn không trăm linh một đồng'],
    [5001, 'always', 'Năm nghìn không trăm linh một đồng chẵn'],
    [5000, 'never', 'Năm nghìn đồng'],
  ] as const)('adds "chẵn" to %d when the option is %s', (amount, chan, words) => {
    expect(moneyInWords(amount, { chan })).toBe(words);
  });

  it('passes wording options through', () => {
    expect(moneyInWords(1205000, { zeroTens: 'lẻ', thousand: 'ngàn' })).toBe('Một triệu hai trăm lẻ năm ngàn đồng');
  });
});
