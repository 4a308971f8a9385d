/**
 * Attachments are not errors, told by content: documents in a round folder (PDF, Word, images,
 * e-mails, zips of documents) are attachments (severity info); a document named like a spreadsheet
 * is still an error; a zip holding workbooks is an error naming them (its central directory only,
 * also for a zip over the size limit); a file over the size limit can still be an attachment.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/findings.js';
import { readWorkbookBuffer, readWorkbookFile, type ReadOptions } from '../../src/read/index.js';
import { docx, eml, jpeg, ole, pdf, png, rar, zipOf } from '../fixtures/documents.js';
import { buildWorkbook } from '../fixtures/workbook.js';
import { buildZip, entry } from './zip-writer.js';

const quiet: ReadOptions = { checkInProgress: false, soffice: false };
const workbook = () => buildWorkbook({ sheets: [{ name: 'Kinh phí', rows: [['STT', 'Nội dung'], [1, 'Hội nghị']] }] });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-attach-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads the bytes both ways (from memory and from a file) and returns the two results. */
async function readBoth(name: string, bytes: Buffer, opts: ReadOptions = quiet) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(path, bytes);
  return [await readWorkbookBuffer(bytes, name, path, opts), await readWorkbookFile(path, name, opts)];
}

describe('documents in a round folder are attachments (info), named by what they are', () => {
  const cases: [name: string, make: () => Buffer | Promise<Buffer>, what: string][] = [
    ['Cong van 123-SNV (da ky).pdf', () => pdf(), 'tệp PDF'],
    ['To trinh.docx', () => docx(), 'văn bản Word'],
    ['Cong van cu.doc', () => ole('WordDocument', 'SummaryInformation'), 'văn bản Word 97–2003'],
    // A Word file whose text holds "Book" (what marks an Excel 5 workbook) is still a Word file.
    ['Facebook.doc', () => ole('WordDocument', 'Book'), 'văn bản Word 97–2003'],
    ['Thu tu So Cong Thuong.msg', () => ole('__properties_version1.0', '__substg1.0_0037001F'), 'thư điện tử Outlook'],
    ['Thu tu So Cong Thuong.eml', () => eml(), 'thư điện tử'],
    ['thu luu lai', () => eml(), 'thư điện tử'],
    ['anh chup trang ky.png', () => png(), 'tệp ảnh (PNG)'],
    ['scan.JPG', () => jpeg(), 'tệp ảnh (JPEG)'],
    ['ghi chu.txt', () => Buffer.from('Sở Y tế gửi bổ sung vào thứ Hai.'), 'tệp văn bản'],
    ['cong van.rtf', () => Buffer.from('{\\rtf1\\ansi Kinh gui}'), 'văn bản RTF (Word)'],
    ['trang web.html', () => Buffer.from('<!DOCTYPE html><html><body>Thông báo</body></html>'), 'trang web'],
    ['ho so.zip', () => zipOf({ 'cong van.pdf': pdf(), 'to trinh.docx': 'x' }), 'tệp nén (.zip) gồm 2 tài liệu, không có bảng tính nào'],
    ['van ban.odt', () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }), 'văn bản OpenDocument'],
    ['bi hong.pdf', () => Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x10]), 'tệp .pdf'],
  ];

  it.each(cases)('%s → %s', async (name, make, what) => {
    for (const r of await readBoth(name, await make())) {
      expect(r.workbook).toBeNull();
      expect(r.skipped).toBe('attachment');
      expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['attachment', 'info']]);
      expect(r.findings[0]?.message).toBe(`Tệp "${name}" là ${what}, được ghi nhận là tệp kèm theo (không phải báo cáo Excel, không được tổng hợp).`);
    }
  });

  it('a RAR cannot be looked into: a warning that says to unpack any workbook in it', async () => {
    for (const r of await readBoth('ho so.rar', rar())) {
      expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['archive_unreadable', 'warning']]);
      expect(r.findings[0]?.hint).toMatch(/giải nén/);
    }
  });
});

describe('a document named like a spreadsheet is still an error (the agency meant to send data)', () => {
  const cases: [name: string, make: () => Buffer | Promise<Buffer>, code: FindingCode, words: string][] = [
    ['So Y te.xlsx', () => docx(), 'file_not_workbook', 'Word'],
    ['So Y te.xls', () => ole('WordDocument'), 'file_not_workbook', 'Word'],
    ['So Y te.xlsx', () => pdf(), 'file_not_workbook', 'PDF'],
    ['So Y te.xlsx', () => png(), 'file_not_workbook', 'ảnh'],
    ['so lieu.csv', () => Buffer.from('STT;Nội dung\n1;Hội nghị\n'), 'file_not_workbook', 'CSV'],
    ['So Y te.xls', () => Buffer.from('<html><table><tr><td>1</td></tr></table></html>'), 'file_html_as_xls', 'HTML'],
    ['So Y te.ods', () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }), 'file_not_workbook', 'OpenDocument'],
  ];
  it.each(cases)('%s holding a document → %s', async (name, make, code, words) => {
    for (const r of await readBoth(name, await make())) {
      expect(r.skipped).toBeUndefined();
      expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[code, 'error']]);
      expect(r.findings[0]?.message).toContain(words);
    }
  });
});

describe('content decides: a real workbook is read whatever its name', () => {
  it('an .xlsx saved as "bao cao.pdf" is read', async () => {
    for (const r of await readBoth('bao cao.pdf', await workbook())) {
      expect(r.skipped).toBeUndefined();
      expect(r.workbook?.sheets[0]?.name).toBe('Kinh phí');
    }
  });
});

describe('a zip holding workbooks is an error that says to unpack it', () => {
  it('names the workbooks inside (and ignores the other files and Excel lock files)', async () => {
    const zip = zipOf({ 'Bao cao/So Y te.xlsx': await workbook(), 'Bao cao/So Tai chinh.xls': 'x', 'cong van.pdf': pdf(), 'Bao cao/~$So Y te.xlsx': 'lock' });
    for (const r of await readBoth('ho so quy III.zip', zip)) {
      expect(r.workbook).toBeNull();
      expect(r.skipped).toBeUndefined();
      expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['archive_has_workbooks', 'error']]);
      const f = r.findings[0];
      expect(f?.message).toContain('Tệp nén "ho so quy III.zip" chứa 2 bảng tính ("Bao cao/So Y te.xlsx", "Bao cao/So Tai chinh.xls")');
      expect(f?.hint).toMatch(/Giải nén/);
    }
  });

  it('reads only the central directory: workbooks whose data is damaged are still listed, nothing is inflated', async () => {
    const broken = { ...entry('So Y te.xlsx', await workbook()), data: Buffer.alloc(100, 0xff) };
    const zip = buildZip([broken, entry('So Noi vu.xlsx', 'x')]);
    for (const r of await readBoth('nop.zip', zip)) {
      expect(r.findings.map((f) => f.code)).toEqual(['archive_has_workbooks']);
      expect(r.findings[0]?.message).toContain('("So Y te.xlsx", "So Noi vu.xlsx")');
    }
  });

  it('is recognised under a spreadsheet name too', async () => {
    const [r] = await readBoth('So Y te.xlsx', zipOf({ 'So Y te.xlsx': await workbook() }));
    expect(r?.findings.map((f) => f.code)).toEqual(['archive_has_workbooks']);
  });

  it('names at most five and counts the rest', async () => {
    const files = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`xa ${i + 1}.xlsx`, 'x']));
    const [r] = await readBoth('cac xa.zip', zipOf(files));
    expect(r?.findings[0]?.message).toContain('13 bảng tính');
    expect(r?.findings[0]?.message).toContain('" và 8 tệp khác');
  });
});

describe('files over the size limit', () => {
  const small: ReadOptions = { ...quiet, maxBytes: 4096 };

  it('a large PDF is still an attachment (its first bytes are enough), not "too large"', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(50_000, 0x20)]);
    const path = join(dir, 'ban ky lon.pdf');
    await writeFile(path, big);
    const r = await readWorkbookFile(path, 'ban ky lon.pdf', small);
    expect(r.findings.map((f) => f.code)).toEqual(['attachment']);
  });

  it('a large zip of workbooks is read from its end (central directory) and names them', async () => {
    const zip = zipOf({ 'So Y te.xlsx': Buffer.alloc(60_000, 0x41), 'anh.jpg': jpeg() });
    const path = join(dir, 'lon.zip');
    await writeFile(path, zip);
    const r = await readWorkbookFile(path, 'lon.zip', { ...small, maxBytes: 200 });
    expect(r.findings.map((f) => f.code)).toEqual(['archive_has_workbooks']);
    expect(r.findings[0]?.message).toContain('"So Y te.xlsx"');
  });

  it('a large workbook is still refused as too large', async () => {
    const path = join(dir, 'lon.xlsx');
    await writeFile(path, await workbook());
    const r = await readWorkbookFile(path, 'lon.xlsx', { ...quiet, maxBytes: 1000 });
    expect(r.findings.map((f) => f.code)).toEqual(['file_too_large']);
  });
});
