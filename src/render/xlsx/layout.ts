/**
 * Reads an appendix layout (templates/phu-luc-<kind>.xlsx, edited by staff in Excel) into plain
 * data, with every problem it has named by file, sheet and cell.
 *
 * A layout sheet, from the top:
 *   - title rows (label, title, subtitle lines, a right-aligned unit line): one text each, with {{fields}};
 *   - the header rows: the sheet's "rows to repeat at top" (Page Layout → Print Titles), one or two;
 *   - the model rows, one per kind of row, each marked by "[dòng nhóm]", "[dòng mục]" or "[dòng tổng]"
 *     in a cell right of the table: the item row names the column of each cell ({{noi_dung}}); the
 *     group and total rows show the column's value where they name it, a fixed text where they
 *     hold one ("Tổng cộng"), nothing where empty; each model cell's font, fill, borders, alignment
 *     and number format is what the rows of its kind get;
 *   - note rows, after the table.
 * A column keeps the width set in the layout (a width dragged in Excel: customWidth); otherwise
 * baocao measures it from the content, as do title and header rows without a height set by hand.
 */
import type ExcelJS from 'exceljs';
import { decodeXmlText } from '../../lib/xml.js';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import type { RowKind } from '../../model/document.js';
import { APPENDIX_LAYOUT_KINDS, type AppendixLayoutKind, type LayoutFile } from '../../model/templates.js';
import { loadExcelJS } from '../../lib/exceljs.js';
import { foldKey } from '../../vn/index.js';
import { checkFields } from '../field-check.js';
import { GUIDE_SHEET, LAYOUT_ROLES, LAYOUT_SHEETS, ROW_MARKERS, roleFieldSchema, type LayoutRole } from '../layout-roles.js';
import { zipEntryText } from '../zip.js';
import { cellAddress, columnLetter } from './style.js';

/** A problem of a layout: where it is and what to do, in Vietnamese. */
export interface LayoutProblem {
  /** The layout file as staff know it: "templates/phu-luc-kinh-phi.xlsx", "<plan>/mau/phu-luc-kinh-phi.xlsx". */
  readonly file: string;
  /** The sheet ("" when the file itself is the problem). */
  readonly sheet: string;
  /** A1 address ("" when the problem is the file or the sheet). */
  readonly cell: string;
  readonly message: string;
}

/** One line naming the problem's file, sheet and cell. */
export function formatLayoutProblem(p: LayoutProblem): string {
  const where = [p.sheet ? `trang "${p.sheet}"` : '', p.cell ? `ô ${p.cell}` : ''].filter(Boolean).join(', ');
  return `${p.file}${where ? `, ${where}` : ''}: ${p.message}`;
}

/** A cell of a layout row: its value as typed, its text and its complete style. */
export interface LayoutCell {
  readonly col: number;
  /** Part of a merged cell, not its first: only its style counts. */
  readonly merged?: boolean;
  readonly value: ExcelJS.CellValue;
  readonly text: string;
  readonly style: Partial<ExcelJS.Style>;
}

export interface LayoutRow {
  readonly row: number;
  /** The height set by hand in the layout (points), or null: measured from the content. */
  readonly height: number | null;
  /** Cells with a value or a style, up to the table's last column. */
  readonly cells: readonly LayoutCell[];
}

export interface LayoutMerge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface LayoutColumn {
  readonly col: number;
  /** The table column shown here (`{{name}}` of the item row), or null left of the table. */
  readonly name: string | null;
  /** Width set in the layout (Excel's units), or null: measured from the content. */
  readonly width: number | null;
  /** The column's own style (cells without one show it), when it has one. */
  readonly style: Partial<ExcelJS.Style> | null;
}

/**
 * The texts of a layout sheet, as Handlebars templates, for the appendix tables (Excel and Word):
 * one source for each text.
 */
export interface LayoutTexts {
  readonly sheetName: string;
  /** Each title row's text ("" for an empty row), from the top. */
  readonly heading: readonly string[];
  /** Index in `heading` of the unit line (the last title row, right-aligned, after label and title), or null. */
  readonly unitRow: number | null;
  /** The table's columns, left to right. */
  readonly columns: readonly string[];
  /** Header of each column (the lowest header cell above it). */
  readonly headers: Readonly<Record<string, string>>;
  /** Text of the header cell above a column's own, when there are two header rows and it is another cell. */
  readonly groups: Readonly<Record<string, string>>;
  /** Each note row's text ("" for an empty row). */
  readonly notes: readonly string[];
  /**
   * What each model row shows per column: null = the row's value of that column (`{{name}}`);
   * a text = that text (a template; "" = nothing).
   */
  readonly cells: Readonly<Partial<Record<RowKind, Readonly<Record<string, string | null>>>>>;
}

export interface LayoutSheet {
  readonly role: LayoutRole;
  readonly name: string;
  readonly firstCol: number;
  readonly lastCol: number;
  /** Columns 1…lastCol. */
  readonly columns: readonly LayoutColumn[];
  readonly titleRows: readonly LayoutRow[];
  readonly headerRows: readonly LayoutRow[];
  readonly models: Readonly<Partial<Record<RowKind, LayoutRow>>>;
  readonly noteRows: readonly LayoutRow[];
  /** Merges of the title, header and note rows, within columns 1…lastCol. */
  readonly merges: readonly LayoutMerge[];
  readonly pageSetup: Partial<ExcelJS.PageSetup>;
  readonly headerFooter: Partial<ExcelJS.HeaderFooter>;
  readonly views: readonly Partial<ExcelJS.WorksheetView>[];
  readonly tabColor: Partial<ExcelJS.Color> | undefined;
  readonly texts: LayoutTexts;
}

export interface AppendixLayout {
  readonly name: string;
  readonly kind: AppendixLayoutKind;
  /** One per table, in the order of LAYOUT_SHEETS[kind]. */
  readonly sheets: readonly LayoutSheet[];
  /** sha256 of the file: outputs made from it are kept by it (render/outputs.ts memoized). */
  readonly hash: string;
}

/** The kind of a layout from its file name ("…/phu-luc-kinh-phi.xlsx" → "kinh-phi"), or null. */
export function layoutKindOf(name: string): AppendixLayoutKind | null {
  const base = (name.split(/[\\/]/).pop() ?? '').toLowerCase();
  return APPENDIX_LAYOUT_KINDS.find((k) => base === `phu-luc-${k}.xlsx`) ?? null;
}

const cache = new Map<string, { layout: AppendixLayout | null; problems: LayoutProblem[] }>();

/**
 * Reads a layout: the layout, or null with its problems (every one of them). Layouts read before
 * (same name and bytes) are kept: a build reads each once.
 */
export async function readLayout(file: LayoutFile, kind?: AppendixLayoutKind): Promise<{ layout: AppendixLayout | null; problems: LayoutProblem[] }> {
  const k = kind ?? layoutKindOf(file.name);
  if (!('bytes' in file)) return { layout: null, problems: [{ file: file.name, sheet: '', cell: '', message: file.unreadable }] };
  if (k === null) {
    return { layout: null, problems: [{ file: file.name, sheet: '', cell: '', message: `tên tệp không phải tên một mẫu phụ lục: đặt tên ${APPENDIX_LAYOUT_KINDS.map((x) => `phu-luc-${x}.xlsx`).join(', ')}.` }] };
  }
  const hash = createHash('sha256').update(file.bytes).digest('hex');
  const key = `${file.name}\u0000${k}\u0000${hash}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const result = await parseLayout(file.name, k, file.bytes, hash);
  if (cache.size > 32) cache.clear();
  cache.set(key, result);
  return result;
}

const UNREADABLE = 'tệp không phải bảng tính Excel .xlsx (hoặc bị hỏng). Mở bằng Excel và lưu lại dạng "Excel Workbook (*.xlsx)", hoặc chép lại mẫu gốc trong thư mục templates/.';

async function parseLayout(name: string, kind: AppendixLayoutKind, bytes: Uint8Array, hash: string): Promise<{ layout: AppendixLayout | null; problems: LayoutProblem[] }> {
  const problems: LayoutProblem[] = [];
  const fileProblem = (message: string) => ({ layout: null, problems: [{ file: name, sheet: '', cell: '', message }] });
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return fileProblem(UNREADABLE);
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  let flags: Map<string, SheetFlags>;
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    flags = sheetFlags(bytes);
  } catch {
    return fileProblem(UNREADABLE);
  }
  const roles = LAYOUT_SHEETS[kind];
  const sheets = wb.worksheets.filter((ws) => foldKey(ws.name) !== foldKey(GUIDE_SHEET));
  if (sheets.length < roles.length) {
    const missing = roles.slice(sheets.length).map((r) => `"${LAYOUT_ROLES[r].sheet}" (${LAYOUT_ROLES[r].text})`);
    problems.push({ file: name, sheet: '', cell: '', message: `thiếu trang tính cho ${missing.join(', ')}. Mẫu này cần ${roles.length} trang tính bảng (ngoài trang "${GUIDE_SHEET}"), theo thứ tự: ${roles.map((r) => `"${LAYOUT_ROLES[r].sheet}"`).join(', ')}. Chép lại trang từ mẫu gốc trong thư mục templates/.` });
  }
  for (const extra of sheets.slice(roles.length)) {
    problems.push({ file: name, sheet: extra.name, cell: '', message: `mẫu này chỉ có ${roles.length} trang tính bảng (${roles.map((r) => `"${LAYOUT_ROLES[r].sheet}"`).join(', ')}); trang thừa này không dùng được. Xóa trang, hoặc đặt tên "${GUIDE_SHEET}" nếu là trang ghi chú.` });
  }
  const out: LayoutSheet[] = [];
  roles.forEach((role, i) => {
    const ws = sheets[i];
    if (!ws) return;
    const sheet = parseSheet(name, ws, role, flags.get(ws.name) ?? { widths: new Set(), heights: new Set(), switches: {} }, problems);
    if (sheet) out.push(sheet);
  });
  if (problems.length > 0 || out.length !== roles.length) return { layout: null, problems };
  return { layout: { name, kind, sheets: out, hash }, problems };
}

interface SheetFlags {
  /** Columns whose width was set (customWidth). */
  readonly widths: Set<number>;
  /** Rows whose height was set by hand (customHeight). */
  readonly heights: Set<number>;
  /**
   * Page switches written "true" (LibreOffice) rather than "1" (Excel): exceljs reads only "1".
   * Absent: as exceljs read them.
   */
  readonly switches: {
    readonly fitToPage?: boolean;
    readonly horizontalCentered?: boolean;
    readonly verticalCentered?: boolean;
    readonly differentFirst?: boolean;
    readonly differentOddEven?: boolean;
  };
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const truthy = (v: string | undefined) => v === '1' || v === 'true';

/**
 * Which widths and heights of each sheet were set by hand: exceljs reads a column's width and a
 * row's height, but not whether Excel marked them as custom.
 */
function sheetFlags(bytes: Uint8Array): Map<string, SheetFlags> {
  const out = new Map<string, SheetFlags>();
  const workbook = zipEntryText(bytes, 'xl/workbook.xml') ?? '';
  const rels = zipEntryText(bytes, 'xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const sheetName = decodeXmlText(attr(m[0], 'name') ?? '');
    const part = targets.get(attr(m[0], 'r:id') ?? '');
    const xml = part ? (zipEntryText(bytes, part) ?? '') : '';
    const widths = new Set<number>();
    const heights = new Set<number>();
    for (const c of xml.matchAll(/<col\b[^>]*>/g)) {
      if (!truthy(attr(c[0], 'customWidth')) || attr(c[0], 'width') === undefined) continue;
      const min = Number(attr(c[0], 'min'));
      const max = Number(attr(c[0], 'max'));
      for (let k = min; k <= Math.min(max, 16384) && k - min < 1000; k++) widths.add(k);
    }
    // LibreOffice marks rows holding merged cells as custom with the default height: that is no height set by hand.
    const base = Number(attr(/<sheetFormatPr\b[^>]*>/.exec(xml)?.[0] ?? '', 'defaultRowHeight') ?? NaN);
    for (const r of xml.matchAll(/<row\b[^>]*>/g)) {
      const ht = attr(r[0], 'ht');
      if (truthy(attr(r[0], 'customHeight')) && ht !== undefined && Number(ht) !== base) heights.add(Number(attr(r[0], 'r')));
    }
    const switches: Record<string, boolean> = {};
    const tagOf = (name: string) => new RegExp(`<${name}\\b[^>]*>`).exec(xml)?.[0] ?? '';
    const flag = (key: string, tag: string, name = key) => {
      const v = attr(tagOf(tag), name);
      if (v !== undefined) switches[key] = truthy(v);
    };
    flag('fitToPage', 'pageSetUpPr');
    flag('horizontalCentered', 'printOptions');
    flag('verticalCentered', 'printOptions');
    flag('differentFirst', 'headerFooter');
    flag('differentOddEven', 'headerFooter');
    out.set(sheetName, { widths, heights, switches });
  }
  return out;
}

/** Text of a cell value as shown (rich text joined, numbers as typed). */
function textOf(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return textOf((v.result ?? null) as ExcelJS.CellValue);
  }
  return '';
}

/** A deep copy of a cell's style (never shared with exceljs's cell). */
function styleOf(cell: ExcelJS.Cell): Partial<ExcelJS.Style> {
  return JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
}

const FIELD_ONLY = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/;

function parseSheet(file: string, ws: ExcelJS.Worksheet, role: LayoutRole, flags: SheetFlags, problems: LayoutProblem[]): LayoutSheet | null {
  const spec = LAYOUT_ROLES[role];
  const before = problems.length;
  const at = (cell: string, message: string) => problems.push({ file, sheet: ws.name, cell, message });
  const lastRow = ws.rowCount;
  const lastColumn = ws.columnCount;
  const masterOf = (r: number, c: number): ExcelJS.Cell => {
    const cell = ws.getCell(r, c);
    return cell.isMerged ? cell.master : cell;
  };
  const text = (r: number, c: number) => textOf(masterOf(r, c).value);
  const markers = Object.entries(ROW_MARKERS).map(([k, m]) => [k as RowKind, foldKey(m)] as const);

  // Model rows: a cell holding a marker.
  const models = new Map<RowKind, { row: number; col: number }>();
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= lastColumn; c++) {
      const t = textOf(ws.getCell(r, c).value).trim();
      if (!t.startsWith('[') || !t.endsWith(']')) continue;
      const folded = foldKey(t);
      const kind = markers.find(([, m]) => m === folded)?.[0];
      if (!kind) {
        if (folded.includes('dong')) at(cellAddress(r, c), `không hiểu dấu "${t}": dấu dòng mẫu là ${Object.values(ROW_MARKERS).map((m) => `"${m}"`).join(', ')}.`);
        continue;
      }
      const seen = models.get(kind);
      if (seen) at(cellAddress(r, c), `có hai dòng mẫu "${ROW_MARKERS[kind]}" (dòng ${seen.row} và dòng ${r}): giữ một dòng, xóa dòng kia.`);
      else models.set(kind, { row: r, col: c });
    }
  }
  if (models.size === 0) {
    at('', `không có dòng mẫu nào. Bảng cần các dòng mẫu ${spec.kinds.map((k) => `"${ROW_MARKERS[k]}"`).join(', ')}: mỗi dòng ghi tên cột ở từng ô ({{stt}}, {{${spec.columns[1]?.name ?? 'noi_dung'}}}…) và dấu dòng ở ô ngay bên phải bảng. Chép lại các dòng mẫu từ mẫu gốc trong thư mục templates/.`);
    return null;
  }
  const modelRows = [...models.values()].map((m) => m.row).sort((a, b) => a - b);
  const firstModel = modelRows[0] ?? 1;
  const lastModel = modelRows[modelRows.length - 1] ?? 1;
  for (const kind of spec.kinds) {
    if (!models.has(kind)) at(cellAddress(lastModel + 1, 1), `thiếu dòng mẫu "${ROW_MARKERS[kind]}" — ${kindText(kind)}. Chèn một dòng ngay dưới các dòng mẫu, ghi tên cột ở từng ô như dòng mẫu khác và ghi "${ROW_MARKERS[kind]}" ở ô bên phải bảng.`);
  }
  for (const [kind, m] of models) {
    if (!spec.kinds.includes(kind)) at(cellAddress(m.row, m.col), `bảng này không có ${kindText(kind)}: xóa dòng mẫu "${ROW_MARKERS[kind]}". Bảng có: ${spec.kinds.map((k) => `"${ROW_MARKERS[k]}"`).join(', ')}.`);
  }
  for (let r = firstModel; r <= lastModel; r++) {
    if (!modelRows.includes(r)) at(cellAddress(r, 1), `các dòng mẫu phải liền nhau: dòng ${r} nằm giữa các dòng mẫu mà không phải dòng mẫu. Xóa dòng này.`);
  }

  // Columns: named by the item row (or, without one, by another model row).
  const namer = models.get('item') ?? models.get('group') ?? models.get('total');
  const names = new Map<number, string>();
  const known = new Set(spec.columns.map((c) => c.name));
  if (namer) {
    for (let c = 1; c < namer.col; c++) {
      const t = textOf(ws.getCell(namer.row, c).value).trim();
      const m = FIELD_ONLY.exec(t);
      if (m?.[1] !== undefined) names.set(c, m[1]);
    }
  }
  const named = [...names.keys()].sort((a, b) => a - b);
  const firstCol = named[0] ?? 1;
  const lastCol = named[named.length - 1] ?? 1;
  const columnList = spec.columns.map((c) => `{{${c.name}}}`).join(', ');
  if (namer && named.length === 0) {
    at(cellAddress(namer.row, 1), `dòng mẫu không ghi tên cột nào. Ghi ở mỗi ô của dòng tên cột nó hiện, ví dụ {{stt}}; các cột của bảng này: ${columnList}.`);
  }
  const seenNames = new Map<string, number>();
  for (const c of named) {
    const n = names.get(c) ?? '';
    if (!known.has(n)) at(cellAddress(namer?.row ?? 1, c), `không có cột "{{${n}}}" trong bảng này.${suggest(n, [...known])} Các cột của bảng này: ${columnList}.`);
    const dup = seenNames.get(n);
    if (dup !== undefined) at(cellAddress(namer?.row ?? 1, c), `cột {{${n}}} đã có ở ô ${cellAddress(namer?.row ?? 1, dup)}: mỗi cột chỉ ghi một lần.`);
    else seenNames.set(n, c);
  }
  if (namer) {
    for (let c = firstCol; c <= lastCol; c++) {
      if (names.has(c)) continue;
      at(cellAddress(namer.row, c), `ô trong bảng mà không ghi tên cột: ghi tên cột ô này hiện (${columnList}), hoặc xóa cột.`);
    }
  }
  for (const [kind, m] of models) {
    if (m.col <= lastCol) at(cellAddress(m.row, m.col), `dấu "${ROW_MARKERS[kind]}" phải ở ô bên phải bảng (bảng hết ở cột ${columnLetter(lastCol)}).`);
  }

  // Merged cells: none in model rows; none reaching right of the table.
  const merges: LayoutMerge[] = [];
  for (const ref of (ws.model as unknown as { merges?: string[] }).merges ?? []) {
    const range = parseRange(ref);
    if (!range) continue;
    if (range.bottom >= firstModel && range.top <= lastModel) {
      at(ref.split(':')[0] ?? '', `không gộp ô ở dòng mẫu (${ref}): mỗi ô của dòng mẫu là một cột. Bỏ gộp ô.`);
      continue;
    }
    if (range.right > lastCol && range.left <= lastCol) {
      at(ref.split(':')[0] ?? '', `ô gộp ${ref} vượt ra ngoài bảng (bảng hết ở cột ${columnLetter(lastCol)}): thu lại đến cột ${columnLetter(lastCol)}.`);
      continue;
    }
    if (range.left > lastCol) continue;
    merges.push(range);
  }

  // Header rows: the rows to repeat at the top of each printed page, right above the model rows.
  const titles = parseRows(ws.pageSetup.printTitlesRow);
  let headerFirst = firstModel;
  if (!titles) {
    at(cellAddress(firstModel - 1 > 0 ? firstModel - 1 : 1, 1), `chưa đặt dòng tiêu đề cột in lặp lại ở đầu mỗi trang: chọn Bố trí Trang (Page Layout) → In Tiêu đề (Print Titles) → "Hàng cần lặp lại ở trên" và chọn các dòng tiêu đề cột ngay trên các dòng mẫu (ví dụ $${Math.max(1, firstModel - 1)}:$${Math.max(1, firstModel - 1)}).`);
  } else if (titles.last !== firstModel - 1) {
    at(cellAddress(titles.first, 1), `dòng tiêu đề cột in lặp lại (${titles.first}:${titles.last}) phải là các dòng ngay trên các dòng mẫu (dòng mẫu đầu tiên là dòng ${firstModel}). Đặt lại In Tiêu đề → "Hàng cần lặp lại ở trên".`);
  } else if (titles.last - titles.first + 1 > 2) {
    at(cellAddress(titles.first, 1), `tiêu đề cột có tối đa 2 dòng (đang có ${titles.last - titles.first + 1}: ${titles.first}:${titles.last}). Gộp bớt dòng tiêu đề.`);
  } else {
    headerFirst = titles.first;
  }
  const headerLast = firstModel - 1;

  // Every text of the sheet, checked against the fields its role has.
  const checkText = (address: string, t: string, repeated?: 'year' | 'indicator') => {
    if (!t.includes('{{') && !t.includes('}}')) return;
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(t);
    } catch {
      at(address, `thẻ viết sai cú pháp trong "${short(t)}": mỗi trường viết {{tên_trường}}, khối {{#if …}}…{{/if}} phải được đóng.`);
      return;
    }
    // The report's field list (`baocao templates fields`) is not this sheet's: name this sheet's fields instead.
    for (const p of checkFields(ast, roleFieldSchema(role, repeated))) at(address, `${p.message.replace(/\s*Xem danh sách trường bằng lệnh "baocao templates fields"\./, '')} Các trường dùng được ở trang này: ${fieldList(role, repeated)}.`);
  };
  const outside = (r: number, what: string) => {
    for (let c = lastCol + 1; c <= lastColumn; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) continue;
      if (textOf(cell.value).trim() !== '' && !markers.some(([, m]) => m === foldKey(textOf(cell.value)))) {
        at(cell.address, `ô nằm bên phải bảng (bảng hết ở cột ${columnLetter(lastCol)}) ${what}: baocao không chép ô này vào phụ lục. Chuyển vào trong bảng hoặc xóa.`);
      }
    }
  };

  const rowOf = (r: number): LayoutRow => {
    const row = ws.getRow(r);
    const cells: LayoutCell[] = [];
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      const style = styleOf(cell);
      if (cell.isMerged && cell.master !== cell) {
        if (Object.keys(style).length > 0) cells.push({ col: c, merged: true, value: null, text: '', style });
        continue;
      }
      if (cell.value === null && Object.keys(style).length === 0) continue;
      cells.push({ col: c, value: cell.value, text: textOf(cell.value), style });
    }
    return { row: r, height: flags.heights.has(r) && row.height ? row.height : null, cells };
  };

  // Title rows: one text each.
  const titleRows: LayoutRow[] = [];
  const heading: string[] = [];
  let unitRow: number | null = null;
  for (let r = 1; r < headerFirst; r++) {
    const row = rowOf(r);
    titleRows.push(row);
    outside(r, 'ở dòng tiêu đề');
    const filled = row.cells.filter((c) => c.text.trim() !== '');
    if (filled.length > 1) at(cellAddress(r, filled[1]?.col ?? 1), `một dòng phía trên bảng chỉ có một ô chữ (dòng ${r} có ${filled.length}: ${filled.map((c) => cellAddress(r, c.col)).join(', ')}). Gộp các ô của dòng (Merge & Center) hoặc chuyển chữ sang dòng khác.`);
    const first = filled[0];
    heading.push(first?.text ?? '');
    if (first) checkText(cellAddress(r, first.col), first.text);
  }
  const nonEmpty = heading.map((t, i) => (t.trim() !== '' ? i : -1)).filter((i) => i >= 0);
  if (titles && nonEmpty.length < 2) {
    at(cellAddress(1, 1), `phía trên tiêu đề cột cần ít nhất hai dòng chữ: dòng số phụ lục (ví dụ ${role === 'du-toan' ? '"PHỤ LỤC"' : '"{{label}}"'}) rồi dòng tên phụ lục. Chèn dòng phía trên bảng.`);
  }
  const lastTitle = nonEmpty[nonEmpty.length - 1];
  if (lastTitle !== undefined && nonEmpty.length >= 3) {
    const cell = titleRows[lastTitle]?.cells.find((c) => c.text.trim() !== '');
    if (cell?.style.alignment?.horizontal === 'right') unitRow = lastTitle;
  }

  // Header cells of each column.
  const headerRows: LayoutRow[] = [];
  for (let r = headerFirst; r <= headerLast; r++) {
    headerRows.push(rowOf(r));
    outside(r, 'ở dòng tiêu đề cột');
  }
  const headers: Record<string, string> = {};
  const groups: Record<string, string> = {};
  const repeatedOf = (n: string) => spec.columns.find((c) => c.name === n)?.repeated;
  const checkedHeaders = new Set<string>();
  for (const c of named) {
    const n = names.get(c) ?? '';
    if (headerLast < headerFirst) break;
    const bottom = masterOf(headerLast, c);
    headers[n] = textOf(bottom.value);
    if (!checkedHeaders.has(bottom.address)) {
      checkedHeaders.add(bottom.address);
      checkText(bottom.address, headers[n], repeatedOf(n));
    }
    if (headerLast > headerFirst) {
      const top = masterOf(headerFirst, c);
      if (top.address !== bottom.address) {
        groups[n] = textOf(top.value);
        if (!checkedHeaders.has(top.address)) {
          checkedHeaders.add(top.address);
          checkText(top.address, groups[n]);
        }
      }
    }
  }

  // Model rows: what each cell shows.
  const modelOut: Partial<Record<RowKind, LayoutRow>> = {};
  const cells: Partial<Record<RowKind, Record<string, string | null>>> = {};
  for (const [kind, m] of models) {
    modelOut[kind] = rowOf(m.row);
    const shows: Record<string, string | null> = {};
    for (let c = 1; c <= lastCol; c++) {
      const t = textOf(ws.getCell(m.row, c).value);
      const n = names.get(c);
      if (n === undefined) {
        if (t.trim() !== '' && c < firstCol) at(cellAddress(m.row, c), `ô bên trái bảng ở dòng mẫu phải để trống (bảng bắt đầu ở cột ${columnLetter(firstCol)}).`);
        continue;
      }
      const own = FIELD_ONLY.exec(t.trim())?.[1];
      if (own === n) shows[n] = null;
      else if (own !== undefined && known.has(own)) {
        if (known.has(n)) at(cellAddress(m.row, c), `ô này ở cột {{${n}}} (theo dòng mẫu ở dòng ${namer?.row ?? ''}) nhưng ghi {{${own}}}. Ghi {{${n}}}, để trống, hoặc ghi chữ cố định.`);
      } else {
        shows[n] = t;
        checkText(cellAddress(m.row, c), t);
      }
    }
    cells[kind] = shows;
  }

  // Note rows: after the model rows.
  const noteRows: LayoutRow[] = [];
  const notes: string[] = [];
  for (let r = lastModel + 1; r <= lastRow; r++) {
    const row = rowOf(r);
    // A row naming columns without a marker is a model row whose marker went missing (said above), not a note.
    if (row.cells.some((c) => known.has(FIELD_ONLY.exec(c.text.trim())?.[1] ?? ''))) {
      if (models.size === spec.kinds.length) at(cellAddress(r, lastCol + 1), `dòng ${r} ghi tên cột như một dòng mẫu mà không có dấu dòng mẫu: xóa dòng, hoặc ghi dấu ở ô ${cellAddress(r, lastCol + 1)}.`);
      continue;
    }
    outside(r, 'ở dòng ghi chú dưới bảng');
    const filled = row.cells.filter((c) => c.text.trim() !== '');
    if (filled.length > 1) at(cellAddress(r, filled[1]?.col ?? 1), `một dòng dưới bảng chỉ có một ô chữ (dòng ${r} có ${filled.length}). Gộp các ô của dòng hoặc chuyển chữ sang dòng khác.`);
    noteRows.push(row);
    notes.push(filled[0]?.text ?? '');
    if (filled[0]) checkText(cellAddress(r, filled[0].col), filled[0].text);
  }
  // Trailing empty rows are not notes.
  while (noteRows.length > 0 && notes[notes.length - 1]?.trim() === '' && (noteRows[noteRows.length - 1]?.cells.length ?? 0) === 0) {
    noteRows.pop();
    notes.pop();
  }

  if (problems.length > before) return null;
  const columns: LayoutColumn[] = [];
  for (let c = 1; c <= lastCol; c++) {
    const col = ws.getColumn(c);
    const style = JSON.parse(JSON.stringify(col.style ?? {})) as Partial<ExcelJS.Style>;
    columns.push({
      col: c,
      name: names.get(c) ?? null,
      width: flags.widths.has(c) && col.width !== undefined ? col.width : null,
      style: Object.keys(style).length > 0 ? style : null,
    });
  }
  const ps = ws.pageSetup;
  const sw = flags.switches;
  const pageSetup: Partial<ExcelJS.PageSetup> = JSON.parse(
    JSON.stringify({
      ...ps,
      ...(sw.fitToPage !== undefined ? { fitToPage: sw.fitToPage } : {}),
      ...(sw.horizontalCentered !== undefined ? { horizontalCentered: sw.horizontalCentered } : {}),
      ...(sw.verticalCentered !== undefined ? { verticalCentered: sw.verticalCentered } : {}),
      printArea: undefined,
      printTitlesRow: undefined,
      printTitlesColumn: undefined,
    }),
  ) as Partial<ExcelJS.PageSetup>;
  const headerFooter = {
    ...(JSON.parse(JSON.stringify(ws.headerFooter ?? {})) as Partial<ExcelJS.HeaderFooter>),
    ...(sw.differentFirst !== undefined ? { differentFirst: sw.differentFirst } : {}),
    ...(sw.differentOddEven !== undefined ? { differentOddEven: sw.differentOddEven } : {}),
  };
  return {
    role,
    name: ws.name,
    firstCol,
    lastCol,
    columns,
    titleRows,
    headerRows,
    models: modelOut,
    noteRows,
    merges,
    pageSetup,
    headerFooter,
    views: JSON.parse(JSON.stringify(ws.views ?? [])) as Partial<ExcelJS.WorksheetView>[],
    tabColor: ws.properties.tabColor,
    texts: {
      sheetName: ws.name,
      heading,
      unitRow,
      columns: named.map((c) => names.get(c) ?? ''),
      headers,
      groups,
      notes,
      cells,
    },
  };
}

function kindText(kind: RowKind): string {
  return kind === 'group' ? 'dòng nhóm' : kind === 'item' ? 'dòng mục' : 'dòng tổng cộng';
}

function short(t: string): string {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function fieldList(role: LayoutRole, repeated?: 'year' | 'indicator'): string {
  const extra = Object.keys(LAYOUT_ROLES[role].fields).map((f) => `{{${f}}}`);
  const own = repeated === 'indicator' ? ['{{indicator.name}}', '{{indicator.unit}}'] : [];
  return [...own, ...extra, '{{year}}', '{{plan.info.moneyUnit}}', '{{plan.info.issuerShort}}', '{{reportNumber}}', '{{reportDate}}', '{{planNumber}}', '{{planDate}}', '…'].join(', ');
}

function suggest(name: string, candidates: readonly string[]): string {
  const f = foldKey(name).replace(/[^a-z0-9]/g, '');
  const best = candidates.find((c) => c.replace(/_/g, '') === f) ?? candidates.find((c) => c.startsWith(name.slice(0, 3)));
  return best ? ` Có phải là {{${best}}}?` : '';
}

function parseRange(ref: string): LayoutMerge | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1] ?? 'A'), bottom: Number(m[4]), right: col(m[3] ?? 'A') };
}

/** "5:6", "$5:$6", "'Kinh phí'!$5:$6" → rows 5…6; null when not set. */
function parseRows(ref: string | undefined): { first: number; last: number } | null {
  if (!ref) return null;
  const m = /\$?(\d+):\$?(\d+)\s*$/.exec(ref);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first >= 1 && last >= first ? { first, last } : null;
}

/** Every problem of a layout file (`baocao templates check`): none when it can be used. */
export async function checkLayout(name: string, bytes: Uint8Array): Promise<LayoutProblem[]> {
  return (await readLayout({ name, bytes })).problems;
}
