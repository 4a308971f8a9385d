/**
 * The one place baocao runs LibreOffice (`soffice --headless --convert-to …`): .xls → .xlsx in the
 * read stage, .docx/.xlsx → PDF for `build --pdf`. Every conversion works on a private copy of the
 * bytes in a temporary folder, with a profile folder of its own (two soffice processes sharing a
 * profile make the second silently produce nothing), one conversion at a time (LibreOffice takes a
 * whole core, and a run may convert several files), with a time limit after which the whole process
 * tree is killed; the temporary folder and the profile are always removed.
 */
import { execFile, spawn } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { platform, tmpdir } from 'node:os';
import { signalProcess } from '../lib/host.js';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ConvertResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly detail: string; readonly timedOut?: boolean };

/** One conversion: the bytes, how LibreOffice should read them and what to make of them. */
export interface SofficeJob {
  readonly bytes: Uint8Array;
  /** File name given to the private copy (its extension tells LibreOffice the format): "bao-cao.docx". */
  readonly name: string;
  /** `--convert-to` argument: "xlsx", "pdf", "pdf:writer_pdf_Export:{…}". */
  readonly convertTo: string;
  /** Extension of the file LibreOffice writes, with the dot: ".pdf". */
  readonly outputExt: string;
  /** `--infilter` (forces the import filter), e.g. "MS Excel 97". */
  readonly infilter?: string | undefined;
  /** Time allowed, in milliseconds; the process tree is killed after it. */
  readonly timeoutMs: number;
  /**
   * Locale of the conversion (BCP 47, e.g. "vi-VN"), written into the fresh profile: the number
   * formats of charts and spreadsheets are shown in it (7,02 rather than 7.02). Default: the machine's.
   */
  readonly locale?: string | undefined;
  /** Where the temporary folders go (default the system's temporary folder). */
  readonly tempDir?: string | undefined;
}

/** Usual install places, looked at after PATH (the Windows installer does not add LibreOffice to PATH). */
function installPlaces(os: NodeJS.Platform): string[] {
  if (os === 'win32') {
    return ['C:\\Program Files\\LibreOffice\\program\\soffice.exe', 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe'];
  }
  if (os === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  return ['/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/usr/local/bin/soffice', '/snap/bin/libreoffice'];
}

/**
 * Finds `soffice`: on PATH (`pathEnv`, the PATH variable), then in the usual install places; null
 * when LibreOffice is not installed.
 */
export async function locateSoffice(pathEnv: string | undefined, os: NodeJS.Platform = platform()): Promise<string | null> {
  const names = os === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const candidates = [
    ...(pathEnv ?? '')
      .split(delimiter)
      .filter((dir) => dir !== '')
      .flatMap((dir) => names.map((name) => join(dir, name))),
    ...installPlaces(os),
  ];
  for (const candidate of candidates) {
    try {
      await access(candidate, os === 'win32' ? constants.F_OK : constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Conversions wait for the one before (LibreOffice is heavy: one at a time, on 2 cores too). */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `soffice --convert-to` on a private copy of the bytes; never throws for LibreOffice's failures. */
export function runSoffice(soffice: string, job: SofficeJob): Promise<ConvertResult> {
  const next = queue.then(
    () => convertOnce(soffice, job),
    () => convertOnce(soffice, job),
  );
  queue = next.catch(() => undefined);
  return next;
}

async function convertOnce(soffice: string, job: SofficeJob): Promise<ConvertResult> {
  const base = job.tempDir ?? tmpdir();
  await mkdir(base, { recursive: true });
  const work = await mkdtemp(join(base, 'baocao-lo-work-'));
  const profile = await mkdtemp(join(base, 'baocao-lo-profile-'));
  try {
    const input = join(work, basename(job.name));
    const outDir = join(work, 'out');
    await writeFile(input, job.bytes);
    if (job.locale) await seedProfile(profile, job.locale);
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      ...(job.infilter ? [`--infilter=${job.infilter}`] : []),
      '--convert-to',
      job.convertTo,
      '--outdir',
      outDir,
      input,
    ];
    const run = await spawnWithTimeout(soffice, args, job.timeoutMs);
    const produced = await readdir(outDir).catch(() => [] as string[]);
    const wanted = `${basename(input, extname(input))}${job.outputExt}`.toLowerCase();
    const file = produced.find((f) => f.toLowerCase() === wanted) ?? produced.find((f) => f.toLowerCase().endsWith(job.outputExt));
    if (run.timedOut) return { ok: false, detail: `quá ${Math.round(job.timeoutMs / 1000)} giây, đã dừng LibreOffice`, timedOut: true };
    if (!file) return { ok: false, detail: run.error || run.stderr.trim() || 'LibreOffice không tạo ra tệp kết quả' };
    const bytes = await readFile(join(outDir, file));
    if (bytes.byteLength === 0) return { ok: false, detail: 'LibreOffice tạo ra tệp rỗng' };
    return { ok: true, bytes };
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

/** A fresh profile that starts in `locale` (LibreOffice fills in everything else on first start). */
async function seedProfile(profile: string, locale: string): Promise<void> {
  await mkdir(join(profile, 'user'), { recursive: true });
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale.replace(/[^A-Za-z0-9-]/g, '')}</value></prop></item>\n` +
    '</oor:items>\n';
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), xml);
}

interface SpawnOutcome {
  readonly timedOut: boolean;
  /** Why the process could not run or ended badly ('' when it exited 0). */
  readonly error: string;
  readonly stderr: string;
}

/**
 * Runs the program and waits for it; after `timeoutMs` kills it with everything it started:
 * `soffice` is a launcher (a shell script and oosplash) whose real worker, soffice.bin, survives
 * a kill of the launcher alone — so on POSIX the program gets a process group of its own and the
 * group is killed, on Windows `taskkill /T` ends the tree.
 */
function spawnWithTimeout(program: string, args: readonly string[], timeoutMs: number): Promise<SpawnOutcome> {
  const windows = platform() === 'win32';
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(program, [...args], { detached: !windows, windowsHide: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const killTree = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      if (windows) {
        execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
        return;
      }
      try {
        signalProcess(-pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, timeoutMs);
    // Should the killed tree never report back (a stuck pipe), the run goes on without it.
    const giveUp = setTimeout(() => finish('LibreOffice không dừng được'), timeoutMs + 10_000);
    giveUp.unref();
    const finish = (error: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(giveUp);
      resolve({ timedOut, error, stderr });
    };
    child.on('error', (err) => finish(err.message));
    child.on('close', (code, signal) => finish(code === 0 ? '' : `LibreOffice kết thúc với mã ${code ?? signal ?? '?'}`));
  });
}
