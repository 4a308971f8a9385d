/**
 * Render-neutral document models: an appendix table (rendered to .docx and .xlsx alike)
 * and an official document (Nghị định 30/2020/NĐ-CP layout) rendered to .docx.
 */
import type { Signer } from './plan.js';

/**
 * How a column's values are shown. money: integer with "." thousands, zero as "-";
 * number: as many decimals as the value has, up to `decimals` (default 2), e.g. 4 or 1,5.
 */
export type ColumnFormat = 'text' | 'center' | 'integer' | 'number' | 'money' | 'decimal' | 'percent';

export interface TableColumn {
  readonly key: string;
  /** Header text as shown (may contain "\n"). */
  readonly header: string;
  /** Optional super-header: consecutive columns with the same group share a merged header cell above. */
  readonly group?: string;
  /** Width in millimetres in the Word table; Excel widths are derived from it. */
  readonly widthMm: number;
  readonly format: ColumnFormat;
  /** Decimals for decimal/percent columns (default 2). */
  readonly decimals?: number;
  /** Group rows and total rows hold sums of this column: live SUM formulas in Excel. */
  readonly sum?: boolean;
  /** Excel formula for item rows written with column keys, e.g. "{quantity}*{rate}". */
  readonly itemFormula?: string;
  /** Left out of the table when no item row has a value in it (render/table-layout.ts). */
  readonly optional?: boolean;
  /**
   * The column of the Excel layout this one is made from, when not `key`: the columns of one
   * repeated layout column (a year each, an indicator each) share its name ("nam", "chi_tieu").
   */
  readonly layoutName?: string;
}

export type RowKind = 'group' | 'item' | 'total';

export interface TableRow {
  readonly kind: RowKind;
  /** Values by column key: numbers stay numbers (formatted by the column), null is empty. */
  readonly cells: Readonly<Record<string, string | number | null>>;
  /**
   * Decimals some "number" cells of this row are shown with, by column key, instead of what
   * each figure needs: the figures of one indicator in its unit all alike (6.383,0 beside 18.678,7).
   */
  readonly decimals?: Readonly<Record<string, number>>;
}

export interface AppendixTable {
  /** "Phụ lục I" — or "PHỤ LỤC" for a single stand-alone appendix. */
  readonly label: string;
  /** Upper-case title: "BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ CHI TIẾT". */
  readonly title: string;
  /** Italic line under the title: "(Kèm theo Kế hoạch số     /KH-UBND ngày …)"; may hold "\n". */
  readonly subtitle: string;
  /** Right-aligned italic unit line above the table: "Đơn vị tính: 1000 đồng". */
  readonly unitLine?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Column-number row under the header: ["(1)", "(2)", …]. */
  readonly numberRow?: readonly string[];
  /** Paragraphs after the table, e.g. "(Bằng chữ: …)". */
  readonly notes?: readonly string[];
  /** Excel sheet name (≤ 31 characters). */
  readonly sheetName: string;
  /** Which table sheet of the appendix's Excel layout lays it out (0: the first; 1: the continuation or per-unit sheet). */
  readonly layoutSheet?: number;
  /**
   * The texts of the layout's title rows and note rows, filled, one per row in the layout's
   * order ("" for an empty row; a row whose text comes out empty is left out of the workbook).
   */
  readonly layoutTexts?: { readonly heading: readonly string[]; readonly notes: readonly string[] };
  /**
   * A table that continues this one with details too long for its cells (one row per member of a
   * long list of results): its own sheet in Excel, a second table after this one in Word.
   */
  readonly detail?: AppendixTable;
}

export interface Inline {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** Body blocks, produced from the Handlebars report template's markup. */
export type Block =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly Inline[] }
  | { readonly type: 'paragraph'; readonly runs: readonly Inline[] }
  | { readonly type: 'bullet'; readonly runs: readonly Inline[] }
  | { readonly type: 'center'; readonly runs: readonly Inline[] }
  /** Where the charts of `key` go (OfficialDocument.charts); nothing when there are none. */
  | { readonly type: 'chart'; readonly key: string };

/**
 * A chart of the report, render-neutral: a native Word chart with its data in an embedded
 * workbook (Word's "Edit Data"), numbered "Biểu đồ N." in the order it appears.
 */
export interface ReportChart {
  /** column: vertical bars (a few categories); bar: horizontal bars (long names, many categories). */
  readonly kind: 'column' | 'bar';
  /** Title drawn inside the chart. */
  readonly title: string;
  /** Caption under the chart, after "Biểu đồ N. ". */
  readonly caption: string;
  /** Category labels, in order (indicators in the order of their groups, as in the appendix). */
  readonly categories: readonly string[];
  /** One series: its name (a column of the chart's workbook) and one value per category (null: none). */
  readonly series: { readonly name: string; readonly values: readonly (number | null)[] };
  /** Decimals of the value labels (the report's: 2). */
  readonly decimals: number;
  /** Colour of each bar (6-digit hex), when bars are told apart (behind the path: red). */
  readonly colors?: readonly (string | undefined)[];
  /** Value axis from 0 to at least this (100 for percentages of a plan). */
  readonly axisMax?: number;
}

export interface OfficialDocument {
  /** Superior agency (cơ quan chủ quản), upper case; empty for none. */
  readonly superior: string;
  /** Issuing agency, upper case: "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG". */
  readonly issuer: string;
  /** "Số:      /BC-UBND" */
  readonly numberLine: string;
  /** "Bắc Giang, ngày      tháng      năm 2025" */
  readonly dateLine: string;
  /** "BÁO CÁO" */
  readonly docType: string;
  /** Trích yếu under the type, sentence case. */
  readonly summary: string;
  /** "Kính gửi" recipients; empty for none. */
  readonly reportTo: readonly string[];
  readonly body: readonly Block[];
  /** Nơi nhận lines without "- " and ";"; the last is the "Lưu: VT, …" line. */
  readonly recipients: readonly string[];
  readonly signer: Signer;
  /** Appendices rendered as landscape sections after the signature, numbering restarting. */
  readonly appendices: readonly AppendixTable[];
  /** Charts by the key of the body's chart blocks (none: no charts, e.g. `build --no-charts`). */
  readonly charts?: Readonly<Record<string, readonly ReportChart[]>>;
}

/** A rendered output file held in memory. */
export interface Artifact {
  /** Path relative to the output folder, e.g. "du-toan/phu-luc-du-toan.xlsx". */
  readonly name: string;
  readonly bytes: Uint8Array;
  /**
   * What it was rendered from (render/outputs.ts), with the running code's stamp: recorded in the
   * manifest, so a later run whose inputs and code are the same takes the file as it is.
   */
  readonly renderKey?: string | undefined;
}
