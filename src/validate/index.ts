/**
 * Validate stage: plan workbook → Plan; round workbooks → the submissions to use, the
 * duplicates ignored and the agencies that have not submitted. Findings are data.
 */
import { finding, internalErrorFinding, type Finding } from '../findings.js';
import type { Agency, Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import type { SourceWorkbook } from '../model/source.js';
import type { FileStatus, Submission } from '../model/submission.js';
import { validatePlan } from './plan.js';
import { validateSubmission } from './submission.js';

export { validatePlan, parseYears } from './plan.js';
export { matchAgency, groupMembers } from '../model/agencies.js';
export { agencyFromFileName } from './submission.js';

export interface ValidateInput {
  readonly plan: Plan;
  readonly round: Round;
  readonly workbooks: readonly SourceWorkbook[];
  /** Files that could not be read at all (their findings come from the read stage). */
  readonly unreadable: readonly string[];
  /** Files already validated one by one (validateSubmission in a worker thread, or from the cache), in file order. */
  readonly checked?: readonly CheckedFile[];
}

/** A file's validateSubmission result, computed elsewhere. */
export interface CheckedFile {
  readonly file: string;
  readonly submission: Submission | null;
  readonly findings: readonly Finding[];
}

export interface ValidateOutput {
  readonly plan: Plan;
  readonly round: Round;
  /** One submission per agency: the one used (errorCount > 0 means it is left out of totals). */
  readonly submissions: readonly Submission[];
  readonly missing: readonly Agency[];
  readonly files: readonly FileStatus[];
  readonly findings: readonly Finding[];
}

/** validateSubmission of one file; a bug met on the way is that file's finding, never the round's end. */
function checkOne(wb: SourceWorkbook, plan: Plan, round: Round): { submission: Submission | null; findings: Finding[] } {
  try {
    return validateSubmission(wb, plan, round);
  } catch (err) {
    return { submission: null, findings: [internalErrorFinding(wb.file, err)] };
  }
}

/** Validates every workbook of a round against the plan and picks one submission per agency. */
export function validate(input: ValidateInput, readFindings: readonly Finding[] = []): ValidateOutput {
  const { plan, round } = input;
  const perFile = new Map<string, Finding[]>();
  const all: Submission[] = [];
  const unknown: string[] = [];
  const checked: CheckedFile[] = [...(input.checked ?? []), ...input.workbooks.map((wb) => ({ file: wb.file, ...checkOne(wb, plan, round) }))];
  for (const { file, submission, findings } of checked) {
    perFile.set(file, [...findings]);
    if (submission) all.push(submission);
    else unknown.push(file);
  }

  // Two submissions of one agency: the higher "Lần nộp", then the newer file, wins.
  const byAgency = new Map<string, Submission[]>();
  for (const s of all) byAgency.set(s.agencyCode, [...(byAgency.get(s.agencyCode) ?? []), s]);
  const chosen: Submission[] = [];
  const ignored = new Set<string>();
  const extra: Finding[] = [];
  for (const agency of plan.agencies) {
    const list = byAgency.get(agency.code);
    if (!list || list.length === 0) continue;
    const sorted = [...list].sort((a, b) => b.submissionNo - a.submissionNo || b.mtimeMs - a.mtimeMs || a.file.localeCompare(b.file));
    const winner = sorted[0] as Submission;
    chosen.push(winner);
    for (const loser of sorted.slice(1)) {
      ignored.add(loser.file);
      const why =
        loser.submissionNo !== winner.submissionNo
          ? `lần nộp ${loser.submissionNo} < lần nộp ${winner.submissionNo}`
          : loser.mtimeMs !== winner.mtimeMs
            ? `cùng lần nộp ${winner.submissionNo}, tệp "${winner.file}" mới hơn`
            : `cùng lần nộp ${winner.submissionNo} và cùng thời điểm lưu; chọn tệp "${winner.file}" theo thứ tự tên tệp`;
      extra.push(
        finding({
          file: loser.file,
          code: 'submission_duplicate',
          message: `${agency.name} gửi nhiều tệp. Dùng tệp "${winner.file}" (lần nộp ${winner.submissionNo}); bỏ qua tệp "${loser.file}" (${why}).`,
        }),
      );
    }
  }

  const missing = plan.agencies.filter((a) => !byAgency.has(a.code));
  for (const agency of missing) {
    extra.push(
      finding({
        file: '',
        code: 'agency_missing',
        message: `${agency.name} (mã ${agency.code}) chưa nộp báo cáo đợt ${round.label}.`,
      }),
    );
  }

  const findings: Finding[] = [...readFindings];
  const files: FileStatus[] = [];
  for (const wb of checked) {
    const own = perFile.get(wb.file) ?? [];
    const sub = all.find((s) => s.file === wb.file);
    // Findings inside an ignored duplicate do not count: that file is not used.
    if (!ignored.has(wb.file)) findings.push(...own);
    const counted = ignored.has(wb.file) ? [] : own;
    const readOwn = readFindings.filter((f) => f.file === wb.file);
    const errors = [...counted, ...readOwn].filter((f) => f.severity === 'error').length;
    files.push({
      file: wb.file,
      agencyCode: sub?.agencyCode ?? null,
      state: !sub ? 'unknown' : ignored.has(wb.file) ? 'ignored' : sub.errorCount > 0 ? 'excluded' : 'used',
      errors,
      warnings: [...counted, ...readOwn].length - errors,
    });
  }
  for (const file of input.unreadable) {
    const own = readFindings.filter((f) => f.file === file);
    const errors = own.filter((f) => f.severity === 'error').length;
    files.push({ file, agencyCode: null, state: 'unreadable', errors, warnings: own.length - errors });
  }
  findings.push(...extra);
  files.sort((a, b) => a.file.localeCompare(b.file, 'vi'));
  return { plan, round, submissions: chosen, missing, files, findings };
}
