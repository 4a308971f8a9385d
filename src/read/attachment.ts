/**
 * Files that are not workbooks but documents people put beside them in a round folder: a signed
 * PDF, a Word công văn, a scan, an e-mail, a zip of documents. What a file is comes from its
 * content (its first bytes, and for a zip its central directory — nothing is inflated but the
 * few bytes of an OpenDocument "mimetype" part); its name only decides when content and name
 * disagree: a document *named* like a spreadsheet (.xlsx, .xls, .csv…) is not an attachment,
 * because the agency meant to send data. Works on the first bytes alone, so a file too large to
 * read whole is still recognised.
 */
import { extname } from 'node:path';
import { oleIsEncrypted, oleWorkbookKind, type Sniffed } from './sniff.js';
import { inflateEntry, type ZipEntry } from './zip.js';

/** What to do with a file that is not a workbook (null from documentVerdict: read it, or refuse it, as a workbook). */
export type DocumentVerdict =
  /** A document attached to the round: `what` says what it is ("tệp PDF", "văn bản Word"). */
  | { readonly kind: 'attachment'; readonly what: string }
  /** An archive baocao cannot look into (RAR, 7z, gzip). */
  | { readonly kind: 'opaque-archive'; readonly what: string }
  /** A zip holding workbooks (their paths inside the archive). */
  | { readonly kind: 'zip-workbooks'; readonly workbooks: readonly string[] };

/** Extensions that say "this is a spreadsheet": a document under such a name is not an attachment. */
const SPREADSHEET_EXT: ReadonlySet<string> = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.xlt', '.xlsb', '.ods', '.csv']);
/** Workbooks inside an archive. */
const WORKBOOK_IN_ARCHIVE = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;
/** Extensions of documents people attach, for content baocao does not recognise (a damaged PDF, a video…). */
const DOCUMENT_EXT: ReadonlySet<string> = new Set([
  '.pdf', '.doc', '.docx', '.docm', '.dot', '.dotx', '.rtf', '.odt', '.txt', '.eml', '.msg', '.htm', '.html', '.mht', '.mhtml', '.xml',
  '.ppt', '.pptx', '.odp', '.xps', '.oxps', '.jpg', '.jpeg', '.png', '.gif', '.bmp', '.tif', '.tiff', '.webp', '.heic', '.heif',
  '.zip', '.rar', '.7z', '.gz', '.mp3', '.mp4', '.m4a', '.wav', '.mov', '.avi', '.p7s', '.sig',
]);

/** True when the name says the file is a spreadsheet. */
export function namedLikeSpreadsheet(file: string): boolean {
  return SPREADSHEET_EXT.has(extname(file).toLowerCase());
}

/**
 * Decides whether a file `sniff` classified is an attachment, an archive baocao cannot look into,
 * or a zip of workbooks, from its leading bytes (`head`: the whole file, or its first KiB when it
 * is too large to read) and, for a zip, its directory entries. Null: the file is, or claims to be,
 * a workbook; the read stage reads it or says why it cannot.
 */
export function documentVerdict(head: Uint8Array, kind: Sniffed, file: string, zipEntries: readonly ZipEntry[] | null): DocumentVerdict | null {
  const ext = extname(file).toLowerCase();
  const spreadsheet = SPREADSHEET_EXT.has(ext);
  if (kind === 'zip') return zipEntries === null ? null : zipVerdict(head, zipEntries, spreadsheet);
  if (spreadsheet) return null;
  const attach = (what: string): DocumentVerdict => ({ kind: 'attachment', what });
  switch (kind) {
    case 'pdf':
      return attach('tệp PDF');
    case 'image':
      return attach(imageKind(head));
    case 'text':
      return attach(textKind(head, ext));
    case 'html':
      return attach('trang web');
    case 'rar':
      return { kind: 'opaque-archive', what: 'RAR' };
    case '7z':
      return { kind: 'opaque-archive', what: '7z' };
    case 'ole': {
      // The document's own stream first: a Word file may hold the letters "Book" that mark an Excel 5 workbook.
      const doc = oleDocumentKind(head);
      if (doc) return attach(doc);
      if (oleIsEncrypted(head)) return DOCUMENT_EXT.has(ext) ? attach('tài liệu Office có mật khẩu') : null;
      return oleWorkbookKind(head) === null ? attach(ext === '.msg' ? 'thư điện tử Outlook' : 'tài liệu Office 97–2003 (Word, PowerPoint…)') : null;
    }
    case 'unknown':
      if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'opaque-archive', what: 'gzip' };
      if (head.byteLength > 12 && Buffer.from(head.subarray(4, 12)).toString('latin1').startsWith('ftyphei')) return attach('tệp ảnh (HEIC)');
      return DOCUMENT_EXT.has(ext) ? attach(`tệp ${ext}`) : null;
    case 'empty':
    case 'spreadsheetml2003':
      return null;
  }
}

function zipVerdict(head: Uint8Array, entries: readonly ZipEntry[], spreadsheet: boolean): DocumentVerdict | null {
  const names = entries.map((e) => e.name.replace(/^\/+/, ''));
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const attach = (what: string): DocumentVerdict | null => (spreadsheet ? null : { kind: 'attachment', what });
  if (lower.has('xl/workbook.xml')) return null;
  if (lower.has('[content_types].xml')) {
    if (lower.has('word/document.xml')) return attach('văn bản Word');
    if (lower.has('ppt/presentation.xml')) return attach('bản trình chiếu PowerPoint');
    return attach('tài liệu Office');
  }
  if (lower.has('mimetype') && lower.has('content.xml')) {
    // OpenDocument names its kind in the tiny stored "mimetype" part; a spreadsheet (.ods) is read as one.
    const part = entries.find((e) => e.name === 'mimetype');
    const mime = part && part.uncompressedSize <= 200 ? inflateEntry(head, part, 200) : null;
    const flavour = mime ? /opendocument\.([a-z]+)/.exec(Buffer.from(mime).toString('latin1'))?.[1] : undefined;
    if (flavour === 'spreadsheet') return null;
    return attach(flavour === 'presentation' ? 'bản trình chiếu OpenDocument' : 'văn bản OpenDocument');
  }
  const workbooks = names
    .filter((n) => WORKBOOK_IN_ARCHIVE.test(n))
    .filter((n) => !n.split('/').some((p) => p.startsWith('__MACOSX') || p.startsWith('.') || p.startsWith('~$')))
    .map(cleanName);
  if (workbooks.length > 0) return { kind: 'zip-workbooks', workbooks };
  return attach(`tệp nén (.zip) gồm ${names.filter((n) => !n.endsWith('/')).length} tài liệu, không có bảng tính nào`);
}

/** A name from inside an archive, fit for a message and kiem-tra.xlsx: no control characters, at most 120 characters. */
export function cleanName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff\ufffd]/g, '');
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}

function imageKind(b: Uint8Array): string {
  if (b[0] === 0x89) return 'tệp ảnh (PNG)';
  if (b[0] === 0xff) return 'tệp ảnh (JPEG)';
  if (b[0] === 0x47) return 'tệp ảnh (GIF)';
  if (b[0] === 0x49 || b[0] === 0x4d) return 'tệp ảnh (TIFF, bản quét)';
  return 'tệp ảnh';
}

/** A text file: an e-mail (by its name or its header lines), an RTF document, or plain text. */
function textKind(head: Uint8Array, ext: string): string {
  const text = Buffer.from(head.subarray(0, Math.min(head.byteLength, 2048))).toString('utf8').replace(/^\uFEFF/, '');
  if (text.startsWith('{\\rtf')) return 'văn bản RTF (Word)';
  if (ext === '.eml' || (/^[A-Za-z][A-Za-z-]*: /.test(text) && /^(from|subject|message-id):/im.test(text))) return 'thư điện tử';
  return 'tệp văn bản';
}

/** Word, PowerPoint or an Outlook message in an Office 97–2003 container, by its stream names. */
function oleDocumentKind(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => buf.indexOf(Buffer.from(name, 'utf16le')) >= 0;
  if (has('WordDocument')) return 'văn bản Word 97–2003';
  if (has('PowerPoint Document')) return 'bản trình chiếu PowerPoint 97–2003';
  if (has('__properties_version1.0') || has('__substg1.0_')) return 'thư điện tử Outlook';
  return null;
}
