/**
 * How a table cell shows its value, the same in Word and in Excel: numbers the Vietnamese way
 * with the decimals the figure needs (at most the column's), "-" for zero (official-format §2:
 * "-" = no figure / zero), and the Excel number format that shows the cell the same way.
 */
import type { ColumnFormat, TableColumn } from '../model/document.js';
import { formatMoney, formatNumber, formatPercent, roundTo } from '../vn/index.js';

/** Formats whose values are figures (right-aligned, "-" for zero, a number format in Excel). */
export const NUMERIC_FORMATS: ReadonlySet<ColumnFormat> = new Set(['integer', 'number', 'money', 'decimal', 'percent']);

export function isNumeric(column: Pick<TableColumn, 'format'>): boolean {
  return NUMERIC_FORMATS.has(column.format);
}

/** Decimals a value needs to be shown exactly, up to max (1.5 → 1, 4 → 0, 22006.100000000002 → 1). */
export function decimalsOf(value: number, max: number): number {
  for (let d = 0; d < max; d++) if (Math.abs(value * 10 ** d - Math.round(value * 10 ** d)) < 1e-9 * Math.max(1, Math.abs(value * 10 ** d))) return d;
  return max;
}

/**
 * Decimals a value of `column` is shown with (money and integer: none; percent and decimal: the
 * column's; number: as needed, or `fixed` — the row's decimals for the column — when given).
 */
export function cellDecimals(value: number, column: Pick<TableColumn, 'format' | 'decimals'>, fixed?: number): number {
  const max = column.decimals ?? 2;
  switch (column.format) {
    case 'money':
    case 'integer':
      return 0;
    case 'decimal':
    case 'percent':
      return max;
    default:
      return fixed ?? decimalsOf(value, max);
  }
}

/** The value as shown: rounded to its decimals, -0 made 0 (what Excel's cached value should hold). */
export function shownNumber(value: number, column: Pick<TableColumn, 'format' | 'decimals'>, fixed?: number): number {
  const r = roundTo(value, cellDecimals(value, column, fixed));
  return r === 0 ? 0 : r;
}

/** Cell text: numbers by the column format ("5.810.810", "1,5", "45,60"), zero as "-", strings as given, null empty. */
export function formatCell(value: string | number | null, column: Pick<TableColumn, 'format' | 'decimals'>, fixed?: number): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  switch (column.format) {
    case 'money':
      return formatMoney(value);
    case 'integer':
    case 'number':
    case 'decimal':
    case 'percent': {
      const shown = shownNumber(value, column, fixed);
      if (shown === 0) return '-';
      const decimals = cellDecimals(value, column, fixed);
      return column.format === 'percent' ? formatPercent(shown, decimals) : formatNumber(shown, decimals);
    }
    case 'text':
    case 'center':
      return formatNumber(value, Number.isInteger(value) ? 0 : (column.decimals ?? 2));
  }
}

/**
 * The Excel number format showing `decimals` decimals with thousands separators and zero as
 * "-" (`#,##0.0;-#,##0.0;"-"`): the cell stays a number Excel can add up. Excel shows the
 * viewer's separators (1.234,5 on Vietnamese Windows).
 */
export function excelNumberFormat(decimals: number, opts: { signed?: boolean } = {}): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  const body = d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
  return opts.signed === true ? `+${body};-${body};"-"` : `${body};-${body};"-"`;
}

/** The Excel format of a number of `column` (null: the column shows text). */
export function excelCellFormat(value: number, column: Pick<TableColumn, 'format' | 'decimals'>, fixed?: number): string | null {
  if (!isNumeric(column)) return null;
  return excelNumberFormat(cellDecimals(value, column, fixed));
}
