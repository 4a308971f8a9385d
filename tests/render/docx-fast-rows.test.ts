/**
 * Appendix body rows are written as XML text (render/docx/fast-rows.ts) because the docx library
 * takes ~1 ms per row: they must be exactly the XML the library writes for the same rows.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { AppendixTable, ColumnFormat, TableColumn, TableRow as ModelRow } from '../../src/model/document.js';
import { TABLE_CELL_STYLE } from '../../src/render/docx/common.js';
import { renderAppendixDocx, renderOfficialDocx } from '../../src/render/docx/index.js';
import { columnWidths, formatCell } from '../../src/render/docx/table.js';
import { rowBytesWriter, rowWriter, type FastColumn } from '../../src/render/docx/fast-rows.js';
import { ByteWriter } from '../../src/lib/bytes.js';
import { LANDSCAPE_TEXT_WIDTH } from '../../src/render/docx/common.js';

const columns: TableColumn[] = [
  { key: 'stt', header: 'STT', widthMm: 11, format: 'center' },
  { key: 'content', header: 'Nội dung', widthMm: 70, format: 'text' },
  { key: 'q', header: 'Số lượng', widthMm: 14, format: 'number' },
  { key: 'amount', header: 'Thành tiền', widthMm: 22, format: 'money', sum: true },
  { key: 'rate', header: 'Tỷ lệ', widthMm: 16, format: 'percent', decimals: 2 },
  { key: 'n', header: 'Số', widthMm: 12, format: 'integer' },
  { key: 'd', header: 'Thập phân', widthMm: 12, format: 'decimal', decimals: 1 },
];

const rows: ModelRow[] = [
  { kind: 'group', cells: { stt: 'I', content: 'Sở Văn hóa, Thể thao & Du lịch <"tỉnh"> \'x\'', amount: 2040225, rate: 95.5 } },
  { kind: 'item', cells: { stt: '1', content: 'Dòng một\nDòng hai\n', q: 1.5, amount: 0, rate: null, n: 12345, d: 7.04 } },
  { kind: 'item', cells: { stt: '2', content: '', q: null, amount: -1200, rate: 0, n: 0, d: null } },
  { kind: 'item', cells: { stt: '3', content: '  khoảng trắng  ', q: 4, amount: 5810810.4, n: 7, d: 3 } },
  { kind: 'total', cells: { content: 'Tổng cộng', amount: 5810810, rate: 100 } },
];

const table: AppendixTable = { label: 'PHỤ LỤC', title: 'BẢNG', subtitle: '(kèm theo)', sheetName: 'x', columns, rows };

/** The rows as the library writes them, with the options the renderer always used. */
function libraryRows(widths: readonly number[]): TableRow[] {
  const align = (f: ColumnFormat) => (f === 'text' ? AlignmentType.LEFT : f === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT);
  return rows.map((row) => {
    const strong = row.kind === 'group' || row.kind === 'total';
    return new TableRow({
      cantSplit: true,
      children: columns.map(
        (column, i) =>
          new TableCell({
            children: [
              new Paragraph({
                style: TABLE_CELL_STYLE,
                alignment: align(column.format),
                ...(row.kind === 'group' ? { keepNext: true } : {}),
                children: formatCell(row.cells[column.key] ?? null, column)
                  .split('\n')
                  .map((piece, k) => new TextRun({ text: piece, ...(strong ? { bold: true } : {}), ...(k > 0 ? { break: 1 } : {}) })),
              }),
            ],
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
          }),
      ),
    });
  });
}

async function documentXml(bytes: Uint8Array | Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file('word/document.xml');
  if (!f) throw new Error('no document.xml');
  return f.async('string');
}

const trs = (xml: string): string[] => xml.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];

describe('fast appendix rows', () => {
  it('are the XML the docx library writes for the same rows', async () => {
    const widths = columnWidths(columns, LANDSCAPE_TEXT_WIDTH);
    const reference = new Document({ sections: [{ children: [new Table({ rows: libraryRows(widths) })] }] });
    const expected = trs(await documentXml(await Packer.toBuffer(reference)));
    const actual = trs(await documentXml(await renderAppendixDocx([table])));
    // One header row, then the body rows.
    expect(actual.slice(1)).toEqual(expected);
    expect(actual.join('')).not.toContain('BAOCAO-ROWS-');
  });

  it('are the same bytes written straight as UTF-8 as their text encoded (rowBytesWriter and rowWriter)', () => {
    const layout: FastColumn[] = [
      { align: 'center', width: 600 },
      { align: 'left', width: 5000 },
      { align: 'right', width: 1200 },
    ];
    const texts = ['', 'a', '&<>"\'', 'Dòng một\nDòng hai\n', '\n', '  khoảng trắng  ', 'Ủy ban nhân dân tỉnh Lạng Sơn', '😀 ký tự ngoài BMP', 'lẻ \uD800 nửa cặp', '\uDFFF', 'x'.repeat(5000), '5.810.810,4', '\r\t'];
    const kinds = ['group', 'item', 'total'] as const;
    const sample: { texts: string[]; kind: ModelRow['kind'] }[] = [];
    for (let i = 0; i < 300; i++) {
      sample.push({ texts: layout.map((_, c) => texts[(i * 7 + c * 3) % texts.length] ?? ''), kind: kinds[i % kinds.length] ?? 'item' });
    }
    const text = rowWriter(layout);
    const bytes = rowBytesWriter(layout);
    for (const rows of [[], sample.slice(0, 1), sample]) {
      // A small first buffer: it grows many times on the way.
      const out = new ByteWriter(16);
      for (const r of rows) bytes(out, r.texts, r.kind);
      expect(out.done().equals(Buffer.from(rows.map((r) => text(r.texts, r.kind)).join(''), 'utf8'))).toBe(true);
    }
  });

  it('name a paragraph style that every document holding them defines (LibreOffice breaks the table otherwise)', async () => {
    const { sampleReport } = await import('../fixtures/report-sample.js');
    for (const bytes of [await renderAppendixDocx([table]), await renderOfficialDocx(sampleReport())]) {
      const zip = await JSZip.loadAsync(bytes);
      const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
      const doc = await documentXml(bytes);
      expect(doc).toContain(`<w:pStyle w:val="${TABLE_CELL_STYLE}"/>`);
      expect(styles).toMatch(new RegExp(`<w:style w:type="paragraph" w:styleId="${TABLE_CELL_STYLE}">.*?<w:sz w:val="24"/>`, 's'));
    }
  });

  it('are packed the same by Node\'s zlib and by the library\'s own packing (the fallback)', async () => {
    const { packDocx } = await import('../../src/render/docx/fast-rows.js');
    const { appendixSection } = await import('../../src/render/docx/table.js');
    const { DOCUMENT_STYLES } = await import('../../src/render/docx/common.js');
    const parts = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      const out: Record<string, string> = {};
      for (const [name, f] of Object.entries(zip.files)) if (!f.dir && name !== 'docProps/core.xml') out[name] = await f.async('string');
      return out;
    };
    const make = () => new Document({ styles: DOCUMENT_STYLES, sections: [appendixSection(table)] });
    const fast = await parts(await packDocx(make()));
    const library = await parts(await packDocx(make(), { libraryPacking: true }));
    expect(fast).toEqual(library);
    expect(fast['word/document.xml']).not.toContain('BAOCAO-ROWS-');
    expect(library['word/document.xml']).not.toContain('BAOCAO-ROWS-');
  });

  it('work in the report with several appendices, each table getting its own rows', async () => {
    const { sampleReport } = await import('../fixtures/report-sample.js');
    const doc = sampleReport();
    const second: AppendixTable = { ...table, label: 'Phụ lục II', rows: rows.slice(0, 2) };
    const xml = await documentXml(await renderOfficialDocx({ ...doc, appendices: [...doc.appendices, table, second] }));
    expect(xml).not.toContain('BAOCAO-ROWS-');
    expect(xml).toContain('Sở Văn hóa, Thể thao &amp; Du lịch &lt;&quot;tỉnh&quot;&gt; &apos;x&apos;');
    expect(xml.split('Sở Văn hóa, Thể thao &amp; Du lịch &lt;').length - 1).toBe(2);
  });
});
