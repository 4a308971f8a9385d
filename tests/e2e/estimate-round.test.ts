/**
 * The user's story for seed 004's estimate round, through the CLI: forms → agencies fill them
 * → check → build → read the appendix back and compare with the seed's printed figures.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_EXPECTED, BG_PLAN_ID, BG_YEARS, bgBudget, bgPlan } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import { buildWorkbook } from '../fixtures/workbook.js';
import { cli, docxText, docxXml, hashFolder, loadXlsx, numberOf, tempPlan } from './helpers.js';

const years = [...BG_YEARS];
let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;
let formsDir: string;

/** Form file of an agency, by its order in the plan ("01-…"). */
async function formOf(code: string): Promise<Buffer> {
  const order = bgPlan.agencies.findIndex((a) => a.code === code) + 1;
  const name = (await readdir(formsDir)).find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`));
  if (!name) throw new Error(`no form for ${code}`);
  return readFile(join(formsDir, name));
}

beforeAll(async () => {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  roundDir = join(env.planDir, 'du-toan');
  await mkdir(roundDir, { recursive: true });
  formsDir = join(env.out, 'bieu-mau');
  const forms = await cli('forms', roundDir, '--out', formsDir);
  expect(forms.code, forms.out + forms.err).toBe(0);
  // Agencies fill their forms and e-mail them back under names of their own.
  for (const [code, lines] of Object.entries(bgBudget)) {
    const filled = await fillForm(await formOf(code), { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 0, 8)), budget: lines }, years);
    await writeFile(join(roundDir, `Du toan gui ve - ${code}.xlsx`), filled);
  }
});

afterAll(async () => {
  await env.cleanup();
});

describe('baocao forms (estimate round)', () => {
  it('writes one form per agency with a budget, named by plan order', async () => {
    const names = (await readdir(formsDir)).filter((f) => f.endsWith('.xlsx')).sort();
    expect(names).toHaveLength(6);
    expect(names[0]).toBe('01-so-ngoai-vu.xlsx');
  });
});

describe('baocao check + build reproduce seed 004', () => {
  let outDir: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    outDir = join(env.out, BG_PLAN_ID, 'du-toan');
    before = await hashFolder(roundDir);
  });

  it('check passes with exit code 0 and names every file', async () => {
    const r = await cli('check', roundDir, '--out', outDir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('6 được tổng hợp');
    expect(r.out).toContain('0 lỗi');
    const wb = await loadXlsx(join(outDir, 'kiem-tra.xlsx'));
    expect(wb.getWorksheet('Tổng hợp')).toBeDefined();
  });

  it('build writes the appendix with every figure of the seed, as live formulas with values', async () => {
    const r = await cli('build', roundDir, '--out', outDir);
    expect(r.code, r.out).toBe(0);
    const wb = await loadXlsx(join(outDir, 'phu-luc-du-toan.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    // Find the header row and its columns.
    let headerRow = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        const t = String(cell.value ?? '');
        if (t === 'STT') headerRow = r;
        if (t.startsWith('Thành tiền')) col['amount'] = c;
        for (const y of years) if (t === `Năm ${y}`) col[`y${y}`] = c;
      });
    });
    expect(headerRow).toBeGreaterThan(0);
    const groups: { roman: string; name: string; amount: number | null; formula: string | undefined }[] = [];
    let total: ExcelJS_Row | null = null;
    type ExcelJS_Row = { amount: number | null; years: (number | null)[]; formula: string | undefined };
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const stt = String(ws.getCell(r, 1).value ?? '');
      const name = String(ws.getCell(r, 2).value ?? '');
      const amountCell = ws.getCell(r, col['amount'] ?? 0);
      if (/^[IVX]+$/.test(stt)) groups.push({ roman: stt, name, amount: numberOf(amountCell), formula: amountCell.formula });
      if (name === 'Tổng cộng') {
        total = { amount: numberOf(amountCell), years: years.map((y) => numberOf(ws.getCell(r, col[`y${y}`] ?? 0))), formula: amountCell.formula };
      }
    }
    expect(groups.map((g) => g.roman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(groups.map((g) => g.name)).toEqual(bgPlan.agencies.slice(0, 6).map((a) => a.name));
    for (const [i, code] of ['SNGV', 'SNNPTNT', 'SVHTTDL', 'LHHN', 'BBG', 'CDVH'].entries()) {
      expect(groups[i]?.amount).toBe(BG_EXPECTED.groupTotals[code]);
      expect(groups[i]?.formula).toMatch(/SUM/);
    }
    const t = total as ExcelJS_Row | null;
    expect(t?.amount).toBe(BG_EXPECTED.grandTotal);
    expect(t?.years).toEqual(BG_EXPECTED.yearTotals);
    expect(t?.formula).toBeTruthy();
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  it('the Word appendix shows Vietnamese numbers, the heading and the total in words', async () => {
    const text = await docxText(join(outDir, 'phu-luc-du-toan.docx'));
    expect(text).toContain('PHỤ LỤC');
    expect(text).toContain('BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ CHI TIẾT');
    expect(text).toMatch(/Kèm theo Kế hoạch số\s+\/KH-UBND/);
    for (const n of ['5.810.810', '2.040.225', '1.190.995', '1.388.595', '2.698.580', '711.500']) expect(text).toContain(n);
    expect(text).toContain(BG_EXPECTED.inWords);
    const xml = await docxXml(join(outDir, 'phu-luc-du-toan.docx'));
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toMatch(/w:rFonts[^>]*w:ascii="Times New Roman"/);
  });

  it('never modifies the inputs', async () => {
    expect(await hashFolder(roundDir)).toEqual(before);
  });
});

describe('mistakes are caught at their cell', () => {
  it('a quantity typed as "s" (as printed in the seed) is an error at that cell, and check exits 1', async () => {
    const other = await tempPlan(bgPlan, BG_PLAN_ID);
    const dir = join(other.planDir, 'du-toan');
    await mkdir(dir, { recursive: true });
    const lines = (bgBudget['SNGV'] ?? []).map((l, i) => (i === 2 ? { ...l, quantity: 's' } : l));
    await writeFile(join(dir, 'so-ngoai-vu.xlsx'), await fillForm(await formOf('SNGV'), { budget: lines }, years));
    const r = await cli('check', dir, '--json', '--out', join(env.out, 'loi'));
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out) as { file: string; sheet: string; cell: string; severity: string; code: string; message: string }[];
    const bad = findings.find((f) => f.code === 'value_not_number');
    expect(bad).toMatchObject({ file: 'so-ngoai-vu.xlsx', sheet: 'Kinh phí', cell: 'D7', severity: 'error' });
    expect(bad?.message).toContain('"s"');
    expect(bad?.message).toMatch(/không phải là số/);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['cell', 'code', 'file', 'message', 'severity', 'sheet']);
    // The build still runs; the file is left out of the totals and named.
    const b = await cli('build', dir, '--out', join(env.out, 'loi'));
    expect(b.code).toBe(0);
    expect(b.out).toContain('Không đưa vào tổng hợp vì có lỗi: so-ngoai-vu.xlsx');
    // --strict refuses to build.
    const strict = await cli('build', dir, '--strict', '--out', join(env.out, 'loi-strict'));
    expect(strict.code).toBe(1);
    expect(await readdir(join(env.out, 'loi-strict'))).not.toContain('phu-luc-du-toan.xlsx');
    await other.cleanup();
  });

  it('a hand-made workbook (title rows, other column order, no diacritics, text numbers, "-", agency from file name) is read correctly', async () => {
    const other = await tempPlan(bgPlan, BG_PLAN_ID);
    const dir = join(other.planDir, 'du-toan');
    await mkdir(dir, { recursive: true });
    await buildWorkbook({
      sheets: [
        {
          name: 'Kinh phi',
          rows: [
            ['BÁO BẮC GIANG'],
            ['DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH 2025 - 2028'],
            [],
            ['Nội dung', 'TT', 'Thành tiền (nghìn đồng)', 'Số lượng', 'ĐVT', 'Định mức (nghìn đồng)', 'Năm 2025', 'Năm 2026', 'Năm 2027', 'Năm 2028', 'Ghi chú'],
            ['Tin, bài, ảnh, clip tuyên truyền trên báo in và báo điện tử', '1', '399.600', '4', 'năm', '99.900', '99.900', '99.900', '99.900', '99.900', ''],
            ['Chuyên trang song ngữ', '2', '100.000', '1', 'chuyên trang', '100.000', '100.000', '-', '-', '-', 'năm đầu'],
            ['Tổng cộng', '', '499.600', '', '', '', '199.900', '99.900', '99.900', '99.900', ''],
          ],
        },
      ],
    }).then((bytes) => writeFile(join(dir, 'Bao Bac Giang - du toan 2025.xlsx'), bytes));
    const out = join(env.out, 'tu-lam');
    const r = await cli('build', dir, '--out', out);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Báo Bắc Giang');
    const text = await docxText(join(out, 'phu-luc-du-toan.docx'));
    expect(text).toContain('Chuyên trang song ngữ');
    expect(text).toContain('499.600');
    expect(text).toContain('199.900');
    const check = await cli('check', dir, '--json', '--out', out);
    const findings = JSON.parse(check.out) as { code: string; severity: string }[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    await other.cleanup();
  });
});

describe('nothing a person edited is lost', () => {
  it('an output edited after baocao wrote it is kept; the new one is written beside it', async () => {
    const out = join(env.out, 'sua-tay');
    expect((await cli('build', roundDir, '--out', out)).code).toBe(0);
    const target = join(out, 'phu-luc-du-toan.docx');
    await copyFile(join(out, 'kiem-tra.xlsx'), target); // a person saved something else over it
    const edited = await readFile(target);
    const r = await cli('build', roundDir, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/phu-luc-du-toan\.docx đã được sửa tay/);
    expect(await readFile(target)).toEqual(edited);
    const beside = (await readdir(out)).filter((f) => f.startsWith('phu-luc-du-toan (ban moi'));
    expect(beside).toHaveLength(1);
  });
});
