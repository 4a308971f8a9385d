/**
 * Report templates written in Word (issue 14): tags Word split over runs still work, blocks span
 * paragraphs and table rows, an {{#if}} leaves no empty paragraph, agency texts cannot become
 * markup, and every problem of a template is named with its paragraph, all at once.
 */
import { readTemplates } from '../../src/read/index.js';
import { AlignmentType, Document, InsertedTextRun, DeletedTextRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, Bookmark } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { compileWordTemplate, fillWordTemplate, formatWordProblem, nd30Warnings } from '../../src/render/word-template.js';

const schema = z.strictObject({
  period: z.string(),
  info: z.strictObject({ title: z.string(), number: z.string() }),
  gaps: z.array(z.string()),
  missing: z.array(z.strictObject({ name: z.string(), code: z.string() })),
  missingNames: z.string(),
  progressParts: z.array(z.string()),
  note: z.string(),
});
const data = {
  period: 'quý III năm 2026',
  info: { title: 'Kế hoạch thử', number: '' },
  gaps: ['GRDP thấp hơn kịch bản.', 'Chỉ tiêu A chưa có kết quả.'],
  missing: [
    { name: 'Sở Xây dựng', code: 'SXD' },
    { name: 'Sở Tài chính', code: 'STC' },
  ],
  missingNames: 'Sở Xây dựng; Sở Tài chính',
  progressParts: ['3 nhiệm vụ hoàn thành', '2 nhiệm vụ đang thực hiện'],
  note: 'Dòng một <w:b/> & "trích"\nDòng hai',
};

type Child = Paragraph | Table;
const p = (...runs: (string | TextRun | InsertedTextRun | DeletedTextRun | Bookmark)[]): Paragraph =>
  new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)) });

async function parts(children: Child[], patch?: (xml: string) => string): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children }] })));
  const out = new Map<string, Uint8Array>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('uint8array'));
  if (patch) out.set('word/document.xml', new TextEncoder().encode(patch(new TextDecoder().decode(out.get('word/document.xml')))));
  return out;
}

/** Paragraph texts of a filled document (table cells included, in order). */
async function texts(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
  return [...(xml ?? '').matchAll(/<w:p(?:\s[^>]*)?(?<!\/)>([\s\S]*?)<\/w:p>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : (t[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'))).join(''),
  );
}

async function fill(children: Child[], patch?: (xml: string) => string): Promise<string[]> {
  const { template, problems } = compileWordTemplate('mau.docx', await parts(children, patch), schema);
  expect(problems.map(formatWordProblem)).toEqual([]);
  if (!template) throw new Error('no template');
  return texts(fillWordTemplate(template, data));
}

async function problemsOf(children: Child[]): Promise<string[]> {
  const { template, problems } = compileWordTemplate('mau.docx', await parts(children), schema);
  expect(template).toBeNull();
  return problems.map(formatWordProblem);
}

describe('tags Word split over runs', () => {
  it.each([
    ['typed in three runs, the middle one bold', [p('Kỳ: {{per', new TextRun({ text: 'io', bold: true }), 'd}}.')], 'Kỳ: quý III năm 2026.'],
    ['a revision: text inserted into the tag, deleted text inside it', [p('Kỳ: {{pe', new DeletedTextRun({ text: 'XX', id: 1, author: 'A', date: '2026-01-01T00:00:00Z' }), new InsertedTextRun({ text: 'ri', id: 2, author: 'A', date: '2026-01-01T00:00:00Z' }), 'od}}.')], 'Kỳ: quý III năm 2026.'],
    ['a bookmark between the runs of a tag', [p('Kỳ: {{', new Bookmark({ id: 'bm', children: [new TextRun('period')] }), '}}.')], 'Kỳ: quý III năm 2026.'],
    ['curly quotes from AutoCorrect inside a helper call', [p('Đến nay: {{join progressParts “; ”}}.')], 'Đến nay: 3 nhiệm vụ hoàn thành; 2 nhiệm vụ đang thực hiện.'],
  ])('%s', async (_name, children, expected) => {
    expect(await fill(children)).toEqual([expected]);
  });

  it('a tag cut by spell-check marks (proofErr) and a formatting change', async () => {
    const got = await fill([p('Kỳ: {{per', 'iod}}.')], (xml) => xml.replace('<w:r><w:t xml:space="preserve">iod}}', '<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">iod}}'));
    expect(got).toEqual(['Kỳ: quý III năm 2026.']);
  });

  it("gives the value the formatting of the tag's first run", async () => {
    const { template } = compileWordTemplate('mau.docx', await parts([p(new TextRun({ text: '{{per', bold: true }), 'iod}} tiếp')]), schema);
    const xml = await (await JSZip.loadAsync(fillWordTemplate(template!, data))).file('word/document.xml')?.async('string');
    expect(xml).toMatch(/<w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">quý III năm 2026<\/w:t>/);
  });
});

describe('blocks over paragraphs and table rows', () => {
  it('repeats paragraphs between {{#each}} and {{/each}} on their own lines', async () => {
    expect(await fill([p('Tồn tại:'), p('{{#each gaps}}'), p('- {{this}}'), p('{{/each}}'), p('Hết.')])).toEqual(['Tồn tại:', '- GRDP thấp hơn kịch bản.', '- Chỉ tiêu A chưa có kết quả.', 'Hết.']);
  });

  it('drops a paragraph whose {{#if}} came out empty, keeps the others', async () => {
    expect(await fill([p('A'), p('{{#if info.number}}Kế hoạch số {{info.number}}{{/if}}'), p('{{#if missing.length}}Chưa nộp: {{missingNames}}{{/if}}')])).toEqual(['A', 'Chưa nộp: Sở Xây dựng; Sở Tài chính']);
  });

  it('repeats a table row with {{#each}} in its first cell and {{/each}} in its last', async () => {
    const cell = (t: string) => new TableCell({ children: [p(t)] });
    const table = new Table({ rows: [new TableRow({ children: [cell('Cơ quan'), cell('Mã')] }), new TableRow({ children: [cell('{{#each missing}}{{name}}'), cell('{{code}}{{/each}}')] })] });
    expect(await fill([table])).toEqual(['Cơ quan', 'Mã', 'Sở Xây dựng', 'SXD', 'Sở Tài chính', 'STC']);
  });

  it('puts agency text in as text: markup characters escaped, line breaks as Word line breaks', async () => {
    expect(await fill([p('{{note}}')])).toEqual(['Dòng một <w:b/> & "trích"\nDòng hai']);
  });

  it('keeps a document without fields as it is, centred paragraphs included', async () => {
    expect(await fill([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('BÁO CÁO')] })])).toEqual(['BÁO CÁO']);
  });
});

describe('problems named where they are, all at once', () => {
  it('an unclosed {{#each}} and an unknown field, each with its paragraph', async () => {
    const got = await problemsOf([p('Mở đầu {{period}}'), p('{{#each gaps}}'), p('- {{this}}'), p('Tên: {{ten_ke_hoach}}')]);
    expect(got).toEqual([
      expect.stringMatching(/^mau\.docx, đoạn 2 «\{\{#each gaps\}\}»: Thẻ "\{\{#each gaps\}\}" chưa được đóng: thêm \{\{\/each\}\}/),
      expect.stringMatching(/^mau\.docx, đoạn 4 «Tên: \{\{ten_ke_hoach\}\}»: Trường "ten_ke_hoach" không có trong dữ liệu/),
    ]);
  });

  it.each([
    ['a stray closing tag', [p('Chữ {{/if}}')], /đoạn 1 .*Thẻ "\{\{\/if\}\}" không có thẻ mở/],
    ['"{{" never closed', [p('Kỳ {{period')], /đoạn 1 .*Có "\{\{" mà không có "\}\}"/],
    ['a stray "}}"', [p('Kỳ period}}')], /đoạn 1 .*Có "\}\}" thừa/],
    ['a block opened in a sentence and closed in another paragraph', [p('Nếu có {{#if gaps.length}} thì'), p('{{/if}}')], /đoạn 1 .*Đặt mỗi thẻ khối trên một dòng riêng/],
    ['a field inside a table cell', [new Table({ rows: [new TableRow({ children: [new TableCell({ children: [p('x')] }), new TableCell({ children: [p('{{khong_co}}')] })] })] })], /đoạn 2 \(bảng 1, dòng 1, ô 2\) «\{\{khong_co\}\}»: Trường "khong_co"/],
    ['a chart that does not exist', [p('{{bieudo "khong-co"}}')], /đoạn 1 .*Không có biểu đồ "khong-co"; dùng một trong: \{\{bieudo "tang-truong"\}\}/],
    ['a chart in the middle of a sentence', [p('Xem {{bieudo "tang-truong"}} dưới đây')], /đoạn 1 .*phải đứng một mình trong một đoạn/],
  ])('%s', async (_name, children, pattern) => {
    const got = await problemsOf(children as Child[]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(pattern);
  });

  it('says when the file is not a Word document', () => {
    const { problems } = compileWordTemplate('mau.docx', new Map([['xl/workbook.xml', new Uint8Array()]]), schema);
    expect(problems[0]?.message).toContain('không phải văn bản Word');
  });
});

describe('Nghị định 30 checks on a staff template (warnings, not refusals)', () => {
  it('names the margins and fonts a template breaks', async () => {
    const file = { name: 'mau.docx', parts: await parts([p(new TextRun({ text: 'Chữ', font: 'Arial' }))]) };
    const warnings = nd30Warnings(file);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/lề trái 25 mm; Nghị định 30 quy định 30–35 mm/),
        expect.stringMatching(/lề phải 25 mm; Nghị định 30 quy định 15–20 mm/),
        expect.stringMatching(/phông "Arial"; Nghị định 30 quy định phông Times New Roman/),
        expect.stringMatching(/chưa có Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" và Tiêu ngữ "Độc lập - Tự do - Hạnh phúc"/),
      ]),
    );
    expect(warnings.some((w) => w.includes('A4'))).toBe(false);
  });

  it('counts the fonts of the styles the text uses, not of styles nothing uses (LibreOffice adds one to every file)', async () => {
    const shipped = (await readTemplates()).report;
    if (!('parts' in shipped)) throw new Error('templates/bao-cao.docx unreadable');
    const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
    const heading = '<w:style w:type="paragraph" w:styleId="LoHeading"><w:name w:val="Heading"/><w:basedOn w:val="LoBase"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="LoBase"><w:name w:val="Base"/><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans"/></w:rPr></w:style>';
    const styles = dec(shipped.parts.get('word/styles.xml')).replace('</w:styles>', `${heading}</w:styles>`);
    const withStyle = (doc: string) => ({ name: 'mau.docx', parts: new Map([...shipped.parts, ['word/styles.xml', new TextEncoder().encode(styles)], ['word/document.xml', new TextEncoder().encode(doc)]]) });
    const doc = dec(shipped.parts.get('word/document.xml'));
    expect(nd30Warnings(withStyle(doc))).toEqual([]);
    // Text whose runs have their own Times New Roman is shown in it, whatever its paragraph's style says.
    expect(nd30Warnings(withStyle(doc.replace('<w:p>', '<w:p><w:pPr><w:pStyle w:val="LoHeading"/></w:pPr>')))).toEqual([]);
    // A paragraph typed in that style (through the style it is based on): its font counts.
    const at = doc.lastIndexOf('<w:sectPr');
    const used = `${doc.slice(0, at)}<w:p><w:pPr><w:pStyle w:val="LoHeading"/></w:pPr><w:r><w:t>Đề mục mới</w:t></w:r></w:p>${doc.slice(at)}`;
    expect(nd30Warnings(withStyle(used))).toEqual([expect.stringMatching(/phông "Liberation Sans"/)]);
  });

  it('resolves theme fonts the way Word does: a blank Word document\'s Calibri is named, text set in Times New Roman over it is not', async () => {
    const shipped = (await readTemplates()).report;
    if (!('parts' in shipped)) throw new Error('templates/bao-cao.docx unreadable');
    const enc = (t: string) => new TextEncoder().encode(t);
    const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
    const theme = '<a:theme><a:themeElements><a:fontScheme><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>';
    // Word's defaults: the theme's minor font; the shipped runs all say Times New Roman.
    const styles = dec(shipped.parts.get('word/styles.xml')).replace(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/, '<w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault>');
    const doc = dec(shipped.parts.get('word/document.xml'));
    const file = (d: string) => ({ name: 'mau.docx', parts: new Map([...shipped.parts, ['word/styles.xml', enc(styles)], ['word/theme/theme1.xml', enc(theme)], ['word/document.xml', enc(d)]]) });
    expect(nd30Warnings(file(doc))).toEqual([]);
    // A sentence typed without a font of its own takes the theme's.
    const at = doc.lastIndexOf('<w:sectPr');
    const typed = `${doc.slice(0, at)}<w:p><w:r><w:t>Câu gõ thêm</w:t></w:r></w:p>${doc.slice(at)}`;
    expect(nd30Warnings(file(typed))).toEqual([expect.stringMatching(/phông "Calibri"/)]);
  });

  it('says nothing of a template on A4 with ND30 margins in Times New Roman', async () => {
    const mm = (v: number) => Math.round((v * 1440) / 25.4);
    const bytes = await Packer.toBuffer(
      new Document({
        styles: { default: { document: { run: { font: 'Times New Roman' } } } },
        sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } }, children: [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), p('Độc lập - Tự do - Hạnh phúc'), p('Chữ')] }],
      }),
    );
    const zip = await JSZip.loadAsync(bytes);
    const map = new Map<string, Uint8Array>();
    for (const [name, f] of Object.entries(zip.files)) if (!f.dir) map.set(name, await f.async('uint8array'));
    expect(nd30Warnings({ name: 'mau.docx', parts: map })).toEqual([]);
  });

  it('names a page that is not A4', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ properties: { page: { size: { width: 12240, height: 15840 } } }, children: [p('Letter')] }] }));
    const zip = await JSZip.loadAsync(bytes);
    const map = new Map<string, Uint8Array>();
    for (const [name, f] of Object.entries(zip.files)) if (!f.dir) map.set(name, await f.async('uint8array'));
    expect(nd30Warnings({ name: 'mau.docx', parts: map })[0]).toMatch(/khổ giấy 216 × 279 mm, không phải A4/);
  });
});

describe('a text box (paragraphs inside a paragraph)', () => {
  it('fills its fields and leaves the structure whole', async () => {
    const box =
      '<w:p><w:r><w:t xml:space="preserve">Ngoài </w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{{#if gaps.length}}Trong {{period}}{{/if}}</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>';
    const got = await fill([p('MARKER')], (xml) => xml.replace(/<w:p>(?:(?!<w:p>)[\s\S])*?MARKER[\s\S]*?<\/w:p>/, box));
    expect(got.join('|')).toContain('Trong quý III năm 2026');
  });
});
