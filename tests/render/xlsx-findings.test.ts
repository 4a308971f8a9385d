import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
      'STT', 'Tệp', 'Sheet', 'Ô', 'Mức độ', 'Loại', 'Nội dung', 'Cách xử lý', 'Mã',
    ]);
    // Issue 13: staff read a Vietnamese label; the code stays, for support, in the last column.
    expect([2, 3, 4].map((r) => ws.getCell(r, 6).value)).toEqual(['Ô số ghi chữ', 'Thiếu kết quả nhiệm vụ', 'Thành tiền không khớp']);
    expect([2, 3, 4].map((r) => ws.getCell(r, 9).value)).toEqual(['value_not_number', 'task_result_missing', 'amount_mismatch']);
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

  it('counts the files of the round, not the agencies that sent none (issue 13: "11 files" for 4)', async () => {
    const rows = [
      ...summary.rows,
      { file: '04-bao-bac-giang.xlsx', agency: 'Báo Bắc Giang', status: 'Đã tổng hợp', errors: 0, warnings: 0 },
      ...['Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Hội Nông dân tỉnh', 'Tỉnh đoàn', 'Sở Xây dựng', 'Sở Tài chính'].map((agency) => ({ file: '', agency, status: 'Chưa nộp', errors: 0, warnings: 0 })),
    ];
    const wb = await load(await renderFindingsXlsx(findings, { ...summary, rows }));
    expect(wb.worksheets[0]!.getCell('A2').value).toBe('Tổng số tệp: 4; cơ quan chưa nộp: 7; lỗi: 2; cảnh báo: 1.');
  });

  it('gives the title row the height of its wrapped text (a fixed 40 pt cut the diacritics of a three-line title)', async () => {
    const title = 'KẾT QUẢ KIỂM TRA SỐ LIỆU — THỰC HIỆN CÁC THỎA THUẬN QUỐC TẾ GIỮA UBND TỈNH BẮC GIANG VÀ THÀNH PHỐ NAM NINH, KHU TỰ TRỊ DÂN TỘC CHOANG QUẢNG TÂY, TRUNG QUỐC GIAI ĐOẠN 2025 - 2028 — NĂM 2025';
    const wb = await load(await renderFindingsXlsx(findings, { ...summary, title }));
    const short = await load(await renderFindingsXlsx(findings, summary));
    const h = wb.worksheets[0]!.getRow(1).height;
    // 14 pt bold capitals over 126 characters of width: at least three lines of ~16 pt.
    expect(h).toBeGreaterThanOrEqual(3 * 16);
    expect(short.worksheets[0]!.getRow(1).height).toBeLessThan(h);
  });

  it('still writes both sheets when there is nothing to report', async () => {
    const wb = await load(await renderFindingsXlsx([], { title: 'KẾT QUẢ KIỂM TRA', rows: [] }));
    expect(wb.worksheets[0]!.getCell('A2').value).toBe('Tổng số tệp: 0; lỗi: 0; cảnh báo: 0.');
    expect(wb.getWorksheet(FINDINGS_SHEETS.details)!.actualRowCount).toBe(1);
  });

  it('writes its rows as text exactly as exceljs writes them (a thousand files, findings of every severity, with and without hints)', async () => {
    const many: Finding[] = [];
    const rows: { file: string; agency: string; status: string; errors: number; warnings: number }[] = [];
    for (let i = 0; i < 1000; i++) {
      const file = `CQ${String(i).padStart(4, '0')} - bao cao & "tong hop" <2025>.xlsx`;
      rows.push({ file: i % 97 === 0 ? '' : file, agency: `Ủy ban nhân dân xã ${i}`, status: i % 3 === 0 ? 'Có lỗi, không tổng hợp' : 'Đã tổng hợp', errors: i % 3 === 0 ? 1 : 0, warnings: i % 5 });
      if (i % 4 === 0) {
        many.push(
          finding({ file, sheet: i % 8 === 0 ? '' : 'Kinh phí', cell: i % 8 === 0 ? '' : `K${i}`, code: i % 3 === 0 ? 'value_not_number' : 'spending_over_estimate', message: `Dòng ${i}: ${'đã thực hiện vượt dự toán. '.repeat(1 + (i % 7))}`, ...(i % 12 === 0 ? {} : { hint: 'Kiểm tra lại số liệu.' }) }),
        );
      }
    }
    const big = { title: 'KẾT QUẢ KIỂM TRA SỐ LIỆU — NĂM 2025', rows };
    const parts = async (bytes: Uint8Array): Promise<Record<string, string>> => {
      const zip = await JSZip.loadAsync(bytes);
      const out: Record<string, string> = {};
      for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir && name !== 'docProps/core.xml') out[name] = await entry.async('string');
      return out;
    };
    const fast = await parts(await renderFindingsXlsx(many, big));
    expect(fast).toEqual(await parts(await renderFindingsXlsx(many, big, { exceljsRows: true })));
    expect(fast['xl/worksheets/sheet2.xml']?.match(/<row /g)?.length).toBe(many.length + 1);
  });
});
