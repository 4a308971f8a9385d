/**
 * The CLI's contract: Vietnamese help, exit codes (0 ok, 1 errors in data, 2 unusable
 * arguments, folder or plan), and template mistakes reported with template name and line.
 */
import JSZip from 'jszip';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BG_PLAN_ID, bgPlan } from '../../scripts/examples/bacgiang.js';
import { renderTemplate, TemplateError } from '../../src/render/templates.js';
import { runBuild } from '../../src/run.js';
import { cli, tempPlan } from './helpers.js';

describe('help', () => {
  it('is in Vietnamese, for the program and each command', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toContain('Tạo biểu mẫu Excel');
    expect(top.out).toContain('Mã thoát');
    for (const cmd of ['forms', 'check', 'build']) {
      const r = await cli(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/thư mục/);
    }
  });
});

describe('exit codes', () => {
  it.each([
    ['a folder that does not exist', ['check', '/nonexistent/folder/2025']],
    ['an unknown command', ['frobnicate']],
    ['a missing argument', ['build']],
  ])('%s → 2', async (_name, args) => {
    expect((await cli(...args)).code).toBe(2);
  });

  it('a plan workbook with errors → 2, naming the sheet and cell to fix', async () => {
    const env = await tempPlan({ ...bgPlan, tasks: bgPlan.tasks.map((t, i) => (i === 0 ? { ...t, lead: 'KHONGCO' } : t)) }, BG_PLAN_ID);
    await mkdir(join(env.planDir, '2025'), { recursive: true });
    const r = await cli('check', join(env.planDir, '2025'), '--out', env.out);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Nhiệm vụ!D4/);
    expect(r.out).toContain('"KHONGCO"');
    await env.cleanup();
  });

  it('a round folder with no plan above it → 2 with what to do', async () => {
    const env = await tempPlan(bgPlan, BG_PLAN_ID);
    const r = await cli('check', env.root, '--out', env.out);
    expect(r.code).toBe(2);
    await env.cleanup();
  });
});

describe('templates staff edit', () => {
  it('a field missing from the data is an error naming the template and line, never an empty string', () => {
    expect(() => renderTemplate('templates/bao-cao.hbs', 'Dòng một\nDòng hai {{khongCo}}', { plan: {} })).toThrowError(TemplateError);
    try {
      renderTemplate('templates/bao-cao.hbs', 'Dòng một\nDòng hai {{khongCo}}', { plan: {} });
    } catch (err) {
      expect((err as Error).message).toMatch(/templates\/bao-cao\.hbs.*dòng 2.*khongCo/);
    }
  });

  it('text is not HTML-escaped', () => {
    expect(renderTemplate('t', '{{name}}', { name: 'Sở Văn hóa, Thể thao & Du lịch <x>' })).toBe('Sở Văn hóa, Thể thao & Du lịch <x>');
  });

  it('a broken template stops the build with exit 2 and names the template', async () => {
    const env = await tempPlan(bgPlan, BG_PLAN_ID);
    const tpl = join(env.root, 'templates');
    await cp(resolve('templates'), tpl, { recursive: true });
    // The shipped Word template with a field renamed to one the data does not have.
    const zip = await JSZip.loadAsync(await readFile(join(tpl, 'bao-cao.docx')));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('{{period}} như sau');
    zip.file('word/document.xml', xml.replace('{{period}} như sau', '{{kyBaoCao}} như sau'));
    await writeFile(join(tpl, 'bao-cao.docx'), await zip.generateAsync({ type: 'uint8array' }));
    await mkdir(join(env.planDir, '2025'), { recursive: true });
    await expect(runBuild(join(env.planDir, '2025'), { outDir: env.out, templatesDir: tpl })).rejects.toThrow(/bao-cao\.docx.*đoạn \d+.*kyBaoCao/);
    await env.cleanup();
  });
});
