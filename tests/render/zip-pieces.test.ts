/**
 * Parts given in pieces (render/zip.ts) are deflated piece by piece and joined into one ordinary
 * deflate stream: any unzip reads the part whole, and a warm rebuild that takes unchanged pieces
 * from its cache writes exactly the bytes a first rendering writes. Without a cache (a command
 * renders once) the part is one stream: the same text.
 */
import { crc32 as nodeCrc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32Combine, zipFiles, type DeflateCache } from '../../src/render/zip.js';

/** Rows like an appendix's: repetitive XML with a few figures, some long (beyond the 32 KiB window). */
function rows(from: number, to: number, changed = -1): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`<w:tr><w:tc><w:p><w:r><w:t>Cơ quan ${i} – ${i === changed ? 'đã sửa' : 'số liệu'} ${(i * 7919) % 100_003}</w:t></w:r></w:p></w:tc></w:tr>`);
  return out;
}

function pieces(changed = -1): string[] {
  const list = ['<?xml version="1.0"?><w:document><w:body>'];
  for (let k = 0; k < 12; k++) list.push(rows(k * 400, (k + 1) * 400, changed).join(''));
  list.push('', 'x', '</w:body></w:document>');
  return list;
}

async function partOf(zip: Uint8Array, name: string): Promise<string> {
  return (await JSZip.loadAsync(zip, { checkCRC32: true })).file(name)?.async('string') ?? '';
}

describe('parts deflated in pieces', () => {
  it('combines CRCs as if the bytes were one', () => {
    const a = Buffer.from('Ủy ban nhân dân '.repeat(1000));
    const b = Buffer.from('tỉnh Bắc Giang'.repeat(77));
    expect(crc32Combine(nodeCrc32(a), nodeCrc32(b), b.byteLength)).toBe(nodeCrc32(Buffer.concat([a, b])));
    expect(crc32Combine(nodeCrc32(a), nodeCrc32(Buffer.alloc(0)), 0)).toBe(nodeCrc32(a));
    expect(crc32Combine(0, nodeCrc32(b), b.byteLength)).toBe(nodeCrc32(b));
  });

  it('gives a part any unzip reads whole, with its CRC checked', async () => {
    const list = pieces();
    for (const cache of [new Map(), undefined]) {
      const zip = zipFiles(
        [
          ['a.xml', list],
          ['b.txt', 'plain'],
        ],
        cache,
      );
      expect(await partOf(zip, 'a.xml')).toBe(list.join(''));
      expect(await partOf(zip, 'b.txt')).toBe('plain');
    }
  });

  it('compresses about as well as the part deflated whole', () => {
    const list = pieces();
    const whole = zipFiles([['a.xml', list.join('')]]).byteLength;
    expect(zipFiles([['a.xml', list]], new Map()).byteLength).toBeLessThan(whole * 1.1);
  });

  it('writes after a change, with the unchanged pieces from its cache, exactly what it writes from an empty one', async () => {
    const cache: DeflateCache = new Map();
    zipFiles([['a.xml', pieces()]], cache);
    const kept = new Map(cache);
    const warm = zipFiles([['a.xml', pieces(2222)]], cache);
    const first = zipFiles([['a.xml', pieces(2222)]], new Map());
    expect(Buffer.compare(Buffer.from(warm), Buffer.from(first))).toBe(0);
    expect(await partOf(warm, 'a.xml')).toBe(pieces(2222).join(''));
    // Without a cache: one stream, the same text.
    const once = zipFiles([['a.xml', pieces(2222)]]);
    expect(await partOf(once, 'a.xml')).toBe(pieces(2222).join(''));
    expect(once.byteLength).toBeLessThanOrEqual(first.byteLength);
    // Only the changed piece (and the one after it, whose dictionary changed) were deflated again.
    const reused = [...cache.entries()].filter(([text, piece]) => kept.get(text) === piece).length;
    expect(reused).toBeGreaterThanOrEqual(cache.size - 2);
    expect(cache.size).toBe(pieces().filter((p) => p !== '').length);
  });

  it('makes a piece known by its key only when the key is not kept, and keeps keys apart from texts', async () => {
    const made: string[] = [];
    const lazy = (key: string, text: string) => ({ key, text: () => (made.push(key), text) });
    const cache: DeflateCache = new Map();
    const first = zipFiles([['a.xml', ['<a>', lazy('k1', 'một '.repeat(5000)), lazy('k2', 'hai'), '</a>']]], cache);
    const again = zipFiles([['a.xml', ['<a>', lazy('k1', 'never made'), lazy('k2', 'never made'), '</a>']]], cache);
    expect(made).toEqual(['k1', 'k2']);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(again))).toBe(0);
    expect(await partOf(again, 'a.xml')).toBe(`<a>${'một '.repeat(5000)}hai</a>`);
    // A text equal to a lazy piece's key is its own piece.
    expect(await partOf(zipFiles([['a.xml', ['<a>', 'k1', '</a>']]], cache), 'a.xml')).toBe('<a>k1</a>');
  });

  it('joins the pieces into one raw deflate stream', () => {
    const list = ['ab', 'cd'.repeat(20_000), 'ef'];
    const zip = Buffer.from(zipFiles([['p', list]]));
    // The only entry's data: after the 30-byte local header and the one-byte name.
    const compressed = zip.readUInt32LE(18);
    expect(inflateRawSync(zip.subarray(31, 31 + compressed)).toString()).toBe(list.join(''));
  });
});
