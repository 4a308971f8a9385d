/** Excel renderers: agency forms, appendix tables, the check report and annotated copies, all returning bytes. */
export { renderForms, renderForm, formFileName, slugify, FORM_HEADER_ROW, BLANK_BUDGET_ROWS } from './forms.js';
export { renderTablesXlsx } from './table.js';
export { renderFindingsXlsx, SEVERITY_LABELS, FINDINGS_SHEETS, type FindingsSummary } from './findings.js';
export {
  renderAnnotated,
  annotationTargets,
  annotatedFileName,
  AnnotateError,
  ANNOTATED_DIR,
  ANNOTATION_SHEET,
  ANNOTATION_HEADERS,
  ANNOTATION_FILLS,
  type AnnotationInfo,
  type AnnotationTarget,
} from './annotate.js';
export { renderPlanTemplate, PLAN_GUIDE_SHEET } from './plan-template.js';
