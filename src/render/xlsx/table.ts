/**
 * Appendix tables (phụ lục) as an Excel workbook, laid out by an Excel layout staff edit
 * (templates/phu-luc-<kind>.xlsx, read by ./layout.ts): the layout's title and header rows with
 * the tables' texts, its widths, page setup, header/footer and frozen panes; then group/item/total
 * rows styled like the layout's model rows, whose sums are live formulas carrying the model's
 * figures as cached results; then the layout's note rows.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import type { AppendixTable, RowKind, TableColumn, TableRow } from '../../model/document.js';
import type { LayoutFile } from '../../model/templates.js';
import { excelCellFormat, excelNumberFormat, isNumeric, shownNumber } from '../cells.js';
import { TemplateError } from '../template-error.js';
import { formatLayoutProblem, readLayout, type LayoutCell, type LayoutMerge, type LayoutRow, type LayoutSheet } from './layout.js';
import { BORDER_ALL, cellAddress, columnLetter, estimateLines, font, heightFor } from './style.js';
import type { OutputCache } from '../outputs.js';
import { packWorkbook, placeBody, type BodyCell, type BodyRow, type BodyValue, type PendingBody } from './fast-rows.js';

/**
 * Renders each table (and its detail table) on its own sheet of one workbook, laid out by the
 * layout: a pure function of the tables and the layout's bytes. A layout with problems is a
 * TemplateError listing them all (builds check layouts before, see render/round.ts).
 */
export async function renderTablesXlsx(
  tables: readonly AppendixTable[],
  layoutFile: LayoutFile,
  /** `exceljsRows`: exceljs writes the body rows (tests); `cache`: a warm engine's pieces of this output. */
  opts: { readonly exceljsRows?: boolean; readonly cache?: OutputCache | undefined } = {},
): Promise<Uint8Array> {
  const { layout, problems } = await readLayout(layoutFile);
  if (!layout) {
    throw new TemplateError([`Mẫu phụ lục "${layoutFile.name}" có ${problems.length} lỗi, chưa lập phụ lục:`, ...problems.map((p) => `  - ${formatLayoutProblem(p)}`)].join('\n'), layoutFile.name);
  }
  const wb = await newWorkbook();
  wb.creator = 'baocao';
  // exceljs never calculates: cached results are written, and Excel recomputes on open.
  wb.calcProperties.fullCalcOnLoad = true;
  const used = new Set<string>();
  const sheetFor = (t: AppendixTable, fallback: number): LayoutSheet => layout.sheets[t.layoutSheet ?? fallback] ?? (layout.sheets[0] as LayoutSheet);
  const bodies: PendingBody[] = [];
  const add = (table: AppendixTable, sheet: LayoutSheet): void => {
    const body = addTableSheet(wb, table, sheet, uniqueSheetName(table.sheetName, used), opts.exceljsRows !== true);
    if (body) bodies.push(body);
  };
  for (const table of tables) {
    add(table, sheetFor(table, 0));
    // A long list of results continues on its own sheet, one member per row.
    if (table.detail) add(table.detail, sheetFor(table.detail, 1));
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

/** Font size of a style (Excel's default 11 when none is set). */
const sizeOf = (style: Partial<ExcelJS.Style> | undefined): number => style?.font?.size ?? 11;
const boldOf = (style: Partial<ExcelJS.Style> | undefined): boolean => style?.font?.bold === true;

/** A style to give a cell: a copy, so that cells never share a layout object exceljs may change. */
const copyStyle = (style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> => JSON.parse(JSON.stringify(style)) as Partial<ExcelJS.Style>;

/**
 * The texts of the layout's title and note rows for a table: its own (filled by render/tables.ts),
 * or, for a table made without them, its label, title, subtitle, unit line and notes in the
 * layout's title rows by their order (label, title, subtitle, unit line) and notes in its note rows.
 */
function textsOf(table: AppendixTable, sheet: LayoutSheet): { heading: readonly string[]; notes: readonly string[] } {
  if (table.layoutTexts) return table.layoutTexts;
  const heading = sheet.texts.heading.map(() => '');
  const filled = sheet.texts.heading.map((t, i) => (t.trim() !== '' ? i : -1)).filter((i) => i >= 0);
  const unit = sheet.texts.unitRow;
  const roles = [table.label, table.title.toLocaleUpperCase('vi'), table.subtitle];
  let k = 0;
  for (const i of filled) {
    if (i === unit) heading[i] = table.unitLine ?? '';
    else heading[i] = roles[k++] ?? '';
  }
  const notes = sheet.texts.notes.map(() => '');
  let n = 0;
  sheet.texts.notes.forEach((t, i) => {
    if (t.trim() !== '') notes[i] = table.notes?.[n++] ?? '';
  });
  return { heading, notes };
}

/** Lays out one table on a new sheet; its body rows are returned to splice in (fast-rows.ts) or written by exceljs. */
function addTableSheet(wb: ExcelJS.Workbook, table: AppendixTable, sheet: LayoutSheet, name: string, fast: boolean): PendingBody | null {
  const ws = wb.addWorksheet(name, sheet.tabColor ? { properties: { tabColor: sheet.tabColor } } : undefined);
  const cols = table.columns;
  const texts = textsOf(table, sheet);

  // Columns: each layout column gives its table column's instances (none when left out, one per
  // year or indicator when repeated); columns left of the table are copied as they are.
  const outCols = new Map<number, number[]>();
  const columnAt = new Map<number, TableColumn>();
  const outOfColumn: number[] = [];
  let oc = 0;
  for (const lc of sheet.columns) {
    const list: number[] = [];
    if (lc.name === null) list.push(++oc);
    else {
      cols.forEach((c, i) => {
        if ((c.layoutName ?? c.key) !== lc.name) return;
        list.push(++oc);
        columnAt.set(oc, c);
        outOfColumn[i] = oc;
      });
    }
    outCols.set(lc.col, list);
  }
  const lastOut = oc;
  const itemModel = sheet.models.item ?? sheet.models.group ?? sheet.models.total;
  for (const lc of sheet.columns) {
    const modelFont = itemModel?.cells.find((c) => c.col === lc.col)?.style.font;
    for (const o of outCols.get(lc.col) ?? []) {
      const col = ws.getColumn(o);
      const table = columnAt.get(o);
      const width = lc.width ?? (table ? excelWidth(table.widthMm) : null);
      if (width !== null) col.width = width;
      // The column's own style, or (a table column without one) the font of the item row, not bold.
      if (lc.style) {
        const st = copyStyle(lc.style);
        if (st.font) col.font = st.font;
        if (st.numFmt !== undefined) col.numFmt = st.numFmt;
        if (st.alignment) col.alignment = st.alignment;
        if (st.border) col.border = st.border;
        if (st.fill) col.fill = st.fill;
      } else if (table && modelFont) {
        const f = { ...modelFont };
        delete (f as { bold?: boolean }).bold;
        col.font = f;
      }
    }
  }
  const widthOf = (o: number) => ws.getColumn(o).width ?? 9;
  /** Output columns first…last of layout columns left…right (none when all were left out). */
  const span = (left: number, right: number): [number, number] | null => {
    let first: number | null = null;
    let last: number | null = null;
    for (let c = left; c <= right; c++) {
      for (const o of outCols.get(c) ?? []) {
        first ??= o;
        last = o;
      }
    }
    return first !== null && last !== null ? [first, last] : null;
  };
  // A header cell above a repeated column's own header (a group) spans all the columns made from it.
  const lowestHeader = sheet.headerRows[sheet.headerRows.length - 1]?.row ?? 0;
  const inMerge = (r: number, c: number) => (m: LayoutMerge) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right;
  const merges: LayoutMerge[] = [...sheet.merges];
  for (const row of sheet.headerRows) {
    if (row.row === lowestHeader) continue;
    for (const lc of sheet.columns) {
      if ((outCols.get(lc.col)?.length ?? 0) > 1 && !sheet.merges.some(inMerge(row.row, lc.col))) merges.push({ top: row.row, bottom: row.row, left: lc.col, right: lc.col });
    }
  }
  const mergeOf = (r: number, c: number) => merges.find(inMerge(r, c));

  // Rows: title rows (a row whose text comes out empty is left out), header rows, data, notes.
  const rowMap = new Map<number, number>();
  let out = 0;
  sheet.titleRows.forEach((row, i) => {
    if ((sheet.texts.heading[i] ?? '').trim() !== '' && (texts.heading[i] ?? '').trim() === '') return;
    rowMap.set(row.row, ++out);
  });
  for (const row of sheet.headerRows) rowMap.set(row.row, ++out);
  const headerFirst = sheet.headerRows[0] ? (rowMap.get(sheet.headerRows[0].row) ?? 1) : out + 1;
  const headerLast = out;
  const numberRow = table.numberRow && table.numberRow.length > 0 ? ++out : null;
  const firstDataRow = out + 1;
  out += table.rows.length;
  sheet.noteRows.forEach((row, i) => {
    if ((sheet.texts.notes[i] ?? '').trim() !== '' && (texts.notes[i] ?? '').trim() === '') return;
    rowMap.set(row.row, ++out);
  });

  // Merges of the kept rows, over the kept columns.
  for (const m of merges) {
    const top = rowMap.get(m.top);
    if (top === undefined) continue;
    let bottom = top;
    for (let r = m.top; r <= m.bottom; r++) bottom = rowMap.get(r) ?? bottom;
    const cs = span(m.left, m.right);
    if (!cs || (cs[0] === cs[1] && top === bottom)) continue;
    ws.mergeCells(top, cs[0], bottom, cs[1]);
  }

  /** Writes a layout row's cells at output row `r`: styles everywhere, `valueAt` in its masters. */
  const copyRow = (row: LayoutRow, r: number, valueAt: (cell: LayoutCell, instance: number, o: number) => ExcelJS.CellValue) => {
    for (const cell of row.cells) {
      const list = outCols.get(cell.col) ?? [];
      const merged = mergeOf(row.row, cell.col);
      list.forEach((o, instance) => {
        const target = ws.getCell(r, o);
        target.style = copyStyle(cell.style);
        const isMaster = !merged || (merged.top === row.row && merged.left === cell.col && instance === 0);
        if (isMaster && !cell.merged) {
          const v = valueAt(cell, instance, o);
          if (v !== null && v !== undefined && v !== '') target.value = v;
        }
      });
    }
  };
  /** The value of a text cell: the layout's own value when the text is unchanged (rich text, numbers), else the text. */
  const textValue = (cell: LayoutCell, text: string): ExcelJS.CellValue => (text === cell.text ? cell.value : text);
  /** Height of a row holding `text` in a cell spanning output columns, by the cell's font. */
  const linesIn = (text: string, cell: LayoutCell, rowNo: number, o: number): number => {
    const m = mergeOf(rowNo, cell.col);
    const cs: [number, number] | null = m ? span(m.left, m.right) : [o, o];
    let width = 0;
    if (cs) for (let k = cs[0]; k <= cs[1]; k++) width += widthOf(k);
    return estimateLines(text, width, sizeOf(cell.style), boldOf(cell.style));
  };

  // Title rows and note rows: one text each.
  const oneText = (row: LayoutRow, text: string) => {
    const r = rowMap.get(row.row);
    if (r === undefined) return;
    const first = row.cells.find((c) => c.text.trim() !== '');
    copyRow(row, r, (cell) => (cell === first ? textValue(cell, text) : cell.value));
    if (row.height !== null) ws.getRow(r).height = row.height;
    else if (first && text.trim() !== '') {
      const o = outCols.get(first.col)?.[0];
      if (o !== undefined) ws.getRow(r).height = heightFor(linesIn(text, first, row.row, o), sizeOf(first.style));
    }
  };
  sheet.titleRows.forEach((row, i) => oneText(row, texts.heading[i] ?? ''));

  // Header rows: each column's header in the lowest header cell above it, its group above.
  const lowest = sheet.headerRows[sheet.headerRows.length - 1]?.row ?? 0;
  let headerHeight = 0;
  for (const row of sheet.headerRows) {
    const r = rowMap.get(row.row) ?? 0;
    copyRow(row, r, (cell, instance, o) => {
      const lc = sheet.columns[cell.col - 1];
      if (!lc || lc.name === null) return cell.value;
      const m = mergeOf(row.row, cell.col);
      const bottom = (m?.bottom ?? row.row) === lowest;
      const first = (m ? span(m.left, m.right) : null)?.[0] ?? o;
      const column = columnAt.get(m ? first : o) ?? columnAt.get(o);
      const text = bottom ? column?.header : column?.group;
      if (text === undefined) return cell.value;
      const rows = m ? m.bottom - m.top + 1 : 1;
      if (text.trim() !== '') headerHeight = Math.max(headerHeight, heightFor(Math.ceil(linesIn(text, cell, row.row, m ? first : o) / rows), sizeOf(cell.style)));
      void instance;
      return textValue(cell, text);
    });
  }
  for (const row of sheet.headerRows) {
    const r = rowMap.get(row.row) ?? 0;
    if (row.height !== null) ws.getRow(r).height = row.height;
    else if (headerHeight > 0) ws.getRow(r).height = headerHeight;
  }

  if (numberRow !== null) {
    cols.forEach((_, i) => {
      const cell = ws.getCell(numberRow, outOfColumn[i] ?? i + 1);
      cell.value = table.numberRow?.[i] ?? '';
      cell.font = font(11, { italic: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.border = BORDER_ALL;
    });
  }

  const body = bodyRows(ws, cols, table.rows, firstDataRow, sheet, outOfColumn, outCols, lastOut);
  sheet.noteRows.forEach((row, i) => oneText(row, texts.notes[i] ?? ''));
  const pending = placeBody(ws, firstDataRow, body, { exceljsRows: !fast });

  // Page setup, header/footer and panes are the layout's; the header rows repeat on every page.
  const ps = copyStyle(sheet.pageSetup as never) as Partial<ExcelJS.PageSetup>;
  Object.assign(ws.pageSetup, ps);
  if (sheet.headerRows.length > 0) ws.pageSetup.printTitlesRow = `${headerFirst}:${headerLast}`;
  if (Object.keys(sheet.headerFooter).length > 0) ws.headerFooter = copyStyle(sheet.headerFooter as never) as ExcelJS.HeaderFooter;
  ws.views = sheet.views.map((v) => paneOf(v, rowMap, outCols, lastOut));
  return pending;
}

/** A layout's view with its frozen rows and columns counted in the appendix's rows and columns. */
function paneOf(view: Partial<ExcelJS.WorksheetView>, rowMap: ReadonlyMap<number, number>, outCols: ReadonlyMap<number, readonly number[]>, lastOut: number): Partial<ExcelJS.WorksheetView> {
  const v = { ...view } as Partial<ExcelJS.WorksheetView> & { ySplit?: number; xSplit?: number; topLeftCell?: string };
  if (v.state !== 'frozen' && v.state !== 'split') return v;
  let y = 0;
  for (const [lr, or] of rowMap) if (lr <= (v.ySplit ?? 0)) y = Math.max(y, or);
  let x = 0;
  for (const [lc, list] of outCols) if (lc <= (v.xSplit ?? 0)) x = Math.max(x, ...list);
  v.ySplit = y;
  v.xSplit = Math.min(x, lastOut);
  v.topLeftCell = cellAddress(y + 1, x + 1);
  return v;
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

/** The body rows of a table: heights, values (sums as live formulas with their results) and the model rows' styles. */
function bodyRows(
  ws: ExcelJS.Worksheet,
  cols: readonly TableColumn[],
  rows: readonly TableRow[],
  first: number,
  sheet: LayoutSheet,
  outOfColumn: readonly number[],
  outCols: ReadonlyMap<number, readonly number[]>,
  lastOut: number,
): BodyRow[] {
  const { groupItems, totalParts } = sumMembers(rows);
  const excelRow = (i: number) => first + i;
  const colOf = (k: number) => outOfColumn[k] ?? k + 1;
  const keyCol = new Map(cols.map((c, k) => [c.key, colOf(k)] as const));
  const layoutCol = new Map(sheet.columns.filter((c) => c.name !== null).map((c) => [c.name, c.col] as const));
  const model = (kind: RowKind): LayoutRow | undefined => sheet.models[kind] ?? sheet.models.item;
  const modelCell = (kind: RowKind, col: number | undefined): LayoutCell | undefined => (col === undefined ? undefined : model(kind)?.cells.find((c) => c.col === col));
  const rowSizes = new Map<RowKind, number>();
  const rowSize = (kind: RowKind): number => {
    let size = rowSizes.get(kind);
    if (size === undefined) rowSizes.set(kind, (size = Math.max(0, ...(model(kind)?.cells ?? []).map((c) => sizeOf(c.style))) || 12));
    return size;
  };
  // One style object per column, kind of row and number format, shared by its cells: exceljs then
  // registers each style once (it remembers style objects it has seen) instead of once per cell.
  // By column, then kind of row, then number format ('' for none): no key is built per cell.
  const styles = cols.map(() => new Map<RowKind, Map<string, Partial<ExcelJS.Style>>>());
  const styleOf = (k: number, kind: RowKind, fmt: string | undefined): Partial<ExcelJS.Style> => {
    const byKind = styles[k] as Map<RowKind, Map<string, Partial<ExcelJS.Style>>>;
    let byFmt = byKind.get(kind);
    if (!byFmt) byKind.set(kind, (byFmt = new Map()));
    let st = byFmt.get(fmt ?? '');
    if (!st) {
      const base = modelCell(kind, layoutCol.get(cols[k]?.layoutName ?? cols[k]?.key ?? ''))?.style ?? {};
      st = copyStyle(base);
      // The layout's number format when it sets one; General: baocao's, with the decimals each figure needs.
      if (st.numFmt === undefined || st.numFmt === 'General') {
        delete st.numFmt;
        if (fmt !== undefined) st.numFmt = fmt;
      }
      byFmt.set(fmt ?? '', st);
    }
    return st;
  };
  // Columns left of the table: styled like their model cells, without values; a column with no cell: none.
  const NONE: Partial<ExcelJS.Style> = {};
  const EMPTY: BodyCell = { value: null, style: NONE };
  const outsideStyles = new Map<string, Partial<ExcelJS.Style>>();
  const outside = sheet.columns.filter((c) => c.name === null);
  const outsideStyle = (kind: RowKind, col: number): Partial<ExcelJS.Style> => {
    const key = `${kind}|${col}`;
    let st = outsideStyles.get(key);
    if (!st) {
      const m = modelCell(kind, col)?.style;
      st = m ? copyStyle(m) : NONE;
      outsideStyles.set(key, st);
    }
    return st;
  };
  const width = Math.max(lastOut, ...cols.map((_, k) => colOf(k)));
  const widths = Array.from({ length: width + 1 }, (_, o) => (o === 0 ? 0 : (ws.getColumn(o).width ?? 10)));
  const lineStyle = cols.map((col) => new Map<RowKind, Partial<ExcelJS.Style> | undefined>());

  const body = rows.map((row, i): BodyRow => {
    // LibreOffice does not grow rows for wrapped text on load: give each row its height.
    let lines = 1;
    cols.forEach((col, k) => {
      const v = row.cells[col.key];
      if (typeof v !== 'string' || v === '') return;
      const byKind = lineStyle[k];
      if (byKind && !byKind.has(row.kind)) byKind.set(row.kind, modelCell(row.kind, layoutCol.get(col.layoutName ?? col.key))?.style);
      const st = byKind?.get(row.kind);
      lines = Math.max(lines, estimateLines(v, widths[colOf(k)] ?? 10, st ? sizeOf(st) : 12, st ? boldOf(st) : row.kind !== 'item'));
    });
    // Cells are read only: the empty ones share one object.
    const cells: BodyCell[] = new Array<BodyCell>(width).fill(EMPTY);
    for (const lc of outside) for (const o of outCols.get(lc.col) ?? []) cells[o - 1] = { value: null, style: outsideStyle(row.kind, lc.col) };
    cols.forEach((col, k) => {
      const given = row.cells[col.key] ?? null;
      const value = cellValue(col, row, given, i, k);
      const n = typeof value === 'number' ? value : value !== null && typeof value === 'object' ? value.result : null;
      const fixed = row.decimals?.[col.key];
      cells[colOf(k) - 1] = { value, style: styleOf(k, row.kind, n !== null ? (excelCellFormat(n, col, fixed) ?? numFmtOf(col)) : numFmtOf(col, fixed)) };
    });
    return { height: heightFor(lines, rowSize(row.kind)), cells };
  });
  return body;

  /** Rows a total sums for `key`: its groups, or the items of a group that does not show the column. */
  function totalMembers(key: string): number[] {
    return totalParts.flatMap((p) => (rows[p]?.kind === 'group' && typeof rows[p]?.cells[key] === 'string' ? (groupItems.get(p) ?? []) : [p]));
  }

  function cellValue(col: TableColumn, row: TableRow, given: string | number | null, i: number, k: number): BodyValue {
    if (typeof given === 'string') return given;
    // Cached values hold the figure as shown (22006.1, never 22006.100000000002).
    const shown = (v: number) => (isNumeric(col) ? shownNumber(v, col, row.decimals?.[col.key]) : v);
    if (col.sum) {
      const members = row.kind === 'group' ? (groupItems.get(i) ?? []) : row.kind === 'total' ? totalMembers(col.key) : [];
      if (members.length > 0) {
        const result = given ?? members.reduce((s, m) => s + numberIn(rows[m], col.key), 0);
        return { formula: sumFormula(columnLetter(colOf(k)), members.map(excelRow)), result: shown(result) };
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
