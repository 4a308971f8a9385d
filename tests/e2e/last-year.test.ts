/**
 * A year later, in the quý III năm 2027 round, Sở Xây dựng writes as "Cùng kỳ năm trước" a figure
 * other than the one it reported for quý III năm 2026: build reads last year's round and says so
 * at the cell, since the growth in the report would disagree with last year's report. The round of
 * 2026 is read, never written.
 *
 * And when it writes none (nor does the plan, made for 2026), last year's rounds give it: the
 * report of quý III năm 2027 compares quý III with quý III năm 2026, and the 9 months with the
 * 6 months and quý III of 2026 added up.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import { LS_PLAN_ID } from '../../scripts/examples/langson.js';
import { cli, docxText, hashFolder } from './helpers.js';

let root: string;
let planDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-last-year-'));
  planDir = join(root, 'input', LS_PLAN_ID);
  await cp(resolve('input', LS_PLAN_ID), planDir, { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function submitSxd(roundDir: string, indicators: { code: string; actual: number; base?: number; note?: string }[], prepared = new Date('2027-10-05')): Promise<string> {
  await mkdir(roundDir, { recursive: true });
  const formsDir = join(root, 'bieu-mau');
  await rm(formsDir, { recursive: true, force: true });
  const forms = await cli('forms', roundDir, '--out', formsDir);
  expect(forms.code, forms.out + forms.err).toBe(0);
  const name = (await readdir(formsDir)).find((f) => f.includes('so-xay-dung'));
  if (!name) throw new Error('no form for Sở Xây dựng');
  await writeFile(join(roundDir, name), await fillForm(await readFile(join(formsDir, name)), { preparedBy: 'Cán bộ', preparedDate: prepared, indicators }, []));
  return name;
}

describe('"Cùng kỳ năm trước" a year later', () => {
  it('another figure than last year\'s own report is a warning at the cell; the same figure, or a revision noted, is not', async () => {
    const outPlan = join(root, 'output', LS_PLAN_ID);
    const last = await cli('build', join(planDir, '2026-Q3'), '--out', join(outPlan, '2026-Q3'));
    expect(last.code, last.out + last.err).toBe(0);
    const before = await hashFolder(join(outPlan, '2026-Q3'));

    const roundDir = join(planDir, '2027-Q3');
    const rows = (noxhBase: number, note?: string) => [
      { code: 'KHOICONG', actual: 5, base: 4 },
      { code: 'NOXH', actual: 120, base: noxhBase, ...(note ? { note } : {}) },
      { code: 'VT_HH', actual: 210, base: 205 },
      { code: 'VT_HK', actual: 130, base: 127 },
      { code: 'VT_DT', actual: 610, base: 598 },
    ];
    const name = await submitSxd(roundDir, rows(90));
    const r = await cli('build', roundDir, '--out', join(outPlan, '2027-Q3'));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`${name} (Sở Xây dựng): được tổng hợp; 0 lỗi, 1 cảnh báo`);
    expect(r.out).toContain(
      'Cảnh báo Chỉ tiêu!G6: Chỉ tiêu NOXH (Căn hộ nhà ở xã hội hoàn thành): cột "Cùng kỳ năm trước" ghi 90 căn, nhưng chính cơ quan đã báo cáo quý III năm 2026 là 96 (đợt "2026-Q3", tệp 05-so-xay-dung.xlsx, ô Chỉ tiêu!F6). baocao tính tốc độ tăng theo số 90 đã ghi.',
    );
    expect(await hashFolder(join(outPlan, '2026-Q3'))).toEqual(before);

    await submitSxd(roundDir, rows(96));
    const same = await cli('build', roundDir, '--out', join(outPlan, '2027-Q3'));
    expect(same.out).toContain(`${name} (Sở Xây dựng): được tổng hợp; 0 lỗi, 0 cảnh báo`);

    await submitSxd(roundDir, rows(90, 'Số năm 2026 đã điều chỉnh theo số chính thức'));
    const revised = await cli('build', roundDir, '--out', join(outPlan, '2027-Q3'));
    expect(revised.out).toContain(`${name} (Sở Xây dựng): được tổng hợp; 0 lỗi, 0 cảnh báo`);
  }, 120_000);
});

describe('last year\'s figures nobody wrote, from last year\'s rounds', () => {
  it('quý III against quý III năm 2026, and the 9 months against the 6 months and quý III of 2026 added up', async () => {
    const plan2 = join(root, 'input-2', LS_PLAN_ID);
    await cp(resolve('input', LS_PLAN_ID), plan2, { recursive: true });
    const outPlan = join(root, 'output-2', LS_PLAN_ID);
    const before = { h1: await hashFolder(join(plan2, '2026-H1')), q3: await hashFolder(join(plan2, '2026-Q3')) };
    // Sở Xây dựng reported 85 flats in the first half of 2026 and 96 in quý III (the shipped rounds).
    const rows = (noxh: number) => [
      { code: 'KHOICONG', actual: 5 },
      { code: 'NOXH', actual: noxh },
      { code: 'VT_HH', actual: 210 },
      { code: 'VT_HK', actual: 130 },
      { code: 'VT_DT', actual: 610 },
    ];
    await submitSxd(join(plan2, '2027-H1'), rows(100), new Date('2027-07-05'));
    await submitSxd(join(plan2, '2027-Q3'), rows(120));
    const h1 = await cli('build', join(plan2, '2027-H1'), '--out', join(outPlan, '2027-H1'));
    expect(h1.code, h1.out + h1.err).toBe(0);
    expect(await docxText(join(outPlan, '2027-H1', 'bao-cao.docx'))).toContain('Căn hộ nhà ở xã hội hoàn thành: 6 tháng đầu năm đạt 100 căn, tăng 17,65% so với cùng kỳ');
    const q3 = await cli('build', join(plan2, '2027-Q3'), '--out', join(outPlan, '2027-Q3'));
    expect(q3.code, q3.out + q3.err).toBe(0);
    const text = await docxText(join(outPlan, '2027-Q3', 'bao-cao.docx'));
    // 120 / 96 = +25 %; (100 + 120) / (85 + 96) = +21,55 %.
    expect(text).toContain('Căn hộ nhà ở xã hội hoàn thành: quý III đạt 120 căn, tăng 25,00% so với cùng kỳ; lũy kế 9 tháng đạt 220 căn, tăng 21,55% so với cùng kỳ');
    // Last year's rounds are read, never written.
    expect({ h1: await hashFolder(join(plan2, '2026-H1')), q3: await hashFolder(join(plan2, '2026-Q3')) }).toEqual(before);
  }, 180_000);
});
