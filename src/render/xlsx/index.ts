/** Excel renderers: agency forms, appendix tables and the check report, all returning bytes. */
export { renderForms, renderForm, formFileName, slugify, FORM_HEADER_ROW, BLANK_BUDGET_ROWS } from './forms.js';
export { renderTablesXlsx } from './table.js';
export { renderFindingsXlsx, SEVERITY_LABELS, FINDINGS_SHEETS, type FindingsSummary } from './findings.js';
