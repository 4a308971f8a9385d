// ESLint keeps the shape of the code true (run by `npm test`, so CI fails when a layer is crossed):
// - a stage never imports a later one (read → validate → aggregate → render → write → store → engine → faces);
// - another stage's folder is entered through its index.ts only (model/ and vn/ are shared types and
//   pure helpers, imported by file);
// - only read/, write/ and store/ touch the disk; only the command line (src/cli.ts) touches `process`
//   (and lib/host.ts, the facts about the running process the stages ask for: pid, PATH, a lock holder alive);
// - no import cycles.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { dirname, relative, resolve, sep } from 'node:path';

/** Layers in pipeline order: a module may import its own layer or an earlier one, never a later one. */
const LAYERS = ['lib', 'vn', 'findings', 'model', 'calc', 'read', 'validate', 'aggregate', 'render', 'write', 'text', 'store', 'incremental', 'engine', 'serve', 'cli'];
/** Layers that are shared kernels (types, pure helpers): imported file by file. */
const OPEN_LAYERS = new Set(['lib', 'vn', 'model']);
const SRC = resolve(import.meta.dirname, 'src');

/** Layer of a file under src/: its top folder, or for a top-level file its name (cli, findings…; others are the engine). */
function layerOf(file) {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  if (parts.length > 1) return parts[0];
  const name = parts[0].replace(/\.[cm]?[jt]s$/, '');
  if (name === 'cli' || name === 'findings') return name;
  return 'engine';
}

const stageDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the stage direction and enter other stages through their index.ts' },
    schema: [],
    messages: {
      backwards: "'{{from}}' must not import '{{source}}': layer '{{target}}' comes after '{{own}}' ({{order}}).",
      internal: "'{{source}}' reaches inside '{{target}}/': import '{{target}}/index.js' instead.",
      unknown: "'{{source}}' is in layer '{{target}}', which has no place in the stage order; add it to LAYERS in eslint.config.js.",
    },
  },
  create(context) {
    const file = context.filename;
    const own = layerOf(file);
    if (own === null) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source.replace(/\.js$/, '.ts'));
      const layer = layerOf(target);
      if (layer === null || layer === own) return;
      const a = LAYERS.indexOf(own);
      const b = LAYERS.indexOf(layer);
      if (a < 0 || b < 0) {
        context.report({ node, messageId: 'unknown', data: { source, target: a < 0 ? own : layer } });
        return;
      }
      if (b > a) {
        context.report({ node, messageId: 'backwards', data: { from: relative(SRC, file), source, target: layer, own, order: LAYERS.join(' → ') } });
        return;
      }
      const rel = relative(SRC, target).split(sep);
      if (!OPEN_LAYERS.has(layer) && rel.length > 1 && !(rel.length === 2 && rel[1] === 'index.ts')) {
        context.report({ node, messageId: 'internal', data: { source, target: layer } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => check({ ...node, source: node.source }) };
  },
};

const fsModules = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises'];
const processModules = ['process', 'node:process'];
const processMessage = 'Only the command line (src/cli.ts) and lib/host.ts touch process; pass what you need as an option or ask lib/host.ts.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'output/**', '.vitest-tmp/**', '.bundle-test/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    plugins: { baocao: { rules: { 'stage-direction': stageDirection } }, 'import-x': importX },
    rules: {
      'baocao/stage-direction': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...fsModules.map((name) => ({ name, message: 'Only read/, write/ and store/ touch the disk.' })),
            ...processModules.map((name) => ({ name, message: processMessage })),
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: processMessage }],
    },
    settings: { 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import-x/extensions': ['.ts', '.js'], 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })] },
  },
  { files: ['src/read/**/*.ts', 'src/write/**/*.ts', 'src/store/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: processModules.map((name) => ({ name, message: processMessage })) }] } },
  // The two places that may touch process: the command line, and the host facts the stages ask for.
  { files: ['src/cli.ts', 'src/lib/host.ts'], rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': ['error', { paths: fsModules.map((name) => ({ name, message: 'Only read/, write/ and store/ touch the disk.' })) }] } },
);
