/**
 * Who has submitted in a round and when: one row per agency the round expects, plus the files
 * that belong to no agency. Readonly plain data built by aggregate/status.ts (`baocao status`).
 */
import type { FileStatus } from './submission.js';

export const SUBMISSION_STATES = ['on-time', 'late', 'missing', 'no-deadline'] as const;
/** on-time: received on or before the due date; late: after it; missing: no file; no-deadline: received, no due date known. */
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface StatusRow {
  /** Agency code and name as in the plan. */
  readonly code: string;
  readonly name: string;
  /** The file used for the agency (after choosing among duplicates), or null when missing. */
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
  /** Whole calendar days after the due date (0 unless late). */
  readonly daysLate: number;
}

export interface OtherFile {
  readonly file: string;
  /** 'unknown': no agency recognised; 'unreadable': could not be read. */
  readonly state: Extract<FileStatus['state'], 'unknown' | 'unreadable'>;
  readonly receivedAt: string | null;
}

export interface RoundStatus {
  readonly rows: readonly StatusRow[];
  /** Files that belong to no agency, listed apart. */
  readonly otherFiles: readonly OtherFile[];
}
