/**
 * Vietnamese text and number utilities: parse/format "1.234,5", amounts in words, TCVN3/VNI → Unicode,
 * NFC and diacritics-insensitive keys, Roman numerals, official dates.
 */

export type { ParsedNumber } from './numbers.js';
export { parseNumberText, parsePercentText, formatNumber, formatMoney, formatPercent, roundTo } from './numbers.js';
export type { WordsOptions, MoneyWordsOptions } from './words.js';
export { numberToWords, moneyInWords, capitalize } from './words.js';
export { normalizeText, stripDiacritics, foldKey, sameKey, toneStyle } from './text.js';
export type { LegacyEncoding } from './legacy.js';
export { detectLegacy, decodeLegacy, fixLegacyText, encodingFromFont, isCapitalsFont } from './legacy.js';
export { isVietnameseSyllable } from './syllable.js';
export { toRoman, fromRoman } from './roman.js';
export { dateLine, parseDateText, excelSerialToIso, formatDateShort } from './dates.js';
export { unitToDong, unitScale, isMoneyUnit, isPercentUnit, type UnitScale } from './units.js';
