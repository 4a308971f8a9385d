/**
 * A tiny zip writer for hostile test inputs (renamed .docx, zip bombs, lying directories):
 * real tools refuse to produce these, so the tests build them byte by byte.
 */

import { createDeflateRaw, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { scanZip } from '../../src/read/zip.js';

export interface RawEntry {
  name: string;
  /** Compressed (deflate) or stored bytes as they go in the file. */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size written in the headers (tests may lie here). */
  size: number;
}

/** A deflated entry from uncompressed content. */
export function entry(name: string, content: string | Buffer): RawEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data: deflateRawSync(raw), method: 8, crc: crc32(raw), size: raw.byteLength };
}

/** A deflated entry of `size` zero bytes, compressed in 1 MiB steps so the test itself stays small in memory. */
export async function zeroEntry(name: string, size: number): Promise<RawEntry> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.byteLength) {
    const piece = left >= chunk.byteLength ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(parts), method: 8, crc, size };
}

/** Assembles entries into zip bytes (local headers, central directory, end record). */
export function buildZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.byteLength, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    locals.push(local, name, e.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.byteLength, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.byteLength + e.data.byteLength;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The entries of an existing zip (e.g. a built .xlsx), so a test can add or drop parts. */
export function unzipEntries(zip: Buffer): RawEntry[] {
  const scan = scanZip(zip);
  if (!scan.ok) throw new Error(`not a zip: ${scan.detail}`);
  return scan.entries.map((e) => {
    const h = e.localHeaderOffset;
    const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
    const stored = zip.subarray(start, start + e.compressedSize);
    const raw = e.method === 8 ? inflateRawSync(stored) : stored;
    return entry(e.name, raw);
  });
}
