/**
 * Converts a legacy .xls to .xlsx with LibreOffice, working only on a private copy in a temp
 * folder so the agency's folder is never touched.
 */

import { hostPlatform, searchPath } from '../lib/host.js';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type ConvertResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly detail: string };

let cachedSoffice: Promise<string | null> | undefined;

/** Finds `soffice` on PATH once per process; null when LibreOffice is not installed. */
export function findSoffice(): Promise<string | null> {
  cachedSoffice ??= (async () => {
    const names = hostPlatform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice'];
    for (const dir of searchPath().split(delimiter)) {
      if (!dir) continue;
      for (const name of names) {
        const candidate = join(dir, name);
        try {
          await access(candidate, constants.X_OK);
          return candidate;
        } catch {
          // not here
        }
      }
    }
    return null;
  })();
  return cachedSoffice;
}

/**
 * Runs `soffice --convert-to xlsx` on a copy of the bytes; the temp folder is always removed.
 * The input filter is forced: otherwise LibreOffice "succeeds" on a broken .xls by importing
 * its bytes as text, and garbage would pass for a workbook.
 */
export async function convertXlsToXlsx(
  soffice: string,
  bytes: Uint8Array,
  timeoutMs: number,
  biff: 'biff8' | 'biff5' = 'biff8',
): Promise<ConvertResult> {
  const work = await mkdtemp(join(tmpdir(), 'baocao-xls-'));
  const profile = join(tmpdir(), `baocao-lo-${randomBytes(6).toString('hex')}`);
  try {
    const input = join(work, 'input.xls');
    const outDir = join(work, 'out');
    await writeFile(input, bytes);
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile.startsWith('/') ? '' : '/'}${profile.replace(/\\/g, '/')}`,
      `--infilter=${biff === 'biff8' ? 'MS Excel 97' : 'MS Excel 95'}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      input,
    ];
    const run = await new Promise<{ error: Error | null; stderr: string }>((resolve) => {
      execFile(soffice, args, { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true }, (error, _stdout, stderr) => {
        resolve({ error, stderr: String(stderr) });
      });
    });
    const produced = await readdir(outDir).catch(() => [] as string[]);
    const xlsx = produced.find((f) => f.toLowerCase().endsWith('.xlsx'));
    if (!xlsx) {
      const why = run.error ? (run.error as { killed?: boolean }).killed ? `timed out after ${timeoutMs} ms` : run.error.message : run.stderr.trim();
      return { ok: false, detail: why || 'LibreOffice produced no file' };
    }
    return { ok: true, bytes: await readFile(join(outDir, xlsx)) };
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}
