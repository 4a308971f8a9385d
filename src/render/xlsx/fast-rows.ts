/**
 * Appendix body rows written straight as SpreadsheetML text. exceljs spends ~0,25 s on the 5.900
 * rows of a 1.000-agency `Kinh phí` appendix (a cell object, a style lookup and a generic XML
 * stream per cell); these strings take a few milliseconds and are exactly what exceljs writes for
 * the same rows (tests/render/xlsx-fast-rows.test.ts compares the packages byte for byte).
 *
 * The sheet keeps, where its body goes, a few placeholder rows holding each body style once, in
 * the order the body first uses them: exceljs then numbers the styles as it would for the body
 * (it numbers them in the order cells are written, by the type of the first cell using each). After
 * the workbook is written (stored, not yet compressed), `spliceBodies` reads the style numbers off
 * the placeholders, writes the body rows in their place and renumbers the shared strings in the
 * order exceljs would have met them: the sheets in order, each sheet's rows in order.
 */
import type ExcelJS from 'exceljs';
import { decodeXmlText } from '../../lib/xml.js';
import { createHash } from 'node:crypto';
import type { OutputCache } from '../outputs.js';
import { deflateStoredEntries, storedTexts, type Pieces } from '../zip.js';
import { columnLetter, toBytes } from './style.js';

/** A body cell value: text, a figure, a formula with its cached figure, or nothing. */
export type BodyValue = string | number | null | { readonly formula: string; readonly result: number };

/** One body cell: its value and its style object (objects are shared by the cells of a kind). */
export interface BodyCell {
  readonly value: BodyValue;
  readonly style: Partial<ExcelJS.Style>;
}

/** One body row: its height in points and a cell for every column, from column A. */
export interface BodyRow {
  readonly height: number;
  readonly cells: readonly BodyCell[];
}

/** A sheet's body kept out of exceljs until the package is written. */
export interface PendingBody {
  /** exceljs's id of the worksheet (its part is xl/worksheets/sheet<id>.xml). */
  readonly sheetId: number;
  /** Excel row number of the first body row. */
  readonly first: number;
  readonly rows: readonly BodyRow[];
  /** The body's style objects in the order of their first use. */
  readonly styles: readonly Partial<ExcelJS.Style>[];
  /** How many placeholder rows hold them. */
  readonly placeholderRows: number;
}

/** Characters exceljs drops when it writes text: bodies holding them are left to exceljs. */
const DROPPED = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

const isText = (v: BodyValue): v is string => typeof v === 'string';

/** Writes the rows into the worksheet cell by cell (the exceljs way). */
export function setBodyRows(ws: ExcelJS.Worksheet, first: number, rows: readonly BodyRow[]): void {
  rows.forEach((row, i) => {
    const r = ws.getRow(first + i);
    r.height = row.height;
    row.cells.forEach((c, k) => {
      const cell = r.getCell(k + 1);
      cell.value = c.value as ExcelJS.CellValue;
      cell.style = c.style;
    });
  });
}

/**
 * Places the rows as a body to splice in (placeholder rows holding each style once), or writes them
 * the exceljs way when asked (`exceljsRows`, tests) or when that is not possible (too few rows to
 * hold the placeholders, or text, in the body or in the sheet's other cells, that exceljs would alter).
 */
export function placeBody(ws: ExcelJS.Worksheet, first: number, rows: readonly BodyRow[], opts: { readonly exceljsRows?: boolean } = {}): PendingBody | null {
  if (opts.exceljsRows) {
    setBodyRows(ws, first, rows);
    return null;
  }
  // Every text of the sheet outside the body (titles, headers, notes).
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const styles: Partial<ExcelJS.Style>[] = [];
  const firstValue = new Map<Partial<ExcelJS.Style>, BodyValue>();
  let plain = texts.every((t) => !DROPPED.test(t)) && rows.every((r) => r.cells.length === width);
  for (const row of rows) {
    for (const c of row.cells) {
      if (isText(c.value) && DROPPED.test(c.value)) plain = false;
      if (!firstValue.has(c.style)) {
        firstValue.set(c.style, c.value);
        styles.push(c.style);
      }
    }
  }
  const placeholderRows = width > 0 ? Math.ceil(styles.length / width) : 0;
  if (!plain || width === 0 || placeholderRows > rows.length) {
    setBodyRows(ws, first, rows);
    return null;
  }
  styles.forEach((style, i) => {
    const cell = ws.getCell(first + Math.floor(i / width), (i % width) + 1);
    // exceljs gives a style object the number of its first cell, whose type matters (a figure
    // without a number format gets "General"): text is stood for by a formula with a text result.
    cell.value = isText(firstValue.get(style) ?? null) ? { formula: 'T("")', result: '' } : 0;
    cell.style = style;
  });
  return { sheetId: ws.id, first, rows, styles, placeholderRows };
}

/** exceljs's xmlEncode: the five XML characters escaped, control characters dropped. */
function xmlEncode(text: string): string {
  if (!/["&'<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(text)) return text;
  return text.replace(/["&'<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, (c) =>
    c === '"' ? '&quot;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '',
  );
}

/** A shared string as exceljs writes it (`<si><t>…</t></si>`). */
function sharedStringXml(text: string): string {
  return `<si><t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${xmlEncode(text)}</t></si>`;
}

/** The shared strings in the order exceljs meets them, each once, and how many cells refer to them. */
class SharedStrings {
  readonly items: string[] = [];
  count = 0;
  private readonly ids = new Map<string, number>();
  /** `key`: the text (or a key of its own for rich text); `xml`: its `<si>` element. */
  add(key: string, xml: string): number {
    this.count++;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.items.length;
      this.ids.set(key, id);
      this.items.push(xml);
    }
    return id;
  }
}

const SHARED_CELL = /(<c [^>]*?t="s"><v>)(\d+)(<\/v><\/c>)/g;

/** Parses exceljs's sharedStrings.xml: its head and, by old id, each string's key and XML. */
function parseSharedStrings(xml: string): { head: string; items: { key: string; xml: string }[] } {
  const open = xml.indexOf('<sst');
  const headEnd = xml.indexOf('>', open) + 1;
  const items: { key: string; xml: string }[] = [];
  for (const m of xml.slice(headEnd).matchAll(/<si>(.*?)<\/si>/gs)) {
    const inner = m[1] ?? '';
    const t = /^<t(?: xml:space="preserve")?>(.*)<\/t>$/s.exec(inner);
    const plainText = t && !(t[1] ?? '').includes('<') ? decodeXmlText(t[1] ?? '') : null;
    const key = plainText ?? `\u0000rich\u0000${inner}`;
    items.push({ key, xml: m[0] });
  }
  return { head: xml.slice(0, headEnd), items };
}

/** Rows per piece of a sheet deflated on its own (render/zip.ts Pieces): ~40 KB of XML. */
const ROWS_PER_PIECE = 128;

/** The XML of the body rows, ROWS_PER_PIECE rows a piece; shared strings added to `strings` as met. */
function bodyXml(body: PendingBody, styleIds: ReadonlyMap<Partial<ExcelJS.Style>, number>, strings: SharedStrings): string[] {
  const width = body.rows[0]?.cells.length ?? 0;
  const letters = Array.from({ length: width }, (_, k) => `<c r="${columnLetter(k + 1)}`);
  const spans = ` spans="1:${width}" x14ac:dyDescent="0.25">`;
  const pieces: string[] = [];
  // Each piece gathered in a list and joined once: one flat string, without a chain of partial
  // strings per cell to collect (a warm rebuild writes the 5.876 rows of a 1.000-agency appendix).
  let xml: string[] = [];
  body.rows.forEach((row, i) => {
    if (i > 0 && i % ROWS_PER_PIECE === 0) {
      pieces.push(xml.join(''));
      xml = [];
    }
    const r = String(body.first + i);
    xml.push('<row r="', r, '"', row.height ? ` ht="${row.height}" customHeight="1"` : '', spans);
    row.cells.forEach((c, k) => {
      const s = styleIds.get(c.style) ?? 0;
      const v = c.value;
      if (v === null && !s) return; // an empty cell without a style is not written
      xml.push(letters[k] ?? '<c r="', r, '"');
      if (s) xml.push(' s="', String(s), '"');
      if (v === null) {
        xml.push('/>');
      } else if (typeof v === 'string') {
        xml.push(' t="s"><v>', String(strings.add(v, sharedStringXml(v))), '</v></c>');
      } else if (typeof v === 'number') {
        xml.push('><v>', xmlEncode(String(v)), '</v></c>');
      } else {
        xml.push('><f>', xmlEncode(v.formula), '</f><v>', xmlEncode(String(v.result)), '</v></c>');
      }
    });
    xml.push('</row>');
  });
  pieces.push(xml.join(''));
  return pieces;
}

/** "A1:F20" → its corners; null for anything else. */
function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1] ?? ''), top: Number(m[2]), right: col(m[3] ?? ''), bottom: Number(m[4]) };
}

/**
 * The parts of a workbook written with `bodies` placed (stored entries, by path) with the bodies
 * in place of their placeholders and the shared strings renumbered: returns the parts to replace.
 */
export function spliceBodies(parts: ReadonlyMap<string, string>, bodies: readonly PendingBody[]): Map<string, string | Pieces> {
  const out = new Map<string, string | Pieces>();
  if (bodies.length === 0) return out;
  const sstXml = parts.get('xl/sharedStrings.xml');
  const old = sstXml !== undefined ? parseSharedStrings(sstXml) : { head: '', items: [] };
  const strings = new SharedStrings();
  const renumber = (xml: string): string =>
    xml.replace(SHARED_CELL, (_, a: string, id: string, b: string) => {
      const item = old.items[Number(id)];
      if (!item) throw new Error(`xlsx: shared string ${id} not found`);
      return `${a}${strings.add(item.key, item.xml)}${b}`;
    });
  const sheets = [...parts.keys()]
    .map((path) => ({ path, id: Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1] ?? NaN) }))
    .filter((s) => Number.isFinite(s.id))
    .sort((a, b) => a.id - b.id);
  for (const sheet of sheets) {
    const xml = parts.get(sheet.path) ?? '';
    const body = bodies.find((b) => b.sheetId === sheet.id);
    if (!body) {
      out.set(sheet.path, renumber(xml));
      continue;
    }
    const start = xml.indexOf(`<row r="${body.first}" `);
    const lastStart = xml.indexOf(`<row r="${body.first + body.placeholderRows - 1}" `, start);
    const end = xml.indexOf('</row>', lastStart) + '</row>'.length;
    if (start < 0 || lastStart < 0 || end < lastStart) throw new Error(`xlsx: placeholder rows of ${sheet.path} not found`);
    // The style number exceljs gave each placeholder cell, in order: the body's styles.
    const ids = [...xml.slice(start, end).matchAll(/<c r="[A-Z]+\d+"( s="(\d+)")?/g)].map((m) => Number(m[2] ?? 0));
    if (ids.length !== body.styles.length) throw new Error(`xlsx: placeholder cells of ${sheet.path} do not match the body's styles`);
    const styleIds = new Map(body.styles.map((st, i) => [st, ids[i] ?? 0] as const));
    // In the order exceljs meets the shared strings: the rows above the body, the body, the rows below.
    let head = renumber(xml.slice(0, start));
    const rows = bodyXml(body, styleIds, strings);
    const after = renumber(xml.slice(end));
    // The sheet's extent as exceljs gives it: every row's first to last cell, the body's included.
    const dim = /<dimension ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/.exec(head);
    const range = dim ? parseRange(dim[1] ?? '') : null;
    if (dim && range) {
      const width = body.rows[0]?.cells.length ?? 0;
      const top = Math.min(range.top, body.first);
      const bottom = Math.max(range.bottom, body.first + body.rows.length - 1);
      const left = Math.min(range.left, 1);
      const right = Math.max(range.right, width);
      head = head.replace(dim[0], `<dimension ref="${columnLetter(left)}${top}:${columnLetter(right)}${bottom}"/>`);
    }
    out.set(sheet.path, [head, ...rows, after]);
  }
  const items = strings.items.join('');
  const head = old.head.replace(/ count="\d+"/, ` count="${strings.count}"`).replace(/ uniqueCount="\d+"/, ` uniqueCount="${strings.items.length}"`);
  out.set('xl/sharedStrings.xml', `${head}${items}</sst>`);
  return out;
}

/**
 * The workbook's bytes (toBytes), with the bodies placed by placeBody spliced in. With a cache (a
 * warm engine's, for this output), the package exceljs writes around the bodies is kept by a hash
 * of exceljs's model of the workbook — what its writer is given — and not written again while the
 * model is the same (its dates aside: the kept package keeps the time it was first written).
 */
export async function packWorkbook(wb: ExcelJS.Workbook, bodies: readonly PendingBody[], cache?: OutputCache): Promise<Uint8Array> {
  if (bodies.length === 0) return toBytes(wb);
  const key = cache ? skeletonKey(wb) : '';
  let bytes: Uint8Array;
  if (cache?.skeleton && cache.skeleton.key === key) {
    bytes = cache.skeleton.bytes;
  } else {
    // Written stored (exceljs's JavaScript deflate is slow), edited, then deflated with Node's zlib.
    const buf = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as unknown as Parameters<typeof wb.xlsx.writeBuffer>[0]);
    bytes = new Uint8Array(buf as ArrayBuffer);
    if (cache) cache.skeleton = { key, bytes };
  }
  return deflateStoredEntries(bytes, spliceBodies(storedTexts(bytes, /^xl\/(?:worksheets\/sheet\d+|sharedStrings)\.xml$/), bodies), cache?.pieces);
}

/** A hash of exceljs's model of the workbook without its dates (the skeleton: bodies are placeholders). */
function skeletonKey(wb: ExcelJS.Workbook): string {
  const { created: _c, modified: _m, lastPrinted: _p, ...model } = wb.model;
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
