/**
 * Roman numerals for Phần/Chương, appendices (Phụ lục I, II), quarters (quý I–IV) and top-level table groups.
 */

const NUMERALS: readonly (readonly [number, string])[] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** Writes 1..3999 in upper-case Roman numerals (4 → "IV"); anything else is a bug and throws a RangeError. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`toRoman: ${n} is not an integer in 1..3999`);
  let rest = n;
  let out = '';
  for (const [value, symbol] of NUMERALS) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Reads a canonical Roman numeral (case-insensitive, surrounding spaces ignored): "IV" → 4; "IIII", "VX", "" → null. */
export function fromRoman(s: string): number | null {
  const text = s.trim().toUpperCase();
  if (!/^[MDCLXVI]+$/u.test(text)) return null;
  let total = 0;
  let i = 0;
  for (const [value, symbol] of NUMERALS) {
    while (text.startsWith(symbol, i)) {
      total += value;
      i += symbol.length;
    }
  }
  if (i !== text.length || total < 1 || total > 3999) return null;
  // Only the canonical spelling counts, so "IIII" or "IIX" are not silently accepted.
  return toRoman(total) === text ? total : null;
}
