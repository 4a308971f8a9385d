/**
 * The e-commerce plan's round of 2027: no agency writes "Cùng kỳ năm trước" and the plan has no
 * figure of 2026, but the plan folder holds the round of 2026. build takes last year's figures from
 * it, like for like, so the report says the growth a secretary would otherwise work out by hand:
 * "421 hợp tác xã, tăng 5,78% so với cùng kỳ". The communes' sum is not compared (three communes of
 * 2026 have not reported in 2027). The round of 2026 is read, never written. And a commune's
 * figure ten times what it reported for 2026 is said, although it wrote no "Cùng kỳ năm trước".
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, docxText, hashFolder, loadXlsx, numberOf } from './helpers.js';

const PLAN = 'langson-tmdt-2026-2030';
let root: string;
let planDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-last-year-round-'));
  planDir = join(root, 'input', PLAN);
  await cp(resolve('input', PLAN), planDir, { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The indicator appendix's row of `name`, its cells by header text. */
async function appendixRow(file: string, name: string): Promise<Map<string, number | string | null>> {
  const sheet = (await loadXlsx(file)).worksheets[0];
  if (!sheet) throw new Error('no sheet');
  let headerRow = 0;
  sheet.eachRow((row, r) => {
    if (headerRow === 0 && row.values?.toString().includes('Chỉ tiêu')) headerRow = r;
  });
  const headers: string[] = [];
  sheet.getRow(headerRow).eachCell({ includeEmpty: true }, (c, col) => (headers[col] = String(c.text).replace(/\s+/g, ' ').trim()));
  // Headers over two rows ("So với cùng kỳ" above "(%)"): joined.
  sheet.getRow(headerRow + 1).eachCell({ includeEmpty: true }, (c, col) => (headers[col] = `${headers[col] ?? ''} ${String(c.text).trim()}`.trim()));
  const out = new Map<string, number | string | null>();
  sheet.eachRow((row) => {
    if (row.values?.toString().includes(name) && out.size === 0) row.eachCell({ includeEmpty: true }, (c, col) => out.set(headers[col] ?? String(col), numberOf(c) ?? (c.text || null)));
  });
  return out;
}

describe('last year\'s figures from last year\'s round', () => {
  it('the report and the appendix give the growth against 2026; the 2026 folder is left as it was', async () => {
    const before = await hashFolder(join(planDir, '2026'));
    const out = join(root, 'output', PLAN, '2027');
    const r = await cli('build', join(planDir, '2027'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text).toContain('Hợp tác xã đang hoạt động: năm 2027 là 421 hợp tác xã, tăng 5,78% so với cùng kỳ.');
    expect(text).toContain('Trường cao đẳng trên địa bàn tỉnh: năm 2027 là 5 trường, bằng cùng kỳ.');
    // A rate computed from two figures: the change in points, in the text and in the appendix.
    expect(text).toContain('Tỷ lệ hợp tác xã kinh doanh trên nền tảng TMĐT: năm 2027 đạt 8,08%, tăng 0,54 điểm phần trăm so với cùng kỳ');
    // The communes' enterprises: 3 communes of 2026 have not reported in 2027, so no growth is made up,
    // and the total says it is of 62 of the 65 communes.
    expect(text).toContain('Doanh nghiệp đang hoạt động trên địa bàn: năm 2027 là 5.430 doanh nghiệp (số liệu của 62/65 đơn vị).');
    const row = await appendixRow(join(out, 'phu-luc-chi-tieu.xlsx'), 'Tỷ lệ hợp tác xã kinh doanh trên nền tảng TMĐT');
    const base = [...row].find(([h]) => h.startsWith('Cùng kỳ'))?.[1];
    const change = [...row].find(([h]) => h.startsWith('So với cùng kỳ'))?.[1];
    // As shown: 2 decimals.
    expect(base).toBe(7.54);
    expect(change).toBe(0.54);
    expect(await hashFolder(join(planDir, '2026'))).toEqual(before);
  }, 120_000);

  it('a zero typed too many by a commune that writes no "Cùng kỳ năm trước" is said, against its own report of 2026', async () => {
    const file = join(planDir, '2027', '18-ubnd-phuong-tam-thanh.xlsx');
    const original = await readFile(file);
    const wb = await loadXlsx(file);
    const sheet = wb.getWorksheet('Chỉ tiêu');
    if (!sheet) throw new Error('no Chỉ tiêu sheet');
    expect(sheet.getCell('J5').value).toBe(912);
    sheet.getCell('J5').value = 9120;
    await wb.xlsx.writeFile(file);
    try {
      const out = join(root, 'output-outlier', PLAN, '2027');
      const r = await cli('build', join(planDir, '2027'), '--out', out);
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toContain('18-ubnd-phuong-tam-thanh.xlsx (UBND phường Tam Thanh): được tổng hợp; 0 lỗi, 1 cảnh báo');
      expect(r.out).toContain(
        'Cảnh báo Chỉ tiêu!J5: Chỉ tiêu DN_TONG (Doanh nghiệp đang hoạt động trên địa bàn): số năm 2027 là 9.120 doanh nghiệp, gấp 11 lần số chính cơ quan đã báo cáo năm 2026 (860; đợt "2026", tệp 18-ubnd-phuong-tam-thanh.xlsx, ô Chỉ tiêu!J5). → Kiểm tra lại số liệu',
      );
    } finally {
      await writeFile(file, original);
    }
  }, 120_000);

  it('without the round of 2026 in the folder, no growth is said', async () => {
    await rm(join(planDir, '2026'), { recursive: true, force: true });
    const out = join(root, 'output-alone', PLAN, '2027');
    const r = await cli('build', join(planDir, '2027'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text).toContain('Hợp tác xã đang hoạt động: năm 2027 là 421 hợp tác xã.');
    expect(text).not.toContain('so với cùng kỳ');
  }, 120_000);
});
