/**
 * A round (đợt báo cáo) is a folder input/<plan>/<round>. "du-toan" is the budget-estimate
 * round; any other name is a progress round for a period ("2025", later "2026-Q3"…).
 */

export type RoundKind = 'estimate' | 'progress';

export interface Period {
  readonly kind: 'year' | 'half' | 'quarter' | 'nine-months' | 'month';
  readonly year: number;
  /** Half 1–2, quarter 1–4, month 1–12; absent for year and nine-months. */
  readonly index?: number;
  /** Vietnamese label used in text: "năm 2025", "quý III/2026", "6 tháng đầu năm 2026". */
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

/**
 * Reads a round folder name: "du-toan" (estimate), "2025" (year), and the period forms
 * "2026-H1"/"2026-6t" (6 tháng đầu năm), "2026-H2", "2026-Q3"/"2026-quy-3", "2026-9t",
 * "2026-07"/"2026-thang-7". Any other name is a progress round without a known period.
 */
export function parseRoundName(name: string): Pick<Round, 'kind' | 'period' | 'label'> {
  return parsePeriodName(name) ?? { kind: 'progress', period: null, label: `đợt ${name}` };
}

function parsePeriodName(name: string): Pick<Round, 'kind' | 'period' | 'label'> | null {
  const n = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();
  if (/^(du[-_ ]?toan|dutoan|estimate)$/.test(n)) return { kind: 'estimate', period: null, label: 'dự toán kinh phí' };
  let m = /^(\d{4})$/.exec(n);
  if (m) {
    const year = Number(m[1]);
    return progress({ kind: 'year', year, label: `năm ${year}` });
  }
  m = /^(\d{4})[-_ ]?(?:h|6t|6-?thang)(1|2)?$/.exec(n);
  if (m) {
    const year = Number(m[1]);
    const index = m[2] === '2' ? 2 : 1;
    return progress({ kind: 'half', year, index, label: index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}` });
  }
  m = /^(\d{4})[-_ ]?(?:q|quy[-_ ]?)([1-4])$/.exec(n);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    return progress({ kind: 'quarter', year, index, label: `quý ${ROMAN_QUARTERS[index - 1]}/${year}` });
  }
  m = /^(\d{4})[-_ ]?(?:9t|9-?thang)$/.exec(n);
  if (m) {
    const year = Number(m[1]);
    return progress({ kind: 'nine-months', year, label: `9 tháng năm ${year}` });
  }
  m = /^(\d{4})[-_ ](?:thang[-_ ]?)?(\d{1,2})$/.exec(n);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    if (index >= 1 && index <= 12) {
      return progress({ kind: 'month', year, index, label: `tháng ${String(index).padStart(2, '0')}/${year}` });
    }
  }
  return null;
}

function progress(period: Period): Pick<Round, 'kind' | 'period' | 'label'> {
  return { kind: 'progress', period, label: period.label };
}
