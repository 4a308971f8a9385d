/**
 * Numbers as Vietnamese agencies type and read them: "1.234.567,5" (thousands ".", decimal ",").
 * Parsing never guesses silently: text that two conventions read differently is reported as
 * `ambiguous` so the caller can raise a finding. The full rule is in NUMBERS.md.
 */

/** Result of reading a number typed as text: the value, or why it is not one. */
export type ParsedNumber =
  | { ok: true; value: number; fromText: boolean }
  | { ok: false; reason: 'not_number' | 'ambiguous'; text: string };

/** Space-like characters used as thousands separators or padding (NBSP, thin/narrow spaces…). */
const SPACE_LIKE = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/gu;
/** Invisible characters that Excel exports and web copies leave behind. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
/** A dash alone in a table cell means "no figure" (= 0). */
const DASH_ONLY = /^[-\u2013\u2014\u2012\u2212]$/u;
/** Currency words after the figure: "đ", "đồng", "VNĐ", "VND". */
const CURRENCY_SUFFIX = /\s*(?:đồng|đ|vnđ|vnd)\.?$/iu;
const SCIENTIFIC = /^\d+(?:\.\d+)?e[+-]?\d+$/iu;

function notNumber(text: string): ParsedNumber {
  return { ok: false, reason: 'not_number', text };
}

function ambiguous(text: string): ParsedNumber {
  return { ok: false, reason: 'ambiguous', text };
}

/** True when `parts` are thousands groups: a first group of 1–3 digits not starting with 0 (or "0" alone is not allowed), then groups of exactly 3. */
function isGrouped(parts: readonly string[]): boolean {
  const [first, ...rest] = parts;
  if (first === undefined || !/^[1-9]\d{0,2}$/u.test(first)) return false;
  return rest.length > 0 && rest.every((g) => /^\d{3}$/u.test(g));
}

/**
 * Turns the unsigned body (digits and separators only) into a plain "123.45" decimal string,
 * or says why it cannot.
 */
function bodyToDecimal(body: string): { ok: true; value: string } | { ok: false; reason: 'not_number' | 'ambiguous' } {
  const bad = { ok: false, reason: 'not_number' } as const;
  if (!/^[\d., ]+$/u.test(body) || !/\d/u.test(body)) return bad;

  // Spaces can only be thousands separators; then at most one "." or "," is the decimal mark.
  if (body.includes(' ')) {
    const m = /^([\d ]+?)(?:[.,](\d+))?$/u.exec(body);
    if (m === null) return bad;
    const intPart = m[1] ?? '';
    if (!isGrouped(intPart.split(' '))) return bad;
    return { ok: true, value: intPart.replaceAll(' ', '') + (m[2] === undefined ? '' : `.${m[2]}`) };
  }

  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;

  if (dots === 0 && commas === 0) return { ok: true, value: body };

  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal mark and occurs once; the other groups thousands.
    const lastDot = body.lastIndexOf('.');
    const lastComma = body.lastIndexOf(',');
    const decimalMark = lastDot > lastComma ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    const cut = Math.max(lastDot, lastComma);
    const intPart = body.slice(0, cut);
    const fraction = body.slice(cut + 1);
    if (intPart.includes(decimalMark) || !/^\d+$/u.test(fraction)) return bad;
    if (!isGrouped(intPart.split(groupMark))) return bad;
    return { ok: true, value: `${intPart.replaceAll(groupMark, '')}.${fraction}` };
  }

  const mark = dots > 0 ? '.' : ',';
  const parts = body.split(mark);
  if (parts.length > 2) {
    // Several of the same mark: only thousands grouping makes sense ("1.234.567", "1,234,567").
    return isGrouped(parts) ? { ok: true, value: parts.join('') } : bad;
  }
  const intPart = parts[0] ?? '';
  const fraction = parts[1] ?? '';
  if (!/^\d+$/u.test(fraction)) return bad; // "12." or "12,"
  if (intPart !== '' && !/^\d+$/u.test(intPart)) return bad;
  const couldBeGrouping = fraction.length === 3 && isGrouped([intPart, fraction]);
  if (!couldBeGrouping) return { ok: true, value: `${intPart === '' ? '0' : intPart}.${fraction}` };
  // "1.234": Vietnamese thousands. "1,234": English thousands or Vietnamese decimal — do not guess.
  if (mark === '.') return { ok: true, value: intPart + fraction };
  return { ok: false, reason: 'ambiguous' };
}

/**
 * Parses a number typed as text in a cell ("711.500", "1.234.567,5", "7,02", "1,234,567.5", "(1.234)", "-")
 * without guessing: a single "," followed by exactly 3 digits ("1,234") is `ambiguous` (see NUMBERS.md).
 *
 * Rules, after trimming spaces/NBSP and a trailing "đ"/"đồng":
 * - "." followed by groups of exactly 3 digits is a thousands separator (Vietnamese): "1.234" → 1234;
 * - "," followed by 1–2 or 4+ digits is the decimal mark (Vietnamese): "7,02" → 7.02;
 * - a single "," followed by exactly 3 digits ("1,234") is ambiguous (English thousands or Vietnamese decimal);
 * - a single separator that cannot be a thousands separator is the decimal mark: "1234.5", "0,500", "12345,678";
 * - several of the same separator must be valid 3-digit groups ("1,234,567" → 1234567, "1.23.4" → not_number);
 * - both "." and ",": the last one is the decimal mark and the other must form valid 3-digit groups;
 * - spaces between digits are thousands separators ("1 234 567");
 * - "(1.234)" and a leading "-" or "−" are negative; a dash alone is 0 when `allowDash` (default true);
 * - "" and anything with letters are not_number.
 */
export function parseNumberText(text: string, opts?: { allowDash?: boolean }): ParsedNumber {
  const allowDash = opts?.allowDash ?? true;
  let s = text.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
  if (s === '') return notNumber(text);
  if (DASH_ONLY.test(s)) return allowDash ? { ok: true, value: 0, fromText: true } : notNumber(text);

  s = s.replace(CURRENCY_SUFFIX, '').trim();
  let negative = false;
  const paren = /^\((.*)\)$/u.exec(s);
  if (paren !== null) {
    negative = true;
    s = (paren[1] ?? '').trim();
  }
  const sign = /^([-+\u2212\u2013])\s*/u.exec(s);
  if (sign !== null) {
    if (negative && sign[1] !== '+') return notNumber(text); // "(-5)" is a typo, not a double negative
    negative = negative || sign[1] !== '+';
    s = s.slice(sign[0].length);
  }
  s = s.replace(CURRENCY_SUFFIX, '').trim();
  if (s === '') return notNumber(text);

  let value: number;
  if (SCIENTIFIC.test(s)) {
    value = Number(s); // "1.5E+06" as Excel shows large numbers stored as text
  } else {
    const decimal = bodyToDecimal(s);
    if (!decimal.ok) return decimal.reason === 'ambiguous' ? ambiguous(text) : notNumber(text);
    value = Number(decimal.value);
  }
  if (!Number.isFinite(value)) return notNumber(text);
  return { ok: true, value: negative && value !== 0 ? -value : value, fromText: true };
}

/**
 * Parses a percentage typed as text into percent points: "45", "45 %", "45,5%" → 45 / 45.5;
 * without a "%" sign, a number written with a decimal part and at most 1 in size ("0,45", "1,0")
 * is read as a ratio and multiplied by 100 (→ 45, 100); whole numbers ("1", "45") are always points.
 */
export function parsePercentText(text: string): ParsedNumber {
  const s = text.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
  const withSign = /^(.*?)\s*%$/u.exec(s);
  if (withSign !== null) {
    const inner = withSign[1] ?? '';
    if (inner.trim() === '') return notNumber(text);
    const parsed = parseNumberText(inner, { allowDash: false });
    return parsed.ok ? parsed : { ...parsed, text };
  }
  const parsed = parseNumberText(s);
  if (!parsed.ok) return { ...parsed, text };
  // A decimal mark is present and the size is at most 1: "0,45" is a ratio (45%), "1" stays 1%.
  const hasDecimalMark = /[.,]\d+\)?$/u.test(s);
  if (hasDecimalMark && Math.abs(parsed.value) <= 1) {
    return { ok: true, value: shiftDecimal(parsed.value, 2), fromText: true };
  }
  return parsed;
}

/** Multiplies by 10^k on the decimal representation, so 0.07 × 100 is 7, not 7.000000000000001. */
function shiftDecimal(value: number, k: number): number {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + k}`);
}

/**
 * Rounds half away from zero at `decimals` places on the decimal representation (1.005 → 1.01,
 * -2.5 → -3), the rounding used by every formatter here.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`roundTo: value must be finite, got ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new TypeError(`roundTo: decimals must be an integer 0–20, got ${decimals}`);
  }
  // A whole number is its own rounding at any number of decimals (most table cells: money).
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const abs = Math.abs(value);
  const rounded = shiftDecimal(Math.round(shiftDecimal(abs, decimals)), -decimals);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Groups an unsigned integer digit string with "." every 3 digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
}

/** Formats a number for Vietnamese display: 5810810 → "5.810.810", 7.0245 with 2 decimals → "7,02", -0 → "0". */
export function formatNumber(value: number, decimals = 0): string {
  const rounded = roundTo(value, decimals);
  const abs = Math.abs(rounded);
  let fixed: string;
  if (abs >= 1e21) {
    fixed = BigInt(abs).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  } else {
    fixed = abs.toFixed(decimals);
  }
  const [intPart = '0', fraction] = fixed.split('.');
  const body = groupThousands(intPart) + (fraction === undefined ? '' : `,${fraction}`);
  return rounded < 0 ? `-${body}` : body;
}

/** Formats whole đồng for tables and prose: 5810810000 → "5.810.810.000"; 0, null (or an amount that rounds to 0) → "-". */
export function formatMoney(value: number | null): string {
  if (value === null) return '-';
  const rounded = roundTo(value, 0);
  return rounded === 0 ? '-' : formatNumber(rounded, 0);
}

/**
 * Formats percent points without the "%" sign (callers add it, with no space before): 7.0249 → "7,02";
 * `trimZeros` drops trailing zeros ("45,50" → "45,5", "45,00" → "45").
 */
export function formatPercent(value: number, decimals = 2, opts?: { trimZeros?: boolean }): string {
  const s = formatNumber(value, decimals);
  if (opts?.trimZeros !== true || !s.includes(',')) return s;
  return s.replace(/,?0+$/u, '');
}
