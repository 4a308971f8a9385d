/**
 * Two agencies with exactly the same typed indicator figures (a commune that copied its
 * neighbour's table): a warning on each file, naming the other; never for a few small figures
 * two communes may share by chance. The shipped 2027 round of the Lạng Sơn e-commerce plan
 * (79 communes) is read once; each case edits figures in memory.
 */
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRound } from '../../src/incremental/index.js';
import type { Plan } from '../../src/model/plan.js';
import { parseRoundName } from '../../src/model/round.js';
import type { IndicatorReport, Submission } from '../../src/model/submission.js';
import { readWorkbookFile } from '../../src/read/index.js';
import { copiedFigures } from '../../src/validate/copied.js';
import { validatePlan } from '../../src/validate/plan.js';

const planDir = resolve('input', 'langson-tmdt-2026-2030');
let plan: Plan;
let subs: readonly Submission[];

beforeAll(async () => {
  const read = await readWorkbookFile(join(planDir, 'ke-hoach.xlsx'), 'ke-hoach.xlsx', { checkInProgress: false });
  if (!read.workbook) throw new Error('plan unreadable');
  plan = validatePlan(read.workbook, basename(planDir), planDir).plan as Plan;
  subs = (await checkRound(plan, { id: '2027', dir: join(planDir, '2027'), ...parseRoundName('2027') }, {})).validated.submissions;
}, 60_000);

const communes = () => subs.filter((s) => s.indicators?.some((r) => r.code === 'DN_TONG'));

/** The round with the figures of commune `to` replaced by those of `from` (or set by `values`, by code). */
function copied(to: number, from: number | Record<string, number | null>): Submission[] {
  const list = communes();
  const target = list[to] as Submission;
  const source = typeof from === 'number' ? (list[from] as Submission) : null;
  const valueOf = (r: IndicatorReport) => (source ? (source.indicators?.find((x) => x.code === r.code)?.actual ?? null) : ((from as Record<string, number | null>)[r.code] ?? null));
  return subs.map((s) => (s === target ? { ...s, indicators: s.indicators?.map((r) => ({ ...r, actual: valueOf(r) })) ?? null } : s));
}

describe('copiedFigures', () => {
  it('the shipped round, 62 communes with their own figures, says nothing', () => {
    expect(communes().length).toBeGreaterThan(50);
    expect(copiedFigures(subs, plan.agencies)).toEqual([]);
  });

  it('a commune with its neighbour\'s figures: a warning on each of the two files, naming the other', () => {
    const list = communes();
    const found = copiedFigures(copied(5, 4), plan.agencies);
    expect(found.map((f) => f.file).sort()).toEqual([list[4]?.file, list[5]?.file].sort());
    const own = found.find((f) => f.file === list[5]?.file);
    expect(own).toMatchObject({ code: 'submission_copied', severity: 'warning', sheet: 'Chỉ tiêu' });
    expect(own?.message).toMatch(/^Cả \d+ số liệu UBND .+ ghi trong tệp này giống hệt tệp ".+" của UBND .+: có thể đã chép số liệu hoặc gửi nhầm tệp của cơ quan khác\. Nếu giữ nguyên, baocao cộng các số này 2 lần\.$/);
  });

  it.each([
    ['a few small figures two small communes may share', { DN_TONG: 3, DN_UD: 0, DNNVV_TONG: 3, DNNVV_TMDT: 0, TN_BAN: 1, DAO_TAO: 10 }, false],
    ['two figures only, however large', { DN_TONG: 1234, DN_UD: 567, DNNVV_TONG: null, DNNVV_TMDT: null, TN_BAN: null, DAO_TAO: 0 }, false],
    ['enough figures with enough digits', { DN_TONG: 128, DN_UD: 41, DNNVV_TONG: 117, DNNVV_TMDT: 23, TN_BAN: 19, DAO_TAO: 240 }, true],
  ] as const)('%s, in two communes', (_, values, said) => {
    const both = copied(7, values).map((s, i, all) => (s === communes()[8] ? (copied(8, values).find((x) => x.file === s.file) ?? s) : all[i] as Submission));
    expect(copiedFigures(both, plan.agencies).length > 0).toBe(said);
  });
});
