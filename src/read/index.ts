/**
 * Read stage: turns the workbook files of a round folder into plain SourceWorkbooks.
 * Inputs are untrusted and never modified; every problem with a file becomes a Finding,
 * so one broken file never stops the batch and no input makes this stage throw.
 */

import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../lib/exceljs.js';
import { envText } from '../lib/env-errors.js';
import { finding, type Finding, type FindingInput } from '../findings.js';
import type { SourceSheet, SourceWorkbook } from '../model/source.js';
import { convertXlsToXlsx, findSoffice } from './convert-xls.js';
import { readXlsxFast } from './fast-xlsx.js';
import { convertWorksheet } from './sheet.js';
import { oleIsEncrypted, oleWorkbookKind, sniff } from './sniff.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, measureSheets } from './ranges.js';
import { declaredUncompressed, scanZip, verifyEntries, type ZipEntry } from './zip.js';

/** LibreOffice, for the other stages that convert files (build --pdf). */
export { findSoffice } from './convert-xls.js';
export { runSoffice, type ConvertResult, type SofficeJob } from './soffice.js';

const MiB = 1024 * 1024;
/**
 * Merged cells a workbook may declare in all: exceljs creates every cell of a merged range
 * (1 million cells ≈ 2.5 s and 700 MB), and a real form merges at most a few thousand.
 */
const MAX_MERGED_CELLS = 250_000;

/** Limits and switches of the read stage; every field is optional. */
/** Pure zip helpers (no I/O), for the write stage's content comparison. */
export { inflateEntry, scanZip } from './zip.js';

export interface ReadOptions {
  /** Largest file accepted, in bytes (default 20 MiB): larger files are refused unread. */
  readonly maxBytes?: number | undefined;
  /** Largest total uncompressed size of the zip parts (default 200 MiB): a zip-bomb guard. */
  readonly maxUncompressedBytes?: number | undefined;
  /** Detect files still being copied or saved (default true). Tests switch it off. */
  readonly checkInProgress?: boolean | undefined;
  /** Path of LibreOffice's `soffice` for .xls conversion, or false to never convert (default: found on PATH). */
  readonly soffice?: string | false | undefined;
  /** Time allowed for one .xls conversion (default 60 s). */
  readonly convertTimeoutMs?: number | undefined;
  /**
   * Read ordinary .xlsx files with the fast reader (src/read/fast-xlsx.ts) before exceljs
   * (default true; the environment variable BAOCAO_FAST_XLSX=0 also switches it off).
   */
  readonly fastXlsx?: boolean | undefined;
  /** Modification time to record for readWorkbookBuffer (default 0). */
  readonly mtimeMs?: number | undefined;
  /** readWorkbookBuffer: the SHA-256 of `bytes` when the caller already computed it (hex). */
  readonly sha256?: string | undefined;
}

/** What reading one file gives: the workbook when it could be read, and the findings either way. */
export interface ReadResult {
  readonly workbook: SourceWorkbook | null;
  readonly findings: Finding[];
  /** Set when the file is an Office lock file or a temporary file and was deliberately not read. */
  readonly skipped?: 'lock' | 'temp';
}

/** Why a file name in a round folder is not an input, or null when it is a candidate. */
export type IgnoreReason = 'lock' | 'temp' | 'hidden' | 'system';

/** Classifies names that are never agency inputs: Office/LibreOffice locks, temp files, hidden and OS files. */
export function ignoreReason(name: string): IgnoreReason | null {
  const lower = name.toLowerCase();
  if (name.startsWith('~$') || (name.startsWith('.~lock.') && name.endsWith('#'))) return 'lock';
  if (lower.endsWith('.tmp')) return 'temp';
  if (name.startsWith('.')) return 'hidden';
  if (lower === 'thumbs.db' || lower === 'desktop.ini') return 'system';
  return null;
}

/**
 * Lists the candidate input files of a round folder (not recursive), sorted by name.
 * Lock, temp, hidden and OS files go to `ignored`; anything else is a candidate, and
 * readWorkbookFile reports the ones that are not workbooks.
 */
export async function listRoundFiles(dir: string): Promise<{ files: string[]; ignored: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new Error(`Không đọc được thư mục đợt báo cáo "${dir}": ${errnoText(err)}.`, { cause: err });
  }
  const files: string[] = [];
  const ignored: string[] = [];
  for (const e of entries) {
    let isFile = e.isFile();
    if (e.isSymbolicLink()) isFile = await stat(join(dir, e.name)).then((s) => s.isFile(), () => false);
    if (!isFile) continue;
    (ignoreReason(e.name) === null ? files : ignored).push(e.name);
  }
  const byName = (a: string, b: string): number => a.localeCompare(b, 'vi') || (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byName), ignored: ignored.sort(byName) };
}

/** Reads one workbook file (opened read-only, never written) into a SourceWorkbook plus findings; never throws. */
export async function readWorkbookFile(path: string, displayName: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const file = displayName;
  try {
    const reason = ignoreReason(basename(path));
    if (reason === 'lock' || reason === 'temp') return { workbook: null, findings: [], skipped: reason };

    let st = await stat(path);
    if (!st.isFile()) {
      return fail({ file, code: 'file_not_workbook', message: `"${file}" không phải là một tệp (có thể là thư mục).` });
    }
    const age = Date.now() - st.mtimeMs;
    if ((opts.checkInProgress ?? true) && age > -2000 && age < 2000) {
      // Only a freshly touched file pays for this second look.
      await new Promise((r) => setTimeout(r, 300));
      const again = await stat(path);
      if (again.size !== st.size || again.mtimeMs !== st.mtimeMs) {
        return fail({
          file,
          code: 'file_in_progress',
          message: `Tệp "${file}" đang thay đổi trong lúc đọc (${again.size === st.size ? 'vừa được ghi lại' : `${st.size} → ${again.size} byte`}): có thể đang được sao chép hoặc lưu, nên chưa được đọc.`,
        });
      }
      st = again;
    }
    const maxBytes = opts.maxBytes ?? 20 * MiB;
    if (st.size > maxBytes) return fail(tooLarge(file, st.size, maxBytes));
    const bytes = await readFile(path, { flag: 'r' });
    return await readBytes(bytes, file, resolve(path), st.mtimeMs, opts);
  } catch (err) {
    return fail(ioFailure(file, err));
  }
}

/** Same as readWorkbookFile for bytes already in memory (tests, caches); `path` is recorded as given. */
export async function readWorkbookBuffer(
  bytes: Uint8Array,
  displayName: string,
  path: string,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  try {
    return await readBytes(bytes, displayName, path, opts.mtimeMs ?? 0, opts);
  } catch (err) {
    return fail(unexpected(displayName, err));
  }
}

/** An input file's bytes as an .xlsx (for the annotated copy sent back), or why there are none. */
export type InputBytes =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly sha256: string; readonly converted: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads an input file again (read-only) as .xlsx bytes: the file itself, or an .xls converted by
 * LibreOffice on a private copy. `sha256` is the hash of the file as it is on disk, so the caller
 * can tell whether it changed since it was checked. Never throws.
 */
export async function readInputBytes(path: string, opts: ReadOptions = {}): Promise<InputBytes> {
  try {
    const st = await stat(path);
    const maxBytes = opts.maxBytes ?? 20 * MiB;
    if (st.size > maxBytes) return { ok: false, reason: `tệp lớn hơn ${humanSize(maxBytes)}` };
    const bytes = await readFile(path, { flag: 'r' });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const kind = sniff(bytes);
    if (kind === 'zip') return { ok: true, bytes, sha256, converted: false };
    const biff = kind === 'ole' && !oleIsEncrypted(bytes) ? oleWorkbookKind(bytes) : null;
    const soffice = biff === null ? null : opts.soffice === undefined ? await findSoffice() : opts.soffice || null;
    if (biff === null || !soffice) return { ok: false, reason: 'tệp không phải dạng .xlsx' };
    const converted = await convertXlsToXlsx(soffice, bytes, opts.convertTimeoutMs ?? 60_000, biff);
    return converted.ok
      ? { ok: true, bytes: converted.bytes, sha256, converted: true }
      : { ok: false, reason: `LibreOffice không chuyển được tệp .xls (${converted.detail})` };
  } catch (err) {
    return { ok: false, reason: errnoText(err) };
  }
}

async function readBytes(bytes: Uint8Array, file: string, path: string, mtimeMs: number, opts: ReadOptions): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? 20 * MiB;
  if (bytes.byteLength > maxBytes) return fail(tooLarge(file, bytes.byteLength, maxBytes));
  const findings: Finding[] = [];
  const kind = sniff(bytes);
  let xlsx: Uint8Array;
  switch (kind) {
    case 'empty':
      return fail({ file, code: 'file_empty', message: `Tệp "${file}" rỗng (0 byte).` });
    case 'html':
      return fail({
        file,
        code: 'file_html_as_xls',
        message: `Tệp "${file}" thực chất là trang web (HTML) được đặt tên như bảng tính Excel; baocao không đọc được định dạng này.`,
      });
    case 'spreadsheetml2003':
      return fail({
        file,
        code: 'file_unreadable',
        message: `Tệp "${file}" là bảng tính dạng "XML Spreadsheet 2003", baocao không đọc được định dạng này.`,
      });
    case 'pdf':
      return fail(notWorkbook(file, 'đây là tệp PDF'));
    case 'text':
      return fail(notWorkbook(file, 'đây là tệp văn bản (có thể là CSV hoặc TXT)'));
    case 'unknown':
      return fail(notWorkbook(file, 'nội dung tệp không có cấu trúc của bảng tính'));
    case 'ole': {
      if (oleIsEncrypted(bytes)) {
        return fail({ file, code: 'file_encrypted', message: `Tệp "${file}" được đặt mật khẩu để mở nên baocao không đọc được.` });
      }
      const biff = oleWorkbookKind(bytes);
      if (biff === null) {
        return fail(notWorkbook(file, 'đây là tệp Office 97–2003 khác (Word, PowerPoint…), không phải Excel'));
      }
      const soffice = opts.soffice === undefined ? await findSoffice() : opts.soffice || null;
      if (!soffice) {
        return fail({
          file,
          code: 'file_xls_legacy',
          message:
            `Tệp "${file}" là bảng tính Excel 97–2003 (.xls); baocao chỉ đọc được .xlsx và máy này chưa cài LibreOffice để tự chuyển đổi. ` +
            'Cách xử lý: mở tệp bằng Excel, chọn File > Save As, chọn kiểu "Excel Workbook (*.xlsx)", lưu rồi đặt tệp .xlsx vào thư mục thay cho tệp .xls; ' +
            'hoặc cài LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) rồi chạy lại.',
        });
      }
      const converted = await convertXlsToXlsx(soffice, bytes, opts.convertTimeoutMs ?? 60_000, biff);
      if (!converted.ok) {
        return fail({
          file,
          code: 'file_xls_legacy',
          message: `Tệp "${file}" là bảng tính Excel 97–2003 (.xls) nhưng LibreOffice không chuyển được sang .xlsx (chi tiết kỹ thuật: ${converted.detail}). Có thể tệp bị hỏng hoặc có mật khẩu.`,
        });
      }
      findings.push(
        finding({
          file,
          code: 'file_xls_converted',
          message: `Tệp "${file}" là bảng tính Excel 97–2003 (.xls); baocao đã chuyển sang .xlsx bằng LibreOffice để đọc.`,
        }),
      );
      xlsx = converted.bytes;
      break;
    }
    case 'zip':
      xlsx = bytes;
      break;
  }

  const sheets = await loadXlsx(xlsx, file, extname(file).toLowerCase(), opts, findings);
  if (sheets === null) return { workbook: null, findings };
  const workbook: SourceWorkbook = {
    file,
    path,
    sha256: opts.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    mtimeMs,
    sheets,
  };
  return { workbook, findings };
}

/** Checks the zip, then loads it with exceljs; returns null (with an error finding) when it cannot be read. */
async function loadXlsx(
  bytes: Uint8Array,
  file: string,
  ext: string,
  opts: ReadOptions,
  findings: Finding[],
): Promise<SourceSheet[] | null> {
  const scan = scanZip(bytes);
  if (!scan.ok) {
    findings.push(
      finding({
        file,
        code: 'file_corrupt',
        message:
          scan.reason === 'truncated'
            ? `Tệp "${file}" bị hỏng hoặc tải về chưa trọn vẹn (thiếu phần cuối của tệp nén).`
            : `Tệp "${file}" bị hỏng: mục lục của tệp nén không đọc được (chi tiết kỹ thuật: ${scan.detail}).`,
      }),
    );
    return null;
  }
  const entries = scan.entries;
  const maxUncompressed = opts.maxUncompressedBytes ?? 200 * MiB;
  const total = declaredUncompressed(entries);
  let compressed = 0;
  for (const e of entries) compressed += e.compressedSize;
  // Ordinary workbooks compress 5–30×; a large total at a ratio near deflate's limit is a bomb.
  if (total > maxUncompressed || (total > 64 * MiB && total > 100 * Math.max(1, compressed))) {
    findings.push(bomb(file, total, maxUncompressed));
    return null;
  }

  const names = new Set<string>();
  for (const e of entries) names.add(e.name.replace(/^\/+/, '').toLowerCase());
  if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) {
    findings.push(finding(notWorkbook(file, describeZip(names))));
    return null;
  }

  // Small workbooks keep their inflated parts for the later stages instead of inflating them again.
  const inflated = total <= 16 * MiB ? new Map<string, Uint8Array>() : undefined;
  const check = verifyEntries(bytes, entries, inflated);
  if (!check.ok) {
    findings.push(
      check.reason === 'too_large'
        ? bomb(file, null, maxUncompressed)
        : finding({
            file,
            code: 'file_corrupt',
            message: `Tệp "${file}" bị hỏng hoặc tải về chưa trọn vẹn: phần "${check.entry}" không giải nén được (chi tiết kỹ thuật: ${check.detail}).`,
          }),
    );
    return null;
  }

  if (ext === '.xlsm' || ext === '.xltm' || hasMacros(entries)) {
    findings.push(
      finding({
        file,
        code: 'file_macro',
        message: `Tệp "${file}" có chứa macro (VBA); baocao chỉ đọc số liệu, không bao giờ chạy macro.`,
      }),
    );
  }

  // Ordinary workbooks are read straight from the zip parts; anything unusual goes to exceljs. The fast
  // reader bails on any size the check below refuses, so only the exceljs path needs it.
  if ((opts.fastXlsx ?? true) && process.env['BAOCAO_FAST_XLSX'] !== '0') {
    const fast = readXlsxFast(bytes, file, findings, entries, inflated);
    if (fast !== null) return fast;
  }

  // Sizes exceljs would expand into one object per cell (a few bytes can declare billions).
  const sizes = measureSheets(bytes, entries, undefined, inflated);
  if (sizes.maxRow > EXCEL_MAX_ROWS || sizes.maxColumn > EXCEL_MAX_COLUMNS) {
    findings.push(
      finding({
        file,
        code: 'file_corrupt',
        message: `Tệp "${file}" bị hỏng: có ${sizes.maxRow > EXCEL_MAX_ROWS ? `dòng số ${sizes.maxRow}` : `cột số ${sizes.maxColumn}`}, vượt quá giới hạn của Excel (${EXCEL_MAX_ROWS} dòng, ${EXCEL_MAX_COLUMNS} cột).`,
      }),
    );
    return null;
  }
  if (sizes.mergedCells > MAX_MERGED_CELLS) {
    findings.push(
      finding({
        file,
        code: 'file_too_large',
        message: `Tệp "${file}" có các vùng gộp ô phủ tới ${sizes.mergedCells} ô (giới hạn ${MAX_MERGED_CELLS}), bất thường với một biểu báo cáo; baocao không mở tệp này.`,
        hint: 'Bỏ gộp ô ở các vùng lớn (chọn cả sheet > Merge & Center để bỏ gộp), lưu lại rồi gửi lại.',
      }),
    );
    return null;
  }

  const wb = await newWorkbook();
  try {
    // No copy: a Buffer view over the same memory. Dropdown lists are not needed to read values,
    // and exceljs expands each of their ranges cell by cell (a whole-sheet list never finishes).
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0], {
      ignoreNodes: ['dataValidations'],
    });
  } catch (err) {
    findings.push(
      finding({
        file,
        code: 'file_corrupt',
        message: `Không đọc được nội dung tệp "${file}": tệp bị hỏng hoặc không đúng cấu trúc bảng tính Excel (chi tiết kỹ thuật: ${errText(err)}).`,
      }),
    );
    return null;
  }
  const tooMany = wb.worksheets.find((ws) => ws.rowCount > EXCEL_MAX_ROWS);
  if (tooMany) {
    findings.push(finding({ file, code: 'file_corrupt', message: `Tệp "${file}" bị hỏng: sheet "${tooMany.name}" có ${tooMany.rowCount} dòng, vượt quá giới hạn của Excel (${EXCEL_MAX_ROWS} dòng).` }));
    return null;
  }
  const sheets: SourceSheet[] = [];
  for (const ws of wb.worksheets) sheets.push(convertWorksheet(ws, file, findings));
  return sheets;
}

function hasMacros(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => /(^|\/)vbaproject\.bin$/i.test(e.name));
}

function describeZip(names: ReadonlySet<string>): string {
  if (names.has('word/document.xml')) return 'đây là tệp Word (.docx) bị đặt tên như bảng tính';
  if (names.has('ppt/presentation.xml')) return 'đây là tệp PowerPoint (.pptx) bị đặt tên như bảng tính';
  if (names.has('content.xml') && names.has('mimetype')) return 'đây là tệp OpenDocument (.ods/.odt); hãy lưu lại dạng .xlsx';
  return 'đây là tệp nén (.zip) không chứa bảng tính Excel';
}

function fail(input: FindingInput): ReadResult {
  return { workbook: null, findings: [finding(input)] };
}

function notWorkbook(file: string, why: string): FindingInput {
  return { file, code: 'file_not_workbook', message: `Tệp "${file}" không phải bảng tính Excel: ${why}.` };
}

function tooLarge(file: string, size: number, limit: number): FindingInput {
  return {
    file,
    code: 'file_too_large',
    message: `Tệp "${file}" có dung lượng ${humanSize(size)}, vượt giới hạn ${humanSize(limit)} của một biểu báo cáo; baocao không mở tệp này.`,
  };
}

function bomb(file: string, total: number | null, limit: number): Finding {
  const size = total === null ? 'lớn hơn nhiều so với mức khai báo trong tệp' : humanSize(total);
  return finding({
    file,
    code: 'file_too_large',
    message: `Tệp "${file}" khi giải nén có dung lượng ${size} (giới hạn ${humanSize(limit)}); có thể là tệp độc hại hoặc chứa dữ liệu thừa nên baocao không mở tệp này.`,
  });
}

/** Size as a person reads it: "1,5 MiB", "300 KiB", "512 byte" (Vietnamese decimal comma). */
function humanSize(n: number): string {
  const fmt = (v: number): string => v.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (n >= MiB) return `${fmt(n / MiB)} MiB`;
  if (n >= 1024) return `${fmt(n / 1024)} KiB`;
  return `${n} byte`;
}

function ioFailure(file: string, err: unknown): FindingInput {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EAGAIN') {
    return { file, code: 'file_in_progress', message: `Tệp "${file}" đang bị chương trình khác khóa (${errnoText(err)}) nên chưa đọc được.` };
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return {
      file,
      code: 'file_unreadable',
      message: `Không mở được tệp "${file}": ${errnoText(err)}.`,
      hint: 'Kiểm tra tệp còn trong thư mục và tài khoản đang chạy baocao có quyền đọc tệp, rồi chạy lại.',
    };
  }
  return unexpected(file, err);
}

function unexpected(file: string, err: unknown): FindingInput {
  return {
    file,
    code: 'file_corrupt',
    message: `Không đọc được tệp "${file}" do lỗi không lường trước; tệp có thể bị hỏng (chi tiết kỹ thuật: ${errText(err)}).`,
  };
}

function errnoText(err: unknown): string {
  // The one table of environment errors (env-errors.ts), never Node's English.
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? envText(code).reason : `lỗi hệ thống (${errText(err)})`;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
