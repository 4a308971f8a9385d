/**
 * Seed 001: the Lạng Sơn e-commerce plan 2026–2030. Fourteen departments (the numbered items of
 * section V, plus the customs office named in section III) and the People's Committees of the
 * province's 65 communes and wards (one group, "UBND các xã, phường"); the targets of section
 * II.2 with direction, baseline (2025) and horizon (2030) — rates derived from counts wherever
 * the counts exist; the tasks of section V; plausible submissions for the rounds 2026 and 2027.
 */
import type { PlanData } from './plan-workbook.js';
import type { TaskInput } from './fill.js';

export const TMDT_PLAN_ID = 'langson-tmdt-2026-2030';
export const TMDT_ROUNDS = ['2026', '2027'] as const;
export type TmdtRound = (typeof TMDT_ROUNDS)[number];

/** The group every commune and ward belongs to (as written in the plan). */
export const COMMUNES_GROUP = 'UBND các xã, phường';

/** The departments: [code, name, aliases]. Order = the order of section V. */
const DEPARTMENTS: readonly [string, string, string[]][] = [
  ['SCT', 'Sở Công Thương', ['Công Thương', 'SCT']],
  ['STC', 'Sở Tài chính', ['Tài chính', 'STC']],
  ['SKHCN', 'Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Khoa học và Công nghệ']],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường', ['Sở NN&MT', 'Nông nghiệp và Môi trường']],
  ['SGDDT', 'Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Giáo dục và Đào tạo']],
  ['BQLKKT', 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn', ['Ban Quản lý Khu KTCK Đồng Đăng - Lạng Sơn', 'BQL KKTCK', 'Ban Quản lý Khu kinh tế']],
  ['TTXT', 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh', ['TTXTĐTTMDL tỉnh', 'Trung tâm Xúc tiến']],
  ['NHNN', 'Ngân hàng Nhà nước khu vực 5', ['NHNN khu vực 5', 'Ngân hàng Nhà nước']],
  ['CA', 'Công an tỉnh', ['Công an tỉnh Lạng Sơn', 'Công an']],
  ['THUE', 'Thuế tỉnh Lạng Sơn', ['Thuế tỉnh', 'Thuế']],
  ['HQ', 'Chi cục Hải quan khu vực VI', ['Hải quan khu vực VI', 'Hải quan']],
  ['BAO', 'Báo và Đài Phát thanh - Truyền hình Lạng Sơn', ['Báo và Đài PT-TH Lạng Sơn', 'Báo và Đài Phát thanh truyền hình Lạng Sơn']],
  ['LMHTX', 'Liên minh Hợp tác xã tỉnh', ['Liên minh HTX tỉnh', 'LMHTX']],
  ['HHDN', 'Hiệp hội Doanh nghiệp tỉnh', ['HHDN tỉnh', 'Hiệp hội Doanh nghiệp']],
];

/**
 * The 65 communes and wards of Lạng Sơn (from 01/7/2025), by former district; the names seeds
 * 001 and 003 mention are all here. [name, ward?]
 */
const COMMUNE_NAMES: readonly [string, boolean][] = [
  // Wards of the provincial capital.
  ['Đông Kinh', true],
  ['Kỳ Lừa', true],
  ['Lương Văn Tri', true],
  ['Tam Thanh', true],
  // Tràng Định
  ['Thất Khê', false],
  ['Đoàn Kết', false],
  ['Tân Tiến', false],
  ['Tràng Định', false],
  ['Quốc Khánh', false],
  ['Kháng Chiến', false],
  ['Quốc Việt', false],
  // Bình Gia
  ['Bình Gia', false],
  ['Tân Văn', false],
  ['Hồng Phong', false],
  ['Hoa Thám', false],
  ['Quý Hòa', false],
  ['Thiện Hòa', false],
  ['Thiện Thuật', false],
  ['Thiện Long', false],
  // Bắc Sơn
  ['Bắc Sơn', false],
  ['Hưng Vũ', false],
  ['Vũ Lăng', false],
  ['Nhất Hòa', false],
  ['Vũ Lễ', false],
  ['Tân Tri', false],
  // Văn Quan
  ['Văn Quan', false],
  ['Điềm He', false],
  ['Tri Lễ', false],
  ['Yên Phúc', false],
  ['Tân Đoàn', false],
  ['Khánh Khê', false],
  // Văn Lãng
  ['Na Sầm', false],
  ['Hoàng Văn Thụ', false],
  ['Thụy Hùng', false],
  ['Hội Hoan', false],
  ['Văn Lãng', false],
  // Lộc Bình
  ['Lộc Bình', false],
  ['Mẫu Sơn', false],
  ['Na Dương', false],
  ['Lợi Bác', false],
  ['Thống Nhất', false],
  ['Xuân Dương', false],
  ['Khuất Xá', false],
  // Đình Lập
  ['Đình Lập', false],
  ['Thái Bình', false],
  ['Châu Sơn', false],
  ['Kiên Mộc', false],
  // Cao Lộc
  ['Đồng Đăng', false],
  ['Cao Lộc', false],
  ['Công Sơn', false],
  ['Ba Sơn', false],
  // Chi Lăng
  ['Chi Lăng', false],
  ['Nhân Lý', false],
  ['Chiến Thắng', false],
  ['Quan Sơn', false],
  ['Bằng Mạc', false],
  ['Vạn Linh', false],
  // Hữu Lũng
  ['Hữu Lũng', false],
  ['Tuấn Sơn', false],
  ['Tân Thành', false],
  ['Vân Nham', false],
  ['Thiện Tân', false],
  ['Yên Bình', false],
  ['Hữu Liên', false],
  ['Cai Kinh', false],
];

export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly place: string;
  readonly ward: boolean;
}

export const COMMUNES: readonly Commune[] = COMMUNE_NAMES.map(([place, ward], i) => ({
  code: `X${String(i + 1).padStart(2, '0')}`,
  name: `UBND ${ward ? 'phường' : 'xã'} ${place}`,
  place,
  ward,
}));

/** Codes of the departments, in order. */
export const DEPARTMENT_CODES = DEPARTMENTS.map(([code]) => code);

// --- Fields and tasks: section V, one field per numbered item, one task per bullet.

type TaskRow = PlanData['tasks'][number];
const task = (id: string, lead: string, text: string, time: string, coordinators = '', coordinatorCodes = ''): TaskRow => ({ id, text, time, lead, coordinators, coordinatorCodes });

const fields: PlanData['fields'] = [
  { number: '1', title: 'Sở Công Thương' },
  { number: '2', title: 'Sở Tài chính' },
  { number: '3', title: 'Sở Khoa học và Công nghệ' },
  { number: '4', title: 'Sở Nông nghiệp và Môi trường' },
  { number: '5', title: 'Sở Giáo dục và Đào tạo' },
  { number: '6', title: 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn' },
  { number: '7', title: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh' },
  { number: '8', title: 'Ngân hàng Nhà nước khu vực 5' },
  { number: '9', title: 'Công an tỉnh' },
  { number: '10', title: 'Thuế tỉnh Lạng Sơn' },
  { number: '11', title: 'Các sở, ngành khác có liên quan' },
  { number: '12', title: 'UBND các xã, phường' },
  { number: '13', title: 'Báo và Đài Phát thanh - Truyền hình Lạng Sơn' },
  { number: '14', title: 'Liên minh Hợp tác xã tỉnh, Hiệp hội Doanh nghiệp tỉnh và các hội, hiệp hội' },
];

const tasks: PlanData['tasks'] = [
  task(
    '1.1',
    'SCT',
    'Chủ trì, phối hợp với các sở, ngành, UBND các xã, phường, các cơ quan liên quan tổ chức triển khai thực hiện Kế hoạch; hằng năm xây dựng kế hoạch, dự toán chi tiết triển khai các nhiệm vụ phát triển TMĐT trên địa bàn tỉnh; nghiên cứu, đăng ký thực hiện Đề án trong khuôn khổ Chương trình phát triển TMĐT quốc gia hằng năm; phối hợp chặt chẽ với Cục Thương mại điện tử và Kinh tế số - Bộ Công Thương tổ chức, triển khai các nhiệm vụ phát triển TMĐT.',
    'Hằng năm',
    'Các sở, ngành, UBND các xã, phường, các cơ quan liên quan',
  ),
  task(
    '1.2',
    'SCT',
    'Kiểm tra, kiểm soát thị trường TMĐT; đấu tranh chống các hành vi gian lận thương mại, xâm phạm quyền sở hữu trí tuệ, cạnh tranh không lành mạnh và các hành vi vi phạm khác trong thị trường TMĐT.',
    'Thường xuyên',
    'Công an tỉnh, Thuế tỉnh Lạng Sơn, Chi cục Hải quan khu vực VI',
    'CA',
  ),
  task(
    '1.3',
    'SCT',
    'Đôn đốc, kiểm tra, đánh giá tình hình thực hiện Kế hoạch và định kỳ hằng năm tổng hợp, tham mưu cho UBND tỉnh báo cáo Bộ Công Thương kết quả thực hiện; chủ động đề xuất sửa đổi, bổ sung kế hoạch phù hợp với điều kiện thực tế của tỉnh, tháo gỡ khó khăn, tạo điều kiện thuận lợi cho phát triển TMĐT trên địa bàn tỉnh.',
    'Hằng năm',
  ),
  task(
    '2.1',
    'STC',
    'Chủ trì, phối hợp với Sở Công Thương và các cơ quan, đơn vị liên quan căn cứ khả năng cân đối ngân sách, tham mưu trình UBND tỉnh bố trí kinh phí thực hiện các nhiệm vụ phát triển TMĐT theo kế hoạch; hướng dẫn, kiểm tra việc quản lý, sử dụng và thanh quyết toán theo đúng các quy định hiện hành.',
    'Hằng năm',
    'Sở Công Thương và các cơ quan, đơn vị liên quan',
  ),
  task(
    '3.1',
    'SKHCN',
    'Lồng ghép Kế hoạch với các chiến lược, quy hoạch, kế hoạch, đề án, chương trình phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh.',
    '2026 - 2030',
  ),
  task(
    '3.2',
    'SKHCN',
    'Tiếp tục thực hiện các nhiệm vụ về phát triển khoa học, công nghệ, nâng cao năng lực cho hệ sinh thái khởi nghiệp đổi mới sáng tạo, đặc biệt là trong TMĐT; hỗ trợ, tư vấn cho các doanh nghiệp, HTX, thương nhân các chính sách hỗ trợ khởi nghiệp đổi mới sáng tạo, đăng ký quyền sở hữu trí tuệ, đăng ký nhãn hiệu, bảo hộ sản phẩm, tiêu chuẩn, đo lường, chất lượng.',
    '2026 - 2030',
  ),
  task(
    '3.3',
    'SKHCN',
    'Tiếp tục triển khai các chính sách, quy định về phát triển hạ tầng số; duy trì, nâng cấp, hoàn thiện Nền tảng cửa khẩu số, tích hợp thanh toán trực tuyến trên nền tảng cửa khẩu số; vận hành, quản lý, đẩy mạnh giao dịch trên Trang thông tin điện tử "Nông sản Lạng Sơn".',
    '2026 - 2030',
    'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn',
    'BQLKKT',
  ),
  task(
    '4.1',
    'SNNMT',
    'Tiếp tục triển khai có hiệu quả các chương trình mỗi xã một sản phẩm, cấp mã số vùng trồng; phối hợp tuyên truyền tới các hợp tác xã, người dân về các mô hình, giải pháp ứng dụng TMĐT trong quảng bá và xây dựng thương hiệu cho hàng nông sản thực phẩm, sản phẩm OCOP tiêu biểu trên địa bàn tỉnh.',
    'Hằng năm',
    'Liên minh Hợp tác xã tỉnh',
    'LMHTX',
  ),
  task(
    '4.2',
    'SNNMT',
    'Nâng cấp, hoàn thiện, vận hành hiệu quả Hệ thống thông tin OCOP và nông đặc sản của tỉnh, hệ thống Quản lý cấp giấy chứng nhận vệ sinh an toàn thực phẩm và kết quả thanh kiểm tra vệ sinh an toàn thực phẩm tỉnh Lạng Sơn.',
    '2026 - 2027',
  ),
  task(
    '4.3',
    'SNNMT',
    'Tổ chức triển khai các chương trình, kế hoạch hỗ trợ, khuyến khích các doanh nghiệp, thương nhân trên địa bàn tỉnh sử dụng bao bì xanh, hạn chế rác thải nhựa, ứng dụng công nghệ, năng lượng xanh trong TMĐT.',
    '2026 - 2030',
  ),
  task(
    '5.1',
    'SGDDT',
    'Chủ trì, phối hợp với các cơ quan liên quan tăng cường chỉ đạo các cơ sở giáo dục trên địa bàn hợp tác với các trường đại học, cao đẳng trong nước, các tổ chức nước ngoài để nghiên cứu, đưa vào chương trình đào tạo, bồi dưỡng nguồn nhân lực các nội dung liên quan đến TMĐT, ứng dụng TMĐT trong sản xuất, kinh doanh, nâng cao kỹ năng ngoại ngữ, tin học và các kỹ năng liên quan.',
    '2026 - 2030',
  ),
  task(
    '6.1',
    'BQLKKT',
    'Chủ trì, phối hợp với các cơ quan liên quan triển khai các dự án đầu tư xây dựng, cải tạo, sửa chữa và nâng cấp hạ tầng cửa khẩu, góp phần phát triển TMĐT, TMĐT xuyên biên giới trên địa bàn tỉnh.',
    '2026 - 2030',
    'Chi cục Hải quan khu vực VI, Sở Khoa học và Công nghệ',
    'HQ',
  ),
  task(
    '7.1',
    'TTXT',
    'Chủ trì, phối hợp với các cơ quan cấp trung ương, đơn vị xúc tiến thương mại kết nối, tổ chức các sự kiện quảng bá, trưng bày giới thiệu sản phẩm của tỉnh, đặc biệt là trên môi trường mạng và các sự kiện có tính chất liên vùng, quốc tế, ưu tiên giới thiệu các sản phẩm OCOP, sản phẩm chủ lực, sản phẩm có chất lượng cao.',
    'Hằng năm',
    'Sở Công Thương, các cơ quan liên quan',
  ),
  task(
    '8.1',
    'NHNN',
    'Chỉ đạo các chi nhánh ngân hàng thương mại trên địa bàn tỉnh tiếp tục triển khai các giải pháp thúc đẩy thanh toán không dùng tiền mặt, cung cấp các dịch vụ thanh toán điện tử thuận tiện, nhanh chóng, bảo mật cao, góp phần hỗ trợ TMĐT phát triển; bảo đảm giao dịch an toàn và phòng, chống tội phạm trong lĩnh vực ngân hàng.',
    'Thường xuyên',
  ),
  task(
    '9.1',
    'CA',
    'Chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện Đề án "Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030" trên địa bàn tỉnh Lạng Sơn.',
    '2026 - 2030',
  ),
  task(
    '9.2',
    'CA',
    'Chủ trì, phối hợp với Sở Công Thương, các doanh nghiệp cung cấp dịch vụ phục vụ TMĐT thực hiện các biện pháp đảm bảo an toàn, an ninh thông tin cho các giao dịch điện tử; thực hiện định danh điện tử cho các cơ quan, tổ chức.',
    'Thường xuyên',
    'Sở Công Thương, các doanh nghiệp cung cấp dịch vụ phục vụ TMĐT',
    'SCT',
  ),
  task(
    '10.1',
    'THUE',
    'Chủ trì, phối hợp với các cơ quan liên quan tuyên truyền, triển khai các quy định của pháp luật về thuế đối với hoạt động kinh doanh TMĐT; hỗ trợ, hướng dẫn các doanh nghiệp, hợp tác xã, hộ kinh doanh sử dụng hóa đơn điện tử, thực hiện khai thuế điện tử, nộp thuế điện tử, hoàn thuế điện tử.',
    'Thường xuyên',
  ),
  task(
    '11.1',
    'HQ',
    'Căn cứ chức năng, nhiệm vụ được giao phối hợp với Sở Công Thương xây dựng chương trình triển khai thực hiện Kế hoạch; định kỳ hằng năm sơ kết, đánh giá và báo cáo kết quả thực hiện về Sở Công Thương để tổng hợp báo cáo UBND tỉnh và Bộ Công Thương.',
    'Hằng năm',
    'Sở Công Thương',
  ),
  task(
    '12.1',
    COMMUNES_GROUP,
    'Căn cứ nội dung Kế hoạch, phối hợp với Sở Công Thương xây dựng Kế hoạch triển khai thực hiện việc tuyên truyền, phổ biến, phối hợp đào tạo cho cán bộ, công chức, viên chức và doanh nghiệp trên địa bàn thuộc phạm vi quản lý.',
    'Hằng năm',
    'Sở Công Thương',
  ),
  task(
    '13.1',
    'BAO',
    'Phối hợp với Sở Công Thương và các cơ quan liên quan tuyên truyền, phổ biến, nâng cao nhận thức của cộng đồng về hoạt động buôn bán, kinh doanh TMĐT theo quy định của pháp luật, các văn bản pháp luật, chủ trương chính sách của nhà nước về quản lý, phát triển TMĐT.',
    'Thường xuyên',
    'Sở Công Thương và các cơ quan liên quan',
  ),
  task(
    '14.1',
    'LMHTX',
    'Phối hợp tuyên truyền các doanh nghiệp, HTX, thương nhân, đoàn viên thanh niên trên địa bàn tỉnh chủ động triển khai các nội dung Kế hoạch, tích cực tham gia các chương trình đào tạo, bồi dưỡng, nghiên cứu thị trường, xúc tiến thương mại trên môi trường điện tử do các sở, ngành, đơn vị có liên quan chủ trì tổ chức.',
    'Thường xuyên',
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hiệp hội Doanh nghiệp tỉnh, Hội Doanh nhân trẻ tỉnh Lạng Sơn và các hiệp hội ngành hàng',
    'HHDN',
  ),
];

// --- Indicators: the targets of section II.2 (to 2030), baseline 2025.

type IndicatorRow = NonNullable<PlanData['indicators']>[number];
const G = {
  a: 'Môi trường cạnh tranh lành mạnh cho TMĐT phát triển bền vững',
  b: 'Năng lực cạnh tranh của tổ chức, cá nhân kinh doanh TMĐT',
  c: 'Liên kết vùng, thu hẹp khoảng cách giữa các địa phương',
  d: 'TMĐT xanh, tuần hoàn, bền vững',
  e: 'Nguồn nhân lực TMĐT',
} as const;

/** A count reported by its owner(s) (added up across the group's members). */
const count = (code: string, name: string, unit: string, group: string, owner: string, kind: 'Thời điểm' | 'Cộng dồn' = 'Thời điểm'): IndicatorRow => ({
  code,
  name,
  unit,
  group,
  owner,
  combine: owner === COMMUNES_GROUP ? 'Cộng' : 'Một nguồn',
  direction: 'Tối thiểu',
  kind,
});

/** A target over the plan's horizon. */
const target = (direction: string, baseline: number, value: number): Partial<IndicatorRow> => ({
  direction,
  baselineYear: '2025',
  baselineValue: String(baseline),
  targetYear: '2030',
  targetValue: String(value),
});

const indicators: IndicatorRow[] = [
  // a)
  { code: 'TL_MUA_TT', name: 'Dân số trưởng thành tham gia mua sắm trực tuyến', unit: '%', group: G.a, owner: 'SCT', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 48, 70) },
  { code: 'TL_DN_BV', name: 'Tỷ lệ doanh nghiệp đáp ứng bộ tiêu chí quốc gia về TMĐT bền vững', unit: '%', group: G.a, owner: 'SCT', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 12, 60) },
  count('WEB_TB', 'Website TMĐT bán hàng đã thông báo trên địa bàn tỉnh', 'website', G.a, 'SCT'),
  count('WEB_VP', 'Website TMĐT bán hàng vi phạm quyền lợi người tiêu dùng', 'website', G.a, 'SCT'),
  { code: 'TL_WEB_VP', name: 'Tỷ lệ website TMĐT bán hàng vi phạm quyền lợi người tiêu dùng', unit: '%', group: G.a, owner: 'SCT', kind: 'Tỷ lệ tính từ số liệu', numerator: 'WEB_VP', denominator: 'WEB_TB', ...target('Dưới', 14, 10) },
  // b)
  count('DN_TONG', 'Doanh nghiệp đang hoạt động trên địa bàn', 'doanh nghiệp', G.b, COMMUNES_GROUP),
  count('DN_UD', 'Doanh nghiệp có ứng dụng TMĐT', 'doanh nghiệp', G.b, COMMUNES_GROUP),
  { code: 'TL_DN_UD', name: 'Tỷ lệ doanh nghiệp trên địa bàn tỉnh ứng dụng TMĐT', unit: '%', group: G.b, owner: COMMUNES_GROUP, kind: 'Tỷ lệ tính từ số liệu', numerator: 'DN_UD', denominator: 'DN_TONG', ...target('Trên', 45, 70) },
  { code: 'TL_HDDT', name: 'Giao dịch trên nền tảng TMĐT có hóa đơn điện tử', unit: '%', group: G.b, owner: 'THUE', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 72, 100) },
  { code: 'TL_KDTM', name: 'Thanh toán không dùng tiền mặt trong TMĐT', unit: '%', group: G.b, owner: 'NHNN', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 58, 80) },
  count('DNNVV_TONG', 'Doanh nghiệp nhỏ và vừa đang hoạt động', 'doanh nghiệp', G.b, COMMUNES_GROUP),
  count('DNNVV_TMDT', 'Doanh nghiệp nhỏ và vừa kinh doanh trên nền tảng TMĐT', 'doanh nghiệp', G.b, COMMUNES_GROUP),
  { code: 'TL_DNNVV', name: 'Tỷ lệ doanh nghiệp nhỏ và vừa kinh doanh trên nền tảng TMĐT', unit: '%', group: G.b, owner: COMMUNES_GROUP, kind: 'Tỷ lệ tính từ số liệu', numerator: 'DNNVV_TMDT', denominator: 'DNNVV_TONG', ...target('Tối thiểu', 35, 60) },
  count('HTX_TONG', 'Hợp tác xã đang hoạt động', 'hợp tác xã', G.b, 'LMHTX'),
  count('HTX_TMDT', 'Hợp tác xã kinh doanh trên nền tảng TMĐT', 'hợp tác xã', G.b, 'LMHTX'),
  { code: 'TL_HTX', name: 'Tỷ lệ hợp tác xã kinh doanh trên nền tảng TMĐT', unit: '%', group: G.b, owner: 'LMHTX', kind: 'Tỷ lệ tính từ số liệu', numerator: 'HTX_TMDT', denominator: 'HTX_TONG', ...target('Tối thiểu', 6, 20) },
  // c)
  count('TN_BAN', 'Thương nhân bán hàng hóa, cung ứng dịch vụ trực tuyến trên địa bàn', 'thương nhân', G.c, COMMUNES_GROUP),
  { code: 'TL_XA_CO_TN', name: 'Tỷ lệ xã, phường có thương nhân bán hàng hóa, cung ứng dịch vụ trực tuyến', unit: '%', group: G.c, owner: COMMUNES_GROUP, kind: 'Tỷ lệ đơn vị có', numerator: 'TN_BAN', ...target('Tối thiểu', 78, 100) },
  count('DN_QUA_CK', 'Doanh nghiệp có phương tiện qua đường chuyên dụng khu vực mốc 1088/2 - 1089 (cửa khẩu quốc tế Hữu Nghị)', 'doanh nghiệp', G.c, 'BQLKKT'),
  count('DN_KB_CKS', 'Doanh nghiệp khai báo trực tuyến, được xử lý trên Nền tảng cửa khẩu số trước khi phương tiện đến cửa khẩu', 'doanh nghiệp', G.c, 'BQLKKT'),
  { code: 'TL_KB_CKS', name: 'Tỷ lệ doanh nghiệp khai báo trực tuyến trên Nền tảng cửa khẩu số', unit: '%', group: G.c, owner: 'BQLKKT', kind: 'Tỷ lệ tính từ số liệu', numerator: 'DN_KB_CKS', denominator: 'DN_QUA_CK', ...target('Tối thiểu', 85, 100) },
  // d)
  { code: 'TL_BB_NHUA', name: 'Tỷ lệ sản phẩm trong TMĐT sử dụng bao bì nhựa', unit: '%', group: G.d, owner: 'SNNMT', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối đa', 62, 45) },
  { code: 'TL_BB_TC', name: 'Tỷ lệ sản phẩm trong TMĐT sử dụng bao bì có thể tái chế', unit: '%', group: G.d, owner: 'SNNMT', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 28, 50) },
  { code: 'TL_DGX', name: 'Tỷ lệ doanh nghiệp áp dụng tiêu chuẩn đóng gói xanh cho TMĐT', unit: '%', group: G.d, owner: 'SNNMT', combine: 'Một nguồn', kind: 'Tỷ lệ', ...target('Tối thiểu', 15, 50) },
  // e)
  count('CD_TONG', 'Trường cao đẳng trên địa bàn tỉnh', 'trường', G.e, 'SGDDT'),
  count('CD_DT', 'Trường cao đẳng đào tạo chuyên ngành liên quan đến TMĐT', 'trường', G.e, 'SGDDT'),
  { code: 'TL_CD_DT', name: 'Tỷ lệ trường cao đẳng triển khai đào tạo chuyên ngành liên quan đến TMĐT', unit: '%', group: G.e, owner: 'SGDDT', kind: 'Tỷ lệ tính từ số liệu', numerator: 'CD_DT', denominator: 'CD_TONG', ...target('Tối thiểu', 40, 100) },
  {
    ...count('DAO_TAO', 'Lượt doanh nghiệp, HTX, hộ kinh doanh, cán bộ được đào tạo, tập huấn về TMĐT', 'lượt', G.e, COMMUNES_GROUP, 'Cộng dồn'),
    // Trained by Sở Công Thương's own courses and by every commune: reported by all of them, added up.
    owner: `SCT; ${COMMUNES_GROUP}`,
    combine: 'Cộng',
    accumulate: 'Có',
    ...target('Trên', 0, 3000),
  },
];

export const tmdtPlan: PlanData = {
  info: {
    title: 'Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030',
    number: '',
    symbol: 'KH-UBND',
    issuedDate: '10/2025',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
    issuerShort: 'UBND tỉnh Lạng Sơn',
    superior: '',
    province: 'Lạng Sơn',
    place: 'Lạng Sơn',
    secretariat: 'Sở Công Thương',
    reportSymbol: 'BC-UBND',
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signDeputy: 'KT. CHỦ TỊCH',
    signTitle: 'PHÓ CHỦ TỊCH',
    signName: 'Đoàn Thanh Sơn',
    storage: 'VT, KTTH',
    years: '2026 - 2030',
    moneyUnit: 'triệu đồng',
    reportTo: 'Bộ Công Thương',
  },
  agencies: [
    ...DEPARTMENTS.map(([code, name, aliases]) => ({ code, name, aliases, sheets: 'Nhiệm vụ', deadline: 15 })),
    ...COMMUNES.map((c) => ({
      code: c.code,
      name: c.name,
      aliases: [`Ủy ban nhân dân ${c.ward ? 'phường' : 'xã'} ${c.place}`, `${c.ward ? 'phường' : 'xã'} ${c.place}`, c.place],
      sheets: 'Nhiệm vụ',
      deadline: 10,
      group: COMMUNES_GROUP,
    })),
  ],
  fields,
  tasks,
  recipients: [
    'Bộ Công Thương',
    'Thường trực HĐND tỉnh',
    'Chủ tịch, các PCT UBND tỉnh',
    'Các Sở, ban, ngành',
    'TTXTĐTTMDL tỉnh',
    'LMHTX, UBMTTQVN tỉnh',
    'UBND các xã, phường',
    'HHDN tỉnh, Hội DNT',
    'C, PVP UBND tỉnh, các Phòng CV; TTTT',
  ],
  indicators,
  values: [
    // Yearly plans of the training target (the plan's 3.000 over five years).
    { code: 'DAO_TAO', period: '2026', plan: 600, scenario: null, base: null },
    { code: 'DAO_TAO', period: '2027', plan: 600, scenario: null, base: null },
  ],
};

// --- Submissions.

/** What a department reports in a yearly round: task answers and its figures. */
export interface DepartmentAnswers {
  readonly tasks: readonly TaskInput[];
  readonly indicators: readonly { code: string; actual: number; note?: string }[];
}

const done = 'Hoàn thành';
const doing = 'Đang thực hiện';

/** The departments' answers per round (a department absent from a round has not submitted). */
export const tmdtDepartments: Record<TmdtRound, Record<string, DepartmentAnswers>> = {
  '2026': {
    SCT: {
      tasks: [
        { id: '1.1', status: done, result: 'Tham mưu UBND tỉnh ban hành Kế hoạch triển khai nhiệm vụ phát triển TMĐT năm 2026; đăng ký 02 nhiệm vụ thuộc Chương trình phát triển TMĐT quốc gia; đưa 145 sản phẩm OCOP lên các sàn TMĐT.' },
        { id: '1.2', status: doing, result: 'Phối hợp Tổ công tác TMĐT kiểm tra 37 vụ việc, xử lý vi phạm hành chính 29 vụ, phạt tiền 412 triệu đồng; rà soát 96 website TMĐT bán hàng đã thông báo.' },
        { id: '1.3', status: done, result: 'Tổng hợp báo cáo kết quả thực hiện Kế hoạch năm 2026 trình UBND tỉnh báo cáo Bộ Công Thương.' },
        { id: '9.2', status: doing, result: 'Phối hợp Công an tỉnh cảnh báo 12 hình thức lừa đảo qua TMĐT trên Cổng thông tin của Sở.' },
      ],
      indicators: [
        { code: 'TL_MUA_TT', actual: 53.1, note: 'Khảo sát 1.200 hộ gia đình' },
        { code: 'TL_DN_BV', actual: 18 },
        { code: 'WEB_TB', actual: 96 },
        { code: 'WEB_VP', actual: 11 },
        { code: 'DAO_TAO', actual: 220, note: '04 lớp tập huấn của Sở' },
      ],
    },
    STC: {
      tasks: [{ id: '2.1', status: done, result: 'Tham mưu bố trí 2.350 triệu đồng thực hiện nhiệm vụ phát triển TMĐT năm 2026; hướng dẫn Sở Công Thương lập dự toán năm 2027.' }],
      indicators: [],
    },
    SKHCN: {
      tasks: [
        { id: '3.1', status: done, result: 'Lồng ghép nội dung phát triển TMĐT vào Kế hoạch chuyển đổi số năm 2026 của tỉnh.' },
        { id: '3.2', status: doing, result: 'Hỗ trợ 18 doanh nghiệp, HTX đăng ký nhãn hiệu; tư vấn 42 dự án khởi nghiệp, trong đó 9 dự án về TMĐT.' },
        { id: '3.3', status: doing, result: 'Nâng cấp Nền tảng cửa khẩu số giai đoạn 2; Trang "Nông sản Lạng Sơn" có 1.240 sản phẩm, 312 nhà cung cấp.' },
      ],
      indicators: [],
    },
    SNNMT: {
      tasks: [
        { id: '4.1', status: doing, result: 'Công nhận thêm 38 sản phẩm OCOP (tổng 247 sản phẩm); cấp 21 mã số vùng trồng; tuyên truyền ứng dụng TMĐT tại 24 HTX.' },
        { id: '4.2', status: doing, result: 'Hệ thống thông tin OCOP đã cập nhật 247 sản phẩm; đang nâng cấp hệ thống quản lý cấp giấy chứng nhận ATTP.' },
        { id: '4.3', status: doing, result: 'Hướng dẫn 56 cơ sở chuyển sang bao bì giấy, bao bì phân hủy sinh học.', difficulties: 'Chi phí bao bì thân thiện môi trường cao hơn bao bì nhựa 20 - 35%.' },
      ],
      indicators: [
        { code: 'TL_BB_NHUA', actual: 63.5, note: 'Khảo sát 400 đơn hàng' },
        { code: 'TL_BB_TC', actual: 31 },
        { code: 'TL_DGX', actual: 19.5 },
      ],
    },
    SGDDT: {
      tasks: [{ id: '5.1', status: doing, result: 'Chỉ đạo 3 trường cao đẳng đưa học phần TMĐT vào chương trình đào tạo; tổ chức 4 lớp bồi dưỡng kỹ năng số cho giáo viên tin học.' }],
      indicators: [
        { code: 'CD_TONG', actual: 5 },
        { code: 'CD_DT', actual: 3 },
      ],
    },
    BQLKKT: {
      tasks: [
        { id: '6.1', status: doing, result: 'Hoàn thành cải tạo bãi kiểm hóa khu vực mốc 1088/2 - 1089; đang triển khai thí điểm cửa khẩu thông minh.' },
        { id: '3.3', status: doing, result: 'Phối hợp vận hành Nền tảng cửa khẩu số, 100% phương tiện qua đường chuyên dụng được quản lý trên nền tảng.' },
      ],
      indicators: [
        { code: 'DN_QUA_CK', actual: 412 },
        { code: 'DN_KB_CKS', actual: 371 },
      ],
    },
    TTXT: {
      tasks: [{ id: '7.1', status: done, result: 'Tổ chức 02 phiên livestream bán hàng OCOP, 01 hội chợ trực tuyến liên vùng; 86 doanh nghiệp, HTX tham gia.' }],
      indicators: [],
    },
    NHNN: {
      tasks: [{ id: '8.1', status: doing, result: 'Chỉ đạo 26 chi nhánh ngân hàng thương mại triển khai thanh toán QR Code; 100% giao dịch thanh toán trực tuyến được xác thực sinh trắc học theo quy định.' }],
      indicators: [{ code: 'TL_KDTM', actual: 63 }],
    },
    CA: {
      tasks: [
        { id: '9.1', status: doing, result: 'Kích hoạt 612.400 tài khoản định danh điện tử mức 2; tích hợp dữ liệu dân cư vào Hệ thống giải quyết thủ tục hành chính của tỉnh.' },
        { id: '9.2', status: doing, result: 'Phát hiện, xử lý 14 vụ lừa đảo chiếm đoạt tài sản qua mạng; định danh điện tử cho 1.870 tổ chức.' },
        { id: '1.2', status: doing, result: 'Phối hợp Tổ công tác TMĐT kiểm tra, xử lý 9 vụ buôn bán hàng giả qua mạng xã hội.' },
      ],
      indicators: [],
    },
    THUE: {
      tasks: [{ id: '10.1', status: doing, result: 'Hướng dẫn 1.240 hộ, cá nhân kinh doanh TMĐT đăng ký, kê khai thuế; 100% doanh nghiệp sử dụng hóa đơn điện tử.' }],
      indicators: [{ code: 'TL_HDDT', actual: 78 }],
    },
    HQ: {
      tasks: [
        { id: '11.1', status: done, result: 'Ban hành Kế hoạch phối hợp triển khai của Chi cục; báo cáo sơ kết năm 2026 gửi Sở Công Thương.' },
        { id: '6.1', status: doing, result: 'Phối hợp thí điểm thông quan tự động tại đường chuyên dụng khu vực mốc 1119 - 1120.' },
      ],
      indicators: [],
    },
    BAO: {
      tasks: [{ id: '13.1', status: doing, result: 'Đăng tải 148 tin, bài; 12 phóng sự, chuyên mục về TMĐT và cảnh báo lừa đảo trực tuyến.' }],
      indicators: [],
    },
    LMHTX: {
      tasks: [
        { id: '14.1', status: doing, result: 'Tuyên truyền Kế hoạch tới 398 HTX; hỗ trợ 12 HTX mở gian hàng trên sàn TMĐT.' },
        { id: '4.1', status: doing, result: 'Phối hợp tuyên truyền ứng dụng TMĐT tại 24 HTX có sản phẩm OCOP.' },
      ],
      indicators: [
        { code: 'HTX_TONG', actual: 398 },
        { code: 'HTX_TMDT', actual: 30 },
      ],
    },
    // HHDN has not submitted in 2026.
  },
  '2027': {
    SCT: {
      tasks: [
        { id: '1.1', status: done, result: 'Tham mưu ban hành Kế hoạch năm 2027; thực hiện 02 đề án thuộc Chương trình phát triển TMĐT quốc gia; 212 sản phẩm OCOP có mặt trên các sàn TMĐT.' },
        { id: '1.2', status: doing, result: 'Kiểm tra 44 vụ việc, xử lý 36 vụ, phạt tiền 538 triệu đồng; rà soát 118 website TMĐT bán hàng đã thông báo.' },
        { id: '1.3', status: done, result: 'Tổng hợp báo cáo kết quả thực hiện Kế hoạch năm 2027.' },
        { id: '9.2', status: doing, result: 'Phối hợp Công an tỉnh cảnh báo 15 hình thức lừa đảo mới qua TMĐT.' },
      ],
      indicators: [
        { code: 'TL_MUA_TT', actual: 58.5, note: 'Khảo sát 1.500 hộ gia đình' },
        { code: 'TL_DN_BV', actual: 24 },
        { code: 'WEB_TB', actual: 118 },
        { code: 'WEB_VP', actual: 9 },
        { code: 'DAO_TAO', actual: 260, note: '05 lớp tập huấn của Sở' },
      ],
    },
    STC: {
      tasks: [{ id: '2.1', status: done, result: 'Tham mưu bố trí 2.780 triệu đồng thực hiện nhiệm vụ phát triển TMĐT năm 2027.' }],
      indicators: [],
    },
    SKHCN: {
      tasks: [
        { id: '3.1', status: done, result: 'Lồng ghép nội dung phát triển TMĐT vào Chương trình đổi mới sáng tạo giai đoạn 2026 - 2030.' },
        { id: '3.2', status: doing, result: 'Hỗ trợ 23 doanh nghiệp, HTX đăng ký nhãn hiệu; 11 dự án khởi nghiệp về TMĐT được hỗ trợ.' },
        { id: '3.3', status: done, result: 'Hoàn thành tích hợp thanh toán trực tuyến trên Nền tảng cửa khẩu số; Trang "Nông sản Lạng Sơn" có 1.690 sản phẩm.' },
      ],
      indicators: [],
    },
    SNNMT: {
      tasks: [
        { id: '4.1', status: doing, result: 'Công nhận thêm 41 sản phẩm OCOP (tổng 288 sản phẩm); cấp 27 mã số vùng trồng.' },
        { id: '4.2', status: done, result: 'Đưa vào vận hành hệ thống quản lý cấp giấy chứng nhận ATTP trực tuyến.' },
        {
          id: '4.3',
          status: doing,
          result: 'Hướng dẫn 64 cơ sở chuyển đổi bao bì; tỷ lệ bao bì nhựa tăng do số hộ bán hàng nhỏ lẻ qua mạng xã hội tăng nhanh.',
          difficulties: 'Hộ kinh doanh nhỏ lẻ bán qua mạng xã hội chủ yếu dùng túi nilon; chưa có chính sách hỗ trợ bao bì xanh.',
          proposals: 'Đề nghị UBND tỉnh ban hành chính sách hỗ trợ chi phí bao bì thân thiện môi trường cho doanh nghiệp, hộ kinh doanh TMĐT.',
        },
      ],
      indicators: [
        { code: 'TL_BB_NHUA', actual: 66, note: 'Khảo sát 450 đơn hàng' },
        { code: 'TL_BB_TC', actual: 37.5 },
        { code: 'TL_DGX', actual: 26 },
      ],
    },
    SGDDT: {
      tasks: [{ id: '5.1', status: doing, result: 'Trường Cao đẳng Công nghệ, Kinh tế và Nông lâm Đông Bắc mở mã ngành Thương mại điện tử; 4/5 trường cao đẳng đã đào tạo chuyên ngành liên quan.' }],
      indicators: [
        { code: 'CD_TONG', actual: 5 },
        { code: 'CD_DT', actual: 4 },
      ],
    },
    BQLKKT: {
      tasks: [
        { id: '6.1', status: doing, result: 'Đưa vào vận hành cửa khẩu thông minh tại đường chuyên dụng khu vực mốc 1088/2 - 1089.' },
        { id: '3.3', status: done, result: 'Phối hợp hoàn thành tích hợp thanh toán trực tuyến trên Nền tảng cửa khẩu số.' },
      ],
      indicators: [
        { code: 'DN_QUA_CK', actual: 436 },
        { code: 'DN_KB_CKS', actual: 436 },
      ],
    },
    TTXT: {
      tasks: [{ id: '7.1', status: done, result: 'Tổ chức 04 phiên livestream, 02 hội chợ trực tuyến; 124 doanh nghiệp, HTX tham gia, doanh số trực tuyến 3,2 tỷ đồng.' }],
      indicators: [],
    },
    NHNN: {
      tasks: [{ id: '8.1', status: doing, result: 'Mở rộng thanh toán QR Code tại 38 chợ truyền thống; triển khai thanh toán đảm bảo (ESCROW) tại 3 ngân hàng.' }],
      indicators: [{ code: 'TL_KDTM', actual: 69 }],
    },
    CA: {
      tasks: [
        { id: '9.1', status: doing, result: 'Kích hoạt 655.000 tài khoản định danh điện tử mức 2.' },
        { id: '9.2', status: doing, result: 'Xử lý 17 vụ lừa đảo qua mạng; định danh điện tử cho 2.340 tổ chức.' },
        { id: '1.2', status: doing, result: 'Phối hợp kiểm tra, xử lý 11 vụ buôn bán hàng giả, hàng nhập lậu qua TMĐT.' },
      ],
      indicators: [],
    },
    THUE: {
      tasks: [{ id: '10.1', status: doing, result: 'Hướng dẫn 1.610 hộ, cá nhân kinh doanh TMĐT kê khai thuế; sàn TMĐT khấu trừ, nộp thay thuế cho 2.050 hộ.' }],
      indicators: [{ code: 'TL_HDDT', actual: 81 }],
    },
    HQ: {
      tasks: [
        { id: '11.1', status: done, result: 'Báo cáo sơ kết năm 2027 gửi Sở Công Thương.' },
        { id: '6.1', status: doing, result: 'Phối hợp vận hành cửa khẩu thông minh; thời gian thông quan giảm 35%.' },
      ],
      indicators: [],
    },
    BAO: {
      tasks: [{ id: '13.1', status: doing, result: 'Đăng tải 171 tin, bài; 15 phóng sự về TMĐT, chuyển đổi số và cảnh báo lừa đảo.' }],
      indicators: [],
    },
    LMHTX: {
      tasks: [
        { id: '14.1', status: doing, result: 'Hỗ trợ 15 HTX mở gian hàng trên sàn TMĐT; 34 HTX đang kinh doanh trên nền tảng TMĐT.', difficulties: 'Nhiều HTX thiếu nhân lực vận hành gian hàng trực tuyến.' },
        { id: '4.1', status: doing, result: 'Phối hợp tuyên truyền ứng dụng TMĐT tại 31 HTX.' },
      ],
      indicators: [
        { code: 'HTX_TONG', actual: 421 },
        { code: 'HTX_TMDT', actual: 34 },
      ],
    },
    HHDN: {
      tasks: [{ id: '14.1', status: doing, result: 'Tuyên truyền Kế hoạch tới 320 hội viên; phối hợp tổ chức 2 hội thảo về bán hàng xuyên biên giới.' }],
      indicators: [],
    },
  },
};

/** A commune's counts for one year. */
export interface CommuneCounts {
  readonly DN_TONG: number;
  readonly DN_UD: number;
  readonly DNNVV_TONG: number;
  readonly DNNVV_TMDT: number;
  readonly TN_BAN: number;
  readonly DAO_TAO: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (the example must not change between runs). */
function rand(seed: number): number {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** Size (enterprises) of the larger places; the others have 6–35. */
const SIZE: Readonly<Record<string, number>> = {
  'Đông Kinh': 1180,
  'Tam Thanh': 860,
  'Lương Văn Tri': 640,
  'Kỳ Lừa': 520,
  'Đồng Đăng': 210,
  'Hữu Lũng': 130,
  'Cao Lộc': 95,
  'Lộc Bình': 88,
  'Thất Khê': 72,
  'Na Sầm': 64,
  'Chi Lăng': 60,
  'Na Dương': 48,
  'Bắc Sơn': 46,
  'Đình Lập': 42,
  'Văn Quan': 40,
  'Bình Gia': 38,
};

/**
 * Small remote communes with no online seller yet in 2026 (coverage below the path: at risk);
 * by 2027 most have one.
 */
const NO_SELLER_2026 = ['Quốc Việt', 'Thiện Hòa', 'Thiện Long', 'Hưng Vũ', 'Tân Tri', 'Tri Lễ', 'Hội Hoan', 'Lợi Bác', 'Xuân Dương', 'Châu Sơn', 'Kiên Mộc', 'Quan Sơn', 'Vân Nham'];
const NO_SELLER_2027 = ['Quốc Việt', 'Thiện Long', 'Tân Tri', 'Châu Sơn'];

/** Communes that have not submitted the 2027 report. */
export const MISSING_2027 = ['Xuân Dương', 'Kiên Mộc', 'Hội Hoan'];

export function communeCounts(c: Commune, round: TmdtRound, index: number): CommuneCounts {
  const big = SIZE[c.place];
  const total26 = big ?? 6 + Math.floor(rand(index + 1) * 30);
  const grow = round === '2027' ? 1.06 : 1;
  const dnTong = Math.round(total26 * grow);
  // Applying e-commerce: about 55–60 % in the wards, 25–45 % elsewhere, up a few points in 2027.
  const base = c.ward ? 0.58 + rand(index + 7) * 0.05 : big ? 0.36 + rand(index + 7) * 0.08 : 0.22 + rand(index + 7) * 0.18;
  const share = base + (round === '2027' ? 0.05 : 0);
  const dnUd = Math.round(dnTong * share);
  const sme = Math.round(dnTong * 0.96);
  const smeShare = (c.ward ? 0.43 : big ? 0.3 : 0.2 + rand(index + 11) * 0.12) + (round === '2027' ? 0.025 : 0);
  const noSeller = (round === '2026' ? NO_SELLER_2026 : NO_SELLER_2027).includes(c.place);
  const sellers = noSeller ? 0 : Math.max(1, Math.round(dnTong * (c.ward ? 0.22 : 0.12) * (round === '2027' ? 1.15 : 1) + rand(index + 13) * 4));
  const trainees = c.ward ? 30 + Math.floor(rand(index + 17) * 30) : 4 + Math.floor(rand(index + 17) * 9);
  return {
    DN_TONG: dnTong,
    DN_UD: dnUd,
    DNNVV_TONG: sme,
    DNNVV_TMDT: Math.round(sme * smeShare),
    TN_BAN: sellers,
    DAO_TAO: Math.round(trainees * (round === '2027' ? 1.2 : 1)),
  };
}

/** The commune's answer on task 12.1. */
export function communeTask(c: Commune, counts: CommuneCounts, round: TmdtRound): TaskInput {
  const classes = Math.max(1, Math.round(counts.DAO_TAO / 25));
  return {
    id: '12.1',
    status: 'Đang thực hiện',
    result:
      round === '2026'
        ? `Ban hành Kế hoạch triển khai trên địa bàn ${c.ward ? 'phường' : 'xã'}; tổ chức ${classes} lớp tập huấn cho ${counts.DAO_TAO} lượt cán bộ, doanh nghiệp, hộ kinh doanh về TMĐT.`
        : `Tổ chức ${classes} lớp tập huấn cho ${counts.DAO_TAO} lượt; ${counts.TN_BAN} thương nhân trên địa bàn bán hàng trực tuyến.`,
    ...(counts.TN_BAN === 0 ? { difficulties: 'Hạ tầng viễn thông, giao nhận ở các thôn vùng cao còn hạn chế; chưa có thương nhân bán hàng trực tuyến.' } : {}),
  };
}

/** Submission day in December (deadline 15 for departments, 10 for communes); a few late. */
export function submissionDay(code: string, round: TmdtRound, index: number): number {
  const late: Record<TmdtRound, Record<string, number>> = {
    '2026': { TTXT: 18, X12: 13, X38: 17 },
    '2027': { BAO: 16, X05: 12, X50: 14, X22: 11 },
  };
  const fixed = late[round][code];
  if (fixed !== undefined) return fixed;
  const isCommune = code.startsWith('X');
  return isCommune ? 3 + (index % 7) : 8 + (index % 7);
}
