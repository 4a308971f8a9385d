/**
 * Locating inputs on disk: plan folders, round folders, the plan workbook and the
 * editable templates. Part of the read stage (only read and write touch the disk).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAN_FILE } from '../model/sheets.js';
import type { TemplateSet } from '../model/templates.js';

export type Target =
  | { readonly kind: 'round'; readonly planDir: string; readonly roundDir: string }
  | { readonly kind: 'plan'; readonly planDir: string; readonly roundDirs: readonly string[] }
  | { readonly kind: 'root'; readonly plans: ReadonlyArray<{ planDir: string; roundDirs: readonly string[] }> }
  | { readonly kind: 'none'; readonly reason: string };

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

/** Sub-folders of a plan folder that are rounds (any visible folder). */
export async function listRoundDirs(planDir: string): Promise<string[]> {
  const entries = await readdir(planDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(planDir, e.name))
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Decides what a folder given on the command line is: a round (its parent holds
 * ke-hoach.xlsx), a plan (it holds ke-hoach.xlsx), or a folder of plans (like input/).
 */
export async function resolveTarget(dir: string): Promise<Target> {
  const abs = resolve(dir);
  if (!(await isDir(abs))) return { kind: 'none', reason: `Không tìm thấy thư mục "${dir}".` };
  if (await isFile(join(abs, PLAN_FILE))) return { kind: 'plan', planDir: abs, roundDirs: await listRoundDirs(abs) };
  if (await isFile(join(dirname(abs), PLAN_FILE))) return { kind: 'round', planDir: dirname(abs), roundDir: abs };
  const plans: { planDir: string; roundDirs: string[] }[] = [];
  for (const sub of await listRoundDirs(abs)) {
    if (await isFile(join(sub, PLAN_FILE))) plans.push({ planDir: sub, roundDirs: await listRoundDirs(sub) });
  }
  if (plans.length > 0) return { kind: 'root', plans };
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
