/**
 * The output folder's state (src/store): a run writes only its own round's folder, `status` writes
 * only its own registry, and a state file that does not parse is ignored with a note.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCacheSchema } from '../../src/model/cache.js';
import { runBuild, runStatus } from '../../src/run.js';

const PLAN = 'langson-tang-truong-2026';
let root: string;
let planDir: string;
let out: string;

/** sha256 of every file under a folder, by relative path. */
async function hashTree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = join(prefix, e.name);
    if (e.isDirectory()) Object.assign(tree, await hashTree(join(dir, e.name), rel));
    else tree[rel] = createHash('sha256').update(await readFile(join(dir, e.name))).digest('hex');
  }
  return tree;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-store-'));
  planDir = join(root, PLAN);
  await cp(resolve('input', PLAN), planDir, { recursive: true });
  out = join(root, 'output');
  const r = await runBuild(planDir, { outDir: out, today: '2026-10-20' });
  expect(r.exitCode, r.messages.join('\n')).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the store of an output folder', () => {
  it('a build of a later round leaves every other round folder byte-for-byte unchanged (even without its cache)', async () => {
    const earlier = join(out, PLAN, '2026-H1');
    // Without its check cache, the earlier round is read again for the year-to-date figures; before
    // the store, that run wrote a new cache into the earlier round's folder.
    await rm(join(earlier, '.baocao-cache'), { recursive: true, force: true });
    const before = await hashTree(earlier);
    const later = join(out, PLAN, '2026-Q3');
    const r = await runBuild(join(planDir, '2026-Q3'), { outDir: later, today: '2026-10-21' });
    expect(r.exitCode, r.messages.join('\n')).toBe(0);
    expect(r.written.length).toBeGreaterThan(0);
    expect(await hashTree(earlier)).toEqual(before);
    expect(await readdir(join(out, PLAN))).toEqual(['2026-H1', '2026-Q3']);
  }, 120_000);

  it('status on a round already built changes nothing', async () => {
    const dir = join(out, PLAN, '2026-H1');
    const before = await hashTree(dir);
    const inputs = await hashTree(join(planDir, '2026-H1'));
    const r = await runStatus(join(planDir, '2026-H1'), { outDir: dir, today: '2026-10-22' });
    expect(r.exitCode).toBe(0);
    expect(r.status?.rows.length).toBeGreaterThan(0);
    expect(await hashTree(dir)).toEqual(before);
    expect(await hashTree(join(planDir, '2026-H1'))).toEqual(inputs);
  }, 120_000);

  it('a corrupted cache or snapshot is ignored with a Vietnamese note naming the file, then written anew', async () => {
    const dir = join(out, PLAN, '2026-Q3');
    const cache = join(dir, '.baocao-cache', 'checked.json');
    const snapshot = join(dir, '.baocao-snapshot.json');
    await writeFile(cache, '{ not json');
    // Valid JSON of the right version but the wrong shape: parsed, not trusted.
    await writeFile(snapshot, JSON.stringify({ version: 2, planId: PLAN, roundId: '2026-Q3', builtAt: 'x', figures: 'many', lastChanges: null }));
    const r = await runBuild(join(planDir, '2026-Q3'), { outDir: dir, today: '2026-10-23' });
    expect(r.exitCode, r.messages.join('\n')).toBe(0);
    for (const path of [cache, snapshot]) {
      expect(r.messages.some((m) => m.includes(path) && /Bỏ qua tệp .* không đúng định dạng/.test(m)), `${path}\n${r.messages.join('\n')}`).toBe(true);
    }
    // First build after the snapshot was lost: nothing to compare with.
    expect(r.changes).toBeNull();
    expect(checkCacheSchema.safeParse(JSON.parse(await readFile(cache, 'utf8'))).success).toBe(true);
    const again = await runBuild(join(planDir, '2026-Q3'), { outDir: dir, today: '2026-10-23' });
    expect(again.messages.some((m) => m.startsWith('Bỏ qua tệp'))).toBe(false);
    expect(again.changes?.changes).toEqual([]);
  }, 120_000);
});
