/**
 * The blank plan workbook staff download to start a plan of their own (ke-hoach.xlsx): a first
 * sheet "Hướng dẫn" that says what to fill where, then the sheets the plan validator reads
 * (model/sheets.ts), each with its header row and a few example rows that validate as they are,
 * so a plan can be tried end to end before it is filled in.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import {
  FORM_SHEETS,
  PLAN_AGENCY_HEADERS,
  PLAN_FIELD_HEADERS,
  PLAN_INDICATOR_HEADERS,
  PLAN_INFO_LABELS,
  PLAN_SHEETS,
  PLAN_TASK_HEADERS,
  PLAN_VALUE_HEADERS,
  TASK_STATUSES,
} from '../../model/sheets.js';
import { BORDER_ALL, INPUT_FILL, NUMFMT, font, styleHeaderCell, toBytes } from './style.js';

/** Name of the instructions sheet, first in the workbook (the validator ignores it). */
export const PLAN_GUIDE_SHEET = 'Hướng dẫn';

/** Example values of "Thông tin chung", by label key; staff overwrite them. */
const EXAMPLE_INFO: Record<keyof typeof PLAN_INFO_LABELS, string> = {
  title: 'Kế hoạch thực hiện chuyển đổi số tỉnh năm 2026 (VÍ DỤ: sửa thành tên kế hoạch của mình)',
  number: '25',
  symbol: 'KH-UBND',
  issuedDate: '15/01/2026',
  issuer: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
  issuerShort: 'UBND tỉnh Bắc Ninh',
  superior: '',
  province: 'Bắc Ninh',
  place: 'Bắc Ninh',
  secretariat: 'Sở Khoa học và Công nghệ',
  reportSymbol: 'BC-UBND',
  signAuthority: 'TM. ỦY BAN NHÂN DÂN',
  signDeputy: 'KT. CHỦ TỊCH',
  signTitle: 'PHÓ CHỦ TỊCH',
  signName: 'Nguyễn Văn A',
  storage: 'VT, KGVX',
  years: '2026',
  moneyUnit: '1000 đồng',
  reportTo: 'Bộ Khoa học và Công nghệ',
};

/** What each line of "Thông tin chung" means (column C). */
const INFO_NOTES: Partial<Record<keyof typeof PLAN_INFO_LABELS, string>> = {
  title: 'Bắt buộc. Tên kế hoạch như trên văn bản, không có chữ "Kế hoạch" ở đầu cũng được.',
  number: 'Số của văn bản kế hoạch (để trống nếu chưa có).',
  symbol: 'Bắt buộc. Ví dụ KH-UBND.',
  issuedDate: 'Ngày ban hành: 15/01/2026, hoặc chỉ tháng/năm 01/2026.',
  issuer: 'Bắt buộc. Viết HOA như ở góc trái văn bản.',
  issuerShort: 'Viết thường, dùng trong câu văn của báo cáo.',
  superior: 'Cơ quan chủ quản (dòng trên tên cơ quan ban hành), nếu có.',
  province: 'Bắt buộc.',
  place: 'Bắt buộc. Địa danh ở dòng ngày tháng ("Bắc Ninh, ngày … tháng … năm …").',
  secretariat: 'Cơ quan tổng hợp báo cáo (thường là cơ quan dùng baocao).',
  reportSymbol: 'Ký hiệu của báo cáo, ví dụ BC-UBND.',
  signAuthority: 'Thẩm quyền ký, ví dụ TM. ỦY BAN NHÂN DÂN.',
  signDeputy: 'Ký thay (nếu có), ví dụ KT. CHỦ TỊCH.',
  signTitle: 'Bắt buộc. Chức vụ người ký.',
  signName: 'Bắt buộc. Họ tên người ký.',
  storage: 'Nơi lưu, ví dụ VT, KGVX.',
  years: 'Bắt buộc. Một năm (2026) hoặc cả giai đoạn (2026 - 2030).',
  moneyUnit: 'Đơn vị tiền của các bảng kinh phí, ví dụ 1000 đồng hoặc triệu đồng.',
  reportTo: 'Nơi báo cáo gửi đến; nhiều nơi cách nhau bằng dấu ";".',
};

const EXAMPLE_AGENCIES: readonly (readonly string[])[] = [
  ['SKHCN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN; Khoa học Công nghệ', `${FORM_SHEETS.tasks}; ${FORM_SHEETS.indicators}`, '10', ''],
  ['STC', 'Sở Tài chính', 'Tài chính', `${FORM_SHEETS.tasks}; ${FORM_SHEETS.budget}`, '10', ''],
  ['SNV', 'Sở Nội vụ', 'Nội vụ', FORM_SHEETS.tasks, '12', ''],
];

const EXAMPLE_FIELDS: readonly (readonly string[])[] = [
  ['1', 'Phát triển hạ tầng số'],
  ['2', 'Phát triển chính quyền số'],
];

const EXAMPLE_TASKS: readonly (readonly string[])[] = [
  ['1.1', 'Nâng cấp mạng truyền số liệu chuyên dùng đến cấp xã', 'Quý II/2026', 'SKHCN', 'Sở Tài chính, UBND các xã', 'STC'],
  ['1.2', 'Bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số', 'Năm 2026', 'STC', 'Các sở, ngành', ''],
  ['2.1', 'Rà soát, chuẩn hóa quy trình giải quyết thủ tục hành chính trên môi trường điện tử', 'Năm 2026', 'SNV', 'Sở Khoa học và Công nghệ', 'SKHCN'],
];

const EXAMPLE_INDICATORS: readonly Partial<Record<keyof typeof PLAN_INDICATOR_HEADERS, string>>[] = [
  {
    code: 'TL_DVC',
    name: 'Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình',
    unit: '%',
    group: 'Chính quyền số',
    owner: 'SKHCN',
    combine: 'Một nguồn',
    direction: 'Tối thiểu',
    kind: 'Tỷ lệ',
  },
];

const EXAMPLE_VALUES: readonly (readonly (string | number | null)[])[] = [['TL_DVC', '2026', 80, null, 65]];

const EXAMPLE_RECIPIENTS = ['Bộ Khoa học và Công nghệ', 'Thường trực Tỉnh ủy, HĐND tỉnh', 'Chủ tịch, các PCT UBND tỉnh', 'Các sở, ban, ngành'];

/** The instructions, one paragraph per line; lines starting with a digit are steps. */
const GUIDE: readonly (readonly [string, 'title' | 'head' | 'step' | 'text'])[] = [
  ['HƯỚNG DẪN LẬP TỆP KẾ HOẠCH (ke-hoach.xlsx)', 'title'],
  ['Tệp này mô tả kế hoạch cho baocao: ai phải báo cáo, báo cáo những gì, hạn nộp, ai ký báo cáo. Các dòng đang có là VÍ DỤ, đã đúng mẫu: hãy sửa thành thông tin kế hoạch của mình (hoặc xóa dòng ví dụ không dùng).', 'text'],
  ['Các bước', 'head'],
  [`1. Sheet "${PLAN_SHEETS.info}": điền cột B (không sửa chữ ở cột A). Cột C giải thích từng dòng; các dòng ghi "Bắt buộc" không được để trống.`, 'step'],
  [`2. Sheet "${PLAN_SHEETS.agencies}": mỗi cơ quan, đơn vị phải báo cáo một dòng. Mã viết liền không dấu (ví dụ STC); "${PLAN_AGENCY_HEADERS.sheets}" ghi ${FORM_SHEETS.tasks}, ${FORM_SHEETS.budget}, ${FORM_SHEETS.indicators}, cách nhau bằng dấu ";"; "${PLAN_AGENCY_HEADERS.deadline}" ghi ngày trong tháng cuối của kỳ báo cáo (ví dụ 10), để trống nếu không có hạn; "${PLAN_AGENCY_HEADERS.group}" dùng khi nhiều đơn vị cùng loại (ví dụ các xã) — ghi tên nhóm thay cho từng đơn vị ở các sheet khác. Thứ tự dòng là thứ tự nhóm I, II, III… trong phụ lục.`, 'step'],
  [`3. Sheet "${PLAN_SHEETS.fields}": các lĩnh vực (mục 1, 2, 3…) của phần nội dung kế hoạch.`, 'step'],
  [`4. Sheet "${PLAN_SHEETS.tasks}": mỗi nhiệm vụ một dòng, số nhiệm vụ dạng 1.1, 1.2, 2.1 (số trước dấu chấm là lĩnh vực). "${PLAN_TASK_HEADERS.lead}" ghi mã hoặc tên cơ quan ở sheet "${PLAN_SHEETS.agencies}" (nhiều cơ quan cách nhau bằng ";"); "${PLAN_TASK_HEADERS.coordinators}" ghi như trong văn bản; "${PLAN_TASK_HEADERS.coordinatorCodes}" ghi mã các cơ quan phối hợp cũng phải báo cáo nhiệm vụ này.`, 'step'],
  [`5. Sheet "${PLAN_SHEETS.recipients}": mỗi nơi nhận báo cáo một dòng.`, 'step'],
  [`6. Kế hoạch có chỉ tiêu định lượng: sheet "${PLAN_SHEETS.indicators}" (mỗi chỉ tiêu một dòng, có cơ quan phụ trách) và sheet "${PLAN_SHEETS.indicatorValues}" (số kế hoạch, số cùng kỳ năm trước theo từng kỳ: 2026, 2026-H1, 2026-Q3, 2026-07). Không có chỉ tiêu thì xóa hai sheet này.`, 'step'],
  ['7. Lưu tệp với tên ke-hoach.xlsx rồi tải lên trang baocao ("Tạo kế hoạch mới"). Nếu có chỗ sai, trang baocao chỉ rõ sheet và ô cần sửa; sửa xong tải lên lại.', 'step'],
  ['Sau khi có kế hoạch', 'head'],
  ['Tạo đợt báo cáo (chọn kỳ: năm, 6 tháng, quý, 9 tháng, tháng, hoặc đợt lập dự toán kinh phí), tải biểu mẫu gửi các cơ quan, nhận tệp các cơ quan gửi về, xem lỗi theo từng ô, lập báo cáo và phụ lục.', 'text'],
  [`Tình trạng nhiệm vụ trong biểu mẫu của cơ quan: ${TASK_STATUSES.join(' / ')}.`, 'text'],
  ['Chi tiết các cột (Chỉ tiêu, Kịch bản tăng trưởng, nhóm đơn vị, mục tiêu nhiều năm): xem tệp README.md của baocao.', 'text'],
];

function sheetTitle(ws: ExcelJS.Worksheet, title: string, note: string): void {
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = font(13, { bold: true });
  ws.getCell(2, 1).value = note;
  ws.getCell(2, 1).font = font(11, { italic: true, color: 'FF595959' });
}

/** A sheet with a title, a note, the header row on row 3 and example rows from row 4 (the layout the validator finds). */
function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  note: string,
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  widths: readonly number[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  sheetTitle(ws, title, note);
  headers.forEach((h, i) => {
    const cell = ws.getCell(3, i + 1);
    cell.value = h;
    styleHeaderCell(cell, 11);
  });
  // The example rows, then empty input rows, all styled as cells to type into.
  const total = Math.max(rows.length + 20, 30);
  for (let r = 0; r < total; r++) {
    for (let c = 0; c < headers.length; c++) {
      const cell = ws.getCell(4 + r, c + 1);
      const v = rows[r]?.[c];
      if (v !== undefined && v !== null && v !== '') cell.value = v;
      cell.font = font(12);
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = BORDER_ALL;
      // Codes and periods stay as typed ("2026", "01").
      if (typeof v !== 'number') cell.numFmt = NUMFMT.text;
    }
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return ws;
}

/** Renders the blank plan workbook with its instructions and example rows. */
export async function renderPlanTemplate(): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'baocao';

  const guide = wb.addWorksheet(PLAN_GUIDE_SHEET, { properties: { tabColor: { argb: 'FF2F5597' } } });
  guide.getColumn(1).width = 120;
  GUIDE.forEach(([text, kind], i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = kind === 'title' ? font(14, { bold: true }) : kind === 'head' ? font(12, { bold: true }) : font(12);
    const chars = text.length;
    if (kind !== 'title') guide.getRow(i + 1).height = Math.max(18, Math.ceil(chars / 110) * 17);
  });

  const info = wb.addWorksheet(PLAN_SHEETS.info);
  sheetTitle(info, 'THÔNG TIN CHUNG CỦA KẾ HOẠCH', 'Điền cột B; không sửa chữ ở cột A. Cột C là giải thích.');
  ['Mục', 'Nội dung', 'Giải thích'].forEach((h, c) => {
    const cell = info.getCell(3, c + 1);
    cell.value = h;
    styleHeaderCell(cell, 11);
  });
  let r = 4;
  for (const [key, label] of Object.entries(PLAN_INFO_LABELS) as [keyof typeof PLAN_INFO_LABELS, string][]) {
    const a = info.getCell(r, 1);
    a.value = label;
    a.font = font(12, { bold: true });
    a.border = BORDER_ALL;
    const b = info.getCell(r, 2);
    b.value = EXAMPLE_INFO[key];
    b.font = font(12);
    b.fill = INPUT_FILL;
    b.border = BORDER_ALL;
    b.alignment = { wrapText: true, vertical: 'top' };
    // Text format: "01/2026" and "2026 - 2030" must stay as typed.
    b.numFmt = NUMFMT.text;
    const c = info.getCell(r, 3);
    c.value = INFO_NOTES[key] ?? '';
    c.font = font(11, { italic: true, color: 'FF595959' });
    c.alignment = { wrapText: true, vertical: 'top' };
    c.border = BORDER_ALL;
    r++;
  }
  info.getColumn(1).width = 36;
  info.getColumn(2).width = 70;
  info.getColumn(3).width = 60;

  tableSheet(
    wb,
    PLAN_SHEETS.agencies,
    'CÁC CƠ QUAN, ĐƠN VỊ BÁO CÁO (theo thứ tự trong phụ lục)',
    `Mỗi cơ quan một dòng. Biểu phải nộp: ${FORM_SHEETS.tasks}; ${FORM_SHEETS.budget}; ${FORM_SHEETS.indicators}. Hạn nộp: ngày trong tháng cuối của kỳ (để trống nếu không có hạn).`,
    Object.values(PLAN_AGENCY_HEADERS),
    EXAMPLE_AGENCIES,
    [12, 44, 36, 26, 16, 24],
  );
  tableSheet(wb, PLAN_SHEETS.fields, 'CÁC LĨNH VỰC CỦA KẾ HOẠCH', 'Số và tên các mục của phần nội dung kế hoạch.', Object.values(PLAN_FIELD_HEADERS), EXAMPLE_FIELDS, [8, 80]);
  tableSheet(
    wb,
    PLAN_SHEETS.tasks,
    'NHIỆM VỤ VÀ PHÂN CÔNG',
    'Số nhiệm vụ dạng 1.1, 1.2, 2.1. Cơ quan chủ trì: mã hoặc tên ở sheet "Cơ quan". Phối hợp báo cáo: mã các cơ quan phối hợp cũng phải báo cáo.',
    Object.values(PLAN_TASK_HEADERS),
    EXAMPLE_TASKS,
    [7, 64, 18, 18, 40, 24],
  );
  const keys = ['code', 'name', 'unit', 'group', 'owner', 'combine', 'direction', 'kind'] as const;
  tableSheet(
    wb,
    PLAN_SHEETS.indicators,
    'DANH MỤC CHỈ TIÊU (xóa sheet này nếu kế hoạch không có chỉ tiêu)',
    'Cách tổng hợp: Cộng / Một nguồn. Chiều: Tối thiểu / Tối đa / Trên / Dưới. Loại: Cộng dồn / Thời điểm / Tỷ lệ. Các cột khác: xem README.',
    keys.map((k) => PLAN_INDICATOR_HEADERS[k]),
    EXAMPLE_INDICATORS.map((i) => keys.map((k) => i[k] ?? '')),
    [12, 48, 12, 24, 16, 14, 12, 12],
  );
  tableSheet(
    wb,
    PLAN_SHEETS.indicatorValues,
    'SỐ LIỆU CHỈ TIÊU THEO KỲ (xóa sheet này nếu kế hoạch không có chỉ tiêu)',
    'Kỳ ghi như tên đợt báo cáo: 2026 (năm), 2026-H1 (6 tháng đầu năm), 2026-Q3 (quý III), 2026-9T (9 tháng), 2026-07 (tháng 7).',
    Object.values(PLAN_VALUE_HEADERS),
    EXAMPLE_VALUES,
    [14, 12, 16, 16, 20],
  );

  const rec = wb.addWorksheet(PLAN_SHEETS.recipients);
  rec.getCell(1, 1).value = PLAN_SHEETS.recipients;
  rec.getCell(1, 1).font = font(12, { bold: true });
  EXAMPLE_RECIPIENTS.forEach((line, i) => {
    const cell = rec.getCell(i + 2, 1);
    cell.value = line;
    cell.font = font(12);
    cell.fill = INPUT_FILL;
  });
  rec.getColumn(1).width = 70;

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return toBytes(wb);
}
