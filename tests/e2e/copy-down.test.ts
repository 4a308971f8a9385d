/**
 * "A row with no typed input is an empty row" (issue 10 §4), end to end through runBuild: an agency
 * builds its own "Kinh phí" table the way most people do — Thành tiền =D6*E6 and the years =F6/4
 * copied down twenty empty rows (Excel caches 0 there), STT numbered by =A6+1 — and the build
 * aggregates its real rows exactly as if the empty rows were not there, with no finding about them.
 * (Before: "Dòng 10 có số liệu nhưng chưa ghi Nội dung" on every empty row and the file left out.)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BG_PLAN_ID, BG_YEARS, bgBudget, bgPlan } from '../../scripts/examples/bacgiang.js';
import type { Finding } from '../../src/findings.js';
import { runBuild, type RunResult } from '../../src/run.js';
import { budgetHeaders } from '../fixtures/submission.js';
import { buildWorkbook, type CellSpec } from '../fixtures/workbook.js';
import { loadXlsx, tempPlan } from './helpers.js';

const FILE = 'So Ngoai vu - du toan tu lap.xlsx';
const FIRST = 5; // header on row 4
const lines = bgBudget['SNGV'] ?? [];
const years = [...BG_YEARS];

/** Column letters of the budget table: A STT … F Thành tiền, G–J the years, K Ghi chú. */
const YEAR_COLS = ['G', 'H', 'I', 'J'];

function realRows(): CellSpec[][] {
  return lines.map((l, i) => {
    const r = FIRST + i;
    const q = Number(l.quantity);
    const rt = Number(l.rate);
    return [
      i === 0 ? 1 : { formula: `A${r - 1}+1`, result: i + 1 },
      l.content,
      l.unit,
      q,
      rt,
      { formula: `D${r}*E${r}`, result: q * rt },
      ...l.years.map((y) => Number(y)),
      '',
    ];
  });
}

/** The twenty rows people leave below their data: formulas only, every result 0 (or "" for the note). */
function copiedDownRows(from: number, count: number): CellSpec[][] {
  return Array.from({ length: count }, (_, k) => {
    const r = from + k;
    return [
      { formula: `A${r - 1}+1`, result: r - FIRST + 1 },
      null,
      null,
      null,
      null,
      { formula: `D${r}*E${r}`, result: 0 },
      ...YEAR_COLS.map(() => ({ formula: `$F${r}/4`, result: 0 })),
      { formula: `IF(F${r}=0,"",F${r})`, result: '' },
    ];
  });
}

function totalRow(last: number): CellSpec[] {
  const total = lines.reduce((a, l) => a + Number(l.quantity) * Number(l.rate), 0);
  return ['', 'Tổng cộng', '', null, null, { formula: `SUM(F${FIRST}:F${last})`, result: total }, ...YEAR_COLS.map((c) => ({ formula: `SUM(${c}${FIRST}:${c}${last})`, result: total / 4 }))];
}

async function agencyTable(withCopyDown: boolean): Promise<Buffer> {
  const rows = realRows();
  const extra = withCopyDown ? copiedDownRows(FIRST + rows.length, 20) : [];
  const last = FIRST + rows.length + extra.length - 1;
  return buildWorkbook({
    sheets: [
      { name: 'Thông tin', rows: [['Mã cơ quan', 'SNGV'], ['Người lập', 'Nguyễn Văn A'], ['Ngày lập', '08/01/2025']] },
      { name: 'Kinh phí', rows: [['DỰ TOÁN KINH PHÍ'], ['Đơn vị tính: 1000 đồng'], [], budgetHeaders(years), ...rows, ...extra, totalRow(last)] },
    ],
  });
}

interface Built {
  readonly env: Awaited<ReturnType<typeof tempPlan>>;
  readonly result: RunResult;
  readonly outDir: string;
}

async function buildWith(withCopyDown: boolean): Promise<Built> {
  const env = await tempPlan(bgPlan, BG_PLAN_ID);
  const roundDir = join(env.planDir, 'du-toan');
  await mkdir(roundDir, { recursive: true });
  await writeFile(join(roundDir, FILE), await agencyTable(withCopyDown));
  const outDir = join(env.out, 'du-toan');
  const result = await runBuild(roundDir, { outDir, read: { checkInProgress: false, soffice: false } });
  return { env, result, outDir };
}

/** Every cell value of the appendix workbook, by sheet and address. */
async function appendixValues(outDir: string): Promise<Record<string, unknown>> {
  const wb = await loadXlsx(join(outDir, 'phu-luc-du-toan.xlsx'));
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        out[`${ws.name}!${cell.address}`] = v && typeof v === 'object' && 'formula' in v ? (v as { result?: unknown }).result : v;
      }),
    );
  }
  return out;
}

let copied: Built;
let clean: Built;

beforeAll(async () => {
  [copied, clean] = [await buildWith(true), await buildWith(false)];
});

afterAll(async () => {
  await copied?.env.cleanup();
  await clean?.env.cleanup();
});

describe('an agency table with formulas copied down twenty empty rows', () => {
  const own = (findings: readonly Finding[]) => findings.filter((f) => f.file === FILE);

  it('has no finding on the empty rows and is aggregated (exit 0, no error)', () => {
    expect(copied.result.exitCode).toBe(0);
    const mine = own(copied.result.findings);
    expect(mine.filter((f) => f.severity === 'error'), JSON.stringify(mine.slice(0, 3))).toEqual([]);
    expect(mine.map((f) => f.cell)).toEqual(own(clean.result.findings).map((f) => f.cell));
    expect(copied.result.messages.join('\n')).toMatch(/1 được tổng hợp, 0 có lỗi/);
  });

  it('gives the appendix the table without the empty rows gives, figure for figure', async () => {
    const withRows = await appendixValues(copied.outDir);
    const without = await appendixValues(clean.outDir);
    expect(withRows).toEqual(without);
    // And the agency's real figures are in it: its total, 2.698.580 (1000 đồng).
    const total = lines.reduce((a, l) => a + Number(l.quantity) * Number(l.rate), 0);
    expect(total).toBe(2_698_580);
    expect(Object.values(withRows)).toContain(total);
  });

  it('reads the real rows into the snapshot of the build, none of the empty ones', async () => {
    const snapshot = JSON.parse(await readFile(join(copied.outDir, '.baocao-snapshot.json'), 'utf8')) as unknown;
    const text = JSON.stringify(snapshot);
    for (const l of lines) expect(text).toContain(l.content.slice(0, 40));
    // Rows 5–9 are the real ones, 10–29 the copied-down ones: no figure is sourced from those.
    expect(text).toContain('"F5"');
    expect(text).not.toMatch(/"F(1\d|2\d)"/);
  });
});
