/**
 * One round as the page works on it: its runs one at a time (check, build, forms, annotated
 * copies), checks asked for while one is waiting merged into it, progress and results sent to
 * every open page (server-sent events), and, while a page is open, the round folder looked at
 * every few seconds so files copied in with Explorer are checked too. Only the run functions of
 * run.ts do the work, on one warm engine per round: a dropped correction re-reads that one file,
 * and outputs whose inputs did not change are not rendered again.
 */
import { join } from 'node:path';
import { vnToday } from '../model/deadline.js';
import type { Plan } from '../model/plan.js';
import { ESTIMATE_ROUND } from '../model/round.js';
import { createEngine } from '../engine/index.js';
import { runBuild, runCheck, runFormsZip, runPlan, runStatus, type RunOptions, type RunResult } from '../run.js';
import type { RoundPaths, Workspace } from './files.js';
import { changesView, checkView, reportOutputs, statusView, type BuildView, type CheckView, type StatusView } from './views.js';

export type PageEvent =
  | { readonly type: 'files' }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'checking' }
  | { readonly type: 'checked'; readonly at: string; readonly errors: number; readonly files: number }
  | { readonly type: 'building' }
  | { readonly type: 'built'; readonly at: string; readonly changes: number | null }
  | { readonly type: 'failed'; readonly message: string };

/** How often an open page's round folder is looked at for files copied in outside the page. */
export const POLL_MS = 2000;
/** Progress events at most this often. */
const PROGRESS_MS = 100;

export interface SessionOptions {
  /** ISO date of the runs (tests fix it). */
  readonly today?: string | undefined;
  /** Extra run options (tests: worker threads, read limits). */
  readonly run?: RunOptions | undefined;
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e; e = e instanceof Error ? e.cause : undefined) parts.push(e instanceof Error ? e.message : String(e));
  return parts.join(' — nguyên nhân: ');
}

/** The plan of a plan folder, read again only when ke-hoach.xlsx changes. */
export class PlanCache {
  private readonly cache = new Map<string, { key: string; result: Awaited<ReturnType<typeof runPlan>> }>();

  constructor(private readonly ws: Workspace) {}

  async get(planId: string): Promise<Awaited<ReturnType<typeof runPlan>> | null> {
    const dir = await this.ws.planDir(planId);
    if (!dir) return null;
    const key = await this.ws.planStamp(dir);
    const hit = this.cache.get(dir);
    if (hit && hit.key === key) return hit.result;
    const result = await runPlan(dir);
    this.cache.set(dir, { key, result });
    return result;
  }
}

export class RoundSession {
  private chain: Promise<unknown> = Promise.resolve();
  private queuedCheck: Promise<CheckView> | null = null;
  private queuedBuild: Promise<BuildView> | null = null;
  private lastCheck: { signature: string; view: CheckView } | null = null;
  private runningCheck: { signature: string; promise: Promise<CheckView> } | null = null;
  private runningBuild: Promise<BuildView> | null = null;
  /** The last build of this session (the page shows what it wrote and changed). */
  private lastBuild: BuildView | null = null;
  private listeners = new Set<(e: PageEvent) => void>();
  private timer: NodeJS.Timeout | null = null;
  private seen: string | null = null;
  /** Paths the runs of this session wrote (files beside a person's edit are not in the manifest). */
  readonly written = new Set<string>();
  /** Output names written beside a file a person edited, by name. */
  private beside = new Set<string>();

  constructor(
    readonly paths: RoundPaths,
    private readonly ws: Workspace,
    private readonly plans: PlanCache,
    private readonly opts: SessionOptions,
  ) {}

  /** The page's own uploads, written completely before they appear: read without the copy-in-progress wait. */
  private readonly complete = new Map<string, { readonly size: number; readonly mtimeMs: number }>();

  /** The round's warm engine: plan, checks, figures and rendered outputs kept between runs. */
  private readonly engine = createEngine(true);

  private runOptions(extra: RunOptions = {}): RunOptions {
    const read = { ...this.opts.run?.read, completeFiles: this.complete };
    return { ...this.opts.run, today: this.opts.today, outDir: this.paths.outDir, read, engine: this.engine, ...extra };
  }

  /** Records files the page saved into the round folder (see `complete`). */
  noteUploads(files: readonly { readonly saved: string; readonly size: number; readonly mtimeMs: number }[]): void {
    for (const f of files) this.complete.set(f.saved, { size: f.size, mtimeMs: f.mtimeMs });
  }

  /** Runs jobs of this round one after the other. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private emit(e: PageEvent): void {
    for (const l of this.listeners) l(e);
  }

  private remember(r: RunResult): void {
    for (const w of r.written) {
      this.written.add(w.path);
      if (w.besideEdited) this.beside.add(w.name);
    }
  }

  private async plan(): Promise<Plan | null> {
    return (await this.plans.get(this.paths.planId))?.plan ?? null;
  }

  /** The current check: the last one while nothing the check reads has changed, else the one under way, else a new one. */
  async currentCheck(): Promise<CheckView> {
    const signature = await this.ws.signature(this.paths);
    if (this.queuedCheck) return this.queuedCheck;
    if (this.runningCheck && this.runningCheck.signature === signature) return this.runningCheck.promise;
    if (this.lastCheck && this.lastCheck.signature === signature) return this.lastCheck.view;
    return this.check();
  }

  /** A check of the round; one asked for while another waits to start shares its result. */
  check(): Promise<CheckView> {
    if (this.queuedCheck) return this.queuedCheck;
    const holder: { job: Promise<CheckView> | null } = { job: null };
    const job = this.enqueue(async () => {
      const signature = await this.ws.signature(this.paths);
      this.queuedCheck = null;
      this.runningCheck = { signature, promise: holder.job ?? Promise.reject(new Error('check job missing')) };
      try {
        return await this.runCheckNow(signature);
      } finally {
        this.runningCheck = null;
      }
    });
    holder.job = job;
    this.queuedCheck = job;
    return job;
  }

  private async runCheckNow(signature: string): Promise<CheckView> {
    this.emit({ type: 'checking' });
    let last = 0;
    const onProgress = (done: number, total: number): void => {
      const now = Date.now();
      if (done < total && now - last < PROGRESS_MS) return;
      last = now;
      this.emit({ type: 'progress', done, total });
    };
    try {
      const r = await runCheck(this.paths.roundDir, this.runOptions({ onProgress }));
      this.remember(r);
      const view = checkView(r, await this.plan(), await this.ws.uploads(this.paths), new Date());
      this.lastCheck = { signature, view };
      this.emit({ type: 'checked', at: view.at, errors: view.totals.errors, files: view.totals.files });
      return view;
    } catch (err) {
      this.emit({ type: 'failed', message: `Không kiểm tra được: ${errorText(err)}` });
      throw err;
    }
  }

  /** Builds the report; one asked for while another waits to start shares its result. */
  build(): Promise<BuildView> {
    if (this.queuedBuild) return this.queuedBuild;
    const holder: { job: Promise<BuildView> | null } = { job: null };
    const job = this.enqueue(async () => {
      this.queuedBuild = null;
      this.runningBuild = holder.job;
      this.emit({ type: 'building' });
      const signature = await this.ws.signature(this.paths);
      try {
        const r = await runBuild(this.paths.roundDir, this.runOptions());
        this.remember(r);
        const uploads = await this.ws.uploads(this.paths);
        const check = checkView(r, await this.plan(), uploads, new Date());
        this.lastCheck = { signature, view: check };
        const view: BuildView = {
          at: check.at,
          exitCode: r.exitCode,
          planFailed: r.exitCode === 2,
          outputs: await this.outputs(),
          changes: changesView(r.changes, uploads),
          messages: r.exitCode === 2 ? r.messages : [],
          check,
        };
        this.lastBuild = view;
        this.emit({ type: 'built', at: view.at, changes: view.changes?.items.length ?? null });
        return view;
      } catch (err) {
        this.emit({ type: 'failed', message: `Không lập được báo cáo: ${errorText(err)}` });
        throw err;
      } finally {
        this.runningBuild = null;
      }
    });
    holder.job = job;
    this.queuedBuild = job;
    return job;
  }

  /** The report as it stands: the build under way (awaited) or the last one, and the files in the output folder. */
  async report(): Promise<{ readonly outputs: BuildView['outputs']; readonly last: BuildView | null }> {
    const pending = this.queuedBuild ?? this.runningBuild;
    if (pending) await pending.catch(() => undefined);
    return { outputs: await this.outputs(), last: this.lastBuild };
  }

  /** The report's files in the round's output folder (those baocao wrote), in reading order. */
  async outputs(): Promise<BuildView['outputs']> {
    const names = await this.ws.manifestNames(this.paths.outDir);
    const present: string[] = [];
    for (const n of names) if (await this.ws.outputFile(this.paths, n, this.written)) present.push(n);
    return reportOutputs(present, this.beside);
  }

  /** True once a report was built for the round (then every drop rebuilds it). */
  async hasReport(): Promise<boolean> {
    const names = await this.ws.manifestNames(this.paths.outDir);
    return names.has('bao-cao.docx') || names.has('phu-luc-du-toan.docx');
  }

  /** After files landed: check them, then rebuild the report when there is one. */
  async afterChange(): Promise<void> {
    try {
      const before = this.lastCheck?.view;
      const view = await this.currentCheck();
      if (view !== before && (await this.hasReport())) await this.build();
    } catch {
      // Reported to the page as a 'failed' event.
    }
  }

  async status(): Promise<StatusView> {
    return this.enqueue(async () => {
      const r = await runStatus(this.paths.roundDir, this.runOptions());
      const plan = await this.plan();
      return statusView(r, plan?.info.title ?? this.paths.planId, this.paths.roundId, await this.ws.uploads(this.paths), this.opts.today ?? vnToday());
    });
  }

  private forms: { key: string; zip: Uint8Array | null; messages: readonly string[]; files: readonly string[] } | null = null;

  /**
   * The forms of every agency in one zip (also written to output/<plan>/<round>/bieu-mau/); made
   * again only when the plan, or the estimate round the progress forms are prefilled from, changed.
   */
  async formsZip(): Promise<{ zip: Uint8Array | null; messages: readonly string[]; files: readonly string[] }> {
    return this.enqueue(async () => {
      const estimate = this.paths.roundId === ESTIMATE_ROUND ? null : await this.ws.round(this.paths.planId, ESTIMATE_ROUND);
      const key = `${await this.ws.planStamp(this.paths.planDir)}\n${estimate ? await this.ws.signature(estimate) : '-'}`;
      const files = join(this.paths.outDir, 'bieu-mau');
      if (this.forms?.key === key && (await Promise.all(this.forms.files.map((f) => this.ws.outputFile(this.paths, `bieu-mau/${f}`, this.written)))).every(Boolean)) {
        return this.forms;
      }
      const r = await runFormsZip(this.paths.roundDir, this.runOptions({ outDir: files }));
      this.remember(r);
      this.forms = { key, zip: r.zip, messages: r.messages, files: r.written.map((w) => w.name) };
      return this.forms;
    });
  }

  /** The annotated copy of one file (check --annotate for that file); its path, or null when it has no findings. */
  async annotated(file: string): Promise<string | null> {
    return this.enqueue(async () => {
      const r = await runCheck(this.paths.roundDir, this.runOptions({ annotate: true, annotateFiles: [file] }));
      this.remember(r);
      return r.written.find((w) => w.name.startsWith('tra-lai/'))?.path ?? null;
    });
  }

  /** Subscribes a page to the round's events; looks at the folder while at least one page listens. */
  listen(l: (e: PageEvent) => void): () => void {
    this.listeners.add(l);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(l);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private polling = false;

  /** Files copied into the folder outside the page: tell the pages, check, rebuild. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const signature = await this.ws.signature(this.paths);
      if (this.seen === null) this.seen = signature;
      else if (signature !== this.seen) {
        this.seen = signature;
        this.emit({ type: 'files' });
        await this.afterChange();
      }
    } finally {
      this.polling = false;
    }
  }

  /** Marks the folder's current state as seen (after the page's own upload, which it checks itself). */
  async markSeen(): Promise<void> {
    this.seen = await this.ws.signature(this.paths);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}

/** The sessions of a server, one per round. */
export class Sessions {
  private readonly map = new Map<string, RoundSession>();
  readonly plans: PlanCache;

  constructor(
    private readonly ws: Workspace,
    private readonly opts: SessionOptions,
  ) {
    this.plans = new PlanCache(ws);
  }

  of(paths: RoundPaths): RoundSession {
    const key = `${paths.planId}/${paths.roundId}`;
    let s = this.map.get(key);
    if (!s) {
      s = new RoundSession(paths, this.ws, this.plans, this.opts);
      this.map.set(key, s);
    }
    return s;
  }

  close(): void {
    for (const s of this.map.values()) s.close();
    this.map.clear();
  }
}
