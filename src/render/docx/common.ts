/**
 * Shared building blocks of the Word renderers: page geometry, the Times New Roman run helper,
 * paragraph presets, short rules and the page-number headers (Nghị định 30/2020/NĐ-CP, Phụ lục I).
 */
import {
  AlignmentType,
  BorderStyle,
  Header,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';

/** Twips (1/1440 inch) in one millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;

/** Millimetres to whole twips. */
export const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);

/** A4 portrait in twips; landscape sections pass these too (docx swaps them). */
export const A4 = { width: 11906, height: 16838 } as const;

/** Portrait margins: top 20, bottom 20, left 30, right 15 mm (the usual ND30 choice). */
export const PORTRAIT_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;

/**
 * Landscape appendix margins: top 20, bottom 20, left 20, right 15 mm. ND30's 30 mm left margin is
 * a binding allowance on the portrait long edge; a landscape page is bound on its short (top) edge,
 * so the left margin is reduced to give wide tables the room: 297 − 20 − 15 = 262 mm of text.
 */
export const LANDSCAPE_MARGINS = { top: mm(20), bottom: mm(20), left: mm(20), right: mm(15) } as const;

/** Distance from the page edge to the page-number header: 10 mm, inside the 20 mm top margin. */
export const HEADER_DISTANCE = mm(10);

/** Text width of a portrait page: 210 − 30 − 15 = 165 mm (9355 twips). */
export const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right;

/** Text width of a landscape appendix page: 297 − 20 − 15 = 262 mm (14853 twips). */
export const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;

export const FONT_NAME = 'Times New Roman';

/** Times New Roman on every font slot, so neither Word nor LibreOffice substitutes a theme font. */
export const FONT = { ascii: FONT_NAME, hAnsi: FONT_NAME, cs: FONT_NAME, eastAsia: FONT_NAME } as const;

/** Body line spacing: 1.15 lines (276/240), always with lineRule AUTO (see library notes). */
export const BODY_LINE = 276;
export const SINGLE_LINE = 240;

/** Styles for every document: Times New Roman 14 pt, Vietnamese language, single spacing, no spacing after. */
/**
 * Paragraph style of appendix table body cells: Times New Roman 12 pt (all four font slots),
 * single spacing, 1 pt above and below — set once in styles.xml instead of on each of the tens
 * of thousands of cells of a large appendix (a 1.000-agency report's document.xml: 17 → 7 MB).
 * Every document holding appendix tables must carry DOCUMENT_STYLES' paragraph styles: a cell
 * naming a style the document lacks makes LibreOffice lay the table out wrongly.
 */
export const TABLE_CELL_STYLE = 'BaocaoTableCell';
/** Font size of appendix table cells, in points (ND30 practice: 11–13). */
export const TABLE_CELL_SIZE = 12;

export const DOCUMENT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: 28, color: '000000', language: { value: 'vi-VN' } },
      paragraph: { spacing: { before: 0, after: 0, line: SINGLE_LINE, lineRule: LineRuleType.AUTO } },
    },
  },
  paragraphStyles: [
    {
      id: TABLE_CELL_STYLE,
      name: 'Baocao Table Cell',
      basedOn: 'Normal',
      run: { font: FONT, size: TABLE_CELL_SIZE * 2 },
      paragraph: { spacing: { before: 20, after: 20, line: SINGLE_LINE, lineRule: LineRuleType.AUTO } },
    },
  ],
};

export interface RunStyle {
  /** Size in points. */
  readonly size: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** A Times New Roman run; "\n" in the text becomes a line break. */
export function run(text: string, style: RunStyle): TextRun[] {
  return text.split('\n').map(
    (piece, index) =>
      new TextRun({
        text: piece,
        font: FONT,
        size: style.size * 2,
        ...(style.bold === true ? { bold: true } : {}),
        ...(style.italic === true ? { italics: true } : {}),
        ...(index > 0 ? { break: 1 } : {}),
      }),
  );
}

/** Options of a paragraph in the header/closing blocks and tables: single spacing, no indent. */
export function plainParagraph(
  children: readonly ParagraphChild[],
  options: Omit<IParagraphOptions, 'children' | 'text'> = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    ...options,
    spacing: { before: 0, after: 0, line: SINGLE_LINE, lineRule: LineRuleType.AUTO, ...options.spacing },
    children: [...children],
  });
}

/** A centred single-line paragraph of one style. */
export function centred(text: string, style: RunStyle, spacing: { before?: number; after?: number } = {}): Paragraph {
  return plainParagraph(run(text, style), { alignment: AlignmentType.CENTER, spacing });
}

/**
 * A short solid rule: an empty, very low paragraph whose bottom border spans `lengthTwips`,
 * centred in `containerTwips` by equal left/right indents (ND30 draws rules, never underlines).
 */
export function rule(lengthTwips: number, containerTwips: number, spacingAfter = 0): Paragraph {
  const length = Math.max(mm(10), Math.min(lengthTwips, containerTwips));
  const side = Math.max(0, Math.round((containerTwips - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 30, after: spacingAfter, line: 60, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { font: FONT, size: 4 },
    children: [],
  });
}

/**
 * A rough width of `text` in Times New Roman, in twips. Used only to size rules, never to lay
 * text out, so a few per cent of error is harmless. Calibrated against LibreOffice output.
 */
export function estimateWidth(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) {
    if (ch === ' ') em += 0.25;
    else if (/[0-9]/.test(ch)) em += 0.5;
    else if (/[.,:;!'|]/.test(ch)) em += 0.27;
    else if (/[-()/]/.test(ch)) em += 0.33;
    else if (ch === 'M' || ch === 'W') em += 0.9;
    else if (ch !== ch.toLowerCase()) em += bold ? 0.74 : 0.7;
    else if (/[mw]/.test(ch)) em += bold ? 0.8 : 0.75;
    else if (/[ijlft]/.test(ch)) em += 0.3;
    else em += bold ? 0.52 : 0.48;
  }
  return Math.round(em * sizePt * 20);
}

/** Page-number headers: nothing on a section's first page, the centred PAGE field (14 pt) after it. */
export function pageNumberHeaders(): { first: Header; default: Header } {
  return {
    first: new Header({ children: [new Paragraph({ children: [] })] }),
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 0, after: 0, line: SINGLE_LINE, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })],
        }),
      ],
    }),
  };
}

/** Packs a document into bytes (never touches the disk). */
export function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
