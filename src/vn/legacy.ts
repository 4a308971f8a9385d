/**
 * Legacy 8-bit Vietnamese encodings (TCVN3/ABC ".Vn" fonts, VNI-Windows) found inside .xlsx/.docx text:
 * detection per string (font name first, then heuristics and a syllable check) and decoding to Unicode NFC.
 * See official-format.md §4 and the generated tables in legacy-tables.ts.
 */

import { TCVN3_TABLE, TCVN3_VN1_EXTRA_BY_BYTE, VNI_TABLE } from './legacy-tables.js';
import { isVietnameseSyllable } from './syllable.js';

/** A legacy encoding this module can decode. */
export type LegacyEncoding = 'tcvn3' | 'vni';

/** Letters that only exist in Unicode Vietnamese (precomposed Latin Extended Additional, ă ơ ư đ ĩ ũ and capitals). */
const UNICODE_VIETNAMESE = /[\u1EA0-\u1EF9\u0102\u0103\u01A0\u01A1\u01AF\u01B0\u0110\u0111\u0128\u0129\u0168\u0169]/u;
/** Characters in the Latin-1 upper half (and C1), where both legacy encodings put their letters. */
const HIGH_LATIN1 = /[\u0080-\u00FF]/u;
/** TCVN3 letters that are rare in Western text (official-format.md §4.2), or a soft hyphen (ư) between letters. */
const TCVN3_SIGNAL = /[\u00B8\u00B5\u00B6\u00B7\u00B9\u00A8\u00A9\u00AA\u00AB\u00AC\u00AE\u00CC\u00D0\u00D7\u00DD\u00DF\u00E3]|[A-Za-z]\u00AD[A-Za-z]?/u;
/** VNI: an ASCII vowel directly followed by a VNI diacritic character, or a lone ñ/ô/ö (đ, ơ, ư). */
const VNI_SIGNAL = /[aeiouyAEIOUY][\u00F9\u00F8\u00FB\u00F5\u00EF\u00E2\u00E1\u00E0\u00E5\u00E3\u00E4\u00EA\u00E9\u00E8\u00FA\u00FC\u00EB\u00D9\u00D8\u00DB\u00D5\u00CF\u00C2\u00C1\u00C0\u00C5\u00C3\u00C4\u00CA\u00C9\u00C8\u00DA\u00DC\u00CB]|[\u00F1\u00F4\u00F6\u00D1\u00D4\u00D6]/u;
/** A "word" in legacy text: ASCII letters plus the Latin-1 upper half (TCVN3 uses ¸ µ ¬ « and the soft hyphen as letters). */
const LEGACY_WORD = /[A-Za-z\u0080-\u00FF]+/gu;

/** Which legacy encoding a font name announces, if any: ".Vn…" → tcvn3, "VNI-…" → vni. */
export function encodingFromFont(fontName: string | undefined): LegacyEncoding | null {
  const name = fontName?.trim() ?? '';
  if (/^\.vn/iu.test(name)) return 'tcvn3';
  if (/^vni[-\s_]/iu.test(name)) return 'vni';
  return null;
}

/** True for the TCVN3 capitals-only fonts (.VnTimeH, .VnArialH…), whose text must be upper-cased after decoding. */
export function isCapitalsFont(fontName: string | undefined): boolean {
  const name = fontName?.trim() ?? '';
  return encodingFromFont(name) === 'tcvn3' && name.endsWith('H');
}

/**
 * Detects a legacy encoding in one string: the font name decides first (".Vn…" tcvn3, "VNI-…" vni), unless the
 * text already holds Unicode Vietnamese letters; without a font hint, plain ASCII and Unicode text give null and
 * Latin-1 text is decoded with each candidate, keeping the one that yields more valid Vietnamese syllables
 * than the text as it stands ("Café", "São", "mañana" stay null).
 */
export function detectLegacy(text: string, fontName?: string): LegacyEncoding | null {
  if (UNICODE_VIETNAMESE.test(text.normalize('NFC'))) return null;
  const hinted = encodingFromFont(fontName);
  if (hinted !== null) {
    if (HIGH_LATIN1.test(text)) return hinted;
    // Plain ASCII in a capitals-only font displays as capitals: report it so decoding upper-cases it.
    return isCapitalsFont(fontName) && /[a-z]/u.test(text) ? hinted : null;
  }
  if (!HIGH_LATIN1.test(text)) return null;
  return guessBySyllables(text);
}

/** Scores each candidate by valid syllables among the words that contain Latin-1 characters. */
function guessBySyllables(text: string): LegacyEncoding | null {
  // The §4.2 signals are a cheap gate; the syllable count below is what decides.
  const candidates: LegacyEncoding[] = [];
  if (TCVN3_SIGNAL.test(text) || [...text].some((ch) => TCVN3_TABLE[ch] !== undefined)) candidates.push('tcvn3');
  if (VNI_SIGNAL.test(text)) candidates.push('vni');
  if (candidates.length === 0) return null;

  const words = (text.match(LEGACY_WORD) ?? []).filter((w) => HIGH_LATIN1.test(w));
  if (words.length === 0) return null;
  const asIs = words.filter((w) => isVietnameseSyllable(w)).length;

  // Rank by valid syllables, then by whether the encoding's typical pattern (§4.2) was seen.
  const ranked = candidates
    .map((encoding) => ({
      encoding,
      valid: words.filter((w) => isVietnameseSyllable(decodeLegacy(w, encoding))).length,
      signal: (encoding === 'tcvn3' ? TCVN3_SIGNAL : VNI_SIGNAL).test(text) ? 1 : 0,
    }))
    .sort((a, b) => b.valid - a.valid || b.signal - a.signal);
  const [first, second] = ranked;
  if (first === undefined || first.valid <= asIs || first.valid * 2 < words.length) return null;
  // Equally good on both counts: no clear winner, leave the text alone.
  if (second !== undefined && second.valid === first.valid && second.signal === first.signal) return null;
  return first.encoding;
}

/** TCVN3 character (as seen in the file) → Unicode, including the VN1 extras that never clash with VN3 letters. */
const TCVN3_DECODE: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [byte, letter] of Object.entries(TCVN3_VN1_EXTRA_BY_BYTE)) {
    const code = Number(byte);
    // 0x80–0x9F appear as Windows-1252 punctuation (– “ ” …) that .Vn fonts draw as punctuation: only C1 controls are mapped.
    map.set(String.fromCharCode(code), letter);
  }
  for (const [ch, letter] of Object.entries(TCVN3_TABLE)) map.set(ch, letter);
  return map;
})();

/** VNI keys grouped by length so decoding can try two-character keys before one-character keys. */
const VNI_PAIRS: ReadonlyMap<string, string> = new Map(Object.entries(VNI_TABLE).filter(([k]) => k.length === 2));
const VNI_SINGLES: ReadonlyMap<string, string> = new Map(Object.entries(VNI_TABLE).filter(([k]) => k.length === 1));

function decodeTcvn3(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  return out;
}

function decodeVni(text: string): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    if (next !== undefined) {
      const exact = VNI_PAIRS.get(ch + next);
      // Caps Lock mishaps give a capital base with a lower-case mark (or the reverse): decode by the base's case.
      const folded = exact ?? VNI_PAIRS.get((ch + next).toLowerCase());
      if (folded !== undefined) {
        out += exact ?? (ch === ch.toUpperCase() ? folded.toUpperCase() : folded);
        i++;
        continue;
      }
    }
    out += VNI_SINGLES.get(ch) ?? ch;
  }
  return out;
}

/**
 * Decodes legacy text to Unicode NFC: TCVN3 one character per letter (U+00AD soft hyphen is "ư"; upper-cased
 * when the font is a capitals-only ".Vn…H" font), VNI longest match first.
 */
export function decodeLegacy(text: string, encoding: LegacyEncoding, fontName?: string): string {
  if (encoding === 'tcvn3') {
    const decoded = decodeTcvn3(text);
    return (isCapitalsFont(fontName) ? decoded.toLocaleUpperCase('vi') : decoded).normalize('NFC');
  }
  return decodeVni(text).normalize('NFC');
}

/** Detects and decodes in one call (used by the read stage on every text cell); text that is not legacy is returned unchanged. */
export function fixLegacyText(text: string, fontName?: string): { text: string; encoding: LegacyEncoding | null } {
  const encoding = detectLegacy(text, fontName);
  if (encoding === null) return { text, encoding: null };
  return { text: decodeLegacy(text, encoding, fontName), encoding };
}
