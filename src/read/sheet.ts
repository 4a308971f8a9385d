/**
 * Turns one exceljs worksheet into a plain SourceSheet: values only, text decoded to Unicode,
 * merged ranges resolved to their master's value. Walks only the cells exceljs actually holds.
 */

import type ExcelJS from 'exceljs';
import { finding, type Finding } from '../findings.js';
import { address, type CellKind, type SourceCell, type SourceSheet } from '../model/source.js';
import { fixLegacyText, formatNumber, normalizeText, type LegacyEncoding } from '../vn/index.js';
import { MAX_CELL_TEXT, MAX_FORMULA_TEXT, codePointLabel, cutText, safeText, stripInvalidXmlChars } from './text-limits.js';

/** At most this many legacy-encoding warnings per sheet, then one summary: a whole TCVN3 file would drown the report. */
const LEGACY_WARNINGS_PER_SHEET = 20;
/** The same limit for the warnings about removed characters and cut texts. */
const TEXT_WARNINGS_PER_SHEET = 20;

/** Per-sheet state shared by the exceljs converter and the fast reader (src/read/fast-xlsx/). */
export interface SheetContext {
  readonly file: string;
  readonly sheet: string;
  readonly findings: Finding[];
  legacyCount: number;
  /** Cells that had characters XML does not allow removed. */
  invalidCharCount: number;
  /** Cells whose text was cut to MAX_CELL_TEXT. */
  tooLongCount: number;
}

/** A fresh SheetContext for one sheet. */
export function sheetContext(file: string, sheet: string, findings: Finding[]): SheetContext {
  return { file, sheet, findings, legacyCount: 0, invalidCharCount: 0, tooLongCount: 0 };
}

/** Converts a worksheet; legacy-encoding warnings are appended to `findings`. */
export function convertWorksheet(ws: ExcelJS.Worksheet, file: string, findings: Finding[]): SourceSheet {
  // NFC so the name compares equal to text typed elsewhere; the user sees no difference.
  const name = ws.name.normalize('NFC');
  const ctx = sheetContext(file, name, findings);
  const rows: (SourceCell | null)[][] = [];
  const hiddenRowsAll: number[] = [];
  const lastRow = ws.rowCount;
  let lastNonEmptyRow = 0;
  let columnCount = 0;

  for (let r = 1; r <= lastRow; r++) {
    const row = ws.findRow(r);
    const out: (SourceCell | null)[] = [];
    if (row) {
      if (row.hidden) hiddenRowsAll.push(r);
      row.eachCell((cell, c) => {
        const converted = convertCell(cell, r, c, rows, out, ctx);
        if (converted === null) return;
        while (out.length < c - 1) out.push(null);
        out[c - 1] = converted;
      });
    }
    // eachCell may have visited empty-valued cells last.
    const width = pushRow(rows, out);
    if (width > 0) {
      lastNonEmptyRow = r;
      if (width > columnCount) columnCount = width;
    }
  }
  finishTextWarnings(ctx);
  const columns = ws.columns as ExcelJS.Column[] | null | undefined;
  const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
  return finishSheet(name, hidden, rows, lastNonEmptyRow, columnCount, hiddenRowsAll, (c) => Boolean(columns?.[c - 1]?.hidden));
}

/** Adds a converted row to `rows` without its trailing empty cells; returns its width. */
export function pushRow(rows: (SourceCell | null)[][], out: (SourceCell | null)[]): number {
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  rows.push(out);
  return out.length;
}

/** The sheet as both readers give it: rows cut after the last non-empty one, hidden rows and columns within the used range. */
export function finishSheet(
  name: string,
  hidden: boolean,
  rows: (SourceCell | null)[][],
  lastNonEmptyRow: number,
  columnCount: number,
  hiddenRowsAll: readonly number[],
  columnHidden: (col: number) => boolean,
): SourceSheet {
  rows.length = lastNonEmptyRow;
  // Files often declare formatting for all 16384 columns; only the used ones matter.
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= columnCount; c++) if (columnHidden(c)) hiddenColumns.push(c);
  return {
    name,
    hidden,
    rowCount: lastNonEmptyRow,
    columnCount,
    rows,
    hiddenRows: hiddenRowsAll.filter((r) => r <= lastNonEmptyRow),
    hiddenColumns,
  };
}

/** Appends the summaries of the per-cell text warnings beyond the per-sheet limits, if any. */
export function finishTextWarnings(ctx: SheetContext): void {
  if (ctx.invalidCharCount > TEXT_WARNINGS_PER_SHEET) {
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        code: 'text_invalid_char',
        message: `Sheet "${ctx.sheet}" còn ${ctx.invalidCharCount - TEXT_WARNINGS_PER_SHEET} ô khác cũng chứa ký tự điều khiển hoặc ký tự lỗi; baocao đã bỏ các ký tự này.`,
      }),
    );
  }
  if (ctx.tooLongCount > TEXT_WARNINGS_PER_SHEET) {
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        code: 'text_too_long',
        message: `Sheet "${ctx.sheet}" còn ${ctx.tooLongCount - TEXT_WARNINGS_PER_SHEET} ô khác cũng dài quá ${formatNumber(MAX_CELL_TEXT)} ký tự; baocao chỉ dùng ${formatNumber(MAX_CELL_TEXT)} ký tự đầu của mỗi ô.`,
      }),
    );
  }
  if (ctx.legacyCount > LEGACY_WARNINGS_PER_SHEET) {
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        code: 'text_legacy_encoding',
        message: `Sheet "${ctx.sheet}" còn ${ctx.legacyCount - LEGACY_WARNINGS_PER_SHEET} ô khác cũng được gõ bằng bảng mã cũ (TCVN3/VNI) và đã được chuyển sang Unicode.`,
      }),
    );
  }
}

function convertCell(
  cell: ExcelJS.Cell,
  r: number,
  c: number,
  done: readonly (readonly (SourceCell | null)[])[],
  current: readonly (SourceCell | null)[],
  ctx: SheetContext,
): SourceCell | null {
  if (cell.isMerged) {
    const master = cell.master;
    if (master !== cell) {
      // Master is the top-left cell, so it has already been converted (same row or an earlier one).
      const mr = Number(master.row);
      const mc = Number(master.col);
      const m = mr === r ? current[mc - 1] : done[mr - 1]?.[mc - 1];
      if (!m) return null;
      return { ...m, mergedFrom: address(mr, mc) };
    }
    const own = convertValue(cell.value, cell, r, c, ctx);
    return own ? { ...own, mergedFrom: address(r, c) } : null;
  }
  return convertValue(cell.value, cell, r, c, ctx);
}

function convertValue(v: unknown, cell: ExcelJS.Cell, r: number, c: number, ctx: SheetContext): SourceCell | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return numberCell(v, isPercentFormat(cell.numFmt));
    case 'string':
      return textCell(v, cell.font?.name, r, c, ctx);
    case 'boolean':
      return { value: v, kind: 'boolean' };
    case 'object':
      break;
    default:
      return null;
  }
  if (v instanceof Date) return dateCell(v);
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    const given = typeof o['formula'] === 'string' ? o['formula'] : cell.formula;
    const formula = typeof given === 'string' ? formulaText(given) : given;
    // exceljs drops a cached result of 0 from cell.value on reading, but cell.result keeps it.
    const result = o['result'] ?? (cell as unknown as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return { value: null, kind: 'empty', formula: formula ?? '', missingResult: true };
    }
    const base = convertValue(result, cell, r, c, ctx);
    // A formula whose cached result is "" still is a cell worth keeping: it holds a formula.
    return base ? { ...base, formula: formula ?? '' } : { value: '', kind: 'text', formula: formula ?? '' };
  }
  if (Array.isArray(o['richText'])) {
    return richTextCell(o['richText'] as readonly ExcelJS.RichText[], cell, r, c, ctx);
  }
  if ('error' in o) return errorCell(String(o['error']));
  if ('hyperlink' in o || 'text' in o) {
    const t = o['text'];
    if (typeof t === 'string') return textCell(t, cell.font?.name, r, c, ctx);
    if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
      return richTextCell((t as { richText: ExcelJS.RichText[] }).richText, cell, r, c, ctx);
    }
    return typeof o['hyperlink'] === 'string' ? textCell(o['hyperlink'], cell.font?.name, r, c, ctx) : null;
  }
  return null;
}

function richTextCell(runs: readonly ExcelJS.RichText[], cell: ExcelJS.Cell, r: number, c: number, ctx: SheetContext): SourceCell | null {
  let text = '';
  for (const run of runs) text += run.text ?? '';
  return textCell(text, runs[0]?.font?.name ?? cell.font?.name, r, c, ctx);
}

/**
 * Cleaned text of a raw cell string in a font: legacy decoding then normalizeText. Pure, and the
 * same labels, task names and agency names come back in every workbook of a round: remembered.
 */
function cleanText(raw: string, fontName: string | undefined): { readonly text: string; readonly encoding: LegacyEncoding | null } {
  if (raw.length > CLEAN_CACHE_MAX_LENGTH) {
    const fixed = fixLegacyText(raw, fontName);
    return { text: normalizeText(fixed.text), encoding: fixed.encoding };
  }
  let byText = cleanCache.get(fontName);
  if (byText === undefined) cleanCache.set(fontName, (byText = new Map()));
  let hit = byText.get(raw);
  if (hit === undefined) {
    const fixed = fixLegacyText(raw, fontName);
    hit = { text: normalizeText(fixed.text), encoding: fixed.encoding };
    // Bounded in all (a long `watch` session reads many rounds): start again when full.
    if (++cleanCacheEntries > CLEAN_CACHE_SIZE) {
      cleanCache.clear();
      cleanCache.set(fontName, (byText = new Map()));
      cleanCacheEntries = 1;
    }
    byText.set(raw, hit);
  }
  return hit;
}

let cleanCacheEntries = 0;

const CLEAN_CACHE_SIZE = 50_000;
const CLEAN_CACHE_MAX_LENGTH = 500;
/** By font name, then by raw text. */
const cleanCache = new Map<string | undefined, Map<string, { readonly text: string; readonly encoding: LegacyEncoding | null }>>();

/**
 * The cell of a raw text as both readers give it: characters XML does not allow removed and the
 * text cut to an Excel cell's length (each with a warning at the cell), then legacy encodings
 * decoded and spacing cleaned; null when nothing is left.
 */
export function textCell(raw: string, fontName: string | undefined, r: number, c: number, ctx: SheetContext): SourceCell | null {
  // Cut first (with room for the spaces cleaning removes), so a 50 MB text is never cleaned whole.
  let src = raw.length > 2 * MAX_CELL_TEXT ? cutText(raw, 2 * MAX_CELL_TEXT) : raw;
  const stripped = stripInvalidXmlChars(src);
  if (stripped.removed > 0) {
    src = stripped.text;
    warnInvalidChars(ctx, r, c, stripped.removed, stripped.first);
  }
  const fixed = cleanText(src, fontName);
  let text = fixed.text;
  if (text.length > MAX_CELL_TEXT || raw.length > 2 * MAX_CELL_TEXT) {
    text = cutText(text, MAX_CELL_TEXT);
    warnTooLong(ctx, r, c, raw.length);
  }
  if (fixed.encoding !== null) {
    ctx.legacyCount++;
    if (ctx.legacyCount <= LEGACY_WARNINGS_PER_SHEET) {
      const a1 = address(r, c);
      const label = fixed.encoding === 'tcvn3' ? 'TCVN3' : 'VNI';
      const font = fontName ? ` ("${clip(fontName)}")` : '';
      ctx.findings.push(
        finding({
          file: ctx.file,
          sheet: ctx.sheet,
          cell: a1,
          code: 'text_legacy_encoding',
          message: `Ô ${a1} được gõ bằng bảng mã ${label}${font}: "${clip(src.trim())}" → "${clip(text)}".`,
        }),
      );
    }
    return { value: text, kind: 'text', original: cutText(src, MAX_CELL_TEXT), legacy: fixed.encoding };
  }
  return text === '' ? null : { value: text, kind: 'text' };
}

function warnInvalidChars(ctx: SheetContext, r: number, c: number, removed: number, first: number): void {
  if (++ctx.invalidCharCount > TEXT_WARNINGS_PER_SHEET) return;
  const a1 = address(r, c);
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell: a1,
      code: 'text_invalid_char',
      message: `Ô ${a1} chứa ${removed} ký tự điều khiển hoặc ký tự lỗi (ký tự đầu tiên: ${codePointLabel(first)}), thường do chép từ phần mềm khác; baocao đã bỏ các ký tự này khi đọc.`,
    }),
  );
}

function warnTooLong(ctx: SheetContext, r: number, c: number, length: number): void {
  if (++ctx.tooLongCount > TEXT_WARNINGS_PER_SHEET) return;
  const a1 = address(r, c);
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell: a1,
      code: 'text_too_long',
      message: `Ô ${a1} dài ${formatNumber(length)} ký tự, vượt giới hạn ${formatNumber(MAX_CELL_TEXT)} ký tự của một ô Excel; baocao chỉ dùng ${formatNumber(MAX_CELL_TEXT)} ký tự đầu.`,
    }),
  );
}

/** The cell of an error value (#DIV/0!…): its text made safe for outputs, without a finding. */
export function errorCell(text: string): SourceCell {
  return { value: safeText(text, 255), kind: 'error' };
}

/** A number cell, or Excel's own #NUM! error when the number is not finite (a file may say 1e309). */
export function numberCell(v: number, percent = false): SourceCell {
  if (!Number.isFinite(v)) return { value: '#NUM!', kind: 'error' };
  return percent ? { value: v, kind: 'number', percent: true } : { value: v, kind: 'number' };
}

/** True when a number format shows numbers as percentages ("0%", "0.00%", "#,##0.0%"): a "%" outside quoted text and [brackets]. */
export function isPercentFormat(fmt: string | undefined): boolean {
  return fmt !== undefined && fmt.includes('%') && fmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').includes('%');
}

/** Formula text made safe for outputs (findings quote it): at most Excel's formula length. */
export function formulaText(text: string): string {
  return safeText(text, MAX_FORMULA_TEXT);
}

export function dateCell(d: Date): SourceCell {
  const t = d.getTime();
  if (Number.isNaN(t)) return { value: '#DATE!', kind: 'error' };
  const y = d.getUTCFullYear();
  const iso = `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return { value: iso, kind: 'date' satisfies CellKind };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
