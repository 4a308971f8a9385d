/**
 * Writes the shipped Word report template (default: templates/bao-cao.docx):
 *   npx vite-node scripts/make-report-template.ts
 *   node dist/scripts/make-report-template.js [file]
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { makeReportTemplate } from './report-template.js';

const path = resolve(process.argv[2] ?? 'templates/bao-cao.docx');
await writeFile(path, await makeReportTemplate());
console.log(path);
