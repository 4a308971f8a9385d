/**
 * LibreOffice helpers for tests that check generated files in a real client: find `soffice`,
 * convert a file to PDF with a private profile (two soffice processes sharing one profile make
 * the second silently produce nothing).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to install what the visual checks need (Debian/Ubuntu). */
export const LIBREOFFICE_INSTALL_HINT =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ' +
  'libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2';

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

/**
 * Path of the `soffice` executable, or null when missing. $SOFFICE, when set, is the only place
 * looked at (so `SOFFICE=/nonexistent` simulates a machine without LibreOffice); otherwise PATH,
 * then the usual install places.
 */
export function findSoffice(): string | null {
  const fromEnv = process.env['SOFFICE'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : null;
  for (const name of ['soffice', 'libreoffice']) {
    const found = which(name);
    if (found !== null) return found;
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Path of a poppler tool (`pdfinfo`, `pdftoppm`), or null when missing. */
export function findTool(name: string): string | null {
  return which(name);
}

function which(name: string): string | null {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

/**
 * Converts `file` (.docx, .xlsx…) to PDF in `outDir` with its own LibreOffice profile and a 120 s
 * timeout; resolves to the PDF's path, rejects when soffice fails or writes nothing.
 */
export async function convertToPdf(file: string, outDir: string): Promise<string> {
  return convertWithLibreOffice(file, outDir, 'pdf');
}

/**
 * Opens `file` in LibreOffice and saves it again as `format` ("xlsx": what an agency saving a form
 * in LibreOffice Calc sends back) in `outDir`, with its own profile and a 120 s timeout; resolves
 * to the new file's path. `outDir` must differ from the file's folder when the format is the same.
 */
export async function convertWithLibreOffice(file: string, outDir: string, format: string): Promise<string> {
  const soffice = findSoffice();
  if (soffice === null) throw new Error(`LibreOffice (soffice) không có trên máy này. Cài đặt: ${LIBREOFFICE_INSTALL_HINT}`);
  const profile = await mkdtemp(join(tmpdir(), 'baocao-lo-profile-'));
  try {
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      format,
      '--outdir',
      outDir,
      file,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: 120_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`soffice không chuyển được ${file} sang ${format}: ${stderr || stdout}`, { cause: error }));
        } else resolve();
      });
    });
    const out = join(outDir, `${basename(file, extname(file))}.${format}`);
    if (!existsSync(out)) throw new Error(`soffice không tạo ra ${out} (không báo lỗi).`);
    return out;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Number of pages of a PDF via `pdfinfo`, or null when poppler is missing. */
export function pdfPageCount(pdf: string): number | null {
  const pdfinfo = findTool('pdfinfo');
  if (pdfinfo === null) return null;
  const out = execFileSync(pdfinfo, [pdf], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(out);
  return match === null ? null : Number(match[1]);
}
