/**
 * Tables that fit the page (issue 13): measured Times New Roman text, columns no row uses left
 * out (the column-number row kept in step), "-" for absent figures, widths from the content,
 * and a long list of members' results summarised.
 */
import { describe, expect, it } from 'vitest';
import type { AppendixTable, TableColumn, TableRow } from '../../src/model/document.js';
import type { AgencyResult } from '../../src/model/report.js';
import { excelCellFormat, formatCell } from '../../src/render/cells.js';
import { longestWordPt, textWidthPt, wrappedLines } from '../../src/render/measure.js';
import { columnNeed, dropUnusedColumns, finishTable, fitColumnWidths, markAbsentFigures } from '../../src/render/table-layout.js';
import { detailNoun, summariseResults } from '../../src/render/task-results.js';

describe('Times New Roman measurements', () => {
  it.each([
    // Adobe Times metrics: "STT" bold = 556 + 667 + 667 thousandths of an em.
    ['STT', 12, true, (1890 / 1000) * 12],
    ['0000', 10, false, 20],
    // A Vietnamese letter is as wide as its base letter: "hoạch" = "hoach".
    ['hoạch', 12, false, textWidthPt('hoach', 12)],
    ['Ế', 14, true, textWidthPt('E', 14, true)],
  ] as const)('%s at %d pt (bold %s) is %d pt wide', (text, size, bold, expected) => {
    expect(textWidthPt(text, size, bold)).toBeCloseTo(expected, 6);
  });

  it('gives ơ and ư their horn', () => {
    expect(textWidthPt('ư', 12)).toBeGreaterThan(textWidthPt('u', 12));
    expect(textWidthPt('ờ', 12)).toBe(textWidthPt('ơ', 12));
  });

  it.each([
    ['one two three', 1000, 1],
    ['one two three', 50, 2],
    ['one\ntwo', 1000, 2],
    ['', 100, 1],
  ] as const)('wraps %j in %d pt into %d lines', (text, width, lines) => {
    expect(wrappedLines(text, width, 12)).toBe(lines);
  });

  it('breaks a word wider than the box into as many lines as it needs', () => {
    const word = 'a'.repeat(40);
    const w = textWidthPt(word, 12);
    expect(wrappedLines(word, w / 3 + 1, 12)).toBe(3);
  });

  it('finds the widest word', () => {
    expect(longestWordPt('ST T website hoạch', 12)).toBe(textWidthPt('website', 12));
  });
});

describe('cells: zero and absent figures as "-", decimals as the figure needs', () => {
  const number: Pick<TableColumn, 'format' | 'decimals'> = { format: 'number' };
  const percent: Pick<TableColumn, 'format' | 'decimals'> = { format: 'percent', decimals: 2 };
  it.each([
    [22006.100000000002, number, undefined, '22.006,1', '#,##0.0;-#,##0.0;"-"'],
    [5430, number, undefined, '5.430', '#,##0;-#,##0;"-"'],
    [6383, number, 1, '6.383,0', '#,##0.0;-#,##0.0;"-"'],
    [55.5985267, number, undefined, '55,60', '#,##0.00;-#,##0.00;"-"'],
    [0, number, undefined, '-', '#,##0;-#,##0;"-"'],
    [-0.893724494, percent, undefined, '-0,89', '#,##0.00;-#,##0.00;"-"'],
    [0.001, percent, undefined, '-', '#,##0.00;-#,##0.00;"-"'],
  ] as const)('%s → "%s" in Word, %s in Excel', (value, column, fixed, word, excel) => {
    expect(formatCell(value, column, fixed)).toBe(word);
    expect(excelCellFormat(value, column, fixed)).toBe(excel);
  });
});

const col = (key: string, header: string, format: TableColumn['format'], optional = false): TableColumn => ({
  key,
  header,
  widthMm: 20,
  format,
  ...(optional ? { optional: true } : {}),
});

function indicatorTable(): AppendixTable {
  const columns = [
    col('stt', 'STT', 'center'),
    col('name', 'Chỉ tiêu', 'text'),
    col('plan', 'Kế hoạch năm 2026', 'number', true),
    col('actual', 'Thực hiện năm 2026', 'number'),
    col('ytd', 'Lũy kế từ đầu năm', 'number', true),
    col('scenario', 'Kịch bản', 'number', true),
    col('gap', 'Chênh lệch so với kịch bản', 'number', true),
  ];
  const rows: TableRow[] = [
    { kind: 'group', cells: { stt: 'I', name: 'Môi trường cạnh tranh' } },
    { kind: 'item', cells: { stt: '1', name: 'Website TMĐT bán hàng đã thông báo trên địa bàn tỉnh', plan: null, actual: 118, ytd: null, scenario: null, gap: null } },
    { kind: 'item', cells: { stt: '2', name: 'Doanh nghiệp đang hoạt động', plan: 5000, actual: null, ytd: null, scenario: null, gap: null } },
  ];
  return {
    label: 'Phụ lục I',
    title: 'Kết quả',
    subtitle: '',
    columns,
    rows,
    numberRow: ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)=(4)-(6)'],
    sheetName: 'Chỉ tiêu',
  };
}

describe('columns no row uses', () => {
  it('leaves out the optional columns without a value in any item row, keeping the others', () => {
    const t = dropUnusedColumns(indicatorTable());
    expect(t.columns.map((c) => c.key)).toEqual(['stt', 'name', 'plan', 'actual']);
  });

  it('keeps the column-number row in step: entries of dropped columns go, positions are renumbered', () => {
    const base = indicatorTable();
    const withYtd: AppendixTable = { ...base, rows: [...base.rows, { kind: 'item', cells: { stt: '3', name: 'x', ytd: 5 } }] };
    // Columns 1–5 stay; 6 (scenario) and 7 (gap) go.
    expect(dropUnusedColumns(withYtd).numberRow).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)']);
    // A formula naming kept columns is renumbered with them.
    const t: AppendixTable = {
      ...base,
      columns: [col('a', 'A', 'number'), col('skip', 'B', 'number', true), col('b', 'C', 'number'), col('c', 'D', 'number')],
      rows: [{ kind: 'item', cells: { a: 1, b: 2, c: 3 } }],
      numberRow: ['(1)', '(2)', '(3)', '(4)=(1)x(3)'],
    };
    const out = dropUnusedColumns(t);
    expect(out.columns.map((c) => c.header)).toEqual(['A', 'C', 'D']);
    expect(out.numberRow).toEqual(['(1)', '(2)', '(3)=(1)x(2)']);
  });

  it('writes "-" where an item row has no figure, never in group rows or text columns', () => {
    const t = markAbsentFigures(dropUnusedColumns(indicatorTable()));
    expect(t.rows[1]?.cells).toMatchObject({ plan: '-', actual: 118 });
    expect(t.rows[2]?.cells).toMatchObject({ plan: 5000, actual: '-' });
    expect(t.rows[0]?.cells['plan']).toBeUndefined();
  });
});

describe('column widths from the content', () => {
  it('fills the width exactly and gives every column at least its widest word', () => {
    const t = finishTable(indicatorTable(), 262);
    const total = t.columns.reduce((a, c) => a + c.widthMm, 0);
    expect(total).toBeCloseTo(262, 0);
    for (const c of t.columns) expect(c.widthMm, c.header).toBeGreaterThanOrEqual(columnNeed(c, t.rows).min - 0.1);
    // "STT" in bold never breaks: its column is wider than the word plus the cell margins.
    const stt = t.columns.find((c) => c.key === 'stt');
    expect(stt?.widthMm).toBeGreaterThan((textWidthPt('STT', 12, true) / 72) * 25.4 + 2.4);
    // The text column takes the room the figures do not need.
    const name = t.columns.find((c) => c.key === 'name');
    expect(name?.widthMm).toBeGreaterThan(100);
  });

  it('measures a large table in chunks kept by content, with the same result as measuring it whole', () => {
    const columns: TableColumn[] = [
      { key: 'name', header: 'Cơ quan, đơn vị / Nội dung', widthMm: 60, format: 'text' },
      { key: 'amount', header: 'Dự toán', widthMm: 20, format: 'money' },
      { key: 'rate', header: 'Tỷ lệ (%)', widthMm: 15, format: 'percent', decimals: 2 },
      { key: 'state', header: 'Tình trạng', widthMm: 25, format: 'center' },
    ];
    const rows = (changed: number): TableRow[] =>
      Array.from({ length: 300 }, (_, i) => ({
        kind: i % 9 === 0 ? 'group' : 'item',
        cells: { name: `Nội dung chi số ${i} ${'dài '.repeat(i % 23)}`, amount: i === changed ? 123_456_789_012 : i * 1234.5, rate: i / 3, state: i % 4 === 0 ? 'Có nguy cơ không đạt' : 'Đạt' },
      }));
    for (const changed of [-1, 150, 299, -1]) {
      const table: AppendixTable = { label: 'Phụ lục I', title: 'BẢNG', subtitle: '', sheetName: 'x', columns, rows: rows(changed) };
      // finishTable measures in kept chunks; columnNeed without keys measures every row.
      const fitted = finishTable(table, 262);
      const whole = fitColumnWidths(columns.map((c) => columnNeed(c, table.rows)), 262, columns.map((c) => c.format === 'text'));
      expect(fitted.columns.map((c) => c.widthMm)).toEqual(whole.map((w) => Math.round(w * 10) / 10));
    }
  });

  it.each([
    // [min, natural, header, wide] per column, total → widths
    [[{ min: 10, natural: 10, header: 10, wide: 10 }, { min: 20, natural: 80, header: 80, wide: 120 }], 100, [false, false], [10, 90]],
    [[{ min: 10, natural: 20, header: 20, wide: 20 }, { min: 30, natural: 90, header: 90, wide: 150 }], 100, [false, true], [20, 80]],
    [[{ min: 60, natural: 60, header: 60, wide: 60 }, { min: 60, natural: 60, header: 60, wide: 60 }], 100, [false, true], [50, 50]],
  ])('fits %j into %d mm', (needs, total, text, expected) => {
    const widths = fitColumnWidths(needs, total, text);
    widths.forEach((w, i) => expect(w).toBeCloseTo(expected[i] ?? 0, 6));
  });
});

describe('a long list of members\' results said in a few lines', () => {
  const result = (code: string, name: string, text: string, status: AgencyResult['status'] = 'Đang thực hiện'): AgencyResult => ({ agencyCode: code, agencyName: name, role: 'lead', status, text });

  it.each([
    ['UBND các xã, phường', 'xã, phường'],
    ['Các sở, ngành', 'sở, ngành'],
    [null, 'cơ quan, đơn vị'],
  ])('names the members of %j "%s"', (group, noun) => {
    expect(detailNoun(group)).toBe(noun);
  });

  it('counts who reported, their statuses, and says once what many said alike (xã and phường as one)', () => {
    const results = [
      result('P1', 'UBND phường Đông Kinh', 'Ban hành Kế hoạch triển khai trên địa bàn phường; tổ chức 1 lớp tập huấn cho 37 lượt.'),
      result('X1', 'UBND xã Thất Khê', 'Ban hành Kế hoạch triển khai trên địa bàn xã; tổ chức 1 lớp tập huấn cho 11 lượt.', 'Hoàn thành'),
      result('X2', 'UBND xã Đoàn Kết', 'Ban hành Kế hoạch triển khai trên địa bàn xã; tổ chức 2 lớp tập huấn cho 4 lượt.'),
      result('X3', 'UBND xã Tân Tiến', 'Chưa ban hành kế hoạch.', 'Chưa thực hiện'),
    ];
    expect(summariseResults(results, { noun: 'xã, phường', of: 65 })).toEqual([
      '4/65 xã, phường đã báo cáo (hoàn thành: 1; đang thực hiện: 2; chưa thực hiện: 1).',
      '- 3/65 xã, phường: Ban hành Kế hoạch triển khai trên địa bàn xã, phường.',
    ]);
  });

  it('says nothing shared when every member wrote something different', () => {
    const results = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => result(k, `UBND xã ${k}`, `Tổ chức ${i + 1} lớp tập huấn cho ${i * 7} lượt`));
    expect(summariseResults(results, { noun: 'xã, phường', of: null })).toEqual(['7 xã, phường đã báo cáo (đang thực hiện: 7).']);
  });
});
