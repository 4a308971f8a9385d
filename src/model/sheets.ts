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
  indicators: 'Chỉ tiêu',
  indicatorValues: 'Số liệu chỉ tiêu',
  scenario: 'Kịch bản tăng trưởng',
} as const;

export const PLAN_INDICATOR_HEADERS = {
  code: 'Mã',
  name: 'Chỉ tiêu',
  unit: 'Đơn vị tính',
  group: 'Nhóm',
  owner: 'Cơ quan phụ trách',
  combine: 'Cách tổng hợp',
  direction: 'Chiều',
  kind: 'Loại',
  grdp: 'GRDP',
  parent: 'Thuộc chỉ tiêu',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  accumulate: 'Cộng dồn cả giai đoạn',
  baselineYear: 'Năm gốc',
  baselineValue: 'Giá trị năm gốc',
  targetYear: 'Năm mục tiêu',
  targetValue: 'Mục tiêu',
} as const;

/** Words staff type in the indicator sheet, by field (matched ignoring case and diacritics). */
export const INDICATOR_WORDS = {
  combine: { sum: ['Cộng', 'Tổng', 'Cộng các cơ quan'], single: ['Một nguồn', 'Cơ quan phụ trách', 'Một cơ quan'] },
  direction: {
    min: ['Tối thiểu', 'Không thấp hơn', 'Càng cao càng tốt', 'Trở lên', 'Đạt', 'Từ'],
    max: ['Tối đa', 'Không vượt quá', 'Càng thấp càng tốt'],
    above: ['Trên', 'Lớn hơn', 'Hơn'],
    below: ['Dưới', 'Nhỏ hơn', 'Ít hơn'],
  },
  kind: {
    flow: ['Cộng dồn', 'Lưu lượng', 'Phát sinh'],
    stock: ['Thời điểm', 'Số dư', 'Số lượng'],
    rate: ['Tỷ lệ', 'Tốc độ', 'Phần trăm'],
    ratio: ['Tỷ lệ tính từ số liệu', 'Tử số/Mẫu số', 'Tỷ lệ tính'],
    coverage: ['Tỷ lệ đơn vị có', 'Tỷ lệ đơn vị đạt', 'Độ phủ'],
  },
  grdp: { nlts: ['NLTS', 'Nông lâm thủy sản'], cnxd: ['CNXD', 'Công nghiệp xây dựng'], dv: ['DV', 'Dịch vụ'], thue: ['THUE', 'Thuế sản phẩm'], total: ['GRDP', 'Tổng', 'Tổng sản phẩm'] },
} as const;

export const PLAN_VALUE_HEADERS = {
  code: 'Mã',
  period: 'Kỳ',
  plan: 'Kế hoạch',
  scenario: 'Kịch bản',
  base: 'Cùng kỳ năm trước',
} as const;

export const PLAN_SCENARIO_HEADERS = {
  code: 'Mã',
  label: 'Khu vực',
  q1: 'Quý I',
  q2: 'Quý II',
  h1: '6 tháng đầu năm',
  q3: 'Quý III',
  q4: 'Quý IV',
  h2: '6 tháng cuối năm',
  year: 'Cả năm',
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
  deadline: 'Hạn nộp (ngày trong tháng)',
  group: 'Nhóm',
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
  indicators: 'Chỉ tiêu',
} as const;

export type FormSheetKey = 'tasks' | 'budget' | 'indicators';

/** Other names the validators accept for a form's sheets (folded: without diacritics). */
export const FORM_SHEET_ALIASES: Readonly<Record<'info' | FormSheetKey, readonly string[]>> = {
  info: ['Thong tin chung'],
  tasks: ['Nhiem vu', 'Tien do'],
  budget: ['Kinh phi', 'Du toan'],
  indicators: ['Chi tieu'],
};

/** The sheet a marked copy sent back to an agency starts with (render/xlsx/annotate.ts): its list of findings, never figures. */
export const ANNOTATION_SHEET = 'Lỗi cần sửa';

/** Headers of the "Chỉ tiêu" sheet of a form; quarter columns sit before "Thực hiện kỳ này" when the period spans quarters. */
export const FORM_INDICATOR_HEADERS = {
  stt: 'STT',
  code: 'Mã',
  name: 'Chỉ tiêu',
  unit: 'Đơn vị tính',
  plan: 'Kế hoạch',
  actual: 'Thực hiện kỳ này',
  base: 'Cùng kỳ năm trước',
  note: 'Ghi chú',
} as const;

export const QUARTER_HEADERS = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'] as const;

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

/** The money unit FORM_BUDGET_HEADERS are written with; a plan's own unit (plan.info.moneyUnit) takes its place. */
export const FORM_MONEY_UNIT = '1000 đồng';

/** A header of FORM_BUDGET_HEADERS with the plan's money unit: "Thành tiền (triệu đồng)". */
export function withMoneyUnit(header: string, unit: string = FORM_MONEY_UNIT): string {
  return header.replace(`(${FORM_MONEY_UNIT})`, `(${unit})`);
}

/** Header of the progress-round column: money actually spent in the round's year, in the plan's money unit. */
export function spentHeader(year: number, unit: string = FORM_MONEY_UNIT): string {
  return `Đã thực hiện năm ${year} (${unit})`;
}

/** Every header of the budget sheet in order: the fixed ones, one per plan year, the spent column of a progress round's year (null: none), "Ghi chú". */
export function budgetHeaders(years: readonly number[], spentYear: number | null, unit: string = FORM_MONEY_UNIT): string[] {
  const h = FORM_BUDGET_HEADERS;
  return [h.stt, h.content, h.unit, h.quantity, withMoneyUnit(h.rate, unit), withMoneyUnit(h.amount, unit), ...years.map(yearHeader), ...(spentYear !== null ? [spentHeader(spentYear, unit)] : []), h.note];
}
