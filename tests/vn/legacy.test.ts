import { describe, expect, it } from 'vitest';
import { decodeLegacy, detectLegacy, fixLegacyText, isVietnameseSyllable } from '../../src/vn/index.js';

// TCVN3 strings below were produced with `iconv -f utf-8 -t TCVN5712-1 | iconv -f latin1 -t utf-8`
// (what Excel stores for text typed with a ".Vn" font).

describe('fixLegacyText without a font hint', () => {
  it.each([
    ['Së Tµi chÝnh', 'Sở Tài chính', 'tcvn3'],
    ['L¹ng S¬n', 'Lạng Sơn', 'tcvn3'],
    ['Ng\u00ADêi', 'Người', 'tcvn3'],
    ['Sè liÖu', 'Số liệu', 'tcvn3'],
    ['kinh phÝ thùc hiÖn', 'kinh phí thực hiện', 'tcvn3'],
    ['§¬n vÞ tÝnh: ngh×n ®ång', 'Đơn vị tính: nghìn đồng', 'tcvn3'],
    ['Tæng céng', 'Tổng cộng', 'tcvn3'],
    ['Tr\u00ADêng TiÓu häc L\u00AD¬ng V¨n Tri', 'Trường Tiểu học Lương Văn Tri', 'tcvn3'],
    ['Dù to¸n ®\u00ADîc giao', 'Dự toán được giao', 'tcvn3'],
    ['\u009Ey ban nh©n d©n tØnh', 'Ủy ban nhân dân tỉnh', 'tcvn3'],
    ['Laïng Sôn', 'Lạng Sơn', 'vni'],
    ['Sôû Taøi chính', 'Sở Tài chính', 'vni'],
    ['Coâng ty', 'Công ty', 'vni'],
    ['Ñoàng', 'Đồng', 'vni'],
    ['Ngöôøi', 'Người', 'vni'],
    ['Kinh phí thöïc hieän', 'Kinh phí thực hiện', 'vni'],
    ['UÛY BAN NHAÂN DAÂN', 'ỦY BAN NHÂN DÂN', 'vni'],
    ['B¸o c¸o t×nh h×nh thùc hiÖn kÕ ho¹ch n¨m 2025', 'Báo cáo tình hình thực hiện kế hoạch năm 2025', 'tcvn3'],
    ['Baùo caùo tình hình thöïc hieän keá hoaïch naêm 2025', 'Báo cáo tình hình thực hiện kế hoạch năm 2025', 'vni'],
  ] as const)('decodes %j to %j (%s)', (input, text, encoding) => {
    expect(fixLegacyText(input)).toEqual({ text, encoding });
  });

  it.each([
    'Sở Tài chính',
    'Lạng Sơn',
    'Hello',
    'Café',
    'Crème brûlée',
    'São Paulo',
    'mañana',
    'Straße',
    'résumé',
    'à la carte',
    'Björk',
    'Sí, señor',
    'Ça va très bien',
    'The café at the Hôtel de Ville',
    'Müller & Söhne GmbH',
    'naïve coöperation',
    'señor Peña',
    '1.234.567',
    '',
  ])('leaves %j unchanged (Unicode, ASCII or Western text)', (input) => {
    expect(fixLegacyText(input)).toEqual({ text: input, encoding: null });
  });

  it('leaves decomposed Unicode Vietnamese alone', () => {
    const nfd = 'Sở Tài chính'.normalize('NFD');
    expect(detectLegacy(nfd)).toBeNull();
  });
});

describe('fixLegacyText with a font hint', () => {
  it.each([
    ['b¸o c¸o tæng kÕt n¨m', '.VnTimeH', 'BÁO CÁO TỔNG KẾT NĂM'],
    ['céng hßa x· héi chñ nghÜa viÖt nam', '.VnTimeH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['Së Tµi chÝnh', '.VnArialH', 'SỞ TÀI CHÍNH'],
    ['céng hßa', '.VnTime', 'cộng hòa'],
    ['Ghi chó', '.VnArial', 'Ghi chú'],
    ['Laïng Sôn', 'VNI-Times', 'Lạng Sơn'],
    ['Sôû Taøi chính', 'VNI-Helve', 'Sở Tài chính'],
  ])('decodes %j in font %s to %j', (input, font, expected) => {
    expect(fixLegacyText(input, font).text).toBe(expected);
  });

  it('upper-cases plain ASCII typed in a capitals-only .Vn…H font, as Excel shows it', () => {
    expect(fixLegacyText('bao cao', '.VnTimeH')).toEqual({ text: 'BAO CAO', encoding: 'tcvn3' });
  });

  it.each([
    ['Hello', '.VnTime'],
    ['Hà Nội', '.VnTime'],
    ['Sở Tài chính', 'VNI-Times'],
    ['Së Tµi chÝnh', 'Times New Roman'],
  ])('treats %j in font %s by its content when the font cannot apply', (input, font) => {
    const expected = font === 'Times New Roman' ? 'Sở Tài chính' : input;
    expect(fixLegacyText(input, font).text).toBe(expected);
  });
});

describe('detectLegacy', () => {
  it.each([
    ['Së Tµi chÝnh', undefined, 'tcvn3'],
    ['Laïng Sôn', undefined, 'vni'],
    ['Laïng Sôn', 'VNI-Times', 'vni'],
    ['L¹ng S¬n', '.VnTime', 'tcvn3'],
    ['Hello', undefined, null],
    ['Café', undefined, null],
    ['Lạng Sơn', '.VnTime', null],
  ] as const)('detects %j (font %s) as %s', (input, font, expected) => {
    expect(detectLegacy(input, font)).toBe(expected);
  });
});

describe('decodeLegacy', () => {
  it.each([
    ['L¹ng S¬n', 'tcvn3', undefined, 'Lạng Sơn'],
    ['\u00AD', 'tcvn3', undefined, 'ư'],
    ['l¹ng s¬n', 'tcvn3', '.VnTimeH', 'LẠNG SƠN'],
    ['Laïng Sôn', 'vni', undefined, 'Lạng Sơn'],
    ['OÂ', 'vni', undefined, 'Ô'],
    ['Ô', 'vni', undefined, 'Ơ'],
    ['yû yõ YÛ YÕ', 'vni', undefined, 'ỷ ỹ Ỷ Ỹ'],
    ['chính', 'vni', undefined, 'chính'],
  ] as const)('decodes %j as %s (font %s) to %j', (input, encoding, font, expected) => {
    expect(decodeLegacy(input, encoding, font)).toBe(expected);
  });

  it('returns NFC', () => {
    const out = decodeLegacy('Laïng Sôn', 'vni');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('isVietnameseSyllable', () => {
  it.each(['sở', 'tài', 'chính', 'người', 'nghiêng', 'khuya', 'quý', 'gì', 'hoàn', 'thuyết', 'xoong', 'Lạng', 'ỦY', 'hòa', 'hoà', 'a'])(
    'accepts %j',
    (w) => {
      expect(isVietnameseSyllable(w)).toBe(true);
    },
  );

  it.each(['café', 'hello', 'sóo', 'straße', 'tàc', 'ơnh', 'sụỷ', 'ản\u0301', 'ă', 'tiê', 'ngoo', 'coon'])('rejects %j', (w) => {
    expect(isVietnameseSyllable(w)).toBe(false);
  });
});
