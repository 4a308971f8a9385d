/**
 * Does a workbook belong to the plan and round whose folder it is in? A form written by
 * `baocao forms` says so itself (model/identity.ts); a workbook without that identity is judged by
 * what it shows: the plan and round labels of its "Thông tin" sheet, the year of its
 * "Đã thực hiện năm …" column and of its "Kế hoạch năm …" indicator column. A workbook of
 * another plan or round is an error naming where it belongs; it is never aggregated.
 */
import { basename, dirname } from 'node:path';
import { finding, type Finding } from '../findings.js';
import { roundKey, roundKeyLabel, roundKeyOfLabel } from '../model/identity.js';
import type { Plan } from '../model/plan.js';
import { parseRoundName, type Round } from '../model/round.js';
import { FORM_INFO_LABELS, FORM_SHEETS } from '../model/sheets.js';
import { address, cellAt, cellText, type SourceCell, type SourceSheet, type SourceWorkbook } from '../model/source.js';
import type { Misplacement } from '../model/submission.js';
import { foldKey } from '../vn/index.js';
import { findSheet } from './sheet-tools.js';

/** Label/value pairs of the "Thông tin" sheet, as readLabelValues gives them. */
export type InfoValues = ReadonlyMap<string, { readonly cell: SourceCell | null; readonly row: number; readonly col: number }>;

/** A workbook found to belong elsewhere: where, and the error finding that says so. */
export interface IdentityVerdict {
  readonly misplaced: Misplacement;
  readonly finding: Finding;
}

/** Longest "Kế hoạch" / "Đợt báo cáo" value compared with the folder. */
const MAX_LABEL = 1000;

/** Words of plan titles that say nothing about which plan it is. */
const TITLE_NOISE = new Set(['ke', 'hoach', 'kh', 've', 'va', 'cua', 'cac', 'tren', 'dia', 'ban', 'giai', 'doan', 'nam', 'thuc', 'hien', 'trien', 'khai']);

/**
 * Whether two plan titles name the same plan: equal or one inside the other once folded, or
 * sharing at least half of the telling words of the shorter ("KH phát triển TMĐT tỉnh Lạng Sơn
 * 2026-2030" is "Phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030").
 */
export function samePlanTitle(a: string, b: string): boolean {
  const x = foldKey(a);
  const y = foldKey(b);
  if (!x || !y || x === y || x.includes(y) || y.includes(x)) return true;
  const words = (s: string) => new Set(s.split(' ').filter((w) => w.length > 1 && !TITLE_NOISE.has(w)));
  const wx = words(x);
  const wy = words(y);
  const small = Math.min(wx.size, wy.size);
  if (small === 0) return true;
  let shared = 0;
  for (const w of wx) if (wy.has(w)) shared++;
  return shared / small >= 0.5;
}

/** "input/<plan>/<round>": the folder to move a file to, as the user sees it beside this plan's folder. */
function folderOf(plan: Plan, planId: string, round: string): string {
  const parent = plan.dir ? basename(dirname(plan.dir)) : '';
  return [parent, planId, round].filter((p) => p !== '' && p !== '.').join('/');
}

function quote(text: string, max = 120): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `"${t}"`;
}

/** The error for a workbook whose own identity names another plan or round; null when it belongs here or has none. */
function judgeByIdentity(wb: SourceWorkbook, plan: Plan, round: Round, infoSheet: SourceSheet | null, info: InfoValues): IdentityVerdict | null {
  const id = wb.identity;
  if (!id) return null;
  const samePlan = (id.plan === '' && id.planTitle === '') || id.plan === plan.id || (id.planTitle !== '' && foldKey(id.planTitle) === foldKey(plan.info.title));
  const theirKey = id.roundKey || (id.round ? roundKey({ id: id.round, ...parseRoundName(id.round) }) : '');
  const sameRound = theirKey === '' || theirKey === roundKey(round);
  if (samePlan && sameRound) return null;
  const roundText = id.roundLabel || (theirKey ? roundKeyLabel(theirKey) : 'khác');
  const misplaced: Misplacement = {
    plan: samePlan ? plan.id : id.plan,
    planTitle: samePlan ? plan.info.title : id.planTitle,
    round: id.round,
    roundKey: theirKey,
    roundLabel: roundText,
    evidence: 'identity',
  };
  const planName = id.plan ? `"${id.plan}"${id.planTitle ? ` (${quote(id.planTitle)})` : ''}` : quote(id.planTitle);
  const destination = id.round && (id.plan || samePlan) ? ` Chuyển tệp sang thư mục ${folderOf(plan, samePlan ? plan.id : id.plan, id.round)}.` : '';
  const message = samePlan
    ? `Tệp này là báo cáo đợt ${roundText} (biểu mẫu baocao tạo cho thư mục đợt "${id.round || roundText}"), không phải đợt ${round.label} của thư mục đang kiểm tra; tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này.${destination}`
    : `Tệp này là báo cáo đợt ${roundText} của kế hoạch ${planName}, không phải của kế hoạch "${plan.id}" đang kiểm tra; tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này.${destination}`;
  // Pointed at the visible label of what differs ("Đợt báo cáo" or "Kế hoạch" on "Thông tin"), when the sheet has it.
  const label = infoSheet ? info.get(foldKey(samePlan ? FORM_INFO_LABELS.round : FORM_INFO_LABELS.plan)) : undefined;
  return {
    misplaced,
    finding: finding({
      file: wb.file,
      sheet: label && infoSheet ? infoSheet.name : '',
      cell: label ? address(label.row, label.col) : '',
      code: samePlan ? 'submission_other_round' : 'submission_other_plan',
      message,
    }),
  };
}

/** The year of a header such as "Đã thực hiện năm 2025 (1000 đồng)" or "Kế hoạch năm 2026", with its cell. */
function headerYear(sheet: SourceSheet, prefix: RegExp): { year: number; cell: string; text: string } | null {
  const rows = Math.min(sheet.rowCount, 30);
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= Math.min(sheet.columnCount, 60); c++) {
      const cell = cellAt(sheet, r, c);
      if (cell?.mergedFrom && cell.mergedFrom !== address(r, c)) continue;
      const text = cellText(cell);
      if (!text || text.length > 200) continue;
      const m = prefix.exec(foldKey(text));
      if (m) return { year: Number(m[1]), cell: address(r, c), text };
    }
  }
  return null;
}

/** The error for a workbook without identity whose labels or year columns name another plan or round. */
function judgeByContent(wb: SourceWorkbook, plan: Plan, round: Round, infoSheet: SourceSheet | null, info: InfoValues): IdentityVerdict | null {
  const here = roundKey(round);
  const value = (label: string) => {
    const hit = info.get(foldKey(label));
    const text = hit ? cellText(hit.cell).trim() : '';
    // A label is a line of text; anything longer says nothing reliable about the plan or round.
    return hit && text.length <= MAX_LABEL ? { text, cell: address(hit.row, hit.col) } : null;
  };
  const planLabel = infoSheet ? value(FORM_INFO_LABELS.plan) : null;
  const roundLabel = infoSheet ? value(FORM_INFO_LABELS.round) : null;
  const labelKey = roundLabel?.text ? roundKeyOfLabel(roundLabel.text) : null;
  // A folder whose name is no period or estimate cannot be compared with a label.
  const comparable = !here.startsWith('dot:');
  const otherRound = comparable && labelKey !== null && labelKey !== here;

  if (planLabel?.text && !samePlanTitle(planLabel.text, plan.info.title)) {
    const roundText = labelKey ? `đợt ${roundKeyLabel(labelKey)} ` : '';
    return {
      misplaced: { plan: '', planTitle: planLabel.text, round: '', roundKey: labelKey ?? '', roundLabel: labelKey ? roundKeyLabel(labelKey) : '', evidence: 'label' },
      finding: finding({
        file: wb.file,
        sheet: infoSheet?.name ?? '',
        cell: planLabel.cell,
        code: 'submission_other_plan',
        message:
          `Tệp này ghi là báo cáo ${roundText}của kế hoạch ${quote(planLabel.text)} (ô ${planLabel.cell}), không phải kế hoạch ${quote(plan.info.title)} của thư mục "${plan.id}"; ` +
          'tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này. Chuyển tệp sang thư mục của kế hoạch đó.',
      }),
    };
  }
  if (otherRound && roundLabel) {
    const theirs = roundKeyLabel(labelKey);
    return {
      misplaced: { plan: plan.id, planTitle: plan.info.title, round: '', roundKey: labelKey, roundLabel: theirs, evidence: 'label' },
      finding: finding({
        file: wb.file,
        sheet: infoSheet?.name ?? '',
        cell: roundLabel.cell,
        code: 'submission_other_round',
        message:
          `Tệp này ghi "Đợt báo cáo" là ${quote(roundLabel.text)} (ô ${roundLabel.cell}): là báo cáo đợt ${theirs}, không phải đợt ${round.label} của thư mục đang kiểm tra; ` +
          `tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này. Chuyển tệp sang thư mục đợt ${theirs} của kế hoạch (${folderOf(plan, plan.id, labelKey)}).`,
      }),
    };
  }
  // Year columns: money spent "năm 2025", or the indicators' "Kế hoạch năm 2025", in a round of another year.
  const period = round.period;
  if (!period || round.kind !== 'progress') return null;
  const budget = findSheet(wb, FORM_SHEETS.budget, ['Kinh phi']);
  const indicators = findSheet(wb, FORM_SHEETS.indicators, ['Chi tieu']);
  const evidence = [
    budget ? { sheet: budget, hit: headerYear(budget, /^(?:kinh phi )?da thuc hien nam (\d{4})\b/) } : null,
    indicators ? { sheet: indicators, hit: headerYear(indicators, /^ke hoach nam (\d{4})\b/) } : null,
  ];
  for (const e of evidence) {
    if (!e?.hit || e.hit.year === period.year) continue;
    const theirs = `năm ${e.hit.year}`;
    return {
      misplaced: { plan: plan.id, planTitle: plan.info.title, round: '', roundKey: String(e.hit.year), roundLabel: theirs, evidence: 'column' },
      finding: finding({
        file: wb.file,
        sheet: e.sheet.name,
        cell: e.hit.cell,
        code: 'submission_other_round',
        message:
          `Cột ${quote(e.hit.text)} (ô ${e.hit.cell}) cho thấy tệp này là báo cáo của ${theirs}, không phải đợt ${round.label} của thư mục đang kiểm tra; ` +
          `tệp không được tổng hợp và không được tính là cơ quan đã nộp đợt này. Chuyển tệp sang thư mục đợt của ${theirs}, hoặc đề nghị cơ quan gửi báo cáo đúng đợt ${round.label}.`,
      }),
    };
  }
  return null;
}

/**
 * Whether a workbook belongs to this plan and round: null when it does (or nothing says
 * otherwise), else where it belongs and the error finding. Its own identity, when it has one,
 * decides; labels and columns are looked at only in workbooks without identity.
 */
export function judgeIdentity(wb: SourceWorkbook, plan: Plan, round: Round, infoSheet: SourceSheet | null, info: InfoValues): IdentityVerdict | null {
  if (wb.identity) return judgeByIdentity(wb, plan, round, infoSheet, info);
  return judgeByContent(wb, plan, round, infoSheet, info);
}
