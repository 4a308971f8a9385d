/**
 * The warm engine (watch, the page) keeps what it rendered: after a correction it re-renders only
 * the outputs whose inputs changed, and what it writes is exactly what a cold build of the
 * corrected round writes.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, isBuilt } from '../../src/engine/index.js';
import { loadXlsx } from '../e2e/helpers.js';
import { copyExample, type ExampleCopy } from '../e2e/example-copy.js';

let env: ExampleCopy;
beforeAll(async () => {
  env = await copyExample();
});
afterAll(async () => {
  await env.cleanup();
});

/** Every part of every output file, docProps/core.xml (its dates) and the change log (only a second build has one) aside. */
async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((n) => /\.(xlsx|docx)$/.test(n) && n !== 'thay-doi.xlsx').sort()) {
    const zip = await JSZip.loadAsync(await readFile(join(dir, name)));
    for (const [part, entry] of Object.entries(zip.files)) if (!entry.dir && part !== 'docProps/core.xml') out[`${name}:${part}`] = await entry.async('string');
  }
  return out;
}

describe('warm rebuild', () => {
  it('writes after a correction exactly what a cold build of the corrected round writes, reusing unchanged outputs', async () => {
    const roundDir = join(env.planDir, '2025');
    const warmOut = join(env.out, 'warm');
    const engine = createEngine(true);
    const first = await engine.build(env.planDir, roundDir, warmOut, { today: '2025-12-20' });
    if (!isBuilt(first)) throw new Error('plan not usable');
    const before = await contents(warmOut);
    const bytesBefore = await readFile(join(warmOut, 'phu-luc-nhiem-vu.xlsx'));

    // An agency corrects one spent figure of its budget sheet (the "Đã thực hiện" column).
    const file = join(roundDir, '05-bao-bac-giang.xlsx');
    const wb = await loadXlsx(file);
    const ws = wb.getWorksheet('Kinh phí');
    if (!ws) throw new Error('no budget sheet');
    let spentColumn = 0;
    let changed = '';
    ws.eachRow((row) => {
      row.eachCell((cell, col) => {
        if (typeof cell.value === 'string' && cell.value.startsWith('Đã thực hiện')) spentColumn = col;
        else if (!changed && spentColumn > 0 && col === spentColumn && typeof cell.value === 'number' && cell.value > 0) {
          cell.value = cell.value + 1234;
          changed = cell.address;
        }
      });
    });
    expect(changed).not.toBe('');
    await wb.xlsx.writeFile(file);

    const warm = await engine.build(env.planDir, roundDir, warmOut, { today: '2025-12-20' });
    const cold = await createEngine().build(env.planDir, roundDir, join(env.out, 'cold'), { today: '2025-12-20' });
    if (!isBuilt(warm) || !isBuilt(cold)) throw new Error('plan not usable');
    const after = await contents(warmOut);
    expect(after).toEqual(await contents(join(env.out, 'cold')));
    // The correction reached the spending appendix and the report …
    const spending = Object.keys(after).filter((k) => k.startsWith('phu-luc-kinh-phi.xlsx:') && after[k] !== before[k]);
    expect(spending.length).toBeGreaterThan(0);
    // … and the task appendix, whose inputs did not change, was not rendered again: same bytes.
    expect(Buffer.compare(await readFile(join(warmOut, 'phu-luc-nhiem-vu.xlsx')), bytesBefore)).toBe(0);
  }, 60_000);
});
