/**
 * Round folders named as people name them: "Quý III năm 2026" builds the same report as
 * "2026-Q3"; a name that says no period is refused aloud (exit 2, the accepted forms listed);
 * a build over a folder of plans names every sub-folder it passed over.
 */
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/run.js';
import { cli, docxText, loadXlsx } from './helpers.js';

const PLAN = 'langson-tang-truong-2026';
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

/** A private copy of the shipped growth plan, its Q3 round folder named `q3Name`. */
async function growthCopy(q3Name: string): Promise<{ root: string; planDir: string; roundDir: string; out: string }> {
  const root = await mkdtemp(join(tmpdir(), 'baocao-rounds-'));
  roots.push(root);
  const planDir = join(root, 'input', PLAN);
  await cp(resolve('input', PLAN), planDir, { recursive: true });
  if (q3Name !== '2026-Q3') await rename(join(planDir, '2026-Q3'), join(planDir, q3Name));
  return { root, planDir, roundDir: join(planDir, q3Name), out: join(root, 'output', PLAN, q3Name) };
}

async function cellValues(path: string): Promise<unknown[]> {
  const wb = await loadXlsx(path);
  const values: unknown[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => values.push(`${ws.name}!${c.address}=${JSON.stringify(c.value)}`))));
  return values;
}

describe('a round folder named "Quý III năm 2026"', () => {
  it('gives the same report and appendix as "2026-Q3", with the period in words', async () => {
    const a = await growthCopy('2026-Q3');
    const b = await growthCopy('Quý III năm 2026');
    const ra = await runBuild(a.roundDir, { outDir: a.out, today: '2026-10-05' });
    const rb = await runBuild(b.roundDir, { outDir: b.out, today: '2026-10-05' });
    expect(rb.exitCode).toBe(ra.exitCode);
    expect(rb.findings.map((f) => `${f.file} ${f.cell} ${f.code}`)).toEqual(ra.findings.map((f) => `${f.file} ${f.cell} ${f.code}`));
    // The indicator appendix exists and holds the same figures (year-to-date included: H1 was found).
    expect(await cellValues(join(b.out, 'phu-luc-chi-tieu.xlsx'))).toEqual(await cellValues(join(a.out, 'phu-luc-chi-tieu.xlsx')));
    const text = await docxText(join(b.out, 'bao-cao.docx'));
    expect(text).toBe(await docxText(join(a.out, 'bao-cao.docx')));
    expect(text).toContain('quý III năm 2026');
    expect(text).not.toContain('quý III/2026');
  });
});

describe('a round folder whose name says no period', () => {
  it.each(['check', 'build', 'forms', 'status'])('%s refuses it with exit 2 and lists the accepted names', async (cmd) => {
    const c = await growthCopy('2026-Q3');
    const dir = join(c.planDir, 'Dot 1 moi');
    await mkdir(dir);
    const r = await cli(cmd, dir, '--out', join(c.root, 'output', 'x'));
    expect(r.code).toBe(2);
    const text = r.out + r.err;
    expect(text).toContain('Không hiểu tên thư mục đợt báo cáo "Dot 1 moi"');
    expect(text).toContain('Quý III năm 2026');
    expect(text).toContain('2026-Q3');
    expect(text).toContain('Du toan');
  });
});

describe('build and check over a folder of plans', () => {
  it('names every sub-folder passed over and why', async () => {
    const c = await growthCopy('2026-Q3');
    const input = join(c.root, 'input');
    await mkdir(join(input, 'ke-hoach-chua-xong'));
    await writeFile(join(input, 'ke-hoach-chua-xong', 'ghi-chu.txt'), 'chưa có tệp kế hoạch');
    await mkdir(join(c.planDir, 'tai lieu tham khao'));
    await mkdir(join(c.planDir, '.an'));
    for (const cmd of ['build', 'check']) {
      const r = await cli(cmd, input, '--out', join(c.root, 'output'));
      expect(r.code).toBeLessThan(2);
      const text = r.out + r.err;
      expect(text).toContain('Đã bỏ qua 2 thư mục');
      expect(text).toMatch(/ke-hoach-chua-xong: không có tệp ke-hoach\.xlsx/);
      expect(text).toMatch(/tai lieu tham khao: tên thư mục không cho biết kỳ báo cáo/);
      expect(text).not.toContain('.an');
    }
    const json = await cli('build', input, '--out', join(c.root, 'output'), '--json');
    const summary = JSON.parse(json.out) as { skipped: { path: string; reason: string }[] };
    expect(summary.skipped.map((k) => k.path.split(/[\\/]/).pop()).sort()).toEqual(['ke-hoach-chua-xong', 'tai lieu tham khao']);
  });
});
