/**
 * The change log, pure: the report model → every figure keyed by its place (a snapshot), and
 * two snapshots → the figures that changed, old → new, with the agency cell that caused it.
 */
import type { ReportModel } from '../model/report.js';
import { SNAPSHOT_VERSION, type Change, type ChangeSet, type Figure, type Snapshot } from '../model/snapshot.js';
import { foldKey } from '../vn/index.js';
import type { BudgetLine, CellRef, Submission } from '../model/submission.js';

/** Appendix names as in templates/phu-luc.json's default sheet names. */
export const APPENDIX_NAMES = { estimate: 'Dự toán kinh phí', spending: 'Kinh phí', tasks: 'Nhiệm vụ' } as const;

const TEXT_LIMIT = 70;

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
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
      // Columns: key, label, value of a line / group / total, and the source cell of a line.
      type Col = { key: string; label: string; pick: (v: { amount: number; years: readonly number[]; spent: number | null }) => number | null; source: (line: BudgetLine) => CellRef | null };
      const cols: Col[] = estimate
        ? [
            { key: 'amount', label: 'Thành tiền', pick: (v) => v.amount, source: (l) => l.source.amount },
            ...budget.years.map((y, j): Col => ({ key: `y${y}`, label: `Năm ${y}`, pick: (v) => v.years[j] ?? 0, source: (l) => l.source.years[j] ?? null })),
          ]
        : [
            { key: 'estimate', label: `Dự toán năm ${budget.year}`, pick: (v) => v.years[yi] ?? 0, source: (l) => l.source.years[yi] ?? null },
            { key: 'spent', label: `Đã thực hiện năm ${budget.year}`, pick: (v) => v.spent ?? 0, source: (l) => l.source.spent },
          ];
      for (const g of budget.groups) {
        const group = `${g.roman}. ${g.agencyName}`;
        const sub = byAgency.get(g.agencyCode);
        const lineKey = lineKeys();
        for (const row of g.lines) {
          const line = sub?.budget?.[row.no - 1];
          const id = lineKey(row.content, row.no);
          for (const c of cols) {
            figures.push({
              key: `${ak}|${g.agencyCode}|${id}|${c.key}`,
              appendix,
              group,
              line: `${row.no}. ${short(row.content)}`,
              column: c.label,
              value: c.pick(row),
              source: line ? c.source(line) : row.source,
              total: false,
            });
          }
        }
        for (const c of cols) {
          figures.push({
            key: `${ak}|${g.agencyCode}|group|${c.key}`,
            appendix,
            group,
            line: 'Cộng nhóm',
            column: c.label,
            value: c.pick(g),
            source: sub ? { file: sub.file, sheet: '', cell: '' } : null,
            total: true,
          });
        }
      }
      for (const c of cols) {
        figures.push({ key: `${ak}|total||${c.key}`, appendix, group: 'Tổng cộng', line: '', column: c.label, value: c.pick(budget.total), source: null, total: true });
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
  return { version: SNAPSHOT_VERSION, planId: model.plan.id, roundId: model.round.id, builtAt, figures, lastChanges };
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
  const before = new Map(prev.figures.map((f) => [f.key, f]));
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const f of next.figures) {
    seen.add(f.key);
    const old = before.get(f.key);
    const oldValue = old ? old.value : null;
    if (old && same(oldValue, f.value)) continue;
    if (!old && f.value === null) continue;
    changes.push({ key: f.key, appendix: f.appendix, group: f.group, line: f.line, column: f.column, old: oldValue, new: f.value, diff: difference(oldValue, f.value), source: f.source, total: f.total });
  }
  for (const f of prev.figures) {
    if (seen.has(f.key) || f.value === null) continue;
    changes.push({ key: f.key, appendix: f.appendix, group: f.group, line: f.line, column: f.column, old: f.value, new: null, diff: difference(f.value, null), source: f.source, total: f.total });
  }
  return { since: prev.builtAt, builtAt: next.builtAt, changes };
}
