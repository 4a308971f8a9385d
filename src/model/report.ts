/**
 * The report model: aggregated, readonly plain data with every figure computed by baocao
 * (never copied from an agency's own totals). Produced by the aggregate stage.
 */
import type { Indicator } from './indicator.js';
import type { Plan } from './plan.js';
import type { Round } from './round.js';
import type { TaskStatus } from './sheets.js';
import type { CellRef, FileStatus } from './submission.js';

export interface BudgetRow {
  /** 1, 2, 3… within the group. */
  readonly no: number;
  readonly content: string;
  readonly unit: string;
  readonly quantity: number | null;
  readonly rate: number | null;
  readonly amount: number;
  /** Aligned with BudgetSummary.years. */
  readonly years: readonly number[];
  /** Spent in the round's year (progress rounds). */
  readonly spent: number | null;
  readonly note: string;
  readonly source: CellRef;
}

export interface BudgetGroup {
  /** I, II, III… without gaps. */
  readonly roman: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly amount: number;
  readonly years: readonly number[];
  readonly spent: number | null;
  readonly lines: readonly BudgetRow[];
}

export interface BudgetSummary {
  readonly years: readonly number[];
  readonly unit: string;
  readonly groups: readonly BudgetGroup[];
  readonly total: { readonly amount: number; readonly years: readonly number[]; readonly spent: number | null };
  /** Grand total in đồng, in words: "Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng". */
  readonly totalInWords: string;
  /** Grand total converted to đồng. */
  readonly totalDong: number;
  /** The round's year for progress rounds (estimate vs spent), else null. */
  readonly year: number | null;
}

export type TaskState = TaskStatus | 'Chưa báo cáo';

export interface AgencyResult {
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly role: 'lead' | 'coordinator';
  readonly status: TaskStatus | null;
  readonly text: string;
}

export interface TaskRow {
  readonly id: string;
  readonly text: string;
  readonly time: string;
  readonly leadNames: string;
  /** Set when the task is led by every member of a group ("UBND các xã, phường"). */
  readonly leadGroup: string | null;
  readonly leadCount: number;
  readonly status: TaskState;
  readonly results: readonly AgencyResult[];
  /**
   * For a task led by a whole group: the clauses several members wrote word for word, most shared
   * first ("Ban hành Kế hoạch triển khai trên địa bàn xã" — 61/65 xã, phường); [] otherwise.
   */
  readonly sharedResults: readonly NoteGroup[];
}

export interface FieldSection {
  readonly number: string;
  readonly title: string;
  readonly tasks: readonly TaskRow[];
}

export interface AgencyNote {
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly taskId: string;
  readonly text: string;
}

/**
 * One text several agencies wrote word for word (compared after NFC, spacing, case and trailing
 * punctuation are set aside), said once with who said it.
 */
export interface NoteGroup {
  /** The text as the first agency wrote it (one line, no trailing ";"). */
  readonly text: string;
  /** Tasks it was written on, in plan order. */
  readonly taskIds: readonly string[];
  readonly agencies: readonly { readonly code: string; readonly name: string }[];
  /** The names when at most three ("Sở Ngoại vụ; Sở Công Thương"), else a count ("13/65 xã, phường"). */
  readonly who: string;
  /**
   * The agencies wrote the same words with different counts ("Tổ chức 2 lớp tập huấn cho 44 lượt")
   * and `text` carries the counts added up over them.
   */
  readonly summed: boolean;
}

export interface ProgressSummary {
  readonly fields: readonly FieldSection[];
  readonly taskCount: number;
  readonly counts: Readonly<Record<TaskState, number>>;
  readonly difficulties: readonly AgencyNote[];
  readonly proposals: readonly AgencyNote[];
  /** `difficulties` and `proposals` with identical texts said once. */
  readonly difficultyGroups: readonly NoteGroup[];
  readonly proposalGroups: readonly NoteGroup[];
}

export interface IndicatorRow {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly group: string;
  readonly ownerName: string;
  readonly kind: Indicator['kind'];
  readonly direction: Indicator['direction'];
  /** This period, combined over submitters. */
  readonly actual: number | null;
  /** Year to date for flows (this round plus the earlier rounds of the year). */
  readonly ytd: number | null;
  readonly ytdLabel: string | null;
  readonly planYear: number | null;
  /** Year to date (or this period for levels) as % of the year's plan. */
  readonly pctOfPlan: number | null;
  /** Same period last year. */
  readonly base: number | null;
  /** Growth against the same period, % (levels). */
  readonly growth: number | null;
  /** Change against the same period in points (rates). */
  readonly changePoints: number | null;
  readonly ytdGrowth: number | null;
  readonly scenario: number | null;
  /** Actual − scenario (points for rates). */
  readonly scenarioGap: number | null;
  readonly sources: readonly CellRef[];
  /** Multi-year target: final year and value, the path value for this year, and the judgement. */
  readonly target: { readonly year: number; readonly value: number } | null;
  readonly pathValue: number | null;
  readonly track: TrackStatus | null;
  /** Figure judged against the target: the year's value, or the sum over the plan's years so far. */
  readonly judged: number | null;
  /** The reporters' notes ("Ghi chú") on this figure, identical ones once. */
  readonly notes: readonly string[];
  /**
   * An indicator many agencies report (their figures added up): how many of those who must report
   * it gave a figure (its numerator's agencies for a rate computed from figures); null for one source.
   */
  readonly reporting: { readonly counted: number; readonly of: number } | null;
}

/**
 * A shortfall the figures show, for section II even when no agency wrote one: a figure below its
 * scenario (above it for an indicator to keep down), a multi-year target at risk, or a planned
 * flow with no result yet.
 */
export interface IndicatorGap {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly kind: 'scenario' | 'track' | 'no-result';
  /**
   * scenario: the figure compared (growth % for GRDP rows, the value otherwise) and the scenario;
   * track: the figure judged and this year's path value; no-result: 0 and the year's plan.
   */
  readonly value: number;
  readonly reference: number | null;
  /** value − reference; in percentage points when `points`. */
  readonly gap: number | null;
  /** The comparison is of percentages (growth, rates): the gap is in percentage points. */
  readonly points: boolean;
  /** Growth rather than level is compared (GRDP rows). */
  readonly growth: boolean;
  readonly track: TrackStatus | null;
  /** Year of the target and of the path (track). */
  readonly targetYear: number | null;
  /** Period the figure covers: the round's period, or the year to date (no-result of a flow). */
  readonly span: 'period' | 'year-to-date';
}

/** On-track judgement of a multi-year target (rule in README). */
export type TrackStatus = 'achieved' | 'on-track' | 'at-risk' | 'not-achievable';

/** One member's figures for the indicators its group reports (per-commune table). */
export interface MemberRow {
  readonly code: string;
  readonly name: string;
  readonly submitted: boolean;
  readonly values: Readonly<Record<string, number | null>>;
}

export interface GroupTable {
  readonly group: string;
  /** Indicator codes reported by the group's members, in plan order. */
  readonly codes: readonly string[];
  readonly members: readonly MemberRow[];
}

export interface GrdpSummary {
  readonly totalCode: string;
  readonly periodLabel: string;
  readonly growth: number | null;
  readonly scenario: number | null;
  /** growth − scenario, in percentage points. */
  readonly gap: number | null;
  readonly components: readonly { readonly code: string; readonly name: string; readonly growth: number | null; readonly contribution: number | null }[];
  readonly ytdLabel: string | null;
  readonly ytdGrowth: number | null;
  /** Growth the rest of the year must reach for the year's target. */
  readonly required: { readonly targetPct: number; readonly remainingLabel: string; readonly value: number } | null;
}

export interface IndicatorSummary {
  readonly periodLabel: string;
  readonly rows: readonly IndicatorRow[];
  readonly grdp: GrdpSummary | null;
  /** Per-member tables of indicators reported by groups (e.g. every commune). */
  readonly groups: readonly GroupTable[];
  /** Shortfalls the figures show (section II), in plan order. */
  readonly gaps: readonly IndicatorGap[];
}

export interface ReportModel {
  readonly plan: Plan;
  readonly round: Round;
  /** Estimate round: the budget appendix; progress round: estimate vs spent for the year. */
  readonly budget: BudgetSummary | null;
  readonly progress: ProgressSummary | null;
  /** Indicators of a progress round with a period; null when the plan has none. */
  readonly indicators: IndicatorSummary | null;
  /** Agencies with no submission. */
  readonly missing: readonly { readonly code: string; readonly name: string }[];
  /** Agencies whose file came after their due date (model/deadline.ts), in plan order. */
  readonly late: readonly { readonly code: string; readonly name: string; readonly days: number; readonly file: string }[];
  /** Files left out of the totals because of errors. */
  readonly excluded: readonly { readonly file: string; readonly agencyName: string; readonly errors: number }[];
  readonly files: readonly FileStatus[];
  /** Number of submissions aggregated. */
  readonly used: number;
  /** ISO date of the run (the report's date line shows its year). */
  readonly generatedOn: string;
}
