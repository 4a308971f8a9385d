/**
 * The file-system edge of the write stage: creating folders without Node's unbounded retry,
 * the check of an output folder before any work, and a seam where tests inject the failures a
 * full disk or a read-only folder would cause (tests run as root, where permissions stop nothing).
 */
import { access, constants, mkdir, open, realpath, rm, stat, statfs } from 'node:fs/promises';
import { dirname, parse, resolve, sep } from 'node:path';
import { BaocaoError, envMessage, FsError, PSEUDO_FS, type ErrorReport } from '../lib/env-errors.js';
import { byteLength, NAME_MAX_BYTES } from '../model/file-name.js';

/** Steps of the write stage a test can make fail. */
export type WriteStep = 'mkdir' | 'open' | 'write' | 'rename' | 'unlink';

/**
 * Test seam: when set, called before each step of the write stage with the path it acts on; it
 * throws the errno error to simulate (see `errnoError`). Never set outside tests.
 */
export const writeFaults: { inject: ((step: WriteStep, path: string) => void) | null } = { inject: null };

/** Runs the test seam for one step (nothing in production). */
export function fault(step: WriteStep, path: string): void {
  writeFaults.inject?.(step, path);
}

/** An error shaped like Node's for `code` (for the test seam and for checks baocao makes itself). */
export function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: ${syscall} '${path}'`);
  err.code = code;
  err.syscall = syscall;
  err.path = path;
  return err;
}

/**
 * Creates `dir` and its missing parents, one mkdir each, from the top. Node's own
 * `mkdir(…, { recursive: true })` retries for ever when the parent exists but refuses children
 * (`/proc/x`: ENOENT, then EEXIST on /proc, then ENOENT again…), spinning at 100 % CPU.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; ) {
    let st;
    try {
      st = await stat(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up; going up finds it and names it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new FsError('mkdir', d, err);
      missing.unshift(d);
      const parent = dirname(d);
      if (parent === d) break;
      d = parent;
      continue;
    }
    if (!st.isDirectory()) throw new FsError('mkdir', d, errnoError('ENOTDIR', 'mkdir', d));
    break;
  }
  for (const d of missing) {
    try {
      fault('mkdir', d);
      await mkdir(d);
    } catch (err) {
      // Another run may have created it a moment ago: fine if it is a folder now.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(d).catch(() => null))?.isDirectory()) continue;
      throw new FsError('mkdir', d, err);
    }
  }
}

/** Folders of the kernel's pseudo file systems: nothing a person would keep files in. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
/** …except /dev/shm, an ordinary (memory) file system. */
const PSEUDO_EXCEPTIONS = ['/dev/shm'];
/** statfs magic numbers of pseudo file systems (Linux), in case one is mounted elsewhere. */
const PSEUDO_MAGIC = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x1cd1, // devpts
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
  0x6165676c, // pstore
  0xcafe4a11, // bpf
  0x62656570, // configfs
  0xde5e81e4, // efivarfs
  0x42494e4d, // binfmt_misc
  0x65735543, // fusectl
  0x19800202, // mqueue
  0x6e736673, // nsfs
  0xf97cff8c, // selinuxfs
]);

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** True for a path inside /proc, /sys or /dev (not /dev/shm). */
export function isPseudoPath(path: string): boolean {
  if (sep !== '/') return false;
  return PSEUDO_ROOTS.some((r) => under(path, r)) && !PSEUDO_EXCEPTIONS.some((r) => under(path, r));
}

function problem(code: string, path: string): ErrorReport {
  return { code, message: envMessage(code, 'out', path), path };
}

/**
 * Checks an output folder before any work: not on a pseudo file system, no name in it over 255
 * bytes, no file where a folder must be, the nearest existing folder writable. Returns the
 * problem (Vietnamese, with the path) or null. Creates nothing.
 */
export async function checkOutDir(outDir: string): Promise<ErrorReport | null> {
  const abs = resolve(outDir);
  const { root } = parse(abs);
  for (const part of abs.slice(root.length).split(sep)) {
    if (byteLength(part) > NAME_MAX_BYTES) return problem('ENAMETOOLONG', abs);
  }
  if (isPseudoPath(abs)) return problem(PSEUDO_FS, abs);
  // The nearest folder that exists: where the output folder will be created.
  let existing = abs;
  for (;;) {
    const st = await stat(existing).catch((err: NodeJS.ErrnoException) => err);
    if (!(st instanceof Error)) {
      if (!st.isDirectory()) {
        if (existing === abs) return problem('EEXIST', abs);
        return { code: 'ENOTDIR', message: envMessage('ENOTDIR', 'out', abs, `tệp ${existing}`), path: existing };
      }
      break;
    }
    if (st.code !== 'ENOENT' && st.code !== 'ENOTDIR') return problem(st.code ?? 'EIO', existing);
    const parent = dirname(existing);
    if (parent === existing) return problem('ENOENT', abs);
    existing = parent;
  }
  // Through symbolic links: /tmp/x → /proc is still /proc.
  const real = await realpath(existing).catch(() => existing);
  if (isPseudoPath(real)) return problem(PSEUDO_FS, abs);
  const fsType = await statfs(existing).then(
    (s) => s.type,
    () => null,
  );
  if (fsType !== null && PSEUDO_MAGIC.has(fsType)) return problem(PSEUDO_FS, abs);
  try {
    await access(existing, constants.W_OK);
  } catch (err) {
    return problem((err as NodeJS.ErrnoException).code ?? 'EACCES', existing);
  }
  return null;
}

/** Throws a BaocaoError when `checkOutDir` finds a problem. */
export async function assertOutDir(outDir: string): Promise<void> {
  const p = await checkOutDir(outDir);
  if (p) throw new BaocaoError(p.code, p.message, p.path);
}

/**
 * Writes `bytes` to a new temporary file `tmp` ('wx': never an existing one) and syncs it to disk.
 * On any failure (disk full, read-only folder) the temporary file is removed before the error
 * goes on, so nothing is left behind.
 */
export async function writeSyncedTemp(tmp: string, bytes: Uint8Array, sync = true): Promise<void> {
  let created = false;
  try {
    fault('open', tmp);
    const fh = await open(tmp, 'wx');
    created = true;
    try {
      fault('write', tmp);
      await fh.writeFile(bytes);
      if (sync) await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (created) await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
