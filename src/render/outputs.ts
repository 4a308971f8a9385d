/**
 * What the render stage is given and the names of the files it makes: shared by render/index.ts
 * (the check report) and render/round.ts (the report and appendices, loaded on demand).
 */
import type { Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import type { TemplateSet } from '../model/templates.js';

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
  /** Native charts in the Word report (default true; `build --no-charts` sets false). */
  readonly charts?: boolean;
}
