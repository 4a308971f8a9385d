/**
 * The change log "thay-doi.xlsx": every figure that changed since the previous build, where it
 * appears, old → new, and the agency file and cell that caused it.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import type { Change, ChangeSet } from '../../model/snapshot.js';
import { vnClock } from '../../model/deadline.js';
import { roundTo } from '../../vn/index.js';
import { decimalsOf, excelNumberFormat } from '../cells.js';
import { BORDER_ALL, estimateLines, font, freezeBelow, heightFor, setupPage, styleHeaderCell, titleRow, toBytes } from './style.js';

export const CHANGE_SHEETS = { current: 'Thay đổi', previous: 'Thay đổi lần trước' } as const;
export const CHANGE_HEADERS = ['Phụ lục', 'Nhóm', 'Dòng', 'Cột', 'Cũ', 'Mới', 'Chênh lệch', 'Tệp', 'Sheet', 'Ô'] as const;
/** Said when nothing changed, in the workbook and on the console. */
export const NO_CHANGES = 'Không có số liệu nào thay đổi so với lần lập trước.';

const WIDTHS = [18, 30, 40, 18, 14, 14, 14, 30, 12, 7];

/** "14:05 ngày 12/07/2026" from an ISO time, in Vietnam's time (+07:00, model/deadline.ts). */
export function buildTime(iso: string): string {
  if (!Number.isFinite(Date.parse(iso))) return iso;
  const d = vnClock(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.hours)}:${p(d.minutes)} ngày ${p(d.day)}/${p(d.month)}/${d.year}`;
}

/** Renders thay-doi.xlsx; `previous` (the last non-empty change list) adds a second sheet when this build changed nothing. */
export async function renderChangesXlsx(set: ChangeSet, title: string, previous: ChangeSet | null): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'baocao';
  addSheet(wb, CHANGE_SHEETS.current, set, title);
  if (set.changes.length === 0 && previous && previous.changes.length > 0) addSheet(wb, CHANGE_SHEETS.previous, previous, title);
  return toBytes(wb);
}

function addSheet(wb: ExcelJS.Workbook, name: string, set: ChangeSet, title: string): void {
  const ws = wb.addWorksheet(name);
  const n = CHANGE_HEADERS.length;
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
    ws.getColumn(i + 1).font = font(12);
  });
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  titleRow(ws, 1, n, title, { size: 14, bold: true, widthChars: total });
  titleRow(ws, 2, n, `Lần lập lúc ${buildTime(set.builtAt)}, so với lần lập lúc ${buildTime(set.since)}: ${set.changes.length} số liệu thay đổi.`, { size: 12, italic: true });
  const hr = 4;
  CHANGE_HEADERS.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  if (set.changes.length === 0) {
    titleRow(ws, hr + 1, n, NO_CHANGES, { size: 12, italic: true, align: 'left' });
  }
  set.changes.forEach((c, i) => writeRow(ws, hr + 1 + i, c));
  if (set.changes.length > 0) ws.autoFilter = { from: { row: hr, column: 1 }, to: { row: hr + set.changes.length, column: n } };
  setupPage(ws, { landscape: true, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
}

function writeRow(ws: ExcelJS.Worksheet, r: number, c: Change): void {
  const values: ExcelJS.CellValue[] = [
    c.appendix,
    c.group,
    c.line,
    c.column,
    c.old,
    c.new,
    c.diff,
    c.source?.file ?? '',
    c.source?.sheet ?? '',
    c.source?.cell ?? '',
  ];
  values.forEach((v, k) => {
    const cell = ws.getCell(r, k + 1);
    const numeric = typeof v === 'number';
    // Figures as in the appendices (their own decimals, at most two; zero "-"); a difference keeps its sign.
    const decimals = numeric ? decimalsOf(v, 2) : 0;
    cell.value = numeric ? roundTo(v, decimals) + 0 : v;
    cell.border = BORDER_ALL;
    cell.font = font(12, c.total ? { bold: true } : {});
    cell.alignment = { vertical: 'top', horizontal: numeric ? 'right' : k === 9 ? 'center' : 'left', wrapText: !numeric };
    if (numeric) cell.numFmt = excelNumberFormat(decimals, { signed: k === 6 });
  });
  const lines = Math.max(...values.map((v, k) => (typeof v === 'string' ? estimateLines(v, WIDTHS[k] ?? 10) : 1)));
  ws.getRow(r).height = heightFor(lines);
}
