/**
 * Checking one file's bytes: the read stage, then validateSubmission. The same code runs in
 * the main thread and in the worker threads; it never throws (a bug becomes a finding).
 */
import { internalErrorFinding, type Finding } from '../findings.js';
import type { SourceWorkbook } from '../model/source.js';
import type { CheckOutcome } from '../model/cache.js';
import type { Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import { readWorkbookBuffer, type ReadOptions } from '../read/index.js';
import { validateSubmission } from '../validate/index.js';

/** One file to check: its bytes as read from the round folder. */
export interface CheckTask {
  readonly name: string;
  readonly path: string;
  readonly mtimeMs: number;
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes` (hex), already computed when the round was listed. */
  readonly sha256?: string | undefined;
}

/** What a worker is started with. */
export interface CheckContext {
  readonly plan: Plan;
  readonly round: Round;
  readonly read: ReadOptions;
}

/** Reads and validates one file. */
export async function checkFile(task: CheckTask, ctx: CheckContext): Promise<CheckOutcome> {
  try {
    const read = await readWorkbookBuffer(task.bytes, task.name, task.path, { ...ctx.read, mtimeMs: task.mtimeMs, sha256: task.sha256 });
    if (!read.workbook) return { kind: read.skipped ? 'skipped' : 'unreadable', readFindings: read.findings, submission: null, findings: [] };
    return checkWorkbook(read.workbook, read.findings, ctx);
  } catch (err) {
    return failedOutcome(task.name, err);
  }
}

/** Validates a workbook the read stage already gave. */
export function checkWorkbook(wb: SourceWorkbook, readFindings: readonly Finding[], ctx: CheckContext): CheckOutcome {
  try {
    const { submission, findings } = validateSubmission(wb, ctx.plan, ctx.round);
    return { kind: 'checked', readFindings, submission, findings };
  } catch (err) {
    return failedOutcome(wb.file, err);
  }
}

/** The outcome of a file whose check failed unexpectedly (a bug, or a worker thread that died). */
export function failedOutcome(name: string, err: unknown): CheckOutcome {
  return { kind: 'unreadable', readFindings: [internalErrorFinding(name, err)], submission: null, findings: [] };
}
