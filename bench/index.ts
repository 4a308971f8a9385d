/**
 * `npm run bench`: synthetic rounds of 100 and 1.000 agency workbooks, and in one run: cold
 * check + build, rebuild after one corrected workbook, peak memory, and the floor — the time to
 * merely read, unzip and scan the XML of the same files. Each CLI run is its own process
 * (bench/child.ts); times are wall-clock, end to end, including starting Node.
 *
 * Every time is the fastest of `--repeat` runs (default 3): the machine may be busy with other work.
 *
 * The warm rebuild is measured in this process, as watch and the page do it: one warm engine
 * (src/engine) builds the round, then, for each corrected workbook, the time from the file landing
 * to the outputs written (the watcher's settle time not counted).
 *
 * Usage: node dist/bench/index.js [sizes…] [--repeat=N] [--only=warm]   (default 100 1000, 3 repeats;
 * --only=warm measures the floor and the warm rebuild alone)
 */
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { createEngine, isBuilt } from '../src/engine/index.js';
import { defaultWorkers } from '../src/incremental/pool.js';
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

function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, ...args], { maxBuffer: 1 << 20, env: { ...process.env, ...env } }, (err, stdout) => {
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
  warm: number;
  avgKiB: number;
  floorMs: number;
  startMs: number;
  check: Run;
  checkWorker: Run;
  build: Run;
  coldBuild: Run;
  rebuild: Run;
  rebuildNow: Run;
  unchanged: Run;
  changes: string;
}

/** The fastest of several runs (the machine may be busy with other work), with the largest memory of them. */
function best(runs: readonly Run[]): Run {
  const fastest = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  return { ...fastest, maxRssKiB: Math.max(...runs.map((r) => r.maxRssKiB)) };
}

/**
 * Warm rebuilds in this process: one engine kept warm (as watch and the page keep it) builds the
 * round, then each corrected workbook is timed from the moment its file has landed to the outputs
 * written and the store committed. The fastest of `repeat` corrections.
 */
async function measureWarm(round: Awaited<ReturnType<typeof makeRound>>, out: string, repeat: number, first: number): Promise<number> {
  const engine = createEngine(true);
  await rm(out, { recursive: true, force: true });
  const build = async (completeFiles?: ReadonlyMap<string, { size: number; mtimeMs: number }>): Promise<void> => {
    const r = await engine.build(round.planDir, round.roundDir, out, { read: { completeFiles } });
    if (!isBuilt(r)) throw new Error('the plan of the synthetic round cannot be used');
  };
  await build();
  const times: number[] = [];
  const complete = new Map<string, { size: number; mtimeMs: number }>();
  for (let k = 0; k < repeat; k++) {
    const name = await round.correct(first + 2 * k);
    // The face knows the file is whole, as the page knows its own upload and watch its settled files.
    // (the page keeps every upload it wrote, src/serve/session.ts).
    const st = await stat(join(round.roundDir, name));
    complete.set(name, { size: st.size, mtimeMs: st.mtimeMs });
    const started = performance.now();
    await build(complete);
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

async function measure(n: number, root: string, repeat: number): Promise<Result> {
  process.stderr.write(`— ${n} cơ quan: tạo dữ liệu…\n`);
  const round = await makeRound(join(root, 'input'), n);
  // Files received a while ago, as in real life (a file touched in the last 2 s is looked at twice, 300 ms apart).
  await sleep(2100);
  const floors: number[] = [];
  for (let k = 0; k < repeat; k++) floors.push((await floor(round.roundDir)).ms);
  const floorMs = Math.min(...floors);
  process.stderr.write(`  sàn (đọc, giải nén, quét XML): ${fmt(floorMs)}\n`);
  const warm = await measureWarm(round, join(root, 'output', `${n}-warm`), repeat, Math.floor(n / 2) + 1);
  process.stderr.write(`  build lại trong tiến trình đang chạy (engine ấm): ${fmt(warm)} (${ratio(warm, floorMs)} sàn)\n`);
  if (onlyWarm) {
    const none: Run = { code: 0, wallMs: Number.NaN, maxRssKiB: 0 };
    return { n, warm, avgKiB: Number.NaN, floorMs, startMs: Number.NaN, check: none, checkWorker: none, build: none, coldBuild: none, rebuild: none, rebuildNow: none, unchanged: none, changes: '' };
  }
  const runs: Record<'start' | 'check' | 'checkWorker' | 'build' | 'coldBuild' | 'unchanged' | 'rebuild' | 'rebuildNow', Run[]> = {
    start: [],
    check: [],
    checkWorker: [],
    build: [],
    coldBuild: [],
    unchanged: [],
    rebuild: [],
    rebuildNow: [],
  };
  let changes = '';
  for (let k = 0; k < repeat; k++) {
    const out = join(root, 'output', `${n}-${k}`);
    const outCold = join(root, 'output', `${n}-${k}-build`);
    await rm(out, { recursive: true, force: true });
    await rm(outCold, { recursive: true, force: true });
    runs.start.push(await runCli(['--version']));
    // The same cold check with one worker thread, to see what a second thread brings on this machine.
    const outOne = join(root, 'output', `${n}-${k}-worker`);
    await rm(outOne, { recursive: true, force: true });
    runs.checkWorker.push(await runCli(['check', round.roundDir, '--out', outOne, '--quiet'], { BAOCAO_WORKERS: '1' }));
    runs.check.push(await runCli(['check', round.roundDir, '--out', out, '--quiet']));
    runs.build.push(await runCli(['build', round.roundDir, '--out', out, '--quiet']));
    runs.coldBuild.push(await runCli(['build', round.roundDir, '--out', outCold, '--quiet']));
    runs.unchanged.push(await runCli(['build', round.roundDir, '--out', out, '--quiet']));
    // One agency corrects one figure and sends the file again (another agency each repeat).
    await round.correct(7 + 2 * k);
    await sleep(2100);
    runs.rebuild.push(await runCli(['build', round.roundDir, '--out', out, '--quiet']));
    const snapshot = JSON.parse(await readFile(join(out, '.baocao-snapshot.json'), 'utf8')) as {
      lastChanges: { changes: { group: string; line: string; column: string; old: unknown; new: unknown }[] } | null;
    };
    const show = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : String(v));
    changes = (snapshot.lastChanges?.changes ?? []).map((c) => `${c.group} / ${c.line || '-'} / ${c.column}: ${show(c.old)} → ${show(c.new)}`).join('; ');
    // And once more, built at once after the file is written (as watch mode does after its 500 ms wait).
    await round.correct(8 + 2 * k);
    runs.rebuildNow.push(await runCli(['build', round.roundDir, '--out', out, '--quiet']));
    process.stderr.write(`  lần ${k + 1}: check ${fmt(runs.check[k]?.wallMs ?? 0)}, build ${fmt(runs.build[k]?.wallMs ?? 0)}, build lại sau khi sửa 1 tệp ${fmt(runs.rebuild[k]?.wallMs ?? 0)}\n`);
  }
  for (const list of Object.values(runs)) for (const r of list) if (r.code !== 0) throw new Error(`a run exited with ${r.code}`);
  let size = 0;
  for (const name of round.files) size += (await stat(join(round.roundDir, name))).size;
  return {
    n,
    warm,
    avgKiB: size / round.files.length / 1024,
    floorMs,
    startMs: best(runs.start).wallMs,
    check: best(runs.check),
    checkWorker: best(runs.checkWorker),
    build: best(runs.build),
    coldBuild: best(runs.coldBuild),
    rebuild: best(runs.rebuild),
    rebuildNow: best(runs.rebuildNow),
    unchanged: best(runs.unchanged),
    changes,
  };
}

const args = process.argv.slice(2);
const repeatArg = args.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Math.max(1, Number(repeatArg.slice(9))) : 3;
const sizes = args.map(Number).filter((x) => x > 1);
const onlyWarm = args.includes('--only=warm');
const root = join(tmpdir(), 'baocao-bench');
const results: Result[] = [];
for (const n of sizes.length > 0 ? sizes : [100, 1000]) results.push(await measure(n, root, repeat));

const cpu = cpus()[0]?.model ?? '?';
const head = `| | ${results.map((r) => `${r.n.toLocaleString('vi-VN')} cơ quan`).join(' | ')} |`;
const rule = `|---|${results.map(() => '---:').join('|')}|`;
const row = (label: string, cell: (r: Result) => string) => `| ${label} | ${results.map(cell).join(' | ')} |`;
const lines = [
  `Máy: ${availableParallelism()} nhân, ${cpu}, Node ${process.version}; tệp trung bình ${results.map((r) => `${r.avgKiB.toFixed(1)} KiB`).join(' / ')}; nhanh nhất của ${repeat} lần chạy.`,
  '',
  head,
  rule,
  row('Sàn: đọc + giải nén + quét XML (1 luồng)', (r) => fmt(r.floorMs)),
  row('Khởi động (node + nạp baocao, `--version`)', (r) => fmt(r.startMs)),
  row('check lạnh', (r) => fmt(r.check.wallMs)),
  row(`  … với 1 luồng phụ (\`BAOCAO_WORKERS=1\`; mặc định: ${defaultWorkers()} luồng phụ trên máy này)`, (r) => fmt(r.checkWorker.wallMs)),
  row('build sau check (dùng lại kết quả kiểm tra)', (r) => fmt(r.build.wallMs)),
  row('**check + build lạnh**', (r) => `**${fmt(r.check.wallMs + r.build.wallMs)}** (${ratio(r.check.wallMs + r.build.wallMs, r.floorMs)} sàn)`),
  row('build lạnh (một lệnh)', (r) => `${fmt(r.coldBuild.wallMs)} (${ratio(r.coldBuild.wallMs, r.floorMs)} sàn)`),
  row('build lại, không có gì đổi', (r) => fmt(r.unchanged.wallMs)),
  row('**build lại sau khi sửa 1 tệp**', (r) => `**${fmt(r.rebuild.wallMs)}**`),
  row('  … chạy ngay khi tệp vừa ghi xong', (r) => fmt(r.rebuildNow.wallMs)),
  row('**build lại sau khi sửa 1 tệp, trong tiến trình đang chạy** (watch, trang web: engine ấm, từ lúc tệp ghi xong đến lúc ghi xong kết quả)', (r) => `**${fmt(r.warm)}** (${ratio(r.warm, r.floorMs)} sàn)`),
  row('**Bộ nhớ đỉnh** (maxRSS, lớn nhất các lần chạy)', (r) => `**${mib(Math.max(r.check.maxRssKiB, r.build.maxRssKiB, r.coldBuild.maxRssKiB, r.rebuild.maxRssKiB))}**`),
  '',
  ...results.map((r) => `Thay đổi ghi nhận sau khi sửa 1 tệp (${r.n} cơ quan): ${r.changes || '(không có)'}`),
];
/** Wall time of a command run in the project's root, best of `n`. */
async function timed(cmd: string, argv: readonly string[], n: number): Promise<number> {
  const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    await new Promise<void>((done, fail) => execFile(cmd, [...argv], { cwd: rootDir, maxBuffer: 64 * 1024 * 1024 }, (err) => (err ? fail(err) : done())));
    times.push(performance.now() - t0);
  }
  return Math.min(...times);
}

if (!onlyWarm) {
  // `npm start` on an unchanged checkout (the build is skipped) against the build of input/ it runs.
  const start = await timed('npm', ['start', '--silent'], repeat);
  const build = await timed(process.execPath, ['bin/baocao.js', 'build', 'input', '--out', 'output', '--quiet'], repeat);
  lines.push('', `\`npm start\` khi mã nguồn không đổi: ${fmt(start)}; lệnh \`baocao build input --out output\` nó chạy: ${fmt(build)} (${ratio(start, build)}).`);
}
// --only=warm: the floor and the warm rebuild, nothing else was measured.
const shown = onlyWarm ? lines.filter((l, i) => i < 4 || l.startsWith('| Sàn') || l.includes('trong tiến trình đang chạy')) : lines;
process.stdout.write(`${shown.join('\n')}\n`);
