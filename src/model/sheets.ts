/**
 * Sheet and column names of the plan workbook and of the agency forms, in one place.
 * Readers match them ignoring case, diacritics and punctuation; writers use them as written.
 */

export const PLAN_FILE = 'ke-hoach.xlsx';

export const PLAN_SHEETS = {
  info: 'Thông tin chung',
  agencies: 'Cơ quan',
  fields: 'Lĩnh vực',
  tasks: 'Nhiệm vụ',
  recipients: 'Nơi nhận',
} as const;

/** Keys of the "Thông tin chung" sheet (column A label → column B value). */
export const PLAN_INFO_LABELS = {
  title: 'Tên kế hoạch',
  number: 'Số kế hoạch',
  symbol: 'Ký hiệu',
  issuedDate: 'Ngày ban hành',
  issuer: 'Cơ quan ban hành',
  issuerShort: 'Tên cơ quan ban hành (viết thường)',
  superior: 'Cơ quan chủ quản',
  province: 'Tỉnh',
  place: 'Địa danh',
  secretariat: 'Cơ quan tổng hợp',
  reportSymbol: 'Ký hiệu báo cáo',
  signAuthority: 'Quyền hạn ký',
  signDeputy: 'Ký thay',
  signTitle: 'Chức vụ người ký',
  signName: 'Họ tên người ký',
  storage: 'Lưu',
  years: 'Các năm của kế hoạch',
  moneyUnit: 'Đơn vị tiền',
  reportTo: 'Kính gửi',
} as const;

export const PLAN_AGENCY_HEADERS = {
  code: 'Mã',
  name: 'Tên cơ quan',
  aliases: 'Tên gọi khác',
  sheets: 'Biểu phải nộp',
} as const;

export const PLAN_FIELD_HEADERS = {
  number: 'Số',
  title: 'Lĩnh vực',
} as const;

export const PLAN_TASK_HEADERS = {
  id: 'Số',
  text: 'Nội dung nhiệm vụ',
  time: 'Thời gian',
  lead: 'Cơ quan chủ trì',
  coordinators: 'Cơ quan phối hợp',
  coordinatorCodes: 'Phối hợp báo cáo',
} as const;

/** Sheets of an agency form. */
export const FORM_SHEETS = {
  info: 'Thông tin',
  tasks: 'Nhiệm vụ',
  budget: 'Kinh phí',
} as const;

export type FormSheetKey = 'tasks' | 'budget';

/** Labels of the "Thông tin" sheet of a form (column A label → column B value). */
export const FORM_INFO_LABELS = {
  plan: 'Kế hoạch',
  agency: 'Cơ quan báo cáo',
  agencyCode: 'Mã cơ quan',
  round: 'Đợt báo cáo',
  submissionNo: 'Lần nộp',
  preparedBy: 'Người lập',
  phone: 'Điện thoại',
  preparedDate: 'Ngày lập',
} as const;

export const TASK_STATUSES = ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thực hiện'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FORM_TASK_HEADERS = {
  id: 'Số',
  text: 'Nhiệm vụ',
  role: 'Vai trò',
  status: 'Tình trạng',
  result: 'Kết quả thực hiện',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Kiến nghị, đề xuất',
} as const;

/** Fixed budget headers; year columns "Năm 2025" … follow "Thành tiền", then the progress column, then "Ghi chú". */
export const FORM_BUDGET_HEADERS = {
  stt: 'STT',
  content: 'Nội dung',
  unit: 'Đơn vị tính',
  quantity: 'Số lượng',
  rate: 'Định mức (1000 đồng)',
  amount: 'Thành tiền (1000 đồng)',
  note: 'Ghi chú',
} as const;

/** Header of one year column of the budget sheet. */
export function yearHeader(year: number): string {
  return `Năm ${year}`;
}

/** Header of the progress-round column: money actually spent in the round's year. */
export function spentHeader(year: number): string {
  return `Đã thực hiện năm ${year} (1000 đồng)`;
}
