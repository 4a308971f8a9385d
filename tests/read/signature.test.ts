/**
 * The page looks at a round again when its signature changes: when an input changes, and when a
 * workbook is opened or closed in Excel (its lock file), but not for Excel's temporary files.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundSignature } from '../../src/read/workspace.js';

let plan: string;
let round: string;
beforeAll(async () => {
  plan = await mkdtemp(join(tmpdir(), 'baocao-signature-'));
  round = join(plan, '2025');
  await mkdir(round);
  await writeFile(join(plan, 'ke-hoach.xlsx'), 'plan');
  await writeFile(join(round, 'a.xlsx'), 'a');
});
afterAll(async () => {
  await rm(plan, { recursive: true, force: true });
});

describe('roundSignature', () => {
  it('changes when a workbook is opened or closed, or an input changes; not for a temporary file or a stray lock', async () => {
    const start = await roundSignature(plan, round);
    await writeFile(join(round, '~WRL0001.tmp'), 'x');
    await writeFile(join(round, '~$other.xlsx'), 'x');
    expect(await roundSignature(plan, round)).toBe(start);
    await writeFile(join(round, '~$a.xlsx'), 'x');
    const opened = await roundSignature(plan, round);
    expect(opened).not.toBe(start);
    await rm(join(round, '~$a.xlsx'));
    expect(await roundSignature(plan, round)).toBe(start);
    await writeFile(join(round, '.~lock.a.xlsx#'), 'x');
    expect(await roundSignature(plan, round)).not.toBe(start);
    await rm(join(round, '.~lock.a.xlsx#'));
    await writeFile(join(round, 'a.xlsx'), 'a, corrected');
    expect(await roundSignature(plan, round)).not.toBe(start);
  });
});
