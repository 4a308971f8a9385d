/**
 * Facts about the running process that the stages need: its id (temporary file names, the output
 * folder's lock), whether another process is alive (a stale lock), PATH and the platform (finding
 * LibreOffice), and baocao's own switches from the environment. With src/cli.ts, the only module
 * that reads `process` (eslint.config.js keeps it so); everything else asks here.
 */
import { env, kill, pid, platform } from 'node:process';

/** The id of this process. */
export const processId: number = pid;

/** The operating system ('win32', 'linux'…). */
export const hostPlatform: NodeJS.Platform = platform;

/** The folders of PATH, as one string. */
export function searchPath(): string {
  return env['PATH'] ?? '';
}

/** A BAOCAO_* switch from the environment (undefined when unset). */
export function baocaoSwitch(name: `BAOCAO_${string}`): string | undefined {
  return env[name];
}

/** False only when no process with this id exists on this machine (a signal 0 says ESRCH). */
export function processAlive(id: number): boolean {
  try {
    kill(id, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Sends a signal to a process or, with a negative id, to a process group (a LibreOffice conversion that ran out of time). */
export function signalProcess(id: number, signal: NodeJS.Signals): void {
  kill(id, signal);
}
