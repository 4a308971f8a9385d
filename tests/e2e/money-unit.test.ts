/**
 * An agency fills its budget sheet in đồng while the plan counts in 1000 đồng: build says so at
 * the cell stating the unit and leaves the file out, instead of adding figures a thousand times
 * too large to the appendix.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, loadXlsx, numberOf } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;

beforeAll(async () => {
  env = await copyExample();
  const file = join(env.planDir, '2025', '01-so-ngoai-vu.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Kinh phí');
  if (!ws) throw new Error('no Kinh phí sheet');
  expect(ws.getCell('A3').value).toBe('Đơn vị tính: 1000 đồng');
  ws.getCell('A3').value = 'Đơn vị tính: đồng';
  // The agency's figures in đồng: every money cell a thousand times the form's.
  ws.eachRow((row, r) => {
    if (r < 5) return;
    for (const c of ['E', 'F', 'G', 'H', 'I', 'J', 'K']) {
      const cell = row.getCell(c);
      const v = cell.value;
      if (typeof v === 'number') cell.value = v * 1000;
      else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') cell.value = { ...v, result: v.result * 1000 } as ExcelJS.CellValue;
    }
  });
  await wb.xlsx.writeFile(file);
});

afterAll(async () => {
  await env.cleanup();
});

describe('a budget sheet in đồng for a plan in 1000 đồng', () => {
  it('is an error at the unit cell, and the agency is left out of the appendix', async () => {
    const out = join(env.out, '2025');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/01-so-ngoai-vu\.xlsx \(Sở Ngoại vụ\): CÓ LỖI/);
    expect(r.out).toContain(
      'Lỗi Kinh phí!A3: Sheet "Kinh phí" ghi đơn vị "đồng" (ô A3), nhưng kế hoạch tính kinh phí bằng 1000 đồng: đọc theo 1000 đồng, mọi số tiền của sheet sẽ lớn gấp 1.000 lần. baocao không tự đổi đơn vị.',
    );
    const ws = (await loadXlsx(join(out, 'phu-luc-kinh-phi.xlsx'))).worksheets[0];
    const figures: number[] = [];
    ws?.eachRow((row) => {
      for (const c of [3, 4]) {
        const n = numberOf(row.getCell(c));
        if (n !== null) figures.push(n);
      }
    });
    expect(figures.length).toBeGreaterThan(0);
    // No figure of the đồng sheet reached the appendix: the largest line of Sở Ngoại vụ would be 195.400.000.
    expect(Math.max(...figures)).toBeLessThan(100_000_000);
  });
});
