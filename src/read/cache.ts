/**
 * Reads the incremental cache and the figures snapshot of an output folder. Both are only
 * memories: a missing, unreadable or foreign file is treated as empty, never as an error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR, CHECK_CACHE_FILE, PLAN_CACHE_FILE, type CheckCache, type PlanCache } from '../model/cache.js';
import { SNAPSHOT_FILE, type Snapshot } from '../model/snapshot.js';

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

/** The plan cached in an output folder when its key matches, else null. */
export async function readPlanCache(outDir: string, key: string): Promise<PlanCache | null> {
  try {
    const json = JSON.parse(await readFile(join(outDir, CACHE_DIR, PLAN_CACHE_FILE), 'utf8')) as PlanCache;
    if (json && json.version === 1 && json.key === key && json.plan) return json;
  } catch {
    // Missing or damaged: the plan is read again.
  }
  return null;
}

/** The figures of the previous build in an output folder, or null. */
export async function readSnapshot(outDir: string): Promise<Snapshot | null> {
  try {
    const json = JSON.parse(await readFile(join(outDir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    if (json && json.version === 1 && Array.isArray(json.figures)) return json;
  } catch {
    // First build, or the snapshot was deleted: no comparison this time.
  }
  return null;
}
