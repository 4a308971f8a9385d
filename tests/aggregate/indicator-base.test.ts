/**
 * Same period of last year of an indicator many agencies report (communes' enterprises, added up):
 * the reporters' own figures are added up as their figures are, never one commune's taken for the
 * province's. Read from the shipped Lạng Sơn e-commerce round of 2027 (79 communes).
 *
 * When neither the reporters nor the plan give it, last year's round of the same period in the
 * plan folder (2026 for 2027) gives it, only like for like: the same agencies made up both figures.
 */
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/index.js';
import { checkRound } from '../../src/incremental/index.js';
import type { EarlierRound } from '../../src/model/earlier.js';
import type { Plan } from '../../src/model/plan.js';
import { parseRoundName } from '../../src/model/round.js';
import type { Submission } from '../../src/model/submission.js';
import { readWorkbookFile } from '../../src/read/index.js';
import type { ValidateOutput } from '../../src/validate/index.js';
import { validatePlan } from '../../src/validate/plan.js';

const planDir = resolve('input', 'langson-tmdt-2026-2030');
let validated: ValidateOutput;
let lastYear: EarlierRound;

beforeAll(async () => {
  const read = await readWorkbookFile(join(planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
  if (!read.workbook) throw new Error('plan unreadable');
  const plan = validatePlan(read.workbook, basename(planDir), planDir).plan as Plan;
  validated = (await checkRound(plan, { id: '2027', dir: join(planDir, '2027'), ...parseRoundName('2027') }, {})).validated;
  const round2026 = { id: '2026', dir: join(planDir, '2026'), ...parseRoundName('2026') };
  const checked2026 = (await checkRound(plan, round2026, {})).validated;
  lastYear = { round: round2026, submissions: checked2026.submissions.filter((s) => s.errorCount === 0) };
}, 60_000);

/** The round with the communes' "Cùng kỳ năm trước" of DN_TONG set by `baseOf` (index among the reporters, figure). */
function withBases(baseOf: (i: number, actual: number) => number | null): ValidateOutput {
  let i = 0;
  const submissions = validated.submissions.map((s): Submission => ({
    ...s,
    indicators: s.indicators?.map((r) => (r.code === 'DN_TONG' && r.actual !== null ? { ...r, base: baseOf(i++, r.actual) } : r)) ?? null,
  }));
  return { ...validated, submissions };
}

const row = (v: ValidateOutput, code = 'DN_TONG', earlier: readonly EarlierRound[] = []) =>
  aggregate(v, { today: '2027-12-20', earlier }).indicators?.rows.find((r) => r.code === code);

describe('last year of an indicator added up over 79 communes', () => {
  it('is the sum of the communes\' own figures when each wrote one', () => {
    const r = row(withBases((_, actual) => actual - 1));
    const used = validated.submissions.filter((s) => s.errorCount === 0 && s.indicators?.some((x) => x.code === 'DN_TONG' && x.actual !== null)).length;
    expect(used).toBeGreaterThan(50);
    expect(r?.actual).toBe(5430);
    expect(r?.base).toBe(5430 - used);
    expect(r?.growth).toBeCloseTo((5430 / (5430 - used) - 1) * 100, 6);
  });

  it('is not one commune\'s figure when only it wrote one (the plan has none: no growth is said)', () => {
    const r = row(withBases((i) => (i === 0 ? 25 : null)));
    expect(r?.base).toBeNull();
    expect(r?.growth).toBeNull();
  });
});

describe('last year from last year\'s round, when neither the reporters nor the plan give it', () => {
  /** `subs` with the figure of `code` of the agency `agency` replaced (null: the agency did not report it). */
  const setFigure = (subs: readonly Submission[], agency: string, code: string, actual: number | null): Submission[] =>
    subs.map((s) => (s.agencyCode === agency ? { ...s, indicators: s.indicators?.map((r) => (r.code === code ? { ...r, actual } : r)) ?? null } : s));
  const ownerOf = (code: string) => validated.plan?.indicators.find((i) => i.code === code)?.owner ?? '';

  it('a figure one agency reports: last year\'s figure, and the growth against it', () => {
    const r = row(validated, 'HTX_TONG', [lastYear]);
    const then = lastYear.submissions.find((s) => s.agencyCode === ownerOf('HTX_TONG'))?.indicators?.find((x) => x.code === 'HTX_TONG')?.actual;
    expect(then).toBe(398);
    expect(r?.actual).toBe(421);
    expect(r?.base).toBe(398);
    expect(r?.growth).toBeCloseTo((421 / 398 - 1) * 100, 6);
    // Without last year's round nothing is said, as before.
    expect(row(validated, 'HTX_TONG')?.base).toBeNull();
  });

  it('a rate (ratio of two figures): last year\'s rate and the change in points', () => {
    const r = row(validated, 'TL_HTX', [lastYear]);
    expect(r?.kind).toBe('ratio');
    expect(r?.base).toBeCloseTo((30 / 398) * 100, 6);
    expect(r?.growth).toBeNull();
    expect(r?.changePoints).toBeCloseTo((34 / 421) * 100 - (30 / 398) * 100, 6);
  });

  it('the communes\' sum: not when a commune reported one year and not the other (the growth would be who reported)', () => {
    // 2027 misses three communes that reported in 2026.
    expect(row(validated, 'DN_TONG', [lastYear])?.base).toBeNull();
    // Like for like: the same communes in 2026 as in 2027.
    const reporting2027 = new Set(validated.submissions.filter((s) => s.errorCount === 0 && s.indicators?.some((x) => x.code === 'DN_TONG' && x.actual !== null)).map((s) => s.agencyCode));
    const same = { ...lastYear, submissions: lastYear.submissions.filter((s) => reporting2027.has(s.agencyCode)) };
    const then = same.submissions.reduce((a, s) => a + (s.indicators?.find((x) => x.code === 'DN_TONG')?.actual ?? 0), 0);
    const r = row(validated, 'DN_TONG', [same]);
    expect(r?.base).toBe(then);
    expect(r?.growth).toBeCloseTo((5430 / then - 1) * 100, 6);
    // One commune's figure missing last year: not like for like again.
    const agency = [...reporting2027][0] ?? '';
    expect(row(validated, 'DN_TONG', [{ ...same, submissions: setFigure(same.submissions, agency, 'DN_TONG', null) }])?.base).toBeNull();
  });

  it('the reporters\' own "Cùng kỳ năm trước" comes first', () => {
    const r = row(withBases((_, actual) => actual - 1), 'DN_TONG', [lastYear]);
    expect(r?.base).toBeLessThan(5430);
    expect(r?.base).toBeGreaterThan(5430 - 79);
  });

  it('a total of the communes says how many of them reported; a figure of one agency says nothing of it', () => {
    const reporting = (code: string) => row(validated, code, [lastYear])?.reporting;
    expect(reporting('DN_TONG')).toEqual({ counted: 62, of: 65 });
    // A rate computed from the communes' figures: its numerator's communes.
    expect(reporting('TL_DN_UD')).toEqual({ counted: 62, of: 65 });
    expect(reporting('HTX_TONG')).toBeNull();
    expect(reporting('TL_HTX')).toBeNull();
  });

  it('a round of another period is not last year\'s (2026 is no base for a quarter of 2027)', () => {
    const q3 = { ...validated, round: { ...validated.round, ...parseRoundName('2027-Q3'), id: '2027-Q3' } };
    expect(row(q3, 'HTX_TONG', [lastYear])?.base ?? null).toBeNull();
  });
});
