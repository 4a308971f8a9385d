/**
 * The bundle bin/baocao.js runs (scripts/bundle.ts, built by `npm install`) behaves exactly like
 * the sources the other tests run: the same outputs, part for part, for a shipped example —
 * with worker threads forced on, so the bundled worker entry is exercised too.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiOnly, bundle } from '../../scripts/bundle.js';
import { cli } from './helpers.js';

// Two folders below the project, like dist/bundle/, so templates/ is found the same way.
const bundleDir = resolve('.bundle-test', randomBytes(6).toString('hex'));
let work: string;

beforeAll(async () => {
  await bundle(bundleDir);
  work = await mkdtemp(join(tmpdir(), 'baocao-bundle-'));
}, 120_000);
afterAll(async () => {
  await rm(bundleDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

function runBundled(args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    // What bin/baocao.js does with dist/bundle/cli.js.
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(bundleDir, 'cli.js')).href)}); process.exitCode = await main(['node', 'baocao', ...process.argv.slice(1)]);`;
    execFile(process.execPath, ['--input-type=module', '-e', script, ...args], { env: { ...process.env, BAOCAO_WORKERS: '1' }, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      done({ code, out: stdout + stderr });
    });
  });
}

async function parts(path: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) {
    // The creation time is the only part that differs from one run to the next.
    if (!entry.dir && name !== 'docProps/core.xml') out[name] = await entry.async('string');
  }
  return out;
}

describe('the bundled CLI', () => {
  it('builds a shipped plan with worker threads and writes the same files as the sources', async () => {
    const plan = resolve('input', 'bacgiang-namninh-2025-2028');
    const fromBundle = await runBundled(['build', plan, '--out', join(work, 'bundle'), '--quiet']);
    expect(fromBundle.code, fromBundle.out).toBe(0);
    const fromSources = await cli('build', plan, '--out', join(work, 'sources'), '--quiet');
    expect(fromSources.code, fromSources.out + fromSources.err).toBe(0);
    for (const round of ['du-toan', '2025']) {
      const dir = (which: string) => join(work, which, 'bacgiang-namninh-2025-2028', round);
      const files = (await readdir(dir('sources'))).filter((f) => /\.(docx|xlsx)$/.test(f)).sort();
      expect(files.length).toBeGreaterThan(1);
      expect((await readdir(dir('bundle'))).filter((f) => /\.(docx|xlsx)$/.test(f)).sort()).toEqual(files);
      for (const f of files) expect(await parts(join(dir('bundle'), f)), `${round}/${f}`).toEqual(await parts(join(dir('sources'), f)));
      // The bundle knows its own stamp: its outputs are recorded with it (reused by its next run), the sources' are not.
      const stamp = (await readFile(join(bundleDir, '.code-stamp'), 'utf8')).trim();
      expect(stamp).toMatch(/^[0-9a-f]{64}$/);
      const recorded = async (which: string) => {
        const m = JSON.parse(await readFile(join(dir(which), '.baocao-manifest.json'), 'utf8')) as { files: Record<string, { renderKey?: string }> };
        return Object.entries(m.files).filter(([, e]) => e.renderKey !== undefined).map(([name, e]) => [name, e.renderKey?.startsWith(`${stamp}:${name}:`)]);
      };
      const bundled = await recorded('bundle');
      expect(bundled.length).toBe(files.length);
      expect(bundled.every(([, ok]) => ok)).toBe(true);
      expect(await recorded('sources')).toEqual([]);
    }
  }, 120_000);

  it('is ASCII only (V8 then keeps each chunk one byte per character)', async () => {
    for (const name of (await readdir(bundleDir)).filter((n) => n.endsWith('.js'))) {
      expect(/[^\x00-\x7f]/.test(await readFile(join(bundleDir, name), 'utf8')), name).toBe(false);
    }
  });

  it('prints its help in Vietnamese and exits 2 on an unknown command', async () => {
    const r = await runBundled(['lenh-khong-co']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/[Ll]ệnh/);
  });
});

describe('asciiOnly (the bundle\'s non-ASCII characters as escapes)', () => {
  // Each expression gives the same value with its characters escaped.
  const same = [
    String.raw`/(?:ngày|tháng|năm)/iu.test("Ngày 5")`,
    String.raw`/^[a-zâêôăơưđ]+$/u.test("đường")`,
    String.raw`/[à-ỹ]/.test("ạ") && !/[à-ỹ]/.test("a")`,
    String.raw`"ngày 😀".length + "|" + "ngày 😀"`,
    String.raw`/😀+/u.exec("x😀😀y")[0]`,
    String.raw`/^[-–+•]\s*/u.exec("– a")[0]`,
    String.raw`"Kinh phí".replace(/í/g, "i") /* chú thích: ký tự */`,
  ];
  for (const code of same) {
    it(code, () => {
      const escaped = asciiOnly(code);
      expect(/[^\x00-\x7f]/.test(escaped)).toBe(false);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code under test is this table's
      expect(new Function(`return ${escaped}`)()).toEqual(new Function(`return ${code}`)());
    });
  }

  it('leaves a file as it is when a character follows a backslash (its escape would mean something else)', () => {
    const code = String.raw`/\ạ/.test("ạ") && "ạ"`;
    expect(asciiOnly(code)).toBe(code);
  });
});
