/**
 * Writes a plan workbook (ke-hoach.xlsx) from plain data, in the layout staff edit in Excel.
 * Used to ship the examples and by tests to build plans in code.
 */
import ExcelJS from 'exceljs';
import {
  PLAN_INDICATOR_HEADERS,
  PLAN_SCENARIO_HEADERS,
  PLAN_VALUE_HEADERS,
  PLAN_AGENCY_HEADERS,
  PLAN_FIELD_HEADERS,
  PLAN_INFO_LABELS,
  PLAN_SHEETS,
  PLAN_TASK_HEADERS,
} from '../../src/model/sheets.js';

export interface PlanData {
  readonly info: Partial<Record<keyof typeof PLAN_INFO_LABELS, string>>;
  readonly agencies: ReadonlyArray<{ code: string; name: string; aliases?: string[]; sheets: string; deadline?: number; group?: string }>;
  readonly fields: ReadonlyArray<{ number: string; title: string }>;
  readonly tasks: ReadonlyArray<{ id: string; text: string; time: string; lead: string; coordinators: string; coordinatorCodes: string }>;
  readonly recipients: readonly string[];
  readonly indicators?: ReadonlyArray<Partial<Record<keyof typeof PLAN_INDICATOR_HEADERS, string>>>;
  readonly values?: ReadonlyArray<{ code: string; period: string; plan: number | null; scenario: number | null; base: number | null }>;
  readonly scenario?: ReadonlyArray<{ code: string; label: string; q1: number; q2: number; h1: number; q3: number; q4: number; h2: number; year: number }>;
}

const FONT = { name: 'Times New Roman', size: 12 };

function table(
  ws: ExcelJS.Worksheet,
  title: string,
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  widths: readonly number[],
): void {
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  headers.forEach((h, i) => {
    const cell = ws.getCell(3, i + 1);
    cell.value = h;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      const cell = ws.getCell(4 + r, c + 1);
      cell.value = v;
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Builds ke-hoach.xlsx bytes. */
export async function buildPlanWorkbook(data: PlanData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'baocao';
  const info = wb.addWorksheet(PLAN_SHEETS.info);
  info.getCell(1, 1).value = 'THÔNG TIN CHUNG CỦA KẾ HOẠCH';
  info.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  info.getCell(2, 1).value = 'Điền cột B; không đổi chữ ở cột A. Nhiều giá trị (Kính gửi) cách nhau bằng dấu ";".';
  info.getCell(2, 1).font = { ...FONT, italic: true };
  let r = 4;
  for (const [key, label] of Object.entries(PLAN_INFO_LABELS) as [keyof typeof PLAN_INFO_LABELS, string][]) {
    info.getCell(r, 1).value = label;
    info.getCell(r, 1).font = { ...FONT, bold: true };
    const cell = info.getCell(r, 2);
    cell.value = data.info[key] ?? '';
    cell.font = FONT;
    cell.alignment = { wrapText: true, vertical: 'top' };
    // Text format: "01/2025" and "2025 - 2028" must stay as typed.
    cell.numFmt = '@';
    r++;
  }
  info.getColumn(1).width = 36;
  info.getColumn(2).width = 90;

  table(
    wb.addWorksheet(PLAN_SHEETS.agencies),
    'CÁC CƠ QUAN, ĐƠN VỊ BÁO CÁO (theo thứ tự trong phụ lục)',
    Object.values(PLAN_AGENCY_HEADERS),
    data.agencies.map((a) => [a.code, a.name, (a.aliases ?? []).join('; '), a.sheets, a.deadline === undefined ? '' : String(a.deadline), a.group ?? '']),
    [12, 50, 40, 24, 16, 24],
  );
  table(wb.addWorksheet(PLAN_SHEETS.fields), 'CÁC LĨNH VỰC CỦA KẾ HOẠCH', Object.values(PLAN_FIELD_HEADERS), data.fields.map((f) => [f.number, f.title]), [8, 70]);
  table(
    wb.addWorksheet(PLAN_SHEETS.tasks),
    'NHIỆM VỤ VÀ PHÂN CÔNG',
    Object.values(PLAN_TASK_HEADERS),
    data.tasks.map((t) => [t.id, t.text, t.time, t.lead, t.coordinators, t.coordinatorCodes]),
    [7, 70, 22, 18, 50, 28],
  );
  if (data.indicators && data.indicators.length > 0) {
    const keys = Object.keys(PLAN_INDICATOR_HEADERS) as (keyof typeof PLAN_INDICATOR_HEADERS)[];
    table(
      wb.addWorksheet(PLAN_SHEETS.indicators),
      'DANH MỤC CHỈ TIÊU (Cách tổng hợp: Cộng / Một nguồn; Chiều: Tối thiểu / Tối đa; Loại: Cộng dồn / Thời điểm / Tỷ lệ; GRDP: NLTS, CNXD, DV, THUE hoặc GRDP)',
      keys.map((k) => PLAN_INDICATOR_HEADERS[k]),
      data.indicators.map((i) => keys.map((k) => i[k] ?? '')),
      [12, 48, 14, 30, 14, 14, 12, 12, 9, 14, 12, 12, 12, 10, 12, 10, 12],
    );
  }
  if (data.values && data.values.length > 0) {
    table(
      wb.addWorksheet(PLAN_SHEETS.indicatorValues),
      'SỐ LIỆU CHỈ TIÊU THEO KỲ (Kỳ ghi như tên thư mục đợt: 2026, 2026-H1, 2026-Q3, 2026-07; với chỉ tiêu GRDP, Kịch bản là tốc độ tăng %)',
      Object.values(PLAN_VALUE_HEADERS),
      data.values.map((v) => [v.code, v.period, v.plan, v.scenario, v.base]),
      [14, 12, 16, 16, 18],
    );
  }
  if (data.scenario && data.scenario.length > 0) {
    table(
      wb.addWorksheet(PLAN_SHEETS.scenario),
      'KỊCH BẢN TĂNG TRƯỞNG (Đơn vị: %) — chép đúng bảng trong kế hoạch; baocao tự kiểm tra tính nhất quán',
      Object.values(PLAN_SCENARIO_HEADERS),
      data.scenario.map((r) => [r.code, r.label, r.q1, r.q2, r.h1, r.q3, r.q4, r.h2, r.year]),
      [10, 40, 10, 10, 14, 10, 10, 14, 10],
    );
  }
  const rec = wb.addWorksheet(PLAN_SHEETS.recipients);
  rec.getCell(1, 1).value = PLAN_SHEETS.recipients;
  rec.getCell(1, 1).font = { ...FONT, bold: true };
  data.recipients.forEach((line, i) => {
    rec.getCell(i + 2, 1).value = line;
    rec.getCell(i + 2, 1).font = FONT;
  });
  rec.getColumn(1).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
