/**
 * What each sheet of an appendix layout (templates/phu-luc-<kind>.xlsx) lays out: the columns its
 * model rows may name (`{{noi_dung}}`), the kinds of rows its table has, and the fields its texts
 * may use. One place for the layout reader, the build and the "Hướng dẫn" sheet of the layouts.
 */
import * as z from 'zod';
import type { ColumnFormat, RowKind } from '../model/document.js';
import { planSchema } from '../model/plan.js';
import { reportFields } from '../model/report-fields.js';
import type { AppendixLayoutKind } from '../model/templates.js';

/** The table a layout sheet lays out. */
export type LayoutRole = 'du-toan' | 'nhiem-vu' | 'ket-qua-chi-tiet' | 'kinh-phi' | 'chi-tieu' | 'don-vi';

/** A column a model row may name: `{{name}}`; `repeated` columns become one column per year or indicator. */
export interface RoleColumn {
  readonly name: string;
  /** What the column shows, in Vietnamese (the "Hướng dẫn" sheet lists it). */
  readonly text: string;
  /** One column per year (du-toan) or per indicator (don-vi), made from this one. */
  readonly repeated?: 'year' | 'indicator';
  /** How its values show (render/cells.ts), its default width, its sums: as TableColumn. */
  readonly format: ColumnFormat;
  readonly widthMm: number;
  readonly decimals?: number;
  readonly sum?: boolean;
  readonly optional?: boolean;
  readonly itemFormula?: string;
}

export interface RoleSpec {
  /** The sheet's default name in the shipped layout. */
  readonly sheet: string;
  /** What the table is, in Vietnamese. */
  readonly text: string;
  /** The kinds of rows the table has: each needs its model row. */
  readonly kinds: readonly RowKind[];
  readonly columns: readonly RoleColumn[];
  /** Fields the sheet's texts may use besides the common ones (name → Vietnamese description). */
  readonly fields: Readonly<Record<string, string>>;
}

/** Marker of a model row, in a cell right of the table (compared without case and diacritics). */
export const ROW_MARKERS: Readonly<Record<RowKind, string>> = {
  group: '[dòng nhóm]',
  item: '[dòng mục]',
  total: '[dòng tổng]',
};

/** What each kind of row is, in Vietnamese. */
export const ROW_KIND_TEXT: Readonly<Record<RowKind, string>> = {
  group: 'dòng nhóm (cơ quan, lĩnh vực, nhóm chỉ tiêu: in đậm, có tổng của nhóm)',
  item: 'dòng mục (từng nội dung, nhiệm vụ, chỉ tiêu, đơn vị)',
  total: 'dòng tổng cộng ở cuối bảng',
};

/** Name of the instructions sheet of a layout: never copied into the appendix. */
export const GUIDE_SHEET = 'Hướng dẫn';

const COMMON_FIELDS: Readonly<Record<string, string>> = {
  'plan.info.title': 'tên kế hoạch',
  'plan.info.symbol': 'ký hiệu của kế hoạch (KH-UBND)',
  'plan.info.issuerShort': 'cơ quan ban hành, viết trong câu (UBND tỉnh Lạng Sơn)',
  'plan.info.reportSymbol': 'ký hiệu của báo cáo (BC-UBND)',
  'plan.info.moneyUnit': 'đơn vị tiền (triệu đồng)',
  'round.label': 'đợt báo cáo (Quý III năm 2026)',
  year: 'năm của kỳ báo cáo',
  planNumber: 'số của kế hoạch (để trống khi chưa có số)',
  planDate: 'ngày ban hành kế hoạch (ngày 15 tháng 7 năm 2025)',
  reportNumber: 'số của báo cáo (để trống: điền khi ký)',
  reportDate: 'dòng ngày của báo cáo (ngày   tháng   năm 2026)',
};

export const LAYOUT_ROLES: Readonly<Record<LayoutRole, RoleSpec>> = {
  'du-toan': {
    sheet: 'Dự toán kinh phí',
    text: 'Bảng tổng hợp dự toán kinh phí chi tiết (đợt dự toán)',
    kinds: ['group', 'item', 'total'],
    columns: [
      { name: 'stt', text: 'số thứ tự (I, II… ở dòng nhóm; 1, 2… ở dòng mục)', format: 'center', widthMm: 11 },
      { name: 'noi_dung', text: 'nội dung (tên cơ quan ở dòng nhóm)', format: 'text', widthMm: 72 },
      { name: 'don_vi_tinh', text: 'đơn vị tính (bỏ khi không dòng nào có)', format: 'center', widthMm: 15, optional: true },
      { name: 'so_luong', text: 'số lượng (bỏ khi không dòng nào có)', format: 'number', widthMm: 14, optional: true },
      { name: 'dinh_muc', text: 'định mức (bỏ khi không dòng nào có)', format: 'money', widthMm: 20, optional: true },
      { name: 'thanh_tien', text: 'thành tiền = số lượng × định mức (công thức)', format: 'money', widthMm: 22, sum: true, itemFormula: '{so_luong}*{dinh_muc}' },
      { name: 'nam', text: 'kinh phí từng năm: một cột cho mỗi năm của kế hoạch; tiêu đề dùng {{year}}', repeated: 'year', format: 'money', widthMm: 20, sum: true },
      { name: 'ghi_chu', text: 'ghi chú', format: 'text', widthMm: 15 },
    ],
    fields: { totalInWords: 'tổng kinh phí bằng chữ' },
  },
  'nhiem-vu': {
    sheet: 'Nhiệm vụ',
    text: 'Tình hình thực hiện các nhiệm vụ',
    kinds: ['group', 'item'],
    columns: [
      { name: 'stt', text: 'số thứ tự (số của lĩnh vực ở dòng nhóm; mã nhiệm vụ ở dòng mục)', format: 'center', widthMm: 12 },
      { name: 'nhiem_vu', text: 'nhiệm vụ (tên lĩnh vực ở dòng nhóm)', format: 'text', widthMm: 80 },
      { name: 'chu_tri', text: 'cơ quan chủ trì (bỏ khi không dòng nào có)', format: 'text', widthMm: 35, optional: true },
      { name: 'thoi_gian', text: 'thời gian thực hiện (bỏ khi không dòng nào có)', format: 'text', widthMm: 25, optional: true },
      { name: 'tinh_trang', text: 'tình trạng', format: 'center', widthMm: 25 },
      { name: 'ket_qua', text: 'kết quả thực hiện (bỏ khi không dòng nào có)', format: 'text', widthMm: 85, optional: true },
    ],
    fields: { label: 'số phụ lục (Phụ lục I, Phụ lục II… theo thứ tự trong báo cáo)' },
  },
  'ket-qua-chi-tiet': {
    sheet: 'Kết quả chi tiết',
    text: 'Kết quả chi tiết của từng đơn vị, khi một nhiệm vụ có nhiều đơn vị báo cáo (trang tiếp theo của phụ lục nhiệm vụ)',
    kinds: ['group', 'item'],
    columns: [
      { name: 'stt', text: 'số thứ tự (mã nhiệm vụ ở dòng nhóm)', format: 'center', widthMm: 12 },
      { name: 'don_vi', text: 'cơ quan, đơn vị (cơ quan chủ trì ở dòng nhóm)', format: 'text', widthMm: 60 },
      { name: 'tinh_trang', text: 'tình trạng (bỏ khi không dòng nào có)', format: 'center', widthMm: 25, optional: true },
      { name: 'ket_qua', text: 'kết quả thực hiện (nhiệm vụ ở dòng nhóm)', format: 'text', widthMm: 150 },
    ],
    fields: { label: 'số phụ lục (Phụ lục I, Phụ lục II…)', noun: 'loại đơn vị (xã, phường; cơ quan, đơn vị)' },
  },
  'kinh-phi': {
    sheet: 'Kinh phí',
    text: 'Tình hình thực hiện dự toán kinh phí',
    kinds: ['group', 'item', 'total'],
    columns: [
      { name: 'stt', text: 'số thứ tự (I, II… ở dòng nhóm)', format: 'center', widthMm: 12 },
      { name: 'noi_dung', text: 'nội dung (tên cơ quan ở dòng nhóm)', format: 'text', widthMm: 110 },
      { name: 'du_toan', text: 'dự toán năm', format: 'money', widthMm: 32, sum: true },
      { name: 'da_thuc_hien', text: 'đã thực hiện', format: 'money', widthMm: 32, sum: true },
      { name: 'ty_le', text: 'tỷ lệ thực hiện (%) (bỏ khi không dòng nào có)', format: 'percent', widthMm: 25, decimals: 2, optional: true },
      { name: 'ghi_chu', text: 'ghi chú', format: 'text', widthMm: 40 },
    ],
    fields: { label: 'số phụ lục (Phụ lục I, Phụ lục II…)' },
  },
  'chi-tieu': {
    sheet: 'Chỉ tiêu',
    text: 'Kết quả thực hiện các chỉ tiêu',
    kinds: ['group', 'item'],
    columns: [
      { name: 'stt', text: 'số thứ tự (I, II… ở dòng nhóm chỉ tiêu)', format: 'center', widthMm: 12 },
      { name: 'chi_tieu', text: 'tên chỉ tiêu (tên nhóm ở dòng nhóm)', format: 'text', widthMm: 52 },
      { name: 'don_vi_tinh', text: 'đơn vị tính', format: 'center', widthMm: 16 },
      { name: 'ke_hoach_nam', text: 'kế hoạch năm (bỏ khi không chỉ tiêu nào có)', format: 'number', widthMm: 20, optional: true },
      { name: 'thuc_hien', text: 'thực hiện trong kỳ', format: 'number', widthMm: 20 },
      { name: 'luy_ke', text: 'lũy kế từ đầu năm (bỏ khi không có)', format: 'number', widthMm: 20, optional: true },
      { name: 'phan_tram_ke_hoach', text: '% kế hoạch năm (bỏ khi không có)', format: 'percent', widthMm: 16, decimals: 2, optional: true },
      { name: 'cung_ky', text: 'cùng kỳ năm trước (bỏ khi không có)', format: 'number', widthMm: 20, optional: true },
      { name: 'so_cung_ky', text: 'so với cùng kỳ: % tăng, hay điểm % với chỉ tiêu tỷ lệ (bỏ khi không có)', format: 'percent', widthMm: 18, decimals: 2, optional: true },
      { name: 'kich_ban', text: 'kịch bản tăng trưởng (bỏ khi không có)', format: 'number', widthMm: 16, optional: true },
      { name: 'chenh_lech', text: 'chênh lệch so với kịch bản (bỏ khi không có)', format: 'number', widthMm: 21, decimals: 2, optional: true },
      { name: 'muc_tieu', text: 'mục tiêu cuối kỳ kế hoạch (chỉ khi kế hoạch có mục tiêu nhiều năm)', format: 'number', widthMm: 18, decimals: 2, optional: true },
      { name: 'lo_trinh', text: 'lộ trình năm nay (chỉ khi kế hoạch có mục tiêu nhiều năm)', format: 'number', widthMm: 18, decimals: 2, optional: true },
      { name: 'danh_gia', text: 'đánh giá khả năng đạt mục tiêu (chỉ khi kế hoạch có mục tiêu nhiều năm)', format: 'center', widthMm: 22, optional: true },
      { name: 'co_quan_phu_trach', text: 'cơ quan phụ trách (bỏ khi không có)', format: 'text', widthMm: 30, optional: true },
    ],
    fields: {
      label: 'số phụ lục (Phụ lục I, Phụ lục II…)',
      periodLabel: 'kỳ báo cáo bằng chữ (quý III năm 2026)',
      targetYear: 'năm của mục tiêu cuối kỳ (rỗng khi không có mục tiêu nhiều năm)',
    },
  },
  'don-vi': {
    sheet: 'Theo đơn vị',
    text: 'Số liệu của từng đơn vị (xã, phường) một nhóm báo cáo: một trang cho mỗi nhóm',
    kinds: ['item', 'total'],
    columns: [
      { name: 'stt', text: 'số thứ tự', format: 'center', widthMm: 12 },
      { name: 'don_vi', text: 'tên đơn vị', format: 'text', widthMm: 60 },
      { name: 'chi_tieu', text: 'số liệu từng chỉ tiêu: một cột cho mỗi chỉ tiêu của nhóm; tiêu đề dùng {{indicator.name}}, {{indicator.unit}}', repeated: 'indicator', format: 'number', widthMm: 26, decimals: 2, sum: true },
      { name: 'ghi_chu', text: 'ghi chú ("Chưa nộp")', format: 'center', widthMm: 26 },
    ],
    fields: {
      label: 'số phụ lục (Phụ lục I, Phụ lục II…)',
      periodLabel: 'kỳ báo cáo bằng chữ (quý III năm 2026)',
      group: 'tên nhóm đơn vị (xã, phường)',
    },
  },
};

/** The tables a layout lays out, one sheet each, in the order of its sheets (the "Hướng dẫn" sheet aside). */
export const LAYOUT_SHEETS: Readonly<Record<AppendixLayoutKind, readonly LayoutRole[]>> = {
  'du-toan': ['du-toan'],
  'nhiem-vu': ['nhiem-vu', 'ket-qua-chi-tiet'],
  'kinh-phi': ['kinh-phi'],
  'chi-tieu': ['chi-tieu', 'don-vi'],
};

/** The common fields every appendix text may use, with what they are (the "Hướng dẫn" sheet lists them). */
export function commonFields(): Readonly<Record<string, string>> {
  return COMMON_FIELDS;
}

const str = z.string();
const indicatorShape = z.object({ name: str, unit: str, code: str });

/** The data a layout sheet's texts are filled from, as a schema the field check follows. */
export function roleFieldSchema(role: LayoutRole, repeated?: 'year' | 'indicator'): z.ZodType {
  const base: Record<string, z.ZodType> = {
    plan: planSchema,
    round: reportFields.shape.round,
    planNumber: str,
    planDate: str,
    reportNumber: str,
    reportDate: str,
    parent: str,
    year: z.number().nullable(),
    totalInWords: str,
  };
  for (const name of Object.keys(LAYOUT_ROLES[role].fields)) {
    if (base[name] !== undefined) continue;
    base[name] = name === 'targetYear' ? z.number().nullable() : str;
  }
  if (repeated === 'indicator') base['indicator'] = indicatorShape;
  return z.object(base);
}
