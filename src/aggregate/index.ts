/**
 * Aggregate stage: the valid submissions of a round → the report model. Every total is
 * recomputed here from the lines; nothing an agency typed as a total is copied forward.
 */
import type { Agency } from '../model/plan.js';
import type { BudgetGroup, BudgetSummary, FieldSection, ProgressSummary, ReportModel, TaskRow, TaskState, AgencyNote } from '../model/report.js';
import { TASK_STATUSES, type TaskStatus } from '../model/sheets.js';
import type { Submission } from '../model/submission.js';
import type { ValidateOutput } from '../validate/index.js';
import { aggregateIndicators } from './indicators.js';
import type { EarlierRound } from '../model/earlier.js';
import type { Receipt } from '../model/received.js';
import { roundStatus } from './status.js';
import { groupTexts, sharedClauses } from './group-texts.js';

export { roundStatus } from './status.js';
export { diffSnapshots, snapshotOf } from './changes.js';
export type { EarlierRound } from '../model/earlier.js';
import { formatNumber, moneyInWords, toRoman, unitToDong } from '../vn/index.js';

/** Builds the report model of a round from its validated submissions (receipts: when each file was received, for `late`). */
export function aggregate(
  input: ValidateOutput,
  options: { readonly today: string; readonly receipts?: readonly Receipt[]; readonly earlier?: readonly EarlierRound[] },
): ReportModel {
  const { plan, round } = input;
  const valid = input.submissions.filter((s) => s.errorCount === 0);
  const agencyOf = new Map(plan.agencies.map((a) => [a.code, a]));
  const budgetSubs = valid.filter((s) => s.budget !== null);
  const budget =
    budgetSubs.length > 0 || plan.agencies.some((a) => a.sheets.includes('budget'))
      ? aggregateBudget(budgetSubs, plan.agencies, plan.info.years, plan.info.moneyUnit, round.period?.year ?? null)
      : null;
  const progress = round.kind === 'progress' ? aggregateProgress(input, valid, agencyOf) : null;
  return {
    plan,
    round,
    budget,
    progress,
    indicators: round.kind === 'progress' ? aggregateIndicators(plan, round, valid, options.earlier ?? []) : null,
    missing: input.missing.map((a) => ({ code: a.code, name: a.name })),
    late: roundStatus(input, options.receipts)
      // Late is late, whether or not the file then had errors.
      .rows.filter((r) => r.state === 'late' || (r.state === 'has-errors' && r.daysLate > 0))
      .map((r) => ({ code: r.code, name: r.name, days: r.daysLate, file: r.file ?? '' })),
    excluded: input.submissions
      .filter((s) => s.errorCount > 0)
      .map((s) => ({ file: s.file, agencyName: agencyOf.get(s.agencyCode)?.name ?? s.agencyCode, errors: s.errorCount })),
    files: input.files,
    used: valid.length,
    generatedOn: options.today,
  };
}

/** Adds numbers without binary noise (figures are entered with at most a few decimals). */
function add(a: number, b: number): number {
  return Math.round((a + b) * 1e6) / 1e6;
}

function aggregateBudget(
  subs: readonly Submission[],
  agencies: readonly Agency[],
  years: readonly number[],
  unit: string,
  year: number | null,
): BudgetSummary {
  const groups: BudgetGroup[] = [];
  const yi = year === null ? -1 : years.indexOf(year);
  const byAgency = new Map<string, Submission>();
  for (const s of subs) if (!byAgency.has(s.agencyCode)) byAgency.set(s.agencyCode, s);
  for (const agency of agencies) {
    const sub = byAgency.get(agency.code);
    if (!sub?.budget || sub.budget.length === 0) continue;
    let amount = 0;
    let spent: number | null = null;
    const yearTotals = years.map(() => 0);
    const lines = sub.budget.map((line, i) => {
      amount = add(amount, line.amount);
      line.years.forEach((v, j) => (yearTotals[j] = add(yearTotals[j] ?? 0, v)));
      if (line.spent !== null) spent = add(spent ?? 0, line.spent);
      return {
        no: i + 1,
        content: line.content,
        unit: line.unit,
        quantity: line.quantity,
        rate: line.rate,
        amount: line.amount,
        years: line.years,
        spent: line.spent,
        note: line.note,
        source: line.source.amount,
      };
    });
    groups.push({
      roman: toRoman(groups.length + 1),
      agencyCode: agency.code,
      agencyName: agency.name,
      amount,
      years: yearTotals,
      spent: yi >= 0 ? (spent ?? 0) : null,
      lines,
    });
  }
  const total = {
    amount: groups.reduce((s, g) => add(s, g.amount), 0),
    years: years.map((_, j) => groups.reduce((s, g) => add(s, g.years[j] ?? 0), 0)),
    spent: yi >= 0 ? groups.reduce((s, g) => add(s, g.spent ?? 0), 0) : null,
  };
  const totalDong = Math.round(total.amount * unitToDong(unit));
  // Words read an amount exactly only up to 9 triệu tỷ đồng (the largest safe integer); beyond, the figure alone.
  const totalInWords = Number.isSafeInteger(totalDong) ? moneyInWords(totalDong) : `${formatNumber(totalDong)} đồng`;
  return { years, unit, groups, total, totalDong, totalInWords, year };
}

/** Status of a task from its lead agencies' reports (several leads: the least advanced wins). */
function combineStatus(statuses: readonly (TaskStatus | null)[]): TaskState {
  const known = statuses.filter((s): s is TaskStatus => s !== null);
  if (known.length === 0) return 'Chưa báo cáo';
  const rank: Record<TaskStatus, number> = { 'Hoàn thành': 3, 'Đang thực hiện': 2, 'Chưa thực hiện': 1, 'Không thực hiện': 0 };
  if (known.every((s) => s === 'Hoàn thành')) return 'Hoàn thành';
  if (known.every((s) => s === 'Không thực hiện')) return 'Không thực hiện';
  if (known.some((s) => s === 'Đang thực hiện' || s === 'Hoàn thành')) return 'Đang thực hiện';
  return known.reduce((a, b) => (rank[a] <= rank[b] ? a : b));
}

function aggregateProgress(input: ValidateOutput, valid: readonly Submission[], agencyOf: ReadonlyMap<string, Agency>): ProgressSummary {
  const { plan } = input;
  const counts = Object.fromEntries([...TASK_STATUSES, 'Chưa báo cáo'].map((s) => [s, 0])) as Record<TaskState, number>;
  const difficulties: AgencyNote[] = [];
  const proposals: AgencyNote[] = [];
  // Each agency's (first) valid submission, looked up once per task result.
  const byAgency = new Map<string, Submission>();
  for (const s of valid) if (!byAgency.has(s.agencyCode)) byAgency.set(s.agencyCode, s);
  const fields: FieldSection[] = plan.fields.map((field) => {
    const tasks: TaskRow[] = plan.tasks
      .filter((t) => t.field === field.number)
      .map((task) => {
        const results = [];
        for (const code of [...task.lead, ...task.coordinators]) {
          const sub = byAgency.get(code);
          const rep = sub?.tasks.find((r) => r.taskId === task.id);
          if (!rep) continue;
          const agencyName = agencyOf.get(code)?.name ?? code;
          results.push({ agencyCode: code, agencyName, role: rep.role, status: rep.status, text: rep.result });
          if (rep.difficulties) difficulties.push({ agencyCode: code, agencyName, taskId: task.id, text: rep.difficulties });
          if (rep.proposals) proposals.push({ agencyCode: code, agencyName, taskId: task.id, text: rep.proposals });
        }
        const status = combineStatus(results.filter((r) => r.role === 'lead').map((r) => r.status));
        // A task led by a whole group (every commune) is named by the group, not by 65 names.
        const groups = [...new Set(task.lead.map((c) => agencyOf.get(c)?.group ?? null))];
        const group = groups.length === 1 ? groups[0] : null;
        const leadGroup =
          group && task.lead.length > 1 && task.lead.length === [...agencyOf.values()].filter((a) => a.group === group).length ? group : null;
        counts[status]++;
        return {
          id: task.id,
          text: task.text,
          time: task.time,
          leadNames: leadGroup ?? task.lead.map((c) => agencyOf.get(c)?.name ?? c).join('; '),
          leadGroup,
          leadCount: task.lead.length,
          status,
          results,
          sharedResults: leadGroup
            ? sharedClauses(
                results.filter((r) => r.role === 'lead').map((r) => ({ ...r, taskId: task.id })),
                plan.agencies,
              )
            : [],
        };
      });
    return { number: field.number, title: field.title, tasks };
  });
  return {
    fields,
    taskCount: plan.tasks.length,
    counts,
    difficulties,
    proposals,
    difficultyGroups: groupTexts(difficulties, plan.agencies),
    proposalGroups: groupTexts(proposals, plan.agencies),
  };
}
