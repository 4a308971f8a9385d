/**
 * `baocao status` end to end: a monthly round (2026-07) of a plan whose agencies must submit by the
 * 12th, 16th and 18th; one file arrives on time, one late, one agency never submits, one agency has
 * no deadline. The received registry is remembered across runs and the report names who was late.
 */
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgPlan } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import { RECEIVED_FILE } from '../../src/model/received.js';
import type { StatusRow } from '../../src/model/status.js';
import { cli, docxText, tempPlan } from './helpers.js';

const PLAN_ID = 'langson-thang-2026';
const ROUND = '2026-07';
const YEARS = [2025, 2026, 2027, 2028];

const plan: PlanData = {
  ...bgPlan,
  agencies: [
    { code: 'SCT', name: 'Sở Công Thương', aliases: ['Công Thương'], sheets: 'Nhiệm vụ', deadline: 12 },
    { code: 'CTK', name: 'Thống kê tỉnh', aliases: ['Thống kê'], sheets: 'Nhiệm vụ', deadline: 16 },
    { code: 'STC', name: 'Sở Tài chính', aliases: ['Tài chính'], sheets: 'Nhiệm vụ', deadline: 18 },
    { code: 'SNV', name: 'Sở Nội vụ', aliases: ['Nội vụ'], sheets: 'Nhiệm vụ' },
  ],
  fields: [{ number: '1', title: 'Phát triển kinh tế' }],
  tasks: [
    { id: '1.1', text: 'Thúc đẩy sản xuất công nghiệp.', time: 'Hằng tháng', lead: 'SCT', coordinators: '', coordinatorCodes: '' },
    { id: '1.2', text: 'Tổng hợp số liệu thống kê.', time: 'Hằng tháng', lead: 'CTK', coordinators: '', coordinatorCodes: '' },
    { id: '1.3', text: 'Tổng hợp báo cáo tài chính.', time: 'Hằng tháng', lead: 'STC', coordinators: '', coordinatorCodes: '' },
    { id: '1.4', text: 'Sắp xếp tổ chức bộ máy.', time: 'Hằng tháng', lead: 'SNV', coordinators: '', coordinatorCodes: '' },
  ],
};

/** An instant in Vietnam (+07:00). */
const vn = (local: string) => new Date(`${local}+07:00`);

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;
let outDir: string;

async function submit(order: number, code: string, file: string, taskId: string, prepared: Date, mtime: Date): Promise<void> {
  const formsDir = join(env.out, 'bieu-mau');
  const form = (await readdir(formsDir)).find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`));
  if (!form) throw new Error(`no form for ${code}`);
  const bytes = await fillForm(await readFile(join(formsDir, form)), { preparedBy: 'Hoàng Văn C', preparedDate: prepared, tasks: [{ id: taskId, status: 'Đang thực hiện', result: `Báo cáo của ${code}.` }] }, YEARS);
  const path = join(roundDir, file);
  await writeFile(path, bytes);
  await utimes(path, mtime, mtime);
}

beforeAll(async () => {
  env = await tempPlan(plan, PLAN_ID);
  roundDir = join(env.planDir, ROUND);
  outDir = join(env.out, PLAN_ID, ROUND);
  await mkdir(roundDir, { recursive: true });
  const forms = await cli('forms', roundDir, '--out', join(env.out, 'bieu-mau'));
  expect(forms.code, forms.out + forms.err).toBe(0);
  await submit(1, 'SCT', 'SCT thang 7.xlsx', '1.1', new Date(Date.UTC(2026, 6, 9)), vn('2026-07-10T09:15:00'));
  await submit(2, 'CTK', 'CTK thang 7.xlsx', '1.2', new Date(Date.UTC(2026, 6, 15)), vn('2026-07-19T10:00:00'));
  await submit(4, 'SNV', 'SNV thang 7.xlsx', '1.4', new Date(Date.UTC(2026, 6, 20)), vn('2026-07-21T08:00:00'));
  await writeFile(join(roundDir, 'ghi chu.xlsx'), 'Không phải báo cáo.');
  await utimes(join(roundDir, 'ghi chu.xlsx'), vn('2026-07-11T08:00:00'), vn('2026-07-11T08:00:00'));
});

afterAll(async () => {
  await env.cleanup();
});

describe('baocao status', () => {
  let first: Awaited<ReturnType<typeof cli>>;
  let registryText: string;
  beforeAll(async () => {
    first = await cli('status', roundDir, '--out', outDir);
    registryText = await readFile(join(outDir, RECEIVED_FILE), 'utf8');
  });

  it('prints totals first, then each agency with its state, and exits 0', () => {
    expect(first.code, first.out + first.err).toBe(0);
    const lines = first.out.split('\n');
    expect(lines[0]).toContain('tháng 7 năm 2026');
    expect(lines[1]).toContain('4 cơ quan: 1 đúng hạn, 1 muộn, 1 chưa nộp, 1 đã nộp (chưa có hạn nộp); 1 tệp không dùng được.');
    const line = (name: string) => lines.find((l) => l.includes(`${name} (`)) ?? '';
    expect(line('Sở Công Thương')).toMatch(/✓ Đúng hạn\s+Sở Công Thương \(SCT\): tệp "SCT thang 7.xlsx", nhận ngày 10\/07\/2026, ngày lập 09\/07\/2026, hạn 12\/07\/2026\./);
    expect(line('Thống kê tỉnh')).toMatch(/! Muộn 3 ngày\s+Thống kê tỉnh \(CTK\): .*nhận ngày 19\/07\/2026, ngày lập 15\/07\/2026, hạn 16\/07\/2026/);
    expect(line('Sở Tài chính')).toMatch(/✗ Chưa nộp\s+Sở Tài chính \(STC\): hạn 18\/07\/2026/);
    expect(line('Sở Nội vụ')).toMatch(/· Đã nộp\s+Sở Nội vụ \(SNV\): .*chưa có hạn nộp/);
    expect(first.out).toMatch(/Tệp không dùng được.*\n\s+\? ghi chu\.xlsx: không đọc được; nhận ngày 11\/07\/2026\./);
  });

  it('--json prints one row per agency with the same states', async () => {
    const r = await cli('status', roundDir, '--out', outDir, '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as StatusRow[];
    expect(rows.map((x) => [x.code, x.state, x.daysLate, x.dueDate])).toEqual([
      ['SCT', 'on-time', 0, '2026-07-12'],
      ['CTK', 'late', 3, '2026-07-16'],
      ['STC', 'missing', 0, '2026-07-18'],
      ['SNV', 'no-deadline', 0, null],
    ]);
    expect(rows[0]).toMatchObject({ file: 'SCT thang 7.xlsx', receivedAt: vn('2026-07-10T09:15:00').toISOString(), receivedDate: '2026-07-10', preparedDate: '2026-07-09' });
    expect(rows[2]).toMatchObject({ file: null, receivedAt: null, preparedDate: null });
  });

  it('remembers when each file was first seen across runs', async () => {
    const registry = JSON.parse(registryText) as { files: { file: string; sha256: string; firstSeen: string }[] };
    expect(registry.files.map((f) => f.file)).toEqual(['CTK thang 7.xlsx', 'SCT thang 7.xlsx', 'SNV thang 7.xlsx', 'ghi chu.xlsx']);
    const before = (await stat(join(outDir, RECEIVED_FILE))).mtimeMs;
    await cli('status', roundDir, '--out', outDir);
    expect(await readFile(join(outDir, RECEIVED_FILE), 'utf8')).toBe(registryText);
    expect((await stat(join(outDir, RECEIVED_FILE))).mtimeMs).toBe(before);
  });

  it('is recorded by check too, in the check’s output folder', async () => {
    const checkOut = join(env.out, 'check-only');
    await cli('check', roundDir, '--out', checkOut);
    const registry = JSON.parse(await readFile(join(checkOut, RECEIVED_FILE), 'utf8')) as { files: { file: string }[] };
    expect(registry.files).toHaveLength(4);
  });

  it('has Vietnamese help', async () => {
    const r = await cli('status', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('đúng hạn, muộn bao nhiêu ngày');
  });

  it('exits 2 for a folder that is not a round', async () => {
    expect((await cli('status', join(env.root, 'khong-co'))).code).toBe(2);
  });
});

describe('the progress report', () => {
  it('lists the late and the missing agencies', async () => {
    const r = await cli('build', roundDir, '--out', outDir);
    expect(r.code, r.out + r.err).toBe(0);
    const text = await docxText(join(outDir, 'bao-cao.docx'));
    expect(text).toContain('Các cơ quan, đơn vị gửi báo cáo muộn: Thống kê tỉnh (muộn 3 ngày).');
    expect(text).toContain('chưa gửi báo cáo: Sở Tài chính.');
    expect(text.indexOf('gửi báo cáo muộn')).toBeLessThan(text.indexOf('chưa gửi báo cáo'));
  });
});
