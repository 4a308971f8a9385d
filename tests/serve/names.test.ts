/**
 * Names the page chooses: the saved name of an upload (never a path, never hidden, never a
 * device name, bounded), unique names, plan folders, and round folders from the period list.
 */
import { describe, expect, it } from 'vitest';
import { parseRoundName } from '../../src/model/round.js';
import { isFolderName } from '../../src/read/index.js';
import { MAX_NAME_BYTES, PERIOD_CHOICES, planFolderName, roundFolderName, safeUploadName, uniqueName } from '../../src/serve/names.js';

describe('safeUploadName', () => {
  it.each([
    ['Sở Tài chính - Ứng Hòa.xlsx', 'Sở Tài chính - Ứng Hòa.xlsx'],
    // NFD (macOS) becomes NFC.
    ['So\u031b\u0309 Ta\u0300i chi\u0301nh.xlsx'.normalize('NFD'), 'Sở Tài chính.xlsx'],
    ['../../x.xlsx', 'x.xlsx'],
    ['..\\..\\Windows\\x.xlsx', 'x.xlsx'],
    ['/etc/passwd/../bao cao.xlsx', 'bao cao.xlsx'],
    ['..xlsx', 'tep-tai-len.xlsx'],
    ['.hidden.xlsx', 'hidden.xlsx'],
    ['~$Sở Ngoại vụ.xlsx', 'Sở Ngoại vụ.xlsx'],
    ['bao\u0000cao\u001f\u007f.xlsx', 'baocao.xlsx'],
    // A right-to-left override that would show "xlsx.exe" as "exe.xlsx".
    ['bao cao\u202Exslx.exe.xlsx', 'bao caoxslx.exe.xlsx'],
    ['a<b>c:d"e|f?g*h.xlsx', 'a-b-c-d-e-f-g-h.xlsx'],
    ['CON.xlsx', '_CON.xlsx'],
    ['lpt1.xls', '_lpt1.xls'],
    ['  Báo   cáo  quý 3 . xlsx', null],
    ['Báo cáo.XLSX', 'Báo cáo.xlsx'],
    ['tệp.xlsm', 'tệp.xlsm'],
    ['trailing dots... .xlsx', 'trailing dots.xlsx'],
  ])('%j → %j', (input, expected) => {
    const r = safeUploadName(input);
    if (expected === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, name: expected });
  });

  it.each(['virus.exe', 'bao-cao.docx', 'noextension', 'x.xlsx.zip', ''])('refuses %j: not a workbook', (input) => {
    const r = safeUploadName(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/không phải tệp Excel/);
  });

  it('bounds the name in bytes without splitting a letter, keeping the extension', () => {
    const r = safeUploadName(`${'Ủy ban nhân dân xã '.repeat(30)}.xlsx`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Buffer.byteLength(r.name, 'utf8')).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(r.name.endsWith('.xlsx')).toBe(true);
    expect(r.name).toBe(r.name.normalize('NFC'));
    expect(r.name).not.toMatch(/\uFFFD/);
  });
});

describe('uniqueName', () => {
  it('adds (2), (3)… against existing names, ignoring case as Windows does', () => {
    expect(uniqueName('a.xlsx', [])).toBe('a.xlsx');
    expect(uniqueName('a.xlsx', ['A.XLSX'])).toBe('a (2).xlsx');
    expect(uniqueName('a.xlsx', ['a.xlsx', 'a (2).xlsx'])).toBe('a (3).xlsx');
  });
});

describe('folder names', () => {
  it.each([
    ['Chuyển đổi số 2026', 'chuyen-doi-so-2026'],
    ['Đề án ĐÔ THỊ thông minh', 'de-an-do-thi-thong-minh'],
    ['../../etc', 'etc'],
    ['  ', ''],
  ])('plan folder of %j is %j', (title, id) => expect(planFolderName(title)).toBe(id));

  it.each([
    ['bacgiang', true],
    ['..', false],
    ['.', false],
    ['.hidden', false],
    ['a/b', false],
    ['a\\b', false],
    ['', false],
    ['du-toan', true],
    ['tab\there', false],
  ])('folder id %j allowed: %s', (id, ok) => expect(isFolderName(id)).toBe(ok));
});

describe('roundFolderName: the period chosen in the list → the canonical folder', () => {
  it.each([
    ['nam', 2026, '2026', 'năm 2026'],
    ['h1', 2026, '2026-H1', '6 tháng đầu năm 2026'],
    ['h2', 2026, '2026-H2', '6 tháng cuối năm 2026'],
    ['q3', 2026, '2026-Q3', 'quý III năm 2026'],
    ['9t', 2026, '2026-9t', '9 tháng năm 2026'],
    ['m7', 2026, '2026-07', 'tháng 7 năm 2026'],
    ['m12', 2025, '2025-12', 'tháng 12 năm 2025'],
    ['du-toan', 0, 'du-toan', 'dự toán kinh phí'],
  ])('%s %i → %s (read back as "%s")', (period, year, name, label) => {
    expect(roundFolderName(period, year)).toBe(name);
    expect(parseRoundName(name).label).toBe(label);
  });

  it.each([
    ['q5', 2026],
    ['m13', 2026],
    ['nam', 1999],
    ['nam', 2026.5],
    ['../x', 2026],
    ['', 2026],
  ])('refuses %s %s', (period, year) => expect(roundFolderName(period, year)).toBeNull());

  it('every choice of the list makes a folder for a year', () => {
    for (const c of PERIOD_CHOICES) expect(roundFolderName(c.value, 2026), c.value).not.toBeNull();
  });
});
