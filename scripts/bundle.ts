/**
 * Bundles the CLI and the worker-thread entry with esbuild into dist/bundle/ (`npm run build`).
 * Node then reads a few files instead of ~400 modules of exceljs, docx, Handlebars, zod and
 * commander: start-up drops by about a tenth of a second per command, which counts when a
 * correction is rebuilt in a second. Code that only some commands need (exceljs, docx,
 * Handlebars) stays in chunks loaded on demand (`splitting`). bin/baocao.js uses the bundle
 * when it exists and the plain compiled files (dist/src) otherwise.
 *
 * The bundle must sit two folders below the project (dist/bundle/): templates/ is found at
 * ../../templates from it, as from dist/src/read/.
 */
import type { BuildOptions, Plugin } from 'esbuild';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { CODE_STAMP_FILE } from '../src/read/workspace.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** Project root: scripts/ (TypeScript, tests) or dist/scripts/ (compiled). */
function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'scripts')) ? resolve(here, '..', '..') : resolve(here, '..');
}

/**
 * Bundles src/cli.ts and src/incremental/worker.ts into `outdir`: cli.js, worker.js and chunks
 * (ES modules), and cli.cjs, the CLI in one CommonJS file that bin/load.js compiles with V8's code
 * cache, cli.cjs.cache, made here by a build of the examples in input/ (trainCodeCache).
 */
export async function bundle(outdir: string): Promise<void> {
  const { build } = await import('esbuild');
  const root = projectRoot();
  const { CJS_FILE, CODE_CACHE_FILE } = await loaderNames(root);
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', plugins: [unusedExceljsParts, noSourceMaps] };
  await build({
    ...common,
    entryPoints: { cli: join(root, 'src', 'cli.ts'), worker: join(root, 'src', 'incremental', 'worker.ts') },
    outdir,
    splitting: true,
    format: 'esm',
    // CommonJS packages (exceljs…) call require(); an ES module bundle has none of its own.
    banner: { js: "import { createRequire as __baocaoCreateRequire } from 'node:module'; const require = __baocaoCreateRequire(import.meta.url);" },
  });
  // One file (V8's code cache is per script); the modules that only some commands need are still evaluated on demand.
  // import.meta.url, which finds templates/ and the worker's file, becomes this file's own URL; the worker threads keep the ES module bundle.
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: join(outdir, CJS_FILE),
    format: 'cjs',
    define: { 'import.meta.url': '__baocaoUrl' },
    banner: { js: "var __baocaoUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  for (const name of (await readdir(outdir)).filter((n) => n.endsWith('.js') || n.endsWith('.cjs'))) {
    const path = join(outdir, name);
    const code = await readFile(path, 'utf8');
    const ascii = asciiOnly(code);
    if (ascii !== code) await writeFile(path, ascii);
  }
  // The code cache is left out of the stamp: it changes from one build to the next and never changes what the bundle does.
  await writeFile(join(outdir, CODE_STAMP_FILE), `${await stampOf(outdir, (n) => n.startsWith(CODE_CACHE_FILE))}\n`);
  await trainCodeCache(outdir, root, CODE_CACHE_FILE);
}

/** The file names bin/load.js (plain JavaScript, beside the sources) loads the CommonJS bundle and its code cache from. */
async function loaderNames(root: string): Promise<{ readonly CJS_FILE: string; readonly CODE_CACHE_FILE: string }> {
  return (await import(pathToFileURL(join(root, 'bin', 'load.js')).href)) as { CJS_FILE: string; CODE_CACHE_FILE: string };
}

/**
 * Makes cli.cjs.cache: the new bundle builds the examples in input/ (into a temporary folder,
 * removed after), all in one thread, and saves V8's code cache of everything that run compiled
 * (bin/load.js). Without input/, or when the run fails, there is no cache and commands compile
 * the bundle as they go, as before: a warning says so.
 */
async function trainCodeCache(outdir: string, root: string, cacheFile: string): Promise<void> {
  const examples = join(root, 'input');
  if (!existsSync(examples)) return;
  const work = await mkdtemp(join(tmpdir(), 'baocao-code-cache-'));
  try {
    const load = pathToFileURL(join(root, 'bin', 'load.js')).href;
    const argv = ['node', 'baocao', 'build', examples, '--out', work, '--quiet'];
    const script = [
      `const { loadCli } = await import(${JSON.stringify(load)});`,
      `const cli = await loadCli(${JSON.stringify(outdir)});`,
      `try { await cli.main(${JSON.stringify(argv)}, { out: () => undefined, err: () => undefined }); }`,
      `finally { if (!cli.saveCodeCache()) throw new Error('no code cache'); }`,
    ].join('\n');
    await new Promise<void>((done, fail) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, BAOCAO_WORKERS: '0' }, maxBuffer: 1 << 24 }, (err, _out, stderr) =>
        err ? fail(new Error(`${err.message}\n${stderr}`)) : done(),
      );
    });
  } catch (err) {
    await rm(join(outdir, cacheFile), { force: true });
    process.stderr.write(`Không tạo được bộ nhớ đệm mã của baocao: ${err instanceof Error ? err.message : String(err)}. Vẫn chạy được, khởi động chậm hơn.\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The code with every non-ASCII character written as a \uXXXX escape. esbuild escapes strings,
 * templates and names, not regular expressions (the Vietnamese ones in vn/ and validate/): a
 * chunk with a single "ạ" left is held by V8 as two bytes per character, decoded and parsed more
 * slowly (~30 ms per check + build). An escape means the same character in a regular expression
 * (in a class, in u mode, as a surrogate pair), a string or a comment; only after a backslash
 * would it not ("\ạ" is not "\\u1EA1"): a file holding one is left as it is.
 */
export function asciiOnly(code: string): string {
  let escapedByHand = false;
  const out = code.replace(/[^\x00-\x7f]/g, (ch: string, at: number) => {
    let backslashes = 0;
    for (let k = at - 1; k >= 0 && code[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 1) escapedByHand = true;
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escapedByHand ? code : out;
}

/**
 * exceljs's streaming reader and writer and its CSV support, which baocao never uses, left out of
 * the bundle: loading exceljs then evaluates 245 modules instead of 661 (unzipper, archiver,
 * bluebird, fast-csv…), ~0,1 s less for every command that writes a workbook. Each is replaced
 * by a class that says so if anything ever constructs it.
 */
const UNUSED_EXCELJS = /^(?:\.\/stream\/xlsx\/workbook-(?:reader|writer)|\.\.\/csv\/csv)(?:\.js)?$/;
const unusedExceljsParts: Plugin = {
  name: 'unused-exceljs-parts',
  setup(build) {
    build.onResolve({ filter: UNUSED_EXCELJS }, (args) =>
      /[\\/]exceljs[\\/]lib[\\/]/.test(args.importer) ? { path: args.path, namespace: 'baocao-unused' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'baocao-unused' }, (args) => ({
      contents: `module.exports = class { constructor() { throw new Error(${JSON.stringify(`exceljs ${args.path} is not part of baocao's bundle (scripts/bundle.ts)`)}); } };`,
      loader: 'js',
    }));
  },
};

/**
 * Handlebars loads the source-map library (124 KB, parsed by every command) only to offer source
 * maps of compiled templates, which baocao never asks for; when it cannot be loaded, Handlebars
 * builds the same code as plain strings (its code-gen.js fallback, the one browsers use). Left out
 * of the bundle: requiring it throws, as when it is not installed.
 */
const noSourceMaps: Plugin = {
  name: 'no-source-maps',
  setup(build) {
    build.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]handlebars[\\/]/.test(args.importer) ? { path: args.path, namespace: 'baocao-no-source-map' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'baocao-no-source-map' }, () => ({
      contents: `throw new Error("source-map is not part of baocao's bundle (scripts/bundle.ts)");`,
      loader: 'js',
    }));
  },
};

/**
 * The stamp of a bundle (src/read/workspace.ts codeStamp): a hash of its files' names and bytes.
 * Outputs an earlier run wrote are reused only by a run of the same bundle (render/outputs.ts).
 */
async function stampOf(dir: string, leftOut: (name: string) => boolean): Promise<string> {
  const h = createHash('sha256');
  for (const name of (await readdir(dir)).filter((n) => n !== CODE_STAMP_FILE && !leftOut(n)).sort()) {
    h.update(name).update('\0').update(await readFile(join(dir, name))).update('\0');
  }
  return h.digest('hex');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = join(projectRoot(), 'dist', 'bundle');
  // A bundle from an earlier build must never outlive a failed one: bin/baocao.js would prefer it to the new dist/src.
  await rm(out, { recursive: true, force: true });
  try {
    await bundle(out);
  } catch (err) {
    // Without the bundle baocao still runs (from dist/src), only starts a little slower.
    process.stderr.write(`Không đóng gói được baocao (esbuild): ${err instanceof Error ? err.message : String(err)}. Vẫn chạy được, khởi động chậm hơn.\n`);
  }
}
