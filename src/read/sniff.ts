/**
 * Tells what a file really is from its first bytes, because exceljs fails on every non-xlsx
 * input with the same "central directory" error and agencies rename files freely.
 */

export type Sniffed =
  | 'empty'
  | 'zip'
  | 'ole'
  | 'html'
  | 'spreadsheetml2003'
  | 'pdf'
  | 'image'
  | 'rar'
  | '7z'
  | 'text'
  | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
/** PNG, JPEG, GIF, TIFF (both byte orders), BMP, WebP ("RIFF"). */
const IMAGE_MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
  [0x42, 0x4d],
  [0x52, 0x49, 0x46, 0x46],
];

/** Classifies a file by its leading bytes. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.byteLength === 0) return 'empty';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, OLE_MAGIC)) return 'ole';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (IMAGE_MAGIC.some((m) => startsWith(bytes, m))) return 'image';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  const head = leadingText(bytes);
  if (head !== null) {
    const t = head.replace(/^[\s\uFEFF]+/, '').toLowerCase();
    if (/^<(html|table|!doctype html|head|meta)\b/.test(t)) return 'html';
    if (t.startsWith('<?xml') && /urn:schemas-microsoft-com:office:spreadsheet|progid="excel\.sheet"/.test(t)) {
      return 'spreadsheetml2003';
    }
    if (t.startsWith('<?xml') && /<html\b/.test(t)) return 'html';
    if (looksLikeText(t)) return 'text';
  }
  return 'unknown';
}

/** True when the OLE container holds an encrypted OOXML package (a password-protected .xlsx). */
export function oleIsEncrypted(bytes: Uint8Array): boolean {
  return indexOfUtf16(bytes, 'EncryptionInfo') >= 0 || indexOfUtf16(bytes, 'EncryptedPackage') >= 0;
}

/**
 * Which BIFF workbook stream the OLE container holds: "Workbook" (Excel 97–2003, BIFF8),
 * "Book" (Excel 5/95, BIFF5), or null when it is some other Office 97 document.
 */
export function oleWorkbookKind(bytes: Uint8Array): 'biff8' | 'biff5' | null {
  if (indexOfUtf16(bytes, 'Workbook') >= 0) return 'biff8';
  if (indexOfUtf16(bytes, 'Book') >= 0) return 'biff5';
  return null;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.byteLength < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** The first KiB decoded as text (UTF-16LE when it has that BOM), or null for clearly binary data. */
function leadingText(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.byteLength, 1024);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(bytes.subarray(2, n)).toString('utf16le');
  const slice = bytes.subarray(0, n);
  let controls = 0;
  for (const b of slice) {
    if (b === 0) return null;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  if (controls > n / 100) return null;
  return Buffer.from(slice).toString('utf8');
}

function looksLikeText(t: string): boolean {
  // Leading text already excluded NUL and most control bytes; the replacement character marks bad UTF-8.
  let bad = 0;
  for (const ch of t) if (ch === '\uFFFD') bad++;
  return bad <= t.length / 50;
}

/** Searches for an ASCII name encoded as UTF-16LE (how OLE directory entries store stream names). */
function indexOfUtf16(bytes: Uint8Array, ascii: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(ascii, 'utf16le'));
}
