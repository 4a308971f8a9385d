/**
 * File names baocao derives from other names (an agency's file, an agency's name) must fit the
 * file systems staff use: at most 255 bytes per name on Linux and macOS (255 UTF-16 units on
 * Windows, never more than the UTF-8 bytes). Vietnamese letters take 2–3 bytes in UTF-8, so an
 * 100-letter name is already close. Pure functions, no I/O.
 */
import { createHash } from 'node:crypto';

/** Longest file name (in UTF-8 bytes) the common file systems accept. */
export const NAME_MAX_BYTES = 255;
/**
 * Longest name baocao gives an output derived from another name: room is left for the
 * " (ban moi 20260101-120000)" of a copy beside an edited file (26 bytes) and for the
 * ".<name>.<pid>.<8 hex>.tmp" of its temporary file (at most 24 bytes more).
 */
export const OUTPUT_NAME_MAX_BYTES = 200;

const utf8 = new TextEncoder();
/** Made when a name is first cut (rarely): ICU's segmenter takes ~15 ms to start, paid by every command when made on loading. */
let graphemes: Intl.Segmenter | undefined;

/** Bytes of a name in UTF-8. */
export function byteLength(text: string): number {
  return utf8.encode(text).byteLength;
}

/**
 * The longest start of `text` that takes at most `maxBytes` bytes in UTF-8, cut between two
 * letters as a person sees them (never inside a letter or between a letter and its accent).
 */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of (graphemes ??= new Intl.Segmenter('vi', { granularity: 'grapheme' })).segment(text)) {
    const n = byteLength(segment);
    if (used + n > maxBytes) break;
    out += segment;
    used += n;
  }
  return out;
}

/**
 * `name` when it takes at most `maxBytes` bytes; otherwise a shorter name that stays readable
 * and unique: the start of the name cut at a letter boundary, "~", 8 hex digits of the full
 * name's sha256, and the same extension. "Báo cáo … rất dài.xlsx" → "Báo cáo … r~1a2b3c4d.xlsx".
 */
export function fitFileName(name: string, maxBytes = OUTPUT_NAME_MAX_BYTES): string {
  if (byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  // An extension is short and plain ASCII ("xlsx"); anything else is part of the name.
  const ext = dot > 0 && /^\.[A-Za-z0-9]{1,10}$/.test(name.slice(dot)) ? name.slice(dot) : '';
  const hash = createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 8);
  const tail = `~${hash}${ext}`;
  const stem = truncateBytes(name.slice(0, name.length - ext.length), Math.max(0, maxBytes - byteLength(tail)))
    // A name ending in a space or a dot is refused or changed by Windows.
    .replace(/[\s.]+$/u, '');
  return `${stem}${tail}`;
}
