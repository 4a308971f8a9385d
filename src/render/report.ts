/**
 * Report model → the official progress report (OfficialDocument), its body written by the
 * editable Handlebars template templates/bao-cao.hbs.
 */
import type { AppendixTable, OfficialDocument } from '../model/document.js';
import type { IndicatorRow, ReportModel } from '../model/report.js';
import { TASK_STATUSES } from '../model/sheets.js';
import { dateLine, formatMoney, formatNumber, formatPercent, unitToDong } from '../vn/index.js';
import { TRACK_LABELS } from '../calc/index.js';
import { parseMarkup } from './markup.js';
import { reportCharts } from './charts.js';
import { renderTemplate, reportYear } from './templates.js';

/** The data the report template sees (documented in templates/README.md). */
export function reportView(model: ReportModel, appendices: readonly AppendixTable[]): Record<string, unknown> {
  const p = model.progress;
  const b = model.budget;
  const yi = b && b.year !== null ? b.years.indexOf(b.year) : -1;
  const estimate = b && yi >= 0 ? (b.total.years[yi] ?? 0) : 0;
  const spent = b?.total.spent ?? 0;
  const counts = p
    ? TASK_STATUSES.map((s) => ({ status: s, statusLower: s.toLocaleLowerCase('vi'), count: p.counts[s] })).filter((c) => c.count > 0)
    : [];
  const notReported = p ? p.counts['Chưa báo cáo'] : 0;
  return {
    plan: model.plan,
    info: model.plan.info,
    planTitleLower: lowerFirst(model.plan.info.title),
    round: model.round,
    period: model.round.label,
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
          // A group lead (every commune): one sentence of counts; the details are in the appendix.
          leadResults: t.leadGroup ? [] : results.filter((r) => !r.coordinator && r.hasText),
          groupSummary: t.leadGroup ? groupSummary(t.results.filter((r) => r.role === 'lead'), t.leadCount) : '',
          coordinatorResults: results.filter((r) => r.coordinator && r.hasText),
        };
      }),
    })),
    taskCount: p?.taskCount ?? 0,
    counts,
    notReported,
    difficulties: (p?.difficulties ?? []).map((d) => ({ ...d, text: inline(d.text) })),
    proposals: (p?.proposals ?? []).map((d) => ({ ...d, text: inline(d.text) })),
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
          rate: estimate > 0 ? formatPercent((spent / estimate) * 100) : '-',
          agencies: b.groups.length,
        }
      : null,
    grdp: grdpView(model),
    indicatorLines: (model.indicators?.rows ?? []).filter((r) => r.actual !== null).map((r) => ({ ...r, sentence: indicatorSentence(r) })),
    hasIndicators: (model.indicators?.rows.length ?? 0) > 0,
    offTrack: (model.indicators?.rows ?? [])
      .filter((r) => r.track === 'at-risk' || r.track === 'not-achievable')
      .map((r) => ({ name: r.name, label: r.track ? TRACK_LABELS[r.track].toLocaleLowerCase('vi') : '' })),
    appendixList: appendices.map((a) => a.label).join(', '),
    appendixCount: appendices.length,
  };
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

/** "cao hơn 0,5 điểm phần trăm" / "thấp hơn 2,22 điểm phần trăm" / "bằng" against a reference. */
function gapWords(points: number): string {
  const r = Math.round(points * 100) / 100;
  if (r === 0) return 'bằng';
  return `${r > 0 ? 'cao hơn' : 'thấp hơn'} ${pct(r)} điểm phần trăm so với`;
}

function moveWords(growth: number): string {
  const r = Math.round(growth * 100) / 100;
  return r >= 0 ? `tăng ${pct(r)}%` : `giảm ${pct(r)}%`;
}

/** Sentences about GRDP growth, every figure computed by baocao. */
function grdpView(model: ReportModel): Record<string, unknown> | null {
  const g = model.indicators?.grdp;
  if (!g || g.growth === null) return null;
  const components = g.components.map((c) => ({
    name: c.name,
    growthWords: c.growth !== null ? moveWords(c.growth) : 'chưa có số liệu',
    contributionText: c.contribution !== null ? formatPercent(c.contribution) : '-',
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

/** "Sản lượng …: thực hiện 23.645,7 tỷ đồng, lũy kế …, đạt 45,2% kế hoạch năm, tăng 7,1% so với cùng kỳ." */
function indicatorSentence(r: IndicatorRow): string {
  const n = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : Number.isInteger(Math.round(v * 1000) / 100) ? 1 : 2);
  const unit = r.unit && r.unit !== '%' ? ` ${r.unit}` : r.unit === '%' ? '%' : '';
  const parts = [`thực hiện ${n(r.actual ?? 0)}${unit}`];
  if (r.ytd !== null && r.ytdLabel) parts.push(`lũy kế ${r.ytdLabel} ${n(r.ytd)}${unit}`);
  if (r.pctOfPlan !== null) parts.push(`đạt ${formatPercent(r.pctOfPlan)}% kế hoạch năm`);
  if (r.growth !== null) parts.push(`${moveWords(r.growth)} so với cùng kỳ`);
  if (r.changePoints !== null) parts.push(`${r.changePoints >= 0 ? 'tăng' : 'giảm'} ${pct(r.changePoints)} điểm phần trăm so với cùng kỳ`);
  if (r.scenarioGap !== null && (r.kind === 'rate' || r.kind === 'ratio' || r.kind === 'coverage')) parts.push(`${gapWords(r.scenarioGap)} kịch bản`);
  if (r.target) {
    const judged = r.judged !== null && r.judged !== r.actual ? ` (lũy kế từ đầu kế hoạch ${n(r.judged)}${unit})` : '';
    parts.push(`mục tiêu năm ${r.target.year}: ${n(r.target.value)}${unit}${judged}${r.track ? ` — ${TRACK_LABELS[r.track].toLocaleLowerCase('vi')}` : ''}`);
  }
  return `${r.name}: ${parts.join(', ')}.`;
}

/** "62/65 đơn vị đã báo cáo: 40 hoàn thành, 22 đang thực hiện." */
function groupSummary(results: readonly { status: string | null }[], total: number): string {
  const counts = new Map<string, number>();
  for (const r of results) if (r.status) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status.toLocaleLowerCase('vi')}`);
  return `${results.length}/${total} đơn vị đã báo cáo${parts.length > 0 ? `: ${parts.join(', ')}` : ''} (chi tiết tại phụ lục).`;
}

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

/** Builds the progress report document for signature. */
export function progressReport(
  model: ReportModel,
  templates: { readonly body: { name: string; text: string }; readonly summary: { name: string; text: string } },
  appendices: readonly AppendixTable[],
  options: { readonly charts?: boolean } = {},
): OfficialDocument {
  const info = model.plan.info;
  const view = reportView(model, appendices);
  const body = parseMarkup(renderTemplate(templates.body.name, templates.body.text, view));
  const summary = renderTemplate(templates.summary.name, templates.summary.text, view).replace(/\s+/g, ' ').trim();
  const year = reportYear(model);
  const storage = info.storage.trim() ? `Lưu: ${info.storage.trim().replace(/^Lưu:\s*/i, '').replace(/\.$/, '')}` : 'Lưu: VT';
  return {
    superior: info.superior,
    issuer: info.issuer,
    numberLine: `Số:      /${info.reportSymbol}`,
    dateLine: dateLine(info.place, { year }),
    docType: 'BÁO CÁO',
    summary,
    reportTo: info.reportTo,
    body,
    recipients: [...(info.reportTo.length > 0 ? ['Như trên'] : []), ...model.plan.recipients.filter((r) => !/^lưu\b/i.test(r)), storage],
    signer: info.signer,
    appendices,
    // Placed by the template's {{bieudo "…"}} lines; `build --no-charts` leaves them out.
    ...(options.charts !== false ? { charts: reportCharts(model) } : {}),
  };
}

/** "Thực hiện các thỏa thuận…" → "thực hiện các thỏa thuận…" for use inside a sentence. */
function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s;
}
