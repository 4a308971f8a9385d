/**
 * Appendix body rows are written as XML text (render/xlsx/fast-rows.ts) because exceljs takes
 * ~0,25 s for a 1.000-agency appendix: the workbook must be exactly the one exceljs writes for the
 * same rows, part by part (docProps/core.xml holds the time it was written).
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { makeLayout, SHIPPED, type SheetDraft } from '../../scripts/appendix-layouts.js';
import type { AppendixTable, TableColumn, TableRow } from '../../src/model/document.js';
import type { OutputCache } from '../../src/render/outputs.js';
import { renderTablesXlsx } from '../../src/render/xlsx/table.js';

/**
 * The du-toan layout as shipped, with a group header over its year columns, so that the tables'
 * columns are laid out through it: the layout's "nam" column repeated for pct, n and d, its
 * "don_vi_tinh" column left out.
 */
const draft = SHIPPED['du-toan'][0] as SheetDraft;
const layout = { name: 'templates/phu-luc-du-toan.xlsx', bytes: await makeLayout('du-toan', [{ ...draft, unit: 'Đơn vị tính', groups: { nam: 'Phân kỳ' } }]) };
/** The same layout, with one header row. */
const flat = { name: 'templates/phu-luc-du-toan.xlsx', bytes: await makeLayout('du-toan', [draft]) };

const columns: TableColumn[] = [
  { key: 'stt', header: 'STT', widthMm: 11, format: 'center' },
  { key: 'content', layoutName: 'noi_dung', header: 'Nội dung', widthMm: 70, format: 'text' },
  { key: 'q', layoutName: 'so_luong', header: 'Số lượng', widthMm: 14, format: 'number', optional: true },
  { key: 'rate', layoutName: 'dinh_muc', header: 'Định mức', widthMm: 16, format: 'money' },
  { key: 'amount', layoutName: 'thanh_tien', header: 'Thành tiền', widthMm: 22, format: 'money', sum: true, itemFormula: '{q}*{rate}' },
  { key: 'pct', layoutName: 'nam', header: 'Tỷ lệ', widthMm: 16, format: 'percent', decimals: 2, group: 'Phân kỳ' },
  { key: 'n', layoutName: 'nam', header: 'Số', widthMm: 12, format: 'integer', group: 'Phân kỳ' },
  { key: 'd', layoutName: 'nam', header: 'Thập phân', widthMm: 12, format: 'decimal', decimals: 1, group: 'Phân kỳ' },
  { key: 'note', layoutName: 'ghi_chu', header: 'Ghi chú', widthMm: 20, format: 'text' },
];

const rows: TableRow[] = [
  { kind: 'group', cells: { stt: 'I', content: 'Sở Văn hóa, Thể thao & Du lịch <"tỉnh"> \'x\'', amount: 2040225, pct: 95.5 } },
  { kind: 'item', cells: { stt: '1', content: 'Dòng một\nDòng hai\n', q: 1.5, rate: 2000, amount: 3000, pct: null, n: 12345, d: 7.04, note: 'STT' } },
  { kind: 'item', cells: { stt: '2', content: '', q: null, rate: null, amount: -1200, pct: 0, n: 0, d: null, note: '-' } },
  { kind: 'item', cells: { stt: '3', content: '  khoảng trắng  ', q: 4, rate: 1452702.6, amount: 5810810.4, n: 7, d: 3, note: '(Bằng chữ: năm triệu)' } },
  { kind: 'item', cells: { stt: '4', content: 'Rất dài '.repeat(40), q: 1e21, rate: 0.1 + 0.2, amount: 22006.100000000002, pct: 7.015, n: -0, d: 2.25 }, decimals: { q: 3 } },
  { kind: 'group', cells: { stt: 'II', content: 'Sở Tài chính', amount: 10 } },
  { kind: 'item', cells: { stt: '1', content: 'Nội dung', amount: 10, note: 'x' } },
  { kind: 'total', cells: { content: 'Tổng cộng', amount: 2040235, pct: 100 } },
];

const base: AppendixTable = {
  label: 'Phụ lục II',
  title: 'Tình hình thực hiện dự toán kinh phí năm 2025',
  subtitle: '(Kèm theo Báo cáo số      /BC-UBND\ncủa UBND tỉnh)',
  unitLine: 'Đơn vị tính: 1000 đồng',
  sheetName: 'Kinh phí',
  columns,
  rows,
  numberRow: ['(1)', '(2)', '(3)', '(4)', '(5)=(3)x(4)', '(6)', '(7)', '(8)', '(9)'],
  notes: ['(Bằng chữ: năm triệu)', 'Nội dung', 'Một ghi chú mới'],
};

/** Every part of the package but its dates. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir && name !== 'docProps/core.xml') out[name] = await entry.async('string');
  return out;
}

const many: TableRow[] = Array.from({ length: 300 }, (_, i): TableRow => (i % 7 === 0 ? { kind: 'group', cells: { stt: `G${i}`, content: `Cơ quan ${i % 13}`, amount: i * 3 } } : { kind: 'item', cells: { stt: String(i), content: `Nội dung ${i % 17}`, rate: i * 1000.5, q: i % 3, amount: i * 1000.5 * (i % 3), pct: i / 7, note: i % 5 === 0 ? 'Phụ lục II' : null } }));

const CASES: [string, AppendixTable[], typeof layout?][] = [
  ['a table with groups, formulas, notes, a number row and grouped headers', [base]],
  ['a table without notes, subtitle or number row', [(({ numberRow: _n, ...rest }) => ({ ...rest, notes: [], subtitle: ' ' }))(base)]],
  ['two tables and a detail sheet sharing their texts', [base, { ...base, label: 'Phụ lục III', sheetName: 'Kinh phí', detail: (({ notes: _x, ...rest }) => ({ ...rest, label: '', sheetName: 'Chi tiết', rows: rows.slice(1, 5) }))(base) }]],
  ['a large table (many rows, few styles)', [{ ...base, rows: many, notes: ['Cơ quan 3'] }]],
  ['a table too short to hold the placeholders', [{ ...base, rows: rows.slice(0, 1) }]],
  ['a table without rows', [{ ...base, rows: [] }]],
  ['text holding a control character (left to exceljs)', [{ ...base, rows: [...rows, { kind: 'item', cells: { stt: '9', content: 'ký tự\u0001lạ' } }] }]],
  ['a title holding a control character', [{ ...base, title: 'Tiêu đề\u0007' }]],
  ['a layout with one header row', [{ ...base, columns: columns.map(({ group: _g, ...c }) => c) }], flat],
];

describe('a workbook rendered again with what it kept (warm engine)', () => {
  it('gives the parts of a fresh rendering, after a figure, a text and the number of rows changed', async () => {
    const cache: OutputCache = { pieces: new Map() };
    const tables = (k: number): AppendixTable[] => [{ ...base, rows: many.map((r, i) => (i === 100 ? { ...r, cells: { ...r.cells, amount: k, content: `Sửa lần ${k}` } } : r)).slice(0, 300 - k) }];
    for (const k of [0, 1, 2, 2, 5]) {
      const warm = await parts(await renderTablesXlsx(tables(k), layout, { cache }));
      const cold = await parts(await renderTablesXlsx(tables(k), layout));
      expect(warm).toEqual(cold);
    }
    expect(cache.skeleton).toBeDefined();
  });
});

describe('xlsx body rows written as XML text', () => {
  for (const [name, tables, with_ = layout] of CASES) {
    it(`gives exactly exceljs's workbook: ${name}`, async () => {
      const fast = await parts(await renderTablesXlsx(tables, with_));
      const slow = await parts(await renderTablesXlsx(tables, with_, { exceljsRows: true }));
      expect(Object.keys(fast).sort()).toEqual(Object.keys(slow).sort());
      for (const part of Object.keys(slow)) expect(fast[part], part).toBe(slow[part]);
    });
  }
});
