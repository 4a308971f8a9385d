/**
 * The commands, wired: resolve the folder, call the engine (src/engine/), turn its result into
 * Vietnamese lines (src/text/). The CLI prints them; watch and the page call the same functions.
 */
import { basename, join, resolve } from 'node:path';
import { exitCodeFor, sortFindings, type Finding } from './findings.js';
import { checkTemplates, createEngine, defaultOutDir, isBuilt, resolveTarget, templateFields, type BuildResult, type Engine, type EngineOptions, type PlanOpened } from './engine/index.js';
import type { PoolOptions } from './incremental/index.js';
import { vnToday } from './model/deadline.js';
import { PLAN_FILE } from './model/sheets.js';
import type { ChangeSet } from './model/snapshot.js';
import type { FileStatus } from './model/submission.js';
import { renderPlanTemplate, zipFiles, type PdfRequest } from './render/index.js';
import type { Plan } from './model/plan.js';
import type { RoundStatus } from './model/status.js';
import { watchBaseline, watchRound, type FolderChange, type PlanFolders, type ReadOptions, type SkippedFolder, type WatchTiming } from './read/index.js';
import { formatBuild, formatFolderChange, formatForms, formatTemplateFields, formatNotRound, formatPlanFailure, formatSkipped, formatStatus, skippedFinding } from './text/index.js';
import { checkOutDir, type WrittenFile } from './write/index.js';
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
  /** With `annotate`: only these files of the round (the page asks for one agency's copy); default all. */
  readonly annotateFiles?: readonly string[] | undefined;
  /** Files of the round checked so far (cached files count at once); for a progress bar. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Worker threads for reading workbooks (tests, benchmark); default: one per spare core. */
  readonly pool?: PoolOptions | undefined;
  /** `build --pdf`: also write the report and appendices as PDF (LibreOffice). */
  readonly pdf?: PdfRequest | undefined;
  /** `build --no-charts`: false leaves the charts out of the Word report (default true). */
  readonly charts?: boolean | undefined;
  /** The engine to run on: a long-running face (the page) passes its warm one; default a new cold one. */
  readonly engine?: Engine | undefined;
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
  /** `check` and `build` of one round: each file of the round, its agency and what became of it. */
  readonly files?: readonly FileStatus[];
  /** Exit 2 for a reason the CLI reports as one error (output folder unusable, disk full…): code, Vietnamese message, path. */
  readonly error?: ErrorReport | undefined;
  /** Sub-folders a run over a plan or a folder of plans passed over, each with the reason (also in the messages). */
  readonly skipped?: readonly SkippedFolder[] | undefined;
}

/** The result of a run refused or stopped by its environment (exit 2). */
export function failure(error: ErrorReport): RunResult {
  return { exitCode: 2, findings: [], written: [], messages: [error.message], error };
}

/** A run that threw (disk full, read-only folder, a bug): the error as a result, in Vietnamese. */
export function failureOf(err: unknown): RunResult {
  return failure(describeError(err));
}

const engineOptions = (o: RunOptions): EngineOptions => ({
  today: o.today, templatesDir: o.templatesDir, read: o.read, pool: o.pool,
  onEvent: o.onProgress && ((e) => (e.kind === 'read' ? o.onProgress?.(e.done, e.total) : undefined)),
});
const stop = (message: string): RunResult => ({ exitCode: 2, findings: [], written: [], messages: [message] });
const planFailure = (p: PlanOpened): RunResult => ({ ...stop(''), findings: p.findings, messages: formatPlanFailure(p.planDir, p.findings) });

/** The round folder a command needs, or the result refusing it (output folder unusable, not a round). */
async function roundTarget(dir: string, outDir: string | undefined, forForms = false): Promise<{ planDir: string; roundDir: string } | RunResult> {
  const problem = outDir === undefined ? null : await checkOutDir(outDir);
  if (problem) return failure(problem);
  const t = await resolveTarget(dir);
  if (t.kind === 'round') return t;
  return stop(t.kind === 'none' ? t.reason : formatNotRound(dir, t.kind === 'plan' ? 'plan' : 'many', forForms));
}

/** One round checked or built by `engine`, as a RunResult. */
async function checkOrBuild(engine: Engine, planDir: string, roundDir: string, opts: RunOptions & { readonly strict?: boolean | undefined }, mode: 'check' | 'build'): Promise<RunResult> {
  const outDir = opts.outDir ? resolve(opts.outDir) : defaultOutDir(planDir, roundDir);
  const problem = await checkOutDir(outDir);
  if (problem) return failure(problem);
  const r: BuildResult | PlanOpened = await engine[mode](planDir, roundDir, outDir, { ...engineOptions(opts), strict: opts.strict, annotate: opts.annotate, annotateFiles: opts.annotateFiles, pdf: opts.pdf, charts: opts.charts });
  if (!isBuilt(r)) return planFailure(r);
  const warnings = r.pdf?.warnings ?? [];
  return {
    exitCode: r.exitCode,
    findings: r.findings,
    written: r.written,
    messages: [...formatBuild(r, mode), ...(r.pdf?.messages ?? [])],
    files: r.model.files,
    ...(r.changes !== undefined ? { changes: r.changes } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** `baocao forms <roundDir>`: one pre-filled workbook per agency. */
export async function runForms(roundDir: string, opts: RunOptions = {}): Promise<RunResult> {
  const { zip: _zip, ...result } = await runFormsZip(roundDir, opts, false);
  return result;
}

/** runForms, and the forms it wrote packed in one zip (null when none was made), for the page's download. */
export async function runFormsZip(roundDir: string, opts: RunOptions = {}, pack = true): Promise<RunResult & { readonly zip: Uint8Array | null }> {
  const t = await roundTarget(roundDir, opts.outDir, true);
  if ('exitCode' in t) return { ...t, zip: null };
  const engine = opts.engine ?? createEngine();
  const p = await engine.openPlan(t.planDir, engineOptions(opts));
  if (!p.plan) return { ...planFailure(p), zip: null };
  const outDir = opts.outDir ? resolve(opts.outDir) : join(defaultOutDir(t.planDir, t.roundDir), 'bieu-mau');
  const r = await engine.forms(p.plan, t.roundDir, outDir, engineOptions(opts));
  const zip = pack && r.forms.length > 0 ? zipFiles(r.forms.map((a) => [a.name, a.bytes] as const)) : null;
  return { exitCode: 0, findings: p.findings, written: r.written, messages: formatForms({ ...r, planId: p.plan.id }), zip };
}

/** `baocao check <dir>`: every cell of a round checked (or of every round of a plan or of a folder of plans), kiem-tra.xlsx written. */
export async function runCheck(dir: string, opts: RunOptions = {}): Promise<RunResult> {
  return runRounds(dir, { ...opts, strict: false }, 'check');
}

/** `baocao build <dir>`: a round, every round of a plan, or every plan of a folder such as input/. */
export async function runBuild(dir: string, opts: RunOptions & { readonly strict?: boolean } = {}): Promise<RunResult> {
  return runRounds(dir, opts, 'build');
}

/** check or build of one round, or of every round under a plan folder or a folder of plans; every folder passed over is named. */
async function runRounds(dir: string, opts: RunOptions & { readonly strict?: boolean | undefined }, mode: 'check' | 'build'): Promise<RunResult> {
  const problem = opts.outDir === undefined ? null : await checkOutDir(opts.outDir);
  if (problem) return failure(problem);
  const target = await resolveTarget(dir);
  if (target.kind === 'none') return stop(target.reason);
  if (target.kind === 'round') return checkOrBuild(opts.engine ?? createEngine(), target.planDir, target.roundDir, opts, mode);
  const plans: readonly PlanFolders[] = target.kind === 'plan' ? [target] : target.plans;
  const skipped = [...(target.kind === 'root' ? target.skipped : []), ...plans.flatMap((p) => p.skipped)];
  const base = opts.outDir ? resolve(opts.outDir) : resolve('output');
  let exitCode: 0 | 1 | 2 = 0;
  const findings: Finding[] = [], written: WrittenFile[] = [], messages: string[] = [];
  for (const p of plans) {
    if (p.roundDirs.length === 0) messages.push(`Kế hoạch "${basename(p.planDir)}" chưa có thư mục đợt báo cáo nào.`, '');
    for (const roundDir of p.roundDirs) {
      const r = await checkOrBuild(createEngine(), p.planDir, roundDir, { ...opts, outDir: join(base, basename(p.planDir), basename(roundDir)) }, mode);
      exitCode = Math.max(exitCode, r.exitCode) as 0 | 1 | 2;
      findings.push(...r.findings);
      written.push(...r.written);
      messages.push(...r.messages, '');
    }
  }
  messages.push(...formatSkipped(skipped));
  // A folder passed over with workbooks in it is data nobody read: an error finding, and the run does not exit 0 or 1.
  const unread = skipped.filter((k) => k.workbooks > 0);
  findings.push(...unread.map(skippedFinding));
  if (unread.length > 0) exitCode = 2;
  return { exitCode, findings, written, messages, skipped };
}

/** A plan folder read for the page: its validated plan (null when unusable) and the findings at their cells. */
export async function runPlan(planDir: string, opts: RunOptions = {}): Promise<RunResult & { readonly plan: Plan | null }> {
  const target = await resolveTarget(planDir);
  if (target.kind !== 'plan') {
    return { ...stop(target.kind === 'none' ? target.reason : `"${planDir}" không phải thư mục kế hoạch (chứa ${PLAN_FILE}).`), plan: null };
  }
  const p = await (opts.engine ?? createEngine()).openPlan(target.planDir, engineOptions(opts));
  if (!p.plan) return { ...planFailure(p), plan: null };
  return { exitCode: exitCodeFor(p.findings), findings: sortFindings(p.findings), written: [], messages: [], plan: p.plan };
}

/** `baocao templates fields`: every field and helper a report template can use, with an example. */
export function runTemplateFields(): RunResult & { readonly fields: ReturnType<typeof templateFields>['fields'] } {
  const { fields, helpers } = templateFields();
  return { exitCode: 0, findings: [], written: [], messages: formatTemplateFields(fields, helpers), fields };
}

/**
 * `baocao templates check [folder]`: the default templates, and the Word template of the plan
 * given, or of every plan of a folder of plans (default: ./input when it exists), checked without data.
 */
export async function runTemplateCheck(dir?: string, opts: RunOptions = {}): Promise<RunResult> {
  let planDirs: string[] = [];
  if (dir !== undefined) {
    const t = await resolveTarget(dir);
    if (t.kind === 'plan') planDirs = [t.planDir];
    else if (t.kind === 'root') planDirs = t.plans.map((p) => p.planDir);
    else return stop(t.kind === 'none' ? t.reason : `"${dir}" là thư mục đợt báo cáo; hãy chỉ ra thư mục kế hoạch chứa nó (mẫu riêng nằm ở <kế hoạch>/mau/bao-cao.docx).`);
  } else {
    const t = await resolveTarget('input').catch(() => null);
    if (t?.kind === 'root') planDirs = t.plans.map((p) => p.planDir);
    else if (t?.kind === 'plan') planDirs = [t.planDir];
  }
  const r = await checkTemplates(planDirs, opts.templatesDir);
  const warnings = r.warnings.map((w) => `Cảnh báo: ${w}`);
  if (r.problems.length > 0) {
    return { ...stop(''), messages: [`Mẫu báo cáo có ${r.problems.length} lỗi:`, ...r.problems.map((p) => `  - ${p}`), 'Sửa các chỗ trên trong mẫu (mẫu báo cáo mở bằng Word, mẫu phụ lục mở bằng Excel) rồi chạy lại lệnh này.', ...warnings] };
  }
  const own = r.plansWithOwn;
  const planNote =
    dir !== undefined && planDirs.length === 1 && own === 0
      ? [`Kế hoạch "${basename(planDirs[0] ?? '')}" không có mẫu riêng (mau/bao-cao.docx, mau/phu-luc-*.xlsx): dùng mẫu mặc định.`]
      : planDirs.length > 1 || (dir === undefined && planDirs.length > 0)
        ? [`${planDirs.length} kế hoạch, ${own} kế hoạch có mẫu riêng (mau/bao-cao.docx, mau/phu-luc-*.xlsx); các kế hoạch khác dùng mẫu mặc định.`]
        : [];
  return { exitCode: 0, findings: [], written: [], messages: [...r.checked.map((name) => `Mẫu ${name} không có lỗi.`), ...planNote, ...warnings] };
}

/** The blank plan workbook (ke-hoach.xlsx) with its instructions sheet and example rows, to start a plan. */
export function runBlankPlan(): Promise<Uint8Array> {
  return renderPlanTemplate();
}

/** `baocao status <roundDir>`: every agency the round expects — on time, late by N days, or missing. */
export async function runStatus(roundDir: string, opts: RunOptions = {}): Promise<RunResult & { readonly status: RoundStatus | null }> {
  const t = await roundTarget(roundDir, opts.outDir);
  if ('exitCode' in t) return { ...t, status: null };
  const engine = opts.engine ?? createEngine();
  const p = await engine.openPlan(t.planDir, engineOptions(opts));
  if (!p.plan) return { ...planFailure(p), status: null };
  const outDir = opts.outDir ? resolve(opts.outDir) : defaultOutDir(t.planDir, t.roundDir);
  const r = await engine.status(p.plan, t.roundDir, outDir, engineOptions(opts));
  const messages = [...formatStatus(p.plan.id, r.round, r.status, opts.today ?? vnToday()), ...r.notes];
  return { exitCode: 0, findings: sortFindings([...p.findings, ...r.findings]), written: [], messages, status: r.status };
}

export interface WatchOptions extends RunOptions, WatchTiming {
  readonly strict?: boolean | undefined;
  /** Called after the first build (change null) and after each rebuild, with what changed in the folder. */
  readonly onBuild?: ((result: RunResult, change: FolderChange | null) => void) | undefined;
}

/**
 * `baocao watch <roundDir>`: builds the round, then rebuilds once per settled change of its files
 * or plan until `signal` aborts, with one warm engine (a correction re-reads one file); resolves
 * with the last build's result. A failing build is reported and the watch goes on.
 */
export async function runWatch(roundDir: string, opts: WatchOptions, signal: AbortSignal): Promise<RunResult> {
  const t = await roundTarget(roundDir, opts.outDir);
  if ('exitCode' in t) return t;
  const engine = createEngine(true);
  const build = async (change: FolderChange | null): Promise<RunResult> => {
    let r: RunResult;
    try {
      // The files watchRound saw settled are complete: the build reads them without waiting to look again.
      const read = change ? { ...opts.read, completeFiles: change.settled } : opts.read;
      r = await checkOrBuild(engine, t.planDir, t.roundDir, { ...opts, read }, 'build');
    } catch (err) {
      const error = describeError(err);
      r = { ...failure(error), messages: [`Không lập được báo cáo: ${error.message}`] };
    }
    const result = change ? { ...r, messages: [...formatFolderChange(change, new Date()), ...r.messages] } : r;
    opts.onBuild?.(result, change);
    return result;
  };
  const planFile = join(t.planDir, PLAN_FILE);
  // Looked at before the first build: a file saved while it runs is rebuilt after it, never missed.
  const since = await watchBaseline(t.roundDir, planFile);
  let last = await build(null);
  for await (const change of watchRound(t.roundDir, planFile, signal, opts, since)) last = await build(change);
  return last;
}
