/** The styles part (fonts, date formats) and the shared strings, read as exceljs reads them. */
import { BAIL, exNumFmt, exUtils, unescapeX, type Run, type SharedString, type Style } from './common.js';
import { child, type XNode } from './xml.js';

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
    styles.push({ font, date: exUtils.isDateFmt(fmt) });
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

export function readSharedStrings(doc: XNode): SharedString[] {
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
