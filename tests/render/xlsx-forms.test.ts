import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  FORM_BUDGET_HEADERS,
  FORM_INFO_LABELS,
  FORM_SHEETS,
  FORM_TASK_HEADERS,
  TASK_STATUSES,
  spentHeader,
  yearHeader,
} from '../../src/model/sheets.js';
import { BLANK_BUDGET_ROWS, FORM_HEADER_ROW, periodInstruction, renderForms } from '../../src/render/xlsx/forms.js';
import { makePeriod } from '../../src/model/round.js';
import type { Plan } from '../../src/model/plan.js';
import { estimateRound, progressRound, sampleBudgetLines, samplePlan } from '../fixtures/plan.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`missing sheet ${name}`);
  return ws;
}

function validations(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation | undefined> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
}

function protection(ws: ExcelJS.Worksheet): Record<string, unknown> | null | undefined {
  return (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection;
}

function rowTexts(ws: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell) => out.push(String(cell.value)));
  return out;
}

/** Locked is Excel's default, so exceljs reads a locked cell as having no protection at all. */
function isLocked(cell: ExcelJS.Cell): boolean {
  return cell.protection?.locked !== false;
}

const plan = samplePlan();
const years = plan.info.years;
const hr = FORM_HEADER_ROW;
const first = hr + 1;

describe('renderForms', () => {
  it('writes one workbook per agency named by order and ASCII slug of the name', async () => {
    const forms = await renderForms(plan, estimateRound(), new Map());
    expect(forms.map((f) => f.name)).toEqual([
      '01-so-ngoai-vu.xlsx',
      '02-so-van-hoa-the-thao-va-du-lich.xlsx',
      '03-cong-an-tinh.xlsx',
    ]);
    for (const f of forms) expect(f.bytes[0]).toBe(0x50); // "PK": a zip
  });

  it('includes only the sheets the agency must fill, in order', async () => {
    const forms = await renderForms(plan, estimateRound(), new Map());
    const names = await Promise.all(forms.map(async (f) => (await load(f.bytes)).worksheets.map((w) => w.name)));
    expect(names[0]).toEqual([FORM_SHEETS.info, FORM_SHEETS.tasks, FORM_SHEETS.budget]);
    expect(names[2]).toEqual([FORM_SHEETS.info, FORM_SHEETS.tasks]);
  });

  it('fills the info sheet with exactly the form labels, values in column B, inputs unlocked', async () => {
    const [form] = await renderForms(plan, progressRound(), new Map());
    const ws = sheet(await load(form!.bytes), FORM_SHEETS.info);
    const byLabel = new Map<string, number>();
    ws.eachRow((row, r) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string') byLabel.set(v, r);
    });
    for (const label of Object.values(FORM_INFO_LABELS)) expect(byLabel.has(label), label).toBe(true);
    const b = (label: string) => ws.getCell(byLabel.get(label) ?? 0, 2);
    expect(b(FORM_INFO_LABELS.plan).value).toBe(plan.info.title);
    expect(b(FORM_INFO_LABELS.agency).value).toBe('Sở Ngoại vụ');
    expect(b(FORM_INFO_LABELS.agencyCode).value).toBe('SNGV');
    expect(b(FORM_INFO_LABELS.round).value).toBe('năm 2025');
    expect(b(FORM_INFO_LABELS.submissionNo).value).toBe(1);
    expect(b(FORM_INFO_LABELS.preparedDate).numFmt).toBe('dd/mm/yyyy');
    expect(b(FORM_INFO_LABELS.phone).numFmt).toBe('@');
    for (const label of [FORM_INFO_LABELS.submissionNo, FORM_INFO_LABELS.preparedBy, FORM_INFO_LABELS.phone, FORM_INFO_LABELS.preparedDate]) {
      expect(isLocked(b(label)), label).toBe(false);
    }
    expect(isLocked(b(FORM_INFO_LABELS.agency))).toBe(true);
    expect(isLocked(ws.getCell(byLabel.get(FORM_INFO_LABELS.preparedBy) ?? 0, 1))).toBe(true);
    expect(protection(ws)?.['sheet']).toBe(true);
  });

  it('lists the agency tasks with a status dropdown added over the whole column range', async () => {
    const [form] = await renderForms(plan, progressRound(), new Map());
    const ws = sheet(await load(form!.bytes), FORM_SHEETS.tasks);
    expect(rowTexts(ws, hr)).toEqual(Object.values(FORM_TASK_HEADERS));
    // Sở Ngoại vụ leads 1.1 and 1.2 and coordinates 2.1.
    expect([1, 2, 3].map((i) => ws.getCell(hr + i, 1).value)).toEqual(['1.1', '1.2', '2.1']);
    expect([1, 2, 3].map((i) => ws.getCell(hr + i, 3).value)).toEqual(['Chủ trì', 'Chủ trì', 'Phối hợp']);
    const dv = validations(ws);
    for (const addr of [`D${first}`, `D${first + 2}`]) {
      const v = dv[addr];
      expect(v?.type, addr).toBe('list');
      expect(v?.formulae[0]).toBe(`"${TASK_STATUSES.join(',')}"`);
      expect(v?.showErrorMessage).toBe(true);
      expect(v?.error).toContain('Chọn một trong');
    }
    expect(dv[`E${first}`]).toBeUndefined();
    expect(isLocked(ws.getCell(first, 2))).toBe(true);
    for (const col of [4, 5, 6, 7]) expect(isLocked(ws.getCell(first, col))).toBe(false);
  });

  it('writes the exact budget headers with one column per plan year in an estimate round', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const ws = sheet(await load(form!.bytes), FORM_SHEETS.budget);
    expect(rowTexts(ws, hr)).toEqual([
      FORM_BUDGET_HEADERS.stt,
      FORM_BUDGET_HEADERS.content,
      FORM_BUDGET_HEADERS.unit,
      FORM_BUDGET_HEADERS.quantity,
      FORM_BUDGET_HEADERS.rate,
      FORM_BUDGET_HEADERS.amount,
      ...years.map(yearHeader),
      FORM_BUDGET_HEADERS.note,
    ]);
    expect(rowTexts(ws, hr)).toEqual([
      'STT',
      'Nội dung',
      'Đơn vị tính',
      'Số lượng',
      'Định mức (1000 đồng)',
      'Thành tiền (1000 đồng)',
      'Năm 2025',
      'Năm 2026',
      'Năm 2027',
      'Năm 2028',
      'Ghi chú',
    ]);
  });

  it('writes the money headers and the unit row in the plan\'s own money unit (triệu đồng)', async () => {
    const inMillions = { ...plan, info: { ...plan.info, moneyUnit: 'triệu đồng' } };
    const [estimate] = await renderForms(inMillions, estimateRound(), new Map());
    const ws = sheet(await load(estimate!.bytes), FORM_SHEETS.budget);
    expect(rowTexts(ws, hr).slice(4, 6)).toEqual(['Định mức (triệu đồng)', 'Thành tiền (triệu đồng)']);
    expect(rowTexts(ws, 3)[0]).toBe('Đơn vị tính: triệu đồng');
    const [progress] = await renderForms(inMillions, progressRound(), new Map([[plan.agencies[0]!.code, sampleBudgetLines()]]));
    expect(rowTexts(sheet(await load(progress!.bytes), FORM_SHEETS.budget), hr)).toContain('Đã thực hiện năm 2025 (triệu đồng)');
  });

  it('gives blank estimate rows a Thành tiền formula, input cells unlocked, and a Tổng cộng row of SUMs', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const ws = sheet(await load(form!.bytes), FORM_SHEETS.budget);
    const last = first + BLANK_BUDGET_ROWS - 1;
    for (const r of [first, last]) {
      expect(ws.getCell(r, 6).formula).toBe(`IF(AND(D${r}="",E${r}=""),"",D${r}*E${r})`);
      expect(isLocked(ws.getCell(r, 6))).toBe(true);
      for (const col of [1, 2, 3, 4, 5, 7, 10, 11]) expect(isLocked(ws.getCell(r, col)), `col ${col}`).toBe(false);
      expect(ws.getCell(r, 2).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    }
    const total = last + 1;
    expect(ws.getCell(total, 2).value).toBe('Tổng cộng');
    expect(ws.getCell(total, 6).formula).toBe(`SUM(F${first}:F${last})`);
    expect(ws.getCell(total, 7).formula).toBe(`SUM(G${first}:G${last})`);
    expect(ws.getCell(first, 6).numFmt).toBe('#,##0');
    expect(ws.getCell(total + 1, 2).value).toBeNull();
  });

  it('protects each sheet without a password while allowing rows to be inserted', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const wb = await load(form!.bytes);
    for (const ws of wb.worksheets) {
      const p = protection(ws);
      expect(p?.['sheet'], ws.name).toBe(true);
      expect(p?.['hashValue'], ws.name).toBeUndefined();
      expect(p?.['insertRows'], ws.name).toBe(true);
      expect(p?.['deleteRows'], ws.name).toBe(true);
      expect(p?.['formatRows'], ws.name).toBe(true);
    }
  });

  it('prints on A4, landscape for the tables, repeating the header row', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const wb = await load(form!.bytes);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
    }
    expect(sheet(wb, FORM_SHEETS.info).pageSetup.orientation).toBe('portrait');
    for (const name of [FORM_SHEETS.tasks, FORM_SHEETS.budget]) {
      const ws = sheet(wb, name);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.printTitlesRow).toBe(`${hr}:${hr}`);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: hr });
      expect(ws.getCell(hr, 1).font?.name).toBe('Times New Roman');
      expect(ws.getCell(hr, 1).font?.bold).toBe(true);
    }
  });

  it('adds the spent column in a progress round and locks the prefilled estimate', async () => {
    const lines = sampleBudgetLines();
    const forms = await renderForms(plan, progressRound(2025), new Map([['SNGV', lines]]));
    const ws = sheet(await load(forms[0]!.bytes), FORM_SHEETS.budget);
    const headers = rowTexts(ws, hr);
    expect(headers.slice(6)).toEqual([...years.map(yearHeader), spentHeader(2025), FORM_BUDGET_HEADERS.note]);
    const spentCol = 7 + years.length;
    const noteCol = spentCol + 1;

    // Prefilled lines, no blank rows: then the total.
    expect(ws.getCell(first, 2).value).toBe(lines[0]?.content);
    expect(ws.getCell(first, 6).formula).toBe(`IF(AND(D${first}="",E${first}=""),"",D${first}*E${first})`);
    expect(ws.getCell(first, 6).result).toBe(711500);
    // A lump sum without quantity and rate stays a plain figure.
    expect(ws.getCell(first + 2, 6).value).toBe(40000);
    expect(ws.getCell(first + 3, 2).value).toBe('Tổng cộng');
    expect(ws.getCell(first + 3, 6).result).toBe(711500 + 781600 + 40000);
    expect(ws.getCell(first + 3, 7).result).toBe(177875 + 195400 + 10000);
    expect(ws.getCell(first + 3, spentCol).formula).toBe(`SUM(${ws.getColumn(spentCol).letter}${first}:${ws.getColumn(spentCol).letter}${first + 2})`);

    for (const col of [1, 2, 3, 4, 5, 6, 7, 10]) expect(isLocked(ws.getCell(first, col)), `col ${col}`).toBe(true);
    expect(isLocked(ws.getCell(first, spentCol))).toBe(false);
    expect(isLocked(ws.getCell(first, noteCol))).toBe(false);
  });

  it('gives a progress-round agency without prefilled lines blank rows that are all input', async () => {
    const forms = await renderForms(plan, progressRound(2025), new Map());
    const ws = sheet(await load(forms[1]!.bytes), FORM_SHEETS.budget);
    expect(rowTexts(ws, hr)).toContain(spentHeader(2025));
    expect(isLocked(ws.getCell(first, 2))).toBe(false);
    expect(isLocked(ws.getCell(first, 7 + years.length))).toBe(false);
    expect(ws.getCell(first + BLANK_BUDGET_ROWS, 2).value).toBe('Tổng cộng');
  });
});

describe('periodInstruction: the months the indicator figure covers, as the form says it', () => {
  it.each([
    ['year', 2026, undefined, true, 'Ghi số liệu của cả năm 2026 (từ tháng 1 đến hết tháng 12), kể cả những tháng đã báo cáo ở đợt trước; với chỉ tiêu cộng dồn, ghi thêm từng quý.'],
    ['half', 2026, 1, true, 'Ghi số liệu của cả 6 tháng đầu năm 2026 (từ tháng 1 đến hết tháng 6), kể cả những tháng đã báo cáo ở đợt trước; với chỉ tiêu cộng dồn, ghi thêm từng quý.'],
    ['nine-months', 2026, undefined, true, 'Ghi số liệu của cả 9 tháng năm 2026 (từ tháng 1 đến hết tháng 9), kể cả những tháng đã báo cáo ở đợt trước; với chỉ tiêu cộng dồn, ghi thêm từng quý.'],
    ['quarter', 2026, 1, false, 'Ghi số liệu của cả quý I năm 2026 (từ tháng 1 đến hết tháng 3), kể cả những tháng đã báo cáo ở đợt trước.'],
    ['quarter', 2026, 3, false, 'Ghi số liệu của riêng quý III năm 2026 (từ tháng 7 đến hết tháng 9). Không ghi số lũy kế từ đầu năm: baocao tự cộng các đợt trước.'],
    ['half', 2026, 2, true, 'Ghi số liệu của riêng 6 tháng cuối năm 2026 (từ tháng 7 đến hết tháng 12); với chỉ tiêu cộng dồn, ghi thêm từng quý. Không ghi số lũy kế từ đầu năm: baocao tự cộng các đợt trước.'],
    ['month', 2026, 1, false, 'Ghi số liệu của tháng 1 năm 2026.'],
    ['month', 2026, 8, false, 'Ghi số liệu của riêng tháng 8 năm 2026, không ghi số lũy kế từ đầu năm: baocao tự cộng các đợt trước.'],
  ] as const)('%s %d %s', (kind, year, index, byQuarter, text) => {
    expect(periodInstruction(makePeriod(kind, year, index), byQuarter)).toBe(text);
  });
});

describe('the indicator sheet', () => {
  it('gives the code column room for the longest code, on one line', async () => {
    const base = samplePlan();
    const first = base.agencies[0];
    if (!first) throw new Error('no agency');
    const agency = { ...first, sheets: [...first.sheets, 'indicators' as const] };
    const indicator = (code: string, order: number): Plan['indicators'][number] => ({
      code,
      name: `Chỉ tiêu ${code}`,
      unit: 'tấn',
      group: '',
      owner: agency.code,
      reporters: [agency.code],
      combine: 'single',
      direction: 'min',
      kind: 'flow',
      grdp: null,
      parent: null,
      numerator: null,
      denominator: null,
      accumulate: 'year',
      baseline: null,
      target: null,
      order,
    });
    const widthOf = async (codes: readonly string[]) => {
      const plan: Plan = { ...base, agencies: [agency], indicators: codes.map((c, i) => indicator(c, i + 1)) };
      const [form] = await renderForms(plan, progressRound(2025), new Map());
      if (!form) throw new Error('no form');
      return sheet(await load(form.bytes), FORM_SHEETS.indicators).getColumn(2).width ?? 0;
    };
    expect(await widthOf(['NA', 'VOQUE'])).toBe(12);
    expect(await widthOf(['NA', 'GTSX_CNXD_TONG'])).toBeGreaterThanOrEqual(Math.ceil('GTSX_CNXD_TONG'.length * 1.4));
  });
});
