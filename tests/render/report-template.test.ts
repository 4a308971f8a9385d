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
import { nd30Warnings, wordTemplateProblems } from '../../src/render/word-template.js';
import { REPORT_SNAPSHOT_FILE, REPORT_SNAPSHOT_TODAY, summariseReport, summariseReports, type ReportSummary } from '../fixtures/report-summary.js';

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
