import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppendixTable, OfficialDocument, TableColumn } from '../../src/model/document.js';
import { renderAppendixDocx, renderOfficialDocx } from '../../src/render/docx/index.js';
import { sampleBudgetAppendix, sampleReport } from '../fixtures/report-sample.js';
import { breakAgencyName } from '../../src/render/docx/official.js';
import { columnWidths, formatCell } from '../../src/render/docx/table.js';
import { parseMarkup } from '../../src/render/markup.js';

/** The XML parts of a .docx, by path. */
async function unzipDocx(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const [path, entry] of Object.entries(zip.files)) {
    if (!entry.dir && /\.(xml|rels)$/.test(path)) parts.set(path, await entry.async('string'));
  }
  return parts;
}

function part(parts: Map<string, string>, path: string): string {
  const xml = parts.get(path);
  if (xml === undefined) throw new Error(`missing part ${path}`);
  return xml;
}

const sections = (xml: string): string[] => xml.match(/<w:sectPr\b.*?<\/w:sectPr>/gs) ?? [];
const paragraphs = (xml: string): string[] => xml.match(/<w:p\b[ >].*?<\/w:p>/gs) ?? [];
const rows = (xml: string): string[] => xml.match(/<w:tr\b[ >].*?<\/w:tr>/gs) ?? [];
const tables = (xml: string): string[] => xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
/** The visible text of a fragment (XML entities left as written). */
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
/** The paragraph whose text is exactly `text` (throws when absent). */
function paragraphWithText(xml: string, text: string): string {
  const found = paragraphs(xml).find((p) => textOf(p) === text);
  if (found === undefined) throw new Error(`no paragraph "${text}"`);
  return found;
}
const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

const TNR_ALL_SLOTS = /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/;

describe('renderOfficialDocx', () => {
  let parts: Map<string, string>;
  let doc: string;

  beforeAll(async () => {
    parts = await unzipDocx(await renderOfficialDocx(sampleReport()));
    doc = part(parts, 'word/document.xml');
  });

  it('sets up portrait A4 with margins 20/20/30/15 mm', () => {
    const main = sections(doc)[0] ?? '';
    expect(main).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(attr(main, 'w:pgMar', 'w:top')).toBe('1134');
    expect(attr(main, 'w:pgMar', 'w:bottom')).toBe('1134');
    expect(attr(main, 'w:pgMar', 'w:left')).toBe('1701');
    expect(attr(main, 'w:pgMar', 'w:right')).toBe('850');
  });

  it('uses Times New Roman on all four font slots in the defaults and in every run', () => {
    const styles = part(parts, 'word/styles.xml');
    const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(TNR_ALL_SLOTS);
    expect(defaults).toContain('<w:sz w:val="28"/>');
    const fonts = doc.match(/<w:rFonts\b[^>]*\/>/g) ?? [];
    expect(fonts.length).toBeGreaterThan(50);
    for (const f of fonts) expect(f).toMatch(TNR_ALL_SLOTS);
    for (const f of styles.match(/<w:rFonts\b[^>]*\/>/g) ?? []) expect(f).not.toMatch(/Calibri|Cambria|asciiTheme/);
  });

  it('hides the page number on page 1 and shows a centred PAGE field in the header after it', () => {
    const main = sections(doc)[0] ?? '';
    expect(main).toContain('<w:titlePg/>');
    const rels = part(parts, 'word/_rels/document.xml.rels');
    const headerOf = (type: string): string => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(main)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      return part(parts, `word/${target}`);
    };
    const first = headerOf('first');
    const other = headerOf('default');
    expect(first).not.toContain('PAGE');
    expect(other).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(other).toContain('<w:jc w:val="center"/>');
    expect(other).toContain('<w:sz w:val="28"/>');
  });

  it('renders the header block as a borderless two-column table with the rules as paragraph borders', () => {
    const header = tables(doc)[0] ?? '';
    const tableBorders = header.match(/<w:(tblBorders|tcBorders)>.*?<\/w:\1>/gs) ?? [];
    expect(tableBorders.length).toBeGreaterThan(0);
    for (const b of tableBorders) expect(b).not.toMatch(/w:val="single"/);
    expect(textOf(header)).toContain('ỦY BAN NHÂN DÂN');
    expect(textOf(header)).toContain('TỈNH BẮC GIANG');
    const national = paragraphWithText(header, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(national).toContain('<w:b/>');
    expect(paragraphWithText(header, 'Độc lập - Tự do - Hạnh phúc')).toContain('<w:b/>');
    expect(paragraphWithText(header, 'Số:      /BC-UBND')).toContain('<w:sz w:val="26"/>');
    const date = paragraphWithText(header, 'Bắc Giang, ngày      tháng      năm 2025');
    expect(date).toContain('<w:i/>');
    // Two short rules (under the agency name and under the motto): empty paragraphs with a bottom border and equal indents.
    const ruleParagraphs = paragraphs(header).filter((p) => p.includes('<w:bottom w:val="single"'));
    expect(ruleParagraphs).toHaveLength(2);
    for (const r of ruleParagraphs) {
      expect(textOf(r)).toBe('');
      expect(attr(r, 'w:ind', 'w:left')).toBe(attr(r, 'w:ind', 'w:right'));
    }
    // The agency name breaks after "ỦY BAN NHÂN DÂN" as agencies write it.
    expect(header).toMatch(/ỦY BAN NHÂN DÂN<\/w:t><\/w:r><w:r>.*?<w:br\/><w:t[^>]*>TỈNH BẮC GIANG/s);
  });

  it('writes the type, the trích yếu and "Kính gửi"', () => {
    expect(paragraphWithText(doc, 'BÁO CÁO')).toMatch(/<w:jc w:val="center"\/>/);
    const summary = paragraphs(doc).find((p) => textOf(p).startsWith('Kết quả thực hiện Kế hoạch'));
    expect(summary).toContain('<w:b/>');
    expect(paragraphWithText(doc, 'Kính gửi: Bộ Ngoại giao.')).toBeDefined();
  });

  it('writes body paragraphs justified, indented 1.27 cm, 6 pt after, with lineRule auto', () => {
    const body = paragraphs(doc).find((p) => textOf(p).startsWith('Năm 2025, Sở Ngoại vụ')) ?? '';
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(attr(body, 'w:ind', 'w:firstLine')).toBe('720');
    expect(attr(body, 'w:spacing', 'w:after')).toBe('120');
    expect(attr(body, 'w:spacing', 'w:lineRule')).toBe('auto');
    expect(body).toContain('<w:sz w:val="28"/>');
    // Inline bold from the markup.
    expect(body).toMatch(/<w:b\/>.*?<w:t[^>]*>02 đoàn<\/w:t>/s);
    const h1 = paragraphWithText(doc, 'I. KẾT QUẢ THỰC HIỆN');
    expect(h1).toContain('<w:pStyle w:val="Heading1"/>');
    expect(h1).toContain('<w:b/>');
    const h3 = paragraphWithText(doc, 'a) Đoàn ra');
    expect(h3).toContain('<w:b/>');
    expect(h3).toContain('<w:i/>');
    expect(paragraphs(doc).some((p) => textOf(p).startsWith('- Đoàn cán bộ nông, lâm nghiệp'))).toBe(true);
  });

  it('escapes "&" exactly once', () => {
    expect(doc).toContain('Sở Văn hóa, Thể thao &amp; Du lịch');
    for (const xml of parts.values()) expect(xml).not.toContain('&amp;amp;');
  });

  it('always gives lineRule with a line spacing', () => {
    for (const spacing of doc.match(/<w:spacing\b[^>]*\/>/g) ?? []) {
      if (spacing.includes('w:line=')) expect(spacing).toMatch(/w:lineRule="(auto|exact|atLeast)"/);
    }
  });

  it('keeps Nơi nhận and the signature in one unsplittable row', () => {
    const closing = tables(doc).find((t) => textOf(t).includes('Nơi nhận:')) ?? '';
    const row = rows(closing)[0] ?? '';
    expect(row).toContain('<w:cantSplit/>');
    expect(closing).not.toMatch(/w:val="single"/);
    expect(closing).toMatch(/<w:tblBorders>.*w:val="none"/s);
    const label = paragraphWithText(closing, 'Nơi nhận:');
    expect(label).toContain('<w:b/>');
    expect(label).toContain('<w:i/>');
    expect(label).toContain('<w:sz w:val="24"/>');
    expect(paragraphWithText(closing, '- Bộ Ngoại giao;')).toContain('<w:sz w:val="22"/>');
    expect(paragraphWithText(closing, '- Lưu: VT, KGVX.')).toBeDefined();
    for (const line of ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Mai Sơn']) {
      const p = paragraphWithText(closing, line);
      expect(p).toContain('<w:b/>');
      expect(p).toContain('<w:sz w:val="28"/>');
      expect(p).toContain('<w:jc w:val="center"/>');
    }
  });

  it('does not add "./." itself', () => {
    expect(textOf(doc).match(/\.\/\./g)).toHaveLength(1);
  });

  it('puts each appendix in a landscape section numbered from 1, number hidden on its first page', () => {
    const all = sections(doc);
    expect(all).toHaveLength(2);
    const appendix = all[1] ?? '';
    expect(appendix).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(appendix).toContain('<w:pgNumType w:start="1"/>');
    expect(appendix).toContain('<w:titlePg/>');
    expect(attr(appendix, 'w:pgMar', 'w:left')).toBe('1134');
    expect(attr(appendix, 'w:pgMar', 'w:right')).toBe('850');
    expect(paragraphWithText(doc, 'Phụ lục I')).toContain('<w:b/>');
    expect(paragraphWithText(doc, 'BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ CHI TIẾT')).toContain('<w:b/>');
    const unit = paragraphWithText(doc, 'Đơn vị tính: 1000 đồng');
    expect(unit).toContain('<w:jc w:val="right"/>');
    expect(unit).toContain('<w:i/>');
  });

  it('handles a document without appendices, recipients to report to, or deputy', async () => {
    const base = sampleReport();
    const plain: OfficialDocument = {
      ...base,
      superior: 'UBND TỈNH BẮC GIANG',
      issuer: 'SỞ NGOẠI VỤ',
      reportTo: [],
      appendices: [],
      signer: { authority: '', deputy: '', title: 'GIÁM ĐỐC', name: 'Nguyễn Văn A' },
      body: parseMarkup('Nội dung báo cáo./.'),
    };
    const xml = part(await unzipDocx(await renderOfficialDocx(plain)), 'word/document.xml');
    expect(sections(xml)).toHaveLength(1);
    expect(textOf(xml)).not.toContain('Kính gửi');
    expect(paragraphWithText(xml, 'UBND TỈNH BẮC GIANG')).not.toContain('<w:b/>');
    expect(paragraphWithText(xml, 'SỞ NGOẠI VỤ')).toContain('<w:b/>');
    const closing = tables(xml).find((t) => textOf(t).includes('Nơi nhận:')) ?? '';
    expect(textOf(closing)).not.toContain('KT.');
    expect(paragraphWithText(closing, 'GIÁM ĐỐC')).toContain('<w:b/>');
  });

  it('lists several "Kính gửi" recipients as "- …;" lines, the last ending with "."', async () => {
    const xml = part(
      await unzipDocx(await renderOfficialDocx({ ...sampleReport(), reportTo: ['Bộ Ngoại giao', '- Thường trực Tỉnh ủy;'] })),
      'word/document.xml',
    );
    const first = paragraphs(xml).find((p) => textOf(p).startsWith('Kính gửi:')) ?? '';
    expect(textOf(first)).toBe('Kính gửi:\t- Bộ Ngoại giao;');
    expect(paragraphWithText(xml, '- Thường trực Tỉnh ủy.')).toBeDefined();
  });
});

describe('appendixTable and renderAppendixDocx', () => {
  let doc: string;

  beforeAll(async () => {
    const t = sampleBudgetAppendix();
    doc = part(await unzipDocx(await renderAppendixDocx([t, { ...t, label: 'Phụ lục II', notes: [] }])), 'word/document.xml');
  });

  it('makes one landscape section per table, each numbered from 1 with the number hidden on its first page', () => {
    const all = sections(doc);
    expect(all).toHaveLength(2);
    for (const s of all) {
      expect(s).toContain('w:orient="landscape"');
      expect(s).toContain('<w:pgNumType w:start="1"/>');
      expect(s).toContain('<w:titlePg/>');
    }
  });

  it('uses a fixed layout with DXA widths filling the 262 mm landscape text width', () => {
    const table = tables(doc)[0] ?? '';
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(11);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(16838 - 1134 - 850);
  });

  it('repeats the two header rows and the column-number row on every page, with merged cells', () => {
    const table = tables(doc)[0] ?? '';
    const all = rows(table);
    const headerRows = all.filter((r) => r.includes('<w:tblHeader/>'));
    expect(headerRows).toHaveLength(3);
    expect(all.slice(0, 3)).toEqual(headerRows);
    const top = headerRows[0] ?? '';
    expect(top).toMatch(/<w:gridSpan w:val="4"\/>.*Phân kỳ thực hiện/s);
    expect((top.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(7);
    expect(headerRows[1]).toContain('Năm 2025');
    expect((headerRows[1]?.match(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/g) ?? []).length).toBe(7);
    expect(textOf(top)).toContain('STT');
    expect(top).toContain('<w:b/>');
    const numbers = headerRows[2] ?? '';
    expect(textOf(numbers)).toBe('(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)(11)');
    expect(numbers).toContain('<w:i/>');
  });

  it('writes thin single borders everywhere', () => {
    const borders = /<w:tblBorders>.*?<\/w:tblBorders>/s.exec(tables(doc)[0] ?? '')?.[0] ?? '';
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) {
      expect(borders).toMatch(new RegExp(`<w:${side} w:val="single" w:color="000000" w:sz="4"\\/>`));
    }
  });

  it('formats money right-aligned with "." thousands, zero as "-", and makes group and total rows bold', () => {
    const table = tables(doc)[0] ?? '';
    const total = rows(table).find((r) => textOf(r).includes('Tổng cộng')) ?? '';
    const amount = paragraphWithText(total, '5.810.810');
    expect(amount).toContain('<w:jc w:val="right"/>');
    expect(amount).toContain('<w:b/>');
    const group = rows(table).find((r) => textOf(r).includes('Sở Nông nghiệp và Phát triển nông thôn')) ?? '';
    expect(paragraphWithText(group, 'II')).toContain('<w:jc w:val="center"/>');
    expect(paragraphWithText(group, '-')).toContain('<w:jc w:val="right"/>');
    const item = rows(table).find((r) => textOf(r).startsWith('1Đoàn ra của Lãnh đạo tỉnh')) ?? '';
    expect(item).not.toContain('<w:b/>');
    expect(paragraphWithText(item, '177.875')).toContain('<w:jc w:val="right"/>');
    expect(paragraphWithText(item, 'đoàn')).toContain('<w:jc w:val="center"/>');
    expect(item).toContain('<w:cantSplit/>');
    expect(paragraphs(item).find((p) => textOf(p).startsWith('Đoàn ra'))).toContain('<w:jc w:val="left"/>');
  });

  it('writes the subtitle lines with a line break and the notes in italics after the table', () => {
    const subtitle = paragraphs(doc).find((p) => textOf(p).startsWith('(Kèm theo Báo cáo số')) ?? '';
    expect(subtitle).toContain('<w:br/>');
    expect(subtitle).toContain('<w:i/>');
    const note = paragraphWithText(doc, '(Bằng chữ: Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng)');
    expect(note).toContain('<w:i/>');
    expect(doc.indexOf('(Bằng chữ:')).toBeGreaterThan(doc.indexOf('Tổng cộng'));
  });

  it('makes a single header row when no column has a group', async () => {
    const t: AppendixTable = {
      label: 'PHỤ LỤC',
      title: 'Tổng hợp kết quả',
      subtitle: '',
      columns: [
        { key: 'stt', header: 'STT', widthMm: 12, format: 'center' },
        { key: 'name', header: 'Chỉ tiêu', widthMm: 80, format: 'text' },
        { key: 'rate', header: 'Tỷ lệ\n(%)', widthMm: 20, format: 'percent' },
      ],
      rows: [{ kind: 'item', cells: { stt: '1', name: 'Giải ngân', rate: 45.6 } }],
      sheetName: 'KQ',
    };
    const xml = part(await unzipDocx(await renderAppendixDocx([t])), 'word/document.xml');
    const table = tables(xml)[0] ?? '';
    expect(rows(table).filter((r) => r.includes('<w:tblHeader/>'))).toHaveLength(1);
    expect(table).not.toContain('w:vMerge');
    expect(paragraphWithText(table, '45,60')).toContain('<w:jc w:val="right"/>');
    expect(paragraphWithText(xml, 'TỔNG HỢP KẾT QUẢ')).toBeDefined();
  });

  it('refuses to render a file without tables', async () => {
    await expect(renderAppendixDocx([])).rejects.toThrow(RangeError);
  });
});

describe('formatCell and columnWidths', () => {
  const col = (format: TableColumn['format'], decimals?: number): TableColumn => ({
    key: 'v',
    header: 'v',
    widthMm: 20,
    format,
    ...(decimals === undefined ? {} : { decimals }),
  });

  it.each([
    [5810810, col('money'), '5.810.810'],
    [0, col('money'), '-'],
    [1234567, col('integer'), '1.234.567'],
    // Issue 13: zero is "-" in every figure column, as in the budget tables.
    [0, col('integer'), '-'],
    [0, col('percent'), '-'],
    [22006.100000000002, col('number'), '22.006,1'],
    [-0.00008, col('number'), '-'],
    [7.0245, col('decimal'), '7,02'],
    [7.0245, col('decimal', 1), '7,0'],
    [45.6, col('percent'), '45,60'],
    [null, col('money'), ''],
    ['x', col('money'), 'x'],
    ['Sở Văn hóa, Thể thao & Du lịch', col('text'), 'Sở Văn hóa, Thể thao & Du lịch'],
  ] as const)('formats %s as %s → "%s"', (value, column, expected) => {
    expect(formatCell(value, column)).toBe(expected);
  });

  it('scales widths proportionally and sums them exactly', () => {
    const widths = columnWidths([col('text'), { ...col('text'), widthMm: 60 }], 14853);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(14853);
    expect(Math.round((widths[1] ?? 0) / (widths[0] ?? 1))).toBe(3);
  });
});

describe('breakAgencyName', () => {
  const column = Math.round((11906 - 1701 - 850) * 0.4);
  it.each([
    ['ỦY BAN NHÂN DÂN TỈNH BẮC GIANG', 'ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG'],
    ['SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', 'SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH'],
    ['SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN', 'SỞ NÔNG NGHIỆP\nVÀ PHÁT TRIỂN NÔNG THÔN'],
    ['BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH', 'BAN QUẢN LÝ\nCÁC KHU CÔNG NGHIỆP TỈNH'],
    ['SỞ NGOẠI VỤ', 'SỞ NGOẠI VỤ'],
    ['TRƯỜNG CAO ĐẲNG CÔNG NGHỆ VIỆT - HÀN BẮC GIANG', 'TRƯỜNG CAO ĐẲNG CÔNG NGHỆ VIỆT - HÀN BẮC GIANG'],
    ['SỞ TÀI CHÍNH\nTỈNH BẮC GIANG', 'SỞ TÀI CHÍNH\nTỈNH BẮC GIANG'],
  ])('%j → %j', (name, expected) => {
    expect(breakAgencyName(name, 13, column)).toBe(expected);
  });
});
