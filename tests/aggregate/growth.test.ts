import { describe, expect, it } from 'vitest';
import {
  averageAnnualGrowth,
  checkPeriodSums,
  checkScenario,
  contributions,
  gapPoints,
  growthPct,
  impliedRowWeights,
  levelsFromQuarters,
  planAchievementPct,
  requiredGrowth,
  requiredGrowthWeighted,
  scenarioWeights,
  weightedGrowth,
  type PeriodSumsRow,
  type Quarters,
  type ScenarioIssue,
} from '../../src/calc/index.js';
import type { ScenarioRow } from '../../src/model/indicator.js';
import { roundTo } from '../../src/vn/numbers.js';
import {
  LS_ACTUAL_2026_H1,
  LS_BASE_2025,
  LS_BASE_MAP,
  LS_CURRENT_PRICE_2026,
  LS_H1_2026_PUBLISHED,
  LS_SCENARIO_2026,
  LS_SCENARIO_2026_SUBROWS,
  LS_SECTORS,
} from '../fixtures/grdp.js';

const r2 = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : roundTo(x, 2));

/** Sum of the sectors' 2025 levels per quarter. */
const LS_TOTAL_BASE: Quarters = [0, 1, 2, 3].map((q) => LS_SECTORS.reduce((s, c) => s + (LS_BASE_2025[c][q] ?? 0), 0)) as unknown as Quarters;
/** Sum of the sectors' 2026 Q1 + Q2 levels. */
const LS_ACHIEVED_H1 = LS_SECTORS.reduce((s, c) => s + LS_ACTUAL_2026_H1[c][0] + LS_ACTUAL_2026_H1[c][1], 0);

function yearIssue(issues: readonly ScenarioIssue[], check: ScenarioIssue['check']): ScenarioIssue | undefined {
  return issues.find((i) => i.code === 'GRDP' && i.column === 'year' && i.check === check);
}

describe('growthPct', () => {
  it.each([
    ['growth above the base', 107.02, 100, 7.02],
    ['no change', 250, 250, 0],
    ['negative growth', 95, 100, -5],
    ['a level that fell to zero', 0, 100, -100],
    ['zero base', 5, 0, null],
    ['negative base', 5, -3, null],
    ['non-finite current', Number.NaN, 100, null],
    ['infinite base', 100, Number.POSITIVE_INFINITY, null],
  ])('%s', (_name, current, base, expected) => {
    expect(r2(growthPct(current, base))).toBe(expected);
  });
});

describe('planAchievementPct, gapPoints, averageAnnualGrowth', () => {
  it.each([
    ['below plan', 45, 50, 90],
    ['above plan (vượt kế hoạch)', 60, 50, 120],
    ['nothing done yet', 0, 50, 0],
    ['zero plan', 1, 0, null],
    ['negative plan', 1, -1, null],
  ])('plan achievement, %s', (_name, actual, plan, expected) => {
    expect(r2(planAchievementPct(actual, plan))).toBe(expected);
  });

  it.each([
    ['below the scenario (seed H1: 7,02 vs 9,24)', 7.02, 9.24, -2.22],
    ['on the scenario', 10.61, 10.61, 0],
    ['above the scenario', 13.13, 12, 1.13],
    ['a negative actual', -1.5, 2, -3.5],
  ])('gap in points, %s', (_name, actual, scenario, expected) => {
    expect(r2(gapPoints(actual, scenario))).toBe(expected);
  });

  it.each([
    ['10 % a year over 2 years', 100, 121, 2, 10],
    ['flat', 100, 100, 5, 0],
    ['decline', 100, 81, 2, -10],
    ['zero start', 0, 100, 2, null],
    ['zero years', 100, 121, 0, null],
  ])('average annual growth, %s', (_name, start, end, years, expected) => {
    expect(r2(averageAnnualGrowth(start, end, years))).toBe(expected);
  });
});

describe('requiredGrowth', () => {
  it.each([
    ['official-format §5.3 illustration (k = 2)', [100, 110, 115, 125], 106 + 118.5, 2, 8, 8.96],
    ['after Q1 only (k = 1)', [100, 110, 115, 125], 106, 1, 8, 8.57],
    ['after three quarters (k = 3)', [100, 110, 115, 125], 106 + 118.5 + 124, 3, 8, 10],
    ['target already exceeded: the rest may shrink', [100, 110, 115, 125], 150 + 160, 2, 8, -26.67],
    ['a negative target', [100, 110, 115, 125], 106 + 118.5, 2, -2, -9.79],
    ['exactly on track', [100, 100, 100, 100], 210, 2, 5, 5],
  ] as const)('%s', (_name, baseQuarters, achieved, k, targetPct, expected) => {
    expect(r2(requiredGrowth({ baseQuarters, achieved, k, targetPct }))).toBe(expected);
  });

  it('agrees with the weighted form r = (g* Σw − Σ w g) / Σ_{q>k} w', () => {
    const base: Quarters = [100, 110, 115, 125];
    const weighted = requiredGrowthWeighted(base, [6, (118.5 / 110 - 1) * 100], 8);
    expect(weighted).toBeCloseTo(requiredGrowth({ baseQuarters: base, achieved: 224.5, k: 2, targetPct: 8 }), 10);
  });

  it.each([
    ['remaining quarters of zero size', { baseQuarters: [100, 110, 0, 0], achieved: 224.5, k: 2, targetPct: 8 }],
    ['a non-finite achieved level', { baseQuarters: [100, 110, 115, 125], achieved: Number.NaN, k: 2, targetPct: 8 }],
    ['k outside 1–3', { baseQuarters: [100, 110, 115, 125], achieved: 0, k: 4, targetPct: 8 }],
  ])('throws a RangeError on %s', (_name, input) => {
    expect(() => requiredGrowth(input as unknown as Parameters<typeof requiredGrowth>[0])).toThrow(RangeError);
  });

  it('gives ≈ 13,75 % for H2-2026 from the Lạng Sơn base data and the 10,61 % target', () => {
    const r = requiredGrowth({ baseQuarters: LS_TOTAL_BASE, achieved: LS_ACHIEVED_H1, k: 2, targetPct: LS_H1_2026_PUBLISHED.yearTarget });
    expect(r).toBeGreaterThan(13.7);
    expect(r).toBeLessThan(13.8);
    expect(r2(r)).toBe(13.75);
  });
});

describe('weightedGrowth', () => {
  it.each([
    ['Nghệ An 2025: Q1 6,99 and Q2 9,24 with a Q2 weight of 0,56', [0.44, 0.56], [6.99, 9.24], 8.25],
    ['equal weights', [1, 1], [4, 8], 6],
    ['a single part', [250], [3.1], 3.1],
    ['a shrinking part pulls the mean down', [300, 100], [-2, 10], 1],
    ['weights need not add up to 1', [100, 110, 115, 125], [6, 7, 8, 9], 7.59],
  ])('%s', (_name, weights, growths, expected) => {
    expect(r2(weightedGrowth(weights, growths))).toBe(expected);
  });

  it.each([
    ['lengths differ', [1, 2], [3]],
    ['no parts', [], []],
    ['weights add up to zero', [0, 0], [3, 4]],
  ])('throws a RangeError when %s', (_name, weights, growths) => {
    expect(() => weightedGrowth(weights, growths)).toThrow(RangeError);
  });

  it('of the H1 sector growths with H1-2025 weights gives the H1 total growth', () => {
    const weights = LS_SECTORS.map((c) => LS_BASE_2025[c][0] + LS_BASE_2025[c][1]);
    const growths = LS_SECTORS.map((c) => growthPct(LS_ACTUAL_2026_H1[c][0] + LS_ACTUAL_2026_H1[c][1], weights[LS_SECTORS.indexOf(c)] ?? 0) ?? 0);
    expect(r2(weightedGrowth(weights, growths))).toBe(7.02);
  });
});

describe('contributions', () => {
  const h1 = LS_SECTORS.map((code) => ({
    code,
    current: LS_ACTUAL_2026_H1[code][0] + LS_ACTUAL_2026_H1[code][1],
    base: LS_BASE_2025[code][0] + LS_BASE_2025[code][1],
  }));
  const result = contributions(h1);

  it('reproduces the seed H1-2026 GRDP growth of 7,02 %', () => {
    expect(r2(result.total.growth)).toBe(LS_H1_2026_PUBLISHED.total);
    expect(result.total.base).toBeCloseTo(22006.1, 6);
  });

  it.each(LS_SECTORS.map((code) => [code] as const))('reproduces the seed growth and contribution of %s', (code) => {
    const item = result.items.find((i) => i.code === code);
    expect(r2(item?.growth)).toBe(LS_H1_2026_PUBLISHED.growth[code]);
    expect(r2(item?.contribution)).toBe(LS_H1_2026_PUBLISHED.contribution[code]);
  });

  it.each([
    ['Q1', 0, LS_H1_2026_PUBLISHED.q1, LS_H1_2026_PUBLISHED.totalQ1],
    ['Q2', 1, LS_H1_2026_PUBLISHED.q2, LS_H1_2026_PUBLISHED.totalQ2],
  ] as const)('reproduces the seed %s growths by sector and in total', (_name, q, bySector, total) => {
    const res = contributions(LS_SECTORS.map((code) => ({ code, current: LS_ACTUAL_2026_H1[code][q], base: LS_BASE_2025[code][q] })));
    for (const item of res.items) expect(r2(item.growth)).toBe(bySector[item.code as keyof typeof bySector]);
    expect(r2(res.total.growth)).toBe(total);
  });

  it.each([
    ['the Lạng Sơn H1 data', h1],
    ['a declining sector', [{ code: 'A', current: 90, base: 100 }, { code: 'B', current: 330, base: 300 }]],
    ['an overall decline', [{ code: 'A', current: 80, base: 100 }, { code: 'B', current: 305, base: 300 }]],
    ['a component with a zero base', [{ code: 'A', current: 12, base: 0 }, { code: 'B', current: 210, base: 200 }]],
  ])('contributions add up to the total growth and shares to 100 %: %s', (_name, items) => {
    const res = contributions(items);
    const sumC = res.items.reduce((s, i) => s + (i.contribution ?? 0), 0);
    const sumS = res.items.reduce((s, i) => s + (i.share ?? 0), 0);
    expect(sumC).toBeCloseTo(res.total.growth ?? Number.NaN, 10);
    expect(res.total.contribution).toBeCloseTo(res.total.growth ?? Number.NaN, 10);
    expect(sumS).toBeCloseTo(100, 10);
  });

  it('gives a declining sector a negative contribution and share (làm giảm)', () => {
    const res = contributions([{ code: 'A', current: 90, base: 100 }, { code: 'B', current: 330, base: 300 }]);
    expect(res.items.map((i) => [i.code, r2(i.growth), r2(i.contribution), r2(i.share)])).toEqual([
      ['A', -10, -2.5, -50],
      ['B', 10, 7.5, 150],
    ]);
    expect(r2(res.total.growth)).toBe(5);
  });

  it('leaves the growth of a zero-base component empty but still counts its contribution', () => {
    const res = contributions([{ code: 'A', current: 12, base: 0 }, { code: 'B', current: 210, base: 200 }]);
    expect(res.items[0]).toMatchObject({ code: 'A', growth: null });
    expect(r2(res.items[0]?.contribution)).toBe(6);
  });

  it('uses totalBase as the denominator when the components are part of a larger total', () => {
    const res = contributions([{ code: 'A', current: 110, base: 100 }, { code: 'B', current: 220, base: 200 }], 400);
    expect(res.items.map((i) => r2(i.contribution))).toEqual([2.5, 5]);
    expect(r2(res.total.contribution)).toBe(7.5);
    expect(r2(res.total.growth)).toBe(10);
    expect(res.items.map((i) => r2(i.share))).toEqual([33.33, 66.67]);
  });

  it.each([
    ['no change at all: shares are empty', [{ code: 'A', current: 100, base: 100 }], { growth: 0, contribution: 0, share: null }],
    ['all bases zero: growth and contribution are empty', [{ code: 'A', current: 5, base: 0 }], { growth: null, contribution: null, share: 100 }],
  ])('%s', (_name, items, expected) => {
    const res = contributions(items);
    expect(res.items[0]).toMatchObject(expected);
  });

  it('throws a RangeError on a non-finite value', () => {
    expect(() => contributions([{ code: 'A', current: Number.NaN, base: 1 }])).toThrow(RangeError);
  });
});

describe('checkPeriodSums', () => {
  it.each(LS_CURRENT_PRICE_2026.map((row) => [row.label, row] as const))(
    'accepts the seed current-price row "%s" at tolerance 0,15',
    (_label, row) => {
      expect(checkPeriodSums(row, 0.15)).toEqual([]);
    },
  );

  it('reports a changed Q2 at 6 tháng đầu năm', () => {
    const row = { ...LS_CURRENT_PRICE_2026[0], q2: 28740.1 };
    expect(checkPeriodSums(row, 0.15)).toEqual([
      { column: 'h1', stated: 52285.8, expected: 23645.7 + 28740.1, rule: 'Quý I + Quý II = 6 tháng đầu năm' },
    ]);
  });

  it.each<[string, PeriodSumsRow, { column: string; rule: string }[]]>([
    ['all consistent with 9 months', { q1: 1, q2: 2, h1: 3, q3: 4, nineMonths: 7, q4: 5, h2: 9, year: 12 }, []],
    ['a wrong Q4 breaks the second half', { q3: 4, q4: 6, h2: 9, h1: 3, year: 12 }, [{ column: 'h2', rule: 'Quý III + Quý IV = 6 tháng cuối năm' }]],
    ['a wrong 9 months', { h1: 3, q3: 4, nineMonths: 8 }, [{ column: 'nineMonths', rule: '6 tháng đầu năm + Quý III = 9 tháng' }]],
    ['9 months from quarters when H1 is missing', { q1: 1, q2: 2, q3: 4, nineMonths: 8 }, [{ column: 'nineMonths', rule: 'Quý I + Quý II + Quý III = 9 tháng' }]],
    ['a wrong year', { h1: 3, h2: 9, year: 13 }, [{ column: 'year', rule: '6 tháng đầu năm + 6 tháng cuối năm = cả năm' }]],
    ['year from 9 months + Q4 when H2 is missing', { nineMonths: 7, q4: 5, year: 13 }, [{ column: 'year', rule: '9 tháng + Quý IV = cả năm' }]],
    ['year from the four quarters when halves are missing', { q1: 1, q2: 2, q3: 4, q4: 5, year: 13 }, [{ column: 'year', rule: 'Quý I + Quý II + Quý III + Quý IV = cả năm' }]],
    ['missing values are skipped', { q1: 1, q2: null, h1: 7, year: null }, []],
    ['an empty row', {}, []],
  ])('%s', (_name, row, expected) => {
    expect(checkPeriodSums(row, 0.01).map(({ column, rule }) => ({ column, rule }))).toEqual(expected);
  });

  it.each([
    ['a gap equal to the tolerance passes', 0.1, 0],
    ['a gap just above the tolerance fails', 0.099, 1],
  ])('%s', (_name, tolerance, count) => {
    expect(checkPeriodSums({ q1: 3584.0, q2: 6800.5, h1: 10384.6 }, tolerance)).toHaveLength(count);
  });
});

describe('checkScenario on the seed 003 table (issue 3 acceptance)', () => {
  it.each([
    ['implied weights (base = null)', null, 'implied-weights'],
    ['the example base values', LS_BASE_MAP, 'base-values'],
  ] as const)('finds that H1 7,02 and H2 13,13 give ≈ 10,28 % for the year, not 10,61, and 10,61 needs ≈ 13,75 in H2 — %s', (_name, base, basis) => {
    const issue = yearIssue(checkScenario(LS_SCENARIO_2026, base), 'within-row');
    expect(issue).toBeDefined();
    expect(issue).toMatchObject({ code: 'GRDP', row: 5, column: 'year', stated: 10.61, basis });
    expect(issue?.implied).toBeGreaterThan(10.2);
    expect(issue?.implied).toBeLessThan(10.4);
    expect(issue?.neededH2).toBeGreaterThan(13.6);
    expect(issue?.neededH2).toBeLessThan(13.9);
    expect(r2(issue?.implied)).toBe(10.28);
    expect(r2(issue?.neededH2)).toBe(13.75);
    expect(issue?.explanation).toContain('7,02%');
    expect(issue?.explanation).toContain('13,13%');
    expect(issue?.explanation).toContain('10,28%');
    expect(issue?.explanation).toContain('10,61%');
    expect(issue?.explanation).toContain('13,75%');
  });

  it.each([
    ['implied weights', null],
    ['base values', LS_BASE_MAP],
  ] as const)('also finds the year off against the sector rows (≈ 10,3 %) — %s', (_name, base) => {
    const issue = yearIssue(checkScenario(LS_SCENARIO_2026, base), 'components');
    expect(issue?.implied).toBeGreaterThan(10.25);
    expect(issue?.implied).toBeLessThan(10.35);
  });

  it('with implied weights reports only the year: the robust fit keeps the error where it is', () => {
    const issues = checkScenario(LS_SCENARIO_2026, null);
    expect(issues.map((i) => [i.code, i.column, i.check])).toEqual([
      ['GRDP', 'year', 'within-row'],
      ['GRDP', 'year', 'components'],
    ]);
  });

  it('with the base values also reports quý III, quý IV and 6 tháng cuối năm 0,06–0,08 points below the sector rows', () => {
    const issues = checkScenario(LS_SCENARIO_2026, LS_BASE_MAP);
    expect(issues.map((i) => [i.column, i.check, r2(i.implied)])).toEqual([
      ['q3', 'components', 12.15],
      ['q4', 'components', 14.07],
      ['h2', 'components', 13.19],
      ['year', 'within-row', 10.28],
      ['year', 'components', 10.31],
    ]);
  });

  it('with a plain least-squares fit still puts the year at ≈ 10,28 and the needed H2 at ≈ 13,75', () => {
    const issue = yearIssue(checkScenario(LS_SCENARIO_2026, null, { fit: 'least-squares' }), 'within-row');
    expect(r2(issue?.implied)).toBe(10.28);
    expect(r2(issue?.neededH2)).toBe(13.75);
  });

  it('finds no issue in the sector rows themselves', () => {
    for (const base of [null, LS_BASE_MAP]) {
      expect(checkScenario(LS_SCENARIO_2026, base).filter((i) => i.code !== 'GRDP')).toEqual([]);
    }
  });

  it('implies H1 shares of the sectors close to contribution ÷ growth from the seed paragraph', () => {
    const w = scenarioWeights(LS_SCENARIO_2026, null);
    const total = w.total?.h1 ?? Number.NaN;
    const shares = w.components?.map((c) => c.levels.h1 / total) ?? [];
    const fromParagraph = LS_SECTORS.map((c) => LS_H1_2026_PUBLISHED.contribution[c] / LS_H1_2026_PUBLISHED.growth[c]);
    shares.forEach((s, i) => expect(Math.abs(s - (fromParagraph[i] ?? 0))).toBeLessThan(0.02));
  });

  it('checks sub-rows within themselves only when they are not listed as components', () => {
    const rows = [...LS_SCENARIO_2026, ...LS_SCENARIO_2026_SUBROWS];
    const issues = checkScenario(rows, null, { components: [...LS_SECTORS] });
    expect(issues.filter((i) => i.code === 'CN' || i.code === 'XD')).toEqual([]);
    expect(r2(yearIssue(issues, 'within-row')?.implied)).toBe(10.28);
  });
});

/** A table computed exactly from the example base values, rounded to 2 decimals like a published one. */
function consistentTable(): ScenarioRow[] {
  const growth: Record<string, Quarters> = { NLTS: [3, 4, 5, 6], CNXD: [10, 12, 15, -2], DV: [7, 7.5, 8, 8.5], THUE: [5, 0, 9, 11] };
  const rowOf = (code: string, base: Quarters, g: Quarters, row: number): ScenarioRow => {
    const [b1, b2, b3, b4] = base;
    const [g1, g2, g3, g4] = g;
    const mean = (ws: number[], gs: number[]) => ws.reduce((s, w, i) => s + w * (gs[i] ?? 0), 0) / ws.reduce((s, w) => s + w, 0);
    return {
      code,
      label: code,
      q1: roundTo(g1, 2),
      q2: roundTo(g2, 2),
      h1: roundTo(mean([b1, b2], [g1, g2]), 2),
      q3: roundTo(g3, 2),
      q4: roundTo(g4, 2),
      h2: roundTo(mean([b3, b4], [g3, g4]), 2),
      year: roundTo(mean([b1, b2, b3, b4], [g1, g2, g3, g4]), 2),
      row,
    };
  };
  const sectors = LS_SECTORS.map((c, i) => rowOf(c, LS_BASE_2025[c], growth[c] as Quarters, 6 + i));
  const totalGrowth = [0, 1, 2, 3].map(
    (q) =>
      LS_SECTORS.reduce((s, c) => s + (LS_BASE_2025[c][q] ?? 0) * ((growth[c] as Quarters)[q] ?? 0), 0) /
      LS_SECTORS.reduce((s, c) => s + (LS_BASE_2025[c][q] ?? 0), 0),
  ) as unknown as Quarters;
  return [rowOf('GRDP', LS_TOTAL_BASE, totalGrowth, 5), ...sectors];
}

describe('checkScenario on other tables', () => {
  it.each([
    ['base values', LS_BASE_MAP],
    ['implied weights', null],
  ] as const)('accepts a table computed from last year’s levels (%s)', (_name, base) => {
    expect(checkScenario(consistentTable(), base)).toEqual([]);
  });

  it('reports a sector H1 that is not the weighted mean of its quarters, with the base values', () => {
    const rows = consistentTable().map((r) => (r.code === 'DV' ? { ...r, h1: (r.h1 ?? 0) + 0.3 } : r));
    const issue = checkScenario(rows, LS_BASE_MAP).find((i) => i.code === 'DV');
    expect(issue).toMatchObject({ code: 'DV', row: 8, column: 'h1', check: 'within-row', basis: 'base-values' });
    expect((issue?.stated ?? 0) - (issue?.implied ?? 0)).toBeCloseTo(0.3, 2);
    expect(issue?.explanation).toMatch(/^DV: 6 tháng đầu năm ghi [\d,]+%, nhưng quý I tăng 7,00% và quý II tăng 7,50%/u);
  });

  it('reports a total year that was raised, with the H2 growth it would need', () => {
    const rows = consistentTable().map((r) => (r.code === 'GRDP' ? { ...r, year: (r.year ?? 0) + 0.5 } : r));
    const issue = yearIssue(checkScenario(rows, LS_BASE_MAP), 'within-row');
    const total = levelsFromQuarters(LS_TOTAL_BASE);
    const grdp = rows[0] as ScenarioRow;
    expect(issue?.neededH2).toBeCloseTo(((grdp.year ?? 0) * total.year - (grdp.h1 ?? 0) * total.h1) / total.h2, 10);
  });

  it('reports a sector year outside its two halves even without base values', () => {
    const rows: ScenarioRow[] = [{ code: 'X', label: 'Khu vực X', q1: null, q2: null, h1: 5, q3: null, q4: null, h2: 7, year: 7.5, row: 3 }];
    expect(checkScenario(rows, null)).toEqual([
      expect.objectContaining({ code: 'X', column: 'year', stated: 7.5, implied: 7, basis: 'implied-weights', neededH2: 7.5 }),
    ]);
  });

  it('skips checks whose figures are missing', () => {
    const rows = consistentTable().map((r) => ({ ...r, q1: null, q2: null, year: null }));
    expect(checkScenario(rows, LS_BASE_MAP)).toEqual([]);
  });

  it('takes a missing half from its quarters for the year check', () => {
    const rows = consistentTable().map((r) => (r.code === 'NLTS' ? { ...r, h2: null, year: (r.year ?? 0) + 1 } : r));
    const issue = checkScenario(rows, LS_BASE_MAP).find((i) => i.code === 'NLTS');
    expect(issue).toMatchObject({ column: 'year', check: 'within-row' });
    expect((issue?.stated ?? 0) - (issue?.implied ?? 0)).toBeCloseTo(1, 1);
  });

  it.each([
    ['default 0,05: a 0,04 gap passes', 0.04, undefined, 0],
    ['default 0,05: a 0,06 gap fails', 0.06, undefined, 1],
    ['tolerance 0,1: a 0,06 gap passes', 0.06, 0.1, 0],
  ])('tolerance, %s', (_name, shift, tolerance, count) => {
    const rows = consistentTable().map((r) => (r.code === 'GRDP' ? { ...r, q1: (r.q1 ?? 0) + shift } : r));
    const options = tolerance === undefined ? {} : { tolerance };
    const issues = checkScenario(rows, LS_BASE_MAP, options).filter((i) => i.column === 'q1');
    expect(issues).toHaveLength(count);
  });

  it('falls back to implied weights when the base values miss a component', () => {
    const partial = new Map([...LS_BASE_MAP].filter(([code]) => code !== 'THUE'));
    const issue = yearIssue(checkScenario(LS_SCENARIO_2026, partial), 'within-row');
    expect(issue?.basis).toBe('implied-weights');
    expect(r2(issue?.implied)).toBe(10.28);
  });

  it('checks rows within themselves only when there is no total row', () => {
    const rows = consistentTable().filter((r) => r.code !== 'GRDP');
    expect(checkScenario(rows, LS_BASE_MAP)).toEqual([]);
  });
});

describe('impliedRowWeights and levelsFromQuarters', () => {
  it.each([
    ['the seed NLTS row', LS_SCENARIO_2026[1] as ScenarioRow, { h1InYear: 0.4684, q1InH1: 0.3596, q3InH2: 0.4783 }],
    ['equal halves: undetermined, 0,5', { q1: 5, q2: 5, h1: 5, q3: 6, q4: 6, h2: 6, year: 6 }, { h1InYear: 0, q1InH1: 0.5, q3InH2: 0.5 }],
    ['a year outside its halves: clamped', { q1: null, q2: null, h1: 5, q3: null, q4: null, h2: 7, year: 4 }, { h1InYear: 1, q1InH1: 0.5, q3InH2: 0.5 }],
  ])('%s', (_name, row, expected) => {
    const w = impliedRowWeights(row);
    expect({ h1InYear: roundTo(w.h1InYear, 4), q1InH1: roundTo(w.q1InH1, 4), q3InH2: roundTo(w.q3InH2, 4) }).toEqual(expected);
  });

  it('adds quarters into halves and the year', () => {
    expect(levelsFromQuarters([1, 2, 3, 4])).toEqual({ q1: 1, q2: 2, h1: 3, q3: 3, q4: 4, h2: 7, year: 10 });
  });
});
