/**
 * The report's charts, from the aggregated model (never from an agency's own figures): placed by
 * the report template with `{{bieudo "…"}}` where the figures are discussed, drawn by the Word
 * renderer as native charts (render/docx/chart.ts).
 *
 * - `tang-truong`: the sectors' contributions to GRDP growth (percentage points), growth rounds;
 * - `chi-tieu`: the indicators' year-to-date % of the year's plan, and for multi-year targets
 *   the figure as % of the year's path (100 = on the path), grouped as in the appendix;
 * - `don-vi`: for each group of members (every commune…), the share that has reported, and the
 *   indicators counted over the members ("% of communes with an online seller").
 */
import type { ReportChart } from '../model/document.js';
import type { GrdpRole } from '../model/indicator.js';
import type { IndicatorRow, ReportModel, TrackStatus } from '../model/report.js';
import { roundTo } from '../vn/index.js';

export const CHART_KEYS = ['tang-truong', 'chi-tieu', 'don-vi'] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

/** The four sectors of GRDP by their usual Vietnamese names (Tổng cục Thống kê). */
const SECTOR_NAMES: Readonly<Record<Exclude<GrdpRole, 'total'>, string>> = {
  nlts: 'Nông, lâm nghiệp và thủy sản',
  cnxd: 'Công nghiệp và xây dựng',
  dv: 'Dịch vụ',
  thue: 'Thuế sản phẩm trừ trợ cấp sản phẩm',
};

/** Bar colours by the judgement against the path: on it, at risk, out of reach. */
const TRACK_COLORS: Readonly<Record<TrackStatus, string>> = {
  achieved: '2E7D32',
  'on-track': '2E7D32',
  'at-risk': 'E69F00',
  'not-achievable': 'C62828',
};

/** A comparison chart needs two bars at least; a single figure is said in the text. */
const MIN_BARS = 2;

/** The figure of the report (two decimals): the chart shows exactly what the text says. */
const shown = (v: number): number => roundTo(v, 2);

/** Every chart of the report by key; keys without data have none. */
export function reportCharts(model: ReportModel): Record<ChartKey, ReportChart[]> {
  return {
    'tang-truong': growthChart(model),
    'chi-tieu': [...planChart(model), ...pathChart(model)],
    'don-vi': memberCharts(model),
  };
}

function growthChart(model: ReportModel): ReportChart[] {
  const g = model.indicators?.grdp;
  if (!g) return [];
  const roles = new Map(model.plan.indicators.map((i) => [i.code, i.grdp]));
  const parts = g.components.filter((c) => c.contribution !== null);
  if (parts.length === 0) return [];
  return [
    {
      kind: 'column',
      title: `Đóng góp vào tăng trưởng GRDP ${g.periodLabel}`,
      caption: `Đóng góp của các khu vực kinh tế vào tốc độ tăng GRDP ${g.periodLabel} (điểm phần trăm)`,
      categories: parts.map((c) => {
        const role = roles.get(c.code);
        return role && role !== 'total' ? SECTOR_NAMES[role] : c.name;
      }),
      series: { name: 'Đóng góp (điểm phần trăm)', values: parts.map((c) => shown(c.contribution ?? 0)) },
      decimals: 2,
    },
  ];
}

/** Rows in the order of their groups (as the appendix lists them), each group once. */
function byGroup(rows: readonly IndicatorRow[]): IndicatorRow[] {
  const order = [...new Set(rows.map((r) => r.group))];
  return order.flatMap((g) => rows.filter((r) => r.group === g));
}

function planChart(model: ReportModel): ReportChart[] {
  // An indicator with nothing reported for the period is "chưa có kết quả" in the text: no bar at 0 either.
  const rows = byGroup((model.indicators?.rows ?? []).filter((r) => r.pctOfPlan !== null && r.actual !== null && r.actual !== 0));
  if (rows.length < MIN_BARS) return [];
  const ytd = rows.find((r) => r.ytdLabel)?.ytdLabel ?? null;
  const year = model.round.period?.year;
  return [
    {
      kind: 'bar',
      title: 'Tỷ lệ thực hiện so với kế hoạch năm (%)',
      caption: `Tỷ lệ thực hiện so với kế hoạch năm${year ? ` ${year}` : ''} của các chỉ tiêu${ytd ? ` (lũy kế ${ytd})` : ''}`,
      categories: rows.map((r) => r.name),
      series: { name: '% kế hoạch năm', values: rows.map((r) => shown(r.pctOfPlan ?? 0)) },
      decimals: 2,
      axisMax: 100,
    },
  ];
}

/**
 * A figure as % of the year's path: figure ÷ path for targets to reach (at least, above), path ÷
 * figure for limits (at most, below), so that 100 always means "on the path" and more is better.
 */
export function pctOfPath(r: IndicatorRow): number | null {
  const value = r.judged ?? r.actual;
  if (r.pathValue === null || value === null || r.target === null) return null;
  const upward = r.direction === 'min' || r.direction === 'above';
  const [num, den] = upward ? [value, r.pathValue] : [r.pathValue, value];
  return den > 0 ? (num / den) * 100 : null;
}

function pathChart(model: ReportModel): ReportChart[] {
  const rows = byGroup((model.indicators?.rows ?? []).filter((r) => pctOfPath(r) !== null));
  if (rows.length < MIN_BARS) return [];
  const year = model.round.period?.year;
  const limits = rows.some((r) => r.direction === 'max' || r.direction === 'below');
  return [
    {
      kind: 'bar',
      title: `Mức đạt so với lộ trình${year ? ` năm ${year}` : ''} (%)`,
      caption:
        `Mức đạt của các chỉ tiêu so với lộ trình${year ? ` năm ${year}` : ''} đến mục tiêu (100% là đúng lộ trình; ` +
        `xanh: đúng lộ trình hoặc đã đạt, vàng: có nguy cơ không đạt, đỏ: khó đạt${limits ? '; chỉ tiêu giới hạn tối đa tính bằng lộ trình chia cho số thực hiện' : ''})`,
      categories: rows.map((r) => r.name),
      series: { name: '% lộ trình', values: rows.map((r) => shown(pctOfPath(r) ?? 0)) },
      colors: rows.map((r) => (r.track ? TRACK_COLORS[r.track] : undefined)),
      decimals: 2,
      axisMax: 100,
    },
  ];
}

function memberCharts(model: ReportModel): ReportChart[] {
  const missing = new Set(model.missing.map((m) => m.code));
  const names = [...new Set(model.plan.agencies.map((a) => a.group).filter((g): g is string => g !== null))];
  const charts: ReportChart[] = [];
  for (const group of names) {
    const members = model.plan.agencies.filter((a) => a.group === group);
    if (members.length < 2) continue;
    const reported = members.filter((a) => !missing.has(a.code)).length;
    const coverage = (model.indicators?.rows ?? []).filter((r) => r.kind === 'coverage' && r.actual !== null && ownedBy(model, r.code, group));
    charts.push({
      kind: 'bar',
      title: `${group} (%)`,
      caption: `Tỷ lệ ${lowerFirst(group)} đã gửi báo cáo (${reported}/${members.length})${coverage.length > 0 ? ' và tỷ lệ theo các chỉ tiêu tính trên số đơn vị' : ''}, ${model.round.label}`,
      categories: ['Đã gửi báo cáo', ...coverage.map((r) => r.name)],
      series: { name: `% ${lowerFirst(group)}`, values: [shown((reported / members.length) * 100), ...coverage.map((r) => shown(r.actual ?? 0))] },
      decimals: 2,
      axisMax: 100,
    });
  }
  return charts;
}

function ownedBy(model: ReportModel, code: string, group: string): boolean {
  return model.plan.indicators.some((i) => i.code === code && i.owner === group);
}

function lowerFirst(s: string): string {
  // "UBND các xã" keeps its capitals; "Các xã, phường" → "các xã, phường".
  return /^[A-ZĐ]{2}/u.test(s) ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}
