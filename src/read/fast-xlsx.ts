/**
 * A fast reader for ordinary .xlsx workbooks: builds the same SourceSheet[] as loading the file
 * with exceljs and converting it with src/read/sheet.ts, straight from the zip parts, in a few
 * tenths of a millisecond per agency form instead of several milliseconds.
 *
 * It mirrors what exceljs 4.4 does when it reads a workbook (cell types, cached formula results,
 * shared formulas, dates from number formats, fonts, merged ranges, hidden rows and columns) and
 * reuses exceljs's own helpers for the fiddly parts (date formats, shared-formula translation).
 * Anything it is not sure to read exactly like exceljs — strict OOXML, prefixed elements, comments
 * or CDATA in cell data, hyperlinks, phonetic runs, duplicate or unordered cells, overlapping
 * merges, unknown entities, odd sheet names… — makes it return null, and the caller falls back to
 * exceljs. tests/read/fast-xlsx.test.ts proves the two paths give identical results.
 */

import { createRequire } from 'node:module';
import type { Finding } from '../findings.js';
import { address, type SourceCell, type SourceSheet } from '../model/source.js';
import { dateCell, errorCell, finishSheet, finishTextWarnings, formulaText, numberCell, pushRow, sheetContext, textCell, type SheetContext } from './sheet.js';
import { inflateEntry, scanZip, type ZipEntry } from './zip.js';

const require = createRequire(import.meta.url);
const exUtils = require('exceljs/lib/utils/utils.js') as { isDateFmt(fmt: string | undefined): boolean };
const exNumFmt = require('exceljs/lib/xlsx/xform/style/numfmt-xform.js') as { getDefaultFmtCode(id: number): string | undefined };
const exShared = require('exceljs/lib/utils/shared-formula.js') as { slideFormula(formula: string, from: string, to: string): string };

/** Thrown inside the reader when the workbook needs exceljs; never escapes readXlsxFast. */
const BAIL = new Error('fast-xlsx: not handled');

/** Excel's limits (same as src/read/ranges.ts). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_MERGED_CELLS = 250_000;

/**
 * Reads an .xlsx held in memory into the SourceSheets exceljs + convertWorksheet would give, or
 * null when the workbook has anything this reader does not handle exactly like exceljs. Appends
 * the same legacy-encoding findings as convertWorksheet (only when it succeeds).
 * `parts` may hold entries already inflated by the caller (by entry name).
 */
export function readXlsxFast(
  bytes: Uint8Array,
  file: string,
  findings: Finding[],
  entries?: readonly ZipEntry[],
  parts?: ReadonlyMap<string, Uint8Array>,
): SourceSheet[] | null {
  const own: Finding[] = [];
  try {
    let list = entries;
    if (!list) {
      const scan = scanZip(bytes);
      if (!scan.ok) return null;
      list = scan.entries;
    }
    const sheets = readWorkbook(new Parts(bytes, list, parts), file, own);
    for (const f of own) findings.push(f);
    return sheets;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Zip parts

const decoder = new TextDecoder('utf-8');
/** Parsed template parts by their text (see Parts.sharedDoc). */
const docCache = new Map<string, Map<string, XNode>>();
/** Text of inflated parts, by buffer. */
const decodedParts = new WeakMap<Uint8Array, string>();
/** Styles read from a parsed styles part. */
const stylesCache = new WeakMap<XNode, (Style | undefined)[]>();

class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
    private readonly inflated: ReadonlyMap<string, Uint8Array> | undefined,
  ) {
    for (const e of entries) {
      const name = e.name.startsWith('/') ? e.name.slice(1) : e.name;
      if (this.byName.has(name)) throw BAIL;
      this.byName.set(name, e);
    }
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  /** The part parsed as a document with the given root, or null when absent. */
  doc(name: string, root: string): XNode | null {
    const xml = this.text(name);
    return xml === null ? null : parseDocument(xml, root);
  }
  /**
   * Same as doc() for parts that repeat from file to file (workbooks made from one template share
   * their styles, workbook, relationships and properties parts): parsed once per distinct text.
   * The trees are never modified after parsing.
   */
  sharedDoc(name: string, root: string): XNode | null {
    const xml = this.text(name);
    if (xml === null) return null;
    // By the text itself: a part shared by many workbooks comes as the same string each time
    // (see text()), whose hash is already known, so no key is built from its whole text.
    let byText = docCache.get(root);
    if (!byText) docCache.set(root, (byText = new Map()));
    let hit = byText.get(xml);
    if (!hit) {
      hit = parseDocument(xml, root);
      if (byText.size >= 64) byText.clear();
      byText.set(xml, hit);
    }
    return hit;
  }
  names(): IterableIterator<string> {
    return this.byName.keys();
  }
  /** The part as text, or null when absent; bails when it cannot be inflated. */
  text(name: string): string | null {
    const e = this.byName.get(name);
    if (!e) return null;
    const raw = this.inflated?.get(e.name) ?? inflateEntry(this.bytes, e, 2 * e.uncompressedSize + 1024 * 1024);
    if (!raw) throw BAIL;
    // A part shared by many workbooks comes as the same buffer each time (see verifyEntries).
    let xml = decodedParts.get(raw);
    if (xml === undefined) {
      xml = decoder.decode(raw);
      decodedParts.set(raw, xml);
    }
    if (xml.includes('purl.oclc.org/ooxml')) throw BAIL; // strict OOXML
    return xml;
  }
}

// ---------------------------------------------------------------------------------------------
// XML subset

interface XNode {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XNode[];
  /** Decoded direct text (concatenated), or '' when none. */
  text: string;
}

/** Characters XML does not allow (saxes refuses them), lone surrogates included. */
const BAD_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));|&/g;

function decode(raw: string): string {
  if (BAD_CHARS.test(raw) || raw.includes(']]>')) throw BAIL;
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named !== undefined) {
      switch (named) {
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'amp':
          return '&';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        default:
          throw BAIL;
      }
    }
    if (hex === undefined && dec === undefined) throw BAIL;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    const legal = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!legal || m.length > 12) throw BAIL;
    return String.fromCodePoint(cp);
  });
}

/** Element and attribute names this reader accepts (ASCII, at most one prefix); others bail. */
function isNameStart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
}

function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57) || ch === 46 || ch === 45;
}

/** Whether s[from, to) is a name as /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/ accepts it. */
function validNameAt(s: string, from: number, to: number): boolean {
  if (from >= to || !isNameStart(s.charCodeAt(from))) return false;
  let colon = false;
  for (let i = from + 1; i < to; i++) {
    const ch = s.charCodeAt(i);
    if (isNameChar(ch)) continue;
    if (ch !== 58 || colon || i + 1 >= to || !isNameStart(s.charCodeAt(i + 1))) return false;
    colon = true;
    i++;
  }
  return true;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Attributes of a tag without any (most cells' <v> and <f>): one shared, never-modified object. */
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * The name raw[from, to): the attributes of every cell and row ("r", "s", "t", "spans", "ht") as
 * constant strings, so objects keyed by them share one shape and need no string lookup.
 */
function attrName(raw: string, from: number, to: number): string {
  const len = to - from;
  if (len === 1) {
    const c = raw.charCodeAt(from);
    if (c === 114) return 'r';
    if (c === 115) return 's';
    if (c === 116) return 't';
  } else if (len === 5 && raw.startsWith('spans', from)) {
    return 'spans';
  } else if (len === 2 && raw.startsWith('ht', from)) {
    return 'ht';
  }
  return raw.slice(from, to);
}

/** Parses the attribute text raw[i, n) of a tag; bails on anything malformed or duplicated. */
function attrsOf(raw: string, start: number, n: number): Record<string, string> {
  let i = start;
  while (i < n && isSpace(raw.charCodeAt(i))) i++;
  if (i >= n) return NO_ATTRS;
  const out: Record<string, string> = {};
  i = start;
  for (;;) {
    const before = i;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (i >= n) break;
    if (i === before) throw BAIL; // attributes must be separated by white space (the tag name ends at one)
    const ns = i;
    while (i < n) {
      const ch = raw.charCodeAt(i);
      if (ch === 61 || isSpace(ch)) break;
      if (ch === 47 || ch === 62 || ch === 34 || ch === 39 || ch === 60) throw BAIL;
      i++;
    }
    if (!validNameAt(raw, ns, i)) throw BAIL;
    const name = attrName(raw, ns, i);
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (name === '__proto__' || raw.charCodeAt(i) !== 61) throw BAIL;
    i++;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    const q = raw.charCodeAt(i);
    if (q !== 34 && q !== 39) throw BAIL;
    const end = raw.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0 || end >= n) throw BAIL;
    let v = raw.slice(i + 1, end);
    i = end + 1;
    if (Object.prototype.hasOwnProperty.call(out, name)) throw BAIL;
    for (let k = 0; k < v.length; k++) {
      const ch = v.charCodeAt(k);
      if (ch < 32 || ch === 38 || ch === 60 || ch >= 0xd800) {
        if (v.includes('<')) throw BAIL;
        if (/[\t\n\r]/.test(v)) v = v.replace(/\r\n|[\t\n\r]/g, ' ');
        v = decode(v);
        break;
      }
    }
    out[name] = v;
  }
  return out;
}

/**
 * Parses the element children of xml[start, end) into a small tree. Text is kept only where it is
 * the direct content of an element (what the callers read from <v>, <f>, <t>); comments,
 * processing instructions, CDATA and DOCTYPE bail, as does any unbalanced tag.
 */
function parseFragment(xml: string, start: number, end: number): XNode[] {
  const root: XNode = { name: '', attrs: {}, children: [], text: '' };
  const stack: XNode[] = [root];
  let pos = start;
  while (pos < end) {
    const lt = xml.indexOf('<', pos);
    const stop = lt < 0 || lt > end ? end : lt;
    if (stop > pos) {
      const top = stack[stack.length - 1] as XNode;
      const raw = xml.slice(pos, stop);
      if (top !== root) top.text += decode(raw);
      else if (raw.trim() !== '') throw BAIL;
    }
    if (stop === end) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0 || gt >= end) throw BAIL;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 47 /* / */) {
      let e = gt;
      while (e > lt + 2 && isSpace(xml.charCodeAt(e - 1))) e--;
      if (!validNameAt(xml, lt + 2, e)) throw BAIL;
      const open = stack.pop();
      if (!open || open === root || open.name.length !== e - lt - 2 || !xml.startsWith(open.name, lt + 2)) throw BAIL;
    } else if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
      throw BAIL;
    } else {
      const selfClose = xml.charCodeAt(gt - 1) === 47;
      const innerEnd = selfClose ? gt - 1 : gt;
      let n = lt + 1;
      while (n < innerEnd) {
        const ch = xml.charCodeAt(n);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
        n++;
      }
      if (!validNameAt(xml, lt + 1, n)) throw BAIL;
      const node: XNode = { name: xml.slice(lt + 1, n), attrs: attrsOf(xml, n, innerEnd), children: [], text: '' };
      (stack[stack.length - 1] as XNode).children.push(node);
      if (!selfClose) stack.push(node);
    }
    pos = gt + 1;
  }
  if (stack.length !== 1) throw BAIL;
  return root.children;
}

const PROLOG = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;

/**
 * Parses a whole part as saxes would accept it: an optional XML declaration, then exactly one
 * root element named `root`. Bails on anything else, so a part exceljs would refuse is never read.
 */
function parseDocument(xml: string, root: string): XNode {
  let start = 0;
  if (xml.startsWith('<?xml')) {
    const m = PROLOG.exec(xml);
    if (!m) throw BAIL;
    start = m[0].length;
  }
  const nodes = parseFragment(xml, start, xml.length);
  const top = nodes[0];
  if (nodes.length !== 1 || !top || top.name !== root) throw BAIL;
  return top;
}

function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

interface Style {
  readonly font: string | undefined;
  readonly date: boolean;
}

interface Run {
  readonly text: string | undefined;
  readonly font: string | undefined;
}

/** A shared string as exceljs holds it: text, rich-text runs, or nothing (an empty <si/>). */
type SharedString = string | { readonly runs: readonly Run[] } | null;

function readWorkbook(parts: Parts, file: string, findings: Finding[]): SourceSheet[] {
  const wb = parts.sharedDoc('xl/workbook.xml', 'workbook');
  const relsDoc = parts.sharedDoc('xl/_rels/workbook.xml.rels', 'Relationships');
  const stylesDoc = parts.sharedDoc('xl/styles.xml', 'styleSheet');
  if (wb === null || relsDoc === null || stylesDoc === null) throw BAIL;
  // Parts exceljs parses too: a damaged one makes it refuse the file, so this reader must as well.
  parts.sharedDoc('_rels/.rels', 'Relationships');
  parts.sharedDoc('docProps/app.xml', 'Properties');
  parts.sharedDoc('docProps/core.xml', 'cp:coreProperties');
  const worksheetParts: string[] = [];
  for (const name of parts.names()) {
    // Drawings, comments and tables go through more exceljs logic than this reader mirrors.
    if (/xl\/drawings\/|xl\/comments\d+[.]xml|xl\/tables\/table\d+[.]xml|vmlDrawing/.test(name)) throw BAIL;
    if (/xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.test(name)) parts.sharedDoc(name, 'Relationships');
    else if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) worksheetParts.push(name);
  }

  const pr = child(wb, 'workbookPr');
  const date1904 = pr ? pr.attrs.date1904 === '1' : false;

  const rels = new Map<string, string>();
  for (const r of relsDoc.children) {
    if (r.name !== 'Relationship') throw BAIL;
    const a = r.attrs;
    if (a.Id === undefined || a.Target === undefined || rels.has(a.Id)) throw BAIL;
    rels.set(a.Id, a.Target);
  }

  const sheetNodes = child(wb, 'sheets')?.children;
  if (!sheetNodes || sheetNodes.length === 0) throw BAIL;
  let styles = stylesCache.get(stylesDoc);
  if (!styles) {
    styles = readStyles(stylesDoc);
    stylesCache.set(stylesDoc, styles);
  }
  let shared: SharedString[] | null | undefined;
  const sharedStrings = (): SharedString[] => {
    if (shared === undefined) {
      const doc = parts.doc('xl/sharedStrings.xml', 'sst');
      shared = doc === null ? null : readSharedStrings(doc);
    }
    if (shared === null) throw BAIL;
    return shared;
  };
  if (parts.has('xl/sharedStrings.xml')) sharedStrings();

  const names = new Set<string>();
  const ids = new Set<number>();
  const targets = new Set<string>();
  const out: SourceSheet[] = [];
  // Merged cells of all sheets together, limited as the read stage limits them (src/read/ranges.ts).
  const merged = { cells: 0 };
  for (const node of sheetNodes) {
    if (node.name !== 'sheet' || node.children.length > 0) throw BAIL;
    const a = node.attrs;
    const rId = a['r:id'];
    const target = rId === undefined ? undefined : rels.get(rId);
    if (a.name === undefined || target === undefined || a.sheetId === undefined) throw BAIL;
    const id = parseInt(a.sheetId, 10);
    if (!(id > 0 && id <= 65_535) || ids.has(id)) throw BAIL; // exceljs keeps sheets in an array indexed by sheetId
    ids.add(id);
    const name = xmlDecode(a.name);
    // The rules exceljs's Worksheet name setter enforces (it throws or truncates otherwise).
    if (name === '' || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) || name.length > 31) throw BAIL;
    if (names.has(name.toLowerCase())) throw BAIL;
    names.add(name.toLowerCase());
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path) || targets.has(path) || !parts.has(path)) throw BAIL;
    targets.add(path);
    const doc = parts.doc(path, 'worksheet');
    if (doc === null) throw BAIL;
    const state = a.state;
    out.push(readSheet(doc, name, state === 'hidden' || state === 'veryHidden', styles, sharedStrings, date1904, file, findings, merged));
  }
  // Worksheet parts no sheet refers to are still parsed by exceljs (and measured by the read stage).
  if (worksheetParts.some((p) => !targets.has(p))) throw BAIL;
  return out;
}

/** exceljs's utils.xmlDecode, applied again to sheet names and "str" values. */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

function readStyles(doc: XNode): (Style | undefined)[] {
  const numFmts = new Map<number, string>();
  for (const n of child(doc, 'numFmts')?.children ?? []) {
    if (n.name !== 'numFmt') throw BAIL;
    const a = n.attrs;
    if (a.formatCode === undefined) throw BAIL;
    numFmts.set(parseInt(a.numFmtId ?? '', 10), a.formatCode.replace(/[\\](.)/g, '$1'));
  }
  const fontNodes = child(doc, 'fonts')?.children;
  const xfNodes = child(doc, 'cellXfs')?.children;
  if (!fontNodes || !xfNodes) throw BAIL;
  const fonts: (string | undefined)[] = [];
  for (const f of fontNodes) {
    if (f.name !== 'font') throw BAIL;
    let name: string | undefined;
    for (const c of f.children) if (c.name === 'name') name = c.attrs.val;
    fonts.push(name);
  }
  const styles: (Style | undefined)[] = [];
  for (const x of xfNodes) {
    if (x.name !== 'xf') throw BAIL;
    const a = x.attrs;
    const numFmtId = parseInt(a.numFmtId ?? '', 10);
    const fontId = parseInt(a.fontId ?? '', 10);
    let fmt: string | undefined;
    if (numFmtId) fmt = numFmts.get(numFmtId) || exNumFmt.getDefaultFmtCode(numFmtId);
    const font = fontId >= 0 && fontId < fonts.length ? fonts[fontId] : undefined;
    styles.push({ font, date: exUtils.isDateFmt(fmt) });
  }
  return styles;
}

/** exceljs's TextXform: "_xHHHH_" escapes (upper-case hex) become characters. */
function unescapeX(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : text;
}

function readRun(r: XNode): Run {
  let text: string | undefined;
  let font: string | undefined;
  for (const c of r.children) {
    if (c.name === 't') {
      if (c.children.length > 0) throw BAIL;
      text = unescapeX(c.text);
    } else if (c.name === 'rPr') {
      for (const p of c.children) if (p.name === 'rFont') font = p.attrs.val;
    } else throw BAIL;
  }
  return { text, font };
}

function readSharedStrings(doc: XNode): SharedString[] {
  const sis = doc.children;
  const out: SharedString[] = [];
  for (const si of sis) {
    if (si.name !== 'si') throw BAIL;
    let value: SharedString = null;
    let runs: Run[] | null = null;
    for (const c of si.children) {
      if (c.name === 't') {
        if (runs || c.children.length > 0) throw BAIL;
        value = unescapeX(c.text);
      } else if (c.name === 'r') {
        if (value !== null && !runs) throw BAIL;
        runs ??= [];
        runs.push(readRun(c));
        value = { runs };
      } else if (c.name !== 'phoneticPr') throw BAIL;
    }
    out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

/** A cell value as exceljs holds it after loading (before convertWorksheet). */
type Value =
  | number
  | string
  | boolean
  | Date
  | { readonly error: string }
  | { readonly runs: readonly Run[] }
  | null
  | Formula;

interface Formula {
  readonly kind: 'formula';
  /** The formula text (model.formula), or '' for a shared-formula slave. */
  readonly text: string;
  /** Master address of a shared-formula slave. */
  readonly sharedFrom?: string;
  readonly result: number | string | boolean | Date | { readonly error: string } | undefined;
}

interface RawCell {
  readonly col: number;
  readonly value: Value;
  readonly font: string | undefined;
}

interface RawRow {
  readonly r: number;
  readonly hidden: boolean;
  cells: RawCell[];
}

const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]*)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function readSheet(
  doc: XNode,
  name: string,
  hidden: boolean,
  styles: readonly (Style | undefined)[],
  sharedStrings: () => SharedString[],
  date1904: boolean,
  file: string,
  findings: Finding[],
  merged: { cells: number },
): SourceSheet {
  const data = child(doc, 'sheetData');
  if (!data || child(doc, 'hyperlinks')) throw BAIL;

  // Columns (exceljs Column.fromModel: sorted by min, expanded min..max).
  const cols: { min: number; max: number; hidden: boolean }[] = [];
  for (const n of child(doc, 'cols')?.children ?? []) {
    if (n.name !== 'col') continue;
    const a = n.attrs;
    const col = { min: parseInt(a.min || '0', 10), max: parseInt(a.max || '0', 10), hidden: parseBool(a.hidden) };
    if (col.min > MAX_COLUMNS || col.max > MAX_COLUMNS) throw BAIL;
    cols.push(col);
  }
  cols.sort((p, q) => p.min - q.min);
  const colHidden: boolean[] = [];
  {
    let count = 1;
    for (const col of cols) {
      while (count < col.min) {
        colHidden.push(false);
        count++;
      }
      while (count <= col.max) {
        colHidden.push(col.hidden);
        count++;
      }
    }
  }

  // Merged ranges: slave → master, and which masters have slaves.
  const mergeOf = new Map<number, number>(); // key r*K+c of every covered cell → master key
  const masters = new Set<number>();
  const K = MAX_COLUMNS + 1;
  for (const n of child(doc, 'mergeCells')?.children ?? []) {
    if (n.name !== 'mergeCell') throw BAIL;
    const ref = n.attrs.ref ?? '';
    const m = /^([A-Z]{1,3})([1-9][0-9]*)(?::([A-Z]{1,3})([1-9][0-9]*))?$/.exec(ref);
    if (!m) throw BAIL;
    const c1 = colNumber(m[1] ?? '');
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    const top = Math.min(r1, r2);
    const bottom = Math.max(r1, r2);
    const left = Math.min(c1, c2);
    const right = Math.max(c1, c2);
    if (bottom > MAX_ROWS || right > MAX_COLUMNS) throw BAIL;
    // The read stage refuses more merged cells than this (src/read/index.ts); leave such files to it.
    merged.cells += (bottom - top + 1) * (right - left + 1);
    if (merged.cells > MAX_MERGED_CELLS) throw BAIL;
    const master = top * K + left;
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const key = r * K + c;
        if (mergeOf.has(key)) throw BAIL; // overlapping merges make exceljs throw
        mergeOf.set(key, master);
      }
    }
    if (bottom > top || right > left) masters.add(master);
  }

  // Cells.
  const rows: RawRow[] = [];
  const formulae = new Map<string, string>(); // si → master address
  const formulaText = new Map<string, string>(); // address → formula text of shared masters
  const slaves: { row: RawRow; index: number; address: string }[] = [];
  let lastRow = 0;
  for (const rowNode of data.children) {
    if (rowNode.name !== 'row') throw BAIL;
    const ra = rowNode.attrs;
    const rText = ra.r;
    if (rText === undefined || !/^[1-9][0-9]*$/.test(rText)) throw BAIL;
    const rn = Number(rText);
    if (rn <= lastRow || rn > MAX_ROWS) throw BAIL;
    lastRow = rn;
    const row: RawRow = { r: rn, hidden: parseBool(ra.hidden), cells: [] };
    rows.push(row);
    let lastCol = 0;
    for (const c of rowNode.children) {
      if (c.name !== 'c') throw BAIL;
      const ca = c.attrs;
      const ref = CELL_REF.exec(ca.r ?? '');
      if (!ref || Number(ref[2]) !== rn) throw BAIL;
      const col = colNumber(ref[1] ?? '');
      if (col <= lastCol || col > MAX_COLUMNS) throw BAIL;
      lastCol = col;
      const addr = ca.r as string;
      const t = ca.t;
      const styleId = ca.s ? parseInt(ca.s, 10) : undefined;
      const style = styleId ? styles[styleId] : undefined;

      // CellXform.parseOpen/parseText: text of <v> and of <is><t> accumulate into one value.
      let v: string | undefined;
      let runs: Run[] | null = null;
      let fText: string | undefined;
      let fAttrs: Record<string, string> | null = null;
      let seenV = false;
      let seenIs = false;
      let seenF = false;
      for (const part of c.children) {
        if (part.name === 'v') {
          if (seenV || part.children.length > 0) throw BAIL;
          seenV = true;
          if (part.text !== '') v = (v ?? '') + part.text;
        } else if (part.name === 'f') {
          if (seenF || part.children.length > 0) throw BAIL;
          seenF = true;
          fAttrs = part.attrs;
          if (part.text !== '') fText = part.text;
        } else if (part.name === 'is') {
          if (seenIs || part.text.trim() !== '') throw BAIL;
          seenIs = true;
          for (const p of part.children) {
            if (p.name === 't') {
              if (p.children.length > 0 || runs) throw BAIL;
              if (p.text !== '') v = (v ?? '') + p.text;
            } else if (p.name === 'r') {
              if (v !== undefined) throw BAIL;
              runs ??= [];
              runs.push(readRun(p));
            } else throw BAIL;
          }
        } else throw BAIL;
      }
      if (seenV && seenIs) throw BAIL;

      let value: Value = null;
      const shareType = fAttrs?.t;
      if (fText !== undefined || shareType) {
        if (runs) throw BAIL;
        let result: Formula['result'];
        if (v) {
          if (t === 'str') result = xmlDecode(v);
          else if (t === 'b') result = parseInt(v, 10) !== 0;
          else if (t === 'e') result = { error: v };
          else result = parseFloat(v);
        }
        if (result !== undefined && style?.date) result = excelToDate(result, date1904);
        let sharedFrom: string | undefined;
        if (shareType === 'shared') {
          const si = fAttrs?.si;
          if (si === undefined) throw BAIL;
          if (fAttrs?.ref !== undefined) {
            if (fText === undefined) throw BAIL;
            formulae.set(si, addr);
            formulaText.set(addr, fText);
          } else {
            sharedFrom = formulae.get(si);
            if (sharedFrom === undefined) throw BAIL;
          }
        } else if (shareType !== undefined && shareType !== 'array') {
          throw BAIL;
        }
        if (fText === undefined && sharedFrom === undefined) throw BAIL;
        value = { kind: 'formula', text: fText ?? '', ...(sharedFrom !== undefined ? { sharedFrom } : {}), result };
        if (sharedFrom !== undefined && fText === undefined) slaves.push({ row, index: row.cells.length, address: addr });
      } else if (runs) {
        if (t !== 'inlineStr') throw BAIL;
        value = { runs };
      } else if (v !== undefined) {
        switch (t) {
          case 's': {
            const i = parseInt(v, 10);
            const list = sharedStrings();
            if (!(i >= 0 && i < list.length)) throw BAIL;
            const s = list[i] as SharedString;
            value = s === null ? { runs: [] } : s;
            break;
          }
          case 'str':
            value = xmlDecode(v);
            break;
          case 'inlineStr':
            value = v;
            break;
          case 'b':
            value = parseInt(v, 10) !== 0;
            break;
          case 'e':
            value = { error: v };
            break;
          default: {
            const n = parseFloat(v);
            value = style?.date ? excelToDate(n, date1904) : n;
          }
        }
      }
      if (value !== null) row.cells.push({ col, value, font: style?.font });
    }
  }

  // Shared-formula slaves take the master's formula moved to their own cell (exceljs's slideFormula).
  for (const s of slaves) {
    const cell = s.row.cells[s.index] as RawCell;
    const f = cell.value as Formula;
    const from = f.sharedFrom as string;
    const masterText = formulaText.get(from);
    const m = CELL_REF.exec(from);
    if (masterText === undefined || !m) throw BAIL;
    // A master covered by another cell's merge loses its formula in exceljs.
    const mk = Number(m[2]) * K + colNumber(m[1] ?? '');
    const mm = mergeOf.get(mk);
    if (mm !== undefined && mm !== mk) throw BAIL;
    s.row.cells[s.index] = { ...cell, value: { ...f, text: exShared.slideFormula(masterText, from, s.address) } };
  }

  return convertRows(rows, mergeOf, masters, K, colHidden, name, hidden, file, findings);
}

function parseBool(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

/** exceljs's utils.excelToDate, with the same coercion of non-numbers. */
function excelToDate(v: number | string | boolean | { readonly error: string } | Date, date1904: boolean): Date {
  const n = Number(v);
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** convertWorksheet's walk over the cells exceljs would hold (values and merged slaves). */
function convertRows(
  rawRows: readonly RawRow[],
  mergeOf: ReadonlyMap<number, number>,
  masters: ReadonlySet<number>,
  K: number,
  colHidden: readonly boolean[],
  name0: string,
  hidden: boolean,
  file: string,
  findings: Finding[],
): SourceSheet {
  const name = name0.normalize('NFC');
  const ctx = sheetContext(file, name, findings);

  // Rows that exist only because a merged range covers them.
  const slaveCols = new Map<number, number[]>();
  for (const [key, master] of mergeOf) {
    if (key === master) continue;
    const r = Math.floor(key / K);
    let list = slaveCols.get(r);
    if (!list) slaveCols.set(r, (list = []));
    list.push(key % K);
  }
  const rowNumbers = new Set<number>(slaveCols.keys());
  const byNumber = new Map<number, RawRow>();
  for (const r of rawRows) {
    byNumber.set(r.r, r);
    rowNumbers.add(r.r);
  }
  const ordered = [...rowNumbers].sort((a, b) => a - b);

  const rows: (SourceCell | null)[][] = [];
  const hiddenRowsAll: number[] = [];
  let lastNonEmptyRow = 0;
  let columnCount = 0;
  for (const r of ordered) {
    while (rows.length < r - 1) rows.push([]);
    const raw = byNumber.get(r);
    if (raw?.hidden) hiddenRowsAll.push(r);
    const out: (SourceCell | null)[] = [];
    const slaveList = slaveCols.get(r);
    // Visit, in column order, the cells with a value and the merged slaves.
    const visits: { col: number; cell: RawCell | null }[] = [];
    const own = raw?.cells ?? [];
    if (slaveList) {
      const slaveSet = new Set(slaveList);
      for (const c of own) if (!slaveSet.has(c.col)) visits.push({ col: c.col, cell: c });
      for (const c of slaveList) visits.push({ col: c, cell: null });
      visits.sort((a, b) => a.col - b.col);
    } else {
      for (const c of own) visits.push({ col: c.col, cell: c });
    }
    for (const { col: c, cell } of visits) {
      let converted: SourceCell | null;
      const key = r * K + c;
      const master = mergeOf.get(key);
      if (cell === null) {
        const mr = Math.floor((master as number) / K);
        const mc = (master as number) % K;
        const m = mr === r ? out[mc - 1] : rows[mr - 1]?.[mc - 1];
        converted = m ? { ...m, mergedFrom: address(mr, mc) } : null;
      } else if (master === key && masters.has(key)) {
        const v = convertValue(cell.value, cell.font, r, c, ctx);
        converted = v ? { ...v, mergedFrom: address(r, c) } : null;
      } else {
        converted = convertValue(cell.value, cell.font, r, c, ctx);
      }
      if (converted === null) continue;
      while (out.length < c - 1) out.push(null);
      out[c - 1] = converted;
    }
    const width = pushRow(rows, out);
    if (width > 0) {
      lastNonEmptyRow = r;
      if (width > columnCount) columnCount = width;
    }
  }
  finishTextWarnings(ctx);
  return finishSheet(name, hidden, rows, lastNonEmptyRow, columnCount, hiddenRowsAll, (c) => colHidden[c - 1] === true);
}

/** convertValue of src/read/sheet.ts over the values this reader builds. */
function convertValue(v: Value | Formula['result'], font: string | undefined, r: number, c: number, ctx: SheetContext): SourceCell | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return numberCell(v);
    case 'string':
      return textCell(v, font, r, c, ctx);
    case 'boolean':
      return { value: v, kind: 'boolean' };
    default:
      break;
  }
  if (v instanceof Date) return dateCell(v);
  if ('kind' in v) {
    const formula = formulaText(v.text);
    if (v.result === undefined) return { value: null, kind: 'empty', formula, missingResult: true };
    const base = convertValue(v.result, font, r, c, ctx);
    return base ? { ...base, formula } : { value: '', kind: 'text', formula };
  }
  if ('runs' in v) {
    if (v.runs.length === 0) return null; // an empty shared string: exceljs holds {}
    let text = '';
    for (const run of v.runs) text += run.text ?? '';
    return textCell(text, v.runs[0]?.font ?? font, r, c, ctx);
  }
  return errorCell(String(v.error));
}
