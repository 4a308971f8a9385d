/**
 * A report template written in Word: a .docx whose text holds Handlebars fields ({{period}},
 * {{#each fields}}…{{/each}}, {{#if budget}}…{{/if}}), filled by baocao.
 *
 * Word splits what staff type into runs (spell-check marks, revision marks, bookmarks, a change of
 * formatting in the middle of a word), so a tag may arrive as "{{per" + "io" + "d}}". Each
 * paragraph's text is joined first; a tag that spans runs is moved whole into its first run, whose
 * formatting its value then takes. Deleted text (revision marks) is not text.
 *
 * Blocks: a paragraph holding only block tags ({{#each x}}, {{/each}}, {{#if x}}, {{else}}, …) is
 * replaced by the bare tags, so a block spans the paragraphs between; {{#each rows}} at the start
 * of a table row with its {{/each}} at the row's end repeats the row; an opener and its closer in
 * one paragraph work inside it. A paragraph that held fields and comes out with no text is
 * dropped, so an {{#if}} never leaves an empty line.
 *
 * Problems are data: every unknown field, unclosed or stray block, unknown helper and misplaced
 * tag of a template, each with the paragraph (number and text, and the table row and cell or the
 * header/footer it is in) — all at once, before anything is written.
 */
import { createHash } from 'node:crypto';
import { decodeXmlText } from '../lib/xml.js';
import Handlebars from 'handlebars';
import type * as z from 'zod';
import { checkFields, TEMPLATE_HELPERS } from './field-check.js';
import { templateHandlebars } from './templates.js';
import { pieceText, zipFiles, type DeflateCache, type LazyPiece, type Pieces } from './zip.js';
import { TABLE_CELL_STYLE } from './docx/common.js';
import { CHART_KEYS } from './charts.js';
import { inflateEntry, scanZip } from '../read/index.js';
import { reportFields } from '../model/report-fields.js';
import type { WordTemplateFile } from '../model/templates.js';
import { TemplateError } from './template-error.js';

/** A problem of a Word template, in Vietnamese, at a paragraph. */
export interface WordTemplateProblem {
  readonly template: string;
  /** 1-based paragraph number in the part ("đoạn 12"). */
  readonly paragraph: number;
  /** The paragraph's text, shortened. */
  readonly text: string;
  /** "thân văn bản", "bảng 2, dòng 3, ô 1", "đầu trang", "chân trang". */
  readonly where: string;
  readonly message: string;
}

/** A template read and checked: the parts of the .docx and the Handlebars source of each part that holds fields. */
export interface WordTemplate {
  readonly name: string;
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** Part name → the part's XML as a Handlebars template (tags normalised, blocks placed). */
  readonly sources: ReadonlyMap<string, string>;
  /** Part name → that source compiled (Handlebars compiles it at its first use, once per template). */
  readonly fills: ReadonlyMap<string, HandlebarsTemplateDelegate>;
}

interface Paragraph {
  /** Offsets of <w:p …> … </w:p> in the part. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly where: string;
}

const BLOCK_TAG = /^\{\{\s*(?:[#^/][^}]*|else(?:\s[^}]*)?)\}\}$/;
const TAG = /\{\{\{?[\s\S]*?\}?\}\}/g;
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
/** Marks a paragraph that held fields, so it can be dropped when it comes out empty. */
const MARK = '<!--baocao-field-->';
/** Where the appendices go: a paragraph holding only {{phu_luc}} (every appendix not placed on its own), or {{phu_luc_2}} (Phụ lục II). */
const APPENDIX_TAG = /^\s*\{\{\s*phu_luc(?:_(\d+))?\s*\}\}\s*$/;
const APPENDIX_MARK = '<!--baocao-phu-luc-->';
const appendixMark = (n: string | undefined): string => (n === undefined ? APPENDIX_MARK : `<!--baocao-phu-luc:${Number(n)}-->`);
const APPENDIX_MARKS = /<!--baocao-phu-luc(?::(\d+))?-->/g;
/** Where charts go: a paragraph holding only {{bieudo "tang-truong"}} (field-check.ts checks the name). */
const CHART_TAG = /^\{\{\s*bieudo\s+"([a-z0-9-]+)"\s*\}\}$/;
const chartMark = (key: string): string => `<!--baocao-bieudo:${key}-->`;
/** A w:t holding something other than white space: text a reader sees. */
const VISIBLE_TEXT = /<w:t(?:\s[^>]*)?>[^<]*[^\s<]/;

/** Element text escaped (quotes stay as they are: tags such as {{join x "; "}} keep theirs). */
function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

/** Parts of a .docx that hold text staff may put fields in. */
function textParts(names: Iterable<string>): string[] {
  return [...names].filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
}

function partLabel(part: string): string {
  if (part.startsWith('word/header')) return 'đầu trang';
  if (part.startsWith('word/footer')) return 'chân trang';
  return 'thân văn bản';
}

/** The paragraphs of a part with their text (deleted revisions aside) and where they are. */
function paragraphsOf(xml: string, part: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /<w:tbl>|<\/w:tbl>|<w:tr[ >]|<w:tc[ >]|<w:p(?:\s[^>]*)?(?<!\/)>[\s\S]*?<\/w:p>/g;
  const tables: { n: number; row: number; cell: number }[] = [];
  let tableCount = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const tok = m[0];
    if (tok === '<w:tbl>') tables.push({ n: ++tableCount, row: 0, cell: 0 });
    else if (tok === '</w:tbl>') tables.pop();
    else if (tok.startsWith('<w:tr')) {
      const t = tables.at(-1);
      if (t) {
        t.row++;
        t.cell = 0;
      }
    } else if (tok.startsWith('<w:tc')) {
      const t = tables.at(-1);
      if (t) t.cell++;
    } else {
      const t = tables.at(-1);
      const text = [...tok.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((x) => decodeXmlText(x[1] ?? '')).join('');
      out.push({ start: m.index, end: m.index + tok.length, text, where: t ? `bảng ${t.n}, dòng ${t.row}, ô ${t.cell}` : partLabel(part) });
    }
  }
  return out;
}

/**
 * One paragraph's XML with every tag whole in one run: the text of the w:t elements is taken as
 * one string, and each tag that spans several is moved into the first (curly quotes in a tag
 * become straight ones: Word's AutoCorrect turns " into “ ”).
 */
function normaliseParagraph(xml: string): string {
  const texts = [...xml.matchAll(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g)];
  if (texts.length === 0) return xml;
  const pieces = texts.map((t) => decodeXmlText(t[2] ?? ''));
  const joined = pieces.join('');
  if (!joined.includes('{{')) return xml;
  // Owner piece of each character.
  const owner: number[] = [];
  pieces.forEach((p, i) => {
    for (let k = 0; k < p.length; k++) owner.push(i);
  });
  const next = pieces.map(() => '');
  const add = (piece: number, text: string): void => {
    next[piece] = (next[piece] ?? '') + text;
  };
  let pos = 0;
  for (const m of joined.matchAll(/\{\{[\s\S]*?\}\}\}?|\{\{[\s\S]*$/g)) {
    for (; pos < m.index; pos++) add(owner[pos] ?? 0, joined[pos] ?? '');
    const tag = m[0].replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
    add(owner[m.index] ?? 0, tag);
    pos = m.index + m[0].length;
  }
  for (; pos < joined.length; pos++) add(owner[pos] ?? 0, joined[pos] ?? '');
  let k = 0;
  return xml.replace(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g, () => {
    const text = next[k++] ?? '';
    return `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;
  });
}

const PARAGRAPH = /<w:p(?:\s[^>]*)?(?<!\/)>[\s\S]*?<\/w:p>/g;
const W_T = /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g;

const textOfXml = (xml: string): string => [...xml.matchAll(W_T)].map((x) => decodeXmlText(x[2] ?? '')).join('');

/**
 * A table row that starts with {{#each x}} (first cell) and ends with {{/each}} (last cell): the
 * two tags taken out of the cells and put around the row, so the row repeats. Other rows as they are.
 */
function rowLoop(row: string): string {
  const cells = [...row.matchAll(/<w:tc[ >][\s\S]*?<\/w:tc>/g)];
  const first = cells[0];
  const last = cells.at(-1);
  if (!first || !last) return row;
  const open = /^\s*(\{\{#each [^}]+\}\})/.exec(textOfXml(first[0]));
  const close = /(\{\{\/each\}\})\s*$/.exec(textOfXml(last[0]));
  if (!open || !close || (first === last && textOfXml(first[0]).trim() === `${open[1]}${close[1]}`)) return row;
  const strip = (cell: string, tag: string, atEnd: boolean): string => {
    const ts = [...cell.matchAll(W_T)];
    const hit = atEnd ? ts.reverse().find((t) => decodeXmlText(t[2] ?? '').includes(tag)) : ts.find((t) => decodeXmlText(t[2] ?? '').includes(tag));
    if (!hit) return cell;
    const text = decodeXmlText(hit[2] ?? '');
    const cut = atEnd ? text.slice(0, text.lastIndexOf(tag)) + text.slice(text.lastIndexOf(tag) + tag.length) : text.replace(tag, '');
    return cell.slice(0, hit.index) + `${hit[1] ?? ''}${escapeXml(cut)}${hit[3] ?? ''}` + cell.slice((hit.index ?? 0) + hit[0].length);
  };
  const firstCell = strip(first[0], open[1] ?? '', false);
  let out = row.slice(0, first.index) + firstCell + row.slice((first.index ?? 0) + first[0].length);
  const lastAt = out.lastIndexOf(last[0] === first[0] ? firstCell : last[0]);
  const lastCell = strip(out.slice(lastAt, lastAt + (last[0] === first[0] ? firstCell : last[0]).length), close[1] ?? '', true);
  out = out.slice(0, lastAt) + lastCell + out.slice(lastAt + (last[0] === first[0] ? firstCell : last[0]).length);
  return `${open[1] ?? ''}${out}{{/each}}`;
}

/** A field's value in the XML: escaped text, line breaks as Word line breaks. */
function fieldExpression(expr: string): string {
  const e = expr.trim();
  return /\s/.test(e) ? `{{{xml (${e})}}}` : `{{{xml ${e}}}}`;
}

/** The Handlebars source of a part: tags whole, row loops around their rows, block-only paragraphs replaced by their tags. */
function sourceOf(xml: string): string {
  let out = xml.replace(PARAGRAPH, normaliseParagraph);
  out = out.replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, rowLoop);
  out = out.replace(PARAGRAPH, (p) => {
    const text = textOfXml(p);
    if (!text.includes('{{')) return p;
    // A paragraph holding a text box holds paragraphs of its own: its fields are filled, nothing is moved or dropped.
    if (p.indexOf('<w:p', 4) >= 0 && /<w:p[ >]/.test(p.slice(4))) return p;
    const appendix = APPENDIX_TAG.exec(text);
    if (appendix) return appendixMark(appendix[1]);
    const chart = CHART_TAG.exec(text.trim());
    if (chart) return chartMark(chart[1] ?? '');
    const tags = text.match(TAG) ?? [];
    const rest = text.replace(TAG, '').trim();
    // Only block tags: they stand between paragraphs.
    if (rest === '' && tags.length > 0 && tags.every((t) => BLOCK_TAG.test(t))) return tags.join('');
    return MARK + p;
  });
  // Every field's value is XML-escaped text (agency texts can never become markup).
  return out.replace(/\{\{(?!\{)(?![#/^!>*])(?!else\b)\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => fieldExpression(expr));
}

/** Block tags out of balance, by paragraph: unclosed openers, stray or mismatched closers, braces without their pair. */
interface Balance {
  readonly problems: { index: number; message: string }[];
  /** Paragraphs with a closing tag that closes nothing, and with "{{" or "}}" alone. */
  readonly strayAt: Set<number>;
  readonly braceAt: Set<number>;
  /** Blocks never closed, outermost first. */
  readonly unclosed: string[];
}

function balanceOf(paragraphs: readonly Paragraph[]): Balance {
  const problems: { index: number; message: string }[] = [];
  const strayAt = new Set<number>();
  const braceAt = new Set<number>();
  const stack: { name: string; index: number; tag: string }[] = [];
  paragraphs.forEach((p, index) => {
    const text = p.text.replace(/[“”]/g, '"');
    const opens = (text.match(/\{\{/g) ?? []).length;
    const closes = (text.match(/\}\}/g) ?? []).length;
    if (opens > closes) {
      braceAt.add(index);
      problems.push({ index, message: 'Có "{{" mà không có "}}" đóng lại trong cùng đoạn. Gõ lại thẻ cho đủ hai dấu "}}".' });
    } else if (closes > opens) {
      braceAt.add(index);
      problems.push({ index, message: 'Có "}}" thừa, không thuộc thẻ nào. Xóa "}}" thừa hoặc thêm "{{" cho đúng thẻ.' });
    }
    for (const m of text.matchAll(/\{\{\s*([#/])\s*([A-Za-z]+)([^}]*)\}\}/g)) {
      const name = m[2] ?? '';
      if (m[1] === '#') stack.push({ name, index, tag: m[0] });
      else {
        const top = stack.at(-1);
        if (top && top.name === name) stack.pop();
        else if (stack.some((s) => s.name === name)) {
          while (stack.length > 0 && stack.at(-1)?.name !== name) {
            const s = stack.pop();
            if (s) problems.push({ index: s.index, message: `Thẻ "${s.tag}" chưa được đóng (thiếu {{/${s.name}}} trước {{/${name}}} ở đoạn ${index + 1}). Thêm {{/${s.name}}} ở cuối phần lặp/điều kiện.` });
          }
          stack.pop();
        } else {
          strayAt.add(index);
          problems.push({ index, message: `Thẻ "${m[0]}" không có thẻ mở {{#${name} …}} nào trước nó. Xóa thẻ này hoặc thêm thẻ mở.` });
        }
      }
    }
  });
  for (const s of stack) problems.push({ index: s.index, message: `Thẻ "${s.tag}" chưa được đóng: thêm {{/${s.name}}} ở cuối phần lặp/điều kiện.` });
  return { problems, strayAt, braceAt, unclosed: stack.map((s) => s.name) };
}

/**
 * The text view of a part, one line per paragraph, with what is out of balance mended (stray
 * closers and lone braces taken out, unclosed blocks closed at the end), so every field can still
 * be checked in its own scope.
 */
function repairedText(paragraphs: readonly Paragraph[], balance: Balance): string {
  const lines = paragraphs.map((p, i) => {
    let t = p.text.replace(/[“”]/g, '"');
    if (APPENDIX_TAG.test(t)) return '';
    // A {{phu_luc}} inside a sentence is named as such (compileWordTemplate), not as an unknown field.
    t = t.replace(/\{\{\s*phu_luc(?:_\d+)?\s*\}\}/g, '');
    if (balance.braceAt.has(i)) t = t.replace(/\{\{[^{}]*\}\}|\{\{|\}\}/g, (m) => (m === '{{' || m === '}}' ? '' : m));
    if (balance.strayAt.has(i)) t = t.replace(/\{\{\s*\/[^}]*\}\}/g, '');
    return t;
  });
  return lines.join('\n') + [...balance.unclosed].reverse().map((n) => `{{/${n}}}`).join('');
}

/**
 * Reads a Word template: normalises its tags and checks every field against `schema` (and every
 * block, helper and chart name). Problems are returned, all of them; the template is null when
 * there is any.
 */
export function compileWordTemplate(name: string, parts: ReadonlyMap<string, Uint8Array>, schema: z.ZodType): { template: WordTemplate | null; problems: WordTemplateProblem[] } {
  const problems: WordTemplateProblem[] = [];
  const sources = new Map<string, string>();
  const names = textParts(parts.keys());
  if (!names.includes('word/document.xml')) {
    return { template: null, problems: [{ template: name, paragraph: 0, text: '', where: '', message: `Tệp "${name}" không phải văn bản Word (.docx): không có word/document.xml. Lưu mẫu bằng Word dạng "Word Document (*.docx)".` }] };
  }
  for (const part of names) {
    const bytes = parts.get(part);
    if (!bytes) continue;
    const xml = decoder.decode(bytes);
    const paragraphs = paragraphsOf(xml, part);
    const at = (index: number, message: string): void => {
      const p = paragraphs[index];
      problems.push({ template: name, paragraph: index + 1, text: shorten(p?.text ?? ''), where: p?.where ?? partLabel(part), message });
    };
    const balance = balanceOf(paragraphs);
    const unbalanced = balance.problems;
    for (const u of unbalanced) at(u.index, u.message);
    // Block tags sharing a paragraph with text must open and close in it.
    paragraphs.forEach((p, index) => {
      const tags = p.text.replace(/[“”]/g, '"').match(TAG) ?? [];
      const rest = p.text.replace(TAG, '').trim();
      if (rest === '' || !tags.some((t) => BLOCK_TAG.test(t))) return;
      const opens = tags.filter((t) => /^\{\{\s*#/.test(t)).length;
      const closes = tags.filter((t) => /^\{\{\s*\//.test(t)).length;
      const rowLoop = /^bảng/.test(p.where) && (/^\{\{\s*#each/.test(p.text.trim()) || /\{\{\/each\}\}$/.test(p.text.trim()));
      if (opens !== closes && !rowLoop && !unbalanced.some((u) => u.index === index)) {
        at(index, 'Thẻ khối ({{#each}}, {{#if}}, {{/…}}) nằm chung đoạn với chữ nhưng mở và đóng ở hai đoạn khác nhau. Đặt mỗi thẻ khối trên một dòng riêng (đoạn chỉ có thẻ), hoặc mở và đóng trong cùng một đoạn; để lặp dòng bảng, đặt {{#each …}} ở đầu ô đầu tiên và {{/each}} ở cuối ô cuối cùng của dòng.');
      }
    });
    // {{phu_luc}}, {{phu_luc_2}}: a paragraph of their own, appendices numbered from 1.
    paragraphs.forEach((p, index) => {
      const t = p.text.replace(/[“”]/g, '"');
      for (const m of t.matchAll(/\{\{\s*phu_luc(?:_(\d+))?\s*\}\}/g)) {
        if (!APPENDIX_TAG.test(t)) at(index, 'Thẻ {{phu_luc}} (hay {{phu_luc_1}}, {{phu_luc_2}}…) phải đứng một mình trong một đoạn (dòng riêng): phụ lục được đặt vào chỗ đoạn đó.');
        else if (m[1] !== undefined && Number(m[1]) < 1) at(index, 'Phụ lục đánh số từ 1: {{phu_luc_1}} là Phụ lục I, {{phu_luc_2}} là Phụ lục II…');
      }
    });
    const text = repairedText(paragraphs, balance);
    let ast: hbs.AST.Program | null = null;
    try {
      ast = Handlebars.parse(text);
    } catch (err) {
      if (unbalanced.length === 0) {
        const line = /line (\d+)/.exec(String((err as Error).message));
        at(line ? Number(line[1]) - 1 : 0, 'Thẻ viết sai cú pháp (ví dụ thiếu dấu ngoặc, dấu nháy). Gõ lại thẻ theo mẫu {{tên_trường}}.');
      }
    }
    if (ast) {
      for (const f of checkFields(ast, schema)) at(f.line - 1, f.message);
      for (const m of text.matchAll(/\{\{\s*bieudo\b[^}]*\}\}/g)) {
        const line = text.slice(0, m.index).split('\n').length - 1;
        const own = CHART_TAG.exec((text.split('\n')[line] ?? '').trim());
        if (!own) at(line, 'Thẻ {{bieudo "…"}} phải đứng một mình trong một đoạn (dòng riêng): biểu đồ được đặt vào chỗ đoạn đó.');
        else if (!(CHART_KEYS as readonly string[]).includes(own[1] ?? '')) at(line, `Không có biểu đồ "${own[1] ?? ''}"; dùng một trong: ${CHART_KEYS.map((k) => `{{bieudo "${k}"}}`).join(', ')}.`);
      }
    }
    sources.set(part, sourceOf(xml));
  }
  problems.sort((a, b) => (a.where === b.where ? 0 : a.where === 'thân văn bản' ? -1 : 0) || a.paragraph - b.paragraph);
  if (problems.length > 0) return { template: null, problems };
  const hbs = templateHandlebars();
  const fills = new Map([...sources].map(([part, source]) => [part, hbs.compile(source, { strict: true, noEscape: true })] as const));
  return { template: { name, parts, sources, fills }, problems };
}

/** Drops paragraphs that held fields and came out without text or drawing; removes the marks. */
function dropEmptied(xml: string): string {
  return xml
    .replace(new RegExp(`${MARK}(<w:p[ >][\\s\\S]*?<\\/w:p>)`, 'g'), (_m, p: string) => {
      const hasText = VISIBLE_TEXT.test(p);
      const hasDrawing = /<w:drawing>|<w:pict>|<w:sectPr/.test(p);
      return hasText || hasDrawing ? p : '';
    })
    .split(MARK)
    .join('');
}

/** The parts of a .docx held in memory (the appendix document baocao renders). */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const scan = scanZip(bytes);
  if (!scan.ok) return out;
  for (const e of scan.entries) {
    const data = inflateEntry(bytes, e, 1024 * 1024 * 1024);
    if (data && !e.name.endsWith('/')) out.set(e.name, data);
  }
  return out;
}

/** Section properties without header/footer references (they point into another document's relationships). */
const withoutHeaders = (sect: string): string => sect.replace(/<w:(?:header|footer)Reference\b[^>]*\/>/g, '');

/** The parts of a package being filled: bytes as read, text once edited, pieces for a long document.xml. */
type Parts = Map<string, Uint8Array | string | Pieces>;

/** A part's text (pieces joined). */
function partText(files: ReadonlyMap<string, Uint8Array | string | Pieces>, name: string): string {
  const data = files.get(name);
  if (data === undefined) return '';
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return decoder.decode(data);
  return data.map(pieceText).join('');
}

/** One appendix of the appendix document: its pieces ending with its section's break, and the same without it. */
interface AppendixSection {
  /** Its content and the paragraph holding its section properties (as the appendix document has them). */
  readonly closed: readonly (string | LazyPiece)[];
  /** Its content without its section properties, and those properties (to end the document with them). */
  readonly open: readonly (string | LazyPiece)[];
  readonly sect: string;
}

/**
 * The appendix document's body in pieces, one section per appendix. A section but the last ends
 * with the paragraph holding its section properties; the last's are the body's own (w:body's
 * last child). Section breaks are in the text pieces (the rows never hold one).
 */
function donorSections(pieces: Pieces): AppendixSection[] | null {
  const list = [...pieces];
  const first = list[0];
  const last = list.at(-1);
  if (typeof first !== 'string' || typeof last !== 'string') return null;
  const bodyAt = first.indexOf('<w:body>');
  const bodyEnd = last.lastIndexOf('</w:body>');
  if (bodyAt < 0 || bodyEnd < 0) return null;
  let content: (string | LazyPiece)[];
  if (list.length === 1) content = [first.slice(bodyAt + '<w:body>'.length, bodyEnd)];
  else content = [first.slice(bodyAt + '<w:body>'.length), ...list.slice(1, -1), last.slice(0, bodyEnd)];
  const tail = content.at(-1);
  const lastAt = typeof tail === 'string' ? tail.lastIndexOf('<w:sectPr') : -1;
  if (typeof tail !== 'string' || lastAt < 0) return null;
  const bodySect = tail.slice(lastAt);
  content[content.length - 1] = tail.slice(0, lastAt);
  const sections: AppendixSection[] = [];
  let current: (string | LazyPiece)[] = [];
  for (const piece of content) {
    if (typeof piece !== 'string') {
      current.push(piece);
      continue;
    }
    let rest = piece;
    for (let at = rest.indexOf('<w:sectPr'); at >= 0; at = rest.indexOf('<w:sectPr')) {
      const sectEnd = rest.indexOf('</w:sectPr>', at) + '</w:sectPr>'.length;
      const end = rest.indexOf('</w:p>', sectEnd) + '</w:p>'.length;
      const sect = rest.slice(at, sectEnd);
      const text = rest.slice(0, end);
      sections.push({ closed: [...current, text], open: [...current, text.slice(0, at) + text.slice(sectEnd)], sect });
      current = [];
      rest = rest.slice(end);
    }
    current.push(rest);
  }
  sections.push({ closed: [...current, `<w:p><w:pPr>${bodySect}</w:pPr></w:p>`], open: current, sect: bodySect });
  return sections;
}

/**
 * Puts the appendix document's sections where the template says: {{phu_luc_N}} places appendix
 * N, {{phu_luc}} every appendix not placed on its own. The template's text before an appendix
 * ends its own section (with the template's page setup, headers and footers), each appendix is
 * its landscape section, and text after it goes on under the template's page setup again; when
 * nothing but empty paragraphs follows the last appendix, its section ends the document (no blank
 * page). The appendix tables' styles are added to the template's. The appendix rows stay in their
 * pieces (render/zip.ts): a warm rebuild compresses again only the ones that changed.
 */
function spliceAppendices(files: Parts, donorParts: AppendixParts | null): void {
  const docXml = partText(files, 'word/document.xml');
  const marks = [...docXml.matchAll(APPENDIX_MARKS)];
  if (marks.length === 0) return;
  const donor: ReadonlyMap<string, Uint8Array | string | Pieces> = donorParts instanceof Uint8Array ? unzip(donorParts) : (donorParts ?? new Map());
  const donorDoc = donor.get('word/document.xml');
  const sections = donorDoc === undefined ? null : donorSections(typeof donorDoc === 'object' && !(donorDoc instanceof Uint8Array) ? donorDoc : [partText(donor, 'word/document.xml')]);
  if (!sections) {
    files.set('word/document.xml', docXml.replace(APPENDIX_MARKS, ''));
    return;
  }
  // Which appendices each placeholder places: its own number, once; {{phu_luc}} (the first) the others, in order.
  const own = new Set(marks.map((m) => (m[1] === undefined ? -1 : Number(m[1]) - 1)).filter((k) => k >= 0 && k < sections.length));
  const given = new Set<number>();
  let restGiven = false;
  const groups = marks.map((m): number[] => {
    if (m[1] !== undefined) {
      const k = Number(m[1]) - 1;
      if (k < 0 || k >= sections.length || given.has(k)) return [];
      given.add(k);
      return [k];
    }
    if (restGiven) return [];
    restGiven = true;
    return sections.map((_, k) => k).filter((k) => !own.has(k));
  });
  const headless = (piece: string | LazyPiece): string | LazyPiece => (typeof piece === 'string' ? withoutHeaders(piece) : piece);
  const finalSect = /<w:sectPr\b[\s\S]*?<\/w:sectPr>\s*<\/w:body>/.exec(docXml);
  const templateSect = finalSect ? finalSect[0].replace(/\s*<\/w:body>$/, '') : '<w:sectPr/>';
  const bodyEnd = finalSect ? finalSect.index : docXml.lastIndexOf('</w:body>');
  const tail = docXml.slice(bodyEnd);
  const closeTemplate = `<w:p><w:pPr>${templateSect}</w:pPr></w:p>`;
  const hasContent = (xml: string): boolean => VISIBLE_TEXT.test(xml) || /<w:tbl>|<w:drawing>/.test(xml);
  const out: (string | LazyPiece)[] = [];
  /** The last appendix placed, its section not yet ended. */
  let pending: AppendixSection | null = null;
  let cursor = 0;
  marks.forEach((m, i) => {
    const between = docXml.slice(cursor, m.index);
    cursor = m.index + m[0].length;
    const group = groups[i] ?? [];
    if (pending && (group.length > 0 || hasContent(between))) {
      out.push(...pending.closed.map(headless));
      pending = null;
      if (group.length > 0 && !hasContent(between)) {
        out.push(between);
      } else out.push(group.length > 0 ? `${between}${closeTemplate}` : between);
    } else if (group.length > 0) {
      out.push(`${between}${closeTemplate}`);
    } else out.push(between);
    group.forEach((k, j) => {
      const section = sections[k];
      if (!section) return;
      if (j < group.length - 1) out.push(...section.closed.map(headless));
      else pending = section;
    });
  });
  const rest = docXml.slice(cursor, bodyEnd);
  const last = pending as AppendixSection | null;
  if (last && !hasContent(rest)) {
    // Empty paragraphs after the last appendix are left out: they would make a blank page.
    out.push(...last.open.map(headless), `${withoutHeaders(last.sect)}</w:body>${tail.replace(/^<w:sectPr\b[\s\S]*?<\/w:sectPr>\s*<\/w:body>/, '')}`);
  } else {
    if (last) out.push(...last.closed.map(headless));
    out.push(`${rest}${tail}`);
  }
  files.set('word/document.xml', out);
  // Styles the appendix tables use, added when the template lacks them (the rows use the table-cell style).
  const styles = partText(files, 'word/styles.xml');
  const donorStyles = partText(donor, 'word/styles.xml');
  if (styles.includes('</w:styles>')) {
    const texts = sections.flatMap((x) => x.closed).filter((c): c is string => typeof c === 'string');
    const used = new Set([TABLE_CELL_STYLE, ...texts.flatMap((c) => [...c.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)].map((x) => x[1] ?? ''))]);
    const missing = [...donorStyles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[\s\S]*?<\/w:style>/g)].filter((x) => used.has(x[1] ?? '') && !styles.includes(`w:styleId="${x[1] ?? ''}"`));
    if (missing.length > 0) files.set('word/styles.xml', styles.replace('</w:styles>', `${missing.map((x) => x[0]).join('')}</w:styles>`));
  }
}

/**
 * Puts the charts of each {{bieudo "key"}} paragraph in its place: the chart paragraphs of the
 * document baocao rendered for that key, with their chart parts, embedded workbooks,
 * relationships and content types carried over under names of their own (baocao-<key>-…).
 * A key with no chart this round leaves nothing.
 */
function spliceCharts(files: Parts, charts: ReadonlyMap<string, Uint8Array>): void {
  let docXml = partText(files, 'word/document.xml');
  if (!docXml.includes('<!--baocao-bieudo:')) return;
  let rels = partText(files, 'word/_rels/document.xml.rels');
  let types = partText(files, '[Content_Types].xml');
  let drawing = 5000;
  const placed = new Set<string>();
  docXml = docXml.replace(/<!--baocao-bieudo:([a-z0-9-]+)-->/g, (_m, key: string) => {
    const bytes = charts.get(key);
    // A key placed twice gets its charts once, at the first place.
    if (!bytes || placed.has(key)) return '';
    placed.add(key);
    const donor = unzip(bytes);
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(decoder.decode(donor.get('word/document.xml') ?? new Uint8Array()))?.[1] ?? '';
    let content = body.replace(/<w:sectPr\b[\s\S]*<\/w:sectPr>\s*$/, '');
    // Parts under word/charts/ and word/embeddings/ get names of their own.
    // Charts take the next free chartN.xml (as Word names them, whatever the template holds); their workbooks a name of their own.
    const rename = (name: string): string => {
      if (!/^word\/charts\/chart\d+\.xml$/.test(name)) return name.replace(/([^/]+)$/, `baocao-${key}-$1`);
      let n = 1;
      while (files.has(`word/charts/chart${n}.xml`) || [...renamedFile.values()].includes(`word/charts/chart${n}.xml`)) n++;
      return `word/charts/chart${n}.xml`;
    };
    const renamedFile = new Map<string, string>();
    // In the donor's order of charts (chart1, chart2…), so that the numbers follow the document.
    const donorNames = [...donor.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const name of donorNames) if (/^word\/(charts|embeddings)\//.test(name) && !name.endsWith('.rels')) renamedFile.set(name, rename(name));
    const retarget = (xml: string): string => xml.replace(/Target="([^"]+)"/g, (m, target: string) => {
      const base = target.split('/').pop() ?? '';
      const hit = [...renamedFile.keys()].find((n) => n.endsWith(`/${base}`));
      return hit ? `Target="${target.slice(0, target.length - base.length)}${(renamedFile.get(hit) ?? '').split('/').pop() ?? base}"` : m;
    });
    for (const [name, data] of donor) {
      if (renamedFile.has(name)) files.set(renamedFile.get(name) ?? name, data);
      const relsOf = /^word\/charts\/_rels\/(.+)\.rels$/.exec(name);
      if (relsOf) files.set(`word/charts/_rels/${(renamedFile.get(`word/charts/${relsOf[1] ?? ''}`) ?? `word/charts/${relsOf[1] ?? ''}`).split('/').pop() ?? ''}.rels`, encoder.encode(retarget(decoder.decode(data))));
    }
    // The document's relationships to the charts, under new ids.
    const donorRels = decoder.decode(donor.get('word/_rels/document.xml.rels') ?? new Uint8Array());
    for (const r of donorRels.matchAll(/<Relationship\b[^>]*Id="([^"]+)"[^>]*Target="(charts\/[^"]+)"[^>]*\/>/g)) {
      const id = `rIdBaocaoChart${key.replace(/-/g, '')}${r[1]?.replace(/\D/g, '') ?? ''}`;
      content = content.split(`"${r[1] ?? ''}"`).join(`"${id}"`);
      rels = rels.replace('</Relationships>', `${retarget(r[0]).replace(/Id="[^"]+"/, `Id="${id}"`)}</Relationships>`);
    }
    const donorTypes = decoder.decode(donor.get('[Content_Types].xml') ?? new Uint8Array());
    for (const o of donorTypes.matchAll(/<Override\b[^>]*PartName="\/(word\/(?:charts|embeddings)\/[^"]+)"[^>]*\/>/g)) {
      const renamed = renamedFile.get(o[1] ?? '');
      if (renamed) types = types.replace('</Types>', `${o[0].replace(/PartName="[^"]+"/, `PartName="/${renamed}"`)}</Types>`);
    }
    for (const dflt of donorTypes.matchAll(/<Default\b[^>]*Extension="([^"]+)"[^>]*\/>/g)) {
      if (!types.includes(`Extension="${dflt[1] ?? ''}"`)) types = types.replace('</Types>', `${dflt[0]}</Types>`);
    }
    return content.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`);
  });
  // Kept as text: the appendices are spliced into it next.
  files.set('word/document.xml', docXml);
  files.set('word/_rels/document.xml.rels', rels);
  files.set('[Content_Types].xml', types);
}

/** The appendix document baocao rendered: its parts (render/docx/table.ts appendixDocxParts), or its bytes. */
export type AppendixParts = ReadonlyMap<string, Uint8Array | string | Pieces> | Uint8Array;

/** What baocao rendered to place in a template: the appendix document, and one chart document per chart key. */
export interface TemplateExtras {
  readonly appendices?: AppendixParts | null;
  /** Deflated pieces kept from the last filling of this output (warm engine). */
  readonly pieces?: DeflateCache | undefined;
  readonly charts?: ReadonlyMap<string, Uint8Array>;
}

/**
 * Fills a compiled template with `data` (strict: a field with no data throws, naming it); the
 * appendices go where the template has {{phu_luc}}, the charts where it has {{bieudo "…"}}.
 */
export function fillWordTemplate(template: WordTemplate, data: object, extras: TemplateExtras = {}): Uint8Array {
  const files: Parts = new Map(template.parts);
  for (const [part, fill] of template.fills) files.set(part, dropEmptied(fill(data)));
  spliceCharts(files, extras.charts ?? new Map());
  spliceAppendices(files, extras.appendices ?? null);
  return zipFiles(files, extras.pieces);
}

/** The chart keys a template places ({{bieudo "…"}} paragraphs), in order. */
export function chartKeysOf(template: WordTemplate): string[] {
  return [...[...template.sources.values()].join('').matchAll(/<!--baocao-bieudo:([a-z0-9-]+)-->/g)].map((m) => m[1] ?? '');
}

/** Whether the template places the appendices ({{phu_luc}}), so they need rendering. */
export function placesAppendices(template: WordTemplate): boolean {
  return [...template.sources.values()].some((s) => /<!--baocao-phu-luc(?::\d+)?-->/.test(s));
}

/** One problem as a console line: "templates/bao-cao.docx, đoạn 12 (bảng 1, dòng 2, ô 1) «…»: message". */
export function formatWordProblem(p: WordTemplateProblem): string {
  const where = p.paragraph > 0 ? `, đoạn ${p.paragraph}${p.where && p.where !== 'thân văn bản' ? ` (${p.where})` : ''}${p.text ? ` «${p.text}»` : ''}` : '';
  return `${p.template}${where}: ${p.message}`;
}

/** What identifies a template file's content: its name and a hash of its parts. */
export function wordTemplateKey(file: WordTemplateFile): string {
  let key = keys.get(file);
  if (key === undefined) keys.set(file, (key = contentKey(file)));
  return key;
}

/** Keys computed, by file as read (a build asks for its template's key more than once). */
const keys = new WeakMap<WordTemplateFile, string>();

function contentKey(file: WordTemplateFile): string {
  if (!('parts' in file)) return `${file.name}\0${file.unreadable}`;
  const h = createHash('sha256').update(file.name);
  for (const [name, data] of [...file.parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) h.update(`\0${name}\0${data.byteLength}\0`).update(data);
  return h.digest('hex');
}

/** Templates compiled lately, by content (the same template is built with many times). */
const compiled = new Map<string, WordTemplate>();

/** A Word template file checked against the report's fields: the compiled template, or a TemplateError listing every problem. */
export function checkWordTemplate(file: WordTemplateFile): WordTemplate {
  const key = wordTemplateKey(file);
  const kept = compiled.get(key);
  if (kept) return kept;
  // Compiled once: the problems and the template come from the same pass.
  const { template, problems } = 'parts' in file ? compileWordTemplate(file.name, file.parts, reportFields) : { template: null, problems: wordTemplateProblems(file) };
  if (!template || problems.length > 0) {
    throw new TemplateError([`Mẫu báo cáo "${file.name}" có ${problems.length} lỗi, chưa lập báo cáo:`, ...problems.map((p) => `  - ${formatWordProblem(p)}`)].join('\n'), file.name);
  }
  if (compiled.size >= 8) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, template);
  return template;
}

/** Every problem of a Word template file (unreadable file included), for `templates check` and builds. */
export function wordTemplateProblems(file: WordTemplateFile): WordTemplateProblem[] {
  if (!('parts' in file)) return [{ template: file.name, paragraph: 0, text: '', where: '', message: file.unreadable }];
  return compileWordTemplate(file.name, file.parts, reportFields).problems;
}

/** Twips per millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
/** ND30 margins in mm: [least, most] (official-format.md §1.1). */
const ND30_MARGINS = { top: [20, 25], bottom: [20, 25], left: [30, 35], right: [15, 20] } as const;
const MARGIN_WORDS = { top: 'trên', bottom: 'dưới', left: 'trái', right: 'phải' } as const;

/** The slots of w:rFonts that Vietnamese text is shown in: ASCII letters and the rest of Latin (ă, ơ, ư, ạ…). */
const TEXT_SLOTS = ['ascii', 'hAnsi'] as const;
type FontSlots = Partial<Record<(typeof TEXT_SLOTS)[number], string>>;

/**
 * The fonts the text of a document is shown in: for every run with text, each slot's font as
 * Word resolves it — the run's own w:rFonts, then its character style, then its paragraph's style
 * (or the default paragraph style), each with the styles it is based on, then the document
 * defaults; theme fonts (asciiTheme="minorHAnsi") by the theme's typefaces. Styles nothing uses
 * (LibreOffice adds a "Heading" in Liberation Sans to every file it saves) do not count, nor do
 * slots no text uses.
 */
function textFonts(doc: string, styles: string, theme: string): Set<string> {
  const themeFont = (name: string): string | undefined => {
    const group = /^major/.test(name) ? 'majorFont' : 'minorFont';
    const block = new RegExp(`<a:${group}>[\\s\\S]*?</a:${group}>`).exec(theme)?.[0] ?? '';
    const face = /<a:latin typeface="([^"]*)"/.exec(block)?.[1];
    return face === '' ? undefined : face;
  };
  const slotsOf = (xml: string | undefined): FontSlots => {
    const out: FontSlots = {};
    const tag = /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(xml ?? '')?.[0] ?? xml ?? '';
    const attrs = /<w:rFonts\b([^>]*)\/>/.exec(tag)?.[1] ?? '';
    for (const slot of TEXT_SLOTS) {
      const direct = new RegExp(`w:${slot}="([^"]*)"`).exec(attrs)?.[1];
      const themed = new RegExp(`w:${slot === 'ascii' ? 'asciiTheme' : 'hAnsiTheme'}="([^"]*)"`).exec(attrs)?.[1];
      // A theme attribute wins over the plain one (Word's rule).
      const font = themed !== undefined ? themeFont(themed) : direct;
      if (font) out[slot] = font;
    }
    return out;
  };
  const byId = new Map<string, string>();
  for (const m of styles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g)) byId.set(m[1] ?? '', m[0]);
  const chain = new Map<string, FontSlots>();
  const styleSlots = (id: string | undefined, depth = 0): FontSlots => {
    if (id === undefined || depth > 20) return {};
    const kept = chain.get(id);
    if (kept) return kept;
    const def = byId.get(id);
    const own = def ? slotsOf(/<w:rPr>[\s\S]*?<\/w:rPr>/.exec(def)?.[0]) : {};
    const merged = { ...styleSlots(def ? /<w:basedOn w:val="([^"]+)"/.exec(def)?.[1] : undefined, depth + 1), ...own };
    chain.set(id, merged);
    return merged;
  };
  const defaults = slotsOf(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)?.[0]);
  const defaultParagraph = /<w:style\b(?=[^>]*w:type="paragraph")(?=[^>]*w:default="(?:1|true)")[^>]*\bw:styleId="([^"]+)"/.exec(styles)?.[1];
  const fonts = new Set<string>();
  for (const p of doc.matchAll(/<w:p(?:\s[^>]*)?(?<!\/)>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1] ?? '';
    const pPr = /^<w:pPr>[\s\S]*?<\/w:pPr>/.exec(body)?.[0] ?? '';
    const paragraph = styleSlots(/<w:pStyle w:val="([^"]+)"/.exec(pPr)?.[1] ?? defaultParagraph);
    for (const r of body.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)) {
      const run = r[1] ?? '';
      if (!VISIBLE_TEXT.test(run)) continue;
      const rPr = /^<w:rPr>[\s\S]*?<\/w:rPr>/.exec(run)?.[0] ?? '';
      const resolved = { ...defaults, ...paragraph, ...styleSlots(/<w:rStyle w:val="([^"]+)"/.exec(rPr)?.[1]), ...slotsOf(rPr) };
      for (const slot of TEXT_SLOTS) {
        const f = resolved[slot];
        if (f !== undefined && f !== 'Times New Roman') fonts.add(f);
      }
    }
  }
  return fonts;
}

/**
 * What of Nghị định 30's page and font rules a Word template breaks (A4 paper, margins, Times New
 * Roman), as Vietnamese warnings: baocao still fills the template, staff decide.
 */
export function nd30Warnings(file: WordTemplateFile): string[] {
  if (!('parts' in file)) return [];
  const out: string[] = [];
  const doc = decoder.decode(file.parts.get('word/document.xml') ?? new Uint8Array());
  const styles = decoder.decode(file.parts.get('word/styles.xml') ?? new Uint8Array());
  const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  sections.forEach((sect, i) => {
    const which = sections.length > 1 ? ` (phần ${i + 1})` : '';
    const size = /<w:pgSz\b([^>]*)\/>/.exec(sect)?.[1] ?? '';
    const w = Number(/w:w="(\d+)"/.exec(size)?.[1] ?? 0);
    const h = Number(/w:h="(\d+)"/.exec(size)?.[1] ?? 0);
    const a4 = (Math.abs(w - 11906) <= 20 && Math.abs(h - 16838) <= 20) || (Math.abs(w - 16838) <= 20 && Math.abs(h - 11906) <= 20);
    if (!a4) out.push(`${file.name}${which}: khổ giấy ${Math.round(w / TWIPS_PER_MM)} × ${Math.round(h / TWIPS_PER_MM)} mm, không phải A4 (210 × 297 mm) như Nghị định 30 quy định. Trong Word: Layout → Size → A4.`);
    // Portrait pages only: an appendix section in landscape has its own usage.
    if (w > h) return;
    const margins = /<w:pgMar\b([^>]*)\/>/.exec(sect)?.[1] ?? '';
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const mm = Number(new RegExp(`w:${side}="(-?\\d+)"`).exec(margins)?.[1] ?? NaN) / TWIPS_PER_MM;
      const [least, most] = ND30_MARGINS[side];
      if (!Number.isFinite(mm) || mm < least - 0.5 || mm > most + 0.5) {
        out.push(`${file.name}${which}: lề ${MARGIN_WORDS[side]} ${Number.isFinite(mm) ? `${Math.round(mm)} mm` : 'chưa đặt'}; Nghị định 30 quy định ${least}–${most} mm. Trong Word: Layout → Margins → Custom Margins.`);
      }
    }
  });
  const fonts = textFonts(doc, styles, decoder.decode(file.parts.get('word/theme/theme1.xml') ?? new Uint8Array()));
  // The header block (ô 1 and 2 of Phụ lục I): the national name and motto, whatever else the template says.
  const text = [...doc.matchAll(W_T)].map((m) => decodeXmlText(m[2] ?? '')).join(' ').replace(/\s+/g, ' ').toLocaleUpperCase('vi');
  const missing = [
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"'],
    ['ĐỘC LẬP - TỰ DO - HẠNH PHÚC', 'Tiêu ngữ "Độc lập - Tự do - Hạnh phúc"'],
  ].filter(([needle]) => !text.replace(/[–—]/g, '-').replace('HOÀ', 'HÒA').includes(needle ?? ''));
  if (missing.length > 0) out.push(`${file.name}: chưa có ${missing.map((m) => m[1]).join(' và ')} ở phần đầu văn bản (Nghị định 30, Phụ lục I). Thêm vào góc phải phần đầu mẫu.`);
  if (fonts.size > 0) out.push(`${file.name}: có chữ dùng phông ${[...fonts].map((f) => `"${f}"`).join(', ')}; Nghị định 30 quy định phông Times New Roman. Chọn toàn bộ (Ctrl+A) và đặt phông Times New Roman, kể cả trong các kiểu (Styles).`);
  return out;
}
