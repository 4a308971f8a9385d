/**
 * Report model → the fields of the report template (templates/bao-cao.docx, or a plan's own),
 * filled by render/word-template.ts.
 */
import type { AppendixTable, OfficialDocument } from '../model/document.js';
import type { IndicatorGap, IndicatorRow, NoteGroup, ReportModel, TaskRow } from '../model/report.js';
import type { Agency } from '../model/plan.js';
import type { Period } from '../model/round.js';
import { periodMonths } from '../model/period.js';
import { TASK_STATUSES } from '../model/sheets.js';
import { dateLine, foldKey, formatMoney, formatNumber, formatPercent, unitToDong } from '../vn/index.js';
import { monthsToDateShort, periodShort } from '../model/period-names.js';
import { memberNoun, textKey } from '../vn/same-text.js';
import { TRACK_LABELS } from '../calc/index.js';
import { breakAgencyName, ISSUER_COLUMN, stripListPunctuation } from './docx/official.js';
import { reportCharts } from './charts.js';
import { renderTemplate, reportYear } from './templates.js';

/** The data the report template sees (documented in templates/README.md). */
export function reportView(model: ReportModel, appendices: readonly AppendixTable[]): Record<string, unknown> {
  const p = model.progress;
  const b = model.budget;
  const period = model.round.period;
  const yi = b && b.year !== null ? b.years.indexOf(b.year) : -1;
  const estimate = b && yi >= 0 ? (b.total.years[yi] ?? 0) : 0;
  const spent = b?.total.spent ?? 0;
  const counts = p
    ? TASK_STATUSES.map((s) => ({ status: s, statusLower: s.toLocaleLowerCase('vi'), count: p.counts[s] })).filter((c) => c.count > 0)
    : [];
  const notReported = p ? p.counts['Chưa báo cáo'] : 0;
  const noReports = model.used === 0;
  const rows = model.indicators?.rows ?? [];
  const gaps = gapSentences(model);
  const reportTo = model.plan.info.reportTo.map(stripListPunctuation).filter((r) => r !== '');
  const noteView = (g: NoteGroup) => ({ agencyName: g.who, who: g.who, taskId: g.taskIds.join(', '), taskIds: g.taskIds, agencies: g.agencies, text: inline(g.text) });
  return {
    plan: model.plan,
    info: model.plan.info,
    planTitleLower: lowerFirst(model.plan.info.title),
    round: model.round,
    period: model.round.label,
    noReports,
    submitted: model.used,
    fields: (p?.fields ?? []).map((f) => ({
      ...f,
      tasks: f.tasks.map((t) => {
        const results = t.results.map((r) => ({ ...r, text: inline(r.text), coordinator: r.role === 'coordinator', hasText: r.text.length > 0 }));
        return {
          ...t,
          text: inline(t.text),
          statusLower: t.status.toLocaleLowerCase('vi'),
          reported: t.status !== 'Chưa báo cáo',
          results,
          // A group lead (every commune): one sentence of counts and shared results; the details are in the appendix.
          leadResults: t.leadGroup ? [] : onceEach(results.filter((r) => !r.coordinator && r.hasText)),
          groupSummary: t.leadGroup ? groupSummary(t, model.plan.agencies) : '',
          coordinatorResults: onceEach(results.filter((r) => r.coordinator && r.hasText)),
        };
      }),
    })),
    taskCount: p?.taskCount ?? 0,
    counts,
    notReported,
    progressParts: [
      ...counts.map((c) => `${c.count} nhiệm vụ ${c.statusLower}`),
      ...(notReported > 0 ? [`${notReported} nhiệm vụ chưa có báo cáo của cơ quan chủ trì`] : []),
    ],
    // Identical texts from several agencies said once, with who said them ("13/65 xã, phường").
    difficulties: (p?.difficultyGroups ?? []).map(noteView),
    proposals: (p?.proposalGroups ?? []).map(noteView),
    missing: model.missing,
    missingNames: model.missing.map((m) => m.name).join('; '),
    late: model.late,
    excluded: model.excluded,
    budget: b
      ? {
          unit: unitWords(b.unit),
          year: b.year,
          estimate: formatMoney(estimate),
          spent: formatMoney(spent),
          rate: estimate > 0 && spent > 0 ? formatPercent((spent / estimate) * 100) : '',
          agencies: b.groups.length,
          expected: model.plan.agencies.filter((a) => a.sheets.includes('budget')).length,
          hasEstimate: estimate > 0,
          hasSpent: spent > 0,
        }
      : null,
    grdp: grdpView(model),
    indicatorLines: rows.filter((r) => r.actual !== null).map((r) => ({ ...r, sentence: indicatorSentence(r, period, model) })),
    noFigure: rows.filter((r) => r.actual === null).map((r) => ({ name: r.name, ownerName: r.ownerName })),
    hasIndicators: rows.length > 0,
    offTrack: rows
      .filter((r) => r.track === 'at-risk' || r.track === 'not-achievable')
      .map((r) => ({ name: r.name, label: r.track ? TRACK_LABELS[r.track].toLocaleLowerCase('vi') : '' })),
    gaps,
    appendixList: appendices.map((a) => a.label).join(', '),
    appendixCount: appendices.length,
    // The letterhead and closing, for the report templates written in Word.
    issuerLines: breakAgencyName(model.plan.info.issuer, 13, ISSUER_COLUMN),
    numberLine: `Số:      /${model.plan.info.reportSymbol}`,
    dateLine: dateLine(model.plan.info.place, { year: reportYear(model) }),
    reportToSingle: reportTo.length === 1 ? (reportTo[0] ?? '') : '',
    reportToFirst: reportTo.length > 1 ? (reportTo[0] ?? '') : '',
    reportToRest: reportTo.length > 1 ? reportTo.slice(1) : [],
    recipients: recipientLines(model.plan.info.reportTo, model.plan.recipients, storageLine(model.plan.info.storage)).map(stripListPunctuation).filter((r) => r !== ''),
  };
}

/** "Lưu: VT, KT" from the plan's storage text ("VT, KT", "Lưu: VT." or nothing). */
function storageLine(storage: string): string {
  const s = storage.trim();
  return s ? `Lưu: ${s.replace(/^Lưu:\s*/i, '').replace(/\.$/, '')}` : 'Lưu: VT';
}

/** Results written word for word by several agencies of one task, said once. */
function onceEach<T extends { readonly text: string }>(results: readonly T[]): T[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    const key = textKey(r.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Agency text placed into the template's markup: one line, and "*" or "\\" kept literal so an
 * agency's words can never turn into formatting.
 */
function inline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, '; ')
    .replace(/\\/g, '\\\\')
    .replace(/\*/g, '\\*');
}

const pct = (v: number) => formatPercent(Math.abs(v));
/** Rounded to the 2 decimals shown. */
const r2 = (v: number) => Math.round(v * 100) / 100;

/** "cao hơn 0,5 điểm phần trăm so với" / "thấp hơn 2,22 điểm phần trăm so với" / "bằng" against a reference. */
function gapWords(points: number): string {
  const r = r2(points);
  if (r === 0) return 'bằng';
  return `${r > 0 ? 'cao hơn' : 'thấp hơn'} ${pct(r)} điểm phần trăm so với`;
}

/** "tăng 7,02%" / "giảm 1,5%" / "không đổi" (a growth that rounds to 0). */
function moveWords(growth: number): string {
  const r = r2(growth);
  if (r === 0) return 'không đổi';
  return r > 0 ? `tăng ${pct(r)}%` : `giảm ${pct(r)}%`;
}

/** "tăng 7,02% so với cùng kỳ" / "bằng cùng kỳ". */
function vsSamePeriod(growth: number): string {
  return r2(growth) === 0 ? 'bằng cùng kỳ' : `${moveWords(growth)} so với cùng kỳ`;
}

/** "tăng 1,5 điểm phần trăm so với cùng kỳ" / "bằng cùng kỳ" for rates. */
function pointsVsSamePeriod(points: number): string {
  const r = r2(points);
  return r === 0 ? 'bằng cùng kỳ' : `${r > 0 ? 'tăng' : 'giảm'} ${pct(r)} điểm phần trăm so với cùng kỳ`;
}

/** Sentences about GRDP growth, every figure computed by baocao. */
function grdpView(model: ReportModel): Record<string, unknown> | null {
  const g = model.indicators?.grdp;
  if (!g || g.growth === null) return null;
  const components = g.components.map((c) => ({
    name: c.name,
    growthWords: c.growth !== null ? moveWords(c.growth) : 'chưa có số liệu',
    // Empty when it cannot be computed: the template leaves the clause out.
    contributionText: c.contribution !== null ? formatPercent(c.contribution) : '',
  }));
  return {
    periodLabel: g.periodLabel,
    growthWords: moveWords(g.growth),
    scenarioText: g.scenario !== null ? formatPercent(g.scenario) : null,
    gapWords: g.gap !== null ? gapWords(g.gap) : null,
    components,
    ytdLabel: g.ytdLabel,
    ytdGrowthWords: g.ytdGrowth !== null ? moveWords(g.ytdGrowth) : null,
    required: g.required
      ? { targetText: formatPercent(g.required.targetPct), remainingLabel: g.required.remainingLabel, valueText: formatPercent(g.required.value) }
      : null,
  };
}

/** A figure with its unit: "23.645,7 tỷ đồng", "53,1%". */
function quantity(r: Pick<IndicatorRow, 'unit'>, v: number): string {
  const n = formatNumber(v, Number.isInteger(v) ? 0 : Number.isInteger(Math.round(v * 1000) / 100) ? 1 : 2);
  return r.unit === '%' ? `${n}%` : r.unit ? `${n} ${r.unit}` : n;
}

const isRateLike = (r: Pick<IndicatorRow, 'kind'>) => r.kind === 'rate' || r.kind === 'ratio' || r.kind === 'coverage';
/**
 * "đạt" for what should grow (production, revenue, rates to raise); "là" for what should be kept
 * down (violations, plastic packaging) and for a level with nothing to reach (enterprises operating).
 */
const verbOf = (r: Pick<IndicatorRow, 'direction' | 'kind' | 'planYear' | 'scenario' | 'target'>) =>
  r.direction === 'max' || r.direction === 'below' || (r.kind === 'stock' && r.planYear === null && r.scenario === null && r.target === null) ? 'là' : 'đạt';

/**
 * One sentence per indicator, each figure with its period named: "GRDP: quý III đạt 12.738,8 tỷ
 * đồng, tăng 11,18% so với cùng kỳ; lũy kế 9 tháng đạt 36.289,8 tỷ đồng, tăng 8,44% so với cùng
 * kỳ." A flow with nothing reported is "chưa có kết quả", never "0 tấn, đạt 0,00%".
 */
export function indicatorSentence(r: IndicatorRow, period: Period | null, model: Pick<ReportModel, 'plan'>): string {
  const [start, end] = period ? periodMonths(period) : [1, 12];
  const now = period ? periodShort(period) : 'kỳ này';
  const verb = verbOf(r);
  const isGrdp = model.plan.indicators.find((i) => i.code === r.code)?.grdp != null;
  const notes = r.notes.length > 0 && r.notes.length <= 2 ? ` (${r.notes.join('; ')})` : '';
  const planOnYtd = r.kind === 'flow' && start > 1;
  const planWords = r.pctOfPlan !== null ? `đạt ${formatPercent(r.pctOfPlan)}% kế hoạch năm` : null;
  const clauses: string[] = [];

  const actual = r.actual ?? 0;
  const planned = r.planYear !== null && r.planYear > 0 && period ? ` (kế hoạch năm ${period.year}: ${quantity(r, r.planYear)})` : '';
  if (r.kind === 'flow' && actual === 0) {
    // Nothing this period: said once, for the year to date when that is nothing too.
    if (r.ytd === null) clauses.push(`${now} chưa có kết quả${notes}${planned}`);
    else if (r.ytd > 0) clauses.push(`${now} chưa có kết quả${notes}`);
  } else {
    // A total of some of the agencies only says so: the Vice-Chairman signs it as the province's.
    const partial = r.reporting && r.reporting.counted < r.reporting.of ? ` (số liệu của ${r.reporting.counted}/${r.reporting.of} đơn vị)` : '';
    const parts = [`${now} ${verb} ${quantity(r, actual)}${partial}`];
    if (r.growth !== null) parts.push(vsSamePeriod(r.growth));
    if (r.changePoints !== null) parts.push(pointsVsSamePeriod(r.changePoints));
    if (r.scenarioGap !== null && r.scenario !== null) {
      if (isGrdp || isRateLike(r)) parts.push(`${gapWords(r.scenarioGap)} kịch bản (${formatPercent(r.scenario)}%)`);
      else if (r.scenario > 0) parts.push(`bằng ${formatPercent((actual / r.scenario) * 100)}% kịch bản (${quantity(r, r.scenario)})`);
    }
    if (planWords && !planOnYtd) parts.push(planWords);
    clauses.push(parts.join(', '));
  }
  if (r.ytd !== null && r.ytdLabel) {
    const ytd = `lũy kế ${monthsToDateShort(end)}`;
    if (r.ytd === 0) clauses.push(`${ytd} chưa có kết quả${actual === 0 ? notes : ''}${planned}`);
    else {
      const parts = [`${ytd} ${verb} ${quantity(r, r.ytd)}`];
      if (r.ytdGrowth !== null) parts.push(vsSamePeriod(r.ytdGrowth));
      if (planWords && planOnYtd) parts.push(planWords);
      clauses.push(parts.join(', '));
    }
  }
  if (r.target) {
    const judged = r.judged !== null && r.judged !== r.actual ? `lũy kế từ đầu kế hoạch ${quantity(r, r.judged)}` : '';
    const path = r.pathValue !== null && period ? `lộ trình năm ${period.year}: ${quantity(r, r.pathValue)}` : '';
    const detail = [judged, path].filter(Boolean).join('; ');
    clauses.push(
      `mục tiêu năm ${r.target.year}: ${quantity(r, r.target.value)}${detail ? ` (${detail})` : ''}${r.track ? ` — ${TRACK_LABELS[r.track].toLocaleLowerCase('vi')}` : ''}`,
    );
  }
  return `${r.name}: ${clauses.join('; ')}.`;
}

/**
 * Section II from the figures: below the scenario, targets at risk (one sentence naming them,
 * each with its figure and path), planned flows with no result yet.
 */
export function gapSentences(model: ReportModel): string[] {
  const ind = model.indicators;
  const period = model.round.period;
  if (!ind || !period) return [];
  const rowOf = new Map(ind.rows.map((r) => [r.code, r]));
  const now = periodShort(period);
  const [, end] = periodMonths(period);
  const out: string[] = [];
  // GRDP growth below its scenario: the total, with the sectors below theirs in the same sentence.
  const growthGaps = ind.gaps.filter((g) => g.kind === 'scenario' && g.growth && g.reference !== null);
  const growthWords = (g: IndicatorGap) => `${moveWords(g.value)}, ${gapWords(g.gap ?? 0)} kịch bản (${formatPercent(g.reference ?? 0)}%)`;
  const total = growthGaps.find((g) => g.code === ind.grdp?.totalCode);
  const sectors = growthGaps.filter((g) => g !== total);
  if (total) {
    const parts = sectors.map((g) => `${g.name} ${growthWords(g)}`);
    out.push(`${total.name}: ${now} ${growthWords(total)}${parts.length > 0 ? `; trong đó ${parts.join('; ')}` : ''}.`);
  } else for (const g of sectors) out.push(`${g.name}: ${now} ${growthWords(g)}.`);
  for (const g of ind.gaps) {
    const r = rowOf.get(g.code);
    if (!r || g.kind !== 'scenario' || g.reference === null || g.growth) continue;
    if (g.points) out.push(`${g.name}: ${now} ${verbOf(r)} ${quantity(r, g.value)}, ${gapWords(g.gap ?? 0)} kịch bản (${formatPercent(g.reference)}%).`);
    else {
      const share = g.reference > 0 ? `, bằng ${formatPercent((g.value / g.reference) * 100)}% kịch bản` : '';
      out.push(`${g.name}: ${now} ${verbOf(r)} ${quantity(r, g.value)}${share} (${quantity(r, g.reference)}).`);
    }
  }
  const track = ind.gaps.filter((g) => g.kind === 'track');
  if (track.length > 0) {
    const items = track.map((g) => {
      const r = rowOf.get(g.code);
      const label = g.track ? TRACK_LABELS[g.track].toLocaleLowerCase('vi') : '';
      if (!r) return `${g.name} (${label})`;
      const figure = r.judged !== null && r.judged !== r.actual ? `lũy kế từ đầu kế hoạch ${quantity(r, g.value)}` : `${now} ${verbOf(r)} ${quantity(r, g.value)}`;
      const path = g.reference !== null ? `, lộ trình ${quantity(r, g.reference)}` : '';
      return `${g.name} (${label}; ${figure}${path})`;
    });
    out.push(`Các chỉ tiêu có nguy cơ không đạt hoặc khó đạt mục tiêu: ${items.join('; ')}.`);
  }
  const empty = ind.gaps.filter((g) => g.kind === 'no-result');
  if (empty.length > 0) {
    const items = empty.map((g) => {
      const r = rowOf.get(g.code);
      return `${g.name}${r && g.reference !== null ? ` (kế hoạch năm ${period.year}: ${quantity(r, g.reference)})` : ''}`;
    });
    const span = empty[0]?.span === 'year-to-date' ? `Lũy kế ${monthsToDateShort(end)}` : capitalizeFirst(now);
    out.push(`${span}, các chỉ tiêu sau chưa có kết quả: ${items.join('; ')}.`);
  }
  return out;
}

/**
 * A task every member of a group leads: how many reported and their states, then what several
 * of them wrote word for word, said once with how many wrote it — "65/65 xã, phường đã báo cáo
 * (65 đang thực hiện). Nội dung nhiều đơn vị cùng báo cáo: Ban hành Kế hoạch triển khai trên địa
 * bàn xã (61/65 xã, phường)…"
 */
function groupSummary(t: TaskRow, agencies: readonly Agency[]): string {
  const leads = t.results.filter((r) => r.role === 'lead');
  const counts = new Map<string, number>();
  for (const r of leads) if (r.status) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const states = [...counts].map(([status, n]) => `${n} ${status.toLocaleLowerCase('vi')}`);
  const noun = t.leadGroup ? memberNoun(t.leadGroup) : 'đơn vị';
  if (leads.length === 0) return `Chưa có ${noun} nào báo cáo.`;
  const head = `${leads.length}/${t.leadCount} ${noun} đã báo cáo${states.length > 0 ? ` (${states.join(', ')})` : ''}.`;
  const shared = t.sharedResults.slice(0, MAX_SHARED).map((g) => `${inline(g.text.replace(/[.!?]+$/u, ''))} (${g.summed ? 'tổng số của ' : ''}${g.who})`);
  const body = shared.length > 0 ? ` Kết quả chủ yếu: ${shared.join('; ')}.` : '';
  return `${head}${body} Chi tiết tại phụ lục.`;
}

/** Shared results of a group task shown in the body (the appendix has them all). */
const MAX_SHARED = 5;

/** The money unit as written in a sentence: "1000 đồng" → "nghìn đồng". */
function unitWords(unit: string): string {
  switch (unitToDong(unit)) {
    case 1000:
      return 'nghìn đồng';
    case 1_000_000:
      return 'triệu đồng';
    case 1_000_000_000:
      return 'tỷ đồng';
    default:
      return unit;
  }
}

/** A recipient folded for comparison: no list dash or end punctuation, no "(để báo cáo)", case and diacritics aside. */
function recipientKey(line: string): string {
  return foldKey(
    line
      .trim()
      .replace(/^[-–+]\s*/, '')
      .replace(/\s*\((?:để |đề )?(?:b\/c|báo cáo|biết|t\/h|thực hiện|chỉ đạo|phối hợp)[^)]*\)\s*/giu, ' ')
      .replace(/[;.,:]\s*$/, ''),
  );
}

/**
 * Nơi nhận: "Như trên" when there is a Kính gửi, then the plan's recipients without those already
 * addressed in Kính gửi (or a second "Như trên"), without the plan's own "Lưu" line, and the storage line.
 */
export function recipientLines(reportTo: readonly string[], recipients: readonly string[], storage: string): string[] {
  const addressed = new Set(reportTo.map(recipientKey).filter(Boolean));
  const asAbove = recipientKey('Như trên');
  const out: string[] = reportTo.length > 0 ? ['Như trên'] : [];
  const seen = new Set(out.map(recipientKey));
  for (const r of recipients) {
    const key = recipientKey(r);
    if (!key || /^lưu\b/i.test(r.trim().replace(/^[-–+]\s*/, '')) || addressed.has(key) || seen.has(key)) continue;
    if (key === asAbove && reportTo.length === 0) continue;
    seen.add(key);
    out.push(r);
  }
  return [...out, storage];
}

function capitalizeFirst(s: string): string {
  return s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s;
}

/** "Thực hiện các thỏa thuận…" → "thực hiện các thỏa thuận…" for use inside a sentence. */
function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s;
}
