/**
 * A private copy of the shipped Bắc Giang example (input/bacgiang-namninh-2025-2028) in a temp
 * folder: real agency workbooks, instantly, for tests that change files between runs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BG_PLAN_ID } from '../../scripts/examples/bacgiang.js';

export interface ExampleCopy {
  readonly root: string;
  readonly planDir: string;
  readonly out: string;
  readonly cleanup: () => Promise<void>;
}

/** Copies the example plan with the given rounds ("du-toan", "2025"). */
export async function copyExample(): Promise<ExampleCopy> {
  const root = await mkdtemp(join(tmpdir(), 'baocao-inc-'));
  const planDir = join(root, 'input', BG_PLAN_ID);
  await cp(resolve('input', BG_PLAN_ID), planDir, { recursive: true });
  return { root, planDir, out: join(root, 'output'), cleanup: () => rm(root, { recursive: true, force: true }) };
}
