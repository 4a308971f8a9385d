/**
 * The check cache's file stores each submission's own source cells as "Sheet!B7" (model/cache.ts
 * packSubmission): what is read back is exactly what was checked, caches written before (every
 * cell an object) still parse, and every source cell of the shipped examples is packed, so a new
 * CellRef added to a submission without being listed in the codec fails here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, isBuilt } from '../../src/engine/index.js';
import { CACHE_DIR, CHECK_CACHE_FILE, checkCacheSchema, packCheckCache, packSubmission, type CheckCache } from '../../src/model/cache.js';
import type { Submission } from '../../src/model/submission.js';

const FILE = 'So Tai chinh - bao cao.xlsx';
const at = (sheet: string, cell: string, file = FILE) => ({ file, sheet, cell });

const submission: Submission = {
  file: FILE,
  sha256: 'f'.repeat(64),
  mtimeMs: 1,
  agencyCode: 'STC',
  identifiedBy: 'info',
  submissionNo: 1,
  preparedBy: 'Nguyễn Văn An',
  phone: '',
  preparedDate: null,
  tasks: [{ taskId: '1.1', role: 'lead', status: null, result: 'Đã làm', difficulties: '', proposals: '', source: at('Nhiệm vụ', 'D5') }],
  budget: [
    {
      stt: '1',
      content: 'Hội nghị',
      unit: 'lần',
      quantity: 2,
      rate: 500,
      amount: 1000,
      years: [600, 400],
      spent: null,
      note: '',
      // A sheet name with "!" in it, and one cell in another file: both come back as they were.
      source: { amount: at('Kinh phí!2025', 'F5'), years: [at('Kinh phí!2025', 'G5'), at('Kinh phí', 'H5', 'khac.xlsx')], spent: null, quantity: at('Kinh phí!2025', 'D5'), rate: null, row: 5 },
    },
  ],
  indicators: [{ code: 'GRDP', actual: 7.02, base: null, quarters: [null, 1.5], note: '', source: { actual: at('Chỉ tiêu', 'E9'), row: 9 } }],
  errorCount: 0,
};

function cacheOf(s: Submission): CheckCache {
  return {
    version: 1,
    key: 'k',
    files: { [s.file]: { sha256: s.sha256, stamp: { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, stampedAtMs: 5000, outcome: { kind: 'checked', readFindings: [], submission: s, findings: [] } } },
  };
}

/** Source cells of a packed submission still written as objects of its own file. */
function unpackedOwnCells(packed: unknown, file: string): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown, top: boolean): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, false));
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (!top && o.file === file && 'cell' in o) found.push(o);
      for (const x of Object.values(o)) walk(x, false);
    }
  };
  walk(packed, true);
  return found;
}

describe('check cache format', () => {
  it('reads back exactly what was checked, from a smaller file', () => {
    const cache = cacheOf(submission);
    const text = JSON.stringify(packCheckCache(cache));
    const parsed = checkCacheSchema.parse(JSON.parse(text));
    expect(parsed).toEqual(cache);
    expect(text).toContain('"Kinh phí!2025!F5"');
    expect(text).toContain('"file":"khac.xlsx"');
    expect(text.length).toBeLessThan(JSON.stringify(cache).length);
    expect(unpackedOwnCells(packSubmission(submission), FILE)).toEqual([]);
  });

  it('parses a cache written with every cell as an object (before the packed form)', () => {
    const cache = cacheOf(submission);
    expect(checkCacheSchema.parse(JSON.parse(JSON.stringify(cache)))).toEqual(cache);
  });

  it('refuses a packed cell without a sheet separator (the cache is then ignored and the files checked again)', () => {
    const packed = JSON.parse(JSON.stringify(packCheckCache(cacheOf(submission)))) as { files: Record<string, { outcome: { submission: { tasks: { source: unknown }[] } } }> };
    const task = packed.files[FILE]?.outcome.submission.tasks[0];
    if (!task) throw new Error('no task');
    task.source = 'D5';
    expect(checkCacheSchema.safeParse(packed).success).toBe(false);
  });

  it('packs the packed outcome once while the outcome stays the same (a warm engine encodes only new outcomes)', () => {
    const cache = cacheOf(submission);
    const a = packCheckCache(cache) as { files: Record<string, { outcome: unknown }> };
    const b = packCheckCache({ ...cache, key: 'other' }) as { files: Record<string, { outcome: unknown }> };
    expect(a.files[FILE]?.outcome).toBe(b.files[FILE]?.outcome);
  });

  describe('every source cell of the shipped examples is packed', () => {
    let out: string;
    beforeAll(async () => {
      out = await mkdtemp(join(tmpdir(), 'baocao-cache-format-'));
    });
    afterAll(async () => {
      await rm(out, { recursive: true, force: true });
    });
    for (const [plan, round] of [
      ['bacgiang-namninh-2025-2028', '2025'],
      ['bacgiang-namninh-2025-2028', 'du-toan'],
      ['langson-tang-truong-2026', '2026-Q3'],
      ['langson-tmdt-2026-2030', '2026'],
    ] as const) {
      it(`${plan}/${round}`, async () => {
        const dir = join(out, plan, round);
        const r = await createEngine().check(resolve('input', plan), resolve('input', plan, round), dir, { today: '2026-12-05', codeStamp: null });
        if (!isBuilt(r)) throw new Error('plan not usable');
        const text = await readFile(join(dir, CACHE_DIR, CHECK_CACHE_FILE), 'utf8');
        const file = JSON.parse(text) as { files: Record<string, { outcome: { submission: { file: string } | null } | null }> };
        const submissions = Object.values(file.files).flatMap((f) => (f.outcome?.submission ? [f.outcome.submission] : []));
        expect(submissions.length).toBeGreaterThan(0);
        for (const s of submissions) expect(unpackedOwnCells(s, s.file), s.file).toEqual([]);
        // And what the file holds is what the check gave.
        const parsed = checkCacheSchema.parse(JSON.parse(text));
        const fromFile = Object.values(parsed.files).flatMap((f) => (f.outcome?.submission ? [f.outcome.submission] : []));
        expect(fromFile.length).toBe(submissions.length);
      });
    }
  });
});
