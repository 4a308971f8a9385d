/**
 * The read and validate stages of one round, incremental (called by run.ts): files whose bytes
 * were already checked against the same plan and round are not read again — the outcome comes
 * from the cache in the output folder; the others are read with exceljs on every core. Then the
 * validate stage picks one submission per agency as always. Returns what the write stage
 * stores as the new cache.
 */
import { finding, type Finding } from '../findings.js';
import { checkKey, isReusable, stampTrusted, type CachedFile, type CheckCache, type CheckOutcome, type FileStamp } from '../model/cache.js';
import { planForRound, type Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import type { OpenFile, ReadOptions } from '../read/index.js';
import { openStore } from '../store/index.js';
import { loadRoundFiles } from '../read/index.js';
import { validate, type ValidateOutput } from '../validate/index.js';
import { checkWorkbook, type CheckTask } from './check-file.js';
import { checkFiles, type PoolOptions } from './pool.js';

/** Where the cache is, how to use threads, and who wants progress. */
export interface CheckRoundOptions {
  readonly read?: ReadOptions | undefined;
  /** Output folder holding the cache; undefined: no cache. */
  readonly outDir?: string | undefined;
  /** The cache already loaded (from the store, or kept in memory by a warm engine); overrides outDir's. */
  readonly cache?: CheckCache | null | undefined;
  readonly pool?: PoolOptions | undefined;
  /** Files done so far, of all (cached files count at once). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** The validated round, what was read, and what to store. */
export interface CheckRoundResult {
  readonly validated: ValidateOutput;
  /** Files checked on this run (read with exceljs). */
  readonly checked: readonly string[];
  /** Files whose outcome came from the cache. */
  readonly reused: number;
  /** The cache to store, or null when nothing in it changed. */
  readonly cache: CheckCache | null;
  /** Name, sha256 and mtime of every file read or known unchanged (for the received registry). */
  readonly fingerprints: readonly { readonly file: string; readonly sha256: string; readonly mtimeMs: number }[];
}

/** The warning that a workbook of the round is open in another program: its unsaved changes are not read. */
function openElsewhereFinding(o: OpenFile): Finding {
  return finding({
    file: o.file,
    code: 'file_open_elsewhere',
    message: `Tệp "${o.file}" đang được mở trong Excel hoặc LibreOffice (có tệp khóa "${o.lock}" bên cạnh): baocao đọc bản đã lưu, những gì chưa lưu sẽ không có trong báo cáo.`,
  });
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Checks every file of a round, reusing the cached outcomes of unchanged files. */
export async function checkRound(plan: Plan, round: Round, opts: CheckRoundOptions = {}): Promise<CheckRoundResult> {
  const roundPlan = planForRound(plan, round);
  const read = opts.read ?? {};
  const key = checkKey(roundPlan, round, read);
  const old = opts.cache !== undefined ? opts.cache : opts.outDir ? await openStore(opts.outDir, { readOnly: true }).checkCache() : null;
  const usable = old && old.key === key ? old.files : {};
  const { files, open } = await loadRoundFiles(round.dir, {
    read,
    knownSha: (name, stamp) => {
      const c = usable[name];
      return c && c.outcome && stampTrusted(c, stamp) ? c.sha256 : null;
    },
  });

  const total = files.length;
  let done = 0;
  const progress = (): void => opts.onProgress?.(++done, total);
  const outcomes: (CheckOutcome | null)[] = new Array(total).fill(null);
  const nextFiles: Record<string, CachedFile> = {};
  const tasks: CheckTask[] = [];
  const taskIndex: number[] = [];
  let reused = 0;
  let changed = !old || old.key !== key;
  files.forEach((f, i) => {
    if (f.kind === 'read') return;
    const c = usable[f.name];
    if (c && c.outcome && c.sha256 === f.sha256) {
      // The cached outcome, with this run's modification time (it decides between duplicates).
      const s = c.outcome.submission;
      outcomes[i] = s && s.mtimeMs !== f.stamp.mtimeMs ? { ...c.outcome, submission: { ...s, mtimeMs: f.stamp.mtimeMs } } : c.outcome;
      reused++;
      progress();
      const entry: CachedFile = { sha256: f.sha256, stamp: f.stamp, stampedAtMs: f.stampedAtMs, outcome: outcomes[i] ?? null };
      // Store it again when its stat changed, or when it had to be hashed but could now be trusted next time.
      if (f.kind === 'bytes' && (!sameStamp(c.stamp, f.stamp) || stampTrusted(entry, f.stamp))) changed = true;
      nextFiles[f.name] = entry;
      return;
    }
    if (f.kind === 'bytes') {
      tasks.push({ name: f.name, path: f.path, mtimeMs: f.stamp.mtimeMs, bytes: f.bytes, sha256: f.sha256 });
      taskIndex.push(i);
    }
  });
  const present = new Set(files.map((f) => f.name));
  if (old) for (const name of Object.keys(old.files)) if (!present.has(name)) changed = true;

  const context = { plan: roundPlan, round, read };
  const fresh = await checkFiles(tasks, context, { ...opts.pool, onDone: progress });
  fresh.forEach((outcome, k) => {
    const i = taskIndex[k] ?? 0;
    const f = files[i];
    outcomes[i] = outcome;
    if (f && f.kind === 'bytes') {
      changed = true;
      nextFiles[f.name] = { sha256: f.sha256, stamp: f.stamp, stampedAtMs: f.stampedAtMs, outcome: isReusable(outcome) ? outcome : null };
    }
  });
  // Files read the ordinary way (changing, not a file, too large, unreadable): never cached.
  for (const [i, f] of files.entries()) {
    if (f.kind !== 'read') continue;
    const r = f.result;
    let outcome: CheckOutcome = { kind: r.skipped ? 'skipped' : 'unreadable', readFindings: r.findings, submission: null, findings: [] };
    if (r.workbook) outcome = checkWorkbook(r.workbook, r.findings, context);
    outcomes[i] = outcome;
    progress();
    changed = true;
  }

  const readFindings: Finding[] = [];
  const unreadable: string[] = [];
  const checked: { file: string; submission: CheckOutcome['submission']; findings: readonly Finding[] }[] = [];
  files.forEach((f, i) => {
    const o = outcomes[i];
    if (!o) return;
    readFindings.push(...o.readFindings);
    if (o.kind === 'checked') checked.push({ file: f.name, submission: o.submission, findings: o.findings });
    else if (o.kind === 'unreadable') unreadable.push(f.name);
  });
  // Workbooks open in Excel or LibreOffice right now: said on every run, never cached (it depends on the moment).
  for (const o of open) readFindings.push(openElsewhereFinding(o));
  const validated = validate({ plan: roundPlan, round, workbooks: [], unreadable, checked }, readFindings);
  return {
    validated,
    checked: tasks.map((t) => t.name),
    reused,
    cache: (opts.outDir !== undefined || opts.cache !== undefined) && changed ? { version: 1, key, files: nextFiles } : null,
    fingerprints: files.flatMap((f) => (f.kind === 'read' ? [] : [{ file: f.name, sha256: f.sha256, mtimeMs: f.stamp.mtimeMs }])),
  };
}
export type { PoolOptions } from './pool.js';
