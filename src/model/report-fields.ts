/**
 * The fields a report template can use: the data `reportView()` (render/report.ts) hands to
 * templates/bao-cao.docx, as a zod schema with a Vietnamese description and an example value for
 * every field. It serves three purposes:
 *   - `baocao templates fields` lists the fields from it (render/field-check.ts `listFields`);
 *   - `baocao templates check` finds an unknown field in a template without any data;
 *   - a test parses the view of every shipped round with it, so the schema and the data cannot
 *     drift apart (objects are strict: a field added to the view must be added here).
 */
import * as z from 'zod';
import { planSchema } from './plan.js';

/** A field description for staff, with an example value shown by `templates fields`. */
function d<T extends z.ZodType>(schema: T, description: string, example?: unknown): T {
  return schema.meta(example === undefined ? { description } : { description, example }) as T;
}

const text = (description: string, example?: string) => d(z.string(), description, example);
const num = (description: string, example?: number) => d(z.number(), description, example);
const flag = (description: string, example?: boolean) => d(z.boolean(), description, example);
const list = <T extends z.ZodType>(item: T, description: string) => d(z.array(item), description);
const maybe = <T extends z.ZodType>(schema: T, description: string) => d(schema.nullable(), description);

const signer = z.strictObject({
  authority: text('Thẩm quyền ký (dòng đầu khối chữ ký)', 'TM. ỦY BAN NHÂN DÂN'),
  deputy: text('"KT. CHỦ TỊCH" khi cấp phó ký thay; rỗng nếu không', 'KT. CHỦ TỊCH'),
  title: text('Chức vụ người ký', 'PHÓ CHỦ TỊCH'),
  name: text('Họ tên người ký', 'Đoàn Thu Hà'),
});

const info = z.strictObject({
  title: text('Tên kế hoạch', 'Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030'),
  number: text('Số của kế hoạch (rỗng khi chưa có số)', '154'),
  symbol: text('Ký hiệu của kế hoạch', 'KH-UBND'),
  issued: d(
    z.strictObject({ year: num('Năm ban hành', 2025), month: d(z.number().optional(), 'Tháng ban hành', 7), day: d(z.number().optional(), 'Ngày ban hành', 15) }).nullable(),
    'Ngày ban hành kế hoạch (theo phần đã biết)',
  ),
  issuer: text('Cơ quan ban hành, chữ in hoa như ở góc trái', 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN'),
  issuerShort: text('Cơ quan ban hành, viết trong câu', 'UBND tỉnh Lạng Sơn'),
  superior: text('Cơ quan chủ quản (dòng trên cơ quan ban hành; thường rỗng)', ''),
  province: text('Tỉnh', 'Lạng Sơn'),
  place: text('Địa danh ở dòng ngày tháng', 'Lạng Sơn'),
  secretariat: text('Cơ quan tổng hợp báo cáo', 'Sở Công Thương'),
  reportSymbol: text('Ký hiệu của báo cáo', 'BC-UBND'),
  signer: d(signer, 'Người ký'),
  storage: text('Dòng "Lưu:" của Nơi nhận', 'VT, KT'),
  years: list(num('Một năm của kế hoạch', 2026), 'Các năm của kế hoạch'),
  moneyUnit: text('Đơn vị tiền của các biểu kinh phí', 'triệu đồng'),
  reportTo: list(text('Một nơi nhận', 'Bộ Công Thương'), 'Các nơi "Kính gửi" của báo cáo (rỗng nếu không có)'),
});

const period = z.strictObject({
  kind: d(z.enum(['year', 'half', 'quarter', 'nine-months', 'month']), 'Loại kỳ: year (năm), half (6 tháng), quarter (quý), nine-months (9 tháng), month (tháng)', 'quarter'),
  year: num('Năm của kỳ báo cáo', 2026),
  index: d(z.number().optional(), 'Thứ tự của kỳ trong năm: 6 tháng 1–2, quý 1–4, tháng 1–12', 3),
  label: text('Kỳ báo cáo bằng chữ', 'quý III năm 2026'),
});

const round = z.strictObject({
  id: text('Tên thư mục đợt báo cáo', '2026-Q3'),
  dir: text('Đường dẫn thư mục đợt báo cáo', 'input/langson-tang-truong-2026/2026-Q3'),
  kind: d(z.enum(['estimate', 'progress']), 'Loại đợt: estimate (dự toán kinh phí), progress (báo cáo kết quả)', 'progress'),
  period: maybe(period, 'Kỳ báo cáo (không có ở đợt dự toán)'),
  label: text('Tên đợt bằng chữ', 'quý III năm 2026'),
});

const taskStatus = (description: string) => d(z.string(), description, 'Đang thực hiện');

const result = z.strictObject({
  agencyCode: text('Mã cơ quan', 'SCT'),
  agencyName: text('Tên cơ quan báo cáo', 'Sở Công Thương'),
  role: d(z.enum(['lead', 'coordinator']), 'lead (chủ trì) hoặc coordinator (phối hợp)', 'lead'),
  status: d(z.string().nullable(), 'Tình trạng cơ quan đó báo cáo', 'Hoàn thành'),
  text: text('Kết quả cơ quan đó báo cáo', 'Đã tổ chức 2 lớp tập huấn cho 120 doanh nghiệp'),
  coordinator: flag('Đúng khi là cơ quan phối hợp', false),
  hasText: flag('Đúng khi có nội dung kết quả', true),
});

const noteGroup = z.strictObject({
  text: text('Nội dung (các cơ quan viết giống nhau chỉ nêu một lần)', 'Cần bổ sung kinh phí cho hạ tầng số'),
  taskIds: list(text('Số hiệu nhiệm vụ', '1.2'), 'Các nhiệm vụ có nội dung này'),
  agencies: list(z.strictObject({ code: text('Mã cơ quan', 'SCT'), name: text('Tên cơ quan', 'Sở Công Thương') }), 'Các cơ quan nêu nội dung này'),
  who: text('Ai nêu: tên cơ quan khi không quá 3, hoặc số đếm theo nhóm', '13/65 xã, phường'),
  summed: flag('Đúng khi các con số trong nội dung đã được cộng lại qua các cơ quan', false),
});

const task = z.strictObject({
  id: text('Số hiệu nhiệm vụ', '1.2'),
  text: text('Nội dung nhiệm vụ', 'Xây dựng sàn thương mại điện tử của tỉnh'),
  time: text('Thời gian thực hiện', '2026-2027'),
  leadNames: text('Cơ quan chủ trì', 'Sở Công Thương'),
  leadGroup: d(z.string().nullable(), 'Tên nhóm khi cả nhóm cùng chủ trì (ví dụ mọi xã), hoặc rỗng', null),
  leadCount: num('Số cơ quan chủ trì', 1),
  status: taskStatus('Tình trạng của nhiệm vụ'),
  sharedResults: list(noteGroup, 'Nhiệm vụ cả nhóm chủ trì: các kết quả nhiều thành viên viết giống nhau'),
  statusLower: text('Tình trạng, viết thường', 'đang thực hiện'),
  reported: flag('Đúng khi cơ quan chủ trì đã báo cáo', true),
  results: list(result, 'Kết quả từng cơ quan báo cáo'),
  leadResults: list(result, 'Kết quả của cơ quan chủ trì (trùng nhau từng chữ chỉ giữ một)'),
  groupSummary: text('Nhiệm vụ cả nhóm chủ trì: câu tóm tắt số đơn vị đã báo cáo và kết quả chủ yếu', '65/65 xã, phường đã báo cáo.'),
  coordinatorResults: list(result, 'Kết quả của các cơ quan phối hợp (trùng nhau từng chữ chỉ giữ một)'),
});

const field = z.strictObject({
  number: text('Số thứ tự lĩnh vực', '1'),
  title: text('Tên lĩnh vực', 'Hoàn thiện thể chế, chính sách'),
  tasks: list(task, 'Các nhiệm vụ của lĩnh vực'),
});

const note = z.strictObject({
  agencyName: text('Ai nêu (như who)', 'Sở Công Thương'),
  who: text('Ai nêu: tên cơ quan khi không quá 3, hoặc số đếm theo nhóm', '13/65 xã, phường'),
  taskId: text('Các nhiệm vụ, nối bằng ", "', '1.2, 2.1'),
  taskIds: list(text('Số hiệu nhiệm vụ', '1.2'), 'Các nhiệm vụ'),
  agencies: list(z.strictObject({ code: text('Mã cơ quan', 'SCT'), name: text('Tên cơ quan', 'Sở Công Thương') }), 'Các cơ quan nêu nội dung này'),
  text: text('Nội dung', 'Thiếu nhân lực chuyên trách'),
});

const indicatorLine = z.strictObject({
  code: text('Mã chỉ tiêu', 'GRDP'),
  name: text('Tên chỉ tiêu', 'Tổng sản phẩm trên địa bàn (GRDP)'),
  unit: text('Đơn vị tính', 'tỷ đồng'),
  group: text('Nhóm chỉ tiêu', 'Kinh tế'),
  ownerName: text('Cơ quan báo cáo chỉ tiêu', 'Cục Thống kê'),
  kind: text('Loại chỉ tiêu (flow, stock, rate, ratio, coverage…)', 'flow'),
  direction: text('Chiều mong muốn (min: càng cao càng tốt, max: càng thấp càng tốt…)', 'min'),
  actual: d(z.number().nullable(), 'Số thực hiện kỳ này', 12738.8),
  ytd: d(z.number().nullable(), 'Lũy kế từ đầu năm', 35210.4),
  ytdLabel: d(z.string().nullable(), 'Tên kỳ lũy kế', '9 tháng'),
  planYear: d(z.number().nullable(), 'Kế hoạch năm', 48000),
  pctOfPlan: d(z.number().nullable(), '% so với kế hoạch năm', 73.4),
  base: d(z.number().nullable(), 'Cùng kỳ năm trước', 11456.2),
  growth: d(z.number().nullable(), 'Tăng so với cùng kỳ (%)', 11.18),
  changePoints: d(z.number().nullable(), 'Thay đổi so với cùng kỳ (điểm phần trăm, chỉ tiêu tỷ lệ)', null),
  ytdGrowth: d(z.number().nullable(), 'Lũy kế tăng so với cùng kỳ (%)', 8.44),
  scenario: d(z.number().nullable(), 'Kịch bản', 8),
  scenarioGap: d(z.number().nullable(), 'Chênh lệch so với kịch bản', 3.18),
  sources: d(z.array(z.unknown()), 'Các ô nguồn của số liệu'),
  target: maybe(z.strictObject({ year: num('Năm mục tiêu', 2030), value: num('Giá trị mục tiêu', 100) }), 'Mục tiêu nhiều năm'),
  pathValue: d(z.number().nullable(), 'Giá trị lộ trình của năm nay', 60),
  track: d(z.string().nullable(), 'Đánh giá lộ trình: achieved, on-track, at-risk, not-achievable', 'on-track'),
  judged: d(z.number().nullable(), 'Số dùng để đánh giá so với mục tiêu', 62),
  notes: list(text('Một ghi chú', 'Số ước tính'), 'Ghi chú của cơ quan báo cáo'),
  reporting: maybe(z.strictObject({ counted: num('Số đơn vị đã có số liệu', 62), of: num('Số đơn vị phải báo cáo', 65) }), 'Chỉ tiêu nhiều đơn vị cùng báo cáo: số đơn vị đã có số liệu trên số phải báo cáo'),
  sentence: text('Câu nêu kết quả của chỉ tiêu, mỗi số nêu rõ kỳ của nó', 'GRDP: quý III đạt 12.738,8 tỷ đồng, tăng 11,18% so với cùng kỳ'),
});

/** The data of the report template, field by field (see the file header). */
export const reportFields = z.strictObject({
  // Not listed field by field (`opaque`), but every path in it is known to the checker.
  plan: planSchema.meta({ description: 'Toàn bộ kế hoạch (nâng cao): plan.agencies, plan.tasks, plan.indicators…', opaque: true }),
  info: d(info, 'Thông tin chung của kế hoạch'),
  planTitleLower: text('Tên kế hoạch, viết thường chữ đầu (đặt trong câu)', 'phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030'),
  round: d(round, 'Đợt báo cáo'),
  period: text('Kỳ báo cáo bằng chữ', 'quý III năm 2026'),
  noReports: flag('Đúng khi chưa có tệp nào được tổng hợp (chưa ai gửi, hoặc mọi tệp còn lỗi)', false),
  submitted: num('Số tệp được tổng hợp', 42),
  fields: list(field, 'Các lĩnh vực của kế hoạch, mỗi lĩnh vực có các nhiệm vụ'),
  taskCount: num('Số nhiệm vụ', 40),
  counts: list(
    z.strictObject({ status: taskStatus('Tình trạng'), statusLower: text('Tình trạng, viết thường', 'đang thực hiện'), count: num('Số nhiệm vụ', 14) }),
    'Số nhiệm vụ theo tình trạng (chỉ các tình trạng khác 0)',
  ),
  notReported: num('Số nhiệm vụ chưa có báo cáo của cơ quan chủ trì', 3),
  progressParts: list(text('Một vế', '14 nhiệm vụ hoàn thành'), 'Các vế "14 nhiệm vụ hoàn thành", … (chỉ vế khác 0), dùng với {{join progressParts "; "}}'),
  difficulties: list(note, 'Khó khăn, vướng mắc các cơ quan nêu (trùng nhau chỉ nêu một lần)'),
  proposals: list(note, 'Kiến nghị, đề xuất các cơ quan nêu (trùng nhau chỉ nêu một lần)'),
  missing: list(z.strictObject({ code: text('Mã cơ quan', 'SXD'), name: text('Tên cơ quan', 'Sở Xây dựng') }), 'Các cơ quan chưa nộp'),
  missingNames: text('Tên các cơ quan chưa nộp, nối bằng "; "', 'Sở Xây dựng; Sở Tài chính'),
  late: list(
    z.strictObject({ code: text('Mã cơ quan', 'SXD'), name: text('Tên cơ quan', 'Sở Xây dựng'), days: num('Số ngày muộn', 3), file: text('Tệp được dùng', 'SXD.xlsx') }),
    'Các cơ quan gửi muộn hạn nộp',
  ),
  excluded: list(
    z.strictObject({ file: text('Tên tệp', 'So Xay dung.xlsx'), agencyName: text('Tên cơ quan', 'Sở Xây dựng'), errors: num('Số lỗi', 2) }),
    'Các tệp có lỗi, chưa được tổng hợp',
  ),
  budget: maybe(
    z.strictObject({
      unit: text('Đơn vị tiền, bằng chữ', 'triệu đồng'),
      year: d(z.number().nullable(), 'Năm của kinh phí', 2026),
      estimate: text('Dự toán năm, đã định dạng', '5.810,8'),
      spent: text('Đã thực hiện, đã định dạng', '2.345,6'),
      rate: text('Tỷ lệ thực hiện % (rỗng khi không tính được)', '40,37'),
      agencies: num('Số cơ quan đã báo cáo kinh phí', 12),
      expected: num('Số cơ quan phải báo cáo kinh phí', 14),
      hasEstimate: flag('Đúng khi có dự toán', true),
      hasSpent: flag('Đúng khi có số đã thực hiện', true),
    }),
    'Kinh phí (rỗng nếu kế hoạch không có kinh phí)',
  ),
  grdp: maybe(
    z.strictObject({
      periodLabel: text('Kỳ của số GRDP', 'quý III'),
      growthWords: text('Mức tăng bằng chữ', 'tăng 11,18%'),
      scenarioText: d(z.string().nullable(), 'Kịch bản (%)', '8'),
      gapWords: d(z.string().nullable(), 'So với kịch bản bằng chữ', 'cao hơn 3,18 điểm phần trăm so với'),
      components: list(
        z.strictObject({
          name: text('Tên khu vực', 'Công nghiệp và xây dựng'),
          growthWords: text('Mức tăng bằng chữ', 'tăng 12,5%'),
          contributionText: text('Đóng góp (điểm phần trăm; rỗng khi không tính được)', '3,42'),
        }),
        'Các khu vực kinh tế',
      ),
      ytdLabel: d(z.string().nullable(), 'Kỳ lũy kế', '9 tháng'),
      ytdGrowthWords: d(z.string().nullable(), 'Mức tăng lũy kế bằng chữ', 'tăng 8,44%'),
      required: maybe(
        z.strictObject({
          targetText: text('Mục tiêu tăng trưởng cả năm (%)', '8'),
          remainingLabel: text('Phần còn lại của năm', 'quý IV'),
          valueText: text('Mức tăng tối thiểu cần đạt (%)', '7,2'),
        }),
        'Mức tăng cần đạt để hoàn thành mục tiêu năm',
      ),
    }),
    'Câu về tăng trưởng GRDP (rỗng nếu không có số liệu)',
  ),
  indicatorLines: list(indicatorLine, 'Các chỉ tiêu có số liệu, mỗi chỉ tiêu một câu (sentence) và các số'),
  noFigure: list(z.strictObject({ name: text('Tên chỉ tiêu', 'Tỷ lệ doanh nghiệp dùng hóa đơn điện tử'), ownerName: text('Cơ quan báo cáo', 'Thuế tỉnh') }), 'Các chỉ tiêu chưa có số liệu'),
  hasIndicators: flag('Đúng khi kế hoạch có chỉ tiêu', true),
  offTrack: list(z.strictObject({ name: text('Tên chỉ tiêu', 'Tỷ lệ dân số dùng ví điện tử'), label: text('Đánh giá', 'có nguy cơ không đạt') }), 'Các chỉ tiêu có nguy cơ không đạt hoặc khó đạt mục tiêu'),
  gaps: list(text('Một câu', 'GRDP quý III thấp hơn kịch bản 0,5 điểm phần trăm.'), 'Các câu cho mục II do số liệu cho thấy'),
  appendixList: text('Các phụ lục kèm theo', 'Phụ lục I (Tình hình thực hiện các nhiệm vụ), Phụ lục II (…)'),
  appendixCount: num('Số phụ lục', 2),
  issuerLines: text('Cơ quan ban hành ở góc trái, xuống dòng ở chỗ các cơ quan vẫn xuống dòng khi tên dài', 'ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN'),
  numberLine: text('Dòng số, ký hiệu của báo cáo (để trống số cho văn thư)', 'Số:      /BC-UBND'),
  dateLine: text('Dòng địa danh, ngày tháng (để trống ngày, tháng cho văn thư)', 'Lạng Sơn, ngày      tháng      năm 2026'),
  reportToSingle: text('Nơi "Kính gửi" khi chỉ có một nơi (rỗng nếu không có hoặc có nhiều nơi)', 'Ban Thường vụ Tỉnh ủy'),
  reportToFirst: text('Nơi "Kính gửi" đầu tiên khi có nhiều nơi (rỗng nếu không)', 'Bộ Công Thương'),
  reportToRest: list(text('Một nơi "Kính gửi"', 'Bộ Tài chính'), 'Các nơi "Kính gửi" tiếp theo khi có nhiều nơi'),
  recipients: list(text('Một nơi nhận, không có gạch đầu dòng và dấu câu cuối', 'Như trên'), 'Các dòng Nơi nhận, dòng cuối là "Lưu: …"'),
});

export type ReportFields = z.infer<typeof reportFields>;
