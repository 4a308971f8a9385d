import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeLayout, SHIPPED, type SheetDraft } from '../../scripts/appendix-layouts.js';
import type { AppendixTable, TableColumn, TableRow } from '../../src/model/document.js';
import { renderTablesXlsx } from '../../src/render/xlsx/table.js';

/**
 * The du-toan layout as shipped, with its year columns under a group header ("Phân kỳ theo
 * năm"): two header rows. The tables below have no texts of their own for the layout's rows, so
 * their label, title, subtitle, unit line and notes go to its title and note rows in order.
 */
const draft = SHIPPED['du-toan'][0] as SheetDraft;
const layout = { name: 'templates/phu-luc-du-toan.xlsx', bytes: await makeLayout('du-toan', [{ ...draft, unit: 'Đơn vị tính', groups: { nam: 'Phân kỳ theo năm' } }]) };
/** The same with one header row. */
const flatLayout = { name: 'templates/phu-luc-du-toan.xlsx', bytes: await makeLayout('du-toan', [{ ...draft, unit: 'Đơn vị tính' }]) };

/** A budget appendix shaped like the seed plan's: two agencies (group rows), items, a total row. */
function sampleTable(): AppendixTable {
  const columns: TableColumn[] = [
    { key: 'stt', header: 'STT', widthMm: 12, format: 'center' },
    { key: 'content', layoutName: 'noi_dung', header: 'Nội dung', widthMm: 80, format: 'text' },
    { key: 'unit', layoutName: 'don_vi_tinh', header: 'Đơn vị tính', widthMm: 18, format: 'center' },
    { key: 'quantity', layoutName: 'so_luong', header: 'Số lượng', widthMm: 16, format: 'integer' },
    { key: 'rate', layoutName: 'dinh_muc', header: 'Định mức (1000 đồng)', widthMm: 22, format: 'money' },
    { key: 'amount', layoutName: 'thanh_tien', header: 'Thành tiền (1000 đồng)', widthMm: 24, format: 'money', sum: true, itemFormula: '{quantity}*{rate}' },
    { key: 'y2025', layoutName: 'nam', header: 'Năm 2025', group: 'Phân kỳ theo năm', widthMm: 20, format: 'money', sum: true },
    { key: 'y2026', layoutName: 'nam', header: 'Năm 2026', group: 'Phân kỳ theo năm', widthMm: 20, format: 'money', sum: true },
    { key: 'note', layoutName: 'ghi_chu', header: 'Ghi chú', widthMm: 20, format: 'text' },
  ];
  const item = (stt: string, content: string, q: number | null, r: number | null, a: number, y1: number, y2: number): TableRow => ({
    kind: 'item',
    cells: { stt, content, unit: 'đoàn', quantity: q, rate: r, amount: a, y2025: y1, y2026: y2, note: null },
  });
  const group = (stt: string, content: string, a: number, y1: number, y2: number): TableRow => ({
    kind: 'group',
    cells: { stt, content, unit: null, quantity: null, rate: null, amount: a, y2025: y1, y2026: y2, note: null },
  });
  const rows: TableRow[] = [
    group('I', 'Sở Ngoại vụ', 1493100, 373275, 373275),
    item('1', 'Đoàn ra của Lãnh đạo tỉnh tới Thành phố Nam Ninh tham dự Hội chợ Triển lãm Trung Quốc - ASEAN (hàng năm)', 4, 177875, 711500, 177875, 177875),
    item('2', 'Đoàn vào của Lãnh đạo và các cơ quan chuyên môn của tỉnh Quảng Tây và thành phố Nam Ninh (hàng năm)', 4, 195400, 781600, 195400, 195400),
    group('II', 'Sở Nông nghiệp và Phát triển nông thôn', 90750, 90750, 0),
    item('1', 'Đoàn tham quan, học tập kinh nghiệm sản xuất nông, lâm nghiệp và thủy sản tại Khu tự trị dân tộc Choang Quảng Tây', 1, 90750, 90750, 90750, 0),
    { kind: 'total', cells: { stt: null, content: 'TỔNG CỘNG', unit: null, quantity: null, rate: null, amount: 1583850, y2025: 464025, y2026: 373275, note: null } },
  ];
  return {
    label: 'PHỤ LỤC',
    title: 'Bảng tổng hợp dự toán kinh phí chi tiết',
    subtitle: '(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 01 năm 2025\ncủa UBND tỉnh Bắc Giang)',
    unitLine: 'Đơn vị tính: 1000 đồng',
    columns,
    rows,
    numberRow: ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)=(4)x(5)', '(7)', '(8)', '(9)'],
    notes: ['(Bằng chữ: Một tỷ năm trăm tám mươi ba triệu tám trăm năm mươi nghìn đồng)'],
    sheetName: 'Phụ lục dự toán',
  };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return (ws.model as unknown as { merges: string[] }).merges;
}

async function renderOne(table: AppendixTable, with_ = layout): Promise<ExcelJS.Worksheet> {
  const wb = await load(await renderTablesXlsx([table], with_));
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

// Layout of sampleTable(): 1 label, 2 title, 3 subtitle, 4 unit line, 5–6 header, 7 column numbers,
// 8 group I, 9–10 items, 11 group II, 12 item, 13 total, 14 note.
const ROW = { label: 1, title: 2, subtitle: 3, unit: 4, header1: 5, header2: 6, numbers: 7, groupI: 8, groupII: 11, total: 13, note: 14 };

describe('renderTablesXlsx', () => {
  it('puts label, title and subtitle on merged, centred rows across all columns', async () => {
    const ws = await renderOne(sampleTable());
    expect(ws.name).toBe('Phụ lục dự toán');
    expect(merges(ws)).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2', 'A3:I3', 'A4:I4']));
    expect(ws.getCell('A1').value).toBe('PHỤ LỤC');
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Times New Roman', bold: true, size: 14 });
    expect(ws.getCell('A2').value).toBe('BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ CHI TIẾT');
    expect(ws.getCell('A2').alignment?.horizontal).toBe('center');
    expect(ws.getCell('A3').value).toContain('\ncủa UBND tỉnh Bắc Giang)');
    expect(ws.getCell('A3').font?.italic).toBe(true);
    expect(ws.getCell('A4').value).toBe('Đơn vị tính: 1000 đồng');
    expect(ws.getCell('A4').alignment?.horizontal).toBe('right');
  });

  it('merges a column group above its columns and single-level headers down both header rows', async () => {
    const ws = await renderOne(sampleTable());
    expect(merges(ws)).toEqual(expect.arrayContaining(['G5:H5', 'A5:A6', 'F5:F6', 'I5:I6']));
    expect(ws.getCell('G5').value).toBe('Phân kỳ theo năm');
    expect(ws.getCell('G6').value).toBe('Năm 2025');
    expect(ws.getCell('H6').value).toBe('Năm 2026');
    expect(ws.getCell('B5').font?.bold).toBe(true);
    expect(ws.getCell('A7').value).toBe('(1)');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '5:6' });
  });

  it('gives group rows live SUM formulas over their items, cached results equal to the given figures', async () => {
    const ws = await renderOne(sampleTable());
    expect(ws.getCell(ROW.groupI, 6).formula).toBe('SUM(F9:F10)');
    expect(ws.getCell(ROW.groupI, 6).result).toBe(1493100);
    expect(ws.getCell(ROW.groupI, 7).formula).toBe('SUM(G9:G10)');
    expect(ws.getCell(ROW.groupI, 7).result).toBe(373275);
    expect(ws.getCell(ROW.groupII, 6).formula).toBe('SUM(F12)');
    expect(ws.getCell(ROW.groupII, 6).result).toBe(90750);
    expect(ws.getCell(ROW.groupI, 2).font?.bold).toBe(true);
    // Columns without `sum` keep their plain values.
    expect(ws.getCell(ROW.groupI, 2).value).toBe('Sở Ngoại vụ');
  });

  it('sums the group rows in the total row, with the given total as cached result', async () => {
    const ws = await renderOne(sampleTable());
    expect(ws.getCell(ROW.total, 6).formula).toBe('SUM(F8,F11)');
    expect(ws.getCell(ROW.total, 6).result).toBe(1583850);
    expect(ws.getCell(ROW.total, 8).formula).toBe('SUM(H8,H11)');
    expect(ws.getCell(ROW.total, 8).result).toBe(373275);
    expect(ws.getCell(ROW.total, 2).font?.bold).toBe(true);
  });

  it('writes item formulas from the column template when the referenced cells are numbers', async () => {
    const ws = await renderOne(sampleTable());
    expect(ws.getCell(9, 6).formula).toBe('D9*E9');
    expect(ws.getCell(9, 6).result).toBe(711500);
    expect(ws.getCell(9, 4).value).toBe(4);
  });

  it('shows zero money as "-" through the number format instead of writing a dash', async () => {
    const ws = await renderOne(sampleTable());
    const zero = ws.getCell(12, 8);
    expect(zero.value).toBe(0);
    expect(zero.numFmt).toBe('#,##0;-#,##0;"-"');
    // The group's zero is a formula result, shown the same way.
    expect(ws.getCell(ROW.groupII, 8).formula).toBe('SUM(H12)');
    expect(ws.getCell(ROW.groupII, 8).result).toBe(0);
    expect(ws.getCell(ROW.groupII, 8).numFmt).toBe('#,##0;-#,##0;"-"');
    // Issue 13: every figure column shows zero as "-".
    expect(ws.getCell(9, 4).numFmt).toBe('#,##0;-#,##0;"-"');
  });

  it('adds notes as merged italic rows after the table', async () => {
    const ws = await renderOne(sampleTable());
    expect(ws.getCell(ROW.note, 1).value).toContain('Bằng chữ');
    expect(ws.getCell(ROW.note, 1).font?.italic).toBe(true);
    expect(merges(ws)).toContain(`A${ROW.note}:I${ROW.note}`);
  });

  it('sums all items in the total when the table has no group rows, with one header row', async () => {
    const base = sampleTable();
    const table: AppendixTable = {
      ...base,
      columns: base.columns.map(({ group: _group, ...c }) => c),
      rows: base.rows.filter((r) => r.kind !== 'group'),
      sheetName: 'Không nhóm',
    };
    delete (table as { unitLine?: string }).unitLine;
    delete (table as { numberRow?: readonly string[] }).numberRow;
    const ws = await renderOne(table, flatLayout);
    // 1 label, 2 title, 3 subtitle, 4 header, 5–7 items, 8 total.
    expect(ws.getCell(4, 1).value).toBe('STT');
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.getCell(8, 6).formula).toBe('SUM(F5:F7)');
    expect(ws.getCell(8, 6).result).toBe(1583850);
    expect(ws.getCell(8, 8).result).toBe(373275);
  });

  it('keeps sheet names unique and valid', async () => {
    const t = sampleTable();
    const wb = await load(await renderTablesXlsx([t, { ...t, sheetName: 'Phụ lục dự toán' }, { ...t, sheetName: 'A/B: [x]' }], layout));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục dự toán', 'Phụ lục dự toán (2)', 'A B x']);
  });
});
