/**
 * Findings: every problem found in an input is data, never an exception.
 * A finding names the file, sheet and cell the user sees in Excel, a stable code,
 * a Vietnamese message (what is wrong, what was expected) and a hint (what to do).
 */

/** 'info': not a problem, listed so nothing in a folder goes unmentioned (attachments, skipped folders); never changes the exit code. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Stable finding codes with their default severity and what the user should do. */
export const FINDING_CODES = {
  // files
  file_unreadable: { severity: 'error', hint: 'Mở tệp bằng Excel, lưu lại dạng .xlsx (Excel Workbook) rồi đặt lại vào thư mục.' },
  file_not_workbook: { severity: 'error', hint: 'Tệp này không phải bảng tính Excel. Đề nghị cơ quan gửi lại đúng tệp .xlsx.' },
  file_encrypted: { severity: 'error', hint: 'Tệp có mật khẩu. Đề nghị cơ quan gỡ mật khẩu (File > Info > Protect Workbook) rồi gửi lại.' },
  file_xls_legacy: { severity: 'error', hint: 'Mở tệp bằng Excel và chọn File > Save As > Excel Workbook (.xlsx), hoặc cài LibreOffice để baocao tự chuyển đổi.' },
  file_xls_converted: { severity: 'warning', hint: 'Tệp .xls đã được chuyển sang .xlsx bằng LibreOffice để đọc; nên đề nghị cơ quan gửi tệp .xlsx.' },
  file_html_as_xls: { severity: 'error', hint: 'Tệp là trang web đặt tên .xls. Mở bằng Excel, chọn Save As > Excel Workbook (.xlsx) rồi gửi lại.' },
  file_macro: { severity: 'warning', hint: 'Tệp có macro (.xlsm); baocao không bao giờ chạy macro, chỉ đọc số liệu. Nên lưu lại dạng .xlsx.' },
  file_empty: { severity: 'error', hint: 'Tệp rỗng (0 byte), có thể tải về chưa xong. Đề nghị cơ quan gửi lại.' },
  file_too_large: { severity: 'error', hint: 'Tệp quá lớn so với một biểu báo cáo. Kiểm tra lại tệp (có thể chứa ảnh hoặc dữ liệu thừa) rồi gửi lại.' },
  file_corrupt: { severity: 'error', hint: 'Tệp bị hỏng hoặc tải về chưa trọn vẹn. Đề nghị cơ quan gửi lại tệp.' },
  file_attachment: { severity: 'info', hint: 'Không cần làm gì: tệp kèm theo (công văn, bản ký, ảnh…) được liệt kê để biết, không được đọc và không phải lỗi. Nếu đây là báo cáo số liệu, đề nghị cơ quan gửi tệp Excel (.xlsx).' },
  file_zip_workbooks: { severity: 'error', hint: 'Giải nén tệp .zip (chuột phải > Extract All…), chép các tệp Excel bên trong vào thư mục đợt, chuyển tệp .zip ra khỏi thư mục đợt rồi chạy lại.' },
  folder_skipped: { severity: 'warning', hint: 'Chuyển các tệp cần kiểm tra vào đúng thư mục đợt báo cáo, hoặc đổi tên thư mục cho đúng dạng, rồi chạy lại.' },
  file_in_progress: { severity: 'warning', hint: 'Tệp đang được ghi hoặc đang mở trong Excel; đóng Excel, chờ sao chép xong rồi chạy lại.' },
  // plan
  plan_missing: { severity: 'error', hint: 'Đặt tệp ke-hoach.xlsx (mô tả kế hoạch) vào thư mục kế hoạch, ngay trên thư mục đợt báo cáo.' },
  plan_field_missing: { severity: 'error', hint: 'Điền thông tin còn thiếu vào tệp ke-hoach.xlsx.' },
  plan_invalid_value: { severity: 'error', hint: 'Sửa giá trị trong tệp ke-hoach.xlsx theo mẫu.' },
  plan_duplicate: { severity: 'error', hint: 'Mỗi mã chỉ được khai báo một lần trong tệp ke-hoach.xlsx.' },
  plan_unknown_agency: { severity: 'error', hint: 'Dùng mã cơ quan đã khai báo ở sheet "Cơ quan" của tệp ke-hoach.xlsx.' },
  // submissions: identity
  agency_unknown: { severity: 'error', hint: 'Ghi đúng tên cơ quan ở sheet "Thông tin" hoặc đặt tên tệp theo tên cơ quan trong kế hoạch.' },
  agency_missing: { severity: 'warning', hint: 'Đôn đốc cơ quan gửi báo cáo.' },
  submission_duplicate: { severity: 'warning', hint: 'Nếu dùng nhầm tệp, hãy xóa tệp không dùng khỏi thư mục hoặc sửa "Lần nộp".' },
  // structure
  sheet_missing: { severity: 'error', hint: 'Dùng biểu mẫu do baocao tạo (lệnh "baocao forms") hoặc thêm sheet còn thiếu.' },
  sheet_hidden: { severity: 'warning', hint: 'Sheet đang bị ẩn; kiểm tra lại xem có đúng là sheet cần báo cáo không.' },
  header_missing: { severity: 'error', hint: 'Thêm cột còn thiếu vào dòng tiêu đề, đúng tên như biểu mẫu.' },
  column_extra: { severity: 'warning', hint: 'Cột không có trong biểu mẫu nên không được tổng hợp; nếu cần, chuyển nội dung sang cột "Ghi chú".' },
  // cells
  value_not_number: { severity: 'error', hint: 'Nhập một số (ví dụ 711.500), không nhập chữ.' },
  value_negative: { severity: 'error', hint: 'Nhập số không âm.' },
  value_ambiguous_number: { severity: 'error', hint: 'Không rõ dấu chấm/phẩy là phân cách nghìn hay thập phân; nhập lại số dạng 1.234.567 hoặc 1.234,5.' },
  value_required: { severity: 'error', hint: 'Điền ô còn trống.' },
  value_text_number: { severity: 'warning', hint: 'Số được nhập dạng chữ; baocao đã đọc được, nhưng nên nhập dạng số.' },
  value_date_invalid: { severity: 'error', hint: 'Nhập ngày dạng ngày/tháng/năm, ví dụ 12/07/2026.' },
  amount_mismatch: { severity: 'error', hint: 'Sửa "Số lượng", "Định mức" hoặc "Thành tiền" cho khớp (Thành tiền = Số lượng × Định mức).' },
  years_mismatch: { severity: 'error', hint: 'Sửa số liệu các năm cho tổng các năm bằng "Thành tiền".' },
  formula_no_result: { severity: 'error', hint: 'Mở tệp bằng Excel (để Excel tính lại công thức), nhấn Lưu rồi gửi lại; hoặc gõ thẳng con số vào ô.' },
  formula_result_wrong: { severity: 'warning', hint: 'Kết quả công thức lưu trong tệp không khớp số liệu; mở bằng Excel và lưu lại.' },
  task_status_missing: { severity: 'error', hint: 'Chọn tình trạng trong danh sách: Hoàn thành / Đang thực hiện / Chưa thực hiện / Không thực hiện.' },
  task_status_invalid: { severity: 'error', hint: 'Chọn tình trạng trong danh sách: Hoàn thành / Đang thực hiện / Chưa thực hiện / Không thực hiện.' },
  task_unknown: { severity: 'warning', hint: 'Kiểm tra số thứ tự nhiệm vụ theo kế hoạch; dòng này không được tổng hợp.' },
  task_result_missing: { severity: 'warning', hint: 'Ghi tóm tắt kết quả thực hiện nhiệm vụ.' },
  task_not_reported: { severity: 'warning', hint: 'Bổ sung dòng báo cáo cho nhiệm vụ được giao.' },
  indicator_unknown: { severity: 'warning', hint: 'Kiểm tra mã chỉ tiêu theo biểu mẫu; dòng này không được tổng hợp.' },
  indicator_not_reported: { severity: 'warning', hint: 'Bổ sung số liệu thực hiện của chỉ tiêu.' },
  period_sum_mismatch: { severity: 'error', hint: 'Sửa số liệu các quý hoặc số của cả kỳ cho khớp (cộng các quý bằng số cả kỳ).' },
  parts_sum_mismatch: { severity: 'error', hint: 'Sửa số liệu các chỉ tiêu thành phần hoặc chỉ tiêu tổng cho khớp.' },
  scenario_inconsistent: { severity: 'warning', hint: 'Bảng số liệu không nhất quán: đừng chép tiếp các con số này; dùng số baocao tính lại từ dữ liệu và đề nghị cơ quan soạn thảo rà soát.' },
  spending_over_estimate: { severity: 'warning', hint: 'Kiểm tra lại số kinh phí đã thực hiện; số này vượt dự toán của năm.' },
  text_legacy_encoding: { severity: 'warning', hint: 'Chữ được gõ bằng bảng mã cũ (TCVN3/VNI); baocao đã chuyển sang Unicode. Nên dùng phông Unicode (Times New Roman).' },
  merged_cell: { severity: 'warning', hint: 'Bỏ gộp ô trong vùng số liệu để mỗi ô có một giá trị.' },
  row_hidden: { severity: 'warning', hint: 'Dòng bị ẩn vẫn được tổng hợp; bỏ ẩn để kiểm tra.' },
  info_field_missing: { severity: 'warning', hint: 'Điền đủ thông tin ở sheet "Thông tin".' },
} as const satisfies Record<string, { severity: Severity; hint: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

/** One problem in one input, located as the user sees it in Excel. */
export interface Finding {
  readonly file: string;
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
  readonly code: FindingCode;
  /** What is wrong, in Vietnamese, with the expected and the actual value. */
  readonly message: string;
  /** What to do next, in Vietnamese. */
  readonly hint: string;
}

export interface FindingInput {
  readonly file: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly code: FindingCode;
  readonly message: string;
  readonly severity?: Severity;
  readonly hint?: string;
}

/** Builds a finding, filling severity and hint from the code catalogue. */
export function finding(input: FindingInput): Finding {
  const def = FINDING_CODES[input.code];
  return {
    file: input.file,
    sheet: input.sheet ?? '',
    cell: input.cell ?? '',
    severity: input.severity ?? def.severity,
    code: input.code,
    message: input.message,
    hint: input.hint ?? def.hint,
  };
}

/** The JSON shape printed by `check --json`; the message carries the hint. */
export function toJsonFinding(f: Finding): {
  file: string;
  sheet: string;
  cell: string;
  severity: Severity;
  code: FindingCode;
  message: string;
} {
  return {
    file: f.file,
    sheet: f.sheet,
    cell: f.cell,
    severity: f.severity,
    code: f.code,
    message: `${f.message} ${f.hint}`.trim(),
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Findings by severity; `infos` are attachments and other notes that are not problems. */
export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** Orders findings by file, sheet, row and column so reports read top to bottom. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    if (a.file !== b.file) return a.file.localeCompare(b.file, 'vi');
    if (a.sheet !== b.sheet) return a.sheet.localeCompare(b.sheet, 'vi');
    const [ra, ca] = splitAddress(a.cell);
    const [rb, cb] = splitAddress(b.cell);
    return ra - rb || ca - cb;
  });
}

function splitAddress(cell: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return [0, 0];
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col];
}

/** Exit code convention of `check`: 0 when there is no error (warnings allowed), 1 otherwise. */
export function exitCodeFor(findings: readonly Finding[]): 0 | 1 {
  return hasErrors(findings) ? 1 : 0;
}
