/**
 * The shipped appendix layouts (templates/phu-luc-<kind>.xlsx), made by code in the look the
 * appendices had when they were laid out in code: Times New Roman, a bold 14 pt label, a bold
 * 13 pt title, an italic 13 pt subtitle, grey bordered header cells, bordered body cells with
 * bold group and total rows, money with thousands separators and "-" for zero, landscape A4
 * with Nghị định 30's margins, header rows repeated on every page, page numbers from page 2.
 * No width and no height is set: baocao measures them from the content unless staff set one.
 *
 *   npx vite-node scripts/make-appendix-layouts.ts     (or, built: node dist/scripts/make-appendix-layouts.js)
 *
 * tests/render/appendix-layouts.test.ts proves the committed files hold what this makes.
 */
import ExcelJS from 'exceljs';
import type { RowKind } from '../src/model/document.js';
import type { AppendixLayoutKind } from '../src/model/templates.js';
import { excelNumberFormat } from '../src/render/cells.js';
import { commonFields, GUIDE_SHEET, LAYOUT_ROLES, LAYOUT_SHEETS, ROW_KIND_TEXT, ROW_MARKERS, type LayoutRole, type RoleColumn } from '../src/render/layout-roles.js';
import { BORDER_ALL, font, freezeBelow, HEADER_FILL, setupPage } from '../src/render/xlsx/style.js';

/** One sheet of a layout, as words: its texts and the columns it shows. */
export interface SheetDraft {
  readonly role: LayoutRole;
  /** Sheet name (default: the role's). */
  readonly sheet?: string;
  /** Title rows, from the top: label, title, then subtitle lines. */
  readonly heading: readonly string[];
  /** A right-aligned unit line under them ("Đơn vị tính: …"). */
  readonly unit?: string;
  /** Columns shown, left to right (default: all of the role's). */
  readonly columns?: readonly string[];
  /** Header text of each column. */
  readonly headers: Readonly<Record<string, string>>;
  /** A second header row: the text above a run of columns (merged over them). */
  readonly groups?: Readonly<Record<string, string>>;
  /** Fixed texts of the total row, by column ("Tổng cộng"). */
  readonly totalTexts?: Readonly<Record<string, string>>;
  /** Note rows under the table. */
  readonly notes?: readonly string[];
}

const REPORT_SUBTITLE = '(Kèm theo Báo cáo số {{reportNumber}}/{{plan.info.reportSymbol}} {{reportDate}}\ncủa {{plan.info.issuerShort}})';

/** The shipped layouts: the texts templates/phu-luc.json held before them, in the columns the code laid out. */
export const SHIPPED: Readonly<Record<AppendixLayoutKind, readonly SheetDraft[]>> = {
  'du-toan': [
    {
      role: 'du-toan',
      heading: ['PHỤ LỤC', 'BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ CHI TIẾT', '(Kèm theo Kế hoạch số {{planNumber}}/{{plan.info.symbol}} {{planDate}}\ncủa {{plan.info.issuerShort}})'],
      headers: {
        stt: 'STT',
        noi_dung: 'Nội dung',
        don_vi_tinh: 'Đơn vị tính',
        so_luong: 'Số lượng',
        dinh_muc: 'Định mức ({{plan.info.moneyUnit}})',
        thanh_tien: 'Thành tiền ({{plan.info.moneyUnit}})',
        nam: 'Năm {{year}}',
        ghi_chu: 'Ghi chú',
      },
      totalTexts: { noi_dung: 'Tổng cộng' },
      notes: ['(Tổng kinh phí bằng chữ: {{totalInWords}})'],
    },
  ],
  'nhiem-vu': [
    {
      role: 'nhiem-vu',
      heading: ['{{label}}', 'TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ', REPORT_SUBTITLE],
      headers: { stt: 'STT', nhiem_vu: 'Nhiệm vụ', chu_tri: 'Cơ quan chủ trì', thoi_gian: 'Thời gian', tinh_trang: 'Tình trạng', ket_qua: 'Kết quả thực hiện' },
    },
    {
      role: 'ket-qua-chi-tiet',
      heading: ['{{label}} (tiếp theo)', 'KẾT QUẢ CHI TIẾT CỦA TỪNG {{upper noun}}'],
      headers: { stt: 'STT', don_vi: 'Cơ quan, đơn vị', tinh_trang: 'Tình trạng', ket_qua: 'Kết quả thực hiện' },
    },
  ],
  'kinh-phi': [
    {
      role: 'kinh-phi',
      heading: ['{{label}}', 'TÌNH HÌNH THỰC HIỆN DỰ TOÁN KINH PHÍ NĂM {{year}}', REPORT_SUBTITLE],
      unit: 'Đơn vị tính: {{plan.info.moneyUnit}}',
      headers: {
        stt: 'STT',
        noi_dung: 'Cơ quan, đơn vị / Nội dung',
        du_toan: 'Dự toán năm {{year}}',
        da_thuc_hien: 'Đã thực hiện năm {{year}}',
        ty_le: 'Tỷ lệ thực hiện (%)',
        ghi_chu: 'Ghi chú',
      },
      totalTexts: { noi_dung: 'Tổng cộng' },
    },
  ],
  'chi-tieu': [
    {
      role: 'chi-tieu',
      heading: ['{{label}}', 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {{upper periodLabel}}', REPORT_SUBTITLE],
      headers: {
        stt: 'STT',
        chi_tieu: 'Chỉ tiêu',
        don_vi_tinh: 'Đơn vị tính',
        ke_hoach_nam: 'Kế hoạch năm {{year}}',
        thuc_hien: 'Thực hiện {{periodLabel}}',
        luy_ke: 'Lũy kế từ đầu năm',
        phan_tram_ke_hoach: '% kế hoạch năm',
        cung_ky: 'Cùng kỳ năm trước',
        so_cung_ky: 'So với cùng kỳ (%)',
        kich_ban: 'Kịch bản',
        chenh_lech: 'Chênh lệch so với kịch bản',
        muc_tieu: 'Mục tiêu năm {{targetYear}}',
        lo_trinh: 'Lộ trình năm {{year}}',
        danh_gia: 'Đánh giá',
        co_quan_phu_trach: 'Cơ quan phụ trách',
      },
      notes: [
        'Ghi chú: cột "So với cùng kỳ" là tốc độ tăng (%) với chỉ tiêu số lượng và chênh lệch (điểm phần trăm) với chỉ tiêu tỷ lệ; với chỉ tiêu GRDP, "Kịch bản" là tốc độ tăng (%) và "Chênh lệch so với kịch bản" tính bằng điểm phần trăm. Số lũy kế, % kế hoạch, tốc độ tăng và chênh lệch do baocao tính từ số liệu các đợt báo cáo.',
      ],
    },
    {
      role: 'don-vi',
      heading: ['{{label}}', 'SỐ LIỆU CỦA {{upper group}} {{upper periodLabel}}', REPORT_SUBTITLE],
      headers: { stt: 'STT', don_vi: 'Đơn vị', chi_tieu: '{{indicator.name}}{{#if indicator.unit}} ({{indicator.unit}}){{/if}}', ghi_chu: 'Ghi chú' },
      totalTexts: { don_vi: 'Tổng cộng' },
    },
  ],
};

/** The number format a model cell carries: fixed for money and rates; none (baocao's, per figure) for plain numbers and text. */
function modelFormat(c: RoleColumn): string | undefined {
  switch (c.format) {
    case 'money':
    case 'integer':
      return excelNumberFormat(0);
    case 'decimal':
    case 'percent':
      return excelNumberFormat(c.decimals ?? 2);
    default:
      return undefined;
  }
}

function bodyStyle(c: RoleColumn, bold: boolean): Partial<ExcelJS.Style> {
  const numeric = ['integer', 'number', 'money', 'decimal', 'percent'].includes(c.format);
  const fmt = modelFormat(c);
  return {
    font: font(12, bold ? { bold: true } : {}),
    border: BORDER_ALL,
    ...(fmt !== undefined ? { numFmt: fmt } : {}),
    alignment: { vertical: 'middle', horizontal: numeric ? 'right' : c.format === 'center' ? 'center' : 'left', wrapText: !numeric },
  };
}

const MARKER_FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: 10, italic: true, color: { argb: 'FF7F7F7F' } };

function addSheet(wb: ExcelJS.Workbook, d: SheetDraft): void {
  const spec = LAYOUT_ROLES[d.role];
  const names = d.columns ?? spec.columns.map((c) => c.name);
  const cols = names.map((n) => {
    const c = spec.columns.find((x) => x.name === n);
    if (!c) throw new Error(`${d.role}: no column ${n}`);
    return c;
  });
  const ws = wb.addWorksheet(d.sheet ?? spec.sheet);
  const last = cols.length;
  let r = 1;
  const title = (text: string, style: { size: number; bold?: boolean; italic?: boolean; align?: 'center' | 'left' | 'right' }) => {
    if (last > 1) ws.mergeCells(r, 1, r, last);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = font(style.size, { ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
    cell.alignment = { horizontal: style.align ?? 'center', vertical: 'middle', wrapText: true };
    r++;
  };
  d.heading.forEach((t, i) => title(t, i === 0 ? { size: 14, bold: true } : i === 1 ? { size: 13, bold: true } : { size: 13, italic: true }));
  if (d.unit !== undefined) title(d.unit, { size: 12, italic: true, align: 'right' });

  // Header rows: with groups, a group spans its columns above; other headers span both rows.
  const grouped = d.groups !== undefined && Object.keys(d.groups).length > 0;
  const headerFirst = r;
  const headerLast = r + (grouped ? 1 : 0);
  for (let row = headerFirst; row <= headerLast; row++) {
    for (let col = 1; col <= last; col++) {
      const cell = ws.getCell(row, col);
      cell.font = font(12, { bold: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER_ALL;
      cell.fill = HEADER_FILL;
    }
  }
  cols.forEach((c, i) => {
    const g = d.groups?.[c.name];
    if (grouped && g !== undefined) {
      ws.getCell(headerLast, i + 1).value = d.headers[c.name] ?? '';
    } else {
      if (grouped) ws.mergeCells(headerFirst, i + 1, headerLast, i + 1);
      ws.getCell(headerFirst, i + 1).value = d.headers[c.name] ?? '';
    }
  });
  if (grouped) {
    let i = 0;
    while (i < cols.length) {
      const g: string | undefined = d.groups?.[cols[i]?.name ?? ''];
      if (g === undefined) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < cols.length && d.groups?.[cols[j + 1]?.name ?? ''] === g) j++;
      if (j > i) ws.mergeCells(headerFirst, i + 1, headerFirst, j + 1);
      ws.getCell(headerFirst, i + 1).value = g;
      i = j + 1;
    }
  }
  r = headerLast + 1;

  // Model rows: one per kind of row the table has, marked right of the table.
  for (const kind of spec.kinds) {
    const bold = kind !== 'item';
    cols.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      const fixed = kind === 'total' ? d.totalTexts?.[c.name] : undefined;
      cell.value = fixed ?? `{{${c.name}}}`;
      cell.style = bodyStyle(c, bold);
    });
    const marker = ws.getCell(r, last + 1);
    marker.value = ROW_MARKERS[kind as RowKind];
    marker.font = MARKER_FONT;
    marker.alignment = { vertical: 'middle' };
    r++;
  }

  for (const note of d.notes ?? []) title(note, { size: 12, italic: true, align: 'left' });

  setupPage(ws, { landscape: true, printTitlesRow: `${headerFirst}:${headerLast}` });
  // Page numbers centred in the top margin, hidden on the first page (official-format §1.1).
  ws.headerFooter = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman,Regular"&13&P' };
  freezeBelow(ws, headerLast);
  ws.getColumn(last + 1).width = 14;
}

/** The "Hướng dẫn" sheet: how to edit a layout in Excel, in Vietnamese, with this layout's columns and fields. */
function addGuide(wb: ExcelJS.Workbook, kind: AppendixLayoutKind, drafts: readonly SheetDraft[]): void {
  const ws = wb.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF7F7F7F' } } });
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 100;
  let r = 1;
  const line = (a: string, b = '', style: { bold?: boolean; size?: number } = {}) => {
    const ca = ws.getCell(r, 1);
    const cb = ws.getCell(r, 2);
    ca.value = a;
    cb.value = b;
    ca.font = font(style.size ?? 12, style.bold ? { bold: true } : {});
    cb.font = font(style.size ?? 12, style.bold ? { bold: true } : {});
    ca.alignment = { vertical: 'top', wrapText: true };
    cb.alignment = { vertical: 'top', wrapText: true };
    r++;
  };
  line(`MẪU PHỤ LỤC phu-luc-${kind}.xlsx — HƯỚNG DẪN SỬA MẪU TRONG EXCEL`, '', { bold: true, size: 14 });
  line('');
  line('Mẫu này là gì', `baocao lập tệp phu-luc-${kind}.xlsx theo đúng mẫu này: chữ, phông chữ, cỡ chữ, màu nền, đường kẻ, căn lề, ô gộp, độ rộng cột, định dạng số, khổ giấy, hướng giấy, lề, dòng in lặp lại, đầu trang/chân trang đều lấy từ mẫu. Bản Word của phụ lục (trong báo cáo) lấy chữ từ mẫu này. Trang "${GUIDE_SHEET}" này không được chép vào phụ lục.`);
  line('Sửa ở đâu', `Sửa tệp templates/phu-luc-${kind}.xlsx để đổi mẫu cho mọi kế hoạch; hoặc chép tệp vào thư mục mau của một kế hoạch (input/<kế hoạch>/mau/phu-luc-${kind}.xlsx) để chỉ kế hoạch đó dùng mẫu riêng. Kiểm tra mẫu trước khi lập báo cáo bằng lệnh: baocao templates check.`);
  line('Các dòng phía trên bảng', 'Mỗi dòng một ô chữ (gộp ngang cả bảng): dòng đầu là số phụ lục, dòng thứ hai là tên phụ lục, các dòng sau là dòng phụ (in nghiêng); một dòng căn phải ở cuối là dòng đơn vị tính. Bản Word của phụ lục dùng các dòng này theo đúng thứ tự đó. Dòng nào có trường mà trường ra rỗng thì dòng đó được bỏ.');
  line('Dòng tiêu đề cột', 'Là các dòng "in lặp lại ở đầu mỗi trang" ngay trên các dòng mẫu (Bố trí Trang → In Tiêu đề → Hàng cần lặp lại ở trên; Excel tiếng Anh: Page Layout → Print Titles → Rows to repeat at top). Một hoặc hai dòng; được gộp ô, xuống dòng, đổi chữ, đổi phông. Ô tiêu đề nằm trên cột nào là tiêu đề của cột đó; với hai dòng, ô phía trên trùm nhiều cột là tiêu đề nhóm cột.');
  line('Các dòng mẫu', `Mỗi loại dòng của bảng có một dòng mẫu, ghi dấu ở ô ngay bên phải bảng: ${Object.entries(ROW_MARKERS).map(([k, m]) => `${m} = ${ROW_KIND_TEXT[k as RowKind]}`).join('; ')}. Mọi dòng số liệu cùng loại lấy phông, cỡ chữ, in đậm, màu nền, đường kẻ, căn lề và định dạng số của ô mẫu cùng cột. Không gộp ô ở dòng mẫu.`);
  line('Ô của dòng mẫu', 'Ở dòng mục, mỗi ô ghi tên cột nó hiện, ví dụ {{noi_dung}}: đổi chỗ các ô (cắt, dán cả cột) là đổi thứ tự cột; xóa cả cột là bỏ cột đó khỏi phụ lục. Ở dòng nhóm và dòng tổng: ô ghi {{tên cột}} hiện số liệu baocao tính cho dòng đó; ô ghi chữ cố định (ví dụ "Tổng cộng") hiện đúng chữ đó; ô để trống thì không hiện gì.');
  line('Định dạng số', 'Ô mẫu có định dạng số (Format Cells → Number) thì mọi số của cột theo định dạng đó. Ô mẫu để General: baocao tự chọn số chữ số thập phân theo từng số, số 0 hiện "-". Các tổng ở dòng nhóm, dòng tổng là công thức SUM (Excel tự tính lại), kèm sẵn kết quả.');
  line('Độ rộng cột, chiều cao dòng', 'Cột chưa từng kéo độ rộng: baocao tự đo độ rộng theo nội dung cho vừa trang ngang. Kéo độ rộng một cột trong mẫu thì cột đó giữ đúng độ rộng đó. Tương tự, dòng phía trên bảng và dòng tiêu đề cột tự cao theo chữ, trừ khi đã đặt chiều cao bằng tay. Dòng số liệu luôn tự cao theo chữ.');
  line('Cột không có số liệu', 'Các cột ghi "bỏ khi không dòng nào có" ở bảng dưới đây bị bỏ khỏi phụ lục khi không dòng nào có số liệu; ô gộp ngang qua cột đó (dòng tên phụ lục, tiêu đề nhóm) thu hẹp lại theo. Cột lặp (một cột cho mỗi năm, mỗi chỉ tiêu) được nhân lên từ một cột mẫu: ô gộp trùm cột mẫu giãn ra trùm mọi cột được nhân.');
  line('Trang in', 'Khổ giấy, hướng giấy (dọc/ngang), lề, vừa một trang ngang (Fit to 1 page wide), đầu trang/chân trang (số trang), cố định dòng tiêu đề (Freeze Panes) lấy từ mẫu. Vùng in (Print Area) không dùng: phụ lục in cả bảng.');
  line('Trường', 'Viết trong ô như {{year}}, {{plan.info.moneyUnit}}; viết hoa: {{upper round.label}}; có điều kiện: {{#if indicator.unit}} ({{indicator.unit}}){{/if}}. Trường sai tên, thiếu dòng mẫu, tên cột sai: baocao báo lỗi, nêu tên tệp, trang, ô và cách sửa, và không lập phụ lục.');
  line('Không được chép', 'Hình ảnh, định dạng có điều kiện, chú thích (comment), danh sách chọn trong mẫu không được chép vào phụ lục.');
  line('');
  line('Các trường dùng chung', '', { bold: true });
  for (const [f, text] of Object.entries(commonFields())) line(`{{${f}}}`, text);
  for (const d of drafts) {
    const spec = LAYOUT_ROLES[d.role];
    line('');
    line(`Trang "${d.sheet ?? spec.sheet}"`, spec.text, { bold: true });
    line('Các loại dòng', spec.kinds.map((k) => ROW_MARKERS[k]).join(', '));
    for (const [f, text] of Object.entries(spec.fields)) line(`{{${f}}}`, text);
    for (const c of spec.columns) line(`{{${c.name}}}`, `cột: ${c.text}`);
  }
}

/** A layout workbook from its sheets' drafts, with the "Hướng dẫn" sheet. */
export async function makeLayout(kind: AppendixLayoutKind, drafts: readonly SheetDraft[] = SHIPPED[kind]): Promise<Uint8Array> {
  const roles = LAYOUT_SHEETS[kind];
  if (drafts.map((d) => d.role).join() !== roles.join()) throw new Error(`${kind}: sheets ${roles.join(', ')} expected`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'baocao';
  // A fixed date: the same layouts make the same files.
  wb.created = new Date(Date.UTC(2026, 11, 5));
  wb.modified = wb.created;
  for (const d of drafts) addSheet(wb, d);
  addGuide(wb, kind, drafts);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
