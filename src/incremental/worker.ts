/**
 * Worker thread entry: checks files sent by the pool (see pool.ts) with the plan and round it was
 * started with, one at a time in the order received, saying when it starts each one (so the pool
 * knows which file a crash belongs to) and posting each outcome back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckContext, type CheckTask } from './check-file.js';

const ctx = workerData as CheckContext;
const port = parentPort;
const queue: { id: number; task: CheckTask }[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy || !port) return;
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    port.postMessage({ started: next.id });
    port.postMessage({ id: next.id, outcome: await checkFile(next.task, ctx) });
  }
  busy = false;
}

if (port) {
  port.on('message', (msg: { id: number; task: CheckTask }) => {
    queue.push(msg);
    void drain();
  });
  port.postMessage({ ready: true });
}
