/**
 * A round (đợt báo cáo) is a folder input/<plan>/<round>. "du-toan" is the budget-estimate
 * round; any other name must name a period ("2025", "Quý III năm 2026", "2026-Q3"…): see readRoundName.
 * Folder names are read by a small tokenizer and grammar (below), in the spellings staff use.
 */

export type RoundKind = 'estimate' | 'progress';

export interface Period {
  readonly kind: 'year' | 'half' | 'quarter' | 'nine-months' | 'month';
  readonly year: number;
  /** Half 1–2, quarter 1–4, month 1–12; absent for year and nine-months. */
  readonly index?: number;
  /** Vietnamese label used in text: "năm 2025", "quý III năm 2026", "6 tháng đầu năm 2026", "tháng 7 năm 2026". */
  readonly label: string;
}

export interface Round {
  /** Folder name, e.g. "du-toan", "2025" or "Quý III năm 2026" (outputs go to a folder of the same name). */
  readonly id: string;
  readonly dir: string;
  readonly kind: RoundKind;
  /** Present for progress rounds. */
  readonly period: Period | null;
  /** Vietnamese label for titles: "dự toán kinh phí", "năm 2025", "quý III năm 2026". */
  readonly label: string;
}

/** What a round folder name says: the kind of round and its period. */
export type RoundName = Pick<Round, 'kind' | 'period' | 'label'>;

export const ESTIMATE_ROUND = 'du-toan';

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;
const ESTIMATE_LABEL = 'dự toán kinh phí';

/** The Vietnamese words for a period: "quý III năm 2026", "6 tháng cuối năm 2026", "tháng 7 năm 2026". */
export function periodLabel(kind: Period['kind'], year: number, index?: number): string {
  switch (kind) {
    case 'year':
      return `năm ${year}`;
    case 'half':
      return index === 2 ? `6 tháng cuối năm ${year}` : `6 tháng đầu năm ${year}`;
    case 'quarter':
      return `quý ${ROMAN_QUARTERS[(index ?? 1) - 1] ?? index} năm ${year}`;
    case 'nine-months':
      return `9 tháng năm ${year}`;
    case 'month':
      return `tháng ${index ?? 1} năm ${year}`;
  }
}

/** A period with its label. */
export function makePeriod(kind: Period['kind'], year: number, index?: number): Period {
  const label = periodLabel(kind, year, index);
  return index === undefined || kind === 'year' || kind === 'nine-months' ? { kind, year, label } : { kind, year, index, label };
}

/**
 * Reads a round folder name, or null when baocao does not understand it (commands refuse such
 * a folder aloud). Diacritics, case, spaces, dashes, underscores, dots and slashes do not matter:
 * "du-toan", "Dự toán"; "2026", "Năm 2026"; "2026-H1", "2026-6t", "6 tháng đầu năm 2026",
 * "6 thang cuoi nam 2026"; "2026-9t", "9 tháng năm 2026"; "2026-Q3", "2026-quy-3",
 * "Quý III năm 2026", "Quy 3 - 2026", "Q3-2026", "Quý 3/2026"; "2026-07", "2026-thang-7",
 * "Tháng 7-2026", "Thang 07/2026". A name that could mean two different periods is refused.
 */
export function readRoundName(name: string): RoundName | null {
  const tokens = tokenize(name);
  if (tokens === null || tokens.length === 0) return null;
  let found: RoundName | null = null;
  for (const r of parses(tokens)) {
    if (found === null) found = r;
    else if (!sameRound(found, r)) return null;
  }
  return found;
}

/**
 * Lenient reading for places that only want a period when there is one (the plan's "Kỳ"
 * column, tests): a name baocao does not understand gives a progress round without a period.
 * Commands use readRoundName and refuse such folders.
 */
export function parseRoundName(name: string): RoundName {
  return readRoundName(name) ?? { kind: 'progress', period: null, label: `đợt ${name}` };
}

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

// ---------------------------------------------------------------------------------------------
// Tokenizer: the folded name cut into numbers and words; separators dropped, anything else refused.

type Token = { readonly t: 'num'; readonly v: number; readonly digits: number } | { readonly t: 'word'; readonly w: string };

/** Characters that only separate tokens: spaces, dashes (ASCII and typographic), underscores, dots, slashes, commas, brackets. */
const SEPARATORS = new Set([' ', '\t', '\u00a0', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '_', '.', '/', '\\', ',', '(', ')']);

/** Lower case without diacritics ("Quý" → "quy", "Đợt" → "dot"). */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

function tokenize(name: string): Token[] | null {
  const s = fold(name.normalize('NFC'));
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < s.length && (s[j] as string) >= '0' && (s[j] as string) <= '9') j++;
      const digits = s.slice(i, j);
      // A run of more digits than any part of a round name (a year has four) is not a round.
      if (digits.length > 4) return null;
      out.push({ t: 'num', v: Number(digits), digits: digits.length });
      i = j;
    } else if (c >= 'a' && c <= 'z') {
      let j = i;
      while (j < s.length && (s[j] as string) >= 'a' && (s[j] as string) <= 'z') j++;
      out.push({ t: 'word', w: s.slice(i, j) });
      i = j;
    } else if (SEPARATORS.has(c)) {
      i++;
    } else {
      return null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grammar (after optional leading "báo cáo", "đợt", "kỳ"; after "đợt"/"kỳ" only a year may follow as a number):
//   name     := estimate | year | YEAR body ["năm"] | body yearPart
//   estimate := "dự toán" ["kinh phí"] | "dutoan"
//   year     := ["cả"] ["năm"] YEAR
//   yearPart := ["năm"] YEAR
//   body     := ("quý" | "quí" | "q") (1–4 | I–IV)                        quarter
//             | "h" (1 | 2)                                                half
//             | 6 ("tháng" | "t") ["đầu" | "cuối" | 1 | 2]                 half (default: first)
//             | 3 ("tháng" | "t") ("đầu" | "cuối")                         quarter I or IV
//             | 9 ("tháng" | "t") ["đầu"]                                  nine months
//             | 12 ("tháng" | "t")                                         year
//             | ("tháng" | "t") 1–12                                       month
//             | 1–12 (one or two digits, next to the year)                 month
// YEAR is four digits, 1900–2199. Every parse of the whole name is produced; readRoundName
// accepts the name only when they all agree.

type Partial = { readonly kind: Period['kind']; readonly index?: number };
type Match<T> = readonly [T, number];

const PREFIXES: readonly (readonly string[])[] = [['bao', 'cao'], ['dot'], ['ky'], ['bc']];
const QUARTER_WORDS = new Set(['quy', 'qui', 'q']);
const MONTH_WORDS = new Set(['thang', 't']);
const ROMAN = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4]]);

function word(tk: readonly Token[], i: number, ...ws: string[]): boolean {
  const x = tk[i];
  return x !== undefined && x.t === 'word' && ws.includes(x.w);
}

function num(tk: readonly Token[], i: number): (Token & { t: 'num' }) | null {
  const x = tk[i];
  return x !== undefined && x.t === 'num' ? x : null;
}

function* parses(tk: readonly Token[]): Generator<RoundName> {
  for (const start of prefixEnds(tk, 0)) {
    // Estimate round.
    for (const end of estimate(tk, start)) if (end === tk.length) yield { kind: 'estimate', period: null, label: ESTIMATE_LABEL };
    // A whole year: "2026", "Năm 2026", "Cả năm 2026".
    {
      let i = start;
      if (word(tk, i, 'ca')) i++;
      for (const [y, end] of yearPart(tk, i)) if (end === tk.length) yield progress('year', y);
    }
    // Year first: "2026-Q3", "2026 quý 3", "Năm 2026 - 6 tháng đầu năm".
    for (const [y, afterYear] of yearPart(tk, start)) {
      for (const [p, end] of body(tk, afterYear)) {
        if (end === tk.length || (end === tk.length - 1 && word(tk, end, 'nam'))) yield progress(p.kind, y, p.index);
      }
    }
    // Period first: "Quý III năm 2026", "Q3-2026", "Tháng 7-2026", "9 tháng 2026".
    for (const [p, afterBody] of body(tk, start)) {
      for (const [y, end] of yearPart(tk, afterBody)) if (end === tk.length) yield progress(p.kind, y, p.index);
    }
  }
}

/**
 * Positions after zero or more leading words such as "báo cáo", "đợt", "kỳ". "Đợt 1 năm 2026" is
 * a numbered round, not January: after "đợt" or "kỳ" a number must be a year.
 */
function* prefixEnds(tk: readonly Token[], i: number): Generator<number> {
  yield i;
  for (const phrase of PREFIXES) {
    if (!phrase.every((w, k) => word(tk, i + k, w))) continue;
    const next = num(tk, i + phrase.length);
    if ((phrase[0] === 'dot' || phrase[0] === 'ky') && next && next.digits < 4) continue;
    yield* prefixEnds(tk, i + phrase.length);
  }
}

function* estimate(tk: readonly Token[], i: number): Generator<number> {
  let end = -1;
  if (word(tk, i, 'du') && word(tk, i + 1, 'toan')) end = i + 2;
  else if (word(tk, i, 'dutoan') || word(tk, i, 'estimate')) end = i + 1;
  if (end < 0) return;
  yield end;
  if (word(tk, end, 'kinh') && word(tk, end + 1, 'phi')) yield end + 2;
}

function* yearPart(tk: readonly Token[], i: number): Generator<Match<number>> {
  const at = word(tk, i, 'nam') ? i + 1 : i;
  const n = num(tk, at);
  if (n && n.digits === 4 && n.v >= 1900 && n.v <= 2199) yield [n.v, at + 1];
}

function* body(tk: readonly Token[], i: number): Generator<Match<Partial>> {
  // Quarter: "quý 3", "quý III", "Q3".
  if (word(tk, i, ...QUARTER_WORDS)) {
    const n = num(tk, i + 1);
    if (n && n.digits <= 2 && n.v >= 1 && n.v <= 4) yield [{ kind: 'quarter', index: n.v }, i + 2];
    const next = tk[i + 1];
    const roman = next?.t === 'word' ? ROMAN.get(next.w) : undefined;
    if (roman !== undefined) yield [{ kind: 'quarter', index: roman }, i + 2];
  }
  // Half: "H1", "H2".
  if (word(tk, i, 'h')) {
    const n = num(tk, i + 1);
    if (n && n.digits === 1 && (n.v === 1 || n.v === 2)) yield [{ kind: 'half', index: n.v }, i + 2];
  }
  // A number of months: "6 tháng (đầu|cuối)", "6t", "6t2", "3 tháng đầu", "9 tháng", "12 tháng".
  const count = num(tk, i);
  if (count && count.digits <= 2 && word(tk, i + 1, ...MONTH_WORDS)) {
    const after = i + 2;
    const firstOrLast = word(tk, after, 'dau') ? 1 : word(tk, after, 'cuoi') ? 2 : 0;
    const n = num(tk, after);
    switch (count.v) {
      case 6:
        if (firstOrLast > 0) yield [{ kind: 'half', index: firstOrLast }, after + 1];
        else if (n && n.digits === 1 && (n.v === 1 || n.v === 2)) yield [{ kind: 'half', index: n.v }, after + 1];
        yield [{ kind: 'half', index: 1 }, after];
        break;
      case 3:
        if (firstOrLast > 0) yield [{ kind: 'quarter', index: firstOrLast === 1 ? 1 : 4 }, after + 1];
        break;
      case 9:
        if (firstOrLast === 1) yield [{ kind: 'nine-months' }, after + 1];
        yield [{ kind: 'nine-months' }, after];
        break;
      case 12:
        yield [{ kind: 'year' }, after];
        break;
    }
  }
  // Month: "tháng 7", "T7", or a bare 1–12 next to the year ("2026-07", "07/2026").
  if (word(tk, i, ...MONTH_WORDS)) {
    const n = num(tk, i + 1);
    if (n && n.digits <= 2 && n.v >= 1 && n.v <= 12) yield [{ kind: 'month', index: n.v }, i + 2];
  }
  if (count && count.digits <= 2 && count.v >= 1 && count.v <= 12) yield [{ kind: 'month', index: count.v }, i + 1];
}

function progress(kind: Period['kind'], year: number, index?: number): RoundName {
  const period = makePeriod(kind, year, index);
  return { kind: 'progress', period, label: period.label };
}

function sameRound(a: RoundName, b: RoundName): boolean {
  if (a.kind !== b.kind) return false;
  if (a.period === null || b.period === null) return a.period === b.period;
  return a.period.kind === b.period.kind && a.period.year === b.period.year && a.period.index === b.period.index;
}
