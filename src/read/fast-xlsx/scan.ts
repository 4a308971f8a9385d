/**
 * Tag-level scanning without building elements, for the parts that hold most of a workbook's
 * bytes (a worksheet's rows and cells): the same rules as parseFragment in xml.ts — names,
 * entities, balanced close tags, and attributes by the one scanAttrs both use — checked in place,
 * so a part is accepted or refused exactly as the element tree would accept or refuse it.
 */
import { BAIL } from './common.js';
import { Attrs, decode, isSpace, prologEnd, sameRange, scanAttrs, validNameAt } from './xml.js';

/**
 * The character data raw[from, to) decoded as parseFragment decodes it. Text with nothing to
 * decode or refuse — no "&", "]", line break, control character, surrogate or U+FFFE/U+FFFF, as
 * most cell texts in any language — is taken as it stands.
 */
export function textAt(raw: string, from: number, to: number): string {
  for (let p = from; p < to; p++) {
    const ch = raw.charCodeAt(p);
    if (ch < 32 || ch === 38 || ch === 93 || (ch >= 0xd800 && ch <= 0xdfff) || ch >= 0xfffe) return decode(raw.slice(from, to));
  }
  return raw.slice(from, to);
}

/** An open tag at `lt`: where its name ends, where its attributes end, and whether it closes itself. */
export interface OpenTag {
  nameEnd: number;
  innerEnd: number;
  gt: number;
  selfClose: boolean;
}

/**
 * Reads the open tag starting at raw[lt] ("<name …>" or "<name …/>", before `limit`) as
 * parseFragment does; bails on a close tag, comment, processing instruction or invalid name.
 */
export function openTag(raw: string, lt: number, limit: number, out: OpenTag): void {
  const c1 = raw.charCodeAt(lt + 1);
  if (c1 === 47 || c1 === 33 || c1 === 63) throw BAIL;
  const gt = raw.indexOf('>', lt);
  if (gt < 0 || gt >= limit) throw BAIL;
  const selfClose = raw.charCodeAt(gt - 1) === 47;
  const innerEnd = selfClose ? gt - 1 : gt;
  let n = lt + 1;
  while (n < innerEnd && !isSpace(raw.charCodeAt(n))) n++;
  if (!validNameAt(raw, lt + 1, n)) throw BAIL;
  out.nameEnd = n;
  out.innerEnd = innerEnd;
  out.gt = gt;
  out.selfClose = selfClose;
}

/** Whether raw[from, to) is exactly `name`. */
export function isName(raw: string, from: number, to: number, name: string): boolean {
  return to - from === name.length && raw.startsWith(name, from);
}

/**
 * Reads the close tag "</name>" (white space allowed before ">") at raw[lt] and returns the index
 * after it; bails when it is not the close tag of `name` or does not end before `limit`.
 */
export function closeTag(raw: string, lt: number, limit: number, name: string): number {
  if (raw.charCodeAt(lt + 1) !== 47) throw BAIL;
  const gt = raw.indexOf('>', lt);
  if (gt < 0 || gt >= limit) throw BAIL;
  let e = gt;
  while (e > lt + 2 && isSpace(raw.charCodeAt(e - 1))) e--;
  if (!isName(raw, lt + 2, e, name)) throw BAIL;
  return gt + 1;
}

/**
 * Where `text` ("<name" or "</name") first stands at or after `from` as a whole tag name — followed
 * by ">", white space, or (for an open tag) "/" —, or -1.
 */
function tagStart(xml: string, text: string, from: number): number {
  const closing = text.charCodeAt(1) === 47;
  for (let i = xml.indexOf(text, from); i >= 0; i = xml.indexOf(text, i + text.length)) {
    const ch = xml.charCodeAt(i + text.length);
    if (ch === 62 || isSpace(ch) || (!closing && ch === 47)) return i;
  }
  return -1;
}

/** The index just past the first close tag of `name` ("</name>" or "</name >") at or after `from`; bails when there is none before `end`. */
export function closeOf(xml: string, from: number, name: string, end = xml.length): number {
  const i = tagStart(xml, `</${name}`, from);
  if (i < 0 || i >= end) throw BAIL;
  return closeTag(xml, i, end, name);
}

/** The first element `name` of a part: its open tag (as openTag reads it), its content, and the index past its close tag. */
export interface ElementRegion {
  readonly open: number;
  readonly tag: Readonly<OpenTag>;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
}

/**
 * The first element `name` in `xml`, or null when there is none; bails when its open tag is
 * malformed or it is not closed. Its content is not checked: the caller scans or checks it.
 */
export function elementRegion(xml: string, name: string): ElementRegion | null {
  const open = tagStart(xml, `<${name}`, 0);
  if (open < 0) return null;
  const tag: OpenTag = { nameEnd: 0, innerEnd: 0, gt: 0, selfClose: false };
  openTag(xml, open, xml.length, tag);
  const contentStart = tag.gt + 1;
  if (tag.selfClose) return { open, tag, contentStart, contentEnd: contentStart, end: contentStart };
  const close = tagStart(xml, `</${name}`, contentStart);
  if (close < 0) throw BAIL;
  return { open, tag, contentStart, contentEnd: close, end: closeTag(xml, close, xml.length, name) };
}

const CHECK_TAG: OpenTag = { nameEnd: 0, innerEnd: 0, gt: 0, selfClose: false };
const CHECK_ATTRS = new Attrs();

/**
 * Checks raw[from, to) as parseFragment would parse it — balanced elements with valid names and
 * attributes, decodable text, no comment, CDATA or processing instruction — without building
 * anything; bails where parseFragment bails. `root` names the one element the range must hold
 * (parseDocument's rule, white space only around it); without it, any sequence of elements and
 * text (the inside of an element) is accepted. With `children`, the root may only hold elements
 * of these names, each without elements inside (as exceljs's parsers of the package's
 * relationships and core properties demand: they throw on anything else).
 */
export function checkFragment(raw: string, from: number, to: number, root?: string, children?: ReadonlySet<string>): void {
  const open: number[] = []; // name start, name end of each open element
  let roots = 0;
  let pos = from;
  while (pos < to) {
    const lt = raw.indexOf('<', pos);
    const stop = lt < 0 || lt > to ? to : lt;
    if (stop > pos) {
      if (open.length > 0 || root === undefined) textAt(raw, pos, stop);
      else if (raw.slice(pos, stop).trim() !== '') throw BAIL;
    }
    if (stop === to) break;
    if (raw.charCodeAt(lt + 1) === 47) {
      const gt = raw.indexOf('>', lt);
      if (gt < 0 || gt >= to) throw BAIL;
      let e = gt;
      while (e > lt + 2 && isSpace(raw.charCodeAt(e - 1))) e--;
      const nameEnd = open.pop();
      const nameStart = open.pop();
      if (nameEnd === undefined || nameStart === undefined || !validNameAt(raw, lt + 2, e) || !sameRange(raw, nameStart, nameEnd, lt + 2, e)) throw BAIL;
      pos = gt + 1;
      continue;
    }
    openTag(raw, lt, to, CHECK_TAG);
    scanAttrs(raw, CHECK_TAG.nameEnd, CHECK_TAG.innerEnd, CHECK_ATTRS);
    if (open.length === 0 && root !== undefined) {
      if (++roots > 1 || !isName(raw, lt + 1, CHECK_TAG.nameEnd, root)) throw BAIL;
    } else if (children && open.length === 2) {
      if (!children.has(raw.slice(lt + 1, CHECK_TAG.nameEnd))) throw BAIL;
    } else if (children && open.length > 2) {
      throw BAIL;
    }
    if (!CHECK_TAG.selfClose) open.push(lt + 1, CHECK_TAG.nameEnd);
    pos = CHECK_TAG.gt + 1;
  }
  if (open.length > 0 || (root !== undefined && roots !== 1)) throw BAIL;
}

/** parseDocument's checks (declaration, one root element named `root`) without building the tree; `children` as in checkFragment. */
export function checkDocument(xml: string, root: string, children?: ReadonlySet<string>): void {
  checkFragment(xml, prologEnd(xml), xml.length, root, children);
}
