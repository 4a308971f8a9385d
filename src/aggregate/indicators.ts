/**
 * Indicators of a round: each figure combined over its submitters, the year-to-date figure from
 * the earlier rounds of the same year (agencies never retype it), % of plan, growth against the
 * same period, gap to the scenario, and the GRDP growth, contributions and the growth the rest
 * of the year must reach. Every derived figure is computed here, never copied.
 */
import type { Indicator } from '../model/indicator.js';
import { baseValue, periodIdOf, periodMonths, planValue } from '../model/period.js';
import type { Plan } from '../model/plan.js';
import type { GrdpSummary, GroupTable, IndicatorGap, IndicatorRow, IndicatorSummary } from '../model/report.js';
import { monthsToDate } from '../model/period-names.js';
import { textKey } from '../vn/same-text.js';
import { countedReports, isDerived } from '../model/indicator.js';
import { pathValue, trackStatus } from '../calc/index.js';
import type { Period, Round } from '../model/round.js';
import type { CellRef, Submission } from '../model/submission.js';
import { isSamePeriodLastYear, monthsToDateParts, yearToDateParts, type EarlierRound } from '../model/earlier.js';
import { contributions, gapPoints, growthPct, planAchievementPct, requiredGrowth, type Quarters } from '../calc/index.js';

const SCENARIO_COLUMN: Record<string, 'q1' | 'q2' | 'h1' | 'q3' | 'q4' | 'h2' | 'year'> = {
  'Q1': 'q1',
  'Q2': 'q2',
  'H1': 'h1',
  'Q3': 'q3',
  'Q4': 'q4',
  'H2': 'h2',
};

/** Combined value of a reported indicator in one round: the sum over its reporters, or the owner's. */
function reported(ind: Indicator, subs: readonly Submission[]): { value: number | null; sources: CellRef[] } {
  const reports = countedReports(ind, subs);
  if (reports.length === 0) return { value: null, sources: [] };
  return { value: reports.reduce((a, r) => a + (r.actual ?? 0), 0), sources: reports.map((r) => r.source.actual) };
}

/**
 * Same period of last year as the reporters wrote it, combined as their figures are: the sum over
 * the reporters counted, or the owner's. Null unless each of them wrote one (the plan's is used then):
 * one commune's own figure is never the province's.
 */
function submittedBase(ind: Indicator, subs: readonly Submission[]): number | null {
  const reports = countedReports(ind, subs);
  if (reports.length === 0 || reports.some((r) => r.base === null)) return null;
  return reports.reduce((a, r) => a + (r.base ?? 0), 0);
}

/**
 * The agencies whose figures make up an indicator's value (its numerator's and denominator's for
 * a ratio, the counted indicator's for a coverage), sorted: two rounds are like for like when
 * these are the same.
 */
function contributors(plan: Plan, ind: Indicator, subs: readonly Submission[]): string[] {
  const byCode = (code: string | null) => plan.indicators.find((i) => i.code === code);
  const parts = ind.kind === 'ratio' ? [byCode(ind.numerator), byCode(ind.denominator)] : ind.kind === 'coverage' ? [byCode(ind.numerator)] : [ind];
  const codes = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const s of subs) if (countedReports(part, [s]).length > 0) codes.add(s.agencyCode);
  }
  return [...codes].sort();
}

/**
 * An indicator many agencies report, added up: how many of them gave a figure, of those who must
 * (the numerator's for a rate computed from figures). Null for an indicator with one source.
 */
function reportingOf(plan: Plan, ind: Indicator, subs: readonly Submission[]): { counted: number; of: number } | null {
  const summed = ind.kind === 'ratio' || ind.kind === 'coverage' ? plan.indicators.find((i) => i.code === ind.numerator) : ind;
  if (!summed || ind.grdp !== null || (summed.combine === 'single' && summed.reporters.length <= 1) || summed.reporters.length <= 1) return null;
  return { counted: countedReports(summed, subs).length, of: summed.reporters.length };
}

/**
 * Value of any indicator in one round: reported ones combined; a ratio is Σ numerator ÷ Σ
 * denominator (never the mean of the reporters' rates); a coverage is the share of the counted
 * indicator's reporters whose figure is at least 1 (a reporter that has not submitted counts as not).
 */
function combinedValue(plan: Plan, ind: Indicator, subs: readonly Submission[]): { value: number | null; sources: CellRef[] } {
  const byCode = (code: string | null) => plan.indicators.find((i) => i.code === code);
  if (ind.kind === 'ratio') {
    const num = byCode(ind.numerator);
    const den = byCode(ind.denominator);
    if (!num || !den) return { value: null, sources: [] };
    const n = reported(num, subs);
    const d = reported(den, subs);
    if (n.value === null || d.value === null || d.value <= 0) return { value: null, sources: [] };
    const rate = (n.value / d.value) * 100;
    // A denominator near 0 can make the rate overflow: no figure rather than Infinity.
    if (!Number.isFinite(rate)) return { value: null, sources: [] };
    return { value: rate, sources: [...n.sources, ...d.sources] };
  }
  if (ind.kind === 'coverage') {
    const counted = byCode(ind.numerator);
    if (!counted || counted.reporters.length === 0) return { value: null, sources: [] };
    const sources: CellRef[] = [];
    let covered = 0;
    for (const code of counted.reporters) {
      const r = subs.find((s) => s.agencyCode === code)?.indicators?.find((x) => x.code === counted.code);
      if (r && r.actual !== null && r.actual >= 1) {
        covered++;
        sources.push(r.source.actual);
      }
    }
    return { value: (covered / counted.reporters.length) * 100, sources };
  }
  return reported(ind, subs);
}

function ytdLabel(period: Period): string {
  return monthsToDate(periodMonths(period)[1], period.year);
}

/** The reporters' notes on an indicator in this round, identical ones once. */
function notesOf(ind: Indicator, subs: readonly Submission[]): string[] {
  const out = new Map<string, string>();
  for (const s of subs) {
    if (!ind.reporters.includes(s.agencyCode)) continue;
    for (const r of s.indicators ?? []) {
      const key = r.code === ind.code ? textKey(r.note) : '';
      if (key && !out.has(key)) out.set(key, r.note.trim().replace(/\s+/gu, ' ').replace(/[.;,]+$/u, ''));
    }
  }
  return [...out.values()];
}

/** Builds the indicator part of the report model for a progress round with a period. */
export function aggregateIndicators(plan: Plan, round: Round, valid: readonly Submission[], earlier: readonly EarlierRound[]): IndicatorSummary | null {
  const period = round.period;
  if (!period || plan.indicators.length === 0) return null;
  const ytdParts = yearToDateParts(period, earlier);
  const [start, end] = periodMonths(period);
  const ytdPeriod: Period | null = start === 1 ? null : end === 12 ? { kind: 'year', year: period.year, label: `năm ${period.year}` } : end === 6 ? { kind: 'half', year: period.year, index: 1, label: '' } : end === 9 ? { kind: 'nine-months', year: period.year, label: '' } : null;
  const yearId = String(period.year);
  const pid = periodIdOf(period);
  const agencyName = (code: string) => plan.agencies.find((a) => a.code === code)?.name ?? code;

  const componentCodes = plan.indicators.filter((i) => i.grdp !== null && i.grdp !== 'total');
  const agencyLabel = (code: string) => plan.agencies.find((a) => a.code === code)?.name ?? code;
  const value = (ind: Indicator, subs: readonly Submission[]) => {
    if (ind.grdp === 'total') {
      const parts = componentCodes.map((c) => reported(c, subs));
      return parts.every((p) => p.value !== null)
        ? { value: parts.reduce((a, p) => a + (p.value ?? 0), 0), sources: parts.flatMap((p) => p.sources) }
        : { value: null, sources: [] };
    }
    return combinedValue(plan, ind, subs);
  };
  /**
   * Neither the reporters nor the plan give last year's figure: last year's rounds in the plan
   * folder give it — the same period's round for the period, the rounds that tile the same months
   * of last year for the year to date — added up as this year's figure is, and only like for like:
   * the same agencies made up every figure compared (an agency missing in either year would make
   * the growth the change in who reported).
   */
  const lastYear = earlier.find((e) => e.round.period && isSamePeriodLastYear(e.round.period, period));
  const lastYearToDate = ytdPeriod ? monthsToDateParts(period.year - 1, end, earlier) : null;
  const lastYearValue = (ind: Indicator, parts: readonly EarlierRound[] | null, alongside: readonly EarlierRound[]): number | null => {
    // GRDP's figures are growth rates of the plan's scenario, whose base is the plan's.
    if (!parts || parts.length === 0 || ind.grdp !== null) return null;
    const now = contributors(plan, ind, valid).join('\n');
    if (now === '' || [...parts, ...alongside].some((e) => contributors(plan, ind, e.submissions).join('\n') !== now)) return null;
    const values = parts.map((e) => value(ind, e.submissions).value);
    return values.every((v): v is number => v !== null) ? values.reduce((a, v) => a + v, 0) : null;
  };
  const base = (ind: Indicator, p: Period): number | null => {
    if (ind.grdp === 'total') {
      const parts = componentCodes.map((c) => baseValue(plan.indicatorValues, c, p));
      return parts.every((x): x is number => x !== null) ? parts.reduce((a, x) => a + x, 0) : null;
    }
    if (p === period) return submittedBase(ind, valid) ?? baseValue(plan.indicatorValues, ind, p) ?? lastYearValue(ind, lastYear ? [lastYear] : null, []);
    // The year to date: only flows add up over periods.
    return baseValue(plan.indicatorValues, ind, p) ?? (ind.kind === 'flow' ? lastYearValue(ind, lastYearToDate, ytdParts ?? []) : null);
  };

  const rows: IndicatorRow[] = plan.indicators.map((ind) => {
    const now = value(ind, valid);
    let ytd: number | null = null;
    if (ind.kind === 'flow' && ytdParts && ytdParts.length > 0 && now.value !== null) {
      const earlierValues = ytdParts.map((e) => value(ind, e.submissions).value);
      if (earlierValues.every((v): v is number => v !== null)) ytd = earlierValues.reduce((a, v) => a + v, now.value);
    }
    // GRDP components and total: plan and scenario are growth rates (%), compared with the growth.
    const isGrdp = ind.grdp !== null;
    const planYear = isGrdp ? null : planValue(plan.indicatorValues, ind.code, yearId, 'plan');
    const tableRow = plan.scenario.find((r) => r.code === ind.code);
    const col = SCENARIO_COLUMN[pid.slice(5)] ?? (period.kind === 'year' ? 'year' : undefined);
    const scenario = planValue(plan.indicatorValues, ind.code, pid, 'scenario') ?? (isGrdp && col && tableRow ? tableRow[col] : null);
    const b = base(ind, period);
    const ytdBase = ytdPeriod ? base(ind, ytdPeriod) : null;
    const reference = ind.kind === 'flow' ? (start === 1 ? now.value : ytd) : now.value;
    const growth = now.value !== null && b !== null && !rateLike(ind) ? growthPct(now.value, b) : null;
    return {
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      group: ind.group,
      ownerName: agencyLabel(ind.owner),
      kind: ind.kind,
      direction: ind.direction,
      actual: now.value,
      ytd,
      ytdLabel: ytd !== null ? ytdLabel(period) : null,
      planYear,
      pctOfPlan: reference !== null && planYear !== null && !rateLike(ind) ? planAchievementPct(reference, planYear) : null,
      base: b,
      growth,
      changePoints: now.value !== null && b !== null && rateLike(ind) ? now.value - b : null,
      ytdGrowth: ytd !== null && ytdBase !== null ? growthPct(ytd, ytdBase) : null,
      scenario,
      scenarioGap: isGrdp
        ? growth !== null && scenario !== null
          ? gapPoints(growth, scenario)
          : null
        : now.value !== null && scenario !== null
          ? rateLike(ind)
            ? gapPoints(now.value, scenario)
            : now.value - scenario
          : null,
      sources: now.sources,
      ...track(ind, period, now.value, earlier, value),
      notes: notesOf(ind, valid),
      reporting: reportingOf(plan, ind, valid),
    };
  });

  return {
    periodLabel: period.label,
    rows,
    grdp: grdpSummary(plan, period, valid, ytdParts, value, base),
    groups: groupTables(plan, valid),
    gaps: indicatorGaps(plan, period, rows),
  };
}

/** Rounded to the 2 decimals the report shows (a gap that prints as 0,00 is no gap). */
const shown = (x: number) => Math.round(x * 100) / 100;

/**
 * The shortfalls the figures show, in plan order: below the scenario (above it for an indicator
 * to keep down; GRDP rows compare growth), a multi-year target at risk or not achievable, a flow
 * planned for the year with nothing so far.
 */
export function indicatorGaps(plan: Plan, period: Period, rows: readonly IndicatorRow[]): IndicatorGap[] {
  const [start] = periodMonths(period);
  const out: IndicatorGap[] = [];
  for (const r of rows) {
    const ind = plan.indicators.find((i) => i.code === r.code);
    if (!ind) continue;
    const lowerIsBetter = r.direction === 'max' || r.direction === 'below';
    const isGrdp = ind.grdp !== null;
    const common = { code: r.code, name: r.name, unit: r.unit, track: null, targetYear: null, span: 'period' as const };
    if (r.scenario !== null) {
      const value = isGrdp ? r.growth : r.actual;
      if (value !== null) {
        const gap = shown(value - r.scenario);
        if (lowerIsBetter ? gap > 0 : gap < 0) {
          out.push({ ...common, kind: 'scenario', value, reference: r.scenario, gap: value - r.scenario, points: isGrdp || rateLike(ind), growth: isGrdp });
        }
      }
    }
    if ((r.track === 'at-risk' || r.track === 'not-achievable') && r.target) {
      const value = r.judged ?? r.actual;
      if (value !== null) {
        out.push({
          ...common,
          kind: 'track',
          value,
          reference: r.pathValue,
          gap: r.pathValue !== null ? value - r.pathValue : null,
          points: rateLike(ind),
          growth: false,
          track: r.track,
          targetYear: r.target.year,
        });
      }
    }
    const soFar = ind.kind === 'flow' ? (start === 1 ? r.actual : r.ytd) : null;
    if (soFar === 0 && r.planYear !== null && r.planYear > 0 && !isGrdp) {
      out.push({ ...common, kind: 'no-result', value: 0, reference: r.planYear, gap: -r.planYear, points: false, growth: false, span: start === 1 ? 'period' : 'year-to-date' });
    }
  }
  return out;
}

function grdpSummary(
  plan: Plan,
  period: Period,
  valid: readonly Submission[],
  ytdParts: readonly EarlierRound[] | null,
  value: (ind: Indicator, subs: readonly Submission[]) => { value: number | null },
  base: (ind: Indicator, p: Period) => number | null,
): GrdpSummary | null {
  const comps = plan.indicators.filter((i) => i.grdp !== null && i.grdp !== 'total');
  const total = plan.indicators.find((i) => i.grdp === 'total');
  if (comps.length === 0) return null;
  const levels = (subs: readonly Submission[], p: Period) =>
    comps.map((c) => ({ code: c.code, current: value(c, subs).value, base: base(c, p) }));
  const now = levels(valid, period);
  if (now.some((l) => l.current === null || l.base === null)) return null;
  const result = contributions(now.map((l) => ({ code: l.code, current: l.current ?? 0, base: l.base ?? 0 })));
  const totalCode = total?.code ?? 'GRDP';
  const pid = periodIdOf(period);
  const col = SCENARIO_COLUMN[pid.slice(5)] ?? (period.kind === 'year' ? 'year' : undefined);
  const tableRow = plan.scenario.find((r) => r.code === totalCode);
  const scenario = planValue(plan.indicatorValues, totalCode, pid, 'scenario') ?? (col && tableRow ? tableRow[col] : null);
  const targetYear = planValue(plan.indicatorValues, totalCode, String(period.year), 'plan') ?? tableRow?.year ?? null;

  // Year to date: this period plus the earlier rounds that tile the year before it.
  const [start, end] = periodMonths(period);
  let achieved: number | null = result.total.current;
  if (start > 1) {
    achieved = null;
    if (ytdParts) {
      const earlier = ytdParts.map((e) => comps.map((c) => value(c, e.submissions).value));
      if (earlier.every((row) => row.every((v) => v !== null))) achieved = earlier.flat().reduce((a: number, v) => a + (v ?? 0), result.total.current);
    }
  }
  const baseQuarters = [1, 2, 3, 4].map((q) => {
    const parts = comps.map((c) => base(c, { kind: 'quarter', year: period.year, index: q, label: '' }));
    return parts.every((x): x is number => x !== null) ? parts.reduce((a, x) => a + x, 0) : null;
  });
  const k = end % 3 === 0 ? end / 3 : 0;
  let required: GrdpSummary['required'] = null;
  if (achieved !== null && targetYear !== null && k >= 1 && k <= 3 && baseQuarters.every((x): x is number => x !== null)) {
    let value = NaN;
    try {
      value = requiredGrowth({ baseQuarters: baseQuarters as unknown as Quarters, achieved, k: k as 1 | 2 | 3, targetPct: targetYear });
    } catch (err) {
      // Last year's remaining quarters adding up to 0 or less (as the plan typed them): no such figure.
      if (!(err instanceof RangeError)) throw err;
    }
    // Remaining quarters near 0 make it overflow: no figure rather than Infinity.
    if (Number.isFinite(value)) {
      required = { targetPct: targetYear, remainingLabel: k === 2 ? '6 tháng cuối năm' : k === 3 ? 'quý IV' : '3 quý còn lại', value };
    }
  }
  let ytdGrowth: number | null = null;
  if (start > 1 && achieved !== null && baseQuarters.slice(0, k).every((x): x is number => x !== null)) {
    ytdGrowth = growthPct(achieved, (baseQuarters.slice(0, k) as number[]).reduce((a, x) => a + x, 0));
  }
  return {
    totalCode,
    periodLabel: period.label,
    growth: result.total.growth,
    scenario,
    gap: result.total.growth !== null && scenario !== null ? gapPoints(result.total.growth, scenario) : null,
    components: result.items.map((it) => ({
      code: it.code,
      name: comps.find((c) => c.code === it.code)?.name ?? it.code,
      growth: it.growth,
      contribution: it.contribution,
    })),
    ytdLabel: start > 1 ? ytdLabel(period) : null,
    ytdGrowth,
    required,
  };
}

/**
 * The judgement of a multi-year target for a yearly round: the year's value (or, for targets
 * over the whole plan, the sum of the years since the baseline) against the straight path.
 */
function track(
  ind: Indicator,
  period: Period,
  now: number | null,
  earlier: readonly EarlierRound[],
  value: (ind: Indicator, subs: readonly Submission[]) => { value: number | null },
): Pick<IndicatorRow, 'target' | 'pathValue' | 'track' | 'judged'> {
  const none = { target: ind.target, pathValue: null, track: null, judged: null };
  if (!ind.target || period.kind !== 'year' || now === null) return none;
  if (ind.accumulate === 'plan') {
    const from = ind.baseline?.year ?? period.year - 1;
    let sum = now;
    for (let y = from + 1; y < period.year; y++) {
      const round = earlier.find((e) => e.round.period?.kind === 'year' && e.round.period.year === y);
      const v = round ? value(ind, round.submissions).value : null;
      if (v === null) return { ...none, judged: null };
      sum += v;
    }
    const baseline = { year: from, value: 0 };
    return { target: ind.target, pathValue: pathValue(baseline, ind.target, period.year), track: trackStatus({ direction: ind.direction, baseline, target: ind.target, year: period.year, value: sum }), judged: sum };
  }
  if (!ind.baseline || ind.baseline.value === null) {
    // Without a baseline there is no path: only "achieved" can be said.
    const achieved = trackStatus({ direction: ind.direction, baseline: { year: period.year, value: now }, target: ind.target, year: period.year, value: now }) === 'achieved';
    return { target: ind.target, pathValue: null, track: achieved ? 'achieved' : null, judged: now };
  }
  const baseline = { year: ind.baseline.year, value: ind.baseline.value };
  return {
    target: ind.target,
    pathValue: pathValue(baseline, ind.target, period.year),
    track: trackStatus({ direction: ind.direction, baseline, target: ind.target, year: period.year, value: now }),
    judged: now,
  };
}

/** Per-member tables for indicators reported by every member of a group (e.g. each commune). */
function groupTables(plan: Plan, valid: readonly Submission[]): GroupTable[] {
  const out: GroupTable[] = [];
  const groups = [...new Set(plan.agencies.map((a) => a.group).filter((g): g is string => g !== null))];
  for (const group of groups) {
    const members = plan.agencies.filter((a) => a.group === group);
    const codes = plan.indicators.filter((i) => !isDerived(i) && i.reporters.length > 1 && i.reporters.every((r) => members.some((m) => m.code === r))).map((i) => i.code);
    if (codes.length === 0) continue;
    out.push({
      group,
      codes,
      members: members.map((m) => {
        const sub = valid.find((s) => s.agencyCode === m.code);
        return {
          code: m.code,
          name: m.name,
          submitted: sub !== undefined,
          values: Object.fromEntries(codes.map((c) => [c, sub?.indicators?.find((r) => r.code === c)?.actual ?? null])),
        };
      }),
    });
  }
  return out;
}

/** Percentages (reported rates, ratios, coverage): compared in points, never added or grown. */
function rateLike(ind: Indicator): boolean {
  return ind.kind === 'rate' || ind.kind === 'ratio' || ind.kind === 'coverage';
}
