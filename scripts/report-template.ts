/**
 * The shipped Word report template, templates/bao-cao.docx (issue 14), made from its wording in
 * scripts/report-template-body.hbs: the layout render/docx/official.ts gives a report, with
 * fields in place of the data. Staff change it in Word; this script is how baocao's own default
 * is kept (tests/render/report-template.test.ts checks the committed file is what it makes, and
 * that it fills into the report the code laid out before it).
 *
 * The wording file uses the report markup (render/markup.ts): "# " and "## " headings, "- "
 * bullets, **bold**, *italic*; a line holding only block tags ({{#if …}}, {{else}}, {{/each}}…)
 * or {{bieudo "…"}} becomes a paragraph of its own, which the filled report leaves out.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Block } from '../src/model/document.js';
import { renderReportTemplateDocx } from '../src/render/docx/official.js';
import { parseMarkup } from '../src/render/markup.js';

/** The trích yếu under "BÁO CÁO". */
export const REPORT_SUMMARY = 'Kết quả {{period}} thực hiện Kế hoạch {{planTitleLower}}';

/** Run from the project's folder, as every script. */
const BODY_FILE = resolve('scripts', 'report-template-body.hbs');

const BLOCK_ONLY = /^(?:\{\{(?:[#/^][^}]*|else)\}\})+$/;
const CHART = /^\{\{bieudo "([a-z0-9-]+)"\}\}$/;

/** The body blocks of the wording: block tags and charts on paragraphs of their own. */
export function templateBody(source: string): Block[] {
  const text = source
    .replace(/\{\{!--[\s\S]*?--\}\}\s*/g, '')
    .split(/\r?\n/)
    .map((line) => (BLOCK_ONLY.test(line.trim()) || CHART.test(line.trim()) ? `\n${line.trim()}\n` : line))
    .join('\n');
  return parseMarkup(text).map((b): Block => {
    if (b.type !== 'paragraph') return b;
    const only = b.runs.map((r) => r.text).join('');
    const chart = CHART.exec(only);
    return chart ? { type: 'chart', key: chart[1] ?? '' } : b;
  });
}

/** templates/bao-cao.docx as baocao ships it. */
export async function makeReportTemplate(): Promise<Uint8Array> {
  return renderReportTemplateDocx({ summary: REPORT_SUMMARY, body: templateBody(await readFile(BODY_FILE, 'utf8')) });
}
