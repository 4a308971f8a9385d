/**
 * Where a submission belongs: the plan, the round and the form version a form written by
 * `baocao forms` carries as hidden workbook-level defined names (`_baocao_plan` = "…"), which
 * Excel and LibreOffice keep when they save the file and agencies never see or edit. Workbooks
 * made by hand carry none; they are judged by what they show (validate/identity.ts).
 */
import { foldKey, fromRoman } from '../vn/index.js';
import { periodIdOf } from './period.js';
import type { Round } from './round.js';

/** Version of the form layout written by this baocao (the `_baocao_form` name). */
export const FORM_VERSION = '1';

/** The defined names of a form's identity, by field. Workbook-level, hidden, string constants. */
export const IDENTITY_NAMES = {
  version: '_baocao_form',
  plan: '_baocao_plan',
  planTitle: '_baocao_plan_title',
  round: '_baocao_round',
  roundKey: '_baocao_round_key',
  roundLabel: '_baocao_round_label',
  agency: '_baocao_agency',
} as const;

/** What a form says about itself; every field is text as written (empty when absent). */
export interface FormIdentity {
  /** Form layout version ("1"). */
  readonly version: string;
  /** Plan folder name (plan.id) when the form was written. */
  readonly plan: string;
  /** Plan title, to recognise the plan after its folder was renamed. */
  readonly planTitle: string;
  /** Round folder name when the form was written ("2026-Q3"). */
  readonly round: string;
  /** roundKey() of that round ("2026-Q3", "du-toan"): the same round under any folder spelling. */
  readonly roundKey: string;
  /** Round label for messages ("quý III/2026"). */
  readonly roundLabel: string;
  /** Agency code the form was written for. */
  readonly agency: string;
}

/** The identity of the form written for one agency of a plan and round. */
export function formIdentity(plan: { readonly id: string; readonly info: { readonly title: string } }, round: Round, agencyCode: string): FormIdentity {
  return {
    version: FORM_VERSION,
    plan: plan.id,
    planTitle: plan.info.title,
    round: round.id,
    roundKey: roundKey(round),
    roundLabel: round.label,
    agency: agencyCode,
  };
}

/**
 * A round's key, the same whatever the folder is called: "du-toan" for the estimate round, the
 * period id (2026, 2026-H1, 2026-Q3, 2026-9T, 2026-07) for a period, else "dot:" and the folded name.
 */
export function roundKey(round: Pick<Round, 'id' | 'kind' | 'period'>): string {
  if (round.kind === 'estimate') return 'du-toan';
  if (round.period) return periodIdOf(round.period);
  return `dot:${foldKey(round.id)}`;
}

/**
 * The round key a visible label names, or null when it names no round clearly: the labels baocao
 * writes ("năm 2025", "quý III/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "tháng 07/2026",
 * "dự toán kinh phí") and the ways people type them ("Quý 3 năm 2026", "Q3-2026", "6 thang 2026").
 */
export function roundKeyOfLabel(label: string): string | null {
  const k = foldKey(label);
  if (!k) return null;
  if (/\bdu toan\b/.test(k)) return 'du-toan';
  const years = [...k.matchAll(/\b(19|20|21)(\d{2})\b/g)].map((m) => Number(`${m[1]}${m[2]}`));
  const year = years[0];
  // A label naming two different years (a plan span "2026 2030") names no single round.
  if (year === undefined || years.some((y) => y !== year)) return null;
  if (/\b6 thang cuoi\b/.test(k)) return `${year}-H2`;
  if (/\b6 thang\b/.test(k)) return `${year}-H1`;
  if (/\b9 thang\b/.test(k)) return `${year}-9T`;
  let m = /\b(?:quy|q)\s*(i{1,3}|iv|[1-4])\b/.exec(k);
  if (m) {
    const q = /^\d$/.test(m[1] ?? '') ? Number(m[1]) : fromRoman(m[1] ?? '');
    if (q !== null && q >= 1 && q <= 4) return `${year}-Q${q}`;
    return null;
  }
  m = /\bthang\s*(\d{1,2})\b/.exec(k);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : null;
  }
  if (/^(?:(?:bao cao|dot|ky|ky bao cao)\s+)*(?:nam|ca nam)\s+\d{4}$/.test(k) || /^\d{4}$/.test(k)) return `${year}`;
  return null;
}

/** Vietnamese words for a round key ("quý III/2026", "năm 2025", "dự toán kinh phí"), for messages. */
export function roundKeyLabel(key: string): string {
  if (key === 'du-toan') return 'dự toán kinh phí';
  let m = /^(\d{4})$/.exec(key);
  if (m) return `năm ${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return m[2] === '1' ? `6 tháng đầu năm ${m[1]}` : `6 tháng cuối năm ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `quý ${['I', 'II', 'III', 'IV'][Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-9T$/.exec(key);
  if (m) return `9 tháng năm ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `tháng ${m[2]}/${m[1]}`;
  return `đợt "${key.replace(/^dot:/, '')}"`;
}

/**
 * Where a misplaced workbook belongs, in words for a sentence: "đợt quý III/2026", or
 * "đợt năm 2025 của kế hoạch "x"" when it is another plan's ("… của kế hoạch khác" when unnamed).
 */
export function belongsToWords(m: { readonly plan: string; readonly roundLabel: string }, planId: string): string {
  const roundText = m.roundLabel ? `đợt ${m.roundLabel}` : 'đợt khác';
  if (m.plan === planId) return roundText;
  return `${roundText} của kế hoạch ${m.plan ? `"${m.plan}"` : 'khác'}`;
}
