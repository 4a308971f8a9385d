/**
 * A streaming multipart/form-data reader with limits counted as the bytes arrive: the size of
 * each file, of the whole request, and the number of files. Nothing past a limit is kept; the
 * rest of the body is read and dropped (up to a bound) so the browser gets the 413 answer
 * instead of a broken connection. File names are decoded as UTF-8 ("Sở Tài chính.xlsx"), as
 * browsers send them.
 */

export interface MultipartLimits {
  /** Largest file part, in bytes. */
  readonly fileBytes: number;
  /** Largest request body, in bytes. */
  readonly totalBytes: number;
  /** Most file parts in one request. */
  readonly files: number;
  /** Largest text field, in bytes. */
  readonly fieldBytes: number;
}

export interface UploadedFile {
  /** Form field name. */
  readonly field: string;
  /** The name the browser sent, as sent (NFC not applied): for display and the record only. */
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export type MultipartResult =
  | { readonly ok: true; readonly fields: Readonly<Record<string, string>>; readonly files: readonly UploadedFile[] }
  | { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/** Bytes read and dropped after a limit is passed, before giving up on the connection. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

const MiB = 1024 * 1024;
function sizeText(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MB`.replace('.', ',') : `${Math.ceil(bytes / 1024)} KB`;
}

/** The boundary of a multipart/form-data Content-Type, or null. */
export function boundaryOf(contentType: string | undefined | null): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** name and filename of a part's Content-Disposition (filename* in RFC 5987 form wins). */
function disposition(header: string): { name: string; filename: string | null } | null {
  if (!/^\s*form-data\b/i.test(header)) return null;
  const param = (key: string): string | null => {
    const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
    if (quoted) return quoted[1] ?? '';
    const bare = new RegExp(`;\\s*${key}=([^;\\s]*)`, 'i').exec(header);
    return bare ? (bare[1] ?? '') : null;
  };
  const name = param('name');
  if (name === null) return null;
  const star = /;\s*filename\*=UTF-8''([^;\s]*)/i.exec(header);
  let filename: string | null = null;
  if (star) {
    try {
      filename = decodeURIComponent(star[1] ?? '');
    } catch {
      filename = null;
    }
  }
  // Browsers escape only these three in a quoted file name (HTML's multipart encoding).
  filename ??= param('filename')?.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/\\(.)/g, '$1') ?? null;
  return { name, filename };
}

/** Reads a multipart/form-data body under the limits; never throws for what the client sent. */
export async function readMultipart(body: AsyncIterable<Uint8Array> | null, boundary: string, limits: MultipartLimits): Promise<MultipartResult> {
  if (!body) return { ok: false, status: 400, message: 'Yêu cầu không có nội dung tệp.' };
  const delimiter = Buffer.from(`--${boundary}`);
  const inBody = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  // Held in an object: the closures below change them (TypeScript would narrow plain variables).
  const at: { state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done'; failure: { status: 400 | 413; message: string } | null } = {
    state: 'preamble',
    failure: null,
  };
  let buf = Buffer.alloc(0);
  let total = 0;
  let part: { name: string; filename: string | null; chunks: Buffer[]; size: number } | null = null;
  let drained = 0;

  const fail = (status: 400 | 413, message: string): void => {
    at.failure ??= { status, message };
  };

  const addToPart = (data: Buffer): void => {
    if (!part || data.byteLength === 0) return;
    part.size += data.byteLength;
    const limit = part.filename !== null ? limits.fileBytes : limits.fieldBytes;
    if (part.size > limit) {
      fail(
        413,
        part.filename !== null
          ? `Tệp "${part.filename}" lớn hơn ${sizeText(limits.fileBytes)}, quá lớn so với một biểu báo cáo; tệp không được lưu.`
          : `Trường "${part.name}" quá dài.`,
      );
      return;
    }
    part.chunks.push(data);
  };

  const finishPart = (): void => {
    if (!part) return;
    const bytes = Buffer.concat(part.chunks);
    if (part.filename !== null) files.push({ field: part.name, filename: part.filename, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    else fields[part.name] = bytes.toString('utf8');
    part = null;
  };

  /** Moves through `buf` as far as it can; false when more bytes are needed. */
  const step = (): boolean => {
    switch (at.state) {
      case 'preamble': {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          // Keep a tail that may hold the start of the delimiter.
          if (buf.byteLength > delimiter.byteLength) buf = buf.subarray(buf.byteLength - delimiter.byteLength);
          return false;
        }
        buf = buf.subarray(i + delimiter.byteLength);
        at.state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter': {
        if (buf.byteLength < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          at.state = 'done';
          return false;
        }
        const eol = buf.indexOf(CRLF);
        if (eol < 0) {
          if (buf.byteLength > 256) fail(400, 'Dữ liệu tải lên không đúng dạng multipart/form-data.');
          return false;
        }
        buf = buf.subarray(eol + 2);
        at.state = 'headers';
        return true;
      }
      case 'headers': {
        const end = buf.indexOf(HEADER_END);
        if (end < 0) {
          if (buf.byteLength > MAX_HEADER_BYTES) fail(400, 'Phần đầu của tệp tải lên quá dài.');
          return false;
        }
        const lines = buf.subarray(0, end).toString('utf8').split('\r\n');
        buf = buf.subarray(end + 4);
        const cd = lines.find((l) => /^content-disposition:/i.test(l));
        const d = cd ? disposition(cd.slice(cd.indexOf(':') + 1)) : null;
        if (!d) {
          fail(400, 'Dữ liệu tải lên thiếu tên trường (Content-Disposition).');
          return false;
        }
        if (d.filename !== null && files.length + 1 > limits.files) {
          fail(413, `Mỗi lần chỉ tải lên được tối đa ${limits.files} tệp; hãy chia thành nhiều lần.`);
          return false;
        }
        part = { name: d.name, filename: d.filename, chunks: [], size: 0 };
        at.state = 'body';
        return true;
      }
      case 'body': {
        const i = buf.indexOf(inBody);
        if (i < 0) {
          const keep = inBody.byteLength - 1;
          if (buf.byteLength > keep) {
            addToPart(Buffer.from(buf.subarray(0, buf.byteLength - keep)));
            buf = buf.subarray(buf.byteLength - keep);
          }
          return false;
        }
        addToPart(Buffer.from(buf.subarray(0, i)));
        if (at.failure) return false;
        finishPart();
        buf = buf.subarray(i + inBody.byteLength);
        at.state = 'after-delimiter';
        return true;
      }
      case 'done':
        return false;
    }
  };

  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (!at.failure && total > limits.totalBytes) fail(413, `Tổng dung lượng một lần tải lên vượt quá ${sizeText(limits.totalBytes)}; hãy chia thành nhiều lần.`);
      if (at.failure) {
        // Read and drop the rest, so the browser reads the answer instead of a reset connection.
        drained += chunk.byteLength;
        if (drained > DRAIN_BYTES) break;
        continue;
      }
      buf = buf.byteLength === 0 ? Buffer.from(chunk) : Buffer.concat([buf, chunk]);
      while (!at.failure && step());
    }
  } catch {
    fail(400, 'Kết nối bị ngắt trong khi tải lên; hãy thử lại.');
  }
  if (at.failure) return { ok: false, ...at.failure };
  if (at.state !== 'done') return { ok: false, status: 400, message: 'Dữ liệu tải lên không trọn vẹn (thiếu phần kết thúc); hãy thử lại.' };
  return { ok: true, fields, files };
}
