/**
 * Seed 003: Lạng Sơn's H2-2026 growth scenario. The plan's numeric targets with their owners,
 * the growth-scenario table as published (with its inconsistency), last year's quarterly value
 * added (comparable prices) consistent with the seed's H1 figures, and plausible submissions
 * for the rounds 2026-H1 and 2026-Q3.
 */
import type { PlanData } from './plan-workbook.js';

export const LS_PLAN_ID = 'langson-tang-truong-2026';

/** Last year's (2025) quarterly value added at comparable prices, tỷ đồng (reproduces the seed's H1 figures). */
export const LS_BASE_2025 = {
  NLTS: [1754.4, 3137.8, 2655.9, 2897.4],
  CNXD: [2302.3, 2370.7, 2607.9, 3377.1],
  DV: [5475.6, 5970.5, 5757.0, 6868.1],
  THUE: [501.4, 493.4, 437.4, 587.5],
} as const;

/** 2026 value added at comparable prices: Q1, Q2 (estimates of the H1 report) and Q3. */
export const LS_ACTUAL_2026 = {
  NLTS: [1859.0, 3269.0, 2791.2],
  CNXD: [2467.8, 2590.2, 3096.1],
  DV: [5924.6, 6371.1, 6383.0],
  THUE: [537.7, 531.6, 468.5],
} as const;

type Row = { code: string; name: string; unit: string; group: string; owner: string; combine?: string; direction?: string; kind: string; grdp?: string; parent?: string };

const TK = 'TK';
export const lsIndicators: readonly Row[] = [
  { code: 'GRDP', name: 'Tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010)', unit: 'tỷ đồng', group: 'Tăng trưởng kinh tế (giá so sánh)', owner: TK, kind: 'Cộng dồn', grdp: 'GRDP' },
  { code: 'NLTS', name: 'Nông, lâm nghiệp và thủy sản', unit: 'tỷ đồng', group: 'Tăng trưởng kinh tế (giá so sánh)', owner: TK, kind: 'Cộng dồn', grdp: 'NLTS' },
  { code: 'CNXD', name: 'Công nghiệp và xây dựng', unit: 'tỷ đồng', group: 'Tăng trưởng kinh tế (giá so sánh)', owner: TK, kind: 'Cộng dồn', grdp: 'CNXD' },
  { code: 'DV', name: 'Dịch vụ', unit: 'tỷ đồng', group: 'Tăng trưởng kinh tế (giá so sánh)', owner: TK, kind: 'Cộng dồn', grdp: 'DV' },
  { code: 'THUE', name: 'Thuế sản phẩm trừ trợ cấp sản phẩm', unit: 'tỷ đồng', group: 'Tăng trưởng kinh tế (giá so sánh)', owner: TK, kind: 'Cộng dồn', grdp: 'THUE' },
  { code: 'GTSX', name: 'Tổng sản phẩm trên địa bàn theo giá hiện hành', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn' },
  { code: 'GTSX_NLTS', name: 'Nông, lâm nghiệp và thủy sản (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn', parent: 'GTSX' },
  { code: 'GTSX_CNXD', name: 'Công nghiệp và xây dựng (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn', parent: 'GTSX' },
  { code: 'GTSX_CN', name: 'Công nghiệp (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn', parent: 'GTSX_CNXD' },
  { code: 'GTSX_XD', name: 'Xây dựng (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn', parent: 'GTSX_CNXD' },
  { code: 'GTSX_DV', name: 'Dịch vụ (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá trị sản xuất (giá hiện hành)', owner: TK, kind: 'Cộng dồn', parent: 'GTSX' },
  { code: 'NA', name: 'Sản lượng na', unit: 'tấn', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'QUYT', name: 'Sản lượng quýt', unit: 'tấn', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'HONG', name: 'Sản lượng hồng', unit: 'tấn', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'CAYGIONG', name: 'Cây giống lâm nghiệp sản xuất, cung ứng', unit: 'triệu cây', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'TRONGRUNG', name: 'Diện tích trồng rừng vụ Thu', unit: 'ha', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'GOTRON', name: 'Sản lượng gỗ tròn khai thác', unit: 'm³', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'VOQUE', name: 'Sản lượng vỏ quế khai thác', unit: 'tấn', group: 'Nông, lâm nghiệp', owner: 'SNNMT', kind: 'Cộng dồn' },
  { code: 'CCN', name: 'Cụm công nghiệp được thành lập thêm', unit: 'cụm', group: 'Công nghiệp', owner: 'SCT', kind: 'Cộng dồn' },
  { code: 'LAPDAY', name: 'Tỷ lệ lấp đầy KCN VSIP Lạng Sơn giai đoạn 1', unit: '%', group: 'Công nghiệp', owner: 'BQLKKT', kind: 'Tỷ lệ' },
  { code: 'KHOICONG', name: 'Dự án khởi công mới', unit: 'dự án', group: 'Xây dựng', owner: 'SXD', kind: 'Cộng dồn' },
  { code: 'NOXH', name: 'Căn hộ nhà ở xã hội hoàn thành', unit: 'căn', group: 'Xây dựng', owner: 'SXD', kind: 'Cộng dồn' },
  { code: 'VT_HH', name: 'Khối lượng hàng hóa luân chuyển', unit: 'triệu tấn.km', group: 'Dịch vụ', owner: 'SXD', kind: 'Cộng dồn' },
  { code: 'VT_HK', name: 'Khối lượng hành khách luân chuyển', unit: 'triệu HK.km', group: 'Dịch vụ', owner: 'SXD', kind: 'Cộng dồn' },
  { code: 'VT_DT', name: 'Doanh thu vận tải', unit: 'tỷ đồng', group: 'Dịch vụ', owner: 'SXD', kind: 'Cộng dồn' },
  { code: 'MSC', name: 'Gói mua sắm công sản phẩm KH-CN, ĐMST thí điểm', unit: 'gói', group: 'Khoa học, công nghệ', owner: 'SKHCN', kind: 'Cộng dồn' },
  { code: 'SPKHCN', name: 'Sản phẩm KH-CN, ĐMST chủ lực', unit: 'sản phẩm', group: 'Khoa học, công nghệ', owner: 'SKHCN', kind: 'Cộng dồn' },
  { code: 'NSNN', name: 'Thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng', group: 'Tài chính, ngân sách', owner: 'STC', kind: 'Cộng dồn' },
  { code: 'TRUONGNT', name: 'Trường nội trú liên cấp biên giới hoàn thành', unit: 'trường', group: 'Giáo dục', owner: 'SGDDT', kind: 'Thời điểm' },
];

/** Period values: [code, period, plan, scenario, base]. */
const V: [string, string, number | null, number | null, number | null][] = [
  // GRDP: scenario growth rates (%) — the original H1 scenario was 9,24 %; the rest is in the scenario table.
  ['GRDP', '2026-H1', null, 9.24, null],
  ...(['NLTS', 'CNXD', 'DV', 'THUE'] as const).flatMap((code) =>
    LS_BASE_2025[code].map((b, i): [string, string, number | null, number | null, number | null] => [code, `2026-Q${i + 1}`, null, null, b]),
  ),
  // Current prices (tỷ đồng): the published H2 and year figures are targets.
  ['GTSX', '2026', 119564.3, null, null],
  ['GTSX', '2026-H2', 67278.5, null, null],
  ['GTSX_NLTS', '2026', 21927.2, null, null],
  ['GTSX_NLTS', '2026-H2', 11542.6, null, null],
  ['GTSX_CNXD', '2026', 48697.5, null, null],
  ['GTSX_CNXD', '2026-H2', 28949.7, null, null],
  ['GTSX_CN', '2026', 20391.9, null, null],
  ['GTSX_CN', '2026-H2', 10982.3, null, null],
  ['GTSX_XD', '2026', 28305.6, null, null],
  ['GTSX_XD', '2026-H2', 17967.3, null, null],
  ['GTSX_DV', '2026', 48939.5, null, null],
  ['GTSX_DV', '2026-H2', 26786.1, null, null],
  ['NA', '2026-Q3', null, 43000, 41200],
  ['QUYT', '2026-Q3', null, 4800, 4650],
  ['HONG', '2026-Q3', null, 14000, 13300],
  ['CAYGIONG', '2026-Q3', null, 131.6, 124.8],
  ['TRONGRUNG', '2026-Q3', null, 2000, 1890],
  ['GOTRON', '2026-Q3', null, 259910, 241300],
  ['GOTRON', '2026-Q4', null, 420956, 398200],
  ['GOTRON', '2026-H2', null, 680866, null],
  ['VOQUE', '2026-Q3', null, 1264, 1190],
  ['VOQUE', '2026-Q4', null, 1171, 1102],
  ['CCN', '2026', 1, null, null],
  ['LAPDAY', '2026', 60, null, null],
  ['KHOICONG', '2026', 10, null, null],
  ['NOXH', '2026', 320, null, 250],
  ['VT_HH', '2026', 808, null, 742],
  ['VT_HK', '2026', 496, null, 455],
  ['VT_DT', '2026', 2291, null, 2104],
  ['MSC', '2026', 3, null, null],
  ['SPKHCN', '2026', 1, null, null],
  ['NSNN', '2026', 18100, null, null],
  ['NSNN', '2026-H1', null, null, 7820],
  ['NSNN', '2026-Q3', null, null, 4310],
  ['TRUONGNT', '2026', 4, null, null],
];

/** The growth-scenario table "Đơn vị: %" exactly as published in the seed. */
export const lsScenario: [string, string, number, number, number, number, number, number, number][] = [
  ['GRDP', 'Tốc độ tăng GRDP', 7.53, 6.59, 7.02, 12.07, 14.01, 13.13, 10.61],
  ['NLTS', 'Nông, Lâm nghiệp và Thủy sản', 5.96, 4.18, 4.82, 5.37, 5.83, 5.61, 5.24],
  ['CNXD', 'Công nghiệp, Xây dựng', 7.19, 9.26, 8.24, 20.9, 24.09, 22.7, 16.36],
  ['DV', 'Dịch vụ', 8.2, 6.71, 7.42, 11.64, 12.89, 12.32, 9.99],
  ['THUE', 'Thuế sản phẩm trừ trợ cấp sản phẩm', 7.24, 7.74, 7.49, 7.74, 10.81, 9.5, 8.51],
];

export const lsPlan: PlanData = {
  info: {
    title: 'Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026',
    number: '',
    symbol: 'KH-UBND',
    issuedDate: '07/2026',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
    issuerShort: 'UBND tỉnh Lạng Sơn',
    superior: '',
    province: 'Lạng Sơn',
    place: 'Lạng Sơn',
    secretariat: 'Sở Tài chính',
    reportSymbol: 'BC-UBND',
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signDeputy: 'KT. CHỦ TỊCH',
    signTitle: 'PHÓ CHỦ TỊCH',
    signName: 'Đoàn Thanh Sơn',
    storage: 'VT, KTTH',
    years: '2026',
    moneyUnit: 'triệu đồng',
    reportTo: 'Ban Thường vụ Tỉnh ủy',
  },
  agencies: [
    { code: 'TK', name: 'Thống kê tỉnh Lạng Sơn', aliases: ['Thống kê tỉnh', 'Cục Thống kê', 'Thống kê'], sheets: 'Chỉ tiêu', deadline: 16 },
    { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở NN&MT', 'Nông nghiệp'], sheets: 'Chỉ tiêu', deadline: 12 },
    { code: 'SCT', name: 'Sở Công Thương', aliases: ['Công Thương'], sheets: 'Chỉ tiêu', deadline: 12 },
    { code: 'BQLKKT', name: 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn', aliases: ['Ban Quản lý Khu kinh tế', 'BQL KKT'], sheets: 'Chỉ tiêu', deadline: 12 },
    { code: 'SXD', name: 'Sở Xây dựng', aliases: ['Xây dựng'], sheets: 'Chỉ tiêu', deadline: 12 },
    { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN', 'Khoa học Công nghệ'], sheets: 'Chỉ tiêu', deadline: 12 },
    { code: 'STC', name: 'Sở Tài chính', aliases: ['Tài chính'], sheets: 'Chỉ tiêu', deadline: 18 },
    { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT', 'Giáo dục'], sheets: 'Chỉ tiêu', deadline: 12 },
  ],
  fields: [],
  tasks: [],
  recipients: ['Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh', 'Chủ tịch, các PCT UBND tỉnh', 'Các sở, ban, ngành', 'UBND các xã, phường', 'C, PVP UBND tỉnh, các Phòng CV'],
  indicators: lsIndicators.map((i) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    group: i.group,
    owner: i.owner,
    combine: i.combine ?? 'Một nguồn',
    direction: i.direction ?? 'Tối thiểu',
    kind: i.kind,
    grdp: i.grdp ?? '',
    parent: i.parent ?? '',
  })),
  values: V.map(([code, period, plan, scenario, base]) => ({ code, period, plan, scenario, base })),
  scenario: lsScenario.map(([code, label, q1, q2, h1, q3, q4, h2, year]) => ({ code, label, q1, q2, h1, q3, q4, h2, year })),
};

/** What each owner reports: [code, quarters (for H1), value of the period, note]. */
export const lsSubmissions: Record<'2026-H1' | '2026-Q3', Record<string, [string, (number | null)[], number | null, string?][]>> = {
  '2026-H1': {
    TK: [
      ['NLTS', [LS_ACTUAL_2026.NLTS[0], LS_ACTUAL_2026.NLTS[1]], null],
      ['CNXD', [LS_ACTUAL_2026.CNXD[0], LS_ACTUAL_2026.CNXD[1]], null],
      ['DV', [LS_ACTUAL_2026.DV[0], LS_ACTUAL_2026.DV[1]], null],
      ['THUE', [LS_ACTUAL_2026.THUE[0], LS_ACTUAL_2026.THUE[1]], null],
      ['GTSX', [23645.7, 28640.1], 52285.8],
      ['GTSX_NLTS', [3584.0, 6800.5], 10384.6],
      ['GTSX_CNXD', [9500.5, 10247.1], 19747.7],
      ['GTSX_CN', [4710.5, 4699.0], 9409.5],
      ['GTSX_XD', [4790.0, 5548.1], 10338.2],
      ['GTSX_DV', [10561.0, 11592.3], 22153.4],
    ],
    SNNMT: [
      ['NA', [null, null], 0, 'Chưa đến vụ thu hoạch'],
      ['QUYT', [null, null], 0],
      ['HONG', [null, null], 0],
      ['CAYGIONG', [null, null], 58.3],
      ['TRONGRUNG', [null, null], 0, 'Trồng rừng vụ Thu từ tháng 7'],
      ['GOTRON', [148200, 161500], 309700],
      ['VOQUE', [410, 385], 795],
    ],
    SCT: [['CCN', [0, 0], 0]],
    BQLKKT: [['LAPDAY', [], 38.5]],
    SXD: [
      ['KHOICONG', [1, 2], 3],
      ['NOXH', [0, 85], 85],
      ['VT_HH', [178, 196], 374],
      ['VT_HK', [104, 118], 222],
      ['VT_DT', [506, 552], 1058],
    ],
    SKHCN: [
      ['MSC', [0, 1], 1],
      ['SPKHCN', [0, 0], 0],
    ],
    STC: [['NSNN', [3950, 4280], 8230]],
    SGDDT: [['TRUONGNT', [], 1]],
  },
  '2026-Q3': {
    TK: [
      ['NLTS', [], LS_ACTUAL_2026.NLTS[2]],
      ['CNXD', [], LS_ACTUAL_2026.CNXD[2]],
      ['DV', [], LS_ACTUAL_2026.DV[2]],
      ['THUE', [], LS_ACTUAL_2026.THUE[2]],
      ['GTSX', [], 31920.4],
      ['GTSX_NLTS', [], 5489.3],
      ['GTSX_CNXD', [], 13211.0],
      ['GTSX_CN', [], 5120.8],
      ['GTSX_XD', [], 8090.2],
      ['GTSX_DV', [], 13220.1],
    ],
    SNNMT: [
      ['NA', [], 41850],
      ['QUYT', [], 4720],
      ['HONG', [], 13650],
      ['CAYGIONG', [], 128.9],
      ['TRONGRUNG', [], 2035],
      ['GOTRON', [], 251380],
      ['VOQUE', [], 1238],
    ],
    SCT: [['CCN', [], 1, 'Thành lập cụm công nghiệp Bắc Lãng']],
    BQLKKT: [['LAPDAY', [], 47.2]],
    SXD: [
      ['KHOICONG', [], 4],
      ['NOXH', [], 96],
      ['VT_HH', [], 205],
      ['VT_HK', [], 127],
      ['VT_DT', [], 598],
    ],
    SKHCN: [
      ['MSC', [], 1],
      ['SPKHCN', [], 0],
    ],
    STC: [['NSNN', [], 4520]],
    // SGDDT does not submit in Q3 (missing); SKHCN is late (see the generator).
  },
};
