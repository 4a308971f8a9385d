/**
 * `baocao build --pdf`: the report and appendices as PDF for digital signing.
 *
 * - With a stand-in for LibreOffice (a shell script, POSIX only): the PDFs go through the write
 *   stage (manifest, never over a person's edit, named after the file they were made from), each
 *   conversion has its own profile folder (in the vi-VN locale), nothing is left in the temporary
 *   folder, and a conversion that hangs is killed with everything it started.
 * - Without LibreOffice: a Vietnamese warning that says what to install, the Word and Excel
 *   files written all the same, the exit code of the data.
 * - With the real LibreOffice (skipped loudly when missing): every font embedded, the figures in
 *   the PDF's text, the number and date slots blank, as many pages as LibreOffice lays the .docx
 *   out in, PDF/A-2b with --pdf=a.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/run.js';
import { MANIFEST } from '../../src/write/index.js';
import { contentKey } from '../../src/write/content-key.js';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, findSoffice, findTool, pdfPageCount } from '../helpers/libreoffice.js';
import { copyExample, type ExampleCopy } from './example-copy.js';
import { cli } from './helpers.js';

const posix = process.platform !== 'win32';
let env: ExampleCopy;
let scratch: string;

beforeAll(async () => {
  env = await copyExample();
  scratch = await mkdtemp(join(tmpdir(), 'baocao-pdf-test-'));
});
afterAll(async () => {
  await env.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

/**
 * A stand-in for soffice: writes "<name>.pdf" into --outdir (with a Liberation Serif font entry),
 * and logs the profile folder it was given and whether that profile was set to vi-VN.
 */
async function fakeSoffice(dir: string, log: string): Promise<string> {
  const path = join(dir, 'soffice');
  await writeFile(
    path,
    `#!/bin/sh
out=""; prof=""; last=""; next=""
for a in "$@"; do
  if [ "$next" = "outdir" ]; then out="$a"; next=""; last="$a"; continue; fi
  case "$a" in
    --outdir) next=outdir ;;
    -env:UserInstallation=file://*) prof="\${a#-env:UserInstallation=file://}" ;;
  esac
  last="$a"
done
locale=no; grep -q '<value>vi-VN</value>' "$prof/user/registrymodifications.xcu" 2>/dev/null && locale=vi-VN
echo "$prof $locale $(basename "$last")" >> '${log}'
mkdir -p "$out"
name=$(basename "$last"); base="\${name%.*}"
now=$(date +%s%N)
printf '%%PDF-1.6\\n/BaseFont /ABCDEF+LiberationSerif\\n/CreationDate(D:%s)\\n/ID [ <%s> ]\\n%%%%EOF\\n' "$now" "$now" > "$out/$base.pdf"
`,
  );
  await chmod(path, 0o755);
  return path;
}

/** A stand-in for soffice that never finishes: it starts a child (as soffice.bin is) and waits; logs the child's pid. */
async function hangingSoffice(dir: string, pidFile: string): Promise<string> {
  const path = join(dir, 'soffice-hangs');
  await writeFile(path, `#!/bin/sh\nsleep 300 &\necho $! > '${pidFile}'\nwait\n`);
  await chmod(path, 0o755);
  return path;
}

/** Whether a process still runs (a zombie waiting for its parent counts as ended). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe.runIf(posix)('PDFs through the write stage (LibreOffice stood in for by a script)', () => {
  it('writes bao-cao.pdf and the appendices\' PDFs, recorded in the manifest, each conversion with a profile of its own, nothing left behind', async () => {
    const temp = join(scratch, 'tmp-1');
    const log = join(scratch, 'soffice-1.log');
    const soffice = await fakeSoffice(scratch, log);
    const out = join(env.out, '2025');
    const r = await runBuild(join(env.planDir, '2025'), { outDir: out, pdf: { standard: 'pdf', soffice, tempDir: temp } });
    expect(r.exitCode).toBe(0);
    expect(r.warnings ?? []).toEqual([]);
    const names = (await readdir(out)).filter((n) => n.endsWith('.pdf')).sort();
    expect(names).toEqual(['bao-cao.pdf', 'phu-luc-kinh-phi.pdf', 'phu-luc-nhiem-vu.pdf']);
    const manifest = JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as { files: Record<string, unknown> };
    for (const n of names) expect(manifest.files[n], n).toBeDefined();
    expect(r.written.map((w) => w.name)).toEqual(expect.arrayContaining(names));
    expect(r.messages.join('\n')).toContain('Bản PDF để ký số (3 tệp');

    const calls = (await readFile(log, 'utf8')).trim().split('\n').map((l) => l.split(' '));
    expect(calls.map((c) => c[2]).sort()).toEqual(['bao-cao.docx', 'phu-luc-kinh-phi.xlsx', 'phu-luc-nhiem-vu.xlsx']);
    expect(new Set(calls.map((c) => c[0])).size).toBe(3);
    expect(calls.every((c) => c[1] === 'vi-VN')).toBe(true);
    // Profiles and working copies are gone; no temporary file in the output folder either.
    expect(await readdir(temp)).toEqual([]);
    expect((await readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('makes one PDF of the estimate appendix, from the Word layout (the .xlsx holds the same table under the same name)', async () => {
    const log = join(scratch, 'soffice-2.log');
    const soffice = await fakeSoffice(scratch, log);
    const out = join(env.out, 'du-toan');
    const r = await runBuild(join(env.planDir, 'du-toan'), { outDir: out, pdf: { standard: 'pdf-a', soffice, tempDir: join(scratch, 'tmp-2') } });
    expect(r.exitCode).toBe(0);
    expect((await readdir(out)).filter((n) => n.endsWith('.pdf'))).toEqual(['phu-luc-du-toan.pdf']);
    expect((await readFile(log, 'utf8')).trim().split('\n').map((l) => l.split(' ')[2])).toEqual(['phu-luc-du-toan.docx']);
  });

  it('never writes over a PDF a person replaced (a signed copy); built again, the one copy beside it stays the only one', async () => {
    const soffice = await fakeSoffice(scratch, join(scratch, 'soffice-3.log'));
    const out = join(env.out, '2025');
    const signed = Buffer.from('%PDF-1.7 signed with a VGCA token');
    await writeFile(join(out, 'bao-cao.pdf'), signed);
    const build = () => runBuild(join(env.planDir, '2025'), { outDir: out, pdf: { standard: 'pdf', soffice, tempDir: join(scratch, 'tmp-3') } });
    const r = await build();
    expect(r.exitCode).toBe(0);
    expect(await readFile(join(out, 'bao-cao.pdf'))).toEqual(signed);
    const beside = (await readdir(out)).filter((n) => n.startsWith('bao-cao (ban moi '));
    expect(beside).toEqual([expect.stringMatching(/^bao-cao \(ban moi \d{8}-\d{6}\)\.pdf$/)]);
    expect(r.written.find((w) => w.name === 'bao-cao.pdf')).toMatchObject({ besideEdited: true, unchanged: false });
    // The same data again: the new PDF says what the copy says (its time of making aside), nothing new is written.
    await new Promise((done) => setTimeout(done, 1100));
    const again = await build();
    expect((await readdir(out)).filter((n) => n.startsWith('bao-cao (ban moi '))).toEqual(beside);
    expect(again.written.find((w) => w.name === 'bao-cao.pdf')).toMatchObject({ besideEdited: true, unchanged: true });
    expect(await readFile(join(out, 'bao-cao.pdf'))).toEqual(signed);
  });

  it('names the PDF of a report written beside an edited one after it', async () => {
    const soffice = await fakeSoffice(scratch, join(scratch, 'soffice-4.log'));
    const out = join(scratch, 'out-edited');
    const build = () => runBuild(join(env.planDir, '2025'), { outDir: out, pdf: { standard: 'pdf', soffice, tempDir: join(scratch, 'tmp-5') } });
    expect((await build()).exitCode).toBe(0);
    await writeFile(join(out, 'bao-cao.docx'), 'edited by a person');
    const r = await build();
    expect(r.exitCode).toBe(0);
    expect(await readFile(join(out, 'bao-cao.docx'), 'utf8')).toBe('edited by a person');
    const beside = (await readdir(out)).filter((n) => n.startsWith('bao-cao (ban moi '));
    const stamp = /\(ban moi ([^)]+)\)/.exec(beside[0] ?? '')?.[1];
    expect(beside.sort()).toEqual([`bao-cao (ban moi ${stamp}).docx`, `bao-cao (ban moi ${stamp}).pdf`]);
    expect(r.messages.join('\n')).toMatch(/bao-cao\.docx đã được sửa tay/);
  });

  it('tells a PDF made again from the same document from one that says something else (contentKey)', () => {
    const pdf = (text: string, when: string, id: string) =>
      new TextEncoder().encode(
        `%PDF-1.6\n(${text})\n/CreationDate(D:${when}Z')\n/ModDate(D:${when})\n/ID [ <${id}>\n<${id}> ]\n/DocChecksum /${id}\n` +
          `<xmp:CreateDate>${when}</xmp:CreateDate><xmpMM:DocumentID>uuid:${id}</xmpMM:DocumentID>\n%%EOF\n`,
      );
    const a = pdf('5.810.810', '20261205003947', 'DC51B37E');
    expect(contentKey(pdf('5.810.810', '20270101080000', 'AB12CD34'))).toBe(contentKey(a));
    expect(contentKey(pdf('5.910.710', '20261205003947', 'DC51B37E'))).not.toBe(contentKey(a));
  });

  it('kills a conversion that runs out of time with everything it started, warns, and still writes the Word and Excel files', async () => {
    const pidFile = join(scratch, 'child.pid');
    const soffice = await hangingSoffice(scratch, pidFile);
    const temp = join(scratch, 'tmp-4');
    const out = join(scratch, 'out-hang');
    const started = Date.now();
    const r = await runBuild(join(env.planDir, '2025'), { outDir: out, pdf: { standard: 'pdf', soffice, tempDir: temp, timeoutMs: 1500 } });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(out, 'bao-cao.docx'))).toBe(true);
    expect(existsSync(join(out, 'phu-luc-nhiem-vu.xlsx'))).toBe(true);
    expect((await readdir(out)).filter((n) => n.endsWith('.pdf'))).toEqual([]);
    expect(r.warnings?.[0]).toMatch(/^Cảnh báo: không tạo được bao-cao\.pdf từ bao-cao\.docx \(LibreOffice: quá 2 giây, đã dừng LibreOffice\)/);
    expect(r.warnings).toHaveLength(3);
    const child = Number(await readFile(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 300));
    expect(running(child), `the launcher's child ${child} still runs`).toBe(false);
    expect(await readdir(temp)).toEqual([]);
  }, 60_000);
});

describe('without LibreOffice', () => {
  it('says in Vietnamese what to install, writes the Word and Excel files, and keeps the exit code of the data', async () => {
    const out = join(scratch, 'out-no-lo');
    const r = await runBuild(join(env.planDir, '2025'), { outDir: out, pdf: { standard: 'pdf', soffice: false } });
    expect(r.exitCode).toBe(0);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings?.[0] ?? '';
    expect(w).toContain('chưa cài LibreOffice');
    expect(w).toContain('https://www.libreoffice.org/download/');
    expect(w).toContain('apt-get install libreoffice-writer-nogui libreoffice-calc-nogui');
    expect(w).toContain('các tệp Word, Excel đã được ghi đầy đủ');
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['bao-cao.docx', 'phu-luc-nhiem-vu.xlsx', 'phu-luc-kinh-phi.xlsx']));
    expect(files.filter((n) => n.endsWith('.pdf'))).toEqual([]);
  });

  it('the command line refuses a value of --pdf other than "a" (a folder written right after --pdf)', async () => {
    const r = await cli('build', '--pdf', join(env.planDir, '2025'));
    expect(r.code).toBe(2);
    expect(r.err).toContain("Lỗi: tùy chọn '--pdf [a]' không nhận giá trị");
    expect(r.err).toContain('baocao build input --pdf');
  });
});

const soffice = findSoffice();
const tools = { pdffonts: findTool('pdffonts'), pdftotext: findTool('pdftotext'), pdfinfo: findTool('pdfinfo') };
const realReady = soffice !== null && Object.values(tools).every((t) => t !== null);
if (!realReady) {
  console.warn(
    '\n!!! LibreOffice hoặc poppler-utils (pdffonts, pdftotext, pdfinfo) KHÔNG CÓ: bỏ qua kiểm tra bản PDF thật (tests/e2e/pdf.test.ts).\n' +
      `!!! Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`,
  );
}

/** pdffonts' rows: [name, embedded?]. */
function fonts(pdf: string): { name: string; emb: string }[] {
  const lines = execFileSync(tools.pdffonts ?? 'pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type [type…] encoding emb sub uni object ID: emb is the 5th column from the end.
    return { name: cols[0] ?? '', emb: cols[cols.length - 5] ?? '' };
  });
}

const text = (pdf: string, layout = false): string => execFileSync(tools.pdftotext ?? 'pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });

describe.skipIf(!realReady)('real PDFs from LibreOffice', () => {
  it('a growth round: every font embedded, the figures and the chart in the text, number and date blank, the Word layout\'s pages', async () => {
    const out = join(scratch, 'real-h1');
    const r = await cli('build', resolve('input/langson-tang-truong-2026/2026-H1'), '--out', out, '--pdf');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).not.toContain('Cảnh báo');
    const pdf = join(out, 'bao-cao.pdf');
    for (const file of [pdf, join(out, 'phu-luc-chi-tieu.pdf')]) {
      const used = fonts(file);
      expect(used.length, file).toBeGreaterThan(0);
      expect(used.filter((f) => f.emb !== 'yes'), file).toEqual([]);
      expect(used.some((f) => f.name.includes('LiberationSerif') || f.name.includes('TimesNewRoman')), file).toBe(true);
    }
    const words = text(pdf);
    expect(words).toContain('7,02%');
    for (const c of ['1,07', '1,75', '3,86', '0,34']) {
      // Once in the sentence, once as the chart's label: drawn, with the Vietnamese decimal comma.
      expect(words.split(c).length - 1, c).toBeGreaterThanOrEqual(2);
    }
    expect(words).toContain('Biểu đồ 1.');
    const layout = text(pdf, true);
    expect(layout).toMatch(/Số:\s+\/BC-UBND/);
    expect(layout).toMatch(/ngày\s+tháng\s+năm 2026/);
    // As many pages as LibreOffice lays the .docx out in (converted on its own here).
    const againDir = join(scratch, 'again');
    await mkdir(againDir, { recursive: true });
    const again = await convertToPdf(join(out, 'bao-cao.docx'), againDir);
    expect(pdfPageCount(pdf)).toBe(pdfPageCount(again));
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
  }, 240_000);

  it('--pdf=a writes PDF/A-2b (XMP pdfaid part 2, conformance B) with every font embedded and the totals in the text', async () => {
    const out = join(scratch, 'real-du-toan');
    const r = await cli('build', join(env.planDir, 'du-toan'), '--out', out, '--pdf=a');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('Bản PDF/A-2b để ký số');
    const pdf = join(out, 'phu-luc-du-toan.pdf');
    const raw = (await readFile(pdf)).toString('latin1');
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(fonts(pdf).filter((f) => f.emb !== 'yes')).toEqual([]);
    expect(text(pdf)).toContain('5.810.810');
  }, 240_000);
});
