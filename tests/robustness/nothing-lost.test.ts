/**
 * Nothing is lost: a build killed with SIGKILL part way leaves every previous output readable
 * and the next build carries on as if nothing happened; two builds on one round at once both
 * succeed; a report a person edited is never overwritten.
 *
 * The kill tests run the real CLI (`node bin/baocao.js build …`) as a child process, compiled with
 * tsc into a private folder so they never touch dist/ (which other tools may be using).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, bgPlan, bgProgress2025 } from '../../scripts/examples/bacgiang.js';
import { runBuild } from '../../src/run.js';
import { MANIFEST } from '../../src/write/index.js';
import { cli, tempPlan } from '../e2e/helpers.js';
import { PROGRESS_2025, filledForm, loadBgPlan } from '../fixtures/submission.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** A private build of the CLI: <BUILD>/bin/baocao.js runs <BUILD>/dist/src/cli.js (no bundle there: bin/load.js's last choice), like the real bin. */
const BUILD = join(ROOT, 'node_modules', '.cache', `baocao-nothing-lost-${process.pid}`);

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;

/** A 2025 progress round of the seed plan: ten agencies report their tasks (one does not). */
async function progressRound(): Promise<void> {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  roundDir = join(env.planDir, '2025');
  await mkdir(roundDir, { recursive: true });
  const plan = await loadBgPlan();
  const past = new Date(Date.now() - 3_600_000);
  for (const agency of bgPlan.agencies) {
    if (agency.code === 'DPTTH') continue;
    const form = await filledForm(plan, PROGRESS_2025, agency.code, {
      preparedBy: 'Trần Thị B',
      preparedDate: new Date(Date.UTC(2025, 9, 25)),
      tasks: bgProgress2025[agency.code] ?? [],
    });
    const path = join(roundDir, `${agency.code} bao cao 2025.xlsx`);
    await writeFile(path, form.bytes);
    await utimes(path, past, past);
  }
}

async function compileCli(): Promise<void> {
  await rm(BUILD, { recursive: true, force: true });
  await mkdir(join(BUILD, 'bin'), { recursive: true });
  const tsconfig = {
    extends: join(ROOT, 'tsconfig.build.json'),
    compilerOptions: { rootDir: ROOT, outDir: join(BUILD, 'dist'), noEmit: false, sourceMap: false, incremental: false },
    include: [join(ROOT, 'src')],
  };
  await writeFile(join(BUILD, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere in a work tree do not stop tsc from emitting; only the output matters here.
  await new Promise<void>((done) => execFile(process.execPath, [tsc, '-p', join(BUILD, 'tsconfig.json')], { timeout: 120_000 }, () => done()));
  await stat(join(BUILD, 'dist', 'src', 'cli.js'));
  await copyFile(join(ROOT, 'bin', 'baocao.js'), join(BUILD, 'bin', 'baocao.js'));
  await copyFile(join(ROOT, 'bin', 'load.js'), join(BUILD, 'bin', 'load.js'));
  // templates/ sits beside dist/, as in the project.
  await symlink(join(ROOT, 'templates'), join(BUILD, 'templates'), 'dir');
}

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly ms: number;
}

/** Runs `node bin/baocao.js build <round> --out <out>`; `kill(child)` may end it early. */
function buildChild(out: string, kill?: (child: ChildProcess) => () => void): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(BUILD, 'bin', 'baocao.js'), 'build', roundDir, '--out', out], { cwd: env.root, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const stop = kill?.(child);
  return new Promise((done) =>
    child.on('exit', (code, signal) => {
      stop?.();
      done({ code, signal, out: text, ms: performance.now() - started });
    }),
  );
}

/** Visible files of a folder (what a person sees), sorted. */
async function visible(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
}

/** The outputs of a progress round: the report, its Excel appendices and the check report. */
function expectOutputs(names: readonly string[], reference?: readonly string[]): void {
  expect(names).toEqual(expect.arrayContaining([...(reference ?? ['bao-cao.docx', 'kiem-tra.xlsx', 'phu-luc-nhiem-vu.xlsx'])]));
  // Nothing else a person would see: no "(ban moi …)" copies, no half-written files.
  for (const n of names) expect(n).toMatch(/^[a-z-]+\.(xlsx|docx)$/);
}

/** Opens every output as its format requires: .xlsx with exceljs, .docx with jszip; the manifest as JSON. */
async function assertReadable(dir: string): Promise<void> {
  for (const name of await visible(dir)) {
    const bytes = await readFile(join(dir, name));
    if (name.endsWith('.xlsx')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.length, name).toBeGreaterThan(0);
    } else if (name.endsWith('.docx')) {
      const doc = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
      expect(doc, name).toContain('</w:document>');
    }
  }
  const manifest = await readFile(join(dir, MANIFEST), 'utf8').catch(() => null);
  if (manifest !== null) expect(() => JSON.parse(manifest) as unknown).not.toThrow();
}

beforeAll(async () => {
  await Promise.all([progressRound(), compileCli()]);
}, 120_000);

afterAll(async () => {
  await env.cleanup();
  await rm(BUILD, { recursive: true, force: true });
});

describe('a build killed part way', () => {
  const out = () => join(env.out, 'bi-ngat');
  let outputs: string[];
  let fullMs: number;

  beforeAll(async () => {
    const first = await buildChild(out());
    expect(first.code, first.out).toBe(0);
    fullMs = first.ms;
    outputs = await visible(out());
    expectOutputs(outputs);
  }, 60_000);

  /** Kills the child when the n-th temporary output file appears (in the middle of the write stage). */
  const atTempFile =
    (n: number) =>
    (child: ChildProcess): (() => void) => {
      let seen = 0;
      const w: FSWatcher = watch(out(), (_event, name) => {
        if (name && /\.tmp$/.test(name) && ++seen === n) child.kill('SIGKILL');
      });
      return () => w.close();
    };
  /** Kills the child right after its n-th output has been renamed into place (outputs half replaced). */
  const atOutputRename =
    (n: number) =>
    (child: ChildProcess): (() => void) => {
      let seen = 0;
      const w: FSWatcher = watch(out(), (_event, name) => {
        if (name && outputs.includes(name) && ++seen === n) child.kill('SIGKILL');
      });
      return () => w.close();
    };
  const after =
    (ms: number) =>
    (child: ChildProcess): (() => void) => {
      const t = setTimeout(() => child.kill('SIGKILL'), ms);
      return () => clearTimeout(t);
    };

  it('leaves every previous output readable, whenever the kill comes', async () => {
    // Right after an output is renamed into place (the others still old, the manifest not yet
    // final), while a temporary file is being written, and at moments spread over the run.
    const kills = [atOutputRename(1), atTempFile(1), atOutputRename(2), atTempFile(3), after(fullMs * 0.4), after(fullMs * 0.8)];
    let killed = 0;
    for (const kill of kills) {
      const r = await buildChild(out(), kill);
      if (r.signal === 'SIGKILL') killed++;
      // Only the outputs (and hidden temporary files) are there, and each one still opens.
      expectOutputs(await visible(out()), outputs);
      await assertReadable(out());
    }
    expect(killed).toBeGreaterThanOrEqual(kills.length - 2);
  }, 120_000);

  it('the next build succeeds at once, takes no killed file for a person’s edit, and removes stale temporary files', async () => {
    // Temporary files the kills left: make them look two minutes old; add a fresh one that must stay.
    const old = new Date(Date.now() - 120_000);
    const temps = (await readdir(out())).filter((f) => f.endsWith('.tmp'));
    for (const f of temps) await utimes(join(out(), f), old, old);
    await writeFile(join(out(), '.kiem-tra.xlsx.99999.0123abcd.tmp'), 'being written by another run');
    const next = await buildChild(out());
    expect(next.code, next.out).toBe(0);
    // A lock left by a killed run does not make it wait (60 s) or fail.
    expect(next.ms).toBeLessThan(fullMs * 3 + 5_000);
    expect(next.out).not.toContain('sửa tay');
    expectOutputs(await visible(out()), outputs);
    const left = (await readdir(out())).filter((f) => f.endsWith('.tmp'));
    expect(left).toEqual(['.kiem-tra.xlsx.99999.0123abcd.tmp']);
    expect((await readdir(out())).includes('.baocao.lock')).toBe(false);
    await assertReadable(out());
  }, 60_000);
});

describe('two builds on one round at once', () => {
  it('in one process (Promise.all): both succeed and the outputs are valid', async () => {
    const out = join(env.out, 'cung-luc');
    const [a, b] = await Promise.all([runBuild(roundDir, { outDir: out }), runBuild(roundDir, { outDir: out })]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expectOutputs(await visible(out));
    expect([...a.messages, ...b.messages].join('\n')).not.toContain('sửa tay');
    await assertReadable(out);
  }, 60_000);

  it('in two processes: both succeed and the outputs are valid', async () => {
    const out = join(env.out, 'hai-tien-trinh');
    const [a, b] = await Promise.all([buildChild(out), buildChild(out)]);
    expect([a.code, b.code], a.out + b.out).toEqual([0, 0]);
    expectOutputs(await visible(out));
    expect(a.out + b.out).not.toContain('sửa tay');
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp') || f === '.baocao.lock')).toEqual([]);
    await assertReadable(out);
  }, 60_000);
});

describe('an edited report is never overwritten', () => {
  it('bao-cao.docx edited by a person is kept byte for byte; the new one is written beside it, once', async () => {
    const out = join(env.out, 'sua-bao-cao');
    expect((await cli('build', roundDir, '--out', out)).code).toBe(0);
    const report = join(out, 'bao-cao.docx');
    // The secretary rewrites a sentence in Word and saves.
    const zip = await JSZip.loadAsync(await readFile(report));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    zip.file('word/document.xml', xml.replace('KẾT QUẢ THỰC HIỆN', 'KẾT QUẢ THỰC HIỆN (đã sửa)'));
    await writeFile(report, await zip.generateAsync({ type: 'nodebuffer' }));
    const edited = await readFile(report);

    // Three builds of the same inputs (a second apart, so a new copy would get a new name; the
    // outputs' own creation dates differ): one copy beside the edited report, not one per build.
    const copy = /bao-cao\.docx đã được sửa tay sau lần tạo trước nên KHÔNG bị ghi đè; bản mới ghi tại: .*bao-cao \(ban moi \d{8}-\d{6}\)\.docx/;
    const same = /bao-cao\.docx đã được sửa tay sau lần tạo trước nên KHÔNG bị ghi đè; bản mới giống bản đã ghi lần trước tại: .*bao-cao \(ban moi \d{8}-\d{6}\)\.docx \(không thay đổi, không ghi thêm bản nào\)/;
    for (let i = 0; i < 3; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1_100));
      const r = await cli('build', roundDir, '--out', out);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(i === 0 ? copy : same);
      expect(await readFile(report)).toEqual(edited);
    }
    const beside = (await readdir(out)).filter((f) => f.startsWith('bao-cao (ban moi'));
    expect(beside).toHaveLength(1);
    const doc = await (await JSZip.loadAsync(await readFile(join(out, beside[0] ?? '')))).file('word/document.xml')?.async('string');
    expect(doc).toContain('KẾT QUẢ THỰC HIỆN');
    expect(doc).not.toContain('(đã sửa)');
  }, 60_000);

  it('a copy that no longer matches (the copy was deleted, or the figures changed) is written anew', async () => {
    // A private copy of the plan and round: this test changes an agency's file.
    const planDir = join(env.root, 'rieng', BG_PLAN_ID);
    const round = join(planDir, '2025');
    await cp(env.planDir, planDir, { recursive: true });
    const out = join(env.out, 'sua-roi-doi');
    expect((await cli('build', round, '--out', out)).code).toBe(0);
    const sheet = join(out, 'phu-luc-nhiem-vu.xlsx');
    await writeFile(sheet, Buffer.concat([await readFile(sheet), Buffer.from('sửa tay')]));
    expect((await cli('build', round, '--out', out)).code).toBe(0);
    const copies = async () => (await readdir(out)).filter((f) => f.startsWith('phu-luc-nhiem-vu (ban moi')).sort();
    const [first] = await copies();
    expect(first).toBeDefined();
    // The person deletes the copy: the next build writes it again.
    await rm(join(out, first ?? ''));
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await cli('build', round, '--out', out, '--json');
    const summary = JSON.parse(again.out) as { written: { name: string; unchanged: boolean; besideEdited: boolean }[] };
    expect(summary.written.find((w) => w.name === 'phu-luc-nhiem-vu.xlsx')).toMatchObject({ besideEdited: true, unchanged: false });
    expect(await copies()).toHaveLength(1);
    // One agency's results change: the new appendix differs from the copy, so a second copy is written.
    const plan = await loadBgPlan();
    const tasks = (bgProgress2025['SNGV'] ?? []).map((t, i) => (i === 0 ? { ...t, result: `${t.result} Bổ sung kết quả.` } : t));
    const form = await filledForm(plan, PROGRESS_2025, 'SNGV', { preparedBy: 'Trần Thị B', preparedDate: new Date(Date.UTC(2025, 9, 25)), tasks });
    await writeFile(join(round, 'SNGV bao cao 2025.xlsx'), form.bytes);
    await new Promise((r) => setTimeout(r, 1_100));
    const changed = await cli('build', round, '--out', out);
    expect(changed.code, changed.out).toBe(0);
    expect(await copies()).toHaveLength(2);
  }, 60_000);
});
