/**
 * Indicators (chỉ tiêu): the quantified targets of a plan, their period values (plan, scenario,
 * same period last year) and how values combine across submitters and across periods.
 * Described in the plan workbook (sheets "Chỉ tiêu", "Số liệu chỉ tiêu", "Kịch bản tăng trưởng").
 */
import { z } from 'zod';

/** How one period's values from several submitters combine: added up, or one owner's value. */
export const COMBINE = ['sum', 'single'] as const;
/** Whether more is better ("at least") or less is better ("at most"). */
export const DIRECTION = ['min', 'max'] as const;
/**
 * flow: a quantity of the period that adds up over periods (production, revenue) — H1 = Q1 + Q2;
 * stock: a level at the end of the period (enterprises operating) — H1 = the value at Q2;
 * rate: a percentage or ratio (growth, share) — never added.
 */
export const INDICATOR_KINDS = ['flow', 'stock', 'rate'] as const;
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
  /** Agency code of the owner (the one who reports it). */
  owner: z.string().min(1),
  combine: z.enum(COMBINE),
  direction: z.enum(DIRECTION),
  kind: z.enum(INDICATOR_KINDS),
  /** Set for the GRDP components at comparable prices and the GRDP total. */
  grdp: z.enum(GRDP_ROLES).nullable(),
  /** Code of the indicator this one is a part of (Công nghiệp → Công nghiệp và xây dựng); flows must add up. */
  parent: z.string().nullable(),
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
