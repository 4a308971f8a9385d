/**
 * Does a workbook belong to the folder it is in? Forms say so themselves; hand-made workbooks are
 * judged by their labels and year columns. A workbook of another plan or round is one error that
 * names where it belongs, is never used, and takes nothing from the agency's valid file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import type { SourceCell, SourceWorkbook } from '../../src/model/source.js';
import { renderForms } from '../../src/render/xlsx/forms.js';
import { validate } from '../../src/validate/index.js';
import { samePlanTitle } from '../../src/validate/identity.js';
import { validateSubmission } from '../../src/validate/submission.js';
import { ESTIMATE, PROGRESS_2025, budgetHeaders, budgetSheet, filledForm, handBook, loadBgPlan, readBook, roundNamed } from '../fixtures/submission.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadBgPlan();
});

const ROUND_2026 = roundNamed('2026');
const TASKS = [{ id: '4.1', status: 'Hoàn thành', result: 'Đã tổ chức giao lưu.' }];

/** Sở Giáo dục và Đào tạo's progress form of a round (its one task reported: no finding), filled in, read back. */
async function sgddtForm(roundId: string, file = 'so giao duc.xlsx', mtimeMs = 0, submissionNo = 1): Promise<SourceWorkbook> {
  const f = await filledForm(plan, roundNamed(roundId), 'SGDDT', { preparedBy: 'An', preparedDate: new Date(Date.UTC(2026, 0, 6)), tasks: TASKS, submissionNo });
  return readBook(f.bytes, file, mtimeMs);
}

/** The workbook with one cell of one sheet replaced (what an agency typing over a label does). */
function withCell(wb: SourceWorkbook, sheet: string, row: number, col: number, value: string): SourceWorkbook {
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const rows = s.rows.map((r) => [...r]);
      const cells = rows[row - 1] ?? [];
      cells[col - 1] = { value, kind: 'text' } satisfies SourceCell;
      rows[row - 1] = cells;
      return { ...s, rows };
    }),
  };
}

const codes = (findings: readonly { code: string; severity: string; sheet: string; cell: string }[]) => findings.map((f) => [f.code, f.severity, f.sheet, f.cell]);

describe('a form knows its plan and round', () => {
  it('a form of last year in this year\'s round is an error naming its round and folder, and is not read further', async () => {
    const wb = await sgddtForm('2025');
    const { submission, findings } = validateSubmission(wb, plan, ROUND_2026);
    expect(codes(findings)).toEqual([['submission_other_round', 'error', 'Thông tin', 'B8']]);
    expect(findings[0]?.message).toBe(
      'Tệp này là báo cáo đợt năm 2025 (biểu mẫu baocao tạo cho thư mục đợt "2025"), không phải đợt năm 2026 của thư mục đang kiểm tra; tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này. Chuyển tệp sang thư mục input/bacgiang-namninh-2025-2028/2025.',
    );
    expect(submission).toMatchObject({ agencyCode: 'SGDDT', errorCount: 1, tasks: [], budget: null, misplaced: { plan: plan.id, round: '2025', roundKey: '2025', evidence: 'identity' } });
  });

  it('a form of another plan is an error naming that plan and the folder to move it to', async () => {
    const other: Plan = { ...plan, id: 'langson-tmdt-2026-2030', info: { ...plan.info, title: 'Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030' } };
    const [form] = await renderForms(planForRound(other, PROGRESS_2025), PROGRESS_2025, new Map());
    const wb = await readBook(await fillForm(form?.bytes ?? new Uint8Array(), { tasks: TASKS }, plan.info.years, 2025), '01-so-ngoai-vu.xlsx');
    const { submission, findings } = validateSubmission(wb, plan, PROGRESS_2025);
    expect(codes(findings)).toEqual([['submission_other_plan', 'error', 'Thông tin', 'B5']]);
    expect(findings[0]?.message).toContain('của kế hoạch "langson-tmdt-2026-2030" ("Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030")');
    expect(findings[0]?.message).toContain('Chuyển tệp sang thư mục input/langson-tmdt-2026-2030/2025.');
    expect(submission?.misplaced).toMatchObject({ plan: 'langson-tmdt-2026-2030', round: '2025', evidence: 'identity' });
  });

  it('belongs here after the plan folder was renamed (same plan title)', async () => {
    const renamed: Plan = { ...plan, id: 'bac-giang-nam-ninh' };
    const { submission, findings } = validateSubmission(await sgddtForm('2025'), renamed, PROGRESS_2025);
    expect(findings.filter((f) => f.code.startsWith('submission_other'))).toEqual([]);
    expect(submission?.misplaced).toBeUndefined();
  });

  it('belongs here under another spelling of the round folder ("2026-quy-3" for a "2026-Q3" form)', async () => {
    const q3 = roundNamed('2026-Q3');
    const f = await filledForm(plan, q3, 'SGDDT', { tasks: TASKS });
    const { submission } = validateSubmission(await readBook(f.bytes, 'cong an.xlsx'), plan, roundNamed('2026-quy-3'));
    expect(submission?.misplaced).toBeUndefined();
  });

  it('is decided by the identity, not by a visible label the agency typed over', async () => {
    const wb = withCell(await sgddtForm('2025'), 'Thông tin', 8, 2, 'năm 2024');
    const { submission } = validateSubmission(wb, plan, PROGRESS_2025);
    expect(submission?.misplaced).toBeUndefined();
    expect(submission?.errorCount).toBe(0);
  });

  it('a progress form in the estimate round is an error', async () => {
    const { findings } = validateSubmission(await sgddtForm('2025'), plan, ESTIMATE);
    expect(findings.map((f) => f.code)).toEqual(['submission_other_round']);
    expect(findings[0]?.message).toContain('không phải đợt dự toán kinh phí');
  });
});

describe('a hand-made workbook is judged by what it shows', () => {
  const info = (rows: (string | number)[][]) => ({ name: 'Thông tin', rows: [['Lần nộp', 1], ['Người lập', 'An'], ['Ngày lập', '06/01/2026'], ...rows] });
  const line = [1, 'Đoàn ra', 'đoàn', 1, 100, 100, 100, 0, 0, 0, 50];

  it('an "Đã thực hiện năm 2025" column in the 2026 round: an error at that header', async () => {
    const wb = await handBook('so ngoai vu.xlsx', [info([]), budgetSheet([line], { headers: budgetHeaders(undefined, 2025) })]);
    const { submission, findings } = validateSubmission(wb, plan, ROUND_2026);
    expect(codes(findings)).toEqual([['submission_other_round', 'error', 'Kinh phí', 'K4']]);
    expect(findings[0]?.message).toContain('Cột "Đã thực hiện năm 2025 (1000 đồng)" (ô K4) cho thấy tệp này là báo cáo của năm 2025, không phải đợt năm 2026');
    expect(submission?.misplaced).toMatchObject({ roundKey: '2025', evidence: 'column' });
  });

  it('the same column in the 2025 round belongs there', async () => {
    const wb = await handBook('so ngoai vu.xlsx', [info([]), budgetSheet([line], { headers: budgetHeaders(undefined, 2025) })]);
    expect(validateSubmission(wb, plan, PROGRESS_2025).submission?.misplaced).toBeUndefined();
  });

  it.each([
    { label: 'Quý 3 năm 2026', round: '2026', error: true },
    { label: 'năm 2025', round: '2026', error: true },
    { label: 'Năm 2026', round: '2026', error: false },
    { label: 'Đợt 1', round: '2026', error: false },
    { label: 'quý III/2026', round: '2026-Q3', error: false },
    { label: '6 tháng đầu năm 2026', round: '2026-Q3', error: true },
  ])('a "Đợt báo cáo" of "$label" in the round $round: error $error', async ({ label, round, error }) => {
    const wb = await handBook('so ngoai vu.xlsx', [info([['Đợt báo cáo', label]]), budgetSheet([line], { headers: budgetHeaders(undefined, 2026) })]);
    const { findings } = validateSubmission(wb, plan, roundNamed(round));
    const hit = findings.filter((f) => f.code === 'submission_other_round');
    expect(hit.map((f) => [f.severity, f.sheet, f.cell])).toEqual(error ? [['error', 'Thông tin', 'B4']] : []);
  });

  it('a "Kế hoạch" of another plan on Thông tin is an error naming it; the same plan written loosely is not', async () => {
    const growth = await handBook('so cong thuong.xlsx', [info([['Kế hoạch', 'Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026'], ['Đợt báo cáo', 'quý III/2026']])]);
    const other = validateSubmission(growth, plan, PROGRESS_2025);
    expect(codes(other.findings)).toEqual([['submission_other_plan', 'error', 'Thông tin', 'B4']]);
    expect(other.findings[0]?.message).toContain('báo cáo đợt quý III/2026 của kế hoạch "Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"');
    const loose = await handBook('so ngoai vu.xlsx', [info([['Kế hoạch', 'KH hợp tác Bắc Giang - Nam Ninh 2025-2028']]), budgetSheet([line], { headers: budgetHeaders(undefined, 2025) })]);
    expect(validateSubmission(loose, plan, PROGRESS_2025).submission?.misplaced).toBeUndefined();
  });

  it.each([
    ['Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030', 'KH phát triển TMĐT tỉnh Lạng Sơn 2026-2030', true],
    ['Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030', 'Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026', false],
    ['Kế hoạch triển khai thực hiện Thỏa thuận hợp tác giữa tỉnh Bắc Giang và thành phố Nam Ninh giai đoạn 2025-2028', 'Thỏa thuận hợp tác Bắc Giang – Nam Ninh', true],
    ['Kế hoạch triển khai thực hiện Thỏa thuận hợp tác giữa tỉnh Bắc Giang và thành phố Nam Ninh giai đoạn 2025-2028', 'Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030', false],
  ])('"%s" and "%s" are the same plan: %s', (a, b, same) => {
    expect(samePlanTitle(a, b)).toBe(same);
  });
});

describe('a misplaced workbook takes nothing from a valid one', () => {
  it('never displaces the agency\'s valid file, even with a higher "Lần nộp" and a newer date', async () => {
    const valid = await sgddtForm('2025', 'so giao duc.xlsx', 100);
    const lastYear = await sgddtForm('2024', 'so giao duc 2024 (lan 2).xlsx', 900, 2);
    const out = validate({ plan, round: PROGRESS_2025, workbooks: [valid, lastYear], unreadable: [] });
    expect(out.submissions.map((s) => [s.file, s.errorCount])).toEqual([['so giao duc.xlsx', 0]]);
    expect(out.files.filter((f) => f.agencyCode === 'SGDDT').map((f) => [f.file, f.state])).toEqual([
      ['so giao duc 2024 (lan 2).xlsx', 'misplaced'],
      ['so giao duc.xlsx', 'used'],
    ]);
    expect(out.findings.filter((f) => f.code === 'submission_duplicate')).toEqual([]);
  });

  it('does not count as the agency\'s submission: the agency is missing, and the finding says why', async () => {
    const out = validate({ plan, round: ROUND_2026, workbooks: [await sgddtForm('2025', 'so giao duc.xlsx')], unreadable: [] });
    expect(out.submissions).toEqual([]);
    expect(out.missing.map((a) => a.code)).toContain('SGDDT');
    expect(out.files).toEqual([
      expect.objectContaining({ file: 'so giao duc.xlsx', agencyCode: 'SGDDT', state: 'misplaced', errors: 1, warnings: 0, misplaced: expect.objectContaining({ roundKey: '2025' }) }),
    ]);
    expect(out.findings.find((f) => f.code === 'agency_missing' && f.message.startsWith('Sở Giáo dục'))?.message).toBe(
      'Sở Giáo dục và Đào tạo (mã SGDDT) chưa nộp báo cáo đợt năm 2026. Tệp "so giao duc.xlsx" của cơ quan này thuộc đợt năm 2025 nên không được tính.',
    );
  });
});
