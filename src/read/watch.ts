/**
 * Watching a round folder (and its plan workbook) for `baocao watch`: fs.watch events only wake
 * the watcher; what changed is always decided by listing the folder and comparing sizes and
 * modification times, so coalesced, duplicated or missed events (network drives) do no harm —
 * a slow poll catches what events miss. A burst of events gives one change, reported only once
 * every file has kept its size and time for `stableMs` (completely copied or saved) and no new
 * workbook is a zip without its end record (a copy that paused). Lock and temporary files
 * (Excel's ~$name.xlsx, *.tmp) are never inputs; a lock file appearing or going beside a workbook
 * is a change (the workbook was opened or closed in Excel), so the check says so at once.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { APPENDIX_LAYOUT_KINDS, appendixLayoutFile, PLAN_TEMPLATE_DIR, WORD_REPORT_TEMPLATE } from '../model/templates.js';
import { ignoreReason, listRoundFiles } from './list.js';

/** What changed in a round folder between two settled looks. */
export interface FolderChange {
  readonly added: readonly string[];
  readonly replaced: readonly string[];
  readonly removed: readonly string[];
  /** The plan workbook (ke-hoach.xlsx) changed. */
  readonly plan: boolean;
  /** Workbooks of the folder opened in Excel or LibreOffice (a lock file appeared beside them) since the last look. */
  readonly opened: readonly string[];
  /** Workbooks closed since the last look (their lock file went). */
  readonly closed: readonly string[];
  /** The plan's own templates (mau/bao-cao.docx, mau/phu-luc-*.xlsx) changed, appeared or went. */
  readonly template: boolean;
  /** Which of them: "bao-cao.docx", "phu-luc-kinh-phi.xlsx"… */
  readonly templates?: readonly string[];
  /**
   * Size and modification time of every file of the folder as seen by two looks that agreed:
   * files known to be completely written, so the build need not wait to look at them again.
   */
  readonly settled: ReadonlyMap<string, { readonly size: number; readonly mtimeMs: number }>;
}

/** Timings of watchRound (tests shorten them). */
export interface WatchTiming {
  /** Quiet time after the last event before looking (default 300 ms). */
  readonly debounceMs?: number | undefined;
  /** Time every file must keep its size and modification time (default 500 ms). */
  readonly stableMs?: number | undefined;
  /** Look anyway this often, for folders where events are not delivered (default 3 s). */
  readonly pollMs?: number | undefined;
  /**
   * A workbook whose zip has no end yet is still being copied, even when the copy paused longer
   * than `stableMs` (a slow network share): it is waited for while it was modified less than this
   * long ago (default 30 s), then taken as it is (the check reports it as truncated).
   */
  readonly incompleteMs?: number | undefined;
}

type Scan = Map<string, string>;

const PLAN_KEY = '\0plan';
const TEMPLATE_KEY = '\0template';
/** The workbooks a lock file says are open, one per line. */
const OPEN_KEY = '\0open';
const SPECIAL_KEYS: ReadonlySet<string> = new Set([PLAN_KEY, TEMPLATE_KEY, OPEN_KEY]);
/** The plan's own Word report template, beside the plan workbook. */
const templateOf = (planFile: string): string => join(dirname(planFile), PLAN_TEMPLATE_DIR, WORD_REPORT_TEMPLATE);
/** The plan's own templates: its Word report template and its appendix layouts (mau/phu-luc-<kind>.xlsx). */
const TEMPLATE_FILES: readonly string[] = [WORD_REPORT_TEMPLATE, ...APPENDIX_LAYOUT_KINDS.map(appendixLayoutFile)];

async function scan(roundDir: string, planFile: string): Promise<Scan> {
  const out: Scan = new Map();
  const { files, open } = await listRoundFiles(roundDir).catch(() => ({ files: [] as string[], open: [] }));
  await Promise.all(
    files.map(async (name) => {
      const st = await stat(`${roundDir}/${name}`).catch(() => null);
      if (st) out.set(name, `${st.size}/${st.mtimeMs}`);
    }),
  );
  const p = await stat(planFile).catch(() => null);
  out.set(PLAN_KEY, p ? `${p.size}/${p.mtimeMs}` : '');
  const seen: string[] = [];
  for (const name of TEMPLATE_FILES) {
    const t = await stat(join(dirname(templateOf(planFile)), name)).catch(() => null);
    seen.push(t ? `${t.size}/${t.mtimeMs}` : '');
  }
  out.set(TEMPLATE_KEY, seen.join('|'));
  out.set(OPEN_KEY, open.map((o) => o.file).join('\n'));
  return out;
}

function same(a: Scan, b: Scan): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function diff(before: Scan, after: Scan): FolderChange | null {
  const added: string[] = [];
  const replaced: string[] = [];
  const removed: string[] = [];
  for (const [k, v] of after) {
    if (SPECIAL_KEYS.has(k)) continue;
    const old = before.get(k);
    if (old === undefined) added.push(k);
    else if (old !== v) replaced.push(k);
  }
  for (const k of before.keys()) if (!SPECIAL_KEYS.has(k) && !after.has(k)) removed.push(k);
  const openBefore = new Set((before.get(OPEN_KEY) ?? '').split('\n').filter(Boolean));
  const openAfter = new Set((after.get(OPEN_KEY) ?? '').split('\n').filter(Boolean));
  const opened = [...openAfter].filter((f) => !openBefore.has(f));
  const closed = [...openBefore].filter((f) => !openAfter.has(f));
  const plan = before.get(PLAN_KEY) !== after.get(PLAN_KEY);
  const template = before.get(TEMPLATE_KEY) !== after.get(TEMPLATE_KEY);
  const was = (before.get(TEMPLATE_KEY) ?? '').split('|');
  const now = (after.get(TEMPLATE_KEY) ?? '').split('|');
  const templates = TEMPLATE_FILES.filter((_, i) => was[i] !== now[i]);
  if (added.length + replaced.length + removed.length + opened.length + closed.length === 0 && !plan && !template) return null;
  const settled = new Map<string, { size: number; mtimeMs: number }>();
  for (const [k, v] of after) {
    if (SPECIAL_KEYS.has(k)) continue;
    const [size, mtimeMs] = v.split('/').map(Number);
    if (size !== undefined && mtimeMs !== undefined) settled.set(k, { size, mtimeMs });
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'vi');
  return { added: added.sort(byName), replaced: replaced.sort(byName), removed: removed.sort(byName), opened: opened.sort(byName), closed: closed.sort(byName), plan, template, templates, settled };
}

/** End of central directory record: 22 bytes plus a comment of at most 65.535 bytes, at the end of a zip. */
const EOCD_SIG = 0x06054b50;
const EOCD_MAX = 22 + 0xffff;

/**
 * True when the file starts like a zip (an .xlsx) but has no end record yet: it is still being
 * written. Files that are not zips, or cannot be read, are not judged here.
 */
export async function isUnfinishedZip(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await openFile(path, 'r');
    const { size } = await fh.stat();
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (size < 4 || head.readUInt32LE(0) !== 0x04034b50) return false;
    const len = Math.min(size, EOCD_MAX);
    const tail = Buffer.alloc(len);
    await fh.read(tail, 0, len, size - len);
    for (let p = len - 22; p >= 0; p--) if (tail.readUInt32LE(p) === EOCD_SIG) return false;
    return true;
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/**
 * True while a file of a change is not settled after all: it changed since the look that settled
 * it (the rest of a copy landing between that look and this one: judging the newer bytes would
 * let the build take the older look's size, then build again), or it looks unfinished and was
 * modified less than `maxAgeMs` ago.
 */
export async function stillCopying(roundDir: string, change: FolderChange, maxAgeMs: number): Promise<boolean> {
  const moved = async (path: string, name: string): Promise<boolean> => {
    const st = await stat(path).catch(() => null);
    const seen = change.settled.get(name);
    return !st || !seen || st.size !== seen.size || st.mtimeMs !== seen.mtimeMs;
  };
  for (const name of [...change.added, ...change.replaced]) {
    const path = `${roundDir}/${name}`;
    if (await moved(path, name)) return true;
    const mtimeMs = change.settled.get(name)?.mtimeMs ?? 0;
    if (Date.now() - mtimeMs < maxAgeMs && (await isUnfinishedZip(path))) return true;
    // Written to while it was being read: its end may be newer than the look.
    if (await moved(path, name)) return true;
  }
  return false;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The round folder as one look saw it, to watch for changes from then on. */
export interface WatchBaseline {
  readonly scan: Scan;
}

/** Looks at the round folder, its plan and templates now: pass it to watchRound after a first build. */
export async function watchBaseline(roundDir: string, planFile: string): Promise<WatchBaseline> {
  return { scan: await scan(roundDir, planFile) };
}

/**
 * Yields each settled change of the round folder or its plan workbook until `signal` aborts.
 * The caller handles one change at a time; changes made meanwhile come in the next one.
 */
export async function* watchRound(
  roundDir: string,
  planFile: string,
  signal: AbortSignal,
  timing: WatchTiming = {},
  /**
   * The folder as it was before the caller's first build (watchBaseline): what changed while that
   * build ran is then a change like any other, looked for at once, instead of being taken as the start.
   */
  since?: WatchBaseline,
): AsyncGenerator<FolderChange> {
  const debounceMs = timing.debounceMs ?? 300;
  const stableMs = timing.stableMs ?? 500;
  const pollMs = timing.pollMs ?? 3000;
  const incompleteMs = timing.incompleteMs ?? 30_000;
  let baseline = since?.scan ?? (await scan(roundDir, planFile));
  let pending = since !== undefined;
  let wake: (() => void) | null = null;
  let lastEvent = 0;
  const poke = (): void => {
    pending = true;
    lastEvent = Date.now();
    wake?.();
  };
  const watchers: FSWatcher[] = [];
  const open = (dir: string, accept: (name: string) => boolean): void => {
    try {
      const w = watch(dir, { persistent: true }, (_event, name) => {
        // No name (some platforms): look anyway.
        if (name === null || accept(String(name))) poke();
      });
      // A watcher that fails (folder removed, too many watches) leaves the poll to do the work.
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // Same: the poll still works.
    }
  };
  // Lock files too: a workbook opened or closed in Excel changes what the check says about it.
  open(roundDir, (name) => {
    const reason = ignoreReason(name);
    return reason === null || reason === 'lock';
  });
  open(dirname(planFile), (name) => name === basename(planFile) || name === PLAN_TEMPLATE_DIR);
  // The plan's Word template is looked at too (the poll sees it when the folder is created later).
  open(dirname(templateOf(planFile)), (name) => TEMPLATE_FILES.includes(name));
  const timer = setInterval(poke, pollMs);
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      // Debounce: wait until events have been quiet for a while.
      while (!signal.aborted && Date.now() - lastEvent < debounceMs) await sleep(debounceMs - (Date.now() - lastEvent), signal);
      pending = false;
      // Settle: two looks stableMs apart must agree (a file being copied keeps growing), and no
      // new or replaced workbook may be a zip without its end (a copy that paused).
      let now = await scan(roundDir, planFile);
      for (;;) {
        if (signal.aborted) return;
        await sleep(stableMs, signal);
        if (signal.aborted) return;
        const again = await scan(roundDir, planFile);
        if (same(now, again)) {
          const settled = diff(baseline, again);
          if (!settled || !(await stillCopying(roundDir, settled, incompleteMs))) break;
        }
        now = again;
      }
      const change = diff(baseline, now);
      baseline = now;
      if (change) yield change;
    }
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', onAbort);
    for (const w of watchers) w.close();
  }
}
