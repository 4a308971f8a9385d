/**
 * The shipped Word report template (templates/bao-cao.docx, issue 14) gives the reports the code
 * laid out before it: for every round shipped under input/, the body in order — each paragraph's
 * text in runs of the same weight and slant, headings, alignment, tables cell by cell, charts,
 * sections — and the page-number headers equal the snapshot taken on the code that laid them out
 * (tests/render/report-before.json, written by tests/fixtures/write-report-snapshot.ts). And the
 * committed template is what scripts/report-template.ts makes, reads without a problem and keeps
 * Nghị định 30's page and fonts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportTemplate } from '../../scripts/report-template.js';
import { runBuild } from '../../src/run.js';
import { readTemplates } from '../../src/read/index.js';
import { checkWordTemplate, fillWordTemplate, nd30Warnings, wordTemplateProblems } from '../../src/render/word-template.js';
import { createEngine, isBuilt } from '../../src/engine/index.js';
import { reportView } from '../../src/render/report.js';
import { REPORT_SNAPSHOT_FILE, REPORT_SNAPSHOT_TODAY, summariseReport, summariseReports, type ReportBlock, type ReportSummary } from '../fixtures/report-summary.js';

let out: string;
let after: Record<string, ReportSummary>;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'baocao-report-after-'));
  const r = await runBuild(resolve('input'), { outDir: out, today: REPORT_SNAPSHOT_TODAY });
  expect(r.exitCode, r.messages.join('\n')).toBeLessThan(2);
  after = await summariseReports(out);
}, 120_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the shipped Word report template', () => {
  it('builds every shipped round into the report the code laid out before the template', async () => {
    const before = JSON.parse(await readFile(REPORT_SNAPSHOT_FILE, 'utf8')) as Record<string, ReportSummary>;
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) {
      const a = after[name];
      const b = before[name];
      expect(a?.headers, name).toEqual([...new Set(b?.headers)].sort());
      // Block by block, so that a difference names its place.
      const n = Math.max(a?.body.length ?? 0, b?.body.length ?? 0);
      for (let i = 0; i < n; i++) expect(a?.body[i], `${name}, block ${i + 1}`).toEqual(b?.body[i]);
    }
  });

  it('templates/bao-cao.docx is what scripts/report-template.ts makes, reads without a problem and keeps ND30', async () => {
    const set = await readTemplates();
    expect(set.report.name).toBe('templates/bao-cao.docx');
    expect(wordTemplateProblems(set.report)).toEqual([]);
    expect(nd30Warnings(set.report)).toEqual([]);
    const committed = new Uint8Array(await readFile(resolve('templates', 'bao-cao.docx')));
    expect(await summariseReport(committed)).toEqual(await summariseReport(await makeReportTemplate()));
  });
});

describe('what the template decides from the data', () => {
  it('several Kính gửi as a list after the colon, a superior agency above the issuer, a long issuer broken where agencies break it, Nơi nhận punctuated', async () => {
    const out = await mkdtemp(join(tmpdir(), 'baocao-report-cases-'));
    try {
      const r = await createEngine().check(resolve('input', 'langson-tang-truong-2026'), resolve('input', 'langson-tang-truong-2026', '2026-Q3'), out, { today: REPORT_SNAPSHOT_TODAY });
      if (!isBuilt(r)) throw new Error('plan not usable');
      const info = { ...r.model.plan.info, reportTo: ['- Văn phòng Chính phủ;', 'Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính.'], superior: 'BỘ THỬ NGHIỆM', issuer: 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH LẠNG SƠN' };
      const model = { ...r.model, plan: { ...r.model.plan, info } };
      const template = checkWordTemplate((await readTemplates()).report);
      const filled = await summariseReport(fillWordTemplate(template, reportView(model, [])));
      const texts = (blocks: readonly ReportBlock[]): string[] => blocks.flatMap((b) => ('p' in b ? [b.p.map((x) => x[0]).join('')] : 'table' in b ? b.table.flatMap((row) => row.flatMap(texts)) : []));
      const all = texts(filled.body);
      const at = all.indexOf('Kính gửi:\t- Văn phòng Chính phủ;');
      expect(at, all.join('\n')).toBeGreaterThan(0);
      expect(all.slice(at, at + 3)).toEqual(['Kính gửi:\t- Văn phòng Chính phủ;', '- Bộ Kế hoạch và Đầu tư;', '- Bộ Tài chính.']);
      expect(all.some((t) => t.startsWith('Kính gửi: '))).toBe(false);
      expect(all.slice(0, 2)).toEqual(['BỘ THỬ NGHIỆM', 'SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH TỈNH LẠNG SƠN']);
      // Nơi nhận: "Như trên" first (there is a Kính gửi), each line "- …;", the last "- Lưu: ….".
      const first = all.indexOf('Nơi nhận:');
      expect(all[first + 1]).toBe('- Như trên;');
      expect(all.slice(first + 1).find((t) => t.startsWith('- Lưu:'))).toMatch(/^- Lưu: .+\.$/);
      // No tag left, no empty paragraph where a field came out empty.
      expect(all.join('\n')).not.toContain('{{');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
