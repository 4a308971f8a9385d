/**
 * Write stage: artifacts → files, atomically (temporary file + rename, so a killed run leaves
 * the previous outputs intact), never over a file a person edited since baocao wrote it.
 * A manifest (.baocao-manifest.json) in each output folder remembers what baocao wrote.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, extname, join, basename } from 'node:path';
import type { Artifact } from '../model/document.js';

export const MANIFEST = '.baocao-manifest.json';
const LOCK = '.baocao.lock';

export interface WrittenFile {
  /** Artifact name (relative to the output folder). */
  readonly name: string;
  /** Absolute path actually written. */
  readonly path: string;
  /** True when the target had been edited by a person and the new file was written beside it. */
  readonly besideEdited: boolean;
  /** True when the content was identical and nothing had to be written. */
  readonly unchanged: boolean;
}

interface Manifest {
  readonly version: 1;
  /**
   * `pending` is the hash about to replace `sha256`, recorded before the rename: a run killed
   * between the rename and the final manifest leaves a file that is still recognised as baocao's.
   */
  readonly files: Record<string, { sha256: string; writtenAt: string; pending?: string }>;
}

/** Temporary files of writeAtomic: ".<name>.<pid>.<8 hex>.tmp". */
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
/** A temporary file older than this was left by a run that was killed: no live run writes that long. */
const STALE_TEMP_MS = 60_000;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readManifest(dir: string): Promise<Manifest> {
  try {
    const json = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
    if (json && json.version === 1 && typeof json.files === 'object') return json;
  } catch {
    // Missing or unreadable manifest: treat as empty (it is only a record).
  }
  return { version: 1, files: {} };
}

/** Writes bytes to path through a temporary file in the same folder and a rename. */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w');
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
    throw new Error(`Không ghi được tệp ${path}`, { cause: err });
  }
}

/** Takes the output folder's lock so two runs on one round do not interleave their writes. */
async function lock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  const started = Date.now();
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(`${process.pid} ${hostname()}\n`);
      await fh.close();
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`Không tạo được tệp khóa ${path}`, { cause: err });
      // A lock older than two minutes, or held by a process of this machine that no longer
      // exists, belongs to a run that was killed.
      const st = await stat(path).catch(() => null);
      const owner = await readFile(path, 'utf8').catch(() => '');
      if ((st && Date.now() - st.mtimeMs > 120_000) || ownerIsGone(owner)) {
        // Re-read just before removing, so a lock another run has just taken is left alone.
        if ((await readFile(path, 'utf8').catch(() => '')) === owner) await unlink(path).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > 60_000) throw new Error(`Thư mục ${dir} đang được một lần chạy baocao khác ghi (tệp ${LOCK}); chờ lần chạy đó xong rồi thử lại.`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** True when a lock file names a process of this machine that has ended. */
function ownerIsGone(content: string): boolean {
  const [pidText, host] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || (host !== undefined && host !== hostname())) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes temporary files a killed run left in `dir` (only ones older than a minute). */
async function removeStaleTemps(dir: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile() && now - st.mtimeMs > STALE_TEMP_MS) await rm(join(dir, name), { force: true });
  }
}

function besideName(name: string, now: Date): string {
  const ext = extname(name);
  const stamp = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}-${String(now.getHours()).padStart(2, '0')}${String(now.getMinutes()).padStart(2, '0')}${String(now.getSeconds()).padStart(2, '0')}`;
  return `${name.slice(0, name.length - ext.length)} (ban moi ${stamp})${ext}`;
}

/** Writes the artifacts into outDir; returns what was written where. */
export async function writeArtifacts(outDir: string, artifacts: readonly Artifact[], now = new Date()): Promise<WrittenFile[]> {
  await mkdir(outDir, { recursive: true });
  const release = await lock(outDir);
  try {
    for (const dir of new Set([outDir, ...artifacts.map((a) => dirname(join(outDir, a.name)))])) await removeStaleTemps(dir, Date.now());
    const manifest = await readManifest(outDir);
    const files = { ...manifest.files };
    const written: WrittenFile[] = [];
    // First decide, for each artifact, whether it is unchanged, replaces baocao's own file, or goes
    // beside a file a person edited; nothing is written yet.
    const replace: { artifact: Artifact; target: string; hash: string; onDisk: string | null }[] = [];
    for (const artifact of artifacts) {
      const target = join(outDir, artifact.name);
      const hash = sha256(artifact.bytes);
      const current = await readFile(target).catch(() => null);
      const record = files[artifact.name];
      const currentHash = current ? sha256(current) : null;
      if (current) {
        if (currentHash === hash) {
          files[artifact.name] = { sha256: hash, writtenAt: record?.writtenAt ?? now.toISOString() };
          written.push({ name: artifact.name, path: target, besideEdited: false, unchanged: true });
          continue;
        }
        const ours = record !== undefined && (record.sha256 === currentHash || record.pending === currentHash);
        if (!ours) {
          const beside = join(outDir, besideName(artifact.name, now));
          await writeAtomic(beside, artifact.bytes);
          written.push({ name: artifact.name, path: beside, besideEdited: true, unchanged: false });
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
    for (const { artifact, target, hash } of replace) {
      await writeAtomic(target, artifact.bytes);
      files[artifact.name] = { sha256: hash, writtenAt: now.toISOString() };
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
