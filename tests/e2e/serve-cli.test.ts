/**
 * `baocao serve` from the command line: the address alone on the first line, the page answers
 * there (bound to 127.0.0.1), and the server stops when asked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

describe('baocao serve', () => {
  it('prints the address on its first line, serves the page there, stops on request (exit 0)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'baocao-serve-'));
    try {
      const out: string[] = [];
      const stop = new AbortController();
      let firstLine: (line: string) => void = () => undefined;
      const first = new Promise<string>((resolve) => (firstLine = resolve));
      const running = main(['node', 'baocao', 'serve', '--no-open', '--input', join(root, 'input'), '--output', join(root, 'output')], {
        out: (t) => {
          if (out.length === 0) firstLine(t);
          out.push(t);
        },
        err: (t) => out.push(`ERR ${t}`),
        stop: stop.signal,
      });
      const url = await first;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="vi">');
      const plans = (await (await fetch(`${url}api/plans`)).json()) as { plans: unknown[] };
      expect(plans.plans).toEqual([]);
      stop.abort();
      expect(await running).toBe(0);
      expect(out.join('\n')).toContain('Đã dừng trang baocao.');
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a port that is not a number (exit 2, in Vietnamese)', async () => {
    const err: string[] = [];
    const code = await main(['node', 'baocao', 'serve', '--no-open', '--port', 'tám'], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/cổng "tám" không hợp lệ/);
  });
});
