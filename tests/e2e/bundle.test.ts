/**
 * The bundle bin/baocao.js runs (scripts/bundle.ts, built by `npm install`) behaves exactly like
 * the sources the other tests run: the same outputs, part for part, for a shipped example —
 * with worker threads forced on, so the bundled worker entry is exercised too. It is loaded as
 * bin/load.js loads it: the CommonJS bundle with the code cache the build made, which V8 takes;
 * a cache made from other bytes, or damaged, is not used and the command runs the same.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

/** Runs the CLI from the test's bundle as bin/baocao.js does (bin/load.js), or its ES module cli.js; says what was loaded. */
function runBundled(args: readonly string[], how: 'load' | 'esm' = 'load', dir = bundleDir): Promise<{ code: number; out: string; loaded: string }> {
  return new Promise((done) => {
    const load = pathToFileURL(resolve('bin', 'load.js')).href;
    const esm = pathToFileURL(join(dir, 'cli.js')).href;
    const script =
      how === 'load'
        ? `const { loadCli } = await import(${JSON.stringify(load)}); const cli = await loadCli(${JSON.stringify(dir)}); process.stderr.write('[loaded ' + cli.from + ' ' + cli.codeCache + ']\\n'); process.exitCode = await cli.main(['node', 'baocao', ...process.argv.slice(1)]);`
        : `const { main } = await import(${JSON.stringify(esm)}); process.stderr.write('[loaded esm absent]\\n'); process.exitCode = await main(['node', 'baocao', ...process.argv.slice(1)]);`;
    execFile(process.execPath, ['--input-type=module', '-e', script, ...args], { env: { ...process.env, BAOCAO_WORKERS: '1' }, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      done({ code, out: stdout + stderr, loaded: /\[loaded ([a-z]+ [a-z]+)\]/.exec(stderr)?.[1] ?? '' });
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
    // The CommonJS bundle, compiled with the code cache the build made.
    expect(fromBundle.loaded).toBe('cjs used');
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
    const names = (await readdir(bundleDir)).filter((n) => n.endsWith('.js') || n.endsWith('.cjs'));
    expect(names).toContain('cli.cjs');
    for (const name of names) {
      expect(/[^\x00-\x7f]/.test(await readFile(join(bundleDir, name), 'utf8')), name).toBe(false);
    }
  });

  it('prints its help in Vietnamese and exits 2 on an unknown command (both bundles)', async () => {
    for (const how of ['load', 'esm'] as const) {
      const r = await runBundled(['lenh-khong-co'], how);
      expect(r.code, how).toBe(2);
      expect(r.out, how).toMatch(/[Ll]ệnh/);
    }
  });

  it('falls back to the ES module bundle when the CommonJS one does not load (a damaged file)', async () => {
    const broken = `${bundleDir}-broken`;
    await cp(bundleDir, broken, { recursive: true });
    try {
      await writeFile(join(broken, 'cli.cjs'), 'this is not JavaScript (');
      const r = await runBundled(['lenh-khong-co'], 'load', broken);
      expect(r.loaded).toBe('esm absent');
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/[Ll]ệnh/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('uses a code cache only when it was made from these bytes; without one, the same command gives the same outputs', async () => {
    const cache = join(bundleDir, 'cli.cjs.cache');
    const good = await readFile(cache);
    // Its header is the SHA-256 of the bundle it was made from.
    expect(good.toString('latin1', 0, 65)).toBe(`${createHash('sha256').update(await readFile(join(bundleDir, 'cli.cjs'))).digest('hex')}\n`);
    const plan = resolve('input', 'bacgiang-namninh-2025-2028');
    const outputs = async (which: string) => {
      const dir = join(work, which, 'bacgiang-namninh-2025-2028', '2025');
      const out: Record<string, Record<string, string>> = {};
      for (const f of (await readdir(dir)).filter((n) => /\.(docx|xlsx)$/.test(n)).sort()) out[f] = await parts(join(dir, f));
      return out;
    };
    try {
      const cases: [string, Buffer | null, string][] = [
        // Made from other bytes (same length): not given to V8 at all.
        ['other', Buffer.concat([Buffer.from(`${'0'.repeat(64)}\n`, 'latin1'), good.subarray(65)]), 'cjs absent'],
        // Damaged after its header: V8 refuses it.
        ['damaged', Buffer.concat([good.subarray(0, 65), Buffer.alloc(good.length - 65, 7)]), 'cjs rejected'],
        ['missing', null, 'cjs absent'],
      ];
      for (const [name, bytes, loaded] of cases) {
        if (bytes) await writeFile(cache, bytes);
        else await rm(cache, { force: true });
        const r = await runBundled(['build', plan, '--out', join(work, `cache-${name}`), '--quiet']);
        expect(r.code, `${name}: ${r.out}`).toBe(0);
        expect(r.loaded, name).toBe(loaded);
        expect(await outputs(`cache-${name}`), name).toEqual(await outputs('bundle'));
      }
    } finally {
      await writeFile(cache, good);
    }
  }, 120_000);
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
