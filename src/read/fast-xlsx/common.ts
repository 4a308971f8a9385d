/** What every part of the fast reader shares: the bail-out, Excel's limits, exceljs's own helpers, and text unescaping. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const exUtils = require('exceljs/lib/utils/utils.js') as { isDateFmt(fmt: string | undefined): boolean };
const exDefaultNumFmts = require('exceljs/lib/xlsx/defaultnumformats.js') as Record<number, { readonly f?: string } | undefined>;
/**
 * exceljs's NumFmtXform.getDefaultFmtCode, on the same table: requiring numfmt-xform.js itself
 * would load exceljs's XML parser and writer as well (~15 ms of every start).
 */
export const exNumFmt = {
  getDefaultFmtCode: (id: number): string | undefined => exDefaultNumFmts[id]?.f,
};
export const exShared = require('exceljs/lib/utils/shared-formula.js') as { slideFormula(formula: string, from: string, to: string): string };

/** Thrown inside the reader when the workbook needs exceljs; never escapes readXlsxFast. */
export const BAIL = new Error('fast-xlsx: not handled');

/** Excel's limits (same as src/read/ranges.ts). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
export const MAX_MERGED_CELLS = 250_000;

export interface Style {
  readonly font: string | undefined;
  readonly date: boolean;
  /** The number format shows percentages (isPercentFormat). */
  readonly percent: boolean;
}

export interface Run {
  readonly text: string | undefined;
  readonly font: string | undefined;
}

/** A shared string as exceljs holds it: text, rich-text runs, or nothing (an empty <si/>). */
export type SharedString = string | { readonly runs: readonly Run[] } | null;

/** exceljs's utils.xmlDecode, applied again to sheet names and "str" values. */
export function xmlDecode(text: string): string {
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

/** exceljs's TextXform: "_xHHHH_" escapes (upper-case hex) become characters. */
export function unescapeX(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : text;
}
