/**
 * Worker thread entry: checks files sent by the pool (see pool.ts) with the plan and round it was
 * started with, and posts each outcome back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckContext, type CheckTask } from './check-file.js';

const ctx = workerData as CheckContext;
const port = parentPort;
if (port) {
  port.on('message', (msg: { id: number; task: CheckTask }) => {
    void checkFile(msg.task, ctx).then((outcome) => port.postMessage({ id: msg.id, outcome }));
  });
  port.postMessage({ ready: true });
}
