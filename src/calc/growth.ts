/**
 * Growth arithmetic for periodic reports (official-format §5): growth against the same period,
 * % of plan, gaps in percentage points, GRDP contributions (GSO method), the growth the remaining
 * quarters must reach. The cross-checks of a scenario table and of period sums are in scenario.ts.
 * Pure functions: no I/O, no findings; callers turn the returned data into findings.
 *
 * Formulas (g in %, levels at comparable prices; see GROWTH.md for the Vietnamese version):
 *   growth             g = (X_t / X_{t-1} − 1) × 100                       (null when X_{t-1} ≤ 0)
 *   % of plan          p = TH / KH × 100                                    (null when KH ≤ 0)
 *   gap to scenario    d = g_actual − g_scenario                            (percentage points)
 *   contribution       c_i = (X_{i,t} − X_{i,t-1}) / Σ_j X_{j,t-1} × 100     (points; Σ c_i = g_total)
 *   share of growth    s_i = c_i / Σ_j c_j × 100 = ΔX_i / Σ_j ΔX_j × 100     (%; Σ s_i = 100)
 *   weighted growth    g = Σ w_p g_p / Σ w_p, w_p = last year's level of part p
 *   required growth    T = Σ_q Q_{q,t-1} × (1 + g* / 100);  r = ((T − A_t) / Σ_{q>k} Q_{q,t-1} − 1) × 100
 *                      (weighted form: r = (g* Σw − Σ_{p≤k} w_p g_p) / Σ_{p>k} w_p)
 *   average growth     ḡ = ((X_n / X_0)^(1/n) − 1) × 100
 *   implied weight     w_H1 = (g_H2 − g_year) / (g_H2 − g_H1)   (share of H1 in last year's level,
 *                      from one row of a scenario table; likewise Q1 in H1 and Q3 in H2)
 */

/** Last year's four quarterly levels (comparable prices) of one component. */
export type Quarters = readonly [number, number, number, number];

/** The value, or null when it is not finite (a ratio over a base near 0 can overflow to Infinity). */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Growth of `current` over `base` in %: (current / base − 1) × 100; null when base ≤ 0 or a value (or the result) is not finite. */
export function growthPct(current: number, base: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(base) || base <= 0) return null;
  return finiteOrNull((current / base - 1) * 100);
}

/** Share of the plan achieved in %: actual / plan × 100; null when plan ≤ 0 or a value (or the result) is not finite. */
export function planAchievementPct(actual: number, plan: number): number | null {
  if (!Number.isFinite(actual) || !Number.isFinite(plan) || plan <= 0) return null;
  return finiteOrNull((actual / plan) * 100);
}

/** Gap between two percentages in percentage points (actual − scenario); negative means below the scenario. */
export function gapPoints(actualPct: number, scenarioPct: number): number {
  return actualPct - scenarioPct;
}

/** Average annual growth in % over `years` years: ((end / start)^(1/years) − 1) × 100; null when start or end ≤ 0 or years ≤ 0. */
export function averageAnnualGrowth(start: number, end: number, years: number): number | null {
  if (![start, end, years].every(Number.isFinite) || start <= 0 || end <= 0 || years <= 0) return null;
  return finiteOrNull((Math.pow(end / start, 1 / years) - 1) * 100);
}

/** One component of a total (a GRDP sector) with its level this period and in the same period last year. */
export interface ComponentLevels {
  readonly code: string;
  readonly current: number;
  readonly base: number;
}

/** Growth, contribution (points) and share of growth (%) of one component. */
export interface ContributionItem {
  code: string;
  growth: number | null;
  /** Percentage points: (current − base) / total base × 100. */
  contribution: number | null;
  /** % of the combined increase of the listed components: Δ_i / ΣΔ × 100. */
  share: number | null;
}

/** Result of {@link contributions}. */
export interface ContributionsResult {
  total: {
    current: number;
    base: number;
    growth: number | null;
    /** Σ of the items' contributions (points); equals `growth` unless `totalBase` was given. */
    contribution: number | null;
  };
  items: ContributionItem[];
}

/**
 * Growth, contribution in percentage points and share of growth of each component (GSO method):
 * c_i = (current_i − base_i) / Σbase × 100 (or / totalBase when given), so Σ c_i = total growth.
 * Throws a RangeError when a value is not finite.
 */
export function contributions(components: readonly ComponentLevels[], totalBase?: number): ContributionsResult {
  for (const c of components) {
    if (!Number.isFinite(c.current) || !Number.isFinite(c.base)) {
      throw new RangeError(`contributions: values of ${c.code} must be finite (current ${c.current}, base ${c.base})`);
    }
  }
  if (totalBase !== undefined && !Number.isFinite(totalBase)) {
    throw new RangeError(`contributions: totalBase must be finite, got ${totalBase}`);
  }
  const current = sum(components.map((c) => c.current));
  const base = sum(components.map((c) => c.base));
  const denominator = totalBase ?? base;
  const increase = current - base;
  const items: ContributionItem[] = components.map((c) => {
    const delta = c.current - c.base;
    return {
      code: c.code,
      growth: growthPct(c.current, c.base),
      contribution: denominator > 0 ? finiteOrNull((delta / denominator) * 100) : null,
      share: increase !== 0 ? finiteOrNull((delta / increase) * 100) : null,
    };
  });
  return {
    total: {
      current,
      base,
      growth: growthPct(current, base),
      contribution: denominator > 0 ? finiteOrNull((increase / denominator) * 100) : null,
    },
    items,
  };
}

/** Cumulative growth of a period from its parts: Σ w g / Σ w with w = last year's level of each part; throws a RangeError on bad input. */
export function weightedGrowth(baseWeights: readonly number[], growths: readonly number[]): number {
  if (baseWeights.length !== growths.length || baseWeights.length === 0) {
    throw new RangeError(`weightedGrowth: ${baseWeights.length} weights for ${growths.length} growths`);
  }
  if (![...baseWeights, ...growths].every(Number.isFinite)) throw new RangeError('weightedGrowth: values must be finite');
  const total = sum(baseWeights);
  if (total <= 0) throw new RangeError(`weightedGrowth: weights must add up to more than 0, got ${total}`);
  return sum(baseWeights.map((w, i) => w * (growths[i] ?? 0))) / total;
}

/**
 * Growth in % that the remaining parts must reach together so the whole period reaches `targetPct`,
 * given the growths of the first parts: r = (g* Σw − Σ_{p≤m} w_p g_p) / Σ_{p>m} w_p (w = last year's levels).
 */
export function requiredGrowthWeighted(baseWeights: readonly number[], achievedGrowths: readonly number[], targetPct: number): number {
  const m = achievedGrowths.length;
  if (m >= baseWeights.length) {
    throw new RangeError(`requiredGrowthWeighted: ${m} achieved growths leave no remaining part of ${baseWeights.length}`);
  }
  if (![...baseWeights, ...achievedGrowths, targetPct].every(Number.isFinite)) {
    throw new RangeError('requiredGrowthWeighted: values must be finite');
  }
  const remaining = sum(baseWeights.slice(m));
  if (remaining <= 0) throw new RangeError(`requiredGrowthWeighted: remaining weight must be more than 0, got ${remaining}`);
  const achieved = sum(achievedGrowths.map((g, i) => (baseWeights[i] ?? 0) * g));
  return (targetPct * sum(baseWeights) - achieved) / remaining;
}

/** Input of {@link requiredGrowth}. */
export interface RequiredGrowthInput {
  /** Last year's quarterly levels at comparable prices. */
  readonly baseQuarters: Quarters;
  /** This year's level over quarters 1..k (same prices). */
  readonly achieved: number;
  /** Quarters already achieved. */
  readonly k: 1 | 2 | 3;
  /** Growth target for the year, %. */
  readonly targetPct: number;
}

/**
 * Growth in % the remaining quarters k+1..4 must reach together for the year to reach its target:
 * r = ((T − A) / Σ_{q>k} Q_{q,t−1} − 1) × 100 with T = ΣQ_{t−1} × (1 + g* / 100); throws a RangeError on bad input.
 */
export function requiredGrowth(input: RequiredGrowthInput): number {
  const { baseQuarters, achieved, k, targetPct } = input;
  if (![1, 2, 3].includes(k)) throw new RangeError(`requiredGrowth: k must be 1, 2 or 3, got ${k}`);
  if (![...baseQuarters, achieved, targetPct].every(Number.isFinite)) throw new RangeError('requiredGrowth: values must be finite');
  const remaining = sum(baseQuarters.slice(k));
  if (remaining <= 0) throw new RangeError(`requiredGrowth: last year's remaining quarters must add up to more than 0, got ${remaining}`);
  const target = sum(baseQuarters) * (1 + targetPct / 100);
  return ((target - achieved) / remaining - 1) * 100;
}

/** Sum of a list of numbers (0 for none). */
export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
