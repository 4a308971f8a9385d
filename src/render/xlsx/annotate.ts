/**
 * The annotated copy sent back to an agency ("tra-lai/"): its own workbook, loaded from bytes and
 * saved as new bytes, with every faulty cell filled (red for errors, orange for warnings) and
 * carrying a note that says what is wrong and how to fix it, plus a first sheet "Lỗi cần sửa"
 * listing every finding. Values, number formats, protection and validations are kept as they are.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import { countBySeverity, forTheAgency, sortFindings, type Finding, type Severity } from '../../findings.js';
import { fitFileName } from '../../model/file-name.js';
import type { Agency } from '../../model/plan.js';
import { parseAddress } from '../../model/source.js';
import { ANNOTATION_SHEET } from '../../model/sheets.js';
import type { FileStatus } from '../../model/submission.js';
// Pure helpers of the read stage (no I/O): the sizes exceljs would expand cell by cell.
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, measureSheets, scanZip } from '../../read/index.js';
import { SEVERITY_LABELS } from './findings.js';
import { BORDER_ALL, INPUT_FILL, estimateLines, font, freezeBelow, heightFor, setupPage, styleHeaderCell, titleRow, toBytes } from './style.js';

/** Folder of the annotated copies inside the round's output folder. */
export const ANNOTATED_DIR = 'tra-lai';
/** Name of the cover sheet inserted first in every annotated copy. */
export { ANNOTATION_SHEET };
export const ANNOTATION_HEADERS = ['STT', 'Sheet', 'Ô', 'Mức độ', 'Nội dung', 'Cách xử lý'] as const;

/** Cell fills of faulty cells: light red for errors, orange for warnings (ARGB). */
export const ANNOTATION_FILLS = { error: 'FFFF7C80', warning: 'FFFFC000', info: 'FFDDEBF7' } as const satisfies Record<Severity, string>;

/** First line of every note baocao writes; recognised (and replaced) when an annotated copy comes back. */
const NOTE_MARK = 'baocao';
/** Separates baocao's text from a note the agency had already put on the cell. */
const OWN_NOTE_MARK = '— Ghi chú sẵn có của ô —';
const COVER_WIDTHS = [6, 16, 7, 11, 60, 50] as const;
/** Beyond these, exceljs would take seconds to minutes and gigabytes to load the copy. */
const MAX_MERGED_CELLS = 250_000;
const MAX_VALIDATED_CELLS = 200_000;
const TEXT_COLORS = { error: 'FFC00000', warning: 'FFC65911', info: 'FF1F4E79' } as const satisfies Record<Severity, string>;

/** What the cover sheet says about whom the copy goes to. */
export interface AnnotationInfo {
  readonly agencyName: string;
  readonly roundLabel: string;
  readonly planTitle: string;
  /** The original file's full name, shown on the cover sheet (the copy's own name may be shortened). */
  readonly fileName?: string | undefined;
}

/** An original workbook could not be loaded or saved again; `cause` holds exceljs's error. */
export class AnnotateError extends Error {
  override readonly name = 'AnnotateError';
}

/**
 * Returns a copy of `original` (the agency's .xlsx bytes, never modified) with each finding
 * marked at its cell and listed on a first sheet "Lỗi cần sửa"; findings without a cell (about
 * the whole file or sheet) appear only on that sheet.
 */
export async function renderAnnotated(original: Uint8Array, findings: readonly Finding[], info: AnnotationInfo): Promise<Uint8Array> {
  const scan = scanZip(original);
  if (!scan.ok) throw new AnnotateError(`Tệp không phải bảng tính .xlsx đọc được (${scan.detail}).`);
  const sizes = measureSheets(original, scan.entries);
  if (sizes.maxRow > EXCEL_MAX_ROWS || sizes.maxColumn > EXCEL_MAX_COLUMNS || sizes.mergedCells > MAX_MERGED_CELLS) {
    throw new AnnotateError('Tệp có vùng ô vượt giới hạn (dòng, cột hoặc vùng gộp ô quá lớn).');
  }
  // A dropdown over a whole sheet is expanded cell by cell by exceljs: such lists are left out of the copy.
  const dropValidations = sizes.validatedCells > MAX_VALIDATED_CELLS;
  const wb = await newWorkbook();
  try {
    // exceljs keeps a reference to the buffer it is given: hand it a copy so `original` stays untouched.
    await wb.xlsx.load(Buffer.from(original) as unknown as ExcelJS.Buffer, { ignoreNodes: dropValidations ? ['dataValidations'] : [] });
  } catch (err) {
    throw new AnnotateError(`Không mở được tệp để đánh dấu lỗi: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  // A copy sent back earlier may come back with baocao's marks: drop them before marking anew.
  const old = wb.getWorksheet(ANNOTATION_SHEET);
  if (old) wb.removeWorksheet(old.id);
  for (const ws of wb.worksheets) clearOldMarks(ws);

  const sorted = sortFindings(findings);
  for (const [ws, cells] of groupByCell(wb, sorted)) {
    for (const [a1, list] of cells) markCell(ws, a1, list, info.roundLabel);
  }
  addCoverSheet(wb, sorted, info, dropValidations);
  try {
    return await toBytes(wb);
  } catch (err) {
    throw new AnnotateError(`Không ghi được bản sao có đánh dấu lỗi: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** One annotated copy to make: the input file, the copy's name, whom it is for and its findings. */
export interface AnnotationTarget {
  readonly file: string;
  /** Artifact name: "tra-lai/<file>" (".xlsx" for an .xls or .xlsm original, which is saved as .xlsx). */
  readonly name: string;
  readonly agencyName: string;
  readonly findings: readonly Finding[];
}

/**
 * The files that get an annotated copy: every file that was read and has at least one finding,
 * except duplicates that were not used (their agency sent a newer file) and unreadable files.
 */
export function annotationTargets(files: readonly FileStatus[], findings: readonly Finding[], agencies: readonly Agency[]): AnnotationTarget[] {
  const out: AnnotationTarget[] = [];
  for (const f of files) {
    if (f.state === 'ignored' || f.state === 'unreadable') continue;
    // What the agency has to fix: not that the file is open in Excel on this machine.
    const own = findings.filter((x) => x.file === f.file && forTheAgency(x));
    if (own.length === 0) continue;
    const agency = agencies.find((a) => a.code === f.agencyCode);
    out.push({
      file: f.file,
      name: `${ANNOTATED_DIR}/${annotatedFileName(f.file)}`,
      agencyName: agency?.name ?? `chưa xác định được cơ quan (tệp "${f.file}")`,
      findings: own,
    });
  }
  return out;
}

/**
 * Name of the annotated copy: the same name, with ".xlsx" for formats exceljs does not write back
 * (.xls, .xlsm); a name too long for the file system (with the room a copy beside an edited file
 * and a temporary file need) is shortened, readable and unique (see fitFileName).
 */
export function annotatedFileName(file: string): string {
  return fitFileName(/\.xlsx$/i.test(file) ? file : `${file.replace(/\.[^./\\]*$/, '')}.xlsx`);
}

// ---------------------------------------------------------------------------------------------

function groupByCell(wb: ExcelJS.Workbook, findings: readonly Finding[]): Map<ExcelJS.Worksheet, Map<string, Finding[]>> {
  const byName = new Map<string, ExcelJS.Worksheet>();
  for (const ws of wb.worksheets) byName.set(ws.name.normalize('NFC'), ws);
  const out = new Map<ExcelJS.Worksheet, Map<string, Finding[]>>();
  for (const f of findings) {
    const ws = byName.get(f.sheet.normalize('NFC'));
    if (!ws || !parseAddress(f.cell)) continue;
    // A cell inside a merged range shows its master's content: mark the master.
    const target = ws.getCell(f.cell);
    const a1 = target.isMerged ? target.master.address : target.address;
    const cells = out.get(ws) ?? new Map<string, Finding[]>();
    cells.set(a1, [...(cells.get(a1) ?? []), f]);
    out.set(ws, cells);
  }
  return out;
}

function markCell(ws: ExcelJS.Worksheet, a1: string, list: readonly Finding[], roundLabel: string): void {
  const cell = ws.getCell(a1);
  const severity: Severity = list.some((f) => f.severity === 'error') ? 'error' : 'warning';
  // A fresh style object: exceljs may share one between cells, and only this cell must change.
  cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: ANNOTATION_FILLS[severity] } } };

  const own = noteText(cell);
  const runs: ExcelJS.RichText[] = [{ text: `${NOTE_MARK} — ${roundLabel}:\n`, font: { bold: true, size: 10, name: 'Tahoma' } }];
  list.forEach((f, i) => {
    const sep = i === 0 ? '' : '\n\n';
    runs.push({ text: `${sep}${SEVERITY_LABELS[f.severity]}: `, font: { bold: true, size: 10, name: 'Tahoma', color: { argb: TEXT_COLORS[f.severity] } } });
    runs.push({ text: `${f.message}\nCách xử lý: ${f.hint}`, font: { size: 10, name: 'Tahoma' } });
  });
  if (own) runs.push({ text: `\n\n${OWN_NOTE_MARK}\n${own}`, font: { size: 10, name: 'Tahoma', italic: true } });
  cell.note = { texts: runs, editAs: 'absolute' };
  sizeNote(ws, cell, runs.map((r) => r.text).join(''));
}

/** Text of a cell's note, or "" when it has none. */
function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/**
 * Removes the marks of an earlier annotated copy: baocao's notes (keeping the agency's own note
 * under them) and baocao's fills, so a cell that has been fixed no longer shows red.
 */
function clearOldMarks(ws: ExcelJS.Worksheet): void {
  const protectedSheet = Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const text = noteText(cell);
      if (!text.startsWith(`${NOTE_MARK} — `)) return;
      const at = text.indexOf(OWN_NOTE_MARK);
      const own = at >= 0 ? text.slice(at + OWN_NOTE_MARK.length).replace(/^\n/, '') : '';
      if (own) cell.note = own;
      else forgetNote(cell);
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
      if (argb !== ANNOTATION_FILLS.error && argb !== ANNOTATION_FILLS.warning) return;
      // Input cells of baocao's forms are the unlocked cells of a protected sheet, shaded yellow.
      const input = protectedSheet && cell.protection?.locked === false;
      cell.style = { ...cell.style, fill: input ? INPUT_FILL : { type: 'pattern', pattern: 'none' } };
    });
  });
}

/**
 * exceljs has no call to remove a note: forget the note object and the copy of its model that
 * loading left on the cell's value (the writer reads either).
 */
function forgetNote(cell: ExcelJS.Cell): void {
  const internal = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  internal._comment = undefined;
  if (internal._value?.model) delete internal._value.model.comment;
}

/**
 * exceljs draws every note in a 2-column × 4-row box and has no option for its size, so long
 * Vietnamese messages would be cut off on screen. Its writer takes the box (VML anchor) from the
 * comment model's `anchor`: give the cell's comment one that fits the text. If exceljs changes
 * these internals, the default box is kept.
 */
function sizeNote(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, text: string): void {
  const comment = (cell as unknown as { _comment?: object })._comment;
  if (!comment) return;
  const base = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(comment) as object, 'model')?.get;
  if (!base) return;
  const row = Number(cell.row);
  const col = Number(cell.col);
  // Box: from the column right of the cell, at least ~45 characters wide.
  let width = 0;
  let right = col;
  while (width < 45 && right < col + 8) {
    width += ws.getColumn(right + 1).width ?? 9;
    right++;
  }
  const lines = estimateLines(text, Math.min(width, 70), 10) + 1;
  const needPt = lines * 12.5 + 8;
  const top = Math.max(row - 2, 0);
  let heightPt = 0;
  let bottom = top;
  while (heightPt < needPt && bottom < top + 60) {
    heightPt += ws.getRow(bottom + 1).height ?? 15;
    bottom++;
  }
  const anchor = { left: col + 0.1, top: top + 0.2, right, bottom: bottom + 0.5 };
  Object.defineProperty(comment, 'model', {
    configurable: true,
    get(): unknown {
      return { ...(base.call(this) as object), anchor };
    },
  });
}

function addCoverSheet(wb: ExcelJS.Workbook, findings: readonly Finding[], info: AnnotationInfo, droppedValidations: boolean): void {
  const ws = wb.addWorksheet(ANNOTATION_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } });
  // exceljs orders sheets by orderNo (0, 1, … after loading): a lower one makes this sheet the first.
  (ws as unknown as { orderNo: number }).orderNo = -1;
  const view = ((wb.views as ExcelJS.WorkbookView[] | null | undefined) ?? [])[0];
  wb.views = [{ ...(view ?? { x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' }), firstSheet: 0, activeTab: 0 }];

  const n = ANNOTATION_HEADERS.length;
  COVER_WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const total = COVER_WIDTHS.reduce((a, b) => a + b, 0);
  const { errors, warnings } = countBySeverity(findings);
  titleRow(ws, 1, n, 'CÁC LỖI CẦN SỬA TRONG TỆP BÁO CÁO', { size: 14, bold: true });
  titleRow(ws, 2, n, `Cơ quan: ${info.agencyName}`, { size: 12, bold: true, widthChars: total });
  titleRow(ws, 3, n, `${info.planTitle} — ${info.roundLabel}`, { size: 12, widthChars: total });
  titleRow(ws, 4, n, `Tổng số: ${errors} lỗi, ${warnings} cảnh báo.`, { size: 12, align: 'left' });
  if (info.fileName) titleRow(ws, 6, n, `Tệp gốc: ${info.fileName}`, { size: 12, align: 'left', widthChars: total });
  titleRow(
    ws,
    5,
    n,
    "Đề nghị sửa các ô tô màu rồi gửi lại, tăng 'Lần nộp' lên 1. Ô tô đỏ là lỗi (phải sửa), ô tô cam là cảnh báo (cần kiểm tra lại); " +
      'đưa chuột vào ô để xem ghi chú. Các lỗi không gắn với một ô chỉ có trong danh sách dưới đây.' +
      (droppedValidations ? ' (Bản sao này không giữ các danh sách chọn của tệp gốc vì chúng phủ quá nhiều ô.)' : ''),
    { size: 12, italic: true, align: 'left', widthChars: total },
  );

  const hr = 7;
  ANNOTATION_HEADERS.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  findings.forEach((f, i) => {
    const r = hr + 1 + i;
    const values: ExcelJS.CellValue[] = [i + 1, f.sheet, f.cell, SEVERITY_LABELS[f.severity], f.message, f.hint];
    values.forEach((v, k) => {
      const cell = ws.getCell(r, k + 1);
      cell.value = v;
      cell.border = BORDER_ALL;
      cell.font = font(12, k === 3 ? { bold: true, color: TEXT_COLORS[f.severity] } : {});
      cell.alignment = { vertical: 'top', horizontal: k === 0 || k === 2 ? 'center' : 'left', wrapText: k !== 0 };
      if (k === 0) cell.numFmt = '0';
    });
    // LibreOffice and Excel do not grow rows for wrapped text on load.
    const lines = Math.max(...values.map((v, k) => (typeof v === 'string' ? estimateLines(v, COVER_WIDTHS[k] ?? 10) : 1)));
    ws.getRow(r).height = heightFor(lines);
  });
  setupPage(ws, { landscape: true, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
  // Selected tab = the cover. exceljs drops every other sheet's tabSelected when loading, so no
  // two tabs end up selected (Excel would open them grouped).
  ws.views = ws.views.map((v) => ({ ...v, tabSelected: true }) as unknown as ExcelJS.WorksheetView);
}
