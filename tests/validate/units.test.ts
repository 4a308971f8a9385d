/**
 * Figures in another unit than the plan's are said, never added as they are: a budget sheet in
 * đồng (or triệu đồng) for a plan in 1000 đồng, an indicator in triệu đồng for one in tỷ đồng.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lsPlan } from '../../scripts/examples/langson.js';
import { buildPlanWorkbook, type PlanData } from '../../scripts/examples/plan-workbook.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import { FORM_INDICATOR_HEADERS as IH, QUARTER_HEADERS, budgetHeaders } from '../../src/model/sheets.js';
import { validatePlan } from '../../src/validate/plan.js';
import { validateSubmission } from '../../src/validate/submission.js';
import { ESTIMATE, budgetSheet, handBook, loadBgPlan, planResultFrom, readBook, roundNamed } from '../fixtures/submission.js';
import type { CellSpec } from '../fixtures/workbook.js';

let estimatePlan: Plan;
beforeAll(async () => {
  estimatePlan = planForRound(await loadBgPlan(), ESTIMATE);
});

describe('a budget sheet stating another money unit than the plan (money_unit_mismatch)', () => {
  const LINE: CellSpec[] = [1, 'Đoàn ra Nam Ninh', 'đoàn', 4, 177875000, 711500000, 177875000, 177875000, 177875000, 177875000];
  /** The seed plan's budget headers (1000 đồng) with `unit` in the rate and amount headers, and `title` as the unit row. */
  async function sheetIn(unit: string | null, title: string) {
    const headers = budgetHeaders([2025, 2026, 2027, 2028], null).map((h) => (unit === null ? h : h.replace('(1000 đồng)', `(${unit})`)));
    const sheet = budgetSheet([LINE], { headers });
    sheet.rows[1] = [title];
    return validateSubmission(await handBook('so ngoai vu.xlsx', [sheet]), estimatePlan, ESTIMATE);
  }
  it.each([
    { name: 'headers and title in đồng', unit: 'đồng', title: 'Đơn vị tính: đồng', cell: 'A2', says: 'Sheet "Kinh phí" ghi đơn vị "đồng" (ô A2, E4, F4), nhưng kế hoạch tính kinh phí bằng 1000 đồng: đọc theo 1000 đồng, mọi số tiền của sheet sẽ lớn gấp 1.000 lần. baocao không tự đổi đơn vị.' },
    { name: 'headers in triệu đồng, no unit row', unit: 'triệu đồng', title: 'DỰ TOÁN', cell: 'E4', says: 'Sheet "Kinh phí" ghi đơn vị "triệu đồng" (ô E4, F4), nhưng kế hoạch tính kinh phí bằng 1000 đồng: đọc theo 1000 đồng, mọi số tiền của sheet sẽ nhỏ gấp 1.000 lần. baocao không tự đổi đơn vị.' },
    { name: 'the unit row in triệu đồng, the headers in 1000 đồng', unit: null, title: 'Đơn vị tính: triệu đồng', cell: 'A2', says: 'Sheet "Kinh phí" ghi đơn vị "triệu đồng" (ô A2), nhưng kế hoạch tính kinh phí bằng 1000 đồng: đọc theo 1000 đồng, mọi số tiền của sheet sẽ nhỏ gấp 1.000 lần. baocao không tự đổi đơn vị.' },
    { name: 'a title "ĐVT: VNĐ" and headers without a unit', unit: null, title: 'ĐVT: VNĐ', cell: 'A2', says: 'Sheet "Kinh phí" ghi đơn vị "VNĐ" (ô A2), nhưng kế hoạch tính kinh phí bằng 1000 đồng: đọc theo 1000 đồng, mọi số tiền của sheet sẽ lớn gấp 1.000 lần. baocao không tự đổi đơn vị.' },
  ])('$name: an error at the first cell saying it', async ({ unit, title, cell, says }) => {
    const result = await sheetIn(unit, title);
    const found = result.findings.filter((f) => f.code === 'money_unit_mismatch');
    expect(found.map((f) => [f.sheet, f.cell, f.severity, f.message])).toEqual([['Kinh phí', cell, 'error', says]]);
    expect(result.submission?.errorCount).toBeGreaterThan(0);
  });

  it('headers in another unit under a unit row that states the plan\'s (forms of older versions): a warning', async () => {
    const result = await sheetIn('triệu đồng', 'Đơn vị tính: 1000 đồng');
    const found = result.findings.filter((f) => f.code === 'money_unit_mismatch');
    expect(found.map((f) => [f.cell, f.severity, f.message])).toEqual([
      ['E4', 'warning', 'Sheet "Kinh phí" ghi "Đơn vị tính: 1000 đồng" (ô A2) như kế hoạch, nhưng tiêu đề cột ghi "triệu đồng" (ô E4, F4); baocao đọc số tiền theo 1000 đồng.'],
    ]);
  });

  it.each([
    ['the plan\'s unit written otherwise', 'nghìn đồng', 'Đơn vị tính: 1.000đ'],
    ['no unit written at all', null, 'DỰ TOÁN'],
  ])('%s: no finding', async (_name, unit, title) => {
    const result = await sheetIn(unit, title);
    expect(result.findings.filter((f) => f.code === 'money_unit_mismatch')).toEqual([]);
  });
});

/** A small indicator plan: Sở Tài chính reports revenue in tỷ đồng and visitors in người. */
const PLAN: PlanData = {
  info: { title: 'Kế hoạch thu ngân sách năm 2026', symbol: 'KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH MẪU', province: 'Mẫu', place: 'Mẫu', signTitle: 'CHỦ TỊCH', signName: 'Nguyễn Văn Mẫu', years: '2026' },
  agencies: [{ code: 'STC', name: 'Sở Tài chính', sheets: 'Chỉ tiêu' }],
  fields: [],
  tasks: [],
  recipients: ['Như trên'],
  indicators: [
    { code: 'THU', name: 'Thu ngân sách', unit: 'tỷ đồng', group: 'Ngân sách', owner: 'STC', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn' },
    { code: 'KHACH', name: 'Khách du lịch', unit: 'người', group: 'Du lịch', owner: 'STC', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn' },
    { code: 'NUOC', name: 'Tỷ lệ hộ dùng nước sạch', unit: '%', group: 'Hạ tầng', owner: 'STC', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Tỷ lệ' },
  ],
};

/** Sở Tài chính's "Chỉ tiêu" sheet for a round of PLAN (2026-H1 unless said), validated: header on row 4, `rows` from row 5. */
async function indicatorSheet(rows: CellSpec[][], opts: { quarters?: boolean; numFmts?: Record<string, string>; values?: PlanData['values']; round?: string; actual?: string; indicators?: PlanData['indicators'] } = {}) {
  const { plan, findings } = await planResultFrom({ ...PLAN, ...(opts.values ? { values: opts.values } : {}), ...(opts.indicators ? { indicators: opts.indicators } : {}) });
  if (!plan) throw new Error(JSON.stringify(findings));
  const round = roundNamed(opts.round ?? '2026-H1');
  const quarters = opts.quarters === false ? [] : [QUARTER_HEADERS[0], QUARTER_HEADERS[1]];
  const headers = ['STT', IH.code, IH.name, IH.unit, IH.plan, ...quarters, opts.actual ?? IH.actual, IH.base, IH.note];
  const wb = await handBook('so tai chinh.xlsx', [
    { name: 'Thông tin', rows: [['Mã cơ quan', 'STC'], ['Người lập', 'Lê Văn C'], ['Ngày lập', '10/07/2026']] },
    { name: 'Chỉ tiêu', rows: [['CHỈ TIÊU'], [], [], headers, ...rows], ...(opts.numFmts ? { numFmts: opts.numFmts } : {}) },
  ]);
  return validateSubmission(wb, planForRound(plan, round), round);
}

describe('an indicator row in another unit than the plan (indicator_unit_mismatch)', () => {
  async function report(units: [string, string]) {
    const result = await indicatorSheet([
      [1, 'THU', 'Thu ngân sách', units[0], null, 100000, 120000, 220000, 200000],
      [2, 'KHACH', 'Khách du lịch', units[1], null, 500, 700, 1200, 1000],
    ]);
    return result.findings.filter((f) => f.code === 'indicator_unit_mismatch');
  }

  it('the same unit at another scale: an error at the unit cell', async () => {
    const found = await report(['Triệu đồng', 'Người']);
    expect(found.map((f) => [f.cell, f.severity, f.message])).toEqual([
      ['D5', 'error', 'Dòng 5: chỉ tiêu THU ghi đơn vị "Triệu đồng", nhưng kế hoạch tính bằng "tỷ đồng": đọc theo "tỷ đồng", số liệu sẽ lớn gấp 1.000 lần. baocao không tự đổi đơn vị.'],
    ]);
  });

  it('another unit altogether: a warning, the figure read as in the plan\'s unit', async () => {
    const found = await report(['tỷ đồng', 'lượt khách']);
    expect(found.map((f) => [f.cell, f.severity, f.message])).toEqual([['D6', 'warning', 'Dòng 6: chỉ tiêu KHACH ghi đơn vị "lượt khách", khác đơn vị của kế hoạch "người"; baocao đọc số như đã ghi, theo đơn vị "người".']]);
  });

  it.each([
    [['Tỷ đồng', 'NGƯỜI']],
    [['tỉ đồng', '']],
  ] as [[string, string]][])('the plan\'s units, written %j: no finding', async (units) => {
    expect(await report(units)).toEqual([]);
  });
});

describe('a percentage typed into a cell shown as one ("85,2%", kept by Excel as 0,852) is read as shown', () => {
  async function rateRow(cell: CellSpec, numFmt?: string) {
    return indicatorSheet(
      [
        [1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, 100, 120, 220, 200],
        [2, 'KHACH', 'Khách du lịch', 'người', null, 500, 700, 1200, 1000],
        [3, 'NUOC', 'Tỷ lệ hộ dùng nước sạch', '%', null, null, null, cell, null],
      ],
      // The same format on a figure in tỷ đồng: not a percentage, read as it is.
      { numFmts: { H5: '0%', ...(numFmt ? { H7: numFmt } : {}) } },
    );
  }
  it.each([
    ['a cell shown as "0.0%" holding 0,852', 0.852, '0.0%', 85.2],
    ['a formula shown as "0%" whose result is 0,9', { formula: 'H6/H6*0.9', result: 0.9 }, '0%', 90],
    ['a plain 85,2', 85.2, undefined, 85.2],
  ] as [string, CellSpec, string | undefined, number][])('%s', async (_name, cell, numFmt, actual) => {
    const result = await rateRow(cell, numFmt);
    expect(result.submission?.indicators?.find((i) => i.code === 'NUOC')?.actual).toBe(actual);
    expect(result.submission?.indicators?.find((i) => i.code === 'THU')?.actual).toBe(220);
  });
});

describe('the growth-scenario table of a plan typed with % formats reads as the one typed as plain numbers', () => {
  it('every rate the same', async () => {
    const plain = await buildPlanWorkbook(lsPlan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(plain as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Kịch bản tăng trưởng');
    let changed = 0;
    ws?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value !== 'number') return;
        cell.value = cell.value / 100;
        cell.numFmt = '0.00%';
        changed++;
      }),
    );
    expect(changed).toBeGreaterThanOrEqual(35);
    const asTyped = validatePlan(await readBook(Buffer.from(plain), 'ke-hoach.xlsx'), 'ls', '/plans/ls');
    const asPercent = validatePlan(await readBook(Buffer.from(await wb.xlsx.writeBuffer()), 'ke-hoach.xlsx'), 'ls', '/plans/ls');
    expect(asPercent.plan?.scenario).toEqual(asTyped.plan?.scenario);
    expect(asPercent.findings.map((f) => f.message)).toEqual(asTyped.findings.map((f) => f.message));
  });
});

describe('a figure ten times its same period of last year, or a tenth of it, is said (indicator_outlier)', () => {
  async function report(thu: [CellSpec, CellSpec], khach: [CellSpec, CellSpec]) {
    const result = await indicatorSheet(
      [
        [1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, ...thu],
        [2, 'KHACH', 'Khách du lịch', 'người', null, ...khach],
        [3, 'NUOC', 'Tỷ lệ hộ dùng nước sạch', '%', null, 85, 0.5],
      ],
      { quarters: false, values: [{ code: 'KHACH', period: '2026-H1', plan: null, scenario: null, base: 1000 }] },
    );
    return result.findings.filter((f) => f.code === 'indicator_outlier');
  }

  it('a digit too many, against the agency\'s own figure of last year', async () => {
    const found = await report([220000, 200], [1200, null]);
    expect(found.map((f) => [f.cell, f.severity, f.message])).toEqual([
      ['F5', 'warning', 'Chỉ tiêu THU (Thu ngân sách): số 6 tháng đầu năm 2026 là 220.000 tỷ đồng, gấp 1.100 lần số cùng kỳ năm trước (200, ô G5).'],
    ]);
  });

  it('a tenth, against the plan\'s figure of last year (the agency alone reports it)', async () => {
    const found = await report([220, 200], [95, null]);
    expect(found.map((f) => [f.cell, f.message])).toEqual([['F6', 'Chỉ tiêu KHACH (Khách du lịch): số 6 tháng đầu năm 2026 là 95 người, chỉ bằng 9,5% số cùng kỳ năm trước (1.000, sheet "Số liệu chỉ tiêu" của kế hoạch).']]);
  });

  it.each([
    ['figures near last year\'s', [220, 200], [1200, null]],
    ['nine times last year', [1800, 200], [9000, 1000]],
    ['no figure of last year', [220000, null], [1200, 0]],
  ] as [string, [CellSpec, CellSpec], [CellSpec, CellSpec]][])('%s: nothing said (rates are never compared)', async (_name, thu, khach) => {
    expect(await report(thu, khach)).toEqual([]);
  });
});

describe('without last year\'s figure, a figure ten times the plan for the whole year is said (indicator_outlier)', () => {
  const values: PlanData['values'] = [{ code: 'THU', period: '2026', plan: 1000, scenario: null, base: null }];
  async function thu(actual: CellSpec, base: CellSpec = null) {
    const result = await indicatorSheet([[1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, actual, base]], { quarters: false, values });
    return result.findings.filter((f) => f.code === 'indicator_outlier').map((f) => [f.cell, f.message]);
  }

  it('12.000 tỷ đồng in 6 months against 1.000 for the year: a warning at the figure', async () => {
    expect(await thu(12000)).toEqual([['F5', 'Chỉ tiêu THU (Thu ngân sách): số 6 tháng đầu năm 2026 là 12.000 tỷ đồng, gấp 12 lần kế hoạch cả năm 2026 của chỉ tiêu (1.000, sheet "Số liệu chỉ tiêu" của kế hoạch).']]);
  });

  it.each([
    ['nine times the year\'s plan', 9000, null],
    ['last year\'s figure given: compared with it instead (11.000 against 10.000)', 11000, 10000],
  ] as [string, CellSpec, CellSpec][])('%s: nothing', async (_, actual, base) => {
    expect(await thu(actual, base)).toEqual([]);
  });
});

describe('a rate written as a fraction (0,852 for 85,2 %) against last year\'s written beside it (indicator_outlier)', () => {
  async function nuoc(actual: CellSpec, base: CellSpec) {
    const result = await indicatorSheet([[1, 'NUOC', 'Tỷ lệ hộ dùng nước sạch', '%', null, actual, base]], { quarters: false });
    return result.findings.filter((f) => f.code === 'indicator_outlier').map((f) => [f.cell, f.message]);
  }

  it('0,852 against 80: a warning at the figure', async () => {
    expect(await nuoc(0.852, 80)).toEqual([
      ['F5', 'Chỉ tiêu NUOC (Tỷ lệ hộ dùng nước sạch): số 6 tháng đầu năm 2026 là 0,852%, trong khi số cùng kỳ năm trước là 80% (ô G5): có thể đã ghi tỷ lệ dạng số thập phân (0,852 thay cho 85,2%).'],
    ]);
  });

  it.each([
    ['85,2 against 80', 85.2, 80],
    ['0,852 against 1 (a small rate both years)', 0.852, 1],
    ['0,3 against 80 (not last year\'s rate written otherwise)', 0.3, 80],
    ['both written as fractions', 0.852, 0.8],
  ] as [string, CellSpec, CellSpec][])('%s: nothing', async (_, actual, base) => {
    expect(await nuoc(actual, base)).toEqual([]);
  });
});

describe('a share above 100 % is said (indicator_over_100): a decimal comma lost, 585 for 58,5', () => {
  const NUOC = PLAN.indicators?.find((i) => i.code === 'NUOC');
  async function share(actual: CellSpec, base: CellSpec, opts: { values?: PlanData['values']; name?: string } = {}) {
    const indicators = opts.name && NUOC ? [{ ...NUOC, name: opts.name }] : undefined;
    const result = await indicatorSheet([[1, 'NUOC', opts.name ?? 'Tỷ lệ hộ dùng nước sạch', '%', null, actual, base]], {
      quarters: false,
      ...(opts.values ? { values: opts.values } : {}),
      ...(indicators ? { indicators } : {}),
    });
    return result.findings.filter((f) => f.code === 'indicator_over_100').map((f) => [f.cell, f.severity, f.message]);
  }

  it('a figure above 100: a warning at the figure; the figure is still used', async () => {
    expect(await share(585, 80)).toEqual([
      ['F5', 'warning', 'Chỉ tiêu NUOC (Tỷ lệ hộ dùng nước sạch): ô F5 (Thực hiện kỳ này) ghi 585%, vượt 100%, trong khi mọi số kế hoạch đặt cho chỉ tiêu này đều không quá 100%.'],
    ]);
  });

  it('last year\'s figure above 100: a warning at its cell', async () => {
    expect((await share(85, 853)).map(([cell]) => cell)).toEqual(['G5']);
  });

  it.each([
    ['100 exactly', 100, 99, {}],
    ['a plan figure above 100 (the plan expects it)', 105, 99, { values: [{ code: 'NUOC', period: '2026-H1', plan: 110, scenario: null, base: null }] }],
    ['an achievement rate ("so với dự toán")', 105, 99, { name: 'Tỷ lệ thu ngân sách so với dự toán' }],
    ['a growth rate ("tốc độ tăng")', 120, 99, { name: 'Tốc độ tăng doanh thu bán lẻ' }],
  ] as [string, CellSpec, CellSpec, { values?: PlanData['values']; name?: string }][])('%s: nothing', async (_, actual, base, opts) => {
    expect(await share(actual, base, opts)).toEqual([]);
  });
});

describe('the figure column of an indicator sheet naming another period than the round is said (column_period_mismatch)', () => {
  it.each([
    { round: '2026-Q3', actual: 'Thực hiện 9 tháng năm 2026', says: 'Cột F ("Thực hiện 9 tháng năm 2026") là số thực hiện 9 tháng năm 2026, nhưng đợt này là quý III năm 2026; baocao không đoán số của cột này là của kỳ nào.' },
    { round: '2026-H1', actual: 'Ước thực hiện năm 2026', says: 'Cột F ("Ước thực hiện năm 2026") là số thực hiện năm 2026, nhưng đợt này là 6 tháng đầu năm 2026; baocao không đoán số của cột này là của kỳ nào.' },
    { round: '2026-Q3', actual: 'Thực hiện quý III năm 2026', says: null },
    { round: '2026-H1', actual: 'Thực hiện kỳ này', says: null },
    { round: '2026', actual: 'Ước thực hiện cả năm 2026', says: null },
  ])('"$actual" in round $round', async ({ round, actual, says }) => {
    const result = await indicatorSheet([[1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, 220, 200]], { quarters: false, round, actual });
    const found = result.findings.filter((f) => f.code === 'column_period_mismatch');
    expect(found.map((f) => [f.cell, f.severity, f.message])).toEqual(says === null ? [] : [['F4', 'error', says]]);
  });
});
