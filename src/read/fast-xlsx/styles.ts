/** The styles part (fonts, date and percentage formats) and the shared strings, read as exceljs reads them. */
import { BAIL, exNumFmt, exUtils, unescapeX, type Run, type SharedString, type Style } from './common.js';
import { isPercentFormat } from '../sheet.js';
import { closeOf, closeTag, isName, openTag, textAt, type OpenTag } from './scan.js';
import { Attrs, child, parseFragment, prologEnd, scanAttrs, type XNode } from './xml.js';

export function readStyles(doc: XNode): (Style | undefined)[] {
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
    styles.push({ font, date: exUtils.isDateFmt(fmt), percent: isPercentFormat(fmt) });
  }
  return styles;
}

export function readRun(r: XNode): Run {
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

/** One <si> parsed as an element: text, rich-text runs, or nothing. */
function readSi(si: XNode): SharedString {
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
  return value;
}

const TAG: OpenTag = { nameEnd: 0, innerEnd: 0, gt: 0, selfClose: false };
const ATTRS = new Attrs();

/**
 * The shared strings part, scanned in place: an <si> holding one <t> is read where it stands;
 * any other <si> (rich text, phonetic properties) is parsed as an element and read by readSi, so
 * the part is accepted or refused as parseDocument + readSi would.
 */
export function readSharedStrings(xml: string): SharedString[] {
  let pos = prologEnd(xml);
  const lt = xml.indexOf('<', pos);
  if (lt < 0 || xml.slice(pos, lt).trim() !== '') throw BAIL;
  openTag(xml, lt, xml.length, TAG);
  if (!isName(xml, lt + 1, TAG.nameEnd, 'sst')) throw BAIL;
  scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, ATTRS);
  const out: SharedString[] = [];
  pos = TAG.gt + 1;
  if (!TAG.selfClose) {
    for (;;) {
      const at = xml.indexOf('<', pos);
      if (at < 0) throw BAIL;
      if (at > pos) textAt(xml, pos, at);
      if (xml.charCodeAt(at + 1) === 47) {
        pos = closeTag(xml, at, xml.length, 'sst');
        break;
      }
      const next = simpleSi(xml, at);
      if (next > 0) {
        out.push(SI.value);
        pos = next;
        continue;
      }
      openTag(xml, at, xml.length, TAG);
      const end = TAG.selfClose ? TAG.gt + 1 : closeOf(xml, at, 'si');
      const nodes = parseFragment(xml, at, end);
      if (nodes.length !== 1 || !nodes[0]) throw BAIL;
      out.push(readSi(nodes[0]));
      pos = end;
    }
  }
  if (xml.slice(pos).trim() !== '') throw BAIL;
  return out;
}

const SI = { value: '' as string };

/** Reads "<si><t …>text</t></si>" at xml[lt] into SI and returns the index past it, or 0 for any other shape. */
function simpleSi(xml: string, lt: number): number {
  const n = xml.length;
  openTag(xml, lt, n, TAG);
  if (!isName(xml, lt + 1, TAG.nameEnd, 'si') || TAG.selfClose) return 0;
  scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, ATTRS);
  let p = TAG.gt + 1;
  let at = xml.indexOf('<', p);
  if (at < 0 || xml.charCodeAt(at + 1) === 47 || xml.charCodeAt(at + 1) === 33 || xml.charCodeAt(at + 1) === 63) return 0;
  if (at > p) textAt(xml, p, at);
  openTag(xml, at, n, TAG);
  if (!isName(xml, at + 1, TAG.nameEnd, 't') || TAG.selfClose) return 0;
  scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, ATTRS);
  p = TAG.gt + 1;
  at = xml.indexOf('<', p);
  if (at < 0 || xml.charCodeAt(at + 1) !== 47) return 0;
  const text = at > p ? textAt(xml, p, at) : '';
  p = closeTag(xml, at, n, 't');
  at = xml.indexOf('<', p);
  if (at < 0 || xml.charCodeAt(at + 1) !== 47) return 0;
  if (at > p) textAt(xml, p, at);
  p = closeTag(xml, at, n, 'si');
  SI.value = unescapeX(text);
  return p;
}
