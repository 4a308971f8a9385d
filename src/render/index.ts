/**
 * Render stage: report model → output files in memory ({name, bytes}); nothing touches the disk.
 */
import type { Finding } from '../findings.js';
import type { AppendixTable, Artifact } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import type { FileStatus } from '../model/submission.js';
import { renderAppendixDocx, renderOfficialDocx } from './docx/index.js';
import { progressReport } from './report.js';
import { budgetAppendix, indicatorAppendix, memberAppendix, parseAppendixTexts, spendingAppendix, taskAppendix } from './tables.js';
import type { TemplateSet } from './templates.js';
import { renderFindingsXlsx } from './xlsx/findings.js';
import { renderTablesXlsx } from './xlsx/table.js';
import { toRoman } from '../vn/index.js';

export { renderForms } from './xlsx/forms.js';
export { TemplateError, type TemplateSet } from './templates.js';

export const OUTPUT_NAMES = {
  check: 'kiem-tra.xlsx',
  budgetXlsx: 'phu-luc-du-toan.xlsx',
  budgetDocx: 'phu-luc-du-toan.docx',
  report: 'bao-cao.docx',
  tasksXlsx: 'phu-luc-nhiem-vu.xlsx',
  spendingXlsx: 'phu-luc-kinh-phi.xlsx',
  indicatorsXlsx: 'phu-luc-chi-tieu.xlsx',
} as const;

export interface RenderInput {
  readonly model: ReportModel;
  readonly findings: readonly Finding[];
  readonly templates: TemplateSet;
  /** Only the check report (kiem-tra.xlsx), as `baocao check` writes. */
  readonly checkOnly?: boolean;
}

const STATE_LABEL: Record<FileStatus['state'], string> = {
  used: 'Được tổng hợp',
  excluded: 'Có lỗi — không đưa vào tổng hợp',
  ignored: 'Bỏ qua (đã có lần nộp khác)',
  unknown: 'Không xác định được cơ quan',
  unreadable: 'Không đọc được tệp',
};

/** Renders the round's outputs: the check report, and the appendices and report of the round. */
export async function render(input: RenderInput): Promise<Artifact[]> {
  const { model } = input;
  const agencyName = (code: string | null) => model.plan.agencies.find((a) => a.code === code)?.name ?? '';
  const summaryRows = [
    ...model.files.map((f) => ({
      file: f.file,
      agency: agencyName(f.agencyCode),
      status: STATE_LABEL[f.state],
      errors: f.errors,
      warnings: f.warnings,
    })),
    ...model.missing.map((m) => ({ file: '', agency: m.name, status: 'Chưa nộp', errors: 0, warnings: 0 })),
  ];
  const artifacts: Artifact[] = [
    {
      name: OUTPUT_NAMES.check,
      bytes: await renderFindingsXlsx(input.findings, {
        title: `KẾT QUẢ KIỂM TRA SỐ LIỆU — ${model.plan.info.title.toLocaleUpperCase('vi')} — ${model.round.label.toLocaleUpperCase('vi')}`,
        rows: summaryRows,
      }),
    },
  ];
  if (input.checkOnly) return artifacts;

  const texts = parseAppendixTexts(input.templates.appendices.name, input.templates.appendices.text);
  const appendixName = input.templates.appendices.name;
  if (model.round.kind === 'estimate') {
    const table = budgetAppendix(model, texts, appendixName);
    if (table) {
      artifacts.push({ name: OUTPUT_NAMES.budgetXlsx, bytes: await renderTablesXlsx([table]) });
      artifacts.push({ name: OUTPUT_NAMES.budgetDocx, bytes: await renderAppendixDocx([table]) });
    }
    return artifacts;
  }

  const candidates = [
    (label: string) => indicatorAppendix(model, texts, appendixName, label),
    ...(model.indicators?.groups ?? []).map((_, gi) => (label: string) => memberAppendix(model, texts, appendixName, label, gi)),
    (label: string) => taskAppendix(model, texts, appendixName, label),
    (label: string) => spendingAppendix(model, texts, appendixName, label),
  ];
  const appendices: AppendixTable[] = [];
  for (const make of candidates) {
    const table = make(`Phụ lục ${toRoman(appendices.length + 1)}`);
    if (table) appendices.push(table);
  }
  const doc = progressReport(model, { body: input.templates.report, summary: input.templates.summary }, appendices);
  artifacts.push({ name: OUTPUT_NAMES.report, bytes: await renderOfficialDocx(doc) });
  const tasks = appendices.find((a) => a.sheetName === texts['nhiem-vu'].sheetName);
  const spending = appendices.find((a) => a.sheetName === texts['kinh-phi'].sheetName);
  if (tasks) artifacts.push({ name: OUTPUT_NAMES.tasksXlsx, bytes: await renderTablesXlsx([tasks]) });
  if (spending) artifacts.push({ name: OUTPUT_NAMES.spendingXlsx, bytes: await renderTablesXlsx([spending]) });
  // phu-luc-chi-tieu.xlsx: the province figures, then one sheet per group of members (per commune).
  const indicatorTables = appendices.filter((a) => a.sheetName === texts['chi-tieu'].sheetName || a.sheetName.startsWith(texts['don-vi'].sheetName));
  if (indicatorTables.length > 0) artifacts.push({ name: OUTPUT_NAMES.indicatorsXlsx, bytes: await renderTablesXlsx(indicatorTables) });
  return artifacts;
}
