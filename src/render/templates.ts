/**
 * Handlebars templates that staff edit: an isolated instance, strict (a missing field is an
 * error naming the template and line) and without HTML escaping (docx escapes XML itself).
 */
import Handlebars from 'handlebars';
import { formatMoney, formatNumber, formatPercent, moneyInWords, toRoman } from '../vn/index.js';

import type { TemplateSet } from '../model/templates.js';

/** Template texts as read from templates/ (type in model/templates.ts). */
export type { TemplateSet };
export { TemplateError } from './template-error.js';
import { TemplateError } from './template-error.js';
import { CHART_KEYS } from './charts.js';
import { chartLine } from './markup.js';

const hbs = Handlebars.create();

function need(name: string, v: unknown): void {
  if (v === undefined) throw new Error(`trợ giúp "${name}" nhận một trường không có trong dữ liệu`);
}

hbs.registerHelper('so', (v: unknown, options: unknown) => {
  need('so', v);
  const decimals = typeof options === 'number' ? options : 0;
  return typeof v === 'number' ? formatNumber(v, decimals) : String(v);
});
hbs.registerHelper('tien', (v: unknown) => {
  need('tien', v);
  return typeof v === 'number' || v === null ? formatMoney(v) : String(v);
});
hbs.registerHelper('phantram', (v: unknown) => {
  need('phantram', v);
  return typeof v === 'number' ? formatPercent(v) : String(v);
});
hbs.registerHelper('bangchu', (v: unknown) => {
  need('bangchu', v);
  return typeof v === 'number' ? moneyInWords(v) : String(v);
});
hbs.registerHelper('lama', (v: unknown) => {
  need('lama', v);
  return typeof v === 'number' ? toRoman(v) : String(v);
});
hbs.registerHelper('cong1', (v: unknown) => {
  need('cong1', v);
  return typeof v === 'number' ? v + 1 : v;
});
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
// {{bieudo "tang-truong"}} on a line of its own: the charts of that key go there (none when the
// round has no such figures, or with `build --no-charts`).
hbs.registerHelper('bieudo', (key: unknown) => {
  if (typeof key !== 'string' || !(CHART_KEYS as readonly string[]).includes(key)) {
    throw new Error(`trợ giúp "bieudo" cần tên một biểu đồ: ${CHART_KEYS.map((k) => `"${k}"`).join(', ')}`);
  }
  return chartLine(key);
});
hbs.registerHelper('upper', (v: unknown) => {
  need('upper', v);
  return String(v).toLocaleUpperCase('vi');
});
hbs.registerHelper('join', (list: unknown, sep: unknown) => {
  need('join', list);
  return Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : String(list);
});

// Word templates (render/word-template.ts): every field's value goes into the document as text,
// XML-escaped, its line breaks as Word line breaks.
hbs.registerHelper('xml', (v: unknown) => {
  need('xml', v);
  const text = v === null || v === undefined ? '' : String(v);
  return text
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/\r?\n/g, '</w:t><w:br/><w:t xml:space="preserve">');
});

/** The Handlebars instance with baocao's helpers (the Word template filler compiles with it). */
export function templateHandlebars(): typeof hbs {
  return hbs;
}

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders one template text with the data; errors name the template and line. */
export function renderTemplate(name: string, text: string, data: object): string {
  const key = `${name}\u0000${text}`;
  let fn = cache.get(key);
  try {
    if (!fn) {
      fn = hbs.compile(text, { strict: true, noEscape: true });
      cache.set(key, fn);
    }
    return fn(data);
  } catch (err) {
    throw new TemplateError(describe(name, err), name);
  }
}

function describe(name: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const missing = /"([^"]+)" not defined in/.exec(raw);
  const loc = /-\s*(\d+):(\d+)\s*$/.exec(raw) ?? /line (\d+)/i.exec(raw);
  const line = loc ? `, dòng ${loc[1]}` : '';
  if (missing) {
    return `Mẫu "${name}"${line}: trường "${missing[1]}" không có trong dữ liệu. Sửa tên trường trong mẫu (xem danh sách trường trong templates/README.md).`;
  }
  return `Mẫu "${name}"${line}: ${raw.split('\n')[0]}. Kiểm tra lại cú pháp Handlebars của mẫu.`;
}

/** Year of the report's date line: this year, but never before the year the round reports on. */
export function reportYear(model: { readonly generatedOn: string; readonly round: { readonly period: { readonly year: number } | null } }): number {
  return Math.max(Number(model.generatedOn.slice(0, 4)), model.round.period?.year ?? 0);
}
