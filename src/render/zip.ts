/**
 * Small rewrites of zip packages the renderers produce (docx, xlsx), in memory: Node's zlib, no
 * dependency. Only the plain zips the libraries write (no zip64, no encryption).
 */
import * as zlib from 'node:zlib';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteWriter } from '../lib/bytes.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Node's own CRC-32 (Node ≥ 20.15, ~20× faster), or the table-driven one on older versions. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function crc32(bytes: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(bytes) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib's crc32_combine: the CRC of A followed by B from crc(A), crc(B) and B's length. */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  const times = (mat: Uint32Array, vec: number): number => {
    let sum = 0;
    for (let i = 0, v = vec >>> 0; v !== 0; i++, v >>>= 1) if (v & 1) sum ^= mat[i] ?? 0;
    return sum >>> 0;
  };
  const square = (out: Uint32Array, mat: Uint32Array): void => {
    for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n] ?? 0);
  };
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd);
  square(odd, even);
  let crc = crc1 >>> 0;
  let len = len2;
  do {
    square(even, odd);
    if (len % 2 === 1) crc = times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    square(odd, even);
    if (len % 2 === 1) crc = times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crc2) >>> 0;
}

/**
 * A part given in pieces (a long document.xml, a sheet of thousands of rows): deflated piece by
 * piece, each piece with the 32 KiB before it as its dictionary (the window an inflater has at
 * that point, so the pieces joined are one ordinary deflate stream, as pigz makes them). A piece
 * deflated before with the same dictionary is taken from the cache: a warm rebuild compresses
 * only the pieces that changed. Without a cache (a command renders each output once) the part is
 * deflated in one stream: the same text, other bytes than a warm engine's (an output whose
 * inputs did not change is reused by its key, render/outputs.ts, never compared by its bytes).
 */
export type Pieces = readonly (string | LazyPiece)[];

/**
 * A piece known by a key that determines its text (made only when the key is not in the cache):
 * a warm rebuild then does not even write the XML of rows that did not change.
 */
export interface LazyPiece {
  readonly key: string;
  text(): string;
  /** Appends the same text as UTF-8, when the piece can write it straight as bytes (faster than text() then encoding). */
  write?(out: ByteWriter): void;
  /** About how many bytes write() appends (sizes the buffer of a whole part at once). */
  readonly sizeHint?: number;
}

/** The text of a piece. */
export function pieceText(piece: string | LazyPiece): string {
  return typeof piece === 'string' ? piece : piece.text();
}

/** Appends the text of a piece as UTF-8. */
function writePiece(piece: string | LazyPiece, out: ByteWriter): void {
  if (typeof piece === 'string') out.text(piece);
  else if (piece.write) piece.write(out);
  else out.text(piece.text());
}

/** The text of a piece as UTF-8. */
function pieceBytes(piece: string | LazyPiece): Buffer {
  if (typeof piece === 'string') return Buffer.from(piece, 'utf8');
  if (!piece.write) return Buffer.from(piece.text(), 'utf8');
  const out = new ByteWriter(piece.sizeHint !== undefined ? Math.ceil(piece.sizeHint * 1.05) : undefined);
  piece.write(out);
  return out.done();
}

interface DeflatedPiece {
  /** The dictionary it was deflated with. */
  readonly dictionary: Buffer;
  readonly data: Buffer;
  readonly crc: number;
  readonly size: number;
  /** Its last 32 KiB: the next piece's dictionary. */
  readonly tail: Buffer;
}

/** Deflated pieces kept between packings of one output, by their text (see Pieces). */
export type DeflateCache = Map<string, DeflatedPiece>;

const WINDOW = 32 * 1024;
/** An empty final block (fixed Huffman, end of block): closes a stream of sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const EMPTY: Buffer = Buffer.alloc(0);

/** The entry of a part given in pieces; `used` collects the pieces this packing needed. */
function deflatePieces(pieces: Pieces, cache: DeflateCache | undefined, used: DeflateCache): { data: Buffer; crc: number; size: number } {
  if (!cache) {
    // Rendered once (a command, not a warm engine): one stream, three times faster than pieces that
    // each start a zlib stream of their own with a dictionary (a 10 MB document.xml: ~35 ms against ~115 ms).
    // Sized at once: a buffer grown by doubling touches three times the memory of the part.
    let size = 0;
    for (const piece of pieces) size += typeof piece === 'string' ? piece.length : (piece.sizeHint ?? 0);
    const out = new ByteWriter(Math.ceil(size * 1.05) + 64 * 1024);
    for (const piece of pieces) writePiece(piece, out);
    const raw = out.done();
    return { data: deflateRawSync(raw), crc: crc32(raw), size: raw.byteLength };
  }
  const chunks: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let dictionary: Buffer = EMPTY;
  for (const given of pieces) {
    if (given === '') continue;
    // A lazy piece's key is kept apart from texts (which never start with a NUL).
    const key = typeof given === 'string' ? given : `\u0000${given.key}`;
    let piece = cache?.get(key) ?? used.get(key);
    if (!piece || !piece.dictionary.equals(dictionary)) {
      const raw = pieceBytes(given);
      const data = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, ...(dictionary.byteLength > 0 ? { dictionary } : {}) });
      piece = { dictionary, data, crc: crc32(raw), size: raw.byteLength, tail: Buffer.from(raw.subarray(Math.max(0, raw.byteLength - WINDOW))) };
    }
    used.set(key, piece);
    chunks.push(piece.data);
    crc = crc32Combine(crc, piece.crc, piece.size);
    size += piece.size;
    dictionary = piece.tail;
  }
  chunks.push(FINAL_BLOCK);
  return { data: Buffer.concat(chunks), crc, size };
}

/** Replaces the cache's pieces by the ones this packing used (the others belong to older versions). */
function keepUsed(cache: DeflateCache | undefined, used: DeflateCache): void {
  if (!cache) return;
  cache.clear();
  for (const [k, v] of used) cache.set(k, v);
}

interface Entry {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
}

function readEntries(bytes: Uint8Array): Entry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.byteLength - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('docx: zip end record not found');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error('docx: zip directory damaged');
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const compressed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extra = v.getUint16(p + 30, true);
    const comment = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    entries.push({ name, method, crc, size, data: bytes.subarray(start, start + compressed) });
    p += 46 + nameLen + extra + comment;
  }
  return entries;
}

/** The text of one entry of a zip (null when absent); at most 64 MB inflated. */
export function zipEntryText(bytes: Uint8Array, path: string): string | null {
  for (const e of readEntries(bytes)) {
    if (e.name.toString('utf8') !== path) continue;
    return Buffer.from(e.method === 8 ? inflateRawSync(e.data, { maxOutputLength: 64 * 1024 * 1024 }) : e.data).toString('utf8');
  }
  return null;
}

/** The zip with one entry's text replaced by `edit(text)`; every other entry is copied as it is. */
export function patchZipEntry(bytes: Uint8Array, path: string, edit: (text: string) => string): Uint8Array {
  const entries = readEntries(bytes);
  for (const e of entries) {
    if (e.name.toString('utf8') !== path) continue;
    const text = Buffer.from(e.method === 8 ? inflateRawSync(e.data) : e.data).toString('utf8');
    const raw = Buffer.from(edit(text), 'utf8');
    e.method = 8;
    e.crc = crc32(raw);
    e.size = raw.byteLength;
    e.data = deflateRawSync(raw);
  }
  return writeEntries(entries);
}

/**
 * The zip with every stored (uncompressed) entry deflated by Node's zlib. exceljs compresses with
 * a JavaScript deflate that takes a third of the time of writing a large workbook; writing it
 * stored and deflating here gives the same parts in far less time. Entries named in `replace`
 * get that content instead of their own.
 */
export function deflateStoredEntries(bytes: Uint8Array, replace?: ReadonlyMap<string, string | Pieces>, cache?: DeflateCache): Uint8Array {
  const entries = readEntries(bytes);
  const used: DeflateCache = new Map();
  for (const e of entries) {
    const text = replace?.get(e.name.toString('utf8'));
    if (typeof text === 'object') {
      const d = deflatePieces(text, cache, used);
      e.method = 8;
      e.crc = d.crc;
      e.size = d.size;
      e.data = d.data;
      continue;
    }
    if (text !== undefined) {
      const raw = Buffer.from(text, 'utf8');
      e.method = 0;
      e.crc = crc32(raw);
      e.size = raw.byteLength;
      e.data = raw;
    }
    if (e.method !== 0 || e.data.byteLength === 0) continue;
    e.method = 8;
    e.data = deflateRawSync(e.data);
  }
  keepUsed(cache, used);
  return writeEntries(entries);
}

/** The text of the stored (uncompressed) entries whose path matches `which`. */
export function storedTexts(bytes: Uint8Array, which: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readEntries(bytes)) {
    const name = e.name.toString('utf8');
    if (!which.test(name)) continue;
    if (e.method !== 0) throw new Error(`zip: ${name} is not stored`);
    out.set(name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString('utf8'));
  }
  return out;
}

/**
 * A zip of the given files, each deflated by Node's zlib, in the order given; a file given in
 * pieces is deflated piece by piece, reusing the pieces kept in `cache` (see Pieces).
 */
export function zipFiles(files: Iterable<readonly [string, string | Uint8Array | Pieces]>, cache?: DeflateCache): Uint8Array {
  const entries: Entry[] = [];
  const used: DeflateCache = new Map();
  for (const [path, data] of files) {
    if (typeof data === 'object' && !(data instanceof Uint8Array)) {
      const d = deflatePieces(data, cache, used);
      entries.push({ name: Buffer.from(path, 'utf8'), method: 8, crc: d.crc, size: d.size, data: d.data });
      continue;
    }
    const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    entries.push({ name: Buffer.from(path, 'utf8'), method: 8, crc: crc32(raw), size: raw.byteLength, data: deflateRawSync(raw) });
  }
  keepUsed(cache, used);
  return writeEntries(entries);
}

function writeEntries(entries: readonly Entry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.byteLength, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.byteLength, 26);
    parts.push(local, e.name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.byteLength, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(e.name.byteLength, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, e.name);
    offset += 30 + e.name.byteLength + e.data.byteLength;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}
