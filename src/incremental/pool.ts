/**
 * Checks many files on every core: this thread takes files from a shared queue while worker
 * threads start, then they share the rest. Used by default only where it pays (see
 * POOL_MIN_CORES); BAOCAO_WORKERS=n asks for n workers anywhere. A worker that dies
 * (a bug, or out of memory on a hostile file) turns the file it held into a finding; the
 * others go on, and a replacement worker is started.
 */
import { workerScript } from '../read/index.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome } from '../model/cache.js';
import { checkFile, failedOutcome, type CheckContext, type CheckTask } from './check-file.js';

/** How checkFiles spreads files over threads. */
export interface PoolOptions {
  /** Worker threads to start (default: defaultWorkers() for POOL_MIN_FILES files or more). */
  readonly workers?: number | undefined;
  /** Also check files in this thread (default true). */
  readonly mainThread?: boolean | undefined;
  /** The worker script (default: worker.js beside this module, present once compiled). */
  readonly workerUrl?: URL | undefined;
  /** Called after each file. */
  readonly onDone?: (() => void) | undefined;
}

/**
 * Fewer files than this are checked in this thread only (unless workers are asked for): starting a
 * worker takes ~0,3 s (loading exceljs), and the benchmark measured a cold check of 100 workbooks
 * at 1,25 s in one thread against 1,58 s with a worker.
 */
export const POOL_MIN_FILES = 200;
/** A lane whose worker died this many times stops taking files. */
const MAX_RESTARTS = 3;

/** The compiled worker script, or null when running from TypeScript sources (tests). */
export function defaultWorkerUrl(): URL | null {
  return workerScript(new URL('./worker.js', import.meta.url));
}

/**
 * Fewer cores than this: no worker threads by default. On the 2-core benchmark machine a worker
 * made a cold check of 1.000 workbooks slower (2,62 s against 2,20 s in this thread alone):
 * reading and checking a workbook is mostly allocation, two threads slowed each other down, and
 * each outcome has to be copied back. With 4 cores and more, main + up to 3 workers.
 */
export const POOL_MIN_CORES = 4;

/** Worker threads used by default on a machine with `cores` cores. */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores < POOL_MIN_CORES ? 0 : Math.min(3, cores - 1);
}

/** Checks every task; the outcomes are in the order of the tasks. */
export async function checkFiles(tasks: readonly CheckTask[], ctx: CheckContext, opts: PoolOptions = {}): Promise<CheckOutcome[]> {
  const results: (CheckOutcome | undefined)[] = new Array(tasks.length);
  let next = 0;
  // Files a dead worker had received but not started: given out again first.
  const again: number[] = [];
  const queue: Queue = {
    take: () => again.shift() ?? (next < tasks.length ? next++ : null),
    giveBack: (i) => again.push(i),
    more: () => again.length > 0 || next < tasks.length,
  };
  const done = (i: number, outcome: CheckOutcome): void => {
    results[i] = outcome;
    opts.onDone?.();
  };
  const url = opts.workerUrl ?? defaultWorkerUrl();
  const workers = !url || tasks.length === 0 ? 0 : (opts.workers ?? (tasks.length >= POOL_MIN_FILES ? defaultWorkers() : 0));
  const lanes: Promise<void>[] = [];
  for (let w = 0; w < workers && url; w++) lanes.push(workerLane(url, ctx, tasks, queue, done));
  if (opts.mainThread ?? true) lanes.push(mainLane(ctx, tasks, queue, done));
  await Promise.all(lanes);
  // Only when every lane gave up (workers kept dying and no main lane): the rest are findings.
  for (let i = queue.take(); i !== null; i = queue.take()) done(i, failedOutcome(tasks[i]?.name ?? '', new Error('không còn luồng xử lý nào hoạt động')));
  return results.map((r, i) => r ?? failedOutcome(tasks[i]?.name ?? '', new Error('không có kết quả')));
}

interface Queue {
  readonly take: () => number | null;
  readonly giveBack: (i: number) => void;
  readonly more: () => boolean;
}

/** Files sent ahead to a worker, so it never waits for this thread between two files. */
const AHEAD = 2;

async function mainLane(ctx: CheckContext, tasks: readonly CheckTask[], queue: Queue, done: (i: number, o: CheckOutcome) => void): Promise<void> {
  for (let i = queue.take(); i !== null; i = queue.take()) {
    done(i, await checkFile(tasks[i] as CheckTask, ctx));
    // Let the workers' messages in between two files.
    await new Promise((r) => setImmediate(r));
  }
}

function workerLane(url: URL, ctx: CheckContext, tasks: readonly CheckTask[], queue: Queue, done: (i: number, o: CheckOutcome) => void): Promise<void> {
  return new Promise<void>((resolveLane) => {
    let restarts = 0;
    const start = (): void => {
      const sent = new Set<number>();
      let current: number | null = null;
      let failure: unknown = null;
      let finished = false;
      const worker = new Worker(url, { workerData: ctx, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
      const feed = (): void => {
        while (sent.size < AHEAD) {
          const i = queue.take();
          if (i === null) break;
          sent.add(i);
          // Copied, not transferred: a file a dead worker had not started is sent again to the next one.
          worker.postMessage({ id: i, task: tasks[i] });
        }
        if (sent.size === 0 && !finished) {
          finished = true;
          void worker.terminate();
        }
      };
      worker.on('message', (msg: { ready?: true; started?: number; id?: number; outcome?: CheckOutcome }) => {
        if (msg.ready) return feed();
        if (msg.started !== undefined) {
          current = msg.started;
          return;
        }
        if (msg.id !== undefined && msg.outcome && sent.delete(msg.id)) {
          current = null;
          done(msg.id, msg.outcome);
          feed();
        }
      });
      worker.on('error', (err) => {
        failure = err;
      });
      worker.on('exit', (code) => {
        if (finished) return resolveLane();
        // The file it was working on is the one that killed it; the others it had not started go back to the queue.
        if (current !== null && sent.delete(current)) done(current, failedOutcome(tasks[current]?.name ?? '', failure ?? new Error(`luồng xử lý dừng bất thường (mã ${code})`)));
        for (const i of sent) queue.giveBack(i);
        restarts++;
        if (restarts <= MAX_RESTARTS && queue.more()) return start();
        resolveLane();
      });
    };
    start();
  });
}
