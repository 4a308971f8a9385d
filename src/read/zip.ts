/**
 * A minimal, read-only view of a zip container: enough to tell an .xlsx from other zips and to
 * refuse zip bombs before exceljs (which inflates everything into memory) ever sees the bytes.
 */

import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export type ZipScan =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  /** 'truncated': no end-of-central-directory record or offsets beyond the end; 'invalid': garbled directory. */
  | { readonly ok: false; readonly reason: 'truncated' | 'invalid'; readonly detail: string };

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Reads the central directory of a zip held in memory; never inflates anything. */
export function scanZip(bytes: Uint8Array): ZipScan {
  const loc = locateDirectory(bytes, bytes.byteLength);
  if (!loc.ok) return loc;
  return parseDirectory(bytes.subarray(loc.offset, loc.offset + loc.size), loc.count);
}

/** Where a zip's central directory lies (absolute offset and size in the file) and how many entries it declares. */
export type DirectoryLocation =
  | { readonly ok: true; readonly offset: number; readonly size: number; readonly count: number }
  | { readonly ok: false; readonly reason: 'truncated' | 'invalid'; readonly detail: string };

/** Longest tail of a file that can hold the end-of-central-directory record (22 bytes + a 65535-byte comment + zip64 records). */
export const ZIP_TAIL_BYTES = 22 + U16_MAX + 20 + 56;

/**
 * Finds the end-of-central-directory record in `tail`, the last bytes of a file of `fileSize`
 * bytes (the whole file, or its last ZIP_TAIL_BYTES when the file is too large to read whole).
 */
export function locateDirectory(tail: Uint8Array, fileSize: number): DirectoryLocation {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const len = tail.byteLength;
  /** Absolute offset of tail[0] in the file. */
  const base = fileSize - len;
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const minPos = Math.max(0, len - 22 - U16_MAX);
  let eocd = -1;
  for (let p = len - 22; p >= minPos; p--) {
    if (view.getUint32(p, true) === EOCD_SIG) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'truncated', detail: 'end of central directory not found' };

  let count = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (count === U16_MAX || dirSize === U32_MAX || dirOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) {
      return { ok: false, reason: 'invalid', detail: 'zip64 locator missing' };
    }
    const abs = safeU64(view, loc + 8);
    const z64 = abs === null ? null : abs - base;
    if (z64 === null || z64 < 0 || z64 + 56 > len || view.getUint32(z64, true) !== ZIP64_EOCD_SIG) {
      return { ok: false, reason: 'truncated', detail: 'zip64 end of central directory missing' };
    }
    const c = safeU64(view, z64 + 32);
    const s = safeU64(view, z64 + 40);
    const o = safeU64(view, z64 + 48);
    if (c === null || s === null || o === null) return { ok: false, reason: 'invalid', detail: 'zip64 sizes too large' };
    count = c;
    dirSize = s;
    dirOffset = o;
  }
  if (dirOffset + dirSize > fileSize) {
    return { ok: false, reason: 'truncated', detail: 'central directory lies beyond the end of the file' };
  }
  // Each central header is at least 46 bytes: a count that cannot fit is a lie.
  if (count * 46 > dirSize) return { ok: false, reason: 'invalid', detail: 'entry count does not fit the directory' };
  return { ok: true, offset: dirOffset, size: dirSize, count };
}

/** Reads `count` entries from the bytes of a central directory (exactly the directory, as located by locateDirectory). */
export function parseDirectory(dir: Uint8Array, count: number): ZipScan {
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = 0;
  const end = dir.byteLength;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL_SIG) {
      return { ok: false, reason: 'invalid', detail: `central directory entry ${i} is garbled` };
    }
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > end) return { ok: false, reason: 'invalid', detail: `central directory entry ${i} is garbled` };
    const name = decoder.decode(dir.subarray(nameStart, extraStart));
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // Zip64 extended information extra field (id 0x0001): only the sentinel fields are present, in order.
      let q = extraStart;
      const extraEnd = extraStart + extraLen;
      while (q + 4 <= extraEnd) {
        const id = view.getUint16(q, true);
        const size = view.getUint16(q + 2, true);
        if (id === 0x0001) {
          let f = q + 4;
          const read = (): number | null => {
            if (f + 8 > q + 4 + size) return null;
            const v = safeU64(view, f);
            f += 8;
            return v;
          };
          if (uncompressedSize === U32_MAX) uncompressedSize = read() ?? Number.MAX_SAFE_INTEGER;
          if (compressedSize === U32_MAX) compressedSize = read() ?? Number.MAX_SAFE_INTEGER;
          if (localHeaderOffset === U32_MAX) localHeaderOffset = read() ?? Number.MAX_SAFE_INTEGER;
          break;
        }
        q += 4 + size;
      }
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = next;
  }
  return { ok: true, entries };
}

/** Sum of the uncompressed sizes the directory declares. */
export function declaredUncompressed(entries: readonly ZipEntry[]): number {
  let total = 0;
  for (const e of entries) total += e.uncompressedSize;
  return total;
}

export type InflateCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'too_large' | 'corrupt'; readonly entry: string; readonly detail: string };

/**
 * Inflates every entry with an output cap, so a directory that lies about sizes cannot make the
 * later full load blow up memory. Output far beyond the declared size is a bomb ('too_large');
 * output slightly off is damage ('corrupt'). Costs about one extra unzip (~0.4 ms per form).
 * When `keep` is given, the inflated parts are stored in it by entry name, for the later stages.
 */
export function verifyEntries(bytes: Uint8Array, entries: readonly ZipEntry[], keep?: Map<string, Uint8Array>): InflateCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  for (const e of entries) {
    const h = e.localHeaderOffset;
    // Folders too: unzip programs (JSZip, under exceljs) refuse a file whose folder entry lost its header.
    if (h + 30 > len || view.getUint32(h, true) !== LOCAL_SIG) {
      return { ok: false, reason: 'corrupt', entry: e.name, detail: 'local header missing' };
    }
    if (e.name.endsWith('/')) continue;
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const stop = start + e.compressedSize;
    if (stop > len) return { ok: false, reason: 'corrupt', entry: e.name, detail: 'entry data beyond the end of the file' };
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) {
        return { ok: false, reason: 'corrupt', entry: e.name, detail: 'stored entry size mismatch' };
      }
      keep?.set(e.name, bytes.subarray(start, stop));
      continue;
    }
    if (e.method !== 8) return { ok: false, reason: 'corrupt', entry: e.name, detail: `unsupported compression method ${e.method}` };
    const data = bytes.subarray(start, stop);
    const same = sameAsBefore(e, data);
    if (same) {
      keep?.set(e.name, same);
      continue;
    }
    // Headroom: twice the declared size plus 1 MiB; beyond that the directory lied on purpose.
    const cap = 2 * e.uncompressedSize + 1024 * 1024;
    let produced: number;
    try {
      // One output buffer of the declared size (zlib's default is a 16 KiB chunk per entry, then a copy).
      const out = inflateRawSync(data, { maxOutputLength: cap, chunkSize: outputChunk(e.uncompressedSize) });
      produced = out.byteLength;
      keep?.set(e.name, out);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (err instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE') {
        return { ok: false, reason: 'too_large', entry: e.name, detail: 'entry inflates far beyond its declared size' };
      }
      return { ok: false, reason: 'corrupt', entry: e.name, detail: err instanceof Error ? err.message : String(err) };
    }
    if (produced !== e.uncompressedSize) {
      return {
        ok: false,
        reason: 'corrupt',
        entry: e.name,
        detail: `entry inflates to ${produced} bytes, the directory says ${e.uncompressedSize}`,
      };
    }
    const out = keep?.get(e.name);
    if (out) remember(e, data, out);
  }
  return { ok: true };
}

/**
 * Parts every workbook made from one form shares byte for byte (theme, styles, workbook,
 * relationships): inflated once per run. A part is reused only when its compressed bytes are
 * identical to a part inflated before (compared in full), so the result is the same as inflating
 * it again. Sheets, shared strings and core properties differ from file to file: not kept.
 */
const sharedParts = new Map<string, { readonly compressed: Uint8Array; readonly raw: Uint8Array }>();
const SHARED_PART_MAX = 128 * 1024;
const UNIQUE_PART = /^\/?(?:xl\/worksheets\/|xl\/sharedStrings\.xml$|docProps\/core\.xml$)/i;

function sharedKey(e: ZipEntry): string | null {
  if (e.uncompressedSize > SHARED_PART_MAX || UNIQUE_PART.test(e.name)) return null;
  return `${e.name}\u0000${e.compressedSize}\u0000${e.uncompressedSize}`;
}

function sameAsBefore(e: ZipEntry, data: Uint8Array): Uint8Array | null {
  const key = sharedKey(e);
  const hit = key === null ? undefined : sharedParts.get(key);
  return hit && Buffer.compare(hit.compressed, data) === 0 ? hit.raw : null;
}

function remember(e: ZipEntry, data: Uint8Array, raw: Uint8Array): void {
  const key = sharedKey(e);
  if (key === null) return;
  if (sharedParts.size >= 64) sharedParts.clear();
  // Copies: the caller's buffers belong to it.
  sharedParts.set(key, { compressed: Uint8Array.from(data), raw: Uint8Array.from(raw) });
}

function safeU64(view: DataView, at: number): number | null {
  if (at + 8 > view.byteLength) return null;
  const v = view.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(v);
}

/**
 * Whether the entry's local header names it as the central directory does. JSZip (under exceljs)
 * takes names from the local headers, this project's readers from the directory: where they
 * differ, only exceljs can say what the workbook holds.
 */
export function sameLocalName(bytes: Uint8Array, e: ZipEntry): boolean {
  const h = e.localHeaderOffset;
  if (h + 30 > bytes.byteLength) return false;
  const n = bytes[h + 26] ?? 0;
  const length = n + 256 * (bytes[h + 27] ?? 0);
  if (h + 30 + length > bytes.byteLength) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset + h + 30, length).toString('utf8') === e.name;
}

/**
 * zlib's output chunk for an entry declaring `size` bytes: all of it in one buffer, with room to
 * see the end of the stream (a directory that lies only costs more chunks).
 */
function outputChunk(size: number): number {
  return Math.min(Math.max(size + 64, 64), 1024 * 1024);
}

/** Inflates one entry with an output cap; null when it is missing, damaged or larger than `cap`. */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, cap: number): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = e.localHeaderOffset;
  if (h + 30 > bytes.byteLength || view.getUint32(h, true) !== LOCAL_SIG) return null;
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const stop = start + e.compressedSize;
  if (stop > bytes.byteLength) return null;
  const data = bytes.subarray(start, stop);
  if (e.method === 0) return data.byteLength <= cap ? data : null;
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap), chunkSize: outputChunk(Math.min(e.uncompressedSize, cap)) });
  } catch {
    return null;
  }
}
