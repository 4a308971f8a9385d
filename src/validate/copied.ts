/**
 * Two agencies whose workbooks carry exactly the same figures: a commune that copied its
 * neighbour's table (or sent the neighbour's file under its own form) would add the neighbour's
 * figures a second time without a word. Only the indicator figures an agency types are compared
 * (the period's and its quarters), never what the form prefills nor the money spent (communes
 * given the same allocation often spend the same); and only when there are enough of them that
 * two agencies cannot meet by chance (small communes all writing 0, 1, 2).
 * A warning `submission_copied` on each of the files, naming the other.
 */
import { finding, type Finding } from '../findings.js';
import type { Agency } from '../model/plan.js';
import type { Submission } from '../model/submission.js';
import { figureText } from './sheet-tools.js';

/** At least this many figures other than zero… */
const MIN_FIGURES = 3;
/** …with at least this many significant digits between them (28, 10, 7 and 1.250 are 2 + 2 + 1 + 3). */
const MIN_DIGITS = 8;

/** Significant digits of a figure as typed: 1.250 → 3, 7,5 → 2, 0,05 → 1. */
function digits(v: number): number {
  const text = String(Math.abs(v)).replace('.', '').replace(/^0+/u, '').replace(/0+$/u, '');
  return Math.max(1, text.length);
}

/**
 * The indicator figures an agency typed, as a key, or null when there are too few to tell a copy
 * from chance. `codes`: only these indicators; `quarters`: the quarters too.
 */
export function typedFigures(s: Submission, opts: { readonly codes?: ReadonlySet<string>; readonly quarters: boolean }): { key: string; figures: number } | null {
  const parts: string[] = [];
  let nonZero = 0;
  let total = 0;
  const add = (label: string, v: number | null) => {
    if (v === null) return;
    parts.push(`${label}=${v}`);
    if (v !== 0) {
      nonZero++;
      total += digits(v);
    }
  };
  for (const r of s.indicators ?? []) {
    if (opts.codes && !opts.codes.has(r.code)) continue;
    add(`i:${r.code}`, r.actual);
    if (opts.quarters) r.quarters.forEach((q, k) => add(`i:${r.code}:q${k + 1}`, q));
  }
  if (nonZero < MIN_FIGURES || total < MIN_DIGITS) return null;
  return { key: parts.sort().join('|'), figures: parts.length };
}

/** Where a finding about a whole table points: the agency's first figure other than zero (of `codes`, when given). */
export function firstFigure(s: Submission, codes?: ReadonlySet<string>): { sheet: string; cell: string } {
  const at = s.indicators?.find((r) => (!codes || codes.has(r.code)) && r.actual !== null && r.actual !== 0)?.source.actual;
  return { sheet: at?.sheet ?? '', cell: at?.cell ?? '' };
}

/** Findings for the agencies (one submission each) whose typed figures are all the same as another's. */
export function copiedFigures(submissions: readonly Submission[], agencies: readonly Agency[]): Finding[] {
  const byKey = new Map<string, { subs: Submission[]; figures: number }>();
  for (const s of submissions) {
    if (s.errorCount > 0) continue;
    const f = typedFigures(s, { quarters: true });
    if (!f) continue;
    const group = byKey.get(f.key);
    if (group) group.subs.push(s);
    else byKey.set(f.key, { subs: [s], figures: f.figures });
  }
  const name = (code: string) => agencies.find((a) => a.code === code)?.name ?? code;
  const out: Finding[] = [];
  for (const { subs, figures } of byKey.values()) {
    if (subs.length < 2) continue;
    for (const s of subs) {
      const others = subs.filter((o) => o !== s).map((o) => `tệp "${o.file}" của ${name(o.agencyCode)}`);
      out.push(
        finding({
          file: s.file,
          ...firstFigure(s),
          code: 'submission_copied',
          message:
            `Cả ${figureText(figures)} số liệu ${name(s.agencyCode)} ghi trong tệp này giống hệt ${others.join(', ')}: có thể đã chép số liệu hoặc gửi nhầm tệp của cơ quan khác. ` +
            `Nếu giữ nguyên, baocao cộng các số này ${subs.length} lần.`,
        }),
      );
    }
  }
  return out;
}
