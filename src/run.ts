/**
 * The stages in order, one function per command: read → validate → aggregate → render → write.
 * Returns findings, files written, Vietnamese messages and the exit code; the CLI prints them.
 */
import { basename, join, relative, resolve } from 'node:path';
import { aggregate } from './aggregate/index.js';
import { exitCodeFor, finding, hasErrors, sortFindings, type Finding } from './findings.js';
import { planForRound, type Plan } from './model/plan.js';
import { ESTIMATE_ROUND, parseRoundName, type Round } from './model/round.js';
import { PLAN_FILE } from './model/sheets.js';
import type { SourceWorkbook } from './model/source.js';
import type { BudgetLine } from './model/submission.js';
import { listRoundFiles, readWorkbookFile, type ReadOptions } from './read/index.js';
import { readTemplates, resolveTarget } from './read/inputs.js';
import { render, renderForms } from './render/index.js';
import { formatRoundSummary, formatWritten } from './summary.js';
import { validate, validatePlan, type ValidateOutput } from './validate/index.js';
import { writeArtifacts, type WrittenFile } from './write/index.js';

export interface RunOptions {
  /** Output folder; default output/<plan>/<round> under the working directory. */
  readonly outDir?: string | undefined;
  /** ISO date of the run (tests fix it). */
  readonly today?: string | undefined;
  readonly templatesDir?: string | undefined;
  readonly read?: ReadOptions | undefined;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2;
  readonly findings: readonly Finding[];
  readonly written: readonly WrittenFile[];
  /** Vietnamese lines for the console, in order. */
  readonly messages: readonly string[];
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

async function loadPlan(planDir: string, opts: RunOptions): Promise<PlanLoad> {
  const path = join(planDir, PLAN_FILE);
  const read = await readWorkbookFile(path, PLAN_FILE, { ...opts.read, checkInProgress: false });
  if (!read.workbook) {
    const findings = read.findings.length > 0 ? read.findings : [finding({ file: PLAN_FILE, code: 'plan_missing', message: `Không đọc được tệp kế hoạch ${path}.` })];
    return { plan: null, findings };
  }
  const { plan, findings } = validatePlan(read.workbook, basename(planDir), planDir);
  return { plan, findings: [...read.findings, ...findings] };
}

function roundOf(roundDir: string): Round {
  const id = basename(roundDir);
  return { id, dir: roundDir, ...parseRoundName(id) };
}

async function loadRound(plan: Plan, round: Round, opts: RunOptions): Promise<ValidateOutput> {
  const { files } = await listRoundFiles(round.dir);
  const workbooks: SourceWorkbook[] = [];
  const unreadable: string[] = [];
  const readFindings: Finding[] = [];
  // Files are read two at a time: exceljs is CPU-bound, and the machine has two cores.
  const results = await mapLimit(files, 2, (name) => readWorkbookFile(join(round.dir, name), name, opts.read));
  results.forEach((r, i) => {
    readFindings.push(...r.findings);
    if (r.workbook) workbooks.push(r.workbook);
    else if (!r.skipped) unreadable.push(files[i] ?? '');
  });
  return validate({ plan: planForRound(plan, round), round, workbooks, unreadable }, readFindings);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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
  const target = await resolveTarget(roundDir);
  if (target.kind !== 'round') {
    return { exitCode: 2, findings: [], written: [], messages: [target.kind === 'none' ? target.reason : `"${roundDir}" không phải thư mục đợt báo cáo (thư mục con của thư mục kế hoạch).`] };
  }
  return checkOrBuild(target.planDir, target.roundDir, { ...opts, checkOnly: true, strict: false });
}

/** `baocao build <dir>`: a round, every round of a plan, or every plan of a folder such as input/. */
export async function runBuild(dir: string, opts: RunOptions & { readonly strict?: boolean } = {}): Promise<RunResult> {
  const target = await resolveTarget(dir);
  if (target.kind === 'none') return { exitCode: 2, findings: [], written: [], messages: [target.reason] };
  if (target.kind === 'round') return checkOrBuild(target.planDir, target.roundDir, { ...opts, checkOnly: false, strict: opts.strict ?? false });
  const plans = target.kind === 'plan' ? [{ planDir: target.planDir, roundDirs: target.roundDirs }] : target.plans;
  const base = opts.outDir ? resolve(opts.outDir) : resolve('output');
  let exitCode: 0 | 1 | 2 = 0;
  const findings: Finding[] = [];
  const written: WrittenFile[] = [];
  const messages: string[] = [];
  for (const p of plans) {
    if (p.roundDirs.length === 0) messages.push(`Kế hoạch "${basename(p.planDir)}" chưa có thư mục đợt báo cáo nào.`);
    for (const roundDir of p.roundDirs) {
      const outDir = join(base, basename(p.planDir), basename(roundDir));
      const r = await checkOrBuild(p.planDir, roundDir, { ...opts, outDir, checkOnly: false, strict: opts.strict ?? false });
      exitCode = Math.max(exitCode, r.exitCode) as 0 | 1 | 2;
      findings.push(...r.findings);
      written.push(...r.written);
      messages.push(...r.messages, '');
    }
  }
  return { exitCode, findings, written, messages };
}

async function checkOrBuild(
  planDir: string,
  roundDir: string,
  opts: RunOptions & { readonly checkOnly: boolean; readonly strict: boolean },
): Promise<RunResult> {
  const { plan, findings: planFindings } = await loadPlan(planDir, opts);
  if (!plan) return planFailure(planDir, planFindings);
  const round = roundOf(roundDir);
  const validated = await loadRound(plan, round, opts);
  const findings = sortFindings([...planFindings, ...validated.findings]);
  const model = aggregate(validated, { today: todayIso(opts) });
  const outDir = opts.outDir ? resolve(opts.outDir) : defaultOut(plan, round);
  const templates = await readTemplates(opts.templatesDir);
  const refuse = opts.strict && hasErrors(findings);
  const artifacts = await render({ model, findings, templates, checkOnly: opts.checkOnly || refuse });
  const written = await writeArtifacts(outDir, artifacts);
  const messages = [...formatRoundSummary(model, findings, opts.checkOnly ? 'check' : 'build')];
  if (refuse) messages.push('Có lỗi và đang dùng --strict: KHÔNG lập báo cáo. Sửa các lỗi trên (xem kiem-tra.xlsx) rồi chạy lại.');
  messages.push(...formatWritten(written));
  const exitCode: 0 | 1 = opts.checkOnly ? exitCodeFor(findings) : refuse ? 1 : 0;
  return { exitCode, findings, written, messages };
}
