/**
 * The streaming multipart reader: Vietnamese file names intact, parts split anywhere across
 * chunks, and every limit (file size, request size, number of files) enforced as bytes arrive.
 */
import { describe, expect, it } from 'vitest';
import { boundaryOf, readMultipart, type MultipartLimits } from '../../src/serve/multipart.js';
import { contentDisposition, hostAllowed, sameOrigin } from '../../src/serve/guard.js';

const B = '----baocaoBoundary7MA4YWxk';
const LIMITS: MultipartLimits = { fileBytes: 1000, totalBytes: 5000, files: 3, fieldBytes: 100 };

function body(parts: { name: string; filename?: string; data: string | Buffer }[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('preamble ignored\r\n')];
  for (const p of parts) {
    const fn = p.filename === undefined ? '' : `; filename="${p.filename}"`;
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${p.name}"${fn}\r\n${p.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.byteLength; i += size) yield buf.subarray(i, i + size);
}

describe('readMultipart', () => {
  const binary = Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 37) % 256));
  // Bytes that look like a delimiter start inside the data must not end the part.
  const tricky = Buffer.concat([Buffer.from(`\r\n--${B.slice(0, 10)}`), binary]);
  const sample = body([
    { name: 'ten', data: 'Chuyển đổi số 2026' },
    { name: 'file', filename: 'Sở Tài chính - Ứng Hòa.xlsx', data: tricky },
    { name: 'file', filename: 'Báo cáo quý 3.xlsx', data: 'PK\u0003\u0004abc' },
  ]);

  it.each([1, 2, 7, 64, 1 << 20])('reads fields and files whatever the chunk size (%i bytes)', async (size) => {
    const r = await readMultipart(chunked(sample, size), B, LIMITS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields).toEqual({ ten: 'Chuyển đổi số 2026' });
    expect(r.files.map((f) => f.filename)).toEqual(['Sở Tài chính - Ứng Hòa.xlsx', 'Báo cáo quý 3.xlsx']);
    expect(Buffer.from(r.files[0]!.bytes).equals(tricky)).toBe(true);
    expect(Buffer.from(r.files[1]!.bytes).toString('latin1')).toBe('PK\u0003\u0004abc');
  });

  it('a file over the size limit → 413 naming it, nothing kept', async () => {
    const r = await readMultipart(chunked(body([{ name: 'file', filename: 'lớn.xlsx', data: Buffer.alloc(1001) }]), 100), B, LIMITS);
    expect(r).toMatchObject({ ok: false, status: 413 });
    if (!r.ok) expect(r.message).toContain('lớn.xlsx');
  });

  it('a request over the total limit → 413 even when each file is small', async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({ name: 'file', filename: `${i}.xlsx`, data: Buffer.alloc(900) }));
    const r = await readMultipart(chunked(body(parts), 100), B, { ...LIMITS, totalBytes: 2000 });
    expect(r).toMatchObject({ ok: false, status: 413 });
  });

  it('more files than allowed → 413', async () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: 'file', filename: `${i}.xlsx`, data: 'x' }));
    const r = await readMultipart(chunked(body(parts), 50), B, LIMITS);
    expect(r).toMatchObject({ ok: false, status: 413 });
    if (!r.ok) expect(r.message).toMatch(/tối đa 3 tệp/);
  });

  it('a body cut before its end → 400', async () => {
    const r = await readMultipart(chunked(sample.subarray(0, sample.byteLength - 20), 64), B, LIMITS);
    expect(r).toMatchObject({ ok: false, status: 400 });
  });

  it('the browser’s escaped quote and a filename* in UTF-8 are decoded', async () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a%22b.xlsx"\r\n\r\nx\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename="fallback.xlsx"; filename*=UTF-8''S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5.xlsx\r\n\r\ny\r\n--${B}--`,
    );
    const r = await readMultipart(chunked(raw, 9), B, LIMITS);
    expect(r.ok && r.files.map((f) => f.filename)).toEqual(['a"b.xlsx', 'Sở Nội vụ.xlsx']);
  });

  it('boundaryOf reads the boundary, quoted or not, only from multipart/form-data', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});

describe('guard', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:4000', true],
    ['LOCALHOST:4000', true],
    ['127.0.0.1:4001', false],
    ['127.0.0.1', false],
    ['evil.example:4000', false],
    ['evil.example', false],
    [undefined, false],
  ])('Host %j allowed on port 4000: %s', (host, ok) => expect(hostAllowed(host, 4000)).toBe(ok));

  it.each([
    ['http://127.0.0.1:4000', undefined, true],
    ['http://localhost:4000', 'same-origin', true],
    ['http://evil.example', 'cross-site', false],
    ['http://127.0.0.1:4001', undefined, false],
    ['null', undefined, false],
    [undefined, 'cross-site', false],
    [undefined, 'same-site', false],
    [undefined, 'same-origin', true],
    [undefined, undefined, true],
  ])('Origin %j, Sec-Fetch-Site %j may change state: %s', (origin, site, ok) => expect(sameOrigin(origin, site, 4000)).toBe(ok));

  it('Content-Disposition keeps the Vietnamese name in filename* and gives an ASCII fallback', () => {
    expect(contentDisposition('Sở Tài chính "quý 3".xlsx')).toBe(
      `attachment; filename="So Tai chinh _quy 3_.xlsx"; filename*=UTF-8''S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh%20%22qu%C3%BD%203%22.xlsx`,
    );
  });
});
