/** One worksheet part: rows and cells as exceljs holds them, then converted to a SourceSheet as src/read/sheet.ts does. */
import type { Finding } from '../../findings.js';
import { address, type SourceCell, type SourceSheet } from '../../model/source.js';
import { dateCell, errorCell, finishSheet, finishTextWarnings, formulaText, numberCell, pushRow, sheetContext, textCell, type SheetContext } from '../sheet.js';
import { BAIL, MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, exShared, xmlDecode, type Run, type SharedString, type Style } from './common.js';
import { readRun } from './styles.js';
import { child, type XNode } from './xml.js';

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

export function readSheet(
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

export function parseBool(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

/** exceljs's utils.excelToDate, with the same coercion of non-numbers. */
export function excelToDate(v: number | string | boolean | { readonly error: string } | Date, date1904: boolean): Date {
  const n = Number(v);
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

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
export function convertValue(v: Value | Formula['result'], font: string | undefined, r: number, c: number, ctx: SheetContext): SourceCell | null {
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
