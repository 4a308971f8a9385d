/**
 * `baocao watch`: started in-process with an AbortSignal, it builds once, then rebuilds exactly
 * once when a workbook is copied into the folder (lock files and half-written files do not
 * count), says what changed, and resolves when aborted.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { docxText } from './helpers.js';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderChange } from '../../src/read/watch.js';
import { runWatch, type RunResult } from '../../src/run.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;

beforeAll(async () => {
  env = await copyExample();
});

afterAll(async () => {
  await env.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

async function until(what: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

describe('baocao watch', () => {
  it('rebuilds once when a workbook is copied in, ignores lock files, and stops on abort', async () => {
    const roundDir = join(env.planDir, 'du-toan');
    const out = join(env.out, 'du-toan');
    // The folder starts without Sở Ngoại vụ's second submission; it arrives while watching.
    const second = 'So Ngoai vu - du toan (gui lan 2).xlsx';
    const bytes = await readFile(join(roundDir, second));
    await rename(join(roundDir, second), join(env.root, second));
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(roundDir, { outDir: out, debounceMs: 100, stableMs: 700, pollMs: 60_000, onBuild: (result, change) => builds.push({ result, change }) }, ac.signal);
    await until(() => builds.length === 1);
    expect(builds[0]?.change).toBeNull();
    const before = await sha(join(out, 'phu-luc-du-toan.xlsx'));

    // Excel's lock file alone is not a change.
    await writeFile(join(roundDir, '~$So Ngoai vu.xlsx'), 'lock');
    await sleep(800);
    expect(builds).toHaveLength(1);

    // The new file is written in two halves, 250 ms apart, like a slow copy: one rebuild, after it is complete.
    const fh = await open(join(roundDir, second), 'w');
    await fh.write(bytes.subarray(0, 5000));
    await sleep(250);
    await fh.write(bytes.subarray(5000));
    await fh.close();
    await until(() => builds.length === 2);
    await sleep(1000);
    expect(builds).toHaveLength(2);
    const rebuild = builds[1];
    expect(rebuild?.change).toMatchObject({ added: [second], replaced: [], removed: [], plan: false });
    // The settled sizes and times reach the build, which then reads the new file without waiting again.
    expect(rebuild?.change?.settled.get(second)?.size).toBe(bytes.length);
    expect(rebuild?.result.exitCode).toBe(0);
    expect(rebuild?.result.messages[0]).toContain(`thêm tệp "${second}"`);
    expect(rebuild?.result.findings.some((f) => f.file === second && f.severity === 'error')).toBe(false);
    // Sở Ngoại vụ's corrected file now wins over the first one: the appendix changed, and the log says so.
    expect(await sha(join(out, 'phu-luc-du-toan.xlsx'))).not.toBe(before);
    expect(rebuild?.result.changes?.changes.length).toBeGreaterThan(0);
    expect(rebuild?.result.messages.join('\n')).toMatch(/Số liệu thay đổi so với lần lập lúc/);

    ac.abort();
    const last = await watching;
    expect(last.exitCode).toBe(0);
  }, 40_000);

  it('says at once that a workbook is open in Excel (unsaved changes are not read), and stops saying it once it is closed', async () => {
    const roundDir = join(env.planDir, 'du-toan');
    const out = join(env.out, 'du-toan-open');
    const file = '03-so-van-hoa-the-thao-va-du-lich.xlsx';
    const lock = join(roundDir, `~$${file}`);
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(roundDir, { outDir: out, debounceMs: 100, stableMs: 300, pollMs: 60_000, onBuild: (result, change) => builds.push({ result, change }) }, ac.signal);
    const openWarning = (r: RunResult | undefined) => r?.findings.filter((f) => f.code === 'file_open_elsewhere') ?? [];
    try {
      await until(() => builds.length === 1);
      expect(openWarning(builds[0]?.result)).toEqual([]);

      // Excel opens the workbook: its lock file appears beside it.
      await writeFile(lock, Buffer.alloc(165));
      await until(() => builds.length === 2);
      expect(builds[1]?.change).toMatchObject({ added: [], replaced: [], removed: [], opened: [file], closed: [] });
      const [warning] = openWarning(builds[1]?.result);
      expect(warning).toMatchObject({ file, severity: 'warning' });
      expect(warning?.message).toContain(`~$${file}`);
      expect(builds[1]?.result.messages[0]).toContain(`tệp "${file}" được mở trong Excel`);
      expect(builds[1]?.result.messages.join('\n')).toContain('những gì chưa lưu sẽ không có trong báo cáo');
      // Still checked and used: only what is not saved is missing.
      expect(builds[1]?.result.exitCode).toBe(0);

      // Excel closes it: the lock goes, and so does the warning.
      await rm(lock);
      await until(() => builds.length === 3);
      expect(builds[2]?.change).toMatchObject({ opened: [], closed: [file] });
      expect(openWarning(builds[2]?.result)).toEqual([]);
    } finally {
      ac.abort();
      await watching;
      await rm(lock, { force: true });
    }
  }, 40_000);

  it('waits for a copy that pauses longer than the settle time: still one rebuild, with the complete file', async () => {
    const roundDir = join(env.planDir, '2025');
    const out = join(env.out, '2025-slow');
    const name = '05-bao-bac-giang.xlsx';
    const bytes = await readFile(join(roundDir, name));
    await rename(join(roundDir, name), join(env.root, name));
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(roundDir, { outDir: out, debounceMs: 100, stableMs: 300, pollMs: 60_000, onBuild: (result, change) => builds.push({ result, change }) }, ac.signal);
    await until(() => builds.length === 1);
    // Half the file, then a pause five times the settle time (a slow network share), then the rest.
    const fh = await open(join(roundDir, name), 'w');
    await fh.write(bytes.subarray(0, 5000));
    await fh.sync();
    await sleep(1500);
    expect(builds).toHaveLength(1);
    await fh.write(bytes.subarray(5000));
    await fh.close();
    await until(() => builds.length === 2);
    await sleep(800);
    // On failure, what each build was for.
    const seen = builds.map((b) => b.change && { added: b.change.added, replaced: b.change.replaced, settled: [...b.change.settled] });
    expect(builds, JSON.stringify(seen)).toHaveLength(2);
    expect(builds[1]?.change).toMatchObject({ added: [name], replaced: [], removed: [], plan: false });
    expect(builds[1]?.result.findings.filter((f) => f.file === name && f.severity === 'error')).toEqual([]);
    ac.abort();
    expect((await watching).exitCode).toBe(0);
  }, 40_000);

  it("rebuilds when the plan's Word template is saved again, with its new text", async () => {
    const roundDir = join(env.planDir, '2025');
    const out = join(env.out, '2025-template');
    const template = (title: string) =>
      Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(`${title} {{period}}`)] })] }] }));
    await mkdir(join(env.planDir, 'mau'), { recursive: true });
    await writeFile(join(env.planDir, 'mau', 'bao-cao.docx'), await template('BẢN MỘT'));
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(roundDir, { outDir: out, debounceMs: 100, stableMs: 300, pollMs: 60_000, onBuild: (result, change) => builds.push({ result, change }) }, ac.signal);
    try {
      await until(() => builds.length === 1);
      expect(await docxText(join(out, 'bao-cao.docx'))).toContain('BẢN MỘT năm 2025');
      await writeFile(join(env.planDir, 'mau', 'bao-cao.docx'), await template('BẢN HAI'));
      await until(() => builds.length === 2);
      expect(builds[1]?.change).toMatchObject({ added: [], replaced: [], removed: [], plan: false, template: true });
      expect(builds[1]?.result.messages[0]).toContain('mẫu báo cáo mau/bao-cao.docx thay đổi');
      expect(await docxText(join(out, 'bao-cao.docx'))).toContain('BẢN HAI năm 2025');
    } finally {
      ac.abort();
      await watching;
      await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
    }
  }, 40_000);

  it("rebuilds when the plan's appendix layout (mau/phu-luc-kinh-phi.xlsx) is saved again, with its new header", async () => {
    const roundDir = join(env.planDir, '2025');
    const out = join(env.out, '2025-layout');
    const layout = async (header: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile(resolve('templates', 'phu-luc-kinh-phi.xlsx'))) as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      ws.getCell('B5').value = header;
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const headerOf = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile(join(out, 'phu-luc-kinh-phi.xlsx'))) as unknown as ExcelJS.Buffer);
      return wb.worksheets[0]?.getCell('B5').value;
    };
    await mkdir(join(env.planDir, 'mau'), { recursive: true });
    await writeFile(join(env.planDir, 'mau', 'phu-luc-kinh-phi.xlsx'), await layout('Nội dung (bản một)'));
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(roundDir, { outDir: out, debounceMs: 100, stableMs: 300, pollMs: 60_000, onBuild: (result, change) => builds.push({ result, change }) }, ac.signal);
    try {
      await until(() => builds.length === 1);
      expect(await headerOf()).toBe('Nội dung (bản một)');
      await writeFile(join(env.planDir, 'mau', 'phu-luc-kinh-phi.xlsx'), await layout('Nội dung (bản hai)'));
      await until(() => builds.length === 2);
      expect(builds[1]?.change).toMatchObject({ added: [], replaced: [], removed: [], plan: false, template: true, templates: ['phu-luc-kinh-phi.xlsx'] });
      expect(builds[1]?.result.messages[0]).toContain('mẫu phụ lục mau/phu-luc-kinh-phi.xlsx thay đổi');
      expect(await headerOf()).toBe('Nội dung (bản hai)');
    } finally {
      ac.abort();
      await watching;
      await rm(join(env.planDir, 'mau'), { recursive: true, force: true });
    }
  }, 40_000);

  it('a workbook saved while the first build runs is built right after it, not taken as the starting point', async () => {
    const roundDir = join(env.planDir, 'du-toan');
    const out = join(env.out, 'du-toan-during');
    const second = 'So Ngoai vu - du toan (gui lan 2).xlsx';
    const bytes = await readFile(join(roundDir, second));
    await rename(join(roundDir, second), join(env.root, second));
    const builds: { result: RunResult; change: FolderChange | null }[] = [];
    const ac = new AbortController();
    const watching = runWatch(
      roundDir,
      {
        outDir: out,
        debounceMs: 100,
        stableMs: 300,
        pollMs: 60_000,
        onBuild: (result, change) => {
          // Saved as the first build ends, before any later look at the folder: it must still count.
          if (builds.length === 0) writeFileSync(join(roundDir, second), bytes);
          builds.push({ result, change });
        },
      },
      ac.signal,
    );
    try {
      await until(() => builds.length === 2);
      expect(builds[1]?.change).toMatchObject({ added: [second], replaced: [], removed: [], plan: false });
    } finally {
      ac.abort();
      await watching;
    }
  }, 40_000);

  it('tells a zip still being written from a complete one', async () => {
    const { isUnfinishedZip } = await import('../../src/read/watch.js');
    const whole = await readFile(join(env.planDir, '2025', '01-so-ngoai-vu.xlsx'));
    const dir = env.root;
    await writeFile(join(dir, 'whole.xlsx'), whole);
    await writeFile(join(dir, 'half.xlsx'), whole.subarray(0, Math.floor(whole.byteLength / 2)));
    await writeFile(join(dir, 'text.xlsx'), 'not a workbook');
    expect(await isUnfinishedZip(join(dir, 'whole.xlsx'))).toBe(false);
    expect(await isUnfinishedZip(join(dir, 'half.xlsx'))).toBe(true);
    expect(await isUnfinishedZip(join(dir, 'text.xlsx'))).toBe(false);
    expect(await isUnfinishedZip(join(dir, 'missing.xlsx'))).toBe(false);
  });

  it('does not take a file as settled when it changed after the look that settled it (the rest of a copy just landed)', async () => {
    const { stillCopying } = await import('../../src/read/watch.js');
    const whole = await readFile(join(env.planDir, '2025', '01-so-ngoai-vu.xlsx'));
    const dir = join(env.root, 'settle');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'a.xlsx');
    const change = (size: number, mtimeMs: number): FolderChange => ({ added: ['a.xlsx'], replaced: [], removed: [], opened: [], closed: [], plan: false, template: false, templates: [], settled: new Map([['a.xlsx', { size, mtimeMs }]]) });
    // The look saw half the file; the rest has landed since: not settled, however complete it now is.
    await writeFile(path, whole.subarray(0, 5000));
    const half = await stat(path);
    await writeFile(path, whole);
    expect(await stillCopying(dir, change(half.size, half.mtimeMs), 30_000)).toBe(true);
    // The look saw the whole file: settled.
    const now = await stat(path);
    expect(await stillCopying(dir, change(now.size, now.mtimeMs), 30_000)).toBe(false);
    // Half a zip, unchanged since the look and modified lately: still being copied; long ago: taken as it is.
    await writeFile(path, whole.subarray(0, 5000));
    const cut = await stat(path);
    expect(await stillCopying(dir, change(cut.size, cut.mtimeMs), 30_000)).toBe(true);
    // (Long ago for real: with a zero age a file written within the same millisecond would still count as recent.)
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path, hourAgo, hourAgo);
    const old = await stat(path);
    expect(await stillCopying(dir, change(old.size, old.mtimeMs), 30_000)).toBe(false);
    // Gone since the look: not settled either.
    await rm(path);
    expect(await stillCopying(dir, change(old.size, old.mtimeMs), 30_000)).toBe(true);
  });

  it('a folder that is not a round resolves at once with exit code 2', async () => {
    const r = await runWatch(env.root, {}, new AbortController().signal);
    expect(r.exitCode).toBe(2);
  });
});
