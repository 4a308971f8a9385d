/**
 * Incremental rebuild: a file's check is reused while its bytes, name, plan and round stay the
 * same; only changed, added files are read again; removed files disappear; worker threads give
 * the same outcomes as the main thread, and a worker that dies turns its file into a finding.
 */
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_YEARS, bgBudget } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import { checkRound } from '../../src/incremental/index.js';
import { checkFiles, defaultWorkers } from '../../src/incremental/pool.js';
import type { FileStamp } from '../../src/model/cache.js';
import { stampTrusted } from '../../src/model/cache.js';
import { parseRoundName, type Round } from '../../src/model/round.js';
import type { Plan } from '../../src/model/plan.js';
import { readWorkbookFile } from '../../src/read/index.js';
import { loadRoundFiles } from '../../src/read/round-files.js';
import { validatePlan } from '../../src/validate/index.js';
import { writeCheckCache } from '../../src/write/cache.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;
let plan: Plan;
const read = { checkInProgress: false, soffice: false as const };

function roundAt(dir: string): Round {
  const id = dir.split('/').pop() ?? '';
  return { id, dir, ...parseRoundName(id) };
}

/** checkRound as run.ts uses it: the cache is stored after each run. */
async function run(round: Round, out: string) {
  const r = await checkRound(plan, round, { read, outDir: out });
  if (r.cache) await writeCheckCache(out, r.cache);
  return r;
}

beforeAll(async () => {
  env = await copyExample();
  const p = await readWorkbookFile(join(env.planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', read);
  const v = validatePlan(p.workbook!, 'bacgiang-namninh-2025-2028', env.planDir);
  if (!v.plan) throw new Error('example plan invalid');
  plan = v.plan;
});

afterAll(async () => {
  await env.cleanup();
});

describe('checkRound with the cache in the output folder', () => {
  it('reads every file the first time, none the second, and gives the same result', async () => {
    const round = roundAt(join(env.planDir, 'du-toan'));
    const out = join(env.out, 'a');
    const first = await run(round, out);
    expect(first.checked).toHaveLength(7);
    expect(first.reused).toBe(0);
    const second = await run(round, out);
    expect(second.checked).toEqual([]);
    expect(second.reused).toBe(7);
    expect(second.validated).toEqual(first.validated);
  });

  it('re-reads only a replaced or added file; a removed file is gone from the result', async () => {
    const round = roundAt(join(env.planDir, 'du-toan'));
    const out = join(env.out, 'b');
    await run(round, out);
    const bbg = join(round.dir, '05-bao-bac-giang.xlsx');
    const lines = (bgBudget['BBG'] ?? []).map((l, i) => (i === 0 ? { ...l, quantity: 5, years: [199800, 99900, 99900, 99900] } : l));
    await writeFile(bbg, await fillForm(await readFile(bbg), { budget: lines }, [...BG_YEARS]));
    await writeFile(join(round.dir, 'ban sao.xlsx'), await readFile(join(round.dir, '04-lien-hiep-cac-to-chuc-huu-nghi-tinh.xlsx')));
    await unlink(join(round.dir, '06-truong-cao-dang-cong-nghe-viet-han-bac-giang.xlsx'));
    const r = await run(round, out);
    expect([...r.checked].sort()).toEqual(['05-bao-bac-giang.xlsx', 'ban sao.xlsx']);
    expect(r.reused).toBe(5);
    const names = r.validated.files.map((f) => f.file);
    expect(names).not.toContain('06-truong-cao-dang-cong-nghe-viet-han-bac-giang.xlsx');
    expect(r.validated.submissions.find((s) => s.agencyCode === 'BBG')?.budget?.[0]?.amount).toBe(499500);
  });

  it('reads everything again when the plan changes, or when the cache folder is deleted', async () => {
    const round = roundAt(join(env.planDir, '2025'));
    const out = join(env.out, 'c');
    expect((await run(round, out)).checked).toHaveLength(11);
    const changed: Plan = { ...plan, info: { ...plan.info, title: `${plan.info.title} (sửa)` } };
    const r = await checkRound(changed, round, { read, outDir: out });
    expect(r.checked).toHaveLength(11);
    await rm(join(out, '.baocao-cache'), { recursive: true });
    expect((await run(round, out)).checked).toHaveLength(11);
  });

  it('a damaged cache file is ignored, never an error', async () => {
    const round = roundAt(join(env.planDir, 'du-toan'));
    const out = join(env.out, 'd');
    await mkdir(join(out, '.baocao-cache'), { recursive: true });
    await writeFile(join(out, '.baocao-cache', 'checked.json'), '{ not json');
    expect((await run(round, out)).checked.length).toBeGreaterThan(0);
  });
});

describe('knowing a file is unchanged without reading it', () => {
  const stamp: FileStamp = { size: 100, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 };
  it('trusts an equal stat only when the file had been still for 2 s before it was taken', () => {
    expect(stampTrusted({ sha256: 'x', stamp, stampedAtMs: 1_005_000, outcome: null }, stamp)).toBe(true);
    // Taken within the same 2 s: a write in the same timestamp tick could hide.
    expect(stampTrusted({ sha256: 'x', stamp, stampedAtMs: 1_001_000, outcome: null }, stamp)).toBe(false);
    for (const other of [{ ...stamp, size: 101 }, { ...stamp, mtimeMs: 1_000_001 }, { ...stamp, ctimeMs: 1_000_500 }, { ...stamp, ino: 8 }]) {
      expect(stampTrusted({ sha256: 'x', stamp, stampedAtMs: 1_005_000, outcome: null }, other)).toBe(false);
    }
  });

  it('a file whose stat is known is not read at all', async () => {
    const { files } = await loadRoundFiles(join(env.planDir, 'du-toan'), { read, knownSha: (name) => (name.startsWith('02-') ? 'cafe' : null) });
    const known = files.filter((f) => f.kind === 'known');
    expect(known.map((f) => f.name)).toEqual(['02-so-nong-nghiep-va-phat-trien-nong-thon.xlsx']);
    expect(files.filter((f) => f.kind === 'bytes').length).toBe(files.length - 1);
  });
});

describe('worker threads', () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 3],
    [16, 3],
  ])('are used by default only with 4 cores or more (%i cores → %i workers)', (cores, workers) => {
    expect(defaultWorkers(cores)).toBe(workers);
  });

  it('check files with the same outcome as the main thread', async () => {
    // The worker entry is TypeScript under vitest: bundle it to plain JavaScript first.
    const outfile = resolve('node_modules/.cache/baocao-test/worker.mjs');
    await build({ entryPoints: [resolve('src/incremental/worker.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
    const round = roundAt(join(env.planDir, '2025'));
    const inThread = await checkRound(plan, round, { read });
    const inWorkers = await checkRound(plan, round, { read, pool: { workerUrl: new URL(`file://${outfile}`), workers: 2, mainThread: false } });
    expect(inWorkers.checked).toHaveLength(11);
    expect(inWorkers.validated).toEqual(inThread.validated);
  }, 30_000);

  it('a worker that dies turns the file it held into a finding; the other files are checked', async () => {
    const dir = resolve('node_modules/.cache/baocao-test');
    await mkdir(dir, { recursive: true });
    const script = join(dir, 'dying-worker.mjs');
    await writeFile(
      script,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, task }) => {
  parentPort.postMessage({ started: id });
  if (task.name === 'bom.xlsx') process.exit(7);
  parentPort.postMessage({ id, outcome: { kind: 'unreadable', readFindings: [], submission: null, findings: [] } });
});
parentPort.postMessage({ ready: true });
`,
    );
    const tasks = Array.from({ length: 10 }, (_, i) => ({ name: i === 4 ? 'bom.xlsx' : `t${i}.xlsx`, path: `/x/${i}`, mtimeMs: 0, bytes: new Uint8Array([1, 2, 3]) }));
    const round = roundAt(join(env.planDir, '2025'));
    const outcomes = await checkFiles(tasks, { plan, round, read }, { workerUrl: new URL(`file://${script}`), workers: 1, mainThread: false });
    expect(outcomes).toHaveLength(10);
    expect(outcomes[4]?.readFindings[0]).toMatchObject({ file: 'bom.xlsx', code: 'internal_error', severity: 'error' });
    expect(outcomes[4]?.readFindings[0]?.message).toContain('bom.xlsx');
    for (const [i, o] of outcomes.entries()) if (i !== 4) expect(o.readFindings).toEqual([]);
  }, 30_000);
});

describe('the plan in the cache', () => {
  it('is reused while ke-hoach.xlsx is unchanged, and read again as soon as it changes', async () => {
    const { buildPlanWorkbook } = await import('../../scripts/examples/plan-workbook.js');
    const { bgPlan } = await import('../../scripts/examples/bacgiang.js');
    const { cli, docxText } = await import('./helpers.js');
    const { readdir } = await import('node:fs/promises');
    const round = join(env.planDir, 'du-toan');
    const out = join(env.out, 'plan-cache');
    expect((await cli('build', round, '--out', out)).code).toBe(0);
    expect(await readdir(join(out, '.baocao-cache'))).toEqual(['checked.json', 'plan.json']);
    expect((await cli('build', round, '--out', out)).code).toBe(0);
    await writeFile(join(env.planDir, 'ke-hoach.xlsx'), await buildPlanWorkbook({ ...bgPlan, info: { ...bgPlan.info, issuerShort: 'UBND tỉnh Thử Nghiệm' } }));
    expect((await cli('build', round, '--out', out)).code).toBe(0);
    expect(await docxText(join(out, 'phu-luc-du-toan.docx'))).toContain('UBND tỉnh Thử Nghiệm');
  }, 30_000);
});
