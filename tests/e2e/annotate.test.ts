/**
 * `baocao check --annotate`: for each agency file with findings, an annotated copy of the
 * agency's own workbook in tra-lai/, ready to be e-mailed back; the inputs stay untouched.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, bgBudget, bgPlan } from '../../scripts/examples/bacgiang.js';
import { ANNOTATION_FILLS, ANNOTATION_SHEET } from '../../src/render/xlsx/index.js';
import { ESTIMATE, filledForm, loadBgPlan } from '../fixtures/submission.js';
import { cli, hashFolder, loadXlsx, tempPlan } from './helpers.js';

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;
let outDir: string;
const BAD = 'So Ngoai vu - du toan.xlsx';
const GOOD = 'Bao Bac Giang.xlsx';
const WARN_ONLY = 'Viet Han.xlsx';

function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

beforeAll(async () => {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  roundDir = join(env.planDir, 'du-toan');
  outDir = join(env.out, BG_PLAN_ID, 'du-toan');
  await mkdir(roundDir, { recursive: true });
  const plan = await loadBgPlan();
  const prepared = { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 0, 8)) };
  // "s" typed as a quantity, as printed in the seed plan.
  const lines = (bgBudget['SNGV'] ?? []).map((l, i) => (i === 2 ? { ...l, quantity: 's' } : l));
  await writeFile(join(roundDir, BAD), (await filledForm(plan, ESTIMATE, 'SNGV', { ...prepared, budget: lines })).bytes);
  await writeFile(join(roundDir, GOOD), (await filledForm(plan, ESTIMATE, 'BBG', { ...prepared, budget: bgBudget['BBG'] ?? [] })).bytes);
  // Without "Người lập" and "Ngày lập": a warning only.
  await writeFile(join(roundDir, WARN_ONLY), (await filledForm(plan, ESTIMATE, 'CDVH', { budget: bgBudget['CDVH'] ?? [] })).bytes);
});

afterAll(async () => {
  await env.cleanup();
});

describe('baocao check --annotate', () => {
  let run: Awaited<ReturnType<typeof cli>>;
  let before: Record<string, string>;

  beforeAll(async () => {
    before = await hashFolder(roundDir);
    run = await cli('check', roundDir, '--annotate', '--out', outDir);
  });

  it('exits 1 (errors found) and says where the copies to send back are', () => {
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(/Bản sao có đánh dấu lỗi để gửi trả cơ quan.*: 2 tệp trong thư mục .*tra-lai/);
    expect(run.out).toMatch(/Đã ghi: .*tra-lai\/So Ngoai vu - du toan\.xlsx/);
  });

  it('writes tra-lai/<file> for each file with findings (errors or warnings), none for a clean file', async () => {
    expect((await readdir(join(outDir, 'tra-lai'))).sort()).toEqual([BAD, WARN_ONLY].sort());
  });

  it('the copy opens on "Lỗi cần sửa", listing the finding with its sheet and cell', async () => {
    const wb = await loadXlsx(join(outDir, 'tra-lai', BAD));
    expect(wb.worksheets[0]?.name).toBe(ANNOTATION_SHEET);
    const rows: string[] = [];
    wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? '')).join(' | ')));
    const text = rows.join('\n');
    expect(text).toContain('Cơ quan: Sở Ngoại vụ');
    expect(text).toContain('dự toán kinh phí');
    expect(text).toMatch(/Kinh phí \| D7 \| Lỗi \| Ô D7 \(Số lượng\) ghi "s", không phải là số/);
  });

  it('the faulty cell keeps its value, is filled red and carries a note with what to do', async () => {
    const ws = (await loadXlsx(join(outDir, 'tra-lai', BAD))).getWorksheet('Kinh phí');
    const cell = ws?.getCell('D7');
    expect(cell?.value).toBe('s');
    expect((cell?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(ANNOTATION_FILLS.error);
    const note = cell ? noteOf(cell) : '';
    expect(note).toContain('không phải là số');
    expect(note).toContain('Nhập một số');
  });

  it('a warning-only file gets orange marks', async () => {
    const wb = await loadXlsx(join(outDir, 'tra-lai', WARN_ONLY));
    const marked: string[] = [];
    for (const ws of wb.worksheets) {
      // includeEmpty: the cell to fill in is empty (issue 10: the mark is on the value cell, not its label).
      ws.eachRow((row) =>
        row.eachCell({ includeEmpty: true }, (c) => {
          if ((c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === ANNOTATION_FILLS.warning) marked.push(`${ws.name}!${c.address}`);
        }),
      );
    }
    expect(marked.length).toBeGreaterThan(0);
    // "Người lập" is missing: its value cell B10 is marked, not the label A10.
    expect(marked).toContain('Thông tin!B10');
    expect(marked).not.toContain('Thông tin!A10');
  });

  it('never modifies the inputs', async () => {
    expect(await hashFolder(roundDir)).toEqual(before);
  });

  it('without --annotate, check writes no copies', async () => {
    const out = join(env.out, 'khong-danh-dau');
    const r = await cli('check', roundDir, '--out', out);
    expect(r.code).toBe(1);
    expect(await readdir(out)).not.toContain('tra-lai');
    expect(r.out).not.toContain('Bản sao có đánh dấu lỗi');
  });

  it('is listed in the help of check', async () => {
    const r = await cli('check', '--help');
    expect(r.out).toContain('--annotate');
    expect(r.out).toContain('ghi bản sao có đánh dấu lỗi để gửi trả cơ quan');
  });
});
