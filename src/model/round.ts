/**
 * A round (đợt báo cáo) is a folder input/<plan>/<round>. "du-toan" is the budget-estimate
 * round; any other name must name a period ("2025", "Quý III năm 2026", "2026-Q3"…): see readRoundName.
 */

export type RoundKind = 'estimate' | 'progress';

export interface Period {
  readonly kind: 'year' | 'half' | 'quarter' | 'nine-months' | 'month';
  readonly year: number;
  /** Half 1–2, quarter 1–4, month 1–12; absent for year and nine-months. */
  readonly index?: number;
  /** Vietnamese label used in text, in words: "năm 2025", "quý III năm 2026", "6 tháng đầu năm 2026", "tháng 7 năm 2026". */
  readonly label: string;
}

export interface Round {
  /** Folder name, e.g. "du-toan" or "2025". */
  readonly id: string;
  readonly dir: string;
  readonly kind: RoundKind;
  /** Present for progress rounds. */
  readonly period: Period | null;
  /** Vietnamese label for titles: "Dự toán kinh phí", "năm 2025". */
  readonly label: string;
}

export const ESTIMATE_ROUND = 'du-toan';

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** What a round folder's name says: its kind, its period (progress rounds) and its label in words. */
export type RoundName = Pick<Round, 'kind' | 'period' | 'label'>;

/**
 * The spellings staff use for round folders, shown when a name is not understood. Diacritics,
 * case and separators (space, "-", "_", ".", "/") are free.
 */
export const ROUND_NAME_EXAMPLES: readonly string[] = [
  'Năm 2026, 2026',
  'Quý III năm 2026, Quy 3 - 2026, Q3-2026, 2026-Q3',
  '6 tháng đầu năm 2026, 6 thang cuoi nam 2026, 2026-H1, 2026-H2',
  '9 tháng năm 2026, 9 thang 2026, 2026-9t',
  'Tháng 7 năm 2026, Tháng 7-2026, T7-2026, 2026-07',
  'Du toan, Dự toán (đợt lập dự toán kinh phí)',
];

/**
 * Reads a round folder name as staff write it: "du-toan"/"Dự toán" (estimate), "2026"/"Năm 2026"
 * (year), "Quý III năm 2026"/"Q3-2026"/"2026-Q3", "6 tháng đầu năm 2026"/"2026-H1",
 * "6 tháng cuối năm 2026"/"2026-H2", "9 tháng năm 2026"/"2026-9t", "Tháng 7-2026"/"2026-07".
 * Null when the name says no period baocao knows: the caller refuses such a folder aloud.
 */
export function readRoundName(name: string): RoundName | null {
  const tokens = tokenize(name);
  if (tokens.length === 0) return null;
  const t = tokens.join(' ');
  if (t === 'du toan' || t === 'du toan kinh phi' || t === 'dutoan' || t === 'estimate') {
    return { kind: 'estimate', period: null, label: 'dự toán kinh phí' };
  }
  const period = readPeriodTokens(tokens);
  return period ? { kind: 'progress', period, label: period.label } : null;
}

/**
 * Like readRoundName, but a name without a known period is still a progress round ("đợt <name>"):
 * for callers that only need the period when there is one.
 */
export function parseRoundName(name: string): RoundName {
  return readRoundName(name) ?? { kind: 'progress', period: null, label: `đợt ${name}` };
}

/** The period of a (non-estimate) round name, or null. */
function readPeriodTokens(all: readonly string[]): Period | null {
  // "báo cáo", "kỳ", "cả" and "năm" carry no information here; "năm" is implied by the year.
  // "đợt" too, unless a number follows it ("đợt 1 năm 2026" is a numbered round, not January).
  const tokens = all.filter((w, i) => !FILLER.has(w) && !(w === 'cao' && all[i - 1] === 'bao') && !(w === 'dot' && !/^\d/.test(all[i + 1] ?? '')));
  const years = tokens.filter(isYear);
  if (years.length !== 1) return null;
  const year = Number(years[0]);
  const rest = tokens.filter((w) => !isYear(w));
  const k = rest.join(' ');
  if (k === '') return yearPeriod(year);
  // Quarter: "quý III", "quy 3", "q3"; the year before or after.
  let m = /^(?:quy|q) (\d|i{1,3}|iv)$/.exec(k);
  if (m) {
    const q = numberOrRoman(m[1] ?? '');
    return q >= 1 && q <= 4 ? quarterPeriod(year, q) : null;
  }
  // Half: "6 tháng đầu năm", "6 tháng cuối năm", "6 tháng", "6t", "h1", "h2", "h".
  m = /^(?:6 thang|6 t|h)(?: (dau|cuoi|1|2))?$/.exec(k);
  if (m) return halfPeriod(year, m[1] === 'cuoi' || m[1] === '2' ? 2 : 1);
  // Nine months: "9 tháng", "9 tháng đầu năm", "9t".
  if (/^(?:9 thang|9 t)(?: dau)?$/.test(k)) return nineMonthsPeriod(year);
  // Month: "tháng 7", "t7", "thang 07", or a bare month number beside the year ("2026-07", "07-2026").
  m = /^(?:(?:thang|t) )?(\d{1,2})$/.exec(k);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? monthPeriod(year, month) : null;
  }
  return null;
}

const FILLER: ReadonlySet<string> = new Set(['nam', 'ca', 'ky', 'bao']);

/**
 * Folds a name to plain lower-case ASCII words and numbers: no diacritics, "đ" → "d", separators
 * to spaces, letters and digits apart ("q3" → "q 3", "2026h1" → "2026 h 1"). "đợt 1" keeps its
 * number, so it is no period.
 */
function tokenize(name: string): string[] {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .trim();
  return plain === '' ? [] : plain.split(' ');
}

function isYear(w: string): boolean {
  return /^\d{4}$/.test(w) && Number(w) >= 1900 && Number(w) <= 2199;
}

function numberOrRoman(w: string): number {
  return /^\d+$/.test(w) ? Number(w) : (ROMAN_VALUES[w] ?? 0);
}

function yearPeriod(year: number): Period {
  return { kind: 'year', year, label: `năm ${year}` };
}

function quarterPeriod(year: number, index: number): Period {
  return { kind: 'quarter', year, index, label: `quý ${ROMAN_QUARTERS[index - 1]} năm ${year}` };
}

function halfPeriod(year: number, index: 1 | 2): Period {
  return { kind: 'half', year, index, label: index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}` };
}

function nineMonthsPeriod(year: number): Period {
  return { kind: 'nine-months', year, label: `9 tháng năm ${year}` };
}

function monthPeriod(year: number, index: number): Period {
  return { kind: 'month', year, index, label: `tháng ${index} năm ${year}` };
}
