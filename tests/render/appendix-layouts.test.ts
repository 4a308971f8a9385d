/**
 * The shipped appendix layouts (templates/phu-luc-*.xlsx, issue 14) give the appendix workbooks
 * the code gave before them: for every round shipped under input/, cell values, formulas with
 * their cached results, number formats, fonts, borders, fills, merges, widths, heights, page
 * setup, header/footer and panes equal the snapshot taken on the code that laid them out
 * (tests/render/appendix-before.json, written by tests/fixtures/write-appendix-snapshot.ts).
 * And the committed layouts are what scripts/appendix-layouts.ts makes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLayout } from '../../scripts/appendix-layouts.js';
import { APPENDIX_LAYOUT_KINDS, appendixLayoutFile } from '../../src/model/templates.js';
import { runBuild } from '../../src/run.js';
import { readLayout } from '../../src/render/xlsx/layout.js';
import { SNAPSHOT_FILE, SNAPSHOT_TODAY, summariseAppendices, summariseWorkbook, type Json } from '../fixtures/appendix-summary.js';

let out: string;
let after: Record<string, Json>;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'baocao-appendix-after-'));
  const r = await runBuild(resolve('input'), { outDir: out, today: SNAPSHOT_TODAY });
  expect(r.exitCode, r.messages.join('\n')).toBeLessThan(2);
  after = await summariseAppendices(out);
}, 120_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the shipped appendix layouts', () => {
  it('build every shipped round into the appendix workbooks the code made before the layouts', async () => {
    const before = JSON.parse(await readFile(SNAPSHOT_FILE, 'utf8')) as Record<string, Json>;
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
  });

  it.each(APPENDIX_LAYOUT_KINDS)('templates/phu-luc-%s.xlsx is what scripts/appendix-layouts.ts makes, and reads without a problem', async (kind) => {
    const name = `templates/${appendixLayoutFile(kind)}`;
    const committed = await readFile(resolve(name));
    expect(await summariseWorkbook(committed)).toEqual(await summariseWorkbook(await makeLayout(kind)));
    const { layout, problems } = await readLayout({ name, bytes: committed });
    expect(problems).toEqual([]);
    expect(layout?.sheets.length).toBeGreaterThan(0);
  });
});
