/**
 * Sở Xây dựng types its quý III figure from January (the 6 months' 85 flats plus the quarter's 96),
 * although the form asks for the quarter alone and baocao adds the 6 tháng đầu năm round itself:
 * build says so at the figure, in the console and in kiem-tra.xlsx, instead of a 9-month figure
 * counting the first half twice without a word. The file is still used (a warning).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import { LS_PLAN_ID } from '../../scripts/examples/langson.js';
import { cli, hashFolder, loadXlsx } from './helpers.js';

let root: string;
let planDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-cumulative-'));
  planDir = join(root, 'input', LS_PLAN_ID);
  await cp(resolve('input', LS_PLAN_ID), planDir, { recursive: true });
  const file = join(planDir, '2026-Q3', '05-so-xay-dung.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Chỉ tiêu');
  if (!ws) throw new Error('no Chỉ tiêu sheet');
  expect([ws.getCell('B6').value, ws.getCell('F6').value]).toEqual(['NOXH', 96]);
  ws.getCell('F6').value = 85 + 96;
  await wb.xlsx.writeFile(file);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a quý III figure typed from January', () => {
  it('build warns at the figure, uses the file, and writes the warning into kiem-tra.xlsx', async () => {
    const outPlan = join(root, 'output', LS_PLAN_ID);
    const first = await cli('build', join(planDir, '2026-H1'), '--out', join(outPlan, '2026-H1'));
    expect(first.code, first.out + first.err).toBe(0);
    const h1Before = await hashFolder(join(outPlan, '2026-H1'));

    const out = join(outPlan, '2026-Q3');
    const r = await cli('build', join(planDir, '2026-Q3'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('05-so-xay-dung.xlsx (Sở Xây dựng): được tổng hợp; 0 lỗi, 1 cảnh báo');
    expect(r.out).toContain(
      'Cảnh báo Chỉ tiêu!F6: Chỉ tiêu NOXH (Căn hộ nhà ở xã hội hoàn thành): số quý III năm 2026 ghi 181 căn, bằng 2,13 lần số các kỳ trước',
    );
    expect(r.out).toContain('6 tháng đầu năm 2026: 85, đợt "2026-H1"): có thể đây là số lũy kế 9 tháng năm 2026.');
    expect(r.out).toContain('nếu giữ số này, số lũy kế 9 tháng năm 2026 sẽ là 266. → Nếu đây là số lũy kế từ đầu năm, sửa thành số của riêng kỳ báo cáo');

    const rows: string[] = [];
    (await loadXlsx(join(out, 'kiem-tra.xlsx'))).getWorksheet('Chi tiết')?.eachRow((row) => rows.push(row.values?.toString() ?? ''));
    const row = rows.find((x) => x.includes('indicator_cumulative'));
    expect(row).toContain('05-so-xay-dung.xlsx,Chỉ tiêu,F6,Cảnh báo,Có thể là số lũy kế');

    // The earlier round was read, never written.
    expect(await hashFolder(join(outPlan, '2026-H1'))).toEqual(h1Before);
  }, 120_000);
});

describe('a 9-month figure typed for quý III only', () => {
  it('build of the 9-month round warns at the figure and writes nothing into the 6-month round', async () => {
    const outPlan = join(root, 'output', LS_PLAN_ID);
    const first = await cli('build', join(planDir, '2026-H1'), '--out', join(outPlan, '2026-H1'));
    expect(first.code, first.out + first.err).toBe(0);
    const h1Before = await hashFolder(join(outPlan, '2026-H1'));

    const roundDir = join(planDir, '2026-9t');
    await mkdir(roundDir, { recursive: true });
    const formsDir = join(root, 'bieu-mau');
    const forms = await cli('forms', roundDir, '--out', formsDir);
    expect(forms.code, forms.out + forms.err).toBe(0);
    const name = (await readdir(formsDir)).find((f) => f.includes('so-xay-dung'));
    if (!name) throw new Error('no form for Sở Xây dựng');
    const filled = await fillForm(await readFile(join(formsDir, name)), { preparedBy: 'Cán bộ', indicators: [{ code: 'NOXH', actual: 96 }] }, []);
    await writeFile(join(roundDir, name), filled);

    const r = await cli('build', roundDir, '--out', join(outPlan, '2026-9t'));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`${name} (Sở Xây dựng): được tổng hợp; 0 lỗi`);
    // The form of a 9-month round asks for each quarter too: the figure of the period is in column I.
    expect(r.out).toMatch(/Cảnh báo Chỉ tiêu!I6: Chỉ tiêu NOXH \(Căn hộ nhà ở xã hội hoàn thành\): số 9 tháng năm 2026 ghi 96 căn, chỉ bằng 1,13 lần số các kỳ trước/);
    expect(r.out).toContain('có thể chỉ là số từ tháng 7 đến hết tháng 9. Đợt 9 tháng năm 2026 hỏi số của cả kỳ, từ tháng 1, kể cả những tháng đã báo cáo ở đợt trước.');
    expect(await hashFolder(join(outPlan, '2026-H1'))).toEqual(h1Before);
  }, 120_000);
});
