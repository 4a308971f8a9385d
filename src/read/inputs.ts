/**
 * Locating inputs on disk: plan folders, round folders, the plan workbook and the
 * editable templates. Part of the read stage (only read and write touch the disk).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRoundName } from '../model/round.js';
import { PLAN_FILE } from '../model/sheets.js';
import type { TemplateSet } from '../render/templates.js';

export type Target =
  | { readonly kind: 'round'; readonly planDir: string; readonly roundDir: string }
  | { readonly kind: 'plan'; readonly planDir: string; readonly roundDirs: readonly string[]; readonly skipped: readonly SkippedFolder[] }
  | { readonly kind: 'root'; readonly plans: ReadonlyArray<{ planDir: string; roundDirs: readonly string[] }>; readonly skipped: readonly SkippedFolder[] }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Why a sub-folder was not processed: 'no-plan' (a folder of plans: no ke-hoach.xlsx in it),
 * 'not-round' (a plan folder: its name is no round baocao understands), 'hidden' (name starts
 * with "."), 'output' (a folder baocao writes: bieu-mau, tra-lai, output), 'nested' (a folder
 * inside a round folder: only the files directly in the round folder are read).
 */
export type SkipReason = 'no-plan' | 'not-round' | 'hidden' | 'output' | 'nested';

/** A sub-folder of a plan folder or of a folder of plans that no command processed, and why. */
export interface SkippedFolder {
  /** Absolute path. */
  readonly path: string;
  readonly reason: SkipReason;
  /** Spreadsheet files (.xlsx, .xls…) in it or in its direct sub-folders: data nobody read. */
  readonly workbooks: number;
}

/** Folders baocao itself writes, skipped without a second look. */
const OUTPUT_FOLDERS = new Set(['bieu-mau', 'tra-lai', 'output']);
const SPREADSHEET = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Sub-folders of a folder (following symbolic links), sorted by name. */
async function subFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() || (e.isSymbolicLink() && (await isDir(join(dir, e.name))))) out.push(e.name);
  }
  return out.sort((a, b) => a.localeCompare(b)).map((name) => join(dir, name));
}

/** Spreadsheet files in a folder and its direct sub-folders (a plan folder without its plan holds them one level down). */
async function countWorkbooks(dir: string, depth = 1): Promise<number> {
  let n = 0;
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith('~$') || e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (depth > 0) n += await countWorkbooks(join(dir, e.name), depth - 1);
      } else if (SPREADSHEET.test(e.name)) n++;
    }
  } catch {
    // An unreadable folder holds nothing baocao could have read.
  }
  return n;
}

/** Hidden and output folders, which are skipped under any parent; null for other names. */
function quietReason(name: string): SkipReason | null {
  if (name.startsWith('.')) return 'hidden';
  if (OUTPUT_FOLDERS.has(name.toLowerCase())) return 'output';
  return null;
}

/** A plan folder's sub-folders: the rounds (names baocao understands) and the others, with why they were skipped. */
export async function scanPlanFolder(planDir: string): Promise<{ rounds: string[]; skipped: SkippedFolder[] }> {
  const rounds: string[] = [];
  const skipped: SkippedFolder[] = [];
  for (const path of await subFolders(planDir)) {
    const name = basename(path);
    const quiet = quietReason(name);
    if (quiet) skipped.push({ path, reason: quiet, workbooks: 0 });
    else if (readRoundName(name) === null) skipped.push({ path, reason: 'not-round', workbooks: await countWorkbooks(path, 0) });
    else rounds.push(path);
  }
  return { rounds, skipped };
}

/** Visible sub-folders of a round folder, which are never read (an agency's files must sit directly in the round folder). */
export async function nestedFolders(roundDir: string): Promise<SkippedFolder[]> {
  const out: SkippedFolder[] = [];
  try {
    for (const path of await subFolders(roundDir)) {
      if (!basename(path).startsWith('.')) out.push({ path, reason: 'nested', workbooks: await countWorkbooks(path, 1) });
    }
  } catch {
    // The round folder itself is reported by the read stage.
  }
  return out;
}

/** Sub-folders of a plan folder that are rounds: visible folders whose name baocao understands as a round. */
export async function listRoundDirs(planDir: string): Promise<string[]> {
  return (await scanPlanFolder(planDir)).rounds;
}

/**
 * Decides what a folder given on the command line is: a round (its parent holds
 * ke-hoach.xlsx), a plan (it holds ke-hoach.xlsx), or a folder of plans (like input/).
 */
export async function resolveTarget(dir: string): Promise<Target> {
  const abs = resolve(dir);
  if (!(await isDir(abs))) return { kind: 'none', reason: `Không tìm thấy thư mục "${dir}".` };
  if (await isFile(join(abs, PLAN_FILE))) {
    const { rounds, skipped } = await scanPlanFolder(abs);
    return { kind: 'plan', planDir: abs, roundDirs: rounds, skipped };
  }
  if (await isFile(join(dirname(abs), PLAN_FILE))) return { kind: 'round', planDir: dirname(abs), roundDir: abs };
  const plans: { planDir: string; roundDirs: string[] }[] = [];
  const skipped: SkippedFolder[] = [];
  for (const sub of await subFolders(abs)) {
    const quiet = quietReason(basename(sub));
    if (quiet) {
      skipped.push({ path: sub, reason: quiet, workbooks: 0 });
    } else if (await isFile(join(sub, PLAN_FILE))) {
      const plan = await scanPlanFolder(sub);
      plans.push({ planDir: sub, roundDirs: plan.rounds });
      skipped.push(...plan.skipped);
    } else {
      skipped.push({ path: sub, reason: 'no-plan', workbooks: await countWorkbooks(sub, 1) });
    }
  }
  if (plans.length > 0) return { kind: 'root', plans, skipped };
  return {
    kind: 'none',
    reason: `Thư mục "${dir}" không phải thư mục kế hoạch (chứa ${PLAN_FILE}), thư mục đợt báo cáo (nằm trong thư mục kế hoạch) hay thư mục chứa các kế hoạch.`,
  };
}

/** Loads the editable templates; a missing file is an error naming it. */
export async function readTemplates(dir?: string): Promise<TemplateSet> {
  // templates/ sits beside src/ (tests, tsx) or two levels above dist/src/read (compiled).
  const here = dirname(fileURLToPath(import.meta.url));
  const base = dir ?? (await firstExisting([resolve(here, '..', '..', 'templates'), resolve(here, '..', '..', '..', 'templates')]));
  const load = async (file: string) => {
    const path = join(base, file);
    try {
      return { name: `templates/${file}`, text: await readFile(path, 'utf8') };
    } catch (err) {
      throw new Error(`Không đọc được mẫu ${path}. Khôi phục tệp mẫu từ bản gốc của baocao.`, { cause: err });
    }
  };
  return {
    report: await load('bao-cao.hbs'),
    summary: await load('bao-cao-trich-yeu.hbs'),
    appendices: await load('phu-luc.json'),
  };
}

async function firstExisting(paths: readonly string[]): Promise<string> {
  for (const p of paths) if (await isDir(p)) return p;
  return paths[0] ?? 'templates';
}
