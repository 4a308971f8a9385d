/**
 * A progress round ("2025") end to end: forms prefilled from the estimate round, agencies
 * report task status and spending, one agency does not submit, build writes the report for
 * signature and its appendices.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, BG_YEARS, bgBudget, bgPlan, bgProgress2025, bgSpent2025 } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import { cli, docxText, docxXml, loadXlsx, numberOf, tempPlan } from './helpers.js';

const years = [...BG_YEARS];
let env: Awaited<ReturnType<typeof tempPlan>>;
let outDir: string;

async function formsFor(round: string): Promise<{ dir: string; byCode: (code: string) => Promise<Buffer> }> {
  const dir = join(env.out, 'bieu-mau', round);
  const r = await cli('forms', join(env.planDir, round), '--out', dir);
  expect(r.code, r.out + r.err).toBe(0);
  return {
    dir,
    byCode: async (code) => {
      const order = bgPlan.agencies.findIndex((a) => a.code === code) + 1;
      const name = (await readdir(dir)).find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`));
      if (!name) throw new Error(`no form for ${code}`);
      return readFile(join(dir, name));
    },
  };
}

beforeAll(async () => {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  const estimateDir = join(env.planDir, 'du-toan');
  const progressDir = join(env.planDir, '2025');
  await mkdir(estimateDir, { recursive: true });
  await mkdir(progressDir, { recursive: true });
  const estimateForms = await formsFor('du-toan');
  for (const [code, lines] of Object.entries(bgBudget)) {
    await writeFile(join(estimateDir, `${code}.xlsx`), await fillForm(await estimateForms.byCode(code), { budget: lines }, years));
  }
  const forms = await formsFor('2025');
  for (const agency of bgPlan.agencies) {
    if (agency.code === 'DPTTH') continue; // does not submit
    const tasks = (bgProgress2025[agency.code] ?? []).map((t) =>
      agency.code === 'SCT' && t.id === '2.2' ? { ...t, result: `${t.result} Phối hợp với Sở Văn hóa, Thể thao & Du lịch.` } : t,
    );
    const spent = bgSpent2025[agency.code];
    const filled = await fillForm(
      await forms.byCode(agency.code),
      { preparedBy: 'Trần Thị B', preparedDate: new Date(Date.UTC(2025, 9, 25)), tasks, ...(spent ? { spent } : {}) },
      years,
      2025,
    );
    await writeFile(join(progressDir, `${agency.code} bao cao 2025.xlsx`), filled);
  }
  outDir = join(env.out, BG_PLAN_ID, '2025');
  const r = await cli('build', progressDir, '--out', outDir);
  expect(r.code, r.out + r.err).toBe(0);
});

afterAll(async () => {
  await env.cleanup();
});

describe('progress forms', () => {
  it('carry each agency’s estimate lines from the du-toan round, with a column for spending', async () => {
    const dir = join(env.out, 'bieu-mau', '2025');
    const name = (await readdir(dir)).find((f) => f.startsWith('01-'));
    const wb = await loadXlsx(join(dir, name ?? ''));
    const ws = wb.getWorksheet('Kinh phí');
    const texts: string[] = [];
    ws?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    expect(texts).toContain('Đã thực hiện năm 2025 (1000 đồng)');
    expect(texts.some((t) => t.startsWith('Đoàn ra của Lãnh đạo tỉnh'))).toBe(true);
    expect(wb.getWorksheet('Nhiệm vụ')).toBeDefined();
  });
});

describe('bao-cao.docx, the report for signature', () => {
  let text: string;
  let xml: string;
  beforeAll(async () => {
    text = await docxText(join(outDir, 'bao-cao.docx'));
    xml = await docxXml(join(outDir, 'bao-cao.docx'));
  });

  it('has the official header block, number and date line, title and Kính gửi', () => {
    for (const s of ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Kính gửi: Bộ Ngoại giao']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Số:\s+\/BC-UBND/);
    expect(text).toMatch(/Bắc Giang, ngày\s+tháng\s+năm \d{4}/);
  });

  it('reports results per field and task, shortcomings, proposals and who has not submitted', () => {
    expect(text).toContain('I. KẾT QUẢ THỰC HIỆN');
    expect(text).toContain('1. Hợp tác trao đổi đoàn');
    expect(text).toContain('II. TỒN TẠI, HẠN CHẾ');
    expect(text).toContain('III. PHƯƠNG HƯỚNG');
    expect(text).toContain('Lịch làm việc của phía Nam Ninh thay đổi');
    expect(text).toContain('Đề nghị phía Nam Ninh hỗ trợ thông quan');
    expect(text).toContain('chưa gửi báo cáo: Đài Phát thanh và Truyền hình tỉnh');
  });

  it('writes text as typed: "&" is not HTML-escaped', () => {
    expect(text).toContain('Sở Văn hóa, Thể thao & Du lịch.');
    expect(xml).not.toContain('&amp;amp;');
  });

  it('ends with Nơi nhận and the signature block, then landscape appendices with restarting page numbers', () => {
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Lưu: VT, KGVX.');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('KT. CHỦ TỊCH');
    expect(text).toContain('Mai Sơn');
    expect(text).toContain('Phụ lục I');
    expect(text).toContain('Phụ lục II');
    expect(xml.match(/w:orient="landscape"/g)?.length).toBe(2);
    expect(xml).toMatch(/w:pgNumType w:start="1"/);
    expect(xml).toContain('w:titlePg');
  });
});

describe('progress appendices as Excel files', () => {
  it('phu-luc-nhiem-vu.xlsx lists every task with its status', async () => {
    const wb = await loadXlsx(join(outDir, 'phu-luc-nhiem-vu.xlsx'));
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    for (const id of ['1.1', '2.4', '4.2', '5.3']) expect(texts).toContain(id);
    expect(texts).toContain('Hoàn thành');
  });

  it('phu-luc-kinh-phi.xlsx compares the 2025 estimate with spending, totals as formulas', async () => {
    const wb = await loadXlsx(join(outDir, 'phu-luc-kinh-phi.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    let totalRow = 0;
    ws.eachRow((row, r) => row.eachCell((c) => (String(c.value ?? '') === 'Tổng cộng' ? (totalRow = r) : undefined)));
    expect(totalRow).toBeGreaterThan(0);
    const values = [3, 4].map((c) => numberOf(ws.getCell(totalRow, c)));
    const spent = Object.values(bgSpent2025).flat().reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(values).toEqual([2040225, spent]);
    expect(ws.getCell(totalRow, 3).formula).toBeTruthy();
  });
});
