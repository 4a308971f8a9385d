/** One worksheet part: rows and cells as exceljs holds them, then converted to a SourceSheet as src/read/sheet.ts does. */
import type { Finding } from '../../findings.js';
import { address, type SourceCell, type SourceSheet } from '../../model/source.js';
import { dateCell, errorCell, finishSheet, finishTextWarnings, formulaText, numberCell, pushRow, sheetContext, textCell, type SheetContext } from '../sheet.js';
import { BAIL, MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, exShared, xmlDecode, type Run, type SharedString, type Style } from './common.js';
import { readRun } from './styles.js';
import { closeOf, closeTag, elementRegion, isName, openTag, textAt, type ElementRegion, type OpenTag } from './scan.js';
import { parseShared } from './parts.js';
import { Attrs, child, NO_ATTRS, parseFragment, scanAttrs, type XNode } from './xml.js';

// ---------------------------------------------------------------------------------------------
// Worksheets

/** A cell value as exceljs holds it after loading (before convertWorksheet). */
export type Value =
  | number
  | string
  | boolean
  | Date
  | { readonly error: string }
  | { readonly runs: readonly Run[] }
  | null
  | Formula;

export interface Formula {
  readonly kind: 'formula';
  /** The formula text (model.formula), or '' for a shared-formula slave. */
  readonly text: string;
  /** Master address of a shared-formula slave. */
  readonly sharedFrom?: string;
  readonly result: number | string | boolean | Date | { readonly error: string } | undefined;
}

export interface RawCell {
  readonly col: number;
  readonly value: Value;
  readonly font: string | undefined;
  /** Its style shows numbers as percentages. */
  readonly percent: boolean;
}

export interface RawRow {
  readonly r: number;
  readonly hidden: boolean;
  cells: RawCell[];
}

export const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]*)$/;

export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/**
 * The worksheet's sheetData element, its open tag's attributes checked; bails when there is none
 * or another follows it (so the one read is the worksheet's own, not one nested in an earlier element).
 */
function sheetDataRegion(xml: string): ElementRegion {
  const region = elementRegion(xml, 'sheetData');
  if (!region || xml.includes('<sheetData', region.end)) throw BAIL;
  scanAttrs(xml, region.tag.nameEnd, region.tag.innerEnd, ROW_ATTRS);
  return region;
}

/** What a cell element holds, as exceljs's CellXform gathers it. */
interface CellParts {
  v: string | undefined;
  runs: Run[] | null;
  fText: string | undefined;
  fAttrs: Record<string, string> | null;
  seenV: boolean;
  seenIs: boolean;
  seenF: boolean;
}

function emptyParts(p: CellParts): CellParts {
  p.v = undefined;
  p.runs = null;
  p.fText = undefined;
  p.fAttrs = null;
  p.seenV = false;
  p.seenIs = false;
  p.seenF = false;
  return p;
}

/** CellXform.parseOpen/parseText over a cell parsed as an element: text of <v> and of <is><t> accumulate into one value. */
function partsFromNode(c: XNode, out: CellParts): void {
  emptyParts(out);
  for (const part of c.children) {
    if (part.name === 'v') {
      if (out.seenV || part.children.length > 0) throw BAIL;
      out.seenV = true;
      if (part.text !== '') out.v = (out.v ?? '') + part.text;
    } else if (part.name === 'f') {
      if (out.seenF || part.children.length > 0) throw BAIL;
      out.seenF = true;
      out.fAttrs = part.attrs;
      if (part.text !== '') out.fText = part.text;
    } else if (part.name === 'is') {
      if (out.seenIs || part.text.trim() !== '') throw BAIL;
      out.seenIs = true;
      for (const p of part.children) {
        if (p.name === 't') {
          if (p.children.length > 0 || out.runs) throw BAIL;
          if (p.text !== '') out.v = (out.v ?? '') + p.text;
        } else if (p.name === 'r') {
          if (out.v !== undefined) throw BAIL;
          out.runs ??= [];
          out.runs.push(readRun(p));
        } else throw BAIL;
      }
    } else throw BAIL;
  }
}

/** Scratch space of the scanner (one thread reads one sheet at a time). */
const TAG: OpenTag = { nameEnd: 0, innerEnd: 0, gt: 0, selfClose: false };
const ROW_ATTRS = new Attrs();
const CELL_ATTRS = new Attrs();
const INNER_ATTRS = new Attrs();
const PARTS: CellParts = emptyParts({} as CellParts);

/**
 * Reads a cell's children from raw[from) up to and past its "</c>": <v> and <f> are read in place;
 * a cell with anything else (inline strings, rich text) is parsed as an element from `cellStart`
 * and read by partsFromNode, so both ways accept and refuse the same cells.
 */
function scanCell(xml: string, cellStart: number, from: number, end: number, out: CellParts): number {
  emptyParts(out);
  let p = from;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0 || lt >= end) throw BAIL;
    if (lt > p) textAt(xml, p, lt);
    if (xml.charCodeAt(lt + 1) === 47) return closeTag(xml, lt, end, 'c');
    openTag(xml, lt, end, TAG);
    const isV = isName(xml, lt + 1, TAG.nameEnd, 'v');
    if (!isV && !isName(xml, lt + 1, TAG.nameEnd, 'f')) {
      const cellEnd = closeOf(xml, lt, 'c', end);
      const nodes = parseFragment(xml, cellStart, cellEnd);
      const node = nodes[0];
      if (nodes.length !== 1 || !node || node.name !== 'c') throw BAIL;
      partsFromNode(node, out);
      return cellEnd;
    }
    scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, INNER_ATTRS);
    if (isV) {
      if (out.seenV) throw BAIL;
      out.seenV = true;
    } else {
      if (out.seenF) throw BAIL;
      out.seenF = true;
      out.fAttrs = INNER_ATTRS.count === 0 ? NO_ATTRS : INNER_ATTRS.record();
    }
    p = TAG.gt + 1;
    if (TAG.selfClose) continue;
    const close = xml.indexOf('<', p);
    if (close < 0 || close >= end) throw BAIL;
    const text = close > p ? textAt(xml, p, close) : '';
    p = closeTag(xml, close, end, isV ? 'v' : 'f');
    if (text === '') continue;
    if (isV) out.v = (out.v ?? '') + text;
    else out.fText = text;
  }
}

/** The column of a cell reference ("AB12" → 28) when its row is `rowText`, else 0. */
function refColumn(ref: string, rowText: string): number {
  let k = 0;
  let col = 0;
  while (k < ref.length && k < 3) {
    const ch = ref.charCodeAt(k);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
    k++;
  }
  if (k === 0 || ref.length - k !== rowText.length || !ref.endsWith(rowText)) return 0;
  return col;
}

export function readSheet(
  xml: string,
  name: string,
  hidden: boolean,
  styles: readonly (Style | undefined)[],
  sharedStrings: () => SharedString[],
  date1904: boolean,
  file: string,
  findings: Finding[],
  merged: { cells: number },
): SourceSheet {
  // Everything but the rows is parsed as elements, once per distinct text (forms made from one
  // template share it: columns, merges, validations, page set-up); the rows are scanned in place below.
  const region = sheetDataRegion(xml);
  const doc = parseShared(`${xml.slice(0, region.open)}<sheetData/>${xml.slice(region.end)}`, 'worksheet');
  if (!child(doc, 'sheetData') || child(doc, 'hyperlinks')) throw BAIL;

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
  const end = region.contentEnd;
  let pos = region.contentStart;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    const stop = lt < 0 || lt >= end ? end : lt;
    if (stop > pos) textAt(xml, pos, stop);
    if (stop === end) break;
    openTag(xml, lt, end, TAG);
    if (!isName(xml, lt + 1, TAG.nameEnd, 'row')) throw BAIL;
    scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, ROW_ATTRS);
    const rText = ROW_ATTRS.get('r');
    if (rText === undefined || !/^[1-9][0-9]*$/.test(rText)) throw BAIL;
    const rn = Number(rText);
    if (rn <= lastRow || rn > MAX_ROWS) throw BAIL;
    lastRow = rn;
    const row: RawRow = { r: rn, hidden: parseBool(ROW_ATTRS.get('hidden')), cells: [] };
    rows.push(row);
    pos = TAG.gt + 1;
    if (TAG.selfClose) continue;
    let lastCol = 0;
    for (;;) {
      const clt = xml.indexOf('<', pos);
      if (clt < 0 || clt >= end) throw BAIL;
      if (clt > pos) textAt(xml, pos, clt);
      if (xml.charCodeAt(clt + 1) === 47) {
        pos = closeTag(xml, clt, end, 'row');
        break;
      }
      openTag(xml, clt, end, TAG);
      if (!isName(xml, clt + 1, TAG.nameEnd, 'c')) throw BAIL;
      scanAttrs(xml, TAG.nameEnd, TAG.innerEnd, CELL_ATTRS);
      const addr = CELL_ATTRS.get('r');
      const col = addr === undefined ? 0 : refColumn(addr, rText);
      if (col === 0 || col <= lastCol || col > MAX_COLUMNS) throw BAIL;
      lastCol = col;
      const t = CELL_ATTRS.get('t');
      const s = CELL_ATTRS.get('s');
      const styleId = s ? parseInt(s, 10) : undefined;
      const style = styleId ? styles[styleId] : undefined;
      const parts = PARTS;
      if (TAG.selfClose) {
        pos = TAG.gt + 1;
        continue; // no value
      }
      pos = scanCell(xml, clt, TAG.gt + 1, end, parts);
      const { v, runs, fText, fAttrs } = parts;
      if (parts.seenV && parts.seenIs) throw BAIL;

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
            formulae.set(si, addr as string);
            formulaText.set(addr as string, fText);
          } else {
            sharedFrom = formulae.get(si);
            if (sharedFrom === undefined) throw BAIL;
          }
        } else if (shareType !== undefined && shareType !== 'array') {
          throw BAIL;
        }
        if (fText === undefined && sharedFrom === undefined) throw BAIL;
        value = { kind: 'formula', text: fText ?? '', ...(sharedFrom !== undefined ? { sharedFrom } : {}), result };
        if (sharedFrom !== undefined && fText === undefined) slaves.push({ row, index: row.cells.length, address: addr as string });
      } else if (runs) {
        if (t !== 'inlineStr') throw BAIL;
        value = { runs };
      } else if (v !== undefined) {
        switch (t) {
          case 's': {
            const i = parseInt(v, 10);
            const list = sharedStrings();
            if (!(i >= 0 && i < list.length)) throw BAIL;
            const str = list[i] as SharedString;
            value = str === null ? { runs: [] } : str;
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
      if (value !== null) row.cells.push({ col, value, font: style?.font, percent: style?.percent === true });
    }
  }

  // Shared-formula slaves take the master's formula moved to their own cell (exceljs's slideFormula).
  for (const sl of slaves) {
    const cell = sl.row.cells[sl.index] as RawCell;
    const f = cell.value as Formula;
    const from = f.sharedFrom as string;
    const masterText = formulaText.get(from);
    const m = CELL_REF.exec(from);
    if (masterText === undefined || !m) throw BAIL;
    // A master covered by another cell's merge loses its formula in exceljs.
    const mk = Number(m[2]) * K + colNumber(m[1] ?? '');
    const mm = mergeOf.get(mk);
    if (mm !== undefined && mm !== mk) throw BAIL;
    sl.row.cells[sl.index] = { ...cell, value: { ...f, text: exShared.slideFormula(masterText, from, sl.address) } };
  }

  return convertRows(rows, mergeOf, masters, K, colHidden, name, hidden, file, findings);
}

export function parseBool(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

/** exceljs's utils.excelToDate, with the same coercion of non-numbers. */
export function excelToDate(v: number | string | boolean | { readonly error: string } | Date, date1904: boolean): Date {
  const n = Number(v);
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

const EMPTY_CELLS: readonly RawCell[] = [];

/** convertWorksheet's walk over the cells exceljs would hold (values and merged slaves). */
export function convertRows(
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
  // Rows holding a merged master (the keys are not small integers: Map look-ups on them are slow).
  const masterRows = new Set<number>();
  for (const key of masters) masterRows.add(Math.floor(key / K));
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
    const own = raw?.cells ?? EMPTY_CELLS;
    const put = (c: number, converted: SourceCell | null): void => {
      if (converted === null) return;
      while (out.length < c - 1) out.push(null);
      out[c - 1] = converted;
    };
    if (!slaveList && !masterRows.has(r)) {
      // Nothing merged in this row (most rows): its own cells, already in column order.
      for (const cell of own) put(cell.col, convertValue(cell.value, cell.font, r, cell.col, ctx, cell.percent));
    } else if (!slaveList) {
      // Masters without slaves in this row: its own cells, already in column order.
      for (const cell of own) {
        const key = r * K + cell.col;
        const master = mergeOf.get(key);
        if (master === key && masters.has(key)) {
          const v = convertValue(cell.value, cell.font, r, cell.col, ctx, cell.percent);
          put(cell.col, v ? { ...v, mergedFrom: address(r, cell.col) } : null);
        } else {
          put(cell.col, convertValue(cell.value, cell.font, r, cell.col, ctx, cell.percent));
        }
      }
    } else {
      // Visit, in column order, the cells with a value and the merged slaves.
      const visits: { col: number; cell: RawCell | null }[] = [];
      const slaveSet = new Set(slaveList);
      for (const c of own) if (!slaveSet.has(c.col)) visits.push({ col: c.col, cell: c });
      for (const c of slaveList) visits.push({ col: c, cell: null });
      visits.sort((a, b) => a.col - b.col);
      for (const { col: c, cell } of visits) {
        const key = r * K + c;
        const master = mergeOf.get(key);
        if (cell === null) {
          const mr = Math.floor((master as number) / K);
          const mc = (master as number) % K;
          const m = mr === r ? out[mc - 1] : rows[mr - 1]?.[mc - 1];
          put(c, m ? { ...m, mergedFrom: address(mr, mc) } : null);
        } else if (master === key && masters.has(key)) {
          const v = convertValue(cell.value, cell.font, r, c, ctx, cell.percent);
          put(c, v ? { ...v, mergedFrom: address(r, c) } : null);
        } else {
          put(c, convertValue(cell.value, cell.font, r, c, ctx, cell.percent));
        }
      }
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
export function convertValue(v: Value | Formula['result'], font: string | undefined, r: number, c: number, ctx: SheetContext, percent = false): SourceCell | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return numberCell(v, percent);
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
    const base = convertValue(v.result, font, r, c, ctx, percent);
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
