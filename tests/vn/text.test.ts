import { describe, expect, it } from 'vitest';
import { foldKey, normalizeText, sameKey, stripDiacritics, toneStyle } from '../../src/vn/index.js';

describe('normalizeText', () => {
  it.each([
    ['  Sở Tài chính  ', 'Sở Tài chính'],
    ['Sở\u00A0Tài\u00A0chính', 'Sở Tài chính'],
    ['Sở  Tài \t chính', 'Sở Tài chính'],
    ['\uFEFFKinh phí\u200B', 'Kinh phí'],
    ['Dòng 1  \r\n  Dòng 2', 'Dòng 1\nDòng 2'],
    ['Dòng 1\rDòng 2', 'Dòng 1\nDòng 2'],
    ['a\n\nb', 'a\n\nb'],
    ['Ho\u0300a', 'Hòa'],
    ['\u2003Lạng\u2009Sơn\u202F', 'Lạng Sơn'],
    ['', ''],
  ])('cleans %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('turns decomposed Vietnamese (macOS, PDF copies) into NFC', () => {
    const decomposed = 'Lạng Sơn'.normalize('NFD');
    expect(normalizeText(decomposed)).toBe('Lạng Sơn'.normalize('NFC'));
    expect(normalizeText(decomposed).length).toBe(8);
  });

  it('keeps the soft hyphen, which is the letter ư in TCVN3 text', () => {
    expect(normalizeText('Ng\u00ADêi')).toBe('Ng\u00ADêi');
  });
});

describe('stripDiacritics', () => {
  it.each([
    ['Đường Lê Lợi', 'Duong Le Loi'],
    ['Ủy ban nhân dân', 'Uy ban nhan dan'],
    ['Café', 'Cafe'],
  ])('strips %j to %j', (input, expected) => {
    expect(stripDiacritics(input)).toBe(expected);
  });
});

describe('foldKey', () => {
  it.each([
    ['Sở Văn hóa, Thể thao & Du lịch', 'so van hoa the thao du lich'],
    ['Kinh phi', 'kinh phi'],
    ['KINH PHÍ', 'kinh phi'],
    ['  Kinh   phí  ', 'kinh phi'],
    ['Đơn vị tính', 'don vi tinh'],
    ['Lũy kế', 'luy ke'],
    ['Luỹ kế', 'luy ke'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Uỷ ban nhân dân', 'uy ban nhan dan'],
    ['Kế hoạch năm 2026 (đã điều chỉnh)', 'ke hoach nam 2026 da dieu chinh'],
    ['Sở Nông nghiệp - Môi trường', 'so nong nghiep moi truong'],
    ['Tỷ lệ (%)', 'ty le'],
    ['Ghi\u00A0chú', 'ghi chu'],
    ['Ho\u0300a', 'hoa'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldKey(input)).toBe(expected);
  });
});

describe('sameKey', () => {
  it.each([
    ['hoà', 'hòa'],
    ['uỷ', 'ủy'],
    ['Kinh phí', 'KINH PHI'],
    ['Sở Tài chính', 'so tai chinh'],
    ['Văn hóa, Thể thao', 'Văn hóa - Thể thao'],
  ])('treats %j and %j as the same key', (a, b) => {
    expect(sameKey(a, b)).toBe(true);
  });

  it.each([
    ['Sở Tài chính', 'Sở Tư pháp'],
    ['Kinh phí', 'Kinh phí dự phòng'],
  ])('tells %j and %j apart', (a, b) => {
    expect(sameKey(a, b)).toBe(false);
  });
});

describe('toneStyle', () => {
  it.each([
    ['hoà', 'old', 'hòa'],
    ['hòa', 'new', 'hoà'],
    ['khoẻ', 'old', 'khỏe'],
    ['khỏe', 'new', 'khoẻ'],
    ['thuỷ', 'old', 'thủy'],
    ['thủy', 'new', 'thuỷ'],
    ['Uỷ ban', 'old', 'Ủy ban'],
    ['Ủy ban', 'new', 'Uỷ ban'],
    ['CỘNG HOÀ', 'old', 'CỘNG HÒA'],
    ['tuỳ, luỹ kế', 'old', 'tùy, lũy kế'],
    ['hoàn thành', 'old', 'hoàn thành'],
    ['thuyết minh', 'new', 'thuyết minh'],
    ['quý I', 'old', 'quý I'],
    ['quý I', 'new', 'quý I'],
    ['hoa hồng', 'new', 'hoa hồng'],
  ] as const)('writes %j in the %s style as %j', (input, style, expected) => {
    expect(toneStyle(input, style)).toBe(expected);
  });
});
