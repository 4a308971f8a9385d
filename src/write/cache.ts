/**
 * Writes a check cache as the store does (tests plant one; the store in src/store/ owns the state
 * of an output folder and commits it once per run).
 */
import { join } from 'node:path';
import { CACHE_DIR, CHECK_CACHE_FILE, type CheckCache } from '../model/cache.js';
import { writeAtomic } from './index.js';

/** Writes `<outDir>/.baocao-cache/checked.json`. */
export async function writeCheckCache(outDir: string, cache: CheckCache): Promise<void> {
  await writeAtomic(join(outDir, CACHE_DIR, CHECK_CACHE_FILE), new TextEncoder().encode(JSON.stringify(cache)));
}
