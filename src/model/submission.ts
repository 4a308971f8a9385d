/**
 * One agency's validated submission (a workbook sent back from the forms).
 */
import * as z from 'zod';
import { TASK_STATUSES } from './sheets.js';

/** Where a figure came from, so changes and errors can name the source cell. */
export const cellRefSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  cell: z.string(),
});
export type CellRef = z.infer<typeof cellRefSchema>;

export const taskReportSchema = z.object({
  taskId: z.string(),
  role: z.enum(['lead', 'coordinator']),
  status: z.enum(TASK_STATUSES).nullable(),
  result: z.string(),
  difficulties: z.string(),
  proposals: z.string(),
  source: cellRefSchema,
});
export type TaskReport = z.infer<typeof taskReportSchema>;

export const budgetLineSchema = z.object({
  stt: z.string(),
  content: z.string(),
  unit: z.string(),
  quantity: z.number().nullable(),
  rate: z.number().nullable(),
  amount: z.number(),
  /** One figure per plan year, aligned with plan.info.years. */
  years: z.array(z.number()),
  /** Money spent in the round's year (progress rounds only). */
  spent: z.number().nullable(),
  note: z.string(),
  /** Source cells: amount, each year, spent, quantity and rate (null when the sheet has no such column). */
  source: z.object({
    amount: cellRefSchema,
    years: z.array(cellRefSchema),
    spent: cellRefSchema.nullable(),
    quantity: cellRefSchema.nullable(),
    rate: cellRefSchema.nullable(),
    row: z.number().int(),
  }),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const indicatorReportSchema = z.object({
  code: z.string(),
  /** Value of the round's period ("Thực hiện kỳ này"). */
  actual: z.number().nullable(),
  /** Same period of the previous year, as submitted (null: taken from the plan). */
  base: z.number().nullable(),
  /** Quarter values for flows over several quarters, aligned with quartersIn(period). */
  quarters: z.array(z.number().nullable()),
  note: z.string(),
  /** Where the figure is; `base`: the address of its "Cùng kỳ năm trước" cell, when the sheet has the column. */
  source: z.object({ actual: cellRefSchema, row: z.number().int(), base: z.string().optional() }),
});
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;

/** Where a workbook found in the wrong folder belongs (validate/identity.ts); every field may be unknown (""). */
export const misplacementSchema = z.object({
  /** Plan folder name, or "" when only a title is known. */
  plan: z.string(),
  planTitle: z.string(),
  /** Round folder name when the form named it, else "". */
  round: z.string(),
  /** roundKey() of the round it belongs to ("2025", "2026-Q3", "du-toan"), or "". */
  roundKey: z.string(),
  roundLabel: z.string(),
  /** What said so: the form's own identity, a label on "Thông tin", or the year of a column. */
  evidence: z.enum(['identity', 'label', 'column']),
});
export type Misplacement = z.infer<typeof misplacementSchema>;

export const submissionSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  mtimeMs: z.number(),
  agencyCode: z.string(),
  identifiedBy: z.enum(['info', 'filename']),
  submissionNo: z.number().int(),
  preparedBy: z.string(),
  phone: z.string(),
  preparedDate: z.string().nullable(),
  tasks: z.array(taskReportSchema),
  /** Null when the agency need not fill the budget sheet. */
  budget: z.array(budgetLineSchema).nullable(),
  /** Null when the agency owns no indicator. */
  indicators: z.array(indicatorReportSchema).nullable(),
  /** Number of error findings in this file; a file with errors is left out of the totals. */
  errorCount: z.number().int(),
  /**
   * Set when the workbook belongs to another plan or round: it is not read further, never
   * aggregated, never counts as the agency's submission and never displaces another file.
   */
  misplaced: misplacementSchema.optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** What happened to each file of a round. */
export interface FileStatus {
  readonly file: string;
  readonly agencyCode: string | null;
  /** misplaced: a workbook of another plan or round (Submission.misplaced). */
  readonly state: 'used' | 'excluded' | 'ignored' | 'unknown' | 'unreadable' | 'misplaced';
  readonly errors: number;
  readonly warnings: number;
  /** Where a misplaced file belongs (state misplaced only). */
  readonly misplaced?: Misplacement;
}
