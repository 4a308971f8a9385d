/**
 * Stores the incremental cache and the figures snapshot of an output folder (atomically, like
 * every output; both are safe to delete).
 */
import { join } from 'node:path';
import { CACHE_DIR, CHECK_CACHE_FILE, PLAN_CACHE_FILE, type CheckCache, type PlanCache } from '../model/cache.js';
import { SNAPSHOT_FILE, type Snapshot } from '../model/snapshot.js';
import { writeAtomic } from './index.js';

/** Writes `<outDir>/.baocao-cache/checked.json`. */
export async function writeCheckCache(outDir: string, cache: CheckCache): Promise<void> {
  await writeAtomic(join(outDir, CACHE_DIR, CHECK_CACHE_FILE), new TextEncoder().encode(JSON.stringify(cache)));
}

/** Writes `<outDir>/.baocao-cache/plan.json`. */
export async function writePlanCache(outDir: string, cache: PlanCache): Promise<void> {
  await writeAtomic(join(outDir, CACHE_DIR, PLAN_CACHE_FILE), new TextEncoder().encode(JSON.stringify(cache)));
}

/** Writes `<outDir>/.baocao-snapshot.json`. */
export async function writeSnapshot(outDir: string, snapshot: Snapshot): Promise<void> {
  await writeAtomic(join(outDir, SNAPSHOT_FILE), new TextEncoder().encode(`${JSON.stringify(snapshot, null, 1)}\n`));
}
