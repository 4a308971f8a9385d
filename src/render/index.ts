/**
 * Render stage: report model → output files in memory ({name, bytes}); nothing touches the disk.
 */
import type { Artifact } from '../model/document.js';
import type { FileStatus } from '../model/submission.js';
import type { WordTemplateFile } from '../model/templates.js';
import type { LayoutProblem } from './xlsx/layout.js';
import { memoized, OUTPUT_NAMES, startRender, type RenderInput } from './outputs.js';
import { renderFindingsXlsx } from './xlsx/findings.js';

export { renderForms } from './xlsx/forms.js';
export { renderPlanTemplate, PLAN_GUIDE_SHEET } from './xlsx/plan-template.js';
export { zipFiles } from './zip.js';
export { buildTime, NO_CHANGES, renderChangesXlsx } from './xlsx/changes.js';
export { ANNOTATED_DIR, annotationTargets, renderAnnotated } from './xlsx/index.js';
export { TemplateError } from './template-error.js';
export type { WordTemplateProblem } from './word-template.js';
export { checkFields, listFields, TEMPLATE_HELPERS, type FieldInfo, type FieldProblem } from './field-check.js';
export type { TemplateSet } from './templates.js';
export type { LayoutProblem } from './xlsx/layout.js';

export { newRenderMemo, OUTPUT_NAMES, renderedWith, type RenderInput, type RenderMemo } from './outputs.js';
export { PDF_SOURCES, PDF_TIMEOUT_MS, pdfFontNames, pdfSources, renderPdfs, type PdfOutcome, type PdfRequest, type PdfSource, type PdfStandard } from './pdf.js';

const STATE_LABEL: Record<FileStatus['state'], string> = {
  used: 'Được tổng hợp',
  excluded: 'Có lỗi — không đưa vào tổng hợp',
  ignored: 'Bỏ qua (đã có lần nộp khác)',
  unknown: 'Không xác định được cơ quan',
  unreadable: 'Không đọc được tệp',
  misplaced: 'Thuộc đợt hoặc kế hoạch khác — không tổng hợp',
};

/** Renders the round's outputs: the check report, and the appendices and report of the round. */
export async function render(input: RenderInput): Promise<Artifact[]> {
  const { model } = input;
  if (input.memo) startRender(input.memo);
  const names = new Map<string, string>();
  for (const a of model.plan.agencies) if (!names.has(a.code)) names.set(a.code, a.name);
  const agencyName = (code: string | null) => (code === null ? '' : (names.get(code) ?? ''));
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
  const summary = {
    title: `KẾT QUẢ KIỂM TRA SỐ LIỆU — ${model.plan.info.title.toLocaleUpperCase('vi')} — ${model.round.label.toLocaleUpperCase('vi')}`,
    rows: summaryRows,
  };
  const artifacts: Artifact[] = [
    { name: OUTPUT_NAMES.check, bytes: await memoized(input.memo, OUTPUT_NAMES.check, [input.findings, summary], () => renderFindingsXlsx(input.findings, summary)) },
  ];
  if (input.checkOnly) return artifacts;

  // The report and appendices need docx and Handlebars, loaded only when a build asks for them.
  const { renderRound } = await import('./round.js');
  artifacts.push(...(await renderRound(input)));
  return artifacts;
}

/** Every problem of a Word report template, each as a console line (loads Handlebars only when asked). */
export async function wordTemplateLines(file: WordTemplateFile): Promise<string[]> {
  const { formatWordProblem, wordTemplateProblems } = await import('./word-template.js');
  return wordTemplateProblems(file).map(formatWordProblem);
}

/** What of Nghị định 30's page and font rules a Word template breaks, as warnings (loads the engine only when asked). */
export async function wordTemplateWarnings(file: WordTemplateFile): Promise<string[]> {
  const { nd30Warnings } = await import('./word-template.js');
  return nd30Warnings(file);
}

/**
 * Every problem of an appendix layout (templates/phu-luc-<kind>.xlsx or a plan's
 * mau/phu-luc-<kind>.xlsx; the kind is taken from the file name), each naming the file, sheet and
 * cell, in Vietnamese; none when the layout can be used (loads exceljs and Handlebars only when asked).
 */
export async function checkAppendixLayout(name: string, bytes: Uint8Array): Promise<LayoutProblem[]> {
  const { checkLayout } = await import('./xlsx/layout.js');
  return checkLayout(name, bytes);
}

/** The problems of an appendix layout as console lines ("<file>, trang "…", ô B7: …"). */
export async function appendixLayoutLines(name: string, bytes: Uint8Array): Promise<string[]> {
  const { checkLayout, formatLayoutProblem } = await import('./xlsx/layout.js');
  return (await checkLayout(name, bytes)).map(formatLayoutProblem);
}
