/**
 * The received registry (.baocao-received.json in a round's output folder): when baocao first saw
 * each version of each file of the round, remembered across runs, so "received at" does not move
 * when baocao is run again days later.
 *
 * "Received at" of a file = the earliest of its firstSeen (the first run of check, build or status
 * that saw these exact bytes) and the file's modification time. A file copied into the round folder
 * keeps its mtime (copy with the date kept, e.g. from a mail attachment saved earlier) or gets the
 * copy time; either way it is no later than when it arrived, and a run days later does not make it
 * look late. A file replaced under the same name (new sha256) is a new version with its own firstSeen.
 * Pure functions; the read and write stages load and save the file.
 */
import * as z from 'zod';

export const RECEIVED_FILE = '.baocao-received.json';

export const receivedEntrySchema = z.object({
  /** File name in the round folder. */
  file: z.string().min(1),
  sha256: z.string().min(1),
  /** ISO time when baocao first saw these bytes under this name. */
  firstSeen: z.string().min(1),
});
export type ReceivedEntry = z.infer<typeof receivedEntrySchema>;

export const receivedRegistrySchema = z.object({
  version: z.literal(1),
  files: z.array(receivedEntrySchema),
});
export type ReceivedRegistry = z.infer<typeof receivedRegistrySchema>;

/** A file of the round as the read stage found it now. */
export interface SeenFile {
  readonly file: string;
  readonly sha256: string;
  readonly mtimeMs: number;
}

/** When a file version was received (see the module comment for the rule). */
export interface Receipt {
  readonly file: string;
  readonly sha256: string;
  /** ISO time (UTC). */
  readonly receivedAt: string;
}

/** An empty registry (no file seen yet). */
export function emptyReceived(): ReceivedRegistry {
  return { version: 1, files: [] };
}

/** Parses the registry's JSON text; anything unreadable gives an empty registry (it is only a record). */
export function parseReceived(text: string | null): ReceivedRegistry {
  if (text === null) return emptyReceived();
  try {
    const parsed = receivedRegistrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyReceived();
  } catch {
    return emptyReceived();
  }
}

/** Serialises the registry (stable order: by file name, then first seen). */
export function serializeReceived(registry: ReceivedRegistry): string {
  return receivedFile(registry).text;
}

/** The registry as its file holds it (and as reading the file back gives it: the files in order of name, then first seen), with that file's text. */
export function receivedFile(registry: ReceivedRegistry): { readonly registry: ReceivedRegistry; readonly text: string } {
  const files = registry.files
    .map(({ file, sha256, firstSeen }) => ({ file, sha256, firstSeen }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.firstSeen.localeCompare(b.firstSeen)));
  const sorted: ReceivedRegistry = { version: 1, files };
  return { registry: sorted, text: `${JSON.stringify(sorted, null, 2)}\n` };
}

function key(file: string, sha256: string): string {
  return `${file}\u0000${sha256}`;
}

/** Merges two registries, keeping the earliest firstSeen of each file version. */
export function mergeReceived(a: ReceivedRegistry, b: ReceivedRegistry): ReceivedRegistry {
  const byKey = new Map<string, ReceivedEntry>();
  for (const e of [...a.files, ...b.files]) {
    const k = key(e.file, e.sha256);
    const prev = byKey.get(k);
    if (!prev || Date.parse(e.firstSeen) < Date.parse(prev.firstSeen)) byKey.set(k, e);
  }
  return { version: 1, files: [...byKey.values()] };
}

/** Records the file versions seen now that the registry does not know yet; `added` counts them. */
export function recordReceived(registry: ReceivedRegistry, seen: readonly SeenFile[], now: Date): { readonly registry: ReceivedRegistry; readonly added: number } {
  const known = new Set(registry.files.map((e) => key(e.file, e.sha256)));
  const fresh: ReceivedEntry[] = [];
  for (const s of seen) {
    const k = key(s.file, s.sha256);
    if (known.has(k)) continue;
    known.add(k);
    fresh.push({ file: s.file, sha256: s.sha256, firstSeen: now.toISOString() });
  }
  return { registry: fresh.length === 0 ? registry : { version: 1, files: [...registry.files, ...fresh] }, added: fresh.length };
}

/**
 * "Received at" of each file seen now: the earliest of its firstSeen and its mtime — except that
 * a date recorded in the registry kept beside the inputs (`recorded`, the secretariat's own
 * record of when the file arrived) is taken as it is for that exact file version.
 */
export function receiptsOf(registry: ReceivedRegistry, seen: readonly SeenFile[], recorded?: ReceivedRegistry): Receipt[] {
  const firstSeen = new Map(registry.files.map((e) => [key(e.file, e.sha256), Date.parse(e.firstSeen)]));
  const fixed = new Map((recorded?.files ?? []).map((e) => [key(e.file, e.sha256), Date.parse(e.firstSeen)]));
  return seen.map((s) => {
    const given = fixed.get(key(s.file, s.sha256));
    if (given !== undefined && Number.isFinite(given)) return { file: s.file, sha256: s.sha256, receivedAt: new Date(given).toISOString() };
    const first = firstSeen.get(key(s.file, s.sha256));
    const candidates = [s.mtimeMs, ...(first === undefined ? [] : [first])].filter((ms) => Number.isFinite(ms) && ms > 0);
    const ms = candidates.length > 0 ? Math.min(...candidates) : s.mtimeMs;
    return { file: s.file, sha256: s.sha256, receivedAt: new Date(ms).toISOString() };
  });
}
