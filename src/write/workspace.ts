/**
 * What the page writes into the two folders it shares with the command line: plan and round
 * folders, a replaced plan (the previous one kept), uploaded workbooks under names baocao chose —
 * never over an existing file — and the record of their original names. Paths come fenced from
 * the caller (read/workspace.ts); names from serve/names.ts.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, readFile, readdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { vnStamp } from '../model/deadline.js';
import { PLAN_FILE } from '../model/sheets.js';
import { UPLOADS_RECORD, type UploadsRecord } from '../model/uploads.js';
import { writeSyncedTemp } from './fs.js';

/** Bytes to `path` through a synced temporary file and a rename (write/index.ts's writeAtomic, without its manifest world). */
async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.baocao.tmp`);
  await writeSyncedTemp(tmp, bytes);
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new Error(`Không ghi được tệp ${path}`, { cause: err });
  }
}

/** Earlier plan workbooks replaced from the page, kept (hidden: not a round) in the plan folder. */
export const OLD_PLANS_DIR = '.ke-hoach-cu';

/** Creates a folder and its parents. */
export async function makeFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

/** Creates <root>/<name>/ with its ke-hoach.xlsx; 'exists' when the folder is already there. */
export async function createPlanFolder(root: string, name: string, bytes: Uint8Array): Promise<'created' | 'exists'> {
  const dir = join(root, name);
  try {
    await mkdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw err;
  }
  await writeAtomic(join(dir, PLAN_FILE), bytes);
  return 'created';
}

/** Replaces a plan folder's ke-hoach.xlsx; the previous one is kept as <plan>/.ke-hoach-cu/ke-hoach-<time>.xlsx. */
export async function replacePlanFile(planDir: string, bytes: Uint8Array, now = new Date()): Promise<void> {
  const old = join(planDir, OLD_PLANS_DIR);
  await mkdir(old, { recursive: true });
  const stamp = vnStamp(now);
  const taken = new Set((await readdir(old)).map((n) => n.toLowerCase()));
  let kept = `ke-hoach-${stamp}.xlsx`;
  for (let i = 2; taken.has(kept.toLowerCase()); i++) kept = `ke-hoach-${stamp} (${i}).xlsx`;
  await writeAtomic(join(old, kept), await readFile(join(planDir, PLAN_FILE)));
  await writeAtomic(join(planDir, PLAN_FILE), bytes);
}

/**
 * Writes bytes into `dir` under the first name `nameFor(taken)` gives that no file has, never
 * replacing one: written to a temporary file and synced, then hard-linked (which refuses an
 * existing name) — or, on a file system without links, renamed after a check. Returns the name.
 */
export async function writeNewFile(dir: string, nameFor: (taken: readonly string[]) => string, bytes: Uint8Array): Promise<string> {
  const tmp = join(dir, `.baocao-upload.${randomBytes(6).toString('hex')}.tmp`);
  await writeSyncedTemp(tmp, bytes);
  try {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = nameFor(await readdir(dir));
      const target = join(dir, name);
      if (dirname(target) !== dir) throw new Error(`unsafe file name ${name}`);
      try {
        await link(tmp, target);
        return name;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
          if (await lstat(target).then(() => true, () => false)) continue;
          await rename(tmp, target);
          return name;
        }
        throw err;
      }
    }
    throw new Error(`no free name in ${dir}`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Stores the uploads record in a round's output folder. */
export async function writeUploads(outDir: string, record: UploadsRecord): Promise<void> {
  await writeAtomic(join(outDir, UPLOADS_RECORD), new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
}

/** A new scratch folder inside `dir` (LibreOffice's profile and PDF); remove it with removeFolder. */
export async function makeScratch(dir: string): Promise<string> {
  const path = join(dir, `.baocao-tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(path, { recursive: true });
  return path;
}

export async function removeFolder(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
