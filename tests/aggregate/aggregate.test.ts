import { beforeAll, describe, expect, it } from 'vitest';
import { BG_EXPECTED, BG_YEARS, bgBudget, bgProgress2025, bgSpent2025 } from '../../scripts/examples/bacgiang.js';
import { fillForm, type BudgetInput, type TaskInput } from '../../scripts/examples/fill.js';
import { aggregate } from '../../src/aggregate/index.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import type { ReportModel, TaskState } from '../../src/model/report.js';
import type { TaskStatus } from '../../src/model/sheets.js';
import type { BudgetLine, Submission, TaskReport } from '../../src/model/submission.js';
import { renderForms, formFileName } from '../../src/render/xlsx/forms.js';
import { validate, type ValidateOutput } from '../../src/validate/index.js';
import { ESTIMATE, PROGRESS_2025, filledForm, loadBgPlan, readBook } from '../fixtures/submission.js';

const TODAY = '2025-01-20';
const BUDGET_AGENCIES = ['SNGV', 'SNNPTNT', 'SVHTTDL', 'LHHN', 'BBG', 'CDVH'];
const PREPARED = { preparedBy: 'Nguyễn Văn An', preparedDate: new Date(Date.UTC(2025, 0, 6)) };

let plan: Plan;
beforeAll(async () => {
  plan = await loadBgPlan();
});

/**
 * The seed-004 estimate round as the run does it: the forms of planForRound(plan, du-toan),
 * filled with the seed's budget lines (optionally changed per agency), validated, aggregated.
 */
async function estimateRound(opts: { skip?: readonly string[]; lines?: Readonly<Record<string, readonly BudgetInput[]>> } = {}): Promise<{ validated: ValidateOutput; model: ReportModel }> {
  const workbooks = [];
  for (const code of BUDGET_AGENCIES) {
    if (opts.skip?.includes(code)) continue;
    const form = await filledForm(plan, ESTIMATE, code, { ...PREPARED, budget: opts.lines?.[code] ?? bgBudget[code] ?? [] });
    workbooks.push(await readBook(form.bytes, form.name));
  }
  const validated = validate({ plan: planForRound(plan, ESTIMATE), round: ESTIMATE, workbooks, unreadable: [] });
  return { validated, model: aggregate(validated, { today: TODAY }) };
}

describe('aggregate: the seed-004 estimate round', () => {
  let model: ReportModel;
  beforeAll(async () => {
    const r = await estimateRound();
    expect(r.validated.findings).toEqual([]);
    model = r.model;
  });

  it('makes one group per budget agency, numbered I–VI in plan order', () => {
    expect(model.budget?.groups.map((g) => [g.roman, g.agencyCode, g.agencyName])).toEqual([
      ['I', 'SNGV', 'Sở Ngoại vụ'],
      ['II', 'SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
      ['III', 'SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['IV', 'LHHN', 'Liên hiệp các tổ chức hữu nghị tỉnh'],
      ['V', 'BBG', 'Báo Bắc Giang'],
      ['VI', 'CDVH', 'Trường Cao đẳng Công nghệ Việt – Hàn Bắc Giang'],
    ]);
  });

  it('reproduces the group totals of the seed appendix', () => {
    expect(Object.fromEntries(model.budget?.groups.map((g) => [g.agencyCode, g.amount]) ?? [])).toEqual(BG_EXPECTED.groupTotals);
    for (const g of model.budget?.groups ?? []) {
      expect(g.years.reduce((a, b) => a + b, 0), g.agencyCode).toBe(g.amount);
    }
  });

  it('reproduces the year totals 2.040.225 / 1.190.995 / 1.388.595 / 1.190.995', () => {
    expect(model.budget?.years).toEqual([...BG_YEARS]);
    expect(model.budget?.total.years).toEqual([2040225, 1190995, 1388595, 1190995]);
    expect(model.budget?.total.years).toEqual(BG_EXPECTED.yearTotals);
  });

  it('reproduces the grand total 5.810.810 and its amount in words', () => {
    expect(model.budget?.total.amount).toBe(5810810);
    expect(model.budget?.total.amount).toBe(BG_EXPECTED.grandTotal);
    expect(model.budget?.totalDong).toBe(5_810_810_000);
    expect(model.budget?.totalInWords).toBe('Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng');
    expect(model.budget?.totalInWords).toBe(BG_EXPECTED.inWords);
  });

  it('numbers the lines 1, 2, 3… within each group and keeps their source cells', () => {
    const sngv = model.budget?.groups[0];
    expect(sngv?.lines.map((l) => l.no)).toEqual([1, 2, 3, 4, 5]);
    expect(model.budget?.groups[2]?.lines.map((l) => l.no)).toEqual([1, 2, 3]);
    expect(sngv?.lines[0]).toMatchObject({ content: bgBudget.SNGV?.[0]?.content, unit: 'đoàn', quantity: 4, rate: 177875, amount: 711500, spent: null });
    expect(sngv?.lines[0]?.source).toEqual({ file: '01-so-ngoai-vu.xlsx', sheet: 'Kinh phí', cell: 'F5' });
  });

  it('has no progress part, no spending and no year in an estimate round', () => {
    expect(model.progress).toBeNull();
    expect(model.budget?.year).toBeNull();
    expect(model.budget?.total.spent).toBeNull();
    expect(model.budget?.groups.every((g) => g.spent === null)).toBe(true);
  });

  it('records the run: used files, nothing missing or excluded, the date', () => {
    expect(model.used).toBe(6);
    expect(model.missing).toEqual([]);
    expect(model.excluded).toEqual([]);
    expect(model.files.map((f) => f.state)).toEqual(['used', 'used', 'used', 'used', 'used', 'used']);
    expect(model.generatedOn).toBe(TODAY);
    expect(model.round).toBe(ESTIMATE);
  });
});

describe('aggregate leaves agencies out without gaps in the numbering', () => {
  const sTyped = (bgBudget.SNGV ?? []).map((l, j) => (j === 2 ? { ...l, quantity: 's' } : l));
  it.each([
    {
      name: 'a file with errors is excluded from the totals and listed',
      opts: { lines: { SNGV: sTyped } },
      codes: ['SNNPTNT', 'SVHTTDL', 'LHHN', 'BBG', 'CDVH'],
      total: 5810810 - 2698580,
      // "s" in D7 and the #VALUE! that Excel then shows in F7.
      excluded: [{ file: '01-so-ngoai-vu.xlsx', agencyName: 'Sở Ngoại vụ', errors: 2 }],
      missing: [],
    },
    {
      name: 'an agency that has not submitted is listed as missing',
      opts: { skip: ['SNNPTNT'] },
      codes: ['SNGV', 'SVHTTDL', 'LHHN', 'BBG', 'CDVH'],
      total: 5810810 - 90750,
      excluded: [],
      missing: [{ code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn' }],
    },
    {
      name: 'both at once',
      opts: { skip: ['LHHN', 'SNNPTNT'], lines: { BBG: [{ ...bgBudget.BBG![0]!, years: [1, 1, 1, 1] }] } },
      codes: ['SNGV', 'SVHTTDL', 'CDVH'],
      total: 2698580 + 1873480 + 472400,
      excluded: [{ file: '05-bao-bac-giang.xlsx', agencyName: 'Báo Bắc Giang', errors: 1 }],
      missing: [
        { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn' },
        { code: 'LHHN', name: 'Liên hiệp các tổ chức hữu nghị tỉnh' },
      ],
    },
  ])('$name', async ({ opts, codes, total, excluded, missing }) => {
    const { model } = await estimateRound(opts);
    const romans = ['I', 'II', 'III', 'IV', 'V', 'VI'].slice(0, codes.length);
    expect(model.budget?.groups.map((g) => [g.roman, g.agencyCode])).toEqual(codes.map((c, i) => [romans[i], c]));
    expect(model.budget?.total.amount).toBe(total);
    expect(model.budget?.total.years.reduce((a, b) => a + b, 0)).toBe(total);
    expect(model.excluded).toEqual(excluded);
    expect(model.missing).toEqual(missing);
    expect(model.used).toBe(codes.length);
  });

  it('gives an empty appendix with a zero total when nothing usable arrived', async () => {
    const validated = validate({ plan: planForRound(plan, ESTIMATE), round: ESTIMATE, workbooks: [], unreadable: [] });
    const model = aggregate(validated, { today: TODAY });
    expect(model.budget?.groups).toEqual([]);
    expect(model.budget?.total).toEqual({ amount: 0, years: [0, 0, 0, 0], spent: null });
    expect(model.missing.map((m) => m.code)).toEqual(BUDGET_AGENCIES);
  });
});

describe('aggregate: the seed-004 progress round 2025', () => {
  /** Every agency's 2025 answers typed into the progress forms prefilled with the estimate lines. */
  async function progressRound(tasks: Readonly<Record<string, readonly TaskInput[]>> = bgProgress2025, skip: readonly string[] = []) {
    const estimate = await estimateRound();
    const prefill = new Map<string, readonly BudgetLine[]>();
    for (const s of estimate.validated.submissions) if (s.budget) prefill.set(s.agencyCode, s.budget);
    const forms = await renderForms(plan, PROGRESS_2025, prefill);
    const workbooks = [];
    for (const agency of plan.agencies) {
      if (skip.includes(agency.code)) continue;
      const form = forms.find((f) => f.name === formFileName(agency));
      if (!form) throw new Error(`no form for ${agency.code}`);
      const spent = bgSpent2025[agency.code];
      const bytes = await fillForm(form.bytes, { ...PREPARED, tasks: tasks[agency.code] ?? [], ...(spent ? { spent } : {}) }, plan.info.years, 2025);
      workbooks.push(await readBook(bytes, form.name));
    }
    const validated = validate({ plan, round: PROGRESS_2025, workbooks, unreadable: [] });
    return { validated, model: aggregate(validated, { today: '2025-12-01' }) };
  }

  let full: { validated: ValidateOutput; model: ReportModel };
  beforeAll(async () => {
    full = await progressRound();
  });

  it('uses all 11 agencies without errors', () => {
    expect(full.validated.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(full.model.used).toBe(11);
  });

  it('gives every task a status from its leads and counts them', () => {
    const progress = full.model.progress;
    expect(progress?.taskCount).toBe(20);
    expect(progress?.fields.map((f) => [f.number, f.tasks.length])).toEqual([
      ['1', 5],
      ['2', 4],
      ['3', 4],
      ['4', 4],
      ['5', 3],
    ]);
    const status = Object.fromEntries(progress?.fields.flatMap((f) => f.tasks.map((t) => [t.id, t.status])) ?? []);
    expect(status).toMatchObject({ '1.3': 'Đang thực hiện', '2.3': 'Đang thực hiện', '5.2': 'Chưa thực hiện', '5.3': 'Hoàn thành', '4.2': 'Hoàn thành' });
    expect(progress?.counts).toEqual({ 'Hoàn thành': 14, 'Đang thực hiện': 5, 'Chưa thực hiện': 1, 'Không thực hiện': 0, 'Chưa báo cáo': 0 });
  });

  it('lists the results of leads and coordinators with their roles', () => {
    const t53 = full.model.progress?.fields[4]?.tasks[2];
    expect(t53?.leadNames).toBe('Báo Bắc Giang; Đài Phát thanh và Truyền hình tỉnh');
    expect(t53?.results.map((r) => [r.agencyCode, r.role, r.status])).toEqual([
      ['BBG', 'lead', 'Hoàn thành'],
      ['DPTTH', 'lead', 'Hoàn thành'],
      ['SNGV', 'coordinator', 'Hoàn thành'],
    ]);
  });

  it('collects difficulties and proposals with agency and task, in plan order', () => {
    expect(full.model.progress?.difficulties.map((d) => [d.agencyName, d.taskId])).toEqual([
      ['Sở Ngoại vụ', '1.3'],
      ['Hiệp hội Doanh nghiệp tỉnh', '2.3'],
      ['Sở Văn hóa, Thể thao và Du lịch', '3.3'],
    ]);
    expect(full.model.progress?.difficulties[0]?.text).toBe('Lịch làm việc của phía Nam Ninh thay đổi nhiều lần nên khó chủ động bố trí đoàn.');
    expect(full.model.progress?.proposals.map((d) => [d.agencyName, d.taskId])).toEqual([
      ['Sở Ngoại vụ', '1.3'],
      ['Sở Nông nghiệp và Phát triển nông thôn', '2.2'],
      ['Trường Cao đẳng Công nghệ Việt – Hàn Bắc Giang', '4.3'],
    ]);
  });

  it('totals the money spent in 2025 against the year\'s estimate', () => {
    const budget = full.model.budget;
    expect(budget?.year).toBe(2025);
    // Sum of bgSpent2025: 662.145 + 88.400 + 640.150 + 135.600 + 99.900 + 142.300.
    expect(budget?.total.spent).toBe(1768495);
    expect(budget?.groups.map((g) => [g.agencyCode, g.spent])).toEqual([
      ['SNGV', 662145],
      ['SNNPTNT', 88400],
      ['SVHTTDL', 640150],
      ['LHHN', 135600],
      ['BBG', 99900],
      ['CDVH', 142300],
    ]);
    // The year's estimate is the 2025 column; the plan total is unchanged.
    expect(budget?.total.years[0]).toBe(2040225);
    expect(budget?.groups[0]?.years[0]).toBe(674645);
    expect(budget?.total.amount).toBe(5810810);
    expect(budget?.groups[5]?.lines.map((l) => l.spent)).toEqual([0, 142300]);
  });

  it('combines two leads on 5.3: Hoàn thành + Đang thực hiện → Đang thực hiện', async () => {
    const tasks = { ...bgProgress2025, DPTTH: [{ id: '5.3', status: 'Đang thực hiện', result: 'Đang sản xuất phóng sự.' }] };
    const { model } = await progressRound(tasks);
    const t53 = model.progress?.fields[4]?.tasks[2];
    expect(t53?.status).toBe('Đang thực hiện');
    expect(model.progress?.counts['Hoàn thành']).toBe(13);
    expect(model.progress?.counts['Đang thực hiện']).toBe(6);
  });

  it('says "Chưa báo cáo" for 5.3 when neither lead has submitted, and lists them missing', async () => {
    const { model } = await progressRound(bgProgress2025, ['BBG', 'DPTTH']);
    const t53 = model.progress?.fields[4]?.tasks[2];
    expect(t53?.status).toBe('Chưa báo cáo');
    // The coordinator's report is still shown, but does not decide the status.
    expect(t53?.results.map((r) => r.agencyCode)).toEqual(['SNGV']);
    expect(model.progress?.counts['Chưa báo cáo']).toBe(1);
    expect(model.missing.map((m) => m.code)).toEqual(['BBG', 'DPTTH']);
    expect(model.budget?.groups.map((g) => g.roman)).toEqual(['I', 'II', 'III', 'IV', 'V']);
  });
});

describe('aggregate combines the statuses of a task\'s lead agencies', () => {
  /** A bare submission of one agency reporting 5.3 in the 2025 round. */
  function sub(code: string, status: TaskStatus | null, role: TaskReport['role'], errorCount = 0): Submission {
    return {
      file: `${code}.xlsx`,
      sha256: '',
      mtimeMs: 0,
      agencyCode: code,
      identifiedBy: 'info',
      submissionNo: 1,
      preparedBy: '',
      phone: '',
      preparedDate: null,
      tasks: [{ taskId: '5.3', role, status, result: `${code} ${status ?? ''}`, difficulties: '', proposals: '', source: { file: `${code}.xlsx`, sheet: 'Nhiệm vụ', cell: 'D5' } }],
      budget: null,
      indicators: null,
      errorCount,
    };
  }

  function statusOf53(submissions: Submission[]): TaskState | undefined {
    const input: ValidateOutput = { plan, round: PROGRESS_2025, submissions, missing: [], files: [], findings: [] };
    return aggregate(input, { today: TODAY }).progress?.fields[4]?.tasks.find((t) => t.id === '5.3')?.status;
  }

  it.each<[string, (TaskStatus | null)[], TaskState]>([
    ['Hoàn thành + Đang thực hiện', ['Hoàn thành', 'Đang thực hiện'], 'Đang thực hiện'],
    ['Hoàn thành + Hoàn thành', ['Hoàn thành', 'Hoàn thành'], 'Hoàn thành'],
    ['Hoàn thành + Chưa thực hiện', ['Hoàn thành', 'Chưa thực hiện'], 'Đang thực hiện'],
    ['Đang thực hiện + Không thực hiện', ['Đang thực hiện', 'Không thực hiện'], 'Đang thực hiện'],
    ['Chưa thực hiện + Chưa thực hiện', ['Chưa thực hiện', 'Chưa thực hiện'], 'Chưa thực hiện'],
    ['Không thực hiện + Không thực hiện', ['Không thực hiện', 'Không thực hiện'], 'Không thực hiện'],
    ['a lead without status + Đang thực hiện', [null, 'Đang thực hiện'], 'Đang thực hiện'],
    ['no status at all', [null, null], 'Chưa báo cáo'],
  ])('%s → the task is %s', (_label, [bbg, dptth], expected) => {
    expect(statusOf53([sub('BBG', bbg ?? null, 'lead'), sub('DPTTH', dptth ?? null, 'lead')])).toBe(expected);
  });

  it('ignores the coordinators\' statuses', () => {
    expect(statusOf53([sub('BBG', 'Hoàn thành', 'lead'), sub('DPTTH', 'Hoàn thành', 'lead'), sub('SNGV', 'Chưa thực hiện', 'coordinator')])).toBe('Hoàn thành');
    expect(statusOf53([sub('SNGV', 'Hoàn thành', 'coordinator')])).toBe('Chưa báo cáo');
  });

  it('ignores a lead\'s submission that has errors', () => {
    expect(statusOf53([sub('BBG', 'Hoàn thành', 'lead'), sub('DPTTH', 'Đang thực hiện', 'lead', 1)])).toBe('Hoàn thành');
    expect(statusOf53([sub('BBG', 'Hoàn thành', 'lead', 2)])).toBe('Chưa báo cáo');
  });
});
