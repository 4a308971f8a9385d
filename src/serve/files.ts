/**
 * The page's view of the two folders it shares with the command line: input/ (plans, rounds,
 * the files agencies sent) and output/ (what baocao wrote). Every path a request names is
 * resolved here (through the read stage's realpath fences) and refused unless it stays inside its
 * root; uploads are saved (write stage) under names baocao chooses, never over a file, and recorded
 * with their original name. No disk access of its own.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { UploadsRecord } from '../model/uploads.js';
import {
  fileStamp,
  folderIn,
  isFolderName,
  manifestNames,
  planFolder,
  workspacePlanFolders as planFolders,
  planStamp,
  readUploads,
  realFileIn,
  realFolder,
  roundFileList,
  roundSignature,
  staysIn,
  subFolders,
} from '../read/index.js';
import { createPlanFolder, makeFolder, makeScratch, replacePlanFile, writeNewFile, writeUploads } from '../write/index.js';
import { safeUploadName, uniqueName } from './names.js';

export type { UploadsRecord } from '../model/uploads.js';

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
    await makeFolder(input);
    await makeFolder(output);
    return new Workspace(await realFolder(input), await realFolder(output));
  }

  planIds(): Promise<string[]> {
    return planFolders(this.inputRoot);
  }

  planDir(planId: string): Promise<string | null> {
    return planFolder(this.inputRoot, planId);
  }

  planStamp(planDir: string): Promise<string> {
    return planStamp(planDir);
  }

  /** The round folders of a plan (visible sub-folders), by name. */
  async roundIds(planId: string): Promise<string[]> {
    const dir = await this.planDir(planId);
    return dir ? (await subFolders(dir)).sort((a, b) => a.localeCompare(b)) : [];
  }

  async round(planId: string, roundId: string): Promise<RoundPaths | null> {
    const planDir = await this.planDir(planId);
    if (!planDir) return null;
    const roundDir = await folderIn(this.inputRoot, [planId, roundId]);
    if (!roundDir) return null;
    const outDir = join(this.outputRoot, planId, roundId);
    // output/<plan>/<round> (or the part of it that exists) must really be inside output/: not a link out.
    if (!(await staysIn(this.outputRoot, outDir))) return null;
    return { planId, roundId, planDir, roundDir, outDir };
  }

  /** Creates input/<plan>/<round> (a name from names.roundFolderName); null when the plan is unknown. */
  async createRound(planId: string, roundId: string): Promise<RoundPaths | null> {
    const planDir = await this.planDir(planId);
    if (!planDir || !isFolderName(roundId)) return null;
    await makeFolder(join(planDir, roundId));
    return this.round(planId, roundId);
  }

  /** Creates input/<planId>/ with its ke-hoach.xlsx (`planId` from names.planFolderName). */
  async createPlan(planId: string, bytes: Uint8Array): Promise<'created' | 'exists' | 'invalid'> {
    if (!isFolderName(planId)) return 'invalid';
    return createPlanFolder(this.inputRoot, planId, bytes);
  }

  /** Replaces a plan's ke-hoach.xlsx; the previous one is kept in <plan>/.ke-hoach-cu/. */
  async replacePlan(planId: string, bytes: Uint8Array): Promise<boolean> {
    const dir = await this.planDir(planId);
    if (!dir) return false;
    await replacePlanFile(dir, bytes);
    return true;
  }

  roundFiles(r: RoundPaths): Promise<{ name: string; size: number; mtimeMs: number }[]> {
    return roundFileList(r.roundDir);
  }

  /** Changes when anything a check of the round reads changes. */
  signature(r: RoundPaths): Promise<string> {
    return roundSignature(r.planDir, r.roundDir);
  }

  uploads(r: RoundPaths): Promise<UploadsRecord> {
    return readUploads(r.outDir);
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
      const name = await writeNewFile(r.roundDir, (taken) => uniqueName(safe.name, taken), f.bytes);
      const st = await fileStamp(join(r.roundDir, name));
      record.files[name] = { original, uploadedAt: now.toISOString(), size: f.bytes.byteLength, sha256: createHash('sha256').update(f.bytes).digest('hex') };
      saved.push({ original, saved: name, size: st?.size ?? f.bytes.byteLength, mtimeMs: st?.mtimeMs ?? 0 });
    }
    if (saved.length > 0) {
      await makeFolder(r.outDir);
      await writeUploads(r.outDir, record);
    }
    return { saved, refused };
  }

  /**
   * The path of a file baocao wrote in a round's output folder (listed in the folder's manifest,
   * or in `alsoWritten`: the paths of this session's runs), a regular file inside output/; else null.
   */
  async outputFile(r: RoundPaths, name: string, alsoWritten: ReadonlySet<string> = new Set()): Promise<string | null> {
    const parts = name.split('/');
    if (parts.length > 2 || !parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.startsWith('.') && !p.includes('\\'))) return null;
    const path = join(r.outDir, ...parts);
    // The round folder's manifest names "kiem-tra.xlsx", "tra-lai/<file>"; bieu-mau/ has its own.
    const [folder, file] = parts;
    const listed =
      alsoWritten.has(path) ||
      (await manifestNames(r.outDir)).has(name) ||
      (file !== undefined && folder !== undefined && (await manifestNames(join(r.outDir, folder))).has(file));
    return listed ? realFileIn(this.outputRoot, path) : null;
  }

  manifestNames(dir: string): Promise<Set<string>> {
    return manifestNames(dir);
  }

  /** `path` when it is a regular file really inside `root`; else null. */
  realFileIn(root: string, path: string): Promise<string | null> {
    return realFileIn(root, path);
  }

  /** A scratch folder inside the round's output folder (LibreOffice's profile and PDF), removed by the caller. */
  async scratch(r: RoundPaths): Promise<string> {
    await makeFolder(r.outDir);
    return makeScratch(r.outDir);
  }
}
