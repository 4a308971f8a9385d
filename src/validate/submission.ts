/**
 * Validates one agency workbook against the plan: who sent it, the task reports and the
 * budget lines, checking every cell. Works on the forms baocao writes and on workbooks
 * people made by hand (title rows, other column order, sheet names without diacritics,
 * numbers typed as text).
 */
import { finding, type Finding } from '../findings.js';
import { tasksOf, type Agency, type Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import {
  ANNOTATION_SHEET,
  FORM_BUDGET_HEADERS,
  FORM_SHEET_ALIASES,
  budgetHeaders,
  FORM_INFO_LABELS,
  FORM_SHEETS,
  FORM_TASK_HEADERS,
  TASK_STATUSES,
  spentHeader,
  withMoneyUnit,
  yearHeader,
  type TaskStatus,
} from '../model/sheets.js';
import { address, cellAt, cellText, type SourceSheet, type SourceWorkbook } from '../model/source.js';
import type { BudgetLine, Submission, TaskReport } from '../model/submission.js';
import { foldKey, formatNumber, fromRoman, isMoneyUnit, stripDiacritics, unitScale } from '../vn/index.js';
import { matchAgency } from '../model/agencies.js';
import { outlineParents } from './budget-outline.js';
import { validateIndicators } from './indicator-sheet.js';
import { judgeIdentity } from './identity.js';
import {
  MAX_FIGURE,
  checkColumnPeriod,
  clip,
  figureText,
  findHeader,
  findSheet,
  holdsData,
  inRange,
  readDateCell,
  readLabelValues,
  readNumberCell,
  report,
  reportColumns,
  reportNumbersOutsideTable,
  scaleGap,
  type ColumnSpec,
  type NumberRead,
  type SheetContext,
} from './sheet-tools.js';

export interface SubmissionResult {
  readonly submission: Submission | null;
  readonly findings: Finding[];
}

/** The words before the period in a spent column's header: "Đã thực hiện", "Đã giải ngân"… */
const SPENT_WORDS = /^(?:kinh phi )?(?:da thuc hien|da giai ngan|thuc hien|giai ngan)\s+(.+)$/;

/** Money figures may differ by rounding of at most this much (in the sheet's unit). */
const TOLERANCE = 1;

const spec = (label: string, required: boolean, extra: string[] = []): ColumnSpec => ({
  label,
  match: [foldKey(label), ...extra.map(foldKey)],
  required,
});

/**
 * Validates one workbook; the submission is null when the agency cannot be identified. A workbook
 * of another plan or round gives a submission marked `misplaced` (agencyCode "" when no agency of
 * this plan is recognised) with that one error.
 */
export function validateSubmission(wb: SourceWorkbook, plan: Plan, round: Round): SubmissionResult {
  const findings: Finding[] = [];
  const file = wb.file;

  // --- Who sent it: the "Thông tin" sheet first, then the file name.
  const infoSheet = findSheet(wb, FORM_SHEETS.info, FORM_SHEET_ALIASES.info);
  const infoValues = infoSheet ? readLabelValues(infoSheet) : new Map();
  const infoText = (label: string) => {
    const hit = infoValues.get(foldKey(label));
    return hit ? cellText(hit.cell).trim() : '';
  };
  let agency: Agency | undefined;
  let identifiedBy: 'info' | 'filename' = 'info';
  const codeText = infoText(FORM_INFO_LABELS.agencyCode);
  const nameText = infoText(FORM_INFO_LABELS.agency);
  agency = (codeText ? matchAgency(plan.agencies, codeText) : undefined) ?? (nameText ? matchAgency(plan.agencies, nameText) : undefined);
  if (!agency) {
    agency = agencyFromFileName(plan.agencies, file);
    identifiedBy = 'filename';
  }
  // A workbook of another plan or round is not read further: its cells mean nothing here.
  const elsewhere = judgeIdentity(wb, plan, round, infoSheet, infoValues);
  if (elsewhere) {
    const submission: Submission = {
      file,
      sha256: wb.sha256,
      mtimeMs: wb.mtimeMs,
      agencyCode: agency?.code ?? '',
      identifiedBy,
      submissionNo: 1,
      preparedBy: infoText(FORM_INFO_LABELS.preparedBy),
      phone: infoText(FORM_INFO_LABELS.phone),
      preparedDate: null,
      tasks: [],
      budget: null,
      indicators: null,
      errorCount: 1,
      misplaced: elsewhere.misplaced,
    };
    return { submission, findings: [elsewhere.finding] };
  }
  if (!agency) {
    const said = nameText || codeText;
    // The cell to correct: the one naming an unknown agency, else the empty one to fill.
    const saidHit = infoValues.get(foldKey(nameText || !codeText ? FORM_INFO_LABELS.agency : FORM_INFO_LABELS.agencyCode)) ?? infoValues.get(foldKey(FORM_INFO_LABELS.agencyCode));
    findings.push(
      finding({
        file,
        sheet: infoSheet?.name ?? '',
        cell: saidHit ? address(saidHit.row, saidHit.col) : '',
        code: 'agency_unknown',
        message: said
          ? `Không nhận ra cơ quan "${said}" trong danh sách cơ quan của kế hoạch, và tên tệp cũng không khớp tên cơ quan nào.`
          : `Không xác định được cơ quan gửi tệp này: không có sheet "${FORM_SHEETS.info}" ghi tên cơ quan và tên tệp không khớp tên cơ quan nào của kế hoạch.`,
      }),
    );
    return { submission: null, findings };
  }

  let submissionNo = 1;
  let preparedDate: string | null = null;
  if (infoSheet) {
    const ctx: SheetContext = { file, sheet: infoSheet.name, findings };
    const noHit = infoValues.get(foldKey(FORM_INFO_LABELS.submissionNo));
    if (noHit && cellText(noHit.cell)) {
      const n = readNumberCell(ctx, infoSheet, noHit.row, noHit.col, FORM_INFO_LABELS.submissionNo);
      if (n.kind === 'number' && Number.isInteger(n.value) && n.value >= 1) submissionNo = n.value;
      else if (n.kind === 'number') {
        report(ctx, 'plan_invalid_value', address(noHit.row, noHit.col), `"Lần nộp" phải là số nguyên từ 1 trở lên; đang ghi ${cellText(noHit.cell)}.`);
      }
    }
    const dateHit = infoValues.get(foldKey(FORM_INFO_LABELS.preparedDate));
    if (dateHit) preparedDate = readDateCell(ctx, dateHit.cell, address(dateHit.row, dateHit.col), FORM_INFO_LABELS.preparedDate);
    const missing = [FORM_INFO_LABELS.preparedBy, FORM_INFO_LABELS.preparedDate].filter((l) => !infoText(l));
    if (missing.length > 0) {
      // The value cell beside the first missing label (B12, not the label A12); a label that is not
      // there at all is to be added on the first free row.
      const hit = infoValues.get(foldKey(missing[0] ?? ''));
      const at = hit ? address(hit.row, hit.col) : address(infoSheet.rowCount + 1, 1);
      report(ctx, 'info_field_missing', at, `Sheet "${infoSheet.name}" chưa ghi: ${missing.join(', ')}.`);
    }
  }

  const tasks = agency.sheets.includes('tasks') ? validateTasks(wb, plan, agency, findings) : [];
  const budget = agency.sheets.includes('budget') ? validateBudget(wb, plan, round, findings) : null;
  const indicators = agency.sheets.includes('indicators') && round.period ? validateIndicators(wb, plan, round.period, agency, findings) : null;
  // Figures in a sheet nobody reads would be left out without a word: say where they are.
  const read = [infoSheet, ...(['tasks', 'budget', 'indicators'] as const).filter((k) => agency.sheets.includes(k) && (k !== 'indicators' || round.period)).map((k) => findSheet(wb, FORM_SHEETS[k], FORM_SHEET_ALIASES[k]))];
  reportUnreadFigures(wb, read, findings);

  const submission: Submission = {
    file,
    sha256: wb.sha256,
    mtimeMs: wb.mtimeMs,
    agencyCode: agency.code,
    identifiedBy,
    submissionNo,
    preparedBy: infoText(FORM_INFO_LABELS.preparedBy),
    phone: infoText(FORM_INFO_LABELS.phone),
    preparedDate,
    tasks,
    budget,
    indicators,
    errorCount: findings.filter((f) => f.severity === 'error').length,
  };
  return { submission, findings };
}

/**
 * A warning for each sheet the validators did not read that holds a number (a copied "Kinh phí (2)",
 * a sheet of figures the plan does not ask this agency for): its figures are not aggregated. Sheets
 * of text only, empty sheets and the list of findings of a marked copy sent back say nothing.
 */
function reportUnreadFigures(wb: SourceWorkbook, read: readonly (SourceSheet | null)[], findings: Finding[]): void {
  const names = read.filter((s): s is SourceSheet => s !== null).map((s) => `"${s.name}"`);
  for (const sheet of wb.sheets) {
    if (read.includes(sheet) || foldKey(sheet.name) === foldKey(ANNOTATION_SHEET)) continue;
    const at = firstNumberCell(sheet);
    if (at === null) continue;
    report(
      { file: wb.file, sheet: sheet.name, findings },
      'sheet_extra',
      at,
      `Sheet "${sheet.name}" có số liệu (ô đầu tiên: ${at}) nhưng không được đọc nên không được tổng hợp${names.length > 0 ? `; các sheet được đọc: ${names.join(', ')}` : ''}.`,
    );
  }
}

/** Address of the first cell holding a number (typed or a formula's result), row by row; null when none. */
function firstNumberCell(sheet: SourceSheet): string | null {
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (row[c]?.kind === 'number') return address(r + 1, c + 1);
  }
  return null;
}

/** Identifies an agency from a file name: the longest agency name, alias or code found in it. */
export function agencyFromFileName(agencies: readonly Agency[], fileName: string): Agency | undefined {
  const base = fileName.replace(/\.[^.]+$/, '');
  const key = ` ${foldKey(base.replace(/[_\-.]+/g, ' '))} `;
  let best: { agency: Agency; len: number } | undefined;
  for (const a of agencies) {
    for (const name of [a.name, ...a.aliases, a.code]) {
      const k = foldKey(name);
      if (k.length < 2) continue;
      if (key.includes(` ${k} `) && (!best || k.length > best.len)) best = { agency: a, len: k.length };
    }
  }
  return best?.agency;
}

function statusOf(text: string): TaskStatus | null {
  const k = foldKey(text);
  return TASK_STATUSES.find((s) => foldKey(s) === k) ?? null;
}

function validateTasks(wb: SourceWorkbook, plan: Plan, agency: Agency, findings: Finding[]): TaskReport[] {
  const sheet = findSheet(wb, FORM_SHEETS.tasks, FORM_SHEET_ALIASES.tasks);
  if (!sheet) {
    findings.push(
      finding({
        file: wb.file,
        code: 'sheet_missing',
        message: `Thiếu sheet "${FORM_SHEETS.tasks}" (báo cáo tình hình thực hiện nhiệm vụ). Sheet cần có các cột: ${Object.values(FORM_TASK_HEADERS).join(' | ')}.`,
      }),
    );
    return [];
  }
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  if (sheet.hidden) report(ctx, 'sheet_hidden', '', `Sheet "${sheet.name}" đang bị ẩn nhưng vẫn được đọc.`);
  const specs = {
    id: spec(FORM_TASK_HEADERS.id, true, ['stt', 'tt', 'so tt']),
    text: spec(FORM_TASK_HEADERS.text, false, ['noi dung']),
    role: spec(FORM_TASK_HEADERS.role, false),
    status: spec(FORM_TASK_HEADERS.status, true, ['tinh hinh', 'trang thai']),
    result: spec(FORM_TASK_HEADERS.result, true, ['ket qua']),
    difficulties: spec(FORM_TASK_HEADERS.difficulties, false, ['kho khan']),
    proposals: spec(FORM_TASK_HEADERS.proposals, false, ['kien nghi', 'de xuat']),
  };
  const header = findHeader(sheet, specs);
  if (!header || header.missing.length > 0) {
    const missing = header ? header.missing.map((k) => `"${specs[k].label}"`).join(', ') : 'toàn bộ dòng tiêu đề';
    report(
      ctx,
      'header_missing',
      header ? address(header.row, 1) : 'A1',
      `Sheet "${sheet.name}" thiếu cột ${missing}. Dòng tiêu đề cần có: ${Object.values(FORM_TASK_HEADERS).join(' | ')}.`,
    );
    return [];
  }
  reportColumns(ctx, sheet, header);
  reportNumbersOutsideTable(ctx, sheet, header.row);
  const c = header.cols;
  const assigned = tasksOf(plan, agency.code);
  const reports: TaskReport[] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const idText = cellText(cellAt(sheet, r, c.id ?? 0)).trim().replace(/\.$/, '');
    const statusText = cellText(cellAt(sheet, r, c.status ?? 0)).trim();
    const result = cellText(cellAt(sheet, r, c.result ?? 0)).trim();
    // A row is reported only when a cell holds data: formulas copied down empty rows do not count.
    if (![c.id, c.status, c.result].some((col) => col !== undefined && holdsData(cellAt(sheet, r, col)))) continue;
    const idCell = address(r, c.id ?? 1);
    const mine = assigned.find((a) => a.task.id === idText);
    const task = mine?.task ?? plan.tasks.find((t) => t.id === idText);
    // A coordinator may have nothing to report on a task: an untouched row is not an error.
    if (task && !task.lead.includes(agency.code) && !statusText && !result) continue;
    if (!task) {
      report(ctx, 'task_unknown', idCell, `Dòng ${r}: không có nhiệm vụ số "${idText}" trong kế hoạch.`);
      continue;
    }
    // The number says which task; the text beside it must not say another one (Excel turns a typed
    // 1.10 into the number 1.1; a row copied from another task keeps its old number).
    const other = c.text !== undefined ? taskNamedInstead(plan, task, cellText(cellAt(sheet, r, c.text))) : null;
    if (other) {
      report(
        ctx,
        'task_id_mismatch',
        idCell,
        `Dòng ${r}: số "${idText}" là nhiệm vụ ${task.id} ("${clipLabel(task.text)}"), nhưng cột "${FORM_TASK_HEADERS.text}" ghi nhiệm vụ ${other.id} ("${clipLabel(other.text)}"); baocao không đoán dòng này báo cáo nhiệm vụ nào.`,
      );
      continue;
    }
    if (reports.some((x) => x.taskId === task.id)) {
      report(ctx, 'task_unknown', idCell, `Nhiệm vụ ${task.id} được báo cáo hai lần; chỉ dòng đầu tiên được tổng hợp.`);
      continue;
    }
    if (sheet.hiddenRows.includes(r)) report(ctx, 'row_hidden', address(r, 1), `Dòng ${r} (nhiệm vụ ${task.id}) đang bị ẩn nhưng vẫn được tổng hợp.`);
    const statusCell = address(r, c.status ?? 1);
    const status = statusOf(statusText);
    if (!statusText) {
      report(ctx, 'task_status_missing', statusCell, `Nhiệm vụ ${task.id} chưa chọn "Tình trạng".`);
    } else if (!status) {
      report(ctx, 'task_status_invalid', statusCell, `Nhiệm vụ ${task.id}: tình trạng "${statusText}" không có trong danh sách (${TASK_STATUSES.join(' / ')}).`);
    }
    if (!result && status && status !== 'Chưa thực hiện') {
      report(ctx, 'task_result_missing', address(r, c.result ?? 1), `Nhiệm vụ ${task.id} (${status}) chưa ghi "Kết quả thực hiện".`);
    }
    reports.push({
      taskId: task.id,
      role: mine?.role ?? (task.lead.includes(agency.code) ? 'lead' : 'coordinator'),
      status,
      result,
      difficulties: c.difficulties ? cellText(cellAt(sheet, r, c.difficulties)).trim() : '',
      proposals: c.proposals ? cellText(cellAt(sheet, r, c.proposals)).trim() : '',
      source: { file: wb.file, sheet: sheet.name, cell: statusCell },
    });
  }
  const missing = assigned.filter((a) => a.role === 'lead' && !reports.some((x) => x.taskId === a.task.id));
  if (missing.length > 0) {
    report(
      ctx,
      'task_not_reported',
      address(header.row, c.id ?? 1),
      `Chưa báo cáo nhiệm vụ được giao chủ trì: ${missing.map((m) => m.task.id).join(', ')}.`,
    );
  }
  return reports;
}

/** Folded task texts by plan (a plan's tasks are compared with every row of every workbook). */
const foldedTaskTexts = new WeakMap<Plan, ReadonlyMap<string, string>>();

/** Whether two folded task texts name the same task: equal, or long enough and equal over their first 40 characters (a text cut short). */
function sameTaskText(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length, 40);
  return n >= 24 && a.slice(0, n) === b.slice(0, n);
}

/**
 * The one other task of the plan whose text the row's "Nhiệm vụ" cell gives, when that text is not
 * `task`'s own; null when it is, when it is blank, or when it names no task (or several) clearly.
 */
function taskNamedInstead(plan: Plan, task: Plan['tasks'][number], rowText: string): Plan['tasks'][number] | null {
  const text = foldKey(rowText);
  if (text === '') return null;
  let folded = foldedTaskTexts.get(plan);
  if (!folded) {
    folded = new Map(plan.tasks.map((t) => [t.id, foldKey(t.text)]));
    foldedTaskTexts.set(plan, folded);
  }
  if (sameTaskText(text, folded.get(task.id) ?? '')) return null;
  const named = plan.tasks.filter((t) => t.id !== task.id && sameTaskText(text, folded.get(t.id) ?? ''));
  return named.length === 1 ? (named[0] ?? null) : null;
}

/** A formula without a cached result whose value baocao cannot compute: an error, the figure is unknown. */
function reportNoResult(ctx: SheetContext, at: string, formula: string): void {
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell: at,
      code: 'formula_no_result',
      message: `Ô ${at} có công thức "=${formula}" nhưng tệp không lưu kết quả, và baocao không tự tính được số này.`,
    }),
  );
}

/**
 * "Tổng cộng", "Tổng số", "Cộng", "TONG CONG (I+II)", and a group's subtotal "Cộng nhóm I",
 * "Cộng I", "Cộng mục 2:": a total row typed by the agency (never "Công tác phí…", "Cộng tác viên").
 */
export function isTotalLabel(label: string): boolean {
  // Every total label starts with T or C ("Tổng", "Cộng"): the rest need not be folded.
  if (!/^[\s\p{M}]*[tc]/iu.test(label)) return false;
  const t = stripDiacritics(label).toLowerCase().trim();
  return /^(tong cong|tong so|tong|cong)(?:\s+(?:nhom|muc|phan|khoan))?(?:\s+(?:[ivxlc]+|\d+)(?:\s*\+\s*(?:[ivxlc]+|\d+))*)?\s*\.?\s*(?:[:(].*)?$/.test(t);
}

function validateBudget(wb: SourceWorkbook, plan: Plan, round: Round, findings: Finding[]): BudgetLine[] {
  const sheet = findSheet(wb, FORM_SHEETS.budget, FORM_SHEET_ALIASES.budget);
  const years = plan.info.years;
  const money = plan.info.moneyUnit;
  const expected = budgetHeaders(years, round.period ? round.period.year : null, money).join(' | ');
  if (!sheet) {
    findings.push(finding({ file: wb.file, code: 'sheet_missing', message: `Thiếu sheet "${FORM_SHEETS.budget}". Sheet cần có các cột: ${expected}.` }));
    return [];
  }
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  if (sheet.hidden) report(ctx, 'sheet_hidden', '', `Sheet "${sheet.name}" đang bị ẩn nhưng vẫn được đọc.`);
  const specs = {
    stt: spec(FORM_BUDGET_HEADERS.stt, false, ['tt', 'so tt']),
    content: spec(FORM_BUDGET_HEADERS.content, true, ['noi dung chi', 'ten nhiem vu']),
    unit: spec(FORM_BUDGET_HEADERS.unit, false, ['dvt', 'don vi']),
    quantity: spec(FORM_BUDGET_HEADERS.quantity, true, ['so luong']),
    rate: spec(withMoneyUnit(FORM_BUDGET_HEADERS.rate, money), true, ['dinh muc', 'don gia']),
    amount: spec(withMoneyUnit(FORM_BUDGET_HEADERS.amount, money), true, ['thanh tien', 'tong kinh phi', 'kinh phi']),
    spent: spec('Đã thực hiện', false, ['da thuc hien', 'kinh phi da thuc hien', 'thuc hien nam', 'da giai ngan']),
    note: spec(FORM_BUDGET_HEADERS.note, false),
  };
  const header = findHeader(sheet, specs, /^nam (\d{4})\b/);
  const yearCols = new Map<number, number>();
  for (const p of header?.patterned ?? []) yearCols.set(Number(p.key), p.col);
  const missingYears = years.filter((y) => !yearCols.has(y));
  if (!header || header.missing.length > 0 || missingYears.length > 0) {
    const missing = [
      ...(header ? header.missing.map((k) => `"${specs[k].label}"`) : []),
      ...missingYears.map((y) => `"${yearHeader(y)}"`),
    ];
    report(
      ctx,
      'header_missing',
      header ? address(header.row, 1) : 'A1',
      header
        ? `Sheet "${sheet.name}" thiếu cột ${missing.join(', ')}. Dòng tiêu đề cần có: ${expected}.`
        : `Sheet "${sheet.name}" không có dòng tiêu đề. Dòng tiêu đề cần có: ${expected}.`,
    );
    return [];
  }
  const c = header.cols;
  if (round.kind === 'progress' && c.spent === undefined) {
    report(ctx, 'header_missing', address(header.row, 1), `Sheet "${sheet.name}" thiếu cột "${spentHeader(round.period?.year ?? years[0] ?? 0, money)}" (kinh phí đã thực hiện trong kỳ).`);
  }
  const extra = header.extra.filter((e) => !(round.kind === 'estimate' && foldKey(e.text).startsWith('da thuc hien')));
  reportColumns(ctx, sheet, header, extra);
  reportNumbersOutsideTable(ctx, sheet, header.row);
  checkMoneyUnit(ctx, sheet, header.row, [c.rate, c.amount, ...yearCols.values(), c.spent], money);
  // The spent column's year is right in every round of that year: baocao's forms write the year in each.
  if (round.kind === 'progress' && round.period && c.spent !== undefined) checkColumnPeriod(ctx, sheet, header.row, c.spent, round.period, SPENT_WORDS, 'số đã thực hiện', true);
  for (const [y, col] of yearCols) {
    if (!years.includes(y)) report(ctx, 'column_extra', address(header.row, col), `Cột "${yearHeader(y)}" không thuộc các năm của kế hoạch (${years.join(', ')}); không được tổng hợp.`);
  }

  const entries: BudgetEntry[] = [];
  const marks: Mark[] = [];
  let textNumbers = 0;
  let firstTextNumber = '';
  const numeric = (row: number, col: number | undefined, label: string): NumberRead => {
    if (col === undefined) return { kind: 'blank' };
    const n = readNumberCell(ctx, sheet, row, col, label);
    if (n.kind === 'number' && n.fromText) {
      textNumbers++;
      if (!firstTextNumber) firstTextNumber = address(row, col);
    }
    return n;
  };
  const contentCols = [c.stt, c.content, c.quantity, c.rate, c.amount, ...yearCols.values()].filter((x): x is number => x !== undefined);
  /** Số lượng × Định mức when the amount is left to baocao; beyond MAX_FIGURE it is reported and unknown. */
  const boundedProduct = (q: number, rt: number, r: number): number | null => {
    const product = q * rt;
    if (inRange(product)) return product;
    const at = address(r, c.amount ?? 1);
    report(ctx, 'value_out_of_range', at, `Dòng ${r}: Thành tiền = Số lượng × Định mức = ${figureText(q)} × ${figureText(rt)} = ${figureText(product)}, vượt quá giới hạn ±${formatNumber(MAX_FIGURE)} của một số liệu báo cáo.`);
    return null;
  };

  // The columns whose lines add up: Thành tiền, the years, and what was spent in a progress round.
  const spentCol = round.kind === 'progress' && round.period ? c.spent : undefined;
  const summed: SummedColumn[] = [
    ...(c.amount !== undefined ? [{ col: c.amount, label: specs.amount.label }] : []),
    ...years.map((y) => ({ col: yearCols.get(y) ?? 0, label: yearHeader(y) })),
    ...(spentCol !== undefined ? [{ col: spentCol, label: spentHeader(round.period?.year ?? 0, money) }] : []),
  ];

  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const content = cellText(cellAt(sheet, r, c.content ?? 0)).trim();
    const stt = c.stt ? cellText(cellAt(sheet, r, c.stt)).trim() : '';
    // A row with no data is empty, whatever formulas were copied down into it (=D6*E6 caches 0);
    // a formula numbering the rows (=A6+1) does not make a row either.
    if (!contentCols.some((col) => holdsData(cellAt(sheet, r, col)) && !(col === c.stt && cellAt(sheet, r, col)?.formula !== undefined))) continue;
    // Totals typed by the agency are recomputed, never copied: a label that is only "Tổng cộng",
    // "Tổng số", "Tổng" or "Cộng" (maybe with "(I+II)" or ":"), never "Công tác phí…". Their
    // figures are checked against the lines they add up.
    if (isTotalLabel(content || stt)) {
      marks.push({ kind: 'total', row: r, label: content || stt });
      continue;
    }
    // Column-number rows "(1) (2) …" under the header.
    if (/^\(?\d+\)?$/.test(content) && /^\(?\d+\)?$/.test(stt) && stt.startsWith('(')) continue;
    // Group headings are numbered with upper-case Roman numerals (I, II…); "c", "d", "i" are items.
    // A heading's figures, when it has any, are its group's subtotal.
    const isGroupHeading = /^[IVXLC]+\.?$/.test(stt) && fromRoman(stt.replace(/\.$/, '')) !== null;
    if (isGroupHeading) {
      marks.push({ kind: 'heading', row: r, label: content ? `${stt} ${content}` : stt });
      continue;
    }
    if (sheet.hiddenRows.includes(r)) report(ctx, 'row_hidden', address(r, 1), `Dòng ${r} đang bị ẩn nhưng vẫn được tổng hợp.`);

    const quantity = numeric(r, c.quantity, FORM_BUDGET_HEADERS.quantity);
    const rate = numeric(r, c.rate, specs.rate.label);
    const amountRead = numeric(r, c.amount, specs.amount.label);
    const yearReads = years.map((y) => numeric(r, yearCols.get(y), yearHeader(y)));
    const spentRead = numeric(r, c.spent, round.period ? spentHeader(round.period.year, money) : 'Đã thực hiện');

    const value = (n: NumberRead): number | null => (n.kind === 'number' ? n.value : null);
    const q = value(quantity);
    const rt = value(rate);
    const amountCell = address(r, c.amount ?? 1);
    let amount = value(amountRead);
    const yearsKnown = yearReads.every((y) => y.kind === 'number' || y.kind === 'blank');
    if (amountRead.kind === 'no-result') {
      // A formula saved without its result is recomputed when the row allows it, never taken as 0.
      if (q !== null && rt !== null) amount = boundedProduct(q, rt, r);
      else if (yearsKnown && yearReads.some((y) => y.kind === 'number')) amount = yearReads.reduce((a, y) => a + (y.kind === 'number' ? y.value : 0), 0);
      else reportNoResult(ctx, amountCell, amountRead.formula);
    }
    for (const [i, yr] of yearReads.entries()) {
      if (yr.kind === 'no-result') reportNoResult(ctx, address(r, yearCols.get(years[i] ?? 0) ?? 1), yr.formula);
    }
    const negatives: [NumberRead, number | undefined, string][] = [
      [quantity, c.quantity, FORM_BUDGET_HEADERS.quantity],
      [rate, c.rate, specs.rate.label],
      [amountRead, c.amount, specs.amount.label],
      ...yearReads.map((y, i): [NumberRead, number | undefined, string] => [y, yearCols.get(years[i] ?? 0), yearHeader(years[i] ?? 0)]),
      [spentRead, c.spent, 'Đã thực hiện'],
    ];
    for (const [n, col, label] of negatives) {
      if (n.kind === 'number' && n.value < 0 && col !== undefined) {
        const at = address(r, col);
        report(ctx, 'value_negative', at, `Ô ${at} (${label}) là số âm (${formatNumber(n.value)}); kinh phí không được âm.`);
      }
    }
    if (!content) report(ctx, 'value_required', address(r, c.content ?? 1), `Dòng ${r} có số liệu nhưng chưa ghi "Nội dung".`);

    // Amount = quantity × rate.
    if (q !== null && rt !== null) {
      const product = q * rt;
      if (amount === null && amountRead.kind === 'blank') amount = boundedProduct(q, rt, r);
      else if (amount !== null && Math.abs(amount - product) > TOLERANCE) {
        report(
          ctx,
          'amount_mismatch',
          amountCell,
          `Dòng ${r}: Thành tiền ${formatNumber(amount)} khác Số lượng × Định mức = ${formatNumber(q, 2)} × ${formatNumber(rt)} = ${formatNumber(product)}.`,
        );
      }
    } else if ((quantity.kind === 'blank') !== (rate.kind === 'blank') && quantity.kind !== 'bad' && rate.kind !== 'bad') {
      const at = address(r, quantity.kind === 'blank' ? (c.quantity ?? 1) : (c.rate ?? 1));
      report(ctx, 'value_required', at, `Dòng ${r}: cần ghi cả "Số lượng" và "Định mức".`);
    }
    const yearValues = yearReads.map((y) => value(y) ?? 0);
    const yearSum = yearValues.reduce((a, b) => a + b, 0);
    if (amount === null && amountRead.kind === 'blank' && yearReads.some((y) => y.kind === 'number')) amount = yearSum;
    if (amount !== null && yearReads.every((y) => y.kind !== 'bad' && y.kind !== 'no-result') && Math.abs(yearSum - amount) > TOLERANCE) {
      report(
        ctx,
        'years_mismatch',
        amountCell,
        `Dòng ${r}: tổng các năm ${years.map((y, i) => `${formatNumber(yearValues[i] ?? 0)}`).join(' + ')} = ${formatNumber(yearSum)} khác Thành tiền ${formatNumber(amount)}.`,
      );
    }
    const spent = value(spentRead);
    const yi = round.period ? years.indexOf(round.period.year) : -1;
    const known = (n: NumberRead, v: number | null): number | null => (n.kind === 'bad' || (n.kind === 'no-result' && v === null) ? null : (v ?? 0));
    marks.push({ kind: 'line', index: entries.length });
    entries.push({
      line: {
        stt,
        content,
        unit: c.unit ? cellText(cellAt(sheet, r, c.unit)).trim() : '',
        quantity: q,
        rate: rt,
        amount: amount ?? 0,
        years: yearValues,
        spent,
        note: c.note ? cellText(cellAt(sheet, r, c.note)).trim() : '',
        source: {
          amount: { file: wb.file, sheet: sheet.name, cell: amountCell },
          years: years.map((y) => ({ file: wb.file, sheet: sheet.name, cell: address(r, yearCols.get(y) ?? 1) })),
          spent: c.spent ? { file: wb.file, sheet: sheet.name, cell: address(r, c.spent) } : null,
          quantity: c.quantity ? { file: wb.file, sheet: sheet.name, cell: address(r, c.quantity) } : null,
          rate: c.rate ? { file: wb.file, sheet: sheet.name, cell: address(r, c.rate) } : null,
          row: r,
        },
      },
      values: [
        ...(c.amount !== undefined ? [known(amountRead, amount)] : []),
        ...yearReads.map((y) => known(y, value(y))),
        ...(spentCol !== undefined ? [known(spentRead, spent)] : []),
      ],
      estimate: yi >= 0 ? (yearValues[yi] ?? 0) : 0,
      spentBlank: spentRead.kind === 'blank',
    });
  }

  // Lines that detail another ("1.1", "a", "-" under "1"): the figures of the line they detail are then its subtotal, counted once.
  const fields: SummedField[] = [...(c.amount !== undefined ? ['amount' as const] : []), ...years.map((_, i) => i), ...(spentCol !== undefined ? ['spent' as const] : [])];
  const outline = settleOutline(ctx, entries, marks, summed, fields);
  const sums = new AgencyTotals(ctx, sheet, summed);
  for (const m of marks) {
    if (m.kind === 'line') sums.line(entries[m.index]?.line.source.row ?? 0, outline.effective[m.index] ?? []);
    else if (m.kind === 'total') sums.total(m.row, m.label);
    else sums.heading(m.row, m.label);
  }
  sums.end();
  if (round.period) checkSpending(ctx, entries, outline, round, money, c.spent !== undefined && round.kind === 'progress');
  const lines = outlineLines(entries, outline);
  if (textNumbers > 0) {
    report(ctx, 'value_text_number', firstTextNumber, `${textNumbers} ô số được nhập dạng chữ (ô đầu tiên: ${firstTextNumber}); baocao đã đọc được các số này.`);
  }
  return lines;
}

/**
 * The money unit a budget sheet states, in a title row above its header ("Đơn vị tính: đồng") or
 * in its money columns' headers ("Thành tiền (triệu đồng)"), against the plan's: a sheet in đồng
 * read as one in 1000 đồng would count every figure a thousand times. Another unit in the title
 * row, or in the headers of a sheet without one, is an error (money_unit_mismatch: baocao does not
 * convert, the figures may be in either unit). Headers alone disagreeing with a title row that
 * states the plan's unit are a warning: forms of older baocao versions wrote "(1000 đồng)" in
 * the headers whatever the plan's unit, under the right title.
 */
function checkMoneyUnit(ctx: SheetContext, sheet: SourceSheet, headerRow: number, moneyCols: readonly (number | undefined)[], planUnit: string): void {
  const plan = unitScale(planUnit);
  if (!plan || !isMoneyUnit(plan)) return;
  type Stated = { cell: string; text: string; scale: number };
  const stated = (cell: string, text: string): Stated[] => {
    const u = unitScale(text);
    return u && isMoneyUnit(u) ? [{ cell, text: text.trim(), scale: u.scale }] : [];
  };
  const titles: Stated[] = [];
  for (let r = 1; r < headerRow; r++) {
    for (let col = 1; col <= sheet.columnCount; col++) {
      const cell = cellAt(sheet, r, col);
      if (!cell || (cell.mergedFrom && cell.mergedFrom !== address(r, col))) continue;
      const text = cellText(cell);
      const colon = text.search(/[:：]/);
      if (colon > 0 && /^(?:don vi tinh|don vi|dvt)$/.test(foldKey(text.slice(0, colon)))) titles.push(...stated(address(r, col), text.slice(colon + 1)));
    }
  }
  const headers: Stated[] = [];
  for (const col of moneyCols) {
    if (col === undefined) continue;
    const unit = /\(([^()]*)\)\s*$/.exec(cellText(cellAt(sheet, headerRow, col)));
    if (unit) headers.push(...stated(address(headerRow, col), unit[1] ?? ''));
  }
  const wrongHeaders = headers.filter((u) => u.scale !== plan.scale);
  const first = titles.find((u) => u.scale !== plan.scale) ?? (titles.length === 0 ? wrongHeaders[0] : undefined);
  if (first) {
    const cells = [...titles, ...headers].filter((u) => u.text === first.text).map((u) => u.cell);
    report(
      ctx,
      'money_unit_mismatch',
      first.cell,
      `Sheet "${sheet.name}" ghi đơn vị "${first.text}" (ô ${cells.join(', ')}), nhưng kế hoạch tính kinh phí bằng ${planUnit}: đọc theo ${planUnit}, mọi số tiền của sheet sẽ ${scaleGap(first.scale, plan.scale)}. baocao không tự đổi đơn vị.`,
    );
    return;
  }
  const header = wrongHeaders[0];
  const title = titles[0];
  if (!header || !title) return;
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell: header.cell,
      code: 'money_unit_mismatch',
      severity: 'warning',
      message: `Sheet "${sheet.name}" ghi "Đơn vị tính: ${title.text}" (ô ${title.cell}) như kế hoạch, nhưng tiêu đề cột ghi "${header.text}" (ô ${wrongHeaders.map((u) => u.cell).join(', ')}); baocao đọc số tiền theo ${planUnit}.`,
      hint: `Xem lại số tiền của sheet có đúng là ${planUnit} không, rồi sửa tiêu đề cột cho thống nhất.`,
    }),
  );
}

/** A budget line as read, before the outline of the sheet is known. */
interface BudgetEntry {
  readonly line: BudgetLine;
  /** The line's figure in each summed column (0 when blank); null where the cell could not be read. */
  readonly values: readonly (number | null)[];
  /** The line's estimate for the round's year (0 without one). */
  readonly estimate: number;
  /** True when the line's "Đã thực hiện" cell is blank. */
  readonly spentBlank: boolean;
}

/** The rows of the budget table in order: lines (by index in the entries), total rows and group headings. */
type Mark = { readonly kind: 'line'; readonly index: number } | { readonly kind: 'total' | 'heading'; readonly row: number; readonly label: string };

/** The field of BudgetLine a summed column holds: the amount, a year (by index), or what was spent. */
type SummedField = 'amount' | 'spent' | number;

/**
 * The outline of the budget lines and, for each line and summed column, whether its figure is a
 * subtotal of its detail lines (`children` and `subtotal` are empty when no line details another).
 */
interface Outline {
  readonly parents: readonly number[];
  readonly children: readonly (readonly number[])[];
  readonly subtotal: readonly (readonly boolean[])[];
  /** Each line's figures with its subtotals taken out (0): what the lines add up to, each đồng once. */
  readonly effective: readonly (readonly (number | null)[])[];
  readonly fields: readonly SummedField[];
}

/**
 * Finds the lines that detail another (validate/budget-outline.ts). A line's figure with detail
 * lines carrying figures in the same column is their subtotal: counted through the details, never
 * twice. When it differs from their sum, the agency's own figures contradict each other: an error
 * (subtotal_mismatch) at the line's cell; the details are counted.
 */
function settleOutline(ctx: SheetContext, entries: readonly BudgetEntry[], marks: readonly Mark[], summed: readonly SummedColumn[], fields: readonly SummedField[]): Outline {
  const parents = entries.map(() => -1);
  let run: number[] = [];
  const flush = (): void => {
    outlineParents(run.map((i) => entries[i]?.line.stt ?? '')).forEach((p, j) => {
      if (p >= 0) parents[run[j] ?? 0] = run[p] ?? -1;
    });
    run = [];
  };
  for (const m of marks) {
    if (m.kind === 'line') run.push(m.index);
    else flush();
  }
  flush();
  // Most sheets: no line details another.
  if (parents.every((p) => p < 0)) return { parents, children: [], subtotal: [], effective: entries.map((e) => e.values), fields };
  const children: number[][] = entries.map(() => []);
  parents.forEach((p, i) => children[p]?.push(i));
  // A line's figure, or when it has none, the sum of its details' (null: a cell could not be read).
  const totalOf = (i: number, k: number): number | null => {
    const v = entries[i]?.values[k] ?? null;
    const kids = children[i] ?? [];
    if (v === null || v !== 0 || kids.length === 0) return v;
    let sum = 0;
    for (const c of kids) {
      const x = totalOf(c, k);
      if (x === null) return null;
      sum += x;
    }
    return sum;
  };
  const subtotal = entries.map(() => summed.map(() => false));
  for (const [p, kids] of children.entries()) {
    if (kids.length === 0) continue;
    const entry = entries[p];
    for (const [k, column] of summed.entries()) {
      const own = entry?.values[k] ?? null;
      if (own === null || own === 0) continue;
      const figures = kids.map((c) => totalOf(c, k));
      if (figures.some((x) => x === null) || figures.every((x) => x === 0)) continue;
      (subtotal[p] as boolean[])[k] = true;
      const sum = figures.reduce<number>((a, x) => a + (x ?? 0), 0);
      if (Math.abs(own - sum) <= TOLERANCE || !entry) continue;
      const row = entry.line.source.row;
      const at = address(row, column.col);
      const first = entries[kids[0] ?? 0]?.line;
      const last = entries[kids[kids.length - 1] ?? 0]?.line;
      const detailRows = first && last ? (first === last ? `dòng ${first.source.row}` : `các dòng ${first.source.row}–${last.source.row}`) : 'các dòng';
      const numbers = kids.map((c) => entries[c]?.line.stt ?? '').filter((n, i, all) => all.indexOf(n) === i).slice(0, 4).join(', ');
      report(
        ctx,
        'subtotal_mismatch',
        at,
        `Dòng ${row} "${clipLabel(`${entry.line.stt} ${entry.line.content}`)}": ô ${at} (${column.label}) ghi ${figureText(own)}, nhưng ${detailRows} chi tiết bên dưới (${numbers}) cộng được ${figureText(sum)}. baocao không đoán dòng ${row} là dòng cộng của các dòng chi tiết hay một khoản riêng.`,
      );
    }
  }
  const effective = entries.map((e, i) => e.values.map((v, k) => (subtotal[i]?.[k] ? 0 : v)));
  return { parents, children, subtotal, effective, fields };
}

/**
 * What was spent against the year's estimate, line by line: the spending of a detail line without
 * an estimate of its own goes to the nearest line above it in the outline that has one (the line
 * it details); "spending_over_estimate" when a line's spending is over its estimate, and
 * "spent_missing" (when `missingApplies`) for a line with an estimate whose spending is blank and
 * not given by its details or by the line it details either.
 */
function checkSpending(ctx: SheetContext, entries: readonly BudgetEntry[], outline: Outline, round: Round, money: string, missingApplies: boolean): void {
  const year = round.period?.year ?? 0;
  const spentK = outline.fields.indexOf('spent');
  // A line's own spending: none when its figure is the subtotal of its details'.
  const own = (i: number): number | null => (spentK >= 0 && outline.subtotal[i]?.[spentK] ? null : (entries[i]?.line.spent ?? null));
  const estimating = (i: number): boolean => (entries[i]?.estimate ?? 0) > 0;
  const pools = entries.map((): number[] => []);
  for (const i of entries.keys()) {
    if (own(i) === null) continue;
    let at = i;
    if (!estimating(i)) for (let p = outline.parents[i] ?? -1; p >= 0; p = outline.parents[p] ?? -1) if (estimating(p)) {
      at = p;
      break;
    }
    pools[at]?.push(i);
  }
  // Lines whose spending some other line gives: a line with spending below, or the line it details with its own.
  const givenElsewhere = (i: number): boolean => {
    const below = (j: number): boolean => (outline.children[j] ?? []).some((c) => own(c) !== null || below(c));
    if (below(i)) return true;
    for (let p = outline.parents[i] ?? -1; p >= 0; p = outline.parents[p] ?? -1) if (own(p) !== null) return true;
    return false;
  };
  for (const [i, entry] of entries.entries()) {
    const line = entry.line;
    const row = line.source.row;
    const pool = pools[i] ?? [];
    if (missingApplies && entry.spentBlank && entry.estimate > 0 && pool.length === 0 && line.source.spent && !givenElsewhere(i)) {
      const at = line.source.spent.cell;
      report(ctx, 'spent_missing', at, `Dòng ${row}: ô ${at} (${spentHeader(year, money)}) để trống trong khi dự toán năm ${year} là ${formatNumber(entry.estimate)}; baocao tính là 0.`);
    }
    if (pool.length === 0) continue;
    const spent = pool.reduce((a, j) => a + (own(j) ?? 0), 0);
    if (spent <= entry.estimate + TOLERANCE) continue;
    const first = entries[pool[0] ?? i]?.line;
    const at = first?.source.spent?.cell ?? line.source.amount.cell;
    const details = pool.filter((j) => j !== i).map((j) => entries[j]?.line.source.row ?? 0);
    const who = details.length === 0 ? `Dòng ${row}` : `Dòng ${row} và ${details.length === 1 ? 'dòng' : 'các dòng'} chi tiết ${details.join(', ')}`;
    report(ctx, 'spending_over_estimate', at, `${who}: đã thực hiện ${formatNumber(spent)} vượt dự toán năm ${year} là ${formatNumber(entry.estimate)}.`);
  }
}

/**
 * The lines as aggregated: a line all of whose figures are subtotals of its details is left out
 * (its details are counted, each named after it: "Đoàn ra… – Vé máy bay"); a line with some
 * figures of its own keeps them, its subtotals taken out.
 */
function outlineLines(entries: readonly BudgetEntry[], outline: Outline): BudgetLine[] {
  if (outline.subtotal.length === 0) return entries.map((e) => e.line);
  const dropped = entries.map((e, i) => {
    const flags = outline.subtotal[i] ?? [];
    return flags.some(Boolean) && e.values.every((v, k) => v === 0 || v === null || flags[k] === true);
  });
  const lines: BudgetLine[] = [];
  for (const [i, entry] of entries.entries()) {
    if (dropped[i]) continue;
    let content = entry.line.content;
    for (let p = outline.parents[i] ?? -1; p >= 0 && dropped[p]; p = outline.parents[p] ?? -1) {
      const above = entries[p]?.line.content ?? '';
      if (above) content = content ? `${above} – ${content}` : above;
    }
    const flags = outline.subtotal[i] ?? [];
    if (content === entry.line.content && !flags.some(Boolean)) {
      lines.push(entry.line);
      continue;
    }
    const line: BudgetLine = { ...entry.line, content, years: [...entry.line.years] };
    for (const [k, field] of outline.fields.entries()) {
      if (!flags[k]) continue;
      if (field === 'amount') line.amount = 0;
      else if (field === 'spent') line.spent = null;
      else line.years[field] = 0;
    }
    lines.push(line);
  }
  return lines;
}

/** A column of the budget sheet whose lines add up to the totals typed by the agency. */
interface SummedColumn {
  readonly col: number;
  readonly label: string;
}

/**
 * Checks the totals an agency typed in its budget sheet against the lines baocao reads: a total
 * row ("Tổng cộng", "Cộng") must equal either the lines since the previous total or group heading,
 * or every line above it (every line of the table when it stands above them all, its group's lines
 * when it stands right under the group's heading); a group heading ("I", "II.") that carries
 * figures must equal the lines of its group. baocao never copies these totals (it adds the lines up itself), so a typed total
 * that disagrees means a line is wrong, missing or typed only in the total: an error
 * (total_mismatch) at the total's cell, never passed over; a formula whose saved result disagrees
 * is a warning (formula_result_wrong). A cell that is blank, text or a formula without result is
 * not compared, nor is a column where a line above could not be read (already an error there).
 */
class AgencyTotals {
  /** Each line's figure in each summed column; null where the line's cell could not be read. */
  private readonly lines: { readonly row: number; readonly values: readonly (number | null)[] }[] = [];
  /** Index in `lines` of the first line after the last total row or group heading. */
  private groupStart = 0;
  private open: { readonly row: number; readonly label: string } | null = null;
  /** Subtotal rows right under the open group heading, compared with the group's lines when it closes. */
  private readonly groupTotals: { readonly row: number; readonly label: string }[] = [];
  /** Total rows above every line, compared with all the lines at the end. */
  private readonly leading: { readonly row: number; readonly label: string }[] = [];

  constructor(
    private readonly ctx: SheetContext,
    private readonly sheet: SourceSheet,
    private readonly columns: readonly SummedColumn[],
  ) {}

  line(row: number, values: readonly (number | null)[]): void {
    this.lines.push({ row, values });
  }

  heading(row: number, label: string): void {
    this.closeGroup();
    this.open = { row, label };
  }

  total(row: number, label: string): void {
    const group = this.lines.slice(this.groupStart);
    // A subtotal right under its group's heading ("I. Đoàn ra", then "Cộng nhóm I"): the group's lines below it.
    if (group.length === 0 && this.open !== null) {
      this.groupTotals.push({ row, label });
      return;
    }
    // "TỔNG CỘNG" right under the header, before any line (a common layout): the lines below it.
    if (this.lines.length === 0) {
      this.leading.push({ row, label });
      return;
    }
    this.closeGroup();
    for (const [k, column] of this.columns.entries()) {
      const typed = this.typed(row, column.col);
      if (typed === null) continue;
      const all = this.sum(this.lines, k);
      const own = this.sum(group, k);
      if (all === null || own === null) continue;
      if (Math.abs(typed - all) <= TOLERANCE || (group.length > 0 && Math.abs(typed - own) <= TOLERANCE)) continue;
      const [lines, expected] = group.length > 0 && group.length < this.lines.length ? [group, own] : [this.lines, all];
      this.say(row, column, label, typed, `cộng ${this.rowsText(lines)} phía trên được ${figureText(expected)}`);
    }
  }

  end(): void {
    this.closeGroup();
    for (const total of this.leading) {
      for (const [k, column] of this.columns.entries()) {
        const typed = this.typed(total.row, column.col);
        const all = this.sum(this.lines, k);
        if (typed === null || all === null || Math.abs(typed - all) <= TOLERANCE) continue;
        this.say(total.row, column, total.label, typed, this.lines.length > 0 ? `cộng ${this.rowsText(this.lines)} phía dưới được ${figureText(all)}` : 'bảng không có dòng nào');
      }
    }
  }

  /** Compares the open group heading's figures with its lines, and starts a new group. */
  private closeGroup(): void {
    const group = this.lines.slice(this.groupStart);
    const rows = [...(this.open ? [this.open] : []), ...this.groupTotals.splice(0)];
    this.open = null;
    this.groupStart = this.lines.length;
    for (const total of rows) {
      for (const [k, column] of this.columns.entries()) {
        const typed = this.typed(total.row, column.col);
        const own = this.sum(group, k);
        if (typed === null || own === null || Math.abs(typed - own) <= TOLERANCE) continue;
        this.say(total.row, column, total.label, typed, group.length > 0 ? `cộng ${this.rowsText(group)} của nhóm được ${figureText(own)}` : 'nhóm này không có dòng nào');
      }
    }
  }

  /**
   * A typed total that disagrees is an error: the agency's own figures contradict each other. A
   * formula's saved result that disagrees is a warning: the lines are what the formula adds up, and
   * its result is stale (calculation set to manual, a file saved by a program) or its range misses a line.
   */
  private say(row: number, column: SummedColumn, label: string, typed: number, found: string): void {
    const at = address(row, column.col);
    const formula = cellAt(this.sheet, row, column.col)?.formula;
    const where = `Dòng ${row} "${clipLabel(label)}": ô ${at} (${column.label})`;
    if (formula === undefined) {
      report(this.ctx, 'total_mismatch', at, `${where} ghi ${figureText(typed)}, nhưng ${found}. baocao cộng từng dòng, không dùng số ở dòng tổng.`);
      return;
    }
    this.ctx.findings.push(
      finding({
        file: this.ctx.file,
        sheet: this.ctx.sheet,
        cell: at,
        code: 'formula_result_wrong',
        message: `${where} là công thức "=${clipLabel(formula)}" có kết quả lưu trong tệp là ${figureText(typed)}, nhưng ${found}. baocao dùng số của từng dòng.`,
        hint: 'Mở tệp bằng Excel, xem công thức ở dòng tổng có cộng đủ các dòng không, nhấn Lưu (Excel tính lại công thức) rồi gửi lại; nếu số từng dòng đã đúng thì báo cáo không sai.',
      }),
    );
  }

  /** The number the agency put in a total's cell (typed, as text, or a formula's saved result), or null. */
  private typed(row: number, col: number): number | null {
    const read = readNumberCell({ file: this.ctx.file, sheet: this.ctx.sheet, findings: [] }, this.sheet, row, col, '');
    return read.kind === 'number' ? read.value : null;
  }

  private sum(lines: readonly { readonly values: readonly (number | null)[] }[], k: number): number | null {
    let total = 0;
    for (const l of lines) {
      const v = l.values[k];
      if (v === null || v === undefined) return null;
      total += v;
    }
    return total;
  }

  private rowsText(lines: readonly { readonly row: number }[]): string {
    const first = lines[0]?.row;
    const last = lines[lines.length - 1]?.row;
    if (first === undefined || last === undefined) return 'các dòng';
    if (first === last) return `dòng ${first}`;
    if (last - first + 1 === lines.length) return `các dòng ${first}–${last}`;
    if (lines.length <= 4) return `các dòng ${lines.map((l) => l.row).join(', ')}`;
    return `${lines.length} dòng từ dòng ${first} đến dòng ${last}`;
  }
}

/** A label or task text as a message quotes it: on one line, at most 60 characters. */
function clipLabel(label: string): string {
  return clip(label.replace(/\s+/g, ' ').trim(), 60);
}
