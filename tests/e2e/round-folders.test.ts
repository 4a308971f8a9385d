/**
 * Round folders named as people name them, folders a run skips, and attachments — end to end
 * through the run functions and the CLI, on copies of the shipped examples.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID } from '../../scripts/examples/bacgiang.js';
import { runBuild, runCheck } from '../../src/run.js';
import { docx, eml, jpeg, pdf, zipOf } from '../fixtures/documents.js';
import { cli, docxText, loadXlsx } from './helpers.js';

const LS = 'langson-tang-truong-2026';
const TODAY = '2026-10-20';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baocao-folders-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A private copy of a shipped plan under <root>/<name>/input/<plan>. */
async function copyPlan(name: string, plan: string): Promise<string> {
  const dir = join(root, name, 'input', plan);
  await cp(resolve('input', plan), dir, { recursive: true });
  return dir;
}

/** Every cell value of every sheet, for comparing two workbooks. */
async function cellsOf(path: string): Promise<Record<string, unknown>> {
  const wb = await loadXlsx(path);
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out[`${ws.name}!${r}:${c}`] = cell.value;
      });
    });
  }
  return out;
}

describe('a round folder named "Quý III năm 2026" gives the same report and appendices as 2026-Q3', () => {
  let plain: string;
  let named: string;
  let outPlain: string;
  let outNamed: string;

  beforeAll(async () => {
    plain = await copyPlan('plain', LS);
    named = await copyPlan('named', LS);
    // The earlier round is renamed too: the 9-month figures must still be added up from it.
    await rename(join(named, '2026-Q3'), join(named, 'Quý III năm 2026'));
    await rename(join(named, '2026-H1'), join(named, '6 tháng đầu năm 2026'));
    outPlain = join(root, 'plain', 'output', LS, '2026-Q3');
    outNamed = join(root, 'named', 'output', LS, 'Quý III năm 2026');
    const a = await runBuild(join(plain, '2026-Q3'), { outDir: outPlain, today: TODAY });
    const b = await runBuild(join(named, 'Quý III năm 2026'), { outDir: outNamed, today: TODAY });
    expect(a.exitCode, a.messages.join('\n')).toBe(0);
    expect(b.exitCode, b.messages.join('\n')).toBe(0);
  }, 120_000);

  it('writes the same files, with the indicator appendix', async () => {
    const files = async (dir: string) => (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    expect(await files(outNamed)).toEqual(await files(outPlain));
    expect(await files(outNamed)).toEqual(expect.arrayContaining(['bao-cao.docx', 'phu-luc-chi-tieu.xlsx', 'kiem-tra.xlsx']));
  });

  it('every appendix and check workbook has the same cells', async () => {
    for (const name of (await readdir(outPlain)).filter((n) => n.endsWith('.xlsx'))) {
      expect(await cellsOf(join(outNamed, name)), name).toEqual(await cellsOf(join(outPlain, name)));
    }
  });

  it('the report has the same text, names the period in words and adds up 9 months from the renamed earlier round', async () => {
    const text = await docxText(join(outNamed, 'bao-cao.docx'));
    expect(text).toBe(await docxText(join(outPlain, 'bao-cao.docx')));
    expect(text).toContain('báo cáo kết quả thực hiện quý III năm 2026');
    expect(text).toContain('Lũy kế 9 tháng năm 2026, GRDP ước tăng');
    expect(text).not.toContain('quý III/2026');
  });

  it('a build of the whole plan writes each round into a folder named as its input folder', async () => {
    const out = join(root, 'named', 'output-all');
    const r = await runBuild(named, { outDir: out, today: TODAY });
    expect(r.exitCode, r.messages.join('\n')).toBe(0);
    expect((await readdir(join(out, LS))).sort()).toEqual(['6 tháng đầu năm 2026', 'Quý III năm 2026']);
    expect(r.skipped).toEqual([]);
    expect(r.messages.join('\n')).toContain('Tổng hợp kế hoạch "langson-tang-truong-2026", quý III năm 2026:');
  }, 120_000);
});

describe('an estimate round named "Dự toán"', () => {
  it('is the estimate round: progress forms are pre-filled from it, its appendix is the estimate appendix', async () => {
    const planDir = await copyPlan('du-toan-vn', BG_PLAN_ID);
    await rename(join(planDir, 'du-toan'), join(planDir, 'Dự toán'));
    const forms = await cli('forms', join(planDir, '2025'), '--out', join(root, 'du-toan-vn', 'forms'));
    expect(forms.code, forms.out + forms.err).toBe(0);
    expect(forms.out).toMatch(/Điền sẵn dự toán kinh phí của [1-9]\d* cơ quan từ đợt "Dự toán"\./);
    expect(forms.out).toContain('cho đợt năm 2025');
    const out = join(root, 'du-toan-vn', 'out');
    const r = await runBuild(join(planDir, 'Dự toán'), { outDir: out, today: TODAY });
    expect(r.exitCode).toBe(0);
    expect(await docxText(join(out, 'phu-luc-du-toan.docx'))).toContain('Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng');
  }, 120_000);
});

describe('a round folder name baocao does not understand is refused aloud', () => {
  let planDir: string;
  let roundDir: string;
  beforeAll(async () => {
    planDir = await copyPlan('refuse', LS);
    roundDir = join(planDir, 'Dot bo sung');
    await mkdir(roundDir);
    await cp(join(planDir, '2026-Q3', '01-thong-ke-tinh-lang-son.xlsx'), join(roundDir, '01-thong-ke-tinh-lang-son.xlsx'));
  });

  it.each(['forms', 'check', 'build', 'status', 'watch'])('%s → exit 2, naming the folder and the accepted forms; nothing written', async (cmd) => {
    const out = join(root, 'refuse', `out-${cmd}`);
    const r = await cli(cmd, roundDir, '--out', out);
    expect(r.code).toBe(2);
    const text = r.out + r.err;
    expect(text).toContain('Không hiểu tên thư mục đợt báo cáo "Dot bo sung"');
    for (const example of ['"du-toan"', '"Năm 2026"', '"6 tháng đầu năm 2026"', '"9 tháng năm 2026"', '"Quý III năm 2026"', '"2026-Q3"', '"Tháng 7-2026"']) {
      expect(text).toContain(example);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('--quiet still prints the refusal', async () => {
    const r = await cli('check', roundDir, '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('"Dot bo sung"');
  });
});

describe('build and check of a plan or a folder of plans list every sub-folder they skipped, and why', () => {
  let input: string;
  let planDir: string;
  let out: string;
  beforeAll(async () => {
    planDir = await copyPlan('skip', LS);
    input = join(root, 'skip', 'input');
    out = join(root, 'skip', 'output');
    // A round under a name baocao does not understand, holding an agency's workbook.
    await mkdir(join(planDir, 'Dot bo sung'));
    await cp(join(planDir, '2026-Q3', '03-so-cong-thuong.xlsx'), join(planDir, 'Dot bo sung', '03-so-cong-thuong.xlsx'));
    // A folder of documents, and folders baocao writes or hides.
    await mkdir(join(planDir, 'van ban'));
    await writeFile(join(planDir, 'van ban', 'ke hoach da ky.pdf'), pdf());
    await mkdir(join(planDir, 'bieu-mau'));
    await mkdir(join(planDir, '.baocao-cache'));
    // A plan folder without ke-hoach.xlsx, with a round of workbooks.
    await mkdir(join(input, 'ke hoach moi', '2026'), { recursive: true });
    await cp(join(planDir, '2026-Q3', '05-so-xay-dung.xlsx'), join(input, 'ke hoach moi', '2026', '05-so-xay-dung.xlsx'));
  });

  it('build <plan>: the rounds are built, the skipped folders are named with the reason; unread workbooks → exit 2', async () => {
    const r = await runBuild(planDir, { outDir: out, today: TODAY });
    const text = r.messages.join('\n');
    expect(r.exitCode, text).toBe(2);
    expect(existsSync(join(out, LS, '2026-Q3', 'bao-cao.docx'))).toBe(true);
    expect(existsSync(join(out, LS, '2026-H1', 'bao-cao.docx'))).toBe(true);
    expect(text).toMatch(/Các thư mục không được kiểm tra, lập báo cáo \(4\):/);
    expect(text).toMatch(/✗ .*Dot bo sung\/: tên thư mục "Dot bo sung" không phải tên đợt báo cáo mà baocao hiểu được; trong đó có 1 tệp Excel CHƯA được kiểm tra, tổng hợp\. Đổi tên thư mục/);
    expect(text).toMatch(/· .*van ban\/: tên thư mục "van ban" không phải tên đợt báo cáo/);
    expect(text).toMatch(/· .*bieu-mau\/: thư mục do baocao tạo/);
    expect(text).toMatch(/· .*\.baocao-cache\/: thư mục ẩn/);
    expect(r.skipped?.map((s) => [s.reason, s.workbooks])).toEqual([
      ['hidden', 0],
      ['output', 0],
      ['not-round', 1],
      ['not-round', 0],
    ]);
  }, 120_000);

  it('build --json carries the skipped folders and their findings', async () => {
    const r = await cli('build', planDir, '--out', out, '--json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as { exitCode: number; skipped: { path: string; reason: string; workbooks: number }[]; findings: { file: string; code: string; severity: string; message: string }[] };
    expect(json.exitCode).toBe(2);
    expect(json.skipped.find((s) => s.path.endsWith('Dot bo sung'))).toMatchObject({ reason: 'not-round', workbooks: 1 });
    const f = json.findings.find((x) => x.code === 'folder_skipped' && x.file.includes('Dot bo sung'));
    expect(f).toMatchObject({ severity: 'error' });
    expect(f?.message).toContain('Đổi tên thư mục');
    expect(json.findings.find((x) => x.code === 'folder_skipped' && x.file.includes('van ban'))?.severity).toBe('warning');
  }, 120_000);

  it('a skipped folder without workbooks is listed but does not change the exit code', async () => {
    const only = await copyPlan('skip-docs', LS);
    await mkdir(join(only, 'van ban'));
    await writeFile(join(only, 'van ban', 'ke hoach da ky.pdf'), pdf());
    const r = await runCheck(only, { outDir: join(root, 'skip-docs', 'output') });
    expect(r.exitCode, r.messages.join('\n')).toBe(0);
    expect(r.messages.join('\n')).toMatch(/· .*van ban\/: tên thư mục "van ban" không phải tên đợt báo cáo/);
  }, 120_000);

  it('build <folder of plans>: a plan folder without ke-hoach.xlsx is named, and its workbooks make the exit code 2', async () => {
    const r = await cli('build', input, '--out', join(root, 'skip', 'output-root'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/✗ .*ke hoach moi\/: không có tệp ke-hoach\.xlsx nên không phải thư mục kế hoạch; trong đó có 1 tệp Excel CHƯA được kiểm tra/);
    expect(r.out).toMatch(/Dot bo sung\/: tên thư mục/);
    expect(existsSync(join(root, 'skip', 'output-root', LS, '2026-Q3', 'bao-cao.docx'))).toBe(true);
  }, 120_000);

  it('check <folder of plans> checks every round and names the same folders', async () => {
    const r = await cli('check', input, '--out', join(root, 'skip', 'output-check'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('Kiểm tra kế hoạch "langson-tang-truong-2026", quý III năm 2026:');
    expect(r.out).toContain('Kiểm tra kế hoạch "langson-tang-truong-2026", 6 tháng đầu năm 2026:');
    expect(r.out).toMatch(/ke hoach moi\/: không có tệp ke-hoach\.xlsx/);
    expect(existsSync(join(root, 'skip', 'output-check', LS, '2026-Q3', 'kiem-tra.xlsx'))).toBe(true);
  }, 120_000);
});

describe('attachments in a round folder are listed, never errors', () => {
  let planDir: string;
  let roundDir: string;
  let baseline: Awaited<ReturnType<typeof runCheck>>;
  const ATTACHED = ['Cong van 15-SNV (da ky).pdf', 'To trinh.docx', 'anh chup.jpg', 'ghi chu.txt', 'ho so kem theo.zip', 'thu cua So Tai chinh.eml'];

  beforeAll(async () => {
    planDir = await copyPlan('attach', BG_PLAN_ID);
    roundDir = join(planDir, 'du-toan');
    baseline = await runBuild(roundDir, { outDir: join(root, 'attach', 'out-before'), today: TODAY });
    await writeFile(join(roundDir, ATTACHED[0] as string), pdf());
    await writeFile(join(roundDir, ATTACHED[1] as string), await docx());
    await writeFile(join(roundDir, ATTACHED[2] as string), jpeg());
    await writeFile(join(roundDir, ATTACHED[3] as string), 'Sở Y tế hẹn gửi bổ sung.');
    await writeFile(join(roundDir, ATTACHED[4] as string), zipOf({ 'cong van.pdf': pdf(), 'anh.jpg': jpeg() }));
    await writeFile(join(roundDir, ATTACHED[5] as string), eml());
    // An old copy kept in a sub-folder of the round, and a folder of scans.
    const first = (await readdir(roundDir)).find((n) => n.endsWith('.xlsx')) as string;
    await mkdir(join(roundDir, 'ban cu'));
    await cp(join(roundDir, first), join(roundDir, 'ban cu', first));
    await mkdir(join(roundDir, 'scan'));
    await writeFile(join(roundDir, 'scan', 'trang 1.jpg'), jpeg());
  }, 120_000);

  it('check: same exit code as without them, the summary lists them as tệp kèm theo', async () => {
    const r = await cli('check', roundDir, '--out', join(root, 'attach', 'out-check'));
    expect(r.code).toBe(baseline.exitCode);
    expect(r.out).toContain('6 tệp kèm theo (không phải lỗi)');
    expect(r.out).toMatch(/Tệp kèm theo \(không phải bảng số liệu nên không đọc; không phải lỗi\): 6 tệp/);
    expect(r.out).toMatch(/· Cong van 15-SNV \(da ky\)\.pdf — tệp PDF/);
    expect(r.out).toMatch(/· To trinh\.docx — văn bản Word \(\.docx\)/);
    expect(r.out).not.toMatch(/✗ (Cong van|To trinh|anh chup|ghi chu|ho so|thu cua)/);
  }, 120_000);

  it('sub-folders of the round are named: a warning when they hold workbooks (not read), a note otherwise', async () => {
    const r = await runCheck(roundDir, { outDir: join(root, 'attach', 'out-nested') });
    expect(r.exitCode).toBe(baseline.exitCode);
    const nested = r.findings.filter((f) => f.code === 'folder_skipped').map((f) => [f.file, f.severity]);
    expect(nested).toEqual([
      ['ban cu/', 'warning'],
      ['scan/', 'info'],
    ]);
    expect(r.messages.join('\n')).toMatch(/ban cu\/:\n\s+Cảnh báo Thư mục "ban cu" không được đọc: baocao chỉ đọc các tệp nằm ngay trong thư mục đợt, không đọc thư mục con; trong đó có 1 tệp Excel/);
  }, 120_000);

  it('kiem-tra.xlsx lists each attachment as such (summary row and an info line), and counts them apart', async () => {
    const wb = await loadXlsx(join(root, 'attach', 'out-check', 'kiem-tra.xlsx'));
    const summary = wb.worksheets[0];
    expect(String(summary?.getCell('A2').value)).toMatch(/lỗi: \d+; cảnh báo: \d+; tệp kèm theo \(không phải lỗi\): 6\./);
    const statusOf = new Map<string, string>();
    summary?.eachRow((row) => statusOf.set(String(row.getCell(1).value), String(row.getCell(3).value)));
    for (const name of ATTACHED) expect(statusOf.get(name), name).toMatch(/^Tệp kèm theo/);
    const details = wb.worksheets[1];
    const rows: string[][] = [];
    details?.eachRow((row) => rows.push([String(row.getCell(2).value), String(row.getCell(5).value), String(row.getCell(6).value)]));
    for (const name of ATTACHED) expect(rows).toContainEqual([name, 'Thông tin', 'file_attachment']);
  });

  it('the estimate appendix is the one built from the workbooks alone; --strict still builds', async () => {
    const out = join(root, 'attach', 'out-after');
    const r = await runBuild(roundDir, { outDir: out, today: TODAY, strict: true });
    expect(r.exitCode).toBe(baseline.exitCode);
    expect(await cellsOf(join(out, 'phu-luc-du-toan.xlsx'))).toEqual(await cellsOf(join(root, 'attach', 'out-before', 'phu-luc-du-toan.xlsx')));
    expect(await docxText(join(out, 'phu-luc-du-toan.docx'))).toBe(await docxText(join(root, 'attach', 'out-before', 'phu-luc-du-toan.docx')));
  }, 120_000);

  it('check --json gives them severity info; --annotate makes no copy of them', async () => {
    const out = join(root, 'attach', 'out-json');
    const r = await cli('check', roundDir, '--out', out, '--json', '--annotate');
    const findings = JSON.parse(r.out) as { file: string; severity: string; code: string }[];
    for (const name of ATTACHED) expect(findings).toContainEqual(expect.objectContaining({ file: name, severity: 'info', code: 'file_attachment' }));
    const sentBack = existsSync(join(out, 'tra-lai')) ? await readdir(join(out, 'tra-lai')) : [];
    for (const name of ATTACHED) expect(sentBack).not.toContain(name);
  }, 120_000);

  it('a zip holding workbooks is an error that names them and says to unpack it', async () => {
    const inner = await readFile(join(roundDir, (await readdir(roundDir)).find((n) => n.endsWith('.xlsx')) as string));
    await writeFile(join(roundDir, 'bao cao nop qua mail.zip'), zipOf({ 'So Y te - du toan.xlsx': inner }));
    const r = await cli('check', roundDir, '--out', join(root, 'attach', 'out-zip'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Tệp nén "bao cao nop qua mail\.zip" chứa 1 bảng tính Excel \("So Y te - du toan\.xlsx"\)/);
    expect(r.out).toMatch(/Giải nén tệp \.zip/);
  }, 120_000);
});
