/**
 * Fills a form workbook written by `baocao forms` the way an agency would in Excel: by
 * label and header names, never by fixed positions. Used by the example generator and tests.
 */
import ExcelJS from 'exceljs';
import { FORM_BUDGET_HEADERS, FORM_INDICATOR_HEADERS, FORM_INFO_LABELS, FORM_SHEETS, FORM_TASK_HEADERS, spentHeader, yearHeader } from '../../src/model/sheets.js';
import { foldKey } from '../../src/vn/index.js';
import { identityOfXlsx } from '../../src/read/identity.js';
import { stampIdentity } from '../../src/render/xlsx/identity.js';

export interface BudgetInput {
  readonly content: string;
  readonly unit: string;
  /** A number, or text exactly as the agency typed it (e.g. "s"). */
  readonly quantity: number | string | null;
  readonly rate: number | string | null;
  /** One entry per plan year; null leaves the cell blank. */
  readonly years: readonly (number | string | null)[];
  readonly spent?: number | null;
  readonly note?: string;
}

export interface TaskInput {
  readonly id: string;
  readonly status: string;
  readonly result: string;
  readonly difficulties?: string;
  readonly proposals?: string;
}

export interface FormInput {
  readonly preparedBy?: string;
  readonly phone?: string;
  readonly preparedDate?: Date;
  readonly submissionNo?: number;
  /**
   * Overrides who the form says it comes from (sheet "Thông tin"). Empty strings leave it to the
   * file name, so that one filled form can be saved under the names of many communes.
   */
  readonly agency?: { readonly code: string; readonly name: string };
  readonly tasks?: readonly TaskInput[];
  /** Replaces the budget lines (estimate rounds). */
  readonly budget?: readonly BudgetInput[];
  /** Progress rounds: money spent per prefilled line, in order. */
  readonly spent?: readonly (number | null)[];
  /** Indicator answers: by code, the quarter values (in the form's order), the period's value, a note. */
  readonly indicators?: readonly { code: string; quarters?: readonly (number | string | null)[]; actual: number | string | null; base?: number | null; note?: string }[];
}

function findRowByLabel(ws: ExcelJS.Worksheet, label: string): number {
  const key = foldKey(label);
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === 'string' && foldKey(v) === key) return r;
  }
  throw new Error(`label "${label}" not found in sheet ${ws.name}`);
}

function headerColumns(ws: ExcelJS.Worksheet, first: string): { row: number; col: (label: string) => number } {
  for (let r = 1; r <= 15; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === 'string' && foldKey(v) === foldKey(first)) {
      const cols = new Map<string, number>();
      ws.getRow(r).eachCell((cell, c) => {
        if (typeof cell.value === 'string') cols.set(foldKey(cell.value), c);
      });
      return {
        row: r,
        col: (label: string) => {
          const c = cols.get(foldKey(label));
          if (c === undefined) throw new Error(`header "${label}" not found in sheet ${ws.name}`);
          return c;
        },
      };
    }
  }
  throw new Error(`header row not found in sheet ${ws.name}`);
}

const num = (v: number | string | null | undefined): number => (typeof v === 'number' ? v : 0);

/** Returns a copy of the form bytes with the agency's answers typed in. */
export async function fillForm(bytes: Uint8Array, input: FormInput, years: readonly number[], spentYear?: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const info = wb.getWorksheet(FORM_SHEETS.info);
  if (!info) throw new Error('no info sheet');
  if (input.preparedBy !== undefined) info.getCell(findRowByLabel(info, FORM_INFO_LABELS.preparedBy), 2).value = input.preparedBy;
  if (input.phone !== undefined) info.getCell(findRowByLabel(info, FORM_INFO_LABELS.phone), 2).value = input.phone;
  if (input.preparedDate !== undefined) info.getCell(findRowByLabel(info, FORM_INFO_LABELS.preparedDate), 2).value = input.preparedDate;
  if (input.submissionNo !== undefined) info.getCell(findRowByLabel(info, FORM_INFO_LABELS.submissionNo), 2).value = input.submissionNo;
  if (input.agency !== undefined) {
    info.getCell(findRowByLabel(info, FORM_INFO_LABELS.agency), 2).value = input.agency.name || null;
    info.getCell(findRowByLabel(info, FORM_INFO_LABELS.agencyCode), 2).value = input.agency.code || null;
  }

  const tasksWs = wb.getWorksheet(FORM_SHEETS.tasks);
  if (tasksWs && input.tasks) {
    const h = headerColumns(tasksWs, FORM_TASK_HEADERS.id);
    for (const t of input.tasks) {
      let row = -1;
      for (let r = h.row + 1; r <= tasksWs.rowCount; r++) {
        if (String(tasksWs.getCell(r, h.col(FORM_TASK_HEADERS.id)).value ?? '') === t.id) row = r;
      }
      if (row < 0) throw new Error(`task ${t.id} not in form`);
      tasksWs.getCell(row, h.col(FORM_TASK_HEADERS.status)).value = t.status;
      tasksWs.getCell(row, h.col(FORM_TASK_HEADERS.result)).value = t.result;
      if (t.difficulties) tasksWs.getCell(row, h.col(FORM_TASK_HEADERS.difficulties)).value = t.difficulties;
      if (t.proposals) tasksWs.getCell(row, h.col(FORM_TASK_HEADERS.proposals)).value = t.proposals;
    }
  }

  const indWs = wb.getWorksheet(FORM_SHEETS.indicators);
  if (indWs && input.indicators) {
    const h = headerColumns(indWs, FORM_INDICATOR_HEADERS.stt);
    const quarterCols: number[] = [];
    indWs.getRow(h.row).eachCell((cell, col) => {
      if (typeof cell.value === 'string' && /^Quý /.test(cell.value)) quarterCols.push(col);
    });
    for (const ind of input.indicators) {
      let row = -1;
      for (let r = h.row + 1; r <= indWs.rowCount; r++) {
        if (String(indWs.getCell(r, h.col(FORM_INDICATOR_HEADERS.code)).value ?? '') === ind.code) row = r;
      }
      if (row < 0) throw new Error(`indicator ${ind.code} not in form`);
      (ind.quarters ?? []).forEach((v, i) => {
        const col = quarterCols[i];
        if (col !== undefined && v !== null) indWs.getCell(row, col).value = v;
      });
      indWs.getCell(row, h.col(FORM_INDICATOR_HEADERS.actual)).value = ind.actual;
      if (ind.base !== undefined && ind.base !== null) indWs.getCell(row, h.col(FORM_INDICATOR_HEADERS.base)).value = ind.base;
      if (ind.note) indWs.getCell(row, h.col(FORM_INDICATOR_HEADERS.note)).value = ind.note;
    }
  }

  const budgetWs = wb.getWorksheet(FORM_SHEETS.budget);
  if (budgetWs && (input.budget || input.spent)) {
    const h = headerColumns(budgetWs, FORM_BUDGET_HEADERS.stt);
    const c = {
      stt: h.col(FORM_BUDGET_HEADERS.stt),
      content: h.col(FORM_BUDGET_HEADERS.content),
      unit: h.col(FORM_BUDGET_HEADERS.unit),
      quantity: h.col(FORM_BUDGET_HEADERS.quantity),
      rate: h.col(FORM_BUDGET_HEADERS.rate),
      amount: h.col(FORM_BUDGET_HEADERS.amount),
      note: h.col(FORM_BUDGET_HEADERS.note),
      years: years.map((y) => h.col(yearHeader(y))),
      spent: spentYear !== undefined ? h.col(spentHeader(spentYear)) : -1,
    };
    let first = h.row + 1;
    // Skip a column-number row "(1) (2) …" if the form has one.
    if (String(budgetWs.getCell(first, 1).value ?? '').startsWith('(')) first++;
    if (input.budget) {
      input.budget.forEach((line, i) => {
        const r = first + i;
        const amountCell = budgetWs.getCell(r, c.amount);
        if (String(budgetWs.getCell(r, c.content).value ?? '').match(/^tổng cộng/i)) throw new Error('form has too few blank rows');
        budgetWs.getCell(r, c.stt).value = i + 1;
        budgetWs.getCell(r, c.content).value = line.content;
        budgetWs.getCell(r, c.unit).value = line.unit;
        budgetWs.getCell(r, c.quantity).value = line.quantity;
        budgetWs.getCell(r, c.rate).value = line.rate;
        const formula = (amountCell.value as { formula?: string } | null)?.formula;
        const product = num(line.quantity) * num(line.rate);
        amountCell.value = formula ? { formula, result: typeof line.quantity === 'number' && typeof line.rate === 'number' ? product : '#VALUE!' } : product;
        line.years.forEach((v, j) => {
          budgetWs.getCell(r, c.years[j] ?? 0).value = v;
        });
        if (line.note) budgetWs.getCell(r, c.note).value = line.note;
      });
    }
    if (input.spent && c.spent > 0) {
      input.spent.forEach((v, i) => {
        budgetWs.getCell(first + i, c.spent).value = v;
      });
    }
    // Keep the cached results of the "Tổng cộng" row true, as Excel would after recalculating.
    for (let r = first; r <= budgetWs.rowCount; r++) {
      const label = String(budgetWs.getCell(r, c.content).value ?? budgetWs.getCell(r, c.stt).value ?? '');
      if (!/^tổng cộng/i.test(label)) continue;
      for (const col of [c.amount, ...c.years, ...(c.spent > 0 ? [c.spent] : [])]) {
        const cell = budgetWs.getCell(r, col);
        const f = (cell.value as { formula?: string } | null)?.formula;
        if (!f) continue;
        let sum = 0;
        for (let rr = first; rr < r; rr++) {
          const v = budgetWs.getCell(rr, col).value;
          if (typeof v === 'number') sum += v;
          else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') sum += v.result;
        }
        cell.value = { formula: f, result: sum };
      }
    }
  }
  // Excel keeps the form's identity (hidden defined names) when it saves; exceljs drops names that
  // are not ranges, so they are put back as Excel would have kept them.
  const filled = new Uint8Array(await wb.xlsx.writeBuffer());
  const identity = identityOfXlsx(bytes);
  return Buffer.from(identity ? stampIdentity(filled, identity) : filled);
}
