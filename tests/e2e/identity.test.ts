/**
 * Issue 10, "every submission knows where it belongs" and "status tells the truth", end to end
 * through runCheck / runBuild / runStatus:
 * - the shipped Lạng Sơn examples: last year's workbook and the growth plan's workbook dropped into
 *   the e-commerce plan's 2027 round are errors naming where they belong, take nothing from Sở
 *   Công Thương's valid file, and the appendices equal those built from the right files alone;
 * - forms written by `baocao forms` for another round or another plan, found by their identity;
 * - a file with errors never displaces a valid one; an agency whose files all have errors is
 *   "Đã nộp — có lỗi, chưa được tổng hợp"; a file still being copied makes `check` exit 1.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgPlan } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import type { Finding } from '../../src/findings.js';
import type { StatusRow } from '../../src/model/status.js';
import { runBuild, runCheck, runForms, runStatus } from '../../src/run.js';
import { cli, docxText, tempPlan } from './helpers.js';

const TODAY = '2027-12-20';
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

/** Every cell of every sheet of a workbook, as values (formulas by their results), for comparing outputs. */
async function cellValues(path: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        cells[c - 1] = v && typeof v === 'object' && 'formula' in v ? (v as { result?: unknown }).result : v instanceof Date ? v.toISOString() : v;
      });
      rows[r - 1] = cells;
    });
    out[ws.name] = rows;
  });
  return out;
}

const errorsOf = (findings: readonly Finding[], file: string) => findings.filter((f) => f.file === file && f.severity === 'error');

describe('the shipped Lạng Sơn examples: wrong files dropped into the e-commerce plan\'s 2027 round', () => {
  const TMDT = 'langson-tmdt-2026-2030';
  const GROWTH = 'langson-tang-truong-2026';
  const LAST_YEAR = 'So Cong Thuong - bao cao gui lai.xlsx';
  const OTHER_PLAN = '03-so-cong-thuong (tang truong).xlsx';
  let root: string;
  let roundDir: string;
  let rightOut: string;
  let wrongOut: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'baocao-identity-'));
    roots.push(root);
    for (const id of [TMDT, GROWTH]) await cp(resolve('input', id), join(root, 'input', id), { recursive: true });
    roundDir = join(root, 'input', TMDT, '2027');
    rightOut = join(root, 'right');
    wrongOut = join(root, 'wrong');
    // The right files alone.
    const right = await runBuild(roundDir, { outDir: rightOut, today: TODAY });
    expect(right.exitCode, right.messages.join('\n')).toBe(0);
    // Then, after the deadline, two wrong files arrive, both "newer" than Sở Công Thương's valid one:
    // its 2026 report sent again, and its report to the growth plan (round 2026-Q3).
    const later = new Date('2027-12-19T08:00:00+07:00');
    await cp(join(root, 'input', TMDT, '2026', '01-so-cong-thuong.xlsx'), join(roundDir, LAST_YEAR));
    await cp(join(root, 'input', GROWTH, '2026-Q3', '03-so-cong-thuong.xlsx'), join(roundDir, OTHER_PLAN));
    for (const f of [LAST_YEAR, OTHER_PLAN]) await utimes(join(roundDir, f), later, later);
  }, 240_000);

  it('check: each wrong file is one error naming the round or plan it belongs to; exit 1', async () => {
    const r = await runCheck(roundDir, { outDir: join(root, 'check'), today: TODAY });
    expect(r.exitCode).toBe(1);
    expect(errorsOf(r.findings, LAST_YEAR).map((f) => [f.code, f.sheet, f.cell])).toEqual([['submission_other_round', 'Thông tin', 'B8']]);
    expect(errorsOf(r.findings, LAST_YEAR)[0]?.message).toContain('là báo cáo đợt năm 2026, không phải đợt năm 2027');
    expect(errorsOf(r.findings, LAST_YEAR)[0]?.message).toContain(`input/${TMDT}/2026`);
    expect(errorsOf(r.findings, OTHER_PLAN).map((f) => [f.code, f.sheet, f.cell])).toEqual([['submission_other_plan', 'Thông tin', 'B5']]);
    expect(errorsOf(r.findings, OTHER_PLAN)[0]?.message).toContain('báo cáo đợt quý III/2026 của kế hoạch "Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"');
    // They take nothing from Sở Công Thương's valid file: no duplicate, the valid file is used.
    expect(r.findings.filter((f) => f.code === 'submission_duplicate')).toEqual([]);
    expect(r.messages.join('\n')).toMatch(/✓ 01-so-cong-thuong\.xlsx \(Sở Công Thương\): được tổng hợp/);
    expect(r.messages.join('\n')).toContain('2 thuộc đợt hoặc kế hoạch khác');
    // Checked again, from the cache of the first check: the same verdicts.
    const again = await runCheck(roundDir, { outDir: join(root, 'check'), today: TODAY });
    expect(again.findings).toEqual(r.findings);
    expect(again.exitCode).toBe(1);
  });

  it('build: the appendices equal the ones built from the right files alone', async () => {
    const r = await runBuild(roundDir, { outDir: wrongOut, today: TODAY });
    expect(r.exitCode).toBe(0);
    const appendices = (await readdir(rightOut)).filter((f) => /^phu-luc-.*\.xlsx$/.test(f)).sort();
    expect(appendices.length).toBeGreaterThanOrEqual(2);
    expect((await readdir(wrongOut)).filter((f) => /^phu-luc-.*\.xlsx$/.test(f)).sort()).toEqual(appendices);
    for (const name of appendices) expect(await cellValues(join(wrongOut, name)), name).toEqual(await cellValues(join(rightOut, name)));
    // The report's appendices too (bao-cao.docx carries them): the same text.
    expect(await docxText(join(wrongOut, 'bao-cao.docx'))).toBe(await docxText(join(rightOut, 'bao-cao.docx')));
  }, 120_000);

  it('status: Sở Công Thương submitted its valid file; the two wrong files are named under it', async () => {
    const r = await runStatus(roundDir, { outDir: wrongOut, today: TODAY });
    const sct = r.status?.rows.find((x) => x.code === 'SCT');
    expect(sct?.file).toBe('01-so-cong-thuong.xlsx');
    expect(sct?.state).not.toBe('has-errors');
    expect(sct?.notUsed).toEqual([
      { file: OTHER_PLAN, reason: 'misplaced', errors: 1, belongsTo: 'đợt quý III/2026 của kế hoạch khác' },
      { file: LAST_YEAR, reason: 'misplaced', errors: 1, belongsTo: 'đợt năm 2026' },
    ]);
    const text = r.messages.join('\n');
    expect(text).toContain(`- tệp "${LAST_YEAR}" là báo cáo đợt năm 2026, không được tính.`);
    expect(text).toContain(`- tệp "${OTHER_PLAN}" là báo cáo đợt quý III/2026 của kế hoạch khác, không được tính.`);
  });
});

/** A small plan by code: four agencies reporting tasks, rounds 2026-H1 and 2026-Q3. */
const PLAN: PlanData = {
  ...bgPlan,
  agencies: [
    { code: 'SCT', name: 'Sở Công Thương', aliases: ['Công Thương'], sheets: 'Nhiệm vụ' },
    { code: 'CTK', name: 'Thống kê tỉnh', aliases: ['Thống kê'], sheets: 'Nhiệm vụ' },
    { code: 'STC', name: 'Sở Tài chính', aliases: ['Tài chính'], sheets: 'Nhiệm vụ' },
    { code: 'SNV', name: 'Sở Nội vụ', aliases: ['Nội vụ'], sheets: 'Nhiệm vụ' },
  ],
  fields: [{ number: '1', title: 'Phát triển kinh tế' }],
  tasks: [
    { id: '1.1', text: 'Thúc đẩy sản xuất công nghiệp.', time: 'Hằng quý', lead: 'SCT', coordinators: '', coordinatorCodes: '' },
    { id: '1.2', text: 'Tổng hợp số liệu thống kê.', time: 'Hằng quý', lead: 'CTK', coordinators: '', coordinatorCodes: '' },
    { id: '1.3', text: 'Tổng hợp báo cáo tài chính.', time: 'Hằng quý', lead: 'STC', coordinators: '', coordinatorCodes: '' },
    { id: '1.4', text: 'Sắp xếp tổ chức bộ máy.', time: 'Hằng quý', lead: 'SNV', coordinators: '', coordinatorCodes: '' },
  ],
};
const YEARS = [2025, 2026, 2027, 2028];
const TASK_OF: Record<string, string> = { SCT: '1.1', CTK: '1.2', STC: '1.3', SNV: '1.4' };

describe('forms written by baocao, dropped into the wrong round or plan', () => {
  let env: Awaited<ReturnType<typeof tempPlan>>;
  let h1: string;
  let rightDir: string;
  const forms = new Map<string, Buffer>();

  /** The form of an agency for a round of a plan, filled in (result text, "Lần nộp", status). */
  async function filled(planId: string, round: string, code: string, opts: { no?: number; status?: string } = {}): Promise<Buffer> {
    const order = PLAN.agencies.findIndex((a) => a.code === code) + 1;
    const form = forms.get(`${planId}/${round}/${order}`);
    if (!form) throw new Error(`no form ${planId}/${round}/${code}`);
    const task = { id: TASK_OF[code] ?? '', status: opts.status ?? 'Đang thực hiện', result: `Báo cáo ${round} của ${code}.` };
    return fillForm(form, { preparedBy: 'Hoàng Văn C', preparedDate: new Date(Date.UTC(2026, 6, 5)), submissionNo: opts.no ?? 1, tasks: [task] }, YEARS);
  }

  async function put(dir: string, file: string, bytes: Buffer, at: string): Promise<void> {
    await writeFile(join(dir, file), bytes);
    await utimes(join(dir, file), new Date(at), new Date(at));
  }

  beforeAll(async () => {
    env = await tempPlan(PLAN, 'kh-quy-2026');
    roots.push(env.root);
    // A second plan beside it, with the same agencies and another title.
    const otherDir = join(env.root, 'input', 'kh-khac-2026');
    await cp(env.planDir, otherDir, { recursive: true });
    const otherPlan: PlanData = { ...PLAN, info: { ...PLAN.info, title: 'Kế hoạch cải cách hành chính năm 2026' } };
    const { buildPlanWorkbook } = await import('../../scripts/examples/plan-workbook.js');
    await writeFile(join(otherDir, 'ke-hoach.xlsx'), await buildPlanWorkbook(otherPlan));
    for (const [planDir, planId] of [[env.planDir, 'kh-quy-2026'], [otherDir, 'kh-khac-2026']] as const) {
      for (const round of ['2026-H1', '2026-Q3']) {
        await mkdir(join(planDir, round), { recursive: true });
        const out = join(env.root, 'forms', planId, round);
        const r = await runForms(join(planDir, round), { outDir: out });
        expect(r.exitCode, r.messages.join('\n')).toBe(0);
        for (const f of await readdir(out)) forms.set(`${planId}/${round}/${Number(f.slice(0, 2))}`, await readFile(join(out, f)));
      }
    }
    h1 = join(env.planDir, '2026-H1');
    rightDir = join(env.root, 'input-right', 'kh-quy-2026', '2026-H1');
    await mkdir(rightDir, { recursive: true });
    await cp(join(env.planDir, 'ke-hoach.xlsx'), join(env.root, 'input-right', 'kh-quy-2026', 'ke-hoach.xlsx'));
    // The right files: SCT, CTK valid; STC only with an error (no status chosen); SNV valid (lần 1).
    for (const dir of [h1, rightDir]) {
      await put(dir, 'SCT 6 thang.xlsx', await filled('kh-quy-2026', '2026-H1', 'SCT'), '2026-07-05T08:00:00+07:00');
      await put(dir, 'CTK 6 thang.xlsx', await filled('kh-quy-2026', '2026-H1', 'CTK'), '2026-07-05T08:00:00+07:00');
      await put(dir, 'STC 6 thang.xlsx', await filled('kh-quy-2026', '2026-H1', 'STC', { status: 'Xong rồi' }), '2026-07-05T08:00:00+07:00');
      await put(dir, 'SNV 6 thang.xlsx', await filled('kh-quy-2026', '2026-H1', 'SNV'), '2026-07-05T08:00:00+07:00');
    }
    // The wrong files, all newer and some with a higher "Lần nộp": SCT's Q3 form, CTK's form of the
    // other plan, and SNV's second submission, which has an error.
    await put(h1, 'SCT quy 3 (lan 2).xlsx', await filled('kh-quy-2026', '2026-Q3', 'SCT', { no: 2 }), '2026-10-05T08:00:00+07:00');
    await put(h1, 'CTK 6 thang - CCHC.xlsx', await filled('kh-khac-2026', '2026-H1', 'CTK', { no: 2 }), '2026-07-06T08:00:00+07:00');
    await put(h1, 'SNV 6 thang (lan 2).xlsx', await filled('kh-quy-2026', '2026-H1', 'SNV', { no: 2, status: 'Gần xong' }), '2026-07-06T08:00:00+07:00');
  }, 240_000);

  it('check names where each form belongs, from its identity', async () => {
    const r = await runCheck(h1, { outDir: join(env.root, 'out-check'), today: '2026-07-20' });
    expect(r.exitCode).toBe(1);
    const q3 = errorsOf(r.findings, 'SCT quy 3 (lan 2).xlsx');
    expect(q3.map((f) => f.code)).toEqual(['submission_other_round']);
    expect(q3[0]?.message).toContain('Tệp này là báo cáo đợt quý III năm 2026 (biểu mẫu baocao tạo cho thư mục đợt "2026-Q3"), không phải đợt 6 tháng đầu năm 2026');
    expect(q3[0]?.message).toContain('Chuyển tệp sang thư mục input/kh-quy-2026/2026-Q3.');
    const other = errorsOf(r.findings, 'CTK 6 thang - CCHC.xlsx');
    expect(other.map((f) => f.code)).toEqual(['submission_other_plan']);
    expect(other[0]?.message).toContain('của kế hoạch "kh-khac-2026" ("Kế hoạch cải cách hành chính năm 2026")');
    expect(other[0]?.message).toContain('Chuyển tệp sang thư mục input/kh-khac-2026/2026-H1.');
    // SNV's second submission has an error: the first (valid) one is used, and the error is shown.
    expect(errorsOf(r.findings, 'SNV 6 thang (lan 2).xlsx').map((f) => f.code)).toEqual(['task_status_invalid']);
    expect(r.findings.find((f) => f.code === 'submission_duplicate')?.message).toContain('Dùng tệp "SNV 6 thang.xlsx" (lần nộp 1, không có lỗi)');
  });

  it('build uses the valid files only: the appendix equals the one built from the right files alone', async () => {
    const wrong = await runBuild(h1, { outDir: join(env.root, 'out-wrong'), today: '2026-07-20' });
    const right = await runBuild(rightDir, { outDir: join(env.root, 'out-right'), today: '2026-07-20' });
    expect([wrong.exitCode, right.exitCode]).toEqual([0, 0]);
    const a = await cellValues(join(env.root, 'out-wrong', 'phu-luc-nhiem-vu.xlsx'));
    expect(a).toEqual(await cellValues(join(env.root, 'out-right', 'phu-luc-nhiem-vu.xlsx')));
    const text = JSON.stringify(a);
    expect(text).toContain('Báo cáo 2026-H1 của SCT.');
    expect(text).toContain('Báo cáo 2026-H1 của SNV.');
    expect(text).not.toContain('2026-Q3');
  });

  it('status tells the truth: submitted with errors, wrong files named, the valid file used', async () => {
    const r = await runStatus(h1, { outDir: join(env.root, 'out-status'), today: '2026-07-20' });
    const row = (code: string) => r.status?.rows.find((x) => x.code === code) as StatusRow;
    expect(row('SCT')).toMatchObject({ file: 'SCT 6 thang.xlsx', state: 'no-deadline', notUsed: [{ file: 'SCT quy 3 (lan 2).xlsx', reason: 'misplaced', errors: 1, belongsTo: 'đợt quý III năm 2026' }] });
    expect(row('CTK')).toMatchObject({ file: 'CTK 6 thang.xlsx', notUsed: [{ file: 'CTK 6 thang - CCHC.xlsx', reason: 'misplaced', belongsTo: 'đợt 6 tháng đầu năm 2026 của kế hoạch "kh-khac-2026"' }] });
    expect(row('STC')).toMatchObject({ file: 'STC 6 thang.xlsx', state: 'has-errors', notUsed: [] });
    expect(row('SNV')).toMatchObject({ file: 'SNV 6 thang.xlsx', state: 'no-deadline', notUsed: [{ file: 'SNV 6 thang (lan 2).xlsx', reason: 'errors', errors: 1 }] });
    const text = r.messages.join('\n');
    expect(text).toContain('1 đã nộp nhưng có lỗi, chưa được tổng hợp');
    expect(text).toMatch(/✗ Đã nộp — có lỗi, chưa được tổng hợp\s+Sở Tài chính \(STC\): tệp "STC 6 thang\.xlsx" có lỗi/);
    expect(text).toContain('- tệp "SNV 6 thang (lan 2).xlsx" có 1 lỗi, chưa được tổng hợp.');
    expect(text).toContain('- tệp "SCT quy 3 (lan 2).xlsx" là báo cáo đợt quý III năm 2026, không được tính.');
    // The same in `status --json`.
    const json = await cli('status', h1, '--out', join(env.root, 'out-status'), '--json');
    const rows = JSON.parse(json.out) as StatusRow[];
    expect(rows.map((x) => [x.code, x.state, x.notUsed.map((f) => f.reason)])).toEqual([
      ['SCT', 'no-deadline', ['misplaced']],
      ['CTK', 'no-deadline', ['misplaced']],
      ['STC', 'has-errors', []],
      ['SNV', 'no-deadline', ['errors']],
    ]);
  });

  it('an agency whose only file belongs elsewhere has not submitted', async () => {
    const dir = join(env.planDir, '2026-Q3');
    await put(dir, 'STC 6 thang.xlsx', await filled('kh-quy-2026', '2026-H1', 'STC'), '2026-10-01T08:00:00+07:00');
    const r = await runStatus(dir, { outDir: join(env.root, 'out-q3'), today: '2026-10-20' });
    expect(r.status?.rows.find((x) => x.code === 'STC')).toMatchObject({ file: null, state: 'missing', notUsed: [{ file: 'STC 6 thang.xlsx', reason: 'misplaced' }] });
    expect(r.messages.join('\n')).toMatch(/✗ Chưa nộp\s+Sở Tài chính \(STC\).*\n\s+- tệp "STC 6 thang\.xlsx" là báo cáo đợt 6 tháng đầu năm 2026, không được tính\./);
  });

  it('a file still being copied makes check exit 1 and is named by status', async () => {
    const dir = join(env.planDir, '2026-Q3');
    const path = join(dir, 'SNV quy 3.xlsx');
    await writeFile(path, await filled('kh-quy-2026', '2026-Q3', 'SNV'));
    // Bytes keep arriving while baocao looks at the folder.
    const copying = setInterval(() => void appendFile(path, Buffer.alloc(512)), 40);
    try {
      const r = await runCheck(dir, { outDir: join(env.root, 'out-q3-check'), today: '2026-10-20' });
      const f = r.findings.find((x) => x.code === 'file_in_progress');
      expect(f).toMatchObject({ file: 'SNV quy 3.xlsx', severity: 'error' });
      expect(f?.message).toContain('tệp đang được chép, chạy lại sau');
      expect(r.exitCode).toBe(1);
      const s = await runStatus(dir, { outDir: join(env.root, 'out-q3-check'), today: '2026-10-20' });
      expect(s.status?.rows.find((x) => x.code === 'SNV')).toMatchObject({ state: 'missing', notUsed: [{ file: 'SNV quy 3.xlsx', reason: 'in-progress' }] });
      expect(s.messages.join('\n')).toContain('- tệp "SNV quy 3.xlsx" đang được chép, chạy lại sau.');
    } finally {
      clearInterval(copying);
    }
  }, 60_000);
});
