/**
 * `build --pdf` in the engine: after the Word and Excel files are written, each of them that gets
 * a PDF (render/pdf.ts) is converted by LibreOffice and the PDFs are written by the write stage.
 * The PDFs never hold up or change the rest of the build: LibreOffice missing, a conversion that
 * fails or runs out of time, are warning lines, and the exit code stays what the data gives.
 */
import { basename, dirname, join } from 'node:path';
import type { Artifact } from '../model/document.js';
import { findSoffice } from '../read/index.js';
import { pdfSources, renderPdfs, type PdfRequest } from '../render/index.js';
import { formatWritten } from '../text/index.js';
import { writeArtifacts, type WrittenFile } from '../write/index.js';

/** What to install when LibreOffice is missing (Windows, then Debian/Ubuntu). */
export const PDF_INSTALL_HINT =
  'Cài LibreOffice rồi chạy lại lệnh với --pdf: trên Windows tải bộ cài tại https://www.libreoffice.org/download/ và cài như phần mềm thường; ' +
  'trên Debian/Ubuntu chạy "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2".';

export interface PdfBuild {
  readonly written: WrittenFile[];
  /** Console lines (stdout): what was written. */
  readonly messages: string[];
  /** Warning lines (stderr): LibreOffice missing, a conversion that failed. */
  readonly warnings: string[];
}

/** Converts the written report and appendices to PDF and writes the PDFs into `outDir`. */
export async function buildPdfs(outDir: string, artifacts: readonly Artifact[], written: readonly WrittenFile[], request: PdfRequest): Promise<PdfBuild> {
  // Each PDF is named after the file it was made from, as written (beside a report a person edited).
  const writtenAs = (name: string): string => {
    const w = written.find((f) => f.name === name);
    return w ? join(dirname(name), basename(w.path)).replace(/\\/g, '/').replace(/^\.\//, '') : name;
  };
  const sources = pdfSources(artifacts, writtenAs);
  if (sources.length === 0) return { written: [], messages: [], warnings: [] };
  const soffice = request.soffice === undefined ? await findSoffice() : request.soffice || null;
  if (!soffice) {
    return {
      written: [],
      messages: [],
      warnings: [`Cảnh báo: chưa tạo được bản PDF vì máy này chưa cài LibreOffice; các tệp Word, Excel đã được ghi đầy đủ. ${PDF_INSTALL_HINT}`],
    };
  }
  const pdf = await renderPdfs(sources, soffice, request);
  const pdfWritten = pdf.artifacts.length > 0 ? await writeArtifacts(outDir, pdf.artifacts) : [];
  const kind = request.standard === 'pdf-a' ? 'PDF/A-2b' : 'PDF';
  const messages =
    pdfWritten.length > 0
      ? [
          `Bản ${kind} để ký số (${pdfWritten.length} tệp; số và ngày văn bản để trống cho văn thư điền sau khi ký):`,
          ...formatWritten(pdfWritten),
        ]
      : [];
  return { written: pdfWritten, messages, warnings: pdf.warnings };
}
