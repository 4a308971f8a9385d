/**
 * What hostile text a workbook can carry, made harmless once, at the read stage: characters XML
 * 1.0 does not allow (a report holding one cannot be opened by Word or LibreOffice), texts longer
 * than an Excel cell holds, and shared-string parts far larger than any report form. Pure
 * functions; both readers (src/read/fast-xlsx/ and exceljs + src/read/sheet.ts) use them.
 */

/**
 * Longest text an Excel cell holds (32.767 characters): a longer text is cut before it reaches
 * caches, snapshots or outputs (Excel refuses or "repairs" an output cell holding more).
 */
export const MAX_CELL_TEXT = 32_767;

/** Longest formula Excel accepts (8.192 characters); a longer one is not Excel's and is cut. */
export const MAX_FORMULA_TEXT = 8_192;

/**
 * Largest shared-strings part (xl/sharedStrings.xml, uncompressed) a workbook may declare. A report
 * form's texts take a few hundred KiB at most; 16 MiB of text is far beyond any real form but still
 * read in well under a second. (A 164 KB file declaring one 50 MB string took 75 s and 3 GB.)
 */
export const MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024;

/** Largest number of shared strings (the part's uniqueCount or count) a workbook may declare. */
export const MAX_SHARED_STRINGS_COUNT = 2_000_000;

/**
 * Characters XML 1.0 does not allow: C0 controls except tab, LF and CR; U+FFFE and U+FFFF; and
 * surrogates not part of a pair. Excel writes the controls as "_x0001_" escapes, which both
 * readers turn back into the raw character.
 */
const INVALID_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_INVALID_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** A text with the characters XML does not allow removed: how many, and the first one (for the message). */
export interface StrippedText {
  readonly text: string;
  readonly removed: number;
  /** Code unit of the first removed character, or -1. */
  readonly first: number;
}

/** Removes the characters XML 1.0 does not allow (see INVALID_XML_CHARS); well-formed text comes back as is. */
export function stripInvalidXmlChars(s: string): StrippedText {
  // Valid surrogate pairs also match the quick test; the exact regex below leaves them alone.
  if (!HAS_INVALID_XML_CHAR.test(s)) return { text: s, removed: 0, first: -1 };
  let removed = 0;
  let first = -1;
  const text = s.replace(INVALID_XML_CHARS, (ch) => {
    if (removed++ === 0) first = ch.charCodeAt(0);
    return '';
  });
  return { text, removed, first };
}

/** The first `max` code units of `s`, never ending inside a surrogate pair. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** "U+0001" for a code unit. */
export function codePointLabel(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text safe to put into any output (invalid characters dropped, at most `max` code units), without a finding: for formulas and error values. */
export function safeText(s: string, max: number): string {
  return cutText(stripInvalidXmlChars(s).text, max);
}

/**
 * The counts a shared-strings part declares on its root element (`<sst count=".." uniqueCount="..">`),
 * read from the start of its text without parsing the part; null when absent.
 */
export function declaredStringCount(head: string): number | null {
  const root = /<(?:\w+:)?sst\b[^>]*>/.exec(head)?.[0];
  if (!root) return null;
  let most: number | null = null;
  for (const m of root.matchAll(/\b(?:count|uniqueCount)\s*=\s*["']\s*(\d+)/g)) {
    const n = Number(m[1]);
    if (most === null || n > most) most = n;
  }
  return most;
}
