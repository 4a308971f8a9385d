/**
 * Tools the validators share to find sheets, header rows and values in workbooks that
 * people made by hand: title rows above the header, columns in any order, labels typed
 * without diacritics, numbers typed as text.
 */
import { finding, type Finding, type FindingCode } from '../findings.js';
import { address, cellAt, cellText, columnLetter, type SourceCell, type SourceSheet, type SourceWorkbook } from '../model/source.js';
import { foldKey, formatNumber, parseDateText, parseNumberText, excelSerialToIso } from '../vn/index.js';
import { parseRoundName, type Period } from '../model/round.js';

/**
 * Largest figure (in absolute value) a report cell may hold: 10^15, a million billion — more than
 * any province's whole budget in đồng, and the most digits Excel keeps exactly (15). Bounding every
 * figure here keeps all later arithmetic finite: a product of two is at most 10^30, and sums of
 * them stay far from the 1,8 × 10^308 where numbers become Infinity (`1e308` in "Số lượng" once
 * made "Số lượng × Định mức" infinite and stopped the whole file with an internal error).
 */
export const MAX_FIGURE = 1e15;

/** Finds a sheet by name ignoring case, diacritics and punctuation; falls back to a sheet whose name contains it. */
export function findSheet(wb: SourceWorkbook, name: string, aliases: readonly string[] = []): SourceSheet | null {
  const keys = [name, ...aliases].map(foldKey);
  for (const sheet of wb.sheets) if (keys.includes(foldKey(sheet.name))) return sheet;
  for (const sheet of wb.sheets) {
    const k = foldKey(sheet.name);
    if (keys.some((key) => key.length > 2 && k.includes(key))) return sheet;
  }
  return null;
}

/** One expected column: its display name, the folded prefixes that identify it, and whether it is required. */
export interface ColumnSpec {
  readonly label: string;
  readonly match: readonly string[];
  readonly required: boolean;
}

export interface HeaderMatch<K extends string> {
  readonly row: number;
  readonly cols: Partial<Record<K, number>>;
  readonly missing: readonly K[];
  /** Columns with a header that matches nothing expected (1-based column → header text). */
  readonly extra: ReadonlyArray<{ col: number; text: string }>;
  /** Extra columns matched by a pattern (e.g. "Năm 2025"), column → captured key. */
  readonly patterned: ReadonlyArray<{ col: number; key: string }>;
  /** Columns whose header repeats one found to their left (the same text, or a second "Năm 2025"): only the first is read. */
  readonly duplicates: ReadonlyArray<{ col: number; text: string; of: number }>;
}

/** Whether a folded header text starts with one of the column's folded names. */
function foldedMatches(k: string, spec: ColumnSpec): boolean {
  if (!k) return false;
  for (const m of spec.match) if (k.startsWith(m)) return true;
  return false;
}

/** What a folded header text matches: the expected columns in their order, and the pattern's key (undefined: no match). */
interface HeaderText {
  readonly keys: readonly string[];
  readonly patternKey: string | undefined;
}

/**
 * HeaderText by folded text, per set of expected columns and pattern: workbooks made from one form
 * repeat the same header texts (and the first rows above and below them) file after file.
 */
const headerTexts = new Map<string, Map<string, HeaderText>>();
const HEADER_TEXTS_MAX = 20_000;

function headerTextsFor(keys: readonly string[], specs: Readonly<Record<string, ColumnSpec>>, pattern: RegExp | undefined): Map<string, HeaderText> | null {
  if (pattern && (pattern.global || pattern.sticky)) return null; // test() would depend on lastIndex
  let signature = pattern ? `${pattern.source}/${pattern.flags}` : '';
  for (const k of keys) signature += `\u0000${k}\u0001${(specs[k] as ColumnSpec).match.join('\u0001')}`;
  let memo = headerTexts.get(signature);
  if (!memo) {
    if (headerTexts.size >= 64) headerTexts.clear();
    headerTexts.set(signature, (memo = new Map()));
  }
  return memo;
}

/** The same HeaderText by unfolded text, beside each memo by folded text. */
const rawTexts = new WeakMap<Map<string, HeaderText>, Map<string, HeaderText>>();

function rawHeaderTexts(memo: Map<string, HeaderText>): Map<string, HeaderText> {
  let raw = rawTexts.get(memo);
  if (!raw) rawTexts.set(memo, (raw = new Map()));
  return raw;
}

function headerText(k: string, keys: readonly string[], specs: Readonly<Record<string, ColumnSpec>>, pattern: RegExp | undefined, memo: Map<string, HeaderText> | null): HeaderText {
  const hit = memo?.get(k);
  if (hit) return hit;
  const m = pattern ? pattern.exec(k) : null;
  const entry: HeaderText = { keys: keys.filter((key) => foldedMatches(k, specs[key] as ColumnSpec)), patternKey: m ? (m[1] ?? m[0]) : undefined };
  if (memo) {
    if (memo.size >= HEADER_TEXTS_MAX) memo.clear();
    memo.set(k, entry);
  }
  return entry;
}

/**
 * Finds the header row among the first rows of a sheet: the row matching most expected
 * columns. `pattern` catches repeated columns such as "Năm 2025" (folded "nam 2025").
 */
export function findHeader<K extends string>(
  sheet: SourceSheet,
  specs: Readonly<Record<K, ColumnSpec>>,
  pattern?: RegExp,
  maxScan = 30,
): HeaderMatch<K> | null {
  const keys = Object.keys(specs) as K[];
  const memo = headerTextsFor(keys, specs, pattern);
  // By the text as typed first: a form's header texts come back file after file, folded once.
  const raw = memo ? rawHeaderTexts(memo) : null;
  const textOf = (t: string): HeaderText => {
    const hit = raw?.get(t);
    if (hit) return hit;
    const h = headerText(foldKey(t), keys, specs, pattern, memo);
    if (raw) {
      if (raw.size >= HEADER_TEXTS_MAX) raw.clear();
      raw.set(t, h);
    }
    return h;
  };
  let best: { row: number; score: number } | null = null;
  const last = Math.min(sheet.rowCount, maxScan);
  for (let r = 1; r <= last; r++) {
    let score = 0;
    const seen = new Set<string>();
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = cellText(cellAt(sheet, r, c));
      if (!t) continue;
      const h = textOf(t);
      for (const key of h.keys) {
        if (!seen.has(key)) {
          seen.add(key);
          score++;
          break;
        }
      }
      if (h.patternKey !== undefined) score += 0.5;
    }
    if (score >= 2 && (!best || score > best.score)) best = { row: r, score };
    // Every expected column found and no pattern to add to the score: no later row can score higher.
    if (!pattern && score === keys.length) break;
  }
  if (!best) return null;
  const cols: Partial<Record<K, number>> = {};
  const extra: { col: number; text: string }[] = [];
  const patterned: { col: number; key: string }[] = [];
  const duplicates: { col: number; text: string; of: number }[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) {
    const cell = cellAt(sheet, best.row, c);
    const t = cellText(cell);
    if (!t) continue;
    // A header cell merged from a column to its left is the same header: skip it.
    if (cell?.mergedFrom && cell.mergedFrom !== address(best.row, c)) continue;
    const h = textOf(t);
    const key = h.keys.find((k) => cols[k as K] === undefined) as K | undefined;
    if (key !== undefined) {
      cols[key] = c;
      continue;
    }
    if (h.patternKey !== undefined) {
      const first = patterned.find((p) => p.key === h.patternKey);
      if (first) duplicates.push({ col: c, text: t, of: first.col });
      else patterned.push({ col: c, key: h.patternKey });
      continue;
    }
    // The same header again (a copied column) is a duplicate; another header that only starts
    // like a taken one ("Kinh phí đề xuất" beside "Kinh phí") is an extra column, as before.
    const same = h.keys.map((k) => cols[k as K]).find((col) => col !== undefined && foldKey(cellText(cellAt(sheet, best.row, col))) === foldKey(t));
    if (same !== undefined) duplicates.push({ col: c, text: t, of: same });
    else extra.push({ col: c, text: t });
  }
  const missing = keys.filter((k) => specs[k].required && cols[k] === undefined);
  return { row: best.row, cols, missing, extra, patterned, duplicates };
}

/**
 * One warning per sheet for the numbers below the header row in columns without any header (right
 * of the table, or in a gap): nothing reads them, so they would be left out without a word.
 * Columns whose header matched nothing are said by column_extra already; zeros say nothing.
 */
export function reportNumbersOutsideTable(ctx: SheetContext, sheet: SourceSheet, headerRow: number): void {
  const headed = (c: number): boolean => cellText(cellAt(sheet, headerRow, c)).trim() !== '' || (headerRow > 1 && cellText(cellAt(sheet, headerRow - 1, c)).trim() !== '');
  let first: { at: string; value: number } | null = null;
  let count = 0;
  for (let c = 1; c <= sheet.columnCount; c++) {
    if (headed(c)) continue;
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const cell = cellAt(sheet, r, c);
      if (cell?.kind !== 'number' || typeof cell.value !== 'number' || cell.value === 0) continue;
      count++;
      if (first === null) first = { at: address(r, c), value: cell.value };
    }
  }
  if (first === null) return;
  report(
    ctx,
    'value_outside_table',
    first.at,
    count === 1
      ? `Ô ${first.at} có số ${figureText(first.value)} nằm ngoài các cột của bảng (cột không có tiêu đề) nên không được tổng hợp.`
      : `${formatNumber(count)} ô có số nằm ngoài các cột của bảng (cột không có tiêu đề), ô đầu tiên ${first.at} = ${figureText(first.value)}: các số này không được tổng hợp.`,
  );
}

/**
 * What the header row says about the table's columns, beyond the ones read: columns whose header
 * matches nothing (column_extra), a column whose header repeats one found to its left
 * (column_duplicate: only the first is read — an error when the two hold different data below the
 * header, since baocao cannot tell which is right; a warning when they agree), and hidden columns
 * that are read all the same (column_hidden: what the agency sees in Excel is not all that is read).
 */
export function reportColumns(ctx: SheetContext, sheet: SourceSheet, header: HeaderMatch<string>, extra: ReadonlyArray<{ col: number; text: string }> = header.extra): void {
  for (const e of extra) {
    report(ctx, 'column_extra', address(header.row, e.col), `Cột "${e.text}" không có trong biểu mẫu nên không được tổng hợp.`);
  }
  for (const d of header.duplicates) {
    const [read, other] = [columnLetter(d.of), columnLetter(d.col)];
    const differs = firstDifference(sheet, header.row, d.of, d.col);
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        cell: address(header.row, d.col),
        code: 'column_duplicate',
        ...(differs === null
          ? { severity: 'warning' as const, message: `Cột ${other} ("${clip(d.text)}") trùng tiêu đề với cột ${read}; hai cột ghi như nhau, baocao đọc cột ${read}.` }
          : {
              severity: 'error' as const,
              message: `Cột ${other} ("${clip(d.text)}") trùng tiêu đề với cột ${read} nhưng ghi khác (dòng ${differs.row}: ${read}${differs.row} là ${differs.a}, ${other}${differs.row} là ${differs.b}); baocao không đoán cột nào đúng.`,
            }),
      }),
    );
  }
  const read = new Set([...Object.values(header.cols), ...header.patterned.map((p) => p.col)]);
  for (const c of sheet.hiddenColumns) {
    if (!read.has(c)) continue;
    report(ctx, 'column_hidden', address(header.row, c), `Cột ${columnLetter(c)} ("${clip(cellText(cellAt(sheet, header.row, c)))}") đang bị ẩn nhưng vẫn được đọc và tổng hợp.`);
  }
}

/**
 * The period a column's header names after `words` (a pattern whose group 1 is the rest):
 * "Đã thực hiện 6 tháng đầu năm 2025 (1000 đồng)" names 6 tháng đầu năm 2025; null when none.
 */
export function headerPeriod(text: string, words: RegExp): Period | null {
  const m = words.exec(foldKey(text.replace(/\([^()]*\)\s*$/, '')));
  return m ? parseRoundName(m[1] ?? '').period : null;
}

/**
 * A column whose header names another period than the round's ("Thực hiện 9 tháng năm 2026" in
 * the round of quý III): its figures are of that period, most often a workbook of an earlier round
 * with its header kept. An error (column_period_mismatch) at the header: baocao does not guess
 * which period the figures are of. With `yearIsRound`, a header naming the round's year is right
 * in every round of that year.
 */
export function checkColumnPeriod(ctx: SheetContext, sheet: SourceSheet, headerRow: number, col: number, period: Period, words: RegExp, what: string, yearIsRound: boolean): void {
  const text = cellText(cellAt(sheet, headerRow, col));
  const named = headerPeriod(text, words);
  if (!named) return;
  const same = named.kind === period.kind && named.year === period.year && named.index === period.index;
  if (same || (yearIsRound && named.kind === 'year' && named.year === period.year)) return;
  const at = address(headerRow, col);
  report(ctx, 'column_period_mismatch', at, `Cột ${columnLetter(col)} ("${clip(text.trim())}") là ${what} ${named.label}, nhưng đợt này là ${period.label}; baocao không đoán số của cột này là của kỳ nào.`);
}

/** How far figures written in a unit of scale `written` are off when read in one of scale `planned`: "lớn gấp 1.000 lần". */
export function scaleGap(written: number, planned: number): string {
  return `${written < planned ? 'lớn' : 'nhỏ'} gấp ${formatNumber(Math.max(written, planned) / Math.min(written, planned))} lần`;
}

/**
 * reportColumns for a sheet of the plan (ke-hoach.xlsx), which staff edit themselves: a column
 * baocao does not read is said as one of the plan (a header typed differently from the template's
 * leaves an optional column unread), copies and hidden read columns as on an agency's sheet.
 */
export function reportPlanColumns(ctx: SheetContext, sheet: SourceSheet, header: HeaderMatch<string>, expected: readonly string[]): void {
  for (const e of header.extra) {
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        cell: address(header.row, e.col),
        code: 'column_extra',
        message: `Cột "${clip(e.text)}" không có trong mẫu kế hoạch nên baocao không đọc. Các cột baocao đọc ở sheet này: ${expected.join(' | ')}.`,
        hint: 'Nếu đây là một cột baocao cần đọc, sửa tiêu đề cho đúng như trên (sheet "Hướng dẫn" của tệp kế hoạch mẫu); nếu là cột ghi thêm cho mình thì không cần làm gì.',
      }),
    );
  }
  reportColumns(ctx, sheet, header, []);
}

/** The first row below the header where columns a and b hold different data (as shown), or null. */
function firstDifference(sheet: SourceSheet, headerRow: number, a: number, b: number): { row: number; a: string; b: string } | null {
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const ca = cellAt(sheet, r, a);
    const cb = cellAt(sheet, r, b);
    const ta = cellText(ca).trim();
    const tb = cellText(cb).trim();
    if (ta === tb) continue;
    const show = (cell: SourceCell | null, t: string): string => (t === '' ? 'trống' : cell?.kind === 'number' && typeof cell.value === 'number' ? figureText(cell.value) : `"${clip(t)}"`);
    return { row: r, a: show(ca, ta), b: show(cb, tb) };
  }
  return null;
}

/** Reads label/value pairs (label in any of the first columns, value in the next non-empty cell to its right). */
export function readLabelValues(sheet: SourceSheet): Map<string, { cell: SourceCell | null; row: number; col: number }> {
  const out = new Map<string, { cell: SourceCell | null; row: number; col: number }>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= Math.min(3, sheet.columnCount); c++) {
      const label = cellText(cellAt(sheet, r, c));
      if (!label) continue;
      const key = foldKey(label.replace(/[:：]\s*$/, ''));
      if (!key || out.has(key)) break;
      let vc = c + 1;
      // Skip cells merged with the label itself.
      while (vc <= sheet.columnCount && cellAt(sheet, r, vc)?.mergedFrom === address(r, c)) vc++;
      out.set(key, { cell: cellAt(sheet, r, vc), row: r, col: vc });
      break;
    }
  }
  return out;
}

/** Context for findings about one sheet of one file. */
export interface SheetContext {
  readonly file: string;
  readonly sheet: string;
  readonly findings: Finding[];
}

export function report(ctx: SheetContext, code: FindingCode, cell: string, message: string): void {
  ctx.findings.push(finding({ file: ctx.file, sheet: ctx.sheet, cell, code, message }));
}

export type NumberRead =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly value: number; readonly fromText: boolean }
  | { readonly kind: 'bad' }
  | { readonly kind: 'no-result'; readonly formula: string };

/**
 * Reads a numeric cell: numbers, numbers typed as text (Vietnamese or English separators),
 * "-" as zero. Problems are reported at the cell; the caller decides what a blank means.
 * `asPercent`: the figure is a percentage, so a number shown as one ("85,2%", kept as 0,852) is read as shown (85,2).
 */
export function readNumberCell(ctx: SheetContext, sheet: SourceSheet, row: number, col: number, label: string, asPercent = false): NumberRead {
  const cell = cellAt(sheet, row, col);
  const at = address(row, col);
  if (!cell || cell.value === null || cell.value === '') {
    if (cell?.missingResult) return { kind: 'no-result', formula: cell.formula ?? '' };
    return { kind: 'blank' };
  }
  if (cell.kind === 'number' && typeof cell.value === 'number') {
    if (!inRange(cell.value)) return outOfRange(ctx, at, label, figureText(cell.value));
    // A percentage typed into a cell shown as one ("85,2%") is kept by Excel as 0,852: read as shown.
    if (asPercent && cell.percent) return { kind: 'number', value: Math.round(cell.value * 100 * 1e9) / 1e9, fromText: false };
    return { kind: 'number', value: cell.value, fromText: false };
  }
  // A formula whose result is an error (#VALUE!) is a consequence, not the cell to retype:
  // say so, and point at the cells it reads.
  if (cell.kind === 'error' || (cell.formula && /^#[A-Z/0!?]+!?$/.test(cellText(cell)))) {
    const what = cell.formula
      ? `Ô ${at} (${label}) là công thức "=${cell.formula}" cho kết quả lỗi "${cellText(cell)}": một ô mà công thức dùng không phải là số.`
      : `Ô ${at} (${label}) có lỗi công thức "${String(cell.value)}", không phải là số.`;
    ctx.findings.push(
      finding({
        file: ctx.file,
        sheet: ctx.sheet,
        cell: at,
        code: 'value_not_number',
        message: what,
        ...(cell.formula ? { hint: 'Sửa các ô mà công thức dùng (các lỗi khác cùng dòng); công thức sẽ tự tính lại, không gõ đè vào ô này.' } : {}),
      }),
    );
    return { kind: 'bad' };
  }
  const text = cellText(cell);
  const parsed = parseNumberText(text);
  if (parsed.ok) return inRange(parsed.value) ? { kind: 'number', value: parsed.value, fromText: true } : outOfRange(ctx, at, label, `"${clip(text)}"`);
  if (parsed.reason === 'ambiguous') {
    report(
      ctx,
      'value_ambiguous_number',
      at,
      `Ô ${at} (${label}) ghi "${text}": không rõ dấu "," là phân cách nghìn (${text.replace(/,/g, '.')}) hay dấu thập phân; baocao không đoán.`,
    );
    return { kind: 'bad' };
  }
  report(ctx, 'value_not_number', at, `Ô ${at} (${label}) ghi "${clip(text)}", không phải là số.`);
  return { kind: 'bad' };
}

/** Whether a figure is finite and within ±MAX_FIGURE. */
export function inRange(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_FIGURE;
}

/** A figure as the message shows it: 1.234.567, or as Excel shows a huge one (1E+308). */
export function figureText(value: number): string {
  return Number.isFinite(value) && Math.abs(value) < 1e21 ? formatNumber(value, Number.isInteger(value) ? 0 : 2) : String(value).toUpperCase();
}

function outOfRange(ctx: SheetContext, at: string, label: string, shown: string): NumberRead {
  report(ctx, 'value_out_of_range', at, `Ô ${at} (${label}) ghi ${shown}, vượt quá giới hạn ±${formatNumber(MAX_FIGURE)} của một số liệu báo cáo; baocao không dùng số này.`);
  return { kind: 'bad' };
}

/** The first 80 characters of a text quoted in a message (a cell may hold 32.767). */
/** A text as a message quotes it: at most `max` characters. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 3)}…` : s;
}

/** Reads a date cell (Excel date, serial number or dd/mm/yyyy text) as ISO, or null with a finding. */
export function readDateCell(ctx: SheetContext, cell: SourceCell | null, at: string, label: string): string | null {
  if (!cell || cell.value === null || cell.value === '') return null;
  if (cell.kind === 'date' && typeof cell.value === 'string') return cell.value;
  if (cell.kind === 'number' && typeof cell.value === 'number') {
    const iso = excelSerialToIso(cell.value);
    if (iso) return iso;
  }
  const iso = parseDateText(cellText(cell));
  if (iso) return iso;
  report(ctx, 'value_date_invalid', at, `Ô ${at} (${label}) ghi "${clip(cellText(cell))}", không phải là ngày hợp lệ.`);
  return null;
}

/** A formula's result that stands for "nothing yet": 0, "", "-" (a dash), "0", FALSE. */
const PLACEHOLDER_RESULT = /^(?:0|[-\u2012\u2013\u2014\u2212])?$/u;

/**
 * Whether a cell holds data: a value somebody typed, or a formula whose result is more than a
 * placeholder. A formula copied down a table (=D6*E6 over empty rows: Excel caches 0 there),
 * one without a cached result, or one giving an error or "", "-", FALSE holds none.
 */
export function holdsData(cell: SourceCell | null): boolean {
  if (!cell) return false;
  if (cell.formula === undefined) return cellText(cell).trim() !== '';
  if (cell.missingResult || cell.kind === 'error' || cell.kind === 'empty') return false;
  if (cell.kind === 'number') return cell.value !== 0;
  if (cell.kind === 'boolean') return cell.value === true;
  return !PLACEHOLDER_RESULT.test(cellText(cell).trim());
}

/** True when no cell of the row in the given columns holds data (see holdsData). */
export function rowIsEmpty(sheet: SourceSheet, row: number, cols: readonly number[]): boolean {
  return !cols.some((c) => holdsData(cellAt(sheet, row, c)));
}

/** Splits a multi-value cell ("A; B", lines) into trimmed parts. */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
