/**
 * Shared look of every workbook baocao writes: Times New Roman, thin borders, A4 pages with
 * the margins of Nghị định 30/2020 (official-format §1.1/§1.11), light-yellow input cells.
 */
import type ExcelJS from 'exceljs';
import { wrappedLines } from '../measure.js';
import { deflateStoredEntries } from '../zip.js';

export const FONT_NAME = 'Times New Roman';
export const BODY_SIZE = 12;

/** Light yellow: the cells an agency is expected to type into. */
export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
/** Light grey behind header rows. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER_ALL: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Number formats. Excel shows "." or "," as separators by the viewer's locale (library-notes). */
export const NUMFMT = {
  integer: '#,##0',
  /** Zero shows as "-", the usual "no figure" mark in Vietnamese tables (official-format §2). */
  money: '#,##0;-#,##0;"-"',
  date: 'dd/mm/yyyy',
  text: '@',
} as const;

/** `#,##0.00` with the given number of decimals (`#,##0` for none). */
export function decimalFormat(decimals: number): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

export function font(size = BODY_SIZE, style: { bold?: boolean; italic?: boolean; color?: string } = {}): Partial<ExcelJS.Font> {
  const f: Partial<ExcelJS.Font> = { name: FONT_NAME, size, family: 1 };
  if (style.bold) f.bold = true;
  if (style.italic) f.italic = true;
  if (style.color !== undefined) f.color = { argb: style.color };
  return f;
}

/** Margins in inches: top/bottom 20 mm, left 30 mm, right 15 mm (official-format §1.1, §1.11). */
const MARGINS = { top: 0.787, bottom: 0.787, left: 1.181, right: 0.591, header: 0.3, footer: 0.3 };

/** A4 (paperSize 9), fit to one page wide, header rows repeated on every printed page. */
export function setupPage(
  ws: ExcelJS.Worksheet,
  options: { landscape: boolean; printTitlesRow?: string },
): void {
  ws.pageSetup.paperSize = 9;
  ws.pageSetup.orientation = options.landscape ? 'landscape' : 'portrait';
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  ws.pageSetup.horizontalCentered = true;
  ws.pageSetup.margins = { ...MARGINS };
  if (options.printTitlesRow !== undefined) ws.pageSetup.printTitlesRow = options.printTitlesRow;
}

/** Freezes the rows above `firstDataRow` (and the columns left of `firstDataCol`). */
export function freezeBelow(ws: ExcelJS.Worksheet, headerLastRow: number, xSplit = 0): void {
  ws.views = [{ state: 'frozen', xSplit, ySplit: headerLastRow, topLeftCell: cellAddress(headerLastRow + 1, xSplit + 1) }];
}

/** Column letters of a 1-based column number: 1 → "A", 27 → "AA". */
export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** Width in points of an Excel column `widthChars` wide (units of the default font's digit: 7 px + 5 px padding at 96 dpi). */
export function columnPoints(widthChars: number): number {
  return (widthChars * 7 + 5) * 0.75;
}

/**
 * Number of printed lines of `text` in a column (or merged cells) `widthChars` wide, measured
 * in Times New Roman and wrapped at spaces as Excel and LibreOffice do: rows get this height
 * because LibreOffice never grows a row for wrapped text on load, and nobody auto-fits merged cells.
 */
export function estimateLines(text: string, widthChars: number, fontSize = BODY_SIZE, bold = false): number {
  // A cell's text stops ~2 px short of each border.
  return wrappedLines(text, columnPoints(widthChars) - 4, fontSize, bold);
}

/** Excel's highest row, in points: a taller row is cut when printed. */
export const MAX_ROW_HEIGHT = 409;

/** Row height in points for `lines` lines of `fontSize` text (at most Excel's 409 pt). */
export function heightFor(lines: number, fontSize = BODY_SIZE): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * fontSize * 1.32 + 3));
}

/** Styles a header cell: bold, centred, wrapped, bordered, grey. */
export function styleHeaderCell(cell: ExcelJS.Cell, size = BODY_SIZE): void {
  cell.font = font(size, { bold: true });
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = BORDER_ALL;
  cell.fill = HEADER_FILL;
}

/** Merges a full-width title row and styles it. */
export function titleRow(
  ws: ExcelJS.Worksheet,
  row: number,
  lastCol: number,
  text: string,
  style: { size?: number; bold?: boolean; italic?: boolean; align?: 'center' | 'left' | 'right'; widthChars?: number },
): void {
  const size = style.size ?? BODY_SIZE;
  if (lastCol > 1) ws.mergeCells(row, 1, row, lastCol);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  const fs: { bold?: boolean; italic?: boolean } = {};
  if (style.bold) fs.bold = true;
  if (style.italic) fs.italic = true;
  cell.font = font(size, fs);
  cell.alignment = { horizontal: style.align ?? 'center', vertical: 'middle', wrapText: true };
  // The row's height from the wrapped text (a fixed height cut the diacritics of long titles).
  let width = style.widthChars;
  if (width === undefined) {
    width = 0;
    for (let c = 1; c <= Math.max(1, lastCol); c++) width += ws.getColumn(c).width ?? 9;
  }
  ws.getRow(row).height = heightFor(estimateLines(text, width, size, style.bold === true), size);
}

/** Serialises a workbook to bytes without touching the disk. */
export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  // Stored by exceljs, deflated by Node's zlib: exceljs's own (JavaScript) deflate is ~3× slower.
  const buf = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as unknown as Parameters<typeof wb.xlsx.writeBuffer>[0]);
  return deflateStoredEntries(new Uint8Array(buf as ArrayBuffer));
}
