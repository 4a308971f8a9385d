/**
 * Differential test of the fast .xlsx reader (src/read/fast-xlsx/): for every workbook the
 * suite can build — hand-made specs, rendered and filled forms, the shipped input files, annotated
 * copies, benchmark workbooks, and raw-XML variants exceljs never writes (inline strings, shared
 * formulas as Excel writes them, booleans, errors, entities, date1904…) — reading with the fast
 * path must give exactly what the exceljs path gives: same SourceWorkbook, same findings.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { bgBudget, bgProgress2025 } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import { planForRound } from '../../src/model/plan.js';
import { readXlsxFast } from '../../src/read/fast-xlsx/index.js';
import { readWorkbookBuffer } from '../../src/read/index.js';
import { scanZip } from '../../src/read/zip.js';
import { renderAnnotated } from '../../src/render/xlsx/annotate.js';
import { renderForms } from '../../src/render/xlsx/forms.js';
import { finding } from '../../src/findings.js';
import { makeRound } from '../../bench/synthetic.js';
import { ESTIMATE, PROGRESS_2025, filledForm, loadBgPlan } from '../fixtures/submission.js';
import { mutate, prng, unzipParts } from '../robustness/mutate.js';
import { buildWorkbook, type SheetSpec } from '../fixtures/workbook.js';

const stats = { fast: 0, fallback: 0 };

/** Reads `bytes` both ways and asserts identical results; returns whether the fast path took it. */
async function same(bytes: Uint8Array, name: string): Promise<boolean> {
  return sameAs(bytes, name, true);
}

async function sameAs(bytes: Uint8Array, name: string, count: boolean): Promise<boolean> {
  const slow = await readWorkbookBuffer(bytes, name, `/round/${name}`, { checkInProgress: false, soffice: false, fastXlsx: false });
  const fast = await readWorkbookBuffer(bytes, name, `/round/${name}`, { checkInProgress: false, soffice: false, fastXlsx: true });
  expect(fast, name).toStrictEqual(slow);
  const took = readXlsxFast(bytes, name, []) !== null;
  if (count) {
    if (took) stats.fast++;
    else stats.fallback++;
  }
  return took;
}

async function withXml(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [path, edit] of Object.entries(edits)) {
    const f = zip.file(path);
    if (!f) throw new Error(`no ${path}`);
    zip.file(path, edit(await f.async('string')));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const LEGACY_ROWS = Array.from({ length: 25 }, (_, i) => [`Tæng hîp sè ${i}`, i]);

const SPECS: Record<string, SheetSpec[]> = {
  plain: [{ name: 'Kinh phí', rows: [['STT', 'Nội dung', 'Số tiền'], [1, 'Hội nghị', 1500.5], [2, '  khoảng trắng  ', -3], [], [true, false, 0]] }],
  dates: [{ name: 'Ngày', rows: [[new Date(Date.UTC(2025, 0, 31)), new Date(Date.UTC(1900, 1, 28)), new Date(Date.UTC(2024, 1, 29, 12, 30))]] }],
  formulas: [
    {
      name: 'CT',
      rows: [
        [1, 2, { formula: 'A1+B1', result: 3 }, { formula: 'A1-A1', result: 0 }, { formula: 'A1*B1' }, { formula: 'TEXT(A1,"0")', result: '1' }, { formula: 'T("")', result: '' }],
      ],
    },
  ],
  rich: [
    { name: 'RT', rows: [[{ richText: ['Tổng ', 'hợp'] }, { richText: ['Tæng ', 'hîp'] }]], fonts: { B1: '.VnTime' } },
  ],
  merges: [
    {
      name: 'Gộp',
      rows: [['Tiêu đề', null, null], ['a', 'b', 'c'], [null, 'x', null], [5]],
      merges: ['A1:C1', 'A3:A4', 'B3:C5', 'E7:F8'],
    },
  ],
  hidden: [
    { name: 'Hiện', rows: [[1, 2, 3, 4], [5, 6, 7, 8], [9], [], [10]], hiddenRows: [2, 4, 9], hiddenColumns: [2, 4, 7] },
    { name: 'Ẩn', rows: [['ẩn']], state: 'hidden' },
    { name: 'Rất ẩn', rows: [['rất ẩn']], state: 'veryHidden' },
  ],
  tcvn3: [
    { name: 'TCVN3', rows: LEGACY_ROWS, fonts: Object.fromEntries(LEGACY_ROWS.map((_, i) => [`A${i + 1}`, '.VnTime'])) },
    { name: 'VNI', rows: [['Toång hôïp'], ['Tæng hîp không font']], fonts: { A1: 'VNI-Times' } },
  ],
  empty: [{ name: 'Trống', rows: [] }, { name: 'Chỉ định dạng', rows: [[null, null, '']] }],
};

describe('fast .xlsx reader = exceljs path', () => {
  const tmp: string[] = [];
  afterAll(async () => {
    for (const d of tmp) await rm(d, { recursive: true, force: true });
    console.log(`fast-xlsx differential: ${stats.fast} workbooks read by the fast path, ${stats.fallback} fell back to exceljs`);
  });

  for (const [name, sheets] of Object.entries(SPECS)) {
    it(`spec workbook "${name}"`, async () => {
      expect(await same(await buildWorkbook({ sheets }), `${name}.xlsx`)).toBe(true);
    });
  }

  it('all specs in one workbook, and exceljs-built shared formulas, hyperlinks-free styles and numbers formats', async () => {
    expect(await same(await buildWorkbook({ sheets: Object.values(SPECS).flat().filter((s, i, a) => a.findIndex((t) => t.name === s.name) === i) }), 'all.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Shared');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2, shareType: 'shared', ref: 'B1:B2' } as ExcelJS.CellValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 } as ExcelJS.CellValue;
    ws.getCell('C1').value = 45000;
    ws.getCell('C1').numFmt = 'dd/mm/yyyy';
    ws.getCell('C2').value = 45000.5;
    ws.getCell('C2').numFmt = '[Red]"d"#,##0';
    ws.getCell('C3').value = 12;
    ws.getCell('C3').numFmt = '0.00%';
    ws.getCell('D1').value = { formula: 'C1+1', result: 45001 };
    ws.getCell('D1').numFmt = 'yyyy-mm-dd';
    ws.getCell('D2').value = { error: '#N/A' } as ExcelJS.CellValue;
    ws.getCell('E1').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellValue;
    expect(await same(Buffer.from(await wb.xlsx.writeBuffer()), 'shared.xlsx')).toBe(true);
  });

  it('numbers shown as percentages are marked so by both readers (formula results and merged cells too), never a "%" in quotes', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tỷ lệ');
    const put = (at: string, value: ExcelJS.CellValue, numFmt?: string) => {
      ws.getCell(at).value = value;
      if (numFmt) ws.getCell(at).numFmt = numFmt;
    };
    put('A1', 0.852, '0.0%');
    put('A2', 0.5, '0%');
    put('A3', { formula: 'A1*1', result: 0.852 }, '#,##0.00%');
    put('A4', 12, '0.0"%"');
    put('A5', 12, '#,##0');
    put('A6', 0.25, '[$-42A]0%');
    put('B1', 0.7, '0%');
    ws.mergeCells('B1:C1');
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await same(bytes, 'ty-le.xlsx')).toBe(true);
    const read = await readWorkbookBuffer(bytes, 'ty-le.xlsx', '/round/ty-le.xlsx', { checkInProgress: false, soffice: false });
    const rows = read.workbook?.sheets[0]?.rows ?? [];
    expect(rows.map((r) => r[0]?.percent ?? false)).toEqual([true, true, true, false, false, true]);
    expect(rows[0]?.[1]).toMatchObject({ value: 0.7, percent: true });
    expect(rows[0]?.[2]).toMatchObject({ value: 0.7, percent: true, mergedFrom: 'B1' });
  });

  describe('raw XML variants', () => {
    const base = (): Promise<Buffer> => buildWorkbook({ sheets: [{ name: 'S', rows: [['a', 1, 'b'], [2, 'c', 3]] }] });
    const sheet1 = 'xl/worksheets/sheet1.xml';
    const data = (rows: string): ((xml: string) => string) => (xml) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rows}</sheetData>`);
    const VARIANTS: Record<string, { edits: (b: Buffer) => Record<string, (xml: string) => string>; fast: boolean }> = {
      'inline strings, booleans, errors, str values, entities': {
        fast: true,
        edits: () => ({
          [sheet1]: data(
            '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> A &amp; B &lt;&#x1EA1;&#7841;&gt; </t></is></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
              '<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><v>x &amp;amp; y</v></c><c r="F1" t="inlineStr"><is><r><rPr><rFont val=".VnTime"/></rPr><t>Tæng</t></r><r><t xml:space="preserve"> hîp_x000D_</t></r></is></c></row>' +
              '<row r="3" hidden="true"><c r="A3"><v>1.5E+3</v></c><c r="B3" t="n"><v> 42 </v></c><c r="C3"><v>abc</v></c><c r="D3"><f>1/0</f><v>#DIV/0!</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F3" t="b"><f>TRUE()</f><v>1</v></c></row>' +
              '<row r="4"><c r="A4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B4" t="str"><f>""</f><v></v></c><c r="C4"><f>SUM(A3:B3)</f></c><c r="D4" t="b"><f>FALSE()</f><v>0</v></c><c r="E4"><f>0</f><v>0</v></c></row>',
          ),
        }),
      },
      'shared formulas as Excel writes them, CRLF text': {
        fast: true,
        edits: () => ({
          [sheet1]: data(
            '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+Sheet2!A1+SUM(A1:A2)</f><v>3</v></c></row>' +
              '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>5</v></c><c r="C2" t="inlineStr"><is><t>dòng 1\r\ndòng 2\rdòng 3</t></is></c></row>' +
              '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c></row>',
          ),
        }),
      },
      'date1904, built-in date formats and cols': {
        fast: true,
        edits: () => ({
          'xl/workbook.xml': (xml) => (xml.includes('<workbookPr') ? xml.replace(/<workbookPr([^/]*)\/>/, '<workbookPr$1 date1904="1"/>') : xml.replace('<sheets>', '<workbookPr date1904="1"/><sheets>')),
          'xl/styles.xml': (xml) => xml.replace(/<cellXfs count="(\d+)">/, (_m, n: string) => `<cellXfs count="${Number(n) + 3}"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0"/>`),
          [sheet1]: (xml) =>
            data('<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>1.25</v></c><c r="C1" s="3"><v>7</v></c><c r="D1" s="1" t="str"><f>"x"</f><v>x</v></c><c r="E1" s="0"><v>1</v></c><c r="F1" s="99"><v>2</v></c></row><row r="2" hidden="1"/><row r="5"><c r="H5"><v>1</v></c></row>')(xml)
              .replace('<sheetData>', '<cols><col min="3" max="4" hidden="1" width="3"/><col min="1" max="1" hidden="true"/><col min="8" max="9" hidden="0"/></cols><sheetData>'),
        }),
      },
      'merged ranges covering rows that do not exist, one-cell merge, slave with its own value': {
        fast: true,
        edits: () => ({
          [sheet1]: (xml) =>
            data('<row r="2"><c r="B2" t="inlineStr"><is><t>gộp</t></is></c><c r="C2"><v>9</v></c></row><row r="6"><c r="A6"><v>1</v></c></row>')(xml).replace(
              '</sheetData>',
              '</sheetData><mergeCells count="3"><mergeCell ref="B2:C4"/><mergeCell ref="A6"/><mergeCell ref="E1:E9"/></mergeCells>',
            ),
        }),
      },
      'empty and phonetic-free shared strings': {
        fast: true,
        edits: () => ({
          'xl/sharedStrings.xml': (xml) => xml.replace(/<\/sst>$/, '<si/><si><r><t>chỉ</t></r><r><rPr><b/></rPr><t xml:space="preserve"> chữ</t></r></si></sst>').replace(/uniqueCount="\d+"/, ''),
          [sheet1]: (xml) => {
            const n = 3; // exceljs wrote 'a', 'b', 'c'
            return data(`<row r="1"><c r="A1" t="s"><v>${n}</v></c><c r="B1" t="s"><v>${n + 1}</v></c><c r="C1" t="s"><v>0</v></c></row>`)(xml);
          },
        }),
      },
      'tags as a person or another program may write them: spaces and tabs inside tags, single quotes, entities in attributes, text between cells, empty values': {
        fast: true,
        edits: () => ({
          [sheet1]: data(
            '<row r="1" ><c r=\'A1\' t="s" ><v >0</v ></c >  <c\tr="B1"\n s="0"><v>2</v></c>\n</row ><row r="2" spans="1:3" hidden=\'1\'>' +
              '<c r="A2" s="0"><v/></c><c r="B2"/><c r="C2" t="str"><f>&quot;x&quot;</f><v>x</v></c><c r="D2" t="inlineStr"><is><t>chữ &amp; số</t></is></c><c r="E2"><f t="array" ref="E2">1+1</f><v>2</v></c></row>' +
              '<row r="3" x14ac:dyDescent="0.25" custom="&#49;"/>',
          ),
        }),
      },
      'a duplicated attribute in a cell (fallback: exceljs refuses the file)': {
        fast: false,
        edits: () => ({ [sheet1]: data('<row r="1"><c r="A1" r="A1"><v>1</v></c></row>') }),
      },
      'a ">" inside an attribute value, an element inside a value (fallback)': {
        fast: false,
        edits: () => ({ [sheet1]: data('<row r="1"><c r="A1" x="a>b"><v>1</v></c><c r="B1"><v>1<b/></v></c></row>') }),
      },
      'a sheetData element nested before the real one (fallback)': {
        fast: false,
        edits: () => ({ [sheet1]: (xml) => xml.replace('<sheetData>', '<sheetPr><sheetData/></sheetPr><sheetData>') }),
      },
      'an element exceljs does not know in the core properties (fallback: exceljs refuses the file)': {
        fast: false,
        edits: () => ({ 'docProps/core.xml': (xml) => xml.replace('</cp:coreProperties>', '<cp:cetegory>x</cp:cetegory></cp:coreProperties>') }),
      },
      'an element inside a package relationship (fallback: exceljs refuses the file)': {
        fast: false,
        edits: () => ({ '_rels/.rels': (xml) => xml.replace(/<Relationship ([^>]*)\/>/, '<Relationship $1><x/></Relationship>') }),
      },
      'hyperlinks (fallback)': {
        fast: false,
        edits: () => ({
          [sheet1]: (xml) => xml.replace('</sheetData>', '</sheetData><hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>'),
        }),
      },
      'comment inside sheet data (fallback)': {
        fast: false,
        edits: () => ({ [sheet1]: (xml) => xml.replace('<sheetData>', '<sheetData><!-- x -->') }),
      },
      'overlapping merges (fallback: exceljs refuses the file)': {
        fast: false,
        edits: () => ({ [sheet1]: (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>') }),
      },
      'unknown entity (fallback: exceljs refuses the file)': {
        fast: false,
        edits: () => ({ [sheet1]: data('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>') }),
      },
      'phonetic run (fallback)': {
        fast: false,
        edits: () => ({ 'xl/sharedStrings.xml': (xml) => xml.replace('</si>', '<rPh sb="0" eb="1"><t>x</t></rPh></si>') }),
      },
    };
    for (const [title, v] of Object.entries(VARIANTS)) {
      it(title, async () => {
        const b = await base();
        expect(await same(await withXml(b, v.edits(b)), 'variant.xlsx')).toBe(v.fast);
      });
    }
  });

  it('parts swapped: the package relationships hold the application properties (read before under their own name)', async () => {
    const bytes = await buildWorkbook({ sheets: [{ name: 'S', rows: [['a', 1]] }] });
    expect(await same(bytes, 'before.xlsx')).toBe(true);
    const app = await (await JSZip.loadAsync(bytes)).file('docProps/app.xml')?.async('string');
    if (app === undefined) throw new Error('exceljs wrote no docProps/app.xml');
    expect(await same(await withXml(bytes, { '_rels/.rels': () => app }), 'swapped.xlsx')).toBe(false);
  });

  it('local headers that disagree with the zip directory: a folder entry without its signature, a part renamed in its header', async () => {
    const bytes = Buffer.from(await buildWorkbook({ sheets: [{ name: 'S', rows: [['a', 1]] }] }));
    const zip = scanZip(bytes);
    if (!zip.ok) throw new Error(zip.detail);
    const folder = zip.entries.find((e) => e.name.endsWith('/'));
    const workbook = zip.entries.find((e) => e.name === 'xl/workbook.xml');
    if (!folder || !workbook) throw new Error('exceljs wrote no folder entry or no workbook part');
    // JSZip refuses the first (both paths: file_corrupt) and reads the second under its local name, "xl/workbook.xel" (no sheets).
    const noSignature = Buffer.from(bytes);
    noSignature[folder.localHeaderOffset + 2] = 0x0c;
    await same(noSignature, 'folder.xlsx');
    const slow = await readWorkbookBuffer(noSignature, 'folder.xlsx', '/round/folder.xlsx', { checkInProgress: false, soffice: false, fastXlsx: false });
    expect(slow.findings.map((f) => f.code)).toEqual(['file_corrupt']);
    const renamed = Buffer.from(bytes);
    renamed.write('xl/workbook.xel', workbook.localHeaderOffset + 30, 'utf8');
    expect(await same(renamed, 'renamed.xlsx')).toBe(false);
  });

  it('forms rendered for both rounds, blank and filled', async () => {
    const plan = await loadBgPlan();
    for (const round of [ESTIMATE, PROGRESS_2025]) {
      const roundPlan = planForRound(plan, round);
      const forms = await renderForms(roundPlan, round, new Map());
      for (const form of forms) {
        expect(await same(form.bytes, form.name)).toBe(true);
        const code = roundPlan.agencies.find((a) => form.name.startsWith(String(a.order).padStart(2, '0')))?.code ?? '';
        const input =
          round === ESTIMATE
            ? { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 2, 3)), budget: bgBudget[code] ?? [] }
            : { preparedBy: 'Trần Thị B', phone: '0912 345 678', tasks: bgProgress2025[code] ?? [] };
        const filled = await fillForm(form.bytes, input, plan.info.years, round.period?.year);
        expect(await same(filled, form.name)).toBe(true);
      }
    }
  }, 120_000);

  it('every shipped workbook under input/ and annotated copies of some', async () => {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.xls[xm]?$/i.test(e.name)) files.push(p);
      }
    };
    await walk('input');
    expect(files.length).toBeGreaterThan(20);
    let annotated = 0;
    for (const f of files) {
      const bytes = await readFile(f);
      await same(bytes, relative('input', f));
      if (annotated < 12 && f.endsWith('.xlsx')) {
        const r = await readWorkbookBuffer(bytes, f, f, { checkInProgress: false, soffice: false });
        const sheet = r.workbook?.sheets[0]?.name;
        if (!sheet) continue;
        const findings = [
          finding({ file: f, code: 'file_macro', message: 'Tệp thử.' }),
          finding({ file: f, sheet, cell: 'B3', code: 'value_not_number', message: 'Ô sai.' }),
        ];
        const copy = await renderAnnotated(bytes, findings, { agencyName: 'Sở Ngoại vụ', roundLabel: 'thử', planTitle: 'Kế hoạch thử' });
        // Annotated copies carry notes (comments + VML drawings): exceljs reads them (fallback).
        expect(await same(copy, `annotated-${annotated}.xlsx`)).toBe(false);
        annotated++;
      }
    }
  }, 120_000);

  it('fuzz mutants of filled forms (tests/robustness/mutate.ts): same workbook or same findings either way', async () => {
    const plan = await loadBgPlan();
    const prepared = { preparedBy: 'Nguyễn Văn A', phone: '0204 3854 000', preparedDate: new Date(Date.UTC(2025, 0, 8)) };
    const bases = [
      (await filledForm(plan, ESTIMATE, 'SNGV', { ...prepared, budget: bgBudget['SNGV'] ?? [] })).bytes,
      (await filledForm(plan, PROGRESS_2025, 'SCT', { ...prepared, tasks: bgProgress2025['SCT'] ?? [] })).bytes,
    ];
    const parts = bases.map((b) => unzipParts(b));
    const rng = prng(Number(process.env['FUZZ_SEED'] ?? 20_260_713));
    const n = Number(process.env['FUZZ_N'] ?? 300);
    let fast = 0;
    const differences: string[] = [];
    for (let i = 0; i < n; i++) {
      const m = mutate(rng, bases[i % 2] as Buffer, parts[i % 2] ?? []);
      try {
        if (await sameAs(m.bytes, `mutant-${i}.xlsx`, false)) fast++;
      } catch (err) {
        const slow = await readWorkbookBuffer(m.bytes, 'm.xlsx', '/m', { checkInProgress: false, soffice: false, fastXlsx: false });
        differences.push(`#${i} ${m.label.slice(0, 300)} → exceljs: ${slow.findings.map((f) => f.message).join(' | ').slice(0, 300) || 'read'}; ${String(err).slice(0, 300)}`);
      }
    }
    console.log(`fast-xlsx fuzz: ${n} mutants, ${fast} read by the fast path, ${n - fast} by exceljs (or refused)`);
    expect(differences).toEqual([]);
    expect(fast).toBeGreaterThan(n / 10);
  }, 300_000);

  it('benchmark workbooks (bench/synthetic.ts)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'baocao-fast-'));
    tmp.push(root);
    const round = await makeRound(root, 12);
    for (const name of round.files) expect(await same(await readFile(join(round.roundDir, name)), name)).toBe(true);
    expect(await same(await readFile(join(round.planDir, 'ke-hoach.xlsx')), 'ke-hoach.xlsx')).toBe(true);
    await round.correct(3);
    expect(await same(await readFile(join(round.roundDir, round.files[3] ?? '')), 'corrected.xlsx')).toBe(true);
  }, 120_000);
});
