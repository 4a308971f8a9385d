/**
 * Every console text of baocao in one place (Vietnamese): the round summary, the status table,
 * what changed, and the lines of each command's result. Pure: results in, lines out.
 */
import { join, relative, resolve, sep } from 'node:path';
import { finding, sortFindings, type Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import { ESTIMATE_ROUND, type Round } from '../model/round.js';
import { CHANGES_FILE, type ChangeSet } from '../model/snapshot.js';
import { PLAN_FILE } from '../model/sheets.js';
import type { SkippedFolder } from '../read/index.js';
import type { WrittenFile } from '../write/index.js';
import { formatChanges } from './changes-summary.js';
import { formatRoundSummary, formatWritten } from './summary.js';

export { formatChange, formatChanges, formatFolderChange } from './changes-summary.js';
export { formatStatus, stateLabel } from './status-summary.js';
export { formatRoundSummary, formatWritten } from './summary.js';
export { formatTemplateFields } from './fields-summary.js';

/** Lines of a check or build. */
export function formatBuild(r: {
  readonly model: ReportModel;
  readonly findings: readonly Finding[];
  readonly written: readonly WrittenFile[];
  readonly refused: boolean;
  readonly sentBack: readonly string[];
  readonly changes: ChangeSet | null | undefined;
  readonly notes: readonly string[];
}, mode: 'check' | 'build'): string[] {
  const messages = [...formatRoundSummary(r.model, r.findings, mode)];
  if (r.refused) messages.push('Có lỗi và đang dùng --strict: KHÔNG lập báo cáo. Sửa các lỗi trên (xem kiem-tra.xlsx) rồi chạy lại.');
  messages.push(...r.sentBack, ...formatWritten(r.written));
  if (r.changes !== undefined) messages.push(...formatChanges(r.changes, CHANGES_FILE));
  messages.push(...r.notes);
  return messages;
}

/** Lines of `forms`. */
export function formatForms(r: { readonly round: Round; readonly planId: string; readonly outDir: string; readonly artifacts: number; readonly prefilled: { readonly agencies: number; readonly from: string } | null; readonly written: readonly WrittenFile[] }): string[] {
  return [
    `Đã tạo ${r.artifacts} biểu mẫu cho đợt ${r.round.label} (kế hoạch "${r.planId}") trong thư mục ${relative(resolve(), r.outDir) || '.'}:`,
    ...(r.prefilled === null ? [] : [`Điền sẵn dự toán kinh phí của ${r.prefilled.agencies} cơ quan từ đợt "${r.prefilled.from}".`]),
    ...formatWritten(r.written),
  ];
}

/** Lines when ke-hoach.xlsx cannot be used. */
export function formatPlanFailure(planDir: string, findings: readonly Finding[]): string[] {
  return [
    `Không dùng được tệp kế hoạch ${join(planDir, PLAN_FILE)}:`,
    ...sortFindings(findings)
      .filter((f) => f.severity === 'error')
      .map((f) => `  - ${f.sheet ? `${f.sheet}!${f.cell} ` : ''}${f.message} ${f.hint}`),
  ];
}

/** The sub-folders a run over plans passed over, each with the reason; those holding workbooks (data nobody read) marked ✗. */
export function formatSkipped(skipped: readonly SkippedFolder[]): string[] {
  if (skipped.length === 0) return [];
  const unread = skipped.filter((k) => k.workbooks > 0).length;
  return [
    `Đã bỏ qua ${skipped.length} thư mục:`,
    ...skipped.map((k) => `  ${k.workbooks > 0 ? '✗' : '-'} ${relative(resolve(), k.dir) || k.dir}: ${k.reason}.`),
    ...(unread > 0 ? [`Có ${unread} thư mục chứa tệp Excel chưa được đọc (đánh dấu ✗): mã thoát 2. Sửa tên thư mục hoặc chuyển tệp vào đúng chỗ rồi chạy lại.`] : []),
  ];
}

/** A folder passed over that holds workbooks, as an error finding (for --json and --quiet). */
export function skippedFinding(k: SkippedFolder): Finding {
  const where = relative(resolve(), k.dir) || k.dir;
  return finding({ file: `${where}${sep}`, code: 'folder_skipped', severity: 'error', message: `Thư mục "${where}" không được kiểm tra, lập báo cáo: ${k.reason}.` });
}

/** A folder that is not what the command needs. */
export function formatNotRound(dir: string, kind: 'plan' | 'many', forForms = false): string {
  return forForms && kind === 'plan'
    ? `"${dir}" là thư mục kế hoạch; hãy chỉ ra thư mục đợt báo cáo bên trong nó (ví dụ ${join(dir, ESTIMATE_ROUND)}).`
    : `"${dir}" không phải thư mục đợt báo cáo (thư mục con của thư mục kế hoạch).`;
}
