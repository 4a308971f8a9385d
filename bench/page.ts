/**
 * `npm run bench:page`: the page's own targets on a synthetic 100-agency round (bench/synthetic.ts).
 * - A corrected workbook dropped on the page (uploaded as the browser does): time until its check
 *   is shown (the upload answered and the check the page then asks for returned), and until the
 *   rebuilt report can be downloaded (target ≤ 0,5 s and ≤ 1,5 s).
 * - The page's first load: bytes of the page (HTML, script, style) and the time to its load
 *   event and to the list of plans shown, in Chromium when installed (target < 200 KB, < 0,5 s).
 * The server runs in this process, as `baocao serve` does. Times are the median of --repeat runs (default 5).
 */
import { existsSync } from 'node:fs';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/serve/index.js';
import { makeRound, workbookName } from './synthetic.js';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100);
const repeatArg = process.argv.find((a) => a.startsWith('--repeat='));
const REPEAT = repeatArg ? Math.max(1, Number(repeatArg.slice(9))) : 5;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const root = join(tmpdir(), 'baocao-bench-page');
await rm(root, { recursive: true, force: true });
process.stderr.write(`Tạo đợt ${N} cơ quan…\n`);
const round = await makeRound(join(root, 'input'), N);
const planId = round.plan.id;
const server = await startServer({ input: join(root, 'input'), output: join(root, 'output') });
const api = `${server.url}api/plans/${encodeURIComponent(planId)}/rounds/2025`;
const origin = server.url.replace(/\/$/, '');

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { Origin: origin, ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// Files received a while ago (as in real life), then the round checked and built once: the page is open on it.
await sleep(2100);
let started = performance.now();
await json(`${api}/check`);
const coldCheck = performance.now() - started;
started = performance.now();
await json(`${api}/build`, { method: 'POST' });
const coldBuild = performance.now() - started;
process.stderr.write(`Kiểm tra lần đầu ${secs(coldCheck)}, lập báo cáo lần đầu ${secs(coldBuild)}.\n`);

const shown: number[] = [];
const rebuilt: number[] = [];
for (let k = 0; k < REPEAT; k++) {
  // The corrected workbook of agency i, as the agency e-mails it back; the folder keeps the first one.
  const i = 7 + 3 * k;
  const path = join(round.roundDir, workbookName(round.plan, i));
  const original = await readFile(path);
  await round.correct(i);
  const corrected = await readFile(path);
  await writeFile(path, original);
  const old = new Date(Date.now() - 3600_000);
  await utimes(path, old, old);
  await json(`${api}/check`);
  await sleep(300);

  const form = new FormData();
  form.append('file', new Blob([corrected]), `CQ${String(i + 1).padStart(4, '0')} - báo cáo 2025 (đã sửa).xlsx`);
  const t0 = performance.now();
  const since = new Date().toISOString();
  await json(`${api}/files`, { method: 'POST', body: form });
  const check = await json<{ totals: { files: number } }>(`${api}/check`);
  const t1 = performance.now();
  // The page asks for the report; it waits for the rebuild under way.
  for (;;) {
    const r = await json<{ last: { at: string } | null }>(`${api}/report`);
    if (r.last && r.last.at >= since) break;
    await sleep(5);
  }
  const docx = await fetch(`${api}/tai-ve?ten=bao-cao.docx`);
  if (!docx.ok) throw new Error('report not downloadable');
  await docx.arrayBuffer();
  const t2 = performance.now();
  shown.push(t1 - t0);
  rebuilt.push(t2 - t0);
  process.stderr.write(`  lần ${k + 1}: ${check.totals.files} tệp; kiểm tra hiện sau ${secs(t1 - t0)}, báo cáo lập lại tải được sau ${secs(t2 - t0)}\n`);
}

// The page's first load.
let pageBytes = 0;
for (const p of ['', 'app.js', 'style.css']) pageBytes += (await (await fetch(`${server.url}${p}`)).arrayBuffer()).byteLength;
let loadMs: number | null = null;
let listMs: number | null = null;
if (existsSync(CHROMIUM)) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const loads: number[] = [];
  const lists: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    // A new context each time: nothing cached.
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(server.url, { waitUntil: 'load' });
    loads.push(performance.now() - t0);
    await page.waitForSelector('.plan-card');
    lists.push(performance.now() - t0);
    await context.close();
  }
  await browser.close();
  loadMs = median(loads);
  listMs = median(lists);
}
await server.close();

const cpu = cpus()[0]?.model ?? '?';
const lines = [
  `Máy: ${availableParallelism()} nhân, ${cpu}, Node ${process.version}; đợt ${N} cơ quan; trung vị của ${REPEAT} lần (nhanh nhất / chậm nhất trong ngoặc).`,
  '',
  '| Trang baocao | Đo được | Mục tiêu |',
  '|---|---:|---:|',
  `| Thả 1 tệp đã sửa → kết quả kiểm tra hiện trên trang | ${secs(median(shown))} (${secs(Math.min(...shown))} / ${secs(Math.max(...shown))}) | ≤ 0,50 s |`,
  `| Thả 1 tệp đã sửa → báo cáo lập lại, tải về được | ${secs(median(rebuilt))} (${secs(Math.min(...rebuilt))} / ${secs(Math.max(...rebuilt))}) | ≤ 1,50 s |`,
  `| Dung lượng trang lần đầu (HTML + JS + CSS) | ${(pageBytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB | < 200 KB |`,
  loadMs === null ? '| Thời gian mở trang | (không có Chromium) | < 0,50 s |' : `| Mở trang lần đầu (Chromium, đến sự kiện load) | ${secs(loadMs)} | < 0,50 s |`,
  listMs === null ? '' : `| … đến khi hiện danh sách kế hoạch | ${secs(listMs)} | |`,
  '',
  `Lần đầu (trước khi đo): kiểm tra ${N} tệp ${secs(coldCheck)}, lập báo cáo ${secs(coldBuild)}.`,
].filter((l, i, a) => l !== '' || a[i - 1] !== '');
process.stdout.write(`${lines.join('\n')}\n`);
