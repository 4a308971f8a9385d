/**
 * A form's identity (plan, round, form version as hidden defined names): written by `baocao forms`,
 * read back the same by the fast reader and by exceljs, kept when LibreOffice saves the form again,
 * and parsed from what Excel and LibreOffice write.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import { FORM_VERSION, formIdentity, roundKey, roundKeyOfLabel, type FormIdentity } from '../../src/model/identity.js';
import { parseRoundName } from '../../src/model/round.js';
import { identityFromWorkbookXml, identityOfXlsx } from '../../src/read/identity.js';
import { readWorkbookBuffer } from '../../src/read/index.js';
import { readXlsxFast } from '../../src/read/fast-xlsx/index.js';
import { renderForms } from '../../src/render/xlsx/forms.js';
import { stampIdentity } from '../../src/render/xlsx/identity.js';
import { patchZipEntry } from '../../src/render/zip.js';
import { LIBREOFFICE_INSTALL_HINT, convertWithLibreOffice, findSoffice } from '../helpers/libreoffice.js';
import { estimateRound, progressRound, samplePlan } from '../fixtures/plan.js';
import { buildWorkbook } from '../fixtures/workbook.js';

const plan = samplePlan();
const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function read(bytes: Uint8Array, fastXlsx: boolean): Promise<FormIdentity | undefined> {
  const r = await readWorkbookBuffer(bytes, 'x.xlsx', '/r/x.xlsx', { checkInProgress: false, fastXlsx });
  if (!r.workbook) throw new Error(JSON.stringify(r.findings));
  return r.workbook.identity;
}

describe('forms carry their plan, round and version', () => {
  it('every form of a round names its plan, round, version and agency, read the same by both readers', async () => {
    const round = progressRound(2025);
    const forms = await renderForms(plan, round, new Map());
    for (const [i, form] of forms.entries()) {
      const expected = formIdentity(plan, round, plan.agencies[i]?.code ?? '');
      expect(expected).toMatchObject({ version: FORM_VERSION, plan: 'bacgiang-namninh-2025-2028', round: '2025', roundKey: '2025', roundLabel: 'năm 2025' });
      expect(await read(form.bytes, true)).toEqual(expected);
      expect(await read(form.bytes, false)).toEqual(expected);
      // The names do not send forms away from the fast reader.
      expect(readXlsxFast(form.bytes, form.name, [])).not.toBeNull();
    }
  });

  it('keeps the print titles exceljs writes beside the identity', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const xml = workbookXml(form?.bytes ?? new Uint8Array());
    expect(xml).toContain('_xlnm.Print_Titles');
    expect(xml.match(/<definedNames>/g)).toHaveLength(1);
    expect(xml).toContain('<definedName name="_baocao_round" hidden="1">&quot;du-toan&quot;</definedName>');
  });

  it('survives an agency filling in the visible cells and saving the form again', async () => {
    const round = progressRound(2026);
    const [form] = await renderForms(plan, round, new Map());
    const filled = await fillForm(form?.bytes ?? new Uint8Array(), { preparedBy: 'An', tasks: [{ id: '1.1', status: 'Hoàn thành', result: 'Xong.' }] }, plan.info.years, 2026);
    expect(identityOfXlsx(filled)).toEqual(formIdentity(plan, round, 'SNGV'));
  });

  it('stays out of a workbook made by hand', async () => {
    expect(await read(await buildWorkbook({ sheets: [{ name: 'Kinh phí', rows: [['STT', 'Nội dung']] }] }), true)).toBeUndefined();
  });

  it('writes quotes, long titles and control characters as a valid Excel string constant', async () => {
    const [form] = await renderForms(plan, estimateRound(), new Map());
    const odd: FormIdentity = { ...formIdentity(plan, estimateRound(), 'SNGV'), planTitle: `Kế hoạch "số 1"\u0001 ${'x'.repeat(400)}` };
    const bytes = stampIdentity(patchZipEntry(form?.bytes ?? new Uint8Array(), 'xl/workbook.xml', (x) => x.replace(/<definedName name="_baocao_[^]*?<\/definedName>/g, '')), odd);
    const back = identityOfXlsx(bytes);
    expect(back?.planTitle).toBe(`Kế hoạch "số 1" ${'x'.repeat(400)}`.slice(0, 255));
    expect(back?.plan).toBe(plan.id);
  });
});

describe.skipIf(soffice === null)('the identity in LibreOffice', () => {
  it('is kept when LibreOffice Calc opens a form and saves it again as .xlsx', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-identity-lo-'));
    dirs.push(dir);
    const round = progressRound(2026);
    const [form] = await renderForms(plan, round, new Map());
    const source = join(dir, 'bieu-mau.xlsx');
    await writeFile(source, form?.bytes ?? new Uint8Array());
    const saved = await convertWithLibreOffice(source, join(dir, 'lo'), 'xlsx');
    const bytes = await readFile(saved);
    // LibreOffice rewrote the package (its own app name), and the names are still there.
    expect(workbookXml(bytes)).toContain('appName="Calc"');
    const expected = formIdentity(plan, round, 'SNGV');
    expect(await read(bytes, true)).toEqual(expected);
    expect(await read(bytes, false)).toEqual(expected);
  }, 180_000);
});
if (soffice === null) {
  console.warn(`\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua kiểm tra định danh biểu mẫu sau khi LibreOffice lưu lại (tests/read/identity.test.ts).\n!!! Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`);
}
describe('LibreOffice on CI', () => {
  it.runIf(onCi)('is installed, so the round trip above ran', () => {
    expect(soffice, `LibreOffice is required on CI: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });
});

describe('identityFromWorkbookXml reads what Excel and LibreOffice write', () => {
  const wrap = (names: string) => `<?xml version="1.0"?><workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames>${names}</definedNames></workbook>`;
  it.each([
    { name: 'Excel (hidden, &quot;)', xml: '<definedName name="_baocao_plan" hidden="1">&quot;kh-1&quot;</definedName>', plan: 'kh-1' },
    { name: 'LibreOffice (visible, extra attributes)', xml: '<definedName function="false" hidden="false" name="_baocao_plan" vbProcedure="false">&quot;kh-1&quot;</definedName>', plan: 'kh-1' },
    { name: 'a namespace prefix and single quotes', xml: "<x:definedName name='_baocao_plan'>\"kh-1\"</x:definedName>", plan: 'kh-1' },
    { name: 'a leading = and doubled quotes', xml: '<definedName name="_BAOCAO_PLAN">="kh ""1"""</definedName>', plan: 'kh "1"' },
    { name: 'a character reference', xml: '<definedName name="_baocao_plan">"k&#x1EBF;"</definedName>', plan: 'kế' },
  ])('$name', ({ xml, plan: expected }) => {
    expect(identityFromWorkbookXml(wrap(xml))?.plan).toBe(expected);
  });

  it.each([
    { name: 'no names', xml: '' },
    { name: 'a sheet-level name', xml: '<definedName name="_baocao_plan" localSheetId="0">"kh-1"</definedName>' },
    { name: 'a range, not a constant', xml: '<definedName name="_baocao_plan">Sheet1!$A$1</definedName>' },
    { name: 'a number', xml: '<definedName name="_baocao_round">2026</definedName>' },
    { name: 'other names only', xml: '<definedName name="_xlnm.Print_Titles" localSheetId="0">A!$1:$1</definedName><definedName name="plan">"x"</definedName>' },
  ])('none from $name', ({ xml }) => {
    expect(identityFromWorkbookXml(wrap(xml))).toBeNull();
  });
});

describe('round keys', () => {
  it.each([
    ['du-toan', 'du-toan'],
    ['2025', '2025'],
    ['2026-Q3', '2026-Q3'],
    ['2026-quy-3', '2026-Q3'],
    ['2026-h1', '2026-H1'],
    ['2026-6t', '2026-H1'],
    ['2026-9t', '2026-9T'],
    ['2026-thang-7', '2026-07'],
    ['dot-bo-sung', 'dot:dot bo sung'],
  ])('the folder %s is the round %s', (folder, key) => {
    expect(roundKey({ id: folder, ...parseRoundName(folder) })).toBe(key);
  });

  it.each([
    ['năm 2025', '2025'],
    ['Năm 2026', '2026'],
    ['quý III/2026', '2026-Q3'],
    ['Quý 3 năm 2026', '2026-Q3'],
    ['Q3-2026', '2026-Q3'],
    ['6 tháng đầu năm 2026', '2026-H1'],
    ['6 tháng cuối năm 2026', '2026-H2'],
    ['9 tháng năm 2026', '2026-9T'],
    ['tháng 07/2026', '2026-07'],
    ['Tháng 7 năm 2026', '2026-07'],
    ['dự toán kinh phí', 'du-toan'],
    ['Du toan 2026', 'du-toan'],
    ['đợt 1', null],
    ['giai đoạn 2026-2030', null],
    ['quý V/2026', null],
    ['', null],
  ])('the label "%s" names the round %s', (label, key) => {
    expect(roundKeyOfLabel(label)).toBe(key);
  });
});

function workbookXml(bytes: Uint8Array): string {
  let xml = '';
  patchZipEntry(bytes, 'xl/workbook.xml', (x) => (xml = x));
  return xml;
}
