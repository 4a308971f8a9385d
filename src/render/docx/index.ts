/** Word (.docx) rendering: the official report and stand-alone appendix files, as bytes. */
export { renderOfficialDocx } from './official.js';
export { appendixDocxParts, appendixTable, renderAppendixDocx, type AppendixTableOptions } from './table.js';
export { renderChartsDocx } from './chart.js';
