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
}
