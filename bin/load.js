/**
 * Loads baocao's command line for bin/baocao.js, the benchmark and the build's training run:
 *
 * 1. dist/bundle/cli.cjs, the whole program in one CommonJS file (scripts/bundle.ts), compiled
 *    with V8's code cache `cli.cjs.cache` when there is one made from these very bytes: the cache,
 *    made by the build after a build of the shipped examples, holds the bytecode of every function
 *    that run used, so a command does not parse and compile them again (~0,3 s less for `check` +
 *    `build` of 1.000 workbooks). V8 refuses a cache made by another Node version: the file is
 *    then compiled as usual, only more slowly;
 * 2. else dist/bundle/cli.js, the ES module bundle (also the worker threads' code);
 * 3. else the plain compiled files, dist/src/cli.js.
 *
 * Plain JavaScript: it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder of the bundle bin/baocao.js runs. */
export const BUNDLE_DIR = join(root, 'dist', 'bundle');
/** The CommonJS bundle and its code cache, inside a bundle folder. */
export const CJS_FILE = 'cli.cjs';
export const CODE_CACHE_FILE = 'cli.cjs.cache';
/** A code cache starts with the SHA-256 (hex) of the bundle it was made from, then a line break. */
const HEADER = 65;

/**
 * @typedef {{
 *   main: (argv: string[], io?: unknown) => Promise<number>,
 *   from: 'cjs' | 'esm' | 'src',
 *   codeCache: 'used' | 'rejected' | 'absent',
 *   saveCodeCache: () => boolean,
 * }} LoadedCli
 */

/**
 * The three `bundleDir` may hold (see above) that exist, in that order.
 * @param {string} [bundleDir]
 * @returns {{ from: 'cjs' | 'esm' | 'src', path: string }[]}
 */
export function cliEntries(bundleDir = BUNDLE_DIR) {
  /** @type {{ from: 'cjs' | 'esm' | 'src', path: string }[]} */
  const candidates = [
    { from: 'cjs', path: join(bundleDir, CJS_FILE) },
    { from: 'esm', path: join(bundleDir, 'cli.js') },
    { from: 'src', path: join(root, 'dist', 'src', 'cli.js') },
  ];
  return candidates.filter((c) => existsSync(c.path));
}

/**
 * The CLI's `main`, from the first of the three in `bundleDir` that loads (one that fails to load,
 * a damaged file say, gives way to the next), with what became of the code cache, and
 * `saveCodeCache()` to write the cache of what has run so far (the build's training run; false
 * when there is nothing to save).
 * @param {string} [bundleDir]
 * @returns {Promise<LoadedCli>}
 */
export async function loadCli(bundleDir = BUNDLE_DIR) {
  const entries = cliEntries(bundleDir);
  if (entries.length === 0) throw new Error('baocao is not compiled (npm run build)');
  for (const [i, entry] of entries.entries()) {
    try {
      if (entry.from === 'cjs') return loadCommonJs(entry.path, join(bundleDir, CODE_CACHE_FILE));
      const { main } = await import(pathToFileURL(entry.path).href);
      if (typeof main !== 'function') throw new Error(`${entry.path} has no main`);
      return { main, from: entry.from, codeCache: 'absent', saveCodeCache: () => false };
    } catch (err) {
      if (i === entries.length - 1) throw err;
    }
  }
  throw new Error('unreachable');
}

/**
 * @param {string} file
 * @param {string} cacheFile
 * @returns {LoadedCli}
 */
function loadCommonJs(file, cacheFile) {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    // Only a cache made from these bytes: V8 itself compares little more than the length.
    if (cache.length > HEADER && cache.toString('latin1', 0, HEADER) === `${digest}\n`) cachedData = cache.subarray(HEADER);
  } catch {
    // No cache: compiled as usual.
  }
  // The bundle is ASCII only (scripts/bundle.ts): read as one byte per character, as V8 keeps it.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (typeof module.exports.main !== 'function') throw new Error(`${file} has no main`);
  return {
    main: module.exports.main,
    from: 'cjs',
    codeCache: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used',
    saveCodeCache: () => {
      const data = script.createCachedData();
      if (data.length === 0) return false;
      // Written beside, then renamed: a command starting meanwhile reads the old cache or the new one, whole.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${digest}\n`, 'latin1'), data]));
        renameSync(tmp, cacheFile);
      } finally {
        rmSync(tmp, { force: true });
      }
      return true;
    },
  };
}
