/**
 * One estimate round of twenty files as agencies really send them: clean forms, text typed in
 * TCVN3 (.VnTime) and VNI fonts, numbers typed as text in Vietnamese and English styles, "(1.234)"
 * negatives, dates typed as text, formulas without cached results, merged cells, hidden rows and
 * sheets, extra columns, an .xlsm, a real .xls, a broken .xls, a password-protected file, a web page
 * named .xls, a truncated zip, an empty file, random bytes and an Excel lock file (its workbook is said to be open).
 * Through the CLI: every readable figure is aggregated, every bad file is named by a finding,
 * nothing throws, exit codes are as documented and the inputs are never modified.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, bgBudget, bgPlan } from '../../scripts/examples/bacgiang.js';
import type { BudgetInput, FormInput } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import type { FindingCode } from '../../src/findings.js';
import { FORM_INFO_LABELS, FORM_SHEETS } from '../../src/model/sheets.js';
import { cli, docxText, hashFolder, loadXlsx, numberOf, tempPlan } from '../e2e/helpers.js';
import { budgetSheet, ESTIMATE, filledForm, planResultFrom } from '../fixtures/submission.js';
import { buildWorkbook, type CellSpec } from '../fixtures/workbook.js';
import { findSoffice } from '../helpers/libreoffice.js';
import { encodeLegacy } from './legacy-encode.js';
import { prng, unzipParts, zipParts } from './mutate.js';

const YEARS = [2025, 2026, 2027, 2028];
const soffice = findSoffice();

/** The seed plan with every agency filing a budget, plus eight more agencies. */
const planData: PlanData = {
  ...bgPlan,
  agencies: [
    ...bgPlan.agencies.map((a) => ({ ...a, sheets: 'Nhiệm vụ; Kinh phí' })),
    { code: 'STC', name: 'Sở Tài chính', aliases: ['Tài chính'], sheets: 'Kinh phí' },
    { code: 'SYT', name: 'Sở Y tế', aliases: ['Y tế'], sheets: 'Kinh phí' },
    { code: 'STP', name: 'Sở Tư pháp', aliases: ['Tư pháp'], sheets: 'Kinh phí' },
    { code: 'SXD', name: 'Sở Xây dựng', aliases: ['Xây dựng'], sheets: 'Kinh phí' },
    { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KHCN'], sheets: 'Kinh phí' },
    { code: 'CAT', name: 'Công an tỉnh', aliases: [], sheets: 'Kinh phí' },
    { code: 'BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', aliases: ['BCH Quân sự'], sheets: 'Kinh phí' },
    { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', aliases: ['Sở TT&TT'], sheets: 'Kinh phí' },
  ],
};

/** Two plain budget lines, different for each k. */
function lines(k: number): BudgetInput[] {
  const a = 10_000 * k + 500;
  const b = 20_000 + 1_000 * k;
  return [
    { content: `Hội nghị xúc tiến hợp tác đầu tư lần thứ ${k}`, unit: 'cuộc', quantity: 2, rate: a, years: [a, a, null, null] },
    { content: `Đoàn công tác khảo sát số ${k}`, unit: 'đoàn', quantity: 1, rate: b, years: [null, null, b, null] },
  ];
}

const n = (v: number | string | null | undefined): number => (typeof v === 'number' ? v : 0);

/** A hand-made budget sheet row from a line: numbers written by `fmt` (text) or as numbers. */
function handRow(i: number, l: BudgetInput, fmt?: (v: number) => string): CellSpec[] {
  const num = (v: number | string | null): CellSpec => (v === null ? null : typeof v === 'number' && fmt ? fmt(v) : v);
  return [String(i + 1), l.content, l.unit, num(l.quantity), num(l.rate), num(n(l.quantity) * n(l.rate)), ...l.years.map(num), ''];
}

interface Case {
  readonly file: string;
  /** Agency whose figures must be in the totals, or null when the file must be left out. */
  readonly used: string | null;
  /** Budget lines the file holds (for the expected totals). */
  readonly lines?: readonly BudgetInput[];
  /** Findings the file must get (at least these codes). */
  readonly codes?: readonly FindingCode[];
}

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;
const cases: Case[] = [];
let hasRealXls = false;

/** Loads workbook bytes, lets `edit` change them as a person would in Excel, and saves. */
async function edited(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function infoRow(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
  throw new Error(`no row ${label}`);
}

/** An OLE (Office 97) container holding only the given stream names. */
function ole(...streams: string[]): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([header, Buffer.alloc(504), ...streams.map((s) => Buffer.from(`${s}\0`, 'utf16le')), Buffer.alloc(512)]);
}

/** Converts .xlsx bytes to a real Excel 97–2003 .xls with LibreOffice (private profile). */
async function toXls(bytes: Uint8Array): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-xls-'));
  try {
    await writeFile(join(dir, 'in.xlsx'), bytes);
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice ?? 'soffice',
        ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--convert-to', 'xls', '--outdir', dir, join(dir, 'in.xlsx')],
        { timeout: 120_000, killSignal: 'SIGKILL' },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    return await readFile(join(dir, 'in.xls'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  env = await tempPlan(planData, BG_PLAN_ID);
  roundDir = join(env.planDir, 'du-toan');
  await mkdir(roundDir, { recursive: true });
  const { plan, findings } = await planResultFrom(planData);
  if (!plan) throw new Error(`plan invalid: ${JSON.stringify(findings)}`);
  const prepared: FormInput = { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 0, 8)) };
  const form = async (code: string, input: FormInput) => (await filledForm(plan, ESTIMATE, code, { ...prepared, ...input })).bytes;
  const files = new Map<string, Uint8Array>();
  const add = (c: Case, bytes: Uint8Array) => {
    cases.push(c);
    files.set(c.file, bytes);
  };

  // 1. A clean form.
  add({ file: 'So Ngoai vu.xlsx', used: 'SNGV', lines: bgBudget['SNGV'] ?? [] }, await form('SNGV', { budget: bgBudget['SNGV'] ?? [] }));

  // 2–3. Agency name and texts typed with TCVN3 (.VnTime) and VNI (VNI-Times) fonts; no agency code.
  for (const [code, encoding, font, file] of [
    ['SNNPTNT', 'tcvn3', '.VnTime', 'Nong nghiep (TCVN3).xlsx'],
    ['SVHTTDL', 'vni', 'VNI-Times', 'Van hoa (VNI).xlsx'],
  ] as const) {
    const unicode = bgBudget[code] ?? [];
    const legacy = unicode.map((l) => ({ ...l, content: encodeLegacy(l.content, encoding), unit: encodeLegacy(l.unit, encoding) }));
    const name = planData.agencies.find((a) => a.code === code)?.name ?? '';
    const bytes = await edited(await form(code, { budget: legacy }), (wb) => {
      const info = wb.getWorksheet(FORM_SHEETS.info);
      const budget = wb.getWorksheet(FORM_SHEETS.budget);
      if (!info || !budget) throw new Error('form sheets missing');
      info.getCell(infoRow(info, FORM_INFO_LABELS.agencyCode), 2).value = null;
      const agency = info.getCell(infoRow(info, FORM_INFO_LABELS.agency), 2);
      agency.value = encodeLegacy(name, encoding);
      agency.font = { name: font, size: 12 };
      legacy.forEach((_, i) => {
        for (const col of [2, 3]) budget.getCell(5 + i, col).font = { name: font, size: 12 };
      });
    });
    add({ file, used: code, lines: unicode, codes: ['text_legacy_encoding'] }, bytes);
  }

  // 4–5. Hand-made sheets with every number typed as text: Vietnamese style, then English style.
  add(
    { file: 'Lien hiep cac to chuc huu nghi - du toan.xlsx', used: 'LHHN', lines: lines(4), codes: ['value_text_number'] },
    await buildWorkbook({ sheets: [budgetSheet(lines(4).map((l, i) => handRow(i, l, (v) => v.toLocaleString('vi-VN'))))] }),
  );
  add(
    { file: 'Bao Bac Giang - EN.xlsx', used: 'BBG', lines: lines(5), codes: ['value_text_number'] },
    await buildWorkbook({
      sheets: [budgetSheet(lines(5).map((l, i) => handRow(i, l, (v) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))))],
    }),
  );

  // 6. "Ngày lập" typed as text "12/7/2026", and the budget sheet hidden.
  add(
    { file: 'Viet Han.xlsx', used: 'CDVH', lines: bgBudget['CDVH'] ?? [], codes: ['sheet_hidden'] },
    await edited(await form('CDVH', { budget: bgBudget['CDVH'] ?? [] }), (wb) => {
      const info = wb.getWorksheet(FORM_SHEETS.info);
      if (!info) throw new Error('no info');
      info.getCell(infoRow(info, FORM_INFO_LABELS.preparedDate), 2).value = '12/7/2026';
      const budget = wb.getWorksheet(FORM_SHEETS.budget);
      if (budget) budget.state = 'hidden';
    }),
  );

  // 7. Formulas saved without cached results (a file written by a tool that does not calculate).
  add(
    { file: 'So Cong Thuong.xlsx', used: 'SCT', lines: lines(7) },
    await edited(await form('SCT', { budget: lines(7) }), (wb) => {
      const ws = wb.getWorksheet(FORM_SHEETS.budget);
      ws?.eachRow((row) =>
        row.eachCell((cell) => {
          const f = cell.formula;
          if (f) cell.value = { formula: f, date1904: false } as ExcelJS.CellFormulaValue;
        }),
      );
    }),
  );

  // 8. Hand-made with merged title rows and a note merged across two lines.
  const merged = budgetSheet(lines(8).map((l, i) => handRow(i, l)));
  add(
    { file: 'Hiep hoi Doanh nghiep.xlsx', used: 'HHDN', lines: lines(8) },
    await buildWorkbook({
      sheets: [{ ...merged, rows: merged.rows.map((r, i) => (i === 4 ? [...r.slice(0, 10), 'Chung cho hai dòng'] : r)), merges: ['A1:K1', 'A2:K2', 'K5:K6'] }],
    }),
  );

  // 9. A hidden data row and a hidden scratch sheet with numbers that must not count.
  add(
    { file: 'BQL cac KCN.xlsx', used: 'BQLKCN', lines: lines(9), codes: ['row_hidden'] },
    await edited(await form('BQLKCN', { budget: lines(9) }), (wb) => {
      const budget = wb.getWorksheet(FORM_SHEETS.budget);
      if (budget) budget.getRow(6).hidden = true;
      const scratch = wb.addWorksheet('Nháp', { state: 'hidden' });
      scratch.addRow(['Tổng cộng', 999_999_999]);
    }),
  );

  // 10. Hand-made with columns the form does not have.
  add(
    { file: 'So Giao duc.xlsx', used: 'SGDDT', lines: lines(10), codes: ['column_extra'] },
    await buildWorkbook({
      sheets: [
        budgetSheet(
          lines(10).map((l, i) => [...handRow(i, l), 'Ngân sách tỉnh', 'Ông B']),
          { headers: ['STT', 'Nội dung', 'Đơn vị tính', 'Số lượng', 'Định mức (1000 đồng)', 'Thành tiền (1000 đồng)', 'Năm 2025', 'Năm 2026', 'Năm 2027', 'Năm 2028', 'Ghi chú', 'Nguồn vốn', 'Người phụ trách'] },
        ),
      ],
    }),
  );

  // 11. The form saved as a macro-enabled workbook.
  const macro = unzipParts(await form('DPTTH', { budget: lines(11) }));
  add({ file: 'Dai PTTH.xlsm', used: 'DPTTH', lines: lines(11), codes: ['file_macro'] }, zipParts([...macro, { name: 'xl/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "Module1"') }]));

  // 12. A real Excel 97–2003 file (converted back by LibreOffice), or a stand-in without LibreOffice.
  if (soffice) {
    hasRealXls = true;
    add({ file: 'So Tai chinh.xls', used: 'STC', lines: lines(12), codes: ['file_xls_converted'] }, await toXls(await form('STC', { budget: lines(12) })));
  } else {
    add({ file: 'So Tai chinh.xls', used: null, codes: ['file_xls_legacy'] }, ole('Workbook'));
  }

  // 13. "(1.234)": a negative figure, an error that keeps the file out of the totals.
  add(
    { file: 'So Y te.xlsx', used: null, codes: ['value_negative'] },
    await buildWorkbook({ sheets: [budgetSheet([['1', 'Tập huấn y tế biên giới', 'lớp', '1', '1.234', '(1.234)', '(1.234)', '-', '-', '-', '']])] }),
  );

  // 14–20. Files that are not usable workbooks, and an Excel lock file.
  const half = await form('SKHCN', { budget: lines(16) });
  const rng = prng(7);
  add({ file: 'So Tu phap.xlsx', used: null, codes: ['file_encrypted'] }, ole('EncryptionInfo', 'EncryptedPackage'));
  add({ file: 'So Xay dung.xls', used: null, codes: ['file_html_as_xls'] }, Buffer.from('<html><head><meta charset="utf-8"></head><body><table><tr><td>Sở Xây dựng</td><td>1.000</td></tr></table></body></html>'));
  add({ file: 'So KHCN.xlsx', used: null, codes: ['file_corrupt'] }, half.subarray(0, Math.floor(half.byteLength * 0.6)));
  add({ file: 'Cong an tinh.xlsx', used: null, codes: ['file_empty'] }, Buffer.alloc(0));
  add({ file: 'BCH Quan su.xlsx', used: null, codes: ['file_not_workbook'] }, Buffer.from(Array.from({ length: 3000 }, () => Math.floor(rng() * 256))));
  add({ file: 'Ban cu hong.xls', used: null, codes: ['file_xls_legacy'] }, ole('Workbook'));
  add({ file: '~$So Ngoai vu.xlsx', used: null }, Buffer.from('\u0007Nguyen Van A                                      ', 'latin1'));

  // Written an hour ago: files still being copied would be waited for (checkInProgress).
  const past = new Date(Date.now() - 3_600_000);
  for (const [file, bytes] of files) {
    await writeFile(join(roundDir, file), bytes);
    await utimes(join(roundDir, file), past, past);
  }
}, 120_000);

afterAll(async () => {
  await env.cleanup();
});

interface JsonFinding {
  file: string;
  sheet: string;
  cell: string;
  severity: string;
  code: string;
  message: string;
}

describe('a round of twenty messy files', () => {
  let before: Record<string, string>;
  let check: Awaited<ReturnType<typeof cli>>;
  let findings: JsonFinding[];
  let build: Awaited<ReturnType<typeof cli>>;
  let outDir: string;

  beforeAll(async () => {
    before = await hashFolder(roundDir);
    outDir = join(env.out, 'du-toan');
    check = await cli('check', roundDir, '--json', '--annotate', '--out', outDir);
    findings = JSON.parse(check.out) as JsonFinding[];
    build = await cli('build', roundDir, '--out', outDir);
  }, 120_000);

  it('has twenty files', () => {
    expect(cases).toHaveLength(20);
  });

  it('check exits 1 (errors in the data), build exits 0 and names the files left out; nothing throws', () => {
    expect(check.code, check.err).toBe(1);
    expect(build.code, build.out + build.err).toBe(0);
    // main() prints "Lỗi: …" only for exceptions; findings are indented lines.
    for (const r of [check, build]) expect(r.err + r.out).not.toMatch(/^Lỗi( mẫu báo cáo)?: |^\s+at .*\.[jt]s:\d+/m);
    expect(build.out).toContain('Không đưa vào tổng hợp vì có lỗi: So Y te.xlsx');
  });

  it('build --strict refuses to build and exits 1', async () => {
    const strict = await cli('build', roundDir, '--strict', '--out', join(env.out, 'strict'));
    expect(strict.code).toBe(1);
    expect(existsSync(join(env.out, 'strict', 'phu-luc-du-toan.xlsx'))).toBe(false);
  });

  it('every bad file has a finding that names it, with the expected code', () => {
    for (const c of cases.filter((x) => x.codes)) {
      const own = findings.filter((f) => f.file === c.file);
      for (const code of c.codes ?? []) expect(own.map((f) => f.code), `${c.file} should have ${code}`).toContain(code);
      for (const f of own) expect(f.message.length).toBeGreaterThan(10);
    }
  });

  it('files that were read and used have no errors; the Excel lock file is not read, and says its workbook is open', () => {
    for (const c of cases.filter((x) => x.used)) {
      const errors = findings.filter((f) => f.file === c.file && f.severity === 'error');
      expect(errors, c.file).toEqual([]);
    }
    // "~$So Ngoai vu.xlsx" is Excel's lock of So Ngoai vu.xlsx: never read as a workbook, never a file of its own…
    expect(findings.some((f) => f.file.startsWith('~$'))).toBe(false);
    expect(check.err).not.toMatch(/^\s+\S+ ~\$/m); // no line of its own in the summary
    // …but what it means is said, once, on the workbook it locks (which is still used: only unsaved changes are missing).
    const open = findings.filter((f) => f.message.includes('~$'));
    expect(open.map((f) => [f.file, f.code, f.severity])).toEqual([['So Ngoai vu.xlsx', 'file_open_elsewhere', 'warning']]);
    expect(open[0]?.message).toContain('những gì chưa lưu sẽ không có trong báo cáo');
    expect(build.out).toContain('So Ngoai vu.xlsx (Sở Ngoại vụ): được tổng hợp; 0 lỗi, 1 cảnh báo');
  });

  it('the agency that sent nothing is reported missing', () => {
    expect(findings.some((f) => f.code === 'agency_missing' && f.message.includes('Sở Thông tin và Truyền thông'))).toBe(true);
  });

  it('every readable figure is in the appendix: each group and the totals equal the sum of the used files’ lines', async () => {
    const wb = await loadXlsx(join(outDir, 'phu-luc-du-toan.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    let headerRow = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        const t = String(cell.value ?? '');
        if (t === 'STT') headerRow = r;
        if (t.startsWith('Thành tiền')) col['amount'] = c;
        for (const y of YEARS) if (t === `Năm ${y}`) col[`y${y}`] = c;
      });
    });
    const groups = new Map<string, number | null>();
    let total: { amount: number | null; years: (number | null)[] } | null = null;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const stt = String(ws.getCell(r, 1).value ?? '');
      const name = String(ws.getCell(r, 2).value ?? '');
      if (/^[IVXL]+$/.test(stt)) groups.set(name, numberOf(ws.getCell(r, col['amount'] ?? 0)));
      if (name === 'Tổng cộng') total = { amount: numberOf(ws.getCell(r, col['amount'] ?? 0)), years: YEARS.map((y) => numberOf(ws.getCell(r, col[`y${y}`] ?? 0))) };
    }
    const used = cases.filter((c) => c.used);
    expect(used.length).toBe(hasRealXls ? 12 : 11);
    const expected = new Map<string, number>();
    const years = [0, 0, 0, 0];
    for (const c of used) {
      const name = planData.agencies.find((a) => a.code === c.used)?.name ?? '';
      expected.set(name, (c.lines ?? []).reduce((s, l) => s + n(l.quantity) * n(l.rate), 0));
      for (const l of c.lines ?? []) l.years.forEach((v, i) => (years[i] = (years[i] ?? 0) + n(v)));
    }
    expect(Object.fromEntries(groups)).toEqual(Object.fromEntries(expected));
    // Groups follow the plan's order of agencies.
    expect([...groups.keys()]).toEqual(planData.agencies.map((a) => a.name).filter((a) => expected.has(a)));
    const grand = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(total).toEqual({ amount: grand, years });
  });

  it('texts typed in TCVN3 and VNI come out as Unicode in the Word appendix', async () => {
    const text = await docxText(join(outDir, 'phu-luc-du-toan.docx'));
    for (const code of ['SNNPTNT', 'SVHTTDL']) {
      for (const l of bgBudget[code] ?? []) expect(text).toContain(l.content);
      expect(text).toContain(planData.agencies.find((a) => a.code === code)?.name);
    }
    expect(text).not.toContain(encodeLegacy('Đoàn tham quan', 'tcvn3'));
    expect(text).not.toContain(encodeLegacy('Mời đoàn đại biểu', 'vni'));
    // The agencies were recognised from their legacy-encoded names, not their file names.
    expect(build.out).toMatch(/Nong nghiep \(TCVN3\)\.xlsx \(Sở Nông nghiệp và Phát triển nông thôn\): được tổng hợp/);
    expect(build.out).toMatch(/Van hoa \(VNI\)\.xlsx \(Sở Văn hóa, Thể thao và Du lịch\): được tổng hợp/);
  });

  it('check --annotate writes a marked copy for each file read with findings (.xls and .xlsm copies as .xlsx), none for unreadable files', async () => {
    const copies = (await readdir(join(outDir, 'tra-lai'))).sort();
    const expected = cases
      // A finding for the agency to fix: that So Ngoai vu.xlsx is open in Excel here is not one (no copy for it).
      .filter((c) => (c.used !== null || c.codes?.includes('value_negative')) && findings.some((f) => f.file === c.file && f.code !== 'file_open_elsewhere'))
      .map((c) => c.file.replace(/\.(xls|xlsm)$/, '.xlsx'))
      .sort();
    expect(copies).toEqual(expected);
    expect(copies).toContain('Dai PTTH.xlsx');
    expect(copies).not.toContain('So Ngoai vu.xlsx');
    if (hasRealXls) expect(copies).toContain('So Tai chinh.xlsx');
    for (const name of copies) {
      const wb = await loadXlsx(join(outDir, 'tra-lai', name));
      expect(wb.worksheets[0]?.name, name).toBe('Lỗi cần sửa');
    }
    expect(check.err).toMatch(/Bản sao có đánh dấu lỗi để gửi trả cơ quan.*: \d+ tệp/);
  });

  it('never modifies the inputs', async () => {
    expect(await hashFolder(roundDir)).toEqual(before);
  });
});
