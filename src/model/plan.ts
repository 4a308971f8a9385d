/**
 * The plan (kế hoạch): general information, agencies, fields, tasks. Built by the validate
 * stage from input/<plan>/ke-hoach.xlsx. The schema is the type.
 */
import * as z from 'zod';
import { indicatorSchema, indicatorValueSchema, isDerived, scenarioRowSchema } from './indicator.js';

export const FORM_SHEET_KEYS = ['tasks', 'budget', 'indicators'] as const;

export const agencySchema = z.object({
  /** Short stable code typed by staff, e.g. "SNGV". */
  code: z.string().min(1),
  /** Full official name, e.g. "Sở Ngoại vụ". */
  name: z.string().min(1),
  /** Other names used in file names or forms ("Ngoại vụ", "SNV"). */
  aliases: z.array(z.string()),
  /** Which form sheets the agency must fill. */
  sheets: z.array(z.enum(FORM_SHEET_KEYS)),
  /** Order in the plan (the appendix's order). */
  order: z.number().int(),
  /** Day of the month by which the agency must submit in each round (null: no deadline). */
  deadlineDay: z.number().int().min(1).max(31).nullable(),
  /** Name of the group the agency belongs to ("UBND các xã, phường"), or null. */
  group: z.string().nullable(),
});
export type Agency = z.infer<typeof agencySchema>;

export const fieldSchema = z.object({
  /** "1", "2"… as numbered in the plan's section II. */
  number: z.string().min(1),
  title: z.string().min(1),
});
export type Field = z.infer<typeof fieldSchema>;

export const taskSchema = z.object({
  /** "1.1", "5.3"… */
  id: z.string().min(1),
  /** Number of the field the task belongs to ("1" for task "1.2"). */
  field: z.string().min(1),
  text: z.string().min(1),
  time: z.string(),
  /** Codes of the lead agencies (usually one). */
  lead: z.array(z.string()).min(1),
  /** Coordinating agencies as written in the plan (free text). */
  coordinatorsText: z.string(),
  /** Codes of the plan's agencies that coordinate and must report on this task. */
  coordinators: z.array(z.string()),
});
export type Task = z.infer<typeof taskSchema>;

export const signerSchema = z.object({
  /** "TM. ỦY BAN NHÂN DÂN" (may be empty when the head signs in their own name). */
  authority: z.string(),
  /** "KT. CHỦ TỊCH" when a deputy signs; empty otherwise. */
  deputy: z.string(),
  /** "PHÓ CHỦ TỊCH" */
  title: z.string().min(1),
  name: z.string().min(1),
});
export type Signer = z.infer<typeof signerSchema>;

export const planInfoSchema = z.object({
  title: z.string().min(1),
  /** Number of the plan document ("" when not yet numbered). */
  number: z.string(),
  /** "KH-UBND" */
  symbol: z.string().min(1),
  /** Date the plan was issued, as far as known (day and month may be blank on a draft). */
  issued: z
    .object({ year: z.number().int(), month: z.number().int().min(1).max(12).optional(), day: z.number().int().min(1).max(31).optional() })
    .nullable(),
  /** Issuing agency in upper case as in the header block: "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG". */
  issuer: z.string().min(1),
  /** Issuing agency as used in running text: "UBND tỉnh Bắc Giang". */
  issuerShort: z.string().min(1),
  /** Superior agency line above the issuer (often empty for a provincial UBND). */
  superior: z.string(),
  province: z.string().min(1),
  /** Place name of the date line: "Bắc Giang". */
  place: z.string().min(1),
  /** Agency that collects the reports: "Sở Ngoại vụ". */
  secretariat: z.string(),
  /** Symbol of the progress report: "BC-UBND". */
  reportSymbol: z.string().min(1),
  signer: signerSchema,
  /** "VT, KGVX" — the "Lưu:" line of Nơi nhận. */
  storage: z.string(),
  years: z.array(z.number().int().min(1900).max(2200)).min(1),
  /** Money unit of the budget sheets, e.g. "1000 đồng". */
  moneyUnit: z.string().min(1),
  /** Recipient(s) of the progress report ("Kính gửi"); empty for none. */
  reportTo: z.array(z.string()),
});
export type PlanInfo = z.infer<typeof planInfoSchema>;

export const planSchema = z.object({
  /** Folder name under input/, e.g. "bacgiang-namninh-2025-2028". */
  id: z.string().min(1),
  dir: z.string(),
  info: planInfoSchema,
  agencies: z.array(agencySchema),
  fields: z.array(fieldSchema),
  tasks: z.array(taskSchema),
  /** "Nơi nhận" lines without the leading "- " and trailing ";". */
  recipients: z.array(z.string()),
  /** Quantified targets (sheet "Chỉ tiêu"); empty for plans without indicators. */
  indicators: z.array(indicatorSchema),
  /** Plan, scenario and base values per indicator and period (sheet "Số liệu chỉ tiêu"). */
  indicatorValues: z.array(indicatorValueSchema),
  /** The published growth-scenario table (sheet "Kịch bản tăng trưởng"), kept to cross-check it. */
  scenario: z.array(scenarioRowSchema),
});
export type Plan = z.infer<typeof planSchema>;

/** Tasks an agency reports on, as lead or coordinator, in plan order. */
export function tasksOf(plan: Plan, agencyCode: string): { task: Task; role: 'lead' | 'coordinator' }[] {
  const out: { task: Task; role: 'lead' | 'coordinator' }[] = [];
  for (const task of plan.tasks) {
    if (task.lead.includes(agencyCode)) out.push({ task, role: 'lead' });
    else if (task.coordinators.includes(agencyCode)) out.push({ task, role: 'coordinator' });
  }
  return out;
}

export function agencyByCode(plan: Plan, code: string): Agency | undefined {
  return plan.agencies.find((a) => a.code === code);
}

/**
 * The plan as seen by one round: the estimate round ("du-toan") asks only for budget sheets,
 * from the agencies that have one; progress rounds ask for every sheet of every agency.
 */
export function planForRound(plan: Plan, round: { readonly kind: 'estimate' | 'progress' }): Plan {
  if (round.kind === 'progress') {
    // Owners of indicators that are reported (not computed) fill the "Chỉ tiêu" sheet.
    const owners = new Set(plan.indicators.filter((i) => !isDerived(i)).flatMap((i) => i.reporters));
    if (owners.size === 0) return plan;
    return {
      ...plan,
      agencies: plan.agencies.map((a) =>
        owners.has(a.code) && !a.sheets.includes('indicators') ? { ...a, sheets: [...a.sheets, 'indicators' as const] } : a,
      ),
    };
  }
  return {
    ...plan,
    agencies: plan.agencies.filter((a) => a.sheets.includes('budget')).map((a) => ({ ...a, sheets: ['budget' as const] })),
  };
}
