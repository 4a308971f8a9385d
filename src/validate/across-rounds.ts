/**
 * Checks a round's figures against the same agency's figures in the earlier rounds of the year.
 *
 * A round of a later period (quý III, 6 tháng cuối năm, tháng 8…) asks for the figure of that
 * period alone: baocao adds the earlier rounds to it for the year to date. Agencies used to
 * cumulative reports often type the figure from January instead; the year-to-date figure would
 * then count the earlier months twice, without a word. A flow figure that looks cumulative (much
 * larger than the period's share of the year so far) is a warning `indicator_cumulative` at the
 * figure; it is still aggregated, as typed.
 */
import { finding, type Finding } from '../findings.js';
import type { Indicator } from '../model/indicator.js';
import { yearToDateParts, type EarlierRound } from '../model/earlier.js';
import { monthsToDate } from '../model/period-names.js';
import { baseValue, periodMonths, planValue, periodIdOf } from '../model/period.js';
import type { Plan } from '../model/plan.js';
import type { Period } from '../model/round.js';
import type { FileStatus, Submission } from '../model/submission.js';
import { formatNumber } from '../vn/index.js';
import type { ValidateOutput } from './index.js';
import { figureText } from './sheet-tools.js';

/** Growth over the same period of last year from which a figure is looked at: less is never called cumulative. */
const HIGH_GROWTH = 1.5;
/** Without last year's figure, a period's figure at least this share of what a cumulative one would be (E·(1+r)). */
const NEAR_CUMULATIVE = 0.9;

/**
 * The period's share relative to the months before it, for one indicator: from the plan's same
 * period of last year (its seasons), else its plan by period, else by months.
 */
function expectedShare(plan: Plan, ind: Indicator, period: Period, parts: readonly Period[]): number {
  const fromBase = (p: Period) => baseValue(plan.indicatorValues, ind, p);
  const fromPlan = (p: Period) => planValue(plan.indicatorValues, ind.code, periodIdOf(p), 'plan');
  for (const value of [fromBase, fromPlan]) {
    const own = value(period);
    const before = parts.map(value);
    if (own !== null && own > 0 && before.every((x): x is number => x !== null && x > 0)) return own / before.reduce((a, x) => a + x, 0);
  }
  const months = (p: Period) => periodMonths(p)[1] - periodMonths(p)[0] + 1;
  return months(period) / parts.reduce((a, p) => a + months(p), 0);
}

/**
 * Why a period's figure v looks cumulative, given the agency's figures E of the earlier months of
 * the year, or null when it does not.
 * - With last year's same period b (the agency's own "Cùng kỳ năm trước", or the plan's when the
 *   agency alone reports the indicator): v grows by half or more over b, and v − E is nearer to b
 *   than v is. A seasonal figure (cinnamon bark harvested in quý III) keeps its usual growth over
 *   b and is never called cumulative.
 * - Without it: v is at least 90 % of what a cumulative figure would be, E·(1+r), r the period's
 *   usual share relative to the earlier months (expectedShare).
 */
export function looksCumulative(v: number, earlier: number, base: number | null, share: number): string | null {
  if (base !== null) {
    const growth = v / base;
    const without = (v - earlier) / base;
    if (growth < HIGH_GROWTH || without <= 0 || Math.abs(Math.log(without)) >= Math.abs(Math.log(growth))) return null;
    return `gấp ${formatNumber(growth, 2)} lần cùng kỳ năm trước (${figureText(base)}); trừ đi số các kỳ trước thì còn ${figureText(v - earlier)}, sát với cùng kỳ năm trước hơn`;
  }
  if (v < earlier * (1 + share) * NEAR_CUMULATIVE) return null;
  return `bằng ${formatNumber(v / earlier, 2)} lần số các kỳ trước, trong khi kỳ này thường chỉ bằng khoảng ${formatNumber(share, 2)} lần`;
}

/** The agency's own figure of an indicator in one submission, or null. */
function ownFigure(sub: Submission | undefined, code: string): number | null {
  return sub?.indicators?.find((r) => r.code === code)?.actual ?? null;
}

function cumulativeFindings(plan: Plan, period: Period, sub: Submission, parts: readonly EarlierRound[]): Finding[] {
  const out: Finding[] = [];
  const partPeriods = parts.map((p) => p.round.period as Period);
  const earlierSubs = parts.map((p) => p.submissions.find((s) => s.agencyCode === sub.agencyCode));
  const [, end] = periodMonths(period);
  for (const r of sub.indicators ?? []) {
    const ind = plan.indicators.find((i) => i.code === r.code);
    if (!ind || ind.kind !== 'flow' || r.actual === null || r.actual <= 0) continue;
    const before = earlierSubs.map((s) => ownFigure(s, r.code));
    // Every earlier part must carry the agency's figure: a missing one says nothing of the months.
    if (!before.every((x): x is number => x !== null && x >= 0)) continue;
    const earlier = before.reduce((a, x) => a + x, 0);
    if (earlier <= 0) continue;
    const planBase = ind.reporters.length === 1 ? baseValue(plan.indicatorValues, ind, period) : null;
    const base = r.base !== null && r.base > 0 ? r.base : planBase !== null && planBase > 0 ? planBase : null;
    const why = looksCumulative(r.actual, earlier, base, expectedShare(plan, ind, period, partPeriods));
    if (why === null) continue;
    const partsText = parts.map((p, i) => `${(p.round.period as Period).label}: ${figureText(before[i] as number)}, đợt "${p.round.id}"`).join('; ');
    out.push(
      finding({
        file: r.source.actual.file,
        sheet: r.source.actual.sheet,
        cell: r.source.actual.cell,
        code: 'indicator_cumulative',
        message:
          `Chỉ tiêu ${ind.code} (${ind.name}): số ${period.label} ghi ${figureText(r.actual)} ${ind.unit}, ${why} (các kỳ trước cơ quan đã báo cáo: ${partsText}): ` +
          `có thể đây là số lũy kế ${monthsToDate(end, period.year)}. ` +
          `baocao tự cộng lũy kế từ các đợt trước; nếu giữ số này, số lũy kế ${monthsToDate(end, period.year)} sẽ là ${figureText(earlier + r.actual)}.`,
      }),
    );
  }
  return out;
}

/**
 * The round's figures against the earlier rounds of the year (see the top of this file). Returns
 * the round with these findings added to its files; the submissions and their use are unchanged
 * (warnings only).
 */
export function validateAcrossRounds(validated: ValidateOutput, earlier: readonly EarlierRound[]): ValidateOutput {
  const { plan, round } = validated;
  const period = round.period;
  if (!period || plan.indicators.length === 0 || earlier.length === 0) return validated;
  const parts = yearToDateParts(period, earlier);
  if (!parts || parts.length === 0) return validated;
  const added: Finding[] = [];
  for (const sub of validated.submissions) if (sub.errorCount === 0) added.push(...cumulativeFindings(plan, period, sub, parts));
  if (added.length === 0) return validated;
  const perFile = new Map<string, number>();
  for (const f of added) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const files: FileStatus[] = validated.files.map((f) => {
    const n = perFile.get(f.file) ?? 0;
    return n > 0 ? { ...f, warnings: f.warnings + n } : f;
  });
  return { ...validated, files, findings: [...validated.findings, ...added] };
}
