/**
 * Period arithmetic shared by forms, validation and aggregation: which months and quarters a
 * period covers, its id as round folders and the plan name it, and plan values per period.
 */
import type { Indicator, IndicatorValue } from './indicator.js';
import type { Period } from './round.js';

/** First and last month (1–12) a period covers. */
export function periodMonths(p: Period): readonly [number, number] {
  switch (p.kind) {
    case 'year':
      return [1, 12];
    case 'half':
      return p.index === 2 ? [7, 12] : [1, 6];
    case 'quarter': {
      const q = p.index ?? 1;
      return [3 * q - 2, 3 * q];
    }
    case 'nine-months':
      return [1, 9];
    case 'month':
      return [p.index ?? 1, p.index ?? 1];
  }
}

/** Id of a period as round folders and the plan's "Kỳ" column write it: 2026, 2026-H1, 2026-Q3, 2026-9T, 2026-07. */
export function periodIdOf(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `${p.year}`;
    case 'half':
      return `${p.year}-H${p.index ?? 1}`;
    case 'quarter':
      return `${p.year}-Q${p.index ?? 1}`;
    case 'nine-months':
      return `${p.year}-9T`;
    case 'month':
      return `${p.year}-${String(p.index ?? 1).padStart(2, '0')}`;
  }
}

/** Quarters (1–4) a period is made of, when it spans more than one quarter; [] otherwise. */
export function quartersIn(p: Period): number[] {
  const [a, b] = periodMonths(p);
  if (b - a < 3 || (a - 1) % 3 !== 0 || b % 3 !== 0) return [];
  const out: number[] = [];
  for (let q = (a + 2) / 3; q <= b / 3; q++) out.push(q);
  return out;
}

/** The value of one field for an indicator and period id, from the plan's "Số liệu chỉ tiêu". */
export function planValue(values: readonly IndicatorValue[], code: string, periodId: string, field: 'plan' | 'scenario' | 'base'): number | null {
  return values.find((v) => v.code === code && v.period === periodId)?.[field] ?? null;
}

/**
 * Same period of the previous year for an indicator: stated for the period, or for a flow the
 * sum of the stated quarters (or months) it covers.
 */
export function baseValue(values: readonly IndicatorValue[], indicator: Indicator, p: Period): number | null {
  const direct = planValue(values, indicator.code, periodIdOf(p), 'base');
  if (direct !== null || indicator.kind !== 'flow') return direct;
  const [a, b] = periodMonths(p);
  const quarters = (a - 1) % 3 === 0 && b % 3 === 0 ? Array.from({ length: (b - a + 1) / 3 }, (_, i) => (a + 2) / 3 + i) : [];
  if (quarters.length > 1) {
    const parts = quarters.map((q) => planValue(values, indicator.code, `${p.year}-Q${q}`, 'base'));
    if (parts.every((x): x is number => x !== null)) return parts.reduce((s, x) => s + x, 0);
  }
  const months = Array.from({ length: b - a + 1 }, (_, i) => planValue(values, indicator.code, `${p.year}-${String(a + i).padStart(2, '0')}`, 'base'));
  if (months.length > 1 && months.every((x): x is number => x !== null)) return months.reduce((s, x) => s + x, 0);
  return null;
}
