/**
 * What the page reads of the two folders it shares with the command line, fenced: every folder or
 * file a request names is resolved through realpath and refused (null) unless it stays inside its
 * root — input/ for plans, rounds and the files agencies sent, output/ for what baocao wrote.
 */
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { PLAN_FILE } from '../model/sheets.js';
import { listRoundFiles } from './list.js';
import { emptyUploads, uploadsSchema, UPLOADS_RECORD, type UploadsRecord } from '../model/uploads.js';

/** What baocao wrote in an output folder (write stage), read to serve only those files. */
const MANIFEST = '.baocao-manifest.json';
const manifestSchema = z.object({ files: z.record(z.string(), z.unknown()) });
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f]/;

/** True when `child` is `root` or inside it (both absolute and resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** One folder name: no separator, not hidden, not "." or "..", no control characters. */
export function isFolderName(id: string): boolean {
  return id.length > 0 && id.length <= 200 && !/[\\/]/.test(id) && !id.startsWith('.') && !INVISIBLE.test(id);
}

/** The real path of a folder (made absolute); throws when it does not exist. */
export function realFolder(path: string): Promise<string> {
  return realpath(resolve(path));
}

/** The real folder root/<parts…> when each part is a folder name and it really is inside root; else null. */
export async function folderIn(root: string, parts: readonly string[]): Promise<string | null> {
  if (!parts.every(isFolderName)) return null;
  const path = join(root, ...parts);
  try {
    const real = await realpath(path);
    if (real !== path || !isInside(root, real)) return null;
    return (await stat(real)).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

/** True when the deepest existing folder of `path` is really inside `root` (what is missing would be created there). */
export async function staysIn(root: string, path: string): Promise<boolean> {
  for (let p = path; isInside(root, p); p = dirname(p)) {
    const real = await realpath(p).catch(() => null);
    if (real !== null) return isInside(root, real);
    if (p === root) return false;
  }
  return false;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** Visible sub-folders of `dir` (folder names only), sorted. */
export async function subFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && isFolderName(e.name)).map((e) => e.name);
}

/** The plan folders under the input root (those holding ke-hoach.xlsx), by name. */
export async function planFolders(inputRoot: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await subFolders(inputRoot)) if (await isFile(join(inputRoot, name, PLAN_FILE))) out.push(name);
  return out.sort((a, b) => a.localeCompare(b, 'vi'));
}

/** input/<planId> when it is a real plan folder inside the input root; else null. */
export async function planFolder(inputRoot: string, planId: string): Promise<string | null> {
  const dir = await folderIn(inputRoot, [planId]);
  return dir && (await isFile(join(dir, PLAN_FILE))) ? dir : null;
}

/** Size, time and inode of a plan's ke-hoach.xlsx: changes when the plan is replaced or edited. */
export async function planStamp(planDir: string): Promise<string> {
  return stat(join(planDir, PLAN_FILE)).then((s) => `${s.size}:${s.mtimeMs}:${s.ino}`, () => '-');
}

/** Files of a round folder as the command line sees them (visible regular files), with size and time. */
export async function roundFileList(roundDir: string): Promise<{ name: string; size: number; mtimeMs: number }[]> {
  const out: { name: string; size: number; mtimeMs: number }[] = [];
  for (const e of await readdir(roundDir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || !(e.isFile() || e.isSymbolicLink())) continue;
    const st = await stat(join(roundDir, e.name)).catch(() => null);
    if (st?.isFile()) out.push({ name: e.name, size: st.size, mtimeMs: st.mtimeMs });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The plan workbook's stamp, one line per input of the round (as the check lists them) and one per
 * workbook a lock file says is open: changes when anything a check reads or says changes.
 */
export async function roundSignature(planDir: string, roundDir: string): Promise<string> {
  const { files, open } = await listRoundFiles(roundDir).catch(() => ({ files: [] as string[], open: [] }));
  const lines = await Promise.all(files.map(async (name) => stat(join(roundDir, name)).then((st) => `${name}:${st.size}:${st.mtimeMs}`, () => `${name}:-`)));
  return [await planStamp(planDir), ...lines, ...open.map((o) => `open:${o.file}`)].join('\n');
}

/** Size and time of a file (null when missing). */
export async function fileStamp(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  return stat(path).then((s) => ({ size: s.size, mtimeMs: s.mtimeMs }), () => null);
}

/** The uploads record of a round's output folder; empty when missing or not parseable (only display names are lost). */
export async function readUploads(outDir: string): Promise<UploadsRecord> {
  try {
    const parsed = uploadsSchema.safeParse(JSON.parse(await readFile(join(outDir, UPLOADS_RECORD), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or unreadable.
  }
  return emptyUploads();
}

/** Names listed in an output folder's manifest (what baocao wrote there). */
export async function manifestNames(dir: string): Promise<Set<string>> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')));
    return new Set(parsed.success ? Object.keys(parsed.data.files) : []);
  } catch {
    return new Set();
  }
}

/** `path` when it is a regular file (not a link) whose real path is inside `root`; else null. */
export async function realFileIn(root: string, path: string): Promise<string | null> {
  try {
    if (!(await lstat(path)).isFile()) return null;
    const real = await realpath(path);
    return isInside(root, real) ? real : null;
  } catch {
    return null;
  }
}

/** Names of the entries of a folder ([] when it cannot be read). */
export async function entryNames(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/** The bytes of a file the caller has fenced (realFileIn, planFolder…). */
export async function fileBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

/** File beside the bundle's modules naming the exact code built (scripts/bundle.ts). */
export const CODE_STAMP_FILE = '.code-stamp';

/**
 * What identifies the running code, for outputs reused across runs (render/outputs.ts): the
 * stamp scripts/bundle.ts writes beside the bundle (a hash of its files); null when baocao runs
 * from the compiled files or the sources, which have none (nothing is then reused across runs).
 */
export async function codeStamp(): Promise<string | null> {
  try {
    const text = (await readFile(join(dirname(fileURLToPath(import.meta.url)), CODE_STAMP_FILE), 'utf8')).trim();
    return /^[0-9a-f]{64}$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** The page's three files: web/ beside src/ (sources, tests), two levels above dist/bundle or three above dist/src/read. */
export async function readPageAssets(): Promise<{ readonly html: string; readonly script: string; readonly style: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [resolve(here, '..', '..', 'web'), resolve(here, '..', '..', '..', 'web')]) {
    if (!(await isFile(join(dir, 'index.html')))) continue;
    return {
      html: await readFile(join(dir, 'index.html'), 'utf8'),
      script: await readFile(join(dir, 'app.js'), 'utf8'),
      style: await readFile(join(dir, 'style.css'), 'utf8'),
    };
  }
  throw new Error('Không tìm thấy thư mục web/ (trang của baocao). Hãy tải lại mã nguồn baocao đầy đủ.');
}
