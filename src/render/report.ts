/**
 * Report model → the official progress report (OfficialDocument), its body written by the
 * editable Handlebars template templates/bao-cao.hbs.
 */
import type { AppendixTable, OfficialDocument } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import { TASK_STATUSES } from '../model/sheets.js';
import { dateLine, formatMoney, formatPercent, unitToDong } from '../vn/index.js';
import { parseMarkup } from './markup.js';
import { renderTemplate } from './templates.js';

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
          leadResults: results.filter((r) => !r.coordinator && r.hasText),
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
    appendixList: appendices.map((a) => `${a.label} (${a.title.charAt(0)}${a.title.slice(1).toLocaleLowerCase('vi')})`).join(', '),
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
): OfficialDocument {
  const info = model.plan.info;
  const view = reportView(model, appendices);
  const body = parseMarkup(renderTemplate(templates.body.name, templates.body.text, view));
  const summary = renderTemplate(templates.summary.name, templates.summary.text, view).replace(/\s+/g, ' ').trim();
  const year = Number(model.generatedOn.slice(0, 4));
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
  };
}

/** "Thực hiện các thỏa thuận…" → "thực hiện các thỏa thuận…" for use inside a sentence. */
function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s;
}
