import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/findings.js';
import { DETAIL_HEADERS, FINDINGS_SHEETS, SUMMARY_HEADERS, renderFindingsXlsx } from '../../src/render/xlsx/findings.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const findings: Finding[] = [
  finding({ file: '01-so-ngoai-vu.xlsx', sheet: 'Nhiệm vụ', cell: 'E5', code: 'task_result_missing', message: 'Nhiệm vụ 1.1 chưa ghi kết quả thực hiện.' }),
  finding({ file: '01-so-ngoai-vu.xlsx', sheet: 'Kinh phí', cell: 'D7', code: 'value_not_number', message: 'Ô D7 "Số lượng" ghi "bốn", không phải số.' }),
  finding({ file: '02-so-van-hoa.xlsx', sheet: 'Kinh phí', cell: 'F6', code: 'amount_mismatch', message: 'Thành tiền 500 khác Số lượng × Định mức = 520.' }),
];
const summary = {
  title: 'KẾT QUẢ KIỂM TRA CÁC TỆP BÁO CÁO NĂM 2025',
  rows: [
    { file: '01-so-ngoai-vu.xlsx', agency: 'Sở Ngoại vụ', status: 'Có lỗi, không tổng hợp', errors: 1, warnings: 1 },
    { file: '02-so-van-hoa.xlsx', agency: 'Sở Văn hóa, Thể thao và Du lịch', status: 'Có lỗi, không tổng hợp', errors: 1, warnings: 0 },
    { file: '03-cong-an-tinh.xlsx', agency: 'Công an tỉnh', status: 'Đã tổng hợp', errors: 0, warnings: 0 },
  ],
};

describe('renderFindingsXlsx', () => {
  it('writes the summary sheet first, with the totals in the title block and one row per file', async () => {
    const wb = await load(await renderFindingsXlsx(findings, summary));
    expect(wb.worksheets.map((w) => w.name)).toEqual([FINDINGS_SHEETS.summary, FINDINGS_SHEETS.details]);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(summary.title);
    expect(ws.getCell('A2').value).toBe('Tổng số tệp: 3; lỗi: 2; cảnh báo: 1.');
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual([...SUMMARY_HEADERS]);
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(6, c).value)).toEqual(['01-so-ngoai-vu.xlsx', 'Sở Ngoại vụ', 'Có lỗi, không tổng hợp', 1, 1]);
    expect(ws.getCell(8, 1).value).toBe('03-cong-an-tinh.xlsx');
  });

  it('lists one row per finding under one header row, severity in Vietnamese and coloured', async () => {
    const wb = await load(await renderFindingsXlsx(findings, summary));
    const ws = wb.getWorksheet(FINDINGS_SHEETS.details)!;
    expect(ws.actualRowCount).toBe(findings.length + 1);
    expect(DETAIL_HEADERS.map((_, i) => ws.getCell(1, i + 1).value)).toEqual([
      'STT', 'Tệp', 'Sheet', 'Ô', 'Mức độ', 'Mã', 'Nội dung', 'Cách xử lý',
    ]);
    const severities = [2, 3, 4].map((r) => ws.getCell(r, 5).value);
    expect(severities.sort()).toEqual(['Cảnh báo', 'Lỗi', 'Lỗi']);
    for (let r = 2; r <= 4; r++) {
      const sev = ws.getCell(r, 5).value;
      expect(ws.getCell(r, 7).font?.color?.argb).toBe(sev === 'Lỗi' ? 'FFC00000' : 'FFC65911');
    }
    // Sorted by file, sheet, then cell; the hint is shown beside the message.
    expect([2, 3, 4].map((r) => ws.getCell(r, 4).value)).toEqual(['D7', 'E5', 'F6']);
    expect(ws.getCell(2, 8).value).toContain('Nhập một số');
    expect(ws.getCell(2, 1).value).toBe(1);
  });

  it('freezes and filters the header row of the detail sheet', async () => {
    const wb = await load(await renderFindingsXlsx(findings, summary));
    const ws = wb.getWorksheet(FINDINGS_SHEETS.details)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  it('still writes both sheets when there is nothing to report', async () => {
    const wb = await load(await renderFindingsXlsx([], { title: 'KẾT QUẢ KIỂM TRA', rows: [] }));
    expect(wb.worksheets[0]!.getCell('A2').value).toBe('Tổng số tệp: 0; lỗi: 0; cảnh báo: 0.');
    expect(wb.getWorksheet(FINDINGS_SHEETS.details)!.actualRowCount).toBe(1);
  });
});
