/**
 * The "Chỉ tiêu" sheet of a submission: the agency's own indicators for the round's period,
 * each quarter where the period spans several, and the same period of the previous year.
 */
import { finding, type Finding } from '../findings.js';
import { isDerived, type Indicator } from '../model/indicator.js';
import type { Agency, Plan } from '../model/plan.js';
import { periodIdOf, planValue, quartersIn } from '../model/period.js';
import type { Period } from '../model/round.js';
import { FORM_INDICATOR_HEADERS, FORM_SHEET_ALIASES, FORM_SHEETS, QUARTER_HEADERS } from '../model/sheets.js';
import { address, cellAt, cellText, type SourceWorkbook } from '../model/source.js';
import type { IndicatorReport } from '../model/submission.js';
import { foldKey, formatNumber, formatPercent, isPercentUnit, unitScale } from '../vn/index.js';
import { checkColumnPeriod, figureText, findHeader, findSheet, holdsData, readNumberCell, report, reportColumns, reportNumbersOutsideTable, scaleGap, type ColumnSpec, type NumberRead, type SheetContext } from './sheet-tools.js';

const spec = (label: string, required: boolean, extra: string[] = []): ColumnSpec => ({ label, match: [foldKey(label), ...extra.map(foldKey)], required });

/** The words before the period in the header of the figure column: "Thực hiện", "Ước thực hiện"… */
const ACTUAL_WORDS = /^(?:uoc )?(?:thuc hien|uoc tinh|uoc)(?: ky nay| ky bao cao)?\s+(.+)$/;

/** Figures are published rounded to one decimal: parts may differ from their sum by this much. */
export const SUM_TOLERANCE = 0.15;

/** Validates the indicator sheet; returns one report per indicator row found. */
export function validateIndicators(wb: SourceWorkbook, plan: Plan, period: Period, agency: Agency, findings: Finding[]): IndicatorReport[] {
  const own = plan.indicators.filter((i) => i.reporters.includes(agency.code) && !isDerived(i));
  const H = FORM_INDICATOR_HEADERS;
  const quarters = quartersIn(period);
  const sheet = findSheet(wb, FORM_SHEETS.indicators, FORM_SHEET_ALIASES.indicators);
  const expected = [H.stt, H.code, H.name, H.unit, H.plan, ...quarters.map((q) => QUARTER_HEADERS[q - 1] ?? ''), H.actual, H.base, H.note].join(' | ');
  if (!sheet) {
    findings.push(finding({ file: wb.file, code: 'sheet_missing', message: `Thiếu sheet "${FORM_SHEETS.indicators}". Sheet cần có các cột: ${expected}.` }));
    return [];
  }
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  const header = findHeader(
    sheet,
    {
      stt: spec(H.stt, false, ['tt']),
      code: spec(H.code, true, ['ma chi tieu']),
      name: spec(H.name, false, ['ten chi tieu']),
      unit: spec(H.unit, false, ['dvt']),
      plan: spec(H.plan, false),
      actual: spec(H.actual, true, ['thuc hien', 'uoc thuc hien', 'thuc hien ky bao cao']),
      base: spec(H.base, false, ['cung ky']),
      note: spec(H.note, false),
    },
    /^quy (i|ii|iii|iv)\b/,
  );
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${sheet.name}" cần dòng tiêu đề: ${expected}.`);
    return [];
  }
  reportColumns(ctx, sheet, header);
  reportNumbersOutsideTable(ctx, sheet, header.row);
  const c = header.cols;
  if (c.actual !== undefined) checkColumnPeriod(ctx, sheet, header.row, c.actual, period, ACTUAL_WORDS, 'số thực hiện', false);
  const quarterCols = new Map<number, number>();
  for (const p of header.patterned) quarterCols.set(['i', 'ii', 'iii', 'iv'].indexOf(p.key) + 1, p.col);
  const reports: IndicatorReport[] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const code = cellText(cellAt(sheet, r, c.code ?? 0)).trim();
    // A code left by a formula copied down empty rows (0, "", "-") is no indicator row.
    if (!code || !holdsData(cellAt(sheet, r, c.code ?? 0))) continue;
    const codeCell = address(r, c.code ?? 1);
    const ind = plan.indicators.find((i) => i.code === code);
    if (!ind) {
      report(ctx, 'indicator_unknown', codeCell, `Dòng ${r}: không có chỉ tiêu mã "${code}" trong kế hoạch.`);
      continue;
    }
    if (!ind.reporters.includes(agency.code) || isDerived(ind)) {
      report(ctx, 'indicator_unknown', codeCell, `Chỉ tiêu ${code} không do ${agency.name} báo cáo (hoặc do baocao tự tính); dòng này không được tổng hợp.`);
      continue;
    }
    if (reports.some((x) => x.code === code)) {
      report(ctx, 'indicator_unknown', codeCell, `Chỉ tiêu ${code} được báo cáo hai lần; chỉ dòng đầu tiên được tổng hợp.`);
      continue;
    }
    const percent = isPercentUnit(ind.unit);
    if (sheet.hiddenRows.includes(r)) report(ctx, 'row_hidden', address(r, 1), `Dòng ${r} (chỉ tiêu ${code}) đang bị ẩn nhưng vẫn được tổng hợp.`);
    if (c.unit !== undefined) checkUnit(ctx, r, c.unit, cellText(cellAt(sheet, r, c.unit)), ind);
    const num = (col: number | undefined, label: string): NumberRead => {
      if (col === undefined) return { kind: 'blank' };
      const n = readNumberCell(ctx, sheet, r, col, label, percent);
      if (n.kind === 'no-result') {
        const at = address(r, col);
        ctx.findings.push(finding({ file: ctx.file, sheet: ctx.sheet, cell: at, code: 'formula_no_result', message: `Ô ${at} (${label}) có công thức "=${n.formula}" nhưng tệp không lưu kết quả.` }));
      }
      if (n.kind === 'number' && n.value < 0 && (ind.kind === 'flow' || ind.kind === 'stock')) {
        const at = address(r, col);
        report(ctx, 'value_negative', at, `Ô ${at} (${label}) là số âm (${formatNumber(n.value, 2)}); chỉ tiêu ${code} không thể âm.`);
      }
      return n;
    };
    const value = (n: NumberRead) => (n.kind === 'number' ? n.value : null);
    const actualCol = c.actual ?? 1;
    const actualRead = num(c.actual, H.actual);
    const quarterValues = quarters.map((q) => value(num(quarterCols.get(q), QUARTER_HEADERS[q - 1] ?? `Quý ${q}`)));
    let actual = value(actualRead);
    const actualCell = address(r, actualCol);
    // A flow over several quarters: the quarters must add up to the period's figure.
    if (ind.kind === 'flow' && quarters.length > 0 && quarterValues.every((v): v is number => v !== null)) {
      const sum = quarterValues.reduce((a, b) => a + b, 0);
      if (actual === null && actualRead.kind === 'blank') actual = sum;
      else if (actual !== null && Math.abs(sum - actual) > SUM_TOLERANCE) {
        const names = quarters.map((q) => QUARTER_HEADERS[q - 1] ?? '').join(' + ');
        report(
          ctx,
          'period_sum_mismatch',
          actualCell,
          `Chỉ tiêu ${code}: ${names} = ${quarterValues.map((v) => formatNumber(v, 2)).join(' + ')} = ${formatNumber(sum, 2)}, khác số ${period.label} ${formatNumber(actual, 2)} (ô ${actualCell}).`,
        );
      }
    }
    if (actual === null && actualRead.kind === 'blank') {
      report(ctx, 'indicator_not_reported', actualCell, `Chỉ tiêu ${code} (${ind.name}) chưa có số "${H.actual}".`);
    }
    const base = value(num(c.base, H.base));
    checkAgainstLastYear(ctx, plan, period, ind, actual, actualCell, base, c.base === undefined ? null : address(r, c.base));
    if (sharePercent(plan, ind)) {
      checkShare(ctx, ind, actual, actualCell, H.actual);
      if (c.base !== undefined) checkShare(ctx, ind, base, address(r, c.base), H.base);
    }
    if (percentRate(ind) && actual !== null && base !== null && c.base !== undefined) {
      const words = fractionWords(actual, base);
      if (words) ctx.findings.push(fractionFinding({ file: ctx.file, sheet: ctx.sheet, cell: actualCell }, ind, period, actual, `số cùng kỳ năm trước là ${formatPercent(base, 4, { trimZeros: true })}% (ô ${address(r, c.base)})`, words));
    }
    reports.push({
      code,
      actual,
      base,
      quarters: quarterValues,
      note: c.note ? cellText(cellAt(sheet, r, c.note)).trim() : '',
      source: { actual: { file: wb.file, sheet: sheet.name, cell: actualCell }, row: r, ...(c.base === undefined ? {} : { base: address(r, c.base) }) },
    });
  }
  const missing = own.filter((i) => !reports.some((x) => x.code === i.code));
  if (missing.length > 0) {
    report(ctx, 'indicator_not_reported', address(header.row, c.code ?? 1), `Chưa báo cáo các chỉ tiêu: ${missing.map((m) => `${m.code} (${m.name})`).join('; ')}.`);
  }
  // Parts of a flow must add up to it (Công nghiệp + Xây dựng = Công nghiệp và xây dựng).
  for (const parent of own) {
    const parts = own.filter((i) => i.parent === parent.code);
    const pr = reports.find((x) => x.code === parent.code);
    if (parts.length === 0 || !pr || pr.actual === null || parent.kind !== 'flow') continue;
    const values = parts.map((p) => reports.find((x) => x.code === p.code)?.actual ?? null);
    if (!values.every((v): v is number => v !== null)) continue;
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - pr.actual) > SUM_TOLERANCE) {
      report(
        ctx,
        'parts_sum_mismatch',
        pr.source.actual.cell,
        `Chỉ tiêu ${parent.code} = ${formatNumber(pr.actual, 2)} nhưng các thành phần ${parts.map((p) => p.code).join(' + ')} = ${formatNumber(sum, 2)}.`,
      );
    }
  }
  return reports;
}

/**
 * The unit an agency wrote on an indicator's row against the plan's: the same unit at another
 * scale ("triệu đồng" for "tỷ đồng") would add figures a thousand times off, an error
 * (indicator_unit_mismatch: baocao does not convert); another unit altogether ("lượt" for
 * "người") is a warning, the figure being read as in the plan's unit. A blank unit is the plan's.
 */
function checkUnit(ctx: SheetContext, row: number, col: number, text: string, ind: Indicator): void {
  const written = unitScale(text);
  const planned = unitScale(ind.unit);
  if (!written || !planned) return;
  const comparable = written.base === planned.base || written.base === '' || planned.base === '';
  if (comparable && written.scale === planned.scale) return;
  const at = address(row, col);
  const shown = text.trim();
  if (comparable) {
    report(
      ctx,
      'indicator_unit_mismatch',
      at,
      `Dòng ${row}: chỉ tiêu ${ind.code} ghi đơn vị "${shown}", nhưng kế hoạch tính bằng "${ind.unit}": đọc theo "${ind.unit}", số liệu sẽ ${scaleGap(written.scale, planned.scale)}. baocao không tự đổi đơn vị.`,
    );
    return;
  }
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell: at,
      code: 'indicator_unit_mismatch',
      severity: 'warning',
      message: `Dòng ${row}: chỉ tiêu ${ind.code} ghi đơn vị "${shown}", khác đơn vị của kế hoạch "${ind.unit}"; baocao đọc số như đã ghi, theo đơn vị "${ind.unit}".`,
      hint: `Xem lại số liệu có đúng theo đơn vị "${ind.unit}" của kế hoạch không; nếu đúng, sửa ô Đơn vị tính cho giống kế hoạch.`,
    }),
  );
}

/**
 * Without last year's figure: a figure ten times the plan's figure for the whole year (of the whole
 * indicator, every reporter together) of an indicator to reach is a warning (indicator_outlier) —
 * the report would say "đạt 1.765% kế hoạch năm". GRDP plans are growth rates, not figures.
 */
function checkAgainstYearPlan(ctx: SheetContext, plan: Plan, period: Period, ind: Indicator, actual: number, actualCell: string): void {
  if (ind.grdp !== null || (ind.direction !== 'min' && ind.direction !== 'above')) return;
  const yearPlan = planValue(plan.indicatorValues, ind.code, String(period.year), 'plan');
  if (yearPlan === null || yearPlan <= 0 || actual < OUTLIER_RATIO * yearPlan) return;
  const comparison = `gấp ${formatNumber(actual / yearPlan, 0)} lần kế hoạch cả năm ${period.year} của chỉ tiêu (${figureText(yearPlan)}, sheet "Số liệu chỉ tiêu" của kế hoạch)`;
  ctx.findings.push(outlierFinding({ file: ctx.file, sheet: ctx.sheet, cell: actualCell }, ind, period, actual, comparison));
}

/** The warning (indicator_outlier) at a figure: "Chỉ tiêu X (…): số <period> là <figure> <unit>, <comparison>." */
export function outlierFinding(at: { readonly file: string; readonly sheet: string; readonly cell: string }, ind: Pick<Indicator, 'code' | 'name' | 'unit'>, period: Period, actual: number, comparison: string): Finding {
  return finding({ ...at, code: 'indicator_outlier', message: `Chỉ tiêu ${ind.code} (${ind.name}): số ${period.label} là ${figureText(actual)} ${ind.unit}, ${comparison}.` });
}

/** A rate in % the agency reports (not a GRDP growth, computed by the scenario). */
export function percentRate(ind: Indicator): boolean {
  return ind.kind === 'rate' && ind.grdp === null && isPercentUnit(ind.unit);
}

/** A share written as a fraction: 0,585 where the reference (last year's, 53,1 %) says 58,5 % was meant. */
export function fractionWords(actual: number, reference: number): string | null {
  if (actual <= 0 || actual >= 2 || reference < 2 || Math.abs(actual * 100 - reference) > reference / 2) return null;
  const plain = (x: number) => formatPercent(x, 4, { trimZeros: true });
  return `có thể đã ghi tỷ lệ dạng số thập phân (${plain(actual)} thay cho ${plain(actual * 100)}%)`;
}

/** The warning (indicator_outlier) at a rate that looks written as a fraction. */
export function fractionFinding(at: { readonly file: string; readonly sheet: string; readonly cell: string }, ind: Pick<Indicator, 'code' | 'name'>, period: Period, actual: number, reference: string, words: string): Finding {
  return finding({ ...at, code: 'indicator_outlier', message: `Chỉ tiêu ${ind.code} (${ind.name}): số ${period.label} là ${formatPercent(actual, 4, { trimZeros: true })}%, trong khi ${reference}: ${words}.` });
}

/** Names of rates that may pass 100 %: achievement against an estimate or plan, growth, an index. */
const MAY_PASS_100 = /\b(so voi|du toan|ke hoach|toc do|tang truong|chi so|vuot)\b/u;

/**
 * A percentage the agency reports that is a share of something (of the population, of enterprises):
 * a rate in %, not a GRDP growth, not named as an achievement, growth or index ("so với dự toán",
 * "tốc độ tăng"), with every figure the plan gives for it (baseline, target, the periods' plan,
 * scenario and last year) at most 100.
 */
function sharePercent(plan: Plan, ind: Indicator): boolean {
  if (!percentRate(ind) || MAY_PASS_100.test(foldKey(ind.name))) return false;
  const planned = [ind.baseline?.value ?? null, ind.target?.value ?? null, ...plan.indicatorValues.filter((v) => v.code === ind.code).flatMap((v) => [v.plan, v.scenario, v.base])];
  return planned.every((x) => x === null || x <= 100);
}

/** A share above 100 % is a warning at the cell (indicator_over_100): most often a decimal comma lost (585 for 58,5). */
function checkShare(ctx: SheetContext, ind: Indicator, figure: number | null, cell: string, label: string): void {
  if (figure === null || figure <= 100) return;
  ctx.findings.push(
    finding({
      file: ctx.file,
      sheet: ctx.sheet,
      cell,
      code: 'indicator_over_100',
      message: `Chỉ tiêu ${ind.code} (${ind.name}): ô ${cell} (${label}) ghi ${figureText(figure)}%, vượt 100%, trong khi mọi số kế hoạch đặt cho chỉ tiêu này đều không quá 100%.`,
    }),
  );
}

/** A figure ten times its same period of last year, or a tenth of it, is said: a digit too many or too few, or another unit. */
const OUTLIER_RATIO = 10;
/**
 * A stock (enterprises operating, cooperatives) moves little in a year: three times last year's, or
 * a third of it, is said too — a digit too many on a figure that fell a little is under ten times
 * (9.120 for 912 against 950 last year). Only from this size: 2 websites becoming 7 is no mistake.
 */
const STOCK_OUTLIER_RATIO = 3;
const STOCK_OUTLIER_MIN = 20;

/** How a flow or stock figure compares with its same period of last year when that is said ("gấp 11 lần"), else null. */
export function outlierWords(kind: Indicator['kind'], actual: number, base: number): string | null {
  if (actual <= 0 || base <= 0 || (kind !== 'flow' && kind !== 'stock')) return null;
  const ratio = actual / base;
  const limit = kind === 'stock' && Math.max(actual, base) >= STOCK_OUTLIER_MIN ? STOCK_OUTLIER_RATIO : OUTLIER_RATIO;
  if (ratio < limit && ratio > 1 / limit) return null;
  return ratio >= 1 ? `gấp ${ratio < OUTLIER_RATIO ? formatNumber(ratio, 1).replace(/,0$/u, '') : formatNumber(ratio, 0)} lần` : `chỉ bằng ${formatNumber(ratio * 100, 1).replace(/,0$/u, '')}%`;
}

/**
 * A flow or stock figure against the same period of last year: the agency's own "Cùng kỳ năm
 * trước", or the plan's when the agency alone reports the indicator. Ten times it or a tenth of
 * it (a stock: three times, a third) is a warning (indicator_outlier) at the figure: most often a
 * digit typed too many or too few, or a figure in another unit; the figure is still aggregated.
 */
function checkAgainstLastYear(ctx: SheetContext, plan: Plan, period: Period, ind: Indicator, actual: number | null, actualCell: string, ownBase: number | null, ownBaseCell: string | null): void {
  if (actual === null || actual <= 0 || (ind.kind !== 'flow' && ind.kind !== 'stock')) return;
  const pid = periodIdOf(period);
  const planBase = ind.reporters.length === 1 ? (plan.indicatorValues.find((v) => v.code === ind.code && v.period === pid)?.base ?? null) : null;
  const base = ownBase !== null && ownBase > 0 ? ownBase : planBase;
  if (base === null || base <= 0) {
    checkAgainstYearPlan(ctx, plan, period, ind, actual, actualCell);
    return;
  }
  const how = outlierWords(ind.kind, actual, base);
  if (how === null) return;
  const where = base === ownBase && ownBaseCell ? `ô ${ownBaseCell}` : `sheet "Số liệu chỉ tiêu" của kế hoạch`;
  ctx.findings.push(outlierFinding({ file: ctx.file, sheet: ctx.sheet, cell: actualCell }, ind, period, actual, `${how} số cùng kỳ năm trước (${figureText(base)}, ${where})`));
}
