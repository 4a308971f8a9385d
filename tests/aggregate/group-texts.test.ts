/**
 * The same words from many agencies said once with who said them (issue 13): which texts count
 * as the same, how the speakers are named or counted, and clauses whose counts are added up.
 */
import { describe, expect, it } from 'vitest';
import { clauses, groupTexts, sharedClauses, whoSaid, type SaidText } from '../../src/aggregate/group-texts.js';
import { memberNoun, textKey } from '../../src/vn/same-text.js';
import type { Agency } from '../../src/model/plan.js';

const agency = (code: string, name: string, group: string | null = null): Agency => ({
  code,
  name,
  aliases: [],
  sheets: ['tasks'],
  order: 0,
  deadlineDay: null,
  group,
});
const GROUP = 'UBND các xã, phường';
const communes = Array.from({ length: 20 }, (_, i) => agency(`X${i + 1}`, `UBND xã Số ${i + 1}`, GROUP));
const agencies = [agency('SNV', 'Sở Nội vụ'), agency('STC', 'Sở Tài chính'), agency('SCT', 'Sở Công Thương'), agency('SYT', 'Sở Y tế'), ...communes];
const said = (code: string, text: string, taskId = '1.1'): SaidText => ({
  agencyCode: code,
  agencyName: agencies.find((a) => a.code === code)?.name ?? code,
  taskId,
  text,
});

describe('textKey: texts that count as the same', () => {
  it.each([
    ['NFC and NFD', 'Hạ tầng còn hạn chế', 'Hạ tầng còn hạn chế'.normalize('NFD')],
    ['spaces, tabs and line breaks', 'Hạ tầng  còn\thạn chế', 'Hạ tầng\ncòn hạn chế'],
    ['case', 'HẠ TẦNG CÒN HẠN CHẾ', 'hạ tầng còn hạn chế'],
    ['trailing punctuation', 'Hạ tầng còn hạn chế.', 'Hạ tầng còn hạn chế;  '],
    ['a list dash', '- Hạ tầng còn hạn chế', 'Hạ tầng còn hạn chế'],
  ])('%s', (_name, a, b) => {
    expect(textKey(a)).toBe(textKey(b));
  });

  it.each([
    ['different words', 'Hạ tầng còn hạn chế', 'Nhân lực còn hạn chế'],
    ['different diacritics', 'Thiếu cán bộ', 'Thiếu cân bộ'],
    ['a different number', 'Tổ chức 2 lớp', 'Tổ chức 3 lớp'],
  ])('%s stay apart', (_name, a, b) => {
    expect(textKey(a)).not.toBe(textKey(b));
  });
});

describe('whoSaid', () => {
  const members = (codes: string[]) => codes.map((code) => ({ code, name: agencies.find((a) => a.code === code)?.name ?? code }));
  it.each([
    ['one agency is named', ['SNV'], 'Sở Nội vụ'],
    ['three are named, in order', ['STC', 'SNV', 'SCT'], 'Sở Tài chính; Sở Nội vụ; Sở Công Thương'],
    ['three communes are named', ['X1', 'X2', 'X3'], 'UBND xã Số 1; UBND xã Số 2; UBND xã Số 3'],
    ['four communes are counted against their group', ['X1', 'X2', 'X3', 'X4'], '4/20 xã, phường'],
    ['13 communes', communes.slice(0, 13).map((c) => c.code), '13/20 xã, phường'],
    ['four departments (no group) are counted', ['SNV', 'STC', 'SCT', 'SYT'], '4 cơ quan, đơn vị'],
    ['a mix of departments and communes', ['SNV', 'X1', 'X2', 'X3'], '4 cơ quan, đơn vị'],
    ['the same agency twice counts once', ['X1', 'X1', 'X2'], 'UBND xã Số 1; UBND xã Số 2'],
  ])('%s', (_name, codes, expected) => {
    expect(whoSaid(members(codes), agencies)).toBe(expected);
  });

  it.each([
    ['UBND các xã, phường', 'xã, phường'],
    ['Ủy ban nhân dân các huyện', 'huyện'],
    ['Các sở, ngành', 'sở, ngành'],
    ['Khối doanh nghiệp', 'đơn vị thuộc Khối doanh nghiệp'],
  ])('memberNoun(%s)', (group, noun) => {
    expect(memberNoun(group)).toBe(noun);
  });
});

describe('groupTexts', () => {
  it('says a difficulty 13 communes wrote (typed differently) once, counted, with the tasks', () => {
    const text = 'Hạ tầng viễn thông, giao nhận ở các thôn vùng cao còn hạn chế; chưa có thương nhân bán hàng trực tuyến.';
    const variants = [text, text.toUpperCase(), `${text}  `, text.normalize('NFD'), text.replace('.', ''), text.replace(', ', ',  ')];
    const items = communes.slice(0, 13).map((c, i) => said(c.code, variants[i % variants.length] ?? text, i < 10 ? '12.1' : '12.2'));
    const groups = groupTexts([said('SNV', 'Thiếu kinh phí.'), ...items, said('X14', 'Thiếu cán bộ.')], agencies);
    expect(groups.map((g) => [g.who, g.taskIds, g.text])).toEqual([
      ['Sở Nội vụ', ['1.1'], 'Thiếu kinh phí.'],
      ['13/20 xã, phường', ['12.1', '12.2'], text],
      ['UBND xã Số 14', ['1.1'], 'Thiếu cán bộ.'],
    ]);
    expect(groups[1]?.agencies).toHaveLength(13);
    expect(groups.every((g) => !g.summed)).toBe(true);
  });

  it('drops empty texts and keeps one line', () => {
    const groups = groupTexts([said('SNV', '  '), said('STC', 'Dòng một\nDòng hai;')], agencies);
    expect(groups.map((g) => g.text)).toEqual(['Dòng một; Dòng hai']);
  });
});

describe('clauses and sharedClauses', () => {
  it('splits a result at ";", line breaks and sentence ends', () => {
    expect(clauses('Ban hành Kế hoạch; tổ chức 2 lớp.\nĐăng 5 tin. Phát 3 phóng sự')).toEqual(['Ban hành Kế hoạch', 'tổ chức 2 lớp.', 'Đăng 5 tin.', 'Phát 3 phóng sự']);
  });

  it('61/65-style: an identical clause counted, counts in the same words added up, single clauses left out', () => {
    const lớp = [1, 2, 1, 3, 1, 2, 2, 1, 1, 2, 1, 4];
    const lượt = [12, 40, 9, 1250, 8, 35, 30, 11, 14, 41, 10, 80];
    const results = communes.slice(0, 12).map((c, i) =>
      said(c.code, `${i < 10 ? 'Ban hành Kế hoạch triển khai trên địa bàn xã' : 'Chưa ban hành kế hoạch'}; tổ chức ${lớp[i]} lớp tập huấn cho ${(lượt[i] ?? 0).toLocaleString('vi-VN')} lượt cán bộ năm 2026.`),
    );
    const shared = sharedClauses(results, agencies);
    const sumLớp = lớp.reduce((a, b) => a + b, 0);
    const sumLượt = lượt.reduce((a, b) => a + b, 0);
    expect(shared.map((g) => [g.text, g.who, g.summed])).toEqual([
      [`tổ chức ${sumLớp} lớp tập huấn cho ${sumLượt.toLocaleString('vi-VN')} lượt cán bộ năm 2026.`, '12/20 xã, phường', true],
      ['Ban hành Kế hoạch triển khai trên địa bàn xã', '10/20 xã, phường', false],
      ['Chưa ban hành kế hoạch', 'UBND xã Số 11; UBND xã Số 12', false],
    ]);
  });

  it('a commune\'s "xã" and a ward\'s "phường" in the same sentence count as one (as the task appendix counts them)', () => {
    const results = communes.slice(0, 6).map((c, i) => said(c.code, `Ban hành Kế hoạch triển khai trên địa bàn ${i < 4 ? 'xã' : 'phường'}.`));
    expect(sharedClauses(results, agencies).map((g) => [g.text, g.who])).toEqual([['Ban hành Kế hoạch triển khai trên địa bàn xã, phường.', '6/20 xã, phường']]);
  });

  it.each([
    ['dates', ['Tổ chức hội nghị ngày 15/9', 'Tổ chức hội nghị ngày 20/10']],
    ['years', ['Ký kết năm 2025', 'Ký kết năm 2026']],
    ['percentages', ['Đạt 80% kế hoạch', 'Đạt 95% kế hoạch']],
    ['ordinals', ['Tổ chức lần thứ 2', 'Tổ chức lần thứ 3']],
    ['durations', ['Duy trì trong 6 tháng', 'Duy trì trong 12 tháng']],
  ])('never adds up %s', (_name, texts) => {
    expect(sharedClauses(texts.map((t, i) => said(communes[i]?.code ?? '', t)), agencies)).toEqual([]);
  });

  it('adds decimals with their decimals and keeps numbers all members share', () => {
    const shared = sharedClauses(
      [said('X1', 'Doanh số trực tuyến 3,2 tỷ đồng trong 12 tháng'), said('X2', 'Doanh số trực tuyến 1,15 tỷ đồng trong 12 tháng')],
      agencies,
    );
    expect(shared.map((g) => g.text)).toEqual(['Doanh số trực tuyến 4,35 tỷ đồng trong 12 tháng']);
  });
});
