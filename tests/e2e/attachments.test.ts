/**
 * Attachments are not errors: a signed PDF cover letter, a Word công văn, pictures, mails and a
 * .zip of documents in a round folder are listed as attachments (info), the exit code and the
 * totals unchanged; a .zip holding workbooks is an error that says to unpack it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { runBuild, runCheck } from '../../src/run.js';
import { copyExample, type ExampleCopy } from './example-copy.js';
import { cli, loadXlsx } from './helpers.js';

let env: ExampleCopy | null = null;
afterEach(async () => {
  await env?.cleanup();
  env = null;
});

async function wordFile(): Promise<Uint8Array> {
  const z = new JSZip();
  z.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  z.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
  return z.generateAsync({ type: 'uint8array' });
}

async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: 'uint8array' });
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function appendixValues(path: string): Promise<string[]> {
  const wb = await loadXlsx(path);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(`${ws.name}!${c.address}=${JSON.stringify(c.value)}`))));
  return out;
}

describe('attachments in a round folder', () => {
  it('are listed as attachments, never errors; the figures and exit code stay the same', async () => {
    env = await copyExample();
    const round = join(env.planDir, '2025');
    const before = await runBuild(round, { outDir: join(env.out, 'a'), today: '2026-01-10' });
    const beforeCheck = await runCheck(round, { outDir: join(env.out, 'a2'), today: '2026-01-10' });

    await writeFile(join(round, 'Công văn gửi kèm (đã ký).pdf'), PDF);
    await writeFile(join(round, 'Công văn số 123.docx'), await wordFile());
    await writeFile(join(round, 'ảnh chụp biên bản.png'), PNG);
    await writeFile(join(round, 'ghi chú.txt'), 'Gửi kèm báo cáo năm 2025.');
    await writeFile(join(round, 'thu.eml'), 'From: a@b.vn\r\nSubject: Bao cao\r\n\r\nKinh gui');
    await writeFile(join(round, 'tai lieu.zip'), await zipOf({ 'quyet-dinh.pdf': PDF, 'to-trinh.docx': await wordFile() }));

    const after = await runBuild(round, { outDir: join(env.out, 'b'), today: '2026-01-10' });
    const afterCheck = await runCheck(round, { outDir: join(env.out, 'b2'), today: '2026-01-10' });
    expect(afterCheck.exitCode).toBe(beforeCheck.exitCode);
    expect(after.exitCode).toBe(before.exitCode);
    const attachments = after.findings.filter((f) => f.code === 'attachment');
    expect(attachments.map((f) => f.file).sort()).toEqual(
      ['Công văn gửi kèm (đã ký).pdf', 'Công văn số 123.docx', 'ảnh chụp biên bản.png', 'ghi chú.txt', 'thu.eml', 'tai lieu.zip'].sort(),
    );
    for (const f of attachments) expect(f.severity).toBe('info');
    // No other finding names an attachment; the errors and warnings are those of the workbooks alone.
    expect(after.findings.filter((f) => f.code !== 'attachment').length).toBe(before.findings.length);
    expect(await appendixValues(join(env.out, 'b', 'phu-luc-kinh-phi.xlsx'))).toEqual(await appendixValues(join(env.out, 'a', 'phu-luc-kinh-phi.xlsx')));
    expect(after.messages.join('\n')).toMatch(/Tệp kèm theo \(không phải báo cáo Excel, không tổng hợp\): .*Công văn số 123\.docx/);
    // kiem-tra.xlsx lists them, in Vietnamese.
    const report = await loadXlsx(join(env.out, 'b2', 'kiem-tra.xlsx'));
    const texts: string[] = [];
    report.eachSheet((ws) => ws.eachRow((row) => texts.push(row.values ? JSON.stringify(row.values) : '')));
    expect(texts.filter((t) => t.includes('Tệp kèm theo') && t.includes('Công văn gửi kèm (đã ký).pdf'))).toHaveLength(1);
  });

  it('a .zip holding workbooks is an error that says to unpack it and names them', async () => {
    env = await copyExample();
    const round = join(env.planDir, '2025');
    const inner = await readFile(join(round, '01-so-ngoai-vu.xlsx'));
    await writeFile(join(round, 'bao cao gui lai.zip'), await zipOf({ 'So Ngoai vu.xlsx': inner, 'cong-van.pdf': PDF }));
    const r = await cli('check', round, '--out', join(env.out, 'c'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Tệp nén "bao cao gui lai.zip" chứa 1 bảng tính ("So Ngoai vu.xlsx")');
    expect(r.out).toContain('Giải nén tệp này');
  });

  it('a file named like a spreadsheet that holds a Word document stays an error (the agency meant a workbook)', async () => {
    env = await copyExample();
    const round = join(env.planDir, '2025');
    await writeFile(join(round, '12-so-tai-chinh.xlsx'), await wordFile());
    const r = await runCheck(round, { outDir: join(env.out, 'd') });
    const f = r.findings.find((x) => x.file === '12-so-tai-chinh.xlsx');
    expect(f?.severity).toBe('error');
    expect(r.exitCode).toBe(1);
  });
});
