/**
 * Write stage: artifacts → files, atomically (temporary file + rename, so a killed run leaves
 * the previous outputs intact), never over a file a person edited since baocao wrote it.
 * A manifest (.baocao-manifest.json) in each output folder remembers what baocao wrote.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
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
  readonly files: Record<string, { sha256: string; writtenAt: string }>;
}

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
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`Không tạo được tệp khóa ${path}`, { cause: err });
      // A lock older than two minutes belongs to a run that was killed.
      const st = await stat(path).catch(() => null);
      if (st && Date.now() - st.mtimeMs > 120_000) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > 60_000) throw new Error(`Thư mục ${dir} đang được một lần chạy baocao khác ghi (tệp ${LOCK}); chờ lần chạy đó xong rồi thử lại.`);
      await new Promise((r) => setTimeout(r, 100));
    }
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
    const manifest = await readManifest(outDir);
    const files = { ...manifest.files };
    const written: WrittenFile[] = [];
    for (const artifact of artifacts) {
      const target = join(outDir, artifact.name);
      const hash = sha256(artifact.bytes);
      let current: Uint8Array | null = null;
      try {
        current = await readFile(target);
      } catch {
        current = null;
      }
      const record = files[artifact.name];
      if (current) {
        const currentHash = sha256(current);
        if (currentHash === hash) {
          files[artifact.name] = { sha256: hash, writtenAt: record?.writtenAt ?? now.toISOString() };
          written.push({ name: artifact.name, path: target, besideEdited: false, unchanged: true });
          continue;
        }
        const ours = record !== undefined && record.sha256 === currentHash;
        if (!ours) {
          const beside = join(outDir, besideName(artifact.name, now));
          await writeAtomic(beside, artifact.bytes);
          written.push({ name: artifact.name, path: beside, besideEdited: true, unchanged: false });
          continue;
        }
      }
      await writeAtomic(target, artifact.bytes);
      files[artifact.name] = { sha256: hash, writtenAt: now.toISOString() };
      written.push({ name: artifact.name, path: target, besideEdited: false, unchanged: false });
    }
    const next: Manifest = { version: 1, files };
    await writeAtomic(join(outDir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
    return written;
  } finally {
    await release();
  }
}
