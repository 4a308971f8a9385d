/**
 * A realistic sample report and budget appendix (shaped like the Bắc Giang – Nam Ninh plan
 * 2025–2028), used by the renderer tests and for visual checks with LibreOffice.
 */
import type { AppendixTable, OfficialDocument, TableColumn, TableRow } from '../../model/document.js';
import { parseMarkup } from '../markup.js';

const BODY = `
# I. KẾT QUẢ THỰC HIỆN

## 1. Hợp tác trao đổi đoàn

Năm 2025, Sở Ngoại vụ chủ trì, phối hợp với các cơ quan liên quan tổ chức **02 đoàn** công tác của
Lãnh đạo tỉnh tới thăm và làm việc với lãnh đạo Khu tự trị dân tộc Choang Quảng Tây và thành phố
Nam Ninh; đón *01 đoàn* cơ quan chuyên môn của thành phố Nam Ninh đến làm việc tại tỉnh.

### a) Đoàn ra

- Đoàn của Lãnh đạo tỉnh tham dự Hội chợ Triển lãm Trung Quốc - ASEAN lần thứ 22;
- Đoàn cán bộ nông, lâm nghiệp tham quan, học tập kinh nghiệm sản xuất tại Quảng Tây.

## 2. Hợp tác trong lĩnh vực văn hóa, thể thao và du lịch

Sở Văn hóa, Thể thao & Du lịch đã mời đoàn nghệ thuật của thành phố Nam Ninh tham gia biểu diễn
tại Lễ hội Xương Giang; kinh phí thực hiện đạt 45,6% dự toán năm.

# II. KHÓ KHĂN, VƯỚNG MẮC

Một số nhiệm vụ chưa triển khai do phía bạn chưa thống nhất thời gian; thủ tục cấp thị thực cho
đoàn vào còn kéo dài.

# III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026

Tiếp tục triển khai các nội dung của Kế hoạch (*chi tiết tại Phụ lục I kèm theo*); các cơ quan,
đơn vị xây dựng dự toán kinh phí theo nhiệm vụ được giao, gửi Sở Tài chính thẩm định./.
`;

/** Nơi nhận of the seed plan (without "- " and ";"). */
const RECIPIENTS = [
  'Bộ Ngoại giao',
  'TT Tỉnh ủy, TT HĐND tỉnh',
  'CT, các PCT UBND tỉnh',
  'UB MTTQ và các tổ chức CT-XH tỉnh',
  'Các sở, cơ quan, đơn vị thuộc UBND tỉnh',
  'Báo Bắc Giang, Đài PT và TH tỉnh',
  'Liên hiệp các tổ chức hữu nghị tỉnh',
  'Hiệp hội Doanh nghiệp tỉnh',
  'VP UBND tỉnh: LĐVP, TH, KTN, KTTH, TTTT',
  'Lưu: VT, KGVX',
];

const YEARS = [2025, 2026, 2027, 2028] as const;

const BUDGET_COLUMNS: readonly TableColumn[] = [
  { key: 'stt', header: 'STT', widthMm: 12, format: 'center' },
  { key: 'content', header: 'Nội dung', widthMm: 88, format: 'text' },
  { key: 'unit', header: 'Đơn vị tính', widthMm: 16, format: 'center' },
  { key: 'quantity', header: 'Số lượng', widthMm: 15, format: 'integer' },
  { key: 'rate', header: 'Định mức\n(1000 đồng)', widthMm: 22, format: 'money' },
  { key: 'amount', header: 'Thành tiền\n(1000 đồng)', widthMm: 24, format: 'money', sum: true },
  ...YEARS.map(
    (year): TableColumn => ({
      key: `y${year}`,
      header: `Năm ${year}`,
      group: 'Phân kỳ thực hiện',
      widthMm: 21,
      format: 'money',
      sum: true,
    }),
  ),
  { key: 'note', header: 'Ghi chú', widthMm: 14, format: 'text' },
];

type Item = readonly [content: string, unit: string, quantity: number, rate: number, years: readonly number[]];

const GROUPS: readonly { readonly stt: string; readonly name: string; readonly items: readonly Item[] }[] = [
  {
    stt: 'I',
    name: 'Sở Ngoại vụ',
    items: [
      ['Đoàn ra của Lãnh đạo tỉnh tới Thành phố Nam Ninh tham dự Hội chợ Triển lãm Trung Quốc - ASEAN (hàng năm)', 'đoàn', 4, 177875, [1, 1, 1, 1]],
      ['Đoàn vào của Lãnh đạo và các cơ quan chuyên môn của tỉnh Quảng Tây và thành phố Nam Ninh (hàng năm)', 'đoàn', 4, 195400, [1, 1, 1, 1]],
      ['Đoàn vào của các cơ quan chuyên môn của thành phố Nam Ninh đến thăm, làm việc với các cơ quan của tỉnh Bắc Giang', 'đoàn', 4, 105800, [1, 1, 1, 1]],
      ['Tổ chức đoàn ra của các cơ quan chuyên môn tỉnh Bắc Giang đến làm việc với các cơ quan chuyên môn của Khu tự trị dân tộc Choang Quảng Tây và Thành phố Nam Ninh', 'đoàn', 4, 67320, [1, 1, 1, 1]],
      ['Đoàn cán bộ các cơ quan của tỉnh Bắc Giang tham gia các chương trình đào tạo ngắn hạn tại thành phố Nam Ninh', 'đoàn', 4, 128250, [1, 1, 1, 1]],
    ],
  },
  {
    stt: 'II',
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    items: [['Đoàn tham quan, học tập kinh nghiệm sản xuất nông, lâm nghiệp và thủy sản tại Khu tự trị dân tộc Choang Quảng Tây', 'đoàn', 1, 90750, [1, 0, 0, 0]]],
  },
  {
    stt: 'III',
    name: 'Sở Văn hóa, Thể thao & Du lịch',
    items: [
      ['Mời đoàn đại biểu và đoàn nghệ thuật của thành phố Nam Ninh tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu của thành phố Nam Ninh trong một số sự kiện văn hóa, du lịch của tỉnh Bắc Giang', 'đoàn', 4, 130000, [1, 1, 1, 1]],
      ['Thành lập các đoàn nghệ thuật gồm các nghệ nhân, nghệ sĩ, diễn viên của tỉnh Bắc Giang tham gia biểu diễn, trưng bày, triển lãm hình ảnh di sản văn hoá tiêu biểu tỉnh Bắc Giang tại thành phố Nam Ninh', 'đoàn', 4, 198150, [1, 1, 1, 1]],
      ['Kinh phí các hoạt động giao lưu, thi đấu thể thao giữa tỉnh Bắc Giang và Thành phố Nam Ninh', 'đoàn', 1, 560880, [1, 0, 0, 0]],
    ],
  },
  {
    stt: 'IV',
    name: 'Liên hiệp các tổ chức hữu nghị tỉnh',
    items: [['Đoàn công tác của Liên hiệp các tổ chức hữu nghị tỉnh sang thăm, làm việc tại Thành phố Nam Ninh để xúc tiến các hoạt động giao lưu, đối ngoại nhân dân; trao đổi việc ký Bản ghi nhớ với Hội Hữu nghị đối ngoại nhân dân Thành phố Nam Ninh', 'đoàn', 2, 138000, [1, 0, 1, 0]]],
  },
  {
    stt: 'V',
    name: 'Báo Bắc Giang',
    items: [['Tin, bài, ảnh, clip tuyên truyền trên báo in và báo điện tử', 'năm', 4, 99900, [1, 1, 1, 1]]],
  },
  {
    stt: 'VI',
    name: 'Trường Cao đẳng Công nghệ Việt - Hàn Bắc Giang',
    items: [
      ['Tổ chức đón các trường đại học, cao đẳng của thành phố Nam Ninh sang giao lưu với các trường đại học, cao đẳng của tỉnh Bắc Giang và ký thỏa thuận hợp tác', 'sự kiện', 2, 88300, [0, 1, 0, 1]],
      ['Tổ chức đoàn đi trao đổi, học tập kinh nghiệm, tìm kiếm cơ hội hợp tác với các Trường Đại học/Cao đẳng của Thành phố Nam Ninh', 'đoàn', 2, 147900, [1, 0, 1, 0]],
    ],
  },
];

/** The budget appendix of the sample: groups I–VI, items, a total row; amounts in 1000 đồng. */
export function sampleBudgetAppendix(): AppendixTable {
  const rows: TableRow[] = [];
  const total: Record<string, number> = { amount: 0, ...Object.fromEntries(YEARS.map((y) => [`y${y}`, 0])) };
  for (const group of GROUPS) {
    const sums: Record<string, number> = { amount: 0, ...Object.fromEntries(YEARS.map((y) => [`y${y}`, 0])) };
    const items: TableRow[] = group.items.map(([content, unit, quantity, rate, years], index) => {
      const cells: Record<string, string | number | null> = {
        stt: String(index + 1),
        content,
        unit,
        quantity,
        rate,
        amount: quantity * rate,
        note: null,
      };
      YEARS.forEach((year, k) => {
        cells[`y${year}`] = (years[k] ?? 0) * rate;
      });
      for (const key of Object.keys(sums)) sums[key] = (sums[key] ?? 0) + Number(cells[key] ?? 0);
      return { kind: 'item', cells };
    });
    rows.push({ kind: 'group', cells: { stt: group.stt, content: group.name, ...sums } });
    rows.push(...items);
    for (const key of Object.keys(total)) total[key] = (total[key] ?? 0) + (sums[key] ?? 0);
  }
  rows.push({ kind: 'total', cells: { stt: null, content: 'Tổng cộng', ...total } });
  return {
    label: 'Phụ lục I',
    title: 'Bảng tổng hợp dự toán kinh phí chi tiết',
    subtitle: '(Kèm theo Báo cáo số      /BC-UBND ngày      tháng      năm 2025\ncủa UBND tỉnh Bắc Giang)',
    unitLine: 'Đơn vị tính: 1000 đồng',
    columns: BUDGET_COLUMNS,
    rows,
    numberRow: BUDGET_COLUMNS.map((_, i) => `(${i + 1})`),
    notes: ['(Bằng chữ: Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng)'],
    sheetName: 'Dự toán',
  };
}

/** A report with the header, Nơi nhận and signer of the Bắc Giang plan and one budget appendix. */
export function sampleReport(): OfficialDocument {
  return {
    superior: '',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG',
    numberLine: 'Số:      /BC-UBND',
    dateLine: 'Bắc Giang, ngày      tháng      năm 2025',
    docType: 'BÁO CÁO',
    summary:
      'Kết quả thực hiện Kế hoạch thực hiện các thỏa thuận quốc tế giữa UBND tỉnh Bắc Giang và Chính quyền Nhân dân thành phố Nam Ninh năm 2025',
    reportTo: ['Bộ Ngoại giao'],
    body: parseMarkup(BODY),
    recipients: RECIPIENTS,
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN', deputy: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Mai Sơn' },
    appendices: [sampleBudgetAppendix()],
  };
}
