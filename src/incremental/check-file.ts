/**
 * Checking one file's bytes: the read stage, then validateSubmission. The same code runs in
 * the main thread and in the worker threads; it never throws (a bug becomes a finding).
 */
import { finding, type Finding } from '../findings.js';
import type { SourceWorkbook } from '../model/source.js';
import type { CheckOutcome } from '../model/cache.js';
import type { Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import { readWorkbookBuffer, type ReadOptions, type ReadResult } from '../read/index.js';
import { validateSubmission } from '../validate/submission.js';

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
    if (!read.workbook) return { kind: outcomeKind(read), readFindings: read.findings, submission: null, findings: [] };
    return checkWorkbook(read.workbook, read.findings, ctx);
  } catch (err) {
    return failedOutcome(task.name, err);
  }
}

/** What a file the read stage did not turn into a workbook is: a lock/temp file, an attachment, or unreadable. */
export function outcomeKind(read: ReadResult): 'skipped' | 'attachment' | 'unreadable' {
  return read.skipped ? 'skipped' : read.attachment !== undefined ? 'attachment' : 'unreadable';
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
  const detail = err instanceof Error ? err.message : String(err);
  return {
    kind: 'unreadable',
    readFindings: [
      finding({
        file: name,
        code: 'file_corrupt',
        message: `Không kiểm tra được tệp "${name}" do lỗi không lường trước khi đọc (chi tiết kỹ thuật: ${detail}); các tệp khác vẫn được kiểm tra bình thường.`,
        hint: 'Mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại; nếu vẫn lỗi, đề nghị cơ quan gửi lại tệp.',
      }),
    ],
    submission: null,
    findings: [],
  };
}
