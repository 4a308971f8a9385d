/**
 * The round's report and appendices (everything a build writes besides kiem-tra.xlsx). Loaded on
 * demand by render(): `baocao check` never needs docx or Handlebars.
 */
import type { AppendixTable, Artifact, ReportChart } from '../model/document.js';
import { toRoman } from '../vn/index.js';
import { appendixDocxParts, renderAppendixDocx, renderChartsDocx } from './docx/index.js';
import { memoized, OUTPUT_NAMES, type OutputCache, type RenderInput } from './outputs.js';
import { reportView } from './report.js';
import type { WordTemplateFile } from '../model/templates.js';
import { TemplateError } from './template-error.js';
import { chartKeysOf, checkWordTemplate, fillWordTemplate, placesAppendices, wordTemplateKey } from './word-template.js';
import { reportCharts } from './charts.js';
import { budgetAppendix, indicatorAppendix, memberAppendix, spendingAppendix, taskAppendix, type AppendixText, type AppendixTexts } from './tables.js';
import { renderTablesXlsx } from './xlsx/table.js';
import { formatLayoutProblem, readLayout, type LayoutProblem } from './xlsx/layout.js';
import { LAYOUT_SHEETS, type LayoutRole } from './layout-roles.js';
import type { AppendixLayoutKind, LayoutFile } from '../model/templates.js';

/** The estimate round's budget appendix, or the progress report with its appendices. */
export async function renderRound(input: RenderInput): Promise<Artifact[]> {
  const { model } = input;
  const artifacts: Artifact[] = [];
  const files = input.templates.appendixLayouts;
  // Every layout the round uses is read (and checked) first: all their problems at once, nothing rendered.
  const kinds: readonly AppendixLayoutKind[] = model.round.kind === 'estimate' ? ['du-toan'] : ['nhiem-vu', 'kinh-phi', 'chi-tieu'];
  const { texts, hashes } = await layoutTexts(kinds.map((k) => [k, files[k]] as const));
  /** The workbook of `tables` laid out by `kind`'s layout, kept by the tables and the layout's bytes. */
  const workbook = (name: string, kind: AppendixLayoutKind, tables: readonly AppendixTable[]) =>
    memoized(input.memo, name, [tables, hashes.get(kind)], (cache) => renderTablesXlsx(tables, files[kind], { cache }));
  if (model.round.kind === 'estimate') {
    const table = budgetAppendix(model, texts);
    if (table) {
      artifacts.push({ name: OUTPUT_NAMES.budgetXlsx, bytes: await workbook(OUTPUT_NAMES.budgetXlsx, 'du-toan', [table]) });
      artifacts.push({ name: OUTPUT_NAMES.budgetDocx, bytes: await memoized(input.memo, OUTPUT_NAMES.budgetDocx, table, (cache) => renderAppendixDocx([table], { pieces: cache?.pieces })) });
    }
    return artifacts;
  }

  const made: { kind: AppendixLayoutKind; table: AppendixTable }[] = [];
  const candidates: { kind: AppendixLayoutKind; make: (label: string) => AppendixTable | null }[] = [
    { kind: 'chi-tieu', make: (label) => indicatorAppendix(model, texts, label) },
    ...(model.indicators?.groups ?? []).map((_, gi) => ({ kind: 'chi-tieu' as const, make: (label: string) => memberAppendix(model, texts, label, gi) })),
    { kind: 'nhiem-vu', make: (label) => taskAppendix(model, texts, label) },
    { kind: 'kinh-phi', make: (label) => spendingAppendix(model, texts, label) },
  ];
  for (const c of candidates) {
    const table = c.make(`Phụ lục ${toRoman(made.length + 1)}`);
    if (table) made.push({ kind: c.kind, table });
  }
  const appendices = made.map((m) => m.table);
  // The report: the Word template (templates/bao-cao.docx, or the plan's own) filled with the round's fields.
  const word = input.templates.report;
  const charts = (input.charts ?? true) ? reportCharts(model) : null;
  const view = reportView(model, appendices);
  artifacts.push({ name: OUTPUT_NAMES.report, bytes: await memoized(input.memo, OUTPUT_NAMES.report, [wordTemplateKey(word), view, charts, ...appendices], (cache) => wordReport(word, view, appendices, charts, cache)) });
  const of = (kind: AppendixLayoutKind) => made.filter((m) => m.kind === kind).map((m) => m.table);
  const tasks = of('nhiem-vu');
  const spending = of('kinh-phi');
  // phu-luc-chi-tieu.xlsx: the province figures, then one sheet per group of members (per commune).
  const indicatorTables = of('chi-tieu');
  if (tasks.length > 0) artifacts.push({ name: OUTPUT_NAMES.tasksXlsx, bytes: await workbook(OUTPUT_NAMES.tasksXlsx, 'nhiem-vu', tasks) });
  if (spending.length > 0) artifacts.push({ name: OUTPUT_NAMES.spendingXlsx, bytes: await workbook(OUTPUT_NAMES.spendingXlsx, 'kinh-phi', spending) });
  if (indicatorTables.length > 0) artifacts.push({ name: OUTPUT_NAMES.indicatorsXlsx, bytes: await workbook(OUTPUT_NAMES.indicatorsXlsx, 'chi-tieu', indicatorTables) });
  return artifacts;
}

/**
 * The texts of the given layouts, by the table each sheet lays out, and each layout's hash; a
 * TemplateError listing every problem of every one of them (exit 2, nothing written).
 */
async function layoutTexts(files: readonly (readonly [AppendixLayoutKind, LayoutFile])[]): Promise<{ texts: AppendixTexts; hashes: Map<AppendixLayoutKind, string> }> {
  const texts: Partial<Record<LayoutRole, AppendixText>> = {};
  const hashes = new Map<AppendixLayoutKind, string>();
  const problems: LayoutProblem[] = [];
  for (const [kind, file] of files) {
    const read = await readLayout(file, kind);
    problems.push(...read.problems);
    if (!read.layout) continue;
    hashes.set(kind, read.layout.hash);
    LAYOUT_SHEETS[kind].forEach((role, i) => {
      const sheet = read.layout?.sheets[i];
      if (sheet) texts[role] = { ...sheet.texts, file: file.name };
    });
  }
  if (problems.length > 0) {
    const names = [...new Set(problems.map((p) => p.file))];
    throw new TemplateError(
      [`Mẫu phụ lục ${names.map((n) => `"${n}"`).join(', ')} có ${problems.length} lỗi, chưa lập báo cáo và phụ lục:`, ...problems.map((p) => `  - ${formatLayoutProblem(p)}`)].join('\n'),
      names[0] ?? '',
    );
  }
  return { texts, hashes };
}

/** The report filled from a Word template; any problem of the template stops the build (TemplateError, exit 2). */
async function wordReport(
  file: WordTemplateFile,
  view: Record<string, unknown>,
  appendices: readonly AppendixTable[],
  charts: Readonly<Record<string, readonly ReportChart[]>> | null,
  /** The output's pieces kept by a warm engine (the appendix rows are compressed again only when they change). */
  cache?: OutputCache,
): Promise<Uint8Array> {
  const template = checkWordTemplate(file);
  // {{phu_luc}} in the template: the appendices rendered as for phu-luc-du-toan.docx, landscape sections.
  const donor = placesAppendices(template) && appendices.length > 0 ? await appendixDocxParts(appendices) : null;
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
    return fillWordTemplate(template, view, { appendices: donor, charts: chartDocs, pieces: cache?.pieces });
  } catch (err) {
    const missing = /"([^"]+)" not defined/.exec(err instanceof Error ? err.message : String(err));
    throw new TemplateError(
      missing ? `Mẫu "${file.name}": trường "${missing[1]}" không có dữ liệu. Sửa tên trường (xem "baocao templates fields").` : `Mẫu "${file.name}": ${err instanceof Error ? err.message : String(err)}.`,
      file.name,
    );
  }
}
