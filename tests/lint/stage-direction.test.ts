/**
 * The lint rule that keeps the stage direction true (eslint.config.js), run through ESLint's Node
 * API on planted files: it must fail on a backwards import, a reach inside another stage, the disk
 * outside read/write/store, and `process` outside the CLI — and pass on the honest version.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve('.') });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve('src', file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the stage-direction rule', () => {
  const cases: ReadonlyArray<[string, string, string, RegExp | null]> = [
    ['read/planted.ts', "import { render } from '../render/index.js';\nexport const r = render;\n", 'a stage importing a later one', /baocao\/stage-direction: .*layer 'render' comes after 'read'/],
    ['model/planted.ts', "import type { Store } from '../store/index.js';\nexport type S = Store;\n", 'the model importing the store', /baocao\/stage-direction: .*'store' comes after 'model'/],
    ['engine/planted.ts', "import { changeSchema } from '../aggregate/changes.js';\nexport const c = changeSchema;\n", 'a reach inside another stage', /reaches inside 'aggregate\/'/],
    ['render/planted.ts', "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'the disk outside read, write and store', /no-restricted-imports: .*Only read\/, write\/ and store\//],
    ['engine/planted.ts', 'export const cwd = (): string => process.cwd();\n', 'process outside the CLI', /no-restricted-globals: .*Only the command line/],
    ['write/planted.ts', "import { pid } from 'node:process';\nexport const p = pid;\n", 'process imported outside the CLI and lib/host.ts', /no-restricted-imports: .*lib\/host\.ts/],
    ['engine/planted.ts', "import { render } from '../render/index.js';\nexport const r = render;\n", 'a later stage importing an earlier one through its index', null],
    ['store/planted.ts', "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'the store reading the disk', null],
  ];
  it.each(cases)('%s: %s', async (file, code, _what, expected) => {
    const messages = await lint(file, code);
    if (expected === null) expect(messages).toEqual([]);
    else expect(messages.some((m) => expected.test(m)), messages.join('\n')).toBe(true);
  }, 60_000);
});
