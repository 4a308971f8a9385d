/**
 * Synthetic rounds for the benchmark: a plan with N agencies and its 2025 progress round with
 * one workbook per agency, made like the real ones (the form `baocao forms` writes, filled in
 * the way an agency fills it with fillForm). exceljs fills a few template forms; each agency's
 * workbook is then one of those with its own name, code, tasks and texts put into the
 * workbook's XML, so 1.000 agencies take seconds instead of minutes.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planForRound, type Agency, type Plan, type Task } from '../src/model/plan.js';
import { parseRoundName, type Round } from '../src/model/round.js';
import type { BudgetLine } from '../src/model/submission.js';
import { readWorkbookBuffer } from '../src/read/index.js';
import { renderForm } from '../src/render/xlsx/index.js';
import { validatePlan } from '../src/validate/index.js';
import { bgPlan } from '../scripts/examples/bacgiang.js';
import { fillForm, type TaskInput } from '../scripts/examples/fill.js';
import { buildPlanWorkbook, type PlanData } from '../scripts/examples/plan-workbook.js';
import { replacedPart, unzipParts, zipParts, type ZipPart } from './zip.js';

export const ROUND_ID = '2025';
export const YEARS = [2025, 2026, 2027, 2028] as const;
/** Tasks of the synthetic plan (at most; fewer when there are fewer agencies). */
const TASKS = 40;
/** Template variants: different figures, statuses and numbers of lines. */
const VARIANTS = 8;

const UNITS = ['Ủy ban nhân dân xã', 'Trạm Y tế xã', 'Trường Tiểu học xã'];
const FIRST = ['An', 'Bình', 'Cẩm', 'Đông', 'Hòa', 'Hương', 'Lạc', 'Lam', 'Minh', 'Nghĩa', 'Phúc', 'Quang', 'Song', 'Tân', 'Thanh', 'Tiên', 'Trung', 'Vân', 'Xuân', 'Yên'];
const SECOND = ['Sơn', 'Hà', 'Lâm', 'Phong', 'Thịnh', 'Hưng', 'Lợi', 'Thành', 'Tiến', 'Khê', 'Đức', 'Hải', 'Lương', 'Mỹ', 'Ninh', 'Phú', 'Thái', 'Thủy', 'Trường', 'Vinh'];
const LINE_TEXTS = [
  'Tổ chức hội nghị triển khai kế hoạch và sơ kết, tổng kết hằng năm',
  'Tuyên truyền trên hệ thống loa truyền thanh cơ sở',
  'In ấn tài liệu, tờ gấp tuyên truyền',
  'Tập huấn cho cán bộ, công chức, viên chức thực hiện nhiệm vụ',
  'Kiểm tra, giám sát việc thực hiện kế hoạch tại cơ sở',
  'Văn phòng phẩm, thông tin liên lạc phục vụ nhiệm vụ',
  'Hỗ trợ các đoàn công tác đến làm việc tại địa phương',
];
const STATUSES = ['Hoàn thành', 'Đang thực hiện', 'Hoàn thành', 'Chưa thực hiện'];

/** Agency code of the i-th agency (0-based): CQ0001… */
export function agencyCode(i: number): string {
  return `CQ${String(i + 1).padStart(4, '0')}`;
}

function agencyName(i: number): string {
  const unit = UNITS[i % UNITS.length] ?? '';
  const k = Math.floor(i / UNITS.length);
  const place = `${FIRST[k % FIRST.length]} ${SECOND[Math.floor(k / FIRST.length) % SECOND.length]}`;
  const round = Math.floor(k / (FIRST.length * SECOND.length));
  return `${unit} ${place}${round > 0 ? ` ${round + 1}` : ''}`;
}

/** The two tasks an agency reports on: the one it leads (agencies 0…TASKS-1) or coordinates, and the next one, which it coordinates. */
function tasksOfAgency(i: number, taskCount: number): { lead: number | null; coordinated: number[] } {
  if (i < taskCount) return { lead: i, coordinated: taskCount > 1 ? [(i + 1) % taskCount] : [] };
  const a = i % taskCount;
  const b = (i + 1) % taskCount;
  return { lead: null, coordinated: a === b ? [a] : [a, b] };
}

/** Plan data (ke-hoach.xlsx) for n agencies. */
export function syntheticPlanData(n: number): PlanData {
  const taskCount = Math.min(TASKS, n);
  const coordinators: string[][] = Array.from({ length: taskCount }, () => []);
  for (let i = 0; i < n; i++) for (const t of tasksOfAgency(i, taskCount).coordinated) coordinators[t]?.push(agencyCode(i));
  const fields = bgPlan.fields;
  return {
    info: { ...bgPlan.info, title: `Thực hiện chương trình chuyển đổi số cấp xã giai đoạn 2025 - 2028 (${n} cơ quan, đơn vị)` },
    agencies: Array.from({ length: n }, (_, i) => ({ code: agencyCode(i), name: agencyName(i), sheets: 'Nhiệm vụ; Kinh phí' })),
    fields,
    tasks: Array.from({ length: taskCount }, (_, t) => {
      const field = (t % fields.length) + 1;
      const no = Math.floor(t / fields.length) + 1;
      return {
        id: `${field}.${no}`,
        text: `Nhiệm vụ ${field}.${no}: triển khai các nội dung của lĩnh vực ${fields[field - 1]?.title.toLocaleLowerCase('vi') ?? ''} tại cơ sở, bảo đảm tiến độ và chất lượng.`,
        time: 'Hằng năm',
        lead: agencyCode(t),
        coordinators: 'Các cơ quan, đơn vị liên quan',
        coordinatorCodes: (coordinators[t] ?? []).join('; '),
      };
    }),
    recipients: bgPlan.recipients,
  };
}

/** Validates plan data with baocao itself, as the pipeline will. */
export async function planOf(data: PlanData, id: string, dir: string): Promise<{ bytes: Buffer; plan: Plan }> {
  const bytes = await buildPlanWorkbook(data);
  const read = await readWorkbookBuffer(bytes, 'ke-hoach.xlsx', join(dir, 'ke-hoach.xlsx'));
  if (!read.workbook) throw new Error(`synthetic plan unreadable: ${JSON.stringify(read.findings)}`);
  const { plan, findings } = validatePlan(read.workbook, id, dir);
  if (!plan) throw new Error(`synthetic plan invalid: ${JSON.stringify(findings.slice(0, 5), null, 2)}`);
  return { bytes, plan };
}

const T = {
  code: 'ZZCODEZZ',
  name: 'ZZNAMEZZ',
  ids: ['ZZTAZZ', 'ZZTBZZ'],
  texts: ['ZZTEXTAZZ', 'ZZTEXTBZZ'],
  result: 'ZZRESZZ',
  person: 'ZZPERSONZZ',
} as const;

/** Budget lines of a template variant: q × rate, the amount spread over the years. */
function variantLines(v: number): { lines: BudgetLine[]; spent: number[] } {
  const count = 4 + (v % 3);
  const lines: BudgetLine[] = [];
  const spent: number[] = [];
  for (let k = 0; k < count; k++) {
    const quantity = 1 + ((v + k) % 4);
    const rate = 1000 * (5 + ((v * 7 + k * 3) % 17));
    const amount = quantity * rate;
    const first = Math.round(amount * 0.4);
    const rest = amount - first;
    const y = [first, Math.round(rest / 3), Math.round(rest / 3), rest - 2 * Math.round(rest / 3)];
    const ref = { file: '', sheet: '', cell: '' };
    lines.push({
      stt: String(k + 1),
      content: LINE_TEXTS[(v + k) % LINE_TEXTS.length] ?? '',
      unit: 'lần',
      quantity,
      rate,
      amount,
      years: y,
      spent: null,
      note: '',
      source: { amount: ref, years: y.map(() => ref), spent: null, quantity: null, rate: null, row: 0 },
    });
    spent.push(Math.round((first * (60 + ((v + k) % 5) * 10)) / 100));
  }
  return { lines, spent };
}

interface Template {
  readonly parts: readonly ZipPart[];
  /** Indexes of the parts holding tokens. */
  readonly tokenParts: readonly number[];
}

async function template(plan: Plan, round: Round, v: number, withLead: boolean, correction: boolean): Promise<Template> {
  const base = plan.agencies[0];
  if (!base) throw new Error('plan without agencies');
  const agency: Agency = { ...base, code: T.code, name: T.name, aliases: [], sheets: ['tasks', 'budget'], order: 1 };
  // Two task rows: the first led (agencies that lead a task) or coordinated, the second coordinated.
  const tasks: Task[] = T.ids.map((id, k) => ({
    id,
    field: '1',
    text: T.texts[k] ?? '',
    time: 'Hằng năm',
    lead: k === 0 && withLead ? [T.code] : ['KHAC'],
    coordinatorsText: '',
    coordinators: k === 0 && withLead ? [] : [T.code],
  }));
  const tmplPlan: Plan = { ...plan, agencies: [agency], tasks };
  const { lines, spent } = variantLines(v);
  const form = await renderForm(tmplPlan, round, agency, lines);
  const status = STATUSES[v % STATUSES.length] ?? 'Hoàn thành';
  const reports: TaskInput[] = T.ids.map((id, k) => ({
    id,
    status: STATUSES[(v + k) % STATUSES.length] ?? 'Hoàn thành',
    result: k === 0 && withLead ? `${T.result} đã hoàn thành ${60 + v * 5}% khối lượng công việc của năm.` : `${T.result} đã phối hợp tổ chức ${1 + ((v + k) % 3)} hoạt động.`,
  }));
  // The correction: one spent figure of the second line changes, as an agency re-sends it.
  const spentFilled = correction ? spent.map((s, k) => (k === 1 ? s + 1234 : s)) : spent;
  const filled = await fillForm(
    form,
    { preparedBy: T.person, phone: '0204.3851234', preparedDate: new Date(Date.UTC(2025, 9, 20 + (v % 8))), tasks: reports, spent: spentFilled, submissionNo: correction ? 2 : 1 },
    [...YEARS],
    2025,
  );
  const parts = unzipParts(filled);
  const tokenParts = parts.flatMap((p, i) => (p.text.includes('ZZ') ? [i] : []));
  return { parts, tokenParts };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PEOPLE = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Thu Hà', 'Hoàng Đức Long', 'Vũ Thị Lan', 'Đỗ Quang Huy', 'Ngô Thị Mai'];

function agencyWorkbook(tmpl: Template, plan: Plan, i: number): Buffer {
  const agency = plan.agencies[i];
  if (!agency) throw new Error(`no agency ${i}`);
  const taskCount = plan.tasks.length;
  const { lead, coordinated } = tasksOfAgency(i, taskCount);
  const rows = [...(lead === null ? [] : [lead]), ...coordinated].map((t) => plan.tasks[t]);
  const map: Record<string, string> = {
    [T.code]: agency.code,
    [T.name]: agency.name,
    [T.result]: agency.name,
    [T.person]: PEOPLE[i % PEOPLE.length] ?? 'Cán bộ',
  };
  T.ids.forEach((id, k) => {
    map[id] = rows[k]?.id ?? '';
    map[T.texts[k] ?? ''] = rows[k]?.text ?? '';
  });
  const re = /ZZ[A-Z]+ZZ/g;
  const parts = tmpl.parts.map((p, k) =>
    tmpl.tokenParts.includes(k) ? replacedPart(p, p.text.toString('utf8').replace(re, (t) => escapeXml(map[t] ?? t))) : p,
  );
  return zipParts(parts);
}

/** File name of an agency's workbook in the round folder. */
export function workbookName(plan: Plan, i: number): string {
  return `${agencyCode(i)} - bao cao 2025.xlsx`;
}

export interface SyntheticRound {
  readonly planDir: string;
  readonly roundDir: string;
  readonly plan: Plan;
  readonly files: readonly string[];
  /** Writes the corrected workbook of agency i over its file; returns its name. */
  readonly correct: (i: number) => Promise<string>;
}

/** Writes input/<planId>/ke-hoach.xlsx and input/<planId>/2025/<one workbook per agency> under root. */
export async function makeRound(root: string, n: number): Promise<SyntheticRound> {
  const planId = `tong-hop-${n}-co-quan`;
  const planDir = join(root, planId);
  const roundDir = join(planDir, ROUND_ID);
  await rm(planDir, { recursive: true, force: true });
  await mkdir(roundDir, { recursive: true });
  const { bytes, plan } = await planOf(syntheticPlanData(n), planId, planDir);
  await writeFile(join(planDir, 'ke-hoach.xlsx'), bytes);
  const round: Round = { id: ROUND_ID, dir: roundDir, ...parseRoundName(ROUND_ID) };
  const roundPlan = planForRound(plan, round);
  const templates = new Map<string, Template>();
  const templateOf = async (v: number, withLead: boolean, correction = false): Promise<Template> => {
    const key = `${v}/${withLead}/${correction}`;
    let t = templates.get(key);
    if (!t) {
      t = await template(roundPlan, round, v, withLead, correction);
      templates.set(key, t);
    }
    return t;
  };
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const tmpl = await templateOf(i % VARIANTS, i < plan.tasks.length);
    const name = workbookName(plan, i);
    await writeFile(join(roundDir, name), agencyWorkbook(tmpl, plan, i));
    files.push(name);
  }
  return {
    planDir,
    roundDir,
    plan,
    files,
    correct: async (i) => {
      const tmpl = await templateOf(i % VARIANTS, i < plan.tasks.length, true);
      const name = workbookName(plan, i);
      await writeFile(join(roundDir, name), agencyWorkbook(tmpl, plan, i));
      return name;
    },
  };
}
