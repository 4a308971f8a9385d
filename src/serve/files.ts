/**
 * The page's view of the two folders it shares with the command line: input/ (plans, rounds,
 * the files agencies sent) and output/ (what baocao wrote). Every path a request names is
 * resolved here, through realpath, and refused unless it stays inside its root; uploads are
 * saved under names baocao chooses, never overwrite, and are recorded with their original name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, readFile, readdir, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { PLAN_FILE } from '../model/sheets.js';
import { isFolderId, safeUploadName, uniqueName } from './names.js';

/** Where the page keeps the original names of uploaded files (in the round's output folder). */
export const UPLOADS_RECORD = '.baocao-uploads.json';
/** What baocao wrote in an output folder (write stage); read here to serve only those files. */
const MANIFEST = '.baocao-manifest.json';
/** Earlier plan workbooks replaced from the page, kept (hidden: not a round) in the plan folder. */
export const OLD_PLANS_DIR = '.ke-hoach-cu';

const uploadsSchema = z.object({
  version: z.literal(1),
  files: z.record(
    z.string(),
    z.object({ original: z.string(), uploadedAt: z.string(), size: z.number(), sha256: z.string() }),
  ),
});
export type UploadsRecord = z.infer<typeof uploadsSchema>;

const manifestSchema = z.object({ files: z.record(z.string(), z.unknown()) });

/** True when `child` is `root` or inside it (both absolute and resolved). */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Writes bytes through a temporary file and a rename in the same folder. */
async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export interface RoundPaths {
  readonly planId: string;
  readonly roundId: string;
  readonly planDir: string;
  readonly roundDir: string;
  /** output/<plan>/<round>, as the command line writes it. */
  readonly outDir: string;
}

export interface SavedUpload {
  readonly original: string;
  readonly saved: string;
  readonly size: number;
  /** Modification time of the saved file (with its size: proof that it is still the file written). */
  readonly mtimeMs: number;
}

/** The input and output roots of one server, and every disk access a request can cause. */
export class Workspace {
  private constructor(
    readonly inputRoot: string,
    readonly outputRoot: string,
  ) {}

  /** Opens (creating when missing) the two roots; their real paths are the fences. */
  static async open(input: string, output: string): Promise<Workspace> {
    await mkdir(resolve(input), { recursive: true });
    await mkdir(resolve(output), { recursive: true });
    return new Workspace(await realpath(resolve(input)), await realpath(resolve(output)));
  }

  /** A real, existing folder under `root` named by `parts`, or null when a name is unsafe or the path leaves the root. */
  private async folderIn(root: string, parts: readonly string[]): Promise<string | null> {
    if (!parts.every(isFolderId)) return null;
    const path = join(root, ...parts);
    try {
      const real = await realpath(path);
      if (real !== path || !inside(root, real)) return null;
      return (await stat(real)).isDirectory() ? real : null;
    } catch {
      return null;
    }
  }

  /** The plan folders under input/ (those holding ke-hoach.xlsx), by name. */
  async planIds(): Promise<string[]> {
    const out: string[] = [];
    for (const e of await readdir(this.inputRoot, { withFileTypes: true })) {
      if (!e.isDirectory() || !isFolderId(e.name)) continue;
      if (await stat(join(this.inputRoot, e.name, PLAN_FILE)).then((s) => s.isFile(), () => false)) out.push(e.name);
    }
    return out.sort((a, b) => a.localeCompare(b, 'vi'));
  }

  async planDir(planId: string): Promise<string | null> {
    const dir = await this.folderIn(this.inputRoot, [planId]);
    if (!dir) return null;
    return (await stat(join(dir, PLAN_FILE)).then((s) => s.isFile(), () => false)) ? dir : null;
  }

  /** The round folders of a plan (visible sub-folders), by name. */
  async roundIds(planId: string): Promise<string[]> {
    const dir = await this.planDir(planId);
    if (!dir) return [];
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isFolderId(e.name))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
  }

  async round(planId: string, roundId: string): Promise<RoundPaths | null> {
    const planDir = await this.planDir(planId);
    if (!planDir) return null;
    const roundDir = await this.folderIn(this.inputRoot, [planId, roundId]);
    if (!roundDir) return null;
    const outDir = join(this.outputRoot, planId, roundId);
    // output/<plan>/<round> (or the part of it that exists) must really be inside output/: not a link out.
    if (!(await this.staysIn(this.outputRoot, outDir))) return null;
    return { planId, roundId, planDir, roundDir, outDir };
  }

  /** True when the deepest existing folder of `path` is really inside `root` (what is missing is created there). */
  private async staysIn(root: string, path: string): Promise<boolean> {
    for (let p = path; inside(root, p); p = dirname(p)) {
      const real = await realpath(p).catch(() => null);
      if (real !== null) return inside(root, real);
      if (p === root) return false;
    }
    return false;
  }

  /** Creates input/<plan>/<round> (a name from names.roundFolderName); false when the plan is unknown. */
  async createRound(planId: string, roundId: string): Promise<RoundPaths | null> {
    const planDir = await this.planDir(planId);
    if (!planDir || !isFolderId(roundId)) return null;
    await mkdir(join(planDir, roundId), { recursive: true });
    return this.round(planId, roundId);
  }

  /**
   * Creates input/<planId>/ with its ke-hoach.xlsx; 'exists' when the folder is already there.
   * `planId` comes from names.planFolderName.
   */
  async createPlan(planId: string, bytes: Uint8Array): Promise<'created' | 'exists' | 'invalid'> {
    if (!isFolderId(planId)) return 'invalid';
    const dir = join(this.inputRoot, planId);
    try {
      await mkdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw err;
    }
    await writeFileAtomic(join(dir, PLAN_FILE), bytes);
    return 'created';
  }

  /** Replaces a plan's ke-hoach.xlsx; the previous one is kept in <plan>/.ke-hoach-cu/. */
  async replacePlan(planId: string, bytes: Uint8Array, now = new Date()): Promise<boolean> {
    const dir = await this.planDir(planId);
    if (!dir) return false;
    const old = join(dir, OLD_PLANS_DIR);
    await mkdir(old, { recursive: true });
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');
    const kept = uniqueName(`ke-hoach-${stamp}.xlsx`, await readdir(old));
    await writeFileAtomic(join(old, kept), await readFile(join(dir, PLAN_FILE)));
    await writeFileAtomic(join(dir, PLAN_FILE), bytes);
    return true;
  }

  /** Files of a round folder as the command line sees them (visible regular files), with size and time. */
  async roundFiles(r: RoundPaths): Promise<{ name: string; size: number; mtimeMs: number }[]> {
    const out: { name: string; size: number; mtimeMs: number }[] = [];
    for (const e of await readdir(r.roundDir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || !(e.isFile() || e.isSymbolicLink())) continue;
      const st = await stat(join(r.roundDir, e.name)).catch(() => null);
      if (st?.isFile()) out.push({ name: e.name, size: st.size, mtimeMs: st.mtimeMs });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Size, time and inode of a plan's ke-hoach.xlsx: changes when the plan is replaced or edited. */
  async planStamp(planDir: string): Promise<string> {
    return stat(join(planDir, PLAN_FILE)).then((s) => `${s.size}:${s.mtimeMs}:${s.ino}`, () => '-');
  }

  /** One line per file and the plan workbook's time: changes when anything the check reads changes. */
  async signature(r: RoundPaths): Promise<string> {
    const plan = await stat(join(r.planDir, PLAN_FILE)).then((s) => `${s.size}:${s.mtimeMs}`, () => '-');
    const files = await this.roundFiles(r).catch(() => []);
    return [plan, ...files.map((f) => `${f.name}:${f.size}:${f.mtimeMs}`)].join('\n');
  }

  async uploads(r: RoundPaths): Promise<UploadsRecord> {
    try {
      const parsed = uploadsSchema.safeParse(JSON.parse(await readFile(join(r.outDir, UPLOADS_RECORD), 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: only display names are lost.
    }
    return { version: 1, files: {} };
  }

  /**
   * Saves uploaded workbooks into the round folder under names baocao chooses (safe, unique,
   * never over an existing file) and records their original names. Files whose name is not a
   * workbook's are refused with a reason.
   */
  async saveUploads(
    r: RoundPaths,
    files: readonly { filename: string; bytes: Uint8Array }[],
    now = new Date(),
  ): Promise<{ saved: SavedUpload[]; refused: { original: string; reason: string }[] }> {
    const saved: SavedUpload[] = [];
    const refused: { original: string; reason: string }[] = [];
    const record = await this.uploads(r);
    for (const f of files) {
      const original = f.filename.normalize('NFC').slice(0, 500);
      const safe = safeUploadName(f.filename);
      if (!safe.ok) {
        refused.push({ original, reason: safe.reason });
        continue;
      }
      const name = await this.writeNew(r.roundDir, safe.name, f.bytes);
      record.files[name] = { original, uploadedAt: now.toISOString(), size: f.bytes.byteLength, sha256: createHash('sha256').update(f.bytes).digest('hex') };
      const st = await stat(join(r.roundDir, name));
      saved.push({ original, saved: name, size: st.size, mtimeMs: st.mtimeMs });
    }
    if (saved.length > 0) {
      await mkdir(r.outDir, { recursive: true });
      await writeFileAtomic(join(r.outDir, UPLOADS_RECORD), new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
    }
    return { saved, refused };
  }

  /** Writes bytes under `wanted` (or "wanted (2)"…) in dir without ever replacing a file: a hard link refuses an existing name. */
  private async writeNew(dir: string, wanted: string, bytes: Uint8Array): Promise<string> {
    const tmp = join(dir, `.baocao-upload.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const name = uniqueName(wanted, await readdir(dir));
        const target = join(dir, name);
        if (dirname(target) !== dir) throw new Error(`unsafe upload name ${name}`);
        try {
          await link(tmp, target);
          return name;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') continue;
          // File systems without hard links: check, then rename (a race here only loses to a file created in the same instant).
          if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
            if (await lstat(target).then(() => true, () => false)) continue;
            await rename(tmp, target);
            return name;
          }
          throw err;
        }
      }
      throw new Error('no free name for the upload');
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  /**
   * The path of a file baocao wrote in a round's output folder (listed in the folder's manifest,
   * or in `alsoWritten`: the paths of this session's runs), a regular file inside output/; else null.
   */
  async outputFile(r: RoundPaths, name: string, alsoWritten: ReadonlySet<string> = new Set()): Promise<string | null> {
    const parts = name.split('/');
    if (parts.length > 2 || !parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.startsWith('.') && !p.includes('\\'))) return null;
    const path = join(r.outDir, ...parts);
    if (!inside(r.outDir, path)) return null;
    // The round folder's manifest names "kiem-tra.xlsx", "tra-lai/<file>"; bieu-mau/ has its own.
    const [folder, file] = parts;
    const listed =
      alsoWritten.has(path) ||
      (await this.manifestNames(r.outDir)).has(name) ||
      (file !== undefined && folder !== undefined && (await this.manifestNames(join(r.outDir, folder))).has(file));
    if (!listed) return null;
    return this.realFileIn(this.outputRoot, path);
  }

  /** Names listed in an output folder's manifest. */
  async manifestNames(dir: string): Promise<Set<string>> {
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')));
      return new Set(parsed.success ? Object.keys(parsed.data.files) : []);
    } catch {
      return new Set();
    }
  }

  /** `path` when it is a regular file (not a link) whose real path is inside `root`; else null. */
  async realFileIn(root: string, path: string): Promise<string | null> {
    try {
      const st = await lstat(path);
      if (!st.isFile()) return null;
      const real = await realpath(path);
      return inside(root, real) ? real : null;
    } catch {
      return null;
    }
  }

  /** A folder for scratch work inside output/ (LibreOffice's profile and PDF), removed by the caller. */
  async scratch(r: RoundPaths): Promise<string> {
    const dir = join(r.outDir, `.baocao-tmp-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }
}
