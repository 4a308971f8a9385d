/**
 * Same period of last year of an indicator many agencies report (communes' enterprises, added up):
 * the reporters' own figures are added up as their figures are, never one commune's taken for the
 * province's. Read from the shipped Lạng Sơn e-commerce round of 2027 (79 communes).
 */
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/index.js';
import { checkRound } from '../../src/incremental/index.js';
import type { Plan } from '../../src/model/plan.js';
import { parseRoundName } from '../../src/model/round.js';
import type { Submission } from '../../src/model/submission.js';
import { readWorkbookFile } from '../../src/read/index.js';
import type { ValidateOutput } from '../../src/validate/index.js';
import { validatePlan } from '../../src/validate/plan.js';

const planDir = resolve('input', 'langson-tmdt-2026-2030');
let validated: ValidateOutput;

beforeAll(async () => {
  const read = await readWorkbookFile(join(planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
  if (!read.workbook) throw new Error('plan unreadable');
  const plan = validatePlan(read.workbook, basename(planDir), planDir).plan as Plan;
  validated = (await checkRound(plan, { id: '2027', dir: join(planDir, '2027'), ...parseRoundName('2027') }, {})).validated;
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

const row = (v: ValidateOutput) => aggregate(v, { today: '2027-12-20' }).indicators?.rows.find((r) => r.code === 'DN_TONG');

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
