/**
 * The output folder's state in one place: the check cache, the plan cache, the received registry
 * and the figures snapshot (the manifest stays with the write stage, which must update it around
 * each rename; it is parsed with model/manifest.ts too).
 *
 * A run opens the store of its round's output folder, reads what it needs (everything read back is
 * parsed with its zod schema; a file that does not parse is ignored with a Vietnamese note, never
 * trusted), stages what it wants to keep, and commits once at the end, after its outputs are
 * written. A store opened read-only (earlier rounds, `status` for everything but its registry)
 * never writes.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as z from 'zod';
import { CACHE_DIR, CHECK_CACHE_FILE, checkCacheSchema, packCheckCache, PLAN_CACHE_FILE, planCacheSchema, planKey, type CheckCache, type PlanCache } from '../model/cache.js';
import { emptyReceived, mergeReceived, RECEIVED_FILE, receivedRegistrySchema, receivedFile, type ReceivedRegistry } from '../model/received.js';
import { PLAN_FILE } from '../model/sheets.js';
import { SNAPSHOT_FILE, SNAPSHOT_VERSION, SnapshotPacker, storedSnapshotSchema, type Snapshot } from '../model/snapshot.js';
import { writeAtomic } from '../write/index.js';
import { jsonBytes, type JsonMemo } from './json.js';

export type { JsonMemo } from './json.js';

/** What each state file is, in the words of the note when it is ignored. */
const WHAT = {
  check: 'bộ nhớ kết quả kiểm tra',
  plan: 'bộ nhớ kế hoạch',
  received: 'sổ ghi thời điểm nhận tệp',
  snapshot: 'số liệu của lần lập trước',
} as const;

/** State files parsed before, by path: what was read, under which stat. */
export type ParsedFiles = Map<string, { readonly stamp: string; readonly schema: z.ZodType; readonly value: unknown }>;

/** A file's identity and version: any write changes the change time (ctime), and baocao replaces its files (a new inode). */
function stampOf(st: { readonly ino: number; readonly size: number; readonly mtimeMs: number; readonly ctimeMs: number }): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** A state file's JSON, parsed with its schema; null when missing, with a note when present but unusable. */
export async function loadParsed<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
  notes: string[],
  /** The versions read (a file of another version is expected after an upgrade: ignored quietly). */
  versions?: readonly number[],
  /** Files parsed before (a warm engine): reused while the file's inode, size and times are the same. */
  parsedFiles?: ParsedFiles,
): Promise<z.infer<S> | null> {
  let text: string;
  let stamp = '';
  try {
    if (parsedFiles) {
      stamp = stampOf(await stat(path));
      const kept = parsedFiles.get(path);
      if (kept && kept.stamp === stamp && kept.schema === schema) return kept.value as z.infer<S>;
    }
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = json === undefined ? null : schema.safeParse(json);
  if (parsed?.success) {
    // Kept only when the file did not change while it was read.
    if (parsedFiles && stamp !== '') {
      const st = await stat(path).catch(() => null);
      if (st && stampOf(st) === stamp) parsedFiles.set(path, { stamp, schema, value: parsed.data });
    }
    return parsed.data;
  }
  const foreignVersion = typeof json === 'object' && json !== null && 'version' in json && versions !== undefined && !versions.includes(json.version as number);
  if (!foreignVersion) notes.push(`Bỏ qua tệp ${path} (${what}) vì nội dung bị hỏng hoặc không đúng định dạng; baocao không dùng nội dung này và sẽ ghi lại tệp ở lần lập sau. Không cần làm gì thêm.`);
  return null;
}

/**
 * Records a state file just written as parsed (`value`, what parsing `bytes` gives), under the
 * file's stat, so a warm engine does not read and parse its own file again; only when the file
 * still holds those bytes and did not change while it was compared (another run may write it too).
 */
async function rememberWritten(path: string, bytes: Uint8Array, schema: z.ZodType, value: unknown, parsedFiles: ParsedFiles): Promise<void> {
  try {
    const before = stampOf(await stat(path));
    const onDisk = await readFile(path);
    if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(onDisk)) return;
    if (stampOf(await stat(path)) === before) parsedFiles.set(path, { stamp: before, schema, value });
  } catch {
    // Not recorded: the next read parses the file.
  }
}

/** The plan workbook's bytes and key, with the cached plan when the key matches. */
export interface PlanMemo {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly cached: PlanCache | null;
}

export interface StoreOptions {
  /** Never write (earlier rounds read for year-to-date figures). */
  readonly readOnly?: boolean | undefined;
  /** Only the received registry may be written (`status`). */
  readonly onlyReceived?: boolean | undefined;
  /**
   * Encoded JSON kept between commits by a warm engine (one memo per kind of file): outcomes and
   * figures that are the same objects as at the last commit are not encoded again (the figures'
   * packer, one per output folder, keeps their texts' positions and their tuples).
   */
  readonly memo?: { readonly check: JsonMemo; readonly snapshot: JsonMemo; readonly packers?: Map<string, SnapshotPacker>; readonly parsed?: ParsedFiles } | undefined;
}

/** The state of one output folder, loaded lazily, staged, and committed once. */
export interface Store {
  readonly outDir: string;
  /** Vietnamese notes about state files that were ignored (for the run's messages). */
  readonly notes: readonly string[];
  checkCache(): Promise<CheckCache | null>;
  /** Null when the plan workbook cannot be read (the ordinary read then reports why). */
  planMemo(planDir: string): Promise<PlanMemo | null>;
  snapshot(): Promise<Snapshot | null>;
  /** The registry of the output folder merged with the one kept beside the inputs (read only). */
  received(roundDir: string): Promise<ReceivedRegistry>;
  /** The registry kept beside the inputs (<roundDir>/.baocao-received.json): dates recorded by the secretariat. */
  recorded(roundDir: string): Promise<ReceivedRegistry>;
  stageCheckCache(cache: CheckCache): void;
  stagePlanCache(cache: PlanCache): void;
  stageSnapshot(snapshot: Snapshot): void;
  stageReceived(registry: ReceivedRegistry): void;
  /** Writes what was staged (atomically); a read-only store writes nothing. */
  commit(): Promise<void>;
}

async function loadReceived(path: string, notes: string[], parsed?: ParsedFiles): Promise<ReceivedRegistry> {
  return (await loadParsed(path, receivedRegistrySchema, WHAT.received, notes, [1], parsed)) ?? emptyReceived();
}

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** Opens the store of an output folder (nothing is read until asked). */
export function openStore(outDir: string, opts: StoreOptions = {}): Store {
  const notes: string[] = [];
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= load());
  };
  const checkPath = join(outDir, CACHE_DIR, CHECK_CACHE_FILE);
  const planPath = join(outDir, CACHE_DIR, PLAN_CACHE_FILE);
  const snapshotPath = join(outDir, SNAPSHOT_FILE);
  const receivedPath = join(outDir, RECEIVED_FILE);
  const checkCache = once(() => loadParsed(checkPath, checkCacheSchema, WHAT.check, notes, [1]));
  const planCache = once(() => loadParsed(planPath, planCacheSchema, WHAT.plan, notes, [1]));
  const snapshot = once(() => loadParsed(snapshotPath, storedSnapshotSchema, WHAT.snapshot, notes, [2, SNAPSHOT_VERSION]));
  let staged: { check?: CheckCache; plan?: PlanCache; snapshot?: Snapshot; received?: ReceivedRegistry } = {};
  const writable = (kind: 'received' | 'other'): boolean => !opts.readOnly && (kind === 'received' || !opts.onlyReceived);
  return {
    outDir,
    notes,
    checkCache,
    async planMemo(planDir) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(planDir, PLAN_FILE));
      } catch {
        return null;
      }
      const key = planKey(bytes, planDir);
      const cached = await planCache();
      return { key, bytes, cached: cached && cached.key === key ? cached : null };
    },
    snapshot,
    async received(roundDir) {
      return mergeReceived(await loadReceived(receivedPath, notes, opts.memo?.parsed), await loadReceived(join(roundDir, RECEIVED_FILE), notes, opts.memo?.parsed));
    },
    recorded: (roundDir) => loadReceived(join(roundDir, RECEIVED_FILE), notes, opts.memo?.parsed),
    stageCheckCache: (cache) => {
      if (writable('other')) staged.check = cache;
    },
    stagePlanCache: (cache) => {
      if (writable('other')) staged.plan = cache;
    },
    stageSnapshot: (s) => {
      if (writable('other')) staged.snapshot = s;
    },
    stageReceived: (registry) => {
      if (writable('received')) staged.received = registry;
    },
    async commit() {
      const s = staged;
      staged = {};
      // The files are written side by side (each is synced to disk: the waits overlap); the first failure, in this order, is the one reported.
      const writes: Promise<void>[] = [];
      // Each file's outcome (version → key → files → name → outcome) is encoded once while it stays the same object.
      // The caches and the snapshot are safe to lose (each is parsed when read back, and dropped when damaged):
      // not synced to disk. The received registry is the record of when files came: synced.
      if (s.check) writes.push(writeAtomic(checkPath, jsonBytes(packCheckCache(s.check), { memoDepth: 3, memo: opts.memo?.check }), { sync: false }));
      if (s.plan) writes.push(writeAtomic(planPath, encode(s.plan), { sync: false }));
      if (s.received) {
        const registry = s.received;
        // Merged with what is on disk now, so two runs at once never lose a file's earliest firstSeen.
        writes.push(
          loadReceived(receivedPath, [], opts.memo?.parsed).then(async (onDisk) => {
            const file = receivedFile(mergeReceived(onDisk, registry));
            const bytes = new TextEncoder().encode(file.text);
            await writeAtomic(receivedPath, bytes);
            // A warm engine reads the registry at its next build: what it wrote is what it would parse.
            if (opts.memo?.parsed) await rememberWritten(receivedPath, bytes, receivedRegistrySchema, file.registry, opts.memo.parsed);
          }),
        );
      }
      // Each figure (snapshot → figures → figure) is packed and encoded once while it stays the same object.
      if (s.snapshot) {
        let packer = opts.memo?.packers?.get(snapshotPath);
        if (!packer) {
          packer = new SnapshotPacker();
          opts.memo?.packers?.set(snapshotPath, packer);
        }
        writes.push(writeAtomic(snapshotPath, jsonBytes(packer.pack(s.snapshot), { memoDepth: 2, memo: opts.memo?.snapshot, newline: true }), { sync: false }));
      }
      const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
