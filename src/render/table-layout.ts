/**
 * Appendix tables made to fit the page before they are rendered (Word and Excel alike):
 * columns no row uses left out, "-" where an item has no figure, and column widths from their
 * content so that no word breaks inside ("ST/T", "websi/te") and the widths fill the page.
 */
import type { AppendixTable, TableColumn, TableRow } from '../model/document.js';
import { formatCell, isNumeric } from './cells.js';
import { longestWordPt, textWidthPt, widestLinePt, wrappedLines } from './measure.js';

/** Points per millimetre. */
const PT_PER_MM = 72 / 25.4;
/** Font size of table cells and headers (points). */
export const TABLE_FONT_PT = 12;
/**
 * Room a cell needs beside its text, in mm: Word's 1.2 mm cell margins on both sides plus a
 * safety allowance for the few per cent the font metrics may be off.
 */
const CELL_PADDING_MM = 3.4;
/** Measured widths are taken a little wider: rounding in the renderers never breaks a word. */
const SAFETY = 1.04;
/** A text column is given at most this much room for its longest line before others are widened. */
const TEXT_NATURAL_CAP_MM = 95;
/** Headers may wrap onto this many lines before their column is widened for them. */
const HEADER_LINES = 3;
/** With room to spare, labels and headers are put on one line up to this width. */
const WIDE_CAP_MM = 40;
/** Labels of a centred column ("Đang thực hiện") may wrap onto this many lines. */
const LABEL_LINES = 2;

/** Landscape A4 text width of the Word appendices (297 − 20 − 15 mm). */
export const LANDSCAPE_TEXT_MM = 262;

function hasValue(v: string | number | null | undefined): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' ? v.trim() !== '' : false;
}

/** The rows whose cells decide whether a column is used: the items (or every row of a table without items). */
function bodyRows(rows: readonly TableRow[]): readonly TableRow[] {
  const items = rows.filter((r) => r.kind === 'item');
  return items.length > 0 ? items : rows;
}

/**
 * Leaves out the `optional` columns that no item row has a value in, and keeps the
 * column-number row in step: entries of dropped columns go, and numbers that name column
 * positions ("(6)=(4)x(5)") are renumbered to the remaining columns.
 */
export function dropUnusedColumns(table: AppendixTable): AppendixTable {
  const body = bodyRows(table.rows);
  const keep = table.columns.map((c) => c.optional !== true || body.some((r) => hasValue(r.cells[c.key])));
  if (keep.every(Boolean)) return table;
  const columns = table.columns.filter((_, i) => keep[i]);
  const out: AppendixTable = { ...table, columns };
  if (table.numberRow === undefined) return out;
  // Old 1-based position → new position, for the positions kept.
  const renumber = new Map<number, number>();
  let n = 0;
  keep.forEach((k, i) => {
    if (k) renumber.set(i + 1, ++n);
  });
  const positional = table.numberRow.every((entry, i) => entry === '' || new RegExp(`^\\(?${i + 1}\\)?(?:\\D|$)`).test(entry));
  const numberRow = table.numberRow
    .filter((_, i) => keep[i])
    .map((entry) => (positional ? entry.replace(/\((\d+)\)|^(\d+)(?=\D|$)/g, (m, a?: string, b?: string) => renumberToken(m, Number(a ?? b), renumber)) : entry));
  return { ...out, numberRow };
}

function renumberToken(token: string, old: number, map: ReadonlyMap<number, number>): string {
  const now = map.get(old);
  if (now === undefined) return token;
  return token.startsWith('(') ? `(${now})` : String(now);
}

/** Item rows show "-" where a figure column has no value (official-format §2: "-" = no figure). */
export function markAbsentFigures(table: AppendixTable): AppendixTable {
  const figures = table.columns.filter(isNumeric);
  if (figures.length === 0) return table;
  const rows = table.rows.map((row): TableRow => {
    if (row.kind !== 'item' || figures.every((c) => hasValue(row.cells[c.key]))) return row;
    const cells = { ...row.cells };
    for (const c of figures) if (!hasValue(cells[c.key])) cells[c.key] = '-';
    return { ...row, cells };
  });
  return { ...table, rows };
}

/**
 * What a column needs, in mm. Below `min` a word breaks; `natural` fits its figures on one line,
 * its labels in two lines and four in five lines of its text on one line (at most
 * TEXT_NATURAL_CAP_MM); `header` also keeps the header within three lines; `wide` puts every
 * label and the header on one line (at most WIDE_CAP_MM) and, for text, every line.
 */
export interface ColumnNeed {
  readonly min: number;
  readonly natural: number;
  readonly header: number;
  readonly wide: number;
}

const mmOf = (pt: number) => (pt * SAFETY) / PT_PER_MM + CELL_PADDING_MM;

/** The narrowest width (pt) at which `text` takes at most `lines` lines, never below its widest word. */
function widthForLines(text: string, lines: number, sizePt: number, bold: boolean): number {
  // Labels recur row after row (a task's name in every agency's group): searched once each.
  const key = `${lines}|${sizePt}|${bold ? 1 : 0}|${text}`;
  let found = widthsForLines.get(key);
  if (found === undefined) {
    const widest = widestLinePt(text, sizePt, bold);
    let w = longestWordPt(text, sizePt, bold);
    while (w < widest && wrappedLines(text, w, sizePt, bold) > lines) w += 2;
    found = Math.min(w, widest);
    if (widthsForLines.size >= WIDTHS_FOR_LINES_MAX) widthsForLines.clear();
    widthsForLines.set(key, found);
  }
  return found;
}

/** widthForLines by lines, size, weight and text; bounded. */
const widthsForLines = new Map<string, number>();
const WIDTHS_FOR_LINES_MAX = 20_000;

/** The value at fraction `q` of the sorted list (0 for none). */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
}

/** What the cells of some rows of a column need: widest word, widest line, and the widths each would take. */
interface CellsNeed {
  readonly word: number;
  readonly widest: number;
  readonly lines: readonly number[];
}

function cellsNeed(column: TableColumn, rows: readonly TableRow[]): CellsNeed {
  const size = TABLE_FONT_PT;
  const textual = column.format === 'text';
  let word = 0;
  const lines: number[] = [];
  let widest = 0;
  for (const row of rows) {
    const text = formatCell(row.cells[column.key] ?? null, column, row.decimals?.[column.key]);
    if (text === '') continue;
    const bold = row.kind !== 'item';
    const full = widestLinePt(text, size, bold);
    widest = Math.max(widest, full);
    if (isNumeric(column) && typeof row.cells[column.key] === 'number') {
      // A figure never wraps.
      word = Math.max(word, full);
      lines.push(full);
    } else {
      word = Math.max(word, longestWordPt(text, size, bold));
      if (textual) for (const line of text.split('\n')) lines.push(textWidthPt(line, size, bold));
      // A short label ("Có nguy cơ không đạt", "doanh nghiệp") may take two lines.
      else lines.push(widthForLines(text, LABEL_LINES, size, bold));
    }
  }
  return { word, widest, lines };
}

/**
 * Rows are taken ROW_CHUNK at a time by what a warm rebuild keeps (column needs here, the Word
 * appendix's rows in docx/table.ts): each chunk known by its JSON.
 */
export const ROW_CHUNK = 64;
const NEED_CHUNK = ROW_CHUNK;

/** The JSON of each chunk of ROW_CHUNK rows, once per rows array (the arrays are never changed). */
export function rowChunks(rows: readonly TableRow[]): readonly string[] {
  let chunks = chunksOf.get(rows);
  if (!chunks) {
    const list: string[] = [];
    for (let i = 0; i < rows.length; i += ROW_CHUNK) list.push(JSON.stringify(rows.slice(i, i + ROW_CHUNK)));
    chunksOf.set(rows, (chunks = list));
  }
  return chunks;
}

const chunksOf = new WeakMap<readonly TableRow[], readonly string[]>();
/**
 * What chunks of rows needed, by column and content: a warm rebuild (watch, the page) lays out a
 * table of thousands of rows of which a handful changed. Bounded, like the measured texts.
 */
const needCache = new Map<string, Map<string, CellsNeed>>();
const NEED_CACHE_MAX = 5_000;

/** The widths `column` needs for its header and the cells of `rows` (see ColumnNeed). */
export function columnNeed(column: TableColumn, rows: readonly TableRow[], chunkKeys?: readonly string[]): ColumnNeed {
  const size = TABLE_FONT_PT;
  const textual = column.format === 'text';
  let word = longestWordPt(column.header, size, true);
  const lines: number[] = [];
  let widest = 0;
  const columnKey = chunkKeys ? JSON.stringify([column.key, column.format, column.decimals ?? null]) : '';
  for (let i = 0, c = 0; i < rows.length; i += NEED_CHUNK, c++) {
    const part = rows.slice(i, i + NEED_CHUNK);
    // By the chunk's text first (one string, hashed once for every column), then by the column.
    const chunk = chunkKeys?.[c];
    let byColumn = chunk !== undefined ? needCache.get(chunk) : undefined;
    let need = byColumn?.get(columnKey);
    if (!need) {
      need = cellsNeed(column, part);
      if (chunk !== undefined) {
        if (!byColumn) {
          if (needCache.size >= NEED_CACHE_MAX) needCache.clear();
          needCache.set(chunk, (byColumn = new Map()));
        }
        byColumn.set(columnKey, need);
      }
    }
    word = Math.max(word, need.word);
    widest = Math.max(widest, need.widest);
    for (const w of need.lines) lines.push(w);
  }
  const min = mmOf(word);
  const natural = Math.max(min, textual ? Math.min(mmOf(quantile(lines, 0.8)), TEXT_NATURAL_CAP_MM) : mmOf(quantile(lines, 1)));
  const header = Math.max(natural, mmOf(widthForLines(column.header, HEADER_LINES, size, true)));
  const oneLine = mmOf(Math.max(widest, widestLinePt(column.header, size, true)));
  return { min, natural, header, wide: Math.max(header, textual ? mmOf(widest) : Math.min(oneLine, WIDE_CAP_MM)) };
}

/**
 * Column widths (mm) adding up to `totalMm`: every column at least as wide as its widest word;
 * then, each step sharing the room left in proportion to what the columns lack: the figure and
 * label columns get their natural width, the text columns theirs (every row is shorter), every
 * column the width that keeps its header within three lines (one row is shorter), then the
 * labels and headers on one line and the text columns their longest lines, the columns needing
 * least first; what is still left
 * goes to the text columns (or, without any, to all). When even the widest words do not fit,
 * the widths are those minimums scaled down (the renderer then breaks words; Excel shrinks the
 * printed page).
 */
export function fitColumnWidths(needs: readonly ColumnNeed[], totalMm: number, textColumns: readonly boolean[]): number[] {
  if (needs.length === 0) return [];
  const sumMin = needs.reduce((a, n) => a + n.min, 0);
  if (sumMin >= totalMm) return needs.map((n) => (n.min * totalMm) / sumMin);
  const widths = needs.map((n) => n.min);
  let room = totalMm - sumMin;
  const text = (i: number) => textColumns[i] === true;
  // Grows the columns picked by `which` toward `target`, in proportion to what they lack.
  const grow = (which: (i: number) => boolean, target: (n: ColumnNeed) => number) => {
    const lack = needs.map((n, i) => (which(i) ? Math.max(0, target(n) - (widths[i] ?? 0)) : 0));
    const total = lack.reduce((a, b) => a + b, 0);
    if (total <= 0 || room <= 0) return;
    const share = Math.min(1, room / total);
    lack.forEach((l, i) => (widths[i] = (widths[i] ?? 0) + l * share));
    room -= total * share;
  };
  // Puts the picked columns on one line, those that need least first (each one done saves lines).
  const widen = (which: (i: number) => boolean) => {
    const order = needs.map((_, i) => i).filter(which);
    order.sort((a, b) => (needs[a]?.wide ?? 0) - (widths[a] ?? 0) - ((needs[b]?.wide ?? 0) - (widths[b] ?? 0)));
    for (const i of order) {
      const add = Math.min(room, Math.max(0, (needs[i]?.wide ?? 0) - (widths[i] ?? 0)));
      widths[i] = (widths[i] ?? 0) + add;
      room -= add;
    }
  };
  grow((i) => !text(i), (n) => n.natural);
  grow(text, (n) => n.natural);
  grow(() => true, (n) => n.header);
  widen((i) => !text(i));
  widen(text);
  if (room > 1e-9) {
    const pick = textColumns.some(Boolean) ? text : () => true;
    const base = widths.reduce((a, w, i) => a + (pick(i) ? w : 0), 0);
    widths.forEach((w, i) => (widths[i] = pick(i) ? w + (room * w) / base : w));
  }
  return widths;
}

/** The table with each column's `widthMm` computed from its content to fill `totalMm`. */
export function withFittedWidths(table: AppendixTable, totalMm = LANDSCAPE_TEXT_MM): AppendixTable {
  // Large tables are measured in chunks kept by their content (the same rows recur build after build).
  const chunkKeys = table.rows.length > NEED_CHUNK ? rowChunks(table.rows) : undefined;
  const needs = table.columns.map((c) => columnNeed(c, table.rows, chunkKeys));
  const widths = fitColumnWidths(
    needs,
    totalMm,
    table.columns.map((c) => c.format === 'text'),
  );
  const columns = table.columns.map((c, i): TableColumn => ({ ...c, widthMm: Math.round((widths[i] ?? c.widthMm) * 10) / 10 }));
  return { ...table, columns };
}

/**
 * Finishes an appendix for the page: unused optional columns left out, "-" for absent figures,
 * widths from the content; its detail table the same way.
 */
export function finishTable(table: AppendixTable, totalMm = LANDSCAPE_TEXT_MM): AppendixTable {
  const done = withFittedWidths(markAbsentFigures(dropUnusedColumns(table)), totalMm);
  return table.detail ? { ...done, detail: finishTable(table.detail, totalMm) } : done;
}
