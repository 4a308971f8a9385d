/**
 * Console text in Vietnamese: the round summary (totals first, then per file) and the list
 * of files written. Plain strings; the CLI decides where they go.
 */
import { relative, resolve } from 'node:path';
import { countBySeverity, SEVERITY_LABELS, type Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import type { WrittenFile } from '../write/index.js';

const STATE: Record<string, string> = {
  used: 'được tổng hợp',
  excluded: 'CÓ LỖI — không đưa vào tổng hợp',
  ignored: 'bỏ qua (đã có lần nộp khác)',
  unknown: 'không xác định được cơ quan',
  unreadable: 'không đọc được',
  misplaced: 'THUỘC ĐỢT HOẶC KẾ HOẠCH KHÁC — không đưa vào tổng hợp',
};

function where(f: Finding): string {
  if (f.sheet && f.cell) return `${f.sheet}!${f.cell}: `;
  if (f.sheet) return `${f.sheet}: `;
  return '';
}

/** Summary of a round: totals, then each file with its findings, then who has not submitted. */
export function formatRoundSummary(model: ReportModel, findings: readonly Finding[], mode: 'check' | 'build'): string[] {
  const { errors, warnings } = countBySeverity(findings);
  const attachments = [...new Set(findings.filter((f) => f.code === 'attachment').map((f) => f.file))];
  const files = model.files;
  const count = (state: string) => files.filter((f) => f.state === state).length;
  const lines: string[] = [];
  lines.push(`${mode === 'check' ? 'Kiểm tra' : 'Tổng hợp'} kế hoạch "${model.plan.id}", ${model.round.label}:`);
  lines.push(
    `  ${files.length} tệp: ${count('used')} được tổng hợp, ${count('excluded')} có lỗi, ${count('ignored')} bỏ qua, ${count('unknown') + count('unreadable')} không dùng được${count('misplaced') > 0 ? `, ${count('misplaced')} thuộc đợt hoặc kế hoạch khác` : ''}; ${model.missing.length} cơ quan chưa nộp.`,
  );
  lines.push(`  Tổng số: ${errors} lỗi, ${warnings} cảnh báo.`);
  if (attachments.length > 0) lines.push(`  Tệp kèm theo (không phải báo cáo Excel, không tổng hợp): ${attachments.join('; ')}.`);
  const planFindings = findings.filter((f) => f.file && f.code !== 'attachment' && !files.some((x) => x.file === f.file));
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) if (f.file) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const agencyName = (code: string | null) => model.plan.agencies.find((a) => a.code === code)?.name;
  for (const f of planFindings.length > 0 ? [...new Set(planFindings.map((x) => x.file))] : []) {
    lines.push(`  ${f}:`);
    for (const x of byFile.get(f) ?? []) lines.push(`    ${SEVERITY_LABELS[x.severity]} ${where(x)}${x.message}`);
  }
  for (const file of files) {
    const own = byFile.get(file.file) ?? [];
    const name = agencyName(file.agencyCode);
    const mark = file.errors > 0 ? '✗' : '✓';
    lines.push(`  ${mark} ${file.file}${name ? ` (${name})` : ''}: ${STATE[file.state] ?? file.state}; ${file.errors} lỗi, ${file.warnings} cảnh báo`);
    for (const x of own) {
      lines.push(`      ${SEVERITY_LABELS[x.severity]} ${where(x)}${x.message} → ${x.hint}`);
    }
  }
  if (model.missing.length > 0) lines.push(`  Chưa nộp: ${model.missing.map((m) => m.name).join('; ')}.`);
  if (mode === 'build' && model.excluded.length > 0) {
    lines.push(`  Không đưa vào tổng hợp vì có lỗi: ${model.excluded.map((e) => `${e.file} (${e.agencyName}, ${e.errors} lỗi)`).join('; ')}.`);
  }
  if (mode === 'build' && model.budget && model.round.kind === 'estimate') {
    lines.push(`  Tổng kinh phí: ${model.budget.totalInWords}.`);
  }
  return lines;
}

/** "Đã ghi: …" lines, saying when a file a person edited was kept and the new one written beside it. */
export function formatWritten(written: readonly WrittenFile[]): string[] {
  return written.map((w) => {
    const path = relative(resolve(), w.path) || w.path;
    if (w.besideEdited && w.unchanged) {
      return `  ! ${w.name} đã được sửa tay sau lần tạo trước nên KHÔNG bị ghi đè; bản mới giống bản đã ghi lần trước tại: ${path} (không thay đổi, không ghi thêm bản nào)`;
    }
    if (w.besideEdited) {
      return `  ! ${w.name} đã được sửa tay sau lần tạo trước nên KHÔNG bị ghi đè; bản mới ghi tại: ${path}`;
    }
    return `  Đã ghi: ${path}${w.unchanged ? ' (không thay đổi)' : ''}`;
  });
}
