/**
 * The small line-based markup that the Handlebars report templates produce, parsed into body
 * blocks for the Word renderer.
 *
 * Staff edit the templates, so the syntax is tiny and forgiving:
 *
 *   # I. KẾT QUẢ THỰC HIỆN        heading level 1 (rendered bold, text as typed)
 *   ## 1. Hợp tác trao đổi đoàn   heading level 2 (bold)
 *   ### a) Đoàn ra                heading level 3 (bold italic); "####…" also counts as level 3
 *   - Một ý gạch đầu dòng         bullet: a body paragraph that starts with "- "
 *   >> Dòng căn giữa               centred line
 *   [[bieu-do:tang-truong]]       the charts of that key (render/charts.ts), on a line of its
 *                                 own; templates write it with the helper {{bieudo "tang-truong"}}
 *   (blank line)                  paragraph break
 *   plain lines                   consecutive non-blank plain lines join into one paragraph
 *                                 with a single space; a plain line right after a bullet
 *                                 continues that bullet (a wrapped bullet stays one bullet)
 *
 * Headings and centred lines are always one line each. Leading and trailing spaces of every
 * line are ignored (templates are indented freely), "\r\n" line ends and a byte-order mark
 * are accepted, and the text is normalised to NFC. The marker needs its space: "#1" or "-5%"
 * stay ordinary text. A marker with nothing after it ("#", "- ") produces nothing.
 *
 * Inline, everywhere: `**bold**`, `*italic*`, `***bold italic***`, nesting allowed
 * (`**đạt *100%* kế hoạch**`). An opening marker must be followed by a non-space and a closing
 * one preceded by a non-space, so "5 * 3 * 2" stays literal; an unmatched marker is kept as
 * literal asterisks. Write `\*` for a literal asterisk and `\\` for a literal backslash.
 *
 * Nothing is HTML-escaped or unescaped: "Sở Văn hóa, Thể thao & Du lịch" comes out exactly
 * (Word escaping is the docx library's job).
 */
import type { Block, Inline } from '../model/document.js';

/** A line that places charts: "[[bieu-do:tang-truong]]". */
const CHART_LINE = /^\[\[bieu-do:([a-z0-9-]+)\]\]$/;

/** The markup line of the charts of `key`. */
export function chartLine(key: string): string {
  return `[[bieu-do:${key}]]`;
}

/** Parses report-template markup into body blocks (see the syntax in this file's header). */
export function parseMarkup(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').normalize('NFC').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  // Lines of the paragraph or bullet being collected.
  let pending: { type: 'paragraph' | 'bullet'; lines: string[] } | null = null;

  const flush = (): void => {
    if (pending === null) return;
    const runs = parseInline(pending.lines.join(' '));
    if (runs.length > 0) blocks.push({ type: pending.type, runs });
    pending = null;
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,})(?:\s+(.*))?$/.exec(line);
    if (heading !== null) {
      flush();
      const level = Math.min(heading[1]?.length ?? 1, 3) as 1 | 2 | 3;
      const runs = parseInline((heading[2] ?? '').trim());
      if (runs.length > 0) blocks.push({ type: 'heading', level, runs });
      continue;
    }
    const chart = CHART_LINE.exec(line);
    if (chart !== null) {
      flush();
      blocks.push({ type: 'chart', key: chart[1] ?? '' });
      continue;
    }
    const center = /^>>(?:\s+(.*))?$/.exec(line);
    if (center !== null) {
      flush();
      const runs = parseInline((center[1] ?? '').trim());
      if (runs.length > 0) blocks.push({ type: 'center', runs });
      continue;
    }
    const bullet = /^-(?:\s+(.*))?$/.exec(line);
    if (bullet !== null) {
      flush();
      const rest = (bullet[1] ?? '').trim();
      if (rest !== '') pending = { type: 'bullet', lines: [rest] };
      continue;
    }
    if (pending === null) pending = { type: 'paragraph', lines: [] };
    pending.lines.push(line);
  }
  flush();
  return blocks;
}

/** A piece of source text: either literal text or a run of unescaped asterisks. */
type Token = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'stars'; readonly count: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let buffer = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '*') {
      let count = 0;
      while (text[i] === '*') {
        count++;
        i++;
      }
      if (buffer !== '') tokens.push({ kind: 'text', text: buffer });
      buffer = '';
      tokens.push({ kind: 'stars', count });
      continue;
    }
    buffer += ch;
    i++;
  }
  if (buffer !== '') tokens.push({ kind: 'text', text: buffer });
  return tokens;
}

const startsWithSpace = (t: Token | undefined): boolean => t === undefined || (t.kind === 'text' && /^\s/.test(t.text));
const endsWithSpace = (t: Token | undefined): boolean => t === undefined || (t.kind === 'text' && /\s$/.test(t.text));

/** Parses inline emphasis into runs; adjacent runs with the same style are merged. */
function parseInline(text: string): Inline[] {
  const runs: Inline[] = [];
  const push = (piece: string, bold: boolean, italic: boolean): void => {
    if (piece === '') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && (last.bold ?? false) === bold && (last.italic ?? false) === italic) {
      runs[runs.length - 1] = { ...last, text: last.text + piece };
      return;
    }
    runs.push({ text: piece, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
  };

  const walk = (tokens: readonly Token[], bold: boolean, italic: boolean): void => {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token === undefined) break;
      if (token.kind === 'text') {
        push(token.text, bold, italic);
        i++;
        continue;
      }
      // An opener: 1–3 stars followed by a non-space; its closer: the next run of exactly the
      // same length preceded by a non-space.
      let close = -1;
      if (token.count <= 3 && !startsWithSpace(tokens[i + 1])) {
        for (let j = i + 2; j < tokens.length; j++) {
          const candidate = tokens[j];
          if (candidate?.kind === 'stars' && candidate.count === token.count && !endsWithSpace(tokens[j - 1])) {
            close = j;
            break;
          }
        }
      }
      if (close < 0) {
        push('*'.repeat(token.count), bold, italic);
        i++;
        continue;
      }
      walk(tokens.slice(i + 1, close), bold || token.count >= 2, italic || token.count !== 2);
      i = close + 1;
    }
  };

  walk(tokenize(text), false, false);
  return runs;
}
