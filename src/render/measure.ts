/**
 * Text measured in Times New Roman, the font of every table baocao writes (LibreOffice draws it
 * with Liberation Serif, which has the same advance widths). Used to size table columns so no
 * word breaks inside ("ST/T", "hoạc/h") and to give rows the height of their wrapped text.
 *
 * Widths are the Adobe Times-Roman / Times-Bold font metrics (thousandths of an em), which
 * Times New Roman matches within a few per cent; a Vietnamese letter is as wide as its base
 * letter (the marks sit above or below it), except ơ/ư and Ơ/Ư whose horn widens them.
 */

/** Advance widths of printable ASCII (32–126), regular weight, per 1000 em. */
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space ! " # $ % & ' ( ) * + , - . /
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0-9 : ; < = > ?
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ A-O
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P-Z [ \ ] ^ _
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` a-o
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p-z { | } ~
] as const;

/** Advance widths of printable ASCII (32–126), bold, per 1000 em. */
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
  930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
  611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
  333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
  556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
] as const;

/** Letters whose width is not their base letter's. */
const SPECIAL: Readonly<Record<string, readonly [number, number]>> = {
  ơ: [540, 540],
  ư: [560, 610],
  Ơ: [780, 830],
  Ư: [790, 830],
  đ: [500, 556],
  Đ: [722, 722],
  '–': [500, 500],
  '—': [1000, 1000],
  '«': [500, 500],
  '»': [500, 500],
  '“': [444, 500],
  '”': [444, 500],
  '‘': [333, 333],
  '’': [333, 333],
  '…': [1000, 1000],
  '×': [564, 570],
  '≥': [549, 549],
  '≤': [549, 549],
};

const cache = new Map<string, number>();

/** Width of one character in thousandths of an em. */
function charWidth(ch: string, bold: boolean): number {
  const key = bold ? `b${ch}` : ch;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let w: number;
  const special = SPECIAL[ch];
  if (special) w = bold ? special[1] : special[0];
  else {
    // The base letter of a Vietnamese letter: "ộ" → "o" (marks removed), "Ờ" → "Ơ".
    const base = ch.normalize('NFD').replace(/[\u0300-\u0302\u0303\u0306\u0309\u0323]/g, '').normalize('NFC');
    const s2 = base !== ch ? SPECIAL[base] : undefined;
    const code = base.length === 1 ? base.charCodeAt(0) : ch.charCodeAt(0);
    if (s2) w = bold ? s2[1] : s2[0];
    else if (code >= 32 && code <= 126) w = (bold ? BOLD : REGULAR)[code - 32] ?? 500;
    else w = bold ? 556 : 500; // anything else: an average letter
  }
  cache.set(key, w);
  return w;
}

/** Widths in thousandths of an em of texts measured before (the same words recur in every table); bounded. */
const textCache = [new Map<string, number>(), new Map<string, number>()] as const;
const TEXT_CACHE_MAX = 100_000;

/** Width of `text` (one line) in points at `sizePt`. */
export function textWidthPt(text: string, sizePt: number, bold = false): number {
  const memo = textCache[bold ? 1 : 0];
  let em = memo.get(text);
  if (em === undefined) {
    em = 0;
    for (const ch of text) em += charWidth(ch, bold);
    if (memo.size >= TEXT_CACHE_MAX) memo.clear();
    memo.set(text, em);
  }
  return (em / 1000) * sizePt;
}

/** The words of a text (split at spaces and line breaks): the pieces a renderer never breaks. */
export function wordsOf(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter((w) => w !== '');
}

/** Width in points of the widest word of `text`. */
export function longestWordPt(text: string, sizePt: number, bold = false): number {
  let max = 0;
  for (const w of wordsOf(text)) max = Math.max(max, textWidthPt(w, sizePt, bold));
  return max;
}

/** Width in points of the widest line of `text` (lines split at "\n"), unwrapped. */
export function widestLinePt(text: string, sizePt: number, bold = false): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, textWidthPt(line, sizePt, bold));
  return max;
}

/**
 * Lines `text` takes in a box `widthPt` wide when wrapped at spaces (each "\n" starts a line;
 * a word wider than the box takes as many lines as it needs, the way Word and Excel break it).
 */
export function wrappedLines(text: string, widthPt: number, sizePt: number, bold = false): number {
  // The same cells recur in every build of a round (a warm rebuild re-lays thousands of rows).
  const key = `${widthPt}|${sizePt}|${bold ? 1 : 0}|${text}`;
  let lines = wrapCache.get(key);
  if (lines === undefined) {
    lines = measureWrapped(text, widthPt, sizePt, bold);
    if (wrapCache.size >= TEXT_CACHE_MAX) wrapCache.clear();
    wrapCache.set(key, lines);
  }
  return lines;
}

/** Lines of texts wrapped before, by width, size, weight and text; bounded. */
const wrapCache = new Map<string, number>();

function measureWrapped(text: string, widthPt: number, sizePt: number, bold: boolean): number {
  const space = textWidthPt(' ', sizePt, bold);
  const box = Math.max(widthPt, sizePt);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    let count = 1;
    for (const word of wordsOf(paragraph)) {
      const w = textWidthPt(word, sizePt, bold);
      if (used === 0) {
        used = w;
      } else if (used + space + w <= box) {
        used += space + w;
        continue;
      } else {
        count++;
        used = w;
      }
      if (w > box) {
        count += Math.ceil(w / box) - 1;
        used = w % box;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}
