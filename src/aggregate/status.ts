/**
 * Submission status of a round: for every agency the round expects, the file used, when it was
 * received, its "Ngày lập", the due date and whether it came on time, late (by whole days), with
 * errors (nothing usable) or not at all, and the agency's files that were not used and why. Pure:
 * the receipts come from the received registry (model/received.ts), the rule for due dates from
 * model/deadline.ts.
 */
import { daysLate, dueDate, vnDate } from '../model/deadline.js';
import { belongsToWords } from '../model/identity.js';
import type { Receipt } from '../model/received.js';
import type { NotUsedFile, NotUsedReason, OtherFile, RoundStatus, StatusRow } from '../model/status.js';
import type { FileStatus } from '../model/submission.js';
import { agencyFromFileName, type ValidateOutput } from '../validate/index.js';

/**
 * One row per agency of the validated round (input.plan is already planForRound), in plan order.
 * The file used is the one validate chose among an agency's files (a valid file first, then higher
 * "Lần nộp", then newer); its receipt is looked up by name and sha256, else its mtime is used. A
 * file whose time is unknown is never counted late. An agency whose chosen file has errors is
 * "has-errors": it submitted, but nothing of it is in the totals. Files that could not be read are
 * given to the agency their name names, if any; the others are listed apart.
 */
export function roundStatus(input: ValidateOutput, receipts: readonly Receipt[] = []): RoundStatus {
  const { plan, round } = input;
  // Receipts by file (in their order): the first of a file with the same content is its receipt.
  const receiptsByFile = new Map<string, Receipt[]>();
  for (const x of receipts) {
    const list = receiptsByFile.get(x.file);
    if (list) list.push(x);
    else receiptsByFile.set(x.file, [x]);
  }
  const receivedAtOf = (file: string, sha256: string | null, mtimeMs: number | null): string | null => {
    const r = receiptsByFile.get(file)?.find((x) => sha256 === null || x.sha256 === sha256);
    if (r) return r.receivedAt;
    return mtimeMs !== null && mtimeMs > 0 ? new Date(mtimeMs).toISOString() : null;
  };
  const inProgress = new Set(input.findings.filter((f) => f.code === 'file_in_progress').map((f) => f.file));
  // Files not used, by the agency they belong to (null: no agency recognised).
  const notUsedOf = new Map<string, NotUsedFile[]>();
  const otherFiles: OtherFile[] = [];
  const chosen = new Set(input.submissions.map((s) => s.file));
  for (const f of input.files) {
    if (chosen.has(f.file)) continue;
    const code = f.agencyCode ?? (f.state === 'unreadable' ? (agencyFromFileName(plan.agencies, f.file)?.code ?? null) : null);
    const reason = reasonOf(f, inProgress.has(f.file));
    if (code !== null && reason !== null) {
      const belongsTo = f.misplaced ? belongsToWords(f.misplaced, plan.id) : null;
      notUsedOf.set(code, [...(notUsedOf.get(code) ?? []), { file: f.file, reason, errors: f.errors, belongsTo }]);
      continue;
    }
    if (f.state !== 'unknown' && f.state !== 'unreadable' && f.state !== 'misplaced') continue;
    const state = inProgress.has(f.file) ? 'in-progress' : f.state;
    const other: OtherFile = { file: f.file, state, receivedAt: receivedAtOf(f.file, null, null) };
    otherFiles.push(f.misplaced ? { ...other, belongsTo: belongsToWords(f.misplaced, plan.id) } : other);
  }
  const subOf = new Map<string, (typeof input.submissions)[number]>();
  for (const s of input.submissions) if (!subOf.has(s.agencyCode)) subOf.set(s.agencyCode, s);
  const rows: StatusRow[] = plan.agencies.map((agency) => {
    const due = dueDate(round.period, agency.deadlineDay);
    const sub = subOf.get(agency.code);
    const notUsed = notUsedOf.get(agency.code) ?? [];
    if (!sub) {
      return { code: agency.code, name: agency.name, file: null, receivedAt: null, receivedDate: null, preparedDate: null, dueDate: due, state: 'missing', daysLate: 0, notUsed };
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
      state: sub.errorCount > 0 ? 'has-errors' : due === null ? 'no-deadline' : days > 0 ? 'late' : 'on-time',
      daysLate: days,
      notUsed,
    };
  });
  return { rows, otherFiles };
}

/** Why a file that is not the agency's chosen one was not used; null for a file that is no agency's. */
function reasonOf(f: FileStatus, inProgress: boolean): NotUsedReason | null {
  switch (f.state) {
    case 'excluded':
      return 'errors';
    case 'ignored':
      return 'superseded';
    case 'misplaced':
      return 'misplaced';
    case 'unreadable':
      return inProgress ? 'in-progress' : 'unreadable';
    default:
      return null;
  }
}
