/**
 * Regenerates the shipped examples under input/ from the data in scripts/examples/: the plan
 * workbook, then each agency's answers typed into the forms `baocao forms` writes — exactly
 * what a secretariat receives by e-mail. Run: npm run examples.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { planForRound, type Plan } from '../src/model/plan.js';
import { RECEIVED_FILE, serializeReceived } from '../src/model/received.js';
import { parseRoundName, type Round } from '../src/model/round.js';
import type { BudgetLine } from '../src/model/submission.js';
import { readWorkbookBuffer } from '../src/read/index.js';
import { renderForms } from '../src/render/index.js';
import { formFileName } from '../src/render/xlsx/index.js';
import { validatePlan, validate } from '../src/validate/index.js';
import { BG_PLAN_ID, BG_YEARS, bgBudget, bgPlan, bgProgress2025, bgSpent2025 } from './examples/bacgiang.js';
import { fillForm } from './examples/fill.js';
import { LS_PLAN_ID, lsPlan, lsSubmissions } from './examples/langson.js';
import { buildPlanWorkbook, type PlanData } from './examples/plan-workbook.js';
import { COMMUNES, MISSING_2027, TMDT_PLAN_ID, TMDT_ROUNDS, communeCounts, communeTask, submissionDay, tmdtDepartments, tmdtPlan } from './examples/tmdt.js';

const PEOPLE = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Thu Hà', 'Hoàng Đức Long', 'Vũ Thị Lan', 'Đỗ Quang Huy', 'Ngô Thị Mai', 'Bùi Văn Nam', 'Đặng Thị Oanh', 'Dương Văn Phúc'];

/** Builds a plan workbook and validates it with baocao itself (so the example is always valid). */
export async function planFrom(data: PlanData, id: string, dir: string): Promise<{ bytes: Buffer; plan: Plan }> {
  const bytes = await buildPlanWorkbook(data);
  const read = await readWorkbookBuffer(bytes, 'ke-hoach.xlsx', join(dir, 'ke-hoach.xlsx'));
  if (!read.workbook) throw new Error(`example plan unreadable: ${JSON.stringify(read.findings)}`);
  const { plan, findings } = validatePlan(read.workbook, id, dir);
  if (!plan) throw new Error(`example plan invalid: ${JSON.stringify(findings, null, 2)}`);
  return { bytes, plan };
}

function roundAt(planDir: string, id: string): Round {
  return { id, dir: join(planDir, id), ...parseRoundName(id) };
}

async function bacGiang(inputDir: string): Promise<void> {
  const planDir = join(inputDir, BG_PLAN_ID);
  await rm(planDir, { recursive: true, force: true });
  await mkdir(planDir, { recursive: true });
  const { bytes, plan } = await planFrom(bgPlan, BG_PLAN_ID, planDir);
  await writeFile(join(planDir, 'ke-hoach.xlsx'), bytes);
  const years = [...BG_YEARS];

  // Estimate round: the six agencies of the seed's appendix.
  const estimate = roundAt(planDir, 'du-toan');
  await mkdir(estimate.dir, { recursive: true });
  const estimateForms = await renderForms(planForRound(plan, estimate), estimate, new Map());
  for (const [i, agency] of plan.agencies.entries()) {
    const lines = bgBudget[agency.code];
    const form = estimateForms.find((f) => f.name === formFileName(agency));
    if (!lines || !form) continue;
    const base = { preparedBy: PEOPLE[i] ?? 'Cán bộ', phone: `0204.385${String(1000 + i * 37).slice(-4)}`, preparedDate: new Date(Date.UTC(2025, 0, 6 + i)) };
    if (agency.code === 'SNGV') {
      // As in the seed, the first file types "s" for a quantity; the agency then sends a correction.
      const first = lines.map((l, j) => (j === 2 ? { ...l, quantity: 's' } : l));
      await writeFile(join(estimate.dir, 'So Ngoai vu - du toan (gui lan 1).xlsx'), await fillForm(form.bytes, { ...base, budget: first, submissionNo: 1 }, years));
      await writeFile(join(estimate.dir, 'So Ngoai vu - du toan (gui lan 2).xlsx'), await fillForm(form.bytes, { ...base, budget: lines, submissionNo: 2 }, years));
      continue;
    }
    await writeFile(join(estimate.dir, form.name), await fillForm(form.bytes, { ...base, budget: lines }, years));
  }

  // The 2025 progress round: forms prefilled with the estimate lines; every agency reports.
  const progress = roundAt(planDir, '2025');
  await mkdir(progress.dir, { recursive: true });
  const prefill = await estimatePrefill(plan, estimate, estimateForms.length > 0 ? estimate.dir : '');
  const forms = await renderForms(plan, progress, prefill);
  for (const [i, agency] of plan.agencies.entries()) {
    const form = forms.find((f) => f.name === formFileName(agency));
    if (!form) continue;
    const filled = await fillForm(
      form.bytes,
      {
        preparedBy: PEOPLE[i] ?? 'Cán bộ',
        phone: `0204.386${String(1000 + i * 41).slice(-4)}`,
        preparedDate: new Date(Date.UTC(2025, 9, 20 + (i % 10))),
        tasks: bgProgress2025[agency.code] ?? [],
        ...(bgSpent2025[agency.code] ? { spent: bgSpent2025[agency.code] } : {}),
      },
      years,
      2025,
    );
    await writeFile(join(progress.dir, form.name), filled);
  }
}

/** The estimate lines of the du-toan round, as `baocao forms` prefills them. */
async function estimatePrefill(plan: Plan, round: Round, dir: string): Promise<Map<string, readonly BudgetLine[]>> {
  const out = new Map<string, readonly BudgetLine[]>();
  if (!dir) return out;
  const { listRoundFiles, readWorkbookFile } = await import('../src/read/index.js');
  const { files } = await listRoundFiles(dir);
  const workbooks = [];
  for (const f of files) {
    const r = await readWorkbookFile(join(dir, f), f, { checkInProgress: false });
    if (r.workbook) workbooks.push(r.workbook);
  }
  const v = validate({ plan: planForRound(plan, round), round, workbooks, unreadable: [] });
  for (const s of v.submissions) if (s.errorCount === 0 && s.budget) out.set(s.agencyCode, s.budget);
  return out;
}

/**
 * The dates the example's files reached the secretariat, kept beside them (read only by baocao):
 * a fresh clone gives every file today's modification time, which would make them all "late".
 */
async function writeReceivedSeed(roundDir: string, entries: readonly { file: string; at: string }[]): Promise<void> {
  const files = [];
  for (const e of entries) {
    const sha256 = createHash('sha256').update(await readFile(join(roundDir, e.file))).digest('hex');
    files.push({ file: e.file, sha256, firstSeen: new Date(e.at).toISOString() });
  }
  await writeFile(join(roundDir, RECEIVED_FILE), serializeReceived({ version: 1, files }));
}

/** Seed 003: the Lạng Sơn growth scenario, rounds 2026-H1 and 2026-Q3. */
async function langSon(inputDir: string): Promise<void> {
  const planDir = join(inputDir, LS_PLAN_ID);
  await rm(planDir, { recursive: true, force: true });
  await mkdir(planDir, { recursive: true });
  const { bytes, plan } = await planFrom(lsPlan, LS_PLAN_ID, planDir);
  await writeFile(join(planDir, 'ke-hoach.xlsx'), bytes);
  // When each file reached the secretariat: Ngày lập, and the received times shipped with the example.
  const received: Record<string, { file: string; at: string }[]> = {};
  for (const id of ['2026-H1', '2026-Q3'] as const) {
    const round = roundAt(planDir, id);
    await mkdir(round.dir, { recursive: true });
    const forms = await renderForms(planForRound(plan, round), round, new Map());
    const month = id === '2026-H1' ? 6 : 9;
    received[id] = [];
    for (const [i, agency] of plan.agencies.entries()) {
      const answers = lsSubmissions[id][agency.code];
      const form = forms.find((f) => f.name === formFileName(agency));
      if (!answers || !form) continue;
      // Sở Khoa học và Công nghệ sends the Q3 report 3 days late.
      const late = id === '2026-Q3' && agency.code === 'SKHCN';
      const day = late ? (agency.deadlineDay ?? 12) + 3 : Math.max(1, (agency.deadlineDay ?? 12) - 1 - (i % 3));
      const filled = await fillForm(
        form.bytes,
        {
          preparedBy: PEOPLE[i] ?? 'Cán bộ',
          phone: `0205.387${String(1000 + i * 53).slice(-4)}`,
          preparedDate: new Date(Date.UTC(2026, month - 1, day)),
          indicators: answers.map(([code, quarters, actual, note]) => ({ code, quarters, actual, ...(note ? { note } : {}) })),
        },
        [2026],
      );
      await writeFile(join(round.dir, form.name), filled);
      received[id].push({ file: form.name, at: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+07:00` });
    }
    await writeReceivedSeed(round.dir, received[id]);
  }
}

/**
 * Seed 001: the Lạng Sơn e-commerce plan 2026–2030, rounds 2026 and 2027: 14 departments and
 * 65 communes and wards. In 2026 Hiệp hội Doanh nghiệp tỉnh has not submitted; in 2027 three
 * communes have not; a few files arrive after the deadline (15 December for departments,
 * 10 December for communes).
 */
async function tmdt(inputDir: string): Promise<void> {
  const planDir = join(inputDir, TMDT_PLAN_ID);
  await rm(planDir, { recursive: true, force: true });
  await mkdir(planDir, { recursive: true });
  const { bytes, plan } = await planFrom(tmdtPlan, TMDT_PLAN_ID, planDir);
  await writeFile(join(planDir, 'ke-hoach.xlsx'), bytes);
  for (const id of TMDT_ROUNDS) {
    const year = Number(id);
    const round = roundAt(planDir, id);
    await mkdir(round.dir, { recursive: true });
    const forms = await renderForms(planForRound(plan, round), round, new Map());
    const received: { file: string; at: string }[] = [];
    const jobs = plan.agencies.map(async (agency, i) => {
      const form = forms.find((f) => f.name === formFileName(agency));
      if (!form) throw new Error(`no form for ${agency.code}`);
      const commune = COMMUNES.findIndex((c) => c.code === agency.code);
      let answers: Pick<Parameters<typeof fillForm>[1], 'tasks' | 'indicators'>;
      if (commune >= 0) {
        const c = COMMUNES[commune];
        if (!c || (id === '2027' && MISSING_2027.includes(c.place))) return;
        const counts = communeCounts(c, id, commune);
        answers = {
          tasks: [communeTask(c, counts, id)],
          indicators: Object.entries(counts).map(([code, actual]) => ({ code, actual: actual as number })),
        };
      } else {
        const dep = tmdtDepartments[id][agency.code];
        if (!dep) return;
        answers = { tasks: dep.tasks, indicators: dep.indicators.map((x) => ({ code: x.code, actual: x.actual, ...(x.note ? { note: x.note } : {}) })) };
      }
      const day = submissionDay(agency.code, id, i);
      const filled = await fillForm(
        form.bytes,
        {
          preparedBy: PEOPLE[i % PEOPLE.length] ?? 'Cán bộ',
          phone: `0205.38${String(10000 + i * 137).slice(-5)}`,
          preparedDate: new Date(Date.UTC(year, 11, day)),
          ...answers,
        },
        [year],
      );
      await writeFile(join(round.dir, form.name), filled);
      received.push({ file: form.name, at: `${year}-12-${String(day).padStart(2, '0')}T09:00:00+07:00` });
    });
    await Promise.all(jobs);
    received.sort((a, b) => a.file.localeCompare(b.file));
    await writeReceivedSeed(round.dir, received);
  }
}

const inputDir = resolve(process.argv[2] ?? 'input');
await bacGiang(inputDir);
await langSon(inputDir);
await tmdt(inputDir);
console.log(`Đã tạo lại ví dụ trong ${inputDir}`);
