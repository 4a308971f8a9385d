/**
 * The page's check view: a file gets the "send back a marked copy" button only when some of its
 * findings are for the agency to fix — not when the only thing said is that it is open in Excel here.
 */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/findings.js';
import type { FileStatus } from '../../src/model/submission.js';
import { emptyUploads } from '../../src/model/uploads.js';
import { checkView } from '../../src/serve/views.js';

const open = (file: string): Finding => finding({ file, code: 'file_open_elsewhere', message: `Tệp "${file}" đang được mở trong Excel (có tệp khóa "~$${file}" bên cạnh).` });
const text = (file: string): Finding => finding({ file, sheet: 'Kinh phí', cell: 'E5', code: 'value_not_number', message: 'Ô E5 ghi "12.5OO", không phải là số.' });

describe('checkView: which files offer a marked copy to send back', () => {
  it.each([
    { name: 'a.xlsx', findings: [], sendBack: false, why: 'no finding' },
    { name: 'b.xlsx', findings: [open('b.xlsx')], sendBack: false, why: 'only open in Excel here' },
    { name: 'c.xlsx', findings: [open('c.xlsx'), text('c.xlsx')], sendBack: true, why: 'open, and a cell to fix' },
    { name: 'd.xlsx', findings: [text('d.xlsx')], sendBack: true, why: 'a cell to fix' },
  ])('$name: $why', ({ name, findings, sendBack }) => {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const files: FileStatus[] = [{ file: name, agencyCode: null, state: errors > 0 ? 'excluded' : 'used', errors, warnings: findings.length - errors }];
    const view = checkView({ exitCode: errors > 0 ? 1 : 0, findings, written: [], messages: [], files }, null, emptyUploads(), new Date());
    expect(view.files.find((f) => f.file === name)?.sendBack).toBe(sendBack);
    expect(view.files.find((f) => f.file === name)?.findings).toHaveLength(findings.length);
  });
});
