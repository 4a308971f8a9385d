/**
 * `baocao templates fields` (issue 14): staff see every field and helper a report template can
 * use, in Vietnamese, with an example value; `--json` gives the same list to scripts.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('baocao templates fields', () => {
  it('lists the fields in Vietnamese with their type and an example, and the helpers', async () => {
    const r = await cli('templates', 'fields');
    expect(r.code).toBe(0);
    expect(r.out).toContain('period (văn bản) — Kỳ báo cáo bằng chữ. Ví dụ: quý III năm 2026');
    expect(r.out).toMatch(/^ {4}fields\[\]\.tasks\[\]\.id \(văn bản\) — Số hiệu nhiệm vụ\. Ví dụ: 1\.2$/m);
    expect(r.out).toContain('{{tien x}} — số tiền; 0 thành "-"');
    expect(r.out).not.toMatch(/undefined|\.\.$/m);
  });

  it('gives the list as JSON with --json', async () => {
    const r = await cli('templates', 'fields', '--json');
    expect(r.code).toBe(0);
    const fields = JSON.parse(r.out) as { path: string; type: string; description: string; example: string }[];
    expect(fields.find((f) => f.path === 'budget.rate')).toMatchObject({ type: 'văn bản', example: '40,37' });
  });

  it('has Vietnamese help', async () => {
    const r = await cli('templates', '--help');
    expect(r.out).toContain('Cách dùng: baocao templates');
    expect(r.out).toContain('fields');
  });
});
