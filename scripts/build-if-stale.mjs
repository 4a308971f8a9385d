#!/usr/bin/env node
/**
 * `npm start` runs this before building the examples: it compiles baocao (tsc + bundle, the same
 * as `npm run build`) only when a source file changed since the last successful build. On an
 * unchanged checkout the build (about 11 s of a 14 s `npm start`) is skipped.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 * The stamp is a hash of every build input's path and bytes, written after a successful build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.build-stamp');
const INPUT_DIRS = ['src', 'scripts', 'bench'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Hash of the build's inputs: each file's relative path and content. */
export function inputsHash() {
  const h = createHash('sha256');
  const files = [];
  for (const d of INPUT_DIRS) if (existsSync(join(root, d))) files.push(...walk(join(root, d)));
  for (const f of INPUT_FILES) if (existsSync(join(root, f))) files.push(join(root, f));
  for (const f of files) {
    h.update(relative(root, f).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

const want = inputsHash();
const force = process.argv.includes('--force');
const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
const built = existsSync(join(root, 'dist', 'src', 'cli.js'));
if (!force && have === want && built) {
  console.log('baocao đã được biên dịch, mã nguồn không đổi: bỏ qua bước biên dịch.');
} else {
  // A failed build must not leave a stamp claiming the old output is current.
  rmSync(stampFile, { force: true });
  execSync('npm run compile', { cwd: root, stdio: 'inherit' });
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${want}\n`);
}
