/**
 * Opens the generated report and appendix file in a real client (LibreOffice) and checks that
 * they convert to PDF with the expected pages. Without LibreOffice this fails on CI and is
 * skipped loudly elsewhere — it never passes silently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAppendixDocx, renderOfficialDocx } from '../../src/render/docx/index.js';
import { sampleBudgetAppendix, sampleReport } from '../fixtures/report-sample.js';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, findSoffice, findTool, pdfPageCount } from '../helpers/libreoffice.js';

const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

if (soffice === null && !onCi) {
  console.warn(
    '\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua kiểm tra .docx bằng LibreOffice (tests/render/docx-libreoffice.test.ts).\n' +
      `!!! Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`,
  );
}

describe('LibreOffice is available for the visual checks', () => {
  it.runIf(onCi)('finds soffice on CI', () => {
    expect(soffice, `LibreOffice is required on CI. Install: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });
});

describe.skipIf(soffice === null)('generated .docx in LibreOffice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-docx-lo-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Pages of a PDF with their size in points ("595.304 x 841.89"), via pdfinfo. */
  const pageSizes = (pdf: string, pages: number): string[] => {
    const pdfinfo = findTool('pdfinfo');
    if (pdfinfo === null) return [];
    const out = execFileSync(pdfinfo, ['-f', '1', '-l', String(pages), pdf], { encoding: 'utf8' });
    return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) =>
      Number(m[1]) < Number(m[2]) ? 'portrait' : 'landscape',
    );
  };

  it('converts the report with its appendix: portrait pages, then landscape appendix pages', async () => {
    const file = join(dir, 'bao-cao.docx');
    await writeFile(file, await renderOfficialDocx(sampleReport()));
    const pdf = await convertToPdf(file, dir);
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const pages = pdfPageCount(pdf);
    if (pages === null) {
      console.warn('!!! pdfinfo (poppler-utils) không có: không đếm được số trang.');
      return;
    }
    // One or two portrait pages of report, then at least two landscape appendix pages.
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(6);
    const orientations = pageSizes(pdf, pages);
    expect(orientations[0]).toBe('portrait');
    expect(orientations[orientations.length - 1]).toBe('landscape');
    const firstLandscape = orientations.indexOf('landscape');
    expect(orientations.slice(firstLandscape).every((o) => o === 'landscape')).toBe(true);
  });

  it('converts the stand-alone appendix file to landscape pages only', async () => {
    const file = join(dir, 'phu-luc-du-toan.docx');
    await writeFile(file, await renderAppendixDocx([sampleBudgetAppendix()]));
    const pdf = await convertToPdf(file, dir);
    expect(existsSync(pdf)).toBe(true);
    const pages = pdfPageCount(pdf);
    if (pages === null) return;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(4);
    expect(pageSizes(pdf, pages).every((o) => o === 'landscape')).toBe(true);
  });
});
