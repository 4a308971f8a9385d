/**
 * The annotated copy sent back to an agency: the agency's own workbook with faulty cells filled
 * and noted, and a first sheet "Lỗi cần sửa". Read back with exceljs and opened in LibreOffice.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgBudget } from '../../scripts/examples/bacgiang.js';
import { finding, type Finding } from '../../src/findings.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import type { FileStatus } from '../../src/model/submission.js';
import {
  ANNOTATION_FILLS,
  ANNOTATION_HEADERS,
  ANNOTATION_SHEET,
  AnnotateError,
  annotatedFileName,
  annotationTargets,
  renderAnnotated,
} from '../../src/render/xlsx/index.js';
import { INPUT_FILL } from '../../src/render/xlsx/style.js';
import { validateSubmission } from '../../src/validate/submission.js';
import { buildWorkbook } from '../fixtures/workbook.js';
import { ESTIMATE, filledForm, loadBgPlan, readBook } from '../fixtures/submission.js';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, findSoffice } from '../helpers/libreoffice.js';

const INFO = { agencyName: 'Sở Ngoại vụ', roundLabel: 'dự toán kinh phí', planTitle: 'Kế hoạch hợp tác Bắc Giang – Nam Ninh 2025–2028' };

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

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f?.type === 'pattern' && f.pattern === 'solid' ? f.fgColor?.argb : undefined;
}

function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

function coverRows(wb: ExcelJS.Workbook): string[][] {
  const ws = sheet(wb, ANNOTATION_SHEET);
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => values.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    rows.push(values);
  });
  return rows;
}

let plan: Plan;
/** Sở Ngoại vụ's estimate form with "s" typed as the quantity of its third line (as in the seed's print). */
let bad: { name: string; bytes: Buffer };
let findings: Finding[];

beforeAll(async () => {
  plan = await loadBgPlan();
  const lines = (bgBudget['SNGV'] ?? []).map((l, i) => (i === 2 ? { ...l, quantity: 's' } : l));
  bad = await filledForm(plan, ESTIMATE, 'SNGV', { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 0, 8)), budget: lines });
  findings = validateSubmission(await readBook(bad.bytes, bad.name), planForRound(plan, ESTIMATE), ESTIMATE).findings;
});

describe('renderAnnotated', () => {
  it('fills the faulty cell red, keeps its value and number format, and notes the message and hint', async () => {
    const error = findings.find((f) => f.code === 'value_not_number');
    expect(error).toMatchObject({ sheet: 'Kinh phí', cell: 'D7' });
    const before = sheet(await load(bad.bytes), 'Kinh phí').getCell('D7');
    const wb = await load(await renderAnnotated(bad.bytes, findings, INFO));
    const cell = sheet(wb, 'Kinh phí').getCell('D7');
    expect(cell.value).toBe('s');
    expect(cell.numFmt).toBe(before.numFmt);
    expect(cell.border).toEqual(before.border);
    expect(cell.protection).toEqual(before.protection);
    expect(fillOf(cell)).toBe(ANNOTATION_FILLS.error);
    const note = noteOf(cell);
    expect(note).toContain(error?.message);
    expect(note).toContain(error?.hint);
    expect(note).toContain('Lỗi: ');
  });

  it('changes only the faulty cells: cells sharing their style keep the yellow input fill', async () => {
    const wb = await load(await renderAnnotated(bad.bytes, findings, INFO));
    const ws = sheet(wb, 'Kinh phí');
    expect(fillOf(ws.getCell('D6'))).toBe(INPUT_FILL.type === 'pattern' ? INPUT_FILL.fgColor?.argb : undefined);
    expect(fillOf(ws.getCell('D8'))).toBe(fillOf(ws.getCell('D6')));
    expect(noteOf(ws.getCell('D6'))).toBe('');
  });

  it('fills warnings orange; a cell with an error and a warning is red and lists both', async () => {
    const extra = [
      finding({ file: bad.name, sheet: 'Kinh phí', cell: 'B5', code: 'text_legacy_encoding', message: 'Ô B5 được gõ bằng bảng mã TCVN3.' }),
      finding({ file: bad.name, sheet: 'Kinh phí', cell: 'D7', code: 'value_text_number', message: 'Số được nhập dạng chữ.' }),
    ];
    const wb = await load(await renderAnnotated(bad.bytes, [...findings, ...extra], INFO));
    const ws = sheet(wb, 'Kinh phí');
    expect(fillOf(ws.getCell('B5'))).toBe(ANNOTATION_FILLS.warning);
    expect(noteOf(ws.getCell('B5'))).toContain('Cảnh báo: Ô B5 được gõ bằng bảng mã TCVN3.');
    expect(fillOf(ws.getCell('D7'))).toBe(ANNOTATION_FILLS.error);
    expect(noteOf(ws.getCell('D7'))).toMatch(/Lỗi: [\s\S]*Cảnh báo: Số được nhập dạng chữ/);
  });

  it('inserts "Lỗi cần sửa" as the first, selected sheet listing every finding, file-level ones included', async () => {
    const fileLevel = finding({ file: bad.name, code: 'file_macro', message: 'Tệp có chứa macro (VBA).' });
    const all = [fileLevel, ...findings];
    const wb = await load(await renderAnnotated(bad.bytes, all, INFO));
    expect(wb.worksheets.map((w) => w.name)).toEqual([ANNOTATION_SHEET, 'Thông tin', 'Kinh phí']);
    const rows = coverRows(wb);
    const text = rows.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('Cơ quan: Sở Ngoại vụ');
    expect(text).toContain('dự toán kinh phí');
    expect(text).toContain(INFO.planTitle);
    expect(text).toContain("Đề nghị sửa các ô tô màu rồi gửi lại, tăng 'Lần nộp' lên 1");
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual([...ANNOTATION_HEADERS]);
    const listed = rows.slice(header + 1);
    expect(listed).toHaveLength(all.length);
    expect(listed[0]).toEqual(['1', '', '', 'Cảnh báo', fileLevel.message, fileLevel.hint]);
    expect(listed.some((r) => r[1] === 'Kinh phí' && r[2] === 'D7' && r[3] === 'Lỗi')).toBe(true);
    // Opens on the cover, and only the cover is selected (several selected tabs would be grouped).
    expect(wb.views[0]?.activeTab).toBe(0);
    const zip = await JSZip.loadAsync(await renderAnnotated(bad.bytes, all, INFO));
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    const selected = await Promise.all(sheets.map(async (n) => /<sheetView[^>]*tabSelected="1"/.test((await zip.file(n)?.async('string')) ?? '')));
    expect(selected.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the form: sheet protection, dropdown validations, formulas and print titles', async () => {
    const original = await load(bad.bytes);
    const wb = await load(await renderAnnotated(bad.bytes, findings, INFO));
    for (const name of ['Thông tin', 'Kinh phí']) {
      const protection = (ws: ExcelJS.Worksheet) => (ws as unknown as { sheetProtection?: unknown }).sheetProtection;
      expect(protection(sheet(wb, name))).toEqual(protection(sheet(original, name)));
      const dv = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model;
      expect(dv(sheet(wb, name))).toEqual(dv(sheet(original, name)));
    }
    expect(sheet(wb, 'Kinh phí').getCell('F5').formula).toBe(sheet(original, 'Kinh phí').getCell('F5').formula);
    expect(sheet(wb, ANNOTATION_SHEET).getCell('A1').protection?.locked).not.toBe(false);
  });

  it('still reads and validates to the same findings: the data is untouched', async () => {
    const copy = await renderAnnotated(bad.bytes, findings, INFO);
    const again = validateSubmission(await readBook(copy, bad.name), planForRound(plan, ESTIMATE), ESTIMATE);
    expect(again.findings).toEqual(findings);
  });

  it('never modifies the original bytes', async () => {
    const copy = Buffer.from(bad.bytes);
    await renderAnnotated(bad.bytes, findings, INFO);
    expect(Buffer.compare(copy, bad.bytes)).toBe(0);
  });

  it('marks the master of a merged range, and keeps a note the agency had put on a cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.getCell('A1').value = 'Tiêu đề gộp';
    ws.mergeCells('A1:C1');
    ws.getCell('B3').value = 12;
    ws.getCell('B3').note = 'Số liệu tạm tính';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await load(
      await renderAnnotated(
        bytes,
        [
          finding({ file: 'x.xlsx', sheet: 'Số liệu', cell: 'C1', code: 'merged_cell', message: 'Ô gộp.' }),
          finding({ file: 'x.xlsx', sheet: 'Số liệu', cell: 'B3', code: 'value_negative', message: 'Số âm.' }),
        ],
        INFO,
      ),
    );
    const s = sheet(out, 'Số liệu');
    expect(fillOf(s.getCell('A1'))).toBe(ANNOTATION_FILLS.warning);
    expect(noteOf(s.getCell('A1'))).toContain('Ô gộp.');
    expect(noteOf(s.getCell('B3'))).toContain('Số âm.');
    expect(noteOf(s.getCell('B3'))).toContain('Số liệu tạm tính');
  });

  it('a copy sent back again is re-marked: old marks on fixed cells go, one cover sheet, the agency’s note stays', async () => {
    const first = await renderAnnotated(bad.bytes, findings, INFO);
    // The agency fixes D7 in the copy it received and sends that copy back.
    const wb = await load(first);
    sheet(wb, 'Kinh phí').getCell('D7').value = 1;
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const later = [finding({ file: bad.name, sheet: 'Kinh phí', cell: 'E8', code: 'value_negative', message: 'Số âm ở E8.' })];
    const out = await load(await renderAnnotated(fixed, later, { ...INFO, roundLabel: 'dự toán kinh phí (lần 2)' }));
    expect(out.worksheets.filter((w) => w.name === ANNOTATION_SHEET)).toHaveLength(1);
    expect(out.worksheets[0]?.name).toBe(ANNOTATION_SHEET);
    const ws = sheet(out, 'Kinh phí');
    expect(noteOf(ws.getCell('D7'))).toBe('');
    expect(fillOf(ws.getCell('D7'))).toBe(fillOf(ws.getCell('D6')));
    expect(fillOf(ws.getCell('E8'))).toBe(ANNOTATION_FILLS.error);
    expect(coverRows(out).some((r) => r.includes('Số âm ở E8.'))).toBe(true);
  });

  it('gives each note a box large enough for its text (not exceljs’s 2×4-cell default)', async () => {
    const zip = await JSZip.loadAsync(await renderAnnotated(bad.bytes, findings, INFO));
    const vml = Object.keys(zip.files).filter((n) => /vmlDrawing\d*\.vml$/.test(n));
    expect(vml.length).toBeGreaterThan(0);
    const xml = (await Promise.all(vml.map((n) => zip.file(n)?.async('string') ?? ''))).join('');
    const anchors = [...xml.matchAll(/<x:Anchor>([^<]+)<\/x:Anchor>/g)].map((m) => (m[1] ?? '').split(',').map((s) => Number(s.trim())));
    expect(anchors.length).toBeGreaterThan(0);
    // [left col, dx, top row, dy, right col, dx, bottom row, dy]
    for (const a of anchors) {
      expect((a[4] ?? 0) - (a[0] ?? 0)).toBeGreaterThanOrEqual(3);
      expect(a[6]).toBeGreaterThan(a[2] ?? 0);
    }
  });

  it('refuses bytes that are not a workbook with an AnnotateError', async () => {
    await expect(renderAnnotated(new Uint8Array([1, 2, 3]), [], INFO)).rejects.toBeInstanceOf(AnnotateError);
  });
});

describe('annotationTargets', () => {
  const file = (name: string, state: FileStatus['state'], agencyCode: string | null = 'SNGV'): FileStatus => ({ file: name, agencyCode, state, errors: 0, warnings: 0 });
  const f = (name: string) => finding({ file: name, code: 'value_required', message: 'Thiếu.' });

  it('takes every read file with findings, not unused duplicates or unreadable files', () => {
    const files = [file('a.xlsx', 'excluded'), file('b.xlsx', 'used'), file('c.xlsx', 'ignored'), file('d.xls', 'unreadable', null), file('e.xlsm', 'unknown', null), file('f.xlsx', 'used')];
    const found = [f('a.xlsx'), f('b.xlsx'), f('c.xlsx'), f('d.xls'), f('e.xlsm'), finding({ file: '', code: 'agency_missing', message: 'Chưa nộp.' })];
    const targets = annotationTargets(files, found, planForRoundAgencies());
    expect(targets.map((t) => [t.file, t.name])).toEqual([
      ['a.xlsx', 'tra-lai/a.xlsx'],
      ['b.xlsx', 'tra-lai/b.xlsx'],
      ['e.xlsm', 'tra-lai/e.xlsx'],
    ]);
    expect(targets[0]?.agencyName).toBe('Sở Ngoại vụ');
    expect(targets[2]?.agencyName).toContain('chưa xác định');
    expect(targets[0]?.findings).toHaveLength(1);
  });

  it('names copies of .xls and .xlsm files .xlsx (exceljs writes plain workbooks)', () => {
    expect(annotatedFileName('So Ngoai vu.xlsx')).toBe('So Ngoai vu.xlsx');
    expect(annotatedFileName('So.Ngoai.vu.XLSX')).toBe('So.Ngoai.vu.XLSX');
    expect(annotatedFileName('bao cao.xls')).toBe('bao cao.xlsx');
    expect(annotatedFileName('bao cao.v2.xlsm')).toBe('bao cao.v2.xlsx');
  });

  function planForRoundAgencies() {
    return planForRound(plan, ESTIMATE).agencies;
  }
});

const soffice = findSoffice();
if (soffice === null) console.warn(`\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua mở bản sao đánh dấu lỗi bằng LibreOffice. Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`);

describe.skipIf(soffice === null)('the annotated copy in LibreOffice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-annotate-lo-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('converts to PDF', async () => {
    const file = join(dir, 'tra-lai.xlsx');
    await writeFile(file, await renderAnnotated(bad.bytes, findings, INFO));
    const pdf = await convertToPdf(file, dir);
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
  });
});

it('builds from a hand-made workbook too (no form, no protection)', async () => {
  const bytes = await buildWorkbook({ sheets: [{ name: 'Kinh phi', rows: [['STT', 'Nội dung', 'Số lượng'], [1, 'Hội nghị', 'hai']] }] });
  const out = await load(
    await renderAnnotated(bytes, [finding({ file: 'x.xlsx', sheet: 'Kinh phi', cell: 'C2', code: 'value_not_number', message: 'Ô C2 ghi "hai".' })], INFO),
  );
  expect(out.worksheets.map((w) => w.name)).toEqual([ANNOTATION_SHEET, 'Kinh phi']);
  expect(fillOf(sheet(out, 'Kinh phi').getCell('C2'))).toBe(ANNOTATION_FILLS.error);
});
