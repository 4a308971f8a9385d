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
    case 'nested':
      return {
        why: `baocao chỉ đọc các tệp nằm ngay trong thư mục đợt, không đọc thư mục con${s.workbooks > 0 ? `; trong đó có ${s.workbooks} tệp Excel không được kiểm tra, tổng hợp` : ''}`,
        todo: s.workbooks > 0 ? 'Nếu đó là báo cáo của cơ quan, chép tệp ra thẳng thư mục đợt rồi chạy lại; nếu là bản cũ, có thể để nguyên.' : '',
      };
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

/**
 * The skipped folders as findings (for --json and kiem-tra.xlsx): error when a plan's data was left
 * unread, warning for other names and for workbooks in a round's sub-folder, info otherwise.
 */
export function skippedFindings(skipped: readonly SkippedFolder[]): Finding[] {
  return skipped.map((s) => {
    const { why, todo } = skipText(s);
    const severity = skippedData(s) ? 'error' : s.reason === 'hidden' || s.reason === 'output' || (s.reason === 'nested' && s.workbooks === 0) ? 'info' : 'warning';
    // Inside a round, the folder is named as seen from the round folder (kiem-tra.xlsx lists the round's files so).
    const name = s.reason === 'nested' ? basename(s.path) : shown(s.path);
    return finding({
      file: `${name}${sep}`,
      code: 'folder_skipped',
      severity,
      message: `Thư mục "${name}" không được ${s.reason === 'nested' ? 'đọc' : 'kiểm tra, lập báo cáo'}: ${why}.`,
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
