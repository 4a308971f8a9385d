/**
 * Charts in bao-cao.docx, end to end on the shipped examples: `baocao build` of a growth round
 * puts a native chart of the sectors' contributions next to the sentence that states them, with
 * the same figures; an indicator round charts its % of plan, a plan with a group of members
 * (every commune) charts how many of them reported; `--no-charts` leaves every chart out.
 */
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNES_GROUP } from '../../scripts/examples/tmdt.js';
import { cli, docxText, loadXlsx } from './helpers.js';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'baocao-charts-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

interface ChartPart {
  readonly title: string;
  readonly categories: string[];
  readonly values: number[];
}

/** The charts of a .docx in document order (word/charts/chartN.xml), read from their XML caches. */
async function charts(docx: string): Promise<{ zip: JSZip; charts: ChartPart[] }> {
  const zip = await JSZip.loadAsync(await readFile(docx));
  const names = Object.keys(zip.files)
    .filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  const out: ChartPart[] = [];
  for (const name of names) {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    const pts = (tag: string) => [...(new RegExp(`<c:${tag}>.*?</c:${tag}>`, 's').exec(xml)?.[0] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1] ?? '');
    const title = [...(/<c:title>.*?<\/c:title>/s.exec(xml)?.[0] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
    out.push({ title, categories: pts('cat'), values: pts('val').map(Number) });
  }
  return { zip, charts: out };
}

/** "1,07" → 1.07 */
const vn = (s: string): number => Number(s.replace(/\./g, '').replace(',', '.'));

describe('a growth round (the shipped Lạng Sơn example, 6 tháng đầu năm 2026)', () => {
  const round = resolve('input/langson-tang-truong-2026/2026-H1');

  it('holds a native chart of the sectors\' contributions whose values are the report\'s, in Vietnamese names, with its workbook', async () => {
    const dir = join(out, 'h1');
    const r = await cli('build', round, '--out', dir);
    expect(r.code, r.out + r.err).toBe(0);
    const docx = join(dir, 'bao-cao.docx');
    const text = await docxText(docx);
    // The report's own sentence: "<sector> tăng …%, đóng góp X điểm phần trăm".
    const stated = [...text.matchAll(/([^:;]+?) (?:tăng|giảm) [\d,]+%, đóng góp (-?[\d,]+) điểm phần trăm/g)].map((m) => [m[1]?.trim(), vn(m[2] ?? '')]);
    expect(stated.map(([, v]) => v)).toEqual([1.07, 1.75, 3.86, 0.34]); // seed 003's published contributions
    const { zip, charts: parts } = await charts(docx);
    expect(zip.file('word/charts/chart1.xml')).not.toBeNull();
    const growth = parts[0];
    expect(growth?.values).toEqual(stated.map(([, v]) => v));
    expect(growth?.categories).toEqual(['Nông, lâm nghiệp và thủy sản', 'Công nghiệp và xây dựng', 'Dịch vụ', 'Thuế sản phẩm trừ trợ cấp sản phẩm']);
    expect(growth?.title).toContain('GRDP');

    // "Edit Data" opens this workbook: the same categories and values.
    const rels = (await zip.file('word/charts/_rels/chart1.xml.rels')?.async('string')) ?? '';
    const target = /Target="\.\.\/(embeddings\/[^"]+)"/.exec(rels)?.[1] ?? '';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file(`word/${target}`)?.async('nodebuffer')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect([2, 3, 4, 5].map((r) => ws?.getCell(r, 2).value)).toEqual(growth?.values);

    // Placed where the figures are discussed: after the GRDP paragraph, before the indicators' results.
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const at = (s: string) => xml.indexOf(s);
    expect(at('<c:chart ')).toBeGreaterThan(at('đóng góp 0,34 điểm phần trăm'));
    expect(at('<c:chart ')).toBeLessThan(at('Kết quả thực hiện các chỉ tiêu'));
    expect(text).toMatch(/Biểu đồ 1\. Đóng góp của các khu vực kinh tế vào tốc độ tăng GRDP 6 tháng đầu năm 2026/);
  });

  it('charts the indicators\' % of the year\'s plan with the figures of the report', async () => {
    const dir = join(out, 'h1');
    const text = await docxText(join(dir, 'bao-cao.docx'));
    const plan = parts(text);
    const { charts: all } = await charts(join(dir, 'bao-cao.docx'));
    const pct = all.find((c) => c.title.includes('kế hoạch năm'));
    expect(pct?.categories.length).toBeGreaterThan(1);
    expect(new Map(pct?.categories.map((c, i) => [c, pct.values[i]]))).toEqual(plan);
    expect(text).toMatch(/Biểu đồ 2\. Tỷ lệ thực hiện so với kế hoạch năm 2026 của các chỉ tiêu/);
  });

  it('--no-charts leaves every chart out', async () => {
    const dir = join(out, 'h1-no-charts');
    const r = await cli('build', round, '--out', dir, '--no-charts');
    expect(r.code, r.out + r.err).toBe(0);
    const { zip } = await charts(join(dir, 'bao-cao.docx'));
    expect(Object.keys(zip.files).filter((p) => p.startsWith('word/charts/') || p.startsWith('word/embeddings/'))).toEqual([]);
    const text = await docxText(join(dir, 'bao-cao.docx'));
    expect(text).not.toContain('Biểu đồ');
    expect(text).not.toContain('bieu-do');
    // The figures are all still said.
    expect(text).toContain('đóng góp 3,86 điểm phần trăm');
  });
});

/** "<name>: thực hiện …, đạt 70,43% kế hoạch năm" → name → 70.43, from the report's indicator lines. */
function parts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^- (.+?): .*?đạt ([\d.,]+)% kế hoạch năm/gm)) out.set(m[1] ?? '', vn(m[2] ?? ''));
  return out;
}

describe('a plan with a group of members (the shipped e-commerce plan, 65 communes, year 2027)', () => {
  it('charts the share of the communes that reported and the indicator counted over them', async () => {
    const dir = join(out, 'tmdt-2027');
    const r = await cli('build', resolve('input/langson-tmdt-2026-2030/2027'), '--out', dir);
    expect(r.code, r.out + r.err).toBe(0);
    // The members, from the plan workbook's "Cơ quan" sheet (column "Nhóm").
    const plan = await loadXlsx(resolve('input/langson-tmdt-2026-2030/ke-hoach.xlsx'));
    const sheet = plan.getWorksheet('Cơ quan');
    let groupCol = 0;
    let members = 0;
    sheet?.eachRow((row) => {
      row.eachCell((c, col) => {
        if (String(c.value) === 'Nhóm') groupCol = col;
      });
      if (groupCol && String(row.getCell(groupCol).value) === COMMUNES_GROUP) members++;
    });
    expect(members).toBe(65);
    const text = await docxText(join(dir, 'bao-cao.docx'));
    const missingLine = /chưa gửi báo cáo: ([^\n]+)\./.exec(text)?.[1] ?? '';
    const missingCommunes = missingLine.split('; ').filter((n) => /^UBND (xã|phường)/.test(n)).length;
    expect(missingCommunes).toBe(3);
    const coverage = /Tỷ lệ xã, phường có thương nhân bán hàng hóa, cung ứng dịch vụ trực tuyến: (?:năm \d{4} )?(?:thực hiện|đạt) ([\d,]+)%/.exec(text)?.[1];
    expect(coverage).toBeDefined();

    const { charts: all } = await charts(join(dir, 'bao-cao.docx'));
    const group = all.find((c) => c.title.startsWith(COMMUNES_GROUP));
    expect(group?.categories).toEqual(['Đã gửi báo cáo', 'Tỷ lệ xã, phường có thương nhân bán hàng hóa, cung ứng dịch vụ trực tuyến']);
    expect(group?.values).toEqual([Math.round(((members - missingCommunes) / members) * 10000) / 100, vn(coverage ?? '')]);
    expect(text).toContain(`đã gửi báo cáo (${members - missingCommunes}/${members})`);
    // The multi-year targets: one bar per indicator judged against its path.
    const path = all.find((c) => c.title.startsWith('Mức đạt so với lộ trình năm 2027'));
    expect(path?.categories).toContain('Tỷ lệ sản phẩm trong TMĐT sử dụng bao bì nhựa');
  });
});
