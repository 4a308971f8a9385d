/**
 * Validates the plan workbook (ke-hoach.xlsx) into a Plan, with findings at the cells
 * staff must fix. A plan with an error is unusable: the CLI stops with exit code 2.
 */
import { finding, type Finding } from '../findings.js';
import { planSchema, type Agency, type Field, type Plan, type Task } from '../model/plan.js';
import {
  PLAN_AGENCY_HEADERS,
  PLAN_FIELD_HEADERS,
  PLAN_INFO_LABELS,
  PLAN_SHEETS,
  PLAN_TASK_HEADERS,
  FORM_SHEETS,
} from '../model/sheets.js';
import { address, cellAt, cellText, type SourceSheet, type SourceWorkbook } from '../model/source.js';
import { foldKey, parseNumberText } from '../vn/index.js';
import { validatePlanIndicators } from './indicators.js';
import { groupMembers, matchAgency } from '../model/agencies.js';
import {
  findHeader,
  reportPlanColumns,
  findSheet,
  readDateCell,
  readLabelValues,
  report,
  rowIsEmpty,
  splitList,
  type ColumnSpec,
  type SheetContext,
} from './sheet-tools.js';

export interface PlanResult {
  readonly plan: Plan | null;
  readonly findings: Finding[];
}

const col = (label: string, required = true, extra: string[] = []): ColumnSpec => ({
  label,
  match: [foldKey(label), ...extra.map(foldKey)],
  required,
});

/** Builds the Plan from its workbook; `plan` is null when the workbook is unusable. */
export function validatePlan(wb: SourceWorkbook, planId: string, planDir: string): PlanResult {
  const findings: Finding[] = [];
  const file = wb.file;
  const need = (sheetName: string): SourceSheet | null => {
    const sheet = findSheet(wb, sheetName);
    if (!sheet) {
      findings.push(
        finding({
          file,
          code: 'sheet_missing',
          message: `Tệp kế hoạch thiếu sheet "${sheetName}". Các sheet cần có: ${Object.values(PLAN_SHEETS).join(', ')}.`,
        }),
      );
    }
    return sheet;
  };
  const ctxOf = (sheet: SourceSheet): SheetContext => ({ file, sheet: sheet.name, findings });

  const infoSheet = need(PLAN_SHEETS.info);
  const general: GeneralInfo = infoSheet ? readInfoSheet(infoSheet, ctxOf(infoSheet)) : { info: {}, issued: null, years: [] };
  const agencySheet = need(PLAN_SHEETS.agencies);
  const agencies = agencySheet ? readAgencySheet(agencySheet, ctxOf(agencySheet)) : [];
  // Optional: fields may also be implied by task numbers.
  const fieldSheet = findSheet(wb, PLAN_SHEETS.fields);
  const fields = fieldSheet ? readFieldSheet(fieldSheet, ctxOf(fieldSheet)) : [];
  // A plan of targets only (no tasks) may leave out the "Nhiệm vụ" sheet.
  const taskSheet = findSheet(wb, PLAN_SHEETS.indicators) ? findSheet(wb, PLAN_SHEETS.tasks) : need(PLAN_SHEETS.tasks);
  // Without agencies every task would be reported as having an unknown lead: one finding is enough.
  const tasks = taskSheet && agencies.length > 0 ? readTaskSheet(taskSheet, ctxOf(taskSheet), agencies) : [];
  // Fields named only by their tasks get a generic title so the report still groups them.
  for (const task of tasks) {
    if (!fields.some((f) => f.number === task.field)) fields.push({ number: task.field, title: `Nhóm nhiệm vụ ${task.field}` });
  }
  const recSheet = findSheet(wb, PLAN_SHEETS.recipients);
  const recipients = recSheet ? readRecipientSheet(recSheet) : [];
  // Chỉ tiêu, Số liệu chỉ tiêu, Kịch bản tăng trưởng (optional).
  const indicatorPart = validatePlanIndicators(wb, agencies, general.years, findings);

  if (findings.some((f) => f.severity === 'error')) return { plan: null, findings };
  return assemblePlan(planId, planDir, file, general, { agencies, fields, tasks, recipients, indicatorPart }, findings);
}

/** The Plan from what each sheet gave, checked against its schema (a gap is a finding, and no plan). */
function assemblePlan(
  planId: string,
  planDir: string,
  file: string,
  general: GeneralInfo,
  parts: { agencies: Agency[]; fields: Field[]; tasks: Task[]; recipients: string[]; indicatorPart: ReturnType<typeof validatePlanIndicators> },
  findings: Finding[],
): PlanResult {
  const { info, issued, years } = general;
  const { agencies, fields, tasks, recipients, indicatorPart } = parts;
  const candidate = {
    id: planId,
    dir: planDir,
    info: {
      title: info.title ?? '',
      number: info.number ?? '',
      symbol: info.symbol ?? '',
      issued,
      issuer: (info.issuer ?? '').toLocaleUpperCase('vi'),
      issuerShort: info.issuerShort || info.issuer || '',
      superior: (info.superior ?? '').toLocaleUpperCase('vi'),
      province: info.province ?? '',
      place: info.place ?? '',
      secretariat: info.secretariat ?? '',
      reportSymbol: info.reportSymbol || 'BC-UBND',
      signer: {
        authority: info.signAuthority ?? '',
        deputy: info.signDeputy ?? '',
        title: info.signTitle ?? '',
        name: info.signName ?? '',
      },
      storage: info.storage ?? 'VT',
      years,
      moneyUnit: info.moneyUnit || '1000 đồng',
      reportTo: splitList(info.reportTo ?? ''),
    },
    agencies,
    fields,
    tasks,
    recipients,
    indicators: indicatorPart.indicators,
    indicatorValues: indicatorPart.values,
    scenario: indicatorPart.scenario,
  };
  const parsed = planSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      findings.push(
        finding({
          file,
          code: 'plan_invalid_value',
          message: `Tệp kế hoạch chưa đủ thông tin: ${issue.path.join('.')} (${issue.message}).`,
        }),
      );
    }
    return { plan: null, findings };
  }
  return { plan: parsed.data, findings };
}


/** What sheet "Thông tin chung" says: each labelled value, the issue date and the plan's years. */
interface GeneralInfo {
  readonly info: Record<string, string>;
  readonly issued: Plan['info']['issued'];
  readonly years: number[];
}

/** Sheet "Thông tin chung": label/value rows; required values missing are findings at their cell. */
function readInfoSheet(infoSheet: SourceSheet, ctx: SheetContext): GeneralInfo {
  const info: Record<string, string> = {};
  let issued: Plan['info']['issued'] = null;
  let years: number[] = [];
  const values = readLabelValues(infoSheet);
  for (const [key, label] of Object.entries(PLAN_INFO_LABELS)) {
    const hit = values.get(foldKey(label));
    const text = hit ? cellText(hit.cell).trim() : '';
    info[key] = text;
    if (key === 'issuedDate' && hit && text) {
      issued = parsePartialDate(text);
      if (!issued) {
        const iso = readDateCell(ctx, hit.cell, address(hit.row, hit.col), label);
        if (iso) issued = { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
      }
    }
    if (key === 'years') {
      years = parseYears(text);
      if (years.length === 0) {
        report(
          ctx,
          hit ? 'plan_invalid_value' : 'plan_field_missing',
          hit ? address(hit.row, hit.col) : address(infoSheet.rowCount + 1, 1),
          `Chưa ghi đúng "${label}" (ví dụ: 2025 - 2028, hoặc 2025, 2026, 2027, 2028); đang ghi "${text}".`,
        );
      }
    }
  }
  const required: (keyof typeof PLAN_INFO_LABELS)[] = [
    'title',
    'symbol',
    'issuer',
    'province',
    'place',
    'signTitle',
    'signName',
  ];
  for (const key of required) {
    if (!info[key]) {
      const hit = values.get(foldKey(PLAN_INFO_LABELS[key]));
      const at = hit ? address(hit.row, hit.col) : address(infoSheet.rowCount + 1, 1);
      const where = hit ? `ô ${at} còn trống` : `không có dòng "${PLAN_INFO_LABELS[key]}" ở cột A`;
      report(ctx, 'plan_field_missing', at, `Sheet "${infoSheet.name}" chưa có "${PLAN_INFO_LABELS[key]}" (${where}).`);
    }
  }
  return { info, issued, years };
}

/** Sheet "Cơ quan": one agency per row (code, name, aliases, form sheets, deadline, group). */
function readAgencySheet(agencySheet: SourceSheet, ctx: SheetContext): Agency[] {
  const agencies: Agency[] = [];
  const specs = {
    code: col(PLAN_AGENCY_HEADERS.code, true, ['ma co quan', 'ma don vi']),
    name: col(PLAN_AGENCY_HEADERS.name, true, ['ten don vi', 'co quan']),
    aliases: col(PLAN_AGENCY_HEADERS.aliases, false, ['ten viet tat']),
    sheets: col(PLAN_AGENCY_HEADERS.sheets, false, ['bieu']),
    deadline: col(PLAN_AGENCY_HEADERS.deadline, false, ['han nop', 'thoi han nop']),
    group: col(PLAN_AGENCY_HEADERS.group, false, ['thuoc nhom']),
  };
  const header = findHeader(agencySheet, specs);
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${agencySheet.name}" cần dòng tiêu đề: ${Object.values(PLAN_AGENCY_HEADERS).join(' | ')}.`);
  } else {
    reportPlanColumns(ctx, agencySheet, header, Object.values(PLAN_AGENCY_HEADERS));
    const c = header.cols;
    const seen = new Set<string>();
    for (let r = header.row + 1; r <= agencySheet.rowCount; r++) {
      const codeText = cellText(cellAt(agencySheet, r, c.code ?? 0)).trim();
      const name = cellText(cellAt(agencySheet, r, c.name ?? 0)).trim();
      if (!codeText && !name) continue;
      if (!codeText || !name) {
        report(ctx, 'plan_field_missing', address(r, codeText ? (c.name ?? 1) : (c.code ?? 1)), `Dòng ${r}: cơ quan cần có cả mã và tên.`);
        continue;
      }
      if (seen.has(codeText.toUpperCase())) {
        report(ctx, 'plan_duplicate', address(r, c.code ?? 1), `Mã cơ quan "${codeText}" bị khai báo hai lần.`);
        continue;
      }
      seen.add(codeText.toUpperCase());
      const sheetsText = c.sheets ? cellText(cellAt(agencySheet, r, c.sheets)) : '';
      const sheets = parseFormSheets(sheetsText);
      if (sheetsText && sheets === null) {
        report(
          ctx,
          'plan_invalid_value',
          address(r, c.sheets ?? 1),
          `"Biểu phải nộp" ghi "${sheetsText}"; chỉ dùng "${FORM_SHEETS.tasks}", "${FORM_SHEETS.budget}", "${FORM_SHEETS.indicators}", cách nhau bằng dấu ";".`,
        );
      }
      let deadlineDay: number | null = null;
      const deadlineText = c.deadline ? cellText(cellAt(agencySheet, r, c.deadline)).trim() : '';
      if (deadlineText) {
        const n = parseNumberText(deadlineText.replace(/^(trước |truoc )?(ngày |ngay )?/i, ''));
        if (n.ok && Number.isInteger(n.value) && n.value >= 1 && n.value <= 31) deadlineDay = n.value;
        else {
          report(
            ctx,
            'plan_invalid_value',
            address(r, c.deadline ?? 1),
            `"${PLAN_AGENCY_HEADERS.deadline}" ghi "${deadlineText}"; cần một ngày trong tháng từ 1 đến 31 (ví dụ 12).`,
          );
        }
      }
      const groupText = c.group ? cellText(cellAt(agencySheet, r, c.group)).trim() : '';
      agencies.push({
        group: groupText || null,
        deadlineDay,
        code: codeText,
        name,
        aliases: c.aliases ? splitList(cellText(cellAt(agencySheet, r, c.aliases))) : [],
        sheets: sheets ?? ['tasks'],
        order: agencies.length + 1,
      });
    }
    if (agencies.length === 0) report(ctx, 'plan_field_missing', address(header.row + 1, c.code ?? 1), 'Chưa khai báo cơ quan nào.');
  }
  return agencies;
}

/** Sheet "Lĩnh vực": number and title of each field. */
function readFieldSheet(fieldSheet: SourceSheet, ctx: SheetContext): Field[] {
  const fields: Field[] = [];
  const header = findHeader(fieldSheet, {
    number: col(PLAN_FIELD_HEADERS.number, true, ['stt', 'tt']),
    title: col(PLAN_FIELD_HEADERS.title, true, ['noi dung', 'ten linh vuc']),
  });
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${fieldSheet.name}" cần dòng tiêu đề: Số | Lĩnh vực.`);
  } else {
    reportPlanColumns(ctx, fieldSheet, header, Object.values(PLAN_FIELD_HEADERS));
    for (let r = header.row + 1; r <= fieldSheet.rowCount; r++) {
      const number = cellText(cellAt(fieldSheet, r, header.cols.number ?? 0)).trim().replace(/\.$/, '');
      const title = cellText(cellAt(fieldSheet, r, header.cols.title ?? 0)).trim();
      if (!number && !title) continue;
      if (!number || !title) {
        report(ctx, 'plan_field_missing', address(r, (number ? header.cols.title : header.cols.number) ?? 1), `Dòng ${r}: lĩnh vực cần có số và tên.`);
        continue;
      }
      fields.push({ number, title });
    }
  }
  return fields;
}

/** Sheet "Nhiệm vụ": tasks with their lead and coordinating agencies, resolved against `agencies`. */
function readTaskSheet(taskSheet: SourceSheet, ctx: SheetContext, agencies: readonly Agency[]): Task[] {
  const tasks: Task[] = [];
  const header = findHeader(taskSheet, {
    id: col(PLAN_TASK_HEADERS.id, true, ['stt', 'tt']),
    text: col(PLAN_TASK_HEADERS.text, true, ['nhiem vu', 'noi dung']),
    time: col(PLAN_TASK_HEADERS.time, false),
    lead: col(PLAN_TASK_HEADERS.lead, true, ['chu tri']),
    coordinators: col(PLAN_TASK_HEADERS.coordinators, false),
    coordinatorCodes: col(PLAN_TASK_HEADERS.coordinatorCodes, false),
  });
  if (!header || header.missing.length > 0) {
    report(ctx, 'header_missing', header ? address(header.row, 1) : 'A1', `Sheet "${taskSheet.name}" cần dòng tiêu đề: ${Object.values(PLAN_TASK_HEADERS).join(' | ')}.`);
  } else {
    reportPlanColumns(ctx, taskSheet, header, Object.values(PLAN_TASK_HEADERS));
    const c = header.cols;
    const seen = new Set<string>();
    for (let r = header.row + 1; r <= taskSheet.rowCount; r++) {
      if (rowIsEmpty(taskSheet, r, [c.id ?? 0, c.text ?? 0])) continue;
      const id = cellText(cellAt(taskSheet, r, c.id ?? 0)).trim().replace(/\.$/, '');
      const text = cellText(cellAt(taskSheet, r, c.text ?? 0)).trim();
      if (!/^\d+(\.\d+)+$/.test(id)) {
        report(ctx, 'plan_invalid_value', address(r, c.id ?? 1), `Số nhiệm vụ "${id}" không đúng dạng "1.1", "2.3"….`);
        continue;
      }
      if (seen.has(id)) {
        report(ctx, 'plan_duplicate', address(r, c.id ?? 1), `Nhiệm vụ số ${id} bị khai báo hai lần.`);
        continue;
      }
      seen.add(id);
      const leadCell = address(r, c.lead ?? 1);
      const leadText = cellText(cellAt(taskSheet, r, c.lead ?? 0));
      const lead = resolveAgencies(ctx, agencies, leadText, leadCell, true);
      if (lead.length === 0) {
        if (leadText.trim()) continue; // already reported as an unknown agency
        report(ctx, 'plan_field_missing', leadCell, `Nhiệm vụ ${id} chưa có cơ quan chủ trì (mã hoặc tên cơ quan ở sheet "${PLAN_SHEETS.agencies}").`);
        continue;
      }
      const codesCell = c.coordinatorCodes ? address(r, c.coordinatorCodes) : '';
      const coordinators = c.coordinatorCodes
        ? resolveAgencies(ctx, agencies, cellText(cellAt(taskSheet, r, c.coordinatorCodes)), codesCell, true).filter(
            (code) => !lead.includes(code),
          )
        : [];
      tasks.push({
        id,
        field: id.split('.')[0] ?? id,
        text,
        time: c.time ? cellText(cellAt(taskSheet, r, c.time)).trim() : '',
        lead,
        coordinatorsText: c.coordinators ? cellText(cellAt(taskSheet, r, c.coordinators)).trim() : '',
        coordinators,
      });
    }
  }
  return tasks;
}

/** Sheet "Nơi nhận": one recipient per row of column A, without list dashes and end punctuation. */
function readRecipientSheet(recSheet: SourceSheet): string[] {
  const recipients: string[] = [];
  for (let r = 1; r <= recSheet.rowCount; r++) {
    const t = cellText(cellAt(recSheet, r, 1)).trim();
    if (!t || foldKey(t) === foldKey(PLAN_SHEETS.recipients)) continue;
    recipients.push(t.replace(/^[-–•]\s*/, '').replace(/[;.]\s*$/, ''));
  }
  return recipients;
}

/** "05/01/2025", "01/2025" (month and year) or "2025" → the parts known; null otherwise. */
export function parsePartialDate(text: string): Plan['info']['issued'] {
  const t = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return { year: Number(m[3]), month, day };
    return null;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { year: Number(m[2]), month } : null;
  }
  m = /^(\d{4})$/.exec(t);
  return m ? { year: Number(m[1]) } : null;
}

/** "2025 - 2028", "2025-2028", "2025, 2026, 2027" or a single year → list of years. */
export function parseYears(text: string): number[] {
  const t = text.trim();
  const range = /^(\d{4})\s*[-–—]\s*(\d{4})$/.exec(t);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b < a || b - a > 30) return [];
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const parts = t.split(/[,;\s]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const n = parseNumberText(p);
    if (!n.ok || !Number.isInteger(n.value) || n.value < 1900 || n.value > 2200) return [];
    out.push(n.value);
  }
  return out;
}

function parseFormSheets(text: string): ('tasks' | 'budget' | 'indicators')[] | null {
  const parts = splitList(text.replace(/,/g, ';'));
  if (parts.length === 0) return null;
  const out: ('tasks' | 'budget' | 'indicators')[] = [];
  for (const p of parts) {
    const k = foldKey(p);
    if (k === foldKey(FORM_SHEETS.tasks)) out.push('tasks');
    else if (k === foldKey(FORM_SHEETS.budget)) out.push('budget');
    else if (k === foldKey(FORM_SHEETS.indicators)) out.push('indicators');
    else return null;
  }
  return out;
}

/** Resolves agency codes or names (separated by ";" or lines) to codes, reporting unknown ones. */
function resolveAgencies(
  ctx: SheetContext,
  agencies: readonly Agency[],
  text: string,
  cell: string,
  reportUnknown: boolean,
): string[] {
  const out: string[] = [];
  for (const part of splitList(text)) {
    const agency = matchAgency(agencies, part);
    const members = agency ? [agency] : groupMembers(agencies, part);
    if (members.length > 0) {
      for (const m of members) if (!out.includes(m.code)) out.push(m.code);
    } else if (reportUnknown) {
      report(ctx, 'plan_unknown_agency', cell, `"${part}" không phải mã hoặc tên cơ quan nào ở sheet "${PLAN_SHEETS.agencies}".`);
    }
  }
  return out;
}
