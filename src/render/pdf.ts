/**
 * `build --pdf`: the report and the appendices as PDF, the copy that is signed digitally (VGCA
 * token) in the e-office; the clerk stamps number and date on the PDF, so those slots stay blank
 * as in the .docx. LibreOffice (read/soffice.ts) converts the bytes the render stage made, one file
 * at a time; the PDFs are then written like every other output (write stage: atomic, manifest,
 * never over a person's edit — a signed bao-cao.pdf is such an edit).
 */
import { runSoffice } from '../read/index.js';
import type { Artifact } from '../model/document.js';
import { OUTPUT_NAMES } from './outputs.js';

/** `--pdf`: ordinary PDF; `--pdf=a`: PDF/A-2b (archival: every font embedded, metadata in XMP). */
export type PdfStandard = 'pdf' | 'pdf-a';

export interface PdfRequest {
  readonly standard: PdfStandard;
  /** Path of `soffice`; false: LibreOffice is missing (tests); undefined: looked up. */
  readonly soffice?: string | false | undefined;
  /** Time allowed for one conversion (default 5 minutes: a report of a thousand agencies takes about one). */
  readonly timeoutMs?: number | undefined;
  /** Where the conversions' temporary folders go (default the system's). */
  readonly tempDir?: string | undefined;
}

/** Default time limit of one conversion. */
export const PDF_TIMEOUT_MS = 300_000;

/**
 * Outputs that get a PDF, in order: the report, then the appendices. When two have the same base
 * name (phu-luc-du-toan.docx and .xlsx hold the same table), the first one, Word's layout, is used.
 */
export const PDF_SOURCES: readonly string[] = [
  OUTPUT_NAMES.report,
  OUTPUT_NAMES.budgetDocx,
  OUTPUT_NAMES.budgetXlsx,
  OUTPUT_NAMES.indicatorsXlsx,
  OUTPUT_NAMES.tasksXlsx,
  OUTPUT_NAMES.spendingXlsx,
];

/** LibreOffice's export filters; PDF/A-2b through the JSON filter options (LibreOffice ≥ 7.4). */
function convertTo(name: string, standard: PdfStandard): string {
  const filter = name.toLowerCase().endsWith('.xlsx') ? 'calc_pdf_Export' : 'writer_pdf_Export';
  const options: Record<string, { type: string; value: string }> = {};
  if (standard === 'pdf-a') options['SelectPdfVersion'] = { type: 'long', value: '2' };
  return Object.keys(options).length > 0 ? `pdf:${filter}:${JSON.stringify(options)}` : `pdf:${filter}`;
}

/** A file to convert: the artifact's bytes, and the name its PDF gets (beside the file it was made from). */
export interface PdfSource {
  readonly artifact: Artifact;
  /** Name of the PDF relative to the output folder: "bao-cao.pdf", or "bao-cao (ban moi …).pdf" beside an edited report. */
  readonly pdfName: string;
}

/**
 * The artifacts that get a PDF. `writtenAs` gives the name each artifact was actually written
 * under (relative to the output folder): a report a person edited stays, the new one goes beside
 * it, and the PDF takes the new one's name so the two belong together.
 */
export function pdfSources(artifacts: readonly Artifact[], writtenAs: (name: string) => string = (name) => name): PdfSource[] {
  const out: PdfSource[] = [];
  const bases = new Set<string>();
  for (const wanted of PDF_SOURCES) {
    const artifact = artifacts.find((a) => a.name === wanted);
    if (!artifact) continue;
    const base = wanted.replace(/\.[^.]+$/, '');
    if (bases.has(base)) continue;
    bases.add(base);
    out.push({ artifact, pdfName: writtenAs(artifact.name).replace(/\.[^./\\]+$/, '.pdf') });
  }
  return out;
}

export interface PdfOutcome {
  readonly artifacts: Artifact[];
  /** Vietnamese warning lines (a conversion that failed, a font that was replaced). */
  readonly warnings: string[];
}

/** Converts each source to PDF, one after the other; a failure is a warning, never an exception. */
export async function renderPdfs(sources: readonly PdfSource[], soffice: string, request: PdfRequest): Promise<PdfOutcome> {
  const artifacts: Artifact[] = [];
  const warnings: string[] = [];
  for (const source of sources) {
    const r = await runSoffice(soffice, {
      bytes: source.artifact.bytes,
      name: source.artifact.name.split('/').pop() ?? source.artifact.name,
      convertTo: convertTo(source.artifact.name, request.standard),
      outputExt: '.pdf',
      timeoutMs: request.timeoutMs ?? PDF_TIMEOUT_MS,
      locale: 'vi-VN',
      tempDir: request.tempDir,
    });
    if (!r.ok || !isPdf(r.bytes)) {
      const detail = r.ok ? 'kết quả không phải tệp PDF' : r.detail;
      warnings.push(
        `Cảnh báo: không tạo được ${source.pdfName} từ ${source.artifact.name} (LibreOffice: ${detail}). ` +
          `Tệp ${source.artifact.name} vẫn được ghi đầy đủ; chạy lại lệnh, hoặc mở tệp bằng Word và chọn File > Save As > PDF.`,
      );
      continue;
    }
    artifacts.push({ name: source.pdfName, bytes: r.bytes });
    const fonts = pdfFontNames(r.bytes);
    if (fonts.length > 0 && !fonts.some(isTimesCompatible)) {
      warnings.push(
        `Cảnh báo: ${source.pdfName} không có phông Times New Roman (hay Liberation Serif, phông thay thế cùng cỡ chữ) mà dùng ${fonts.join(', ')}: ` +
          'trang có thể dàn khác bản Word. Cài phông (Debian/Ubuntu: apt-get install fonts-liberation2; Windows có sẵn Times New Roman) rồi chạy lại lệnh.',
      );
    }
  }
  return { artifacts, warnings };
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Names of the fonts a PDF uses, without the subset prefix ("ABCDEF+LiberationSerif" → "LiberationSerif"). */
export function pdfFontNames(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const names = new Set<string>();
  for (const m of text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/[\]<>()]+)/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

function isTimesCompatible(name: string): boolean {
  return /LiberationSerif|TimesNewRoman|Times-Roman|Tinos/i.test(name);
}
