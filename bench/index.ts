/**
 * `npm run bench`: synthetic rounds of 100 and 1.000 agency workbooks, and in one run: cold
 * check + build, rebuild after one corrected workbook, peak memory, and the floor — the time to
 * merely read, unzip and scan the XML of the same files. Each CLI run is its own process
 * (bench/child.ts); times are wall-clock, end to end, including starting Node.
 *
 * Usage: node dist/bench/index.js [sizes…]   (default 100 1000)
 */
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { scanZip } from '../src/read/zip.js';
import { makeRound } from './synthetic.js';
import { entryData } from './zip.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'child.js');

interface Run {
  readonly code: number;
  /** Wall time seen from here (process start to exit). */
  readonly wallMs: number;
  readonly maxRssKiB: number;
}

function runCli(args: readonly string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, ...args], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout) as { code: number; maxRssKiB: number };
      resolve({ code: r.code, wallMs: performance.now() - started, maxRssKiB: r.maxRssKiB });
    });
  });
}

/** The floor: read each file, unzip every part (inflateRaw) and scan the XML for tags, in one thread. */
async function floor(dir: string): Promise<{ ms: number; tags: number; bytes: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.xlsx'));
  const started = performance.now();
  let tags = 0;
  let bytes = 0;
  for (const name of names) {
    const data = await readFile(join(dir, name));
    bytes += data.byteLength;
    const zip = scanZip(data);
    if (!zip.ok) throw new Error(`${name}: ${zip.detail}`);
    for (const e of zip.entries) {
      const raw = entryData(data, e.localHeaderOffset, e.compressedSize);
      const xml = e.method === 8 ? inflateRawSync(raw) : raw;
      for (let p = xml.indexOf(0x3c); p >= 0; p = xml.indexOf(0x3c, p + 1)) tags++;
    }
  }
  return { ms: performance.now() - started, tags, bytes };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms: number) => `${(ms / 1000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
const mib = (kib: number) => `${Math.round(kib / 1024).toLocaleString('vi-VN')} MiB`;
const ratio = (a: number, b: number) => `${(a / b).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}×`;

interface Result {
  n: number;
  avgKiB: number;
  floorMs: number;
  check: Run;
  build: Run;
  coldBuild: Run;
  rebuild: Run;
  rebuildNow: Run;
  unchanged: Run;
  changes: string;
}

async function measure(n: number, root: string): Promise<Result> {
  process.stderr.write(`— ${n} cơ quan: tạo dữ liệu…\n`);
  const round = await makeRound(join(root, 'input'), n);
  const out = join(root, 'output', String(n));
  const outCold = join(root, 'output', `${n}-build`);
  await rm(out, { recursive: true, force: true });
  await rm(outCold, { recursive: true, force: true });
  // Files received a while ago, as in real life (a file touched in the last 2 s is looked at twice, 300 ms apart).
  await sleep(2100);
  const f = await floor(round.roundDir);
  process.stderr.write(`  sàn (đọc, giải nén, quét XML): ${fmt(f.ms)}\n`);
  const check = await runCli(['check', round.roundDir, '--out', out, '--quiet']);
  const build = await runCli(['build', round.roundDir, '--out', out, '--quiet']);
  const coldBuild = await runCli(['build', round.roundDir, '--out', outCold, '--quiet']);
  const unchanged = await runCli(['build', round.roundDir, '--out', out, '--quiet']);
  process.stderr.write(`  check ${fmt(check.wallMs)}, build ${fmt(build.wallMs)}, build lạnh ${fmt(coldBuild.wallMs)}\n`);
  // One agency corrects one figure and sends the file again.
  await round.correct(7);
  await sleep(2100);
  const rebuild = await runCli(['build', round.roundDir, '--out', out, '--quiet']);
  const snapshot = JSON.parse(await readFile(join(out, '.baocao-snapshot.json'), 'utf8')) as { lastChanges: { changes: { line: string; column: string; old: unknown; new: unknown }[] } | null };
  const changes = (snapshot.lastChanges?.changes ?? []).map((c) => `${c.line || 'Tổng cộng'} / ${c.column}: ${String(c.old)} → ${String(c.new)}`).join('; ');
  // And once more, built at once after the file is written (what watch mode does after its 500 ms wait).
  await round.correct(8);
  const rebuildNow = await runCli(['build', round.roundDir, '--out', out, '--quiet']);
  process.stderr.write(`  build lại sau khi sửa 1 tệp: ${fmt(rebuild.wallMs)} (ngay sau khi ghi: ${fmt(rebuildNow.wallMs)})\n`);
  let size = 0;
  for (const name of round.files) size += (await stat(join(round.roundDir, name))).size;
  for (const r of [check, build, coldBuild, unchanged, rebuild, rebuildNow]) if (r.code !== 0) throw new Error(`a run exited with ${r.code}`);
  return { n, avgKiB: size / round.files.length / 1024, floorMs: f.ms, check, build, coldBuild, rebuild, rebuildNow, unchanged, changes };
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 1);
const root = join(tmpdir(), 'baocao-bench');
const results: Result[] = [];
for (const n of sizes.length > 0 ? sizes : [100, 1000]) results.push(await measure(n, root));

const cpu = cpus()[0]?.model ?? '?';
const head = `| | ${results.map((r) => `${r.n.toLocaleString('vi-VN')} cơ quan`).join(' | ')} |`;
const rule = `|---|${results.map(() => '---:').join('|')}|`;
const row = (label: string, cell: (r: Result) => string) => `| ${label} | ${results.map(cell).join(' | ')} |`;
const lines = [
  `Máy: ${availableParallelism()} nhân, ${cpu}, Node ${process.version}; tệp trung bình ${results.map((r) => `${r.avgKiB.toFixed(1)} KiB`).join(' / ')}.`,
  '',
  head,
  rule,
  row('Sàn: đọc + giải nén + quét XML (1 luồng)', (r) => fmt(r.floorMs)),
  row('check lạnh', (r) => fmt(r.check.wallMs)),
  row('build sau check (dùng lại kết quả kiểm tra)', (r) => fmt(r.build.wallMs)),
  row('**check + build lạnh**', (r) => `**${fmt(r.check.wallMs + r.build.wallMs)}** (${ratio(r.check.wallMs + r.build.wallMs, r.floorMs)} sàn)`),
  row('build lạnh (một lệnh)', (r) => `${fmt(r.coldBuild.wallMs)} (${ratio(r.coldBuild.wallMs, r.floorMs)} sàn)`),
  row('build lại, không có gì đổi', (r) => fmt(r.unchanged.wallMs)),
  row('**build lại sau khi sửa 1 tệp**', (r) => `**${fmt(r.rebuild.wallMs)}**`),
  row('  … chạy ngay khi tệp vừa ghi xong', (r) => fmt(r.rebuildNow.wallMs)),
  row('**Bộ nhớ đỉnh** (maxRSS, lớn nhất các lần chạy)', (r) => `**${mib(Math.max(r.check.maxRssKiB, r.build.maxRssKiB, r.coldBuild.maxRssKiB, r.rebuild.maxRssKiB))}**`),
  '',
  ...results.map((r) => `Thay đổi ghi nhận sau khi sửa 1 tệp (${r.n} cơ quan): ${r.changes || '(không có)'}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
