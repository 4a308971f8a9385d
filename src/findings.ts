/**
 * Findings: every problem found in an input is data, never an exception.
 * A finding names the file, sheet and cell the user sees in Excel, a stable code,
 * a Vietnamese message (what is wrong, what was expected) and a hint (what to do).
 */
import * as z from 'zod';

/** error: the file or figure cannot be used; warning: used, but look at it; info: noted (attachments). */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Stable finding codes with their default severity, a short Vietnamese label (what staff read in
 * kiem-tra.xlsx; the code itself is for support) and what the user should do.
 */
export const FINDING_CODES = {
  // files
  file_unreadable: { severity: 'error', label: 'Không đọc được tệp', hint: 'Mở tệp bằng Excel, lưu lại dạng .xlsx (Excel Workbook) rồi đặt lại vào thư mục.' },
  file_not_workbook: { severity: 'error', label: 'Không phải tệp Excel', hint: 'Tệp này không phải bảng tính Excel. Đề nghị cơ quan gửi lại đúng tệp .xlsx.' },
  file_encrypted: { severity: 'error', label: 'Tệp có mật khẩu', hint: 'Tệp có mật khẩu. Đề nghị cơ quan gỡ mật khẩu (File > Info > Protect Workbook) rồi gửi lại.' },
  file_xls_legacy: { severity: 'error', label: 'Tệp .xls đời cũ', hint: 'Mở tệp bằng Excel và chọn File > Save As > Excel Workbook (.xlsx), hoặc cài LibreOffice để baocao tự chuyển đổi.' },
  file_xls_converted: { severity: 'warning', label: 'Tệp .xls đã chuyển đổi', hint: 'Tệp .xls đã được chuyển sang .xlsx bằng LibreOffice để đọc; nên đề nghị cơ quan gửi tệp .xlsx.' },
  file_html_as_xls: { severity: 'error', label: 'Trang web đặt tên .xls', hint: 'Tệp là trang web đặt tên .xls. Mở bằng Excel, chọn Save As > Excel Workbook (.xlsx) rồi gửi lại.' },
  file_macro: { severity: 'warning', label: 'Tệp có macro', hint: 'Tệp có macro (.xlsm); baocao không bao giờ chạy macro, chỉ đọc số liệu. Nên lưu lại dạng .xlsx.' },
  file_empty: { severity: 'error', label: 'Tệp rỗng', hint: 'Tệp rỗng (0 byte), có thể tải về chưa xong. Đề nghị cơ quan gửi lại.' },
  file_too_large: { severity: 'error', label: 'Tệp quá lớn', hint: 'Tệp quá lớn so với một biểu báo cáo. Kiểm tra lại tệp (có thể chứa ảnh hoặc dữ liệu thừa) rồi gửi lại.' },
  file_corrupt: { severity: 'error', label: 'Tệp bị hỏng', hint: 'Tệp bị hỏng hoặc tải về chưa trọn vẹn. Đề nghị cơ quan gửi lại tệp.' },
  attachment: { severity: 'info', label: 'Tệp kèm theo', hint: 'Tệp kèm theo (công văn, tài liệu…) không phải báo cáo Excel nên không được tổng hợp; không cần làm gì.' },
  archive_has_workbooks: { severity: 'error', label: 'Tệp nén chứa báo cáo', hint: 'Giải nén tệp này (chuột phải > Extract All / Giải nén) vào thư mục đợt báo cáo rồi chạy lại; có thể xóa tệp nén sau khi giải nén.' },
  folder_skipped: { severity: 'warning', label: 'Thư mục không được đọc', hint: 'Chuyển các tệp Excel cần kiểm tra vào đúng thư mục đợt báo cáo (hoặc đổi tên thư mục cho đúng dạng tên đợt, đặt tệp ke-hoach.xlsx vào thư mục kế hoạch) rồi chạy lại.' },
  archive_unreadable: { severity: 'warning', label: 'Tệp nén không xem được', hint: 'Nếu trong tệp nén có báo cáo Excel, hãy giải nén vào thư mục đợt báo cáo rồi chạy lại; nếu không, không cần làm gì.' },
  // An error: the agency's file was not read, so the round is not complete (check exits 1).
  file_in_progress: { severity: 'error', label: 'Tệp đang được chép', hint: 'Tệp đang được chép, chạy lại sau: chờ sao chép xong (hoặc đóng tệp trong Excel) rồi chạy lại lệnh.' },
  // A warning: the saved file is read and used; what is typed but not saved yet is not.
  file_open_elsewhere: { severity: 'warning', label: 'Tệp đang mở trong Excel', hint: 'Nếu đang sửa tệp này, lưu (Ctrl+S) và đóng tệp trong Excel rồi chạy lại. Nếu không ai còn mở tệp (máy bị tắt đột ngột), xóa tệp khóa nêu trên.' },
  // plan
  plan_missing: { severity: 'error', label: 'Thiếu tệp kế hoạch', hint: 'Đặt tệp ke-hoach.xlsx (mô tả kế hoạch) vào thư mục kế hoạch, ngay trên thư mục đợt báo cáo.' },
  plan_field_missing: { severity: 'error', label: 'Kế hoạch thiếu thông tin', hint: 'Điền thông tin còn thiếu vào tệp ke-hoach.xlsx.' },
  plan_invalid_value: { severity: 'error', label: 'Kế hoạch có giá trị sai', hint: 'Sửa giá trị trong tệp ke-hoach.xlsx theo mẫu.' },
  plan_duplicate: { severity: 'error', label: 'Kế hoạch khai báo trùng', hint: 'Mỗi mã chỉ được khai báo một lần trong tệp ke-hoach.xlsx.' },
  plan_unknown_agency: { severity: 'error', label: 'Kế hoạch ghi cơ quan không có', hint: 'Dùng mã cơ quan đã khai báo ở sheet "Cơ quan" của tệp ke-hoach.xlsx.' },
  // submissions: identity
  agency_unknown: { severity: 'error', label: 'Không rõ cơ quan gửi', hint: 'Ghi đúng tên cơ quan ở sheet "Thông tin" hoặc đặt tên tệp theo tên cơ quan trong kế hoạch.' },
  agency_missing: { severity: 'warning', label: 'Cơ quan chưa nộp', hint: 'Đôn đốc cơ quan gửi báo cáo.' },
  submission_duplicate: { severity: 'warning', label: 'Cơ quan gửi nhiều tệp', hint: 'Nếu dùng nhầm tệp, hãy xóa tệp không dùng khỏi thư mục hoặc sửa "Lần nộp".' },
  submission_other_round: { severity: 'error', label: 'Tệp của đợt khác', hint: 'Chuyển tệp sang thư mục của đợt ghi trong lỗi; nếu cơ quan gửi nhầm tệp, đề nghị gửi báo cáo của đợt này (dùng biểu mẫu của đợt này).' },
  submission_other_plan: { severity: 'error', label: 'Tệp của kế hoạch khác', hint: 'Chuyển tệp sang thư mục của kế hoạch ghi trong lỗi; nếu cơ quan gửi nhầm tệp, đề nghị gửi báo cáo của kế hoạch này (dùng biểu mẫu của kế hoạch này).' },
  // structure
  sheet_missing: { severity: 'error', label: 'Thiếu sheet', hint: 'Dùng biểu mẫu do baocao tạo (lệnh "baocao forms") hoặc thêm sheet còn thiếu.' },
  sheet_hidden: { severity: 'warning', label: 'Sheet bị ẩn', hint: 'Sheet đang bị ẩn; kiểm tra lại xem có đúng là sheet cần báo cáo không.' },
  header_missing: { severity: 'error', label: 'Thiếu cột', hint: 'Thêm cột còn thiếu vào dòng tiêu đề, đúng tên như biểu mẫu.' },
  value_outside_table: { severity: 'warning', label: 'Số nằm ngoài bảng', hint: 'Nếu số này cần báo cáo, nhập vào đúng cột của biểu mẫu rồi gửi lại; nếu là số tạm hay ghi chú của cơ quan, không cần làm gì.' },
  sheet_extra: { severity: 'warning', label: 'Sheet không được đọc có số liệu', hint: 'Nếu đây là số liệu cần báo cáo, chép vào đúng sheet của biểu mẫu rồi gửi lại; nếu không (bảng tính phụ của cơ quan), không cần làm gì.' },
  column_duplicate: { severity: 'warning', label: 'Cột trùng tiêu đề', hint: 'Xóa cột thừa (hoặc đổi tiêu đề của nó), giữ lại một cột với số liệu đúng, rồi gửi lại.' },
  column_hidden: { severity: 'warning', label: 'Cột bị ẩn', hint: 'Cột bị ẩn vẫn được tổng hợp; bỏ ẩn (chuột phải vào tiêu đề cột > Unhide) để kiểm tra số liệu trong cột.' },
  column_extra: { severity: 'warning', label: 'Cột không có trong biểu mẫu', hint: 'Cột không có trong biểu mẫu nên không được tổng hợp; nếu cần, chuyển nội dung sang cột "Ghi chú".' },
  // cells
  value_not_number: { severity: 'error', label: 'Ô số ghi chữ', hint: 'Nhập một số (ví dụ 711.500), không nhập chữ.' },
  value_negative: { severity: 'error', label: 'Số âm', hint: 'Nhập số không âm.' },
  value_ambiguous_number: { severity: 'error', label: 'Số không rõ dấu phân cách', hint: 'Không rõ dấu chấm/phẩy là phân cách nghìn hay thập phân; nhập lại số dạng 1.234.567 hoặc 1.234,5.' },
  value_required: { severity: 'error', label: 'Ô bắt buộc để trống', hint: 'Điền ô còn trống.' },
  value_text_number: { severity: 'warning', label: 'Số nhập dạng chữ', hint: 'Số được nhập dạng chữ; baocao đã đọc được, nhưng nên nhập dạng số.' },
  value_date_invalid: { severity: 'error', label: 'Ngày không hợp lệ', hint: 'Nhập ngày dạng ngày/tháng/năm, ví dụ 12/07/2026.' },
  amount_mismatch: { severity: 'error', label: 'Thành tiền không khớp', hint: 'Sửa "Số lượng", "Định mức" hoặc "Thành tiền" cho khớp (Thành tiền = Số lượng × Định mức).' },
  years_mismatch: { severity: 'error', label: 'Số các năm không khớp', hint: 'Sửa số liệu các năm cho tổng các năm bằng "Thành tiền".' },
  total_mismatch: { severity: 'error', label: 'Dòng tổng không khớp', hint: 'Xem lại các dòng được cộng: có thể một dòng thiếu số (số chỉ ghi ở dòng tổng) hoặc ghi sai. Sửa cho dòng tổng bằng tổng các dòng; nếu dòng tổng gõ tay, nên dùng công thức =SUM(…).' },
  subtotal_mismatch: { severity: 'error', label: 'Dòng chi tiết không khớp', hint: 'Dòng này có các dòng chi tiết bên dưới (đánh số 1.1, 1.2…, a, b… hoặc gạch đầu dòng): số của dòng phải bằng tổng các dòng chi tiết. Nếu dòng chi tiết là khoản riêng, đánh số tiếp theo như các dòng khác (không dùng 1.1, a, -); nếu chỉ để diễn giải, xóa số ở dòng chi tiết hoặc ở dòng trên.' },
  money_unit_mismatch: { severity: 'error', label: 'Sai đơn vị tiền', hint: 'Đổi mọi số tiền của sheet sang đơn vị của kế hoạch (ví dụ sheet ghi bằng đồng mà kế hoạch tính bằng 1000 đồng thì chia cho 1.000) và sửa đơn vị ở tiêu đề cho đúng; dùng biểu mẫu baocao tạo để khỏi nhầm.' },
  column_period_mismatch: { severity: 'error', label: 'Cột ghi kỳ khác', hint: 'Đề nghị cơ quan ghi số đã thực hiện của đúng kỳ báo cáo và sửa tiêu đề cột cho đúng; tốt nhất là dùng biểu mẫu baocao tạo cho đợt này.' },
  indicator_unit_mismatch: { severity: 'error', label: 'Sai đơn vị chỉ tiêu', hint: 'Đổi số liệu của dòng này sang đơn vị của kế hoạch (ví dụ kế hoạch tính bằng tỷ đồng mà dòng ghi bằng triệu đồng thì chia cho 1.000) và sửa ô Đơn vị tính cho đúng.' },
  indicator_outlier: { severity: 'warning', label: 'Số liệu khác thường', hint: 'Kiểm tra lại số liệu: có thể thừa hoặc thiếu chữ số 0, hoặc ghi theo đơn vị khác; nếu số liệu đúng thì không cần sửa (baocao vẫn tổng hợp số này).' },
  indicator_over_100: { severity: 'warning', label: 'Tỷ lệ vượt 100%', hint: 'Kiểm tra lại số liệu: tỷ lệ phần trăm của một bộ phận (dân số, doanh nghiệp, sản phẩm…) không thể vượt 100%; thường là mất dấu phẩy thập phân (ghi 58,5 chứ không phải 585). Nếu chỉ tiêu này đúng là có thể vượt 100% thì không cần sửa (baocao vẫn tổng hợp số này).' },
  indicator_cumulative: { severity: 'warning', label: 'Có thể là số lũy kế', hint: 'Nếu đây là số lũy kế từ đầu năm, sửa thành số của riêng kỳ báo cáo (số lũy kế trừ đi số các kỳ trước đã báo cáo) rồi gửi lại; nếu đúng là số của riêng kỳ này thì không cần sửa (baocao vẫn tổng hợp số này).' },
  indicator_partial: { severity: 'warning', label: 'Có thể thiếu các tháng đầu kỳ', hint: 'Nếu số này chỉ tính các tháng sau lần báo cáo trước, sửa thành số của cả kỳ (cộng thêm số các đợt trước đã báo cáo) rồi gửi lại; nếu số đúng thì không cần sửa (baocao vẫn tổng hợp số này).' },
  indicator_base_mismatch: { severity: 'warning', label: 'Số cùng kỳ khác báo cáo năm trước', hint: 'Nếu số năm trước đã được điều chỉnh (số chính thức thay số ước tính), ghi rõ ở cột Ghi chú của dòng này; nếu không, sửa số cùng kỳ cho khớp số cơ quan đã báo cáo năm trước rồi gửi lại (baocao vẫn tổng hợp số này).' },
  submission_copied: { severity: 'warning', label: 'Số liệu giống hệt cơ quan khác', hint: 'Hỏi lại hai cơ quan: cơ quan nào đã chép số liệu hoặc gửi nhầm tệp thì gửi lại tệp đúng của mình; nếu số liệu đúng là trùng nhau thì không cần sửa (baocao vẫn tổng hợp cả hai tệp).' },
  indicator_same_as_earlier: { severity: 'warning', label: 'Số liệu giống hệt lần báo cáo trước', hint: 'Kiểm tra lại: nếu đã chép bảng số liệu của lần báo cáo trước, sửa thành số liệu của kỳ này rồi gửi lại; nếu số liệu đúng là không đổi thì không cần sửa (baocao vẫn tổng hợp số này).' },
  task_status_regressed: { severity: 'warning', label: 'Tình trạng ngược với lần báo cáo trước', hint: 'Hỏi lại cơ quan: nếu nhiệm vụ đã hoàn thành thì sửa tình trạng thành "Hoàn thành" rồi gửi lại; nếu lần trước báo cáo nhầm, ghi rõ lý do ở cột kết quả thực hiện.' },
  plan_base_mismatch: { severity: 'warning', label: 'Số cùng kỳ của kế hoạch khác báo cáo năm trước', hint: 'Nếu số năm trước đã được điều chỉnh (số chính thức) thì không cần sửa; nếu chép nhầm, sửa ô này trong tệp ke-hoach.xlsx cho khớp số đã báo cáo năm trước.' },
  formula_no_result: { severity: 'error', label: 'Công thức chưa có kết quả', hint: 'Mở tệp bằng Excel (để Excel tính lại công thức), nhấn Lưu rồi gửi lại; hoặc gõ thẳng con số vào ô.' },
  formula_result_wrong: { severity: 'warning', label: 'Kết quả công thức sai', hint: 'Kết quả công thức lưu trong tệp không khớp số liệu; mở bằng Excel và lưu lại.' },
  task_status_missing: { severity: 'error', label: 'Thiếu tình trạng nhiệm vụ', hint: 'Chọn tình trạng trong danh sách: Hoàn thành / Đang thực hiện / Chưa thực hiện / Không thực hiện.' },
  task_status_invalid: { severity: 'error', label: 'Tình trạng nhiệm vụ sai', hint: 'Chọn tình trạng trong danh sách: Hoàn thành / Đang thực hiện / Chưa thực hiện / Không thực hiện.' },
  task_unknown: { severity: 'warning', label: 'Nhiệm vụ không có trong kế hoạch', hint: 'Kiểm tra số thứ tự nhiệm vụ theo kế hoạch; dòng này không được tổng hợp.' },
  task_id_mismatch: { severity: 'error', label: 'Số nhiệm vụ không khớp nội dung', hint: 'Sửa số ở cột "Số" cho đúng nhiệm vụ ghi ở cột "Nhiệm vụ" (hoặc ngược lại). Nếu Excel đã đổi số (gõ 1.10 thành 1.1), định dạng ô là Text (Văn bản) rồi gõ lại.' },
  task_result_missing: { severity: 'warning', label: 'Thiếu kết quả nhiệm vụ', hint: 'Ghi tóm tắt kết quả thực hiện nhiệm vụ.' },
  task_not_reported: { severity: 'warning', label: 'Nhiệm vụ chưa báo cáo', hint: 'Bổ sung dòng báo cáo cho nhiệm vụ được giao.' },
  indicator_unknown: { severity: 'warning', label: 'Chỉ tiêu không có trong kế hoạch', hint: 'Kiểm tra mã chỉ tiêu theo biểu mẫu; dòng này không được tổng hợp.' },
  indicator_not_reported: { severity: 'warning', label: 'Chỉ tiêu chưa có số liệu', hint: 'Bổ sung số liệu thực hiện của chỉ tiêu.' },
  period_sum_mismatch: { severity: 'error', label: 'Số các quý không khớp', hint: 'Sửa số liệu các quý hoặc số của cả kỳ cho khớp (cộng các quý bằng số cả kỳ).' },
  parts_sum_mismatch: { severity: 'error', label: 'Số thành phần không khớp', hint: 'Sửa số liệu các chỉ tiêu thành phần hoặc chỉ tiêu tổng cho khớp.' },
  scenario_inconsistent: { severity: 'warning', label: 'Kịch bản không nhất quán', hint: 'Bảng số liệu không nhất quán: đừng chép tiếp các con số này; dùng số baocao tính lại từ dữ liệu và đề nghị cơ quan soạn thảo rà soát.' },
  spent_missing: { severity: 'warning', label: 'Chưa ghi số đã thực hiện', hint: 'Ghi số kinh phí đã thực hiện của dòng này; nếu chưa chi thì ghi 0.' },
  spending_over_estimate: { severity: 'warning', label: 'Chi vượt dự toán', hint: 'Kiểm tra lại số kinh phí đã thực hiện; số này vượt dự toán của năm.' },
  text_legacy_encoding: { severity: 'warning', label: 'Chữ gõ bảng mã cũ', hint: 'Chữ được gõ bằng bảng mã cũ (TCVN3/VNI); baocao đã chuyển sang Unicode. Nên dùng phông Unicode (Times New Roman).' },
  merged_cell: { severity: 'warning', label: 'Ô bị gộp', hint: 'Bỏ gộp ô trong vùng số liệu để mỗi ô có một giá trị.' },
  row_hidden: { severity: 'warning', label: 'Dòng bị ẩn', hint: 'Dòng bị ẩn vẫn được tổng hợp; bỏ ẩn để kiểm tra.' },
  info_field_missing: { severity: 'warning', label: 'Thiếu thông tin người lập', hint: 'Điền đủ thông tin ở sheet "Thông tin".' },
  // hostile content (issue 10)
  text_invalid_char: { severity: 'warning', label: 'Ký tự lạ trong ô', hint: 'Gõ lại nội dung ô (không dán từ phần mềm khác) rồi lưu tệp; baocao đã bỏ các ký tự lạ để báo cáo mở được bình thường.' },
  text_too_long: { severity: 'warning', label: 'Nội dung ô quá dài', hint: 'Rút gọn nội dung ô (một ô Excel chứa tối đa 32.767 ký tự); phần dài hơn nên gửi thành tài liệu kèm theo.' },
  value_out_of_range: { severity: 'error', label: 'Số quá lớn', hint: 'Kiểm tra lại con số (có thể gõ thừa chữ số hoặc dán nhầm); nhập đúng số liệu rồi gửi lại.' },
  internal_error: { severity: 'error', label: 'Lỗi của baocao', hint: 'Đây là lỗi của baocao, không phải lỗi của tệp: xin báo lại cho người quản lý baocao, gửi kèm tệp này. Các tệp khác vẫn được kiểm tra bình thường.' },
} as const satisfies Record<string, { severity: Severity; label: string; hint: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

/**
 * Codes about this machine's copy of a file, not about what the agency sent (the workbook is open
 * in Excel here): never marked in the copy sent back to the agency.
 */
const LOCAL_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['file_open_elsewhere']);

/** True when a finding is for the agency to act on (it goes into the marked copy sent back). */
export function forTheAgency(f: Pick<Finding, 'code'>): boolean {
  return !LOCAL_CODES.has(f.code);
}

/** The Vietnamese label of a finding code ("Cơ quan chưa nộp" for agency_missing). */
export function findingLabel(code: FindingCode): string {
  return FINDING_CODES[code]?.label ?? code;
}

/** One problem in one input, located as the user sees it in Excel (parsed back from caches by the store). */
export const findingSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  cell: z.string(),
  severity: z.enum(SEVERITIES),
  code: z.enum(Object.keys(FINDING_CODES) as [FindingCode, ...FindingCode[]]),
  /** What is wrong, in Vietnamese, with the expected and the actual value. */
  message: z.string(),
  /** What to do next, in Vietnamese. */
  hint: z.string(),
  /** Technical detail for whoever maintains baocao (an exception's text); never shown to staff. */
  detail: z.string().optional(),
});
export type Finding = Readonly<z.infer<typeof findingSchema>>;

export interface FindingInput {
  readonly file: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly code: FindingCode;
  readonly message: string;
  readonly severity?: Severity;
  readonly hint?: string;
  readonly detail?: string;
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
    ...(input.detail !== undefined ? { detail: input.detail } : {}),
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

/** How a severity reads in Vietnamese (console, kiem-tra.xlsx, annotated copies). */
export const SEVERITY_LABELS = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Tệp kèm theo' } as const satisfies Record<Severity, string>;

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

/**
 * The finding for an exception baocao did not expect while checking one file (a bug, not the
 * file's fault): the file is left out, the others go on. The exception's text stays in `detail`.
 */
export function internalErrorFinding(file: string, err: unknown): Finding {
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return finding({
    file,
    code: 'internal_error',
    message: `Tệp "${file}" chưa kiểm tra được do lỗi của baocao — xin báo lại. Tệp này không được tổng hợp trong lần chạy này.`,
    detail,
  });
}
