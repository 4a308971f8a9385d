/**
 * The indicator sheets of the plan workbook: the catalogue ("Chỉ tiêu"), the period values
 * ("Số liệu chỉ tiêu") and the published growth scenario ("Kịch bản tăng trưởng").
 * Findings point at the cells staff must fix.
 */
import type { GrdpRole, Indicator, IndicatorValue, ScenarioRow } from '../model/indicator.js';
import type { Agency } from '../model/plan.js';
import { periodIdOf } from '../model/period.js';
import { parseRoundName } from '../model/round.js';
import { INDICATOR_WORDS, PLAN_INDICATOR_HEADERS, PLAN_SCENARIO_HEADERS, PLAN_SHEETS, PLAN_VALUE_HEADERS } from '../model/sheets.js';
import { address, cellAt, cellText, type SourceSheet, type SourceWorkbook } from '../model/source.js';
import { checkPeriodSums, checkScenario, type Quarters } from '../calc/index.js';
import { finding, type Finding } from '../findings.js';
import { foldKey, formatNumber, isPercentUnit } from '../vn/index.js';
import { SUM_TOLERANCE } from './indicator-sheet.js';
import { groupMembers, matchAgency } from '../model/agencies.js';
import { findHeader, findSheet, readNumberCell, report, reportPlanColumns, type ColumnSpec, type SheetContext } from './sheet-tools.js';

export interface PlanIndicators {
  readonly indicators: Indicator[];
  readonly values: IndicatorValue[];
  readonly scenario: ScenarioRow[];
}

const col = (label: string, required: boolean, extra: string[] = []): ColumnSpec => ({ label, match: [foldKey(label), ...extra.map(foldKey)], required });

/** Matches a word typed by staff against the accepted words of a field; null when none. */
function wordOf<K extends string>(words: Readonly<Record<K, readonly string[]>>, text: string): K | null {
  const k = foldKey(text);
  for (const key of Object.keys(words) as K[]) if (words[key].some((w) => foldKey(w) === k)) return key;
  return null;
}

function allowed(words: Readonly<Record<string, readonly string[]>>): string {
  return Object.values(words)
    .map((list) => `"${list[0] ?? ''}"`)
    .join(', ');
}

/** Reads the indicator sheets (all optional); agencies resolve the owners. */
export function validatePlanIndicators(wb: SourceWorkbook, agencies: readonly Agency[], years: readonly number[], findings: Finding[]): PlanIndicators {
  const indicators = readCatalogue(wb, agencies, findings);
  const { values, cellOf } = readValues(wb, indicators, findings);
  const scenario = readScenario(wb, indicators, values, years, findings);
  checkPlanPeriodSums(wb, indicators, values, cellOf, findings);
  return { indicators, values, scenario };
}

/**
 * The plan's own figures of a flow must add up across periods (Q3 + Q4 = H2, H1 + H2 = year):
 * a published table that does not is reported, never copied forward.
 */
function checkPlanPeriodSums(wb: SourceWorkbook, indicators: readonly Indicator[], values: readonly IndicatorValue[], cellOf: ValueCells, findings: Finding[]): void {
  const sheet = findSheet(wb, PLAN_SHEETS.indicatorValues);
  if (!sheet) return;
  for (const ind of indicators.filter((i) => i.kind === 'flow')) {
    const years = [...new Set(values.filter((v) => v.code === ind.code).map((v) => v.period.slice(0, 4)))];
    for (const y of years) {
      for (const field of ['plan', 'scenario'] as const) {
        const get = (p: string) => values.find((v) => v.code === ind.code && v.period === p)?.[field] ?? null;
        const issues = checkPeriodSums(
          { q1: get(`${y}-Q1`), q2: get(`${y}-Q2`), q3: get(`${y}-Q3`), q4: get(`${y}-Q4`), h1: get(`${y}-H1`), h2: get(`${y}-H2`), nineMonths: get(`${y}-9T`), year: get(y) },
          SUM_TOLERANCE,
        );
        // The figure stated for the whole period (6 tháng, 9 tháng, cả năm) is the one that does not add up.
        const periodOfColumn: Record<string, string> = { h1: `${y}-H1`, h2: `${y}-H2`, nineMonths: `${y}-9T`, year: y };
        for (const issue of issues) {
          findings.push(
            finding({
              file: wb.file,
              sheet: sheet.name,
              cell: cellOf(ind.code, periodOfColumn[issue.column] ?? y, field),
              code: 'scenario_inconsistent',
              message: `Chỉ tiêu ${ind.code} (${field === 'plan' ? PLAN_VALUE_HEADERS.plan : PLAN_VALUE_HEADERS.scenario}, năm ${y}): ${issue.rule} không khớp — ghi ${formatNumber(issue.stated, 2)}, cộng lại được ${formatNumber(issue.expected, 2)}.`,
            }),
          );
        }
      }
    }
  }
}

function readCatalogue(wb: SourceWorkbook, agencies: readonly Agency[], findings: Finding[]): Indicator[] {
  const sheet = findSheet(wb, PLAN_SHEETS.indicators);
  if (!sheet) return [];
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  const h = PLAN_INDICATOR_HEADERS;
  const header = findHeader(sheet, {
    code: col(h.code, true, ['ma chi tieu']),
    name: col(h.name, true, ['ten chi tieu']),
    unit: col(h.unit, false, ['dvt']),
    group: col(h.group, false, ['linh vuc']),
    owner: col(h.owner, true, ['co quan', 'don vi phu trach', 'chu tri']),
    combine: col(h.combine, false),
    direction: col(h.direction, false),
    kind: col(h.kind, false),
    grdp: col(h.grdp, false),
    parent: col(h.parent, false, ['thuoc']),
    numerator: col(h.numerator, false),
    denominator: col(h.denominator, false),
    accumulate: col(h.accumulate, false, ['cong don giai doan', 'luy ke ca giai doan']),
    baselineYear: col(h.baselineYear, false),
    baselineValue: col(h.baselineValue, false, ['gia tri goc']),
    targetYear: col(h.targetYear, false),
    targetValue: col(h.targetValue, false, ['gia tri muc tieu']),
  });
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${sheet.name}" cần dòng tiêu đề: ${Object.values(h).join(' | ')}.`);
    return [];
  }
  reportPlanColumns(ctx, sheet, header, Object.values(h));
  const c = header.cols;
  const text = (r: number, k: keyof typeof c) => (c[k] === undefined ? '' : cellText(cellAt(sheet, r, c[k] ?? 0)).trim());
  const out: Indicator[] = [];
  /** Row of each indicator read, for findings about it found after the whole sheet is read. */
  const rowOf = new Map<string, number>();
  const cellFor = (code: string, k: keyof typeof c): string => address(rowOf.get(code) ?? header.row + 1, c[k] ?? c.code ?? 1);
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const code = text(r, 'code');
    const name = text(r, 'name');
    if (!code && !name) continue;
    if (!code || !name) {
      report(ctx, 'plan_field_missing', address(r, c.code ?? 1), `Dòng ${r}: chỉ tiêu cần có cả mã và tên.`);
      continue;
    }
    if (out.some((i) => i.code.toUpperCase() === code.toUpperCase())) {
      report(ctx, 'plan_duplicate', address(r, c.code ?? 1), `Mã chỉ tiêu "${code}" bị khai báo hai lần.`);
      continue;
    }
    // One agency, a group, or several of them ("Sở Công Thương; UBND các xã, phường"): all report it.
    const ownerText = text(r, 'owner');
    const ownerParts = ownerText.split(/[;\n]+/).map((x) => x.trim()).filter(Boolean);
    const members: Agency[] = [];
    const unknown: string[] = [];
    for (const part of ownerParts) {
      const one = matchAgency(agencies, part);
      const found = one ? [one] : groupMembers(agencies, part);
      if (found.length === 0) unknown.push(part);
      for (const m of found) if (!members.includes(m)) members.push(m);
    }
    const ownerAgency = ownerParts.length === 1 ? matchAgency(agencies, ownerParts[0] ?? '') : undefined;
    if (members.length === 0 || unknown.length > 0) {
      report(
        ctx,
        'plan_unknown_agency',
        address(r, c.owner ?? 1),
        `Chỉ tiêu ${code}: "${unknown.join('; ') || ownerText}" không phải mã, tên cơ quan hay tên nhóm nào ở sheet "${PLAN_SHEETS.agencies}".`,
      );
      continue;
    }
    const yearOf = (k: 'baselineYear' | 'targetYear'): number | null => {
      const t = text(r, k);
      if (!t) return null;
      if (/^\d{4}$/.test(t)) return Number(t);
      report(ctx, 'plan_invalid_value', address(r, c[k] ?? 1), `Chỉ tiêu ${code}: "${h[k]}" ghi "${t}", cần một năm (ví dụ 2030).`);
      return null;
    };
    const numberOf = (k: 'baselineValue' | 'targetValue'): number | null => {
      const colIndex = c[k];
      if (colIndex === undefined) return null;
      const n = readNumberCell(ctx, sheet, r, colIndex, h[k], isPercentUnit(text(r, 'unit')));
      return n.kind === 'number' ? n.value : null;
    };
    const baselineYear = yearOf('baselineYear');
    const targetYear = yearOf('targetYear');
    const targetValue = numberOf('targetValue');
    if ((targetYear === null) !== (targetValue === null)) {
      report(ctx, 'plan_field_missing', address(r, c.targetValue ?? c.targetYear ?? 1), `Chỉ tiêu ${code}: cần ghi cả "${h.targetYear}" và "${h.targetValue}".`);
    }
    const accumulateText = text(r, 'accumulate');
    const accumulate = accumulateText && /^(co|x|yes|1)$/.test(foldKey(accumulateText)) ? 'plan' : 'year';
    const pick = <K extends string>(key: 'combine' | 'direction' | 'kind' | 'grdp', words: Readonly<Record<K, readonly string[]>>, fallback: K | null): K | null | undefined => {
      const t = text(r, key);
      if (!t) return fallback;
      const w = wordOf(words, t);
      if (w === null) {
        report(ctx, 'plan_invalid_value', address(r, c[key] ?? 1), `Chỉ tiêu ${code}: cột "${h[key]}" ghi "${t}"; chỉ dùng ${allowed(words)}.`);
        return undefined;
      }
      return w;
    };
    const combine = pick<Indicator['combine']>('combine', INDICATOR_WORDS.combine, 'single');
    const direction = pick<Indicator['direction']>('direction', INDICATOR_WORDS.direction, 'min');
    const kind = pick<Indicator['kind']>('kind', INDICATOR_WORDS.kind, 'flow');
    const grdp = pick<GrdpRole>('grdp', INDICATOR_WORDS.grdp, null);
    if (combine === undefined || direction === undefined || kind === undefined || grdp === undefined || combine === null || direction === null || kind === null) continue;
    rowOf.set(code, r);
    out.push({
      code,
      name,
      unit: text(r, 'unit'),
      group: text(r, 'group'),
      owner: ownerAgency ? ownerAgency.code : ownerText,
      reporters: members.map((m) => m.code),
      combine,
      direction,
      kind,
      grdp,
      parent: text(r, 'parent') || null,
      numerator: text(r, 'numerator') || null,
      denominator: text(r, 'denominator') || null,
      accumulate,
      baseline: baselineYear !== null ? { year: baselineYear, value: numberOf('baselineValue') } : null,
      target: targetYear !== null && targetValue !== null ? { year: targetYear, value: targetValue } : null,
      order: out.length + 1,
    });
  }
  for (const ind of out) {
    for (const [field, ref] of [['numerator', ind.numerator], ['denominator', ind.denominator]] as const) {
      if (ref && !out.some((i) => i.code === ref)) {
        report(ctx, 'plan_invalid_value', cellFor(ind.code, field), `Chỉ tiêu ${ind.code}: "${h[field]}" là mã "${ref}" nhưng mã này không có trong sheet.`);
      }
    }
    if (ind.kind === 'ratio' && (!ind.numerator || !ind.denominator)) {
      report(ctx, 'plan_field_missing', cellFor(ind.code, ind.numerator ? 'denominator' : 'numerator'), `Chỉ tiêu ${ind.code} là tỷ lệ tính từ số liệu: cần ghi mã chỉ tiêu ở cột "${h.numerator}" và "${h.denominator}".`);
    }
    if (ind.kind === 'coverage' && !ind.numerator) {
      report(ctx, 'plan_field_missing', cellFor(ind.code, 'numerator'), `Chỉ tiêu ${ind.code} là tỷ lệ đơn vị có: cần ghi mã chỉ tiêu được đếm ở cột "${h.numerator}".`);
    }
    if (ind.parent && !out.some((i) => i.code === ind.parent)) {
      report(ctx, 'plan_invalid_value', cellFor(ind.code, 'parent'), `Chỉ tiêu ${ind.code} thuộc chỉ tiêu "${ind.parent}" nhưng mã này không có trong sheet.`);
    }
  }
  return out;
}

/** Period ids accepted in "Kỳ": the round folder names ("2026", "2026-H1", "2026-Q3", "2026-07"). */
export function periodId(text: string): string | null {
  const parsed = parseRoundName(text.trim());
  return parsed.period ? periodIdOf(parsed.period) : null;
}

/** The cell of an indicator's plan or scenario figure for a period on "Số liệu chỉ tiêu" ('' when not read). */
type ValueCells = (code: string, period: string, field: 'plan' | 'scenario') => string;

function readValues(wb: SourceWorkbook, indicators: readonly Indicator[], findings: Finding[]): { values: IndicatorValue[]; cellOf: ValueCells } {
  const none = { values: [], cellOf: () => '' };
  const sheet = findSheet(wb, PLAN_SHEETS.indicatorValues);
  if (!sheet) return none;
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  const h = PLAN_VALUE_HEADERS;
  const header = findHeader(sheet, {
    code: col(h.code, true),
    period: col(h.period, true, ['ky bao cao', 'thoi ky']),
    plan: col(h.plan, false, ['muc tieu', 'chi tieu ke hoach']),
    scenario: col(h.scenario, false),
    base: col(h.base, false, ['cung ky']),
  });
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${sheet.name}" cần dòng tiêu đề: ${Object.values(h).join(' | ')}.`);
    return none;
  }
  reportPlanColumns(ctx, sheet, header, Object.values(h));
  const c = header.cols;
  const out: IndicatorValue[] = [];
  const rowOf = new Map<string, number>();
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const code = cellText(cellAt(sheet, r, c.code ?? 0)).trim();
    const periodText = cellText(cellAt(sheet, r, c.period ?? 0)).trim();
    if (!code && !periodText) continue;
    if (!indicators.some((i) => i.code === code)) {
      report(ctx, 'plan_invalid_value', address(r, c.code ?? 1), `Mã chỉ tiêu "${code}" không có trong sheet "${PLAN_SHEETS.indicators}".`);
      continue;
    }
    const period = periodId(periodText);
    if (!period) {
      report(ctx, 'plan_invalid_value', address(r, c.period ?? 1), `Kỳ "${periodText}" không hợp lệ; ghi như tên thư mục đợt: 2026, 2026-H1, 2026-Q3, 2026-07.`);
      continue;
    }
    // Figures shown as percentages are read as shown where they are percentages: an indicator in %,
    // and the scenario of a GRDP indicator (its growth rate).
    const ind = indicators.find((i) => i.code === code);
    const inPercent = isPercentUnit(ind?.unit ?? '');
    const num = (k: 'plan' | 'scenario' | 'base'): number | null => {
      const colIndex = c[k];
      if (colIndex === undefined) return null;
      const n = readNumberCell(ctx, sheet, r, colIndex, h[k], inPercent || (k === 'scenario' && Boolean(ind?.grdp)));
      return n.kind === 'number' ? n.value : null;
    };
    if (out.some((v) => v.code === code && v.period === period)) {
      report(ctx, 'plan_duplicate', address(r, c.period ?? 1), `Chỉ tiêu ${code}, kỳ ${period} được khai báo hai lần.`);
      continue;
    }
    rowOf.set(`${code}\u0000${period}`, r);
    const base = num('base');
    out.push({ code, period, plan: num('plan'), scenario: num('scenario'), base, ...(base !== null && c.base !== undefined ? { baseCell: address(r, c.base) } : {}) });
  }
  const cellOf: ValueCells = (code, period, field) => {
    const r = rowOf.get(`${code}\u0000${period}`);
    return r === undefined ? '' : address(r, c[field] ?? c.period ?? 1);
  };
  return { values: out, cellOf };
}

function readScenario(
  wb: SourceWorkbook,
  indicators: readonly Indicator[],
  values: readonly IndicatorValue[],
  years: readonly number[],
  findings: Finding[],
): ScenarioRow[] {
  const sheet: SourceSheet | null = findSheet(wb, PLAN_SHEETS.scenario);
  if (!sheet) return [];
  const ctx: SheetContext = { file: wb.file, sheet: sheet.name, findings };
  const h = PLAN_SCENARIO_HEADERS;
  const header = findHeader(sheet, {
    code: col(h.code, true),
    label: col(h.label, false, ['chi tieu', 'nganh']),
    q1: col(h.q1, false),
    q2: col(h.q2, false),
    h1: col(h.h1, false, ['6 thang dau nam']),
    q3: col(h.q3, false),
    q4: col(h.q4, false),
    h2: col(h.h2, false, ['6 thang cuoi nam']),
    year: col(h.year, true, ['ca nam', 'nam']),
  });
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${sheet.name}" cần dòng tiêu đề: ${Object.values(h).join(' | ')}.`);
    return [];
  }
  reportPlanColumns(ctx, sheet, header, Object.values(h));
  const c = header.cols;
  const out: ScenarioRow[] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const code = cellText(cellAt(sheet, r, c.code ?? 0)).trim();
    if (!code) continue;
    if (!indicators.some((i) => i.code === code)) {
      report(ctx, 'plan_invalid_value', address(r, c.code ?? 1), `Mã "${code}" không có trong sheet "${PLAN_SHEETS.indicators}".`);
      continue;
    }
    const num = (k: 'q1' | 'q2' | 'h1' | 'q3' | 'q4' | 'h2' | 'year'): number | null => {
      const colIndex = c[k];
      if (colIndex === undefined) return null;
      // The table is in % throughout ("Đơn vị: %"): a figure shown as a percentage is read as shown.
      const n = readNumberCell(ctx, sheet, r, colIndex, h[k], true);
      return n.kind === 'number' ? n.value : null;
    };
    out.push({
      code,
      label: c.label ? cellText(cellAt(sheet, r, c.label)).trim() : code,
      q1: num('q1'),
      q2: num('q2'),
      h1: num('h1'),
      q3: num('q3'),
      q4: num('q4'),
      h2: num('h2'),
      year: num('year'),
      row: r,
    });
  }
  // Cross-check the published table with last year's quarterly levels (or the weights it implies).
  const components = indicators.filter((i) => i.grdp !== null && i.grdp !== 'total').map((i) => i.code);
  const totalCode = indicators.find((i) => i.grdp === 'total')?.code ?? 'GRDP';
  const base = new Map<string, Quarters>();
  for (const code of components) {
    for (const y of years) {
      const q = [1, 2, 3, 4].map((n) => values.find((v) => v.code === code && v.period === `${y}-Q${n}`)?.base ?? null);
      if (q.every((x): x is number => x !== null)) base.set(code, q as unknown as Quarters);
    }
  }
  const colOf: Record<string, number | undefined> = { ...c };
  let issues: ReturnType<typeof checkScenario>;
  try {
    issues = checkScenario(out, base.size === components.length && components.length > 0 ? base : null, {
      totalCode,
      ...(components.length > 0 ? { components } : {}),
    });
  } catch (err) {
    // Levels near 0 (a ratio overflows) or more components than the check handles: the table is
    // still read, only its cross-check is not made — and the staff are told so.
    if (!(err instanceof RangeError || err instanceof TypeError)) throw err;
    report(ctx, 'scenario_inconsistent', address(header.row, c.year ?? 1), `baocao không đối chiếu được các số của sheet "${sheet.name}" với nhau (số liệu năm trước quá nhỏ hoặc quá nhiều khu vực); hãy tự rà soát bảng.`);
    return out;
  }
  for (const issue of issues) {
    const at = address(issue.row, colOf[issue.column] ?? 1);
    report(ctx, 'scenario_inconsistent', at, `Ô ${at}: ${issue.explanation}`);
  }
  return out;
}
