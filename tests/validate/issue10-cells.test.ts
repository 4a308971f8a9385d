/**
 * Issue 10, validate stage: rows holding only formula placeholders are empty on every table sheet
 * (§4); findings point at the cell to change, not at its label (§7); figures out of a sane range
 * are a finding at their cell, never an exception (§8).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bgBudget, bgPlan } from '../../scripts/examples/bacgiang.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import type { Finding, FindingCode } from '../../src/findings.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import { FORM_INDICATOR_HEADERS as IH, FORM_TASK_HEADERS, QUARTER_HEADERS } from '../../src/model/sheets.js';
import type { SourceCell } from '../../src/model/source.js';
import { validate } from '../../src/validate/index.js';
import { MAX_FIGURE, holdsData } from '../../src/validate/sheet-tools.js';
import { validateSubmission } from '../../src/validate/submission.js';
import { ESTIMATE, PROGRESS_2025, budgetSheet, filledForm, handBook, loadBgPlan, planResultFrom, readBook, roundNamed } from '../fixtures/submission.js';
import type { CellSpec, SheetSpec } from '../fixtures/workbook.js';

let plan: Plan;
let estimatePlan: Plan;
beforeAll(async () => {
  plan = await loadBgPlan();
  estimatePlan = planForRound(plan, ESTIMATE);
});

const where = (findings: readonly Finding[]) => findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`);

describe('holdsData: what makes a row "có số liệu"', () => {
  const f = (value: SourceCell['value'], kind: SourceCell['kind'], extra: Partial<SourceCell> = {}): SourceCell => ({ value, kind, formula: 'D6*E6', ...extra });
  it.each<[string, SourceCell | null, boolean]>([
    ['nothing', null, false],
    ['a typed number, even 0', { value: 0, kind: 'number' }, true],
    ['a typed dash', { value: '-', kind: 'text' }, true],
    ['typed text', { value: 'Hội nghị', kind: 'text' }, true],
    ['a formula caching 0', f(0, 'number'), false],
    ['a formula caching ""', f('', 'text'), false],
    ['a formula caching "-"', f('-', 'text'), false],
    ['a formula caching "–" (en dash)', f('–', 'text'), false],
    ['a formula caching "0" as text', f('0', 'text'), false],
    ['a formula caching FALSE', f(false, 'boolean'), false],
    ['a formula caching an error (#DIV/0! over empty cells)', f('#DIV/0!', 'error'), false],
    ['a formula saved without its result', { value: null, kind: 'empty', formula: 'D6*E6', missingResult: true }, false],
    ['a formula caching 711.500', f(711500, 'number'), true],
    ['a formula caching a text', f('Đoàn ra', 'text'), true],
    ['a formula caching TRUE', f(true, 'boolean'), true],
  ])('%s → %s', (_label, cell, expected) => {
    expect(holdsData(cell)).toBe(expected);
  });
});

describe('rows holding only copied-down formulas are empty rows on every table sheet', () => {
  it('Nhiệm vụ: twenty rows whose "Kết quả" is =Sheet2!B6 (0 when empty) give no finding', async () => {
    const empties: CellSpec[][] = Array.from({ length: 20 }, (_, k) => [null, null, null, null, { formula: `'Tổng hợp'!B${6 + k}`, result: 0 }]);
    const wb = await handBook('dai ptth.xlsx', [
      { name: 'Thông tin', rows: [['Mã cơ quan', 'DPTTH'], ['Người lập', 'Vũ Thị Lan'], ['Ngày lập', '20/10/2025']] },
      { name: 'Nhiệm vụ', rows: [['BÁO CÁO'], [], [], Object.values(FORM_TASK_HEADERS), ['5.3', 'Tuyên truyền', 'Chủ trì', 'Hoàn thành', 'Phát sóng 32 tin'], ...empties] },
    ]);
    const result = validateSubmission(wb, plan, PROGRESS_2025);
    expect(where(result.findings)).toEqual([]);
    expect(result.submission?.tasks.map((t) => t.taskId)).toEqual(['5.3']);
  });

  it('Kinh phí: a row whose only cells are =D8*E8 and =F8/4 caching 0 is skipped; a row with a real figure from a formula is not', async () => {
    const line = (r: number): CellSpec[] => [null, null, null, null, null, { formula: `D${r}*E${r}`, result: 0 }, ...[0, 1, 2, 3].map(() => ({ formula: `F${r}/4`, result: 0 }))];
    const empty = await validateSubmission(await handBook('so ngoai vu.xlsx', [budgetSheet([[1, 'Đoàn ra', 'đoàn', 1, 100, 100, 100, 0, 0, 0], line(6), line(7)])]), estimatePlan, ESTIMATE);
    expect(where(empty.findings)).toEqual([]);
    expect(empty.submission?.budget?.map((l) => l.amount)).toEqual([100]);
    // A formula with a real result still makes a row: its missing "Nội dung" is reported as before.
    const real = await validateSubmission(
      await handBook('so ngoai vu.xlsx', [budgetSheet([[1, 'Đoàn ra', 'đoàn', 1, 100, 100, 100, 0, 0, 0], [null, null, null, null, null, { formula: 'Sheet2!B6', result: 500 }, 500, 0, 0, 0]])]),
      estimatePlan,
      ESTIMATE,
    );
    expect(where(real.findings)).toEqual(['value_required Kinh phí!B6']);
  });

  it('a hidden task row and a hidden indicator row are read, and said (row_hidden), as on the budget sheet', async () => {
    const tasks = await handBook('dai ptth.xlsx', [
      { name: 'Thông tin', rows: [['Mã cơ quan', 'DPTTH'], ['Người lập', 'Vũ Thị Lan'], ['Ngày lập', '20/10/2025']] },
      { name: 'Nhiệm vụ', rows: [Object.values(FORM_TASK_HEADERS), ['5.3', '', 'Chủ trì', 'Hoàn thành', 'Phát sóng 32 tin']], hiddenRows: [2] },
    ]);
    const taskResult = validateSubmission(tasks, plan, PROGRESS_2025);
    expect(where(taskResult.findings)).toEqual(['row_hidden Nhiệm vụ!A2']);
    expect(taskResult.findings[0]).toMatchObject({ severity: 'warning', message: 'Dòng 2 (nhiệm vụ 5.3) đang bị ẩn nhưng vẫn được tổng hợp.' });
    expect(taskResult.submission?.tasks.map((t) => t.taskId)).toEqual(['5.3']);

    const { plan: indicatorPlan, findings } = await planResultFrom(INDICATOR_PLAN);
    if (!indicatorPlan) throw new Error(JSON.stringify(findings));
    const round = roundNamed('2026-H1');
    const headers = ['STT', IH.code, IH.name, IH.unit, IH.plan, QUARTER_HEADERS[0], QUARTER_HEADERS[1], IH.actual, IH.base, IH.note];
    const wb = await handBook('so tai chinh.xlsx', [
      { name: 'Thông tin', rows: [['Mã cơ quan', 'STC'], ['Người lập', 'Lê Văn C'], ['Ngày lập', '10/07/2026']] },
      { name: 'Chỉ tiêu', rows: [['CHỈ TIÊU'], [], [], headers, [1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, 100, 120, 220, 200]], hiddenRows: [5] },
    ]);
    const result = validateSubmission(wb, planForRound(indicatorPlan, round), round);
    expect(where(result.findings)).toEqual(['row_hidden Chỉ tiêu!A5']);
    expect(result.submission?.indicators).toEqual([expect.objectContaining({ code: 'THU', actual: 220 })]);
  });

  it('Chỉ tiêu: twenty rows whose "Mã" is =C6 (0 when empty) and "Thực hiện" =F6+G6 give no finding', async () => {
    const { plan: indicatorPlan, findings } = await planResultFrom(INDICATOR_PLAN);
    if (!indicatorPlan) throw new Error(JSON.stringify(findings));
    const round = roundNamed('2026-H1');
    const headers = ['STT', IH.code, IH.name, IH.unit, IH.plan, QUARTER_HEADERS[0], QUARTER_HEADERS[1], IH.actual, IH.base, IH.note];
    const empties: CellSpec[][] = Array.from({ length: 20 }, (_, k) => {
      const r = 6 + k;
      return [{ formula: `A${r - 1}+1`, result: k + 2 }, { formula: `C${r}`, result: 0 }, null, null, null, null, null, { formula: `F${r}+G${r}`, result: 0 }];
    });
    const wb = await handBook('so tai chinh.xlsx', [
      { name: 'Thông tin', rows: [['Mã cơ quan', 'STC'], ['Người lập', 'Lê Văn C'], ['Ngày lập', '10/07/2026']] },
      { name: 'Chỉ tiêu', rows: [['CHỈ TIÊU'], [], [], headers, [1, 'THU', 'Thu ngân sách', 'tỷ đồng', null, 100, 120, { formula: 'F5+G5', result: 220 }, 200], ...empties] },
    ]);
    const result = validateSubmission(wb, planForRound(indicatorPlan, round), round);
    expect(where(result.findings)).toEqual([]);
    expect(result.submission?.indicators).toEqual([expect.objectContaining({ code: 'THU', actual: 220, quarters: [100, 120] })]);
  });
});

/** A small indicator plan (no tasks): Sở Tài chính reports revenue; rows of "Chỉ tiêu" start on row 4. */
const INDICATOR_PLAN: PlanData = {
  info: {
    title: 'Kế hoạch thu ngân sách năm 2026',
    symbol: 'KH-UBND',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH MẪU',
    province: 'Mẫu',
    place: 'Mẫu',
    signTitle: 'CHỦ TỊCH',
    signName: 'Nguyễn Văn Mẫu',
    years: '2026',
  },
  agencies: [{ code: 'STC', name: 'Sở Tài chính', sheets: 'Chỉ tiêu' }],
  fields: [],
  tasks: [],
  recipients: ['Như trên'],
  indicators: [{ code: 'THU', name: 'Thu ngân sách', unit: 'tỷ đồng', group: 'Ngân sách', owner: 'STC', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn' }],
};

describe('findings point at the cell to change (the value, not its label)', () => {
  const ind = (extra: Partial<Record<string, string>>) => ({ ...INDICATOR_PLAN.indicators?.[0], ...extra });
  /** Plan tables have their header on row 3; "Chỉ tiêu" columns: A Mã … J Thuộc chỉ tiêu, K Tử số, L Mẫu số. */
  const planCases: { label: string; data: PlanData; code: FindingCode; at: string }[] = ([
    ['a numerator code not in the sheet', { ...INDICATOR_PLAN, indicators: [ind({}), ind({ code: 'R', name: 'Tỷ lệ thu', kind: 'Tỷ lệ tính từ số liệu', unit: '%', numerator: 'XX', denominator: 'THU' })] }, 'plan_invalid_value', 'Chỉ tiêu!K5'],
    ['a ratio without its denominator', { ...INDICATOR_PLAN, indicators: [ind({}), ind({ code: 'R', name: 'Tỷ lệ thu', kind: 'Tỷ lệ tính từ số liệu', unit: '%', numerator: 'THU' })] }, 'plan_field_missing', 'Chỉ tiêu!L5'],
    ['a parent code not in the sheet', { ...INDICATOR_PLAN, indicators: [ind({}), ind({ code: 'THU2', name: 'Thu nội địa', parent: 'ZZ' })] }, 'plan_invalid_value', 'Chỉ tiêu!J5'],
    [
      'plan figures of the quarters that do not add up to the half year',
      {
        ...INDICATOR_PLAN,
        values: [
          { code: 'THU', period: '2026-Q1', plan: 10, scenario: null, base: null },
          { code: 'THU', period: '2026-Q2', plan: 20, scenario: null, base: null },
          { code: 'THU', period: '2026-H1', plan: 35, scenario: null, base: null },
        ],
      },
      'scenario_inconsistent',
      'Số liệu chỉ tiêu!C6',
    ],
    ['a field without its title', { ...bgPlan, fields: [{ number: '1', title: '' }, ...bgPlan.fields.slice(1)] }, 'plan_field_missing', 'Lĩnh vực!B4'],
  ] as [string, PlanData, FindingCode, string][]).map(([label, data, code, at]) => ({ label, data, code, at }));

  it.each(planCases)('plan: $label → $code at $at', async ({ data, code, at }) => {
    const { findings } = await planResultFrom(data);
    const hit = findings.filter((f) => f.code === code);
    expect(hit.map((f) => `${f.sheet}!${f.cell}`), JSON.stringify(findings)).toEqual([at]);
  });

  type Made = { file: string; sheets?: SheetSpec[]; bytes?: Buffer };
  const submissionCases: { label: string; make: () => Promise<Made>; code: FindingCode; at: string }[] = ([
    ['a form without "Ngày lập" (label A12, value B12)', async () => { const f = await filledForm(plan, ESTIMATE, 'SNGV', { preparedBy: 'A', budget: bgBudget.SNGV ?? [] }); return { file: f.name, bytes: f.bytes }; }, 'info_field_missing', 'Thông tin!B12'],
    ['a form without "Người lập" nor "Ngày lập" (first of them: B10)', async () => { const f = await filledForm(plan, ESTIMATE, 'SNGV', { budget: bgBudget.SNGV ?? [] }); return { file: f.name, bytes: f.bytes }; }, 'info_field_missing', 'Thông tin!B10'],
    ['a hand-made info sheet without the "Ngày lập" row (the first free row)', async () => ({ file: 'so ngoai vu.xlsx', sheets: [{ name: 'Thông tin', rows: [['Mã cơ quan', 'SNGV'], ['Người lập', 'A']] }, budgetSheet([[1, 'Đoàn ra', 'đoàn', 1, 100, 100, 100, 0, 0, 0]])] }), 'info_field_missing', 'Thông tin!A3'],
    ['an agency name not in the plan (the name typed in B1)', async () => ({ file: 'bao cao.xlsx', sheets: [{ name: 'Thông tin', rows: [['Cơ quan báo cáo', 'Sở Tư pháp']] }] }), 'agency_unknown', 'Thông tin!B1'],
    ['an agency code not in the plan (the code typed in B2)', async () => ({ file: 'bao cao.xlsx', sheets: [{ name: 'Thông tin', rows: [['Cơ quan báo cáo', ''], ['Mã cơ quan', 'STP']] }] }), 'agency_unknown', 'Thông tin!B2'],
    ['1e308 typed in "Số lượng"', async () => ({ file: 'so ngoai vu.xlsx', sheets: [budgetSheet([[1, 'Đoàn ra', 'đoàn', 1e308, 100, null, 100, 0, 0, 0]])] }), 'value_out_of_range', 'Kinh phí!D5'],
    ['"Số lượng × Định mức" beyond ±10^15, Thành tiền left to baocao', async () => ({ file: 'so ngoai vu.xlsx', sheets: [budgetSheet([[1, 'Đoàn ra', 'đoàn', 1e10, 1e10, null, 100, 0, 0, 0]])] }), 'value_out_of_range', 'Kinh phí!F5'],
    ['"2.000.000.000.000.000" typed as text in "Định mức"', async () => ({ file: 'so ngoai vu.xlsx', sheets: [budgetSheet([[1, 'Đoàn ra', 'đoàn', 1, '2.000.000.000.000.000', null, 100, 0, 0, 0]])] }), 'value_out_of_range', 'Kinh phí!E5'],
  ] as [string, () => Promise<Made>, FindingCode, string][]).map(([label, make, code, at]) => ({ label, make, code, at }));

  it.each(submissionCases)('submission: $label → $code at $at', async ({ make, code, at }) => {
    const made = await make();
    const wb = made.bytes ? await readBook(made.bytes, made.file) : await handBook(made.file, made.sheets ?? []);
    const result = validateSubmission(wb, estimatePlan, ESTIMATE);
    const hit = result.findings.filter((f) => f.code === code);
    expect(hit.map((f) => `${f.sheet}!${f.cell}`), JSON.stringify(result.findings)).toEqual([at]);
  });
});

describe('figures out of range are findings at their cell, never an internal error', () => {
  it('1e308 in "Số lượng" of a filled form: value_out_of_range at D5, the file checked, no exception (was: "roundTo: value must be finite")', async () => {
    const lines = (bgBudget.SNGV ?? []).map((l, i) => (i === 0 ? { ...l, quantity: 1e308 } : l));
    const form = await filledForm(plan, ESTIMATE, 'SNGV', { preparedBy: 'A', preparedDate: new Date(Date.UTC(2025, 0, 6)), budget: lines });
    const wb = await readBook(form.bytes, form.name);
    const out = validate({ plan: estimatePlan, round: ESTIMATE, workbooks: [wb], unreadable: [] });
    const own = out.findings.filter((f) => f.file === form.name);
    expect(own.find((f) => f.code === 'value_out_of_range')).toMatchObject({ sheet: 'Kinh phí', cell: 'D5', severity: 'error' });
    expect(own.find((f) => f.code === 'value_out_of_range')?.message).toBe(`Ô D5 (Số lượng) ghi 1E+308, vượt quá giới hạn ±1.000.000.000.000.000 của một số liệu báo cáo; baocao không dùng số này.`);
    expect(own.some((f) => f.code === 'internal_error' || /finite|roundTo/.test(f.message))).toBe(false);
    expect(out.files).toEqual([expect.objectContaining({ file: form.name, state: 'excluded' })]);
    expect(MAX_FIGURE).toBe(1e15);
  });
});
