/**
 * Appendix tables (phụ lục) in Word: the bordered data table and the landscape appendix section
 * that carries it, shared by the report and the stand-alone appendix file.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { AppendixTable, ColumnFormat, TableColumn } from '../../model/document.js';

export { formatCell } from '../cells.js';
import { formatCell } from '../cells.js';
import {
  A4,
  DOCUMENT_STYLES,
  HEADER_DISTANCE,
  LANDSCAPE_MARGINS,
  LANDSCAPE_TEXT_WIDTH,
  SINGLE_LINE,
  TABLE_CELL_SIZE,
  centred,
  estimateWidth,
  pageNumberHeaders,
  plainParagraph,
  rule,
  run,
} from './common.js';
import { docxParts, packDocx, placeholderRow, rowBytesWriter, rowWriter, type PackOptions } from './fast-rows.js';
import type { LazyPiece, Pieces } from '../zip.js';
import { ROW_CHUNK, rowChunks } from '../table-layout.js';

/** Font size of table cells (header cells set it themselves; body cells get it from their paragraph style). */
const CELL_SIZE = TABLE_CELL_SIZE;

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const ALL_THIN = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

/** Cell padding: 1.2 mm left/right (so "STT" fits a 12 mm column), a little above and below. */
const CELL_MARGINS = { left: 68, right: 68, top: 30, bottom: 30 } as const;

export interface AppendixTableOptions {
  /** Width the columns are scaled to, in twips; default the landscape text width (262 mm). */
  readonly widthTwips?: number;
}

/**
 * The Word table of an appendix: fixed layout, column widths from `widthMm` scaled to fill the
 * landscape text width exactly, header row(s) repeated on every page (two rows with merged cells
 * when columns have a `group`), optional column-number row, bold group/total rows, numbers
 * right-aligned and formatted in the Vietnamese way, all borders thin single lines.
 */
export function appendixTable(t: AppendixTable, options: AppendixTableOptions = {}): Table {
  const widths = columnWidths(t.columns, options.widthTwips ?? LANDSCAPE_TEXT_WIDTH);
  const rows: TableRow[] = [...headerRows(t.columns, widths)];
  if (t.numberRow !== undefined && t.numberRow.length > 0) {
    rows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((_, index) =>
          cell([centredCellText(t.numberRow?.[index] ?? '', { italic: true })], widths[index] ?? 0),
        ),
      }),
    );
  }
  // Body rows are written as XML text by packDocx (fast-rows.ts): the library takes ~1 ms per row.
  if (t.rows.length > 0) {
    const layout = t.columns.map((column, i) => ({ align: alignOf(column.format), width: widths[i] ?? 0 }));
    const write = rowWriter(layout);
    const writeBytes = rowBytesWriter(layout);
    const texts = (row: AppendixTable['rows'][number]) => t.columns.map((column) => formatCell(row.cells[column.key] ?? null, column, row.decimals?.[column.key]));
    // The rows in pieces (~0,1 MB of XML) known by what they are made of: a warm rebuild writes only the pieces that changed.
    const pieces: LazyPiece[] = [];
    const head = JSON.stringify([t.columns, layout]);
    const chunks = rowChunks(t.rows);
    for (let i = 0, c = 0; i < t.rows.length; i += ROW_CHUNK, c++) {
      const part = t.rows.slice(i, i + ROW_CHUNK);
      pieces.push({
        key: `${head}${chunks[c] ?? ''}`,
        text: () => part.map((row) => write(texts(row), row.kind)).join(''),
        write: (out) => {
          for (const row of part) writeBytes(out, texts(row), row.kind);
        },
        // The rows' XML and about 24 bytes of text per cell.
        sizeHint: part.length * (writeBytes.rowBytes + 24 * t.columns.length),
      });
    }
    rows.push(placeholderRow(pieces, t.columns, widths));
  }
  return new Table({
    rows,
    width: { size: sum(widths), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: ALL_THIN,
    margins: CELL_MARGINS,
    alignment: AlignmentType.CENTER,
  });
}

/** A stand-alone appendix file ("phu-luc-du-toan.docx"): one landscape section per table, numbered from 1 each. */
export async function renderAppendixDocx(tables: readonly AppendixTable[], opts: PackOptions = {}): Promise<Uint8Array> {
  return packDocx(appendixDocument(tables), opts);
}

/** The parts of that document before zipping (its rows in pieces), to put into a report template; its bytes if they cannot be had. */
export async function appendixDocxParts(tables: readonly AppendixTable[]): Promise<ReadonlyMap<string, string | Uint8Array | Pieces> | Uint8Array> {
  const doc = appendixDocument(tables);
  return docxParts(doc) ?? packDocx(doc);
}

function appendixDocument(tables: readonly AppendixTable[]): Document {
  if (tables.length === 0) throw new RangeError('renderAppendixDocx: không có bảng phụ lục nào để xuất.');
  return new Document({
    creator: 'baocao',
    title: tables[0]?.title ?? '',
    styles: DOCUMENT_STYLES,
    sections: tables.map((t) => appendixSection(t)),
  });
}

/**
 * One appendix as its own landscape A4 section: page numbering restarts at 1 and is hidden on
 * its first page; label, title, subtitle, short rule, unit line, table, then the notes.
 */
export function appendixSection(t: AppendixTable): ISectionOptions {
  const width = LANDSCAPE_TEXT_WIDTH;
  const titleWidth = Math.min(width, estimateWidth(t.title.toLocaleUpperCase('vi'), 14, true));
  const children: (Paragraph | Table)[] = [
    centred(t.label, { size: 14, bold: true }),
    centred(t.title.toLocaleUpperCase('vi'), { size: 14, bold: true }),
  ];
  if (t.subtitle.trim() !== '') children.push(centred(t.subtitle, { size: 14, italic: true }));
  children.push(rule(titleWidth / 3, width, 200));
  if (t.unitLine !== undefined && t.unitLine.trim() !== '') {
    children.push(
      plainParagraph(run(t.unitLine, { size: 13, italic: true }), {
        alignment: AlignmentType.RIGHT,
        spacing: { after: 60 },
      }),
    );
  }
  children.push(appendixTable(t, { widthTwips: width }));
  for (const note of t.notes ?? []) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 120, after: 0, line: SINGLE_LINE, lineRule: LineRuleType.AUTO },
        children: run(note, { size: 14, italic: true }),
      }),
    );
  }
  // A long list of results continues in its own table, one member per row, flowing over pages.
  if (t.detail) {
    // Its title stays with the table's first rows (keepNext), never alone at the foot of a page.
    const heading = (text: string, style: { bold?: boolean; italic?: boolean }, before: number, after: number) =>
      plainParagraph(run(text, { size: 14, ...style }), { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { before, after } });
    const sub = t.detail.subtitle.trim() !== '';
    children.push(heading(t.detail.title.toLocaleUpperCase('vi'), { bold: true }, 360, sub ? 0 : 120));
    if (sub) children.push(heading(t.detail.subtitle, { italic: true }, 0, 120));
    children.push(appendixTable(t.detail, { widthTwips: width }));
  }
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: { ...LANDSCAPE_MARGINS, header: HEADER_DISTANCE, footer: HEADER_DISTANCE },
        pageNumbers: { start: 1 },
      },
    },
    headers: pageNumberHeaders(),
    children,
  };
}

/** Column widths in twips, proportional to `widthMm`, summing exactly to `total`. */
export function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const mmTotal = columns.reduce((acc, c) => acc + Math.max(c.widthMm, 1), 0);
  const widths = columns.map((c) => Math.floor((Math.max(c.widthMm, 1) / mmTotal) * total));
  const last = widths.length - 1;
  if (last >= 0) widths[last] = (widths[last] ?? 0) + total - sum(widths);
  return widths;
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

/** One header row, or two when any column has a group (grouped columns under a merged cell). */
function headerRows(columns: readonly TableColumn[], widths: readonly number[]): TableRow[] {
  const grouped = columns.some((c) => c.group !== undefined && c.group !== '');
  const headerText = (text: string): Paragraph => centredCellText(text, { bold: true });
  if (!grouped) {
    return [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell([headerText(c.header)], widths[i] ?? 0)),
      }),
    ];
  }
  const top: TableCell[] = [];
  const bottom: TableCell[] = [];
  let i = 0;
  while (i < columns.length) {
    const column = columns[i];
    if (column === undefined) break;
    const group = column.group ?? '';
    if (group === '') {
      top.push(cell([headerText(column.header)], widths[i] ?? 0, { rowSpan: 2 }));
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]?.group === group) end++;
    top.push(cell([headerText(group)], sum(widths.slice(i, end + 1)), { columnSpan: end - i + 1 }));
    for (let k = i; k <= end; k++) bottom.push(cell([headerText(columns[k]?.header ?? '')], widths[k] ?? 0));
    i = end + 1;
  }
  return [
    new TableRow({ tableHeader: true, cantSplit: true, children: top }),
    new TableRow({ tableHeader: true, cantSplit: true, children: bottom }),
  ];
}

function alignOf(format: ColumnFormat): 'left' | 'center' | 'right' {
  return format === 'text' ? 'left' : format === 'center' ? 'center' : 'right';
}

function centredCellText(text: string, style: { bold?: boolean; italic?: boolean }): Paragraph {
  return plainParagraph(run(text, { size: CELL_SIZE, ...style }), {
    alignment: AlignmentType.CENTER,
    spacing: { before: 20, after: 20 },
  });
}

function cell(
  children: Paragraph[],
  width: number,
  span: { rowSpan?: number; columnSpan?: number } = {},
): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...span,
  });
}
