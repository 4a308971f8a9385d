/**
 * Console text of `baocao status`: totals first, then one line per agency (state, file, received,
 * Ngày lập, due date), then the files that belong to no agency. Plain Vietnamese strings.
 */
import { daysBetween, vnDate } from '../model/deadline.js';
import type { Round } from '../model/round.js';
import type { NotUsedFile, RoundStatus, StatusRow } from '../model/status.js';
import { formatDateShort } from '../vn/index.js';

const OTHER_STATE = {
  unknown: 'không xác định được cơ quan',
  unreadable: 'không đọc được',
  'in-progress': 'tệp đang được chép, chạy lại sau',
  misplaced: 'thuộc đợt hoặc kế hoạch khác, không được tính',
} as const;

/** Why an agency's file was not used, as the status line says it. */
function notUsedText(f: NotUsedFile): string {
  switch (f.reason) {
    case 'errors':
      return `tệp "${f.file}" có ${f.errors} lỗi, chưa được tổng hợp`;
    case 'superseded':
      return `tệp "${f.file}" bỏ qua (đã có lần nộp khác)`;
    case 'misplaced':
      return `tệp "${f.file}" là báo cáo ${f.belongsTo ?? 'đợt khác'}, không được tính`;
    case 'in-progress':
      return `tệp "${f.file}" đang được chép, chạy lại sau`;
    case 'unreadable':
      return `tệp "${f.file}" không đọc được`;
  }
}

/** "✓ Đúng hạn", "! Muộn 3 ngày", "✗ Chưa nộp", "· Đã nộp" (no deadline), "✗ Đã nộp — có lỗi, chưa được tổng hợp". */
export function stateLabel(row: StatusRow): string {
  switch (row.state) {
    case 'on-time':
      return '✓ Đúng hạn';
    case 'late':
      return `! Muộn ${row.daysLate} ngày`;
    case 'missing':
      return '✗ Chưa nộp';
    case 'no-deadline':
      return '· Đã nộp';
    case 'has-errors':
      return '✗ Đã nộp — có lỗi, chưa được tổng hợp';
  }
}

function dateOf(iso: string | null): string {
  return iso === null ? '' : formatDateShort(iso);
}

/** The status table of a round; `today` (ISO date) says how long a missing file is overdue. */
export function formatStatus(planId: string, round: Round, status: RoundStatus, today: string): string[] {
  const { rows, otherFiles } = status;
  const count = (state: StatusRow['state']) => rows.filter((r) => r.state === state).length;
  const lines: string[] = [];
  lines.push(`Tình hình nộp báo cáo kế hoạch "${planId}", ${round.label} (đến ngày ${formatDateShort(today)}):`);
  lines.push(
    `  ${rows.length} cơ quan: ${count('on-time')} đúng hạn, ${count('late')} muộn, ${count('missing')} chưa nộp` +
      `${count('no-deadline') > 0 ? `, ${count('no-deadline')} đã nộp (chưa có hạn nộp)` : ''}` +
      `${count('has-errors') > 0 ? `, ${count('has-errors')} đã nộp nhưng có lỗi, chưa được tổng hợp` : ''}; ${otherFiles.length} tệp không dùng được.`,
  );
  if (round.period === null) lines.push(`  Đợt "${round.id}" không phải một kỳ báo cáo (tháng, quý, 6 tháng, 9 tháng, năm) nên không có hạn nộp.`);
  const width = Math.max(...rows.map((r) => stateLabel(r).length), 0);
  for (const r of rows) {
    const parts: string[] = [];
    if (r.file !== null) {
      parts.push(r.state === 'has-errors' ? `tệp "${r.file}" có lỗi (xem \`baocao check\`)` : `tệp "${r.file}"`);
      if (r.receivedDate !== null) parts.push(`nhận ngày ${dateOf(r.receivedDate)}`);
      parts.push(r.preparedDate !== null ? `ngày lập ${dateOf(r.preparedDate)}` : 'chưa ghi ngày lập');
    }
    let due = r.dueDate !== null ? `hạn ${dateOf(r.dueDate)}` : 'chưa có hạn nộp';
    if (r.state === 'missing' && r.dueDate !== null) {
      const over = daysBetween(r.dueDate, today);
      if (over > 0) due += `, đã quá hạn ${over} ngày`;
    }
    if (r.state === 'has-errors' && r.daysLate > 0) due += `, nộp muộn ${r.daysLate} ngày`;
    lines.push(`  ${stateLabel(r).padEnd(width)}  ${r.name} (${r.code}): ${[...parts, due].join(', ')}.`);
    // Files of the agency that were not used: refused, in another round's or plan's place, still being copied.
    for (const f of r.notUsed) if (f.reason !== 'superseded') lines.push(`  ${' '.repeat(width)}    - ${notUsedText(f)}.`);
  }
  if (otherFiles.length > 0) {
    lines.push('  Tệp không dùng được (xem `baocao check`):');
    for (const f of otherFiles) {
      const where = f.state === 'misplaced' && f.belongsTo ? `là báo cáo ${f.belongsTo}, không được tính` : OTHER_STATE[f.state];
      lines.push(`    ? ${f.file}: ${where}${f.receivedAt !== null ? `; nhận ngày ${dateOf(vnDate(f.receivedAt))}` : ''}.`);
    }
  }
  return lines;
}
