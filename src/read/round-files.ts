/**
 * Loads the files of a round folder for an incremental check: stat every file, skip the ones
 * whose stat proves them unchanged since the cached check (they are not even read), read and
 * hash the others. Files touched in the last two seconds are looked at twice, 300 ms apart, all
 * in one wait, and a file still changing is handed to readWorkbookFile, which reports it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStamp } from '../model/cache.js';
import { listRoundFiles, type OpenFile } from './list.js';
import { readWorkbookFile, type ReadOptions, type ReadResult } from './workbook.js';

export type RoundFile =
  /** Read and hashed: must be checked unless the cache holds this hash. */
  | { readonly kind: 'bytes'; readonly name: string; readonly path: string; readonly stamp: FileStamp; readonly stampedAtMs: number; readonly bytes: Uint8Array; readonly sha256: string }
  /** Unchanged according to its stat: not read; its hash is the cached one. */
  | { readonly kind: 'known'; readonly name: string; readonly path: string; readonly stamp: FileStamp; readonly stampedAtMs: number; readonly sha256: string }
  /** Read the ordinary way (not a file, too large, unreadable, or changing): not cacheable. */
  | { readonly kind: 'read'; readonly name: string; readonly path: string; readonly result: ReadResult };

export interface LoadRoundOptions {
  readonly read?: ReadOptions | undefined;
  /** The cached hash of a file when its stat proves it unchanged, else null. */
  readonly knownSha?: ((name: string, stamp: FileStamp) => string | null) | undefined;
}

const MiB = 1024 * 1024;
/** How long a freshly touched file must keep its size and time to count as completely written. */
const SETTLE_MS = 300;

function stampOf(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): FileStamp {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

/** A round folder as loaded: its candidate files, and those a lock file says are open in Excel or LibreOffice. */
export interface LoadedRound {
  readonly files: RoundFile[];
  readonly open: readonly OpenFile[];
}

/** Loads every candidate file of a round folder (sorted by name); never throws for a file, only for the folder. */
export async function loadRoundFiles(dir: string, opts: LoadRoundOptions = {}): Promise<LoadedRound> {
  const { files, open } = await listRoundFiles(dir);
  const read = opts.read ?? {};
  const maxBytes = read.maxBytes ?? 20 * MiB;
  const checkInProgress = read.checkInProgress ?? true;
  const fresh: { index: number; stamp: FileStamp; at: number }[] = [];
  const out = await mapLimit(files, 16, async (name, index): Promise<RoundFile> => {
    const path = join(dir, name);
    const slow = async (): Promise<RoundFile> => ({ kind: 'read', name, path, result: await readWorkbookFile(path, name, read) });
    try {
      const stampedAtMs = Date.now();
      // Synchronous: a stat of a cached inode takes microseconds, and a thousand promises cost more
      // than the stats themselves (a warm rebuild stats the whole round to find the one file changed).
      const st = statSync(path);
      if (!st.isFile() || st.size > maxBytes) return await slow();
      const stamp = stampOf(st);
      const known = opts.knownSha?.(name, stamp) ?? null;
      if (known !== null) return { kind: 'known', name, path, stamp, stampedAtMs, sha256: known };
      // Synchronous too: a form is a few kilobytes, and an asynchronous read costs four trips to
      // the thread pool (open, stat, read, close), ~0,1 s of this thread for a thousand files.
      const bytes = readFileSync(path, { flag: 'r' });
      if (bytes.byteLength !== st.size) return await slow();
      const age = stampedAtMs - st.mtimeMs;
      const written = read.completeFiles?.get(name);
      const complete = written !== undefined && written.size === st.size && written.mtimeMs === st.mtimeMs;
      if (checkInProgress && !complete && age > -2000 && age < 2000) fresh.push({ index, stamp, at: Date.now() });
      return { kind: 'bytes', name, path, stamp, stampedAtMs, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    } catch {
      return slow();
    }
  });
  if (fresh.length > 0) {
    // One wait for all fresh files: each was read between two equal stats at least SETTLE_MS apart.
    const until = Math.max(...fresh.map((f) => f.at)) + SETTLE_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())));
    await mapLimit(fresh, 16, async ({ index, stamp }) => {
      const f = out[index];
      if (!f || f.kind !== 'bytes') return;
      const again = await stat(f.path).then(stampOf, () => null);
      if (!again || again.size !== stamp.size || again.mtimeMs !== stamp.mtimeMs) {
        out[index] = { kind: 'read', name: f.name, path: f.path, result: await readWorkbookFile(f.path, f.name, read) };
      }
    });
  }
  return { files: out, open };
}

/** Runs fn over items with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
