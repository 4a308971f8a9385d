/**
 * Outputs reused across runs (a new process each time, as the commands run): a run of the same
 * code whose inputs give the same key takes the files an earlier run wrote instead of rendering
 * them again — never a file a person edited, never under other code, and what it leaves on disk
 * is what rendering would have written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, isBuilt, type BuildOptions, type EngineEvent } from '../../src/engine/index.js';
import { codeStamp } from '../../src/read/index.js';
import { loadXlsx } from '../e2e/helpers.js';
import { copyExample, type ExampleCopy } from '../e2e/example-copy.js';

let env: ExampleCopy;
beforeAll(async () => {
  env = await copyExample();
});
afterAll(async () => {
  await env.cleanup();
});

const STAMP = 'a'.repeat(64);

/** One run in a fresh engine (as a new process would), with what its rendered event said. */
async function run(kind: 'check' | 'build', out: string, opts: BuildOptions = {}) {
  const events: EngineEvent[] = [];
  const roundDir = join(env.planDir, '2025');
  const engine = createEngine(false);
  const r = await engine[kind](env.planDir, roundDir, out, { today: '2025-12-20', codeStamp: STAMP, ...opts, onEvent: (e) => events.push(e) });
  if (!isBuilt(r)) throw new Error('plan not usable');
  const rendered = events.find((e): e is Extract<EngineEvent, { kind: 'rendered' }> => e.kind === 'rendered');
  if (!rendered) throw new Error('no rendered event');
  return { result: r, rendered, unchanged: r.written.filter((w) => w.unchanged).map((w) => w.name).sort() };
}

async function manifest(out: string): Promise<{ files: Record<string, { sha256: string; renderKey?: string }> }> {
  return JSON.parse(await readFile(join(out, '.baocao-manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; renderKey?: string }> };
}

describe('outputs reused across runs', () => {
  it('a build after a check takes the check report as it is; a second build takes every output', async () => {
    const out = join(env.out, 'pair');
    const check = await run('check', out);
    expect(check.rendered).toEqual({ kind: 'rendered', artifacts: 1, reused: 0 });
    const checkReport = await readFile(join(out, 'kiem-tra.xlsx'));

    const build = await run('build', out);
    expect(build.rendered.reused).toBe(1);
    expect(Buffer.compare(await readFile(join(out, 'kiem-tra.xlsx')), checkReport)).toBe(0);
    // Every output is recorded with the key it was rendered from, under this code's stamp.
    const files = (await manifest(out)).files;
    for (const name of ['kiem-tra.xlsx', 'bao-cao.docx', 'phu-luc-kinh-phi.xlsx', 'phu-luc-nhiem-vu.xlsx']) {
      expect(files[name]?.renderKey, name).toMatch(new RegExp(`^${STAMP}:${name.replace('.', '\\.')}:`));
    }

    const again = await run('build', out);
    // Everything rendered is reused; only the change log (not a rendered output) is made again.
    expect(again.rendered.reused).toBe(again.rendered.artifacts - 1);
    expect(again.unchanged).toEqual(expect.arrayContaining(['bao-cao.docx', 'kiem-tra.xlsx', 'phu-luc-kinh-phi.xlsx', 'phu-luc-nhiem-vu.xlsx']));
  }, 60_000);

  it('renders again what a corrected workbook changes, and what a person edited; takes nothing under other code', async () => {
    const out = join(env.out, 'changes');
    const first = await run('build', out);
    expect(first.rendered.reused).toBe(0);

    // Staff retouch the task appendix by hand: it is neither taken as baocao's nor overwritten.
    const edited = Buffer.concat([await readFile(join(out, 'phu-luc-nhiem-vu.xlsx')), Buffer.from('edited')]);
    await writeFile(join(out, 'phu-luc-nhiem-vu.xlsx'), edited);
    // An agency corrects one spent figure (down: no new warning, so the check report stays the same).
    const file = join(env.planDir, '2025', '05-bao-bac-giang.xlsx');
    const wb = await loadXlsx(file);
    const ws = wb.getWorksheet('Kinh phí');
    if (!ws) throw new Error('no budget sheet');
    let spentColumn = 0;
    let changed = false;
    ws.eachRow((row) => {
      row.eachCell((cell, col) => {
        if (typeof cell.value === 'string' && cell.value.startsWith('Đã thực hiện')) spentColumn = col;
        else if (!changed && spentColumn > 0 && col === spentColumn && typeof cell.value === 'number' && cell.value > 1) {
          cell.value = cell.value - 1;
          changed = true;
        }
      });
    });
    expect(changed).toBe(true);
    await wb.xlsx.writeFile(file);

    const second = await run('build', out);
    // The check report (same findings) is taken; the spending appendix and the report changed, and
    // the task appendix a person edited is rendered again and written beside it.
    expect(second.rendered.reused).toBe(1);
    expect(second.result.written.find((w) => w.name === 'kiem-tra.xlsx')?.unchanged).toBe(true);
    expect(second.result.written.find((w) => w.name === 'phu-luc-kinh-phi.xlsx')?.unchanged).toBe(false);
    expect(second.result.written.find((w) => w.name === 'phu-luc-nhiem-vu.xlsx')?.besideEdited).toBe(true);
    expect(Buffer.compare(await readFile(join(out, 'phu-luc-nhiem-vu.xlsx')), edited)).toBe(0);

    // Other code (another release): nothing is taken, even with the same inputs.
    const other = await run('build', out, { codeStamp: 'b'.repeat(64) });
    expect(other.rendered.reused).toBe(0);
    // No stamp (running from sources): nothing is taken, and no key is recorded.
    const none = await run('build', join(env.out, 'no-stamp'), { codeStamp: null });
    expect(none.rendered.reused).toBe(0);
    for (const entry of Object.values((await manifest(join(env.out, 'no-stamp'))).files)) expect(entry.renderKey).toBeUndefined();
  }, 60_000);

  it('a damaged output is rendered again, not taken', async () => {
    const out = join(env.out, 'damaged');
    await run('build', out);
    // A file changed on disk behind baocao's back (a sync tool, a disk error) whose record still says it is baocao's.
    const path = join(out, 'phu-luc-kinh-phi.xlsx');
    const bytes = await readFile(path);
    const last = bytes.byteLength - 1;
    bytes.writeUInt8(bytes.readUInt8(last) ^ 0xff, last);
    await writeFile(path, bytes);
    const again = await run('build', out);
    expect(again.result.written.find((w) => w.name === 'phu-luc-kinh-phi.xlsx')?.unchanged).toBe(false);
  }, 60_000);

  it('the sources have no stamp: only the bundle reuses across runs', async () => {
    expect(await codeStamp()).toBeNull();
  });
});
