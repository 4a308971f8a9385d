/**
 * Cross-checks of what a plan states (official-format §5): period sums of flow indicators
 * (Q1+Q2 = H1 …) and the consistency of a published growth-scenario table with the levels it
 * implies. Pure functions: no I/O, no findings; callers turn the returned data into findings.
 * The growth formulas themselves are in growth.ts.
 */
import type { ScenarioRow } from '../model/indicator.js';
import { formatPercent } from '../vn/numbers.js';
import { requiredGrowthWeighted, sum, type Quarters } from './growth.js';
// ---------------------------------------------------------------------------------------------
// Period sums of flow indicators (current prices)
// ---------------------------------------------------------------------------------------------

/** Period values of one flow indicator (missing values are skipped). */
export interface PeriodSumsRow {
  readonly q1?: number | null;
  readonly q2?: number | null;
  readonly h1?: number | null;
  readonly q3?: number | null;
  readonly q4?: number | null;
  readonly h2?: number | null;
  readonly nineMonths?: number | null;
  readonly year?: number | null;
}

/** A period total that does not equal the sum of its parts. */
export interface PeriodSumIssue {
  column: string;
  stated: number;
  expected: number;
  rule: string;
}

/**
 * Checks the additivity of a flow indicator at current prices: Q1+Q2 = H1, Q3+Q4 = H2, H1+Q3 = 9 months,
 * H1+H2 = year (or 9 months + Q4, or Q1+…+Q4 when a half is missing), each only when all its values are present.
 */
export function checkPeriodSums(row: PeriodSumsRow, tolerance: number): PeriodSumIssue[] {
  const v = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const q1 = v(row.q1), q2 = v(row.q2), h1 = v(row.h1), q3 = v(row.q3), q4 = v(row.q4), h2 = v(row.h2);
  const nine = v(row.nineMonths), year = v(row.year);
  const issues: PeriodSumIssue[] = [];
  const test = (column: string, stated: number | null, parts: readonly (number | null)[], rule: string): boolean => {
    if (stated === null || parts.some((p) => p === null)) return false;
    const expected = sum(parts as number[]);
    if (Math.abs(stated - expected) > tolerance + EPSILON) issues.push({ column, stated, expected, rule });
    return true;
  };
  test('h1', h1, [q1, q2], 'Quý I + Quý II = 6 tháng đầu năm');
  test('h2', h2, [q3, q4], 'Quý III + Quý IV = 6 tháng cuối năm');
  if (!test('nineMonths', nine, [h1, q3], '6 tháng đầu năm + Quý III = 9 tháng')) {
    test('nineMonths', nine, [q1, q2, q3], 'Quý I + Quý II + Quý III = 9 tháng');
  }
  if (!test('year', year, [h1, h2], '6 tháng đầu năm + 6 tháng cuối năm = cả năm')) {
    if (!test('year', year, [nine, q4], '9 tháng + Quý IV = cả năm')) {
      test('year', year, [q1, q2, q3, q4], 'Quý I + Quý II + Quý III + Quý IV = cả năm');
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Cross-check of a growth-scenario table (growth %, by quarter, half and year)
// ---------------------------------------------------------------------------------------------

/** Columns of a scenario table, in table order. */
export const SCENARIO_COLUMNS = ['q1', 'q2', 'h1', 'q3', 'q4', 'h2', 'year'] as const;
/** One column of a scenario table. */
export type ScenarioColumn = (typeof SCENARIO_COLUMNS)[number];

/** Last year's level of one row for each period of the table (comparable prices, any unit). */
export type PeriodLevels = Record<ScenarioColumn, number>;

/** A figure of the scenario table that does not follow from the others. */
export interface ScenarioIssue {
  code: string;
  /** Workbook row of the table row (ScenarioRow.row). */
  row: number;
  column: ScenarioColumn;
  stated: number;
  implied: number;
  /** For a year issue of the within-row check: the H2 growth needed to reach the stated year given the stated H1. */
  neededH2?: number;
  /** Whether the weights come from last year's values or are inferred from the table itself. */
  basis: 'base-values' | 'implied-weights';
  /** within-row: a half or the year vs its own parts; components: the total row vs the component rows. */
  check: 'within-row' | 'components';
  /** Vietnamese explanation with the numbers written the Vietnamese way. */
  explanation: string;
}

/** Options of {@link checkScenario} and {@link scenarioWeights}. */
export interface ScenarioOptions {
  /** Largest accepted difference in percentage points; default 0,05 (the table has 2 decimals). */
  readonly tolerance?: number;
  /** Code of the total row; default "GRDP". */
  readonly totalCode?: string;
  /** Codes of the rows that add up to the total; default every row except the total. Other rows get within-row checks only. */
  readonly components?: readonly string[];
  /**
   * How implied shares are fitted when `base` is null: 'robust' (default) down-weights columns off by more than the
   * tolerance (Huber), so a single inconsistent figure stays where it is; 'least-squares' is the plain fit.
   */
  readonly fit?: 'robust' | 'least-squares';
}

/** Weights of a scenario table: each component's last-year levels per period, scaled so that the components' year levels add up to 1 when implied. */
export interface ScenarioWeights {
  basis: 'base-values' | 'implied-weights';
  /** Components in table order with their levels; null when the total row cannot be related to them. */
  components: { code: string; levels: PeriodLevels }[] | null;
  /** Σ of the components' levels (the total row's weights); null like `components`. */
  total: PeriodLevels | null;
}

/** Shares a row's own figures imply: H1 in the year, Q1 in H1, Q3 in H2 (0,5 when not determined; clamped to 0–1). */
export function impliedRowWeights(row: Pick<ScenarioRow, ScenarioColumn>): { h1InYear: number; q1InH1: number; q3InH2: number } {
  const h1 = row.h1 ?? meanOrNull(row.q1, row.q2);
  const h2 = row.h2 ?? meanOrNull(row.q3, row.q4);
  return {
    h1InYear: partWeight(h1, h2, row.year),
    q1InH1: partWeight(row.q1, row.q2, row.h1),
    q3InH2: partWeight(row.q3, row.q4, row.h2),
  };
}

/** Last-year levels per period from four quarterly levels. */
export function levelsFromQuarters(q: Quarters): PeriodLevels {
  const [q1, q2, q3, q4] = q;
  return { q1, q2, h1: q1 + q2, q3, q4, h2: q3 + q4, year: q1 + q2 + q3 + q4 };
}

/**
 * Levels used to weigh a scenario table: from `base` (each component's last-year quarters) when it covers every
 * component, otherwise inferred from the table — each row's own H1/Q1/Q3 weights and the components' year shares
 * fitted by non-negative least squares to the total row (Σ share_i g_i = g_total per column, Σ share_i = 1).
 */
export function scenarioWeights(
  rows: readonly ScenarioRow[],
  base: ReadonlyMap<string, Quarters> | null,
  options?: ScenarioOptions,
): ScenarioWeights {
  const { total, components } = splitRows(rows, options);
  if (base !== null && components.length > 0 && components.every((c) => base.has(c.code))) {
    const levels = components.map((c) => ({ code: c.code, levels: levelsFromQuarters(base.get(c.code) as Quarters) }));
    return { basis: 'base-values', components: levels, total: sumLevels(levels.map((l) => l.levels)) };
  }
  if (total === null || components.length === 0) return { basis: 'implied-weights', components: null, total: null };
  const fractions = components.map((c) => fractionsOfYear(c));
  const usable = SCENARIO_COLUMNS.filter((col) => total[col] !== null && components.every((c) => c[col] !== null));
  if (usable.length === 0) return { basis: 'implied-weights', components: null, total: null };
  const shares = fitYearShares(
    components.length,
    usable.map((col) => ({
      fractions: fractions.map((f) => f[col]),
      gaps: components.map((c) => (c[col] as number) - (total[col] as number)),
    })),
    (options?.fit ?? 'robust') === 'robust',
    options?.tolerance ?? DEFAULT_TOLERANCE,
  );
  const levels = components.map((c, i) => ({ code: c.code, levels: scaleLevels(fractions[i] as PeriodLevels, shares[i] ?? 0) }));
  return { basis: 'implied-weights', components: levels, total: sumLevels(levels.map((l) => l.levels)) };
}

/**
 * Cross-checks a published growth-scenario table: (1) within each row, H1 = weighted mean of Q1, Q2, H2 of Q3, Q4 and
 * the year of H1, H2 (weights = last year's levels of the row; the total row uses the sum of the components), and
 * (2) each column of the total row = the components' growths weighted by their last-year shares of that period.
 */
export function checkScenario(
  rows: readonly ScenarioRow[],
  base: ReadonlyMap<string, Quarters> | null,
  options?: ScenarioOptions,
): ScenarioIssue[] {
  const tolerance = options?.tolerance ?? DEFAULT_TOLERANCE;
  const { total, components } = splitRows(rows, options);
  const weights = scenarioWeights(rows, base, options);
  const issues: ScenarioIssue[] = [];
  for (const row of rows) {
    let levels: PeriodLevels;
    let basis: ScenarioIssue['basis'];
    if (row === total && weights.total !== null) {
      levels = weights.total;
      basis = weights.basis;
    } else if (base?.has(row.code) === true && row !== total) {
      levels = levelsFromQuarters(base.get(row.code) as Quarters);
      basis = 'base-values';
    } else {
      levels = fractionsOfYear(row);
      basis = 'implied-weights';
    }
    issues.push(...checkRow(row, levels, basis, tolerance));
  }
  if (total !== null && weights.components !== null) {
    issues.push(...checkTotal(total, components, weights.components, weights.basis, tolerance));
  }
  return issues.sort((a, b) => a.row - b.row || SCENARIO_COLUMNS.indexOf(a.column) - SCENARIO_COLUMNS.indexOf(b.column));
}

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

/** Floating-point slack added to tolerances, so 0,1 accepted at tolerance 0,1 whatever the binary rounding. */
const EPSILON = 1e-9;
/** Default tolerance of the scenario check, in points: the table is published with 2 decimals. */
const DEFAULT_TOLERANCE = 0.05;

const COLUMN_NAMES: Record<ScenarioColumn, string> = {
  q1: 'quý I',
  q2: 'quý II',
  h1: '6 tháng đầu năm',
  q3: 'quý III',
  q4: 'quý IV',
  h2: '6 tháng cuối năm',
  year: 'cả năm',
};

/** For each derived column: its two parts. */
const PARTS: readonly (readonly [ScenarioColumn, ScenarioColumn, ScenarioColumn])[] = [
  ['h1', 'q1', 'q2'],
  ['h2', 'q3', 'q4'],
  ['year', 'h1', 'h2'],
];

function meanOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : (a + b) / 2;
}

function pct(value: number): string {
  return `${formatPercent(value, 2)}%`;
}

/** Weight of the first part when `whole` is the weighted mean of `first` and `second`: (second − whole) / (second − first). */
function partWeight(first: number | null, second: number | null, whole: number | null): number {
  if (first === null || second === null || whole === null || first === second) return 0.5;
  const w = (second - whole) / (second - first);
  return Math.min(1, Math.max(0, w));
}

function splitRows(rows: readonly ScenarioRow[], options?: ScenarioOptions): { total: ScenarioRow | null; components: ScenarioRow[] } {
  const totalCode = options?.totalCode ?? 'GRDP';
  const total = rows.find((r) => r.code === totalCode) ?? null;
  const components = rows.filter((r) => r !== total && (options?.components === undefined || options.components.includes(r.code)));
  return { total, components };
}

/** A row's levels as fractions of its year level, from its own figures. */
function fractionsOfYear(row: Pick<ScenarioRow, ScenarioColumn>): PeriodLevels {
  const { h1InYear: w, q1InH1: u, q3InH2: v } = impliedRowWeights(row);
  return { q1: w * u, q2: w * (1 - u), h1: w, q3: (1 - w) * v, q4: (1 - w) * (1 - v), h2: 1 - w, year: 1 };
}

function scaleLevels(levels: PeriodLevels, factor: number): PeriodLevels {
  const out = { ...levels };
  for (const col of SCENARIO_COLUMNS) out[col] = levels[col] * factor;
  return out;
}

function sumLevels(list: readonly PeriodLevels[]): PeriodLevels {
  const out: PeriodLevels = { q1: 0, q2: 0, h1: 0, q3: 0, q4: 0, h2: 0, year: 0 };
  for (const l of list) for (const col of SCENARIO_COLUMNS) out[col] += l[col];
  return out;
}

/**
 * Non-negative least squares for the components' year shares y (Σ y = 1, y ≥ 0) minimising, over the usable columns
 * P, the squared gap in points between the share-weighted growth of the components and the total:
 * r_P = Σ_i y_i f_iP (g_iP − g_TP) / Σ_i y_i f_iP. The denominator is refreshed by iteration (reweighted least
 * squares); each step enumerates the active sets, which is exact for the handful of GRDP components. With `robust`,
 * columns whose gap exceeds `scale` get the Huber weight scale/|r_P|, so one inconsistent figure is not spread over
 * the others.
 */
function fitYearShares(
  n: number,
  equations: readonly { fractions: readonly number[]; gaps: readonly number[] }[],
  robust: boolean,
  scale: number,
): number[] {
  let y: number[] = Array.from({ length: n }, () => 1 / n);
  let weights = equations.map(() => 1);
  const residuals = (shares: readonly number[]): number[] =>
    equations.map((eq) => {
      const level = sum(eq.fractions.map((f, i) => f * (shares[i] ?? 0)));
      return level > 0 ? sum(eq.fractions.map((f, i) => f * (eq.gaps[i] ?? 0) * (shares[i] ?? 0))) / level : 0;
    });
  for (let iter = 0; iter < 200; iter++) {
    const matrix = equations.map((eq, p) => {
      const level = sum(eq.fractions.map((f, i) => f * (y[i] ?? 0)));
      const w = Math.sqrt(weights[p] ?? 1);
      return eq.fractions.map((f, i) => (level > 0 ? (w * f * (eq.gaps[i] ?? 0)) / level : 0));
    });
    const next = simplexLeastSquares(matrix, n);
    const change = Math.max(...next.map((v, i) => Math.abs(v - (y[i] ?? 0))));
    y = next;
    if (robust) weights = residuals(y).map((r) => (Math.abs(r) > scale ? scale / Math.abs(r) : 1));
    if (change < 1e-13) break;
  }
  return y;
}

/** min ‖M y‖² + ε‖y − 1/n‖² subject to Σ y = 1, y ≥ 0, by enumerating the sets of positive shares (n ≤ 16). */
function simplexLeastSquares(matrix: readonly (readonly number[])[], n: number): number[] {
  if (n > 16) throw new RangeError(`scenario check supports at most 16 components, got ${n}`);
  const ridge = 1e-9;
  let best: { residual: number; y: number[] } | null = null;
  for (let mask = 1; mask < 1 << n; mask++) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) idx.push(i);
    const m = idx.length;
    // KKT system: [2(MᵀM + εI) 1; 1ᵀ 0] [y; λ] = [2ε/n; 1]
    const a: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(m + 2).fill(0));
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (const eq of matrix) s += (eq[idx[r] as number] ?? 0) * (eq[idx[c] as number] ?? 0);
        (a[r] as number[])[c] = 2 * (s + (r === c ? ridge : 0));
      }
      (a[r] as number[])[m] = 1;
      (a[m] as number[])[r] = 1;
      (a[r] as number[])[m + 1] = (2 * ridge) / n;
    }
    (a[m] as number[])[m + 1] = 1;
    const solution = solveLinear(a);
    if (solution === null) continue;
    const y = new Array<number>(n).fill(0);
    let feasible = true;
    for (let r = 0; r < m; r++) {
      const v = solution[r] as number;
      if (v < -1e-12) feasible = false;
      y[idx[r] as number] = Math.max(0, v);
    }
    if (!feasible) continue;
    let residual = 0;
    for (const eq of matrix) residual += sum(eq.map((e, i) => e * (y[i] ?? 0))) ** 2;
    for (const v of y) residual += ridge * (v - 1 / n) ** 2;
    if (best === null || residual < best.residual - 1e-18) best = { residual, y };
  }
  return best?.y ?? new Array<number>(n).fill(1 / n);
}

/** Gaussian elimination with partial pivoting on an augmented matrix; null when singular. */
function solveLinear(augmented: number[][]): number[] | null {
  const n = augmented.length;
  const a = augmented.map((r) => [...r]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) < 1e-14) return null;
    [a[col], a[pivot]] = [pivotRow, a[col] as number[]];
    const p = a[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / (p[col] as number);
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (p[c] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

function basisNote(basis: ScenarioIssue['basis']): string {
  return basis === 'base-values' ? 'theo số liệu năm trước' : 'theo tỷ trọng suy ra từ chính bảng kịch bản';
}

/** Within-row checks: H1 from Q1, Q2; H2 from Q3, Q4; year from H1, H2 (a missing half is taken from its quarters). */
function checkRow(row: ScenarioRow, levels: PeriodLevels, basis: ScenarioIssue['basis'], tolerance: number): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const value = (col: ScenarioColumn): number | null => {
    const stated = row[col];
    if (stated !== null || col === 'year') return stated;
    const [, a, b] = PARTS.find((p) => p[0] === col) ?? [];
    if (a === undefined || b === undefined) return null;
    const ga = row[a], gb = row[b];
    if (ga === null || gb === null || levels[col] <= 0) return null;
    return (levels[a] * ga + levels[b] * gb) / levels[col];
  };
  for (const [whole, a, b] of PARTS) {
    const stated = row[whole];
    const ga = value(a), gb = value(b);
    if (stated === null || ga === null || gb === null) continue;
    if (!(levels[a] >= 0 && levels[b] >= 0 && levels[whole] > 0)) continue;
    const implied = (levels[a] * ga + levels[b] * gb) / levels[whole];
    if (Math.abs(stated - implied) <= tolerance + EPSILON) continue;
    const weightA = (levels[a] / levels[whole]) * 100;
    let explanation =
      `${row.label}: ${COLUMN_NAMES[whole]} ghi ${pct(stated)}, nhưng ${COLUMN_NAMES[a]} tăng ${pct(ga)} và ` +
      `${COLUMN_NAMES[b]} tăng ${pct(gb)} thì ${COLUMN_NAMES[whole]} tăng ${pct(implied)}, không phải ${pct(stated)} ` +
      `(${basisNote(basis)}, ${COLUMN_NAMES[a]} chiếm ${pct(weightA)} ${COLUMN_NAMES[whole]})`;
    const issue: ScenarioIssue = { code: row.code, row: row.row, column: whole, stated, implied, basis, check: 'within-row', explanation: '' };
    if (whole === 'year' && levels.h2 > 0) {
      const neededH2 = requiredGrowthWeighted([levels.h1, levels.h2], [ga], stated);
      issue.neededH2 = neededH2;
      explanation += `; muốn cả năm tăng ${pct(stated)} thì 6 tháng cuối năm phải tăng ${pct(neededH2)}`;
    }
    issue.explanation = `${explanation}.`;
    issues.push(issue);
  }
  return issues;
}

/** Total-row checks: each column vs the components' growths weighted by their last-year shares of that period. */
function checkTotal(
  total: ScenarioRow,
  components: readonly ScenarioRow[],
  levels: readonly { code: string; levels: PeriodLevels }[],
  basis: ScenarioIssue['basis'],
  tolerance: number,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const col of SCENARIO_COLUMNS) {
    const stated = total[col];
    if (stated === null || components.some((c) => c[col] === null)) continue;
    const weights = components.map((_, i) => levels[i]?.levels[col] ?? 0);
    const whole = sum(weights);
    if (whole <= 0) continue;
    const implied = sum(components.map((c, i) => (weights[i] ?? 0) * (c[col] as number))) / whole;
    if (Math.abs(stated - implied) <= tolerance + EPSILON) continue;
    const parts = components.map((c, i) => `${c.label} ${pct(c[col] as number)} × tỷ trọng ${pct(((weights[i] ?? 0) / whole) * 100)}`).join('; ');
    issues.push({
      code: total.code,
      row: total.row,
      column: col,
      stated,
      implied,
      basis,
      check: 'components',
      explanation:
        `${total.label}: ${COLUMN_NAMES[col]} ghi ${pct(stated)}, nhưng tốc độ tăng của các khu vực (${parts}; ` +
        `${basisNote(basis)}) cho ${COLUMN_NAMES[col]} tăng ${pct(implied)}, không phải ${pct(stated)}.`,
    });
  }
  return issues;
}
