/**
 * Files that are not workbooks but documents people attach to a round: a signed PDF, a Word
 * công văn, a scanned image, an e-mail, a zip of documents. They are listed as attachments
 * (tệp kèm theo: a finding of severity "info"), never errors. What a file is comes from its
 * content; its name only decides when content and name disagree: a document *named* like a
 * spreadsheet (.xlsx, .xls, .csv…) is still an error, because the agency meant to send data.
 * A zip holding workbooks is an error that says to unpack it (names read from its central
 * directory; nothing is inflated).
 */
import { extname } from 'node:path';
import { oleIsEncrypted, oleWorkbookKind, type Sniffed } from './sniff.js';
import { inflateEntry, type ZipEntry } from './zip.js';

/** What to do with a file that is not a workbook. */
export type DocumentVerdict =
  /** An attachment: `what` describes it in Vietnamese ("tệp PDF", "văn bản Word (.docx)"). */
  | { readonly kind: 'attachment'; readonly what: string; readonly hint?: string }
  /** A zip archive holding workbooks (their paths inside the archive). */
  | { readonly kind: 'zip-workbooks'; readonly workbooks: readonly string[]; readonly entries: number };

/** Extensions that say "this is a spreadsheet": a document under such a name is an error, not an attachment. */
const SPREADSHEET_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.xlt', '.xlsb', '.xlw', '.ods', '.fods', '.csv']);
/** Extensions of workbooks inside an archive. */
const WORKBOOK_IN_ARCHIVE = /\.(xlsx|xlsm|xltx|xltm|xls|xlsb|ods)$/i;
/** Extensions of documents people attach, for content baocao does not recognise (a damaged PDF, a video…). */
const DOCUMENT_EXTENSIONS = new Set([
  '.pdf', '.doc', '.docx', '.docm', '.dot', '.dotx', '.rtf', '.odt', '.txt', '.md', '.eml', '.msg', '.htm', '.html', '.mht', '.mhtml', '.xml', '.json',
  '.ppt', '.pptx', '.odp', '.xps', '.oxps', '.epub', '.jpg', '.jpeg', '.png', '.gif', '.bmp', '.tif', '.tiff', '.webp', '.heic', '.heif', '.svg',
  '.zip', '.rar', '.7z', '.gz', '.tgz', '.tar', '.mp3', '.mp4', '.m4a', '.wav', '.mov', '.avi', '.wmv', '.signed', '.sig', '.p7s',
]);

/** True when the name says the file is a spreadsheet. */
export function namedLikeSpreadsheet(file: string): boolean {
  return SPREADSHEET_EXTENSIONS.has(extname(file).toLowerCase());
}

/**
 * Decides whether a file that `sniff` classified is an attachment (or a zip of workbooks), from
 * its leading bytes (`head`: the whole file, or its first KiB when it is too large to read) and,
 * for a zip, its directory entries. Null: the file is, or claims to be, a workbook; the read
 * stage reads it or reports why it cannot.
 */
export function documentVerdict(head: Uint8Array, kind: Sniffed, file: string, zipEntries: readonly ZipEntry[] | null): DocumentVerdict | null {
  const spreadsheet = namedLikeSpreadsheet(file);
  const attach = (what: string, hint?: string): DocumentVerdict => (hint === undefined ? { kind: 'attachment', what } : { kind: 'attachment', what, hint });
  switch (kind) {
    case 'empty':
    case 'spreadsheetml2003':
      return null;
    case 'pdf':
      return spreadsheet ? null : attach('tệp PDF');
    case 'html':
      return spreadsheet ? null : attach('trang web (HTML)');
    case 'text':
      return spreadsheet ? null : attach(textKind(head, file));
    case 'unknown': {
      if (spreadsheet) return null;
      const magic = binaryKind(head);
      if (magic) return attach(magic.what, magic.hint);
      return DOCUMENT_EXTENSIONS.has(extname(file).toLowerCase()) ? attach(`tệp ${extname(file).toLowerCase()}`) : null;
    }
    case 'ole': {
      if (spreadsheet) return null;
      const doc = oleDocumentKind(head);
      if (doc) return attach(doc);
      if (oleIsEncrypted(head)) return DOCUMENT_EXTENSIONS.has(extname(file).toLowerCase()) ? attach('văn bản Office có mật khẩu') : null;
      return oleWorkbookKind(head) === null ? attach('tệp Office 97–2003') : null;
    }
    case 'zip': {
      if (zipEntries === null) return null;
      const zip = zipKind(zipEntries, head);
      switch (zip.kind) {
        case 'workbook':
        case 'ods':
          return null;
        case 'document':
          return spreadsheet ? null : attach(zip.what);
        case 'archive': {
          if (zip.workbooks.length > 0) return { kind: 'zip-workbooks', workbooks: zip.workbooks, entries: zip.files };
          if (spreadsheet) return null;
          const sample = zip.sample.map((n) => `"${n}"`).join(', ');
          return attach(`tệp nén .zip gồm ${zip.files} tệp${sample ? `: ${sample}${zip.files > zip.sample.length ? '…' : ''}` : ''}`);
        }
      }
    }
  }
}

/** What a zip is by its parts: a workbook, another Office or OpenDocument file, or an archive of files. */
type ZipKind =
  | { readonly kind: 'workbook' }
  | { readonly kind: 'ods' }
  | { readonly kind: 'document'; readonly what: string }
  | { readonly kind: 'archive'; readonly files: number; readonly workbooks: readonly string[]; readonly sample: readonly string[] };

function zipKind(entries: readonly ZipEntry[], head: Uint8Array): ZipKind {
  const names = new Set(entries.map((e) => e.name.replace(/^\/+/, '').toLowerCase()));
  if (names.has('xl/workbook.xml')) return { kind: 'workbook' };
  if (names.has('word/document.xml')) return { kind: 'document', what: 'văn bản Word (.docx)' };
  if (names.has('ppt/presentation.xml')) return { kind: 'document', what: 'bài trình chiếu PowerPoint (.pptx)' };
  if (names.has('fixeddocseq.fdseq') || names.has('fixeddocumentsequence.fdseq')) return { kind: 'document', what: 'tài liệu XPS' };
  if (names.has('mimetype') && names.has('content.xml')) {
    // OpenDocument says what it is in its tiny "mimetype" part (stored first, uncompressed, by every ODF writer).
    const part = entries.find((e) => e.name === 'mimetype');
    const mime = part && part.uncompressedSize <= 200 ? inflateEntry(head, part, 200) : null;
    const flavour = mime ? /application\/vnd\.oasis\.opendocument\.([a-z]+)/.exec(Buffer.from(mime).toString('latin1'))?.[1] : undefined;
    if (flavour === 'spreadsheet') return { kind: 'ods' };
    if (flavour === 'presentation') return { kind: 'document', what: 'bài trình chiếu OpenDocument (.odp)' };
    return { kind: 'document', what: flavour === 'text' ? 'văn bản OpenDocument (.odt)' : 'tài liệu OpenDocument' };
  }
  if (names.has('mimetype') && names.has('meta-inf/container.xml')) return { kind: 'document', what: 'sách điện tử (.epub)' };
  const files = entries.filter((e) => !e.name.endsWith('/'));
  const workbooks = files.map((e) => cleanName(e.name)).filter((n) => WORKBOOK_IN_ARCHIVE.test(n) && !/(^|\/)~\$/.test(n));
  return { kind: 'archive', files: files.length, workbooks, sample: files.slice(0, 3).map((e) => cleanName(e.name)) };
}

/** An archive entry name fit for a message: no control characters (they would break kiem-tra.xlsx), at most 120 characters. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, '').replace(/[\ud800-\udfff]/g, '');
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}

/** Images and archives by their magic numbers. */
function binaryKind(b: Uint8Array): { what: string; hint?: string } | null {
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  const ascii = (offset: number, s: string) => at(offset, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return { what: 'ảnh PNG' };
  if (at(0, 0xff, 0xd8, 0xff)) return { what: 'ảnh JPEG' };
  if (ascii(0, 'GIF8')) return { what: 'ảnh GIF' };
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return { what: 'ảnh TIFF (bản quét)' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { what: 'ảnh WEBP' };
  if (ascii(4, 'ftypheic') || ascii(4, 'ftypheix') || ascii(4, 'ftypmif1')) return { what: 'ảnh HEIC' };
  if (ascii(0, 'BM') && b.byteLength > 26 && at(6, 0, 0, 0, 0)) return { what: 'ảnh BMP' };
  const unpack = 'baocao không xem được bên trong tệp nén này; nếu trong đó có bảng tính Excel, hãy giải nén và chép các tệp Excel vào thư mục đợt rồi chạy lại.';
  if (ascii(0, 'Rar!')) return { what: 'tệp nén RAR', hint: unpack };
  if (at(0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return { what: 'tệp nén 7z', hint: unpack };
  if (at(0, 0x1f, 0x8b)) return { what: 'tệp nén gzip', hint: unpack };
  return null;
}

/** A text file: an e-mail, an RTF document, or plain text. */
function textKind(head: Uint8Array, file: string): string {
  const ext = extname(file).toLowerCase();
  const text = Buffer.from(head.subarray(0, Math.min(head.byteLength, 4096))).toString('utf8').replace(/^\uFEFF/, '');
  if (text.startsWith('{\\rtf')) return 'văn bản RTF (Word)';
  // An e-mail saved as a file starts with header lines ("From: …", "Subject: …", "Received: …").
  const headers = text.slice(0, 2048);
  if (ext === '.eml' || (/^[A-Za-z][A-Za-z-]*: /.test(headers) && /^(from|subject|message-id):/im.test(headers))) return 'thư điện tử (.eml)';
  if (ext === '.mht' || ext === '.mhtml') return 'trang web lưu trữ (.mht)';
  return ext === '' ? 'tệp văn bản' : `tệp văn bản (${ext})`;
}

/** Word, PowerPoint or an Outlook message in an OLE (Office 97–2003) container, by its stream names. */
function oleDocumentKind(bytes: Uint8Array): string | null {
  const has = (name: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(name, 'utf16le')) >= 0;
  if (has('WordDocument')) return 'văn bản Word 97–2003 (.doc)';
  if (has('PowerPoint Document')) return 'bài trình chiếu PowerPoint 97–2003 (.ppt)';
  if (has('__properties_version1.0') || has('__substg1.0_')) return 'thư điện tử Outlook (.msg)';
  return null;
}
