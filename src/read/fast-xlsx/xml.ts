/** A small XML scanner for the parts of an .xlsx: elements, attributes, text; anything unusual bails. */
import { BAIL } from './common.js';

// ---------------------------------------------------------------------------------------------
// XML subset

export interface XNode {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XNode[];
  /** Decoded direct text (concatenated), or '' when none. */
  text: string;
}

/** Characters XML does not allow (saxes refuses them), lone surrogates included. */
export const BAD_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));|&/g;

export function decode(raw: string): string {
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
export function isNameStart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
}

export function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57) || ch === 46 || ch === 45;
}

/** Whether s[from, to) is a name as /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/ accepts it. */
export function validNameAt(s: string, from: number, to: number): boolean {
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

export function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Attributes of a tag without any (most cells' <v> and <f>): one shared, never-modified object. */
export const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;


/** The attributes of the last tag scanned by scanAttrs: name and value ranges in the text. */
export class Attrs {
  count = 0;
  readonly nameStart: number[] = [];
  readonly nameEnd: number[] = [];
  readonly valueStart: number[] = [];
  readonly valueEnd: number[] = [];
  /** Values that needed decoding (entities, white space, non-ASCII), by index; plain ones are read from the text. */
  readonly decoded: (string | undefined)[] = [];
  raw = '';

  /** The value of attribute `name` (ASCII), or undefined when the tag has none. */
  get(name: string): string | undefined {
    const k = this.indexOf(name);
    if (k < 0) return undefined;
    return this.decoded[k] ?? this.raw.slice(this.valueStart[k], this.valueEnd[k]);
  }

  indexOf(name: string): number {
    const raw = this.raw;
    for (let k = 0; k < this.count; k++) {
      const s = this.nameStart[k] as number;
      if ((this.nameEnd[k] as number) - s === name.length && raw.startsWith(name, s)) return k;
    }
    return -1;
  }

  /** All attributes as a record, as attrsOf gives them. */
  record(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.count; k++) {
      out[this.raw.slice(this.nameStart[k], this.nameEnd[k])] = this.decoded[k] ?? this.raw.slice(this.valueStart[k], this.valueEnd[k]);
    }
    return out;
  }
}

/**
 * Scans the attribute text raw[start, n) of a tag into `out`, with attrsOf's rules: white space
 * between attributes, valid names, quoted values without "<", no duplicate, no "__proto__";
 * values with entities, control characters or non-ASCII text are decoded as attrsOf decodes them.
 */
export function scanAttrs(raw: string, start: number, n: number, out: Attrs): void {
  out.raw = raw;
  out.count = 0;
  let i = start;
  for (;;) {
    const before = i;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (i >= n) return;
    if (i === before) throw BAIL;
    const ns = i;
    while (i < n) {
      const ch = raw.charCodeAt(i);
      if (ch === 61 || isSpace(ch)) break;
      if (ch === 47 || ch === 62 || ch === 34 || ch === 39 || ch === 60) throw BAIL;
      i++;
    }
    if (!validNameAt(raw, ns, i)) throw BAIL;
    const ne = i;
    if (ne - ns === 9 && raw.startsWith('__proto__', ns)) throw BAIL;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 61) throw BAIL;
    i++;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    const q = raw.charCodeAt(i);
    if (q !== 34 && q !== 39) throw BAIL;
    const end = raw.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0 || end >= n) throw BAIL;
    const k = out.count;
    for (let j = 0; j < k; j++) if (sameRange(raw, out.nameStart[j] as number, out.nameEnd[j] as number, ns, ne)) throw BAIL;
    out.nameStart[k] = ns;
    out.nameEnd[k] = ne;
    out.valueStart[k] = i + 1;
    out.valueEnd[k] = end;
    out.decoded[k] = undefined;
    for (let p = i + 1; p < end; p++) {
      const ch = raw.charCodeAt(p);
      if (ch < 32 || ch === 38 || ch === 60 || ch >= 0xd800) {
        let v = raw.slice(i + 1, end);
        if (v.includes('<')) throw BAIL;
        if (/[\t\n\r]/.test(v)) v = v.replace(/\r\n|[\t\n\r]/g, ' ');
        out.decoded[k] = decode(v);
        break;
      }
    }
    out.count = k + 1;
    i = end + 1;
  }
}

export function sameRange(raw: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; a + k < aEnd; k++) if (raw.charCodeAt(a + k) !== raw.charCodeAt(b + k)) return false;
  return true;
}

const SCRATCH = new Attrs();

/** Parses the attribute text raw[i, n) of a tag; bails on anything malformed or duplicated. */
export function attrsOf(raw: string, start: number, n: number): Record<string, string> {
  scanAttrs(raw, start, n, SCRATCH);
  return SCRATCH.count === 0 ? NO_ATTRS : SCRATCH.record();
}

/**
 * Parses the element children of xml[start, end) into a small tree. Text is kept only where it is
 * the direct content of an element (what the callers read from <v>, <f>, <t>); comments,
 * processing instructions, CDATA and DOCTYPE bail, as does any unbalanced tag.
 */
export function parseFragment(xml: string, start: number, end: number): XNode[] {
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

/** Where a part's content starts: after its XML declaration, if any, which must be one saxes accepts. */
export function prologEnd(xml: string): number {
  if (!xml.startsWith('<?xml')) return 0;
  const m = PROLOG.exec(xml);
  if (!m) throw BAIL;
  return m[0].length;
}

/**
 * Parses a whole part as saxes would accept it: an optional XML declaration, then exactly one
 * root element named `root`. Bails on anything else, so a part exceljs would refuse is never read.
 */
export function parseDocument(xml: string, root: string): XNode {
  const nodes = parseFragment(xml, prologEnd(xml), xml.length);
  const top = nodes[0];
  if (nodes.length !== 1 || !top || top.name !== root) throw BAIL;
  return top;
}

export function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}
