/**
 * Indicators end to end (issue 3): a made-up province submits quarterly value added through the
 * forms; baocao's growth, contributions and required growth match a hand computation; a table
 * that does not add up is reported at its cell; the shipped Lạng Sơn example reproduces seed 003.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import { cli, docxText, loadXlsx, tempPlan } from './helpers.js';

// Last year's quarterly value added (comparable prices) of a made-up province, and this year's.
const BASE = { A: [100, 120, 130, 150], B: [200, 210, 220, 260], C: [50, 55, 60, 65], D: [20, 21, 22, 23] } as const;
const NOW_H1 = { A: [104, 126], B: [214, 228], C: [53, 58], D: [21, 22] } as const;
const TARGET = 9;
const SECTORS = ['A', 'B', 'C', 'D'] as const;
const ROLES = { A: 'NLTS', B: 'CNXD', C: 'DV', D: 'THUE' } as const;

const plan: PlanData = {
  info: {
    title: 'Kịch bản tăng trưởng năm 2026 của tỉnh Mẫu',
    symbol: 'KH-UBND',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH MẪU',
    issuerShort: 'UBND tỉnh Mẫu',
    province: 'Mẫu',
    place: 'Mẫu',
    signTitle: 'CHỦ TỊCH',
    signName: 'Nguyễn Văn Mẫu',
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    years: '2026',
    moneyUnit: 'triệu đồng',
  },
  agencies: [
    { code: 'TK', name: 'Thống kê tỉnh Mẫu', sheets: 'Chỉ tiêu', deadline: 16 },
    { code: 'STC', name: 'Sở Tài chính', sheets: 'Chỉ tiêu', deadline: 18 },
  ],
  fields: [],
  tasks: [],
  recipients: ['Như trên'],
  indicators: [
    { code: 'GRDP', name: 'GRDP (giá so sánh)', unit: 'tỷ đồng', group: 'Tăng trưởng', owner: 'TK', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: 'GRDP', parent: '' },
    ...SECTORS.map((s) => ({ code: s, name: `Khu vực ${s}`, unit: 'tỷ đồng', group: 'Tăng trưởng', owner: 'TK', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: ROLES[s], parent: '' })),
    { code: 'SX', name: 'Giá trị sản xuất (giá hiện hành)', unit: 'tỷ đồng', group: 'Giá hiện hành', owner: 'TK', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: '', parent: '' },
    { code: 'THU', name: 'Thu ngân sách', unit: 'tỷ đồng', group: 'Ngân sách', owner: 'STC', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: '', parent: '' },
  ],
  values: [
    ...SECTORS.flatMap((s) => BASE[s].map((b, i) => ({ code: s, period: `2026-Q${i + 1}`, plan: null, scenario: null, base: b }))),
    { code: 'GRDP', period: '2026', plan: TARGET, scenario: null, base: null },
    { code: 'GRDP', period: '2026-H1', plan: null, scenario: 8, base: null },
    { code: 'THU', period: '2026', plan: 1000, scenario: null, base: null },
    { code: 'THU', period: '2026-H1', plan: null, scenario: null, base: 400 },
  ],
};

let env: Awaited<ReturnType<typeof tempPlan>>;
let roundDir: string;

async function form(round: string, order: number): Promise<Buffer> {
  const dir = join(env.out, 'bieu-mau', round);
  const r = await cli('forms', join(env.planDir, round), '--out', dir);
  expect(r.code, r.out + r.err).toBe(0);
  const name = (await readdir(dir)).find((f) => f.startsWith(`0${order}-`));
  return readFile(join(dir, name ?? ''));
}

beforeAll(async () => {
  env = await tempPlan(plan, 'tinh-mau-2026');
  roundDir = join(env.planDir, '2026-H1');
  await mkdir(roundDir, { recursive: true });
  const tk = await fillForm(
    await form('2026-H1', 1),
    {
      preparedDate: new Date(Date.UTC(2026, 5, 15)),
      indicators: [
        ...SECTORS.map((s) => ({ code: s, quarters: [...NOW_H1[s]], actual: null })),
        { code: 'SX', quarters: [300, 320], actual: 620 },
      ],
    },
    [2026],
  );
  await writeFile(join(roundDir, 'thong ke.xlsx'), tk);
  const stc = await fillForm(await form('2026-H1', 2), { preparedDate: new Date(Date.UTC(2026, 5, 17)), indicators: [{ code: 'THU', actual: 430 }] }, [2026]);
  await writeFile(join(roundDir, 'tai chinh.xlsx'), stc);
});

afterAll(async () => {
  await env.cleanup();
});

/** The numbers a statistician computes by hand (independent of baocao's code). */
function handComputation() {
  const b = (s: (typeof SECTORS)[number]) => BASE[s][0] + BASE[s][1];
  const n = (s: (typeof SECTORS)[number]) => NOW_H1[s][0] + NOW_H1[s][1];
  const baseTotal = SECTORS.reduce((a, s) => a + b(s), 0);
  const nowTotal = SECTORS.reduce((a, s) => a + n(s), 0);
  const growth = (nowTotal / baseTotal - 1) * 100;
  const contributions = SECTORS.map((s) => ((n(s) - b(s)) / baseTotal) * 100);
  const yearBase = SECTORS.reduce((a, s) => a + BASE[s].reduce((x, y) => x + y, 0), 0);
  const h2Base = SECTORS.reduce((a, s) => a + BASE[s][2] + BASE[s][3], 0);
  const required = ((yearBase * (1 + TARGET / 100) - nowTotal) / h2Base - 1) * 100;
  return { growth, contributions, required };
}

const vn = (x: number) => x.toFixed(2).replace('.', ',');

describe('GRDP growth from quarterly values submitted through the forms', () => {
  it('growth, contributions and the growth H2 must reach match the hand computation to 0,01 point', async () => {
    const out = join(env.out, 'h1');
    const r = await cli('build', roundDir, '--out', out);
    expect(r.code, r.out).toBe(0);
    const text = await docxText(join(out, 'bao-cao.docx'));
    const hand = handComputation();
    expect(text).toContain(`ước tăng ${vn(hand.growth)}% so với cùng kỳ`);
    for (const c of hand.contributions) expect(text).toContain(`đóng góp ${vn(c)} điểm phần trăm`);
    expect(text).toContain(`6 tháng cuối năm GRDP phải tăng tối thiểu ${vn(hand.required)}%`);
    // Against the H1 scenario of 8 %.
    const gap = hand.growth - 8;
    expect(text).toContain(`${gap < 0 ? 'thấp hơn' : 'cao hơn'} ${vn(Math.abs(gap))} điểm phần trăm so với kịch bản (8,00%)`);
    // The indicator appendix exists as Excel and in the report.
    const wb = await loadXlsx(join(out, 'phu-luc-chi-tieu.xlsx'));
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    expect(texts).toContain('Thu ngân sách');
    // Issue 13: each figure with its period named (was "thực hiện 430 tỷ đồng, đạt 43,00% kế hoạch năm, tăng 7,50% so với cùng kỳ").
    expect(text).toContain('Thu ngân sách: 6 tháng đầu năm đạt 430 tỷ đồng, tăng 7,50% so với cùng kỳ, đạt 43,00% kế hoạch năm.');
  });

  it('a value that breaks Quý I + Quý II = 6 tháng đầu năm is an error at its cell', async () => {
    const tk = await fillForm(
      await form('2026-H1', 1),
      { indicators: [...SECTORS.map((s) => ({ code: s, quarters: [...NOW_H1[s]], actual: null })), { code: 'SX', quarters: [300, 320], actual: 650 }] },
      [2026],
    );
    // A second plan folder with its own 2026-H1 round.
    const env2 = await tempPlan(plan, 'tinh-mau-2026');
    const dir = join(env2.planDir, '2026-H1');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'thong ke.xlsx'), tk);
    const r = await cli('check', dir, '--json', '--out', env2.out);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out) as { code: string; cell: string; sheet: string; message: string }[];
    const f = findings.find((x) => x.code === 'period_sum_mismatch');
    // SX is the 5th indicator row (row 9); columns: STT, Mã, Chỉ tiêu, ĐVT, KH, Quý I, Quý II, Thực hiện (H).
    expect(f).toMatchObject({ sheet: 'Chỉ tiêu', cell: 'H9' });
    expect(f?.message).toContain('620');
    expect(f?.message).toContain('650');
    await env2.cleanup();
  });
});

describe('the shipped Lạng Sơn example (seed 003)', () => {
  const dir = resolve('input/langson-tang-truong-2026');

  it('check reports the scenario table inconsistency with the numbers stated and implied', async () => {
    const r = await cli('check', join(dir, '2026-H1'), '--json', '--out', join(env.out, 'ls-check'));
    const findings = JSON.parse(r.out) as { code: string; file: string; cell: string; message: string }[];
    const year = findings.find((f) => f.code === 'scenario_inconsistent' && f.message.includes('6 tháng cuối năm phải tăng'));
    expect(year).toMatchObject({ file: 'ke-hoach.xlsx' });
    expect(year?.message).toContain('10,61%');
    expect(year?.message).toMatch(/10,2\d%|10,3\d%/);
    expect(year?.message).toMatch(/13,[6-9]\d%/);
  });

  it('the H1 report reproduces seed 003: +7,02 %, contributions 1,07 / 1,75 / 3,86 / 0,34, required H2 computed', async () => {
    const out = join(env.out, 'ls-h1');
    expect((await cli('build', join(dir, '2026-H1'), '--out', out)).code).toBe(0);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text).toContain('6 tháng đầu năm 2026 ước tăng 7,02% so với cùng kỳ, thấp hơn 2,22 điểm phần trăm so với kịch bản');
    for (const c of ['1,07', '1,75', '3,86', '0,34']) expect(text).toContain(`đóng góp ${c} điểm phần trăm`);
    expect(text).toMatch(/Để đạt mục tiêu tăng trưởng cả năm 10,61%, 6 tháng cuối năm GRDP phải tăng tối thiểu 13,7\d%/);
    expect(text).not.toContain('13,13%');
  });

  it('the Q3 report adds up 9 months from the H1 and Q3 rounds, lists the late and the missing agency', async () => {
    const out = join(env.out, 'ls-q3');
    expect((await cli('build', join(dir, '2026-Q3'), '--out', out)).code).toBe(0);
    const text = await docxText(join(out, 'bao-cao.docx'));
    expect(text).toContain('Lũy kế 9 tháng năm 2026, GRDP ước tăng');
    expect(text).toContain('quý IV GRDP phải tăng tối thiểu');
    expect(text).toMatch(/muộn[^.]*Sở Khoa học và Công nghệ \(muộn 3 ngày\)/);
    expect(text).toContain('chưa gửi báo cáo: Sở Giáo dục và Đào tạo');
  });
});
