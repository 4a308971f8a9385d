/**
 * The forms (biểu mẫu) sent to each agency: one workbook per agency with the sheets
 * "Thông tin", "Nhiệm vụ" and "Kinh phí". Fixed cells are locked, input cells are yellow and
 * unlocked; the sheets are protected without a password so agencies may still insert rows.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/exceljs.js';
import type { Artifact } from '../../model/document.js';
import { fitFileName } from '../../model/file-name.js';
import { tasksOf, type Agency, type Plan } from '../../model/plan.js';
import { isDerived } from '../../model/indicator.js';
import { baseValue, periodMonths, planValue, quartersIn } from '../../model/period.js';
import type { Period, Round } from '../../model/round.js';
import {
  FORM_BUDGET_HEADERS,
  budgetHeaders,
  FORM_INDICATOR_HEADERS,
  FORM_INFO_LABELS,
  QUARTER_HEADERS,
  FORM_SHEETS,
  FORM_TASK_HEADERS,
  TASK_STATUSES,
  spentHeader,
  withMoneyUnit,
  yearHeader,
} from '../../model/sheets.js';
import type { BudgetLine } from '../../model/submission.js';
import { formIdentity } from '../../model/identity.js';
import { stampIdentity } from './identity.js';
import { foldKey } from '../../vn/index.js';
import {
  BORDER_ALL,
  INPUT_FILL,
  NUMFMT,
  cellAddress,
  columnLetter,
  font,
  freezeBelow,
  heightFor,
  estimateLines,
  setupPage,
  styleHeaderCell,
  titleRow,
  toBytes,
} from './style.js';

/** Row of the header of the "Nhiệm vụ" and "Kinh phí" sheets; data starts on the next row. */
export const FORM_HEADER_ROW = 4;
/** Blank input rows of a budget sheet without prefilled lines. */
export const BLANK_BUDGET_ROWS = 15;

const PROTECTION_OPTIONS: Partial<ExcelJS.WorksheetProtection> = {
  insertRows: true,
  deleteRows: true,
  formatColumns: true,
  formatRows: true,
  selectLockedCells: true,
  selectUnlockedCells: true,
};

const ROLE_LABELS = { lead: 'Chủ trì', coordinator: 'Phối hợp' } as const;

/** Renders one form workbook per agency of the plan, named "01-so-ngoai-vu.xlsx". */
export async function renderForms(
  plan: Plan,
  round: Round,
  prefill: ReadonlyMap<string, readonly BudgetLine[]>,
): Promise<Artifact[]> {
  const out: Artifact[] = [];
  const agencies = [...plan.agencies].sort((a, b) => a.order - b.order);
  for (const agency of agencies) {
    out.push({ name: formFileName(agency), bytes: await renderForm(plan, round, agency, prefill.get(agency.code) ?? []) });
  }
  return out;
}

/** "01-so-ngoai-vu.xlsx": two-digit plan order, then the agency name in ASCII kebab case. */
export function formFileName(agency: Agency): string {
  const nn = String(agency.order).padStart(2, '0');
  // A very long agency name would make a name the file system refuses: shortened, kept unique.
  return fitFileName(`${nn}-${slugify(agency.name) || slugify(agency.code) || 'co-quan'}.xlsx`);
}

/** ASCII kebab case of a Vietnamese name: "Sở Ngoại vụ" → "so-ngoai-vu". */
export function slugify(name: string): string {
  return foldKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Renders the form workbook of one agency, carrying the plan, round and form version as hidden defined names. */
export async function renderForm(
  plan: Plan,
  round: Round,
  agency: Agency,
  prefill: readonly BudgetLine[],
): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'baocao';
  wb.title = `${plan.info.title} - ${agency.name}`;
  // exceljs never calculates: let Excel recompute the Thành tiền formulas on open.
  wb.calcProperties.fullCalcOnLoad = true;

  await addInfoSheet(wb, plan, round, agency);
  if (agency.sheets.includes('tasks')) await addTaskSheet(wb, plan, round, agency);
  if (agency.sheets.includes('budget')) await addBudgetSheet(wb, plan, round, agency, prefill);
  if (agency.sheets.includes('indicators') && round.period) await addIndicatorSheet(wb, plan, round.period, round, agency);
  // The plan, round and form version travel with the file, out of the agency's sight and reach.
  return stampIdentity(await toBytes(wb), formIdentity(plan, round, agency.code));
}

// ---------------------------------------------------------------------------------------------
// Cell helpers

function fixedCell(cell: ExcelJS.Cell, value: ExcelJS.CellValue, opts: { bold?: boolean; wrap?: boolean; align?: 'left' | 'center' | 'right'; numFmt?: string } = {}): void {
  cell.value = value;
  cell.font = font(12, opts.bold ? { bold: true } : {});
  cell.alignment = { vertical: 'middle', horizontal: opts.align ?? 'left', wrapText: opts.wrap ?? true };
  cell.border = BORDER_ALL;
  cell.protection = { locked: true };
  if (opts.numFmt !== undefined) cell.numFmt = opts.numFmt;
}

function inputCell(cell: ExcelJS.Cell, value: ExcelJS.CellValue, opts: { align?: 'left' | 'center' | 'right'; numFmt?: string; wrap?: boolean } = {}): void {
  cell.value = value;
  cell.font = font(12);
  cell.alignment = { vertical: 'middle', horizontal: opts.align ?? 'left', wrapText: opts.wrap ?? true };
  cell.border = BORDER_ALL;
  cell.fill = INPUT_FILL;
  cell.protection = { locked: false };
  if (opts.numFmt !== undefined) cell.numFmt = opts.numFmt;
}

function protect(ws: ExcelJS.Worksheet): Promise<void> {
  return ws.protect('', { ...PROTECTION_OPTIONS });
}

function setWidths(ws: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    // Cells created later by the user in these columns inherit the font.
    col.font = font(12);
  });
}

// ---------------------------------------------------------------------------------------------
// "Thông tin"

async function addInfoSheet(wb: ExcelJS.Workbook, plan: Plan, round: Round, agency: Agency): Promise<void> {
  const ws = wb.addWorksheet(FORM_SHEETS.info);
  setWidths(ws, [24, 70]);
  const width = 94;
  titleRow(ws, 1, 2, 'BIỂU MẪU BÁO CÁO', { size: 14, bold: true, widthChars: width });
  titleRow(ws, 2, 2, plan.info.title, { size: 13, bold: true, widthChars: width });
  titleRow(ws, 3, 2, `Cơ quan tổng hợp: ${plan.info.secretariat || plan.info.issuerShort}`, { size: 12, italic: true });

  const first = 5;
  const rows: { label: string; value: ExcelJS.CellValue; input: boolean; numFmt?: string; align?: 'left' | 'center' }[] = [
    { label: FORM_INFO_LABELS.plan, value: plan.info.title, input: false },
    { label: FORM_INFO_LABELS.agency, value: agency.name, input: false },
    { label: FORM_INFO_LABELS.agencyCode, value: agency.code, input: false },
    { label: FORM_INFO_LABELS.round, value: round.label, input: false },
    { label: FORM_INFO_LABELS.submissionNo, value: 1, input: true, numFmt: '0', align: 'left' },
    { label: FORM_INFO_LABELS.preparedBy, value: null, input: true },
    // Text format keeps the leading 0 of a phone number.
    { label: FORM_INFO_LABELS.phone, value: null, input: true, numFmt: NUMFMT.text },
    { label: FORM_INFO_LABELS.preparedDate, value: null, input: true, numFmt: NUMFMT.date, align: 'left' },
  ];
  rows.forEach((r, i) => {
    const row = first + i;
    fixedCell(ws.getCell(row, 1), r.label, { bold: true });
    const opts: { align?: 'left' | 'center'; numFmt?: string } = {};
    if (r.align) opts.align = r.align;
    if (r.numFmt !== undefined) opts.numFmt = r.numFmt;
    if (r.input) inputCell(ws.getCell(row, 2), r.value, opts);
    else fixedCell(ws.getCell(row, 2), r.value, opts);
    ws.getRow(row).height = heightFor(typeof r.value === 'string' ? estimateLines(r.value, 70) : 1);
  });
  const rowOf = (label: string) => first + rows.findIndex((r) => r.label === label);

  const dv = dataValidations(ws);
  dv.add(`B${rowOf(FORM_INFO_LABELS.submissionNo)}`, {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    formulae: [1],
    allowBlank: false,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Lần nộp',
    error: 'Nhập số nguyên từ 1 trở lên: 1 cho lần gửi đầu, 2 nếu gửi lại lần thứ hai…',
  });
  dv.add(`B${rowOf(FORM_INFO_LABELS.preparedDate)}`, {
    type: 'date',
    operator: 'between',
    formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Ngày lập',
    error: 'Nhập ngày dạng ngày/tháng/năm, ví dụ 12/07/2026.',
    showInputMessage: true,
    promptTitle: 'Ngày lập',
    prompt: 'Nhập ngày dạng ngày/tháng/năm, ví dụ 12/07/2026.',
  });

  const steps = [
    'Chỉ điền vào các ô nền vàng; các ô khác đã khóa để giữ đúng mẫu.',
    'Không đổi tên, không xóa và không thêm sheet; không sửa dòng tiêu đề của bảng.',
    agency.sheets.includes('tasks')
      ? `Sheet "${FORM_SHEETS.tasks}": chọn "${FORM_TASK_HEADERS.status}" trong danh sách (${TASK_STATUSES.join(' / ')}); ghi tóm tắt kết quả, khó khăn và kiến nghị của từng nhiệm vụ.`
      : '',
    agency.sheets.includes('budget')
      ? `Sheet "${FORM_SHEETS.budget}": nhập số (không nhập chữ), đơn vị ${plan.info.moneyUnit}; "${withMoneyUnit(FORM_BUDGET_HEADERS.amount, plan.info.moneyUnit)}" tự tính bằng Số lượng × Định mức; tổng các năm phải bằng Thành tiền. Cần thêm dòng thì chèn dòng (Insert) ở giữa bảng, trên dòng "Tổng cộng".`
      : '',
    `Khi gửi lại báo cáo đã sửa, tăng "${FORM_INFO_LABELS.submissionNo}" thêm 1 (2, 3…) để bản mới thay bản cũ.`,
    'Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, gửi lại cho cơ quan tổng hợp.',
  ].filter((s) => s !== '');
  const guide = ['HƯỚNG DẪN', ...steps.map((s, i) => `${i + 1}. ${s}`)];
  let row = first + rows.length + 1;
  guide.forEach((text, i) => {
    titleRow(ws, row, 2, text, { size: 12, bold: i === 0, italic: i > 0, align: 'left', widthChars: width });
    row++;
  });

  setupPage(ws, { landscape: false });
  ws.views = [{ state: 'normal', showGridLines: false }];
  await protect(ws);
}

// ---------------------------------------------------------------------------------------------
// "Nhiệm vụ"

async function addTaskSheet(wb: ExcelJS.Workbook, plan: Plan, round: Round, agency: Agency): Promise<void> {
  const ws = wb.addWorksheet(FORM_SHEETS.tasks);
  const headers = [
    FORM_TASK_HEADERS.id,
    FORM_TASK_HEADERS.text,
    FORM_TASK_HEADERS.role,
    FORM_TASK_HEADERS.status,
    FORM_TASK_HEADERS.result,
    FORM_TASK_HEADERS.difficulties,
    FORM_TASK_HEADERS.proposals,
  ];
  const widths = [6, 42, 10, 15, 38, 25, 25];
  setWidths(ws, widths);
  const total = widths.reduce((a, b) => a + b, 0);
  const last = headers.length;
  titleRow(ws, 1, last, 'BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ', { size: 14, bold: true });
  titleRow(ws, 2, last, `${agency.name} - Đợt báo cáo: ${round.label}`, { size: 13, bold: true, widthChars: total });
  titleRow(ws, 3, last, `Chọn "${FORM_TASK_HEADERS.status}" trong danh sách; điền các ô nền vàng. Kế hoạch: ${plan.info.title}`, {
    size: 12,
    italic: true,
    widthChars: total,
  });

  const hr = FORM_HEADER_ROW;
  headers.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  ws.getRow(hr).height = heightFor(2);

  const tasks = tasksOf(plan, agency.code);
  tasks.forEach(({ task, role }, i) => {
    const r = hr + 1 + i;
    fixedCell(ws.getCell(r, 1), task.id, { align: 'center' });
    fixedCell(ws.getCell(r, 2), task.text);
    fixedCell(ws.getCell(r, 3), ROLE_LABELS[role], { align: 'center' });
    inputCell(ws.getCell(r, 4), null, { align: 'center' });
    inputCell(ws.getCell(r, 5), null);
    inputCell(ws.getCell(r, 6), null);
    inputCell(ws.getCell(r, 7), null);
    // Long task texts: give the row a height so LibreOffice and old Excel show them whole.
    ws.getRow(r).height = heightFor(Math.max(2, estimateLines(task.text, widths[1] ?? 42)));
  });

  if (tasks.length > 0) {
    const first = hr + 1;
    const lastRow = hr + tasks.length;
    // By range, never per cell (exceljs issue 2820: per-cell lists overlap).
    dataValidations(ws).add(`D${first}:D${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${TASK_STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tình trạng không hợp lệ',
      error: `Chọn một trong: ${TASK_STATUSES.join(' / ')}.`,
      showInputMessage: true,
      promptTitle: FORM_TASK_HEADERS.status,
      prompt: 'Chọn trong danh sách.',
    });
  }

  setupPage(ws, { landscape: true, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
  await protect(ws);
}

// ---------------------------------------------------------------------------------------------
// "Chỉ tiêu"

/**
 * What months the figure of the period covers, in the form's words. A period from January (the
 * year, 6 tháng đầu năm, 9 tháng) asks for every month of it, those reported in an earlier round
 * included; a later one (quý III, 6 tháng cuối năm, tháng 8) for its own months only, baocao adding
 * the earlier rounds for the year to date.
 */
export function periodInstruction(period: Period, byQuarter: boolean): string {
  const [start, end] = periodMonths(period);
  const quarters = byQuarter ? '; với chỉ tiêu cộng dồn, ghi thêm từng quý' : '';
  if (start === end) return start === 1 ? `Ghi số liệu của ${period.label}.` : `Ghi số liệu của riêng ${period.label}, không ghi số lũy kế từ đầu năm: baocao tự cộng các đợt trước.`;
  const span = `từ tháng ${start} đến hết tháng ${end}`;
  if (start === 1) return `Ghi số liệu của cả ${period.label} (${span}), kể cả những tháng đã báo cáo ở đợt trước${quarters}.`;
  return `Ghi số liệu của riêng ${period.label} (${span})${quarters}. Không ghi số lũy kế từ đầu năm: baocao tự cộng các đợt trước.`;
}

/**
 * The agency's own indicators for the period: targets prefilled and locked; "Thực hiện kỳ này"
 * (and, for flows over several quarters, each quarter) and "Cùng kỳ năm trước" when the plan does
 * not know it are input cells. Cumulative figures are never asked: baocao adds up the rounds.
 */
async function addIndicatorSheet(wb: ExcelJS.Workbook, plan: Plan, period: Period, round: Round, agency: Agency): Promise<void> {
  const ws = wb.addWorksheet(FORM_SHEETS.indicators);
  const indicators = plan.indicators.filter((i) => i.reporters.includes(agency.code) && !isDerived(i));
  const quarters = quartersIn(period);
  const H = FORM_INDICATOR_HEADERS;
  const headers = [H.stt, H.code, H.name, H.unit, `${H.plan} năm ${period.year}`, ...quarters.map((q) => QUARTER_HEADERS[q - 1] ?? `Quý ${q}`), H.actual, H.base, H.note];
  // Codes are upper case: about 1,4 character widths a letter, so "TRONGRUNG" stays on one line.
  const codeWidth = Math.max(12, ...indicators.map((i) => Math.ceil(i.code.length * 1.4) + 2));
  const widths = [6, codeWidth, 46, 12, 14, ...quarters.map(() => 13), 16, 16, 22];
  setWidths(ws, widths);
  const last = headers.length;
  const total = widths.reduce((a, b) => a + b, 0);
  titleRow(ws, 1, last, 'BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', { size: 14, bold: true });
  titleRow(ws, 2, last, `${agency.name} - Đợt báo cáo: ${round.label}`, { size: 13, bold: true, widthChars: total });
  titleRow(
    ws,
    3,
    last,
    periodInstruction(period, quarters.length > 0),
    { size: 12, italic: true, widthChars: total },
  );
  const hr = FORM_HEADER_ROW;
  headers.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  ws.getRow(hr).height = heightFor(2);
  const yearId = String(period.year);
  indicators.forEach((ind, i) => {
    const r = hr + 1 + i;
    const planYear = planValue(plan.indicatorValues, ind.code, yearId, 'plan');
    const base = baseValue(plan.indicatorValues, ind, period);
    fixedCell(ws.getCell(r, 1), i + 1, { align: 'center', numFmt: '0' });
    fixedCell(ws.getCell(r, 2), ind.code, { align: 'center' });
    fixedCell(ws.getCell(r, 3), ind.name);
    fixedCell(ws.getCell(r, 4), ind.unit, { align: 'center' });
    fixedCell(ws.getCell(r, 5), planYear, { align: 'right', numFmt: fixedNumberFormat(planYear) });
    quarters.forEach((_, qi) => {
      const cell = ws.getCell(r, 6 + qi);
      if (ind.kind === 'flow') inputCell(cell, null, { align: 'right', numFmt: NUMFMT_INDICATOR });
      else fixedCell(cell, null);
    });
    const c0 = 6 + quarters.length;
    inputCell(ws.getCell(r, c0), null, { align: 'right', numFmt: NUMFMT_INDICATOR });
    if (base !== null) fixedCell(ws.getCell(r, c0 + 1), base, { align: 'right', numFmt: fixedNumberFormat(base) });
    else inputCell(ws.getCell(r, c0 + 1), null, { align: 'right', numFmt: NUMFMT_INDICATOR });
    inputCell(ws.getCell(r, c0 + 2), null);
    ws.getRow(r).height = heightFor(Math.max(1, estimateLines(ind.name, widths[2] ?? 46)));
  });
  setupPage(ws, { landscape: true, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
  await protect(ws);
}

/**
 * Input cells show what was typed (General: "#,##0.##" would show "4." for 4); prefilled
 * figures get thousands separators and their own decimals.
 */
const NUMFMT_INDICATOR = 'General';

function fixedNumberFormat(v: number | null): string {
  if (v === null || Number.isInteger(v)) return '#,##0';
  return Number.isInteger(v * 10) ? '#,##0.0' : '#,##0.00';
}

// ---------------------------------------------------------------------------------------------
// "Kinh phí"

interface BudgetColumns {
  readonly stt: number;
  readonly content: number;
  readonly unit: number;
  readonly quantity: number;
  readonly rate: number;
  readonly amount: number;
  readonly years: readonly number[];
  readonly spent: number | null;
  readonly note: number;
  readonly count: number;
}

function budgetColumns(yearCount: number, progress: boolean): BudgetColumns {
  const years = Array.from({ length: yearCount }, (_, i) => 7 + i);
  const spent = progress ? 7 + yearCount : null;
  const note = 7 + yearCount + (progress ? 1 : 0);
  return { stt: 1, content: 2, unit: 3, quantity: 4, rate: 5, amount: 6, years, spent, note, count: note };
}

async function addBudgetSheet(
  wb: ExcelJS.Workbook,
  plan: Plan,
  round: Round,
  agency: Agency,
  prefill: readonly BudgetLine[],
): Promise<void> {
  const ws = wb.addWorksheet(FORM_SHEETS.budget);
  // A progress round whose folder name is not a period has no year to report spending for.
  const progress = round.kind === 'progress' && round.period !== null;
  const years = plan.info.years;
  const c = budgetColumns(years.length, progress);
  const headers = budgetHeaders(years, progress && round.period ? round.period.year : null, plan.info.moneyUnit);
  const widths = [6, 38, 9, 9, 12, 13, ...years.map(() => 12), ...(progress ? [14] : []), 16];
  setWidths(ws, widths);
  const total = widths.reduce((a, b) => a + b, 0);

  const title = progress && round.period
    ? `TÌNH HÌNH THỰC HIỆN KINH PHÍ ${round.period.label.toLocaleUpperCase('vi')}`
    : 'DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH';
  titleRow(ws, 1, c.count, title, { size: 14, bold: true, widthChars: total });
  titleRow(ws, 2, c.count, `${agency.name} - Đợt báo cáo: ${round.label}`, { size: 13, bold: true, widthChars: total });
  titleRow(ws, 3, c.count, `Đơn vị tính: ${plan.info.moneyUnit}`, { size: 12, italic: true, align: 'right' });

  const hr = FORM_HEADER_ROW;
  headers.forEach((h, i) => {
    const cell = ws.getCell(hr, i + 1);
    cell.value = h;
    styleHeaderCell(cell);
  });
  ws.getRow(hr).height = heightFor(Math.max(...headers.map((h, i) => estimateLines(h, widths[i] ?? 10))));

  const lines: readonly (BudgetLine | null)[] = prefill.length > 0 ? prefill : Array.from({ length: BLANK_BUDGET_ROWS }, () => null);
  const first = hr + 1;
  const sums = { amount: 0, years: years.map(() => 0), spent: 0 };
  lines.forEach((line, i) => {
    const r = first + i;
    // Progress rounds: the approved estimate is shown, locked; only the spent figure and the note are typed.
    const estimateLocked = progress && line !== null;
    const put = (col: number, value: ExcelJS.CellValue, opts: { align?: 'left' | 'center' | 'right'; numFmt?: string } = {}) => {
      if (estimateLocked) fixedCell(ws.getCell(r, col), value, opts);
      else inputCell(ws.getCell(r, col), value, opts);
    };
    put(c.stt, line?.stt ?? null, { align: 'center' });
    put(c.content, line?.content ?? null);
    put(c.unit, line?.unit ?? null, { align: 'center' });
    // A prefilled (locked) quantity shows its own decimals; an empty input cell shows what is typed.
    const quantity = line?.quantity ?? null;
    put(c.quantity, quantity, { align: 'right', numFmt: typeof quantity === 'number' ? fixedNumberFormat(quantity) : 'General' });
    put(c.rate, line?.rate ?? null, { align: 'right', numFmt: NUMFMT.integer });

    const amount = amountValue(line, r, c);
    if (amount.formula) fixedCell(ws.getCell(r, c.amount), amount.value, { align: 'right', numFmt: NUMFMT.integer });
    else put(c.amount, amount.value, { align: 'right', numFmt: NUMFMT.integer });
    sums.amount += amount.number;

    years.forEach((_, k) => {
      const v = line?.years[k] ?? null;
      put(c.years[k] ?? 0, v, { align: 'right', numFmt: NUMFMT.integer });
      sums.years[k] = (sums.years[k] ?? 0) + (v ?? 0);
    });
    if (c.spent !== null) {
      inputCell(ws.getCell(r, c.spent), line?.spent ?? null, { align: 'right', numFmt: NUMFMT.integer });
      sums.spent += line?.spent ?? 0;
    }
    inputCell(ws.getCell(r, c.note), line?.note ?? null);
    // LibreOffice does not grow rows for wrapped text on load.
    const lines = line === null ? 1 : Math.max(estimateLines(line.content, widths[c.content - 1] ?? 38), estimateLines(line.note, widths[c.note - 1] ?? 16));
    ws.getRow(r).height = heightFor(lines);
  });
  const lastRow = first + lines.length - 1;

  // Totals: live SUMs with their cached results (exceljs never calculates).
  const tr = lastRow + 1;
  for (let col = 1; col <= c.count; col++) fixedCell(ws.getCell(tr, col), null, { bold: true });
  ws.getCell(tr, c.content).value = 'Tổng cộng';
  ws.getCell(tr, c.content).alignment = { horizontal: 'center', vertical: 'middle' };
  const sumCell = (col: number, result: number) => {
    const L = columnLetter(col);
    fixedCell(ws.getCell(tr, col), { formula: `SUM(${L}${first}:${L}${lastRow})`, result }, { bold: true, align: 'right', numFmt: NUMFMT.money });
  };
  sumCell(c.amount, sums.amount);
  c.years.forEach((col, k) => sumCell(col, sums.years[k] ?? 0));
  if (c.spent !== null) sumCell(c.spent, sums.spent);

  setupPage(ws, { landscape: true, printTitlesRow: `${hr}:${hr}` });
  freezeBelow(ws, hr);
  await protect(ws);
}

/**
 * The Thành tiền cell: a formula Số lượng × Định mức with its cached result, or the prefilled
 * figure as a plain (typed) value when it is not that product (a lump sum, or an odd estimate).
 */
function amountValue(
  line: BudgetLine | null,
  row: number,
  c: BudgetColumns,
): { value: ExcelJS.CellValue; formula: boolean; number: number } {
  const q = cellAddress(row, c.quantity);
  const rate = cellAddress(row, c.rate);
  const formula = `IF(AND(${q}="",${rate}=""),"",${q}*${rate})`;
  if (line === null) return { value: { formula, result: '' }, formula: true, number: 0 };
  if (line.quantity !== null && line.rate !== null) {
    const product = line.quantity * line.rate;
    if (Math.abs(product - line.amount) < 0.5) return { value: { formula, result: line.amount }, formula: true, number: line.amount };
  }
  return { value: line.amount, formula: false, number: line.amount };
}

/** `ws.dataValidations` exists at run time but is missing from exceljs's type declarations. */
function dataValidations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}
