/**
 * The official document (báo cáo) in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: header
 * block, type and trích yếu, "Kính gửi", body, Nơi nhận + signature, page numbers from page 2,
 * then each appendix as its own landscape section.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
import type { Block, Inline, OfficialDocument } from '../../model/document.js';
import type { Signer } from '../../model/plan.js';
import {
  A4,
  BODY_LINE,
  DOCUMENT_STYLES,
  FONT,
  HEADER_DISTANCE,
  PORTRAIT_MARGINS,
  PORTRAIT_TEXT_WIDTH,
  centred,
  estimateWidth,
  mm,
  pageNumberHeaders,
  plainParagraph,
  rule,
  run,
} from './common.js';
import { packDocx, type PackOptions } from './fast-rows.js';
import { appendixSection } from './table.js';
import { chartParagraphs } from './chart.js';

/** Body text size in points. */
const BODY_SIZE = 14;
/** First-line indent of body paragraphs: 1.27 cm. */
const FIRST_LINE = 720;
/** Spacing after body paragraphs: 6 pt. */
const AFTER = 120;

/** Left/right columns of the header and closing tables: 40 % / 60 % of the 165 mm text width. */
const LEFT_COLUMN = Math.round(PORTRAIT_TEXT_WIDTH * 0.4);
/** Width of the agency's column in the letterhead (twips): the agency name is broken to fit it. */
export const ISSUER_COLUMN = LEFT_COLUMN;
const RIGHT_COLUMN = PORTRAIT_TEXT_WIDTH - LEFT_COLUMN;

/** Width of "- " in 11 pt, the hanging indent of Nơi nhận lines. */
const DASH_WIDTH_11PT = estimateWidth('- ', 11);

const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Phrases after which a long agency name is broken onto a second line, as agencies write it. */
const AGENCY_BREAK_AFTER = ['ỦY BAN NHÂN DÂN', 'UỶ BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN'];
/** Words a second line of an agency name usually starts with, by preference. */
const BREAK_BEFORE = ['VÀ', 'CÁC', 'TỈNH', 'THÀNH PHỐ', 'HUYỆN', 'QUẬN', 'THỊ XÃ', 'XÃ', 'PHƯỜNG'];

/** The report's page: A4 portrait, ND30 margins, page numbers from page 2 (official-format §1.1). */
function mainSection(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.width, height: A4.height },
        margin: { ...PORTRAIT_MARGINS, header: HEADER_DISTANCE, footer: HEADER_DISTANCE },
        pageNumbers: { start: 1 },
      },
    },
    headers: pageNumberHeaders(),
    children,
  };
}

/** Renders an official report (and its appendices) to .docx bytes (`pieces`: see packDocx). */
export async function renderOfficialDocx(doc: OfficialDocument, opts: PackOptions = {}): Promise<Uint8Array> {
  const main = mainSection([
    headerBlock(doc),
    ...titleBlock(doc),
    ...reportToBlock(doc.reportTo),
    // The last body paragraph keeps with the signature so the signature never stands alone on a page.
    ...bodyBlocks(doc),
    closingBlock(doc.recipients, doc.signer),
  ]);
  const document = new Document({
    creator: 'baocao',
    title: `${doc.docType} ${doc.summary}`.trim(),
    styles: OFFICIAL_STYLES,
    sections: [main, ...doc.appendices.map((t) => appendixSection(t))],
  });
  return packDocx(document, opts);
}

/** What the shipped report template holds besides its layout: the trích yếu and the body, as template text. */
export interface ReportTemplateText {
  /** The trích yếu line, with fields ("Kết quả {{period}} thực hiện Kế hoạch {{planTitleLower}}"). */
  readonly summary: string;
  /**
   * The body: headings, paragraphs and bullets with fields; a paragraph holding only block tags
   * ({{#if …}}, {{/each}}…) or {{bieudo "…"}} stands on its own.
   */
  readonly body: readonly Block[];
}

/**
 * The shipped Word report template (templates/bao-cao.docx, filled by render/word-template.ts):
 * this layout, with fields in place of the data — letterhead, number and date lines, type and
 * trích yếu, Kính gửi, the body, Nơi nhận and signature, {{phu_luc}} for the appendices.
 * What the code decides from the data (line breaks of the agency name, one or several Kính gửi,
 * the punctuation of list lines, empty lines left out) is done by fields and blocks of the template.
 */
export async function renderReportTemplateDocx(text: ReportTemplateText): Promise<Uint8Array> {
  const T = (s: string): Inline[] => [{ text: s }];
  // The letterhead and title of a report, with fields; rules sized for the usual texts ("ỦY BAN NHÂN DÂN" over
  // the agency, a third of the line under the trích yếu), as a field's width says nothing.
  const header = headerBlock({ superior: '{{info.superior}}', issuer: '{{issuerLines}}', numberLine: '{{numberLine}}', dateLine: '{{dateLine}}' }, estimateWidth('ỦY BAN NHÂN DÂN', 13, true) * 0.4);
  const title = titleBlock({ docType: 'BÁO CÁO', summary: text.summary }, PORTRAIT_TEXT_WIDTH / 3);
  // Kính gửi: one recipient centred on its line; several as "- …;" lines aligned after the colon.
  const spacing = { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.AUTO } as const;
  const label = estimateWidth('Kính gửi: ', BODY_SIZE) + mm(2);
  const reportTo = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: run('{{#if reportToSingle}}Kính gửi: {{reportToSingle}}.{{/if}}', { size: BODY_SIZE }) }),
    new Paragraph({
      alignment: AlignmentType.LEFT,
      indent: { left: mm(30) + label, hanging: label },
      spacing,
      children: [...run('{{#if reportToFirst}}Kính gửi:', { size: BODY_SIZE }), new TextRun({ text: '\t', font: FONT }), ...run('- {{reportToFirst}};{{/if}}', { size: BODY_SIZE })],
    }),
    new Paragraph({ alignment: AlignmentType.LEFT, indent: { left: mm(30) + label }, spacing, children: run('{{#each reportToRest}}', { size: BODY_SIZE }) }),
    new Paragraph({ alignment: AlignmentType.LEFT, indent: { left: mm(30) + label }, spacing, children: run('- {{this}}{{#if @last}}.{{else}};{{/if}}', { size: BODY_SIZE }) }),
    new Paragraph({ alignment: AlignmentType.LEFT, indent: { left: mm(30) + label }, spacing, children: run('{{/each}}', { size: BODY_SIZE }) }),
  ];
  // The space under Kính gửi goes above the body's first paragraph (the same with one recipient or several).
  const body = text.body.map((block, index) => {
    if (block.type === 'chart') return bodyParagraph({ type: 'center', runs: T(`{{bieudo "${block.key}"}}`) });
    return bodyParagraph(block, index === text.body.length - 1, index === 0 ? 240 : 0);
  });
  const closingLeft: Paragraph[] = [
    plainParagraph(run('Nơi nhận:', { size: 12, bold: true, italic: true }), { alignment: AlignmentType.LEFT, spacing: { before: 240 } }),
    ...['{{#each recipients}}', '- {{this}}{{#if @last}}.{{else}};{{/if}}', '{{/each}}'].map((line) =>
      plainParagraph(run(line, { size: 11 }), { alignment: AlignmentType.LEFT, indent: { left: DASH_WIDTH_11PT, hanging: DASH_WIDTH_11PT } }),
    ),
  ];
  const closingRight: Paragraph[] = [
    centred('{{upper info.signer.authority}}', { size: 14, bold: true }, { before: 240 }),
    centred('{{upper info.signer.deputy}}', { size: 14, bold: true }),
    centred('{{upper info.signer.title}}', { size: 14, bold: true }),
  ];
  for (let i = 0; i < 4; i++) closingRight.push(centred('', { size: 14 }));
  closingRight.push(centred('{{info.signer.name}}', { size: 14, bold: true }));
  const closing = borderlessTable([
    new TableRow({ cantSplit: true, children: [blockCell(closingLeft, LEFT_COLUMN, VerticalAlignTable.TOP), blockCell(closingRight, RIGHT_COLUMN)] }),
  ]);
  const appendices = new Paragraph({ children: run('{{phu_luc}}', { size: BODY_SIZE }) });
  const document = new Document({
    creator: 'baocao',
    title: 'Mẫu báo cáo',
    styles: OFFICIAL_STYLES,
    sections: [mainSection([header, ...title, ...reportTo, ...body, closing, appendices])],
  });
  return packDocx(document);
}

/** Heading styles in Times New Roman 14 black (so they appear in Word's navigation pane without Word's blue look). */
const OFFICIAL_STYLES: IStylesOptions = {
  ...DOCUMENT_STYLES,
  default: {
    ...DOCUMENT_STYLES.default,
    heading1: headingStyle(false),
    heading2: headingStyle(false),
    heading3: headingStyle(true),
  },
};

function headingStyle(italic: boolean): NonNullable<NonNullable<IStylesOptions['default']>['heading1']> {
  return {
    run: { font: FONT, size: BODY_SIZE * 2, bold: true, italics: italic, color: '000000' },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE },
      spacing: { before: 0, after: AFTER, line: BODY_LINE, lineRule: LineRuleType.AUTO },
      keepNext: true,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Header block

/**
 * The borderless header table: row 1 = agency block (chủ quản / cơ quan ban hành / rule) and the
 * national block (Quốc hiệu / Tiêu ngữ / rule); row 2 = "Số: …" and the date line, in a row of
 * their own so they stay on the same line whatever the agency name's length (ND30: ô 3 and ô 4).
 */
function headerBlock(
  doc: Pick<OfficialDocument, 'superior' | 'issuer' | 'numberLine' | 'dateLine'>,
  /** Length of the rule under the agency (twips); default: 40 % of the agency name's widest line. */
  issuerRule?: number,
): Table {
  const left: Paragraph[] = [];
  if (doc.superior.trim() !== '') left.push(centred(doc.superior, { size: 13 }));
  const issuer = breakAgencyName(doc.issuer, 13, LEFT_COLUMN);
  left.push(centred(issuer, { size: 13, bold: true }));
  const issuerLine = Math.max(...issuer.split('\n').map((line) => estimateWidth(line, 13, true)));
  left.push(rule(issuerRule ?? Math.min(issuerLine, LEFT_COLUMN) * 0.4, LEFT_COLUMN));

  const right: Paragraph[] = [
    centred(NATIONAL_NAME, { size: 12, bold: true }),
    centred(MOTTO, { size: 13, bold: true }),
    rule(estimateWidth(MOTTO, 13, true), RIGHT_COLUMN),
  ];

  return borderlessTable([
    new TableRow({ children: [blockCell(left, LEFT_COLUMN), blockCell(right, RIGHT_COLUMN)] }),
    new TableRow({
      children: [
        blockCell([centred(doc.numberLine, { size: 13 }, { before: 120 })], LEFT_COLUMN),
        blockCell([centred(doc.dateLine, { size: 14, italic: true }, { before: 120 })], RIGHT_COLUMN),
      ],
    }),
  ]);
}

/**
 * Puts a line break into an agency name that would not fit its column, where agencies put it:
 * after "ỦY BAN NHÂN DÂN" ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG"), else before the last "VÀ" (then
 * "CÁC", "TỈNH"…) that leaves a fitting first line ("SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH",
 * "BAN QUẢN LÝ" / "CÁC KHU CÔNG NGHIỆP TỈNH"), else after a comma; otherwise Word wraps it. A
 * balanced split would cut compound words ("CÔNG" / "NGHỆ"), so none is attempted. An explicit "\n" in the name is kept as typed.
 */
export function breakAgencyName(name: string, sizePt: number, column: number): string {
  const text = name.trim().replace(/\s+/g, ' ');
  const fits = (line: string): boolean => estimateWidth(line, sizePt, true) <= column - mm(2);
  if (name.includes('\n') || fits(text)) return name.trim();
  for (const phrase of AGENCY_BREAK_AFTER) {
    if (text.startsWith(`${phrase} `)) return `${phrase}\n${text.slice(phrase.length + 1)}`;
  }
  const words = text.split(' ');
  const splits = words.slice(1).map((_, i) => [words.slice(0, i + 1).join(' '), words.slice(i + 1).join(' ')] as const);
  const fitting = splits.filter(([first]) => fits(first));
  for (const word of BREAK_BEFORE) {
    const before = fitting.filter(([, rest]) => rest.startsWith(`${word} `)).at(-1);
    if (before !== undefined) return before.join('\n');
  }
  const afterComma = fitting.filter(([first, rest]) => first.endsWith(',') && fits(rest)).at(-1);
  if (afterComma !== undefined) return afterComma.join('\n');
  // No natural break: let Word wrap (staff can put "\n" in the name to choose the break).
  return text;
}

// ---------------------------------------------------------------------------------------------
// Type, trích yếu, Kính gửi

function titleBlock(
  doc: Pick<OfficialDocument, 'docType' | 'summary'>,
  /** Length of the rule under the trích yếu (twips); default: a third of its line. */
  summaryRule?: number,
): Paragraph[] {
  const out: Paragraph[] = [centred(doc.docType.toLocaleUpperCase('vi'), { size: 14, bold: true }, { before: 360 })];
  if (doc.summary.trim() !== '') {
    out.push(centred(doc.summary, { size: 14, bold: true }));
    const line = Math.min(estimateWidth(doc.summary, 14, true), PORTRAIT_TEXT_WIDTH);
    out.push(rule(summaryRule ?? line / 3, PORTRAIT_TEXT_WIDTH, 240));
  } else {
    out.push(rule(mm(30), PORTRAIT_TEXT_WIDTH, 240));
  }
  return out;
}

/**
 * "Kính gửi:" — one recipient on the same line (centred); several as "- …;" lines aligned after
 * the colon, the last one ending with ".".
 */
function reportToBlock(recipients: readonly string[]): Paragraph[] {
  const names = recipients.map(stripListPunctuation).filter((name) => name !== '');
  if (names.length === 0) return [];
  const spacing = { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.AUTO } as const;
  if (names.length === 1) {
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...spacing, after: 240 },
        children: run(`Kính gửi: ${names[0]}.`, { size: BODY_SIZE }),
      }),
    ];
  }
  const label = estimateWidth('Kính gửi: ', BODY_SIZE) + mm(2);
  const left = mm(30) + label;
  return names.map(
    (name, index) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { left, ...(index === 0 ? { hanging: label } : {}) },
        spacing: { ...spacing, after: index === names.length - 1 ? 240 : 0 },
        children: [
          ...(index === 0 ? [...run('Kính gửi:', { size: BODY_SIZE }), new TextRun({ text: '\t', font: FONT })] : []),
          ...run(`- ${name}${index === names.length - 1 ? '.' : ';'}`, { size: BODY_SIZE }),
        ],
      }),
  );
}

/** "- Sở Tài chính;" → "Sở Tài chính" (the renderer adds the list punctuation itself). */
export function stripListPunctuation(line: string): string {
  return line
    .trim()
    .replace(/^[-–+]\s*/, '')
    .replace(/[;.,]\s*$/, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Body

/** The body's paragraphs; a chart block becomes its charts with their captions, numbered in order. */
function bodyBlocks(doc: OfficialDocument): Paragraph[] {
  let charts = 0;
  return doc.body.flatMap((block, index) => {
    if (block.type !== 'chart') return [bodyParagraph(block, index === doc.body.length - 1)];
    return (doc.charts?.[block.key] ?? []).flatMap((chart) => chartParagraphs(chart, ++charts));
  });
}

function bodyParagraph(block: Exclude<Block, { type: 'chart' }>, keepWithClosing = false, before = 0): Paragraph {
  const spacing = { before, after: AFTER, line: BODY_LINE, lineRule: LineRuleType.AUTO } as const;
  const keep = keepWithClosing ? { keepNext: true } : {};
  switch (block.type) {
    case 'heading': {
      const italic = block.level === 3;
      return new Paragraph({
        heading:
          block.level === 1
            ? HeadingLevel.HEADING_1
            : block.level === 2
              ? HeadingLevel.HEADING_2
              : HeadingLevel.HEADING_3,
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing,
        keepNext: true,
        children: inlineRuns(block.runs, { bold: true, italic }),
      });
    }
    case 'paragraph':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing,
        ...keep,
        children: inlineRuns(block.runs),
      });
    case 'bullet':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing,
        ...keep,
        children: inlineRuns([{ text: '- ' }, ...block.runs]),
      });
    case 'center':
      return new Paragraph({ alignment: AlignmentType.CENTER, spacing, ...keep, children: inlineRuns(block.runs) });
  }
}

/** Inline runs in 14 pt; `force` turns bold/italic on for a whole heading. */
function inlineRuns(runs: readonly Inline[], force: { bold?: boolean; italic?: boolean } = {}): TextRun[] {
  return runs.flatMap((r) =>
    run(r.text, {
      size: BODY_SIZE,
      bold: (force.bold ?? false) || (r.bold ?? false),
      italic: (force.italic ?? false) || (r.italic ?? false),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Nơi nhận + signature

/**
 * The closing table in one unsplittable row: "Nơi nhận:" and its "- …;" lines on the left (the
 * last ends with "."), quyền hạn / chức vụ, room for the signature and the signer's name on the right.
 */
function closingBlock(recipients: readonly string[], signer: Signer): Table {
  const lines = recipients.map(stripListPunctuation).filter((line) => line !== '');
  const left: Paragraph[] = [
    plainParagraph(run('Nơi nhận:', { size: 12, bold: true, italic: true }), {
      alignment: AlignmentType.LEFT,
      spacing: { before: 240 },
    }),
    ...lines.map((line, index) =>
      plainParagraph(run(`- ${line}${index === lines.length - 1 ? '.' : ';'}`, { size: 11 }), {
        alignment: AlignmentType.LEFT,
        // A wrapped recipient continues under its text, not under the dash.
        indent: { left: DASH_WIDTH_11PT, hanging: DASH_WIDTH_11PT },
      }),
    ),
  ];

  const titles = [signer.authority, signer.deputy, signer.title]
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.toLocaleUpperCase('vi'));
  const right: Paragraph[] = titles.map((line, index) =>
    centred(line, { size: 14, bold: true }, index === 0 ? { before: 240 } : {}),
  );
  // Room for the handwritten signature and seal (or the e-signature image).
  for (let i = 0; i < 4; i++) right.push(centred('', { size: 14 }));
  right.push(centred(signer.name.trim(), { size: 14, bold: true }));

  return borderlessTable([
    new TableRow({
      cantSplit: true,
      children: [blockCell(left, LEFT_COLUMN, VerticalAlignTable.TOP), blockCell(right, RIGHT_COLUMN)],
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Borderless layout tables

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function borderlessTable(rows: TableRow[]): Table {
  return new Table({
    rows,
    width: { size: PORTRAIT_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
  });
}

function blockCell(
  children: Paragraph[],
  width: number,
  verticalAlign: (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable] = VerticalAlignTable.TOP,
): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
  });
}
