/**
 * Fuzz test: mutants of valid filled forms (XML edits, hostile values, truncation, flipped bits,
 * shuffled / dropped / duplicated / renamed parts) go through the read and validate stages and the
 * annotated-copy renderer. Every run must end with a workbook or findings naming the file — never
 * an exception, a hang or an out-of-memory crash. Seeded, so every failure is reproducible:
 * FUZZ_SEED=<seed> FUZZ_N=<count> npx vitest run tests/robustness/fuzz.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bgBudget, bgProgress2025 } from '../../scripts/examples/bacgiang.js';
import { FINDING_CODES, type Finding } from '../../src/findings.js';
import { planForRound, type Plan } from '../../src/model/plan.js';
import type { Round } from '../../src/model/round.js';
import { readWorkbookBuffer, type ReadOptions } from '../../src/read/index.js';
import { AnnotateError, renderAnnotated } from '../../src/render/xlsx/index.js';
import { validate } from '../../src/validate/index.js';
import { ESTIMATE, PROGRESS_2025, filledForm, loadBgPlan } from '../fixtures/submission.js';
import { RAW_INVALID_XML, hostileMutant, mutate, prng, unzipParts, zipParts, type Part } from './mutate.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_712);
const N = Number(process.env['FUZZ_N'] ?? 400);
const READ: ReadOptions = { checkInProgress: false, soffice: false };
const INFO = { agencyName: 'Sở Ngoại vụ', roundLabel: 'dự toán kinh phí', planTitle: 'Kế hoạch thử' };

interface Base {
  readonly name: string;
  readonly round: Round;
  readonly bytes: Buffer;
  readonly parts: Part[];
}

let plan: Plan;
let bases: Base[];

beforeAll(async () => {
  plan = await loadBgPlan();
  const prepared = { preparedBy: 'Nguyễn Văn A', phone: '0204 3854 000', preparedDate: new Date(Date.UTC(2025, 0, 8)) };
  const estimate = await filledForm(plan, ESTIMATE, 'SNGV', { ...prepared, budget: bgBudget['SNGV'] ?? [] });
  const progress = await filledForm(plan, PROGRESS_2025, 'SCT', { ...prepared, tasks: bgProgress2025['SCT'] ?? [] });
  bases = [
    { name: 'du-toan', round: ESTIMATE, bytes: estimate.bytes, parts: unzipParts(estimate.bytes) },
    { name: '2025', round: PROGRESS_2025, bytes: progress.bytes, parts: unzipParts(progress.bytes) },
  ];
});

/** Read + validate + annotate one input; returns what went wrong, or null when the run ended properly. */
async function runOne(bytes: Uint8Array, file: string, round: Round): Promise<string | null> {
  let read;
  try {
    read = await readWorkbookBuffer(bytes, file, `/fuzz/${file}`, READ);
  } catch (err) {
    return `read threw: ${String(err)}`;
  }
  let findings: readonly Finding[];
  try {
    const v = validate(
      { plan: planForRound(plan, round), round, workbooks: read.workbook ? [read.workbook] : [], unreadable: read.workbook ? [] : [file] },
      read.findings,
    );
    findings = v.findings;
  } catch (err) {
    return `validate threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  }
  if (!read.workbook && !read.findings.some((f) => f.file === file && f.severity === 'error')) return 'unreadable without an error finding naming the file';
  // Whatever the file holds, no text leaving the read stage or a finding carries a character XML refuses.
  const raw = rawInvalidIn(read.workbook?.sheets) ?? rawInvalidIn(findings);
  if (raw !== null) return `raw character not allowed in XML: ${raw}`;
  for (const f of findings) {
    if (!(f.code in FINDING_CODES) || typeof f.message !== 'string' || f.message === '' || typeof f.hint !== 'string') return `malformed finding ${JSON.stringify(f)}`;
  }
  const own = findings.filter((f) => f.file === file);
  if (read.workbook && own.length > 0) {
    try {
      const copy = await renderAnnotated(bytes, own, INFO);
      if (!(copy instanceof Uint8Array) || copy.byteLength === 0) return 'annotate returned no bytes';
    } catch (err) {
      if (!(err instanceof AnnotateError)) return `annotate threw ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    }
  }
  return null;
}

/** Where a string inside `value` holds a character XML 1.0 does not allow (its path), or null. */
function rawInvalidIn(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return RAW_INVALID_XML.test(value) ? path || '(text)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const hit = rawInvalidIn(v, `${path}.${k}`);
    if (hit !== null) return hit;
  }
  return null;
}

describe('fuzz: mutated workbooks never crash baocao', () => {
  it(`${N} mutants (seed ${SEED}) end with a workbook or findings, never an exception`, async () => {
    const rng = prng(SEED);
    const failures: string[] = [];
    const outcomes = { readable: 0, unreadable: 0 };
    let slowest = { ms: 0, label: '' };
    for (let i = 0; i < N; i++) {
      const base = bases[i % bases.length] as Base;
      const m = mutate(rng, base.bytes, base.parts);
      const file = `mutant-${i}.xlsx`;
      const started = performance.now();
      const problem = await runOne(m.bytes, file, base.round);
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, label: `#${i} ${m.label}` };
      if (problem) failures.push(`#${i} [${base.name}] ${m.label}\n    → ${problem}`);
      const again = await readWorkbookBuffer(m.bytes, file, '/fuzz', READ);
      outcomes[again.workbook ? 'readable' : 'unreadable']++;
    }
    console.info(`fuzz seed ${SEED}: ${N} mutants, ${outcomes.readable} still readable, ${outcomes.unreadable} refused with a finding; slowest ${Math.round(slowest.ms)} ms (${slowest.label.slice(0, 120)})`);
    expect(failures, `seed ${SEED}`).toEqual([]);
    // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
    expect(outcomes.readable).toBeGreaterThan(N / 10);
    expect(outcomes.unreadable).toBeGreaterThan(N / 10);
    expect(slowest.ms).toBeLessThan(5_000);
  });
});

const N_HOSTILE = Number(process.env['FUZZ_HOSTILE_N'] ?? 100);

describe('fuzz: hostile text and figures (issue 10)', () => {
  it(`${N_HOSTILE} mutants with "_x0001_"-style escapes, lone surrogates, 40.000-character and 20 MB texts, 1e308…: findings, never an exception or a raw control character`, async () => {
    const rng = prng(SEED + 10);
    const failures: string[] = [];
    const seen = { invalidChar: 0, tooLong: 0, outOfRange: 0, tooLarge: 0 };
    let slowest = 0;
    for (let i = 0; i < N_HOSTILE; i++) {
      const base = bases[i % bases.length] as Base;
      const m = hostileMutant(rng, base.parts);
      const file = `hostile-${i}.xlsx`;
      const started = performance.now();
      const problem = await runOne(m.bytes, file, base.round);
      slowest = Math.max(slowest, performance.now() - started);
      if (problem) failures.push(`#${i} [${base.name}] ${m.label.slice(0, 300)}\n    → ${problem}`);
      const read = await readWorkbookBuffer(m.bytes, file, '/fuzz', READ);
      const findings = read.workbook ? validate({ plan: planForRound(plan, base.round), round: base.round, workbooks: [read.workbook], unreadable: [] }, read.findings).findings : read.findings;
      if (findings.some((f) => f.code === 'text_invalid_char')) seen.invalidChar++;
      if (findings.some((f) => f.code === 'text_too_long')) seen.tooLong++;
      if (findings.some((f) => f.code === 'value_out_of_range')) seen.outOfRange++;
      if (findings.some((f) => f.code === 'file_too_large')) seen.tooLarge++;
      if (findings.some((f) => f.code === 'internal_error')) failures.push(`#${i} ${m.label.slice(0, 300)}\n    → internal error`);
    }
    console.info(`fuzz hostile seed ${SEED + 10}: ${N_HOSTILE} mutants; files with removed characters ${seen.invalidChar}, cut texts ${seen.tooLong}, figures out of range ${seen.outOfRange}, refused as too large ${seen.tooLarge}; slowest ${Math.round(slowest)} ms`);
    expect(failures, `seed ${SEED + 10}`).toEqual([]);
    // Every kind of hostile content occurred, or the mutants test too little.
    expect(seen.invalidChar).toBeGreaterThan(N_HOSTILE / 4);
    expect(seen.tooLong).toBeGreaterThan(0);
    expect(seen.outOfRange).toBeGreaterThan(0);
    expect(seen.tooLarge).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(5_000);
  }, Math.max(60_000, N_HOSTILE * 1_000));
});

/** The estimate form with one worksheet's XML changed by `edit`. */
function withSheetXml(edit: (xml: string) => string, sheet = 'xl/worksheets/sheet2.xml'): Buffer {
  const base = bases[0] as Base;
  return zipParts(base.parts.map((p) => (p.name === sheet ? { name: p.name, data: Buffer.from(edit(p.data.toString('utf8')), 'utf8') } : p)));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

describe('fuzz regressions: tiny files that declare billions of cells', () => {
  it('a row numbered 999999999 is a corrupt file, not an out-of-memory crash (was: heap exhausted in convertWorksheet)', async () => {
    const bytes = withSheetXml((x) => x.replace('<row r="5"', '<row r="999999999"'));
    const { value, ms } = await timed(() => readWorkbookBuffer(bytes, 'dong-lon.xlsx', '/x', READ));
    expect(value.workbook).toBeNull();
    expect(value.findings).toMatchObject([{ file: 'dong-lon.xlsx', code: 'file_corrupt' }]);
    expect(value.findings[0]?.message).toContain('999999999');
    expect(ms).toBeLessThan(2_000);
  });

  it('a column definition up to 99999999 is a corrupt file (was: exceljs ran out of memory)', async () => {
    const bytes = withSheetXml((x) => x.replace(/(<col [^>]*max=")\d+/, '$199999999'));
    const { value, ms } = await timed(() => readWorkbookBuffer(bytes, 'cot-lon.xlsx', '/x', READ));
    expect(value.findings).toMatchObject([{ code: 'file_corrupt' }]);
    expect(ms).toBeLessThan(2_000);
  });

  it('a merged range over the whole sheet is refused as too large (was: exceljs hung creating every cell)', async () => {
    const bytes = withSheetXml((x) => x.replace('</mergeCells>', '<mergeCell ref="M1:XFD1048576"/></mergeCells>'));
    const { value, ms } = await timed(() => readWorkbookBuffer(bytes, 'gop-o.xlsx', '/x', READ));
    expect(value.findings).toMatchObject([{ code: 'file_too_large' }]);
    expect(value.findings[0]?.message).toContain('gộp ô');
    expect(ms).toBeLessThan(2_000);
  });

  it('a dropdown list over the whole sheet still reads, and its annotated copy is made without it (was: hang)', async () => {
    const bytes = withSheetXml((x) =>
      x.replace('</sheetData>', '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>'),
    );
    const { value, ms } = await timed(() => readWorkbookBuffer(bytes, 'ds-chon.xlsx', '/x', READ));
    expect(value.workbook).not.toBeNull();
    expect(ms).toBeLessThan(2_000);
    const f = { file: 'ds-chon.xlsx', sheet: 'Kinh phí', cell: 'D5', severity: 'error', code: 'value_negative', message: 'Số âm.', hint: 'Nhập số không âm.' } as const;
    const copy = await timed(() => renderAnnotated(bytes, [f], INFO));
    expect(copy.ms).toBeLessThan(5_000);
    expect(copy.value.byteLength).toBeGreaterThan(0);
  });
});
