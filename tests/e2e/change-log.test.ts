/**
 * The change log: every build keeps its figures; the next build writes thay-doi.xlsx and prints
 * each figure that changed (where, old → new, the agency file and cell), totals included, or
 * says that nothing changed.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_YEARS, bgBudget } from '../../scripts/examples/bacgiang.js';
import { foldKey } from '../../src/vn/index.js';

/** Báo Bắc Giang's only budget line, as the change log keys it (by content, not position). */
const BBG_LINE = 'tin bai anh clip tuyen truyen tren bao in va bao dien tu';
import { fillForm } from '../../scripts/examples/fill.js';
import { CHANGE_HEADERS, NO_CHANGES } from '../../src/render/xlsx/changes.js';
import { cli, loadXlsx } from './helpers.js';
import { copyExample, type ExampleCopy } from './example-copy.js';

let env: ExampleCopy;
let roundDir: string;
let out: string;

beforeAll(async () => {
  env = await copyExample();
  roundDir = join(env.planDir, 'du-toan');
  out = join(env.out, 'du-toan');
});

afterAll(async () => {
  await env.cleanup();
});

describe('baocao build keeps a change log', () => {
  it('the first build keeps the figures and writes no change log', async () => {
    const r = await cli('build', roundDir, '--out', out);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Lần lập đầu tiên');
    const names = await readdir(out);
    expect(names).toContain('.baocao-snapshot.json');
    expect(names).not.toContain('thay-doi.xlsx');
  });

  it('a build with nothing new says so', async () => {
    const r = await cli('build', roundDir, '--out', out);
    expect(r.out).toContain(NO_CHANGES);
    const ws = (await loadXlsx(join(out, 'thay-doi.xlsx'))).getWorksheet('Thay đổi');
    expect(ws?.getCell('A5').value).toBe(NO_CHANGES);
  });

  it('after a corrected workbook it lists exactly the figures that moved, with the cell that caused them', async () => {
    // Báo Bắc Giang sends a correction: line 1 quantity 4 → 5, so Thành tiền 399.600 → 499.500 and 2025 99.900 → 199.800.
    const file = join(roundDir, '05-bao-bac-giang.xlsx');
    const lines = (bgBudget['BBG'] ?? []).map((l, i) => (i === 0 ? { ...l, quantity: 5, years: [199800, 99900, 99900, 99900] } : l));
    await writeFile(file, await fillForm(await readFile(file), { budget: lines }, [...BG_YEARS]));
    const r = await cli('build', roundDir, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { changes: { changes: { key: string; old: number; new: number; diff: number; source: { file: string; sheet: string; cell: string } | null; total: boolean }[] } };
    const changes = json.changes.changes;
    expect(changes.map((c) => [c.key, c.old, c.new, c.diff])).toEqual([
      [`du-toan|BBG|${BBG_LINE}|quantity`, 4, 5, 1],
      [`du-toan|BBG|${BBG_LINE}|amount`, 399600, 499500, 99900],
      [`du-toan|BBG|${BBG_LINE}|y2025`, 99900, 199800, 99900],
      ['du-toan|BBG|group|amount', 399600, 499500, 99900],
      ['du-toan|BBG|group|y2025', 99900, 199800, 99900],
      ['du-toan|total||amount', 5810810, 5910710, 99900],
      ['du-toan|total||y2025', 2040225, 2140125, 99900],
    ]);
    expect(changes[0]?.source).toEqual({ file: '05-bao-bac-giang.xlsx', sheet: 'Kinh phí', cell: 'D5' });
    expect(changes[1]?.source).toEqual({ file: '05-bao-bac-giang.xlsx', sheet: 'Kinh phí', cell: 'F5' });
    expect(changes[2]?.source).toEqual({ file: '05-bao-bac-giang.xlsx', sheet: 'Kinh phí', cell: 'G5' });
    expect(changes[3]?.source).toEqual({ file: '05-bao-bac-giang.xlsx', sheet: '', cell: '' });
    expect(changes[5]?.total).toBe(true);
    // The console says the same in Vietnamese.
    expect(r.err).toMatch(/Số liệu thay đổi so với lần lập lúc .*: 7/);
    expect(r.err).toMatch(/Số lượng: 4 → 5 \(\+1\) — tệp "05-bao-bac-giang\.xlsx", ô Kinh phí!D5/);
    expect(r.err).toContain('Dự toán kinh phí › V. Báo Bắc Giang › 1. Tin, bài, ảnh, clip');
    expect(r.err).toMatch(/Thành tiền: 399\.600 → 499\.500 \(\+99\.900\) — tệp "05-bao-bac-giang\.xlsx", ô Kinh phí!F5/);
    expect(r.err).toMatch(/Tổng cộng › Thành tiền: 5\.810\.810 → 5\.910\.710 \(\+99\.900\) — tổng tính lại từ các dòng/);
    // thay-doi.xlsx: the listing with its headers, one row per change.
    const ws = (await loadXlsx(join(out, 'thay-doi.xlsx'))).getWorksheet('Thay đổi');
    if (!ws) throw new Error('no sheet');
    expect(CHANGE_HEADERS.map((_, i) => ws.getCell(4, i + 1).value)).toEqual([...CHANGE_HEADERS]);
    expect(CHANGE_HEADERS.map((_, i) => ws.getCell(6, i + 1).value)).toEqual([
      'Dự toán kinh phí',
      'V. Báo Bắc Giang',
      expect.stringMatching(/^1\. Tin, bài/),
      'Thành tiền',
      399600,
      499500,
      99900,
      '05-bao-bac-giang.xlsx',
      'Kinh phí',
      'F5',
    ]);
    expect(ws.getCell('A11').value).toBe('Dự toán kinh phí');
    expect(ws.getCell('A12').value).toBeNull();
  });

  it('a file that now has errors takes its figures out, and the log says where they went', async () => {
    const file = join(roundDir, '05-bao-bac-giang.xlsx');
    const lines = (bgBudget['BBG'] ?? []).map((l, i) => (i === 0 ? { ...l, quantity: 'bốn' } : l));
    await writeFile(file, await fillForm(await readFile(file), { budget: lines }, [...BG_YEARS]));
    const r = await cli('build', roundDir, '--out', out, '--json');
    const json = JSON.parse(r.out) as { changes: { changes: { key: string; new: number | null }[] } };
    const removed = json.changes.changes.filter((c) => c.key.startsWith('du-toan|BBG|'));
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((c) => c.new === null)).toBe(true);
    expect(r.err).toContain('→ (không có)');
  });
});

describe('a line inserted above others', () => {
  it('is listed as new, and the lines below it are not listed as changed', async () => {
    const roundDir = join(env.planDir, 'du-toan');
    const o = join(env.out, 'insert');
    const file = join(roundDir, '05-bao-bac-giang.xlsx');
    const original = bgBudget['BBG'] ?? [];
    await writeFile(file, await fillForm(await readFile(file), { budget: original }, [...BG_YEARS]));
    expect((await cli('build', roundDir, '--out', o)).code).toBe(0);
    const added = { content: 'Phóng sự chuyên đề hợp tác Bắc Giang – Nam Ninh', unit: 'phóng sự', quantity: 2, rate: 15000, years: [30000, 0, 0, 0] };
    await writeFile(file, await fillForm(await readFile(file), { budget: [added, ...original] }, [...BG_YEARS]));
    const r = await cli('build', roundDir, '--out', o, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { changes: { changes: { key: string; old: number | null; new: number | null; line: string }[] } };
    const ours = json.changes.changes.filter((c) => c.key.startsWith('du-toan|BBG|'));
    const newLine = 'phong su chuyen de hop tac bac giang nam ninh';
    expect(ours.map((c) => [c.key, c.old, c.new])).toEqual([
      [`du-toan|BBG|${newLine}|quantity`, null, 2],
      [`du-toan|BBG|${newLine}|rate`, null, 15000],
      [`du-toan|BBG|${newLine}|amount`, null, 30000],
      [`du-toan|BBG|${newLine}|y2025`, null, 30000],
      [`du-toan|BBG|${newLine}|y2026`, null, 0],
      [`du-toan|BBG|${newLine}|y2027`, null, 0],
      [`du-toan|BBG|${newLine}|y2028`, null, 0],
      ['du-toan|BBG|group|amount', 399600, 429600],
      ['du-toan|BBG|group|y2025', 99900, 129900],
    ]);
    // The line that moved from 1 to 2 keeps its figures: not in the list.
    expect(ours.some((c) => c.key.includes(BBG_LINE))).toBe(false);
    expect(ours[0]?.line).toMatch(/^1\. Phóng sự/);
  });
});

describe('progress rounds', () => {
  it('a task status reported differently is listed with its cell, and the counts with it; spending too', async () => {
    const dir = join(env.planDir, '2025');
    const o = join(env.out, '2025');
    expect((await cli('build', dir, '--out', o)).code).toBe(0);
    const file = join(dir, '01-so-ngoai-vu.xlsx');
    await writeFile(
      file,
      await fillForm(await readFile(file), { tasks: [{ id: '1.3', status: 'Hoàn thành', result: 'Đã tổ chức đủ 02 đoàn công tác cấp sở.' }], spent: [177875, 190200, 98500, 67320, 120000] }, [...BG_YEARS], 2025),
    );
    const r = await cli('build', dir, '--out', o, '--json');
    const json = JSON.parse(r.out) as { changes: { changes: { key: string; old: unknown; new: unknown; source: { file: string; sheet: string; cell: string } | null }[] } };
    const byKey = new Map(json.changes.changes.map((c) => [c.key, c]));
    expect(byKey.get('nhiem-vu|1|1.3|status')).toMatchObject({ old: 'Đang thực hiện', new: 'Hoàn thành', source: { file: '01-so-ngoai-vu.xlsx', sheet: 'Nhiệm vụ' } });
    expect(byKey.get('nhiem-vu|total|count|Hoàn thành')).toBeDefined();
    expect(byKey.get('nhiem-vu|total|count|Đang thực hiện')).toBeDefined();
    expect(byKey.get(`kinh-phi|SNGV|${foldKey(bgBudget['SNGV']?.[4]?.content ?? '')}|spent`)).toMatchObject({ old: 128250, new: 120000, source: { file: '01-so-ngoai-vu.xlsx', sheet: 'Kinh phí' } });
    expect(byKey.get('kinh-phi|total||spent')).toBeDefined();
    // The percentage of the estimate spent moves with it: computed by baocao, pointing at the spent cell.
    expect(byKey.get(`kinh-phi|SNGV|${foldKey(bgBudget['SNGV']?.[4]?.content ?? '')}|pct`)).toMatchObject({ source: { file: '01-so-ngoai-vu.xlsx', sheet: 'Kinh phí' } });
    expect(byKey.get('kinh-phi|total||pct')).toBeDefined();
    expect(r.err).toContain('Tình trạng: "Đang thực hiện" → "Hoàn thành"');
  });
});

describe('indicator rounds', () => {
  it('a commune correcting one figure: its own figure with its cell, then the sum and the ratio computed from it', async () => {
    const { cp, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { resolve } = await import('node:path');
    const { TMDT_PLAN_ID } = await import('../../scripts/examples/tmdt.js');
    const root = await mkdtemp(join(tmpdir(), 'baocao-ind-'));
    try {
      const planDir = join(root, TMDT_PLAN_ID);
      await cp(resolve('input', TMDT_PLAN_ID), planDir, { recursive: true });
      const roundDir = join(planDir, '2027');
      const o = join(root, 'out');
      expect((await cli('build', roundDir, '--out', o)).code).toBe(0);
      const file = join(roundDir, '19-ubnd-xa-that-khe.xlsx');
      await writeFile(file, await fillForm(await readFile(file), { indicators: [{ code: 'DN_UD', actual: 999 }] }, [2026, 2027, 2028, 2029, 2030], 2027));
      const r = await cli('build', roundDir, '--out', o, '--json');
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out) as { changes: { changes: { key: string; old: number | string | null; new: number | string | null; column: string; source: { file: string; sheet: string; cell: string } | null; total: boolean }[] } };
      const byKey = new Map(json.changes.changes.map((c) => [c.key, c]));
      const own = byKey.get('chi-tieu|DN_UD|src|X01') ?? [...byKey.values()].find((c) => c.key.startsWith('chi-tieu|DN_UD|src|'));
      expect(own).toMatchObject({ new: 999, total: false, source: { file: '19-ubnd-xa-that-khe.xlsx', sheet: 'Chỉ tiêu' } });
      expect(own?.column).toMatch(/^Số của .*Thất Khê/);
      const sum = byKey.get('chi-tieu|DN_UD|actual');
      expect(sum?.total).toBe(true);
      expect(Number(sum?.new) - Number(sum?.old)).toBe(999 - Number(own?.old));
      // The ratio computed from it (doanh nghiệp ứng dụng ÷ tổng số) moves too.
      expect(byKey.get('chi-tieu|TL_DN_UD|actual')).toBeDefined();
      // Nothing of another commune or indicator is listed.
      expect(json.changes.changes.filter((c) => c.key.includes('|src|')).map((c) => c.key)).toEqual([own?.key]);
      expect(json.changes.changes.every((c) => /^chi-tieu\|(DN_UD|TL_DN_UD)\|/.test(c.key))).toBe(true);
      expect(r.err).toContain('Chỉ tiêu ›');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);
});
