/**
 * Hostile text is cleaned at the read stage, once (issue 10 §8), the same way by both readers (the
 * fast reader and exceljs): characters XML does not allow — Excel's "_x0001_" escapes included —
 * are removed with a warning at the cell; texts are cut to 32.767 characters with a warning; a
 * workbook declaring an absurd amount of text is refused before it is decoded; damaged files and
 * bugs are said in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { internalErrorFinding } from '../../src/findings.js';
import { checkWorkbook } from '../../src/incremental/check-file.js';
import type { Plan } from '../../src/model/plan.js';
import { readWorkbookBuffer, type ReadResult } from '../../src/read/index.js';
import { MAX_CELL_TEXT, cutText, declaredStringCount, stripInvalidXmlChars } from '../../src/read/text-limits.js';
import { ESTIMATE } from '../fixtures/submission.js';
import { buildWorkbook } from '../fixtures/workbook.js';
import { unzipParts, zipParts } from '../robustness/mutate.js';

describe('text-limits: the pure rules', () => {
  it.each<[string, string, string, number]>([
    ['plain Vietnamese text', 'Sở Ngoại vụ', 'Sở Ngoại vụ', 0],
    ['tab, LF and CR are allowed', 'a\tb\nc\rd', 'a\tb\nc\rd', 0],
    ['C0 controls', 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg', 'abcdefg', 6],
    ['U+FFFE and U+FFFF', 'x\uFFFEy\uFFFFz', 'xyz', 2],
    ['a lone high surrogate', 'a\uD800b', 'ab', 1],
    ['a lone low surrogate', 'a\uDC00b', 'ab', 1],
    ['a surrogate pair (an emoji) is kept', 'a😀b', 'a😀b', 0],
    ['U+FFFD and private-use characters are kept', 'a\uFFFD\uE000b', 'a\uFFFD\uE000b', 0],
  ])('%s', (_label, input, text, removed) => {
    expect(stripInvalidXmlChars(input)).toMatchObject({ text, removed });
  });

  it('cuts a text without splitting a surrogate pair', () => {
    expect(cutText('abc', 5)).toBe('abc');
    expect(cutText('abcdef', 3)).toBe('abc');
    expect(cutText('ab😀', 3)).toBe('ab');
    expect(cutText('ab😀', 4)).toBe('ab😀');
  });

  it('reads the counts declared on the shared-strings root, the larger of the two', () => {
    expect(declaredStringCount('<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="9">')).toBe(12);
    expect(declaredStringCount('<x:sst uniqueCount="5000000">')).toBe(5_000_000);
    expect(declaredStringCount('<sst xmlns="x">')).toBeNull();
  });
});

/** A one-sheet workbook whose two text cells A1 and B1 get `a` and `b` as their raw shared-string XML text. */
async function withStrings(a: string, b: string, edit?: (name: string, xml: string) => string): Promise<Buffer> {
  const bytes = await buildWorkbook({ sheets: [{ name: 'Kinh phí', rows: [['MARK1', 'MARK2'], [1, 'abc']] }] });
  return zipParts(
    unzipParts(bytes).map((p) => {
      let xml = p.data.toString('utf8');
      if (p.name === 'xl/sharedStrings.xml') xml = xml.replace('MARK1', a).replace('MARK2', b);
      if (edit) xml = edit(p.name, xml);
      return { name: p.name, data: Buffer.from(xml, 'utf8') };
    }),
  );
}

async function bothReaders(bytes: Uint8Array, file = 'co-quan.xlsx'): Promise<ReadResult> {
  const fast = await readWorkbookBuffer(bytes, file, `/x/${file}`, { checkInProgress: false, soffice: false, fastXlsx: true });
  const slow = await readWorkbookBuffer(bytes, file, `/x/${file}`, { checkInProgress: false, soffice: false, fastXlsx: false });
  // Both readers give the same workbook and the same findings.
  expect(JSON.stringify(fast.workbook?.sheets ?? null)).toBe(JSON.stringify(slow.workbook?.sheets ?? null));
  expect(fast.findings).toEqual(slow.findings);
  return fast;
}

describe('characters XML does not allow, raw or escaped as _xHHHH_', () => {
  it('are removed with a warning at each cell (was: a raw U+0001 in bao-cao.docx, which then did not open)', async () => {
    const r = await bothReaders(await withStrings('Đoàn_x0001_ ra_x0008_', 'Hội_x0000_ nghị_xFFFF__xD800_'));
    const row = r.workbook?.sheets[0]?.rows[0];
    expect(row?.map((c) => c?.value)).toEqual(['Đoàn ra', 'Hội nghị']);
    expect(r.findings.map((f) => [f.code, f.sheet, f.cell, f.severity])).toEqual([
      ['text_invalid_char', 'Kinh phí', 'A1', 'warning'],
      ['text_invalid_char', 'Kinh phí', 'B1', 'warning'],
    ]);
    expect(r.findings[0]?.message).toBe('Ô A1 chứa 2 ký tự điều khiển hoặc ký tự lỗi (ký tự đầu tiên: U+0001), thường do chép từ phần mềm khác; baocao đã bỏ các ký tự này khi đọc.');
    expect(r.findings[1]?.message).toContain('3 ký tự');
    expect(r.findings[0]?.hint.length).toBeGreaterThan(20);
  });

  it('"_x005F_" escapes an underscore: "_x005F_x0001_" is the literal text "_x0001_", kept without a warning', async () => {
    const r = await bothReaders(await withStrings('mã _x005F_x0001_ giữ nguyên', 'abc'));
    expect(r.workbook?.sheets[0]?.rows[0]?.[0]?.value).toBe('mã _x0001_ giữ nguyên');
    expect(r.findings).toEqual([]);
  });

  it('gives at most 20 warnings per sheet, then one that counts the others', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`MARKROW${i}`]);
    const bytes = await buildWorkbook({ sheets: [{ name: 'Nhiệm vụ', rows }] });
    const hostile = zipParts(
      unzipParts(bytes).map((p) => (p.name === 'xl/sharedStrings.xml' ? { name: p.name, data: Buffer.from(p.data.toString('utf8').replace(/MARKROW(\d+)/g, 'dòng $1_x0007_'), 'utf8') } : p)),
    );
    const r = await bothReaders(hostile);
    expect(r.findings).toHaveLength(21);
    expect(r.findings[20]).toMatchObject({ code: 'text_invalid_char', cell: '' });
    expect(r.findings[20]?.message).toContain('còn 5 ô khác');
    expect(r.workbook?.sheets[0]?.rows.map((row) => row[0]?.value)).toContain('dòng 24');
  });
});

describe('texts longer than an Excel cell and workbooks declaring too much text', () => {
  it('cuts a 40.000-character text to 32.767 with a warning at its cell', async () => {
    const r = await bothReaders(await withStrings('a'.repeat(40_000), 'abc'));
    const cell = r.workbook?.sheets[0]?.rows[0]?.[0];
    expect(typeof cell?.value === 'string' ? cell.value.length : 0).toBe(MAX_CELL_TEXT);
    expect(r.findings).toMatchObject([{ code: 'text_too_long', cell: 'A1', severity: 'warning' }]);
    expect(r.findings[0]?.message).toBe('Ô A1 dài 40.000 ký tự, vượt giới hạn 32.767 ký tự của một ô Excel; baocao chỉ dùng 32.767 ký tự đầu.');
  });

  it('refuses a 164 KB workbook holding one 50 MB string as too large, in well under a second (was: 75 s and 3 GB)', async () => {
    const bytes = await withStrings('Nội dung rất dài '.repeat(3_000_000), 'abc');
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const started = performance.now();
    await readWorkbookBuffer(bytes, 'co-quan.xlsx', '/x/co-quan.xlsx', { checkInProgress: false, soffice: false });
    // About 50 ms on a quiet machine: the text is never inflated into a string, let alone parsed.
    expect(performance.now() - started).toBeLessThan(1_000);
    const r = await bothReaders(bytes);
    expect(r.workbook).toBeNull();
    expect(r.findings).toMatchObject([{ code: 'file_too_large', file: 'co-quan.xlsx', severity: 'error' }]);
    expect(r.findings[0]?.message).toMatch(/^Tệp "co-quan.xlsx" khai báo [\d,]+ MiB chữ, vượt xa giới hạn của một biểu báo cáo \(16 MiB chữ\)/);
  });

  it('refuses a workbook declaring millions of shared strings', async () => {
    const bytes = await withStrings('a', 'b', (name, xml) => (name === 'xl/sharedStrings.xml' ? xml.replace(/count="\d+" uniqueCount="\d+"/, 'count="3" uniqueCount="90000000"') : xml));
    const r = await bothReaders(bytes);
    expect(r.workbook).toBeNull();
    expect(r.findings).toMatchObject([{ code: 'file_too_large' }]);
    expect(r.findings[0]?.message).toContain('90.000.000 đoạn chữ');
  });
});

describe('damaged files are said in Vietnamese, without the libraries’ English', () => {
  const english = /Cannot read|undefined|entity|richText|properties|malformed|\d+:\d+:/;

  it.each<[string, (name: string, xml: string) => string, RegExp]>([
    ['a cell pointing past the shared strings (exceljs: "Cannot read properties of undefined (reading \'richText\')")', (n, x) => (n === 'xl/worksheets/sheet1.xml' ? x.replace('<v>0</v>', '<v>99999</v>') : x), /thiếu hoặc hỏng một phần bên trong/],
    ['an undefined entity in a sheet (saxes: "2:557: undefined entity")', (n, x) => (n === 'xl/worksheets/sheet1.xml' ? x.replace('<c r="A2"><v>1</v>', '<c r="A2"><v>&unknown;</v>') : x), /phần nội dung XML bên trong tệp bị hỏng/],
    ['a raw control character written as &#1; (not allowed in XML 1.0)', (n, x) => (n === 'xl/sharedStrings.xml' ? x.replace('abc', 'a&#1;c') : x), /phần nội dung XML bên trong tệp bị hỏng/],
  ])('%s', async (_label, edit, says) => {
    const r = await bothReaders(await withStrings('MARK1', 'MARK2', edit));
    expect(r.workbook).toBeNull();
    expect(r.findings).toMatchObject([{ code: 'file_corrupt', file: 'co-quan.xlsx' }]);
    expect(r.findings[0]?.message).toMatch(says);
    expect(r.findings[0]?.message).not.toMatch(english);
    // The library's own words are kept for whoever maintains baocao, never shown.
    expect(r.findings[0]?.detail).toMatch(english);
  });

  it('a workbook missing its shared-strings part is damaged (was: read with numbers for texts, then "agency unknown")', async () => {
    const bytes = await buildWorkbook({ sheets: [{ name: 'Thông tin', rows: [['Mã cơ quan', 'SNGV']] }] });
    const r = await bothReaders(zipParts(unzipParts(bytes).filter((p) => p.name !== 'xl/sharedStrings.xml')));
    expect(r.workbook).toBeNull();
    expect(r.findings).toMatchObject([{ code: 'file_corrupt', severity: 'error' }]);
    expect(r.findings[0]?.message).toBe('Tệp "co-quan.xlsx" bị hỏng: thiếu phần lưu chữ của bảng tính (xl/sharedStrings.xml) nên không đọc được nội dung các ô chữ.');
  });

  it('a workbook of numbers only needs no shared strings and is read', async () => {
    const bytes = await buildWorkbook({ sheets: [{ name: 'Số', rows: [[1, 2], [3, 4]] }] });
    const parts = unzipParts(bytes).filter((p) => p.name !== 'xl/sharedStrings.xml');
    const r = await bothReaders(zipParts(parts));
    expect(r.workbook?.sheets[0]?.rows.map((row) => row.map((c) => c?.value))).toEqual([[1, 2], [3, 4]]);
  });

  it('a number beyond what a double holds (<v>1e309</v>) is read as Excel\'s #NUM! error, not "Infinity"', async () => {
    const bytes = await withStrings('a', 'b', (n, x) => (n === 'xl/worksheets/sheet1.xml' ? x.replace('<c r="A2"><v>1</v>', '<c r="A2"><v>1e309</v>') : x));
    const r = await bothReaders(bytes);
    expect(r.workbook?.sheets[0]?.rows[1]?.[0]).toEqual({ value: '#NUM!', kind: 'error' });
  });
});

describe('an unexpected exception while checking one file', () => {
  it('is an internal_error finding naming the file, "lỗi của baocao — xin báo lại", never the exception\'s English', async () => {
    const read = await bothReaders(await withStrings('Sở Ngoại vụ', 'abc'), 'so ngoai vu.xlsx');
    if (!read.workbook) throw new Error('unreadable fixture');
    // A plan whose agencies cannot be read makes validateSubmission throw a TypeError: a bug, caught per file.
    const broken = { agencies: null, tasks: [], indicators: [], info: { years: [2025] } } as unknown as Plan;
    const outcome = checkWorkbook(read.workbook, [], { plan: broken, round: ESTIMATE, read: {} });
    expect(outcome.kind).toBe('unreadable');
    expect(outcome.readFindings).toHaveLength(1);
    const f = outcome.readFindings[0];
    expect(f).toMatchObject({ file: 'so ngoai vu.xlsx', code: 'internal_error', severity: 'error' });
    expect(f?.message).toBe('Tệp "so ngoai vu.xlsx" chưa kiểm tra được do lỗi của baocao — xin báo lại. Tệp này không được tổng hợp trong lần chạy này.');
    expect(`${f?.message} ${f?.hint}`).not.toMatch(/TypeError|Cannot|null|undefined/);
    expect(f?.detail).toMatch(/TypeError/);
    expect(internalErrorFinding('x.xlsx', 'chuỗi').detail).toBe('chuỗi');
  });
});
