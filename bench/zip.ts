/**
 * Just enough zip for the benchmark: take a workbook apart into its parts and put it back
 * together after replacing text in some of them, much faster than a round trip through exceljs.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { scanZip } from '../src/read/zip.js';

/** One part of a zip, kept both uncompressed (to edit) and compressed (to copy unchanged). */
export interface ZipPart {
  readonly name: string;
  readonly text: Buffer;
  readonly compressed: Buffer;
  readonly crc: number;
}

/** Byte range of an entry's stored data, from its local header. */
export function entryData(bytes: Uint8Array, localHeaderOffset: number, compressedSize: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = localHeaderOffset + 30 + view.getUint16(localHeaderOffset + 26, true) + view.getUint16(localHeaderOffset + 28, true);
  return bytes.subarray(start, start + compressedSize);
}

/** Splits zip bytes into parts (deflated or stored entries only, as exceljs writes them). */
export function unzipParts(bytes: Uint8Array): ZipPart[] {
  const scan = scanZip(bytes);
  if (!scan.ok) throw new Error(`not a zip: ${scan.detail}`);
  return scan.entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => {
      const data = entryData(bytes, e.localHeaderOffset, e.compressedSize);
      const text = e.method === 8 ? inflateRawSync(data) : Buffer.from(data);
      const compressed = deflateRawSync(text);
      return { name: e.name, text, compressed, crc: crc32(text) };
    });
}

/** A part whose text was replaced: compressed again. */
export function replacedPart(part: ZipPart, text: string): ZipPart {
  const buf = Buffer.from(text, 'utf8');
  return { name: part.name, text: buf, compressed: deflateRawSync(buf), crc: crc32(buf) };
}

/** Assembles parts into zip bytes (deflate, UTF-8 names). */
export function zipParts(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.byteLength, 18);
    local.writeUInt32LE(p.text.byteLength, 22);
    local.writeUInt16LE(name.byteLength, 26);
    chunks.push(local, name, p.compressed);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.compressed.byteLength, 20);
    c.writeUInt32LE(p.text.byteLength, 24);
    c.writeUInt16LE(name.byteLength, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.byteLength + p.compressed.byteLength;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}
