/**
 * Report model → appendix tables (render-neutral), with every text — titles, headers, the total
 * row's label, notes — taken from the Excel layouts of the appendices (templates/phu-luc-*.xlsx,
 * read by render/xlsx/layout.ts): the Excel and the Word appendices show the same texts.
 */
import type { AppendixTable, RowKind, TableColumn, TableRow } from '../model/document.js';
import type { IndicatorRow, ReportModel } from '../model/report.js';
import { TRACK_LABELS } from '../calc/index.js';
import { dateLine, toRoman } from '../vn/index.js';
import { decimalsOf } from './cells.js';
import { LAYOUT_ROLES, type LayoutRole } from './layout-roles.js';
import { finishTable } from './table-layout.js';
import { detailNoun, summariseResults } from './task-results.js';
import { renderTemplate, reportYear } from './templates.js';
import type { LayoutTexts } from './xlsx/layout.js';

/** The texts of one layout sheet, with the layout file they come from (named in errors). */
export interface AppendixText extends LayoutTexts {
  readonly file: string;
}

/** The texts of the round's appendix layouts, by the table each sheet lays out. */
export type AppendixTexts = Readonly<Partial<Record<LayoutRole, AppendixText>>>;

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

function textsOf(texts: AppendixTexts, role: LayoutRole): AppendixText {
  const t = texts[role];
  if (!t) throw new Error(`render/tables: no layout texts for ${role}`);
  return t;
}

function fill(t: AppendixText, tpl: string, ctx: Record<string, unknown>): string {
  return tpl.trim() === '' ? '' : renderTemplate(`${t.file}, trang "${t.sheetName}"`, tpl, ctx);
}

/** One column made from a layout column: its own key, or (repeated) an instance's. */
interface Instance {
  readonly key: string;
  readonly ctx?: Record<string, unknown>;
}

/**
 * The table's columns in the layout's order, each with its header filled: a repeated column once
 * per instance (a year, an indicator); `skip` names columns the table does not have this time.
 */
function columnsOf(role: LayoutRole, t: AppendixText, ctx: Record<string, unknown>, opts: { instances?: Readonly<Record<string, readonly Instance[]>>; skip?: ReadonlySet<string> } = {}): TableColumn[] {
  const spec = LAYOUT_ROLES[role];
  const out: TableColumn[] = [];
  for (const name of t.columns) {
    const c = spec.columns.find((x) => x.name === name);
    if (!c || opts.skip?.has(name)) continue;
    const group = t.groups[name];
    const groupText = group !== undefined ? fill(t, group, ctx) : undefined;
    const instances: readonly Instance[] = c.repeated ? (opts.instances?.[name] ?? []) : [{ key: name }];
    for (const inst of instances) {
      out.push({
        key: inst.key,
        ...(inst.key !== name ? { layoutName: name } : {}),
        header: fill(t, t.headers[name] ?? '', { ...ctx, ...inst.ctx }),
        ...(groupText !== undefined ? { group: groupText } : {}),
        widthMm: c.widthMm,
        format: c.format,
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        ...(c.sum ? { sum: true } : {}),
        ...(c.optional ? { optional: true } : {}),
        ...(c.itemFormula !== undefined ? { itemFormula: c.itemFormula } : {}),
      });
    }
  }
  return out;
}

/**
 * Label, title, subtitle, unit line and notes, filled: the layout's title rows in their order
 * (label, title, subtitle lines, and the right-aligned unit line) for Word, and every title and
 * note row as it is for Excel.
 */
function frame(t: AppendixText, ctx: Record<string, unknown>) {
  const heading = t.heading.map((h) => fill(t, h, ctx));
  const notes = t.notes.map((n) => fill(t, n, ctx));
  const rows = t.heading.map((h, i) => (h.trim() !== '' ? i : -1)).filter((i) => i >= 0);
  const [labelRow, titleRow, ...rest] = rows;
  const subtitle = rest.filter((i) => i !== t.unitRow).map((i) => heading[i] ?? '').filter((x) => x.trim() !== '');
  const unitLine = t.unitRow !== null ? (heading[t.unitRow] ?? '') : '';
  return {
    label: labelRow !== undefined ? (heading[labelRow] ?? '') : '',
    title: titleRow !== undefined ? (heading[titleRow] ?? '') : '',
    subtitle: subtitle.join('\n'),
    ...(unitLine !== '' ? { unitLine } : {}),
    sheetName: t.sheetName,
    notes: notes.filter((n) => n.trim() !== ''),
    layoutTexts: { heading, notes },
  };
}

/**
 * The rows with what the layout's model rows show: a fixed text ("Tổng cộng") where a group or
 * total model cell holds one, nothing ("") where it is empty; the row's own value where it names
 * its column.
 */
function withModelTexts(rows: readonly TableRow[], columns: readonly TableColumn[], t: AppendixText, ctx: Record<string, unknown>): TableRow[] {
  const fixed = new Map<RowKind, [string, string][]>();
  for (const kind of ['group', 'item', 'total'] as const) {
    const shows = t.cells[kind];
    if (!shows) continue;
    const list: [string, string][] = [];
    for (const c of columns) {
      const text = shows[c.layoutName ?? c.key];
      if (text !== null && text !== undefined) list.push([c.key, fill(t, text, ctx)]);
    }
    fixed.set(kind, list);
  }
  return rows.map((row) => {
    const list = fixed.get(row.kind);
    if (!list || list.length === 0) return row;
    return { ...row, cells: { ...row.cells, ...Object.fromEntries(list) } };
  });
}

/** The estimate appendix ("Bảng tổng hợp dự toán kinh phí chi tiết"), as in seed 004. */
export function budgetAppendix(model: ReportModel, texts: AppendixTexts, label?: string): AppendixTable | null {
  const budget = model.budget;
  if (!budget) return null;
  const t = textsOf(texts, 'du-toan');
  const ctx = { ...appendixContext(model, { kind: 'plan' }), ...(label !== undefined ? { label } : {}) };
  const yearKey = (y: number) => `nam:${y}`;
  const columns = columnsOf('du-toan', t, ctx, { instances: { nam: budget.years.map((y) => ({ key: yearKey(y), ctx: { year: y } })) } });
  const rows: TableRow[] = [];
  for (const g of budget.groups) {
    rows.push({
      kind: 'group',
      cells: { stt: g.roman, noi_dung: g.agencyName, thanh_tien: g.amount, ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), g.years[i] ?? 0])) },
    });
    for (const line of g.lines) {
      rows.push({
        kind: 'item',
        cells: {
          stt: String(line.no),
          noi_dung: line.content,
          don_vi_tinh: line.unit,
          so_luong: line.quantity,
          dinh_muc: line.rate,
          thanh_tien: line.amount,
          ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), line.years[i] ?? 0])),
          ghi_chu: line.note,
        },
      });
    }
  }
  rows.push({
    kind: 'total',
    cells: { thanh_tien: budget.total.amount, ...Object.fromEntries(budget.years.map((y, i) => [yearKey(y), budget.total.years[i] ?? 0])) },
  });
  const f = frame(t, ctx);
  return finishTable({ ...f, ...(label !== undefined ? { label } : {}), columns, rows: withModelTexts(rows, columns, t, ctx) });
}

/** A task's results listed in its cell up to this many; beyond, summarised with a detail table (Excel's rows stop at 409 pt). */
export const LISTED_RESULTS = 6;

const DEFAULT_NOUN = 'cơ quan, đơn vị';

/**
 * Progress appendix: status and results of every task, grouped by field. A task with more than
 * LISTED_RESULTS results (a task of all 65 communes) is summarised in its cell ("62/65 xã, phường
 * đã báo cáo…"), and its results go one per row to the detail table that follows (the second
 * sheet of the layout).
 */
export function taskAppendix(model: ReportModel, texts: AppendixTexts, label: string): AppendixTable | null {
  const progress = model.progress;
  if (!progress || progress.taskCount === 0) return null;
  const t = textsOf(texts, 'nhiem-vu');
  const d = textsOf(texts, 'ket-qua-chi-tiet');
  const ctx = { ...appendixContext(model, { kind: 'report' }), label };
  const columns = columnsOf('nhiem-vu', t, ctx);
  const rows: TableRow[] = [];
  const detailRows: TableRow[] = [];
  const nouns = new Set<string>();
  for (const f of progress.fields) {
    rows.push({ kind: 'group', cells: { stt: f.number, nhiem_vu: f.title } });
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
          // Where the details are: the detail sheet, by the name the layout gives it.
          `Kết quả của từng ${noun}: xem bảng «${d.sheetName}».`,
          ...others.filter((r) => r.text).map((r) => `${r.agencyName}: ${r.text}`),
        ].join('\n');
        detailRows.push({ kind: 'group', cells: { stt: task.id, don_vi: task.leadNames, tinh_trang: task.status, ket_qua: task.text } });
        members.forEach((r, i) =>
          detailRows.push({ kind: 'item', cells: { stt: String(i + 1), don_vi: r.agencyName, tinh_trang: r.status ?? '', ket_qua: r.text } }),
        );
      }
      rows.push({
        kind: 'item',
        cells: { stt: task.id, nhiem_vu: task.text, chu_tri: task.leadNames, thoi_gian: task.time, tinh_trang: task.status, ket_qua: result },
      });
    }
  }
  let detail: AppendixTable | undefined;
  if (detailRows.length > 0) {
    const dctx = { ...ctx, noun: nouns.size === 1 ? [...nouns][0] : DEFAULT_NOUN };
    const dcolumns = columnsOf('ket-qua-chi-tiet', d, dctx);
    detail = { ...frame(d, dctx), columns: dcolumns, rows: withModelTexts(detailRows, dcolumns, d, dctx), layoutSheet: 1 };
  }
  return finishTable({ ...frame(t, ctx), columns, rows: withModelTexts(rows, columns, t, ctx), ...(detail ? { detail } : {}) });
}

/** Progress appendix: each agency's estimate for the year against money spent. */
export function spendingAppendix(model: ReportModel, texts: AppendixTexts, label: string): AppendixTable | null {
  const budget = model.budget;
  if (!budget || budget.year === null) return null;
  const t = textsOf(texts, 'kinh-phi');
  const ctx = { ...appendixContext(model, { kind: 'report' }), label };
  const yi = budget.years.indexOf(budget.year);
  const pct = (spent: number | null, est: number) => (spent !== null && est > 0 ? (spent / est) * 100 : null);
  const columns = columnsOf('kinh-phi', t, ctx);
  const rows: TableRow[] = [];
  for (const g of budget.groups) {
    const est = g.years[yi] ?? 0;
    rows.push({ kind: 'group', cells: { stt: g.roman, noi_dung: g.agencyName, du_toan: est, da_thuc_hien: g.spent ?? 0, ty_le: pct(g.spent, est) } });
    for (const line of g.lines) {
      const e = line.years[yi] ?? 0;
      rows.push({
        kind: 'item',
        cells: { stt: String(line.no), noi_dung: line.content, du_toan: e, da_thuc_hien: line.spent ?? 0, ty_le: pct(line.spent ?? 0, e), ghi_chu: line.note },
      });
    }
  }
  const totalEst = budget.total.years[yi] ?? 0;
  rows.push({ kind: 'total', cells: { du_toan: totalEst, da_thuc_hien: budget.total.spent ?? 0, ty_le: pct(budget.total.spent, totalEst) } });
  return finishTable({ ...frame(t, ctx), columns, rows: withModelTexts(rows, columns, t, ctx) });
}

/** Indicators of a progress round: plan, actual, year to date, % of plan, same period, growth, scenario gap. */
export function indicatorAppendix(model: ReportModel, texts: AppendixTexts, label: string): AppendixTable | null {
  const ind = model.indicators;
  if (!ind || ind.rows.length === 0) return null;
  const t = textsOf(texts, 'chi-tieu');
  // Multi-year targets: the final target, this year's point on the path, and the judgement.
  const withTargets = ind.rows.some((r) => r.target !== null);
  const targetYear = withTargets ? Math.max(...ind.rows.map((r) => r.target?.year ?? 0)) : null;
  const ctx = { ...appendixContext(model, { kind: 'report' }), label, periodLabel: ind.periodLabel, targetYear };
  const columns = columnsOf('chi-tieu', t, ctx, withTargets ? {} : { skip: new Set(['muc_tieu', 'lo_trinh', 'danh_gia']) });
  const rows: TableRow[] = [];
  const groups = [...new Set(ind.rows.map((r) => r.group || 'Chỉ tiêu khác'))];
  groups.forEach((g, gi) => {
    rows.push({ kind: 'group', cells: { stt: toRoman(gi + 1), chi_tieu: g } });
    ind.rows
      .filter((r) => (r.group || 'Chỉ tiêu khác') === g)
      .forEach((r, i) => {
        rows.push({
          kind: 'item',
          cells: {
            stt: String(i + 1),
            chi_tieu: r.name,
            don_vi_tinh: r.unit,
            ke_hoach_nam: r.planYear,
            thuc_hien: r.actual,
            luy_ke: r.ytd,
            phan_tram_ke_hoach: r.pctOfPlan,
            cung_ky: r.base,
            // Points for a rate, ratio or coverage (the aggregate gives one of the two, never both).
            so_cung_ky: r.changePoints ?? r.growth,
            kich_ban: r.scenario,
            chenh_lech: r.scenarioGap,
            co_quan_phu_trach: r.ownerName,
            ...(withTargets ? { muc_tieu: r.target?.value ?? null, lo_trinh: r.pathValue, danh_gia: r.track ? TRACK_LABELS[r.track] : '' } : {}),
          },
          decimals: unitDecimals(r, withTargets),
        });
      });
  });
  return finishTable({ ...frame(t, ctx), columns, rows: withModelTexts(rows, columns, t, ctx) });
}

/**
 * The figures of an indicator in its unit (plan, actual, year to date, same period, target,
 * path) shown with the same decimals: as many as the most precise of them needs, at most two.
 */
function unitDecimals(r: IndicatorRow, withTargets: boolean): Record<string, number> {
  const keys = ['ke_hoach_nam', 'thuc_hien', 'luy_ke', 'cung_ky', ...(withTargets ? ['muc_tieu', 'lo_trinh'] : [])];
  const values = [r.planYear, r.actual, r.ytd, r.base, ...(withTargets ? [r.target?.value ?? null, r.pathValue] : [])];
  const d = Math.max(0, ...values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? decimalsOf(v, 2) : 0)));
  return Object.fromEntries(keys.map((k) => [k, d]));
}

/** Per-member table of the indicators a group reports (one row per commune or ward): the second sheet of the chi-tieu layout. */
export function memberAppendix(model: ReportModel, texts: AppendixTexts, label: string, groupIndex: number): AppendixTable | null {
  const g = model.indicators?.groups[groupIndex];
  if (!g) return null;
  const t = textsOf(texts, 'don-vi');
  const ctx = { ...appendixContext(model, { kind: 'report' }), label, group: g.group, periodLabel: model.indicators?.periodLabel ?? '' };
  const indicator = (code: string) => model.plan.indicators.find((i) => i.code === code);
  const valueKey = (code: string) => `chi_tieu:${code}`;
  const columns = columnsOf('don-vi', t, ctx, {
    instances: { chi_tieu: g.codes.map((code) => ({ key: valueKey(code), ctx: { indicator: { code, name: indicator(code)?.name ?? code, unit: indicator(code)?.unit ?? '' } } })) },
  });
  const rows: TableRow[] = g.members.map((m, i) => ({
    kind: 'item',
    cells: {
      stt: String(i + 1),
      don_vi: m.name,
      ...Object.fromEntries(g.codes.map((c) => [valueKey(c), m.values[c] ?? null])),
      ghi_chu: m.submitted ? '' : 'Chưa nộp',
    },
  }));
  rows.push({
    kind: 'total',
    cells: Object.fromEntries(g.codes.map((c) => [valueKey(c), g.members.reduce((a, m) => a + (m.values[c] ?? 0), 0)])),
  });
  const base = frame(t, ctx);
  // Excel sheet names are unique and at most 31 characters.
  const sheetName = groupIndex === 0 ? base.sheetName : `${base.sheetName.slice(0, 27)} ${groupIndex + 1}`;
  return finishTable({ ...base, sheetName, columns, rows: withModelTexts(rows, columns, t, ctx), layoutSheet: 1 });
}
