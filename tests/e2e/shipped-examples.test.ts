/**
 * `npm start` in a test: every round shipped under input/ builds, the outputs exist, and they
 * open in a real client (LibreOffice) — which must be installed on CI.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, findSoffice, pdfPageCount } from '../helpers/libreoffice.js';
import { cli, hashFolder } from './helpers.js';

const input = resolve('input');
const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'baocao-start-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the shipped examples (npm start)', () => {
  it('build every round of every plan under input/ without touching the inputs', async () => {
    const plan = join(input, 'bacgiang-namninh-2025-2028');
    const before = { est: await hashFolder(join(plan, 'du-toan')), prog: await hashFolder(join(plan, '2025')) };
    const r = await cli('build', input, '--out', out);
    expect(r.code, r.out + r.err).toBe(0);
    const dir = join(out, 'bacgiang-namninh-2025-2028');
    expect((await readdir(join(dir, 'du-toan'))).sort()).toEqual(expect.arrayContaining(['kiem-tra.xlsx', 'phu-luc-du-toan.docx', 'phu-luc-du-toan.xlsx']));
    expect((await readdir(join(dir, '2025'))).sort()).toEqual(
      expect.arrayContaining(['bao-cao.docx', 'kiem-tra.xlsx', 'phu-luc-kinh-phi.xlsx', 'phu-luc-nhiem-vu.xlsx']),
    );
    expect(r.out).toContain('Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng');
    // The seed's "s" is shipped as the first submission of Sở Ngoại vụ, replaced by its correction.
    expect(r.out).toMatch(/bỏ qua tệp "So Ngoai vu - du toan \(gui lan 1\)\.xlsx"/);
    expect({ est: await hashFolder(join(plan, 'du-toan')), prog: await hashFolder(join(plan, '2025')) }).toEqual(before);
  });
});

if (soffice === null && !onCi) {
  console.warn(`\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua kiểm tra mở tệp bằng LibreOffice.\n!!! Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`);
}

describe('outputs open in LibreOffice', () => {
  it.runIf(onCi)('LibreOffice is installed on CI', () => {
    expect(soffice, `LibreOffice is required on CI: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });

  it.skipIf(soffice === null)(
    'every generated .docx and .xlsx converts to a PDF with pages',
    async () => {
      const dir = join(out, 'bacgiang-namninh-2025-2028');
      if (!existsSync(join(dir, '2025', 'bao-cao.docx'))) expect((await cli('build', input, '--out', out)).code).toBe(0);
      const pdfDir = join(out, 'pdf');
      for (const file of ['2025/bao-cao.docx', '2025/phu-luc-nhiem-vu.xlsx', '2025/phu-luc-kinh-phi.xlsx', 'du-toan/phu-luc-du-toan.docx', 'du-toan/phu-luc-du-toan.xlsx', 'du-toan/kiem-tra.xlsx']) {
        const pdf = await convertToPdf(join(dir, file), join(pdfDir, file.replace(/[/.]/g, '-')));
        const pages = pdfPageCount(pdf);
        expect(pages === null || pages > 0, `${file} → ${pdf}`).toBe(true);
      }
    },
    300_000,
  );
});
