/**
 * The pieces behind "environment errors in Vietnamese, nothing left behind": the errno table and
 * the one error printer, file names that fit 255 bytes, the content key that ignores a package's
 * own dates, folder creation that cannot spin, and the temporary file of a long name.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaocaoError, describeError, ENV_ERRORS, envMessage, errorChain, FsError, PSEUDO_FS } from '../../src/lib/env-errors.js';
import { byteLength, fitFileName, NAME_MAX_BYTES, OUTPUT_NAME_MAX_BYTES, truncateBytes } from '../../src/model/file-name.js';
import { TemplateError } from '../../src/render/template-error.js';
import { annotatedFileName, formFileName } from '../../src/render/xlsx/index.js';
import { contentKey } from '../../src/write/content-key.js';
import { checkOutDir, ensureDir, errnoError, isPseudoPath } from '../../src/write/fs.js';
import { writeAtomic } from '../../src/write/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-env-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Words of Node's own messages that must never reach staff. */
const ENGLISH = /no space left|read-only file system|operation not permitted|permission denied|not a directory|name too long|too many open files|no such file|file exists/i;

describe('the errno table', () => {
  // code → a word of its Vietnamese reason (what staff read) and of what to do.
  const cases: ReadonlyArray<[string, RegExp, RegExp]> = [
    ['ENOSPC', /ổ đĩa đã đầy/, /giải phóng dung lượng/],
    ['EDQUOT', /hạn mức dung lượng/, /giải phóng dung lượng/],
    ['EROFS', /chỉ cho đọc/, /--out/],
    ['EPERM', /không cho phép/, /chỉ đọc hay khóa/],
    ['EACCES', /không có quyền/, /cấp quyền ghi/],
    ['ENOTDIR', /là tệp chứ không phải thư mục/, /đổi tên hoặc dời tệp/],
    ['EEXIST', /tệp trùng tên/, /đổi tên hoặc dời tệp/],
    ['EISDIR', /thư mục trùng tên/, /đổi tên hoặc dời thư mục/],
    ['ENAMETOOLONG', /quá dài/, /ngắn hơn/],
    ['EMFILE', /quá nhiều tệp/, /BAOCAO_WORKERS=0/],
    ['ENFILE', /quá nhiều tệp/, /đóng bớt chương trình/],
    ['ENOENT', /không tìm thấy/, /kiểm tra lại đường dẫn/],
    ['EBUSY', /chương trình khác/, /đóng chương trình/],
    ['EIO', /lỗi đọc ghi/, /còn kết nối/],
    ['ETIMEDOUT', /không phản hồi/, /kết nối/],
    [PSEUDO_FS, /hệ thống ảo/, /thư mục bình thường/],
    ['EWEIRD', /hệ điều hành báo lỗi \(mã EWEIRD\)/, /báo cho người quản trị kèm mã lỗi EWEIRD/],
  ];
  it.each(cases)('%s: Vietnamese reason and next step, with the path and the code', (code, reason, todo) => {
    const m = envMessage(code, 'write', '/srv/bao cao/bao-cao.docx');
    expect(m).toMatch(/^Không ghi được tệp \/srv\/bao cao\/bao-cao\.docx: /);
    expect(m).toMatch(reason);
    expect(m).toMatch(todo);
    expect(m).toContain(`(mã lỗi ${code})`);
    expect(m).not.toMatch(ENGLISH);
  });

  it('covers every code the issue names', () => {
    for (const code of ['ENOSPC', 'EROFS', 'EPERM', 'EACCES', 'ENOTDIR', 'EEXIST', 'ENAMETOOLONG', 'EMFILE']) expect(ENV_ERRORS[code], code).toBeDefined();
  });
});

describe('describeError, the one printer of an exception and its causes', () => {
  it('names the file baocao was writing when Node’s error has no path (a write on a file handle)', () => {
    const nodeErr: NodeJS.ErrnoException = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const r = describeError(new FsError('write', '/out/bao-cao.docx', nodeErr));
    expect(r).toEqual({ code: 'ENOSPC', path: '/out/bao-cao.docx', message: expect.stringContaining('Không ghi được tệp /out/bao-cao.docx: ổ đĩa đã đầy') as unknown });
    expect(r.message).not.toMatch(ENGLISH);
  });

  it('reads a real Node error (path and operation from the error itself)', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const err = await readFile(join(file, 'child')).catch((e: unknown) => e);
    const r = describeError(new Error('wrapped', { cause: err }));
    expect(r.code).toBe('ENOTDIR');
    expect(r.path).toBe(join(file, 'child'));
    expect(r.message).toContain(`Không mở được ${join(file, 'child')}: một phần của đường dẫn là tệp`);
    expect(r.message).not.toMatch(ENGLISH);
  });

  it('keeps baocao’s own Vietnamese errors and template errors as they are', () => {
    expect(describeError(new BaocaoError('output_locked', 'Thư mục X đang được một lần chạy baocao khác ghi.', 'X'))).toEqual({
      code: 'output_locked',
      message: 'Thư mục X đang được một lần chạy baocao khác ghi.',
      path: 'X',
    });
    expect(describeError(new TemplateError('templates/bao-cao.hbs, dòng 2: thiếu trường khongCo', 'templates/bao-cao.hbs'))).toMatchObject({
      code: 'template_error',
      message: 'Lỗi mẫu báo cáo: templates/bao-cao.hbs, dòng 2: thiếu trường khongCo',
    });
  });

  it('marks anything else as baocao’s fault, with the whole chain', () => {
    const r = describeError(new Error('Không lập được phụ lục', { cause: new Error('roundTo: value must be finite') }));
    expect(r.code).toBe('internal_error');
    expect(r.message).toMatch(/^Lỗi của baocao, xin báo lại/);
    expect(r.message).toContain('Không lập được phụ lục — nguyên nhân: roundTo: value must be finite');
    expect(errorChain('chuỗi')).toBe('chuỗi');
  });
});

describe('file names within 255 bytes', () => {
  const long = `${'Báo cáo kết quả thực hiện kế hoạch hợp tác hữu nghị giữa tỉnh Bắc Giang và thành phố Nam Ninh '.repeat(2)}của Sở Ngoại vụ.xlsx`;

  it('leaves a short name alone and shortens a long one by bytes, keeping the extension and a hash', () => {
    expect(fitFileName('So Ngoai vu.xlsx')).toBe('So Ngoai vu.xlsx');
    expect(byteLength(long)).toBeGreaterThan(NAME_MAX_BYTES);
    const short = fitFileName(long);
    expect(byteLength(short)).toBeLessThanOrEqual(OUTPUT_NAME_MAX_BYTES);
    expect(short).toMatch(/^Báo cáo kết quả thực hiện kế hoạch hợp tác.*~[0-9a-f]{8}\.xlsx$/);
    expect(fitFileName(long)).toBe(short);
  });

  it('two long names that differ only at the end get different short names', () => {
    const a = fitFileName(long.replace('Sở Ngoại vụ', 'Sở Công Thương'));
    const b = fitFileName(long);
    expect(a).not.toBe(b);
  });

  it('cuts between letters, never inside a letter or between a letter and its accent (NFC or NFD)', () => {
    const table: ReadonlyArray<[string, number, string]> = [
      ['Việt', 4, 'Vi'], // "ệ" takes 3 bytes: it does not fit in the 2 left
      ['Việt', 5, 'Việ'],
      ['Việt'.normalize('NFD'), 4, 'Vi'], // NFD "ệ" is e + two marks (5 bytes): all or nothing
      ['Việt'.normalize('NFD'), 7, 'Việ'.normalize('NFD')],
      ['abc', 10, 'abc'],
    ];
    for (const [text, max, expected] of table) expect(truncateBytes(text, max), `${text} ${max}`).toBe(expected);
    const nfd = fitFileName(long.normalize('NFD'));
    expect(byteLength(nfd)).toBeLessThanOrEqual(OUTPUT_NAME_MAX_BYTES);
    expect(nfd.normalize('NFC').replace(/~[0-9a-f]{8}\.xlsx$/, '')).toBe(long.slice(0, nfd.normalize('NFC').indexOf('~')).trimEnd());
  });

  it('the annotated copy and the form of a very long name fit too', () => {
    expect(byteLength(annotatedFileName(long))).toBeLessThanOrEqual(OUTPUT_NAME_MAX_BYTES);
    expect(annotatedFileName(long.replace(/\.xlsx$/, '.xls'))).toMatch(/~[0-9a-f]{8}\.xlsx$/);
    const agency = { code: 'X', name: 'Trung tâm '.repeat(40), aliases: [], order: 3, sheets: 'Nhiệm vụ' } as unknown as Parameters<typeof formFileName>[0];
    const form = formFileName(agency);
    expect(form).toMatch(/^03-trung-tam-trung-tam-.*~[0-9a-f]{8}\.xlsx$/);
    expect(byteLength(form)).toBeLessThanOrEqual(OUTPUT_NAME_MAX_BYTES);
  });
});

describe('contentKey: what an output says, not when it was made', () => {
  async function workbook(value: string, created: Date): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.created = created;
    wb.modified = created;
    wb.creator = 'baocao';
    wb.addWorksheet('A').getCell('A1').value = value;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('is equal for the same content made at different times, different for different content', async () => {
    const a = await workbook('5.810.810', new Date('2026-01-01T08:00:00Z'));
    const b = await workbook('5.810.810', new Date('2026-03-04T09:10:11Z'));
    const c = await workbook('5.910.710', new Date('2026-01-01T08:00:00Z'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(contentKey(a)).toBe(contentKey(b));
    expect(contentKey(a)).not.toBe(contentKey(c));
  });

  it('hashes other files as bytes', () => {
    expect(contentKey(new TextEncoder().encode('{"a":1}'))).toMatch(/^bytes:[0-9a-f]{64}$/);
    expect(contentKey(new TextEncoder().encode('{"a":1}'))).not.toBe(contentKey(new TextEncoder().encode('{"a":2}')));
  });
});

describe('folders and temporary files', () => {
  it('creating a folder inside /proc fails at once instead of retrying for ever (Node’s recursive mkdir spins there)', async () => {
    const started = performance.now();
    const err = await ensureDir('/proc/baocao-khong-co/con').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(FsError);
    expect(describeError(err).message).toMatch(/^Không tạo được thư mục \/proc\/baocao-khong-co: /);
    const write = await writeAtomic('/proc/baocao-khong-co/x.json', new Uint8Array([1])).catch((e: unknown) => e);
    expect(describeError(write).path).toBe('/proc/baocao-khong-co');
  });

  it('a file where a folder must be is ENOTDIR, naming that file', async () => {
    const file = join(dir, 'la-tep');
    await writeFile(file, 'x');
    const err = await ensureDir(join(file, 'con', 'chau')).catch((e: unknown) => e);
    expect(describeError(err)).toMatchObject({ code: 'ENOTDIR', path: file });
  });

  it('a 250-byte name is written: its temporary name is shortened, not pushed over 255 bytes', async () => {
    const fitted = `${truncateBytes('Kết quả thực hiện '.repeat(20), 245)}.xlsx`;
    expect(byteLength(fitted)).toBeGreaterThan(240);
    expect(byteLength(fitted)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    await writeAtomic(join(dir, 'dai', fitted), new Uint8Array([1, 2, 3]));
    expect(await readdir(join(dir, 'dai'))).toEqual([fitted]);
  });

  it('recognises pseudo file systems by path and refuses them as output folders', async () => {
    const table: ReadonlyArray<[string, boolean]> = [
      ['/proc/x', true],
      ['/proc', true],
      ['/sys/fs/cgroup/x', true],
      ['/dev/x', true],
      ['/dev/shm/x', false],
      ['/processed/x', false],
      ['/tmp/x', false],
    ];
    for (const [path, pseudo] of table) expect(isPseudoPath(path), path).toBe(pseudo);
    expect(await checkOutDir('/proc/x')).toMatchObject({ code: PSEUDO_FS, path: '/proc/x' });
    expect(await checkOutDir(join(dir, 'moi', 'thu-muc'))).toBeNull();
    expect(await checkOutDir(join(dir, 'a'.repeat(256)))).toMatchObject({ code: 'ENAMETOOLONG' });
  });

  it('errnoError looks like Node’s error for the same code', () => {
    expect(errnoError('EROFS', 'open', '/x')).toMatchObject({ code: 'EROFS', syscall: 'open', path: '/x' });
  });
});
