/**
 * Submission status of a round: for every agency the round expects, the file used, when it was
 * received, its "Ngày lập", the due date and whether it came on time, late (by whole days) or not at
 * all. Pure: the receipts come from the received registry (model/received.ts), the rule for due dates
 * from model/deadline.ts.
 */
import { daysLate, dueDate, vnDate } from '../model/deadline.js';
import type { Receipt } from '../model/received.js';
import type { OtherFile, RoundStatus, StatusRow } from '../model/status.js';
import type { ValidateOutput } from '../validate/index.js';

/**
 * One row per agency of the validated round (input.plan is already planForRound), in plan order.
 * The file used is the one validate chose among an agency's files (higher "Lần nộp", then newer); its
 * receipt is looked up by name and sha256, else its mtime is used. A file whose time is unknown is
 * never counted late.
 */
export function roundStatus(input: ValidateOutput, receipts: readonly Receipt[] = []): RoundStatus {
  const { plan, round } = input;
  const receivedAtOf = (file: string, sha256: string | null, mtimeMs: number | null): string | null => {
    const r = receipts.find((x) => x.file === file && (sha256 === null || x.sha256 === sha256));
    if (r) return r.receivedAt;
    return mtimeMs !== null && mtimeMs > 0 ? new Date(mtimeMs).toISOString() : null;
  };
  const rows: StatusRow[] = plan.agencies.map((agency) => {
    const due = dueDate(round.period, agency.deadlineDay);
    const sub = input.submissions.find((s) => s.agencyCode === agency.code);
    if (!sub) {
      return { code: agency.code, name: agency.name, file: null, receivedAt: null, receivedDate: null, preparedDate: null, dueDate: due, state: 'missing', daysLate: 0 };
    }
    const receivedAt = receivedAtOf(sub.file, sub.sha256, sub.mtimeMs);
    const days = due !== null && receivedAt !== null ? daysLate(receivedAt, due) : 0;
    return {
      code: agency.code,
      name: agency.name,
      file: sub.file,
      receivedAt,
      receivedDate: receivedAt === null ? null : vnDate(receivedAt),
      preparedDate: sub.preparedDate,
      dueDate: due,
      state: due === null ? 'no-deadline' : days > 0 ? 'late' : 'on-time',
      daysLate: days,
    };
  });
  const otherFiles: OtherFile[] = [];
  for (const f of input.files) {
    if (f.state !== 'unknown' && f.state !== 'unreadable') continue;
    otherFiles.push({ file: f.file, state: f.state, receivedAt: receivedAtOf(f.file, null, null) });
  }
  return { rows, otherFiles };
}
