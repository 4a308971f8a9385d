/**
 * Reading numbers in Vietnamese words ("đọc số thành chữ"), official-format.md §3.
 * Defaults: linh, nghìn, tỷ, "tư" after mươi, "lăm", "không trăm" in non-leading groups,
 * nested scheme at 10^12 and above, "âm" for negatives, "phẩy" for the decimal comma.
 */

import { roundTo } from './numbers.js';

/** Wording variants seen across issuers; every field is optional and defaults to the first value listed. */
export type WordsOptions = {
  /** Word for a zero tens digit before a unit: "linh" (205 hai trăm linh năm) or "lẻ". */
  readonly zeroTens?: 'linh' | 'lẻ';
  /** Word for 10^3: "nghìn" or "ngàn". */
  readonly thousand?: 'nghìn' | 'ngàn';
  /** Word for 10^9: "tỷ" or "tỉ". */
  readonly billion?: 'tỷ' | 'tỉ';
  /** Unit 4 after "mươi": "tư" (hai mươi tư) or "bốn". */
  readonly fourAfterTens?: 'tư' | 'bốn';
  /** Prefix for negatives: "âm" or "trừ". */
  readonly negative?: 'âm' | 'trừ';
  /** At 10^12 and above: "nested" (ba nghìn năm trăm tỷ) or "compound" (ba nghìn tỷ năm trăm tỷ). */
  readonly largeScheme?: 'nested' | 'compound';
  /** Accept non-integers and read the fraction after the decimal word. */
  readonly decimals?: boolean;
  /** Word for the decimal mark: "phẩy" (comma, Vietnamese) or "chấm". */
  readonly decimalWord?: 'phẩy' | 'chấm';
  /** Read the fraction as a number (3,14 → mười bốn) or digit by digit (một bốn); leading zeros are always read. */
  readonly fractionStyle?: 'number' | 'digits';
};

type ResolvedOptions = Required<WordsOptions>;

const DEFAULTS: ResolvedOptions = {
  zeroTens: 'linh',
  thousand: 'nghìn',
  billion: 'tỷ',
  fourAfterTens: 'tư',
  negative: 'âm',
  largeScheme: 'nested',
  decimals: false,
  decimalWord: 'phẩy',
  fractionStyle: 'number',
};

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function digitWord(d: number): string {
  const w = DIGITS[d];
  if (w === undefined) throw new RangeError(`digitWord: ${d} is not a digit`);
  return w;
}

/** Reads one 3-digit group; `full` = not the leading group, so "không trăm" and "linh" are spelled out. */
function readGroup(group: number, full: boolean, o: ResolvedOptions): string[] {
  const h = Math.floor(group / 100);
  const t = Math.floor(group / 10) % 10;
  const u = group % 10;
  const words: string[] = [];
  const hasHundreds = full || h > 0;
  if (hasHundreds) words.push(digitWord(h), 'trăm');
  if (t === 0) {
    if (u !== 0) {
      if (hasHundreds) words.push(o.zeroTens);
      words.push(digitWord(u));
    }
  } else if (t === 1) {
    words.push('mười');
    if (u === 5) words.push('lăm');
    else if (u !== 0) words.push(digitWord(u));
  } else {
    words.push(digitWord(t), 'mươi');
    if (u === 1) words.push('mốt');
    else if (u === 4) words.push(o.fourAfterTens);
    else if (u === 5) words.push('lăm');
    else if (u !== 0) words.push(digitWord(u));
  }
  return words;
}

/** Splits a non-negative safe integer into 3-digit groups, most significant first. */
function groupsOf(n: number): number[] {
  const groups: number[] = [];
  let rest = n;
  do {
    groups.unshift(rest % 1000);
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups;
}

/** Reads groups with the given units (one per group, most significant first), skipping all-zero groups. */
function readGroups(groups: readonly number[], units: readonly string[], leading: boolean, o: ResolvedOptions): string[] {
  const words: string[] = [];
  let first = leading;
  groups.forEach((g, i) => {
    if (g === 0) return;
    words.push(...readGroup(g, !first, o));
    const unit = units[i];
    if (unit !== undefined && unit !== '') words.push(unit);
    first = false;
  });
  return words;
}

/** Reads a non-negative safe integer; `leading` = nothing precedes it (so no "không trăm" at the front). */
function readInteger(n: number, leading: boolean, o: ResolvedOptions): string[] {
  if (n === 0) return leading ? ['không'] : [];
  if (o.largeScheme === 'nested' && n >= 1e9) {
    const high = Math.floor(n / 1e9);
    const low = n % 1e9;
    return [...readInteger(high, leading, o), o.billion, ...readInteger(low, false, o)];
  }
  const groups = groupsOf(n);
  const scale = ['', o.thousand, 'triệu', o.billion, `${o.thousand} ${o.billion}`, `triệu ${o.billion}`, `${o.billion} ${o.billion}`];
  const units = groups.map((_, i) => scale[groups.length - 1 - i] ?? '');
  return readGroups(groups, units, leading, o);
}

/** Reads the digits after the decimal mark: leading zeros one by one, then the rest as a number or digit by digit. */
function readFraction(digits: string, o: ResolvedOptions): string[] {
  if (o.fractionStyle === 'digits') return [...digits].map((d) => digitWord(Number(d)));
  const zeros = /^0*/u.exec(digits)?.[0] ?? '';
  const rest = digits.slice(zeros.length);
  return [...[...zeros].map(() => 'không'), ...(rest === '' ? [] : readInteger(Number(rest), true, o))];
}

/**
 * Reads an integer in lower-case Vietnamese words: 21 → "hai mươi mốt", 1005 → "một nghìn không trăm linh năm",
 * -5 → "âm năm"; a non-integer throws a TypeError unless `{ decimals: true }` (3.14 → "ba phẩy mười bốn").
 */
export function numberToWords(n: number, opts?: WordsOptions): string {
  const o: ResolvedOptions = { ...DEFAULTS, ...opts };
  if (!Number.isFinite(n)) throw new TypeError(`numberToWords: ${n} is not a finite number`);
  if (!Number.isInteger(n) && !o.decimals) {
    throw new TypeError(`numberToWords: ${n} is not an integer (round it first or pass { decimals: true })`);
  }
  const abs = Math.abs(n);
  if (!Number.isSafeInteger(Math.trunc(abs))) throw new RangeError(`numberToWords: ${n} is too large to read exactly`);
  // The shortest round-trip form ("3.14", not 3.140000000000000124…) is what the user typed and sees.
  const shortest = String(abs);
  const plain = shortest.includes('e') ? abs.toFixed(20).replace(/\.?0+$/u, '') : shortest;
  const [intText = '0', fractionDigits] = plain.split('.');
  const words = readInteger(Number(intText), true, o);
  if (fractionDigits !== undefined && fractionDigits !== '') words.push(o.decimalWord, ...readFraction(fractionDigits, o));
  if (n < 0) words.unshift(o.negative);
  return words.join(' ');
}

/** Options for the amount-in-words line. */
export type MoneyWordsOptions = WordsOptions & {
  /** Add "chẵn" after "đồng": never (default), always, or only when the amount ends in 000. */
  readonly chan?: 'never' | 'always' | 'thousands';
};

/**
 * Writes an amount of đồng in words with a capital first letter: 5810810000 → "Năm tỷ tám trăm mười triệu
 * tám trăm mười nghìn đồng", 0 → "Không đồng"; amounts are rounded to whole đồng (half away from zero) first.
 */
export function moneyInWords(amountDong: number, opts?: MoneyWordsOptions): string {
  if (!Number.isFinite(amountDong)) throw new TypeError(`moneyInWords: ${amountDong} is not a finite number`);
  const amount = roundTo(amountDong, 0);
  const { chan = 'never', ...wordOpts } = opts ?? {};
  const words = numberToWords(amount, { ...wordOpts, decimals: false });
  const addChan = chan === 'always' || (chan === 'thousands' && amount !== 0 && amount % 1000 === 0);
  return `${capitalize(words)} đồng${addChan ? ' chẵn' : ''}`;
}

/** Upper-cases the first letter of a string (Vietnamese-aware through toLocaleUpperCase). */
export function capitalize(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const ch = String.fromCodePoint(first);
  return ch.toLocaleUpperCase('vi') + s.slice(ch.length);
}
