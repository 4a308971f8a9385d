/**
 * Checks a round's flow figures against the same agency's figures in the earlier rounds of the
 * year: what no single workbook shows wrong. Both are warnings at the figure; the figure is still
 * aggregated, as typed.
 *
 * - A round of a later period (quý III, 6 tháng cuối năm, tháng 8…) asks for the figure of that
 *   period alone: baocao adds the earlier rounds to it for the year to date. Agencies used to
 *   cumulative reports often type the figure from January instead, and the year-to-date figure
 *   would count the earlier months twice: `indicator_cumulative`.
 * - A round from January (năm, 9 tháng, 6 tháng đầu năm) asks for all its months, those already
 *   reported in an earlier round included. An agency that types only the months since its last
 *   report gives a figure for the year too small: `indicator_partial`.
 * - The "Cùng kỳ năm trước" an agency writes is what it reported for the same period of last year,
 *   when that round is there: another figure makes the growth of the report disagree with last
 *   year's report, `indicator_base_mismatch` (unless the note says the figure was revised).
 * - When the form gives no last year's figure, a flow ten times (or a tenth of) what the agency
 *   reported for the same period last year, a stock three times (or a third of) its latest earlier
 *   report: a digit typed too many or too few; a rate in % written as a fraction (0,585 where its
 *   latest report says 53,1 %): `indicator_outlier`, as the single-workbook check says it against
 *   a "Cùng kỳ năm trước".
 * - Every flow figure the same as in the agency's previous report (the period just before, or the
 *   same period of last year): last report's table copied again, `indicator_same_as_earlier`.
 * - The plan's own "Cùng kỳ năm trước" (sheet "Số liệu chỉ tiêu") against the figure the round of
 *   the same period last year adds up, when every reporter reported then: a figure copied wrong
 *   into the plan would make every growth of the report wrong, `plan_base_mismatch`.
 * - A task the agency reported done ("Hoàn thành") in an earlier round, now not started or
 *   abandoned: the two reports a Vice-Chairman signs would contradict each other,
 *   `task_status_regressed`. A recurring task ("Hằng năm", "Thường xuyên") starts again each
 *   year: only the earlier rounds of the same year count for it.
 */
import { finding, type Finding } from '../findings.js';
import type { Indicator } from '../model/indicator.js';
import { isSamePeriodLastYear, monthsToDateParts, yearToDateParts, type EarlierRound } from '../model/earlier.js';
import { monthsToDate } from '../model/period-names.js';
import { baseValue, periodMonths, planValue, periodIdOf } from '../model/period.js';
import { countedReports, isDerived } from '../model/indicator.js';
import { PLAN_FILE, PLAN_SHEETS } from '../model/sheets.js';
import type { Plan } from '../model/plan.js';
import type { Period } from '../model/round.js';
import type { FileStatus, IndicatorReport, Submission } from '../model/submission.js';
import { foldKey, formatNumber, formatPercent } from '../vn/index.js';
import type { ValidateOutput } from './index.js';
import { figureText } from './sheet-tools.js';
import { firstFigure, typedFigures } from './copied.js';
import { fractionFinding, fractionWords, outlierFinding, outlierWords, percentRate } from './indicator-sheet.js';

/** Growth (or fall) over the same period of last year from which a figure is looked at: less is never questioned. */
const HIGH_GROWTH = 1.5;
/** Without last year's figure, a period's figure at least this share of what a cumulative one would be (E·(1+r)). */
const NEAR_CUMULATIVE = 0.9;
/** Without last year's figure, a figure from January below E·(1 + r·PARTIAL_SHARE) is questioned. */
const PARTIAL_SHARE = 0.5;

/** A ratio to two decimals at most, as people write it: 1,5 lần, 2,13 lần, 2 lần. */
const times = (x: number) => formatNumber(x, 2).replace(/,?0+$/u, '');

const monthCount = (p: Period) => periodMonths(p)[1] - periodMonths(p)[0] + 1;

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
  return monthCount(period) / parts.reduce((a, p) => a + monthCount(p), 0);
}

/** |log x|: how far a ratio is from 1, up or down alike. */
const distance = (ratio: number) => Math.abs(Math.log(ratio));

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
    if (growth < HIGH_GROWTH || without <= 0 || distance(without) >= distance(growth)) return null;
    return `gấp ${times(growth)} lần cùng kỳ năm trước (${figureText(base)}); trừ đi số các kỳ trước thì còn ${figureText(v - earlier)}, sát với cùng kỳ năm trước hơn`;
  }
  if (v < earlier * (1 + share) * NEAR_CUMULATIVE) return null;
  return `bằng ${times(v / earlier)} lần số các kỳ trước, trong khi kỳ này thường chỉ bằng khoảng ${times(share)} lần`;
}

/**
 * Why a figure from January v looks like the later months only, given the agency's figures E of
 * the months January to an earlier round's end, or null when it does not.
 * - Less than E: months cannot subtract.
 * - With last year's same period b: v falls by a third or more below b, and v + E is nearer to b.
 * - Without it: v is below E·(1 + r/2), r the later months' count relative to E's.
 */
export function looksPartial(v: number, earlier: number, base: number | null, share: number): string | null {
  if (v < earlier) return `nhỏ hơn cả số các kỳ trước (${figureText(earlier)}) dù tính nhiều tháng hơn`;
  if (base !== null) {
    const growth = v / base;
    const whole = (v + earlier) / base;
    if (growth > 1 / HIGH_GROWTH || distance(whole) >= distance(growth)) return null;
    return `chỉ bằng ${formatNumber(growth * 100, 1)}% cùng kỳ năm trước (${figureText(base)}); cộng thêm số các kỳ trước thì được ${figureText(v + earlier)}, sát với cùng kỳ năm trước hơn`;
  }
  if (v >= earlier * (1 + share * PARTIAL_SHARE)) return null;
  return `chỉ bằng ${times(v / earlier)} lần số các kỳ trước, trong khi cả kỳ thường gấp khoảng ${times(1 + share)} lần`;
}

/** Each earlier round's submissions by agency, made once per round: a round of 1.000 agencies is looked into for each of them. */
const byAgency = new WeakMap<EarlierRound, Map<string, Submission>>();

/** The agency's submission in an earlier round (its first, as the round lists them), if any. */
function ownIn(e: EarlierRound, agencyCode: string): Submission | undefined {
  let index = byAgency.get(e);
  if (!index) {
    index = new Map();
    for (const s of e.submissions) if (!index.has(s.agencyCode)) index.set(s.agencyCode, s);
    byAgency.set(e, index);
  }
  return index.get(agencyCode);
}

/** Where an agency reported a figure or a status in an earlier round, as messages name it: đợt "2026", tệp …, ô Chỉ tiêu!J5. */
function reportedAt(e: EarlierRound, at: { readonly file: string; readonly sheet: string; readonly cell: string }): string {
  return `đợt "${e.round.id}", tệp ${at.file}, ô ${at.sheet}!${at.cell}`;
}

/** One flow figure of a submission with the agency's own figures in the earlier parts, when each part has one. */
interface Compared {
  readonly ind: Indicator;
  readonly report: IndicatorReport & { readonly actual: number };
  /** The agency's figure in each part, in order. */
  readonly before: readonly number[];
  readonly earlier: number;
  /** Last year's same period: the agency's own, or the plan's when the agency alone reports it. */
  readonly base: number | null;
}

function compared(plan: Plan, period: Period, sub: Submission, parts: readonly EarlierRound[]): Compared[] {
  const earlierSubs = parts.map((p) => ownIn(p, sub.agencyCode));
  const out: Compared[] = [];
  for (const report of sub.indicators ?? []) {
    const ind = plan.indicators.find((i) => i.code === report.code);
    const actual = report.actual;
    if (!ind || ind.kind !== 'flow' || actual === null || actual <= 0) continue;
    const before = earlierSubs.map((s) => s?.indicators?.find((r) => r.code === report.code)?.actual ?? null);
    // Every earlier part must carry the agency's figure: a missing one says nothing of the months.
    if (!before.every((x): x is number => x !== null && x >= 0)) continue;
    const earlier = before.reduce((a, x) => a + x, 0);
    if (earlier <= 0) continue;
    const planBase = ind.reporters.length === 1 ? baseValue(plan.indicatorValues, ind, period) : null;
    const base = report.base !== null && report.base > 0 ? report.base : planBase !== null && planBase > 0 ? planBase : null;
    out.push({ ind, report: { ...report, actual }, before, earlier, base });
  }
  return out;
}

/**
 * A warning at a flow figure compared with the agency's figures in the earlier rounds: what it
 * looks like (`why`), those figures, then what it may be (`tail`).
 */
function figureFinding(c: Compared, code: 'indicator_cumulative' | 'indicator_partial', period: Period, parts: readonly EarlierRound[], why: string, tail: string): Finding {
  const at = c.report.source.actual;
  const before = parts.map((p, i) => `${(p.round.period as Period).label}: ${figureText(c.before[i] ?? 0)}, đợt "${p.round.id}"`).join('; ');
  return finding({
    file: at.file,
    sheet: at.sheet,
    cell: at.cell,
    code,
    message: `Chỉ tiêu ${c.ind.code} (${c.ind.name}): số ${period.label} ghi ${figureText(c.report.actual)} ${c.ind.unit}, ${why} (các kỳ trước cơ quan đã báo cáo: ${before}): ${tail}`,
  });
}

/** A later period's figures that look typed from January. */
function cumulativeFindings(plan: Plan, period: Period, sub: Submission, parts: readonly EarlierRound[]): Finding[] {
  const todate = monthsToDate(periodMonths(period)[1], period.year);
  const partPeriods = parts.map((p) => p.round.period as Period);
  return compared(plan, period, sub, parts).flatMap((c) => {
    const why = looksCumulative(c.report.actual, c.earlier, c.base, expectedShare(plan, c.ind, period, partPeriods));
    if (why === null) return [];
    const tail = `có thể đây là số lũy kế ${todate}. baocao tự cộng lũy kế từ các đợt trước; nếu giữ số này, số lũy kế ${todate} sẽ là ${figureText(c.earlier + c.report.actual)}.`;
    return [figureFinding(c, 'indicator_cumulative', period, parts, why, tail)];
  });
}

/** A figure from January that looks like the months since the last report only. */
function partialFindings(plan: Plan, period: Period, sub: Submission, parts: readonly EarlierRound[]): Finding[] {
  const [, end] = periodMonths(period);
  const covered = parts.reduce((a, p) => a + monthCount(p.round.period as Period), 0);
  const share = (end - covered) / covered;
  return compared(plan, period, sub, parts).flatMap((c) => {
    const why = looksPartial(c.report.actual, c.earlier, c.base, share);
    if (why === null) return [];
    const tail = `có thể chỉ là số từ tháng ${covered + 1} đến hết tháng ${end}. Đợt ${period.label} hỏi số của cả kỳ, từ tháng 1, kể cả những tháng đã báo cáo ở đợt trước.`;
    return [figureFinding(c, 'indicator_partial', period, parts, why, tail)];
  });
}

/** Last year's figure and the one written now may differ by this share (rounding) before it is said. */
const BASE_TOLERANCE = 0.005;
/** A note saying last year's figure was revised: the difference is explained. */
const REVISED = /dieu chinh|chinh thuc|cap nhat|sua lai|so bo/u;

/** "Cùng kỳ năm trước" written by the agency against its own report of the same period last year. */
function baseFindings(plan: Plan, period: Period, sub: Submission, lastYear: EarlierRound): Finding[] {
  const then = ownIn(lastYear, sub.agencyCode);
  if (!then) return [];
  const pid = periodIdOf(period);
  const out: Finding[] = [];
  for (const r of sub.indicators ?? []) {
    const ind = plan.indicators.find((i) => i.code === r.code);
    // A base the plan states is prefilled and locked on the form: not the agency's to answer for.
    if (!ind || isDerived(ind) || r.base === null || planValue(plan.indicatorValues, r.code, pid, 'base') !== null) continue;
    const reported = then.indicators?.find((x) => x.code === r.code);
    const was = reported?.actual ?? null;
    if (!reported || was === null) continue;
    if (Math.abs(r.base - was) <= BASE_TOLERANCE * Math.abs(was) || REVISED.test(foldKey(r.note))) continue;
    out.push(
      finding({
        file: r.source.actual.file,
        sheet: r.source.actual.sheet,
        cell: r.source.base ?? r.source.actual.cell,
        code: 'indicator_base_mismatch',
        message:
          `Chỉ tiêu ${r.code} (${ind.name}): cột "Cùng kỳ năm trước" ghi ${figureText(r.base)} ${ind.unit}, nhưng chính cơ quan đã báo cáo ${(lastYear.round.period as Period).label} là ${figureText(was)} ` +
          `(${reportedAt(lastYear, reported.source.actual)}). baocao tính tốc độ tăng theo số ${figureText(r.base)} đã ghi.`,
      }),
    );
  }
  return out;
}

/**
 * A figure far from what the agency itself reported before, when nothing on the form gave last
 * year's figure (the single-workbook check, validate/indicator-sheet.ts, compares it with the
 * "Cùng kỳ năm trước" written or the plan's): a flow against the same period of last year, ten
 * times it or a tenth; a stock (a level at a date) against the agency's latest earlier report,
 * three times it or a third (outlierWords); a rate in % against the latest report too, written as a
 * fraction (fractionWords). A digit typed too many or too few would otherwise pass into the
 * province's total.
 */
function outliersAgainstEarlier(plan: Plan, period: Period, sub: Submission, lastYear: EarlierRound | undefined, latestFirst: readonly EarlierRound[], saidAt: ReadonlySet<string>): Finding[] {
  const pid = periodIdOf(period);
  const out: Finding[] = [];
  for (const r of sub.indicators ?? []) {
    const ind = plan.indicators.find((i) => i.code === r.code);
    if (!ind) continue;
    const rate = percentRate(ind);
    if ((ind.kind !== 'flow' && ind.kind !== 'stock' && !rate) || r.actual === null || r.actual <= 0) continue;
    // The form's check already said this figure is unusual (against the year's plan): once is enough.
    if (saidAt.has(cellKey(r.source.actual))) continue;
    // Already compared on the form: with the agency's own "Cùng kỳ năm trước", or the plan's when it alone reports.
    if ((r.base !== null && r.base > 0) || (ind.reporters.length === 1 && (planValue(plan.indicatorValues, r.code, pid, 'base') ?? 0) > 0)) continue;
    // A level (a stock, a rate) against the agency's latest report; a flow against the same period of last year.
    const candidates = ind.kind === 'flow' ? (lastYear ? [lastYear] : []) : latestFirst;
    let ref: { e: EarlierRound; report: IndicatorReport; was: number } | null = null;
    for (const e of candidates) {
      const report = ownIn(e, sub.agencyCode)?.indicators?.find((x) => x.code === r.code);
      if (report && report.actual !== null && report.actual > 0) {
        ref = { e, report, was: report.actual };
        break;
      }
    }
    if (!ref) continue;
    const label = (ref.e.round.period as Period).label;
    const where = reportedAt(ref.e, ref.report.source.actual);
    if (rate) {
      const words = fractionWords(r.actual, ref.was);
      if (words) out.push(fractionFinding(r.source.actual, ind, period, r.actual, `chính cơ quan đã báo cáo ${label} là ${formatPercent(ref.was, 4, { trimZeros: true })}% (${where})`, words));
      continue;
    }
    const how = outlierWords(ind.kind, r.actual, ref.was);
    if (how === null) continue;
    const comparison = `${how} số chính cơ quan đã báo cáo ${label} (${figureText(ref.was)}; ${where})`;
    out.push(outlierFinding(r.source.actual, ind, period, r.actual, comparison));
  }
  return out;
}

const cellKey = (c: { readonly file: string; readonly sheet: string; readonly cell: string }) => `${c.file}\u0000${c.sheet}\u0000${c.cell}`;

/** The earlier rounds whose periods end before `period` ends, the latest first. */
function latestFirst(period: Period, earlier: readonly EarlierRound[]): EarlierRound[] {
  const endOf = (p: Period) => p.year * 12 + periodMonths(p)[1];
  return earlier
    .filter((e): e is EarlierRound & { round: { period: Period } } => e.round.period !== null && endOf(e.round.period) < endOf(period))
    .sort((a, b) => endOf(b.round.period) - endOf(a.round.period));
}

/** Every flow figure of the agency the same as in one of its earlier reports: that report's table typed again. */
function sameAsEarlier(plan: Plan, period: Period, sub: Submission, candidates: readonly EarlierRound[]): Finding[] {
  const flows = new Set(plan.indicators.filter((i) => i.kind === 'flow').map((i) => i.code));
  const now = typedFigures(sub, { codes: flows, quarters: false });
  if (!now) return [];
  for (const e of candidates) {
    const then = ownIn(e, sub.agencyCode);
    if (!then || typedFigures(then, { codes: flows, quarters: false })?.key !== now.key) continue;
    return [
      finding({
        file: sub.file,
        ...firstFigure(sub, flows),
        code: 'indicator_same_as_earlier',
        message:
          `Cả ${figureText(now.figures)} số liệu chỉ tiêu cộng dồn ${period.label} ghi trong tệp này giống hệt số cơ quan đã báo cáo cho ${(e.round.period as Period).label} ` +
          `(đợt "${e.round.id}", tệp ${then.file}): có thể đã chép lại bảng số liệu của lần báo cáo trước.`,
      }),
    ];
  }
  return [];
}

/** The plan's "Cùng kỳ năm trước" of this period against what last year's round of the same period adds up to. */
function planBaseFindings(plan: Plan, period: Period, lastYear: EarlierRound): Finding[] {
  const pid = periodIdOf(period);
  const out: Finding[] = [];
  for (const v of plan.indicatorValues) {
    const ind = plan.indicators.find((i) => i.code === v.code);
    if (v.period !== pid || v.base === null || !ind || isDerived(ind)) continue;
    const reports = countedReports(ind, lastYear.submissions);
    // A total of some reporters only is not last year's figure.
    const single = ind.combine === 'single' && ind.reporters.length <= 1;
    if (reports.length === 0 || (!single && reports.length < ind.reporters.length)) continue;
    const then = reports.reduce((a, r) => a + (r.actual ?? 0), 0);
    if (Math.abs(v.base - then) <= BASE_TOLERANCE * Math.abs(then)) continue;
    const from = single ? `cơ quan báo cáo ghi` : `cộng ${reports.length} cơ quan báo cáo được`;
    out.push(
      finding({
        file: PLAN_FILE,
        sheet: PLAN_SHEETS.indicatorValues,
        cell: v.baseCell ?? '',
        code: 'plan_base_mismatch',
        message:
          `Chỉ tiêu ${ind.code} (${ind.name}), kỳ ${pid}: kế hoạch ghi số cùng kỳ năm trước ${figureText(v.base)} ${ind.unit}, nhưng ở đợt ${(lastYear.round.period as Period).label} ` +
          `(đợt "${lastYear.round.id}") ${from} ${figureText(then)}. baocao tính tốc độ tăng theo số ${figureText(v.base)} của kế hoạch.`,
      }),
    );
  }
  return out;
}

/** A task whose time says it comes back (each year, quarter, month, or all the time): "Hằng năm", "Thường xuyên". */
export function isRecurring(time: string): boolean {
  return /hang nam|hang quy|hang thang|thuong xuyen|dinh ky|moi nam|hang ky/u.test(foldKey(time));
}
/** Statuses that contradict an earlier "Hoàn thành". */
const UNDONE: ReadonlySet<string> = new Set(['Chưa thực hiện', 'Không thực hiện']);

/**
 * Tasks reported done in an earlier round (of the same year for a recurring task), now not started
 * or abandoned. `before`: the earlier rounds, latest first (the most recent "Hoàn thành" is named).
 */
function taskFindings(plan: Plan, period: Period, sub: Submission, before: readonly EarlierRound[]): Finding[] {
  const out: Finding[] = [];
  for (const t of sub.tasks) {
    if (t.status === null || !UNDONE.has(t.status)) continue;
    const task = plan.tasks.find((x) => x.id === t.taskId);
    if (!task) continue;
    const recurring = isRecurring(task.time);
    for (const e of before) {
      if (recurring && e.round.period?.year !== period.year) continue;
      const then = ownIn(e, sub.agencyCode)?.tasks.find((x) => x.taskId === t.taskId && x.status === 'Hoàn thành');
      if (!then) continue;
      out.push(
        finding({
          file: t.source.file,
          sheet: t.source.sheet,
          cell: t.source.cell,
          code: 'task_status_regressed',
          message:
            `Nhiệm vụ ${t.taskId}: tình trạng "${t.status}", nhưng chính cơ quan đã báo cáo "Hoàn thành" cho ${(e.round.period as Period).label} ` +
            `(${reportedAt(e, then.source)}); báo cáo lần này sẽ nói ngược với báo cáo trước.`,
        }),
      );
      break;
    }
  }
  return out;
}

/**
 * The earlier rounds to compare a period with: for a later period, those that tile the year before
 * it; for a period from January, those that tile January to the latest month they can reach.
 */
function comparedParts(period: Period, earlier: readonly EarlierRound[]): { kind: 'later' | 'from-january'; parts: EarlierRound[] } | null {
  const [start, end] = periodMonths(period);
  if (start > 1) {
    const parts = yearToDateParts(period, earlier);
    return parts && parts.length > 0 ? { kind: 'later', parts } : null;
  }
  for (let last = end - 1; last >= 1; last--) {
    const parts = monthsToDateParts(period.year, last, earlier);
    if (parts && parts.length > 0) return { kind: 'from-january', parts };
  }
  return null;
}

/**
 * The checks of one file; a bug met on the way is a warning on that file, never the round's end.
 * The file is still used: these checks only ever warn.
 */
function guarded(file: string, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (err) {
    return [
      finding({
        file,
        code: 'internal_error',
        severity: 'warning',
        message: `Chưa so được số liệu của tệp "${file}" với các đợt trước do lỗi của baocao — xin báo lại. Tệp vẫn được tổng hợp.`,
        detail: err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err),
      }),
    ];
  }
}

/**
 * The round's figures against the earlier rounds of the year (see the top of this file). Returns
 * the round with these findings added to its files; the submissions and their use are unchanged
 * (warnings only). `earlier` may hold rounds of other years and periods: only those of the same
 * year that tile its months are compared.
 */
export function validateAcrossRounds(validated: ValidateOutput, earlier: readonly EarlierRound[]): ValidateOutput {
  const { plan, round } = validated;
  const period = round.period;
  if (!period || earlier.length === 0) return validated;
  const compare = comparedParts(period, earlier);
  const lastYear = earlier.find((e) => e.round.period && isSamePeriodLastYear(e.round.period, period));
  const before = latestFirst(period, earlier);
  const outliersSaid = new Set(validated.findings.filter((f) => f.code === 'indicator_outlier').map(cellKey));
  const added: Finding[] = [];
  for (const sub of validated.submissions) {
    if (sub.errorCount > 0) continue;
    added.push(
      ...guarded(sub.file, () => {
        const out: Finding[] = [];
        if (compare) out.push(...(compare.kind === 'later' ? cumulativeFindings(plan, period, sub, compare.parts) : partialFindings(plan, period, sub, compare.parts)));
        if (lastYear) out.push(...baseFindings(plan, period, sub, lastYear));
        out.push(...outliersAgainstEarlier(plan, period, sub, lastYear, before, outliersSaid));
        // The period just before (a later period's), and the same period of last year.
        const previous = [...(compare?.kind === 'later' ? compare.parts.slice(-1) : []), ...(lastYear ? [lastYear] : [])];
        out.push(...sameAsEarlier(plan, period, sub, previous));
        out.push(...taskFindings(plan, period, sub, before));
        return out;
      }),
    );
  }
  if (lastYear) added.push(...guarded(PLAN_FILE, () => planBaseFindings(plan, period, lastYear)));
  if (added.length === 0) return validated;
  const perFile = new Map<string, number>();
  for (const f of added) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const files: FileStatus[] = validated.files.map((f) => {
    const n = perFile.get(f.file) ?? 0;
    return n > 0 ? { ...f, warnings: f.warnings + n } : f;
  });
  return { ...validated, files, findings: [...validated.findings, ...added] };
}
