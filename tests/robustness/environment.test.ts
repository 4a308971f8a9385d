/**
 * The environment fails (full disk, read-only or immutable folder, no permission, a path that is
 * a file, a name too long, too many open files, /proc as output): staff get a Vietnamese message
 * naming the file or folder and what to do, exit 2, one JSON object under --json, and no
 * temporary file is left anywhere in the output tree.
 *
 * Tests run as root, where permissions stop nothing: a full disk, a read-only folder, a refused
 * rename are injected through the write stage's seam (writeFaults); a file in the way and an
 * over-long name are real.
 */
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, bgBudget, bgPlan, bgProgress2025 } from '../../scripts/examples/bacgiang.js';
import { byteLength, NAME_MAX_BYTES, OUTPUT_NAME_MAX_BYTES } from '../../src/model/file-name.js';
import { ANNOTATION_SHEET } from '../../src/render/xlsx/index.js';
import { runBuild } from '../../src/run.js';
import { errnoError, writeFaults, type WriteStep } from '../../src/write/fs.js';
import { cli, loadXlsx, tempPlan } from '../e2e/helpers.js';
import { ESTIMATE, PROGRESS_2025, filledForm, loadBgPlan } from '../fixtures/submission.js';

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;
let estimateDir: string;
let n = 0;
/** A fresh output folder per case. */
const freshOut = (): string => join(env.out, `lan-${++n}`);

/** A ~100-letter Vietnamese file name: 240 bytes, under the 255-byte limit, over it once "tra-lai/.….tmp" is added. */
const LONG_NAME = (() => {
  let name = 'Báo cáo dự toán kinh phí thực hiện Kế hoạch hợp tác hữu nghị với thành phố Nam Ninh của Sở Ngoại vụ tỉnh Bắc Giang';
  while (byteLength(`${name}.xlsx`) < 240) name += ' bổ sung';
  return `${name}.xlsx`;
})();

beforeAll(async () => {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  const plan = await loadBgPlan();
  const prepared = { preparedBy: 'Trần Thị B', preparedDate: new Date(Date.UTC(2025, 9, 25)) };
  roundDir = join(env.planDir, '2025');
  await mkdir(roundDir, { recursive: true });
  const past = new Date(Date.now() - 3_600_000);
  for (const code of ['SNGV', 'SCT', 'BBG']) {
    const path = join(roundDir, `${code} bao cao 2025.xlsx`);
    await writeFile(path, (await filledForm(plan, PROGRESS_2025, code, { ...prepared, tasks: bgProgress2025[code] ?? [] })).bytes);
    await utimes(path, past, past);
  }
  // An estimate round whose one file has an error, under a very long name (check --annotate).
  estimateDir = join(env.planDir, 'du-toan');
  await mkdir(estimateDir, { recursive: true });
  const lines = (bgBudget['SNGV'] ?? []).map((l, i) => (i === 2 ? { ...l, quantity: 's' } : l));
  const path = join(estimateDir, LONG_NAME);
  await writeFile(path, (await filledForm(plan, ESTIMATE, 'SNGV', { ...prepared, budget: lines })).bytes);
  await utimes(path, past, past);
}, 120_000);

afterAll(async () => {
  await env.cleanup();
});

afterEach(() => {
  writeFaults.inject = null;
});

/** Every file under `dir` (hidden ones and sub-folders included), relative paths. */
async function tree(dir: string): Promise<string[]> {
  return ((await readdir(dir, { recursive: true }).catch(() => [])) as string[]).sort();
}

/** No temporary file and no lock left anywhere in the output tree. */
async function expectNothingLeft(out: string): Promise<void> {
  const left = (await tree(out)).filter((f) => /\.tmp$/.test(f) || f.endsWith('.baocao.lock'));
  expect(left, `left in ${out}`).toEqual([]);
}

/** Makes the write stage fail with `code` at `step` on paths containing `where`. */
function failAt(step: WriteStep, where: string, code: string): void {
  writeFaults.inject = (s, path) => {
    if (s === step && path.includes(where)) throw errnoError(code, step, path);
  };
}

interface JsonError {
  readonly exitCode: number;
  readonly error: { readonly code: string; readonly message: string; readonly path: string | null };
}

describe('a write the environment refuses (injected)', () => {
  // [code, command, step, where, the Vietnamese words, the path the message names (relative to out)]
  const cases: ReadonlyArray<[string, 'build' | 'check', WriteStep, string, RegExp, string]> = [
    ['ENOSPC', 'build', 'write', 'bao-cao.docx', /ổ đĩa đã đầy.*giải phóng dung lượng/, 'bao-cao.docx'],
    ['EROFS', 'check', 'mkdir', '', /Không tạo được thư mục .*: ổ đĩa hoặc thư mục này chỉ cho đọc/, ''],
    ['EPERM', 'build', 'rename', 'kiem-tra.xlsx', /Không ghi được tệp .*kiem-tra\.xlsx: hệ điều hành không cho phép/, 'kiem-tra.xlsx'],
    ['EACCES', 'check', 'open', '.baocao-manifest.json', /không có quyền.*cấp quyền ghi/, '.baocao-manifest.json'],
    ['EMFILE', 'build', 'open', 'checked.json', /quá nhiều tệp cùng lúc/, '.baocao-cache/checked.json'],
    ['ENOSPC', 'build', 'write', '.baocao-snapshot.json', /ổ đĩa đã đầy/, '.baocao-snapshot.json'],
  ];

  it.each(cases)('%s in %s (%s of "%s"): exit 2, Vietnamese message with the path, JSON, nothing left', async (code, command, step, where, words, named) => {
    const out = freshOut();
    if (named === '.baocao-snapshot.json') {
      // The snapshot is written after the outputs: a build that has written once already.
      expect((await cli('build', roundDir, '--out', out)).code).toBe(0);
    }
    failAt(step, where, code);
    const plain = await cli(command, roundDir, '--out', out);
    expect(plain.code, plain.out + plain.err).toBe(2);
    expect(plain.err).toMatch(words);
    expect(plain.err).toContain(join(out, named).replace(/\/$/, ''));
    expect(plain.err).toContain(`(mã lỗi ${code})`);
    expect(plain.err + plain.out).not.toMatch(new RegExp(`${code}: |no space|read-only file|not permitted|permission denied|too many open`, 'i'));
    await expectNothingLeft(out);

    const json = await cli(command, roundDir, '--out', out, '--json');
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.out) as JsonError;
    expect(parsed.exitCode).toBe(2);
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toMatch(words);
    expect(parsed.error.path).toBe(join(out, named).replace(/\/$/, ''));
    await expectNothingLeft(out);

    // The disk is fine again: the same command succeeds, and still leaves nothing behind.
    writeFaults.inject = null;
    const again = await cli(command, roundDir, '--out', out);
    expect(again.code, again.out + again.err).toBe(0);
    await expectNothingLeft(out);
  }, 60_000);

  it('status --json: a failed write of its registry is one JSON object too', async () => {
    const out = freshOut();
    failAt('write', '.baocao-received.json', 'ENOSPC');
    const r = await cli('status', roundDir, '--out', out, '--json');
    expect(r.code).toBe(2);
    const parsed = JSON.parse(r.out) as JsonError;
    expect(parsed.error).toMatchObject({ code: 'ENOSPC', path: join(out, '.baocao-received.json') });
    await expectNothingLeft(out);
  }, 60_000);

  it('a lock file that cannot be removed is an error, not a loop at 100 % CPU', async () => {
    const out = freshOut();
    // A stale lock (three minutes old) that is a folder: unlink fails for ever.
    await mkdir(join(out, '.baocao.lock'), { recursive: true });
    const old = new Date(Date.now() - 180_000);
    await utimes(join(out, '.baocao.lock'), old, old);
    const started = performance.now();
    const r = await cli('build', roundDir, '--out', out, '--json');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    const parsed = JSON.parse(r.out) as JsonError;
    expect(parsed.error.path).toBe(join(out, '.baocao.lock'));
    expect(parsed.error.message).toMatch(/^Không xóa được tệp .*\.baocao\.lock: .*thư mục trùng tên/);
  }, 60_000);
});

describe('an output folder baocao cannot use (real, no injection)', () => {
  it('--out under a file: ENOTDIR naming that file, before any work', async () => {
    const file = join(env.root, 'mot-tep.txt');
    await writeFile(file, 'không phải thư mục');
    const r = await cli('check', roundDir, '--out', join(file, 'ket-qua'), '--json');
    expect(r.code).toBe(2);
    const parsed = JSON.parse(r.out) as JsonError;
    expect(parsed.error).toMatchObject({ code: 'ENOTDIR', path: file });
    expect(parsed.error.message).toContain(join(file, 'ket-qua'));
    expect(parsed.error.message).toContain('là tệp chứ không phải thư mục');
  });

  it('--out that is a file: EEXIST', async () => {
    const file = join(env.root, 'ket-qua.xlsx');
    await writeFile(file, 'x');
    const r = await cli('build', roundDir, '--out', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Không dùng được thư mục kết quả .*ket-qua\.xlsx: đã có một tệp trùng tên/);
  });

  it('--out with a folder name over 255 bytes: ENAMETOOLONG', async () => {
    const long = join(env.out, 'Thư mục kết quả '.repeat(16));
    expect(byteLength('Thư mục kết quả '.repeat(16))).toBeGreaterThan(NAME_MAX_BYTES);
    const r = await cli('build', roundDir, '--out', long, '--json');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as JsonError).error).toMatchObject({ code: 'ENAMETOOLONG', path: long });
  });

  it.each(['/proc/baocao-x', '/sys/baocao-x', '/proc/self/fd/baocao'])('--out %s is refused at once with exit 2 (it used to spin for ever)', async (out) => {
    for (const command of ['build', 'check', 'forms', 'status']) {
      const started = performance.now();
      const r = await cli(command, roundDir, '--out', out);
      expect(performance.now() - started, command).toBeLessThan(5_000);
      expect(r.code, command).toBe(2);
      expect(r.err, command).toContain(`Không dùng được thư mục kết quả ${out}: đây là thư mục hệ thống ảo`);
    }
    // Before any work: even a folder that does not exist is not looked at first.
    const none = await runBuild(join(env.root, 'khong-co'), { outDir: out });
    expect(none.error?.code).toBe('EPSEUDOFS');
  }, 30_000);
});

describe('temporary files a killed run left', () => {
  it('are removed from the cache folder and sub-folders (tra-lai/) too; a fresh one stays', async () => {
    const out = freshOut();
    expect((await cli('check', estimateDir, '--annotate', '--out', out)).code).toBe(1);
    const old = new Date(Date.now() - 120_000);
    const stale = ['.baocao-cache/.checked.json.99998.0123abcd.tmp', 'tra-lai/.Ban sao.xlsx.99998.89abcdef.tmp', '.bao-cao.docx.99998.00000000.tmp'];
    for (const f of stale) {
      await writeFile(join(out, f), 'a killed run');
      await utimes(join(out, f), old, old);
    }
    const fresh = '.baocao-cache/.plan.json.99999.0123abcd.tmp';
    await writeFile(join(out, fresh), 'another run, writing now');
    expect((await cli('check', estimateDir, '--annotate', '--out', out)).code).toBe(1);
    const left = (await tree(out)).filter((f) => f.endsWith('.tmp'));
    expect(left).toEqual([fresh]);
  }, 60_000);
});

describe('check --annotate with a ~100-letter Vietnamese file name', () => {
  it('writes a shortened, readable copy (the full name inside it) instead of aborting with ENAMETOOLONG', async () => {
    expect(byteLength(LONG_NAME)).toBeGreaterThanOrEqual(240);
    expect(byteLength(LONG_NAME)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    const out = freshOut();
    const r = await cli('check', estimateDir, '--annotate', '--out', out);
    expect(r.code, r.out + r.err).toBe(1);
    const copies = await readdir(join(out, 'tra-lai'));
    expect(copies).toHaveLength(1);
    const [copy = ''] = copies;
    expect(byteLength(copy)).toBeLessThanOrEqual(OUTPUT_NAME_MAX_BYTES);
    expect(copy).toMatch(/^Báo cáo dự toán kinh phí thực hiện Kế hoạch hợp tác.*~[0-9a-f]{8}\.xlsx$/);
    const wb = await loadXlsx(join(out, 'tra-lai', copy));
    const cover = wb.getWorksheet(ANNOTATION_SHEET);
    const texts: string[] = [];
    cover?.eachRow((row) => texts.push((row.values as unknown[]).map((v) => String(v ?? '')).join(' ')));
    expect(texts.join('\n')).toContain(`Tệp gốc: ${LONG_NAME}`);

    // The agency's copy is edited (kept); the next copy goes beside it, within 255 bytes too.
    await writeFile(join(out, 'tra-lai', copy), Buffer.concat([await readFile(join(out, 'tra-lai', copy)), Buffer.from('x')]));
    const again = await cli('check', estimateDir, '--annotate', '--out', out);
    expect(again.code, again.out + again.err).toBe(1);
    const beside = (await readdir(join(out, 'tra-lai'))).filter((f) => f.includes('(ban moi'));
    expect(beside).toHaveLength(1);
    expect(byteLength(beside[0] ?? '')).toBeLessThanOrEqual(NAME_MAX_BYTES);
    expect((await stat(join(out, 'tra-lai', beside[0] ?? ''))).size).toBeGreaterThan(0);
    await expectNothingLeft(out);
  }, 60_000);
});
