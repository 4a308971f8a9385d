/**
 * A plan with its own report template written in Word (issue 14): input/<plan>/mau/bao-cao.docx
 * gives that plan its own letterhead and wording; the other plans keep the default report. A
 * template with mistakes stops the build with exit 2, every mistake named with its paragraph, and
 * no report written; `baocao templates check` says the same before any build. A template saved
 * again by LibreOffice, with a field retyped across runs, still works.
 */
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, docxText, docxXml } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, convertWithLibreOffice, findSoffice, findTool } from '../helpers/libreoffice.js';
import { execFileSync } from 'node:child_process';
import { summariseReport, type ReportBlock } from '../fixtures/report-summary.js';

let env: ExampleCopy;
const LANGSON = 'langson-tang-truong-2026';

beforeAll(async () => {
  env = await copyExample();
  await cp(resolve('input', LANGSON), join(env.root, 'input', LANGSON), { recursive: true });
});
afterAll(async () => {
  await env.cleanup();
});

const p = (...runs: (string | TextRun)[]): Paragraph => new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)) });
const cell = (t: string): TableCell => new TableCell({ children: [p(t)] });

/** A plan's own template: its letterhead, a field typed in two runs, a paragraph loop and a table-row loop. */
function ownTemplate(): Document {
  return new Document({
    sections: [
      {
        children: [
          p(new TextRun({ text: 'SỞ THỬ NGHIỆM MẪU RIÊNG', bold: true })),
          p('{{numberLine}} — {{dateLine}}'),
          p('BÁO CÁO kết quả {{per', new TextRun({ text: 'iod}}', italics: true })),
          p('Thực hiện Kế hoạch {{planTitleLower}}, đã có {{submitted}} cơ quan gửi báo cáo.'),
          p('{{#each fields}}'),
          p('{{number}}. {{title}}'),
          p('{{/each}}'),
          new Table({ rows: [new TableRow({ children: [cell('Cơ quan chưa nộp'), cell('Mã')] }), new TableRow({ children: [cell('{{#each missing}}{{name}}'), cell('{{code}}{{/each}}')] })] }),
          p('Nơi nhận:'),
          p('{{#each recipients}}'),
          p('- {{this}}'),
          p('{{/each}}'),
          p('{{phu_luc}}'),
        ],
      },
    ],
  });
}

async function putTemplate(doc: Document | Buffer): Promise<string> {
  const dir = join(env.planDir, 'mau');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'bao-cao.docx');
  await writeFile(path, Buffer.isBuffer(doc) ? doc : await Packer.toBuffer(doc));
  return path;
}

describe('a plan with its own Word template', () => {
  it('places the charts where the template has {{bieudo "…"}}: real chart parts, editable in Word', async () => {
    const planDir = join(env.root, 'input', LANGSON);
    await mkdir(join(planDir, 'mau'), { recursive: true });
    const doc = new Document({ sections: [{ children: [p('Tăng trưởng {{period}}:'), p('{{bieudo "tang-truong"}}'), p('Chỉ tiêu:'), p('{{bieudo "chi-tieu"}}'), p('Hết.')] }] });
    await writeFile(join(planDir, 'mau', 'bao-cao.docx'), await Packer.toBuffer(doc));
    const out = join(env.root, 'out-charts');
    const r = await cli('build', join(planDir, '2026-Q3'), '--out', out);
    expect(r.code, r.out).toBeLessThan(2);
    const zip = await JSZip.loadAsync(await readFile(join(out, 'bao-cao.docx')));
    // Named as Word names them (chart1.xml, chart2.xml…), in the order the template places them.
    const charts = Object.keys(zip.files).filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
    const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
    for (const chart of charts) {
      expect(rels).toContain(`Target="charts/${chart.split('/').pop() ?? ''}"`);
      expect(types).toContain(`PartName="/${chart}"`);
    }
    // Each chart's reference points at a relationship of the document; the charts sit between their sentences.
    for (const m of xml.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)) expect(rels).toContain(`Id="${m[1] ?? ''}"`);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text.indexOf('Tăng trưởng quý III năm 2026:')).toBeLessThan(text.indexOf('Biểu đồ 1'));
    expect(text.indexOf('Biểu đồ 1')).toBeLessThan(text.indexOf('Chỉ tiêu:'));
    await rm(join(planDir, 'mau'), { recursive: true, force: true });
  }, 60_000);

  it('gets its own letterhead and wording; the other plan keeps the default report', async () => {
    await putTemplate(ownTemplate());
    const out = join(env.root, 'out-own');
    const r = await cli('build', join(env.root, 'input'), '--out', out);
    expect(r.code, r.out).toBeLessThan(2);
    // The template's margins are not Nghị định 30's: said, and the report is still made.
    expect(r.out).toMatch(/Cảnh báo mẫu: .*lề trái 25 mm; Nghị định 30 quy định 30–35 mm/);
    const own = await docxText(join(out, 'bacgiang-namninh-2025-2028', '2025', 'bao-cao.docx'));
    expect(own).toContain('SỞ THỬ NGHIỆM MẪU RIÊNG');
    expect(own).toContain('BÁO CÁO kết quả năm 2025');
    expect(own).toMatch(/Số: {6}\/BC-UBND — Bắc Giang, ngày {6}tháng {6}năm 20\d\d/);
    expect(own).toMatch(/1\. .+/);
    expect(own).toContain('- Như trên');
    expect(own).not.toContain('{{');
    // {{phu_luc}}: the appendices follow, each in its landscape section, with the tables' styles.
    expect(own).toContain('TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ');
    expect(own).toContain('TÌNH HÌNH THỰC HIỆN DỰ TOÁN KINH PHÍ NĂM 2025');
    const ownXml = await docxXml(join(out, 'bacgiang-namninh-2025-2028', '2025', 'bao-cao.docx'));
    expect(ownXml).toContain('w:orient="landscape"');
    expect(ownXml.match(/<w:sectPr\b/g)?.length).toBeGreaterThanOrEqual(3);
    expect(ownXml.indexOf('Như trên')).toBeLessThan(ownXml.indexOf('TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ'));
    // Checked before any build, over the folder of plans: the own template is clean, its margins a warning.
    const check = await cli('templates', 'check', join(env.root, 'input'));
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain('Mẫu bacgiang-namninh-2025-2028/mau/bao-cao.docx không có lỗi.');
    expect(check.out).toContain('2 kế hoạch, 1 kế hoạch có mẫu riêng');
    expect(check.out).toMatch(/Cảnh báo: .*lề trái 25 mm/);
    const other = await docxText(join(out, LANGSON, '2026-Q3', 'bao-cao.docx'));
    expect(other).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(other).not.toContain('SỞ THỬ NGHIỆM');
  }, 120_000);

  it('places one appendix where {{phu_luc_2}} is and the others where {{phu_luc}} is, each in its landscape section, the template\'s text between', async () => {
    await putTemplate(new Document({ sections: [{ children: [p('Mở đầu {{period}}.'), p('{{phu_luc_2}}'), p('Giữa hai phụ lục.'), p('{{phu_luc}}'), p('')] }] }));
    try {
      const out = join(env.root, 'out-numbered');
      const r = await cli('build', join(env.planDir, '2025'), '--out', out);
      expect(r.code, r.out + r.err).toBeLessThan(2);
      const xml = await docxXml(join(out, 'bao-cao.docx'));
      const label = (n: string) => xml.indexOf(`<w:t xml:space="preserve">Phụ lục ${n}</w:t>`);
      expect(label('I')).toBeGreaterThan(0);
      expect(xml.indexOf('Mở đầu năm 2025.')).toBeLessThan(label('II'));
      expect(label('II')).toBeLessThan(xml.indexOf('Giữa hai phụ lục.'));
      expect(xml.indexOf('Giữa hai phụ lục.')).toBeLessThan(label('I'));
      // Sections: the template's text, Phụ lục II, the text between, Phụ lục I ending the document (no blank page after it).
      const sections = [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => (/w:orient="landscape"/.test(m[0]) ? 'landscape' : 'portrait'));
      expect(sections).toEqual(['portrait', 'landscape', 'portrait', 'landscape']);
      expect(xml).toMatch(/<\/w:tbl>(?:(?!<w:t[ >]).)*<w:sectPr\b[^]*?<\/w:sectPr><\/w:body>/s);
    } finally {
      await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
    }
  }, 60_000);

  it('names a {{phu_luc}} inside a sentence and a {{phu_luc_0}}, nothing else', async () => {
    await putTemplate(new Document({ sections: [{ children: [p('Xem {{phu_luc}} kèm theo.'), p('{{phu_luc_0}}')] }] }));
    try {
      const r = await cli('templates', 'check', env.planDir);
      expect(r.code).toBe(2);
      const said = `${r.out}${r.err}`;
      expect(said).toContain('Mẫu báo cáo có 2 lỗi');
      expect(said).toMatch(/đoạn 1 «Xem \{\{phu_luc\}\} kèm theo\.»: Thẻ \{\{phu_luc\}\} .*phải đứng một mình/);
      expect(said).toMatch(/đoạn 2 «\{\{phu_luc_0\}\}»: Phụ lục đánh số từ 1/);
    } finally {
      await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
    }
  });

  it('with mistakes: exit 2, every mistake with its paragraph, and no report written', async () => {
    await putTemplate(
      new Document({ sections: [{ children: [p('Kỳ {{period}}'), p('{{#each fields}}'), p('{{title}}'), p('Tên: {{ten_ke_hoach}}')] }] }),
    );
    const out = join(env.root, 'out-bad');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code).toBe(2);
    const said = `${r.out}${r.err}`;
    expect(said).toMatch(/đoạn 2 «\{\{#each fields\}\}»: Thẻ "\{\{#each fields\}\}" chưa được đóng/);
    expect(said).toMatch(/đoạn 4 «Tên: \{\{ten_ke_hoach\}\}»: Trường "ten_ke_hoach" không có trong dữ liệu/);
    expect(await readdir(out).catch(() => [])).not.toContain('bao-cao.docx');
    const check = await cli('templates', 'check', env.planDir);
    expect(check.code).toBe(2);
    expect(`${check.out}${check.err}`).toContain('Mẫu báo cáo có 2 lỗi');
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
    const clean = await cli('templates', 'check', env.planDir);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('không có mẫu riêng');
  }, 60_000);
});

const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
if (soffice === null && !onCi) console.warn(`\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua kiểm tra mẫu Word lưu lại bằng LibreOffice. Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`);

describe('a template saved again by LibreOffice', () => {
  it.runIf(onCi)('finds soffice on CI', () => {
    expect(soffice, `LibreOffice is required on CI. Install: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });

  it.skipIf(soffice === null)('the shipped templates/bao-cao.docx saved by LibreOffice, a field retyped, a sentence and a row loop added: those appear, the rest is the default report', async () => {
    const planDir = join(env.root, 'input', LANGSON);
    const roundDir = join(planDir, '2026-Q3');
    const work = join(env.root, 'lo-default');
    await mkdir(work, { recursive: true });
    const plain = join(env.root, 'out-default-plain');
    expect((await cli('build', roundDir, '--out', plain)).code).toBeLessThan(2);
    await cp(resolve('templates', 'bao-cao.docx'), join(work, 'bao-cao.docx'));
    const saved = await convertWithLibreOffice(join(work, 'bao-cao.docx'), join(work, 'lo-out'), 'docx');
    const zip = await JSZip.loadAsync(await readFile(saved));
    let xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // Retype {{period}} of the opening sentence so that runs split it, as Word does while typing.
    expect(xml).toContain('{{period}} như sau');
    xml = xml.replace('{{period}} như sau', '{{per</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">iod}} như sau');
    // A sentence with a field, and a table whose row repeats for each agency that has not sent its report, before the closing.
    const closing = xml.lastIndexOf('<w:tbl>');
    const added =
      '<w:p><w:r><w:t xml:space="preserve">Câu mới: kế hoạch có {{taskCount}} nhiệm vụ, {{missing.length}} cơ quan chưa gửi.</w:t></w:r></w:p>' +
      '<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="6000"/><w:gridCol w:w="3000"/></w:tblGrid>' +
      '<w:tr><w:tc><w:p><w:r><w:t>{{#each missing}}{{name}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>chưa gửi{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    xml = `${xml.slice(0, closing)}${added}${xml.slice(closing)}`;
    zip.file('word/document.xml', xml);
    await mkdir(join(planDir, 'mau'), { recursive: true });
    await writeFile(join(planDir, 'mau', 'bao-cao.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    try {
      const out = join(env.root, 'out-default-lo');
      const r = await cli('build', roundDir, '--out', out);
      expect(r.code, r.out + r.err).toBeLessThan(2);
      // No warning either: the styles LibreOffice adds are not used by the text.
      expect(r.out).not.toContain('Cảnh báo mẫu');
      const mine = await summariseReport(new Uint8Array(await readFile(join(out, 'bao-cao.docx'))));
      const theirs = await summariseReport(new Uint8Array(await readFile(join(plain, 'bao-cao.docx'))));
      const text = JSON.stringify(mine.body);
      expect(text).toContain('Câu mới: kế hoạch có');
      // One row per agency that has not sent its report (this round: one).
      const table = mine.body.find((b) => 'table' in b && JSON.stringify(b).includes('chưa gửi'));
      expect(table && 'table' in table ? table.table.map((row) => row.map((c) => c.map((b) => ('p' in b ? b.p.map((r) => r[0]).join('') : '')).join(''))) : null).toEqual([['Sở Giáo dục và Đào tạo', 'chưa gửi']]);
      const isAdded = (b: ReportBlock) => JSON.stringify(b).includes('Câu mới') || JSON.stringify(b).includes('chưa gửi"');
      expect(mine.body.filter((b) => !isAdded(b))).toEqual(theirs.body);
    } finally {
      await rm(join(planDir, 'mau'), { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(soffice === null)('still works after a round trip, with a field retyped across runs and a new sentence', async () => {
    const work = join(env.root, 'lo');
    await mkdir(work, { recursive: true });
    await writeFile(join(work, 'mau.docx'), await Packer.toBuffer(ownTemplate()));
    // LibreOffice writes its own XML (rsids, run properties) when it saves the template again.
    const saved = await convertWithLibreOffice(join(work, 'mau.docx'), join(work, 'lo-out'), 'docx');
    const zip = await JSZip.loadAsync(await readFile(saved));
    let xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // Retype {{submitted}} so that Word-like runs split it, and add a sentence with a field.
    xml = xml.replace('{{submitted}}', '{{sub</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mit</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">ted}}');
    const at = xml.lastIndexOf('<w:sectPr');
    xml = `${xml.slice(0, at)}<w:p><w:r><w:t xml:space="preserve">Câu mới: có {{taskCount}} nhiệm vụ.</w:t></w:r></w:p>${xml.slice(at)}`;
    zip.file('word/document.xml', xml);
    await putTemplate(await zip.generateAsync({ type: 'nodebuffer' }));
    const out = join(env.root, 'out-lo');
    const r = await cli('build', join(env.planDir, '2025'), '--out', out);
    expect(r.code, r.out).toBeLessThan(2);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text).toMatch(/đã có \d+ cơ quan gửi báo cáo/);
    expect(text).toMatch(/Câu mới: có \d+ nhiệm vụ\./);
    expect(text).toContain('SỞ THỬ NGHIỆM MẪU RIÊNG');
    // The filled report, appendices included, opens in LibreOffice.
    const pdf = await convertToPdf(join(out, 'bao-cao.docx'), join(work, 'pdf'));
    const pdftotext = findTool('pdftotext');
    if (pdftotext !== null) {
      const pdfText = execFileSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('SỞ THỬ NGHIỆM MẪU RIÊNG');
      expect(pdfText).toContain('TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ');
    }
    await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
  }, 120_000);
});

describe('a template file that is not a usable Word document', () => {
  it.each([
    ['random bytes', Buffer.from('không phải tệp Word')],
    ['a cut-off .docx', Buffer.alloc(0)],
  ])('%s: exit 2 with a Vietnamese reason, never a crash', async (_name, bytes) => {
    const dir = join(env.planDir, 'mau');
    await mkdir(dir, { recursive: true });
    const full = await Packer.toBuffer(ownTemplate());
    await writeFile(join(dir, 'bao-cao.docx'), bytes.length > 0 ? bytes : full.subarray(0, Math.floor(full.length / 2)));
    const r = await cli('templates', 'check', env.planDir);
    expect(r.code).toBe(2);
    expect(`${r.out}${r.err}`).toMatch(/bacgiang-namninh-2025-2028\/mau\/bao-cao\.docx: tệp không phải văn bản Word \.docx \(hoặc bị hỏng\)/);
    const b = await cli('build', join(env.planDir, '2025'), '--out', join(env.root, 'out-broken'));
    expect(b.code).toBe(2);
    expect(`${b.out}${b.err}`).toContain('không phải văn bản Word');
    expect(`${b.out}${b.err}`).not.toMatch(/TypeError|at Object|node:internal/);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
