/**
 * Console text (and findings) about folders: the sub-folders a run over a plan or a folder of
 * plans skipped, and the refusal of a round folder whose name baocao does not understand.
 */
import { basename, relative, sep } from 'node:path';
import { finding, type Finding } from './findings.js';
import { roundNameFormLines } from './model/round.js';
import { PLAN_FILE } from './model/sheets.js';
import type { SkippedFolder } from './read/inputs.js';

function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** Why a folder was skipped, in Vietnamese, and what to do. */
function skipText(s: SkippedFolder): { why: string; todo: string } {
  const unread = s.workbooks > 0 ? `; trong đó có ${s.workbooks} tệp Excel CHƯA được kiểm tra, tổng hợp` : '';
  switch (s.reason) {
    case 'no-plan':
      return {
        why: `không có tệp ${PLAN_FILE} nên không phải thư mục kế hoạch${unread}`,
        todo: `Nếu đây là một kế hoạch, đặt tệp ${PLAN_FILE} vào thư mục này rồi chạy lại; nếu không, chuyển thư mục ra chỗ khác.`,
      };
    case 'not-round':
      return {
        why: `tên thư mục "${basename(s.path)}" không phải tên đợt báo cáo mà baocao hiểu được${unread}`,
        todo: 'Đổi tên thư mục theo dạng "du-toan", "2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Quý III năm 2026", "Tháng 7-2026" (hoặc "2026-H1", "2026-9t", "2026-Q3", "2026-07") rồi chạy lại.',
      };
    case 'hidden':
      return { why: 'thư mục ẩn', todo: '' };
    case 'output':
      return { why: 'thư mục do baocao tạo (biểu mẫu, bản sao trả lại, kết quả), không phải dữ liệu nộp về', todo: '' };
  }
}

/** True when skipping the folder left data unread: the run must not exit 0. */
export function skippedData(s: SkippedFolder): boolean {
  return s.workbooks > 0 && (s.reason === 'no-plan' || s.reason === 'not-round');
}

/** Lines listing the skipped folders (nothing when there are none). */
export function formatSkipped(skipped: readonly SkippedFolder[]): string[] {
  if (skipped.length === 0) return [];
  const lines = [`Các thư mục không được kiểm tra, lập báo cáo (${skipped.length}):`];
  for (const s of skipped) {
    const { why, todo } = skipText(s);
    lines.push(`  ${skippedData(s) ? '✗' : '·'} ${shown(s.path)}${sep}: ${why}.${todo ? ` ${todo}` : ''}`);
  }
  if (skipped.some(skippedData)) lines.push('Có thư mục chứa tệp Excel chưa được đọc (đánh dấu ✗ ở trên): mã thoát 2.');
  return lines;
}

/** The skipped folders as findings (for --json): error when data was left unread, warning for other names, info for hidden and output folders. */
export function skippedFindings(skipped: readonly SkippedFolder[]): Finding[] {
  return skipped.map((s) => {
    const { why, todo } = skipText(s);
    return finding({
      file: `${shown(s.path)}${sep}`,
      code: 'folder_skipped',
      severity: skippedData(s) ? 'error' : s.reason === 'hidden' || s.reason === 'output' ? 'info' : 'warning',
      message: `Thư mục "${shown(s.path)}" không được kiểm tra, lập báo cáo: ${why}.`,
      ...(todo ? { hint: todo } : { hint: 'Không cần làm gì.' }),
    });
  });
}

/** The message of a command given a round folder whose name baocao does not understand (exit 2). */
export function roundNameRefusal(roundDir: string): string[] {
  return [
    `Không hiểu tên thư mục đợt báo cáo "${basename(roundDir)}" (${shown(roundDir)}): baocao không biết đây là đợt dự toán hay kỳ báo cáo nào, nên không kiểm tra, không lập báo cáo.`,
    'Đổi tên thư mục theo một trong các dạng sau (có dấu hay không dấu, chữ hoa hay chữ thường đều được) rồi chạy lại:',
    ...roundNameFormLines('  '),
  ];
}
