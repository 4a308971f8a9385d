/**
 * Sizes declared in the sheet XML of a workbook, measured before exceljs loads it. exceljs makes
 * one object per cell of every merged range, data-validation range and column definition, so a
 * 20 KiB file declaring "A1:XFD1048576" or `<col max="99999999">` would hang the load or exhaust
 * memory (found by tests/robustness/fuzz.test.ts). Pure: bytes in, numbers out.
 */
import { inflateEntry, type ZipEntry } from './zip.js';

/** Excel's own limits: 1,048,576 rows and 16,384 columns (XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

export interface SheetSizes {
  /** Cells covered by all merged ranges of all sheets. */
  readonly mergedCells: number;
  /** Cells covered by all data-validation (dropdown) ranges of all sheets. */
  readonly validatedCells: number;
  /** Largest row and column number any row, cell or column definition names. */
  readonly maxRow: number;
  readonly maxColumn: number;
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Measures every worksheet part of a zip already scanned; unreadable parts count as empty.
 * `inflated` may hold parts already inflated (by entry name).
 */
export function measureSheets(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  capPerPart = 256 * 1024 * 1024,
  inflated?: ReadonlyMap<string, Uint8Array>,
): SheetSizes {
  let mergedCells = 0;
  let validatedCells = 0;
  let maxRow = 0;
  let maxColumn = 0;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const e of entries) {
    if (!WORKSHEET.test(e.name)) continue;
    const kept = inflated?.get(e.name);
    const raw = kept && kept.byteLength <= capPerPart ? kept : inflateEntry(bytes, e, capPerPart);
    if (!raw) continue;
    const xml = decoder.decode(raw);
    for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']/g)) mergedCells += rangeListCells(m[1] ?? '');
    for (const m of xml.matchAll(/<(?:\w+:)?dataValidation\b[^>]*?\bsqref\s*=\s*["']([^"']*)["']/g)) validatedCells += rangeListCells(m[1] ?? '');
    for (const m of xml.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
      for (const a of (m[1] ?? '').matchAll(/\b(?:min|max)\s*=\s*["']\s*(\d+)/g)) maxColumn = Math.max(maxColumn, Number(a[1]));
    }
    for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*?\br\s*=\s*["']\s*(\d+)/g)) maxRow = Math.max(maxRow, Number(m[1]));
    for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*?\br\s*=\s*["']\s*\$?([A-Za-z]+)\$?(\d+)/g)) {
      maxColumn = Math.max(maxColumn, columnNumber(m[1] ?? ''));
      maxRow = Math.max(maxRow, Number(m[2]));
    }
  }
  return { mergedCells, validatedCells, maxRow, maxColumn };
}

/** Cells of a space-separated list of ranges ("A1:B2 D4"); whole columns or rows ("A:A", "1:1") count in full. */
export function rangeListCells(list: string): number {
  let total = 0;
  for (const part of list.trim().split(/\s+/)) {
    if (!part) continue;
    const [a, b = a] = part.split(':');
    const p = corner(a ?? '');
    const q = corner(b ?? '');
    if (!p || !q) continue;
    const rows = p.row === 0 || q.row === 0 ? EXCEL_MAX_ROWS : Math.abs(q.row - p.row) + 1;
    const cols = p.col === 0 || q.col === 0 ? EXCEL_MAX_COLUMNS : Math.abs(q.col - p.col) + 1;
    total += rows * cols;
  }
  return total;
}

/** "B7" → {row 7, col 2}; "B" → {row 0 (whole column)}; "7" → {col 0 (whole row)}. */
function corner(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref.replace(/^.*!/, ''));
  if (!m || (!m[1] && !m[2])) return null;
  return { row: m[2] ? Number(m[2]) : 0, col: m[1] ? columnNumber(m[1]) : 0 };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
