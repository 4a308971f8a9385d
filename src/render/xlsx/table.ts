/**
 * Appendix tables (phụ lục) as an Excel workbook, laid out like the plan's budget appendix:
 * label, title and subtitle rows, header rows, then group/item/total rows whose sums are live
 * formulas carrying the model's figures as cached results.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import type { AppendixTable, TableColumn, TableRow } from '../../model/document.js';
import { excelCellFormat, excelNumberFormat, isNumeric, shownNumber } from '../cells.js';
import {
  BORDER_ALL,
  cellAddress,
  columnLetter,
  estimateLines,
  font,
  freezeBelow,
  heightFor,
  setupPage,
  styleHeaderCell,
  titleRow,
} from './style.js';
import type { OutputCache } from '../outputs.js';
import { packWorkbook, placeBody, setBodyRows, type BodyCell, type BodyRow, type BodyValue, type PendingBody } from './fast-rows.js';

/**
 * Renders each table on its own landscape A4 sheet of one workbook. Body rows are written as XML
 * text (fast-rows.ts, the same bytes as exceljs's); `exceljsRows` has exceljs write them (tests).
 */
export async function renderTablesXlsx(tables: readonly AppendixTable[], opts: { readonly exceljsRows?: boolean; readonly cache?: OutputCache | undefined } = {}): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'baocao';
  // exceljs never calculates: cached results are written, and Excel recomputes on open.
  wb.calcProperties.fullCalcOnLoad = true;
  const used = new Set<string>();
  const bodies: PendingBody[] = [];
  const add = (table: AppendixTable): void => {
    const body = addTableSheet(wb, table, uniqueSheetName(table.sheetName, used), opts.exceljsRows !== true);
    if (body) bodies.push(body);
  };
  for (const table of tables) {
    add(table);
    // A long list of results continues on its own sheet, one member per row.
    if (table.detail) add(table.detail);
  }
  return packWorkbook(wb, bodies, opts.cache);
}

/** Excel width (characters of the default font) of a column given in millimetres. */
export function excelWidth(mm: number): number {
  return Math.max(3, Math.round((mm * 0.54 - 0.7) * 10) / 10);
}

/**
 * The numFmt a column shows its numbers with, for a column whose values need `decimals`
 * decimals (each cell of a "number" column gets the decimals its figure needs, as in Word):
 * thousands separators, and zero shown as "-" (the cell stays a number Excel adds up).
 */
export function numFmtOf(column: TableColumn, decimals?: number): string | undefined {
  switch (column.format) {
    case 'money':
    case 'integer':
      return excelNumberFormat(0);
    case 'number':
      return excelNumberFormat(decimals ?? 0);
    case 'decimal':
    case 'percent':
      return excelNumberFormat(column.decimals ?? 2);
    default:
      return undefined;
  }
}

function addTableSheet(wb: ExcelJS.Workbook, table: AppendixTable, name: string, fast: boolean): PendingBody | null {
  const ws = wb.addWorksheet(name);
  const cols = table.columns;
  const n = Math.max(1, cols.length);
  const widths = cols.map((c) => excelWidth(c.widthMm));
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    col.font = font(12);
  });
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  let r = 1;
  titleRow(ws, r++, n, table.label, { size: 14, bold: true, widthChars: totalWidth });
  titleRow(ws, r++, n, table.title.toLocaleUpperCase('vi'), { size: 13, bold: true, widthChars: totalWidth });
  if (table.subtitle.trim() !== '') titleRow(ws, r++, n, table.subtitle, { size: 13, italic: true, widthChars: totalWidth });
  if (table.unitLine !== undefined && table.unitLine !== '') {
    titleRow(ws, r++, n, table.unitLine, { size: 12, italic: true, align: 'right' });
  }

  // Header rows: with groups, the group spans its columns above; other headers span both rows.
  const headerFirst = r;
  const grouped = cols.some((c) => c.group !== undefined && c.group !== '');
  const headerRows = grouped ? 2 : 1;
  const headerLast = headerFirst + headerRows - 1;
  for (let row = headerFirst; row <= headerLast; row++) {
    for (let col = 1; col <= cols.length; col++) styleHeaderCell(ws.getCell(row, col));
  }
  let maxLines = 1;
  cols.forEach((c, i) => {
    const col = i + 1;
    if (grouped && c.group !== undefined && c.group !== '') {
      ws.getCell(headerLast, col).value = c.header;
      maxLines = Math.max(maxLines, estimateLines(c.header, widths[i] ?? 10, 12, true));
    } else {
      if (grouped) ws.mergeCells(headerFirst, col, headerLast, col);
      ws.getCell(headerFirst, col).value = c.header;
      maxLines = Math.max(maxLines, Math.ceil(estimateLines(c.header, widths[i] ?? 10, 12, true) / headerRows));
    }
  });
  if (grouped) {
    let i = 0;
    while (i < cols.length) {
      const g = cols[i]?.group;
      if (g === undefined || g === '') {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < cols.length && cols[j + 1]?.group === g) j++;
      if (j > i) ws.mergeCells(headerFirst, i + 1, headerFirst, j + 1);
      ws.getCell(headerFirst, i + 1).value = g;
      const span = widths.slice(i, j + 1).reduce((a, b) => a + b, 0);
      ws.getRow(headerFirst).height = Math.max(ws.getRow(headerFirst).height ?? 0, heightFor(estimateLines(g, span, 12, true)));
      i = j + 1;
    }
  }
  for (let row = headerFirst; row <= headerLast; row++) {
    ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, heightFor(maxLines));
  }
  r = headerLast + 1;

  if (table.numberRow && table.numberRow.length > 0) {
    cols.forEach((_, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = table.numberRow?.[i] ?? '';
      cell.font = font(11, { italic: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.border = BORDER_ALL;
    });
    r++;
  }

  const firstDataRow = r;
  const body = bodyRows(ws, cols, table.rows, firstDataRow);
  const texts = [table.label, table.title, table.subtitle, table.unitLine ?? '', ...cols.flatMap((c) => [c.header, c.group ?? '']), ...(table.numberRow ?? []), ...(table.notes ?? [])];
  const pending = fast ? placeBody(ws, firstDataRow, body, texts) : (setBodyRows(ws, firstDataRow, body), null);
  r = firstDataRow + table.rows.length;

  for (const note of table.notes ?? []) {
    titleRow(ws, r++, n, note, { size: 12, italic: true, align: 'left', widthChars: totalWidth });
  }

  setupPage(ws, { landscape: true, printTitlesRow: `${headerFirst}:${headerLast}` });
  // Page numbers centred in the top margin, hidden on the first page (official-format §1.1).
  ws.headerFooter = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman,Regular"&13&P' };
  freezeBelow(ws, headerLast);
  return pending;
}

/** Rows that a group or total row sums, by row index in the table. */
function sumMembers(rows: readonly TableRow[]): { groupItems: Map<number, number[]>; totalParts: number[] } {
  const groupItems = new Map<number, number[]>();
  const totalParts: number[] = [];
  let owner: number | null = null;
  rows.forEach((row, i) => {
    if (row.kind === 'group') {
      owner = i;
      groupItems.set(i, []);
      totalParts.push(i);
    } else if (row.kind === 'total') {
      owner = null;
    } else if (owner !== null) {
      groupItems.get(owner)?.push(i);
    } else {
      // An item outside any group counts directly in the total.
      totalParts.push(i);
    }
  });
  return { groupItems, totalParts };
}

/** The body rows of a table: heights, values (sums as live formulas with their results) and styles. */
function bodyRows(ws: ExcelJS.Worksheet, cols: readonly TableColumn[], rows: readonly TableRow[], first: number): BodyRow[] {
  const { groupItems, totalParts } = sumMembers(rows);
  const excelRow = (i: number) => first + i;
  const keyCol = new Map(cols.map((c, i) => [c.key, i + 1] as const));
  // One style object per column, weight and number format, shared by its cells: exceljs then
  // registers each style once (it remembers style objects it has seen) instead of once per cell.
  // By column, weight, then number format (no key text built per cell: a large appendix has 40.000 cells).
  const styles = cols.map(() => [new Map<string, Partial<ExcelJS.Style>>(), new Map<string, Partial<ExcelJS.Style>>()] as const);
  const styleOf = (k: number, bold: boolean, fmt: string | undefined): Partial<ExcelJS.Style> => {
    const byFormat = styles[k]?.[bold ? 1 : 0];
    let st = byFormat?.get(fmt ?? '');
    if (!st) {
      st = bodyStyle(cols[k] as TableColumn, bold, fmt);
      byFormat?.set(fmt ?? '', st);
    }
    return st;
  };
  const letters = cols.map((_, k) => columnLetter(k + 1));

  const widths = cols.map((_, k) => ws.getColumn(k + 1).width ?? 10);
  const body = rows.map((row, i): BodyRow => {
    const bold = row.kind === 'group' || row.kind === 'total';
    // LibreOffice does not grow rows for wrapped text on load: give each row its height.
    let lines = 1;
    cols.forEach((col, k) => {
      const v = row.cells[col.key];
      if (typeof v === 'string') lines = Math.max(lines, estimateLines(v, widths[k] ?? 10, 12, bold));
    });
    const cells = cols.map((col, k): BodyCell => {
      const given = row.cells[col.key] ?? null;
      const value = cellValue(col, row, given, i);
      const n = typeof value === 'number' ? value : value !== null && typeof value === 'object' ? value.result : null;
      const fixed = row.decimals?.[col.key];
      return { value, style: styleOf(k, bold, n !== null ? (excelCellFormat(n, col, fixed) ?? numFmtOf(col)) : numFmtOf(col, fixed)) };
    });
    return { height: heightFor(lines), cells };
  });
  return body;

  function cellValue(col: TableColumn, row: TableRow, given: string | number | null, i: number): BodyValue {
    if (typeof given === 'string') return given;
    // Cached values hold the figure as shown (22006.1, never 22006.100000000002).
    const shown = (v: number) => (isNumeric(col) ? shownNumber(v, col, row.decimals?.[col.key]) : v);
    if (col.sum) {
      const L = letters[cols.indexOf(col)] ?? '';
      const members = row.kind === 'group' ? groupItems.get(i) ?? [] : row.kind === 'total' ? totalParts : [];
      if (members.length > 0) {
        const result = given ?? members.reduce((s, m) => s + numberIn(rows[m], col.key), 0);
        return { formula: sumFormula(L, members.map(excelRow)), result: shown(result) };
      }
    }
    if (row.kind === 'item' && col.itemFormula !== undefined && typeof given === 'number') {
      const formula = itemFormula(col.itemFormula, row, excelRow(i));
      if (formula !== null) return { formula, result: shown(given) };
    }
    return typeof given === 'number' ? shown(given) : given;
  }

  /** "{quantity}*{rate}" → "D7*E7" when every referenced cell of the row holds a number. */
  function itemFormula(template: string, row: TableRow, r: number): string | null {
    let ok = true;
    const formula = template.replace(/\{([^}]+)\}/g, (_, key: string) => {
      const col = keyCol.get(key);
      if (col === undefined || typeof row.cells[key] !== 'number') {
        ok = false;
        return '0';
      }
      return cellAddress(r, col);
    });
    return ok ? formula : null;
  }
}

/** The complete style of a body cell of `col` (never mutated after: cells share it). */
function bodyStyle(col: TableColumn, bold: boolean, fmt: string | undefined): Partial<ExcelJS.Style> {
  const numeric = isNumeric(col);
  return {
    font: font(12, bold ? { bold: true } : {}),
    border: BORDER_ALL,
    ...(fmt !== undefined ? { numFmt: fmt } : {}),
    alignment: { vertical: 'middle', horizontal: numeric ? 'right' : col.format === 'center' ? 'center' : 'left', wrapText: !numeric },
  };
}

function numberIn(row: TableRow | undefined, key: string): number {
  const v = row?.cells[key];
  return typeof v === 'number' ? v : 0;
}

/** SUM over the given rows of one column: contiguous rows become ranges, at most 255 arguments per SUM. */
export function sumFormula(letter: string, rows: readonly number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const args: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const cur = sorted[i];
    if (cur !== undefined && prev !== undefined && cur === prev + 1) {
      prev = cur;
      continue;
    }
    if (start !== undefined && prev !== undefined) {
      args.push(start === prev ? `${letter}${start}` : `${letter}${start}:${letter}${prev}`);
    }
    start = cur;
    prev = cur;
  }
  const chunks: string[] = [];
  for (let i = 0; i < args.length; i += 255) chunks.push(`SUM(${args.slice(i, i + 255).join(',')})`);
  return chunks.join('+');
}

/** A valid, unique Excel sheet name: no []:*?/\ , at most 31 characters. */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Bảng').slice(0, 31);
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}
