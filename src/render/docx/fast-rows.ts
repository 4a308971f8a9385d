/**
 * Appendix table body rows written straight as WordprocessingML text. The docx library spends
 * about 1 ms per table row turning its objects into XML (a 1.000-agency appendix of 5.900 rows
 * took 6 s); these strings take microseconds and are exactly the XML the library writes for the
 * same rows (tests/render/docx-fast-rows.test.ts compares them). A table gets one placeholder row;
 * packDocx packs the document with the library and then puts the rows in place of the placeholder.
 */
import { randomBytes } from 'node:crypto';
import { Packer, Paragraph, TableCell, TableRow, TextRun, type Document } from 'docx';
import type { TableColumn, TableRow as ModelRow } from '../../model/document.js';
import type { ByteWriter } from '../../lib/bytes.js';
import { deflateStoredEntries, patchZipEntry, pieceText, zipFiles, type DeflateCache, type LazyPiece, type Pieces } from '../zip.js';
import { TABLE_CELL_STYLE, toBytes } from './common.js';

/** Rows waiting for packDocx (their XML in pieces), by placeholder marker. */
const pending = new Map<string, Pieces>();

const XML_SPECIAL = /[&<>"']/;

function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Properties of one body cell: text already formatted, alignment ("left" | "center" | "right"). */
export interface FastCell {
  readonly text: string;
  readonly align: 'left' | 'center' | 'right';
  readonly width: number;
}

/** A body column's layout: alignment and width in twips. */
export interface FastColumn {
  readonly align: FastCell['align'];
  readonly width: number;
}

/**
 * Writes the body rows of one table: appendixTable's rows — cantSplit, centred vertically, the
 * table-cell paragraph style (common.ts: Times New Roman 12 pt, 1 pt above and below), bold
 * group/total rows, a group row kept with the next. The XML around each cell's text depends only
 * on its column and the row kind, so it is built once per table (a 1.000-agency appendix has
 * some 40.000 cells).
 */
export function rowWriter(columns: readonly FastColumn[]): (texts: readonly string[], kind: ModelRow['kind']) => string {
  const groupPrefixes = cellPrefixes(columns, '<w:keepNext/>');
  const otherPrefixes = cellPrefixes(columns, '');
  return (texts, kind) => {
    const bold = kind === 'group' || kind === 'total';
    const pre = kind === 'group' ? groupPrefixes : otherPrefixes;
    const r = bold ? RUN_START.bold : RUN_START.plain;
    let xml = ROW_START;
    for (let i = 0; i < pre.length; i++) {
      xml += pre[i] as string;
      const text = texts[i] ?? '';
      if (!text.includes('\n')) {
        xml += `${r}${TEXT_START}${escapeXml(text)}${RUN_END}`;
      } else {
        text.split('\n').forEach((piece, k) => {
          xml += `${r}${k > 0 ? '<w:br/>' : ''}${TEXT_START}${escapeXml(piece)}${RUN_END}`;
        });
      }
      xml += CELL_END;
    }
    return `${xml}${ROW_END}`;
  };
}

/** The XML of each column's body cell up to its run: width, vertical centring, paragraph style, `keep` (a group row's keepNext), alignment. */
function cellPrefixes(columns: readonly FastColumn[], keep: string): string[] {
  return columns.map(
    (c) =>
      `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${TABLE_CELL_STYLE}"/>${keep}<w:jc w:val="${c.align}"/></w:pPr>`,
  );
}

const RUN_START = { bold: '<w:r><w:rPr><w:b/><w:bCs/></w:rPr>', plain: '<w:r>' } as const;
const TEXT_START = '<w:t xml:space="preserve">';
const RUN_END = '</w:t></w:r>';
const CELL_END = '</w:p></w:tc>';
const ROW_START = '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
const ROW_END = '</w:tr>';

/**
 * The same rows as rowWriter, appended straight as UTF-8 bytes: the XML around the texts is
 * encoded once per table, and no string of the whole part is built and then encoded (a
 * 1.000-agency report's 10 MB of rows: ~0,1 s less, and far less garbage).
 * tests/render/docx-fast-rows.test.ts proves the bytes are those of rowWriter's text.
 */
export function rowBytesWriter(columns: readonly FastColumn[]): RowBytesWriter {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  // Everything from a cell's start to its text, by row kind: one copy per cell.
  const opening = (keep: string, run: string): Buffer[] => cellPrefixes(columns, keep).map((pre) => utf8(`${pre}${run}${TEXT_START}`));
  const open = { group: opening('<w:keepNext/>', RUN_START.bold), total: opening('', RUN_START.bold), item: opening('', RUN_START.plain) };
  const nextLine = { bold: utf8(`${RUN_END}${RUN_START.bold}<w:br/>${TEXT_START}`), plain: utf8(`${RUN_END}${RUN_START.plain}<w:br/>${TEXT_START}`) };
  const cellEnd = utf8(`${RUN_END}${CELL_END}`);
  const rowStart = utf8(ROW_START);
  const rowEnd = utf8(ROW_END);
  const write = (out: ByteWriter, texts: readonly string[], kind: ModelRow['kind']): void => {
    const cells = kind === 'group' ? open.group : kind === 'total' ? open.total : open.item;
    const lineBreak = kind === 'item' ? nextLine.plain : nextLine.bold;
    out.bytes(rowStart);
    for (let i = 0; i < cells.length; i++) {
      out.bytes(cells[i] as Buffer);
      const text = texts[i] ?? '';
      if (!text.includes('\n')) out.text(escapeXml(text));
      else
        text.split('\n').forEach((line, k) => {
          if (k > 0) out.bytes(lineBreak);
          out.text(escapeXml(line));
        });
      out.bytes(cellEnd);
    }
    out.bytes(rowEnd);
  };
  // A row's XML without its texts (plain rows; a bold one is a few bytes longer per cell).
  const rowBytes = rowStart.length + rowEnd.length + open.item.reduce((n, b) => n + b.length + cellEnd.length, 0);
  return Object.assign(write, { rowBytes });
}

/** Appends one body row; `rowBytes` is what a row takes without its texts. */
export type RowBytesWriter = ((out: ByteWriter, texts: readonly string[], kind: ModelRow['kind']) => void) & { readonly rowBytes: number };

/** XML of one body row (see rowWriter). */
export function rowXml(cells: readonly FastCell[], kind: ModelRow['kind']): string {
  return rowWriter(cells)(
    cells.map((c) => c.text),
    kind,
  );
}

/** A row standing for the rows `xml` (their XML in pieces) until packDocx replaces it. */
export function placeholderRow(xml: Pieces, columns: readonly TableColumn[], widths: readonly number[]): TableRow {
  const marker = `BAOCAO-ROWS-${randomBytes(8).toString('hex')}`;
  pending.set(marker, xml);
  return new TableRow({
    children: columns.map((_, i) => new TableCell({ children: [new Paragraph({ children: [new TextRun(i === 0 ? marker : '')] })], width: { size: widths[i] ?? 0, type: 'dxa' } })),
  });
}

/**
 * The document's XML in pieces with the pending rows in place of their placeholders: the text
 * around the tables, and the rows' pieces (deflated on their own and reused while they stay the same).
 */
function withRowPieces(xml: string): (string | LazyPiece)[] {
  const pieces: (string | LazyPiece)[] = [];
  let rest = xml;
  for (;;) {
    // The first placeholder still in the text.
    let found: { at: number; marker: string; rows: Pieces } | null = null;
    for (const [marker, rows] of pending) {
      const at = rest.indexOf(marker);
      if (at >= 0 && (!found || at < found.at)) found = { at, marker, rows };
    }
    if (!found) break;
    const start = rest.lastIndexOf('<w:tr>', found.at);
    const end = rest.indexOf('</w:tr>', found.at) + '</w:tr>'.length;
    pieces.push(rest.slice(0, start));
    pieces.push(...found.rows);
    pending.delete(found.marker);
    rest = rest.slice(end);
  }
  pieces.push(rest);
  return pieces;
}

/** The document's XML with the pending rows in place of their placeholders. */
function withRows(xml: string): string {
  return withRowPieces(xml).map(pieceText).join('');
}

/** How packDocx packs. */
export interface PackOptions {
  /** Zip with the library's own packing (tests prove both give the same parts). */
  readonly libraryPacking?: boolean | undefined;
  /** Deflated pieces of document.xml kept from the last packing of this output (warm engine). */
  readonly pieces?: DeflateCache | undefined;
}

/** The library's part compiler (Packer.compiler, not in its public types): the package's files before zipping. */
type PartCompiler = { compile(file: Document, prettify?: undefined, overrides?: readonly never[]): Map<string, string | Uint8Array> };
const compiler = (Packer as unknown as { compiler?: Partial<PartCompiler> }).compiler;

/**
 * Packs a document: the library writes its parts, the pending rows go into word/document.xml,
 * and the parts are zipped with Node's zlib (the library's JavaScript deflate took ~0,1 s per
 * report, and its document.xml had to be inflated again to put the rows in). Falls back to the
 * library's own packing if its compiler is not where this version keeps it (`libraryPacking`
 * forces that path: tests prove both give the same parts).
 */
export async function packDocx(doc: Document, opts: PackOptions = {}): Promise<Uint8Array> {
  const files = opts.libraryPacking === true ? null : docxParts(doc);
  if (files) return zipFiles(files, opts.pieces);
  const bytes = toBytes(await Packer.toBuffer(doc));
  if (pending.size === 0) return bytes;
  return patchZipEntry(bytes, 'word/document.xml', withRows);
}

/**
 * The parts of a document as packDocx zips them (word/document.xml in pieces, the pending rows
 * in place); null when the library's compiler is not where this version keeps it.
 */
export function docxParts(doc: Document): Map<string, string | Uint8Array | Pieces> | null {
  if (typeof compiler?.compile !== 'function') return null;
  const files: Map<string, string | Uint8Array | Pieces> = compiler.compile(doc, undefined, []);
  const xml = files.get('word/document.xml');
  if (typeof xml !== 'string') return null;
  // Drawings (charts) are numbered by a counter that lives as long as the process: number them per document.
  let drawing = 0;
  files.set('word/document.xml', xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`));
  stableRelationshipIds(files);
  // The rows go in after the renaming (they hold no relationship), as pieces deflated on their own.
  const named = files.get('word/document.xml');
  if (typeof named === 'string') files.set('word/document.xml', withRowPieces(named));
  // A chart's workbook is a zip whose entries carry the time it was made: rewritten with none.
  for (const [path, data] of files) {
    if (path.startsWith('word/embeddings/') && path.endsWith('.xlsx') && data instanceof Uint8Array) files.set(path, deflateStoredEntries(data));
  }
  return files;
}

/**
 * The library names some relationships at random (a chart's: "rIdvdh3eiu--judfvdsfw6gk"), so the
 * same report would give different parts on every build. They are renamed rIdBaocao1, 2… in the
 * order the package lists them; the random names are long enough never to occur as text.
 */
export function stableRelationshipIds(files: Map<string, string | Uint8Array | Pieces>): void {
  const rename = new Map<string, string>();
  for (const [path, data] of files) {
    if (!path.endsWith('.rels') || typeof data !== 'string') continue;
    for (const m of data.matchAll(/\bId="([^"]+)"/g)) {
      const id = m[1] ?? '';
      if (/^rId\d+$/.test(id) || rename.has(id)) continue;
      rename.set(id, `rIdBaocao${rename.size + 1}`);
    }
  }
  if (rename.size === 0) return;
  const pattern = new RegExp([...rename.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (const [path, data] of files) {
    if (typeof data === 'string') files.set(path, data.replace(pattern, (id) => rename.get(id) ?? id));
  }
}
