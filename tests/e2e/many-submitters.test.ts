/**
 * Many submitters and multi-year targets (issue 4): 75 communes (one group, "UBND các xã,
 * phường") and 5 departments report a five-year plan, rounds 2026 and 2027, through the forms
 * `baocao forms` writes. Checked against hand computations:
 *  (a) a province rate over many communes is Σ numerators ÷ Σ denominators (not the mean of the
 *      communes' rates); the share of communes with an online seller counts those reporting ≥ 1;
 *  (b) each target's status follows the README rule (achieved / on track / at risk / not achievable);
 *  (c) with 80 submitters and 7 missing, `status` and the report name exactly those 7;
 *  (d) a target over the whole plan (3.000 trainees) adds up the rounds 2026 and 2027.
 *
 * Fast: one form is filled per distinct content (five commune profiles per round) and its bytes
 * are saved under each commune's name (the form's "Thông tin" leaves the agency blank, so the
 * file name tells who sent it); files are written in parallel.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import { COMMUNES } from '../../scripts/examples/tmdt.js';
import { TRACK_LABELS } from '../../src/calc/track.js';
import type { TrackStatus } from '../../src/model/report.js';
import { slugify } from '../../src/render/xlsx/forms.js';
import { cli, docxText, loadXlsx, numberOf, tempPlan } from './helpers.js';

const GROUP = 'UBND các xã, phường';
const EXTRA = ['Bắc Thủy', 'Gia Cát', 'Hòa Bình', 'Minh Sơn', 'Mai Pha', 'Hoàng Đồng', 'Tân Liên', 'Yên Trạch', 'Tú Đoạn', 'Đồng Bục'];
const communes = [...COMMUNES.map((c) => c.name), ...EXTRA.map((p) => `UBND xã ${p}`)].map((name, i) => ({
  code: `X${String(i + 1).padStart(2, '0')}`,
  name,
  index: i,
}));
const DEPARTMENTS = [
  { code: 'SCT', name: 'Sở Công Thương' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
  { code: 'THUE', name: 'Thuế tỉnh' },
  { code: 'NHNN', name: 'Ngân hàng Nhà nước khu vực 5' },
] as const;

type Direction = 'min' | 'max' | 'above' | 'below';
const WORD: Record<Direction, string> = { min: 'Tối thiểu', max: 'Tối đa', above: 'Trên', below: 'Dưới' };

/** Department rates crafted for each status in 2027 (path: 2/5 of the way from 2025 to 2030). */
const RATES = [
  { code: 'R_MAX', name: 'Tỷ lệ bao bì nhựa (thử)', owner: 'SCT', direction: 'max', baseline: 62, target: 45, v2026: 60, v2027: 44, expect: 'achieved' },
  { code: 'R_EDGE', name: 'Tỷ lệ chỉ tiêu "trên" đúng bằng mục tiêu (thử)', owner: 'SCT', direction: 'above', baseline: 40, target: 70, v2026: 45, v2027: 70, expect: 'on-track' },
  { code: 'R_MIN', name: 'Tỷ lệ hóa đơn điện tử (thử)', owner: 'STC', direction: 'min', baseline: 50, target: 100, v2026: 58, v2027: 72, expect: 'on-track' },
  { code: 'R_ABOVE', name: 'Tỷ lệ bao bì tái chế (thử)', owner: 'SNNMT', direction: 'above', baseline: 40, target: 70, v2026: 44, v2027: 50, expect: 'at-risk' },
  { code: 'R_BELOW', name: 'Tỷ lệ website vi phạm (thử)', owner: 'THUE', direction: 'below', baseline: 14, target: 10, v2026: 13, v2027: 16, expect: 'not-achievable' },
  { code: 'R_NHNN', name: 'Thanh toán không dùng tiền mặt (thử)', owner: 'NHNN', direction: 'min', baseline: 58, target: 80, v2026: 63, v2027: null, expect: null },
] as const;

const NAMES = {
  ratio: 'Tỷ lệ doanh nghiệp ứng dụng TMĐT (thử)',
  coverage: 'Tỷ lệ xã, phường có thương nhân bán hàng trực tuyến (thử)',
  training: 'Lượt người được tập huấn về TMĐT (thử)',
};

const plan: PlanData = {
  info: {
    title: 'Phát triển thương mại điện tử tỉnh Thử giai đoạn 2026-2030',
    symbol: 'KH-UBND',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH THỬ',
    issuerShort: 'UBND tỉnh Thử',
    province: 'Thử',
    place: 'Thử',
    secretariat: 'Sở Công Thương',
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signTitle: 'CHỦ TỊCH',
    signName: 'Nguyễn Văn Thử',
    years: '2026 - 2030',
    moneyUnit: 'triệu đồng',
    reportTo: 'Bộ Công Thương',
  },
  agencies: [
    ...DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, sheets: 'Chỉ tiêu', deadline: 15 })),
    ...communes.map((c) => ({ code: c.code, name: c.name, sheets: 'Chỉ tiêu', deadline: 10, group: GROUP })),
  ],
  fields: [],
  tasks: [],
  recipients: ['Như trên'],
  indicators: [
    { code: 'DN_TONG', name: 'Doanh nghiệp đang hoạt động (thử)', unit: 'doanh nghiệp', group: 'Doanh nghiệp', owner: GROUP, combine: 'Cộng', kind: 'Thời điểm' },
    { code: 'DN_UD', name: 'Doanh nghiệp ứng dụng TMĐT (thử)', unit: 'doanh nghiệp', group: 'Doanh nghiệp', owner: GROUP, combine: 'Cộng', kind: 'Thời điểm' },
    { code: 'TL_DN_UD', name: NAMES.ratio, unit: '%', group: 'Doanh nghiệp', owner: GROUP, kind: 'Tỷ lệ tính từ số liệu', numerator: 'DN_UD', denominator: 'DN_TONG', direction: 'Trên', baselineYear: '2025', baselineValue: '40', targetYear: '2030', targetValue: '70' },
    { code: 'TN_BAN', name: 'Thương nhân bán hàng trực tuyến (thử)', unit: 'thương nhân', group: 'Xã, phường', owner: GROUP, combine: 'Cộng', kind: 'Thời điểm' },
    { code: 'TL_XA_CO_TN', name: NAMES.coverage, unit: '%', group: 'Xã, phường', owner: GROUP, kind: 'Tỷ lệ đơn vị có', numerator: 'TN_BAN', direction: 'Tối thiểu', baselineYear: '2025', baselineValue: '60', targetYear: '2030', targetValue: '100' },
    { code: 'DAO_TAO', name: NAMES.training, unit: 'lượt', group: 'Nhân lực', owner: GROUP, combine: 'Cộng', kind: 'Cộng dồn', accumulate: 'Có', direction: 'Trên', baselineYear: '2025', baselineValue: '0', targetYear: '2030', targetValue: '3000' },
    ...RATES.map((r) => ({
      code: r.code,
      name: r.name,
      unit: '%',
      group: 'Tỷ lệ do sở, ngành đo',
      owner: r.owner,
      combine: 'Một nguồn',
      kind: 'Tỷ lệ',
      direction: WORD[r.direction],
      baselineYear: '2025',
      baselineValue: String(r.baseline),
      targetYear: '2030',
      targetValue: String(r.target),
    })),
  ],
};

type Counts = { DN_TONG: number; DN_UD: number; TN_BAN: number; DAO_TAO: number };
type Round = '2026' | '2027';
/** Five commune profiles per round: a few large wards, then medium, small, tiny and without enterprises. */
const PROFILES: Record<Round, Counts[]> = {
  '2026': [
    { DN_TONG: 800, DN_UD: 520, TN_BAN: 150, DAO_TAO: 60 },
    { DN_TONG: 120, DN_UD: 48, TN_BAN: 12, DAO_TAO: 20 },
    { DN_TONG: 20, DN_UD: 5, TN_BAN: 1, DAO_TAO: 8 },
    { DN_TONG: 10, DN_UD: 2, TN_BAN: 0, DAO_TAO: 6 },
    { DN_TONG: 5, DN_UD: 0, TN_BAN: 0, DAO_TAO: 4 },
  ],
  '2027': [
    { DN_TONG: 840, DN_UD: 580, TN_BAN: 170, DAO_TAO: 70 },
    { DN_TONG: 125, DN_UD: 55, TN_BAN: 14, DAO_TAO: 22 },
    { DN_TONG: 21, DN_UD: 6, TN_BAN: 2, DAO_TAO: 9 },
    { DN_TONG: 10, DN_UD: 3, TN_BAN: 1, DAO_TAO: 7 },
    { DN_TONG: 5, DN_UD: 0, TN_BAN: 0, DAO_TAO: 4 },
  ],
};
const profileOf = (i: number): number => (i < 3 ? 0 : 1 + (i % 4));

/** 2027: six communes (one of them a large ward) and one department have not submitted. */
const MISSING_COMMUNES = [0, 10, 25, 40, 60, 74].map((i) => communes[i]?.name ?? '');
const MISSING_DEPARTMENT = 'NHNN';
const MISSING_2027 = [...MISSING_COMMUNES, DEPARTMENTS.find((d) => d.code === MISSING_DEPARTMENT)?.name ?? ''];
const submitted = (round: Round) => communes.filter((c) => round === '2026' || !MISSING_COMMUNES.includes(c.name));

let env: Awaited<ReturnType<typeof tempPlan>>;
const roundDir = (round: Round) => join(env.planDir, round);
const outDir = (round: Round) => join(env.out, round);

async function writeRound(round: Round): Promise<void> {
  const dir = roundDir(round);
  await mkdir(dir, { recursive: true });
  const formsDir = join(env.out, 'bieu-mau', round);
  const r = await cli('forms', dir, '--out', formsDir);
  expect(r.code, r.out + r.err).toBe(0);
  const files = await readdir(formsDir);
  const form = (order: number) => readFile(join(formsDir, files.find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`)) ?? 'missing'));
  const year = Number(round);
  const date = new Date(Date.UTC(year, 11, 5));
  // Departments: their own forms.
  const departments = DEPARTMENTS.filter((d) => round === '2026' || d.code !== MISSING_DEPARTMENT).map(async (d) => {
    const order = DEPARTMENTS.findIndex((x) => x.code === d.code) + 1;
    const indicators = RATES.filter((x) => x.owner === d.code).map((x) => ({ code: x.code, actual: round === '2026' ? x.v2026 : x.v2027 }));
    const bytes = await fillForm(await form(order), { preparedBy: 'Cán bộ thử', preparedDate: date, indicators }, [year]);
    await writeFile(join(dir, files.find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`)) ?? ''), bytes);
  });
  // Communes: one filled form per profile (from the first commune's form, agency left blank).
  const template = await form(DEPARTMENTS.length + 1);
  const filled = await Promise.all(
    PROFILES[round].map((p) =>
      fillForm(
        template,
        {
          agency: { code: '', name: '' },
          preparedBy: 'Cán bộ xã',
          preparedDate: date,
          indicators: Object.entries(p).map(([code, actual]) => ({ code, actual: actual as number })),
        },
        [year],
      ),
    ),
  );
  await Promise.all([
    ...departments,
    ...submitted(round).map((c) => writeFile(join(dir, `${slugify(c.name)}.xlsx`), filled[profileOf(c.index)] ?? Buffer.alloc(0))),
  ]);
}

beforeAll(async () => {
  env = await tempPlan(plan, 'tinh-thu-tmdt-2026-2030');
  await writeRound('2026');
  await writeRound('2027');
  for (const round of ['2026', '2027'] as const) {
    const r = await cli('build', roundDir(round), '--out', outDir(round));
    expect(r.code, r.out + r.err).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await env.cleanup();
});

// --- Reading the results back.

const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v);
};

/** The indicator appendix: by indicator name, the figure of the round and the judgement. */
async function indicatorRows(round: Round): Promise<Map<string, { actual: number | null; track: string }>> {
  const wb = await loadXlsx(join(outDir(round), 'phu-luc-chi-tieu.xlsx'));
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  let header = 0;
  const cols = new Map<string, number>();
  ws.eachRow((row, r) => {
    if (header) return;
    if (cellText(row.getCell(1)) === 'STT') {
      header = r;
      row.eachCell((c, col) => cols.set(cellText(c), col));
    }
  });
  const find = (pred: (h: string) => boolean) => [...cols.entries()].find(([h]) => pred(h))?.[1] ?? 0;
  const nameCol = find((h) => h === 'Chỉ tiêu');
  const actualCol = find((h) => h.startsWith('Thực hiện'));
  const trackCol = find((h) => h === 'Đánh giá');
  expect(nameCol * actualCol * trackCol, `columns of ${[...cols.keys()].join(' | ')}`).toBeGreaterThan(0);
  const out = new Map<string, { actual: number | null; track: string }>();
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.set(cellText(row.getCell(nameCol)), { actual: numberOf(row.getCell(actualCol)), track: cellText(row.getCell(trackCol)) });
  }
  return out;
}

/** The README rule (src/calc/track.ts doc comment), written out here independently. */
function readmeRule(direction: Direction, baseline: number, target: number, year: number, value: number): TrackStatus {
  const up = direction === 'min' || direction === 'above';
  const strict = direction === 'above' || direction === 'below';
  const reached = up ? (strict ? value > target : value >= target) : strict ? value < target : value <= target;
  if (reached) return 'achieved';
  if (year >= 2030) return 'not-achievable';
  const path = baseline + ((target - baseline) * (year - 2025)) / 5;
  if (up ? value >= path : value <= path) return 'on-track';
  const needed = Math.abs(target - value) / (2030 - year);
  return needed <= (2 * Math.abs(target - baseline)) / 5 ? 'at-risk' : 'not-achievable';
}

const sum = (round: Round, key: keyof Counts) => submitted(round).reduce((a, c) => a + (PROFILES[round][profileOf(c.index)]?.[key] ?? 0), 0);

describe('(a) province rates from the communes\' counts', () => {
  for (const round of ['2026', '2027'] as const) {
    it(`${round}: the rate is Σ numerators ÷ Σ denominators, not the mean of the communes' rates`, async () => {
      const rows = await indicatorRows(round);
      const ratio = (sum(round, 'DN_UD') / sum(round, 'DN_TONG')) * 100;
      const rates = submitted(round).map((c) => {
        const p = PROFILES[round][profileOf(c.index)] as Counts;
        return (p.DN_UD / p.DN_TONG) * 100;
      });
      const mean = rates.reduce((a, x) => a + x, 0) / rates.length;
      expect(Math.abs(ratio - mean)).toBeGreaterThan(10);
      // Issue 13: the appendix holds the figure as shown (two decimals), not the float behind it.
      expect(rows.get(NAMES.ratio)?.actual).toBe(Math.round(ratio * 100) / 100);
      expect(rows.get('Doanh nghiệp ứng dụng TMĐT (thử)')?.actual).toBe(sum(round, 'DN_UD'));
      expect(rows.get('Doanh nghiệp đang hoạt động (thử)')?.actual).toBe(sum(round, 'DN_TONG'));
    });

    it(`${round}: the share of communes with an online seller counts those reporting ≥ 1 (not submitted = none)`, async () => {
      const rows = await indicatorRows(round);
      const withSeller = submitted(round).filter((c) => (PROFILES[round][profileOf(c.index)]?.TN_BAN ?? 0) >= 1).length;
      expect(rows.get(NAMES.coverage)?.actual).toBeCloseTo((withSeller / communes.length) * 100, 6);
    });
  }

  it('the numbers are as computed by hand for 2026 (75 communes)', () => {
    // 3 large (800/520), then 18 each of the medium, small, tiny and empty profiles.
    expect(sum('2026', 'DN_TONG')).toBe(3 * 800 + 18 * (120 + 20 + 10 + 5));
    expect(sum('2026', 'DN_UD')).toBe(3 * 520 + 18 * (48 + 5 + 2 + 0));
    expect((sum('2026', 'DN_UD') / sum('2026', 'DN_TONG')) * 100).toBeCloseTo((2550 / 5190) * 100, 9);
  });
});

describe('(b) on-track status of each target in the yearly round 2027', () => {
  it('crafted department rates: achieved, on track (also "Trên" at exactly the target), at risk, not achievable', async () => {
    const rows = await indicatorRows('2027');
    for (const r of RATES) {
      const row = rows.get(r.name);
      if (r.v2027 === null) {
        // The department has not submitted: no figure, no judgement.
        expect(row?.actual ?? null).toBeNull();
        expect(row?.track).toBe('');
        continue;
      }
      expect(r.expect).toBe(readmeRule(r.direction, r.baseline, r.target, 2027, r.v2027));
      expect(row?.track, r.code).toBe(TRACK_LABELS[r.expect as TrackStatus]);
    }
    const text = await docxText(join(outDir('2027'), 'bao-cao.docx'));
    const offTrack = /Các chỉ tiêu có nguy cơ không đạt hoặc khó đạt mục tiêu:([^\n]*)/.exec(text)?.[1] ?? '';
    for (const r of RATES) {
      const listed = offTrack.includes(r.name);
      expect(listed, r.code).toBe(r.expect === 'at-risk' || r.expect === 'not-achievable');
    }
  });

  it('derived rates are judged on their computed values', async () => {
    const rows = await indicatorRows('2027');
    const ratio = (sum('2027', 'DN_UD') / sum('2027', 'DN_TONG')) * 100;
    expect(rows.get(NAMES.ratio)?.track).toBe(TRACK_LABELS[readmeRule('above', 40, 70, 2027, ratio)]);
    const coverage = rows.get(NAMES.coverage)?.actual ?? NaN;
    expect(rows.get(NAMES.coverage)?.track).toBe(TRACK_LABELS[readmeRule('min', 60, 100, 2027, coverage)]);
  });
});

describe('(c) 80 submitters, 7 missing', () => {
  it('`baocao status` names exactly the 7 missing', async () => {
    const r = await cli('status', roundDir('2027'), '--out', outDir('2027'), '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { code: string; name: string; state: string }[];
    expect(rows).toHaveLength(80);
    expect(rows.filter((x) => x.state === 'missing').map((x) => x.name).sort()).toEqual([...MISSING_2027].sort());
    const text = await cli('status', roundDir('2027'), '--out', outDir('2027'));
    expect(text.out).toContain('80 cơ quan:');
    expect(text.out).toContain('7 chưa nộp');
    expect(text.out.split('\n').filter((l) => l.includes('✗ Chưa nộp'))).toHaveLength(7);
  });

  it('the report lists exactly the 7 as not yet submitted; in 2026 nobody', async () => {
    const text = await docxText(join(outDir('2027'), 'bao-cao.docx'));
    const list = /chưa gửi báo cáo: ([^\n]*)\./.exec(text)?.[1] ?? '';
    expect(list.split('; ').sort()).toEqual([...MISSING_2027].sort());
    expect(await docxText(join(outDir('2026'), 'bao-cao.docx'))).not.toContain('chưa gửi báo cáo');
  });

  it('the per-commune table marks exactly the 6 missing communes', async () => {
    const wb = await loadXlsx(join(outDir('2027'), 'phu-luc-chi-tieu.xlsx'));
    const sheet = wb.worksheets.find((ws) => {
      let n = 0;
      ws.eachRow((row) => row.eachCell((c) => (communes.some((x) => x.name === cellText(c)) ? n++ : 0)));
      return n === communes.length;
    });
    expect(sheet, 'a sheet listing every commune').toBeDefined();
    const marked: string[] = [];
    sheet?.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((c) => cells.push(cellText(c)));
      const name = cells.find((t) => communes.some((x) => x.name === t));
      if (name && cells.includes('Chưa nộp')) marked.push(name);
    });
    expect(marked.sort()).toEqual([...MISSING_COMMUNES].sort());
  });
});

describe('(d) a target over the whole plan adds up the yearly rounds', () => {
  it('3.000 trainees 2026–2030: 2027 is judged on 2026 + 2027', async () => {
    const s2026 = sum('2026', 'DAO_TAO');
    const s2027 = sum('2027', 'DAO_TAO');
    const rows2026 = await indicatorRows('2026');
    const rows2027 = await indicatorRows('2027');
    expect(rows2026.get(NAMES.training)?.actual).toBe(s2026);
    expect(rows2027.get(NAMES.training)?.actual).toBe(s2027);
    expect(rows2026.get(NAMES.training)?.track).toBe(TRACK_LABELS[readmeRule('above', 0, 3000, 2026, s2026)]);
    expect(rows2027.get(NAMES.training)?.track).toBe(TRACK_LABELS[readmeRule('above', 0, 3000, 2027, s2026 + s2027)]);
    // Judged on the total, not on the year alone: alone, 2027 would be behind the path (1.200).
    expect(readmeRule('above', 0, 3000, 2027, s2027)).not.toBe(readmeRule('above', 0, 3000, 2027, s2026 + s2027));
    const text = await docxText(join(outDir('2027'), 'bao-cao.docx'));
    expect(text).toContain(`${(s2026 + s2027).toLocaleString('vi-VN')} lượt`);
  });
});
