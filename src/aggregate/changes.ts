/**
 * The change log, pure: the report model → every figure keyed by its place (a snapshot), and
 * two snapshots → the figures that changed, old → new, with the agency cell that caused it.
 */
import type { IndicatorSummary, ReportModel } from '../model/report.js';
import { TRACK_LABELS } from '../calc/index.js';
import { SNAPSHOT_VERSION, type Change, type ChangeSet, type Figure, type Snapshot } from '../model/snapshot.js';
import { foldKey } from '../vn/index.js';
import type { BudgetLine, CellRef, Submission } from '../model/submission.js';

/** Appendix names as in the default sheet names of the appendix layouts (templates/phu-luc-*.xlsx). */
export const APPENDIX_NAMES = { estimate: 'Dự toán kinh phí', spending: 'Kinh phí', tasks: 'Nhiệm vụ', indicators: 'Chỉ tiêu' } as const;

const TEXT_LIMIT = 70;

function short(text: string): string {
  // Most texts have no run of spaces nor other white space: nothing to replace (no copy made).
  const t = (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return t.length > TEXT_LIMIT ? `${t.slice(0, TEXT_LIMIT - 1)}…` : t;
}

/** Every figure of the model's appendices; `submissions` (the validate stage's) give the source cells. */
export function snapshotOf(model: ReportModel, submissions: readonly Submission[], builtAt: string, lastChanges: ChangeSet | null = null): Snapshot {
  const figures: Figure[] = [];
  const byAgency = new Map(submissions.map((s) => [s.agencyCode, s]));
  const budget = model.budget;
  if (budget) {
    const estimate = model.round.kind === 'estimate';
    const yi = budget.year === null ? -1 : budget.years.indexOf(budget.year);
    if (estimate || yi >= 0) {
      const appendix = estimate ? APPENDIX_NAMES.estimate : `${APPENDIX_NAMES.spending} năm ${budget.year}`;
      const ak = estimate ? 'du-toan' : 'kinh-phi';
      // Columns of the appendix: key, label, value of a line / group / total, the source cell of a line;
      // `lineOnly` columns (quantity, rate) have no group or total; `computed` ones are worked out by baocao.
      type Values = { amount: number; years: readonly number[]; spent: number | null; quantity?: number | null; rate?: number | null };
      type Col = { key: string; label: string; pick: (v: Values, line: boolean) => number | null; source: (line: BudgetLine) => CellRef | null; lineOnly?: boolean; computed?: boolean };
      // As the appendix shows it (render/tables.ts spendingAppendix): a line without spending is 0 %, a group or total without any is blank.
      const pct = (v: Values, line: boolean): number | null => {
        const est = v.years[yi] ?? 0;
        const spent = line ? (v.spent ?? 0) : v.spent;
        const p = spent !== null && est > 0 ? (spent / est) * 100 : null;
        return p !== null && Number.isFinite(p) ? p : null;
      };
      const cols: Col[] = estimate
        ? [
            { key: 'quantity', label: 'Số lượng', pick: (v) => v.quantity ?? null, source: (l) => l.source.quantity ?? null, lineOnly: true },
            { key: 'rate', label: 'Định mức', pick: (v) => v.rate ?? null, source: (l) => l.source.rate ?? null, lineOnly: true },
            { key: 'amount', label: 'Thành tiền', pick: (v) => v.amount, source: (l) => l.source.amount },
            ...budget.years.map((y, j): Col => ({ key: `y${y}`, label: `Năm ${y}`, pick: (v) => v.years[j] ?? 0, source: (l) => l.source.years[j] ?? null })),
          ]
        : [
            { key: 'estimate', label: `Dự toán năm ${budget.year}`, pick: (v) => v.years[yi] ?? 0, source: (l) => l.source.years[yi] ?? null },
            { key: 'spent', label: `Đã thực hiện năm ${budget.year}`, pick: (v) => v.spent ?? 0, source: (l) => l.source.spent },
            { key: 'pct', label: 'Tỷ lệ thực hiện (%)', pick: pct, source: (l) => l.source.spent, computed: true },
          ];
      const groupCols = cols.filter((c) => c.lineOnly !== true);
      for (const g of budget.groups) {
        const group = `${g.roman}. ${g.agencyName}`;
        const sub = byAgency.get(g.agencyCode);
        const lineKey = lineKeys();
        for (const row of g.lines) {
          const line = sub?.budget?.[row.no - 1];
          const id = lineKey(row.content, row.no);
          const label = `${row.no}. ${short(row.content)}`;
          for (const c of cols) {
            const value = c.pick(row, true);
            if (c.lineOnly === true && value === null) continue;
            figures.push({
              key: `${ak}|${g.agencyCode}|${id}|${c.key}`,
              appendix,
              group,
              line: label,
              column: c.label,
              value,
              source: line ? c.source(line) : row.source,
              total: c.computed === true,
            });
          }
        }
        for (const c of groupCols) {
          figures.push({
            key: `${ak}|${g.agencyCode}|group|${c.key}`,
            appendix,
            group,
            line: 'Cộng nhóm',
            column: c.label,
            value: c.pick(g, false),
            source: sub ? { file: sub.file, sheet: '', cell: '' } : null,
            total: true,
          });
        }
      }
      for (const c of groupCols) {
        figures.push({ key: `${ak}|total||${c.key}`, appendix, group: 'Tổng cộng', line: '', column: c.label, value: c.pick(budget.total, false), source: null, total: true });
      }
    }
  }
  const progress = model.progress;
  if (progress) {
    for (const f of progress.fields) {
      for (const t of f.tasks) {
        let source: CellRef | null = null;
        for (const r of t.results) {
          if (r.role !== 'lead') continue;
          source = byAgency.get(r.agencyCode)?.tasks.find((x) => x.taskId === t.id)?.source ?? null;
          if (source) break;
        }
        figures.push({
          key: `nhiem-vu|${f.number}|${t.id}|status`,
          appendix: APPENDIX_NAMES.tasks,
          group: `${f.number}. ${short(f.title)}`,
          line: `${t.id}. ${short(t.text)}`,
          column: 'Tình trạng',
          value: t.status,
          source,
          total: false,
        });
      }
    }
    for (const [state, count] of Object.entries(progress.counts)) {
      figures.push({ key: `nhiem-vu|total|count|${state}`, appendix: APPENDIX_NAMES.tasks, group: 'Tổng cộng', line: 'Số nhiệm vụ', column: state, value: count, source: null, total: true });
    }
  }
  if (model.indicators) figures.push(...indicatorFigures(model.indicators, model.plan.agencies, submissions));
  return { version: SNAPSHOT_VERSION, planId: model.plan.id, roundId: model.round.id, builtAt, figures, lastChanges };
}

/**
 * The indicator appendix and the GRDP paragraph: each indicator's figures (this period, year to
 * date, % of plan, growth, gap to the scenario, the figure judged against a multi-year target and
 * the judgement), and — for an indicator several agencies report and baocao adds up — each
 * agency's own figure with its cell, so a change in a sum names the agency that caused it.
 */
function indicatorFigures(ind: IndicatorSummary, agencies: readonly { readonly code: string; readonly name: string }[], submissions: readonly Submission[]): Figure[] {
  const figures: Figure[] = [];
  const appendix = APPENDIX_NAMES.indicators;
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const reportsOf = new Map<string, { agencyCode: string; value: number; source: CellRef }[]>();
  for (const s of submissions) {
    for (const r of s.indicators ?? []) {
      if (r.actual === null) continue;
      let list = reportsOf.get(r.code);
      if (!list) reportsOf.set(r.code, (list = []));
      list.push({ agencyCode: s.agencyCode, value: r.actual, source: r.source.actual });
    }
  }
  for (const row of ind.rows) {
    const group = row.group || appendix;
    const line = `${row.code}. ${short(row.name)}`;
    const single = row.sources.length === 1 ? (row.sources[0] ?? null) : null;
    const add = (key: string, column: string, value: number | string | null, total: boolean): void => {
      figures.push({ key: `chi-tieu|${row.code}|${key}`, appendix, group, line, column, value, source: single, total });
    };
    add('actual', `Thực hiện ${ind.periodLabel}`, row.actual, single === null);
    const computed: [string, string, number | string | null][] = [
      ['ytd', row.ytdLabel ?? 'Lũy kế từ đầu năm', row.ytd],
      ['pct', '% kế hoạch năm', row.pctOfPlan],
      ['growth', 'So với cùng kỳ (%)', row.growth],
      ['points', 'So với cùng kỳ (điểm %)', row.changePoints],
      ['ytdGrowth', 'Lũy kế so với cùng kỳ (%)', row.ytdGrowth],
      ['gap', 'Chênh lệch so với kịch bản', row.scenarioGap],
      ['judged', row.target ? `Số so với mục tiêu năm ${row.target.year}` : 'Số so với mục tiêu', row.judged],
      ['track', 'Đánh giá', row.track === null ? null : TRACK_LABELS[row.track]],
    ];
    for (const [key, column, value] of computed) add(key, column, value, true);
    const reports = reportsOf.get(row.code) ?? [];
    if (reports.length > 1) {
      for (const r of reports) {
        figures.push({
          key: `chi-tieu|${row.code}|src|${r.agencyCode}`,
          appendix,
          group,
          line,
          column: `Số của ${agencyName.get(r.agencyCode) ?? r.agencyCode}`,
          value: r.value,
          source: r.source,
          total: false,
        });
      }
    }
  }
  const g = ind.grdp;
  if (g) {
    const add = (key: string, line: string, column: string, value: number | null): void => {
      figures.push({ key: `grdp|${key}`, appendix: 'Báo cáo', group: 'Tăng trưởng GRDP', line, column, value, source: null, total: true });
    };
    add('growth', `Tốc độ tăng ${g.periodLabel}`, '%', g.growth);
    add('gap', 'So với kịch bản', 'điểm %', g.gap);
    for (const c of g.components) add(`contribution|${c.code}`, `Đóng góp của ${short(c.name)}`, 'điểm %', c.contribution);
    if (g.ytdLabel !== null) add('ytdGrowth', `Tốc độ tăng ${g.ytdLabel}`, '%', g.ytdGrowth);
    if (g.required) add('required', `Mức tăng cần đạt ${g.required.remainingLabel}`, '%', g.required.value);
  }
  return figures;
}

/**
 * Identity of a budget line within its agency: its content ignoring case, diacritics and
 * punctuation (a second line with the same content gets "#2"), not its position — a line inserted
 * or deleted above does not make every line below it look changed.
 */
function lineKeys(): (content: string, no: number) => string {
  const seen = new Map<string, number>();
  return (content, no) => {
    const k = foldKey(content) || `dong ${no}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  };
}

function same(a: number | string | null, b: number | string | null): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return a === b;
}

function difference(old: number | string | null, now: number | string | null): number | null {
  if (typeof old === 'string' || typeof now === 'string' || (old === null && now === null)) return null;
  return Math.round(((now ?? 0) - (old ?? 0)) * 1e6) / 1e6;
}

/**
 * The figures that differ between the previous snapshot and this one, in the order of this
 * build (figures that disappeared last). Null when there is no comparable previous build
 * (none, or one of another plan or round).
 */
export function diffSnapshots(prev: Snapshot | null, next: Snapshot): ChangeSet | null {
  if (!prev || prev.planId !== next.planId || prev.roundId !== next.roundId) return null;
  // Figures usually come in the order of the previous build: matched by position, the map only for the rest.
  let before: Map<string, Figure> | null = null;
  let aligned = prev.figures.length === next.figures.length;
  const changes: Change[] = [];
  next.figures.forEach((f, i) => {
    let old = prev.figures[i];
    if (old?.key !== f.key) {
      aligned = false;
      old = (before ??= new Map(prev.figures.map((x) => [x.key, x]))).get(f.key);
    }
    const oldValue = old ? old.value : null;
    if (old && same(oldValue, f.value)) return;
    if (!old && f.value === null) return;
    changes.push({ key: f.key, appendix: f.appendix, group: f.group, line: f.line, column: f.column, old: oldValue, new: f.value, diff: difference(oldValue, f.value), source: f.source, total: f.total });
  });
  // Every previous figure was matched by position: none disappeared.
  if (aligned) return { since: prev.builtAt, builtAt: next.builtAt, changes };
  const seen = new Set(next.figures.map((f) => f.key));
  for (const f of prev.figures) {
    if (seen.has(f.key) || f.value === null) continue;
    changes.push({ key: f.key, appendix: f.appendix, group: f.group, line: f.line, column: f.column, old: f.value, new: null, diff: difference(f.value, null), source: f.source, total: f.total });
  }
  return { since: prev.builtAt, builtAt: next.builtAt, changes };
}
