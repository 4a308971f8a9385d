import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/findings.js';
import { cellAt, parseAddress, type SourceSheet } from '../../src/model/source.js';
import { findSoffice } from '../../src/read/convert-xls.js';
import { listRoundFiles, lockedFile, readWorkbookBuffer, readWorkbookFile, type ReadOptions, type ReadResult } from '../../src/read/index.js';
import { buildWorkbook, writeWorkbook, type WorkbookSpec } from '../fixtures/workbook.js';
import { buildZip, entry, unzipEntries, zeroEntry } from './zip-writer.js';

const MiB = 1024 * 1024;
const quiet: ReadOptions = { checkInProgress: false, soffice: false };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function at(sheet: SourceSheet | undefined, a1: string) {
  const p = parseAddress(a1);
  if (!sheet || !p) throw new Error(`bad address ${a1}`);
  return cellAt(sheet, p.row, p.col);
}

async function read(spec: WorkbookSpec, name = 'don-vi.xlsx'): Promise<ReadResult> {
  return readWorkbookBuffer(await buildWorkbook(spec), name, join(dir, name), quiet);
}

describe('reading cell values', () => {
  const spec: WorkbookSpec = {
    sheets: [
      {
        name: 'Dữ liệu',
        rows: [
          ['Số', 'Chữ', 'Ngày', 'Có', 'Công thức', 'Chưa tính', 'Định dạng', 'Trống'],
          [
            1234.5,
            '  Sở\u00a0 Tài chính ',
            new Date(Date.UTC(2026, 0, 5)),
            true,
            { formula: 'A2*2', result: 2469 },
            { formula: 'SUM(A2:A9)' },
            { richText: ['Hội ', 'nghị'] },
            '   ',
          ],
          [0, 'Cộng', null, false, { formula: 'B3&""', result: 'Cộng' }],
        ],
      },
    ],
  };

  const cases: [a1: string, expected: Record<string, unknown> | null][] = [
    ['A2', { value: 1234.5, kind: 'number' }],
    ['A3', { value: 0, kind: 'number' }],
    ['B2', { value: 'Sở Tài chính', kind: 'text' }],
    ['C2', { value: '2026-01-05', kind: 'date' }],
    ['D2', { value: true, kind: 'boolean' }],
    ['D3', { value: false, kind: 'boolean' }],
    ['E2', { value: 2469, kind: 'number', formula: 'A2*2' }],
    ['E3', { value: 'Cộng', kind: 'text', formula: 'B3&""' }],
    ['F2', { value: null, kind: 'empty', formula: 'SUM(A2:A9)', missingResult: true }],
    ['G2', { value: 'Hội nghị', kind: 'text' }],
    ['H2', null],
    ['C3', null],
  ];

  it.each(cases)('reads %s', async (a1, expected) => {
    const { workbook, findings } = await read(spec);
    expect(findings).toEqual([]);
    const cell = at(workbook?.sheets[0], a1);
    if (expected === null) expect(cell).toBeNull();
    else expect(cell).toEqual(expected);
  });

  it('does not report a formula without a result (the validate stage decides)', async () => {
    const { findings } = await read(spec);
    expect(findings.map((f) => f.code)).not.toContain('formula_no_result');
  });

  it('reads error values, shared formulas and hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = { error: '#REF!' };
    ws.getCell('A2').value = { formula: '1/0', result: { error: '#DIV/0!' }, date1904: false };
    ws.getCell('B1').value = 2;
    ws.getCell('B2').value = 3;
    // exceljs writes a shared formula from these fields, which its types do not declare.
    ws.getCell('C1').value = { formula: 'B1*10', result: 20, shareType: 'shared', ref: 'C1:C2', date1904: false } as ExcelJS.CellFormulaValue;
    ws.getCell('C2').value = { sharedFormula: 'C1', result: 30, date1904: false };
    ws.getCell('D1').value = { text: 'Cổng thông tin', hyperlink: 'https://example.invalid/' };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { workbook, findings } = await readWorkbookBuffer(bytes, 'loi.xlsx', '/x/loi.xlsx', quiet);
    expect(findings).toEqual([]);
    const s = workbook?.sheets[0];
    expect(at(s, 'A1')).toEqual({ value: '#REF!', kind: 'error' });
    expect(at(s, 'A2')).toEqual({ value: '#DIV/0!', kind: 'error', formula: '1/0' });
    expect(at(s, 'C1')).toEqual({ value: 20, kind: 'number', formula: 'B1*10' });
    expect(at(s, 'C2')).toEqual({ value: 30, kind: 'number', formula: 'B2*10' });
    expect(at(s, 'D1')).toEqual({ value: 'Cổng thông tin', kind: 'text' });
  });

  it('records file identity: sha256, size, path and mtime', async () => {
    const bytes = await buildWorkbook(spec);
    const { workbook } = await readWorkbookBuffer(bytes, 'a.xlsx', '/r/a.xlsx', { ...quiet, mtimeMs: 42 });
    expect(workbook).toMatchObject({
      file: 'a.xlsx',
      path: '/r/a.xlsx',
      size: bytes.byteLength,
      mtimeMs: 42,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });
});

describe('reading sheet structure', () => {
  it('gives every cell of a merged range the master value and address', async () => {
    const { workbook } = await read({
      sheets: [
        {
          name: 'Gộp',
          rows: [['Tiêu đề'], [], [null], [], ['Hết']],
          merges: ['A1:C2', 'A3:B4'],
        },
      ],
    });
    const s = workbook?.sheets[0];
    for (const a1 of ['A1', 'B1', 'C1', 'A2', 'C2']) {
      expect(at(s, a1)).toEqual({ value: 'Tiêu đề', kind: 'text', mergedFrom: 'A1' });
    }
    // An empty merged range holds nothing.
    for (const a1 of ['A3', 'B3', 'A4', 'B4']) expect(at(s, a1)).toBeNull();
    expect(at(s, 'A5')).toEqual({ value: 'Hết', kind: 'text' });
  });

  it('reports hidden and very hidden sheets, hidden rows and hidden columns', async () => {
    const { workbook } = await read({
      sheets: [
        { name: 'Hiện', rows: [['a', 'b', 'c'], ['d'], ['e']], hiddenRows: [2, 9], hiddenColumns: [2] },
        { name: 'Ẩn', rows: [['x']], state: 'hidden' },
        { name: 'Ẩn hẳn', rows: [['y']], state: 'veryHidden' },
      ],
    });
    const [visible, hidden, veryHidden] = workbook?.sheets ?? [];
    expect(visible).toMatchObject({ name: 'Hiện', hidden: false, hiddenRows: [2], hiddenColumns: [2] });
    expect(hidden).toMatchObject({ name: 'Ẩn', hidden: true });
    expect(veryHidden).toMatchObject({ name: 'Ẩn hẳn', hidden: true });
  });

  it('trims trailing empty rows and columns', async () => {
    const { workbook } = await read({
      sheets: [{ name: 'S', rows: [['a', null, 'c', '  '], [null], [1, 2], ['', null], [null, null, null]] }],
    });
    const s = workbook?.sheets[0];
    expect(s?.rowCount).toBe(3);
    expect(s?.columnCount).toBe(3);
    expect(s?.rows).toEqual([
      [{ value: 'a', kind: 'text' }, null, { value: 'c', kind: 'text' }],
      [],
      [
        { value: 1, kind: 'number' },
        { value: 2, kind: 'number' },
      ],
    ]);
  });

  it('reads a workbook with no data as sheets without rows', async () => {
    const { workbook, findings } = await read({ sheets: [{ name: 'Trống', rows: [] }] });
    expect(findings).toEqual([]);
    expect(workbook?.sheets).toEqual([
      { name: 'Trống', hidden: false, rowCount: 0, columnCount: 0, rows: [], hiddenRows: [], hiddenColumns: [] },
    ]);
  });
});

describe('legacy Vietnamese encodings', () => {
  it('decodes a TCVN3 cell typed in .VnTime and warns naming the cell', async () => {
    const rows: (string | null)[][] = [[], [], [], [], [null, 'Së Tµi chÝnh']];
    const { workbook, findings } = await read({ sheets: [{ name: 'Thông tin', rows, fonts: { B5: '.VnTime' } }] });
    expect(at(workbook?.sheets[0], 'B5')).toEqual({
      value: 'Sở Tài chính',
      kind: 'text',
      original: 'Së Tµi chÝnh',
      legacy: 'tcvn3',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'text_legacy_encoding', severity: 'warning', file: 'don-vi.xlsx', sheet: 'Thông tin', cell: 'B5' });
    expect(findings[0]?.message).toContain('B5');
    expect(findings[0]?.message).toContain('Sở Tài chính');
  });

  it('leaves Unicode text in a Unicode font alone', async () => {
    const { workbook, findings } = await read({
      sheets: [{ name: 'S', rows: [['Sở Tài chính']], fonts: { A1: 'Times New Roman' } }],
    });
    expect(at(workbook?.sheets[0], 'A1')).toEqual({ value: 'Sở Tài chính', kind: 'text' });
    expect(findings).toEqual([]);
  });
});

/** Bytes that are deterministic but look random (no magic number, NULs inside). */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x13;
  b[7] = 0;
  return b;
}

function ole(...streamNames: string[]): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([header, Buffer.alloc(504), ...streamNames.map((n) => Buffer.from(`${n}\0`, 'utf16le')), Buffer.alloc(512)]);
}

const simple: WorkbookSpec = { sheets: [{ name: 'Kinh phí', rows: [['STT', 'Nội dung'], [1, 'Hội nghị']] }] };

describe('bad inputs become findings that name the file', () => {
  const cases: [label: string, name: string, make: () => Promise<Buffer>, code: FindingCode, extra?: string][] = [
    ['an empty file', 'rong.xlsx', async () => Buffer.alloc(0), 'file_empty'],
    ['random bytes', 'ngau-nhien.xlsx', async () => noise(4096), 'file_not_workbook'],
    [
      'a zip cut in half',
      'cat-doi.xlsx',
      async () => {
        const full = await buildWorkbook(simple);
        return full.subarray(0, Math.floor(full.byteLength / 2));
      },
      'file_corrupt',
      'chưa trọn vẹn',
    ],
    [
      'a .docx renamed to .xlsx',
      'van-ban.xlsx',
      async () =>
        buildZip([entry('[Content_Types].xml', '<Types/>'), entry('word/document.xml', '<w:document/>')]),
      'file_not_workbook',
      'Word',
    ],
    ['a password-protected xlsx (OLE with EncryptionInfo)', 'mat-khau.xlsx', async () => ole('EncryptionInfo', 'EncryptedPackage'), 'file_encrypted'],
    ['an Excel 97–2003 .xls without LibreOffice', 'cu.xls', async () => ole('Workbook'), 'file_xls_legacy', 'Save As'],
    ['a Word 97–2003 document renamed .xls', 'cu.xls', async () => ole('WordDocument'), 'file_not_workbook'],
    [
      'a web page saved as .xls',
      'web.xls',
      async () => Buffer.from('\uFEFF \r\n<html xmlns:o="urn:schemas-microsoft-com:office:office"><table><tr><td>1</td></tr></table></html>'),
      'file_html_as_xls',
    ],
    ['an upper-case HTML table', 'bang.xls', async () => Buffer.from('  <TABLE border=1><TR><TD>1</TD></TR></TABLE>'), 'file_html_as_xls'],
    ['an HTML document with a doctype', 'trang.xls', async () => Buffer.from('<!DOCTYPE html>\n<html></html>'), 'file_html_as_xls'],
    ['a PDF named like a spreadsheet', 'bao-cao.xlsx', async () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'file_not_workbook', 'PDF'],
    ['a CSV named .xlsx', 'so-lieu.xlsx', async () => Buffer.from('STT;Nội dung\n1;Hội nghị\n'), 'file_not_workbook', 'CSV'],
    [
      'a zip whose directory is garbage',
      'hong.xlsx',
      async () => {
        const z = buildZip([entry('[Content_Types].xml', '<Types/>'), entry('xl/workbook.xml', '<workbook/>')]);
        const dirStart = z.readUInt32LE(z.byteLength - 6);
        z.fill(0x41, dirStart, dirStart + 8);
        return z;
      },
      'file_corrupt',
    ],
    [
      'an xlsx whose parts are not valid XML',
      'sai-cau-truc.xlsx',
      async () => buildZip([entry('[Content_Types].xml', 'not xml'), entry('xl/workbook.xml', '<<<')]),
      'file_corrupt',
    ],
  ];

  it.each(cases)('%s', async (_label, name, make, code, extra) => {
    const bytes = await make();
    const fromBuffer = await readWorkbookBuffer(bytes, name, join(dir, name), quiet);
    const path = join(dir, `case-${name}`);
    await writeFile(path, bytes);
    const fromFile = await readWorkbookFile(path, name, quiet);
    for (const result of [fromBuffer, fromFile]) {
      expect(result.workbook).toBeNull();
      expect(result.findings.map((f) => f.code)).toEqual([code]);
      const f = result.findings[0];
      expect(f?.file).toBe(name);
      expect(f?.message).toContain(`"${name}"`);
      expect(f?.hint.length).toBeGreaterThan(10);
      if (extra) expect(f?.message).toContain(extra);
    }
  });

  it('refuses a file larger than maxBytes without reading it', async () => {
    const path = join(dir, 'lon.xlsx');
    await writeWorkbook(path, simple);
    const result = await readWorkbookFile(path, 'lon.xlsx', { ...quiet, maxBytes: 1000 });
    expect(result.workbook).toBeNull();
    expect(result.findings.map((f) => f.code)).toEqual(['file_too_large']);
  });

  it('refuses a zip bomb quickly, without inflating it', async () => {
    // 300 MiB of zeros deflate to ~300 KiB: honest headers, absurd content.
    const bomb = buildZip([
      entry('[Content_Types].xml', '<Types/>'),
      entry('xl/workbook.xml', '<workbook/>'),
      await zeroEntry('xl/worksheets/sheet1.xml', 300 * MiB),
    ]);
    expect(bomb.byteLength).toBeLessThan(2 * MiB);
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const result = await readWorkbookBuffer(bomb, 'bom.xlsx', '/x/bom.xlsx', quiet);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * MiB);
    expect(result.workbook).toBeNull();
    expect(result.findings.map((f) => f.code)).toEqual(['file_too_large']);
    expect(result.findings[0]?.message).toContain('"bom.xlsx"');
  });

  it('refuses a zip whose directory understates the uncompressed size', async () => {
    const lying = await zeroEntry('xl/worksheets/sheet1.xml', 40 * MiB);
    lying.size = 1000;
    const zip = buildZip([entry('[Content_Types].xml', '<Types/>'), entry('xl/workbook.xml', '<workbook/>'), lying]);
    const before = process.memoryUsage().arrayBuffers;
    const result = await readWorkbookBuffer(zip, 'gia.xlsx', '/x/gia.xlsx', quiet);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(30 * MiB);
    expect(result.findings.map((f) => f.code)).toEqual(['file_too_large']);
  });

  it('reports a missing file without throwing', async () => {
    const result = await readWorkbookFile(join(dir, 'khong-co.xlsx'), 'khong-co.xlsx', quiet);
    expect(result.workbook).toBeNull();
    expect(result.findings[0]).toMatchObject({ code: 'file_unreadable', file: 'khong-co.xlsx' });
  });
});

describe('damaged workbooks', () => {
  it('never throws and always names the file, whatever bytes are flipped', async () => {
    const bytes = await buildWorkbook({
      sheets: [
        { name: 'Kinh phí', rows: [['STT', { formula: 'A2*2', result: 2 }], [1, new Date(Date.UTC(2026, 0, 1))]], merges: ['C1:D2'] },
        { name: 'Khác', rows: [[{ richText: ['a', 'b'] }]] },
      ],
    });
    const parts = unzipEntries(bytes);
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const inputs: Buffer[] = [];
    for (let i = 0; i < 60; i++) {
      // Damage inside a part (valid zip, broken XML) …
      const k = rnd(parts.length);
      const part = parts[k];
      if (!part) continue;
      const raw = Buffer.from(inflateRawSync(part.data));
      if (raw.length === 0) continue;
      for (let j = 0; j < 5; j++) raw[rnd(raw.length)] = rnd(256);
      inputs.push(buildZip(parts.map((p, idx) => (idx === k ? entry(p.name, i % 2 ? raw : raw.subarray(0, rnd(raw.length))) : p))));
      // … and damage to the zip itself.
      const flipped = Buffer.from(bytes);
      for (let j = 0; j < 3; j++) flipped[rnd(flipped.length)] = rnd(256);
      inputs.push(flipped);
    }
    for (const input of inputs) {
      const result = await readWorkbookBuffer(input, 'hu-hong.xlsx', '/x/hu-hong.xlsx', quiet);
      if (result.workbook === null) {
        expect(result.findings.some((f) => f.severity === 'error' && f.message.includes('"hu-hong.xlsx"'))).toBe(true);
      }
    }
  });
});

describe('macros', () => {
  it('flags an .xlsm and still reads its data', async () => {
    const result = await read(simple, 'co-macro.xlsm');
    expect(result.findings.map((f) => f.code)).toEqual(['file_macro']);
    expect(result.findings[0]).toMatchObject({ severity: 'warning', file: 'co-macro.xlsm' });
    expect(at(result.workbook?.sheets[0], 'B2')).toEqual({ value: 'Hội nghị', kind: 'text' });
  });

  it('flags an .xlsx that carries a vbaProject.bin part', async () => {
    const entries = unzipEntries(await buildWorkbook(simple));
    const bytes = buildZip([...entries, entry('xl/vbaProject.bin', Buffer.from([1, 2, 3]))]);
    const result = await readWorkbookBuffer(bytes, 'an-macro.xlsx', '/x/an-macro.xlsx', quiet);
    expect(result.findings.map((f) => f.code)).toEqual(['file_macro']);
    expect(result.workbook?.sheets[0]?.name).toBe('Kinh phí');
  });
});

describe('.xls conversion with LibreOffice', async () => {
  const soffice = await findSoffice();
  it.skipIf(soffice === null)('converts a real .xls in a temp folder and warns', async () => {
    const src = join(dir, 'lo-src');
    await mkdir(src, { recursive: true });
    await writeWorkbook(join(src, 'goc.xlsx'), simple);
    execFileSync(soffice ?? 'soffice', [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--convert-to',
      'xls',
      '--outdir',
      src,
      join(src, 'goc.xlsx'),
    ]);
    const xls = join(src, 'goc.xls');
    const before = await readdir(src);
    const result = await readWorkbookFile(xls, 'goc.xls', { checkInProgress: false });
    expect(result.findings.map((f) => f.code)).toEqual(['file_xls_converted']);
    expect(at(result.workbook?.sheets[0], 'B2')).toEqual({ value: 'Hội nghị', kind: 'text' });
    expect(await readdir(src)).toEqual(before);
  });

  it.skipIf(soffice === null)('reports an .xls that LibreOffice cannot convert', async () => {
    const result = await readWorkbookBuffer(ole('Workbook'), 'hong.xls', '/x/hong.xls', { convertTimeoutMs: 30_000 });
    expect(result.workbook).toBeNull();
    expect(result.findings.map((f) => f.code)).toEqual(['file_xls_legacy']);
    expect(result.findings[0]?.message).toContain('"hong.xls"');
  });
});

describe('listRoundFiles', () => {
  it('lists candidates sorted by name and ignores lock, temp, hidden and system files', async () => {
    const round = join(dir, 'dot-1');
    await mkdir(join(round, 'cũ'), { recursive: true });
    const names = ['b.xlsx', 'a.xlsx', 'Sở Y tế.xls', 'ghi-chu.pdf', '~$a.xlsx', '.~lock.b.xlsx#', 'x.tmp', '~WRL0001.tmp', '.DS_Store', 'Thumbs.db', 'desktop.ini'];
    for (const n of names) await writeFile(join(round, n), 'x');
    const { files, ignored } = await listRoundFiles(round);
    expect(files).toEqual(['a.xlsx', 'b.xlsx', 'ghi-chu.pdf', 'Sở Y tế.xls']);
    expect([...ignored].sort()).toEqual(['.DS_Store', '.~lock.b.xlsx#', 'Thumbs.db', 'desktop.ini', 'x.tmp', '~$a.xlsx', '~WRL0001.tmp'].sort());
    // Excel's lock beside a.xlsx and LibreOffice's beside b.xlsx: both workbooks are open right now.
    const { open } = await listRoundFiles(round);
    expect(open).toEqual([
      { file: 'a.xlsx', lock: '~$a.xlsx' },
      { file: 'b.xlsx', lock: '.~lock.b.xlsx#' },
    ]);
  });

  it.each([
    { lock: '~$01-so-ngoai-vu.xlsx', file: '01-so-ngoai-vu.xlsx', why: "Excel: '~$' + the name" },
    { lock: '~$-so-ngoai-vu.xlsx', file: '01-so-ngoai-vu.xlsx', why: "Word's way: the name's first two characters replaced" },
    { lock: '.~lock.Sở Y tế.xlsx#', file: 'Sở Y tế.xlsx', why: 'LibreOffice' },
    { lock: '~$Book1.xlsx', file: null, why: 'a lock whose workbook is elsewhere' },
    { lock: '~$', file: null, why: 'an empty name' },
    { lock: '~$a.xlsx', file: null, why: "two workbooks, 'xza.xlsx' and 'yza.xlsx', end like it: neither is named" },
    { lock: 'x.tmp', file: null, why: 'not a lock file' },
  ])('the lock file $lock stands for $file ($why)', ({ lock, file }) => {
    const files = new Set(['01-so-ngoai-vu.xlsx', 'Sở Y tế.xlsx', 'xza.xlsx', 'yza.xlsx']);
    expect(lockedFile(lock, files)).toBe(file);
  });

  it('skips lock and temp files passed to readWorkbookFile', async () => {
    const lock = join(dir, '~$khoa.xlsx');
    await writeFile(lock, Buffer.alloc(165));
    expect(await readWorkbookFile(lock, '~$khoa.xlsx', quiet)).toEqual({ workbook: null, findings: [], skipped: 'lock' });
    const tmp = join(dir, '~WRL0002.tmp');
    await writeFile(tmp, 'x');
    expect(await readWorkbookFile(tmp, '~WRL0002.tmp', quiet)).toEqual({ workbook: null, findings: [], skipped: 'temp' });
  });
});

describe('the input folder is never touched', () => {
  it('leaves the bytes, the mtime and the folder listing unchanged', async () => {
    const folder = join(dir, 'nguyen-ven');
    const path = join(folder, 'so-tai-chinh.xlsx');
    await writeWorkbook(path, simple);
    const old = new Date('2026-01-02T03:04:05Z');
    await utimes(path, old, old);
    const bytes = await readFile(path);
    const before = await stat(path);
    const listing = await readdir(folder);

    const result = await readWorkbookFile(path, 'so-tai-chinh.xlsx');
    expect(result.findings).toEqual([]);
    expect(result.workbook?.mtimeMs).toBe(before.mtimeMs);
    expect(result.workbook?.path).toBe(path);

    expect(await readFile(path)).toEqual(bytes);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(folder)).toEqual(listing);
  });
});

describe('files still being written', () => {
  it('reports a file whose size changes while it is being read', async () => {
    const path = join(dir, 'dang-chep.xlsx');
    await writeWorkbook(path, simple);
    const pending = readWorkbookFile(path, 'dang-chep.xlsx', { soffice: false });
    await new Promise((r) => setTimeout(r, 100));
    await appendFile(path, Buffer.alloc(1000));
    const result = await pending;
    expect(result.workbook).toBeNull();
    expect(result.findings.map((f) => f.code)).toEqual(['file_in_progress']);
    expect(result.findings[0]?.message).toContain('"dang-chep.xlsx"');
  });

  it('reads a freshly written file that is not changing', async () => {
    const path = join(dir, 'moi-xong.xlsx');
    await writeWorkbook(path, simple);
    const result = await readWorkbookFile(path, 'moi-xong.xlsx', { soffice: false });
    expect(result.findings).toEqual([]);
    expect(result.workbook?.sheets).toHaveLength(1);
  });
});

describe('parts shared by many workbooks', () => {
  it('are reused only when their compressed bytes are identical, never by size alone', async () => {
    const { scanZip, verifyEntries } = await import('../../src/read/zip.js');
    // Same name, same sizes (compressed and not), different text: a cache keyed on sizes would mix them up.
    const a = entry('xl/theme/theme1.xml', '<a:theme name="AAAA"/>');
    const b = entry('xl/theme/theme1.xml', '<a:theme name="BBBB"/>');
    expect(b.data.byteLength).toBe(a.data.byteLength);
    expect(b.size).toBe(a.size);
    const text = (zip: Buffer) => {
      const scan = scanZip(zip);
      if (!scan.ok) throw new Error(scan.detail);
      const keep = new Map<string, Uint8Array>();
      expect(verifyEntries(zip, scan.entries, keep).ok).toBe(true);
      return Buffer.from(keep.get('xl/theme/theme1.xml') ?? []).toString('utf8');
    };
    for (let k = 0; k < 2; k++) {
      expect(text(buildZip([a]))).toBe('<a:theme name="AAAA"/>');
      expect(text(buildZip([b]))).toBe('<a:theme name="BBBB"/>');
    }
  });

  it('a damaged copy of a part read before is still reported as damaged', async () => {
    const { scanZip, verifyEntries } = await import('../../src/read/zip.js');
    const good = entry('xl/styles.xml', '<styleSheet>'.padEnd(400, ' ') + '</styleSheet>');
    const scanOf = (zip: Buffer) => {
      const scan = scanZip(zip);
      if (!scan.ok) throw new Error(scan.detail);
      return scan.entries;
    };
    const zip = buildZip([good]);
    expect(verifyEntries(zip, scanOf(zip)).ok).toBe(true);
    // Same sizes in the directory, the end of the deflate stream zeroed: it no longer inflates to the declared size.
    const data = Buffer.concat([good.data.subarray(0, good.data.byteLength - 6), Buffer.alloc(6)]);
    const broken = buildZip([{ ...good, data }]);
    expect(verifyEntries(broken, scanOf(broken)).ok).toBe(false);
  });
});
