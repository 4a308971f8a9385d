/**
 * Vietnamese text hygiene: NFC, invisible characters, spacing, and keys for matching names and
 * headers regardless of case, diacritics, punctuation and tone-mark placement (official-format.md §4.3).
 */

/** Space-like characters turned into a normal space (NBSP, en/em/thin/narrow spaces, ideographic space, tab). */
const SPACE_LIKE = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;
/**
 * Invisible characters removed outright (zero-width space/joiners, word joiner, BOM).
 * The soft hyphen U+00AD is kept on purpose: in TCVN3 text it is the letter "ư".
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * Cleans a cell or label: NFC, invisible characters removed, NBSP/tabs → space, CR/CRLF → LF,
 * runs of spaces collapsed, spaces trimmed around line breaks and at both ends (line breaks are kept).
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/gu, '\n')
    .replace(SPACE_LIKE, ' ')
    .replace(/ {2,}/gu, ' ')
    .replace(/ *\n */gu, '\n')
    .trim();
}

/** Removes every diacritic (tone marks, ^, ˘, horn) and turns đ/Đ into d/D; other letters are kept. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .normalize('NFC');
}

/**
 * Key for matching names and headers: lower-case, no diacritics (đ → d), punctuation and "&" dropped,
 * "-" and "/" as spaces, spacing collapsed — "Sở Văn hóa, Thể thao & Du lịch" → "so van hoa the thao du lich".
 */
export function foldKey(s: string): string {
  // Header and label matching folds the same few hundred strings over and over (every header
  // cell against every expected column of every workbook): remember them.
  const hit = foldCache.get(s);
  if (hit !== undefined) return hit;
  const key = foldByChar(s) ?? slowFoldKey(s);
  if (s.length <= FOLD_CACHE_MAX_LENGTH) {
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
    foldCache.set(s, key);
  }
  return key;
}

/** foldKey by its definition: the text cleaned, its diacritics stripped, lower-cased, every run of other characters one space. */
export function slowFoldKey(s: string): string {
  return stripDiacritics(normalizeText(s))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Characters whose fold never depends on their neighbours: Latin (with Latin-1 and Extended-A/B),
 * Vietnamese precomposed letters (Latin Extended Additional), general punctuation and spaces,
 * currency signs (₫), the ideographic space and the BOM. No combining mark, Hangul or Greek letter
 * is among them (NFC and lower-casing may join or change those by what surrounds them).
 */
function foldsAlone(code: number): boolean {
  return code < 0x250 || (code >= 0x1e00 && code <= 0x1eff) || (code >= 0x2000 && code <= 0x206f) || (code >= 0x20a0 && code <= 0x20cf) || code === 0x3000 || code === 0xfeff;
}

/** What one such character becomes in a folded key between two letters: '' (dropped), ' ' (a separator) or its letters. */
const charFolds = new Map<number, string>();
function charFold(code: number): string {
  let f = charFolds.get(code);
  if (f === undefined) {
    // Between two letters nothing is trimmed or collapsed: what is left between them is the character's part.
    f = slowFoldKey(`a${String.fromCharCode(code)}a`).slice(1, -1);
    charFolds.set(code, f);
  }
  return f;
}

/**
 * foldKey character by character, the same result ~2,5× faster (tests/vn/fold.test.ts compares both
 * on random and real texts); null when a character may fold differently by its neighbours.
 */
function foldByChar(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (!foldsAlone(code)) return null;
    out += charFold(code);
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

const FOLD_CACHE_SIZE = 50_000;
const FOLD_CACHE_MAX_LENGTH = 200;
const foldCache = new Map<string, string>();

/** True when two labels match once folded with {@link foldKey} ("KINH PHÍ" and "Kinh phi", "Hoà" and "Hòa"). */
export function sameKey(a: string, b: string): boolean {
  return foldKey(a) === foldKey(b);
}

/** The five Vietnamese tone marks as combining characters (huyền, sắc, hỏi, ngã, nặng). */
const TONE_MARKS = /[\u0300\u0301\u0309\u0303\u0323]/u;

/**
 * Moves the tone mark in open syllables ending in oa, oe, uy: 'old' (traditional, used in the Quốc hiệu
 * "CỘNG HÒA") puts it on the first vowel — hòa, khỏe, thủy; 'new' on the second — hoà, khoẻ, thuỷ.
 * Syllables with a final consonant (hoàn, thuyết) and "qu" + y (quý) have one placement and are unchanged.
 */
export function toneStyle(s: string, style: 'old' | 'new'): string {
  return s.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, (word) => retoneWord(word, style));
}

function retoneWord(word: string, style: 'old' | 'new'): string {
  const nfd = word.normalize('NFD');
  const toneMatch = TONE_MARKS.exec(nfd);
  if (toneMatch === null) return word;
  const tone = toneMatch[0];
  const base = nfd.replace(TONE_MARKS, '');
  // Only plain o/u followed by plain a/e/y, at the very end, after a consonant or at the start (not "qu").
  const m = /(^|[^aeiouyAEIOUY\p{M}])([oO][aAeE]|[uU][yY])$/u.exec(base);
  if (m === null) return word;
  if (/[uU][yY]$/u.test(base) && /[qQ]$/u.test(m[1] ?? '')) return word;
  const pairStart = base.length - 2;
  const at = style === 'old' ? pairStart + 1 : pairStart + 2;
  return (base.slice(0, at) + tone + base.slice(at)).normalize('NFC');
}
