/**
 * The blank plan staff download from the page ("Tạo kế hoạch mới"): instructions first, then the
 * plan sheets with example rows that baocao accepts as they are — a plan tried end to end
 * before it is filled in.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PLAN_SHEETS } from '../../src/model/sheets.js';
import { PLAN_GUIDE_SHEET } from '../../src/render/xlsx/index.js';
import { runBlankPlan, runForms, runPlan } from '../../src/run.js';
import { readBook } from '../fixtures/submission.js';
import { validatePlan } from '../../src/validate/index.js';

describe('blank plan workbook (ke-hoach.xlsx to start a plan)', () => {
  it('opens on the instructions sheet, then every plan sheet with its example rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await runBlankPlan()) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe(PLAN_GUIDE_SHEET);
    for (const s of [PLAN_SHEETS.info, PLAN_SHEETS.agencies, PLAN_SHEETS.fields, PLAN_SHEETS.tasks, PLAN_SHEETS.recipients, PLAN_SHEETS.indicators, PLAN_SHEETS.indicatorValues]) {
      expect(names).toContain(s);
    }
    const guide = wb.getWorksheet(PLAN_GUIDE_SHEET);
    const text: string[] = [];
    guide?.eachRow((row) => text.push(String(row.getCell(1).value ?? '')));
    expect(text.join('\n')).toMatch(/VÍ DỤ/);
    expect(text.join('\n')).toMatch(/tải lên trang baocao/);
    // Example rows sit under the header row (row 3).
    expect(wb.getWorksheet(PLAN_SHEETS.agencies)?.getCell('A4').value).toBe('SKHCN');
    expect(wb.getWorksheet(PLAN_SHEETS.tasks)?.getCell('A4').value).toBe('1.1');
  });

  it('validates without a single error or warning, as it is downloaded', async () => {
    const book = await readBook(await runBlankPlan(), 'ke-hoach.xlsx');
    const { plan, findings } = validatePlan(book, 'ke-hoach-moi', 'input/ke-hoach-moi');
    expect(findings).toEqual([]);
    expect(plan?.agencies.map((a) => a.code)).toEqual(['SKHCN', 'STC', 'SNV']);
    expect(plan?.agencies.map((a) => a.deadlineDay)).toEqual([10, 10, 12]);
    expect(plan?.tasks.map((t) => t.id)).toEqual(['1.1', '1.2', '2.1']);
    expect(plan?.indicators.map((i) => i.code)).toEqual(['TL_DVC']);
    expect(plan?.info.years).toEqual([2026]);
  });

  it('is a usable plan for the run functions: runPlan reads it, forms are made for each example agency', async () => {
    const root = await mkdtemp(join(tmpdir(), 'baocao-blank-'));
    try {
      const planDir = join(root, 'input', 'ke-hoach-moi');
      await mkdir(join(planDir, '2026-Q1'), { recursive: true });
      await writeFile(join(planDir, 'ke-hoach.xlsx'), await runBlankPlan());
      const r = await runPlan(planDir);
      expect(r.exitCode, r.messages.join('\n')).toBe(0);
      expect(r.plan?.info.title).toMatch(/^Kế hoạch thực hiện chuyển đổi số/);
      const forms = await runForms(join(planDir, '2026-Q1'), { outDir: join(root, 'forms') });
      expect(forms.exitCode, forms.messages.join('\n')).toBe(0);
      expect((await readdir(join(root, 'forms'))).filter((n) => n.endsWith('.xlsx')).sort()).toEqual(
        ['01-so-khoa-hoc-va-cong-nghe.xlsx', '02-so-tai-chinh.xlsx', '03-so-noi-vu.xlsx'].sort(),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('runPlan reports a broken plan with its cells (exit 2, plan null)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'baocao-blank-'));
    try {
      const planDir = join(root, 'input', 'hong');
      await mkdir(planDir, { recursive: true });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await runBlankPlan()) as unknown as ArrayBuffer);
      // "Cơ quan chủ trì" of task 1.2 names an agency the plan does not have.
      wb.getWorksheet(PLAN_SHEETS.tasks)!.getCell('D5').value = 'SXYZ';
      await writeFile(join(planDir, 'ke-hoach.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
      const r = await runPlan(planDir);
      expect(r.exitCode).toBe(2);
      expect(r.plan).toBeNull();
      expect(r.findings.map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toContain('Nhiệm vụ!D5 plan_unknown_agency');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
