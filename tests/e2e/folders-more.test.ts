/**
 * More of issue 10 §2, §3 and §5 end to end, beside round-folders.test.ts and attachments.test.ts:
 * an earlier round renamed too (year-to-date figures still found), a whole plan of renamed rounds,
 * an estimate round named "Dự toán", refusals that write nothing, skipped folders that hold
 * workbooks (exit 2), sub-folders of a round, and attachments under --strict and --annotate.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
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

describe('every round of a plan named as people name them', () => {
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

  it('the same files, every workbook with the same cells, the report with the same text — 9 months added up from the renamed H1', async () => {
    const files = async (dir: string) => (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    expect(await files(outNamed)).toEqual(await files(outPlain));
    expect(await files(outNamed)).toEqual(expect.arrayContaining(['bao-cao.docx', 'phu-luc-chi-tieu.xlsx', 'kiem-tra.xlsx']));
    for (const name of (await readdir(outPlain)).filter((n) => n.endsWith('.xlsx'))) {
      expect(await cellsOf(join(outNamed, name)), name).toEqual(await cellsOf(join(outPlain, name)));
    }
    const text = await docxText(join(outNamed, 'bao-cao.docx'));
    expect(text).toBe(await docxText(join(outPlain, 'bao-cao.docx')));
    expect(text).toContain('báo cáo kết quả thực hiện quý III năm 2026');
    expect(text).toContain('Lũy kế 9 tháng năm 2026, GRDP ước tăng');
  });

  it('a build of the whole plan writes each round into a folder named as its input folder', async () => {
    const out = join(root, 'named', 'output-all');
    const r = await runBuild(named, { outDir: out, today: TODAY });
    expect(r.exitCode, r.messages.join('\n')).toBe(0);
    expect((await readdir(join(out, LS))).sort()).toEqual(['6 tháng đầu năm 2026', 'Quý III năm 2026']);
    expect(r.skipped).toEqual([]);
    expect(r.messages.join('\n')).toContain('Tổng hợp kế hoạch "langson-tang-truong-2026", quý III năm 2026:');
  }, 120_000);

  it('two folders of one period: the year-to-date figures come from the first by name, and staff are told', async () => {
    const both = await copyPlan('both', LS);
    await cp(join(both, '2026-H1'), join(both, '6 tháng đầu năm 2026'), { recursive: true });
    const r = await runBuild(join(both, '2026-Q3'), { outDir: join(root, 'both', 'out'), today: TODAY });
    expect(r.exitCode).toBe(0);
    expect(r.messages.join('\n')).toContain('Có hai thư mục đợt cùng kỳ 6 tháng đầu năm 2026: "2026-H1" và "6 tháng đầu năm 2026"; số lũy kế lấy từ "2026-H1".');
    expect(await docxText(join(root, 'both', 'out', 'bao-cao.docx'))).toBe(await docxText(join(outPlain, 'bao-cao.docx')));
  }, 120_000);
});

describe('an estimate round named "Dự toán"', () => {
  it('is the estimate round: progress forms are pre-filled from it, its appendix is the estimate appendix', async () => {
    const planDir = await copyPlan('du-toan-vn', BG_PLAN_ID);
    await rename(join(planDir, 'du-toan'), join(planDir, 'Dự toán'));
    const forms = await cli('forms', join(planDir, '2025'), '--out', join(root, 'du-toan-vn', 'forms'));
    expect(forms.code, forms.out + forms.err).toBe(0);
    expect(forms.out).toMatch(/Điền sẵn dự toán kinh phí của [1-9]\d* cơ quan từ đợt "Dự toán"\./);
    const out = join(root, 'du-toan-vn', 'out');
    const r = await runBuild(join(planDir, 'Dự toán'), { outDir: out, today: TODAY });
    expect(r.exitCode).toBe(0);
    expect(await docxText(join(out, 'phu-luc-du-toan.docx'))).toContain('Năm tỷ tám trăm mười triệu tám trăm mười nghìn đồng');
  }, 120_000);
});

describe('a round folder name baocao does not understand', () => {
  let roundDir: string;
  beforeAll(async () => {
    const planDir = await copyPlan('refuse', LS);
    roundDir = join(planDir, 'Dot bo sung');
    await mkdir(roundDir);
    await cp(join(planDir, '2026-Q3', '01-thong-ke-tinh-lang-son.xlsx'), join(roundDir, '01-thong-ke-tinh-lang-son.xlsx'));
  });

  it.each(['forms', 'check', 'build', 'status', 'watch'])('%s → exit 2 with the accepted names, and nothing written', async (cmd) => {
    const out = join(root, 'refuse', `out-${cmd}`);
    const r = await cli(cmd, roundDir, '--out', out);
    expect(r.code).toBe(2);
    const text = r.out + r.err;
    expect(text).toContain('Không hiểu tên thư mục đợt báo cáo "Dot bo sung"');
    for (const example of ['Năm 2026', '6 tháng đầu năm 2026', '9 tháng năm 2026', 'Quý III năm 2026', '2026-Q3', 'Tháng 7-2026', 'Du toan']) expect(text).toContain(example);
    expect(existsSync(out)).toBe(false);
  });

  it('--quiet and --json still carry the refusal', async () => {
    const quiet = await cli('check', roundDir, '--quiet');
    expect(quiet.code).toBe(2);
    expect(quiet.err).toContain('"Dot bo sung"');
    const json = await cli('build', roundDir, '--json', '--out', join(root, 'refuse', 'out-json'));
    expect(json.code).toBe(2);
    expect((JSON.parse(json.out) as { error: { message: string } }).error.message).toContain('"Dot bo sung"');
  });
});

describe('a run over plans: a passed-over folder that holds workbooks is data nobody read', () => {
  let input: string;
  let planDir: string;
  beforeAll(async () => {
    planDir = await copyPlan('skip', LS);
    input = join(root, 'skip', 'input');
    // A round under a name baocao does not understand, holding an agency's workbook.
    await mkdir(join(planDir, 'Dot bo sung'));
    await cp(join(planDir, '2026-Q3', '03-so-cong-thuong.xlsx'), join(planDir, 'Dot bo sung', '03-so-cong-thuong.xlsx'));
    // A folder of documents, and a forms folder baocao wrote.
    await mkdir(join(planDir, 'van ban'));
    await writeFile(join(planDir, 'van ban', 'ke hoach da ky.pdf'), pdf());
    await mkdir(join(planDir, 'bieu-mau'));
    // A plan folder without ke-hoach.xlsx, with a round of workbooks one level down.
    await mkdir(join(input, 'ke hoach moi', '2026'), { recursive: true });
    await cp(join(planDir, '2026-Q3', '05-so-xay-dung.xlsx'), join(input, 'ke hoach moi', '2026', '05-so-xay-dung.xlsx'));
  });

  it('build <plan>: the rounds are built; each folder is named with the reason, those holding workbooks marked ✗; exit 2', async () => {
    const out = join(root, 'skip', 'output');
    const r = await runBuild(planDir, { outDir: out, today: TODAY });
    const text = r.messages.join('\n');
    expect(r.exitCode, text).toBe(2);
    expect(existsSync(join(out, LS, '2026-Q3', 'bao-cao.docx'))).toBe(true);
    expect(existsSync(join(out, LS, '2026-H1', 'bao-cao.docx'))).toBe(true);
    expect(text).toContain('Đã bỏ qua 3 thư mục:');
    expect(text).toMatch(/✗ .*Dot bo sung: tên thư mục không cho biết kỳ báo cáo .*; 1 tệp Excel trong đó CHƯA được kiểm tra, tổng hợp\./);
    expect(text).toMatch(/- .*van ban: tên thư mục không cho biết kỳ báo cáo/);
    expect(text).toMatch(/- .*bieu-mau: thư mục do baocao tạo/);
    expect(text).toContain('Có 1 thư mục chứa tệp Excel chưa được đọc (đánh dấu ✗): mã thoát 2.');
    expect(r.findings.filter((f) => f.code === 'folder_skipped').map((f) => [f.file.replace(/\\/g, '/').split('/').slice(-2).join('/'), f.severity])).toEqual([['Dot bo sung/', 'error']]);
  }, 120_000);

  it('build --json carries the count of unread workbooks', async () => {
    const r = await cli('build', planDir, '--out', join(root, 'skip', 'output'), '--json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as { exitCode: number; skipped: { path: string; workbooks: number }[] };
    expect(json.exitCode).toBe(2);
    expect(json.skipped.map((s) => [s.path.split(/[\\/]/).pop(), s.workbooks])).toEqual([
      ['bieu-mau', 0],
      ['Dot bo sung', 1],
      ['van ban', 0],
    ]);
  }, 120_000);

  it('check <folder of plans>: a plan folder without ke-hoach.xlsx holding workbooks is named, exit 2', async () => {
    const r = await cli('check', input, '--out', join(root, 'skip', 'output-check'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/✗ .*ke hoach moi: không có tệp ke-hoach\.xlsx .*; 1 tệp Excel trong đó CHƯA được kiểm tra, tổng hợp\./);
    expect(r.out).toContain('Kiểm tra kế hoạch "langson-tang-truong-2026", quý III năm 2026:');
    expect(existsSync(join(root, 'skip', 'output-check', LS, '2026-Q3', 'kiem-tra.xlsx'))).toBe(true);
  }, 120_000);
});

describe('a round folder with attachments and sub-folders', () => {
  let roundDir: string;
  let baseline: Awaited<ReturnType<typeof runBuild>>;
  const ATTACHED = ['Cong van 15-SNV (da ky).pdf', 'To trinh.docx', 'anh chup.jpg', 'ho so kem theo.zip', 'thu cua So Tai chinh.eml'];

  beforeAll(async () => {
    const planDir = await copyPlan('attach', BG_PLAN_ID);
    roundDir = join(planDir, 'du-toan');
    baseline = await runBuild(roundDir, { outDir: join(root, 'attach', 'out-before'), today: TODAY });
    await writeFile(join(roundDir, ATTACHED[0] as string), pdf());
    await writeFile(join(roundDir, ATTACHED[1] as string), await docx());
    await writeFile(join(roundDir, ATTACHED[2] as string), jpeg());
    await writeFile(join(roundDir, ATTACHED[3] as string), zipOf({ 'cong van.pdf': pdf(), 'anh.jpg': jpeg() }));
    await writeFile(join(roundDir, ATTACHED[4] as string), eml());
    // An old copy kept in a sub-folder of the round, and a folder of scans.
    const first = (await readdir(roundDir)).find((n) => n.endsWith('.xlsx')) as string;
    await mkdir(join(roundDir, 'ban cu'));
    await cp(join(roundDir, first), join(roundDir, 'ban cu', first));
    await mkdir(join(roundDir, 'scan'));
    await writeFile(join(roundDir, 'scan', 'trang 1.jpg'), jpeg());
  }, 120_000);

  it('build --strict still builds; the estimate appendix is the one built from the workbooks alone', async () => {
    const out = join(root, 'attach', 'out-after');
    const r = await runBuild(roundDir, { outDir: out, today: TODAY, strict: true });
    expect(r.exitCode).toBe(baseline.exitCode);
    expect(r.findings.filter((f) => f.code === 'attachment').map((f) => f.file).sort()).toEqual([...ATTACHED].sort());
    expect(await cellsOf(join(out, 'phu-luc-du-toan.xlsx'))).toEqual(await cellsOf(join(root, 'attach', 'out-before', 'phu-luc-du-toan.xlsx')));
  }, 120_000);

  it('sub-folders are named: a warning at the folder when it holds workbooks, a line otherwise; the exit code is unchanged', async () => {
    const r = await runCheck(roundDir, { outDir: join(root, 'attach', 'out-nested') });
    expect(r.exitCode).toBe(0);
    expect(r.findings.filter((f) => f.code === 'folder_skipped').map((f) => [f.file, f.severity])).toEqual([['ban cu/', 'warning']]);
    const text = r.messages.join('\n');
    expect(text).toMatch(/Thư mục con "ban cu" không được đọc: baocao chỉ đọc các tệp nằm ngay trong thư mục đợt, không đọc thư mục con; 1 tệp Excel trong đó chưa được kiểm tra/);
    expect(text).toContain('Thư mục con "scan" không được đọc (không có tệp Excel)');
  }, 120_000);

  it('check --annotate makes no copy of an attachment; --json lists them with severity info', async () => {
    const out = join(root, 'attach', 'out-json');
    const r = await cli('check', roundDir, '--out', out, '--json', '--annotate');
    const findings = JSON.parse(r.out) as { file: string; severity: string; code: string }[];
    for (const name of ATTACHED) expect(findings).toContainEqual(expect.objectContaining({ file: name, severity: 'info', code: 'attachment' }));
    const sentBack = existsSync(join(out, 'tra-lai')) ? await readdir(join(out, 'tra-lai')) : [];
    for (const name of ATTACHED) expect(sentBack).not.toContain(name);
  }, 120_000);

  it('a zip holding workbooks over the size limit is still named as such (read from its central directory)', async () => {
    const inner = await readFile(join(roundDir, (await readdir(roundDir)).find((n) => n.endsWith('.xlsx')) as string));
    // Over the 1 MiB limit set here: photos do not compress.
    await writeFile(join(roundDir, 'bao cao nop qua mail.zip'), zipOf({ 'So Y te - du toan.xlsx': inner, 'anh.jpg': randomBytes(1_500_000) }));
    const r = await runCheck(roundDir, { outDir: join(root, 'attach', 'out-zip'), read: { maxBytes: 1024 * 1024 } });
    expect(r.exitCode).toBe(1);
    const f = r.findings.find((x) => x.file === 'bao cao nop qua mail.zip');
    expect(f?.code).toBe('archive_has_workbooks');
    expect(f?.message).toContain('("So Y te - du toan.xlsx")');
    await rm(join(roundDir, 'bao cao nop qua mail.zip'));
  }, 120_000);
});
