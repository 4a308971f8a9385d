/**
 * A period's figure that looks cumulative (typed from January although baocao adds the earlier
 * rounds itself), checked against the agency's figures in the earlier rounds of the year. The
 * shipped Lạng Sơn rounds (6 tháng đầu năm, quý III năm 2026: real seasonal and lumpy figures)
 * are read once; each case edits the quý III figures in memory.
 */
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LS_PLAN_ID } from '../../scripts/examples/langson.js';
import { checkRound } from '../../src/incremental/index.js';
import type { EarlierRound } from '../../src/model/earlier.js';
import type { Plan } from '../../src/model/plan.js';
import { makePeriod, parseRoundName, type Round } from '../../src/model/round.js';
import type { Submission } from '../../src/model/submission.js';
import { readWorkbookFile } from '../../src/read/index.js';
import { validateAcrossRounds, type ValidateOutput } from '../../src/validate/index.js';
import { isRecurring, looksCumulative, looksPartial } from '../../src/validate/across-rounds.js';
import { outlierWords } from '../../src/validate/indicator-sheet.js';
import { validatePlan } from '../../src/validate/plan.js';

const planDir = resolve('input', LS_PLAN_ID);
const roundOf = (id: string): Round => ({ id, dir: join(planDir, id), ...parseRoundName(id) });

let plan: Plan;
let h1: EarlierRound;
let q3: ValidateOutput;

beforeAll(async () => {
  const read = await readWorkbookFile(join(planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
  if (!read.workbook) throw new Error('plan unreadable');
  const opened = validatePlan(read.workbook, basename(planDir), planDir);
  if (!opened.plan) throw new Error('plan invalid');
  plan = opened.plan;
  const first = (await checkRound(plan, roundOf('2026-H1'), {})).validated;
  h1 = { round: first.round, submissions: first.submissions.filter((s) => s.errorCount === 0) };
  q3 = (await checkRound(plan, roundOf('2026-Q3'), {})).validated;
}, 60_000);

/** The quý III round with one agency's figure of one indicator changed (actual, and base when given). */
function edited(code: string, actual: number | null, base?: number | null): ValidateOutput {
  let hit = false;
  const submissions = q3.submissions.map((s): Submission => {
    if (!s.indicators?.some((r) => r.code === code)) return s;
    hit = true;
    return { ...s, indicators: s.indicators.map((r) => (r.code === code ? { ...r, actual, base: base === undefined ? r.base : base } : r)) };
  });
  if (!hit) throw new Error(`nobody reports ${code}`);
  return { ...q3, submissions };
}

const cumulative = (v: ValidateOutput, earlier: readonly EarlierRound[] = [h1]) => validateAcrossRounds(v, earlier).findings.filter((f) => f.code === 'indicator_cumulative');

describe('a quý III figure typed as the 9 months to date', () => {
  it('the shipped rounds (cinnamon bark harvested in quý III, seedlings, a few projects) say nothing', () => {
    expect(cumulative(q3)).toEqual([]);
    expect(validateAcrossRounds(q3, [h1])).toBe(q3);
  });

  // VOQUE: 6 tháng đầu năm 795 t, quý III 1.238 t, quý III/2025 1.190 t. NOXH: 85 then 96 flats, no last year's figure.
  it.each([
    ['VOQUE typed from January (795 + 1.238), last year\'s quý III kept', 'VOQUE', 2033, undefined, 'F11'],
    ['VOQUE a digit short of cumulative, still near it', 'VOQUE', 1990, undefined, 'F11'],
    ['NOXH typed from January (85 + 96), no figure of last year', 'NOXH', 181, undefined, 'F6'],
  ])('%s: a warning at the figure', (_, code, actual, base, cell) => {
    const found = cumulative(edited(code, actual, base));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sheet: 'Chỉ tiêu', cell, severity: 'warning' });
    expect(found[0]?.message).toContain('có thể đây là số lũy kế 9 tháng năm 2026');
    expect(found[0]?.message).toContain('6 tháng đầu năm 2026: ');
  });

  it.each([
    ['VOQUE up 30 % on last year\'s quý III', 'VOQUE', 1547, undefined],
    ['VOQUE typed from January in both columns (last year\'s 9 months too): its growth is usual, baocao cannot tell', 'VOQUE', 2033, 1930],
    ['NOXH a strong quarter, 110 flats after 85 in the half year, no figure of last year', 'NOXH', 110, undefined],
    ['a blank figure', 'VOQUE', null, undefined],
    ['a zero', 'NOXH', 0, undefined],
  ])('%s: nothing', (_, code, actual, base) => {
    expect(cumulative(edited(code, actual, base))).toEqual([]);
  });

  it('nothing without the agency\'s figure in the earlier round, or without the earlier round', () => {
    const withoutVoque: EarlierRound = { ...h1, submissions: h1.submissions.map((s) => ({ ...s, indicators: s.indicators?.filter((r) => r.code !== 'VOQUE') ?? null })) };
    expect(cumulative(edited('VOQUE', 2033), [withoutVoque])).toEqual([]);
    expect(cumulative(edited('VOQUE', 2033), [])).toEqual([]);
  });

  it('the warning counts in its file, and the file is still used', () => {
    const v = validateAcrossRounds(edited('NOXH', 181), [h1]);
    const file = v.findings.find((f) => f.code === 'indicator_cumulative')?.file ?? '';
    const before = q3.files.find((f) => f.file === file);
    const after = v.files.find((f) => f.file === file);
    expect(after?.warnings).toBe((before?.warnings ?? 0) + 1);
    expect(after?.state).toBe('used');
    expect(v.submissions).toEqual(edited('NOXH', 181).submissions);
  });
});

describe('a table of last report typed again', () => {
  /** The quý III round with Sở Nông nghiệp và Môi trường's flow figures those of its 6-month report. */
  function sameAsH1(change?: (code: string, v: number | null) => number | null): ValidateOutput {
    const first = h1.submissions.find((s) => s.agencyCode === 'SNNMT');
    const submissions = q3.submissions.map((s): Submission => {
      if (s.agencyCode !== 'SNNMT') return s;
      const indicators =
        s.indicators?.map((r) => {
          const v = first?.indicators?.find((x) => x.code === r.code)?.actual ?? null;
          return { ...r, actual: change ? change(r.code, v) : v };
        }) ?? null;
      return { ...s, indicators };
    });
    return { ...q3, submissions };
  }
  const same = (v: ValidateOutput) => validateAcrossRounds(v, [h1]).findings.filter((f) => f.code === 'indicator_same_as_earlier');

  it('the shipped rounds say nothing', () => {
    expect(same(q3)).toEqual([]);
  });

  it('every flow figure of quý III the same as the 6 months\' is a warning', () => {
    const found = same(sameAsH1());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '02-so-nong-nghiep-va-moi-truong.xlsx', sheet: 'Chỉ tiêu', cell: 'F8', severity: 'warning' });
    expect(found[0]?.message).toBe(
      'Cả 7 số liệu chỉ tiêu cộng dồn quý III năm 2026 ghi trong tệp này giống hệt số cơ quan đã báo cáo cho 6 tháng đầu năm 2026 (đợt "2026-H1", tệp 02-so-nong-nghiep-va-moi-truong.xlsx): có thể đã chép lại bảng số liệu của lần báo cáo trước.',
    );
  });

  it('one figure changed, or too few figures to tell, says nothing', () => {
    expect(same(sameAsH1((code, v) => (code === 'VOQUE' ? 1238 : v)))).toEqual([]);
    expect(same(sameAsH1((code, v) => (code === 'GOTRON' || code === 'CAYGIONG' ? 0 : v)))).toEqual([]);
  });
});

describe('looksCumulative: the period figure v, the earlier months E, last year\'s period b, the usual share r', () => {
  it.each([
    // [v, E, b, r, cumulative?]
    [1500, 1000, 480, 0.5, true], // quý III after 6 months: 1.000 + 500, last year 480
    [520, 1000, 480, 0.5, false], // the quarter alone, up 8 %
    [750, 1000, 480, 0.5, false], // up 56 %, but 750 − 1.000 < 0: not cumulative
    [2000, 1000, 1000, 1, true], // quý II after quý I, both 1.000: 6 months typed
    [1100, 1000, 1000, 1, false],
    [1300, 1000, null, 0.5, false], // no last year: below 0,9 × 1.000 × 1,5
    [1350, 1000, null, 0.5, true],
    [1700, 1000, null, 1, false], // quý II twice quý I (public investment picks up): below 0,9 × 2.000
    [1800, 1000, null, 1, true],
    [400, 1000, null, 1 / 3, false], // quý IV after 9 months, a strong quarter
    [1250, 1000, null, 1 / 3, true], // the whole year typed
  ])('v %d, E %d, b %s, r %d → %s', (v, e, b, r, expected) => {
    expect(looksCumulative(v, e, b, r) !== null).toBe(expected);
  });
});

describe('a figure from January that covers only the months since the last report', () => {
  /** A "9 tháng năm 2026" round whose figures are, for each agency, the quý III ones plus `add` (the 6 months' own figure, or nothing). */
  function nineMonths(addH1: boolean): ValidateOutput {
    const round: Round = { ...roundOf('2026-9t'), period: makePeriod('nine-months', 2026), label: '9 tháng năm 2026' };
    const submissions = q3.submissions.map((s): Submission => {
      const first = h1.submissions.find((x) => x.agencyCode === s.agencyCode);
      const indicators =
        s.indicators?.map((r) => {
          const before = first?.indicators?.find((x) => x.code === r.code)?.actual ?? null;
          return { ...r, base: null, actual: addH1 && r.actual !== null && before !== null ? r.actual + before : r.actual };
        }) ?? null;
      return { ...s, indicators };
    });
    return { ...q3, round, submissions };
  }
  const partial = (v: ValidateOutput) => validateAcrossRounds(v, [h1]).findings.filter((f) => f.code === 'indicator_partial');

  it('the 9 months typed whole (6 tháng đầu năm + quý III) say nothing', () => {
    expect(partial(nineMonths(true))).toEqual([]);
  });

  it('quý III alone typed as the 9 months is said where it falls short', () => {
    const found = partial(nineMonths(false));
    const noxh = found.find((f) => f.message.startsWith('Chỉ tiêu NOXH'));
    expect(noxh).toMatchObject({ sheet: 'Chỉ tiêu', cell: 'F6', severity: 'warning' });
    expect(noxh?.message).toBe(
      'Chỉ tiêu NOXH (Căn hộ nhà ở xã hội hoàn thành): số 9 tháng năm 2026 ghi 96 căn, chỉ bằng 1,13 lần số các kỳ trước, trong khi cả kỳ thường gấp khoảng 1,5 lần ' +
        '(các kỳ trước cơ quan đã báo cáo: 6 tháng đầu năm 2026: 85, đợt "2026-H1"): có thể chỉ là số từ tháng 7 đến hết tháng 9. ' +
        'Đợt 9 tháng năm 2026 hỏi số của cả kỳ, từ tháng 1, kể cả những tháng đã báo cáo ở đợt trước.',
    );
    // Cinnamon bark, harvested in quý III, is not told apart from a whole 9 months without last year's figure.
    expect(found.some((f) => f.message.startsWith('Chỉ tiêu VOQUE'))).toBe(false);
  });
});

describe('looksPartial: the figure from January v, the first months E, last year\'s period b, the later months\' share r', () => {
  it.each([
    // [v, E, b, r, partial?]
    [900, 1000, null, 1, true], // the year smaller than its first half
    [900, 1000, 2000, 1, true],
    [1050, 1000, 2000, 1, true], // down 47 % on last year; with the first half it would be 2.050
    [1900, 1000, 2000, 1, false], // a usual year
    [1400, 1000, null, 1, true], // no last year: below 1.000 × (1 + ½)
    [1500, 1000, null, 1, false],
    [1300, 1000, null, 0.5, false], // 9 months after 6, a weak quý III
    [1200, 1000, null, 0.5, true],
  ])('v %d, E %d, b %s, r %d → %s', (v, e, b, r, expected) => {
    expect(looksPartial(v, e, b, r) !== null).toBe(expected);
  });
});

describe('a stock far from the agency\'s latest report (no "Cùng kỳ năm trước" on the form)', () => {
  // TRUONGNT (boarding schools completed, Sở Giáo dục và Đào tạo) is a stock: set to 40 in the 6 months' round (shipped: 1).
  const h1With = (actual: number): EarlierRound => ({
    ...h1,
    submissions: h1.submissions.map((s) => ({ ...s, indicators: s.indicators?.map((r) => (r.code === 'TRUONGNT' ? { ...r, actual, base: null } : r)) ?? null })),
  });
  const outliers = (v: ValidateOutput, earlier: readonly EarlierRound[]) => validateAcrossRounds(v, earlier).findings.filter((f) => f.code === 'indicator_outlier');
  /** The quý III round with Sở Giáo dục và Đào tạo reporting TRUONGNT (it sent no quý III file: its 6 months' workbook, figure changed). */
  const q3With = (actual: number): ValidateOutput => {
    const own = h1.submissions.find((s) => s.indicators?.some((r) => r.code === 'TRUONGNT'));
    if (!own) throw new Error('nobody reports TRUONGNT');
    return { ...q3, submissions: [...q3.submissions, { ...own, indicators: own.indicators?.map((r) => (r.code === 'TRUONGNT' ? { ...r, actual, base: null } : r)) ?? null }] };
  };

  it.each([
    ['ten times (a zero too many)', 400, 'gấp 10 lần'],
    ['more than three times', 130, 'gấp 3,3 lần'],
    ['a third', 13, 'chỉ bằng 32,5%'],
  ])('%s the 6 months\' figure: a warning at the figure, naming that report', (_, actual, how) => {
    const found = outliers(q3With(actual), [h1With(40)]);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(new RegExp(`^Chỉ tiêu TRUONGNT \\(Trường nội trú liên cấp biên giới hoàn thành\\): số quý III năm 2026 là [\\d.]+ trường, ${how} số chính cơ quan đã báo cáo 6 tháng đầu năm 2026 \\(40; đợt "2026-H1", tệp `));
  });

  it.each([
    ['up by half', 60],
    ['fallen by half', 20],
  ])('%s: nothing', (_, actual) => {
    expect(outliers(q3With(actual), [h1With(40)])).toEqual([]);
  });

  it('a small stock moves in steps (2 schools, then 7): nothing', () => {
    expect(outliers(q3With(7), [h1With(2)])).toEqual([]);
  });

  it('a flow is compared with the same period of last year only, never with the months before', () => {
    // NOXH: 85 flats in the 6 months; 900 in quý III is said nowhere here (no quý III of 2025).
    expect(outliers(edited('NOXH', 900, null), [h1])).toEqual([]);
  });
});

describe('periods', () => {
  it('a year without its earlier rounds, or a later period without the months before it, is not compared', () => {
    const year: Round = { ...roundOf('2026-Q3'), id: '2026', period: makePeriod('year', 2026), label: 'năm 2026' };
    expect(validateAcrossRounds({ ...edited('VOQUE', 2033), round: year }, []).findings).toEqual(q3.findings);
    const q4: Round = { ...roundOf('2026-Q3'), id: '2026-Q4', period: makePeriod('quarter', 2026, 4), label: 'quý IV năm 2026' };
    // quý IV needs the 9 months before it: 6 tháng đầu năm alone does not tile them.
    expect(validateAcrossRounds({ ...edited('VOQUE', 5000), round: q4 }, [h1])).toEqual({ ...edited('VOQUE', 5000), round: q4 });
  });
});

describe('"Cùng kỳ năm trước" against what the agency reported last year', () => {
  const tmdtDir = resolve('input', 'langson-tmdt-2026-2030');
  let tmdt: Plan;
  let y2026: EarlierRound;
  let y2027: ValidateOutput;

  beforeAll(async () => {
    const read = await readWorkbookFile(join(tmdtDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
    if (!read.workbook) throw new Error('plan unreadable');
    tmdt = validatePlan(read.workbook, basename(tmdtDir), tmdtDir).plan as Plan;
    const round = (id: string): Round => ({ id, dir: join(tmdtDir, id), ...parseRoundName(id) });
    const first = (await checkRound(tmdt, round('2026'), {})).validated;
    y2026 = { round: first.round, submissions: first.submissions.filter((s) => s.errorCount === 0) };
    y2027 = (await checkRound(tmdt, round('2027'), {})).validated;
  }, 60_000);

  /** The 2027 round where every agency writes as base its 2026 figure, passed through `change` (agency, code, figure → base; note). */
  function withBases(change: (agency: string, code: string, was: number) => { base: number; note?: string }): ValidateOutput {
    const submissions = y2027.submissions.map((s): Submission => {
      const then = y2026.submissions.find((x) => x.agencyCode === s.agencyCode);
      const indicators =
        s.indicators?.map((r) => {
          const was = then?.indicators?.find((x) => x.code === r.code)?.actual ?? null;
          if (was === null) return r;
          const c = change(s.agencyCode, r.code, was);
          return { ...r, base: c.base, note: c.note ?? r.note };
        }) ?? null;
      return { ...s, indicators };
    });
    return { ...y2027, submissions };
  }
  const said = (v: ValidateOutput, earlier: readonly EarlierRound[] = [y2026]) => validateAcrossRounds(v, earlier).findings.filter((f) => f.code === 'indicator_base_mismatch');
  const sct = () => y2027.submissions.find((s) => s.indicators?.some((r) => r.code === 'WEB_TB'))?.agencyCode ?? '';

  it('every agency writing its own figure of 2026 says nothing; neither does a figure rounded', () => {
    expect(said(withBases((_, __, was) => ({ base: was })))).toEqual([]);
    expect(said(withBases((_, __, was) => ({ base: was * 1.004 })))).toEqual([]);
  });

  it('another figure is a warning at the agency\'s "Cùng kỳ năm trước" cell, naming last year\'s', () => {
    const found = said(withBases((agency, code, was) => ({ base: agency === sct() && code === 'WEB_TB' ? 100 : was })));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sheet: 'Chỉ tiêu', cell: 'K7', severity: 'warning' });
    expect(found[0]?.message).toMatch(
      /^Chỉ tiêu WEB_TB \(Website TMĐT bán hàng đã thông báo trên địa bàn tỉnh\): cột "Cùng kỳ năm trước" ghi 100 website, nhưng chính cơ quan đã báo cáo năm 2026 là \d+ \(đợt "2026", tệp 01-so-cong-thuong\.xlsx, ô Chỉ tiêu!J7\)\. baocao tính tốc độ tăng theo số 100 đã ghi\.$/,
    );
  });

  it('a note saying the figure was revised explains it; without last year\'s round nothing is compared', () => {
    const revised = withBases((agency, code, was) => (agency === sct() && code === 'WEB_TB' ? { base: 100, note: 'Số chính thức năm 2026 đã điều chỉnh' } : { base: was }));
    expect(said(revised)).toEqual([]);
    const other = withBases((agency, code, was) => ({ base: agency === sct() && code === 'WEB_TB' ? 100 : was }));
    expect(said(other, [])).toEqual([]);
  });

  /** The 2027 round with the figure of `code` of the agency `agency` set to `actual` (base left blank, as shipped). */
  function withFigure(agency: string, code: string, actual: number): ValidateOutput {
    const submissions = y2027.submissions.map((s): Submission =>
      s.agencyCode === agency ? { ...s, indicators: s.indicators?.map((r) => (r.code === code ? { ...r, actual } : r)) ?? null } : s,
    );
    return { ...y2027, submissions };
  }
  const outliers = (v: ValidateOutput, earlier: readonly EarlierRound[] = [y2026]) => validateAcrossRounds(v, earlier).findings.filter((f) => f.code === 'indicator_outlier');
  // UBND phường Tam Thanh (X04) reported 860 enterprises for 2026 and 912 for 2027, with no "Cùng kỳ năm trước".
  const was = () => y2026.submissions.find((s) => s.agencyCode === 'X04')?.indicators?.find((r) => r.code === 'DN_TONG')?.actual;

  it('the shipped round of 2027 against 2026 says nothing', () => {
    expect(was()).toBe(860);
    expect(outliers(y2027)).toEqual([]);
  });

  it.each([
    ['a zero typed too many (9.120 for 912)', 9120, 'gấp 11 lần'],
    ['ten times last year', 8600, 'gấp 10 lần'],
    ['a zero typed too few (86 for 860)', 86, 'chỉ bằng 10%'],
    ['a stock three times last year', 2700, 'gấp 3,1 lần'],
    ['a stock fallen to a third', 280, 'chỉ bằng 32,6%'],
  ])('%s: a warning at the figure, naming last year\'s file and cell', (_, actual, how) => {
    const found = outliers(withFigure('X04', 'DN_TONG', actual));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '18-ubnd-phuong-tam-thanh.xlsx', sheet: 'Chỉ tiêu', cell: 'J5', severity: 'warning' });
    expect(found[0]?.message).toContain(`${how} số chính cơ quan đã báo cáo năm 2026 (860; đợt "2026", tệp 18-ubnd-phuong-tam-thanh.xlsx, ô Chỉ tiêu!J5)`);
  });

  it.each([
    ['up by half', 1290],
    ['a stock up 2,9 times', 2500],
    ['a stock fallen to 35 %', 300],
  ])('%s: nothing', (_, actual) => {
    expect(outliers(withFigure('X04', 'DN_TONG', actual))).toEqual([]);
  });

  it('a rate written as a fraction (0,585 for 58,5 %) is said against the agency\'s report of 2026 (53,1 %)', () => {
    const agency = y2027.submissions.find((s) => s.indicators?.some((r) => r.code === 'TL_MUA_TT'))?.agencyCode ?? '';
    const found = outliers(withFigure(agency, 'TL_MUA_TT', 0.585));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '01-so-cong-thuong.xlsx', cell: 'J5' });
    expect(found[0]?.message).toBe(
      'Chỉ tiêu TL_MUA_TT (Dân số trưởng thành tham gia mua sắm trực tuyến): số năm 2027 là 0,585%, trong khi chính cơ quan đã báo cáo năm 2026 là 53,1% (đợt "2026", tệp 01-so-cong-thuong.xlsx, ô Chỉ tiêu!J5): có thể đã ghi tỷ lệ dạng số thập phân (0,585 thay cho 58,5%).',
    );
    expect(outliers(withFigure(agency, 'TL_MUA_TT', 61))).toEqual([]);
  });

  it('a figure the form\'s check already called unusual (against the year\'s plan) is not said twice', () => {
    const typed = withFigure('X04', 'DN_TONG', 9120);
    const already = { file: '18-ubnd-phuong-tam-thanh.xlsx', sheet: 'Chỉ tiêu', cell: 'J5', severity: 'warning' as const, code: 'indicator_outlier' as const, message: 'gấp 10 lần kế hoạch', hint: '' };
    const found = outliers({ ...typed, findings: [...typed.findings, already] });
    expect(found).toEqual([already]);
  });

  it('a "Cùng kỳ năm trước" written on the form is compared there (once), and without last year\'s round nothing is', () => {
    const typed = withFigure('X04', 'DN_TONG', 9120);
    const withBase = { ...typed, submissions: typed.submissions.map((s) => (s.agencyCode === 'X04' ? { ...s, indicators: s.indicators?.map((r) => (r.code === 'DN_TONG' ? { ...r, base: 860 } : r)) ?? null } : s)) };
    expect(outliers(withBase)).toEqual([]);
    expect(outliers(typed, [])).toEqual([]);
  });
});

describe('the plan\'s "Cùng kỳ năm trước" against last year\'s round of the same period', () => {
  /** A quý III năm 2027 round whose plan states bases for 2027-Q3; last year's round is the shipped quý III năm 2026. */
  function nextYear(bases: Record<string, number>): ValidateOutput {
    const values = Object.entries(bases).map(([code, base], i) => ({ code, period: '2027-Q3', plan: null, scenario: null, base, baseCell: `E${40 + i}` }));
    const round: Round = { ...roundOf('2027-Q3'), period: makePeriod('quarter', 2027, 3), label: 'quý III năm 2027' };
    return { ...q3, plan: { ...plan, indicatorValues: [...plan.indicatorValues, ...values] }, round };
  }
  const lastYear = (): EarlierRound => ({ round: q3.round, submissions: q3.submissions.filter((s) => s.errorCount === 0) });
  const said = (v: ValidateOutput) => validateAcrossRounds(v, [lastYear()]).findings.filter((f) => f.code === 'plan_base_mismatch');

  it('a base other than what the agencies reported last year is a warning at the plan\'s cell; the same figure is not', () => {
    const found = said(nextYear({ VOQUE: 1238, NOXH: 90 }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'ke-hoach.xlsx', sheet: 'Số liệu chỉ tiêu', cell: 'E41', severity: 'warning' });
    expect(found[0]?.message).toBe(
      'Chỉ tiêu NOXH (Căn hộ nhà ở xã hội hoàn thành), kỳ 2027-Q3: kế hoạch ghi số cùng kỳ năm trước 90 căn, nhưng ở đợt quý III năm 2026 (đợt "2026-Q3") cơ quan báo cáo ghi 96. baocao tính tốc độ tăng theo số 90 của kế hoạch.',
    );
  });

  it('a figure within rounding, or without last year\'s round, says nothing', () => {
    expect(said(nextYear({ VOQUE: 1240 }))).toEqual([]);
    expect(validateAcrossRounds(nextYear({ NOXH: 90 }), []).findings.filter((f) => f.code === 'plan_base_mismatch')).toEqual([]);
  });
});

describe('isRecurring: a task that starts again each year is compared within its year only', () => {
  it.each([
    ['Hằng năm', true],
    ['Hàng năm', true],
    ['Hằng năm, theo hình thức luân phiên', true],
    ['Thường xuyên', true],
    ['Định kỳ 6 tháng', true],
    ['Quý IV hằng năm', true],
    ['Năm 2025', false],
    ['Năm 2025, 2027', false],
    ['2026 - 2030', false],
    ['Tại Bắc Giang năm 2026, 2028; tại Nam Ninh năm 2025, 2027', false],
  ])('%s → %s', (time, expected) => {
    expect(isRecurring(time)).toBe(expected);
  });
});

describe('a bug met while comparing', () => {
  it('is a warning on that file, the round goes on and the file is still used', () => {
    const broken = q3.submissions.map((s, i) =>
      i === 0
        ? (Object.defineProperty({ ...s }, 'indicators', {
            get() {
              throw new Error('boom');
            },
          }) as Submission)
        : s,
    );
    const v = validateAcrossRounds({ ...q3, submissions: broken }, [h1]);
    const file = broken[0]?.file ?? '';
    const bug = v.findings.filter((f) => f.code === 'internal_error');
    expect(bug).toHaveLength(1);
    expect(bug[0]).toMatchObject({ file, severity: 'warning' });
    expect(bug[0]?.message).toContain('Tệp vẫn được tổng hợp');
    expect(v.files.find((f) => f.file === file)?.state).toBe('used');
  });
});

describe('outlierWords: a figure against its same period of last year', () => {
  it.each([
    ['flow', 9120, 912, 'gấp 10 lần'],
    ['flow', 8200, 912, null],
    ['flow', 91, 912, 'chỉ bằng 10%'],
    ['flow', 100, 912, null],
    ['stock', 2736, 912, 'gấp 3 lần'],
    ['stock', 2700, 912, null],
    ['stock', 304, 912, 'chỉ bằng 33,3%'],
    ['stock', 310, 912, null],
    // A small stock moves in steps: 2 websites becoming 7 is no mistake; 2 becoming 20 may be.
    ['stock', 7, 2, null],
    ['stock', 19, 2, null],
    ['stock', 20, 2, 'gấp 10 lần'],
    ['stock', 21, 7, 'gấp 3 lần'],
    ['rate', 90, 9, null],
    ['ratio', 90, 9, null],
    ['flow', 0, 912, null],
    ['flow', 912, 0, null],
  ] as const)('%s %d against %d: %s', (kind, actual, base, words) => {
    expect(outlierWords(kind, actual, base)).toBe(words);
  });
});
