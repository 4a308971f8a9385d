/**
 * What the read stage produces: a workbook reduced to plain, serialisable cell data.
 * Rows and columns are 1-based as in Excel; text is already Unicode NFC (legacy
 * TCVN3/VNI text decoded, stray spaces stripped).
 */

export type CellKind = 'number' | 'text' | 'boolean' | 'date' | 'error' | 'empty';

export interface SourceCell {
  /** number for numbers, string for text, ISO date "YYYY-MM-DD" for dates, boolean, or null. */
  readonly value: number | string | boolean | null;
  readonly kind: CellKind;
  /** Formula text without "=", when the cell holds a formula. */
  readonly formula?: string;
  /** True when a formula has no cached result in the file (value is then null). */
  readonly missingResult?: boolean;
  /** Text as it was before legacy-encoding conversion, when it was converted. */
  readonly original?: string;
  /** Legacy encoding the text was converted from. */
  readonly legacy?: 'tcvn3' | 'vni';
  /** Address of the master cell when this cell is inside a merged range (value is the master's). */
  readonly mergedFrom?: string;
  /** True when the number is shown as a percentage (its number format has "%"): 0,852 shows "85,2%". */
  readonly percent?: true;
}

export interface SourceSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly rowCount: number;
  readonly columnCount: number;
  /** rows[r - 1][c - 1]; missing entries are empty cells. */
  readonly rows: ReadonlyArray<ReadonlyArray<SourceCell | null>>;
  readonly hiddenRows: readonly number[];
  readonly hiddenColumns: readonly number[];
}

import type { FormIdentity } from './identity.js';

export interface SourceWorkbook {
  /** File name relative to the round folder (what the user sees). */
  readonly file: string;
  /** Absolute path. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sheets: readonly SourceSheet[];
  /** The plan, round and form version of a form written by `baocao forms` (absent in workbooks made by hand). */
  readonly identity?: FormIdentity;
}

/** Returns the cell at 1-based row/column, or null when empty. */
export function cellAt(sheet: SourceSheet, row: number, col: number): SourceCell | null {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}

/** Column number (1-based) to Excel letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based row/column to the A1 address the user sees in Excel. */
export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** Parses an A1 address into 1-based row/column. */
export function parseAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Text of a cell as the user would read it ("" for empty). */
export function cellText(cell: SourceCell | null): string {
  if (!cell || cell.value === null) return '';
  if (typeof cell.value === 'string') return cell.value;
  return String(cell.value);
}
