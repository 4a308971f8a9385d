/**
 * What the page shows, as plain JSON made from the run functions' typed results: totals first,
 * then each file with its findings at `Sheet!Ô`, who has sent, what a build wrote and changed.
 * Pure functions; the page only lays these out.
 */
import { forTheAgency, type Finding } from '../findings.js';
import type { Plan } from '../model/plan.js';
import { parseRoundName } from '../model/round.js';
import { PLAN_FILE } from '../model/sheets.js';
import type { ChangeSet } from '../model/snapshot.js';
import type { RoundStatus } from '../model/status.js';
import type { FileStatus } from '../model/submission.js';
import type { RunResult } from '../run.js';
import type { UploadsRecord } from './files.js';

export interface FindingView {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly file: string;
  readonly sheet: string;
  readonly cell: string;
  /** "Kinh phí!D7", "Kinh phí" or "" — the address as Excel shows it. */
  readonly where: string;
  readonly message: string;
  readonly hint: string;
}

export interface FileView {
  /** The name in the round folder. */
  readonly file: string;
  /** The name the file had when it was dropped on the page (or its name in the folder). */
  readonly original: string;
  readonly agencyCode: string | null;
  readonly agencyName: string | null;
  readonly state: FileStatus['state'];
  readonly stateLabel: string;
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly FindingView[];
  /** Some of its findings are for the agency to fix: a marked copy to send back can be downloaded. */
  readonly sendBack: boolean;
}

export interface CheckView {
  readonly at: string;
  readonly exitCode: number;
  /** The plan could not be used: only planFindings are meaningful. */
  readonly planFailed: boolean;
  readonly totals: {
    readonly files: number;
    readonly used: number;
    readonly withErrors: number;
    readonly ignored: number;
    readonly unusable: number;
    readonly errors: number;
    readonly warnings: number;
    readonly missing: number;
  };
  readonly planFindings: readonly FindingView[];
  readonly files: readonly FileView[];
  readonly messages: readonly string[];
}

export const STATE_LABELS: Record<FileStatus['state'], string> = {
  used: 'Được tổng hợp',
  excluded: 'Có lỗi — chưa được tổng hợp',
  ignored: 'Bỏ qua (cơ quan đã có lần nộp khác được dùng)',
  unknown: 'Không nhận ra cơ quan',
  unreadable: 'Không đọc được tệp',
  misplaced: 'Thuộc đợt hoặc kế hoạch khác — không được tổng hợp',
};

export function findingView(f: Finding): FindingView {
  return {
    severity: f.severity,
    code: f.code,
    file: f.file,
    sheet: f.sheet,
    cell: f.cell,
    where: f.sheet && f.cell ? `${f.sheet}!${f.cell}` : f.sheet,
    message: f.message,
    hint: f.hint,
  };
}

function originalOf(uploads: UploadsRecord, file: string): string {
  return uploads.files[file]?.original ?? file;
}

/** The check of a round for the page: totals, the plan's findings, then every file (errors first). */
export function checkView(r: RunResult, plan: Plan | null, uploads: UploadsRecord, at: Date): CheckView {
  const files = r.files ?? [];
  const byFile = new Map<string, Finding[]>();
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const agencyName = (code: string | null) => (code === null ? null : (plan?.agencies.find((a) => a.code === code)?.name ?? null));
  const views: FileView[] = files.map((f) => ({
    file: f.file,
    original: originalOf(uploads, f.file),
    agencyCode: f.agencyCode,
    agencyName: agencyName(f.agencyCode),
    state: f.state,
    stateLabel: STATE_LABELS[f.state],
    errors: f.errors,
    warnings: f.warnings,
    findings: (byFile.get(f.file) ?? []).map(findingView),
    sendBack: (byFile.get(f.file) ?? []).some(forTheAgency),
  }));
  views.sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || Number(b.warnings > 0) - Number(a.warnings > 0) || a.file.localeCompare(b.file, 'vi'));
  const count = (s: FileStatus['state']) => files.filter((f) => f.state === s).length;
  return {
    at: at.toISOString(),
    exitCode: r.exitCode,
    planFailed: r.exitCode === 2,
    totals: {
      files: files.length,
      used: count('used'),
      withErrors: files.filter((f) => f.errors > 0).length,
      ignored: count('ignored'),
      unusable: count('unknown') + count('unreadable'),
      errors: r.findings.filter((f) => f.severity === 'error').length,
      warnings: r.findings.filter((f) => f.severity === 'warning' && f.code !== 'agency_missing').length,
      missing: r.findings.filter((f) => f.code === 'agency_missing').length,
    },
    planFindings: r.findings.filter((f) => f.file === PLAN_FILE).map(findingView),
    files: views,
    messages: r.exitCode === 2 ? r.messages : [],
  };
}

export interface PlanView {
  readonly id: string;
  readonly ok: boolean;
  readonly title: string;
  readonly years: readonly number[];
  readonly agencies: readonly { readonly code: string; readonly name: string; readonly deadlineDay: number | null; readonly group: string | null }[];
  readonly findings: readonly FindingView[];
  readonly messages: readonly string[];
  readonly rounds: readonly { readonly id: string; readonly label: string; readonly estimate: boolean }[];
}

/** Round label for lists: "Quý III/2026", "Dự toán kinh phí". */
export function roundLabel(id: string): string {
  const label = parseRoundName(id).label;
  return label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
}

export function planView(id: string, r: RunResult & { readonly plan: Plan | null }, roundIds: readonly string[]): PlanView {
  const p = r.plan;
  return {
    id,
    ok: p !== null,
    title: p?.info.title ?? id,
    years: p?.info.years ?? [],
    agencies: (p?.agencies ?? []).map((a) => ({ code: a.code, name: a.name, deadlineDay: a.deadlineDay, group: a.group })),
    findings: r.findings.map(findingView),
    messages: p ? [] : r.messages,
    rounds: roundIds.map((rid) => ({ id: rid, label: roundLabel(rid), estimate: parseRoundName(rid).kind === 'estimate' })),
  };
}

const STATUS_LABELS = {
  'on-time': 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa nộp',
  'no-deadline': 'Đã nộp',
  'has-errors': 'Đã nộp — có lỗi, chưa được tổng hợp',
} as const;

export interface StatusRowView {
  readonly code: string;
  readonly name: string;
  readonly state: keyof typeof STATUS_LABELS;
  /** "Đúng hạn", "Muộn 3 ngày", "Chưa nộp", "Đã nộp"; "— có N lỗi" added when the file used has errors. */
  readonly label: string;
  readonly daysLate: number;
  readonly errors: number;
  readonly file: string | null;
  readonly original: string | null;
  /** dd/mm/yyyy */
  readonly dueDate: string | null;
  readonly receivedDate: string | null;
}

export interface StatusView {
  readonly planFailed: boolean;
  readonly messages: readonly string[];
  readonly totals: { readonly agencies: number; readonly sent: number; readonly onTime: number; readonly late: number; readonly missing: number; readonly withErrors: number };
  readonly rows: readonly StatusRowView[];
  readonly otherFiles: readonly { readonly file: string; readonly original: string; readonly reason: string }[];
  /** Text to paste into a reminder (e-mail, Zalo): who has not sent, whose file has errors. */
  readonly reminder: string;
}

/** "2026-07-10" → "10/07/2026". */
export function vnDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function statusView(
  r: RunResult & { readonly status: RoundStatus | null },
  planTitle: string,
  roundId: string,
  uploads: UploadsRecord,
  today: string,
): StatusView {
  if (!r.status) {
    return { planFailed: true, messages: r.messages, totals: { agencies: 0, sent: 0, onTime: 0, late: 0, missing: 0, withErrors: 0 }, rows: [], otherFiles: [], reminder: '' };
  }
  const errorsOf = new Map<string, number>();
  for (const f of r.findings) if (f.severity === 'error' && f.file) errorsOf.set(f.file, (errorsOf.get(f.file) ?? 0) + 1);
  const rows: StatusRowView[] = r.status.rows.map((row) => {
    const errors = row.file ? (errorsOf.get(row.file) ?? 0) : 0;
    const base = row.state === 'late' ? `Muộn ${row.daysLate} ngày` : STATUS_LABELS[row.state];
    return {
      code: row.code,
      name: row.name,
      state: row.state,
      label: errors > 0 ? `${base} — tệp có ${errors} lỗi` : base,
      daysLate: row.daysLate,
      errors,
      file: row.file,
      original: row.file ? originalOf(uploads, row.file) : null,
      dueDate: vnDate(row.dueDate),
      receivedDate: vnDate(row.receivedDate),
    };
  });
  const missing = rows.filter((x) => x.state === 'missing');
  const withErrors = rows.filter((x) => x.errors > 0);
  // In a sentence: "báo cáo năm 2025", "báo cáo quý III/2026".
  const label = parseRoundName(roundId).label;
  const lines: string[] = [];
  if (missing.length > 0) {
    lines.push(`Đến ngày ${vnDate(today)}, các cơ quan, đơn vị sau chưa gửi báo cáo ${label} (${planTitle}):`);
    missing.forEach((m, i) => lines.push(`${i + 1}. ${m.name}${m.dueDate ? ` (hạn nộp ${m.dueDate})` : ''}`));
  }
  if (withErrors.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(`Các cơ quan, đơn vị sau đã gửi báo cáo ${label} nhưng tệp còn lỗi, đề nghị sửa và gửi lại:`);
    withErrors.forEach((m, i) => lines.push(`${i + 1}. ${m.name}: ${m.errors} lỗi (tệp ${m.original ?? m.file})`));
  }
  if (lines.length > 0) lines.push('', 'Trân trọng.');
  return {
    planFailed: false,
    messages: [],
    totals: {
      agencies: rows.length,
      sent: rows.filter((x) => x.state !== 'missing').length,
      onTime: rows.filter((x) => x.state === 'on-time').length,
      late: rows.filter((x) => x.state === 'late').length,
      missing: missing.length,
      withErrors: withErrors.length,
    },
    rows,
    otherFiles: r.status.otherFiles.map((o) => ({
      file: o.file,
      original: originalOf(uploads, o.file),
      reason: o.state === 'unknown' ? 'không nhận ra cơ quan nào của kế hoạch' : 'không đọc được tệp',
    })),
    reminder: lines.join('\n'),
  };
}

export interface OutputView {
  /** Name relative to the round's output folder ("bao-cao.docx", "tra-lai/x.xlsx"). */
  readonly name: string;
  readonly label: string;
  readonly besideEdited: boolean;
}

export interface ChangeView {
  readonly appendix: string;
  readonly group: string;
  readonly line: string;
  readonly column: string;
  readonly old: number | string | null;
  readonly new: number | string | null;
  readonly diff: number | null;
  readonly total: boolean;
  /** "Tệp X, Kinh phí!F8" — where the figure came from. */
  readonly source: string;
}

export interface BuildView {
  readonly at: string;
  readonly exitCode: number;
  readonly planFailed: boolean;
  readonly outputs: readonly OutputView[];
  /** null on the first build (nothing to compare with). */
  readonly changes: { readonly since: string; readonly items: readonly ChangeView[] } | null;
  readonly messages: readonly string[];
  readonly check: CheckView;
}

const OUTPUT_LABELS: Record<string, string> = {
  'bao-cao.docx': 'Báo cáo (Word)',
  'phu-luc-du-toan.docx': 'Phụ lục dự toán kinh phí (Word)',
  'phu-luc-du-toan.xlsx': 'Phụ lục dự toán kinh phí (Excel)',
  'phu-luc-nhiem-vu.xlsx': 'Phụ lục tình hình thực hiện nhiệm vụ (Excel)',
  'phu-luc-kinh-phi.xlsx': 'Phụ lục kinh phí (Excel)',
  'phu-luc-chi-tieu.xlsx': 'Phụ lục chỉ tiêu (Excel)',
  'kiem-tra.xlsx': 'Kết quả kiểm tra các tệp (Excel)',
  'thay-doi.xlsx': 'Các số liệu thay đổi so với lần lập trước (Excel)',
};

/** Order of the report's files on the page: the report first, the check report last. */
const OUTPUT_ORDER = ['bao-cao.docx', 'phu-luc-du-toan.docx', 'phu-luc-du-toan.xlsx', 'phu-luc-nhiem-vu.xlsx', 'phu-luc-kinh-phi.xlsx', 'phu-luc-chi-tieu.xlsx', 'thay-doi.xlsx', 'kiem-tra.xlsx'];

export function outputLabel(name: string): string {
  return OUTPUT_LABELS[name] ?? name;
}

/** The report's files of a round (not forms, not annotated copies), in reading order. */
export function reportOutputs(names: Iterable<string>, beside: ReadonlySet<string> = new Set()): OutputView[] {
  return [...names]
    .filter((n) => !n.includes('/'))
    .sort((a, b) => (OUTPUT_ORDER.indexOf(a) + 1 || 99) - (OUTPUT_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b))
    .map((name) => ({ name, label: outputLabel(name), besideEdited: beside.has(name) }));
}

export function changesView(changes: ChangeSet | null | undefined, uploads: UploadsRecord): BuildView['changes'] {
  if (!changes) return null;
  return {
    since: changes.since,
    items: changes.changes.map((c) => ({
      appendix: c.appendix,
      group: c.group,
      line: c.line,
      column: c.column,
      old: c.old,
      new: c.new,
      diff: c.diff,
      total: c.total,
      source: c.source
        ? [c.source.file ? `Tệp ${originalOf(uploads, c.source.file)}` : '', c.source.sheet && c.source.cell ? `${c.source.sheet}!${c.source.cell}` : c.source.sheet].filter(Boolean).join(', ')
        : c.total
          ? 'Tổng tính lại từ các dòng'
          : '',
    })),
  };
}
