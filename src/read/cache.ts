/**
 * Reads the incremental cache and the figures snapshot of an output folder. Both are only
 * memories: a missing, unreadable or foreign file is treated as empty, never as an error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR, CHECK_CACHE_FILE, PLAN_CACHE_FILE, planKey, type CheckCache, type PlanCache } from '../model/cache.js';
import { PLAN_FILE } from '../model/sheets.js';
import { SNAPSHOT_FILE, SNAPSHOT_VERSION, type Snapshot } from '../model/snapshot.js';

/** The check cache of an output folder, or null when there is none usable. */
export async function readCheckCache(outDir: string): Promise<CheckCache | null> {
  try {
    const json = JSON.parse(await readFile(join(outDir, CACHE_DIR, CHECK_CACHE_FILE), 'utf8')) as CheckCache;
    if (json && json.version === 1 && typeof json.key === 'string' && typeof json.files === 'object' && json.files !== null) return json;
  } catch {
    // Missing or damaged: it is rebuilt on this run.
  }
  return null;
}

/**
 * The plan cached in an output folder for the plan workbook as it is now: its key (from the
 * workbook's bytes), the bytes, and the cached plan when the key matches. Null when the workbook cannot be
 * read (the ordinary read then reports why).
 */
export async function readPlanCache(outDir: string, planDir: string): Promise<{ key: string; bytes: Uint8Array; cached: PlanCache | null } | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(planDir, PLAN_FILE));
  } catch {
    return null;
  }
  const key = planKey(bytes, planDir);
  try {
    const json = JSON.parse(await readFile(join(outDir, CACHE_DIR, PLAN_CACHE_FILE), 'utf8')) as PlanCache;
    if (json && json.version === 1 && json.key === key && json.plan) return { key, bytes, cached: json };
  } catch {
    // Missing or damaged: the plan is read again.
  }
  return { key, bytes, cached: null };
}

/** The figures of the previous build in an output folder, or null. */
export async function readSnapshot(outDir: string): Promise<Snapshot | null> {
  try {
    const json = JSON.parse(await readFile(join(outDir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    if (json && json.version === SNAPSHOT_VERSION && Array.isArray(json.figures)) return json;
  } catch {
    // First build, or the snapshot was deleted: no comparison this time.
  }
  return null;
}
