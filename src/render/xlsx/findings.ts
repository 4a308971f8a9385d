/**
 * The check report "kiem-tra.xlsx": a per-file summary sheet and one row per finding,
 * so the secretariat can filter by agency or severity and send each agency its problems.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import { countBySeverity, findingLabel, SEVERITY_LABELS, sortFindings, type Finding, type Severity } from '../../findings.js';
import { BORDER_ALL, estimateLines, font, freezeBelow, heightFor, setupPage, styleHeaderCell, titleRow } from './style.js';
import { packWorkbook, placeBody, type BodyRow, type BodyValue, type PendingBody } from './fast-rows.js';

export const FINDINGS_SHEETS = { summary: 'Tổng hợp', details: 'Chi tiết' } as const;

export const SUMMARY_HEADERS = ['Tệp', 'Cơ quan', 'Trạng thái', 'Số lỗi', 'Số cảnh báo'] as const;
/** "Loại" is the finding's Vietnamese label; its stable code, for support, is the narrow last column. */
export const DETAIL_HEADERS = ['STT', 'Tệp', 'Sheet', 'Ô', 'Mức độ', 'Loại', 'Nội dung', 'Cách xử lý', 'Mã'] as const;
const CODE_COLUMN = DETAIL_HEADERS.length - 1;

/** How a severity reads in Vietnamese. */
export { SEVERITY_LABELS };

const COLORS = { error: 'FFC00000', warning: 'FFC65911', info: 'FF1F4E79' } as const satisfies Record<Severity, string>;

export interface FindingsSummary {
  readonly title: string;
  readonly rows: readonly { file: string; agency: string; status: string; errors: number; warnings: number }[];
}

/** Renders the check report workbook: sheet "Tổng hợp" then sheet "Chi tiết". */
export async function renderFindingsXlsx(
  findings: readonly Finding[],
  summary: FindingsSummary,
  /** `exceljsRows`: exceljs writes the rows too (tests compare both ways). */
  opts: { readonly exceljsRows?: boolean } = {},
): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'baocao';
  // The rows go in as text after exceljs writes the rest (fast-rows.ts: the same bytes, ~0,1 s less for 1.000 files).
  const bodies = [addSummarySheet(wb, findings, summary, opts), addDetailSheet(wb, findings, opts)].filter((b): b is PendingBody => b !== null);
  return packWorkbook(wb, bodies);
}

type PlaceOptions = Parameters<typeof placeBody>[3];

/**
 * Cell styles shared by every cell with the same look (and never mutated): exceljs registers a
 * style object it has already seen at once, instead of serialising it again for each cell.
 */
const styleCache = new Map<string, Partial<ExcelJS.Style>>();
function shared(key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let s = styleCache.get(key);
  if (!s) styleCache.set(key, (s = make()));
  return s;
}

function summaryStyle(k: number, color: string | undefined): Partial<ExcelJS.Style> {
  return shared(`s${k}/${color ?? ''}`, () => ({
    border: BORDER_ALL,
    font: font(12, color !== undefined ? { color, bold: true } : {}),
    alignment: { vertical: 'middle', horizontal: k >= 3 ? 'right' : 'left', wrapText: k < 3 },
    ...(k >= 3 ? { numFmt: '#,##0' } : {}),
  }));
}

function detailStyle(k: number, severity: Severity): Partial<ExcelJS.Style> {
  return shared(`d${k}/${severity}`, () => ({
    border: BORDER_ALL,
    font: k === CODE_COLUMN ? font(9, { color: 'FF808080' }) : font(12, { color: COLORS[severity], bold: k === 4 }),
    alignment: { vertical: 'top', horizontal: k === 0 || k === 3 ? 'center' : 'left', wrapText: k !== 0 && k !== CODE_COLUMN },
    ...(k === 0 ? { numFmt: '0' } : {}),
  }));
}

function addSummarySheet(wb: ExcelJS.Workbook, findings: readonly Finding[], summary: FindingsSummary, opts: PlaceOptions): PendingBody | null {
  const ws = wb.addWorksheet(FINDINGS_SHEETS.summary);
  const widths = [40, 40, 24, 10, 12];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
    ws.getColumn(i + 1).font = font(12);
  });
  const total = widths.reduce((a, b) => a + b, 0);
  const { errors, warnings } = countBySeverity(findings);
  // The files of this round; the agencies that sent none have a row without a file.
  const files = summary.rows.filter((r) => r.file !== '').length;
  const missing = summary.rows.length - files;
  titleRow(ws, 1, 5, summary.title, { size: 14, bold: true, widthChars: total });
  const counts = `Tổng số tệp: ${files}${missing > 0 ? `; cơ quan chưa nộp: ${missing}` : ''}; lỗi: ${errors}; cảnh báo: ${warnings}.`;
  titleRow(ws, 2, 5, counts, { size: 12, bold: true, widthChars: total });
  const advice =
    errors > 0 ? 'Tệp có lỗi không được đưa vào số liệu tổng hợp; xem sheet "Chi tiết" để biết ô cần sửa.' : 'Không có lỗi; các cảnh báo (nếu có) nên được kiểm tra lại.';
  titleRow(ws, 3, 5, advice, { size: 12, italic: true, widthChars: total });

  const hr = 5;
  SUMMARY_HEADERS.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  const rows: BodyRow[] = summary.rows.map((row) => {
    const color = row.errors > 0 ? COLORS.error : row.warnings > 0 ? COLORS.warning : undefined;
    const values: BodyValue[] = [row.file, row.agency, row.status, row.errors, row.warnings];
    const lines = Math.max(...values.map((v, k) => (typeof v === 'string' ? estimateLines(v, widths[k] ?? 10) : 1)));
    return { height: heightFor(lines), cells: values.map((value, k) => ({ value, style: summaryStyle(k, k === 2 ? color : undefined) })) };
  });
  if (summary.rows.length > 0) {
    ws.autoFilter = { from: { row: hr, column: 1 }, to: { row: hr + summary.rows.length, column: 5 } };
  }
  setupPage(ws, { landscape: false, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
  return placeBody(ws, hr + 1, rows, opts);
}

function addDetailSheet(wb: ExcelJS.Workbook, findings: readonly Finding[], opts: PlaceOptions): PendingBody | null {
  const ws = wb.addWorksheet(FINDINGS_SHEETS.details);
  const widths = [6, 28, 14, 7, 11, 24, 60, 50, 20];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
    ws.getColumn(i + 1).font = font(12);
  });
  DETAIL_HEADERS.forEach((h, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  const rows: BodyRow[] = sortFindings(findings).map((f, i) => {
    const values: BodyValue[] = [i + 1, f.file, f.sheet, f.cell, SEVERITY_LABELS[f.severity], findingLabel(f.code), f.message, f.hint ?? null, f.code];
    // LibreOffice does not grow rows for wrapped text on load.
    const lines = Math.max(...values.map((v, k) => (typeof v === 'string' && k !== CODE_COLUMN ? estimateLines(v, widths[k] ?? 10, 12, k === 4) : 1)));
    return { height: heightFor(lines), cells: values.map((value, k) => ({ value, style: detailStyle(k, f.severity) })) };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, findings.length + 1), column: DETAIL_HEADERS.length } };
  setupPage(ws, { landscape: true, printTitlesRow: '1:1' });
  freezeBelow(ws, 1);
  return placeBody(ws, 2, rows, opts);
}
