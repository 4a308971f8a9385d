/**
 * Console text of the change log, in Vietnamese: every figure that changed since the previous
 * build, old → new, and which agency file and cell caused it. Plain strings; the CLI prints them.
 */
import { vnClock } from '../model/deadline.js';
import type { Change, ChangeSet } from '../model/snapshot.js';
import type { FolderChange } from '../read/index.js';
import { NO_CHANGES, buildTime } from '../render/index.js';
import { formatNumber } from '../vn/index.js';

/** Lines printed at most; the rest are in thay-doi.xlsx. */
const MAX_LINES = 200;

function value(v: number | string | null): string {
  if (v === null) return '(không có)';
  if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : 2);
  return `"${v}"`;
}

function signed(d: number): string {
  const s = formatNumber(Math.abs(d), Number.isInteger(d) ? 0 : 2);
  return d < 0 ? `-${s}` : `+${s}`;
}

function cause(c: Change): string {
  if (c.source && c.source.cell) return `tệp "${c.source.file}", ô ${c.source.sheet}!${c.source.cell}`;
  if (c.source && c.source.file) return `tổng tính lại từ các dòng của tệp "${c.source.file}"`;
  // Indicator figures and GRDP: sums, ratios and growth rates of several agencies' figures.
  if (c.key.startsWith('chi-tieu|') || c.key.startsWith('grdp|')) return 'baocao tính lại từ số liệu của các cơ quan (xem các dòng "Số của …")';
  return 'tổng tính lại từ các dòng';
}

/** One change as a line: "Dự toán kinh phí › I. Sở Ngoại vụ › 3. … › Thành tiền: 711.500 → 750.000 (+38.500) — tệp "x.xlsx", ô Kinh phí!F7". */
export function formatChange(c: Change): string {
  const place = [c.appendix, c.group, c.line, c.column].filter((p) => p !== '').join(' › ');
  const diff = c.diff !== null && c.diff !== 0 ? ` (${signed(c.diff)})` : '';
  return `${place}: ${value(c.old)} → ${value(c.new)}${diff} — ${cause(c)}`;
}

/** The change log for the console; null (first build) gives one line saying the figures were kept for next time. */
export function formatChanges(set: ChangeSet | null, file: string): string[] {
  if (!set) return ['  Lần lập đầu tiên của đợt này: đã lưu số liệu để lần lập sau cho biết số nào thay đổi.'];
  if (set.changes.length === 0) return [`  ${NO_CHANGES}`];
  const lines = [`  Số liệu thay đổi so với lần lập lúc ${buildTime(set.since)}: ${set.changes.length} (chi tiết: ${file}).`];
  for (const c of set.changes.slice(0, MAX_LINES)) lines.push(`    ${c.total ? 'Σ ' : ''}${formatChange(c)}`);
  if (set.changes.length > MAX_LINES) lines.push(`    … và ${set.changes.length - MAX_LINES} thay đổi khác, xem ${file}.`);
  return lines;
}

/** What `baocao watch` saw change in the folder, before it rebuilds. */
export function formatFolderChange(change: FolderChange, at: Date): string[] {
  const p = (n: number) => String(n).padStart(2, '0');
  const parts = [
    ...change.added.map((f) => `thêm tệp "${f}"`),
    ...change.replaced.map((f) => `tệp "${f}" được thay`),
    ...change.removed.map((f) => `xóa tệp "${f}"`),
    ...change.opened.map((f) => `tệp "${f}" được mở trong Excel`),
    ...change.closed.map((f) => `tệp "${f}" được đóng`),
    ...(change.plan ? ['tệp kế hoạch ke-hoach.xlsx thay đổi'] : []),
    ...(change.template ? (change.templates ?? ['bao-cao.docx']).map((t) => `mẫu ${t.endsWith('.docx') ? 'báo cáo' : 'phụ lục'} mau/${t} thay đổi`) : []),
  ];
  const t = vnClock(at);
  return [`[${p(t.hours)}:${p(t.minutes)}:${p(t.seconds)}] Thay đổi trong thư mục: ${parts.join('; ')}. Kiểm tra và lập lại báo cáo:`];
}
