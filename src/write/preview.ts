/**
 * The first pages of the report as pictures for the page: LibreOffice turns the .docx into a PDF,
 * poppler's pdftoppm turns its first pages into PNGs, written into the round's output folder.
 * Both run in a scratch folder inside that folder with a private LibreOffice profile; without
 * them the page shows a note.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { platform } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folder of the pictures inside the round's output folder. */
export const PREVIEW_DIR = 'xem-truoc';
/** Pages shown. */
export const PREVIEW_PAGES = 3;
/** A picture's name: trang-1.png … */
export const PREVIEW_NAME = /^trang-([1-9])\.png$/;

const SOFFICE_PLACES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
];

function onPath(name: string): string | null {
  try {
    const windows = platform() === 'win32';
    const cmd = windows ? 'where' : 'sh';
    const args = windows ? [name] : ['-c', `command -v ${name}`];
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\r?\n/)[0] ?? '';
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

/**
 * `soffice`: `given` when set (the command line passes $SOFFICE, so a machine without LibreOffice
 * can be simulated), else found on PATH or in the usual places; null when missing.
 */
export function findOffice(given?: string): string | null {
  if (given !== undefined && given !== '') return existsSync(given) ? given : null;
  return onPath('soffice') ?? onPath('libreoffice') ?? SOFFICE_PLACES.find((p) => existsSync(p)) ?? null;
}

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, [...args], { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true }, (err, _out, stderr) => (err ? reject(new Error(stderr || err.message, { cause: err })) : resolve()));
  });
}

export type Preview =
  | { readonly state: 'ready'; readonly pages: readonly string[]; readonly version: string }
  | { readonly state: 'unavailable'; readonly note: string };

/**
 * Pictures of the first pages of `docx` in <outDir>/xem-truoc/ (made again only when the report
 * changed: the report's hash is kept beside them). `scratch` is an empty folder inside output/.
 */
export async function previewPages(docx: string, outDir: string, scratch: string, soffice?: string): Promise<Preview> {
  const dir = join(outDir, PREVIEW_DIR);
  const bytes = await readFile(docx);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const stampFile = join(dir, 'nguon.txt');
  const pagesIn = async (): Promise<string[]> =>
    (await readdir(dir).catch(() => [] as string[])).filter((n) => PREVIEW_NAME.test(n)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === version) {
    const pages = await pagesIn();
    if (pages.length > 0) return { state: 'ready', pages, version };
  }
  const office = findOffice(soffice);
  if (office === null) {
    return {
      state: 'unavailable',
      note: 'Máy này chưa cài LibreOffice nên không xem trước được các trang báo cáo ngay trên trang này. Hãy tải tệp báo cáo về và mở bằng Word (hoặc cài LibreOffice từ libreoffice.org rồi mở lại trang).',
    };
  }
  const pdftoppm = onPath('pdftoppm');
  if (pdftoppm === null) {
    return { state: 'unavailable', note: 'Máy này chưa có công cụ pdftoppm (gói poppler-utils) để chuyển trang báo cáo thành hình; hãy tải tệp báo cáo về và mở bằng Word.' };
  }
  try {
    const profile = join(scratch, 'profile');
    await mkdir(profile, { recursive: true });
    await run(office, ['--headless', '--norestore', '--nologo', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', scratch, docx], 120_000);
    const pdf = (await readdir(scratch)).find((n) => n.toLowerCase().endsWith('.pdf'));
    if (!pdf) return { state: 'unavailable', note: 'LibreOffice không chuyển được báo cáo sang PDF để xem trước; hãy tải tệp về và mở bằng Word.' };
    await run(pdftoppm, ['-r', '50', '-png', '-f', '1', '-l', String(PREVIEW_PAGES), join(scratch, pdf), join(scratch, 'trang')], 60_000);
    // pdftoppm names pages trang-1.png or trang-01.png depending on the page count.
    const made = (await readdir(scratch)).filter((n) => /^trang-\d+\.png$/.test(n));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const n of made) await rename(join(scratch, n), join(dir, `trang-${Number(/\d+/.exec(n)?.[0])}.png`));
    await writeFile(stampFile, version);
    return { state: 'ready', pages: await pagesIn(), version };
  } catch (err) {
    return { state: 'unavailable', note: `Không tạo được hình xem trước (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); hãy tải tệp báo cáo về và mở bằng Word.` };
  }
}
