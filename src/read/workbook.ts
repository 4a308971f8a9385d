/**
 * Read stage, one workbook: turns the workbook files of a round folder into plain SourceWorkbooks.
 * Inputs are untrusted and never modified; every problem with a file becomes a Finding,
 * so one broken file never stops the batch and no input makes this stage throw.
 */

import { createHash } from 'node:crypto';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../lib/exceljs.js';
import { baocaoSwitch } from '../lib/host.js';
import { finding, internalErrorFinding, type Finding, type FindingInput } from '../findings.js';
import type { SourceSheet, SourceWorkbook } from '../model/source.js';
import { convertXlsToXlsx, findSoffice } from './convert-xls.js';
import { errnoText, errText } from './errno.js';
import { ignoreReason, listRoundFiles } from './list.js';
import { readXlsxFast } from './fast-xlsx/index.js';
import { readIdentity } from './identity.js';
import type { FormIdentity } from '../model/identity.js';
import { convertWorksheet } from './sheet.js';
import { oleIsEncrypted, oleWorkbookKind, sniff, type Sniffed } from './sniff.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, measureSheets } from './ranges.js';
import { MAX_SHARED_STRINGS_BYTES, MAX_SHARED_STRINGS_COUNT, declaredStringCount } from './text-limits.js';
import { declaredUncompressed, inflateEntry, locateDirectory, parseDirectory, scanZip, verifyEntries, ZIP_TAIL_BYTES, type ZipEntry } from './zip.js';
import { documentVerdict } from './attachment.js';

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
  /**
   * Files known to be completely written, by name, with the size and modification time they were
   * written with (the page saves uploads through a temporary file and a link): while a file still
   * has them it is read at once, without waiting to see whether it is still being copied.
   */
  readonly completeFiles?: ReadonlyMap<string, { readonly size: number; readonly mtimeMs: number }> | undefined;
  /** Path of LibreOffice's `soffice` for .xls conversion, or false to never convert (default: found on PATH). */
  readonly soffice?: string | false | undefined;
  /** Time allowed for one .xls conversion (default 60 s). */
  readonly convertTimeoutMs?: number | undefined;
  /**
   * Read ordinary .xlsx files with the fast reader (src/read/fast-xlsx/) before exceljs
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
  /**
   * Set when the file was deliberately not read: an Office lock file, a temporary file, or an
   * attachment (a PDF, Word letter, picture… put beside the workbooks; listed with an info finding).
   */
  readonly skipped?: 'lock' | 'temp' | 'attachment';
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
          message: `Tệp "${file}" đang thay đổi trong lúc đọc (${again.size === st.size ? 'vừa được ghi lại' : `${st.size} → ${again.size} byte`}): tệp đang được chép, chạy lại sau. Tệp chưa được đọc nên số liệu của cơ quan chưa được kiểm tra, tổng hợp.`,
        });
      }
      st = again;
    }
    const maxBytes = opts.maxBytes ?? 20 * MiB;
    if (st.size > maxBytes) return await largeFile(path, file, st.size, maxBytes);
    const bytes = await readFile(path, { flag: 'r' });
    return await readBytes(bytes, file, resolve(path), st.mtimeMs, opts);
  } catch (err) {
    return ioFailure(file, err);
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
    return { workbook: null, findings: [internalErrorFinding(displayName, err)] };
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
      : { ok: false, reason: `LibreOffice không chuyển được tệp .xls${/timed out/.test(converted.detail) ? ' (quá thời gian cho phép)' : ''}` };
  } catch (err) {
    return { ok: false, reason: errnoText(err) };
  }
}

/**
 * Files people put beside the workbooks — a signed PDF cover letter, a Word công văn, pictures,
 * mails, a .zip of documents — are listed as attachments (an info finding), not errors. A .zip
 * holding workbooks is an error: baocao never reads inside archives, the secretariat unpacks them.
 * A file named like a spreadsheet is never an attachment: the agency meant to send a workbook.
 * What a file is comes from its content (read/attachment.ts). Null when the file is to be read as a
 * workbook (or refused as one).
 */
function attachmentOf(head: Uint8Array, kind: Sniffed, file: string, zipEntries: readonly ZipEntry[] | null): ReadResult | null {
  const verdict = documentVerdict(head, kind, file, zipEntries);
  if (verdict === null) return null;
  switch (verdict.kind) {
    case 'attachment':
      return {
        workbook: null,
        skipped: 'attachment',
        findings: [finding({ file, code: 'attachment', message: `Tệp "${file}" là ${verdict.what}, được ghi nhận là tệp kèm theo (không phải báo cáo Excel, không được tổng hợp).` })],
      };
    case 'opaque-archive':
      return {
        workbook: null,
        skipped: 'attachment',
        findings: [finding({ file, code: 'archive_unreadable', message: `Tệp "${file}" là tệp nén ${verdict.what}; baocao không xem được bên trong nên không biết có báo cáo Excel nào trong đó không.` })],
      };
    case 'zip-workbooks': {
      const { workbooks } = verdict;
      const shown = workbooks.slice(0, 5).join('", "') + (workbooks.length > 5 ? `" và ${workbooks.length - 5} tệp khác` : '"');
      return fail({ file, code: 'archive_has_workbooks', message: `Tệp nén "${file}" chứa ${workbooks.length} bảng tính ("${shown}); baocao không đọc tệp bên trong tệp nén nên chưa kiểm tra các báo cáo này.` });
    }
  }
}

/**
 * A file larger than the read limit: still an attachment (or a zip of workbooks) when its first bytes
 * — and, for a zip, its central directory, read from the end of the file — say so; otherwise too large.
 * A signed scan or a zip of documents easily exceeds the limit of a workbook.
 */
async function largeFile(path: string, file: string, size: number, maxBytes: number): Promise<ReadResult> {
  const fh = await open(path, 'r');
  try {
    const readAt = async (position: number, length: number): Promise<Uint8Array> => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    };
    const head = await readAt(0, Math.min(size, 8192));
    const kind = sniff(head);
    let entries: readonly ZipEntry[] | null = null;
    if (kind === 'zip') {
      const tail = Math.min(size, ZIP_TAIL_BYTES);
      const loc = locateDirectory(await readAt(size - tail, tail), size);
      // A directory of more than 16 MiB is no zip of a few documents: the file stays refused.
      if (loc.ok && loc.size <= 16 * MiB) {
        const dir = parseDirectory(await readAt(loc.offset, loc.size), loc.count);
        if (dir.ok) entries = dir.entries;
      }
    }
    return attachmentOf(head, kind, file, entries) ?? fail(tooLarge(file, size, maxBytes));
  } finally {
    await fh.close();
  }
}

async function readBytes(bytes: Uint8Array, file: string, path: string, mtimeMs: number, opts: ReadOptions): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? 20 * MiB;
  const findings: Finding[] = [];
  const kind = sniff(bytes);
  // Attachments and zips of workbooks are told apart first, whatever their size.
  const scan = kind === 'zip' ? scanZip(bytes) : null;
  const other = attachmentOf(bytes, kind, file, scan?.ok ? scan.entries : null);
  if (other) return other;
  if (bytes.byteLength > maxBytes) return fail(tooLarge(file, bytes.byteLength, maxBytes));
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
    case 'image':
      return fail(notWorkbook(file, 'đây là tệp ảnh'));
    case 'rar':
    case '7z':
      return fail(notWorkbook(file, 'đây là tệp nén (RAR/7z); hãy giải nén rồi đặt tệp Excel bên trong vào thư mục'));
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
          message: `Tệp "${file}" là bảng tính Excel 97–2003 (.xls) nhưng LibreOffice không chuyển được sang .xlsx${/timed out/.test(converted.detail) ? ' (quá thời gian cho phép)' : ''}. Có thể tệp bị hỏng hoặc có mật khẩu.`,
          detail: converted.detail,
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

  const loaded = await loadXlsx(xlsx, file, extname(file).toLowerCase(), opts, findings);
  if (loaded === null) return { workbook: null, findings };
  const workbook: SourceWorkbook = {
    file,
    path,
    sha256: opts.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    mtimeMs,
    sheets: loaded.sheets,
    ...(loaded.identity ? { identity: loaded.identity } : {}),
  };
  return { workbook, findings };
}

/**
 * Checks the zip, then reads its sheets (fast reader, else exceljs) and the form identity of its
 * defined names; returns null (with an error finding) when it cannot be read.
 */
async function loadXlsx(
  bytes: Uint8Array,
  file: string,
  ext: string,
  opts: ReadOptions,
  findings: Finding[],
): Promise<{ readonly sheets: SourceSheet[]; readonly identity: FormIdentity | null } | null> {
  const scan = scanZip(bytes);
  if (!scan.ok) {
    findings.push(
      finding({
        file,
        code: 'file_corrupt',
        message:
          scan.reason === 'truncated'
            ? `Tệp "${file}" bị hỏng hoặc tải về chưa trọn vẹn (thiếu phần cuối của tệp nén).`
            : `Tệp "${file}" bị hỏng: mục lục của tệp nén không đọc được.`,
        detail: scan.detail,
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

  // The texts of a workbook, before anything is decoded: a few KB can declare a 50 MB string.
  const stringsEntry = entries.find((e) => SHARED_STRINGS.test(e.name));
  if (stringsEntry && stringsEntry.uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
    findings.push(tooMuchText(file, `${humanSize(stringsEntry.uncompressedSize)} chữ`));
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
            message: `Tệp "${file}" bị hỏng hoặc tải về chưa trọn vẹn: phần "${check.entry}" bên trong tệp không giải nén được.`,
            detail: check.detail,
          }),
    );
    return null;
  }

  const strings = stringsEntry ? partText(bytes, stringsEntry, inflated, 4096) : null;
  const count = strings === null ? null : declaredStringCount(strings);
  if (count !== null && count > MAX_SHARED_STRINGS_COUNT) {
    findings.push(tooMuchText(file, `${count.toLocaleString('vi-VN')} đoạn chữ`));
    return null;
  }
  // Without its shared-strings part every text cell would read as a number (its index): damaged.
  if (!entries.some((e) => e.name.replace(/^\/+/, '') === 'xl/sharedStrings.xml') && sheetsUseSharedStrings(bytes, entries, inflated)) {
    findings.push(
      finding({
        file,
        code: 'file_corrupt',
        message: `Tệp "${file}" bị hỏng: thiếu phần lưu chữ của bảng tính (xl/sharedStrings.xml) nên không đọc được nội dung các ô chữ.`,
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
  // Read from the zip parts, not by either reader: exceljs drops defined names that are not ranges.
  const identity = readIdentity(bytes, entries, inflated);
  if ((opts.fastXlsx ?? true) && baocaoSwitch('BAOCAO_FAST_XLSX') !== '0') {
    const fast = readXlsxFast(bytes, file, findings, entries, inflated);
    if (fast !== null) return { sheets: fast, identity };
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
        message: `Không đọc được nội dung tệp "${file}": ${loadFailure(err)}.`,
        detail: errText(err),
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
  return { sheets, identity };
}

/** Any shared-strings part, wherever a damaged or hand-made zip puts it. */
const SHARED_STRINGS = /^\/?xl\/sharedStrings\.xml$/i;

/** The first `max` characters of a part's text (the part already verified), or null. */
function partText(bytes: Uint8Array, e: ZipEntry, inflated: ReadonlyMap<string, Uint8Array> | undefined, max: number): string | null {
  const raw = inflated?.get(e.name) ?? inflateEntry(bytes, e, e.uncompressedSize + 1024);
  return raw ? new TextDecoder('utf-8').decode(raw.subarray(0, max)) : null;
}

/** Whether a worksheet has a cell of type "s" (a shared string). */
function sheetsUseSharedStrings(bytes: Uint8Array, entries: readonly ZipEntry[], inflated: ReadonlyMap<string, Uint8Array> | undefined): boolean {
  const decoder = new TextDecoder('utf-8');
  for (const e of entries) {
    if (!/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    const raw = inflated?.get(e.name) ?? inflateEntry(bytes, e, e.uncompressedSize + 1024);
    if (raw && /<(?:\w+:)?c\b[^>]*?\st\s*=\s*["']s["']/.test(decoder.decode(raw))) return true;
  }
  return false;
}

/** What a failed exceljs load says in Vietnamese (its own text is English and names its internals). */
function loadFailure(err: unknown): string {
  const text = errText(err);
  if (/entity|tag|attribute|character|xml|text data|root|closing|unexpected|unclosed|disallowed|end of data|doctype|cdata|comment|prefix|namespace|\d+:\d+:/i.test(text)) {
    return 'phần nội dung XML bên trong tệp bị hỏng (có thể do tệp tải về chưa trọn vẹn hoặc bị phần mềm khác sửa sai); tệp không đúng cấu trúc bảng tính Excel';
  }
  if (err instanceof TypeError || /cannot read|undefined|null/i.test(text)) {
    return 'tệp thiếu hoặc hỏng một phần bên trong (không đúng cấu trúc bảng tính Excel)';
  }
  return 'tệp bị hỏng hoặc không đúng cấu trúc bảng tính Excel';
}

function tooMuchText(file: string, what: string): Finding {
  return finding({
    file,
    code: 'file_too_large',
    message: `Tệp "${file}" khai báo ${what}, vượt xa giới hạn của một biểu báo cáo (${humanSize(MAX_SHARED_STRINGS_BYTES)} chữ); baocao không mở tệp này.`,
    hint: 'Tệp có thể chứa một đoạn chữ rất lớn dán nhầm vào ô. Xóa nội dung thừa, lưu lại rồi gửi lại tệp.',
  });
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

function ioFailure(file: string, err: unknown): ReadResult {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EAGAIN') {
    return fail({ file, code: 'file_in_progress', message: `Tệp "${file}" đang bị chương trình khác khóa (${errnoText(err)}) nên chưa đọc được.` });
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return fail({
      file,
      code: 'file_unreadable',
      message: `Không mở được tệp "${file}": ${errnoText(err)}.`,
      hint: 'Kiểm tra tệp còn trong thư mục và tài khoản đang chạy baocao có quyền đọc tệp, rồi chạy lại.',
    });
  }
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
    // Another error of the system (EIO, EMFILE…): the environment, not the file and not baocao.
    return fail({
      file,
      code: 'file_unreadable',
      message: `Không đọc được tệp "${file}": ${errnoText(err)}.`,
      hint: 'Kiểm tra ổ đĩa hoặc thư mục mạng chứa tệp, rồi chạy lại.',
      detail: errText(err),
    });
  }
  return { workbook: null, findings: [internalErrorFinding(file, err)] };
}


