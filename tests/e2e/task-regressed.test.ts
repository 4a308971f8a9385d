/**
 * In the 2026 round, Sở Nông nghiệp reports "Chưa thực hiện" for task 1.5 (due "Năm 2025"), which
 * it reported "Hoàn thành" in 2025: the report of 2026 would contradict the one of 2025. build
 * reads the 2025 round and says so at the status cell. A recurring task ("Hằng năm") starts again
 * each year: "Chưa thực hiện" in 2026 after "Hoàn thành" in 2025 is no contradiction.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_YEARS } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import { copyExample, type ExampleCopy } from './example-copy.js';
import { cli, hashFolder } from './helpers.js';

let env: ExampleCopy;

beforeAll(async () => {
  env = await copyExample();
});

afterAll(async () => {
  await env.cleanup();
});

describe('a task reported done last year, now not started', () => {
  it('is a warning at the status cell; a recurring task is not', async () => {
    const last = await cli('build', join(env.planDir, '2025'), '--out', join(env.out, '2025'));
    expect(last.code, last.out + last.err).toBe(0);
    const before = await hashFolder(join(env.out, '2025'));

    const roundDir = join(env.planDir, '2026');
    await mkdir(roundDir, { recursive: true });
    const formsDir = join(env.root, 'bieu-mau');
    const forms = await cli('forms', roundDir, '--out', formsDir);
    expect(forms.code, forms.out + forms.err).toBe(0);
    const name = (await readdir(formsDir)).find((f) => f.includes('so-nong-nghiep'));
    if (!name) throw new Error('no form for Sở Nông nghiệp');
    const tasks = [
      { id: '1.3', status: 'Đang thực hiện', result: 'Cử cán bộ tham gia đoàn công tác.' },
      { id: '1.5', status: 'Chưa thực hiện', result: 'Chưa tổ chức.' },
      { id: '2.1', status: 'Chưa thực hiện', result: 'Hội chợ năm 2026 tổ chức vào tháng 9.' },
      { id: '2.2', status: 'Đang thực hiện', result: 'Tiếp tục cấp mã số vùng trồng.' },
    ];
    await writeFile(join(roundDir, name), await fillForm(await readFile(join(formsDir, name)), { preparedBy: 'Cán bộ', preparedDate: new Date('2026-12-01'), tasks }, BG_YEARS, 2026));

    const r = await cli('build', roundDir, '--out', join(env.out, '2026'));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(
      /Cảnh báo Nhiệm vụ!\w+\d+: Nhiệm vụ 1\.5: tình trạng "Chưa thực hiện", nhưng chính cơ quan đã báo cáo "Hoàn thành" cho năm 2025 \(đợt "2025", tệp 02-so-nong-nghiep-va-phat-trien-nong-thon\.xlsx, ô Nhiệm vụ!\w+\d+\); báo cáo lần này sẽ nói ngược với báo cáo trước\./,
    );
    // 2.1 is "Hằng năm": done in 2025, not yet in 2026.
    expect(r.out).not.toMatch(/Nhiệm vụ 2\.1: tình trạng/);
    expect(await hashFolder(join(env.out, '2025'))).toEqual(before);
  }, 120_000);
});
