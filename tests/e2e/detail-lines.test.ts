/**
 * An agency breaks a budget line of its form down into detail lines (1.1, 1.2) and keeps the
 * line's own figures, as many do: build counts the money once, names each detail after its line
 * in the appendix, and stops at a line whose details do not add up to it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, loadXlsx, numberOf } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;
let file: string;
let original: Buffer;

/** Sở Ngoại vụ's 2025 workbook with line 1 (spent 177.875 of 177.875) detailed into 1.1 and 1.2, and its total rows' formulas over the lines once. */
async function detail(ticketsSpent: number): Promise<void> {
  await writeFile(file, original);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Kinh phí');
  if (!ws) throw new Error('no Kinh phí sheet');
  expect(ws.getCell('A5').value).toBe('1');
  expect(numberOf(ws.getCell('K5'))).toBe(177875);
  ws.insertRow(6, ['1.1', 'Vé máy bay', 'lượt', 16, 25000, 400000, 100000, 100000, 100000, 100000, ticketsSpent, ''], 'i');
  ws.insertRow(7, ['1.2', 'Ăn ở', 'người/ngày', 40, 7787.5, 311500, 77875, 77875, 77875, 77875, 77875, ''], 'i');
  expect(ws.getCell('B12').value).toBe('Tổng cộng');
  for (const c of 'FGHIJK') {
    const total = ws.getCell(`${c}12`);
    total.value = { formula: `${c}5+SUM(${c}8:${c}11)`, result: (total.value as { result: number }).result };
  }
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  env = await copyExample();
  file = join(env.planDir, '2025', '01-so-ngoai-vu.xlsx');
  original = await readFile(file);
});

afterAll(async () => {
  await env.cleanup();
});

describe('a budget line broken down into detail lines', () => {
  it('is counted once: the agency and the grand total are unchanged, each detail is named after its line', async () => {
    const before = await cli('build', join(env.planDir, '2025'), '--out', join(env.out, 'before'));
    expect(before.code, before.out + before.err).toBe(0);
    await detail(100000);
    const out = join(env.out, 'after');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/01-so-ngoai-vu\.xlsx \(Sở Ngoại vụ\): được tổng hợp; 0 lỗi, 0 cảnh báo/);

    const rows = async (dir: string) => {
      const ws = (await loadXlsx(join(dir, 'phu-luc-kinh-phi.xlsx'))).worksheets[0];
      const list: { no: string; text: string; estimate: number | null; spent: number | null }[] = [];
      ws?.eachRow((row) => list.push({ no: String(row.getCell(1).value ?? ''), text: String(row.getCell(2).value ?? ''), estimate: numberOf(row.getCell(3)), spent: numberOf(row.getCell(4)) }));
      return list;
    };
    const old = await rows(join(env.out, 'before'));
    const now = await rows(out);
    const group = (list: typeof now) => list.find((x) => x.text === 'Sở Ngoại vụ');
    expect(group(now)).toMatchObject({ estimate: 674645, spent: 662145 });
    expect(group(now)).toEqual(group(old));
    const grand = (list: typeof now) => list.find((x) => /^T[ỔO]NG C[ỘO]NG$/iu.test(x.text));
    expect(grand(now)?.spent).toBe(grand(old)?.spent);
    expect(grand(now)?.estimate).toBe(grand(old)?.estimate);
    const lines = now.filter((x) => x.text.startsWith('Đoàn ra của Lãnh đạo tỉnh tới Thành phố Nam Ninh'));
    expect(lines.map((x) => [x.text.replace(/^.* – /, ''), x.estimate, x.spent])).toEqual([
      ['Vé máy bay', 100000, 100000],
      ['Ăn ở', 77875, 77875],
    ]);
  });

  it('whose details do not add up to it: an error at the line\'s cell, and the file is left out', async () => {
    await detail(90000);
    const r = await cli('check', join(env.planDir, '2025'), '--out', join(env.out, 'check'));
    expect(r.out).toMatch(/01-so-ngoai-vu\.xlsx \(Sở Ngoại vụ\): CÓ LỖI/);
    expect(r.out).toContain(
      'Lỗi Kinh phí!K5: Dòng 5 "1 Đoàn ra của Lãnh đạo tỉnh tới Thành phố Nam Ninh tham d…": ô K5 (Đã thực hiện năm 2025 (1000 đồng)) ghi 177.875, nhưng các dòng 6–7 chi tiết bên dưới (1.1, 1.2) cộng được 167.875.',
    );
  });
});
