/**
 * Hostile content through whole builds (issue 10 §8): every agency of the seed plan sends its form
 * with Excel's escaped control characters ("_x0001_", "_x0000_", "_x0008_"), lone surrogates,
 * 40.000-character texts, figures such as 1e308 (mutate.ts hostileMutant). Both rounds build; no
 * output part holds a character XML refuses; every .docx opens in LibreOffice (before: "source
 * file could not be loaded" while build said 0 errors). Without LibreOffice the open check is
 * skipped loudly (and fails on CI), never passed silently.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, BG_YEARS, bgBudget, bgPlan, bgProgress2025, bgSpent2025 } from '../../scripts/examples/bacgiang.js';
import { fillForm } from '../../scripts/examples/fill.js';
import type { Finding } from '../../src/findings.js';
import { runBuild, runForms, type RunResult } from '../../src/run.js';
import { tempPlan } from '../e2e/helpers.js';
import { LIBREOFFICE_INSTALL_HINT, convertToPdf, findSoffice } from '../helpers/libreoffice.js';
import { HOSTILE_TEXTS, RAW_INVALID_XML, hostileMutant, prng, unzipParts, zipParts, type Part } from './mutate.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_712) + 11;
const READ = { checkInProgress: false, soffice: false as const };
const years = [...BG_YEARS];
const soffice = findSoffice();
const onCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

if (soffice === null && !onCi) {
  console.warn(
    '\n!!! LibreOffice (soffice) KHÔNG CÓ: bỏ qua việc mở các .docx của bản dựng có nội dung độc hại (tests/robustness/hostile-build.test.ts).\n' +
      `!!! Cài đặt: ${LIBREOFFICE_INSTALL_HINT}\n`,
  );
}

/** Every text of the workbook gets `hostile` appended (as Excel escapes it): only warnings, so the file is still used. */
function everyText(parts: readonly Part[], hostile: string): Buffer {
  return zipParts(
    parts.map((p) =>
      p.name === 'xl/sharedStrings.xml' ? { name: p.name, data: Buffer.from(p.data.toString('utf8').replace(/(<t(?: [^>]*)?>)([^<]+)(<\/t>)/g, `$1$2${hostile}$3`), 'utf8') } : p,
    ),
  );
}

/** The hostile version of agency k's form: most get escaped characters in every text, every third a random hostile mutant. */
function hostile(bytes: Buffer, k: number, rng: () => number): { bytes: Uint8Array; label: string } {
  const parts = unzipParts(bytes);
  if (k % 3 === 2) {
    const m = hostileMutant(rng, parts);
    return { bytes: m.bytes, label: m.label };
  }
  const text = ['_x0001_', '_x0000__x0008_', '_xD800_', '_x001F__xFFFF_'][k % 4] ?? '_x0001_';
  return { bytes: everyText(parts, text), label: `every text + ${text}` };
}

interface Round {
  readonly id: string;
  readonly dir: string;
  readonly out: string;
  result?: RunResult;
  readonly labels: Map<string, string>;
}

let env: Awaited<ReturnType<typeof tempPlan>>;
const rounds: Round[] = [];

async function formsOf(round: Round): Promise<Map<string, Buffer>> {
  const dir = join(env.root, 'forms', round.id);
  const r = await runForms(round.dir, { outDir: dir, read: READ });
  expect(r.exitCode, r.messages.join('\n')).toBe(0);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.xlsx'));
  const byCode = new Map<string, Buffer>();
  for (const [i, a] of bgPlan.agencies.entries()) {
    const name = names.find((n) => n.startsWith(`${String(i + 1).padStart(2, '0')}-`));
    if (name) byCode.set(a.code, await readFile(join(dir, name)));
  }
  return byCode;
}

beforeAll(async () => {
  env = await tempPlan(bgPlan, BG_PLAN_ID);
  const rng = prng(SEED);
  for (const id of ['du-toan', '2025']) {
    const round: Round = { id, dir: join(env.planDir, id), out: join(env.out, id), labels: new Map() };
    await mkdir(round.dir, { recursive: true });
    rounds.push(round);
  }
  const [estimate, progress] = rounds as [Round, Round];
  const estimateForms = await formsOf(estimate);
  let k = 0;
  for (const [code, lines] of Object.entries(bgBudget)) {
    const form = estimateForms.get(code);
    if (!form) continue;
    const filled = await fillForm(form, { preparedBy: 'Nguyễn Văn A', preparedDate: new Date(Date.UTC(2025, 0, 8)), budget: lines }, years);
    const h = hostile(filled, k++, rng);
    const file = `${code} du toan.xlsx`;
    estimate.labels.set(file, h.label);
    await writeFile(join(estimate.dir, file), h.bytes);
  }
  const progressForms = await formsOf(progress);
  for (const agency of bgPlan.agencies) {
    const form = progressForms.get(agency.code);
    if (!form) continue;
    const spent = bgSpent2025[agency.code];
    const filled = await fillForm(
      form,
      { preparedBy: 'Trần Thị B', preparedDate: new Date(Date.UTC(2025, 9, 25)), tasks: bgProgress2025[agency.code] ?? [], ...(spent ? { spent } : {}) },
      years,
      2025,
    );
    const h = hostile(filled, k++, rng);
    const file = `${agency.code} bao cao 2025.xlsx`;
    progress.labels.set(file, h.label);
    await writeFile(join(progress.dir, file), h.bytes);
  }
  for (const round of rounds) round.result = await runBuild(round.dir, { outDir: round.out, read: READ });
}, 240_000);

afterAll(async () => {
  await env?.cleanup();
});

/** Output files of a round (.docx and .xlsx, sub-folders included). */
async function outputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await outputs(path)));
    else if (/\.(docx|xlsx)$/.test(e.name)) out.push(path);
  }
  return out.sort();
}

/** A numeric character reference to a character XML 1.0 refuses ("&#1;", "&#xFFFF;"). */
function badReference(xml: string): string | null {
  for (const m of xml.matchAll(/&#(x[0-9a-fA-F]+|\d+);/g)) {
    const ref = m[1] ?? '';
    const cp = ref.startsWith('x') ? parseInt(ref.slice(1), 16) : Number(ref);
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) return m[0];
  }
  return null;
}

describe.each(['du-toan', '2025'])('a build of round %s where every agency sends hostile content', (id) => {
  const round = () => rounds.find((r) => r.id === id) as Round;
  const own = (findings: readonly Finding[], file: string) => findings.filter((f) => f.file === file);

  it('builds, with findings instead of exceptions; the files with only hostile text are used', () => {
    const r = round();
    const result = r.result as RunResult;
    expect(result.exitCode, result.messages.join('\n')).toBe(0);
    expect(result.findings.filter((f) => f.code === 'internal_error')).toEqual([]);
    for (const [file, label] of r.labels) {
      const mine = own(result.findings, file);
      if (label.startsWith('every text')) {
        // Warned at the cells, and still aggregated (no error).
        expect(mine.some((f) => f.code === 'text_invalid_char'), `${file}: ${label}`).toBe(true);
        expect(mine.filter((f) => f.severity === 'error'), `${file}: ${label}`).toEqual([]);
      }
    }
    expect(result.messages.join('\n')).not.toMatch(/Cannot|undefined|finite|roundTo|TypeError|RangeError/);
  });

  it('writes no character XML refuses into any output part, raw or as a character reference', async () => {
    const files = await outputs(round().out);
    expect(files.some((f) => f.endsWith('.docx'))).toBe(true);
    for (const file of files) {
      for (const part of unzipParts(await readFile(file))) {
        if (!/\.(xml|rels)$/.test(part.name)) continue;
        const xml = part.data.toString('utf8');
        const at = xml.search(RAW_INVALID_XML);
        expect(at, `${file} ${part.name}: ${JSON.stringify(xml.slice(Math.max(0, at - 40), at + 40))}`).toBe(-1);
        expect(badReference(xml), `${file} ${part.name}`).toBeNull();
      }
    }
  });

  it.skipIf(soffice === null)('every .docx opens in LibreOffice (converts to a PDF)', async () => {
    const dir = join(env.root, `pdf-${id}`);
    await mkdir(dir, { recursive: true });
    const docx = (await outputs(round().out)).filter((f) => f.endsWith('.docx'));
    expect(docx.length).toBeGreaterThan(0);
    for (const file of docx) {
      const pdf = await convertToPdf(file, dir);
      expect(existsSync(pdf), file).toBe(true);
      expect(statSync(pdf).size, file).toBeGreaterThan(5_000);
    }
  }, 300_000);
});

describe('LibreOffice is available for this check', () => {
  it.runIf(onCi)('finds soffice on CI', () => {
    expect(soffice, `LibreOffice is required on CI. Install: ${LIBREOFFICE_INSTALL_HINT}`).not.toBeNull();
  });
  it('the hostile texts cover the kinds the issue names', () => {
    for (const needed of ['_x0001_', '_x0000_', '_x0008_', '_x005F_x0001_', '_xD800_', '_xFFFF_']) expect(HOSTILE_TEXTS).toContain(needed);
  });
});
