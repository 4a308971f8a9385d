/**
 * Seed 004: Bắc Giang – Nam Ninh international agreements plan 2025–2028, its tasks, its
 * agencies in the order of its budget appendix, the budget lines of that appendix, and
 * plausible 2025 progress answers.
 */
import type { PlanData } from './plan-workbook.js';
import type { BudgetInput, TaskInput } from './fill.js';

export const BG_PLAN_ID = 'bacgiang-namninh-2025-2028';
export const BG_YEARS = [2025, 2026, 2027, 2028] as const;

const BUDGET_TASKS = 'Nhiệm vụ; Kinh phí';

export const bgPlan: PlanData = {
  info: {
    title:
      'Thực hiện các thỏa thuận quốc tế giữa UBND tỉnh Bắc Giang và Chính quyền Nhân dân thành phố Nam Ninh, Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc giai đoạn 2025 - 2028',
    number: '',
    symbol: 'KH-UBND',
    issuedDate: '01/2025',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG',
    issuerShort: 'UBND tỉnh Bắc Giang',
    superior: '',
    province: 'Bắc Giang',
    place: 'Bắc Giang',
    secretariat: 'Sở Ngoại vụ',
    reportSymbol: 'BC-UBND',
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signDeputy: 'KT. CHỦ TỊCH',
    signTitle: 'PHÓ CHỦ TỊCH',
    signName: 'Mai Sơn',
    storage: 'VT, KGVX',
    years: '2025 - 2028',
    moneyUnit: '1000 đồng',
    reportTo: 'Bộ Ngoại giao',
  },
  agencies: [
    { code: 'SNGV', name: 'Sở Ngoại vụ', aliases: ['Ngoại vụ', 'SNV'], sheets: BUDGET_TASKS },
    { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', aliases: ['Sở NN&PTNT', 'Sở Nông nghiệp', 'Nông nghiệp'], sheets: BUDGET_TASKS },
    { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', aliases: ['Sở VHTTDL', 'Văn hóa Thể thao Du lịch', 'VHTTDL'], sheets: BUDGET_TASKS },
    { code: 'LHHN', name: 'Liên hiệp các tổ chức hữu nghị tỉnh', aliases: ['Liên hiệp hữu nghị', 'Liên hiệp các tổ chức hữu nghị'], sheets: BUDGET_TASKS },
    { code: 'BBG', name: 'Báo Bắc Giang', aliases: ['Bao Bac Giang'], sheets: BUDGET_TASKS },
    { code: 'CDVH', name: 'Trường Cao đẳng Công nghệ Việt – Hàn Bắc Giang', aliases: ['Trường Cao đẳng Công nghệ Việt - Hàn Bắc Giang', 'Cao đẳng Việt Hàn', 'Việt Hàn'], sheets: BUDGET_TASKS },
    { code: 'SCT', name: 'Sở Công Thương', aliases: ['Công Thương'], sheets: 'Nhiệm vụ' },
    { code: 'HHDN', name: 'Hiệp hội Doanh nghiệp tỉnh', aliases: ['Hiệp hội Doanh nghiệp'], sheets: 'Nhiệm vụ' },
    { code: 'BQLKCN', name: 'Ban Quản lý các Khu công nghiệp tỉnh', aliases: ['Ban Quản lý các KCN', 'BQL KCN'], sheets: 'Nhiệm vụ' },
    { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT', 'Giáo dục'], sheets: 'Nhiệm vụ' },
    { code: 'DPTTH', name: 'Đài Phát thanh và Truyền hình tỉnh', aliases: ['Đài PT và TH tỉnh', 'Đài PTTH'], sheets: 'Nhiệm vụ' },
  ],
  fields: [
    { number: '1', title: 'Hợp tác trao đổi đoàn' },
    { number: '2', title: 'Hợp tác trong lĩnh vực kinh tế, thương mại' },
    { number: '3', title: 'Hợp tác trong lĩnh vực văn hóa, thể thao và du lịch' },
    { number: '4', title: 'Hợp tác về giáo dục và đào tạo' },
    { number: '5', title: 'Đối ngoại nhân dân và các lĩnh vực khác' },
  ],
  tasks: [
    {
      id: '1.1',
      text: 'Tổ chức đoàn công tác của Lãnh đạo tỉnh Bắc Giang tới thăm và làm việc với lãnh đạo Khu tự trị dân tộc Choang Quảng Tây và thành phố Nam Ninh.',
      time: 'Hằng năm',
      lead: 'SNGV',
      coordinators:
        'Văn phòng Tỉnh uỷ, Văn phòng đoàn ĐBQH và HĐND tỉnh, Văn phòng UBND tỉnh; các sở: Kế hoạch và Đầu tư, Công Thương, Tài chính, Văn hóa, Thể thao và Du lịch, Lao động - Thương binh và Xã hội, Giáo dục và Đào tạo; Ban Quản lý các Khu công nghiệp tỉnh',
      coordinatorCodes: 'SCT; SVHTTDL; SGDDT; BQLKCN',
    },
    {
      id: '1.2',
      text: 'Mời đoàn lãnh đạo và cán bộ, công chức, viên chức, người lao động các cơ quan liên quan của Khu tự trị dân tộc Choang Quảng Tây và thành phố Nam Ninh đến thăm, làm việc với tỉnh Bắc Giang.',
      time: 'Hằng năm',
      lead: 'SNGV',
      coordinators: 'Các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: '',
    },
    {
      id: '1.3',
      text: 'Tổ chức đoàn công tác cấp sở của tỉnh Bắc Giang đến làm việc với các cơ quan chuyên môn của thành phố Nam Ninh để trao đổi, tìm hiểu và xúc tiến triển khai các nội dung hợp tác giữa hai bên.',
      time: 'Hằng năm, theo nhu cầu thực tế',
      lead: 'SNGV',
      coordinators:
        'Văn phòng UBND tỉnh; các sở: Kế hoạch và Đầu tư, Công Thương, Tài chính, Nông nghiệp và Phát triển nông thôn, Khoa học và Công nghệ, Giáo dục và Đào tạo, Xây dựng; Ban Quản lý các Khu công nghiệp tỉnh; Hiệp hội Doanh nghiệp tỉnh',
      coordinatorCodes: 'SCT; SNNPTNT; SGDDT; BQLKCN; HHDN',
    },
    {
      id: '1.4',
      text: 'Đón đoàn các cơ quan chuyên môn của thành phố Nam Ninh đến thăm, làm việc với các cơ quan của tỉnh Bắc Giang.',
      time: 'Hằng năm, theo nhu cầu thực tế',
      lead: 'SNGV',
      coordinators: 'Các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: '',
    },
    {
      id: '1.5',
      text: 'Tổ chức đoàn cán bộ nông, lâm nghiệp của tỉnh Bắc Giang tham quan, học tập kinh nghiệm sản xuất nông, lâm nghiệp tại Khu tự trị dân tộc Choang Quảng Tây.',
      time: 'Năm 2025',
      lead: 'SNNPTNT',
      coordinators: 'Sở Ngoại vụ và các cơ quan, đơn vị liên quan',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '2.1',
      text: 'Tổ chức giới thiệu, quảng bá các sản phẩm chủ lực, đặc trưng, sản phẩm OCOP của tỉnh Bắc Giang tại thành phố Nam Ninh; tổ chức đoàn tham gia trưng bày, giới thiệu sản phẩm tại Hội chợ triển lãm Trung Quốc – ASEAN.',
      time: 'Hằng năm',
      lead: 'SCT',
      coordinators:
        'Văn phòng UBND tỉnh; các sở: Ngoại vụ, Nông nghiệp và Phát triển nông thôn, Khoa học và Công nghệ, Văn hóa Thể thao và Du lịch; Hiệp hội Doanh nghiệp tỉnh; UBND huyện: Lục Ngạn, Tân Yên',
      coordinatorCodes: 'SNGV; SNNPTNT; SVHTTDL; HHDN',
    },
    {
      id: '2.2',
      text: 'Phối hợp với thành phố Nam Ninh xúc tiến tiêu thụ vải thiều và các nông sản chủ lực, đặc trưng của tỉnh Bắc Giang.',
      time: 'Hằng năm',
      lead: 'SCT',
      coordinators: 'Văn phòng UBND tỉnh; các sở: Ngoại vụ, Nông nghiệp và Phát triển nông thôn, Thông tin và Truyền thông; Hiệp hội doanh nghiệp tỉnh; UBND huyện, thị xã, thành phố',
      coordinatorCodes: 'SNGV; SNNPTNT; HHDN',
    },
    {
      id: '2.3',
      text: 'Phối hợp với chính quyền thành phố Nam Ninh tạo điều kiện cho doanh nghiệp tỉnh Bắc Giang tham gia các sự kiện kinh tế, thương mại được tổ chức tại thành phố Nam Ninh.',
      time: 'Hằng năm',
      lead: 'HHDN',
      coordinators: 'Các sở: Ngoại vụ, Công Thương, Kế hoạch và Đầu tư',
      coordinatorCodes: 'SNGV; SCT',
    },
    {
      id: '2.4',
      text: 'Cung cấp các kênh liên lạc và tạo điều kiện để doanh nghiệp thành phố Nam Ninh tìm hiểu cơ hội hợp tác đầu tư, thương mại; thăm, khảo sát các khu, cụm công nghiệp tại tỉnh Bắc Giang.',
      time: 'Hằng năm',
      lead: 'BQLKCN',
      coordinators: 'Các sở: Ngoại vụ, Công Thương; Hiệp hội doanh nghiệp tỉnh; UBND huyện, thành phố, thị xã',
      coordinatorCodes: 'SNGV; SCT; HHDN',
    },
    {
      id: '3.1',
      text: 'Mời đoàn đại biểu và đoàn nghệ thuật của thành phố Nam Ninh tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu trong một số sự kiện văn hóa, du lịch của tỉnh Bắc Giang.',
      time: 'Hằng năm',
      lead: 'SVHTTDL',
      coordinators: 'Sở Ngoại vụ; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '3.2',
      text: 'Tổ chức các đoàn đại biểu và đoàn nghệ thuật của tỉnh Bắc Giang tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu của tỉnh tại thành phố Nam Ninh.',
      time: 'Hằng năm',
      lead: 'SVHTTDL',
      coordinators: 'Sở Ngoại vụ; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '3.3',
      text: 'Tăng cường các hoạt động giao lưu, thi đấu thể thao; hai bên cử các đội tham gia huấn luyện, thi đấu và giao lưu theo hình thức thăm viếng lẫn nhau.',
      time: 'Hằng năm, theo hình thức luân phiên',
      lead: 'SVHTTDL',
      coordinators: 'Sở Ngoại vụ; UBND thành phố Bắc Giang',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '3.4',
      text: 'Hợp tác phát triển du lịch bền vững, gắn phát triển du lịch với bảo tồn, phát huy các giá trị di sản văn hóa, bảo vệ môi trường thiên nhiên của 02 địa phương.',
      time: 'Hằng năm',
      lead: 'SVHTTDL',
      coordinators: 'Sở Ngoại vụ; Sở Công Thương; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV; SCT',
    },
    {
      id: '4.1',
      text: 'Mỗi năm lựa chọn 02 học sinh, sinh viên xuất sắc của tỉnh Bắc Giang nhận học bổng toàn phần “Thành phố hữu nghị quốc tế Nam Ninh” học tại các trường trung học phổ thông hoặc đại học tại thành phố Nam Ninh.',
      time: 'Hằng năm',
      lead: 'SGDDT',
      coordinators: 'Sở Ngoại vụ; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '4.2',
      text: 'Tổ chức giao lưu, trao đổi kinh nghiệm và hợp tác giữa các trường đại học, cao đẳng, trường dạy nghề của hai bên; ký hợp tác giữa Trường Cao đẳng Công nghệ Việt - Hàn Bắc Giang và trường đại học, cao đẳng của thành phố Nam Ninh.',
      time: 'Tại Bắc Giang năm 2026, 2028; tại Nam Ninh năm 2025, 2027',
      lead: 'CDVH',
      coordinators: 'Trường Đại học Nông - Lâm Bắc Giang; Trường Cao đẳng Ngô Gia Tự; Trường Cao đẳng Kỹ thuật Công nghiệp',
      coordinatorCodes: '',
    },
    {
      id: '4.3',
      text: 'Thúc đẩy hợp tác giữa các trường đại học, cao đẳng, trung cấp, trường dạy nghề của tỉnh Bắc Giang với trường chuyên ngành tương đương của thành phố Nam Ninh trong đào tạo nhân lực cho các doanh nghiệp Trung Quốc tại Bắc Giang.',
      time: 'Hằng năm',
      lead: 'CDVH',
      coordinators: 'Sở Ngoại vụ, Giáo dục và Đào tạo, các trường đại học, cao đẳng trên địa bàn tỉnh',
      coordinatorCodes: 'SNGV; SGDDT',
    },
    {
      id: '4.4',
      text: 'Cử cán bộ các cơ quan liên quan của tỉnh Bắc Giang tham gia các chương trình đào tạo ngắn hạn tại Nam Ninh nhằm bồi dưỡng nguồn nhân lực chất lượng cao theo lời mời của thành phố Nam Ninh.',
      time: 'Hằng năm',
      lead: 'SNGV',
      coordinators: 'Các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: '',
    },
    {
      id: '5.1',
      text: 'Tổ chức các hoạt động giao lưu giữa nhân dân hai địa phương; tổ chức đoàn công tác của Liên hiệp các tổ chức hữu nghị tỉnh và Hội hữu nghị Việt - Trung tỉnh sang thăm, làm việc tại thành phố Nam Ninh.',
      time: 'Năm 2025, 2027',
      lead: 'LHHN',
      coordinators: 'Sở Ngoại vụ; Trường Đại học Nông - Lâm Bắc Giang',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '5.2',
      text: 'Đón đoàn Hội Hữu nghị đối ngoại nhân dân thành phố Nam Ninh đến thăm, làm việc với Liên hiệp các tổ chức hữu nghị tỉnh và Hội hữu nghị Việt - Trung tỉnh.',
      time: 'Năm 2026, 2028',
      lead: 'LHHN',
      coordinators: 'Sở Ngoại vụ; Trường Đại học Nông - Lâm Bắc Giang; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV',
    },
    {
      id: '5.3',
      text: 'Tăng cường các hoạt động tuyên truyền về mối quan hệ giữa hai Đảng, hai nước Việt Nam - Trung Hoa, hoạt động hợp tác giữa tỉnh Bắc Giang và thành phố Nam Ninh trên các kênh truyền thông của hai bên.',
      time: 'Hằng năm',
      lead: 'BBG; DPTTH',
      coordinators: 'Sở Ngoại vụ; các cơ quan, tổ chức, địa phương liên quan',
      coordinatorCodes: 'SNGV',
    },
  ],
  recipients: [
    'Ban Đối ngoại Trung ương',
    'Bộ Ngoại giao',
    'TT Tỉnh ủy, TT HĐND tỉnh',
    'CT, các PCT UBND tỉnh',
    'UB MTTQ và các tổ chức CT-XH tỉnh',
    'Các sở, cơ quan, đơn vị thuộc UBND tỉnh',
    'Báo Bắc Giang, Đài PT và TH tỉnh',
    'Liên hiệp các tổ chức hữu nghị tỉnh',
    'Hiệp hội Doanh nghiệp tỉnh',
    'VP UBND tỉnh: LĐVP, TH, KTN, KTTH, TTTT',
  ],
};

const every = (v: number): number[] => [v, v, v, v];

/** The seed's budget appendix, line by line, per agency code (in 1000 đồng). */
export const bgBudget: Readonly<Record<string, readonly BudgetInput[]>> = {
  SNGV: [
    { content: 'Đoàn ra của Lãnh đạo tỉnh tới Thành phố Nam Ninh tham dự Hội chợ Triển lãm Trung Quốc - ASEAN (hàng năm)', unit: 'đoàn', quantity: 4, rate: 177875, years: every(177875) },
    { content: 'Đoàn vào của Lãnh đạo và các cơ quan chuyên môn của tỉnh Quảng Tây và thành phố Nam Ninh (hàng năm)', unit: 'đoàn', quantity: 4, rate: 195400, years: every(195400) },
    { content: 'Đoàn vào của các cơ quan chuyên môn của thành phố Nam Ninh đến thăm, làm việc với các cơ quan của tỉnh Bắc Giang', unit: 'đoàn', quantity: 4, rate: 105800, years: every(105800) },
    {
      content: 'Tổ chức đoàn ra của các cơ quan chuyên môn tỉnh Bắc Giang đến làm việc với các cơ quan chuyên môn của Khu tự trị dân tộc Choang Quảng Tây và Thành phố Nam Ninh',
      unit: 'đoàn',
      quantity: 4,
      rate: 67320,
      years: every(67320),
    },
    { content: 'Đoàn cán bộ các cơ quan của tỉnh Bắc Giang tham gia các chương trình đào tạo ngắn hạn tại thành phố Nam Ninh', unit: 'đoàn', quantity: 4, rate: 128250, years: every(128250) },
  ],
  SNNPTNT: [
    {
      content: 'Đoàn tham quan, học tập kinh nghiệm sản xuất nông, lâm nghiệp và thủy sản tại Khu tự trị dân tộc Choang Quảng Tây',
      unit: 'đoàn',
      quantity: 1,
      rate: 90750,
      years: [90750, 0, 0, 0],
    },
  ],
  SVHTTDL: [
    {
      content:
        'Mời đoàn đại biểu và đoàn nghệ thuật của thành phố Nam Ninh tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu của thành phố Nam Ninh trong một số sự kiện văn hóa, du lịch của tỉnh Bắc Giang',
      unit: 'đoàn',
      quantity: 4,
      rate: 130000,
      years: every(130000),
    },
    {
      content:
        'Thành lập các đoàn nghệ thuật gồm các nghệ nhân, nghệ sĩ, diễn viên của tỉnh Bắc Giang tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu tỉnh Bắc Giang tại thành phố Nam Ninh',
      unit: 'đoàn',
      quantity: 4,
      rate: 198150,
      years: every(198150),
    },
    { content: 'Kinh phí các hoạt động giao lưu, thi đấu thể thao giữa tỉnh Bắc Giang và Thành phố Nam Ninh', unit: 'đoàn', quantity: 1, rate: 560880, years: [560880, null, null, null] },
  ],
  LHHN: [
    {
      content:
        'Đoàn công tác của Liên hiệp các tổ chức hữu nghị tỉnh sang thăm, làm việc tại Thành phố Nam Ninh để xúc tiến các hoạt động giao lưu, đối ngoại nhân dân; trao đổi việc ký Bản ghi nhớ với Hội Hữu nghị đối ngoại nhân dân Thành phố Nam Ninh',
      unit: 'đoàn',
      quantity: 2,
      rate: 138000,
      years: [138000, null, 138000, null],
    },
  ],
  BBG: [{ content: 'Tin, bài, ảnh, clip tuyên truyền trên báo in và báo điện tử', unit: 'năm', quantity: 4, rate: 99900, years: every(99900) }],
  CDVH: [
    {
      content: 'Tổ chức đón các trường đại học, cao đẳng của thành phố Nam Ninh sang giao lưu với các trường đại học, cao đẳng của tỉnh Bắc Giang và ký thỏa thuận hợp tác',
      unit: 'sự kiện',
      quantity: 2,
      rate: 88300,
      years: [null, 88300, null, 88300],
    },
    {
      content: 'Tổ chức đoàn đi trao đổi, học tập kinh nghiệm, tìm kiếm cơ hội hợp tác với các Trường Đại học/ Cao đẳng của Thành phố Nam Ninh',
      unit: 'đoàn',
      quantity: 2,
      rate: 147900,
      years: [147900, null, 147900, null],
    },
  ],
};

/** Figures the seed prints; tests and the README compare against them. */
export const BG_EXPECTED = {
  groupTotals: { SNGV: 2698580, SNNPTNT: 90750, SVHTTDL: 1873480, LHHN: 276000, BBG: 399600, CDVH: 472400 } as Record<string, number>,
  yearTotals: [2040225, 1190995, 1388595, 1190995],
  grandTotal: 5810810,
  inWords: 'Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng',
};

/** Plausible 2025 results for every task, per reporting agency. */
export const bgProgress2025: Readonly<Record<string, readonly TaskInput[]>> = {
  SNGV: [
    { id: '1.1', status: 'Hoàn thành', result: 'Tham mưu tổ chức đoàn Lãnh đạo tỉnh thăm, làm việc tại Quảng Tây và Nam Ninh từ ngày 15 đến 18/9/2025, tham dự Hội chợ Trung Quốc – ASEAN lần thứ 22.' },
    { id: '1.2', status: 'Hoàn thành', result: 'Đón 02 đoàn lãnh đạo thành phố Nam Ninh thăm, làm việc tại tỉnh (tháng 4 và tháng 11/2025).' },
    {
      id: '1.3',
      status: 'Đang thực hiện',
      result: 'Đã tổ chức 01/02 đoàn công tác cấp sở; đoàn thứ hai chuyển sang quý I/2026 theo đề nghị của phía bạn.',
      difficulties: 'Lịch làm việc của phía Nam Ninh thay đổi nhiều lần nên khó chủ động bố trí đoàn.',
      proposals: 'Đề nghị UBND tỉnh cho phép điều chỉnh thời gian tổ chức đoàn cấp sở sang quý I/2026.',
    },
    { id: '1.4', status: 'Hoàn thành', result: 'Đón 03 đoàn cơ quan chuyên môn của thành phố Nam Ninh làm việc với các sở, ngành của tỉnh.' },
    { id: '4.4', status: 'Hoàn thành', result: 'Cử 12 cán bộ tham gia 02 khóa đào tạo ngắn hạn về quản lý đô thị và xúc tiến thương mại tại Nam Ninh.' },
    { id: '1.5', status: 'Hoàn thành', result: 'Phối hợp làm thủ tục xuất cảnh và liên hệ phía bạn cho đoàn cán bộ nông nghiệp.' },
    { id: '2.1', status: 'Hoàn thành', result: 'Phối hợp mời và đón tiếp doanh nghiệp tham gia gian hàng của tỉnh tại Hội chợ.' },
    { id: '2.2', status: 'Hoàn thành', result: 'Cung cấp thông tin thị trường và kết nối 05 nhà nhập khẩu Nam Ninh với hợp tác xã vải thiều.' },
    { id: '2.3', status: 'Đang thực hiện', result: 'Phối hợp thông tin các sự kiện xúc tiến tại Nam Ninh tới Hiệp hội Doanh nghiệp tỉnh.' },
    { id: '2.4', status: 'Hoàn thành', result: 'Phối hợp bố trí phiên dịch cho 04 đoàn doanh nghiệp Nam Ninh khảo sát khu công nghiệp.' },
    { id: '3.1', status: 'Hoàn thành', result: 'Phối hợp làm thủ tục mời đoàn nghệ thuật Nam Ninh tham dự Lễ hội vải thiều.' },
    { id: '3.2', status: 'Hoàn thành', result: 'Phối hợp hướng dẫn thủ tục xuất cảnh cho đoàn nghệ thuật của tỉnh.' },
    { id: '3.3', status: 'Hoàn thành', result: 'Phối hợp tổ chức giải giao hữu bóng bàn giữa hai địa phương.' },
    { id: '3.4', status: 'Đang thực hiện', result: 'Phối hợp xây dựng dự thảo chương trình hợp tác du lịch giai đoạn 2025 - 2028.' },
    { id: '4.1', status: 'Hoàn thành', result: 'Phối hợp hoàn thiện hồ sơ học bổng cho 02 học sinh.' },
    { id: '4.3', status: 'Đang thực hiện', result: 'Phối hợp kết nối Trường Cao đẳng Công nghệ Việt – Hàn với 02 trường của Nam Ninh.' },
    { id: '5.1', status: 'Hoàn thành', result: 'Phối hợp tổ chức đoàn Liên hiệp các tổ chức hữu nghị sang Nam Ninh.' },
    { id: '5.2', status: 'Chưa thực hiện', result: '' },
    { id: '5.3', status: 'Hoàn thành', result: 'Cung cấp thông tin, hình ảnh các hoạt động đối ngoại cho Báo Bắc Giang và Đài PT-TH tỉnh.' },
  ],
  SNNPTNT: [
    { id: '1.3', status: 'Đang thực hiện', result: 'Cử 01 lãnh đạo sở tham gia đoàn công tác cấp sở.' },
    { id: '1.5', status: 'Hoàn thành', result: 'Tổ chức đoàn 06 cán bộ học tập mô hình sản xuất cây ăn quả và lâm nghiệp tại Quảng Tây từ ngày 10 đến 12/6/2025.' },
    { id: '2.1', status: 'Hoàn thành', result: 'Giới thiệu 12 sản phẩm OCOP nông sản tại gian hàng của tỉnh.' },
    { id: '2.2', status: 'Hoàn thành', result: 'Cấp 35 mã số vùng trồng vải thiều xuất khẩu sang Trung Quốc.', proposals: 'Đề nghị phía Nam Ninh hỗ trợ thông quan nhanh vải thiều qua cửa khẩu trong mùa thu hoạch.' },
  ],
  SVHTTDL: [
    { id: '1.1', status: 'Hoàn thành', result: 'Cử 01 lãnh đạo sở tham gia đoàn Lãnh đạo tỉnh.' },
    { id: '2.1', status: 'Hoàn thành', result: 'Giới thiệu sản phẩm du lịch của tỉnh tại gian hàng Hội chợ.' },
    { id: '3.1', status: 'Hoàn thành', result: 'Đoàn nghệ thuật Nam Ninh (25 người) biểu diễn tại Lễ hội vải thiều Lục Ngạn tháng 6/2025.' },
    { id: '3.2', status: 'Hoàn thành', result: 'Đoàn nghệ thuật của tỉnh (30 người) biểu diễn tại Lễ hội Tam Nguyệt Tam, Nam Ninh.' },
    {
      id: '3.3',
      status: 'Đang thực hiện',
      result: 'Tổ chức giải giao hữu bóng bàn; giải bóng đá thanh niên chuyển sang năm 2026.',
      difficulties: 'Kinh phí giao lưu thể thao năm 2025 được giao chậm, ảnh hưởng tiến độ tổ chức.',
    },
    { id: '3.4', status: 'Đang thực hiện', result: 'Xây dựng dự thảo chương trình hợp tác phát triển du lịch bền vững, dự kiến ký năm 2026.' },
  ],
  LHHN: [{ id: '5.1', status: 'Hoàn thành', result: 'Đoàn 08 người sang Nam Ninh tháng 10/2025; hai bên thống nhất nội dung Bản ghi nhớ hợp tác giai đoạn mới.' }, { id: '5.2', status: 'Chưa thực hiện', result: '' }],
  BBG: [{ id: '5.3', status: 'Hoàn thành', result: 'Đăng 46 tin, bài, ảnh và 05 clip về hợp tác Bắc Giang – Nam Ninh trên báo in và báo điện tử.' }],
  CDVH: [
    { id: '4.2', status: 'Hoàn thành', result: 'Tổ chức đoàn 06 cán bộ, giảng viên làm việc với Trường Cao đẳng Nghề Nam Ninh; ký thỏa thuận hợp tác đào tạo.' },
    { id: '4.3', status: 'Đang thực hiện', result: 'Phối hợp 02 doanh nghiệp Trung Quốc xây dựng chương trình đào tạo kỹ thuật điện tử.', proposals: 'Đề nghị hỗ trợ kinh phí cho giảng viên học tiếng Trung chuyên ngành.' },
  ],
  SCT: [
    { id: '1.1', status: 'Hoàn thành', result: 'Cử lãnh đạo sở tham gia đoàn và làm việc với Cục Thương mại Nam Ninh.' },
    { id: '1.3', status: 'Đang thực hiện', result: 'Tham gia đoàn công tác cấp sở về xúc tiến thương mại.' },
    { id: '2.1', status: 'Hoàn thành', result: 'Tổ chức 01 gian hàng với 20 doanh nghiệp tham gia Hội chợ Trung Quốc – ASEAN 2025.' },
    { id: '2.2', status: 'Hoàn thành', result: 'Tổ chức hội nghị xúc tiến tiêu thụ vải thiều tại Nam Ninh; ký 08 biên bản ghi nhớ tiêu thụ.' },
    { id: '2.3', status: 'Hoàn thành', result: 'Phối hợp thông tin các sự kiện thương mại tới doanh nghiệp.' },
    { id: '2.4', status: 'Hoàn thành', result: 'Phối hợp giới thiệu các cụm công nghiệp cho doanh nghiệp Nam Ninh.' },
    { id: '3.4', status: 'Đang thực hiện', result: 'Phối hợp giới thiệu sản phẩm làng nghề phục vụ du lịch.' },
  ],
  HHDN: [
    { id: '1.3', status: 'Đang thực hiện', result: 'Cử đại diện tham gia đoàn công tác cấp sở.' },
    { id: '2.1', status: 'Hoàn thành', result: 'Vận động 20 doanh nghiệp tham gia gian hàng của tỉnh.' },
    { id: '2.2', status: 'Hoàn thành', result: 'Kết nối hội viên với nhà nhập khẩu nông sản Nam Ninh.' },
    { id: '2.3', status: 'Đang thực hiện', result: 'Đưa 15 doanh nghiệp tham dự 02 sự kiện kinh tế tại Nam Ninh.', difficulties: 'Doanh nghiệp tự chi trả chi phí nên số lượng tham gia còn hạn chế.' },
    { id: '2.4', status: 'Hoàn thành', result: 'Giới thiệu hội viên làm đối tác cho doanh nghiệp Nam Ninh khảo sát đầu tư.' },
  ],
  BQLKCN: [
    { id: '1.1', status: 'Hoàn thành', result: 'Giới thiệu môi trường đầu tư các khu công nghiệp tại buổi làm việc với Nam Ninh.' },
    { id: '1.3', status: 'Đang thực hiện', result: 'Tham gia đoàn công tác cấp sở về phát triển khu công nghiệp.' },
    { id: '2.4', status: 'Hoàn thành', result: 'Đón 04 đoàn doanh nghiệp Nam Ninh khảo sát các khu công nghiệp; 01 dự án đăng ký đầu tư 12 triệu USD.' },
  ],
  SGDDT: [
    { id: '1.1', status: 'Hoàn thành', result: 'Tham gia đoàn, làm việc về học bổng cho học sinh.' },
    { id: '1.3', status: 'Đang thực hiện', result: 'Tham gia đoàn công tác cấp sở về giáo dục.' },
    { id: '4.1', status: 'Hoàn thành', result: 'Lựa chọn 02 học sinh xuất sắc nhận học bổng “Thành phố hữu nghị quốc tế Nam Ninh” năm học 2025 - 2026.' },
    { id: '4.3', status: 'Đang thực hiện', result: 'Hướng dẫn các trường xây dựng nội dung hợp tác đào tạo.' },
  ],
  DPTTH: [{ id: '5.3', status: 'Hoàn thành', result: 'Phát sóng 32 tin, phóng sự về hợp tác Bắc Giang – Nam Ninh.' }],
};

/** Money spent in 2025 per budget line, per agency (in 1000 đồng). */
export const bgSpent2025: Readonly<Record<string, readonly (number | null)[]>> = {
  SNGV: [177875, 190200, 98500, 67320, 128250],
  SNNPTNT: [88400],
  SVHTTDL: [130000, 198150, 312000],
  LHHN: [135600],
  BBG: [99900],
  CDVH: [0, 142300],
};
