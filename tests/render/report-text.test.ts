/**
 * Sentences of the report a signer reads without editing (issue 13): Nơi nhận never repeats
 * Kính gửi; each indicator figure with its period named; a flow with nothing reported says so.
 */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import type { IndicatorRow } from '../../src/model/report.js';
import type { Period } from '../../src/model/round.js';
import { indicatorSentence, recipientLines } from '../../src/render/report.js';

describe('recipientLines (Nơi nhận)', () => {
  it.each([
    ['the Kính gửi recipient is left out after "Như trên"', ['Bộ Ngoại giao'], ['Ban Đối ngoại Trung ương', 'Bộ Ngoại giao', 'TT Tỉnh ủy'], ['Như trên', 'Ban Đối ngoại Trung ương', 'TT Tỉnh ủy', 'Lưu: VT']],
    ['compared folded: case, diacritics, dash, punctuation, "(b/c)"', ['Bộ Công Thương'], ['- BỘ CÔNG THƯƠNG (b/c);', 'Bo Cong Thuong.', 'Sở Tài chính'], ['Như trên', 'Sở Tài chính', 'Lưu: VT']],
    ['several Kính gửi recipients', ['Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh'], ['Thường trực HĐND tỉnh;', 'Chủ tịch, các PCT UBND tỉnh', 'Thường trực Tỉnh ủy (để báo cáo)'], ['Như trên', 'Chủ tịch, các PCT UBND tỉnh', 'Lưu: VT']],
    ['a "Như trên" of the plan is not written twice', ['Bộ Công Thương'], ['Như trên', 'Sở Tài chính'], ['Như trên', 'Sở Tài chính', 'Lưu: VT']],
    ['no Kính gửi: no "Như trên"', [], ['Như trên', 'Sở Tài chính'], ['Sở Tài chính', 'Lưu: VT']],
    ['the plan\'s own "Lưu" line is replaced by the storage line', ['Bộ Công Thương'], ['Sở Tài chính', 'Lưu: VT, KT'], ['Như trên', 'Sở Tài chính', 'Lưu: VT']],
    ['the same recipient twice is written once', ['Bộ Công Thương'], ['Sở Tài chính', 'Sở Tài Chính;'], ['Như trên', 'Sở Tài chính', 'Lưu: VT']],
  ])('%s', (_name, reportTo, recipients, expected) => {
    expect(recipientLines(reportTo, recipients, 'Lưu: VT')).toEqual(expected);
  });
});

const plan = { indicators: [{ code: 'GRDP', grdp: 'total' }, { code: 'NA', grdp: null }, { code: 'TL', grdp: null }] } as unknown as Plan;
const period = (kind: Period['kind'], index?: number): Period => ({ kind, year: 2026, ...(index !== undefined ? { index } : {}), label: 'x' });
const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  reporting: null,
  code: 'NA',
  name: 'Sản lượng na',
  unit: 'tấn',
  group: '',
  ownerName: 'Sở Nông nghiệp và Môi trường',
  kind: 'flow',
  direction: 'min',
  actual: null,
  ytd: null,
  ytdLabel: null,
  planYear: null,
  pctOfPlan: null,
  base: null,
  growth: null,
  changePoints: null,
  ytdGrowth: null,
  scenario: null,
  scenarioGap: null,
  sources: [],
  target: null,
  pathValue: null,
  track: null,
  judged: null,
  notes: [],
  ...over,
});

describe('indicatorSentence', () => {
  it.each([
    [
      'quarter and year to date, each with its own growth',
      row({ code: 'GRDP', name: 'GRDP', unit: 'tỷ đồng', actual: 12738.8, growth: 11.18, ytd: 36289.8, ytdLabel: '9 tháng năm 2026', ytdGrowth: 8.44, scenario: 12.07, scenarioGap: -0.89 }),
      period('quarter', 3),
      'GRDP: quý III đạt 12.738,8 tỷ đồng, tăng 11,18% so với cùng kỳ, thấp hơn 0,89 điểm phần trăm so với kịch bản (12,07%); lũy kế 9 tháng đạt 36.289,8 tỷ đồng, tăng 8,44% so với cùng kỳ.',
    ],
    [
      '% of the year plan goes with the year to date of a flow',
      row({ name: 'Thu ngân sách', unit: 'tỷ đồng', actual: 4520, growth: 4.87, ytd: 12750, ytdLabel: 'x', planYear: 18100, pctOfPlan: 70.44 }),
      period('quarter', 3),
      'Thu ngân sách: quý III đạt 4.520 tỷ đồng, tăng 4,87% so với cùng kỳ; lũy kế 9 tháng đạt 12.750 tỷ đồng, đạt 70,44% kế hoạch năm.',
    ],
    [
      'a total of some of the agencies that must report it says how many',
      row({ name: 'Doanh nghiệp đang hoạt động', unit: 'doanh nghiệp', kind: 'stock', actual: 5430, growth: 6.01, reporting: { counted: 62, of: 65 } }),
      period('year'),
      'Doanh nghiệp đang hoạt động: năm 2026 là 5.430 doanh nghiệp (số liệu của 62/65 đơn vị), tăng 6,01% so với cùng kỳ.',
    ],
    [
      'every agency reported: nothing said of it',
      row({ name: 'Doanh nghiệp đang hoạt động', unit: 'doanh nghiệp', kind: 'stock', actual: 5430, reporting: { counted: 65, of: 65 } }),
      period('year'),
      'Doanh nghiệp đang hoạt động: năm 2026 là 5.430 doanh nghiệp.',
    ],
    [
      'nothing this half: no "0 tấn", the note says why',
      row({ actual: 0, notes: ['Chưa đến vụ thu hoạch'], scenario: 100, scenarioGap: -100 }),
      period('half', 1),
      'Sản lượng na: 6 tháng đầu năm chưa có kết quả (Chưa đến vụ thu hoạch).',
    ],
    [
      'nothing this quarter, something earlier',
      row({ actual: 0, ytd: 795, ytdLabel: 'x' }),
      period('quarter', 3),
      'Sản lượng na: quý III chưa có kết quả; lũy kế 9 tháng đạt 795 tấn.',
    ],
    [
      'nothing this quarter nor earlier: said once, with the plan, never "đạt 0,00%"',
      row({ name: 'Sản phẩm KH-CN chủ lực', unit: 'sản phẩm', actual: 0, ytd: 0, ytdLabel: 'x', planYear: 1, pctOfPlan: 0 }),
      period('quarter', 3),
      'Sản phẩm KH-CN chủ lực: lũy kế 9 tháng chưa có kết quả (kế hoạch năm 2026: 1 sản phẩm).',
    ],
    [
      'a count with nothing to reach is "là", and a growth that rounds to 0 is "bằng cùng kỳ"',
      row({ name: 'Doanh nghiệp đang hoạt động', unit: 'doanh nghiệp', kind: 'stock', actual: 5164, growth: 0.001 }),
      period('year'),
      'Doanh nghiệp đang hoạt động: năm 2026 là 5.164 doanh nghiệp, bằng cùng kỳ.',
    ],
    [
      'a rate to keep down with its target and path',
      row({ code: 'TL', name: 'Tỷ lệ bao bì nhựa', unit: '%', kind: 'rate', direction: 'max', actual: 63.5, target: { year: 2030, value: 45 }, pathValue: 58.6, track: 'at-risk', judged: 63.5 }),
      period('year'),
      'Tỷ lệ bao bì nhựa: năm 2026 là 63,5%; mục tiêu năm 2030: 45% (lộ trình năm 2026: 58,6%) — có nguy cơ không đạt.',
    ],
    [
      'a flow below its scenario in level terms',
      row({ actual: 41850, growth: 1.58, scenario: 43000, scenarioGap: -1150 }),
      period('quarter', 3),
      'Sản lượng na: quý III đạt 41.850 tấn, tăng 1,58% so với cùng kỳ, bằng 97,33% kịch bản (43.000 tấn).',
    ],
    [
      'a month round names the month and the months to date',
      row({ actual: 120, ytd: 900, ytdLabel: 'x' }),
      period('month', 7),
      'Sản lượng na: tháng 7 đạt 120 tấn; lũy kế 7 tháng đạt 900 tấn.',
    ],
  ])('%s', (_name, r, p, expected) => {
    expect(indicatorSentence(r, p, { plan })).toBe(expected);
  });
});
