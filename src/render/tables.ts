/**
 * Report model → appendix tables (render-neutral), with titles and headers taken from the
 * editable templates/phu-luc.json.
 */
import { z } from 'zod';
import type { AppendixTable, TableColumn, TableRow } from '../model/document.js';
import type { IndicatorRow, ReportModel } from '../model/report.js';
import { TRACK_LABELS } from '../calc/index.js';
import { dateLine, toRoman } from '../vn/index.js';
import { decimalsOf } from './cells.js';
import { finishTable } from './table-layout.js';
import { detailNoun, summariseResults } from './task-results.js';
import { renderTemplate, reportYear, TemplateError } from './templates.js';

const appendixTextSchema = z.object({
  label: z.string(),
  title: z.string(),
  subtitle: z.string(),
  unitLine: z.string().optional(),
  sheetName: z.string().min(1).max(31),
  columns: z.record(z.string(), z.string()),
  totalLabel: z.string().optional(),
  notes: z.array(z.string()).optional(),
  /** The table continuing this one with long lists of results, one member per row (nhiem-vu). */
  detail: z
    .object({
      title: z.string(),
      subtitle: z.string().optional(),
      sheetName: z.string().min(1).max(31),
      columns: z.record(z.string(), z.string()).optional(),
      /** The line of a summarised cell that points to the detail table; {{noun}}: "xã, phường". */
      reference: z.string().optional(),
    })
    .optional(),
});
export const appendixTextsSchema = z.object({
  'du-toan': appendixTextSchema,
  'nhiem-vu': appendixTextSchema,
  'kinh-phi': appendixTextSchema,
  'chi-tieu': appendixTextSchema,
  'don-vi': appendixTextSchema,
});
export type AppendixTexts = z.infer<typeof appendixTextsSchema>;
type AppendixText = z.infer<typeof appendixTextSchema>;

/** Parses templates/phu-luc.json; a broken file is a TemplateError naming it. */
export function parseAppendixTexts(name: string, text: string): AppendixTexts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TemplateError(`Mẫu "${name}" không phải JSON hợp lệ: ${(err as Error).message}.`, name);
  }
  const parsed = appendixTextsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TemplateError(`Mẫu "${name}": thiếu hoặc sai mục "${issue?.path.join('.') ?? ''}" (${issue?.message ?? ''}).`, name);
  }
  return parsed.data;
}

/** Fields every appendix template can use. */
export function appendixContext(model: ReportModel, parent: { kind: 'plan' | 'report' }): Record<string, unknown> {
  const info = model.plan.info;
  const blank = '      ';
  const issued = info.issued;
  const planDate = issued
    ? dateLine('', {
        year: issued.year,
        ...(issued.month !== undefined ? { month: issued.month } : {}),
        ...(issued.day !== undefined ? { day: issued.day } : {}),
      }).replace(/^,\s*/, '')
    : `ngày${blank}tháng${blank}năm ${info.years[0] ?? ''}`;
  const year = reportYear(model);
  return {
    plan: model.plan,
    round: model.round,
    planNumber: info.number || blank,
    planDate,
    reportNumber: blank,
    reportDate: `ngày${blank}tháng${blank}năm ${year}`,
    parent: parent.kind,
    year: model.round.period?.year ?? null,
    totalInWords: model.budget?.totalInWords ?? '',
  };
}

function text(name: string, tpl: string, ctx: Record<string, unknown>): string {
  return renderTemplate(name, tpl, ctx);
}

function header(t: AppendixText, key: string, name: string, ctx: Record<string, unknown>): string {
  const tpl = t.columns[key];
  if (tpl === undefined) throw new TemplateError(`Mẫu "${name}": thiếu tiêu đề cột "${key}".`, name);
  return text(name, tpl, ctx);
}

function frame(t: AppendixText, name: string, ctx: Record<string, unknown>, label: string) {
  return {
    label,
    title: text(name, t.title, ctx),
    subtitle: text(name, t.subtitle, ctx),
    ...(t.unitLine ? { unitLine: text(name, t.unitLine, ctx) } : {}),
    sheetName: t.sheetName,
  };
}

/** The estimate appendix ("Bảng tổng hợp dự toán kinh phí chi tiết"), as in seed 004. */
export function budgetAppendix(model: ReportModel, texts: AppendixTexts, name: string, label?: string): AppendixTable | null {
  const budget = model.budget;
  if (!budget) return null;
  const t = texts['du-toan'];
  const ctx = appendixContext(model, { kind: 'plan' });
  const yearKey = (y: number) => `y${y}`;
  const columns: TableColumn[] = [
    { key: 'stt', header: header(t, 'stt', name, ctx), widthMm: 11, format: 'center' },
    { key: 'content', header: header(t, 'content', name, ctx), widthMm: 72, format: 'text' },
    { key: 'unit', header: header(t, 'unit', name, ctx), widthMm: 15, format: 'center', optional: true },
    { key: 'quantity', header: header(t, 'quantity', name, ctx), widthMm: 14, format: 'number', optional: true },
    { key: 'rate', header: header(t, 'rate', name, ctx), widthMm: 20, format: 'money', optional: true },
    { key: 'amount', header: header(t, 'amount', name, ctx), widthMm: 22, format: 'money', sum: true, itemFormula: '{quantity}*{rate}' },
    ...budget.years.map(
      (y): TableColumn => ({ key: yearKey(y), header: header(t, 'year', name, { ...ctx, year: y }), widthMm: 20, format: 'money', sum: true }),
    ),
    { key: 'note', header: header(t, 'note', name, ctx), widthMm: 15, format: 'text' },
  ];
  const rows: TableRow[] = [];
  for (const g of budget.groups) {
    rows.push({
      kind: 'group',
      cells: { stt: g.roman, content: g.agencyName, amount: g.amount, ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), g.years[i] ?? 0])) },
    });
    for (const line of g.lines) {
      rows.push({
        kind: 'item',
        cells: {
          stt: String(line.no),
          content: line.content,
          unit: line.unit,
          quantity: line.quantity,
          rate: line.rate,
          amount: line.amount,
          ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), line.years[i] ?? 0])),
          note: line.note,
        },
      });
    }
  }
  rows.push({
    kind: 'total',
    cells: {
      content: t.totalLabel ? text(name, t.totalLabel, ctx) : 'Tổng cộng',
      amount: budget.total.amount,
      ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), budget.total.years[i] ?? 0])),
    },
  });
  return finishTable({
    ...frame(t, name, ctx, label ?? text(name, t.label, ctx)),
    columns,
    rows,
    notes: (t.notes ?? []).map((n) => text(name, n, ctx)),
  });
}

/** A task's results listed in its cell up to this many; beyond, summarised with a detail table (Excel's rows stop at 409 pt). */
export const LISTED_RESULTS = 6;

/**
 * Progress appendix: status and results of every task, grouped by field. A task with more than
 * LISTED_RESULTS results (a task of all 65 communes) is summarised in its cell ("62/65 xã, phường
 * đã báo cáo…"), and its results go one per row to the detail table that follows.
 */
export function taskAppendix(model: ReportModel, texts: AppendixTexts, name: string, label: string): AppendixTable | null {
  const progress = model.progress;
  if (!progress || progress.taskCount === 0) return null;
  const t = texts['nhiem-vu'];
  const ctx = appendixContext(model, { kind: 'report' });
  const columns: TableColumn[] = [
    { key: 'stt', header: header(t, 'stt', name, ctx), widthMm: 12, format: 'center' },
    { key: 'task', header: header(t, 'task', name, ctx), widthMm: 80, format: 'text' },
    { key: 'lead', header: header(t, 'lead', name, ctx), widthMm: 35, format: 'text', optional: true },
    { key: 'time', header: header(t, 'time', name, ctx), widthMm: 25, format: 'text', optional: true },
    { key: 'status', header: header(t, 'status', name, ctx), widthMm: 25, format: 'center' },
    { key: 'result', header: header(t, 'result', name, ctx), widthMm: 85, format: 'text', optional: true },
  ];
  const d = t.detail ?? DEFAULT_TASK_DETAIL;
  const reference = d.reference ?? DEFAULT_TASK_DETAIL.reference;
  const rows: TableRow[] = [];
  const detailRows: TableRow[] = [];
  const nouns = new Set<string>();
  for (const f of progress.fields) {
    rows.push({ kind: 'group', cells: { stt: f.number, task: f.title } });
    for (const task of f.tasks) {
      const reported = task.results.filter((r) => r.text !== '' || r.status !== null);
      let result: string;
      if (reported.length <= LISTED_RESULTS) {
        result = task.results.map((r) => (r.text ? `${r.agencyName}: ${r.text}` : '')).filter(Boolean).join('\n');
      } else {
        const noun = detailNoun(task.leadGroup);
        nouns.add(noun);
        const members = task.leadGroup !== null ? reported.filter((r) => r.role === 'lead') : reported;
        const others = task.leadGroup !== null ? reported.filter((r) => r.role !== 'lead') : [];
        const summary = summariseResults(members, { noun, of: task.leadGroup !== null ? task.leadCount : null });
        result = [
          ...summary,
          text(name, reference, { ...ctx, noun }),
          ...others.filter((r) => r.text).map((r) => `${r.agencyName}: ${r.text}`),
        ].join('\n');
        detailRows.push({ kind: 'group', cells: { stt: task.id, member: task.leadNames, status: task.status, result: task.text } });
        members.forEach((r, i) =>
          detailRows.push({ kind: 'item', cells: { stt: String(i + 1), member: r.agencyName, status: r.status ?? '', result: r.text } }),
        );
      }
      rows.push({
        kind: 'item',
        cells: {
          stt: task.id,
          task: task.text,
          lead: task.leadNames,
          time: task.time,
          status: task.status,
          result,
        },
      });
    }
  }
  let detail: AppendixTable | undefined;
  if (detailRows.length > 0) {
    const dctx = { ...ctx, noun: nouns.size === 1 ? [...nouns][0] : DEFAULT_NOUN };
    const dheader = (key: string, fallback: string) => text(name, d.columns?.[key] ?? t.columns[key] ?? fallback, dctx);
    detail = {
      label: `${label} (tiếp theo)`,
      title: text(name, d.title, dctx),
      subtitle: d.subtitle !== undefined ? text(name, d.subtitle, dctx) : '',
      sheetName: d.sheetName,
      columns: [
        { key: 'stt', header: dheader('stt', 'STT'), widthMm: 12, format: 'center' },
        { key: 'member', header: dheader('member', 'Cơ quan, đơn vị'), widthMm: 60, format: 'text' },
        { key: 'status', header: dheader('status', 'Tình trạng'), widthMm: 25, format: 'center', optional: true },
        { key: 'result', header: dheader('result', 'Kết quả thực hiện'), widthMm: 150, format: 'text' },
      ],
      rows: detailRows,
    };
  }
  return finishTable({
    ...frame(t, name, ctx, label),
    columns,
    rows,
    notes: (t.notes ?? []).map((n) => text(name, n, ctx)),
    ...(detail ? { detail } : {}),
  });
}

const DEFAULT_NOUN = 'cơ quan, đơn vị';
/** The detail table when templates/phu-luc.json does not describe one. */
const DEFAULT_TASK_DETAIL = {
  title: 'KẾT QUẢ CHI TIẾT CỦA TỪNG {{upper noun}}',
  subtitle: undefined,
  sheetName: 'Kết quả chi tiết',
  columns: { member: 'Cơ quan, đơn vị' } as Record<string, string>,
  reference: 'Kết quả của từng {{noun}}: xem bảng «Kết quả chi tiết».',
} as const;

/** Progress appendix: each agency's estimate for the year against money spent. */
export function spendingAppendix(model: ReportModel, texts: AppendixTexts, name: string, label: string): AppendixTable | null {
  const budget = model.budget;
  if (!budget || budget.year === null) return null;
  const t = texts['kinh-phi'];
  const ctx = appendixContext(model, { kind: 'report' });
  const yi = budget.years.indexOf(budget.year);
  const pct = (spent: number | null, est: number) => (spent !== null && est > 0 ? (spent / est) * 100 : null);
  const columns: TableColumn[] = [
    { key: 'stt', header: header(t, 'stt', name, ctx), widthMm: 12, format: 'center' },
    { key: 'content', header: header(t, 'content', name, ctx), widthMm: 110, format: 'text' },
    { key: 'estimate', header: header(t, 'estimate', name, ctx), widthMm: 32, format: 'money', sum: true },
    { key: 'spent', header: header(t, 'spent', name, ctx), widthMm: 32, format: 'money', sum: true },
    { key: 'rate', header: header(t, 'rate', name, ctx), widthMm: 25, format: 'percent', decimals: 2, optional: true },
    { key: 'note', header: header(t, 'note', name, ctx), widthMm: 40, format: 'text' },
  ];
  const rows: TableRow[] = [];
  for (const g of budget.groups) {
    const est = g.years[yi] ?? 0;
    rows.push({ kind: 'group', cells: { stt: g.roman, content: g.agencyName, estimate: est, spent: g.spent ?? 0, rate: pct(g.spent, est) } });
    for (const line of g.lines) {
      const e = line.years[yi] ?? 0;
      rows.push({
        kind: 'item',
        cells: { stt: String(line.no), content: line.content, estimate: e, spent: line.spent ?? 0, rate: pct(line.spent ?? 0, e), note: line.note },
      });
    }
  }
  const totalEst = budget.total.years[yi] ?? 0;
  rows.push({
    kind: 'total',
    cells: {
      content: t.totalLabel ? text(name, t.totalLabel, ctx) : 'Tổng cộng',
      estimate: totalEst,
      spent: budget.total.spent ?? 0,
      rate: pct(budget.total.spent, totalEst),
    },
  });
  return finishTable({ ...frame(t, name, ctx, label), columns, rows, notes: (t.notes ?? []).map((n) => text(name, n, ctx)) });
}

/** Indicators of a progress round: plan, actual, year to date, % of plan, same period, growth, scenario gap. */
export function indicatorAppendix(model: ReportModel, texts: AppendixTexts, name: string, label: string): AppendixTable | null {
  const ind = model.indicators;
  if (!ind || ind.rows.length === 0) return null;
  const t = texts['chi-tieu'];
  const ctx = { ...appendixContext(model, { kind: 'report' }), periodLabel: ind.periodLabel };
  const columns: TableColumn[] = [
    { key: 'stt', header: header(t, 'stt', name, ctx), widthMm: 12, format: 'center' },
    { key: 'name', header: header(t, 'name', name, ctx), widthMm: 52, format: 'text' },
    { key: 'unit', header: header(t, 'unit', name, ctx), widthMm: 16, format: 'center' },
    { key: 'planYear', header: header(t, 'planYear', name, ctx), widthMm: 20, format: 'number', optional: true },
    { key: 'actual', header: header(t, 'actual', name, ctx), widthMm: 20, format: 'number' },
    { key: 'ytd', header: header(t, 'ytd', name, ctx), widthMm: 20, format: 'number', optional: true },
    { key: 'pctOfPlan', header: header(t, 'pctOfPlan', name, ctx), widthMm: 16, format: 'percent', decimals: 2, optional: true },
    { key: 'base', header: header(t, 'base', name, ctx), widthMm: 20, format: 'number', optional: true },
    { key: 'growth', header: header(t, 'growth', name, ctx), widthMm: 18, format: 'percent', decimals: 2, optional: true },
    { key: 'scenario', header: header(t, 'scenario', name, ctx), widthMm: 16, format: 'number', optional: true },
    { key: 'gap', header: header(t, 'gap', name, ctx), widthMm: 21, format: 'number', decimals: 2, optional: true },
    { key: 'owner', header: header(t, 'owner', name, ctx), widthMm: 30, format: 'text', optional: true },
  ];
  // Multi-year targets: the final target, this year's point on the path, and the judgement.
  const withTargets = ind.rows.some((r) => r.target !== null);
  if (withTargets) {
    const targetYear = Math.max(...ind.rows.map((r) => r.target?.year ?? 0));
    columns.splice(
      columns.length - 1,
      0,
      { key: 'target', header: header(t, 'target', name, { ...ctx, targetYear }), widthMm: 18, format: 'number', decimals: 2, optional: true },
      { key: 'path', header: header(t, 'path', name, ctx), widthMm: 18, format: 'number', decimals: 2, optional: true },
      { key: 'track', header: header(t, 'track', name, ctx), widthMm: 22, format: 'center', optional: true },
    );
  }
  const rows: TableRow[] = [];
  const groups = [...new Set(ind.rows.map((r) => r.group || 'Chỉ tiêu khác'))];
  groups.forEach((g, gi) => {
    rows.push({ kind: 'group', cells: { stt: toRoman(gi + 1), name: g } });
    ind.rows
      .filter((r) => (r.group || 'Chỉ tiêu khác') === g)
      .forEach((r, i) => {
        rows.push({
          kind: 'item',
          cells: {
            stt: String(i + 1),
            name: r.name,
            unit: r.unit,
            planYear: r.planYear,
            actual: r.actual,
            ytd: r.ytd,
            pctOfPlan: r.pctOfPlan,
            base: r.base,
            growth: r.kind === 'rate' ? r.changePoints : r.growth,
            scenario: r.scenario,
            gap: r.scenarioGap,
            owner: r.ownerName,
            ...(withTargets
              ? { target: r.target?.value ?? null, path: r.pathValue, track: r.track ? TRACK_LABELS[r.track] : '' }
              : {}),
          },
          decimals: unitDecimals(r, withTargets),
        });
      });
  });
  return finishTable({ ...frame(t, name, ctx, label), columns, rows, notes: (t.notes ?? []).map((n) => text(name, n, ctx)) });
}

/**
 * The figures of an indicator in its unit (plan, actual, year to date, same period, target,
 * path) shown with the same decimals: as many as the most precise of them needs, at most two.
 */
function unitDecimals(r: IndicatorRow, withTargets: boolean): Record<string, number> {
  const keys = ['planYear', 'actual', 'ytd', 'base', ...(withTargets ? ['target', 'path'] : [])];
  const values = [r.planYear, r.actual, r.ytd, r.base, ...(withTargets ? [r.target?.value ?? null, r.pathValue] : [])];
  const d = Math.max(0, ...values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? decimalsOf(v, 2) : 0)));
  return Object.fromEntries(keys.map((k) => [k, d]));
}

/** Per-member table of the indicators a group reports (one row per commune or ward). */
export function memberAppendix(model: ReportModel, texts: AppendixTexts, name: string, label: string, groupIndex: number): AppendixTable | null {
  const g = model.indicators?.groups[groupIndex];
  if (!g) return null;
  const t = texts['don-vi'];
  const ctx = { ...appendixContext(model, { kind: 'report' }), group: g.group, periodLabel: model.indicators?.periodLabel ?? '' };
  const indicatorName = (code: string) => model.plan.indicators.find((i) => i.code === code);
  const columns: TableColumn[] = [
    { key: 'stt', header: header(t, 'stt', name, ctx), widthMm: 12, format: 'center' },
    { key: 'name', header: header(t, 'name', name, ctx), widthMm: 60, format: 'text' },
    ...g.codes.map((code): TableColumn => {
      const ind = indicatorName(code);
      return { key: `v_${code}`, header: `${ind?.name ?? code}${ind?.unit ? ` (${ind.unit})` : ''}`, widthMm: 26, format: 'number', decimals: 2, sum: true };
    }),
    { key: 'state', header: header(t, 'state', name, ctx), widthMm: 26, format: 'center' },
  ];
  const rows: TableRow[] = g.members.map((m, i) => ({
    kind: 'item',
    cells: {
      stt: String(i + 1),
      name: m.name,
      ...Object.fromEntries(g.codes.map((c) => [`v_${c}`, m.values[c] ?? null])),
      state: m.submitted ? '' : 'Chưa nộp',
    },
  }));
  rows.push({
    kind: 'total',
    cells: {
      name: t.totalLabel ? text(name, t.totalLabel, ctx) : 'Tổng cộng',
      ...Object.fromEntries(g.codes.map((c) => [`v_${c}`, g.members.reduce((a, m) => a + (m.values[c] ?? 0), 0)])),
    },
  });
  const base = frame(t, name, ctx, label);
  // Excel sheet names are unique and at most 31 characters.
  const sheetName = groupIndex === 0 ? base.sheetName : `${base.sheetName.slice(0, 27)} ${groupIndex + 1}`;
  return finishTable({ ...base, sheetName, columns, rows, notes: (t.notes ?? []).map((n) => text(name, n, ctx)) });
}
