/**
 * exceljs, loaded on first use. Loading it takes ~0,2 s that most runs never need: the fast
 * reader (read/fast-xlsx/) reads ordinary workbooks without it, and worker threads that only
 * check files start without it.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

/** The exceljs module (loaded once). */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}

/** A new, empty exceljs workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJS();
  return new Workbook();
}
