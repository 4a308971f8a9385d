/**
 * The page's writes (uploads, a replaced plan) leave no temporary file when the disk fails
 * half-way (a full disk while writing), and never touch an existing file.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errnoError, writeFaults } from '../../src/write/fs.js';
import { writeNewFile } from '../../src/write/index.js';

const dirs: string[] = [];
afterEach(async () => {
  writeFaults.inject = null;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'baocao-ws-'));
  dirs.push(d);
  return d;
}

describe('writeNewFile (uploads)', () => {
  it.each(['open', 'write'] as const)('leaves nothing behind when %s fails with a full disk', async (step) => {
    const dir = await scratch();
    writeFaults.inject = (s, path) => {
      if (s === step) throw errnoError('ENOSPC', s, path);
    };
    await expect(writeNewFile(dir, () => 'SCT.xlsx', new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes the next free name and keeps the existing file', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'SCT.xlsx'), 'cũ');
    const name = await writeNewFile(dir, (taken) => (taken.includes('SCT.xlsx') ? 'SCT (2).xlsx' : 'SCT.xlsx'), new Uint8Array([1]));
    expect(name).toBe('SCT (2).xlsx');
    expect(await readFile(join(dir, 'SCT.xlsx'), 'utf8')).toBe('cũ');
    expect((await readdir(dir)).sort()).toEqual(['SCT (2).xlsx', 'SCT.xlsx']);
  });
});
