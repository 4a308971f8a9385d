/**
 * What an output says, without when it was made: .xlsx and .docx files carry their creation
 * and modification time in docProps/core.xml, so two builds of the same inputs differ in those
 * bytes only. The key hashes every part of the package, that file without its dates; other
 * files are hashed as they are.
 */
import { createHash } from 'node:crypto';
// Pure helpers of the read stage (no I/O): the zip's directory and one entry's bytes.
import { inflateEntry, scanZip } from '../read/index.js';

const CORE_PART = 'docProps/core.xml';
/** Dates an office package records about itself: they change on every build. */
const VOLATILE = /<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>[^<]*<\/\1>/g;
/** An output is far smaller; a bigger part is hashed as bytes rather than inflated. */
const PART_CAP = 512 * 1024 * 1024;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * What a PDF records about its making (LibreOffice's `build --pdf`): the time, and the file
 * identifier and checksum derived from it; in PDF/A also in the XMP metadata. Two conversions of
 * the same document differ in these bytes only.
 */
const PDF_VOLATILE = [
  /\/(?:CreationDate|ModDate)\s*\([^)]*\)/g,
  /\/ID\s*\[[^\]]*\]/g,
  /\/DocChecksum\s*\/[0-9A-Fa-f]+/g,
  /<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate|xmpMM:DocumentID|xmpMM:InstanceID)>[^<]*<\/\1>/g,
];

function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength > 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

/** Hash of `bytes` that ignores the package's own dates; equal keys mean equal content. */
export function contentKey(bytes: Uint8Array): string {
  if (isPdf(bytes)) {
    const text = PDF_VOLATILE.reduce((t, re) => t.replace(re, ''), Buffer.from(bytes).toString('latin1'));
    return `pdf:${sha256(Buffer.from(text, 'latin1'))}`;
  }
  const isZip = bytes.byteLength > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const scan = isZip ? scanZip(bytes) : null;
  if (!scan?.ok) return `bytes:${sha256(bytes)}`;
  const hash = createHash('sha256');
  for (const entry of [...scan.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    let data = inflateEntry(bytes, entry, PART_CAP);
    if (!data) return `bytes:${sha256(bytes)}`;
    if (entry.name === CORE_PART) data = new TextEncoder().encode(new TextDecoder().decode(data).replace(VOLATILE, ''));
    hash.update(`${entry.name}\0${data.byteLength}\0`).update(data);
  }
  return `zip:${hash.digest('hex')}`;
}
