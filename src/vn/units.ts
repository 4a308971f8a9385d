/**
 * Units as plans and agencies write them: money ("1000 đồng", "triệu đồng", "Tr.đ") and the units
 * of indicators ("tỷ đồng", "người", "%"), taken apart into a scale and what is counted.
 */
import { stripDiacritics } from './text.js';

/** A unit taken apart: "triệu đồng" → scale 1.000.000 of "dong"; "người" → scale 1 of "nguoi". */
export interface UnitScale {
  readonly scale: number;
  /** What is counted, folded (no diacritics, lower case, single spaces); "" when only a scale is written ("triệu"). */
  readonly base: string;
}

const SCALE_WORDS: readonly [RegExp, number][] = [
  [/^(?:nghin|ngan) (?:ty|ti)\b/, 1e12],
  [/^(?:nghin|ngan)\b/, 1e3],
  [/^trieu\b/, 1e6],
  [/^(?:ty|ti)\b/, 1e9],
  // "Tr.đ", "tr đồng", "trđ"; never the start of a word such as "trường".
  [/^tr(?:\.|\s|(?=d\b)|(?=dong\b)|$)/, 1e6],
  [/^1[.,\s]?000[.,\s]?000[.,\s]?000(?![\d.,])/, 1e9],
  [/^1[.,\s]?000[.,\s]?000(?![\d.,])/, 1e6],
  [/^1[.,\s]?000(?![\d.,])/, 1e3],
];

/** Spellings of one unit, folded, to the one compared: "VNĐ" is "đồng", "DN" is "doanh nghiệp", "héc-ta" is "ha". */
const BASE_ALIASES: Readonly<Record<string, string>> = {
  d: 'dong',
  vnd: 'dong',
  'vn dong': 'dong',
  'viet nam dong': 'dong',
  'phan tram': '%',
  dn: 'doanh nghiep',
  hecta: 'ha',
  'hec ta': 'ha',
  'hec-ta': 'ha',
  'kilomet': 'km',
  'ki lo met': 'km',
};

/** The unit written in `text` ("(1.000 đồng)", "Triệu đồng", "%"), or null when it is blank. */
export function unitScale(text: string): UnitScale | null {
  // Not foldKey: it drops the "%" and the "." of "1.000 đồng".
  let u = stripDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
  const inside = /^\((.*)\)$/.exec(u);
  if (inside) u = (inside[1] ?? '').trim();
  if (!u) return null;
  let scale = 1;
  for (const [pattern, s] of SCALE_WORDS) {
    const m = pattern.exec(u);
    if (!m) continue;
    scale = s;
    u = u.slice(m[0].length).replace(/^[\s.]+/, '');
    break;
  }
  const base = u.replace(/\s+/g, ' ').trim();
  return { scale, base: BASE_ALIASES[base] ?? base };
}

/** True when `unit` is a percentage ("%", "phần trăm"). */
export function isPercentUnit(unit: string): boolean {
  return unitScale(unit)?.base === '%';
}

/** True when `u` is a unit of money (đồng, or a bare scale such as "triệu"). */
export function isMoneyUnit(u: UnitScale): boolean {
  return u.base === 'dong' || (u.base === '' && u.scale !== 1);
}

/** Multiplier from the plan's money unit to đồng: "1000 đồng"/"nghìn đồng" → 1000; 1 for anything else. */
export function unitToDong(unit: string): number {
  const u = unitScale(unit);
  return u && isMoneyUnit(u) ? u.scale : 1;
}
