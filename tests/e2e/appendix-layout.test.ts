/**
 * A plan with its own appendix layout (issue 14): input/<plan>/mau/phu-luc-kinh-phi.xlsx, edited
 * in Excel (here: with exceljs, from the shipped layout), gives that plan's appendix its title
 * font, column width, header text, number format and orientation — and the Word copy of the
 * appendix its texts; another plan keeps the default layout. A layout with mistakes stops the
 * build with exit 2, every mistake named with its cell, and nothing written.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLayout, SHIPPED, type SheetDraft } from '../../scripts/appendix-layouts.js';
import { cli, docxText, loadXlsx } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';
import { LIBREOFFICE_INSTALL_HINT, convertWithLibreOffice, findSoffice } from '../helpers/libreoffice.js';
import { summariseWorkbook, type Json } from '../fixtures/appendix-summary.js';
import { checkAppendixLayout } from '../../src/render/index.js';

let env: ExampleCopy;
/** A second plan, the same example under another folder: it has no layout of its own. */
let otherDir: string;
const OTHER = 'bacgiang-ban-sao';

beforeAll(async () => {
  env = await copyExample();
  otherDir = join(env.root, 'input', OTHER);
  await cp(env.planDir, otherDir, { recursive: true });
});
afterAll(async () => {
  await env.cleanup();
});

/** The shipped kinh-phi layout (1 label, 2 title, 3 subtitle, 4 unit line, 5 header, 6 group, 7 item, 8 total), changed by `edit`. */
async function editedLayout(edit: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(resolve('templates', 'phu-luc-kinh-phi.xlsx'))) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  edit(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function putLayout(bytes: Uint8Array): Promise<void> {
  await mkdir(join(env.planDir, 'mau'), { recursive: true });
  await writeFile(join(env.planDir, 'mau', 'phu-luc-kinh-phi.xlsx'), bytes);
}

function sheetOf(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

/** Rows of the data, by what their STT cell holds: I, II… group rows; 1, 2… item rows. */
function rowWith(ws: ExcelJS.Worksheet, stt: string, after = 5): number {
  for (let r = after + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === stt) return r;
  throw new Error(`no row ${stt}`);
}

describe("a plan's own appendix layout", () => {
  it('gives its appendix the title font, column width, header text, number format and orientation of the layout; the other plan keeps the default', async () => {
    await putLayout(
      await editedLayout((ws) => {
        ws.getCell('A2').font = { name: 'Times New Roman', size: 16, bold: true, color: { argb: 'FFC00000' } };
        ws.getColumn(2).width = 60;
        ws.getCell('B5').value = 'Đơn vị thực hiện / Nội dung chi';
        ws.getCell('C7').numFmt = '#,##0.00';
        ws.pageSetup.orientation = 'portrait';
      }),
    );
    const out = join(env.root, 'out-own');
    const r = await cli('build', join(env.root, 'input'), '--out', out);
    expect(r.code, r.out + r.err).toBeLessThan(2);

    const own = sheetOf(await loadXlsx(join(out, 'bacgiang-namninh-2025-2028', '2025', 'phu-luc-kinh-phi.xlsx')));
    expect(own.getCell('A2').value).toBe('TÌNH HÌNH THỰC HIỆN DỰ TOÁN KINH PHÍ NĂM 2025');
    expect(own.getCell('A2').font).toMatchObject({ size: 16, bold: true, color: { argb: 'FFC00000' } });
    expect(own.getColumn(2).width).toBe(60);
    expect(own.getCell('B5').value).toBe('Đơn vị thực hiện / Nội dung chi');
    // Every item row's estimate shows two decimals; the group and total rows keep theirs.
    const item = rowWith(own, '1');
    const group = rowWith(own, 'I');
    expect(own.getCell(item, 3).numFmt).toBe('#,##0.00');
    expect(own.getCell(rowWith(own, '2'), 3).numFmt).toBe('#,##0.00');
    expect(own.getCell(group, 3).numFmt).toBe('#,##0;-#,##0;"-"');
    expect(own.getCell(group, 3).formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(own.pageSetup.orientation).toBe('portrait');
    // The Word copy of the appendix, in the report, takes its header from the same layout.
    const report = await docxText(join(out, 'bacgiang-namninh-2025-2028', '2025', 'bao-cao.docx'));
    expect(report).toContain('Đơn vị thực hiện / Nội dung chi');
    expect(report).not.toContain('Cơ quan, đơn vị / Nội dung');

    const other = sheetOf(await loadXlsx(join(out, OTHER, '2025', 'phu-luc-kinh-phi.xlsx')));
    expect(other.getCell('A2').font).toMatchObject({ size: 13, bold: true });
    expect(other.getCell('A2').font?.color).toBeUndefined();
    expect(other.getCell('B5').value).toBe('Cơ quan, đơn vị / Nội dung');
    expect(other.getColumn(2).width).not.toBe(60);
    expect(other.getCell(rowWith(other, '1'), 3).numFmt).toBe('#,##0;-#,##0;"-"');
    expect(other.pageSetup.orientation).toBe('landscape');
    expect(await docxText(join(out, OTHER, '2025', 'bao-cao.docx'))).toContain('Cơ quan, đơn vị / Nội dung');
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 120_000);

  it('reorders and leaves out columns and sets the total row label, in the workbook and in the Word report alike', async () => {
    const draft = SHIPPED['kinh-phi'][0] as SheetDraft;
    await putLayout(await makeLayout('kinh-phi', [{ ...draft, columns: ['stt', 'noi_dung', 'da_thuc_hien', 'du_toan', 'ghi_chu'], totalTexts: { noi_dung: 'TỔNG SỐ' } }]));
    const out = join(env.root, 'out-order');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code, r.out + r.err).toBeLessThan(2);
    const ws = sheetOf(await loadXlsx(join(out, 'phu-luc-kinh-phi.xlsx')));
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual(['STT', 'Cơ quan, đơn vị / Nội dung', 'Đã thực hiện năm 2025', 'Dự toán năm 2025', 'Ghi chú']);
    expect(ws.getCell(5, 6).value).toBeNull();
    // Live sums follow their columns; the merged title rows span the five columns.
    let total = 0;
    for (let row = 6; row <= ws.rowCount; row++) if (ws.getCell(row, 2).value === 'TỔNG SỐ') total = row;
    expect(total).toBeGreaterThan(0);
    expect(ws.getCell(total, 3).formula).toMatch(/^SUM\(C/);
    expect(ws.getCell(total, 4).formula).toMatch(/^SUM\(D/);
    expect((ws.model as unknown as { merges: string[] }).merges).toContain('A2:E2');
    const report = await docxText(join(out, 'bao-cao.docx'));
    expect(report).toContain('TỔNG SỐ');
    expect(report).not.toContain('Tỷ lệ thực hiện (%)');
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 120_000);

  it('with mistakes: exit 2, every mistake with its sheet and cell, and nothing written', async () => {
    await putLayout(
      await editedLayout((ws) => {
        ws.getCell('A2').value = 'TÌNH HÌNH THỰC HIỆN NĂM {{nam_bao_cao}}';
        ws.getCell('C7').value = '{{so_tien}}';
        ws.getCell('G8').value = null;
      }),
    );
    const out = join(env.root, 'out-bad');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code).toBe(2);
    const said = `${r.out}\n${r.err}`;
    const file = 'bacgiang-namninh-2025-2028/mau/phu-luc-kinh-phi.xlsx';
    expect(said).toContain(`Mẫu phụ lục "${file}" có 3 lỗi`);
    expect(said).toContain(`${file}, trang "Kinh phí", ô A2: Trường "nam_bao_cao" không có trong dữ liệu`);
    expect(said).toContain(`${file}, trang "Kinh phí", ô C7: không có cột "{{so_tien}}" trong bảng này`);
    expect(said).toContain(`${file}, trang "Kinh phí", ô A8: thiếu dòng mẫu "[dòng tổng]"`);
    const written = await readdir(out).catch(() => [] as string[]);
    expect(written).not.toContain('phu-luc-kinh-phi.xlsx');
    expect(written).not.toContain('bao-cao.docx');
    expect(written).not.toContain('phu-luc-nhiem-vu.xlsx');
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 60_000);

  it('a layout file that is not a workbook: exit 2 naming it, never a crash', async () => {
    await putLayout(new TextEncoder().encode('không phải tệp Excel'));
    const r = await cli('build', join(env.planDir, '2025'), '--out', join(env.root, 'out-broken'));
    expect(r.code).toBe(2);
    expect(`${r.out}\n${r.err}`).toMatch(/bacgiang-namninh-2025-2028\/mau\/phu-luc-kinh-phi\.xlsx: tệp không phải bảng tính Excel \.xlsx \(hoặc bị hỏng\)/);
    // The estimate round does not use the kinh-phi layout: it still builds.
    const est = await cli('build', join(env.planDir, 'du-toan'), '--out', join(env.root, 'out-est'));
    expect(est.code, est.out + est.err).toBeLessThan(2);
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 60_000);
});

const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
if (soffice === null && !onCi) console.warn(`\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua kiểm tra mẫu phụ lục lưu lại bằng LibreOffice Calc. Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`);

/** What a layout decides of an appendix's content and print: values, merges, widths, heights, repeated rows. */
function shape(summary: Json): Json {
  const sheets = (summary as { sheets: Record<string, Json>[] }).sheets;
  return sheets.map((s) => {
    const rows = s['rows'] as Record<string, { cells: Record<string, [Json, number]>; height?: number }>;
    const ps = s['pageSetup'] as Record<string, Json>;
    return {
      name: s['name'] ?? null,
      widths: (s['columns'] as { width?: number }[]).map((c) => c.width ?? null),
      merges: s['merges'] ?? null,
      rows: Object.fromEntries(Object.entries(rows).map(([r, row]) => [r, { height: row.height ?? null, values: Object.fromEntries(Object.entries(row.cells).map(([a, c]) => [a, c[0]])) }])),
      print: { orientation: ps['orientation'] ?? null, fitToPage: ps['fitToPage'] ?? null, fitToWidth: ps['fitToWidth'] ?? null, titles: ps['printTitlesRow'] ?? null, paper: ps['paperSize'] ?? null },
    };
  });
}

describe('a layout saved again by LibreOffice Calc', () => {
  it.runIf(onCi)('finds soffice on CI', () => {
    expect(soffice, `LibreOffice is required on CI. Install: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });

  it.skipIf(soffice === null)('still reads without a problem and gives the same appendix', async () => {
    const work = join(env.root, 'lo');
    await mkdir(work, { recursive: true });
    await cp(resolve('templates', 'phu-luc-kinh-phi.xlsx'), join(work, 'phu-luc-kinh-phi.xlsx'));
    // LibreOffice writes its own XML: every row of merged cells marked as a custom height, "true" for "1".
    const saved = await convertWithLibreOffice(join(work, 'phu-luc-kinh-phi.xlsx'), join(work, 'lo-out'), 'xlsx');
    const bytes = await readFile(saved);
    expect(await checkAppendixLayout('mau/phu-luc-kinh-phi.xlsx', bytes)).toEqual([]);
    const plain = await cli('build', join(env.planDir, '2025'), '--out', join(env.root, 'out-default'));
    expect(plain.code).toBeLessThan(2);
    await putLayout(bytes);
    const r = await cli('build', join(env.planDir, '2025'), '--out', join(env.root, 'out-lo'));
    expect(r.code, r.out + r.err).toBeLessThan(2);
    const before = await summariseWorkbook(await readFile(join(env.root, 'out-default', 'phu-luc-kinh-phi.xlsx')));
    const after = await summariseWorkbook(await readFile(join(env.root, 'out-lo', 'phu-luc-kinh-phi.xlsx')));
    expect(shape(after)).toEqual(shape(before));
    const ws = sheetOf(await loadXlsx(join(env.root, 'out-lo', 'phu-luc-kinh-phi.xlsx')));
    expect(ws.headerFooter.differentFirst).toBe(true);
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 120_000);
});
