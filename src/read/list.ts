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

/** A file of the folder that Excel (or LibreOffice, Word) holds open: its lock file beside it says so. */
export interface OpenFile {
  readonly file: string;
  readonly lock: string;
}

/**
 * The file a lock file stands for, among `files`, or null: Excel writes "~$" + the name
 * ("~$01-so-ngoai-vu.xlsx"), Word "~$" + the name without its first two characters, LibreOffice
 * ".~lock." + the name + "#". A lock whose file is not in the folder stands for nothing here.
 */
export function lockedFile(lock: string, files: ReadonlySet<string>): string | null {
  let rest: string;
  if (lock.startsWith('~$')) rest = lock.slice(2);
  else if (lock.startsWith('.~lock.') && lock.endsWith('#')) rest = lock.slice(7, -1);
  else return null;
  if (rest === '') return null;
  if (files.has(rest)) return rest;
  if (lock.startsWith('~$') && rest.length > 2) {
    const shortened = [...files].filter((f) => f.length === rest.length + 2 && f.endsWith(rest));
    if (shortened.length === 1) return shortened[0] ?? null;
  }
  return null;
}

/**
 * Lists the candidate input files of a round folder (not recursive), sorted by name.
 * Lock, temp, hidden and OS files go to `ignored`; anything else is a candidate, and
 * readWorkbookFile reports the ones that are not workbooks. `open`: the candidates a lock
 * file says are open in Excel or LibreOffice right now (what is not saved yet is not read).
 */
export async function listRoundFiles(dir: string): Promise<{ files: string[]; ignored: string[]; open: OpenFile[] }> {
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
  const candidates = new Set(files);
  const open: OpenFile[] = [];
  for (const lock of ignored) {
    if (ignoreReason(lock) !== 'lock') continue;
    const file = lockedFile(lock, candidates);
    if (file !== null && !open.some((o) => o.file === file)) open.push({ file, lock });
  }
  return { files: files.sort(byName), ignored: ignored.sort(byName), open: open.sort((a, b) => byName(a.file, b.file)) };
}

