/**
 * Converts a legacy .xls to .xlsx with LibreOffice (read/soffice.ts), working only on a private
 * copy in a temp folder so the agency's folder is never touched.
 */

import { searchPath } from '../lib/host.js';
import { locateSoffice, runSoffice, type ConvertResult } from './soffice.js';

export type { ConvertResult } from './soffice.js';

let cachedSoffice: Promise<string | null> | undefined;

/** Finds `soffice` once per process (PATH, then the usual install places); null when LibreOffice is not installed. */
export function findSoffice(): Promise<string | null> {
  cachedSoffice ??= locateSoffice(searchPath());
  return cachedSoffice;
}

/**
 * Runs `soffice --convert-to xlsx` on a copy of the bytes; the temp folder is always removed.
 * The input filter is forced: otherwise LibreOffice "succeeds" on a broken .xls by importing
 * its bytes as text, and garbage would pass for a workbook.
 */
export async function convertXlsToXlsx(
  soffice: string,
  bytes: Uint8Array,
  timeoutMs: number,
  biff: 'biff8' | 'biff5' = 'biff8',
): Promise<ConvertResult> {
  const r = await runSoffice(soffice, {
    bytes,
    name: 'input.xls',
    convertTo: 'xlsx',
    outputExt: '.xlsx',
    infilter: biff === 'biff8' ? 'MS Excel 97' : 'MS Excel 95',
    timeoutMs,
  });
  return r.ok ? r : { ok: false, detail: r.timedOut ? `timed out after ${timeoutMs} ms` : r.detail };
}
