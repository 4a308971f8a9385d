/**
 * Who has submitted in a round and when: one row per agency the round expects, plus the files
 * that belong to no agency. Readonly plain data built by aggregate/status.ts (`baocao status`).
 */
import type { FileStatus } from './submission.js';

export const SUBMISSION_STATES = ['on-time', 'late', 'missing', 'no-deadline', 'has-errors'] as const;
/**
 * on-time: received on or before the due date; late: after it; missing: no file of this round;
 * no-deadline: received, no due date known; has-errors: submitted, but none of its files could be
 * used ("Đã nộp — có lỗi, chưa được tổng hợp").
 */
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/**
 * Why a file of an agency was not used: errors: it has errors; superseded: another submission of
 * the agency replaces it; misplaced: it belongs to another plan or round; in-progress: it was
 * still being copied; unreadable: it could not be read (agency guessed from the file name).
 */
export type NotUsedReason = 'errors' | 'superseded' | 'misplaced' | 'in-progress' | 'unreadable';

/** A file of an agency that was not used in the round. */
export interface NotUsedFile {
  readonly file: string;
  readonly reason: NotUsedReason;
  readonly errors: number;
  /** For misplaced files: the round (and plan, when another) it belongs to, in words ("đợt quý III/2026 của kế hoạch khác"). */
  readonly belongsTo: string | null;
}

export interface StatusRow {
  /** Agency code and name as in the plan. */
  readonly code: string;
  readonly name: string;
  /** The file chosen for the agency (after choosing among duplicates; with errors when state is has-errors), or null when missing. */
  readonly file: string | null;
  /** ISO time (UTC) the file was received: earliest of first seen by baocao and its mtime. */
  readonly receivedAt: string | null;
  /** Vietnamese calendar date (+07:00) of receivedAt, "2026-07-10". */
  readonly receivedDate: string | null;
  /** The form's "Ngày lập" (ISO date) when filled in. */
  readonly preparedDate: string | null;
  /** Due date (ISO date) or null when the agency or the round has none. */
  readonly dueDate: string | null;
  readonly state: SubmissionState;
  /** Whole calendar days after the due date (0 unless late, or has-errors and received late). */
  readonly daysLate: number;
  /** The agency's other files of the round folder that were not used, and why. */
  readonly notUsed: readonly NotUsedFile[];
}

export interface OtherFile {
  readonly file: string;
  /**
   * 'unknown': no agency recognised; 'unreadable': could not be read; 'in-progress': still being
   * copied when it was read; 'misplaced': a workbook of another plan or round from no agency of this plan.
   */
  readonly state: Extract<FileStatus['state'], 'unknown' | 'unreadable' | 'misplaced'> | 'in-progress';
  readonly receivedAt: string | null;
  /** For misplaced files: where it belongs, in words. */
  readonly belongsTo?: string;
}

export interface RoundStatus {
  readonly rows: readonly StatusRow[];
  /** Files that belong to no agency, listed apart. */
  readonly otherFiles: readonly OtherFile[];
}
