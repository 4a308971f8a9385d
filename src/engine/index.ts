/**
 * The engine behind every face (command line, watch, the page): open a plan, open a round, check,
 * build, status. Each run opens the round's store, reads and computes, writes its outputs, and
 * commits the store once at the end; earlier rounds are read from their own stores, read-only.
 *
 * An engine made by createEngine() stays warm between runs (watch, the page): it keeps the
 * validated plan, each round's check (so a correction re-reads one file) and the last figures in
 * memory. The commands use a fresh engine per run.
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { aggregate, roundStatus, type EarlierRound } from '../aggregate/index.js';
import { exitCodeFor, finding, hasErrors, internalErrorFinding, sortFindings, type Finding } from '../findings.js';
import type { CheckCache } from '../model/cache.js';
import type { Artifact } from '../model/document.js';
import { vnToday } from '../model/deadline.js';
import { isSamePeriodLastYear } from '../model/earlier.js';
import { periodIdOf, periodMonths } from '../model/period.js';
import { planForRound, type Plan } from '../model/plan.js';
import { receiptsOf, recordReceived, type Receipt, type SeenFile } from '../model/received.js';
import type { ReportModel } from '../model/report.js';
import { parseRoundName, type Round } from '../model/round.js';
import { PLAN_FILE } from '../model/sheets.js';
import type { ChangeSet, Snapshot, SnapshotPacker } from '../model/snapshot.js';
import type { RoundStatus } from '../model/status.js';
import { APPENDIX_LAYOUT_KINDS, type LayoutFile, type WordTemplateFile } from '../model/templates.js';
import type { BudgetLine } from '../model/submission.js';
import { checkRound, type CheckRoundResult, type PoolOptions } from '../incremental/index.js';
import { codeStamp, fingerprintRound, listRoundDirs, nestedFolders, readInputBytes, readPlanAppendixLayouts, readPlanWordTemplate, readTemplates, readWorkbookBuffer, readWorkbookFile, type ReadOptions } from '../read/index.js';
import { ANNOTATED_DIR, annotationTargets, newRenderMemo, render, renderAnnotated, renderForms, renderedWith, type RenderMemo } from '../render/index.js';
import { openStore, type JsonMemo, type ParsedFiles, type Store } from '../store/index.js';
import { validateAcrossRounds, validatePlan, type ValidateOutput } from '../validate/index.js';
import { keptOutputs, writeArtifacts, type WrittenFile } from '../write/index.js';
import { changeLog } from './change-log.js';

/** What a run tells while it works: files read, checked, rendered, written; changes. */
export type EngineEvent =
  | { readonly kind: 'read'; readonly done: number; readonly total: number }
  | { readonly kind: 'checked'; readonly round: string; readonly read: readonly string[]; readonly reused: number }
  /** `reused`: outputs whose inputs had not changed, taken as they were instead of rendered again. */
  | { readonly kind: 'rendered'; readonly artifacts: number; readonly reused: number }
  | { readonly kind: 'written'; readonly files: readonly WrittenFile[] }
  | { readonly kind: 'changes'; readonly changes: ChangeSet | null };

export interface EngineOptions {
  /** ISO date of the run (tests fix it). */
  readonly today?: string | undefined;
  readonly templatesDir?: string | undefined;
  readonly read?: ReadOptions | undefined;
  /** Worker threads for reading workbooks (tests, benchmark); default: one per spare core. */
  readonly pool?: PoolOptions | undefined;
  readonly onEvent?: ((event: EngineEvent) => void) | undefined;
  /**
   * What identifies the running code (tests): outputs are reused across runs only when it is the
   * same. Default: the bundle's stamp (read/workspace.ts codeStamp); null: never across runs.
   */
  readonly codeStamp?: string | null | undefined;
}

/** A plan opened: the plan, or null when ke-hoach.xlsx cannot be used, and its findings. */
export interface PlanOpened {
  readonly planDir: string;
  readonly plan: Plan | null;
  readonly findings: readonly Finding[];
}

/** The result of check or build. */
export interface BuildResult {
  readonly plan: Plan;
  readonly round: Round;
  readonly outDir: string;
  readonly model: ReportModel;
  readonly findings: readonly Finding[];
  readonly written: readonly WrittenFile[];
  /** `build --strict` with errors: no report. */
  readonly refused: boolean;
  /** Vietnamese lines about the copies sent back (`check --annotate`), empty otherwise. */
  readonly sentBack: readonly string[];
  /** Figures changed since the previous build (null on the first build); undefined for check and refused builds. */
  readonly changes: ChangeSet | null | undefined;
  /** Vietnamese notes about state files of the output folder that were ignored. */
  readonly notes: readonly string[];
  /** `build --pdf`: lines about the PDFs written, and warnings (LibreOffice missing, a conversion that failed). */
  readonly pdf: { readonly messages: readonly string[]; readonly warnings: readonly string[] } | null;
  readonly exitCode: 0 | 1;
}

export interface StatusResult {
  readonly plan: Plan;
  readonly round: Round;
  readonly status: RoundStatus;
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
}

export interface FormsResult {
  readonly plan: Plan;
  readonly round: Round;
  readonly outDir: string;
  readonly findings: readonly Finding[];
  readonly written: readonly WrittenFile[];
  readonly artifacts: number;
  /** The forms written, name and bytes (the page packs them in one zip). */
  readonly forms: readonly Artifact[];
  /** Agencies whose estimate lines were filled in from the estimate round, and its folder name (null: no such round). */
  readonly prefilled: { readonly agencies: number; readonly from: string } | null;
}

export interface BuildOptions extends EngineOptions {
  readonly checkOnly?: boolean | undefined;
  readonly strict?: boolean | undefined;
  readonly annotate?: boolean | undefined;
  /** With `annotate`: only these files of the round (the page asks for one agency's copy); default all. */
  readonly annotateFiles?: readonly string[] | undefined;
  /** `build --pdf`: also write the report and appendices as PDF (LibreOffice); see pdf-outputs.ts. */
  readonly pdf?: PdfRequest | undefined;
  /** `build --no-charts`: false leaves the charts out of the Word report (default true). */
  readonly charts?: boolean | undefined;
}

/** The engine: every face calls these. */
export interface Engine {
  openPlan(planDir: string, opts?: EngineOptions, store?: Store): Promise<PlanOpened>;
  openRound(roundDir: string): Round;
  /** Null plan in the result: ke-hoach.xlsx cannot be used (its findings say why). */
  check(planDir: string, roundDir: string, outDir: string, opts?: BuildOptions): Promise<BuildResult | PlanOpened>;
  build(planDir: string, roundDir: string, outDir: string, opts?: BuildOptions): Promise<BuildResult | PlanOpened>;
  status(plan: Plan, roundDir: string, outDir: string, opts?: EngineOptions): Promise<StatusResult>;
  forms(plan: Plan, roundDir: string, outDir: string, opts?: EngineOptions): Promise<FormsResult>;
}

import { buildPdfs } from './pdf-outputs.js';
import { appendixLayoutLines, listFields, TEMPLATE_HELPERS, wordTemplateLines, wordTemplateWarnings, type FieldInfo, type PdfRequest } from '../render/index.js';
import { reportFields } from '../model/report-fields.js';

/** Re-exported so faces need only the engine. */
export { resolveTarget, type Target } from '../read/index.js';
export type { FieldInfo } from '../render/index.js';

/** What `baocao templates check` found: the templates looked at, and every problem as a console line. */
export interface TemplateCheck {
  readonly checked: readonly string[];
  readonly problems: readonly string[];
  /** How many of the plans looked at have templates of their own (mau/). */
  readonly plansWithOwn: number;
  /** What breaks Nghị định 30's page and font rules: said, not refused. */
  readonly warnings: readonly string[];
}

/**
 * Checks the templates without any data: the default ones (templates/bao-cao.docx and the
 * appendix layouts templates/phu-luc-*.xlsx), and each plan's own in `planDirs`
 * (input/<plan>/mau/bao-cao.docx, mau/phu-luc-*.xlsx).
 */
export async function checkTemplates(planDirs: readonly string[], templatesDir?: string): Promise<TemplateCheck> {
  const set = await readTemplates(templatesDir);
  const checked: string[] = [];
  const own: string[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const word = async (file: WordTemplateFile): Promise<void> => {
    checked.push(file.name);
    problems.push(...(await wordTemplateLines(file)));
    warnings.push(...(await wordTemplateWarnings(file)));
  };
  const layout = async (file: LayoutFile): Promise<void> => {
    checked.push(file.name);
    problems.push(...('bytes' in file ? await appendixLayoutLines(file.name, file.bytes) : [`${file.name}: ${file.unreadable}`]));
  };
  await word(set.report);
  for (const kind of APPENDIX_LAYOUT_KINDS) await layout(set.appendixLayouts[kind]);
  for (const planDir of planDirs) {
    const mine = await readPlanWordTemplate(planDir);
    const layouts = Object.values(await readPlanAppendixLayouts(planDir));
    if (mine) await word(mine);
    for (const l of layouts) await layout(l);
    if (mine || layouts.length > 0) own.push(planDir);
  }
  return { checked, problems, warnings, plansWithOwn: own.length };
}

/** Every field and helper a report template can use (`baocao templates fields`), from the data's schema. */
export function templateFields(): { readonly fields: readonly FieldInfo[]; readonly helpers: typeof TEMPLATE_HELPERS } {
  return { fields: listFields(reportFields), helpers: TEMPLATE_HELPERS };
}

/** True for a result of check or build (not a plan that cannot be used). */
export function isBuilt(r: BuildResult | PlanOpened): r is BuildResult {
  return 'model' in r;
}

/** A round of a plan, from its folder. */
export function openRound(roundDir: string): Round {
  const id = basename(roundDir);
  return { id, dir: roundDir, ...parseRoundName(id) };
}

/** The default output folder of a round: output/<plan>/<round> under the working directory. */
export function defaultOutDir(planDir: string, roundDir: string, base = 'output'): string {
  return resolve(base, basename(planDir), basename(roundDir));
}

/** Warm memory: what a long-running engine keeps between runs. */
interface Memory {
  readonly plans: Map<string, { readonly key: string; readonly opened: PlanOpened }>;
  /** Each round's check cache, by round folder (own round and earlier rounds). */
  readonly checks: Map<string, CheckCache>;
  /** The last figures kept in each output folder. */
  readonly snapshots: Map<string, Snapshot>;
  /** The outputs rendered last in each output folder, reused when their inputs did not change. */
  readonly renders: Map<string, RenderMemo>;
  /** The state files' JSON, kept per object: a commit encodes only the outcomes and figures that are new; files parsed, by stat. */
  readonly json: { readonly check: JsonMemo; readonly snapshot: JsonMemo; readonly packers: Map<string, SnapshotPacker>; readonly parsed: ParsedFiles };
}

/** A new engine; `warm` keeps the plan, checks and figures in memory between runs. */
export function createEngine(warm = false): Engine {
  const memory: Memory | null = warm ? { plans: new Map(), checks: new Map(), snapshots: new Map(), renders: new Map(), json: { check: new WeakMap(), snapshot: new WeakMap(), packers: new Map(), parsed: new Map() } } : null;

  async function openPlan(planDir: string, opts: EngineOptions = {}, store?: Store): Promise<PlanOpened> {
    const path = join(planDir, PLAN_FILE);
    // Reused from <outDir>/.baocao-cache/plan.json (or memory) while ke-hoach.xlsx keeps its bytes.
    const memo = await (store ?? openStore(planDir, { readOnly: true })).planMemo(planDir);
    const kept = memo ? memory?.plans.get(planDir) : undefined;
    if (memo && kept && kept.key === memo.key) return kept.opened;
    if (memo?.cached && store) {
      const opened = { planDir, plan: memo.cached.plan, findings: [...memo.cached.findings] };
      memory?.plans.set(planDir, { key: memo.key, opened });
      return opened;
    }
    const read = memo
      ? await readWorkbookBuffer(memo.bytes, PLAN_FILE, path, { ...opts.read, checkInProgress: false })
      : await readWorkbookFile(path, PLAN_FILE, { ...opts.read, checkInProgress: false });
    if (!read.workbook) {
      const findings = read.findings.length > 0 ? read.findings : [finding({ file: PLAN_FILE, code: 'plan_missing', message: `Không đọc được tệp kế hoạch ${path}.` })];
      return { planDir, plan: null, findings };
    }
    let validated: ReturnType<typeof validatePlan>;
    try {
      validated = validatePlan(read.workbook, basename(planDir), planDir);
    } catch (err) {
      // A bug met while validating the plan: said as baocao's own error, never a library's English.
      return { planDir, plan: null, findings: [...read.findings, internalErrorFinding(PLAN_FILE, err)] };
    }
    const { plan, findings } = validated;
    const all = [...read.findings, ...findings];
    if (plan && memo) {
      store?.stagePlanCache({ version: 1, key: memo.key, plan, findings: all });
      memory?.plans.set(planDir, { key: memo.key, opened: { planDir, plan, findings: all } });
    }
    return { planDir, plan, findings: all };
  }

  /**
   * The outputs rendered before in `outDir`: kept in memory by a warm engine; otherwise, and on its
   * first run there, the files an earlier run of the same code wrote and nobody changed since
   * (write/index.ts keptOutputs). Undefined: nothing to reuse (a cold run of code without a stamp).
   */
  async function renderMemo(outDir: string, opts: EngineOptions): Promise<RenderMemo | undefined> {
    const inMemory = memory?.renders.get(outDir);
    if (inMemory) return inMemory;
    const stamp = opts.codeStamp !== undefined ? opts.codeStamp : await (runningCode ??= codeStamp());
    if (!memory && stamp === null) return undefined;
    const memo = newRenderMemo(stamp, { warm: memory !== null });
    // Kept with the keys they were rendered from: one of other code (another stamp) never matches.
    if (stamp !== null) for (const [name, kept] of await keptOutputs(outDir)) memo.outputs.set(name, kept);
    memory?.renders.set(outDir, memo);
    return memo;
  }
  let runningCode: Promise<string | null> | undefined;

  /** Reads and validates a round's files, reusing the check kept in memory or in `store`. */
  async function checkFiles(plan: Plan, round: Round, opts: EngineOptions, store: Store | null): Promise<CheckRoundResult> {
    const kept = memory?.checks.get(round.dir);
    const cache = kept ?? (store ? await store.checkCache() : null);
    const onProgress = (done: number, total: number): void => opts.onEvent?.({ kind: 'read', done, total });
    const r = await checkRound(plan, round, { read: opts.read, cache, pool: opts.pool, onProgress });
    const next = r.cache ?? cache;
    if (next && memory) memory.checks.set(round.dir, next);
    if (r.cache) store?.stageCheckCache(r.cache);
    opts.onEvent?.({ kind: 'checked', round: round.id, read: r.checked, reused: r.reused });
    return r;
  }

  /**
   * Earlier progress rounds of the same year (their periods end before this one starts): the
   * year-to-date figures are added up from them, so agencies never retype cumulative values; for
   * a period from January, those of its first months (its figures are checked to cover them); and
   * the same period of last year (the agencies' "Cùng kỳ năm trước" is checked against it, and it
   * gives last year's figures nobody wrote) with, for a later period, last year's rounds of the
   * months to its end (last year's year-to-date figure). Tasks
   * are checked against the same rounds (a task reported done before, now not started).
   * Their check caches are read (usual layout output/<plan>/<round>), never written.
   */
  async function loadEarlierRounds(plan: Plan, round: Round, outDir: string, opts: EngineOptions, notes: string[]): Promise<EarlierRound[]> {
    const period = round.period;
    if (!period || (plan.indicators.length === 0 && plan.tasks.length === 0)) return [];
    const [start, end] = periodMonths(period);
    const out: EarlierRound[] = [];
    const seen = new Map<string, string>();
    for (const dir of await listRoundDirs(plan.dir)) {
      const other = openRound(dir);
      if (!other.period) continue;
      // Earlier periods of this year (year to date), and earlier years (targets over the whole plan).
      // A period from January (năm, 9 tháng) also reads the rounds of its first months, to check its figures cover them.
      const otherEnd = periodMonths(other.period)[1];
      const sameYearBefore = other.period.year === period.year && (otherEnd < start || (start === 1 && otherEnd < end));
      const earlierYear = other.period.kind === 'year' && other.period.year < period.year;
      // The same period of last year: the agencies' "Cùng kỳ năm trước" is checked against what they reported then,
      // and gives it when nobody writes one; last year's rounds of the months to date give the year to date's.
      const lastYear = isSamePeriodLastYear(other.period, period);
      const lastYearToDate = start > 1 && other.period.year === period.year - 1 && otherEnd <= end;
      if (!sameYearBefore && !earlierYear && !lastYear && !lastYearToDate) continue;
      // Two folders of one period ("2026-Q3" and "Quý III năm 2026"): the first by name counts, once, and staff are told.
      const pid = periodIdOf(other.period);
      const first = seen.get(pid);
      if (first !== undefined) {
        notes.push(`  ! Có hai thư mục đợt cùng kỳ ${other.period.label}: "${first}" và "${other.id}"; số lũy kế lấy từ "${first}". Hãy xóa hoặc gộp thư mục thừa.`);
        continue;
      }
      seen.set(pid, other.id);
      const siblingOut = basename(outDir) === round.id ? join(dirname(outDir), other.id) : null;
      const store = siblingOut ? openStore(siblingOut, { readOnly: true }) : null;
      const checked = await checkFiles(plan, other, { ...opts, onEvent: undefined }, store);
      out.push({ round: other, submissions: checked.validated.submissions.filter((s) => s.errorCount === 0) });
    }
    return out;
  }

  /** The receipts of the round's files, and the registry to keep when some are new. */
  async function receive(round: Round, store: Store, known?: readonly SeenFile[]): Promise<readonly Receipt[]> {
    const seen = await fingerprintRound(round.dir, known);
    const { registry, added } = recordReceived(await store.received(round.dir), seen, new Date());
    if (added > 0) store.stageReceived(registry);
    return receiptsOf(registry, seen, await store.recorded(round.dir));
  }

  /** Copies to send back: each file read again (bytes in, bytes out), skipped if it changed since the check. */
  async function annotate(plan: Plan, round: Round, model: ReportModel, validated: ValidateOutput, findings: readonly Finding[], outDir: string, read: ReadOptions | undefined, artifacts: Artifact[], only?: readonly string[]): Promise<string[]> {
    const lines: string[] = [];
    const before = artifacts.length;
    const wanted = only ? new Set(only) : null;
    for (const t of annotationTargets(model.files, findings, plan.agencies)) {
      if (wanted && !wanted.has(t.file)) continue;
      const input = await readInputBytes(join(round.dir, t.file), read);
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
      if (problem) lines.push(`  ! Không tạo được bản đánh dấu lỗi của tệp ${t.file}: ${problem}.`);
    }
    const where = join(relative(resolve(), outDir) || '.', ANNOTATED_DIR);
    lines.unshift(`Bản sao có đánh dấu lỗi để gửi trả cơ quan (gửi nguyên tệp cho cơ quan sửa): ${artifacts.length - before} tệp trong thư mục ${where}.`);
    return lines;
  }

  async function checkOrBuild(planDir: string, roundDir: string, outDir: string, opts: BuildOptions): Promise<BuildResult | PlanOpened> {
    const store = openStore(outDir, { memo: memory?.json });
    // The plan cache is kept in this round's store.
    const opened = await openPlan(planDir, opts, store);
    const plan = opened.plan;
    if (!plan) return opened;
    const round = openRound(roundDir);
    const notes: string[] = [];
    const checked = await checkFiles(plan, round, opts, store);
    const earlier = await loadEarlierRounds(plan, round, outDir, opts, notes);
    // Figures only the earlier rounds show wrong: typed from January, missing the first months, last year written otherwise.
    const validated = validateAcrossRounds(checked.validated, earlier);
    // Sub-folders of the round are never read: each is named; one holding workbooks is a warning at the folder.
    const nested = await nestedFolders(round.dir);
    const nestedFindings = nested
      .filter((k) => k.workbooks > 0)
      .map((k) => finding({ file: `${basename(k.dir)}${sep}`, code: 'folder_skipped', message: `Thư mục con "${basename(k.dir)}" không được đọc: ${k.reason}.` }));
    for (const k of nested.filter((x) => x.workbooks === 0)) notes.push(`  Thư mục con "${basename(k.dir)}" không được đọc (không có tệp Excel): baocao chỉ đọc các tệp nằm ngay trong thư mục đợt.`);
    const findings = sortFindings([...opened.findings, ...validated.findings, ...nestedFindings]);
    const receipts = await receive(round, store, checked.fingerprints);
    const model = aggregate(validated, { today: opts.today ?? vnToday(), receipts, earlier });
    // A plan's own templates (input/<plan>/mau/bao-cao.docx, phu-luc-<kind>.xlsx) replace the default ones.
    const ownReport = opts.checkOnly === true ? null : await readPlanWordTemplate(plan.dir);
    const defaults = await readTemplates(opts.templatesDir);
    const ownLayouts = opts.checkOnly === true ? {} : await readPlanAppendixLayouts(plan.dir);
    const templates = { ...defaults, appendixLayouts: { ...defaults.appendixLayouts, ...ownLayouts }, report: ownReport ?? defaults.report };
    if (ownReport) for (const w of await wordTemplateWarnings(ownReport)) notes.push(`  ! Cảnh báo mẫu: ${w}`);
    const checkOnly = opts.checkOnly ?? false;
    const refused = (opts.strict ?? false) && hasErrors(findings);
    const memo = await renderMemo(outDir, opts);
    const { artifacts, reused } = renderedWith(await render({ model, findings, templates, checkOnly: checkOnly || refused, charts: opts.charts ?? true, memo }), memo);
    let changes: ChangeSet | null | undefined;
    if (!checkOnly && !refused) {
      // Every build keeps its figures; the next one lists what changed (thay-doi.xlsx).
      const prev = memory?.snapshots.get(outDir) ?? (await store.snapshot());
      const log = await changeLog(model, validated.submissions, prev, new Date());
      artifacts.push(...log.artifacts);
      store.stageSnapshot(log.snapshot);
      memory?.snapshots.set(outDir, log.snapshot);
      changes = log.changes;
    }
    const sentBack = opts.annotate ? await annotate(plan, round, model, validated, findings, outDir, opts.read, artifacts, opts.annotateFiles) : [];
    opts.onEvent?.({ kind: 'rendered', artifacts: artifacts.length, reused });
    const written = await writeArtifacts(outDir, artifacts);
    // PDFs after the Word and Excel files are safely written: LibreOffice is slow and may be missing.
    const pdf = opts.pdf && !checkOnly && !refused ? await buildPdfs(outDir, artifacts, written, opts.pdf) : null;
    const all = pdf ? [...written, ...pdf.written] : written;
    opts.onEvent?.({ kind: 'written', files: all });
    await store.commit();
    if (changes !== undefined) opts.onEvent?.({ kind: 'changes', changes });
    const exitCode: 0 | 1 = checkOnly ? exitCodeFor(findings) : refused ? 1 : 0;
    const pdfLines = pdf && { messages: pdf.messages, warnings: pdf.warnings };
    return { plan, round, outDir, model, findings, written: all, refused, sentBack, changes, notes: [...notes, ...store.notes], pdf: pdfLines, exitCode };
  }

  return {
    openPlan,
    openRound,
    check: (planDir, roundDir, outDir, opts = {}) => checkOrBuild(planDir, roundDir, outDir, { ...opts, checkOnly: true, strict: false }),
    build: (planDir, roundDir, outDir, opts = {}) => checkOrBuild(planDir, roundDir, outDir, { ...opts, checkOnly: false }),

    /** Who sent, who is late, who is missing; writes only when it first saw each file, in this round's registry. */
    async status(plan, roundDir, outDir, opts = {}) {
      const store = openStore(outDir, { onlyReceived: true });
      const round = openRound(roundDir);
      const checked = await checkFiles(plan, round, opts, store);
      const receipts = await receive(round, store, checked.fingerprints);
      const status = roundStatus(checked.validated, receipts);
      await store.commit();
      return { plan, round, status, findings: checked.validated.findings, notes: store.notes };
    },

    /** One pre-filled workbook per agency; progress forms carry the estimate lines of the du-toan round. */
    async forms(plan, roundDir, outDir, opts = {}) {
      const round = openRound(roundDir);
      const prefill = new Map<string, readonly BudgetLine[]>();
      let prefilled: FormsResult['prefilled'] = null;
      if (round.kind === 'progress') {
        // Progress forms carry each agency's estimate lines from the estimate round ("du-toan", "Dự toán"…), when it exists.
        const estimateDir = (await listRoundDirs(plan.dir)).find((d) => openRound(d).kind === 'estimate');
        if (estimateDir) {
          const validated = (await checkFiles(plan, openRound(estimateDir), opts, null)).validated;
          for (const s of validated.submissions) if (s.errorCount === 0 && s.budget) prefill.set(s.agencyCode, s.budget);
          prefilled = { agencies: prefill.size, from: basename(estimateDir) };
        }
      }
      const artifacts = await renderForms(planForRound(plan, round), round, prefill);
      const written = await writeArtifacts(outDir, artifacts);
      opts.onEvent?.({ kind: 'written', files: written });
      return { plan, round, outDir, findings: [], written, artifacts: artifacts.length, forms: artifacts, prefilled };
    },
  };
}
