/**
 * Names the page chooses, never the visitor: the file name an upload is saved under (from its
 * original name, made safe), a plan folder from the plan's title, and a round folder from a
 * period chosen in a list. Pure functions; the original name is kept only for display.
 */
import { byteLength, truncateBytes } from '../model/file-name.js';
import { parseRoundName } from '../model/round.js';

/** Workbook extensions an upload may have (the read stage sniffs the bytes anyway). */
export const UPLOAD_EXTENSIONS = ['.xlsx', '.xlsm', '.xls'] as const;

/** Longest saved name in UTF-8 bytes: file systems allow 255, a " (99)" suffix must still fit. */
export const MAX_NAME_BYTES = 180;

/** A stem Windows refuses as a file name whatever the extension ("CON.xlsx"). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Control characters (C0, DEL, C1) and the bidirectional overrides that disguise an extension. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Characters Windows does not allow in names. */
const FORBIDDEN = /[<>:"|?*]/g;

export type SafeName = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

/**
 * The name an uploaded workbook is saved under, from the name the browser sent: NFC, the last
 * path segment only, no control or bidirectional characters, nothing Windows refuses, no leading
 * dot (hidden files are not read) or "~$" (Excel's lock files are skipped), at most
 * MAX_NAME_BYTES. Refused when the extension is not a workbook's.
 */
export function safeUploadName(original: string): SafeName {
  let name = original.normalize('NFC').replace(INVISIBLE, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(FORBIDDEN, '-').replace(/\s+/g, ' ').trim();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot).toLowerCase() : '';
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) {
    return { ok: false, reason: `"${original.normalize('NFC').replace(INVISIBLE, '')}" không phải tệp Excel (.xlsx, .xlsm hoặc .xls); tệp không được lưu.` };
  }
  let stem = name.slice(0, dot);
  // Leading dots, spaces, "~" and "$"; trailing dots and spaces (Windows drops them).
  stem = stem.replace(/^[.\s~$]+/, '').replace(/[.\s]+$/, '');
  if (stem === '') stem = 'tep-tai-len';
  if (WINDOWS_DEVICE.test(stem.split('.')[0] ?? '')) stem = `_${stem}`;
  stem = truncateBytes(stem, MAX_NAME_BYTES - byteLength(ext)).replace(/[.\s]+$/, '') || 'tep-tai-len';
  return { ok: true, name: `${stem}${ext}` };
}

/** `name`, or "name (2).xlsx", "name (3).xlsx"… the first not `taken` (compared ignoring case, as Windows does). */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.normalize('NFC').toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** ASCII kebab case of a Vietnamese title: "Kế hoạch Chuyển đổi số 2026" → "ke-hoach-chuyen-doi-so-2026" (at most 60 characters). */
export function planFolderName(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60).replace(/-+$/, '');
}

/** The periods a round can be created for, as the page lists them. */
export const PERIOD_CHOICES = [
  { value: 'nam', label: 'Cả năm' },
  { value: 'h1', label: '6 tháng đầu năm' },
  { value: 'h2', label: '6 tháng cuối năm' },
  { value: 'q1', label: 'Quý I' },
  { value: 'q2', label: 'Quý II' },
  { value: 'q3', label: 'Quý III' },
  { value: 'q4', label: 'Quý IV' },
  { value: '9t', label: '9 tháng' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, label: `Tháng ${i + 1}` })),
  { value: 'du-toan', label: 'Dự toán kinh phí (lập dự toán, không theo kỳ)' },
] as const;

/**
 * The canonical round folder of a period chosen on the page ("q3", 2026 → "2026-Q3"); null when
 * the choice or the year is not one of the list. Every name reads back (model/round.ts) as the
 * period chosen.
 */
export function roundFolderName(period: string, year: number): string | null {
  if (period === 'du-toan') return 'du-toan';
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
  let name: string | null = null;
  if (period === 'nam') name = `${year}`;
  else if (period === 'h1' || period === 'h2') name = `${year}-H${period.slice(1)}`;
  else if (/^q[1-4]$/.test(period)) name = `${year}-Q${period.slice(1)}`;
  else if (period === '9t') name = `${year}-9t`;
  else if (/^m([1-9]|1[0-2])$/.test(period)) name = `${year}-${period.slice(1).padStart(2, '0')}`;
  return name !== null && parseRoundName(name).period !== null ? name : null;
}
