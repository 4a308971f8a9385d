/**
 * UBND xã Thất Khê sends the figures of UBND phường Tam Thanh (copied table): build says so on
 * both files, naming the other, in the console and in kiem-tra.xlsx, instead of adding the same
 * enterprises twice without a word; Thất Khê's figures are also said against its own report of
 * 2026. Both files are still used (warnings).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, loadXlsx } from './helpers.js';

const PLAN = 'langson-tmdt-2026-2030';
let root: string;
let planDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-copied-'));
  planDir = join(root, 'input', PLAN);
  await cp(resolve('input', PLAN), planDir, { recursive: true });
  const read = async (name: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(planDir, '2027', name));
    return wb;
  };
  const from = (await read('18-ubnd-phuong-tam-thanh.xlsx')).getWorksheet('Chỉ tiêu');
  const toWb = await read('19-ubnd-xa-that-khe.xlsx');
  const to = toWb.getWorksheet('Chỉ tiêu');
  if (!from || !to) throw new Error('no Chỉ tiêu sheet');
  for (let r = 5; r <= 10; r++) to.getCell(`J${r}`).value = from.getCell(`J${r}`).value;
  expect(to.getCell('J5').value).toBe(912);
  await toWb.xlsx.writeFile(join(planDir, '2027', '19-ubnd-xa-that-khe.xlsx'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a commune sending its neighbour\'s figures', () => {
  it('is a warning on both files, each naming the other', async () => {
    const out = join(root, 'output', PLAN, '2027');
    const r = await cli('build', join(planDir, '2027'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('18-ubnd-phuong-tam-thanh.xlsx (UBND phường Tam Thanh): được tổng hợp; 0 lỗi, 1 cảnh báo');
    // The copy is also far from what Thất Khê itself reported for 2026 (5 indicators ten times or more, or three times a stock).
    expect(r.out).toContain('19-ubnd-xa-that-khe.xlsx (UBND xã Thất Khê): được tổng hợp; 0 lỗi, 6 cảnh báo');
    expect(r.out).toContain(
      'Cảnh báo Chỉ tiêu!J5: Chỉ tiêu DN_TONG (Doanh nghiệp đang hoạt động trên địa bàn): số năm 2027 là 912 doanh nghiệp, gấp 13 lần số chính cơ quan đã báo cáo năm 2026 (72; đợt "2026", tệp 19-ubnd-xa-that-khe.xlsx, ô Chỉ tiêu!J5).',
    );
    expect(r.out).toContain(
      'Cảnh báo Chỉ tiêu!J5: Cả 6 số liệu UBND xã Thất Khê ghi trong tệp này giống hệt tệp "18-ubnd-phuong-tam-thanh.xlsx" của UBND phường Tam Thanh: có thể đã chép số liệu hoặc gửi nhầm tệp của cơ quan khác. Nếu giữ nguyên, baocao cộng các số này 2 lần.',
    );
    const rows: string[] = [];
    (await loadXlsx(join(out, 'kiem-tra.xlsx'))).getWorksheet('Chi tiết')?.eachRow((row) => rows.push(row.values?.toString() ?? ''));
    expect(rows.filter((x) => x.includes('submission_copied'))).toHaveLength(2);
  }, 120_000);
});
