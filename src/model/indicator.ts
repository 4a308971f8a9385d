/**
 * Indicators (chỉ tiêu): the quantified targets of a plan, their period values (plan, scenario,
 * same period last year) and how values combine across submitters and across periods.
 * Described in the plan workbook (sheets "Chỉ tiêu", "Số liệu chỉ tiêu", "Kịch bản tăng trưởng").
 */
import * as z from 'zod';
import type { IndicatorReport, Submission } from './submission.js';

/** How one period's values from several submitters combine: added up, or one owner's value. */
export const COMBINE = ['sum', 'single'] as const;
/** at least (≥), at most (≤), above (>), below (<): how the target is met. */
export const DIRECTION = ['min', 'max', 'above', 'below'] as const;
/**
 * flow: a quantity of the period that adds up over periods (production, revenue) — H1 = Q1 + Q2;
 * stock: a level at the end of the period (enterprises operating) — H1 = the value at Q2;
 * rate: a percentage or ratio (growth, share) — never added.
 */
export const INDICATOR_KINDS = ['flow', 'stock', 'rate', 'ratio', 'coverage'] as const;
/**
 * ratio: Σ numerator ÷ Σ denominator × 100 over all submitters (never the mean of their rates);
 * coverage: % of the reporters whose figure of `numerator` is at least 1 ("100 % of communes
 * with an online seller"). Both are computed by baocao, never submitted.
 */
export const DERIVED_KINDS = ['ratio', 'coverage'] as const;
/**
 * Role of an indicator in the GRDP growth computation: one of the four components of value
 * added at comparable prices, or the total (computed by baocao as their sum, never submitted).
 */
export const GRDP_ROLES = ['nlts', 'cnxd', 'dv', 'thue', 'total'] as const;
export type GrdpRole = (typeof GRDP_ROLES)[number];

export const indicatorSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  unit: z.string(),
  /** Heading the indicator is grouped under in the appendix ("Kinh tế", "Nông nghiệp"…). */
  group: z.string(),
  /** Who answers for it: an agency code, or the name of a group of agencies. */
  owner: z.string().min(1),
  /** Codes of the agencies that report it (the owner, or every member of the owner group). */
  reporters: z.array(z.string()),
  combine: z.enum(COMBINE),
  direction: z.enum(DIRECTION),
  kind: z.enum(INDICATOR_KINDS),
  /** Set for the GRDP components at comparable prices and the GRDP total. */
  grdp: z.enum(GRDP_ROLES).nullable(),
  /** Code of the indicator this one is a part of (Công nghiệp → Công nghiệp và xây dựng); flows must add up. */
  parent: z.string().nullable(),
  /** ratio: numerator and denominator indicator codes; coverage: the counted indicator in `numerator`. */
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  /** 'plan': the target is over the whole plan (3.000 trainees 2026–2030) and values add up across years. */
  accumulate: z.enum(['year', 'plan']),
  /** Baseline (year and value) and final target (year and value) of a multi-year plan. */
  baseline: z.object({ year: z.number().int(), value: z.number().nullable() }).nullable(),
  target: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  /** Order in the plan. */
  order: z.number().int(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

/** Plan, scenario and base (same period of the previous year) of one indicator for one period id. */
export const indicatorValueSchema = z.object({
  code: z.string(),
  /** Period id as round folders name it: "2026", "2026-H1", "2026-Q3", "2026-07". */
  period: z.string(),
  plan: z.number().nullable(),
  scenario: z.number().nullable(),
  base: z.number().nullable(),
  /** Where `base` is on "Số liệu chỉ tiêu" (A1 address), when it was read there. */
  baseCell: z.string().optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

/** One row of the published growth-scenario table (growth %, by period), kept to cross-check it. */
export const scenarioRowSchema = z.object({
  /** Indicator code of the component ("GRDP" for the total row). */
  code: z.string(),
  label: z.string(),
  q1: z.number().nullable(),
  q2: z.number().nullable(),
  h1: z.number().nullable(),
  q3: z.number().nullable(),
  q4: z.number().nullable(),
  h2: z.number().nullable(),
  year: z.number().nullable(),
  /** Where the row is in the plan workbook, for findings. */
  row: z.number().int(),
});
export type ScenarioRow = z.infer<typeof scenarioRowSchema>;

/** Whether an indicator is computed by baocao (not asked in the forms). */
export function isDerived(ind: Pick<Indicator, 'kind' | 'grdp'>): boolean {
  return ind.kind === 'ratio' || ind.kind === 'coverage' || ind.grdp === 'total';
}

/**
 * The reports a round's figure of an indicator is made of: the owner's alone (one reporter), or
 * every reporter's that gave a figure (added up).
 */
export function countedReports(ind: Indicator, subs: readonly Submission[]): IndicatorReport[] {
  const reports = subs.flatMap((s) =>
    (s.indicators ?? []).filter((r) => r.code === ind.code && r.actual !== null && ind.reporters.includes(s.agencyCode)).map((r) => ({ s, r })),
  );
  if (ind.combine === 'single' && ind.reporters.length <= 1) {
    const own = reports.find((x) => x.s.agencyCode === ind.owner) ?? reports[0];
    return own ? [own.r] : [];
  }
  return reports.map((x) => x.r);
}
