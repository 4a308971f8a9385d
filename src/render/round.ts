/**
 * The round's report and appendices (everything a build writes besides kiem-tra.xlsx). Loaded on
 * demand by render(): `baocao check` never needs docx or Handlebars.
 */
import type { AppendixTable, Artifact, ReportChart } from '../model/document.js';
import { toRoman } from '../vn/index.js';
import { renderAppendixDocx, renderChartsDocx, renderOfficialDocx } from './docx/index.js';
import { memoized, OUTPUT_NAMES, type RenderInput } from './outputs.js';
import { progressReport, reportView } from './report.js';
import type { WordTemplateFile } from '../model/templates.js';
import { TemplateError } from './template-error.js';
import { chartKeysOf, checkWordTemplate, fillWordTemplate, placesAppendices } from './word-template.js';
import { reportCharts } from './charts.js';
import { budgetAppendix, indicatorAppendix, memberAppendix, parseAppendixTexts, spendingAppendix, taskAppendix } from './tables.js';
import { renderTablesXlsx } from './xlsx/table.js';

/** The estimate round's budget appendix, or the progress report with its appendices. */
export async function renderRound(input: RenderInput): Promise<Artifact[]> {
  const { model } = input;
  const artifacts: Artifact[] = [];
  const texts = parseAppendixTexts(input.templates.appendices.name, input.templates.appendices.text);
  const appendixName = input.templates.appendices.name;
  if (model.round.kind === 'estimate') {
    const table = budgetAppendix(model, texts, appendixName);
    if (table) {
      artifacts.push({ name: OUTPUT_NAMES.budgetXlsx, bytes: await memoized(input.memo, OUTPUT_NAMES.budgetXlsx, table, (cache) => renderTablesXlsx([table], { cache })) });
      artifacts.push({ name: OUTPUT_NAMES.budgetDocx, bytes: await memoized(input.memo, OUTPUT_NAMES.budgetDocx, table, (cache) => renderAppendixDocx([table], { pieces: cache?.pieces })) });
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
  const word = input.templates.wordReport;
  if (word) {
    // The plan's own Word template: filled with the same fields; the appendices stay in their workbooks.
    const charts = input.charts ?? true ? reportCharts(model) : null;
    artifacts.push({ name: OUTPUT_NAMES.report, bytes: await wordReport(word, reportView(model, appendices), appendices, charts) });
  } else {
    const doc = progressReport(model, { body: input.templates.report, summary: input.templates.summary }, appendices, { charts: input.charts ?? true });
    artifacts.push({ name: OUTPUT_NAMES.report, bytes: await memoized(input.memo, OUTPUT_NAMES.report, [{ ...doc, appendices: [] }, ...doc.appendices], (cache) => renderOfficialDocx(doc, { pieces: cache?.pieces })) });
  }
  const tasks = appendices.find((a) => a.sheetName === texts['nhiem-vu'].sheetName);
  const spending = appendices.find((a) => a.sheetName === texts['kinh-phi'].sheetName);
  if (tasks) artifacts.push({ name: OUTPUT_NAMES.tasksXlsx, bytes: await memoized(input.memo, OUTPUT_NAMES.tasksXlsx, tasks, (cache) => renderTablesXlsx([tasks], { cache })) });
  if (spending) artifacts.push({ name: OUTPUT_NAMES.spendingXlsx, bytes: await memoized(input.memo, OUTPUT_NAMES.spendingXlsx, spending, (cache) => renderTablesXlsx([spending], { cache })) });
  // phu-luc-chi-tieu.xlsx: the province figures, then one sheet per group of members (per commune).
  const indicatorTables = appendices.filter((a) => a.sheetName === texts['chi-tieu'].sheetName || a.sheetName.startsWith(texts['don-vi'].sheetName));
  if (indicatorTables.length > 0) artifacts.push({ name: OUTPUT_NAMES.indicatorsXlsx, bytes: await memoized(input.memo, OUTPUT_NAMES.indicatorsXlsx, indicatorTables, (cache) => renderTablesXlsx(indicatorTables, { cache })) });
  return artifacts;
}

/** The report filled from a Word template; any problem of the template stops the build (TemplateError, exit 2). */
async function wordReport(
  file: WordTemplateFile,
  view: Record<string, unknown>,
  appendices: readonly AppendixTable[],
  charts: Readonly<Record<string, readonly ReportChart[]>> | null,
): Promise<Uint8Array> {
  const template = checkWordTemplate(file);
  // {{phu_luc}} in the template: the appendices rendered as for phu-luc-du-toan.docx, landscape sections.
  const donor = placesAppendices(template) && appendices.length > 0 ? await renderAppendixDocx(appendices) : null;
  // {{bieudo "…"}}: each key's charts, numbered in the order the template places them (`build --no-charts`: none).
  const chartDocs = new Map<string, Uint8Array>();
  let numbered = 0;
  for (const key of chartKeysOf(template)) {
    const list = charts?.[key] ?? [];
    if (list.length === 0 || chartDocs.has(key)) continue;
    chartDocs.set(key, await renderChartsDocx(list, numbered + 1));
    numbered += list.length;
  }
  try {
    return fillWordTemplate(template, view, { appendices: donor, charts: chartDocs });
  } catch (err) {
    const missing = /"([^"]+)" not defined/.exec(err instanceof Error ? err.message : String(err));
    throw new TemplateError(
      missing ? `Mẫu "${file.name}": trường "${missing[1]}" không có dữ liệu. Sửa tên trường (xem "baocao templates fields").` : `Mẫu "${file.name}": ${err instanceof Error ? err.message : String(err)}.`,
      file.name,
    );
  }
}
