/**
 * The editable templates a run is given (read stage loads them, render fills them): plain texts
 * with the name they are reported by when they hold a mistake.
 */
export interface TemplateSet {
  /** templates/bao-cao.hbs: body of the progress report, in the markup of render/markup.ts. */
  readonly report: { readonly name: string; readonly text: string };
  /** templates/bao-cao-trich-yeu.hbs: the report's subject line (trích yếu). */
  readonly summary: { readonly name: string; readonly text: string };
  /** templates/phu-luc.json: titles and header rows of the appendices (each string a template). */
  readonly appendices: { readonly name: string; readonly text: string };
  /**
   * The plan's own report template written in Word (input/<plan>/mau/bao-cao.docx), when it has
   * one: the parts of the .docx, or why it could not be read. Absent: the default report.
   */
  readonly wordReport?: WordTemplateFile | null | undefined;
}

/** A Word template file as read: its zip parts by name, or why it is unusable (Vietnamese). */
export type WordTemplateFile =
  | { readonly name: string; readonly parts: ReadonlyMap<string, Uint8Array> }
  | { readonly name: string; readonly unreadable: string };

/** Folder of a plan's own templates, and the name of its Word report template. */
export const PLAN_TEMPLATE_DIR = 'mau';
export const WORD_REPORT_TEMPLATE = 'bao-cao.docx';
