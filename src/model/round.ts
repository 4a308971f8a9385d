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
