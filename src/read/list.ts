/**
 * The candidate input files of a round folder (lock, temp, hidden and OS files set aside).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoText } from './errno.js';

/** Why a file name in a round folder is not an input, or null when it is a candidate. */
export type IgnoreReason = 'lock' | 'temp' | 'hidden' | 'system';

/** Classifies names that are never agency inputs: Office/LibreOffice locks, temp files, hidden and OS files. */
export function ignoreReason(name: string): IgnoreReason | null {
  const lower = name.toLowerCase();
  if (name.startsWith('~$') || (name.startsWith('.~lock.') && name.endsWith('#'))) return 'lock';
  if (lower.endsWith('.tmp')) return 'temp';
  if (name.startsWith('.')) return 'hidden';
  if (lower === 'thumbs.db' || lower === 'desktop.ini') return 'system';
  return null;
}

/**
 * Lists the candidate input files of a round folder (not recursive), sorted by name.
 * Lock, temp, hidden and OS files go to `ignored`; anything else is a candidate, and
 * readWorkbookFile reports the ones that are not workbooks.
 */
export async function listRoundFiles(dir: string): Promise<{ files: string[]; ignored: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new Error(`Không đọc được thư mục đợt báo cáo "${dir}": ${errnoText(err)}.`, { cause: err });
  }
  const files: string[] = [];
  const ignored: string[] = [];
  for (const e of entries) {
    let isFile = e.isFile();
    if (e.isSymbolicLink()) isFile = await stat(join(dir, e.name)).then((s) => s.isFile(), () => false);
    if (!isFile) continue;
    (ignoreReason(e.name) === null ? files : ignored).push(e.name);
  }
  const byName = (a: string, b: string): number => a.localeCompare(b, 'vi') || (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byName), ignored: ignored.sort(byName) };
}

