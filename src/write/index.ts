/**
 * Write stage: artifacts → files, atomically (temporary file + rename, so a killed run leaves
 * the previous outputs intact), never over a file a person edited since baocao wrote it.
 * A manifest (.baocao-manifest.json) in each output folder remembers what baocao wrote.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, extname, join, basename } from 'node:path';
import { BaocaoError, FsError } from '../lib/env-errors.js';
import { processAlive, processId } from '../lib/host.js';
import { CACHE_DIR } from '../model/cache.js';
import { vnStamp } from '../model/deadline.js';
import type { Artifact } from '../model/document.js';
import { byteLength, fitFileName, NAME_MAX_BYTES, truncateBytes } from '../model/file-name.js';
import { MANIFEST_FILE, parseManifest, type Manifest, type ManifestEntry } from '../model/manifest.js';
import { contentKey } from './content-key.js';
import { ensureDir, fault, writeSyncedTemp } from './fs.js';

export { checkOutDir } from './fs.js';
export { OLD_PLANS_DIR, createPlanFolder, makeFolder, makeScratch, removeFolder, replacePlanFile, writeNewFile, writeUploads } from './workspace.js';
export { PREVIEW_DIR, PREVIEW_NAME, PREVIEW_PAGES, findOffice, previewPages, type Preview } from './preview.js';

export const MANIFEST = MANIFEST_FILE;
const LOCK = '.baocao.lock';

export interface WrittenFile {
  /** Artifact name (relative to the output folder). */
  readonly name: string;
  /** Absolute path actually written (or, when unchanged beside an edited file, the copy already there). */
  readonly path: string;
  /** True when the target had been edited by a person and the new file was written (or already is) beside it. */
  readonly besideEdited: boolean;
  /** True when the content was identical and nothing had to be written. */
  readonly unchanged: boolean;
}

/** Temporary files of writeAtomic: ".<name>.<pid>.<8 hex>.tmp". */
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
/** What a temporary name adds to the file's name: ".", ".<pid up to 7 digits>.<8 hex>.tmp". */
const TEMP_EXTRA_BYTES = 22;
/** A temporary file older than this was left by a run that was killed: no live run writes that long. */
const STALE_TEMP_MS = 60_000;
/** How long a run waits for another run's lock on the output folder. */
const LOCK_WAIT_MS = 60_000;
/** A lock older than this belongs to a run that was killed. */
const LOCK_STALE_MS = 120_000;
/** Times a stale lock is removed before giving up (another run keeps taking it: not a loop for ever). */
const LOCK_MAX_CLEARS = 20;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function renderKeyOf(artifact: Artifact): { renderKey?: string } {
  return artifact.renderKey === undefined ? {} : { renderKey: artifact.renderKey };
}

/**
 * The outputs of an earlier run still on disk exactly as baocao wrote them, with the keys they
 * were rendered from (Artifact.renderKey, recorded in the manifest): a run whose inputs give the
 * same key takes them as they are instead of rendering them again. A file edited by a person, or
 * whose writing was interrupted, is not among them.
 */
export async function keptOutputs(outDir: string): Promise<Map<string, { readonly key: string; readonly bytes: Uint8Array }>> {
  const kept = new Map<string, { readonly key: string; readonly bytes: Uint8Array }>();
  const manifest = await readManifest(outDir);
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (entry.renderKey === undefined || entry.pending !== undefined) continue;
    const bytes = await readFile(join(outDir, name)).catch(() => null);
    if (bytes && sha256(bytes) === entry.sha256) kept.set(name, { key: entry.renderKey, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  }
  return kept;
}

async function readManifest(dir: string): Promise<Manifest> {
  try {
    // Parsed, never cast: a damaged or foreign manifest is treated as empty (it is only a record).
    const parsed = parseManifest(await readFile(join(dir, MANIFEST), 'utf8'));
    if (parsed) return parsed;
  } catch {
    // Missing manifest: nothing written here yet.
  }
  return { version: 1, files: {} };
}

/**
 * Name of the temporary file of `target`, in the same folder; a long name is shortened so the
 * temporary name itself stays within 255 bytes.
 */
function tempPath(target: string): string {
  const base = fitFileName(basename(target), NAME_MAX_BYTES - TEMP_EXTRA_BYTES);
  return join(dirname(target), `.${base}.${processId}.${randomBytes(4).toString('hex')}.tmp`);
}

async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}

/**
 * Writes bytes to path through a temporary file in the same folder and a rename. On any
 * failure the temporary file is removed and an FsError naming `path` is thrown. `sync: false`
 * leaves syncing to the system: for caches, which are parsed when read back and dropped when
 * damaged, so a power cut can cost them but never mislead.
 */
export async function writeAtomic(path: string, bytes: Uint8Array, opts: { readonly sync?: boolean } = {}): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  await removeStaleTempsOnce(dir);
  const tmp = tempPath(path);
  try {
    await writeSyncedTemp(tmp, bytes, opts.sync ?? true);
    fault('rename', path);
    await rename(tmp, path);
  } catch (err) {
    await removeQuietly(tmp);
    throw new FsError('write', path, err);
  }
}

/** Takes the output folder's lock so two runs on one round do not interleave their writes. */
async function lock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  const started = Date.now();
  let cleared = 0;
  for (;;) {
    let created = false;
    try {
      fault('open', path);
      const fh = await open(path, 'wx');
      created = true;
      try {
        await fh.writeFile(`${processId} ${hostname()}\n`);
      } finally {
        await fh.close();
      }
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        // A lock file created but not written (disk full) would hold every later run: remove it.
        if (created) await removeQuietly(path);
        throw new FsError('lock', path, err);
      }
      // A lock older than two minutes, or held by a process of this machine that no longer
      // exists, belongs to a run that was killed.
      const st = await stat(path).catch(() => null);
      const owner = await readFile(path, 'utf8').catch(() => '');
      if ((st && Date.now() - st.mtimeMs > LOCK_STALE_MS) || ownerIsGone(owner)) {
        if (++cleared > LOCK_MAX_CLEARS) throw new FsError('lock', path, err);
        // Re-read just before removing, so a lock another run has just taken is left alone.
        if ((await readFile(path, 'utf8').catch(() => '')) === owner) {
          try {
            fault('unlink', path);
            await unlink(path);
          } catch (e) {
            // Not removable (a folder of that name, a read-only folder): say so rather than retry for ever.
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new FsError('remove', path, e);
          }
        }
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new BaocaoError('output_locked', `Thư mục ${dir} đang được một lần chạy baocao khác ghi (tệp ${LOCK}); chờ lần chạy đó xong rồi thử lại.`, dir);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** True when a lock file names a process of this machine that has ended. */
function ownerIsGone(content: string): boolean {
  const [pidText, host] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || (host !== undefined && host !== hostname())) return false;
  return !processAlive(pid);
}

/** Removes temporary files a killed run left in `dir` (only ones older than a minute). */
async function removeStaleTemps(dir: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile() && now - st.mtimeMs > STALE_TEMP_MS) await removeQuietly(join(dir, name));
  }
}

/** When each folder was last cleaned by this process: writeAtomic cleans a folder at most once a minute. */
const cleanedAt = new Map<string, number>();

async function removeStaleTempsOnce(dir: string): Promise<void> {
  const now = Date.now();
  if (now - (cleanedAt.get(dir) ?? -Infinity) < STALE_TEMP_MS) return;
  cleanedAt.set(dir, now);
  await removeStaleTemps(dir, now);
}

/**
 * Cleans an output folder, its cache and every folder directly inside it (tra-lai/, bieu-mau/…)
 * of the temporary files a killed run left.
 */
async function cleanOutputFolder(outDir: string, also: Iterable<string>): Promise<void> {
  const now = Date.now();
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const dirs = new Set([outDir, join(outDir, CACHE_DIR), ...also, ...entries.filter((e) => e.isDirectory()).map((e) => join(outDir, e.name))]);
  for (const dir of dirs) {
    cleanedAt.set(dir, now);
    await removeStaleTemps(dir, now);
  }
}

/** "<name> (ban moi 20260714-093000).<ext>", the name shortened if needed to stay within 255 bytes. */
function besideName(name: string, now: Date): string {
  const ext = extname(name);
  const stamp = vnStamp(now);
  const dir = dirname(name);
  const stem = basename(name, ext);
  const suffix = ` (ban moi ${stamp})${ext}`;
  const room = NAME_MAX_BYTES - TEMP_EXTRA_BYTES - byteLength(suffix);
  const short = byteLength(stem) <= room ? stem : `${truncateBytes(stem, room - 9)}~${sha256(new TextEncoder().encode(stem)).slice(0, 8)}`;
  return dir === '.' ? `${short}${suffix}` : `${dir}/${short}${suffix}`;
}

/** Writes the artifacts into outDir; returns what was written where. */
export async function writeArtifacts(outDir: string, artifacts: readonly Artifact[], now = new Date()): Promise<WrittenFile[]> {
  await ensureDir(outDir);
  const release = await lock(outDir);
  try {
    await cleanOutputFolder(outDir, new Set(artifacts.map((a) => dirname(join(outDir, a.name)))));
    const manifest = await readManifest(outDir);
    const files = { ...manifest.files };
    const written: WrittenFile[] = [];
    // First decide, for each artifact, whether it is unchanged, replaces baocao's own file, or goes
    // beside a file a person edited; nothing is written yet.
    const replace: { artifact: Artifact; target: string; hash: string; onDisk: string | null }[] = [];
    // The files on disk now, read side by side (each read is several trips to the thread pool).
    const onDisk = await Promise.all(artifacts.map((a) => readFile(join(outDir, a.name)).catch(() => null)));
    for (const [i, artifact] of artifacts.entries()) {
      const target = join(outDir, artifact.name);
      const hash = sha256(artifact.bytes);
      const current = onDisk[i] ?? null;
      const record = files[artifact.name];
      const currentHash = current ? sha256(current) : null;
      if (current) {
        if (currentHash === hash) {
          files[artifact.name] = { sha256: hash, writtenAt: record?.writtenAt ?? now.toISOString(), ...renderKeyOf(artifact) };
          written.push({ name: artifact.name, path: target, besideEdited: false, unchanged: true });
          continue;
        }
        const ours = record !== undefined && (record.sha256 === currentHash || record.pending === currentHash);
        if (!ours) {
          written.push(await writeBeside(outDir, artifact, files, now));
          continue;
        }
      }
      replace.push({ artifact, target, hash, onDisk: currentHash });
    }
    if (replace.length > 0) {
      // Record both hashes, the one on disk (baocao's, just checked) and the one about to replace
      // it, before any rename: a run killed half way leaves files the next run still recognises
      // as its own, never as a person's edits.
      const pending = { ...files };
      for (const r of replace) pending[r.artifact.name] = { sha256: r.onDisk ?? '', writtenAt: files[r.artifact.name]?.writtenAt ?? '', pending: r.hash };
      await writeAtomic(join(outDir, MANIFEST), new TextEncoder().encode(`${JSON.stringify({ version: 1, files: pending } satisfies Manifest, null, 2)}\n`));
    }
    // Side by side (each is synced to disk: the waits overlap); the first failure, in the artifacts' order, is reported.
    const results = await Promise.allSettled(replace.map(({ artifact, target }) => writeAtomic(target, artifact.bytes)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const { artifact, target, hash } of replace) {
      files[artifact.name] = { sha256: hash, writtenAt: now.toISOString(), ...renderKeyOf(artifact) };
      written.push({ name: artifact.name, path: target, besideEdited: false, unchanged: false });
    }
    const next: Manifest = { version: 1, files };
    await writeAtomic(join(outDir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
    // In the artifacts' order, as before.
    const order = new Map(artifacts.map((a, i) => [a.name, i]));
    return written.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  } finally {
    await release();
  }
}

/**
 * A person edited the artifact's file: the new output goes beside it, unless the copy written
 * there last time is still on disk with the same content (dates of the package aside), in which
 * case nothing is written. Records the copy in `files` (the manifest being built).
 */
async function writeBeside(outDir: string, artifact: Artifact, files: Record<string, ManifestEntry>, now: Date): Promise<WrittenFile> {
  const key = contentKey(artifact.bytes);
  const record = files[artifact.name];
  const last = record?.beside;
  if (last && last.key === key) {
    const onDisk = await readFile(join(outDir, last.name)).catch(() => null);
    if (onDisk && contentKey(onDisk) === key) {
      return { name: artifact.name, path: join(outDir, last.name), besideEdited: true, unchanged: true };
    }
  }
  const name = besideName(artifact.name, now);
  await writeAtomic(join(outDir, name), artifact.bytes);
  // The entry's hashes stay those of baocao's earlier file: the edited file is still not baocao's.
  files[artifact.name] = { sha256: record?.sha256 ?? '', writtenAt: record?.writtenAt ?? '', ...(record?.pending ? { pending: record.pending } : {}), beside: { name, key } };
  return { name: artifact.name, path: join(outDir, name), besideEdited: true, unchanged: false };
}
