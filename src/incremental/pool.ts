/**
 * Checks many files on every core: this thread takes files from a shared queue while worker
 * threads start (loading exceljs takes them a few hundred milliseconds), then they share the
 * rest. exceljs parsing is CPU-bound, so on two cores this halves a cold run. A worker that dies
 * (a bug, or out of memory on a hostile file) turns the file it held into a finding; the
 * others go on, and a replacement worker is started.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome } from '../model/cache.js';
import { checkFile, failedOutcome, type CheckContext, type CheckTask } from './check-file.js';

export interface PoolOptions {
  /** Worker threads to start (default: one per core besides this one, at most 3). */
  readonly workers?: number | undefined;
  /** Also check files in this thread (default true). */
  readonly mainThread?: boolean | undefined;
  /** The worker script (default: worker.js beside this module, present once compiled). */
  readonly workerUrl?: URL | undefined;
  /** Called after each file. */
  readonly onDone?: (() => void) | undefined;
}

/** Fewer files than this are checked in this thread only: starting a worker would not pay. */
export const POOL_MIN_FILES = 8;
/** A lane whose worker died this many times stops taking files. */
const MAX_RESTARTS = 3;

/** The compiled worker script, or null when running from TypeScript sources (tests). */
export function defaultWorkerUrl(): URL | null {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** Worker threads used by default on this machine. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Checks every task; the outcomes are in the order of the tasks. */
export async function checkFiles(tasks: readonly CheckTask[], ctx: CheckContext, opts: PoolOptions = {}): Promise<CheckOutcome[]> {
  const results: (CheckOutcome | undefined)[] = new Array(tasks.length);
  let next = 0;
  const take = (): number | null => (next < tasks.length ? next++ : null);
  const done = (i: number, outcome: CheckOutcome): void => {
    results[i] = outcome;
    opts.onDone?.();
  };
  const url = opts.workerUrl ?? defaultWorkerUrl();
  const workers = tasks.length >= POOL_MIN_FILES && url ? (opts.workers ?? defaultWorkers()) : 0;
  const lanes: Promise<void>[] = [];
  const more = (): boolean => next < tasks.length;
  for (let w = 0; w < workers && url; w++) lanes.push(workerLane(url, ctx, tasks, take, more, done));
  if (opts.mainThread ?? true) lanes.push(mainLane(ctx, tasks, take, done));
  await Promise.all(lanes);
  // Only when every lane gave up (workers kept dying and no main lane): the rest are findings.
  for (let i = take(); i !== null; i = take()) done(i, failedOutcome(tasks[i]?.name ?? '', new Error('không còn luồng xử lý nào hoạt động')));
  return results.map((r, i) => r ?? failedOutcome(tasks[i]?.name ?? '', new Error('không có kết quả')));
}

async function mainLane(ctx: CheckContext, tasks: readonly CheckTask[], take: () => number | null, done: (i: number, o: CheckOutcome) => void): Promise<void> {
  for (let i = take(); i !== null; i = take()) {
    done(i, await checkFile(tasks[i] as CheckTask, ctx));
    // Let the workers' messages in between two files.
    await new Promise((r) => setImmediate(r));
  }
}

/** Bytes that can be moved to a worker without copying: an ArrayBuffer of their own. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

function workerLane(
  url: URL,
  ctx: CheckContext,
  tasks: readonly CheckTask[],
  take: () => number | null,
  more: () => boolean,
  done: (i: number, o: CheckOutcome) => void,
): Promise<void> {
  return new Promise<void>((resolveLane) => {
    let restarts = 0;
    const start = (): void => {
      let inflight: number | null = null;
      let failure: unknown = null;
      const worker = new Worker(url, { workerData: ctx, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
      const feed = (): void => {
        const i = take();
        if (i === null) {
          inflight = null;
          void worker.terminate();
          return;
        }
        inflight = i;
        const task = tasks[i] as CheckTask;
        const bytes = ownBuffer(task.bytes);
        worker.postMessage({ id: i, task: { ...task, bytes } }, [bytes.buffer as ArrayBuffer]);
      };
      worker.on('message', (msg: { ready?: true; id?: number; outcome?: CheckOutcome }) => {
        if (msg.ready) return feed();
        if (msg.id !== undefined && msg.outcome && msg.id === inflight) {
          done(msg.id, msg.outcome);
          feed();
        }
      });
      worker.on('error', (err) => {
        failure = err;
      });
      worker.on('exit', (code) => {
        if (inflight !== null) {
          const i = inflight;
          done(i, failedOutcome(tasks[i]?.name ?? '', failure ?? new Error(`luồng xử lý dừng bất thường (mã ${code})`)));
          inflight = null;
          restarts++;
          if (restarts <= MAX_RESTARTS && more()) return start();
        }
        resolveLane();
      });
    };
    start();
  });
}
