/**
 * Text a signer reads without editing (issue 13), for the round shapes that produce each defect:
 * no submissions; one submission; many submitters with identical texts; month, quarter, half,
 * 9-month and year rounds. Each build runs through the CLI (forms out, filled, build, the .docx
 * read back); the report model is rebuilt from the same folders with the stage functions.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_YEARS, bgBudget, bgPlan, bgProgress2025 } from '../../scripts/examples/bacgiang.js';
import { fillForm, type FormInput } from '../../scripts/examples/fill.js';
import type { PlanData } from '../../scripts/examples/plan-workbook.js';
import { aggregate } from '../../src/aggregate/index.js';
import type { EarlierRound } from '../../src/model/earlier.js';
import { checkRound } from '../../src/incremental/index.js';
import { periodMonths } from '../../src/model/period.js';
import type { Plan } from '../../src/model/plan.js';
import type { ReportModel } from '../../src/model/report.js';
import { parseRoundName, type Round } from '../../src/model/round.js';
import { listRoundDirs } from '../../src/read/inputs.js';
import { readWorkbookFile } from '../../src/read/index.js';
import { validatePlan } from '../../src/validate/plan.js';
import { cli, docxText, docxXml, tempPlan } from './helpers.js';

type Env = Awaited<ReturnType<typeof tempPlan>>;
const envs: Env[] = [];

async function newPlan(data: PlanData, id: string): Promise<Env> {
  const env = await tempPlan(data, id);
  envs.push(env);
  return env;
}

afterAll(async () => {
  await Promise.all(envs.map((e) => e.cleanup()));
});

/** `baocao forms` for a round; returns the form of an agency by its order in the plan (1-based). */
async function forms(env: Env, round: string): Promise<(order: number) => Promise<Buffer>> {
  const dir = join(env.out, 'bieu-mau', round);
  await mkdir(join(env.planDir, round), { recursive: true });
  const r = await cli('forms', join(env.planDir, round), '--out', dir);
  expect(r.code, r.out + r.err).toBe(0);
  const files = await readdir(dir);
  return async (order) => {
    const name = files.find((f) => f.startsWith(`${String(order).padStart(2, '0')}-`));
    if (!name) throw new Error(`no form ${order} in ${files.join(', ')}`);
    return readFile(join(dir, name));
  };
}

/** Fills and saves the forms of some agencies for a round. */
async function submit(env: Env, data: PlanData, round: string, answers: Record<string, FormInput>, years: readonly number[], spentYear?: number): Promise<void> {
  const form = await forms(env, round);
  for (const [code, input] of Object.entries(answers)) {
    const order = data.agencies.findIndex((a) => a.code === code) + 1;
    const bytes = await fillForm(await form(order), { preparedBy: 'Cán bộ', ...input }, years, spentYear);
    await writeFile(join(env.planDir, round, `${code.toLowerCase()}.xlsx`), bytes);
  }
}

interface Built {
  readonly model: ReportModel;
  readonly text: string;
  readonly xml: string;
}

/** `baocao build` of a round, and the model the same stages make of it (with the earlier rounds, as the run does). */
async function build(env: Env, roundId: string): Promise<Built> {
  const out = join(env.out, roundId);
  const r = await cli('build', join(env.planDir, roundId), '--out', out);
  expect(r.code, r.out + r.err).toBe(0);
  const docx = join(out, 'bao-cao.docx');
  return { model: await modelOf(env.planDir, roundId), text: await docxText(docx), xml: await docxXml(docx) };
}

async function modelOf(planDir: string, roundId: string): Promise<ReportModel> {
  const read = await readWorkbookFile(join(planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
  if (!read.workbook) throw new Error('plan unreadable');
  const { plan } = validatePlan(read.workbook, basename(planDir), planDir);
  if (!plan) throw new Error('plan invalid');
  const roundOf = (dir: string): Round => ({ id: basename(dir), dir, ...parseRoundName(basename(dir)) });
  const round = roundOf(join(planDir, roundId));
  const earlier: EarlierRound[] = [];
  for (const dir of await listRoundDirs(planDir)) {
    const other = roundOf(dir);
    if (!other.period || !round.period || other.id === round.id) continue;
    const sameYearBefore = other.period.year === round.period.year && periodMonths(other.period)[1] < periodMonths(round.period)[0];
    const earlierYear = other.period.kind === 'year' && other.period.year < round.period.year;
    if (!sameYearBefore && !earlierYear) continue;
    const v = (await checkRound(plan as Plan, other, {})).validated;
    earlier.push({ round: other, submissions: v.submissions.filter((s) => s.errorCount === 0) });
  }
  const { validated } = await checkRound(plan as Plan, round, {});
  return aggregate(validated, { today: '2026-12-20', earlier });
}

/** The text-repeated rule of the output lint: a sentence of 40+ characters three times or more in the body (tables aside). */
function repeatedSentences(xml: string): string[] {
  const paragraphs = (xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? []).map((p) =>
    (p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
  );
  const seen = new Map<string, number>();
  for (const p of paragraphs) for (const s of p.split(/(?<=[.;:])\s+/)) if (s.length >= 40) seen.set(s, (seen.get(s) ?? 0) + 1);
  return [...seen].filter(([, n]) => n >= 3).map(([s]) => s);
}

/** Section text between two headings of the body ("II. TỒN TẠI" up to "III."). */
function section(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + from.length);
  return a < 0 ? '' : text.slice(a, b < 0 ? undefined : b);
}

/** The trích yếu: the paragraph after "BÁO CÁO". */
function summaryLine(text: string): string {
  const lines = text.split('\n');
  return lines[lines.indexOf('BÁO CÁO') + 1] ?? '';
}

/** Sentences a signer would have to rewrite, whatever the round. */
const NEVER = [/:;/, /Đến nay:\s*[;.]/, /của 0 cơ quan/, /là - /, /đạt -%/, /- nghìn đồng/, /thực hiện 0 /, /đạt 0 /, /đạt 0,00%/, /đóng góp - /, /undefined|NaN|null/];

function expectCleanText(b: Built): void {
  for (const bad of NEVER) expect(b.text, String(bad)).not.toMatch(bad);
  expect(repeatedSentences(b.xml)).toEqual([]);
}

describe('no submissions yet', () => {
  let b: Built;
  beforeAll(async () => {
    const env = await newPlan(bgPlan, 'bg-none');
    await mkdir(join(env.planDir, '2025'), { recursive: true });
    b = await build(env, '2025');
  }, 60_000);

  it('model: nothing used, every task without a report, no difficulty', () => {
    expect(b.model.used).toBe(0);
    expect(b.model.progress?.counts['Chưa báo cáo']).toBe(20);
    expect(b.model.progress?.difficultyGroups).toEqual([]);
    expect(b.model.missing).toHaveLength(11);
  });

  it('says what is true: nobody has reported, so there is nothing to add up, and who to wait for', () => {
    expectCleanText(b);
    expect(b.text).toContain('Kế hoạch có 20 nhiệm vụ. Đến thời điểm tổng hợp, chưa có cơ quan, đơn vị nào gửi báo cáo nên chưa có kết quả thực hiện để tổng hợp.');
    expect(b.text).not.toContain('trên cơ sở báo cáo của các cơ quan, đơn vị');
    expect(b.text).not.toContain('Dự toán kinh phí');
    expect(b.text).toContain('chưa tổng hợp được khó khăn, vướng mắc');
    expect(b.text).not.toContain('không báo cáo khó khăn');
    expect(b.text).toMatch(/chưa có báo cáo của 11 cơ quan, đơn vị: Sở Ngoại vụ; /);
    // The 20 tasks are not listed one by one as "chưa báo cáo".
    expect(b.text.match(/chưa báo cáo\)/g) ?? []).toHaveLength(0);
  });
});

describe('one submission', () => {
  let b: Built;
  beforeAll(async () => {
    const env = await newPlan(bgPlan, 'bg-one');
    await submit(env, bgPlan, 'du-toan', { SNGV: { budget: bgBudget.SNGV ?? [] } }, [...BG_YEARS]);
    // Sở Ngoại vụ reports its tasks but has spent nothing yet.
    const lines = (bgBudget.SNGV ?? []).length;
    await submit(env, bgPlan, '2025', { SNGV: { tasks: bgProgress2025.SNGV ?? [], spent: Array.from({ length: lines }, () => 0) } }, [...BG_YEARS], 2025);
    b = await build(env, '2025');
  }, 90_000);

  it('model: one submission, its estimate, nothing spent', () => {
    expect(b.model.used).toBe(1);
    expect(b.model.budget?.groups.map((g) => g.agencyCode)).toEqual(['SNGV']);
    expect(b.model.budget?.total.spent).toBe(0);
    expect(b.model.progress?.counts['Chưa báo cáo']).toBeGreaterThan(0);
  });

  it('counts the tasks without an empty list, and says the budget has no result yet', () => {
    expectCleanText(b);
    const p = b.model.progress;
    if (!p) throw new Error('no progress');
    const parts = (['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thực hiện'] as const)
      .filter((s) => p.counts[s] > 0)
      .map((s) => `${p.counts[s]} nhiệm vụ ${s.toLocaleLowerCase('vi')}`);
    expect(b.text).toContain(`Đến nay: ${[...parts, `${p.counts['Chưa báo cáo']} nhiệm vụ chưa có báo cáo của cơ quan chủ trì`].join('; ')}.`);
    const estimate = b.model.budget?.total.years[0] ?? 0;
    expect(b.text).toContain(`Dự toán kinh phí năm 2025 của 1 cơ quan, đơn vị đã báo cáo là ${estimate.toLocaleString('vi-VN')} nghìn đồng; chưa có kết quả thực hiện.`);
    expect(b.text).toContain('Sở Ngoại vụ (nhiệm vụ 1.3): Lịch làm việc của phía Nam Ninh');
  });

  it('Nơi nhận does not repeat the Kính gửi recipient after "Như trên"', () => {
    const closing = b.text.slice(b.text.indexOf('Nơi nhận:'));
    expect(b.text).toContain('Kính gửi: Bộ Ngoại giao.');
    expect(closing).toMatch(/^Nơi nhận:\n- Như trên;\n- Ban Đối ngoại Trung ương;/);
    expect(closing.slice(0, closing.indexOf('Lưu:'))).not.toContain('Bộ Ngoại giao');
  });
});

describe('many submitters writing the same words', () => {
  const GROUP = 'UBND các xã, phường';
  const communes = Array.from({ length: 12 }, (_, i) => ({ code: `X${String(i + 1).padStart(2, '0')}`, name: `UBND xã Thử ${i + 1}` }));
  const plan: PlanData = {
    info: {
      title: 'Phát triển thương mại điện tử tỉnh Thử năm 2026',
      symbol: 'KH-UBND',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH THỬ',
      issuerShort: 'UBND tỉnh Thử',
      province: 'Thử',
      place: 'Thử',
      secretariat: 'Sở Công Thương',
      signAuthority: 'TM. ỦY BAN NHÂN DÂN',
      signTitle: 'CHỦ TỊCH',
      signName: 'Nguyễn Văn Thử',
      years: '2026',
      moneyUnit: 'triệu đồng',
      reportTo: 'Bộ Công Thương',
    },
    agencies: [
      { code: 'SCT', name: 'Sở Công Thương', sheets: 'Nhiệm vụ' },
      { code: 'STC', name: 'Sở Tài chính', sheets: 'Nhiệm vụ' },
      ...communes.map((c) => ({ ...c, sheets: 'Nhiệm vụ', group: GROUP })),
    ],
    fields: [
      { number: '1', title: 'Các sở' },
      { number: '2', title: 'Các xã, phường' },
    ],
    tasks: [
      { id: '1.1', text: 'Xây dựng kế hoạch năm.', time: '2026', lead: 'SCT', coordinators: '', coordinatorCodes: '' },
      { id: '1.2', text: 'Bố trí kinh phí.', time: '2026', lead: 'STC', coordinators: '', coordinatorCodes: '' },
      { id: '2.1', text: 'Triển khai kế hoạch trên địa bàn.', time: '2026', lead: GROUP, coordinators: '', coordinatorCodes: '' },
    ],
    recipients: ['Bộ Công Thương', 'BỘ CÔNG THƯƠNG (b/c)', 'Sở Tài chính', 'Lưu: VT'],
  };
  const HARD = 'Hạ tầng viễn thông, giao nhận ở các thôn vùng cao còn hạn chế; chưa có thương nhân bán hàng trực tuyến.';
  // The same difficulty as eight communes typed it: case, spacing and the final stop differ.
  const typed = [HARD, HARD.toUpperCase(), `  ${HARD}`, HARD.replace('.', ''), HARD.replace(', ', ',   '), HARD, HARD.normalize('NFD'), `${HARD.slice(0, -1)};`];
  const classes = [1, 2, 1, 1, 3, 2, 1, 1, 2, 1, 1, 2];
  const trainees = [12, 40, 9, 8, 75, 31, 10, 11, 44, 7, 9, 38];
  let b: Built;
  beforeAll(async () => {
    const env = await newPlan(plan, 'thu-nhieu-xa');
    const answers: Record<string, FormInput> = {
      SCT: { tasks: [{ id: '1.1', status: 'Hoàn thành', result: 'Ban hành kế hoạch năm 2026.', proposals: 'Đề nghị bố trí kinh phí tập huấn cho các xã.' }] },
      STC: { tasks: [{ id: '1.2', status: 'Hoàn thành', result: 'Bố trí 500 triệu đồng.', proposals: 'đề nghị bố trí kinh phí tập huấn cho các xã' }] },
    };
    communes.forEach((c, i) => {
      answers[c.code] = {
        agency: { code: c.code, name: c.name },
        tasks: [
          {
            id: '2.1',
            status: 'Đang thực hiện',
            result: `${i < 10 ? 'Ban hành Kế hoạch triển khai trên địa bàn xã' : 'Đang xây dựng kế hoạch'}; tổ chức ${classes[i]} lớp tập huấn cho ${trainees[i]} lượt cán bộ.`,
            ...(i < 8 ? { difficulties: typed[i] } : i === 8 ? { difficulties: 'Thiếu cán bộ chuyên trách.' } : {}),
          },
        ],
      };
    });
    await submit(env, plan, '2026', answers, [2026]);
    b = await build(env, '2026');
  }, 120_000);

  it('model: the difficulty of eight communes is one group, counted against the 12; two identical proposals name both', () => {
    const groups = b.model.progress?.difficultyGroups ?? [];
    expect(groups.map((g) => [g.who, g.taskIds, g.agencies.length])).toEqual([
      ['8/12 xã, phường', ['2.1'], 8],
      ['UBND xã Thử 9', ['2.1'], 1],
    ]);
    expect(groups[0]?.text).toBe(HARD);
    expect(b.model.progress?.proposalGroups.map((g) => [g.who, g.taskIds])).toEqual([['Sở Công Thương; Sở Tài chính', ['1.1', '1.2']]]);
  });

  it('model: the shared result counted (10/12) and the training counts added up over the 12', () => {
    const task = b.model.progress?.fields.flatMap((f) => f.tasks).find((t) => t.id === '2.1');
    const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
    expect(task?.sharedResults.map((g) => [g.text, g.who, g.summed])).toEqual([
      [`tổ chức ${sum(classes)} lớp tập huấn cho ${sum(trainees)} lượt cán bộ.`, '12/12 xã, phường', true],
      ['Ban hành Kế hoạch triển khai trên địa bàn xã', '10/12 xã, phường', false],
      ['Đang xây dựng kế hoạch', 'UBND xã Thử 11; UBND xã Thử 12', false],
    ]);
  });

  it('the report says each once with who said it; the lint finds no repeated sentence', () => {
    expectCleanText(b);
    const hard = section(b.text, 'II. TỒN TẠI', 'III.');
    expect(hard).toContain(`- 8/12 xã, phường (nhiệm vụ 2.1): ${HARD}`);
    expect(b.text.split('thôn vùng cao').length - 1).toBe(1);
    expect(b.text).toContain('- Sở Công Thương; Sở Tài chính (nhiệm vụ 1.1, 1.2): Đề nghị bố trí kinh phí tập huấn cho các xã.');
    expect(b.text).toContain(`12/12 xã, phường đã báo cáo (12 đang thực hiện). Kết quả chủ yếu: tổ chức ${classes.reduce((a, x) => a + x, 0)} lớp tập huấn cho ${trainees.reduce((a, x) => a + x, 0)} lượt cán bộ (tổng số của 12/12 xã, phường); Ban hành Kế hoạch triển khai trên địa bàn xã (10/12 xã, phường)`);
  });

  it('Nơi nhận: the Kính gửi recipient, however typed, is not repeated', () => {
    const closing = b.text.slice(b.text.indexOf('Nơi nhận:'));
    expect(closing).toMatch(/^Nơi nhận:\n- Như trên;\n- Sở Tài chính;\n- Lưu: VT\./);
  });
});

describe('growth rounds: one period per figure, named; gaps in section II; titles for every period', () => {
  // Last year's and this year's quarterly value added (comparable prices) of four sectors.
  const BASE = { A: [100, 120, 130, 150], B: [200, 210, 220, 260], C: [50, 55, 60, 65], D: [20, 21, 22, 23] } as const;
  const NOW = { A: [104, 126, 150, 160], B: [214, 228, 260, 280], C: [53, 58, 68, 70], D: [21, 22, 24, 25] } as const;
  const SECTORS = ['A', 'B', 'C', 'D'] as const;
  const ROLES = { A: 'NLTS', B: 'CNXD', C: 'DV', D: 'THUE' } as const;
  const TITLE = 'Thực hiện kịch bản tăng trưởng kinh tế năm 2026 của tỉnh Mẫu';
  const data: PlanData = {
    info: {
      title: TITLE,
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
      reportTo: 'Ban Thường vụ Tỉnh ủy',
    },
    agencies: [
      { code: 'TK', name: 'Thống kê tỉnh Mẫu', sheets: 'Chỉ tiêu' },
      { code: 'SNN', name: 'Sở Nông nghiệp và Môi trường', sheets: 'Chỉ tiêu' },
    ],
    fields: [],
    tasks: [],
    recipients: ['Ban Thường vụ Tỉnh ủy', 'Thường trực HĐND tỉnh'],
    indicators: [
      { code: 'GRDP', name: 'GRDP (giá so sánh)', unit: 'tỷ đồng', group: 'Tăng trưởng', owner: 'TK', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: 'GRDP' },
      ...SECTORS.map((s) => ({ code: s, name: `Khu vực ${s}`, unit: 'tỷ đồng', group: 'Tăng trưởng', owner: 'TK', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn', grdp: ROLES[s] })),
      { code: 'NA', name: 'Sản lượng na', unit: 'tấn', group: 'Nông nghiệp', owner: 'SNN', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn' },
      { code: 'GIONG', name: 'Giống cây trồng mới được công nhận', unit: 'giống', group: 'Nông nghiệp', owner: 'SNN', combine: 'Một nguồn', direction: 'Tối thiểu', kind: 'Cộng dồn' },
    ],
    values: [
      ...SECTORS.flatMap((s) => BASE[s].map((v, i) => ({ code: s, period: `2026-Q${i + 1}`, plan: null, scenario: null, base: v }))),
      ...SECTORS.map((s) => ({ code: s, period: '2026-07', plan: null, scenario: null, base: BASE[s][2] / 3 })),
      { code: 'GRDP', period: '2026', plan: 9, scenario: null, base: null },
      { code: 'GRDP', period: '2026-Q3', plan: null, scenario: 18, base: null },
      { code: 'NA', period: '2026-Q3', plan: null, scenario: 600, base: 480 },
      { code: 'GIONG', period: '2026', plan: 2, scenario: null, base: null },
    ],
  };
  const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
  const level = (src: typeof BASE | typeof NOW, quarters: number[]) => sum(SECTORS.map((s) => sum(quarters.map((q) => src[s][q - 1] ?? 0))));
  const growth = (quarters: number[]) => (level(NOW, quarters) / level(BASE, quarters) - 1) * 100;
  const vn = (x: number) => x.toFixed(2).replace('.', ',');
  const sectorAnswers = (quarters: number[], single?: number) =>
    SECTORS.map((s) => ({ code: s, quarters: quarters.length > 1 ? quarters.map((q) => NOW[s][q - 1] ?? 0) : [], actual: single ?? sum(quarters.map((q) => NOW[s][q - 1] ?? 0)) }));
  const rounds: Record<string, Built> = {};
  let env: Env;

  beforeAll(async () => {
    env = await newPlan(data, 'tinh-mau-tang-truong');
    const y = [2026];
    await submit(env, data, '2026-H1', {
      TK: { indicators: sectorAnswers([1, 2]) },
      SNN: { indicators: [{ code: 'NA', quarters: [0, 0], actual: 0, note: 'Chưa đến vụ thu hoạch' }, { code: 'GIONG', quarters: [0, 0], actual: 0 }] },
    }, y);
    await submit(env, data, '2026-Q3', {
      TK: { indicators: sectorAnswers([3]) },
      SNN: { indicators: [{ code: 'NA', actual: 500 }, { code: 'GIONG', actual: 0 }] },
    }, y);
    await submit(env, data, '2026-9t', { TK: { indicators: sectorAnswers([1, 2, 3]) } }, y);
    await submit(env, data, '2026-H2', { TK: { indicators: sectorAnswers([3, 4]) } }, y);
    await submit(env, data, '2026', { TK: { indicators: sectorAnswers([1, 2, 3, 4]) } }, y);
    await submit(env, data, '2026-07', { TK: { indicators: SECTORS.map((s) => ({ code: s, actual: Math.round((NOW[s][2] / 3) * 10) / 10 })) } }, y);
    await mkdir(join(env.planDir, '2026-Q1'), { recursive: true });
    for (const id of ['2026-H1', '2026-Q3', '2026-9t', '2026-H2', '2026', '2026-07', '2026-Q1']) rounds[id] = await build(env, id);
  }, 300_000);

  it('quarter III: the quarter\'s growth and the 9 months\' growth, each computed from its own values and base', () => {
    const b = rounds['2026-Q3'] as Built;
    const q3 = growth([3]);
    const ytd = growth([1, 2, 3]);
    expect(Math.abs(q3 - ytd)).toBeGreaterThan(1);
    const row = b.model.indicators?.rows.find((r) => r.code === 'GRDP');
    expect(row?.growth).toBeCloseTo(q3, 9);
    expect(row?.ytd).toBeCloseTo(level(NOW, [1, 2, 3]), 9);
    expect(row?.ytdGrowth).toBeCloseTo(ytd, 9);
    expect(b.model.indicators?.grdp?.ytdGrowth).toBeCloseTo(ytd, 9);
    expectCleanText(b);
    expect(b.text).toContain(`GRDP (giá so sánh): quý III đạt ${level(NOW, [3]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(q3)}% so với cùng kỳ`);
    expect(b.text).toContain(`lũy kế 9 tháng đạt ${level(NOW, [1, 2, 3]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(ytd)}% so với cùng kỳ.`);
    expect(b.text).not.toContain(`lũy kế 9 tháng đạt ${level(NOW, [1, 2, 3]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(q3)}%`);
  });

  it('quarter III: section II states GRDP below its scenario, the product below its scenario, the planned item with nothing yet', () => {
    const b = rounds['2026-Q3'] as Built;
    const q3 = growth([3]);
    expect(b.model.indicators?.gaps.map((g) => [g.code, g.kind])).toEqual([
      ['GRDP', 'scenario'],
      ['NA', 'scenario'],
      ['GIONG', 'no-result'],
    ]);
    const ii = section(b.text, 'II. TỒN TẠI', 'III.');
    expect(ii).toContain(`GRDP (giá so sánh): quý III tăng ${vn(q3)}%, thấp hơn ${vn(18 - q3)} điểm phần trăm so với kịch bản (18,00%).`);
    expect(ii).toContain('Sản lượng na: quý III đạt 500 tấn, bằng 83,33% kịch bản (600 tấn).');
    expect(ii).toContain('Lũy kế 9 tháng, các chỉ tiêu sau chưa có kết quả: Giống cây trồng mới được công nhận (kế hoạch năm 2026: 2 giống).');
    expect(ii).not.toContain('không báo cáo khó khăn');
    expect(b.text).toContain('Giống cây trồng mới được công nhận: lũy kế 9 tháng chưa có kết quả (kế hoạch năm 2026: 2 giống).');
  });

  it('6 months: a product with nothing yet says so with the agency\'s note, never "0 tấn"', () => {
    const b = rounds['2026-H1'] as Built;
    expectCleanText(b);
    expect(b.model.indicators?.rows.find((r) => r.code === 'NA')?.actual).toBe(0);
    expect(b.text).toContain('Sản lượng na: 6 tháng đầu năm chưa có kết quả (Chưa đến vụ thu hoạch).');
    expect(b.text).toContain('Giống cây trồng mới được công nhận: 6 tháng đầu năm chưa có kết quả (kế hoạch năm 2026: 2 giống).');
    expect(b.text).toContain(`GRDP (giá so sánh): 6 tháng đầu năm đạt ${level(NOW, [1, 2]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(growth([1, 2]))}% so với cùng kỳ.`);
  });

  it('9 months, second half, year and month rounds name their own periods', () => {
    expect(rounds['2026-9t']?.text).toContain(`GRDP (giá so sánh): 9 tháng đạt ${level(NOW, [1, 2, 3]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(growth([1, 2, 3]))}% so với cùng kỳ.`);
    const h2 = rounds['2026-H2'] as Built;
    expect(h2.text).toContain(`GRDP (giá so sánh): 6 tháng cuối năm đạt ${level(NOW, [3, 4]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(growth([3, 4]))}% so với cùng kỳ`);
    expect(h2.text).toContain(`lũy kế cả năm đạt ${level(NOW, [1, 2, 3, 4]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(growth([1, 2, 3, 4]))}% so với cùng kỳ.`);
    expect(rounds['2026']?.text).toContain(`GRDP (giá so sánh): năm 2026 đạt ${level(NOW, [1, 2, 3, 4]).toLocaleString('vi-VN')} tỷ đồng, tăng ${vn(growth([1, 2, 3, 4]))}% so với cùng kỳ.`);
    expect(rounds['2026-07']?.text).toMatch(/GRDP \(giá so sánh\): tháng 7 đạt [\d.,]+ tỷ đồng, tăng [\d,]+% so với cùng kỳ; lũy kế 7 tháng đạt [\d.,]+ tỷ đồng\./);
    for (const id of ['2026-9t', '2026-H2', '2026', '2026-07']) expectCleanText(rounds[id] as Built);
  });

  it('the trích yếu reads naturally for every period: the round\'s period once, never after the plan\'s own', () => {
    const titleLower = TITLE.charAt(0).toLocaleLowerCase('vi') + TITLE.slice(1);
    for (const [id, b] of Object.entries(rounds)) {
      const summary = summaryLine(b.text);
      expect(summary, id).toBe(`Kết quả ${b.model.round.label} thực hiện Kế hoạch ${titleLower}`);
      expect(summary, id).not.toMatch(/\d{4}, (?:năm|quý|tháng|6 tháng|9 tháng)/);
    }
  });

  it('a quarter with no submission: no figure is invented', () => {
    const b = rounds['2026-Q1'] as Built;
    expect(b.model.used).toBe(0);
    expectCleanText(b);
    expect(b.text).toContain('Đến thời điểm tổng hợp, chưa có cơ quan, đơn vị nào gửi báo cáo nên chưa có kết quả thực hiện để tổng hợp.');
    expect(b.text).not.toContain('Kết quả thực hiện các chỉ tiêu');
    expect(b.text).not.toContain('II. TỒN TẠI, HẠN CHẾ\n- ');
  });

  it('Nơi nhận: the Kính gửi recipient is not repeated', () => {
    const closing = (rounds['2026'] as Built).text;
    expect(closing.slice(closing.indexOf('Nơi nhận:'))).toMatch(/^Nơi nhận:\n- Như trên;\n- Thường trực HĐND tỉnh;\n- Lưu: VT\./);
  });
});
