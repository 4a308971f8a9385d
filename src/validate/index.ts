/**
 * Validate stage: plan workbook → Plan; round workbooks → the submissions to use, the
 * duplicates ignored and the agencies that have not submitted. Findings are data.
 */
import { finding, internalErrorFinding, type Finding } from '../findings.js';
import type { Agency, Plan } from '../model/plan.js';
import type { Round } from '../model/round.js';
import { belongsToWords } from '../model/identity.js';
import type { SourceWorkbook } from '../model/source.js';
import type { FileStatus, Submission } from '../model/submission.js';
import { validatePlan } from './plan.js';
import { validateSubmission } from './submission.js';
import { copiedFigures } from './copied.js';

export { validatePlan, parseYears } from './plan.js';
export { matchAgency, groupMembers } from '../model/agencies.js';
export { agencyFromFileName, validateSubmission } from './submission.js';
export { validateAcrossRounds } from './across-rounds.js';

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
  // Workbooks of another plan or round: never aggregated, never an agency's submission, never a duplicate.
  const misplaced = new Map<string, Submission>();
  const checked: CheckedFile[] = [...(input.checked ?? []), ...input.workbooks.map((wb) => ({ file: wb.file, ...checkOne(wb, plan, round) }))];
  for (const { file, submission, findings } of checked) {
    perFile.set(file, [...findings]);
    if (!submission) unknown.push(file);
    else if (submission.misplaced) misplaced.set(file, submission);
    else all.push(submission);
  }

  // Several files of one agency: a file without errors first, then the higher "Lần nộp", then the
  // newer file. A file with errors never displaces a valid one.
  const byAgency = new Map<string, Submission[]>();
  for (const s of all) byAgency.set(s.agencyCode, [...(byAgency.get(s.agencyCode) ?? []), s]);
  const chosen: Submission[] = [];
  const ignored = new Set<string>();
  /** Files left out for their errors although they are the agency's latest: their findings stay visible. */
  const refused = new Set<string>();
  const extra: Finding[] = [];
  const valid = (s: Submission) => (s.errorCount === 0 ? 0 : 1);
  for (const agency of plan.agencies) {
    const list = byAgency.get(agency.code);
    if (!list || list.length === 0) continue;
    const sorted = [...list].sort((a, b) => valid(a) - valid(b) || b.submissionNo - a.submissionNo || b.mtimeMs - a.mtimeMs || a.file.localeCompare(b.file));
    const winner = sorted[0] as Submission;
    chosen.push(winner);
    for (const loser of sorted.slice(1)) {
      const older = loser.submissionNo < winner.submissionNo || (loser.submissionNo === winner.submissionNo && loser.mtimeMs < winner.mtimeMs);
      const forErrors = loser.errorCount > 0 && winner.errorCount === 0;
      if (forErrors && !older) refused.add(loser.file);
      else ignored.add(loser.file);
      let why: string;
      if (forErrors && !older) {
        const later =
          loser.submissionNo > winner.submissionNo ? `lần nộp ${loser.submissionNo}` : loser.mtimeMs > winner.mtimeMs ? `lần nộp ${loser.submissionNo}, tệp mới hơn` : `lần nộp ${loser.submissionNo}`;
        why = `${later}, nhưng có ${loser.errorCount} lỗi nên không được dùng thay tệp không có lỗi; sửa các lỗi của tệp này rồi gửi lại`;
      } else if (loser.submissionNo !== winner.submissionNo) {
        why = `lần nộp ${loser.submissionNo} < lần nộp ${winner.submissionNo}`;
      } else if (loser.mtimeMs !== winner.mtimeMs) {
        why = `cùng lần nộp ${winner.submissionNo}, tệp "${winner.file}" mới hơn`;
      } else {
        why = `cùng lần nộp ${winner.submissionNo} và cùng thời điểm lưu; chọn tệp "${winner.file}" theo thứ tự tên tệp`;
      }
      const chosenNote = forErrors ? `lần nộp ${winner.submissionNo}, không có lỗi` : `lần nộp ${winner.submissionNo}`;
      extra.push(
        finding({
          file: loser.file,
          code: 'submission_duplicate',
          message: `${agency.name} gửi nhiều tệp. Dùng tệp "${winner.file}" (${chosenNote}); bỏ qua tệp "${loser.file}" (${why}).`,
        }),
      );
    }
  }

  const missing = plan.agencies.filter((a) => !byAgency.has(a.code));
  for (const agency of missing) {
    const elsewhere = [...misplaced.values()].filter((s) => s.agencyCode === agency.code);
    const note =
      elsewhere.length > 0
        ? ` Tệp ${elsewhere.map((s) => `"${s.file}"`).join(', ')} của cơ quan này thuộc ${elsewhere.map((s) => (s.misplaced ? belongsToWords(s.misplaced, plan.id) : 'đợt khác')).join(', ')} nên không được tính.`
        : '';
    extra.push(
      finding({
        file: '',
        code: 'agency_missing',
        message: `${agency.name} (mã ${agency.code}) chưa nộp báo cáo đợt ${round.label}.${note}`,
      }),
    );
  }

  // Two agencies with the same typed figures: a copy would be added twice (warnings on the files used).
  const copied = copiedFigures(chosen, plan.agencies);
  const copiedIn = new Map<string, Finding[]>();
  for (const f of copied) copiedIn.set(f.file, [...(copiedIn.get(f.file) ?? []), f]);

  const findings: Finding[] = [...readFindings];
  const files: FileStatus[] = [];
  // Looked up once per file (a round may hold a thousand): the first submission of a file, the read findings of each file.
  const subOfFile = new Map<string, (typeof all)[number]>();
  for (const s of all) if (!subOfFile.has(s.file)) subOfFile.set(s.file, s);
  const readOf = new Map<string, Finding[]>();
  for (const f of readFindings) {
    const list = readOf.get(f.file);
    if (list) list.push(f);
    else readOf.set(f.file, [f]);
  }
  for (const wb of checked) {
    const own = perFile.get(wb.file) ?? [];
    const elsewhere = misplaced.get(wb.file);
    if (elsewhere) {
      findings.push(...own);
      const readOwn = readOf.get(wb.file) ?? [];
      const errors = [...own, ...readOwn].filter((f) => f.severity === 'error').length;
      const status: FileStatus = { file: wb.file, agencyCode: elsewhere.agencyCode || null, state: 'misplaced', errors, warnings: own.length + readOwn.length - errors };
      files.push(elsewhere.misplaced ? { ...status, misplaced: elsewhere.misplaced } : status);
      continue;
    }
    const sub = subOfFile.get(wb.file);
    // Findings inside an ignored duplicate do not count: that file is not used.
    const counted = ignored.has(wb.file) ? [] : [...own, ...(copiedIn.get(wb.file) ?? [])];
    findings.push(...counted);
    const readOwn = readOf.get(wb.file) ?? [];
    const errors = [...counted, ...readOwn].filter((f) => f.severity === 'error').length;
    files.push({
      file: wb.file,
      agencyCode: sub?.agencyCode ?? null,
      state: !sub ? 'unknown' : ignored.has(wb.file) ? 'ignored' : sub.errorCount > 0 || refused.has(wb.file) ? 'excluded' : 'used',
      errors,
      warnings: [...counted, ...readOwn].length - errors,
    });
  }
  for (const file of input.unreadable) {
    const own = readOf.get(file) ?? [];
    const errors = own.filter((f) => f.severity === 'error').length;
    files.push({ file, agencyCode: null, state: 'unreadable', errors, warnings: own.length - errors });
  }
  findings.push(...extra);
  files.sort((a, b) => a.file.localeCompare(b.file, 'vi'));
  return { plan, round, submissions: chosen, missing, files, findings };
}
