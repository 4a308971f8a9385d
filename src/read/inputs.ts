/**
 * Locating inputs on disk: plan folders, round folders, the plan workbook and the
 * editable templates. Part of the read stage (only read and write touch the disk).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAN_FILE } from '../model/sheets.js';
import { readRoundName, ROUND_NAME_EXAMPLES } from '../model/round.js';
import {
  APPENDIX_LAYOUT_KINDS,
  appendixLayoutFile,
  PLAN_TEMPLATE_DIR,
  WORD_REPORT_TEMPLATE,
  type AppendixLayoutKind,
  type LayoutFile,
  type TemplateSet,
  type WordTemplateFile,
} from '../model/templates.js';
import { inflateEntry, scanZip } from './zip.js';

/** A sub-folder a command passed over, and why, in Vietnamese (every one is named to the user). */
export interface SkippedFolder {
  readonly dir: string;
  readonly reason: string;
  /**
   * Spreadsheet files (.xlsx, .xls…) in it or, for a folder of plans, in its direct sub-folders:
   * data nobody read. A run over plans that passes over such a folder exits 2 (README: exit codes).
   */
  readonly workbooks: number;
}

/** Folders baocao itself writes (forms, copies sent back, outputs): passed over as such, not as misnamed rounds. */
const OUTPUT_FOLDERS: ReadonlySet<string> = new Set(['bieu-mau', 'tra-lai', 'output']);
const SPREADSHEET = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;

/** Spreadsheet files in a folder and, `depth` levels down, its sub-folders (lock files and hidden names aside). */
async function countWorkbooks(dir: string, depth: number): Promise<number> {
  let n = 0;
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith('~$') || e.name.startsWith('.')) continue;
      if (e.isDirectory()) n += depth > 0 ? await countWorkbooks(join(dir, e.name), depth - 1) : 0;
      else if (SPREADSHEET.test(e.name)) n++;
    }
  } catch {
    // An unreadable folder holds nothing baocao could have read.
  }
  return n;
}

/**
 * Visible sub-folders of a round folder: never read (an agency's files must sit directly in the
 * round folder), so each is named — with the workbooks it holds, which were not checked.
 */
export async function nestedFolders(roundDir: string): Promise<SkippedFolder[]> {
  const out: SkippedFolder[] = [];
  for (const dir of await subFolders(roundDir).catch(() => [])) {
    const workbooks = await countWorkbooks(dir, 1);
    out.push({
      dir,
      workbooks,
      reason: `baocao chỉ đọc các tệp nằm ngay trong thư mục đợt, không đọc thư mục con${workbooks > 0 ? `; ${workbooks} tệp Excel trong đó chưa được kiểm tra (nếu là báo cáo của cơ quan, chép ra thẳng thư mục đợt)` : ''}`,
    });
  }
  return out;
}

/** The rounds of a plan folder, and its other sub-folders. */
export interface PlanFolders {
  readonly planDir: string;
  readonly roundDirs: readonly string[];
  readonly skipped: readonly SkippedFolder[];
}

export type Target =
  | { readonly kind: 'round'; readonly planDir: string; readonly roundDir: string }
  | ({ readonly kind: 'plan' } & PlanFolders)
  | { readonly kind: 'root'; readonly plans: readonly PlanFolders[]; readonly skipped: readonly SkippedFolder[] }
  | { readonly kind: 'none'; readonly reason: string };

/** Name of the folder, inside a plan folder, for the plan's own templates (not a round). */
export const TEMPLATE_DIR = PLAN_TEMPLATE_DIR;

/** The message refusing a round folder whose name names no period baocao knows. */
export function unknownRoundReason(dir: string): string {
  return (
    `Không hiểu tên thư mục đợt báo cáo "${basename(dir)}": tên thư mục phải cho biết kỳ báo cáo. ` +
    `Đổi tên thư mục theo một trong các cách viết sau (có dấu hay không dấu, chữ hoa hay thường đều được): ${ROUND_NAME_EXAMPLES.join('; ')}.`
  );
}

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

/** Visible sub-folders of a folder, sorted. */
async function subFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .sort((a, b) => a.localeCompare(b));
}

/** Sub-folders of a plan folder whose names are rounds baocao understands. */
export async function listRoundDirs(planDir: string): Promise<readonly string[]> {
  return (await planFolders(planDir)).roundDirs;
}

/** The rounds of a plan folder, and the other sub-folders with the reason each is not a round. */
export async function planFolders(planDir: string): Promise<PlanFolders> {
  const roundDirs: string[] = [];
  const skipped: SkippedFolder[] = [];
  for (const dir of await subFolders(planDir)) {
    const name = basename(dir);
    if (readRoundName(name)) roundDirs.push(dir);
    else if (name.toLowerCase() === TEMPLATE_DIR) skipped.push({ dir, reason: 'thư mục mẫu văn bản của kế hoạch, không phải đợt báo cáo', workbooks: 0 });
    else if (OUTPUT_FOLDERS.has(name.toLowerCase())) skipped.push({ dir, reason: 'thư mục do baocao tạo (biểu mẫu, bản sao trả lại, kết quả), không phải đợt báo cáo', workbooks: 0 });
    else {
      const workbooks = await countWorkbooks(dir, 0);
      skipped.push({
        dir,
        workbooks,
        reason: `tên thư mục không cho biết kỳ báo cáo (đổi tên, ví dụ "2026-Q3", "Quý III năm 2026", "Năm 2026", "Du toan")${workbooks > 0 ? `; ${workbooks} tệp Excel trong đó CHƯA được kiểm tra, tổng hợp` : ''}`,
      });
    }
  }
  return { planDir, roundDirs, skipped };
}

/**
 * Decides what a folder given on the command line is: a round (its parent holds
 * ke-hoach.xlsx), a plan (it holds ke-hoach.xlsx), or a folder of plans (like input/).
 */
export async function resolveTarget(dir: string): Promise<Target> {
  const abs = resolve(dir);
  if (!(await isDir(abs))) return { kind: 'none', reason: `Không tìm thấy thư mục "${dir}".` };
  if (await isFile(join(abs, PLAN_FILE))) return { kind: 'plan', ...(await planFolders(abs)) };
  if (await isFile(join(dirname(abs), PLAN_FILE))) {
    // A round folder must name its period: an unknown name is refused, never built as an empty report.
    if (!readRoundName(basename(abs))) return { kind: 'none', reason: unknownRoundReason(abs) };
    return { kind: 'round', planDir: dirname(abs), roundDir: abs };
  }
  const plans: PlanFolders[] = [];
  const skipped: SkippedFolder[] = [];
  for (const sub of await subFolders(abs)) {
    if (await isFile(join(sub, PLAN_FILE))) plans.push(await planFolders(sub));
    else if (OUTPUT_FOLDERS.has(basename(sub).toLowerCase())) skipped.push({ dir: sub, reason: 'thư mục do baocao tạo (kết quả), không phải thư mục kế hoạch', workbooks: 0 });
    else {
      const workbooks = await countWorkbooks(sub, 1);
      skipped.push({
        dir: sub,
        workbooks,
        reason: `không có tệp ${PLAN_FILE} nên không phải thư mục kế hoạch (đặt tệp ${PLAN_FILE} vào thư mục nếu đây là một kế hoạch)${workbooks > 0 ? `; ${workbooks} tệp Excel trong đó CHƯA được kiểm tra, tổng hợp` : ''}`,
      });
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
  const layouts: Partial<Record<AppendixLayoutKind, LayoutFile>> = {};
  for (const kind of APPENDIX_LAYOUT_KINDS) {
    const file = appendixLayoutFile(kind);
    const path = join(base, file);
    try {
      layouts[kind] = layoutFile(`templates/${file}`, await readFile(path));
    } catch (err) {
      throw new Error(`Không đọc được mẫu ${path}. Khôi phục tệp mẫu từ bản gốc của baocao.`, { cause: err });
    }
  }
  const report = await readWordTemplate(`templates/${WORD_REPORT_TEMPLATE}`, join(base, WORD_REPORT_TEMPLATE));
  if ('unreadable' in report) throw new Error(`Không đọc được mẫu ${join(base, WORD_REPORT_TEMPLATE)}: ${report.unreadable} Khôi phục tệp mẫu từ bản gốc của baocao.`);
  return {
    report,
    appendixLayouts: layouts as Record<AppendixLayoutKind, LayoutFile>,
  };
}

/** An appendix layout is a few dozen KB; a file larger than this is not one. */
const LAYOUT_MAX_BYTES = 20 * 1024 * 1024;

function layoutFile(name: string, bytes: Uint8Array): LayoutFile {
  if (bytes.byteLength > LAYOUT_MAX_BYTES) return { name, unreadable: 'tệp quá lớn (hơn 20 MB) — không phải một mẫu phụ lục bình thường. Lưu lại mẫu bằng Excel, bỏ các hình ảnh quá lớn.' };
  return { name, bytes };
}

/**
 * The plan's own appendix layouts, input/<plan>/mau/phu-luc-<kind>.xlsx (any letter case): each
 * replaces the default layout of its kind for that plan only.
 */
export async function readPlanAppendixLayouts(planDir: string): Promise<Partial<Record<AppendixLayoutKind, LayoutFile>>> {
  const folder = (await readdir(planDir, { withFileTypes: true }).catch(() => [])).find((e) => e.isDirectory() && e.name.toLowerCase() === PLAN_TEMPLATE_DIR);
  if (!folder) return {};
  const dir = join(planDir, folder.name);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Partial<Record<AppendixLayoutKind, LayoutFile>> = {};
  for (const kind of APPENDIX_LAYOUT_KINDS) {
    const file = names.find((n) => n.toLowerCase() === appendixLayoutFile(kind));
    if (!file) continue;
    const name = `${basename(planDir)}/${folder.name}/${file}`;
    try {
      out[kind] = layoutFile(name, await readFile(join(dir, file)));
    } catch (err) {
      out[kind] = { name, unreadable: `không đọc được tệp (${(err as NodeJS.ErrnoException).code ?? 'lỗi đọc'}). Đóng tệp trong Excel rồi chạy lại.` };
    }
  }
  return out;
}

async function firstExisting(paths: readonly string[]): Promise<string> {
  for (const p of paths) if (await isDir(p)) return p;
  return paths[0] ?? 'templates';
}

/** A part of a Word template larger than this is refused (a report template is a few hundred KB). */
const WORD_PART_MAX = 64 * 1024 * 1024;
/** Nor a template whose parts add up to more than this (a zip bomb). */
const WORD_TOTAL_MAX = 256 * 1024 * 1024;

/**
 * The plan's own Word report template, input/<plan>/mau/bao-cao.docx, unzipped into its parts;
 * null when the plan has none (the default report is used).
 */
export async function readPlanWordTemplate(planDir: string): Promise<WordTemplateFile | null> {
  const folder = (await readdir(planDir, { withFileTypes: true }).catch(() => [])).find((e) => e.isDirectory() && e.name.toLowerCase() === PLAN_TEMPLATE_DIR);
  if (!folder) return null;
  const dir = join(planDir, folder.name);
  const file = (await readdir(dir).catch(() => [] as string[])).find((n) => n.toLowerCase() === WORD_REPORT_TEMPLATE);
  if (!file) return null;
  return readWordTemplate(`${basename(planDir)}/${folder.name}/${file}`, join(dir, file));
}

/** A Word template file unzipped into its parts (sizes capped), or why it cannot be used. */
async function readWordTemplate(name: string, path: string): Promise<WordTemplateFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { name, unreadable: `không đọc được tệp (${(err as NodeJS.ErrnoException).code ?? 'lỗi đọc'}). Đóng tệp trong Word rồi chạy lại.` };
  }
  const scan = scanZip(bytes);
  if (!scan.ok) return { name, unreadable: 'tệp không phải văn bản Word .docx (hoặc bị hỏng). Mở bằng Word và lưu lại dạng "Word Document (*.docx)".' };
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of scan.entries) {
    if (e.name.endsWith('/')) continue;
    const data = inflateEntry(bytes, e, WORD_PART_MAX);
    if (!data) return { name, unreadable: `phần "${e.name}" của tệp bị hỏng hoặc quá lớn. Mở bằng Word và lưu lại.` };
    total += data.byteLength;
    if (total > WORD_TOTAL_MAX) return { name, unreadable: 'tệp mẫu giải nén ra quá lớn (hơn 256 MB) — không phải một mẫu báo cáo bình thường. Lưu lại mẫu bằng Word, bỏ các hình ảnh quá lớn.' };
    parts.set(e.name, data);
  }
  return { name, parts };
}
