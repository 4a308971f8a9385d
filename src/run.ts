/**
 * The stages in order, one function per command: read → validate → aggregate → render → write.
 * Returns findings, files written, Vietnamese messages and the exit code; the CLI prints them.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import { aggregate } from './aggregate/index.js';
import type { EarlierRound } from './aggregate/indicators.js';
import { periodMonths } from './model/period.js';
import { exitCodeFor, finding, hasErrors, sortFindings, type Finding } from './findings.js';
import { planForRound, type Plan } from './model/plan.js';
import { ESTIMATE_ROUND, parseRoundName, type Round } from './model/round.js';
import { PLAN_FILE } from './model/sheets.js';
import type { BudgetLine } from './model/submission.js';
import { readInputBytes, readWorkbookBuffer, readWorkbookFile, type ReadOptions } from './read/index.js';
import { listRoundDirs, readTemplates, resolveTarget } from './read/inputs.js';
import { render, renderForms, type PdfRequest } from './render/index.js';
import { buildPdfs } from './pdf-outputs.js';
import { ANNOTATED_DIR, annotationTargets, renderAnnotated } from './render/xlsx/index.js';
import { formatRoundSummary, formatWritten } from './summary.js';
import { validatePlan, type ValidateOutput } from './validate/index.js';
import { checkOutDir, writeArtifacts, type WrittenFile } from './write/index.js';
import { roundStatus } from './aggregate/status.js';
import { receiptsOf, recordReceived, type Receipt, type SeenFile } from './model/received.js';
import type { RoundStatus } from './model/status.js';
import { fingerprintRound, readReceived, readRecordedReceived } from './read/received.js';
import { formatStatus } from './status-summary.js';
import { writeReceived } from './write/received.js';
import { changeLog } from './change-log.js';
import { formatFolderChange } from './changes-summary.js';
import { checkRound, type CheckRoundResult } from './incremental/index.js';
import type { PoolOptions } from './incremental/pool.js';
import type { ChangeSet } from './model/snapshot.js';
import { watchRound, type FolderChange, type WatchTiming } from './read/watch.js';
import { writeCheckCache, writePlanCache } from './write/cache.js';
import { readPlanCache } from './read/cache.js';
import { describeError, type ErrorReport } from './lib/env-errors.js';

export interface RunOptions {
  /** Output folder; default output/<plan>/<round> under the working directory. */
  readonly outDir?: string | undefined;
  /** ISO date of the run (tests fix it). */
  readonly today?: string | undefined;
  readonly templatesDir?: string | undefined;
  readonly read?: ReadOptions | undefined;
  /** `check --annotate`: also write tra-lai/<file>, each agency's workbook with its faulty cells marked. */
  readonly annotate?: boolean | undefined;
  /** Files of the round checked so far (cached files count at once); for a progress bar. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Worker threads for reading workbooks (tests, benchmark); default: one per spare core. */
  readonly pool?: PoolOptions | undefined;
  /** `build --pdf`: also write the report and appendices as PDF (LibreOffice); see pdf-outputs.ts. */
  readonly pdf?: PdfRequest | undefined;
  /** `build --no-charts`: false leaves the charts out of the Word report (default true). */
  readonly charts?: boolean | undefined;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2;
  readonly findings: readonly Finding[];
  readonly written: readonly WrittenFile[];
  /** Vietnamese lines for the console, in order. */
  readonly messages: readonly string[];
  /** `build`: figures changed since the previous build (null on the first build); absent for other commands. */
  readonly changes?: ChangeSet | null;
  /** Warning lines about the run itself, not the data (a PDF that could not be made); printed on stderr. */
  readonly warnings?: readonly string[];
  /** Exit 2 for a reason the CLI reports as one error (output folder unusable, disk full…): code, Vietnamese message, path. */
  readonly error?: ErrorReport | undefined;
}

/** The result of a run refused or stopped by its environment (exit 2). */
export function failure(error: ErrorReport): RunResult {
  return { exitCode: 2, findings: [], written: [], messages: [error.message], error };
}

/** A run that threw (disk full, read-only folder, a bug): the error as a result, in Vietnamese. */
export function failureOf(err: unknown): RunResult {
  return failure(describeError(err));
}

/** Refuses an output folder baocao cannot use (/proc, a file, too long a name…) before any work. */
async function refuseOut(outDir: string | undefined): Promise<RunResult | null> {
  const problem = outDir === undefined ? null : await checkOutDir(outDir);
  return problem ? failure(problem) : null;
}

function todayIso(opts: RunOptions): string {
  if (opts.today) return opts.today;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface PlanLoad {
  readonly plan: Plan | null;
  readonly findings: Finding[];
}

async function loadPlan(planDir: string, opts: RunOptions, outDir?: string): Promise<PlanLoad> {
  const path = join(planDir, PLAN_FILE);
  // Reused from <outDir>/.baocao-cache/plan.json while ke-hoach.xlsx keeps its bytes.
  const memo = outDir ? await readPlanCache(outDir, planDir) : null;
  if (memo?.cached) return { plan: memo.cached.plan, findings: [...memo.cached.findings] };
  const read = memo
    ? await readWorkbookBuffer(memo.bytes, PLAN_FILE, path, { ...opts.read, checkInProgress: false })
    : await readWorkbookFile(path, PLAN_FILE, { ...opts.read, checkInProgress: false });
  if (!read.workbook) {
    const findings = read.findings.length > 0 ? read.findings : [finding({ file: PLAN_FILE, code: 'plan_missing', message: `Không đọc được tệp kế hoạch ${path}.` })];
    return { plan: null, findings };
  }
  const { plan, findings } = validatePlan(read.workbook, basename(planDir), planDir);
  const all = [...read.findings, ...findings];
  if (plan && memo && outDir) await writePlanCache(outDir, { version: 1, key: memo.key, plan, findings: all });
  return { plan, findings: all };
}

function roundOf(roundDir: string): Round {
  const id = basename(roundDir);
  return { id, dir: roundDir, ...parseRoundName(id) };
}

/**
 * Reads and validates a round's files: in worker threads, and only the files that changed since
 * the check cached in `outDir` (when given; the write stage then stores the new cache there).
 */
async function loadRound(plan: Plan, round: Round, opts: RunOptions, outDir?: string): Promise<ValidateOutput> {
  return (await checkRoundCached(plan, round, opts, outDir)).validated;
}

/** loadRound with the files' hashes (for the received registry). */
async function checkRoundCached(plan: Plan, round: Round, opts: RunOptions, outDir?: string): Promise<CheckRoundResult> {
  const r = await checkRound(plan, round, { read: opts.read, outDir, pool: opts.pool, onProgress: opts.onProgress });
  if (outDir && r.cache) await writeCheckCache(outDir, r.cache);
  return r;
}

function defaultOut(plan: Plan, round: Round, base = 'output'): string {
  return resolve(base, plan.id, round.id);
}

function planFailure(planDir: string, findings: readonly Finding[]): RunResult {
  return {
    exitCode: 2,
    findings,
    written: [],
    messages: [
      `Không dùng được tệp kế hoạch ${join(planDir, PLAN_FILE)}:`,
      ...sortFindings(findings)
        .filter((f) => f.severity === 'error')
        .map((f) => `  - ${f.sheet ? `${f.sheet}!${f.cell} ` : ''}${f.message} ${f.hint}`),
    ],
  };
}

/** `baocao forms <roundDir>`: one pre-filled workbook per agency. */
export async function runForms(roundDir: string, opts: RunOptions = {}): Promise<RunResult> {
  const refused = await refuseOut(opts.outDir);
  if (refused) return refused;
  const target = await resolveTarget(roundDir);
  if (target.kind !== 'round') {
    return { exitCode: 2, findings: [], written: [], messages: [target.kind === 'none' ? target.reason : `"${roundDir}" là thư mục kế hoạch; hãy chỉ ra thư mục đợt báo cáo bên trong nó (ví dụ ${join(roundDir, ESTIMATE_ROUND)}).`] };
  }
  const { plan, findings } = await loadPlan(target.planDir, opts);
  if (!plan) return planFailure(target.planDir, findings);
  const round = roundOf(target.roundDir);
  const prefill = new Map<string, readonly BudgetLine[]>();
  const messages: string[] = [];
  if (round.kind === 'progress') {
    // Progress forms carry each agency's estimate lines from the du-toan round, when it exists.
    const estimateDir = join(target.planDir, ESTIMATE_ROUND);
    const estimate = await resolveTarget(estimateDir);
    if (estimate.kind === 'round') {
      const validated = await loadRound(plan, roundOf(estimateDir), opts);
      for (const s of validated.submissions) if (s.errorCount === 0 && s.budget) prefill.set(s.agencyCode, s.budget);
      messages.push(`Điền sẵn dự toán kinh phí của ${prefill.size} cơ quan từ đợt "${ESTIMATE_ROUND}".`);
    }
  }
  const artifacts = await renderForms(planForRound(plan, round), round, prefill);
  const outDir = opts.outDir ? resolve(opts.outDir) : join(defaultOut(plan, round), 'bieu-mau');
  const written = await writeArtifacts(outDir, artifacts);
  messages.unshift(`Đã tạo ${artifacts.length} biểu mẫu cho đợt ${round.label} (kế hoạch "${plan.id}") trong thư mục ${relative(process.cwd(), outDir) || '.'}:`);
  messages.push(...formatWritten(written));
  return { exitCode: 0, findings, written, messages };
}

/** `baocao check <roundDir>`: every cell checked, kiem-tra.xlsx written. */
export async function runCheck(roundDir: string, opts: RunOptions = {}): Promise<RunResult> {
  const refused = await refuseOut(opts.outDir);
  if (refused) return refused;
  const target = await resolveTarget(roundDir);
  if (target.kind !== 'round') {
    return { exitCode: 2, findings: [], written: [], messages: [target.kind === 'none' ? target.reason : `"${roundDir}" không phải thư mục đợt báo cáo (thư mục con của thư mục kế hoạch).`] };
  }
  return checkOrBuild(target.planDir, target.roundDir, { ...opts, checkOnly: true, strict: false });
}

/** `baocao build <dir>`: a round, every round of a plan, or every plan of a folder such as input/. */
export async function runBuild(dir: string, opts: RunOptions & { readonly strict?: boolean } = {}): Promise<RunResult> {
  const refused = await refuseOut(opts.outDir);
  if (refused) return refused;
  const target = await resolveTarget(dir);
  if (target.kind === 'none') return { exitCode: 2, findings: [], written: [], messages: [target.reason] };
  if (target.kind === 'round') return checkOrBuild(target.planDir, target.roundDir, { ...opts, checkOnly: false, strict: opts.strict ?? false });
  const plans = target.kind === 'plan' ? [{ planDir: target.planDir, roundDirs: target.roundDirs }] : target.plans;
  const base = opts.outDir ? resolve(opts.outDir) : resolve('output');
  let exitCode: 0 | 1 | 2 = 0;
  const findings: Finding[] = [];
  const written: WrittenFile[] = [];
  const messages: string[] = [];
  const warnings: string[] = [];
  for (const p of plans) {
    if (p.roundDirs.length === 0) messages.push(`Kế hoạch "${basename(p.planDir)}" chưa có thư mục đợt báo cáo nào.`);
    for (const roundDir of p.roundDirs) {
      const outDir = join(base, basename(p.planDir), basename(roundDir));
      const r = await checkOrBuild(p.planDir, roundDir, { ...opts, outDir, checkOnly: false, strict: opts.strict ?? false });
      exitCode = Math.max(exitCode, r.exitCode) as 0 | 1 | 2;
      findings.push(...r.findings);
      written.push(...r.written);
      messages.push(...r.messages, '');
      warnings.push(...(r.warnings ?? []));
    }
  }
  return { exitCode, findings, written, messages, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * Earlier progress rounds of the same year (their periods end before this one starts): the
 * year-to-date figures are added up from them, so agencies never retype cumulative values.
 */
async function loadEarlierRounds(plan: Plan, round: Round, opts: RunOptions, outDir: string): Promise<EarlierRound[]> {
  const period = round.period;
  if (!period || plan.indicators.length === 0) return [];
  const [start] = periodMonths(period);
  const out: EarlierRound[] = [];
  for (const dir of await listRoundDirs(plan.dir)) {
    const other = roundOf(dir);
    if (!other.period) continue;
    // Earlier periods of this year (year to date), and earlier years (targets over the whole plan).
    const sameYearBefore = other.period.year === period.year && periodMonths(other.period)[1] < start;
    const earlierYear = other.period.kind === 'year' && other.period.year < period.year;
    if (!sameYearBefore && !earlierYear) continue;
    // In the usual layout (output/<plan>/<round>) the earlier round's own check cache is reused,
    // so a rebuild does not parse the earlier rounds' workbooks again.
    const siblingOut = basename(outDir) === round.id ? join(dirname(outDir), other.id) : undefined;
    const validated = await loadRound(plan, other, opts, siblingOut);
    out.push({ round: other, submissions: validated.submissions.filter((s) => s.errorCount === 0) });
  }
  return out;
}

async function checkOrBuild(
  planDir: string,
  roundDir: string,
  opts: RunOptions & { readonly checkOnly: boolean; readonly strict: boolean },
): Promise<RunResult> {
  // defaultOut(plan, round) before the plan is read: the plan's id and the round's id are the folder names.
  const outDir = opts.outDir ? resolve(opts.outDir) : resolve('output', basename(planDir), basename(roundDir));
  const refused = await refuseOut(outDir);
  if (refused) return refused;
  const { plan, findings: planFindings } = await loadPlan(planDir, opts, outDir);
  if (!plan) return planFailure(planDir, planFindings);
  const round = roundOf(roundDir);
  const checked = await checkRoundCached(plan, round, opts, outDir);
  const validated = checked.validated;
  const findings = sortFindings([...planFindings, ...validated.findings]);
  const received = await receiveRound(round, outDir, checked.fingerprints);
  const earlier = await loadEarlierRounds(plan, round, opts, outDir);
  const model = aggregate(validated, { today: todayIso(opts), receipts: received.receipts, earlier });
  const templates = await readTemplates(opts.templatesDir);
  const refuse = opts.strict && hasErrors(findings);
  const artifacts = await render({ model, findings, templates, checkOnly: opts.checkOnly || refuse, charts: opts.charts ?? true });
  // Every build keeps its figures; the next one lists what changed (thay-doi.xlsx).
  const log = opts.checkOnly || refuse ? null : await changeLog(model, validated.submissions, outDir, new Date());
  if (log) artifacts.push(...log.artifacts);
  const sentBack: string[] = [];
  if (opts.annotate) {
    // Copies to send back: each file read again (bytes in, bytes out), skipped if it changed since the check.
    const before = artifacts.length;
    for (const t of annotationTargets(model.files, findings, plan.agencies)) {
      const input = await readInputBytes(join(round.dir, t.file), opts.read);
      const checkedSha = validated.submissions.find((s) => s.file === t.file)?.sha256;
      let problem = !input.ok ? input.reason : checkedSha !== undefined && checkedSha !== input.sha256 ? 'tệp vừa thay đổi sau khi kiểm tra, hãy chạy lại lệnh' : '';
      if (input.ok && !problem) {
        const info = { agencyName: t.agencyName, roundLabel: round.label, planTitle: plan.info.title, fileName: t.file };
        try {
          artifacts.push({ name: t.name, bytes: await renderAnnotated(input.bytes, t.findings, info) });
        } catch (err) {
          problem = err instanceof Error ? err.message : String(err);
        }
      }
      if (problem) sentBack.push(`  ! Không tạo được bản đánh dấu lỗi của tệp ${t.file}: ${problem}.`);
    }
    const where = join(relative(process.cwd(), outDir) || '.', ANNOTATED_DIR);
    sentBack.unshift(`Bản sao có đánh dấu lỗi để gửi trả cơ quan (gửi nguyên tệp cho cơ quan sửa): ${artifacts.length - before} tệp trong thư mục ${where}.`);
  }
  const written = await writeArtifacts(outDir, artifacts);
  // PDFs after the Word and Excel files are safely written: LibreOffice is slow and may be missing.
  const pdf = opts.pdf && !opts.checkOnly && !refuse ? await buildPdfs(outDir, artifacts, written, opts.pdf) : null;
  await received.save();
  await log?.save();
  const messages = [...formatRoundSummary(model, findings, opts.checkOnly ? 'check' : 'build')];
  if (refuse) messages.push('Có lỗi và đang dùng --strict: KHÔNG lập báo cáo. Sửa các lỗi trên (xem kiem-tra.xlsx) rồi chạy lại.');
  messages.push(...sentBack, ...formatWritten(written), ...(pdf?.messages ?? []), ...(log?.messages ?? []));
  const exitCode: 0 | 1 = opts.checkOnly ? exitCodeFor(findings) : refuse ? 1 : 0;
  return {
    exitCode,
    findings,
    written: [...written, ...(pdf?.written ?? [])],
    messages,
    ...(log ? { changes: log.changes } : {}),
    ...(pdf && pdf.warnings.length > 0 ? { warnings: pdf.warnings } : {}),
  };
}

/**
 * The round's files recorded in the received registry of its output folder (read now; `save`, the
 * write stage, stores the file versions seen for the first time). See model/received.ts for the rule.
 */
async function receiveRound(
  round: Round,
  outDir: string,
  known?: readonly SeenFile[],
): Promise<{ readonly receipts: readonly Receipt[]; readonly save: () => Promise<void> }> {
  const seen = await fingerprintRound(round.dir, known);
  const { registry, added } = recordReceived(await readReceived(outDir, round.dir), seen, new Date());
  const recorded = await readRecordedReceived(round.dir);
  return {
    receipts: receiptsOf(registry, seen, recorded),
    save: async () => {
      if (added > 0) await writeReceived(outDir, registry);
    },
  };
}

/** `baocao status <roundDir>`: every agency the round expects — on time, late by N days, or missing. */
export async function runStatus(roundDir: string, opts: RunOptions = {}): Promise<RunResult & { readonly status: RoundStatus | null }> {
  const refused = await refuseOut(opts.outDir);
  if (refused) return { ...refused, status: null };
  const target = await resolveTarget(roundDir);
  if (target.kind !== 'round') {
    return { exitCode: 2, findings: [], written: [], messages: [target.kind === 'none' ? target.reason : `"${roundDir}" không phải thư mục đợt báo cáo (thư mục con của thư mục kế hoạch).`], status: null };
  }
  const { plan, findings } = await loadPlan(target.planDir, opts);
  if (!plan) return { ...planFailure(target.planDir, findings), status: null };
  const round = roundOf(target.roundDir);
  const validated = await loadRound(plan, round, opts);
  const outDir = opts.outDir ? resolve(opts.outDir) : defaultOut(plan, round);
  const received = await receiveRound(round, outDir);
  const status = roundStatus(validated, received.receipts);
  await received.save();
  const messages = formatStatus(plan.id, round, status, todayIso(opts));
  return { exitCode: 0, findings: sortFindings([...findings, ...validated.findings]), written: [], messages, status };
}

export interface WatchOptions extends RunOptions, WatchTiming {
  readonly strict?: boolean | undefined;
  /** Called after the first build (change null) and after each rebuild, with what changed in the folder. */
  readonly onBuild?: ((result: RunResult, change: FolderChange | null) => void) | undefined;
}

/**
 * `baocao watch <roundDir>`: builds the round, then rebuilds once per settled change of its files
 * or plan until `signal` aborts; resolves with the last build's result. A failing build is
 * reported and the watch goes on.
 */
export async function runWatch(roundDir: string, opts: WatchOptions, signal: AbortSignal): Promise<RunResult> {
  const refused = await refuseOut(opts.outDir);
  if (refused) return refused;
  const target = await resolveTarget(roundDir);
  if (target.kind !== 'round') {
    return { exitCode: 2, findings: [], written: [], messages: [target.kind === 'none' ? target.reason : `"${roundDir}" không phải thư mục đợt báo cáo (thư mục con của thư mục kế hoạch).`] };
  }
  const { planDir, roundDir: dir } = target;
  const build = async (change: FolderChange | null): Promise<RunResult> => {
    let r: RunResult;
    try {
      r = await checkOrBuild(planDir, dir, { ...opts, checkOnly: false, strict: opts.strict ?? false });
    } catch (err) {
      const error = describeError(err);
      r = { ...failure(error), messages: [`Không lập được báo cáo: ${error.message}`] };
    }
    const result = change ? { ...r, messages: [...formatFolderChange(change, new Date()), ...r.messages] } : r;
    opts.onBuild?.(result, change);
    return result;
  };
  let last = await build(null);
  for await (const change of watchRound(dir, join(planDir, PLAN_FILE), signal, opts)) last = await build(change);
  return last;
}
