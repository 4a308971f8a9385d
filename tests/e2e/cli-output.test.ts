/**
 * Output modes for scripts and people: --quiet prints only errors, build --json prints a summary
 * on stdout, a progress bar appears on a terminal for runs over 20 files, watch has Vietnamese help.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { cli } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;

beforeAll(async () => {
  env = await copyExample();
});

afterAll(async () => {
  await env.cleanup();
});

describe('--quiet', () => {
  it('prints nothing but the errors, and keeps the exit code', async () => {
    const dir = join(env.planDir, 'du-toan');
    const r = await cli('check', dir, '--out', join(env.out, 'q'), '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    // The shipped du-toan round's first Sở Ngoại vụ file has an error but is superseded: build is quiet too.
    const b = await cli('build', dir, '--out', join(env.out, 'q'), '--quiet');
    expect(b.code).toBe(0);
    expect(b.out + b.err).toBe('');
  });

  it('shows each error on its own line with file and cell', async () => {
    const dir = join(env.planDir, 'du-toan');
    const bad = join(env.root, 'input', 'bacgiang-namninh-2025-2028', 'du-toan', 'rac.xlsx');
    await writeFile(bad, 'không phải bảng tính');
    const r = await cli('check', dir, '--out', join(env.out, 'q2'), '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([expect.stringMatching(/^Lỗi: rac\.xlsx: Tệp "rac\.xlsx" không phải bảng tính Excel/)]);
  });
});

describe('build --json', () => {
  it('prints exit code, findings, written files and changes on stdout, messages on stderr', async () => {
    const dir = join(env.planDir, '2025');
    const r = await cli('build', dir, '--out', join(env.out, 'j'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { exitCode: number; findings: unknown[]; written: { name: string; unchanged: boolean }[]; changes: unknown };
    expect(json.exitCode).toBe(0);
    expect(Array.isArray(json.findings)).toBe(true);
    expect(json.written.map((w) => w.name)).toContain('bao-cao.docx');
    expect(json.changes).toBeNull();
    expect(r.err).toContain('Tổng hợp kế hoạch');
  });
});

describe('progress bar', () => {
  async function runWithTerminal(isTTY: boolean, files: number): Promise<string> {
    const dir = join(env.planDir, `${isTTY ? 2031 : 2032}-Q${files > 20 ? 1 : 2}`);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < files; i++) await writeFile(join(dir, `tep-${i}.xlsx`), `không phải bảng tính ${i}`);
    let drawn = '';
    const progress = Object.assign(
      new Writable({
        write(chunk: Buffer, _enc, done) {
          drawn += chunk.toString();
          done();
        },
      }),
      { isTTY, columns: 100 },
    );
    await main(['node', 'baocao', 'check', dir, '--out', join(env.out, `p-${isTTY}-${files}`)], { out: () => undefined, err: () => undefined, progress });
    return drawn;
  }

  it('is drawn on a terminal for more than 20 files', async () => {
    expect(await runWithTerminal(true, 21)).toMatch(/Đang kiểm tra tệp .*\/21 tệp/);
  });

  it('is not drawn for few files or when stderr is not a terminal', async () => {
    expect(await runWithTerminal(true, 5)).toBe('');
    expect(await runWithTerminal(false, 21)).toBe('');
  });
});

describe('watch', () => {
  it('has Vietnamese help and stops at once when asked', async () => {
    const help = await cli('watch', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Theo dõi thư mục đợt');
    expect(help.out).toContain('Ctrl+C');
    const ac = new AbortController();
    const out: string[] = [];
    const running = main(['node', 'baocao', 'watch', join(env.planDir, 'du-toan'), '--out', join(env.out, 'w')], { out: (t) => out.push(t), err: (t) => out.push(t), stop: ac.signal });
    const end = Date.now() + 15_000;
    while (!out.some((l) => l.includes('Đang theo dõi')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    expect(await running).toBe(0);
    expect(out.join('\n')).toContain('Đã dừng theo dõi.');
  }, 20_000);

  it('a folder that is not a round → exit code 2', async () => {
    const r = await cli('watch', '/khong/co/thu-muc/nay');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Không tìm thấy thư mục');
  });
});
