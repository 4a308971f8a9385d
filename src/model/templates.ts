/**
 * The editable templates a run is given (read stage loads them, render fills them): Word and
 * Excel files, with the name they are reported by when they hold a mistake.
 */
export interface TemplateSet {
  /**
   * The report template written in Word: templates/bao-cao.docx, or the plan's own
   * (input/<plan>/mau/bao-cao.docx), which replaces it for that plan. Its parts, or why it could not be read.
   */
  readonly report: WordTemplateFile;
  /**
   * The Excel layouts of the appendix workbooks (templates/phu-luc-<kind>.xlsx, or the plan's own
   * input/<plan>/mau/phu-luc-<kind>.xlsx): titles, header rows, model rows, widths, print setup.
   * They also hold every text of the appendices, the Word copies included.
   */
  readonly appendixLayouts: Readonly<Record<AppendixLayoutKind, LayoutFile>>;
}

/** A Word template file as read: its zip parts by name, or why it is unusable (Vietnamese). */
export type WordTemplateFile =
  | { readonly name: string; readonly parts: ReadonlyMap<string, Uint8Array> }
  | { readonly name: string; readonly unreadable: string };

/** Folder of a plan's own templates, and the name of its Word report template. */
export const PLAN_TEMPLATE_DIR = 'mau';
export const WORD_REPORT_TEMPLATE = 'bao-cao.docx';

/** The appendix workbooks laid out by an Excel layout, each `phu-luc-<kind>.xlsx`. */
export const APPENDIX_LAYOUT_KINDS = ['du-toan', 'nhiem-vu', 'kinh-phi', 'chi-tieu'] as const;
export type AppendixLayoutKind = (typeof APPENDIX_LAYOUT_KINDS)[number];

/** File name of the layout (and of the appendix it lays out) of a kind: "phu-luc-kinh-phi.xlsx". */
export function appendixLayoutFile(kind: AppendixLayoutKind): string {
  return `phu-luc-${kind}.xlsx`;
}

/** An appendix layout file as read: its bytes, or why it could not be read (Vietnamese). */
export type LayoutFile =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly unreadable: string };
