/**
 * What the render stage is given and the names of the files it makes: shared by render/index.ts
 * (the check report) and render/round.ts (the report and appendices, loaded on demand).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import type { TemplateSet } from '../model/templates.js';
import type { DeflateCache } from './zip.js';
import type { AppendixTable } from '../model/document.js';
import { rowChunks } from './table-layout.js';

export const OUTPUT_NAMES = {
  check: 'kiem-tra.xlsx',
  budgetXlsx: 'phu-luc-du-toan.xlsx',
  budgetDocx: 'phu-luc-du-toan.docx',
  report: 'bao-cao.docx',
  tasksXlsx: 'phu-luc-nhiem-vu.xlsx',
  spendingXlsx: 'phu-luc-kinh-phi.xlsx',
  indicatorsXlsx: 'phu-luc-chi-tieu.xlsx',
} as const;

export interface RenderInput {
  readonly model: ReportModel;
  readonly findings: readonly Finding[];
  readonly templates: TemplateSet;
  /** Only the check report (kiem-tra.xlsx), as `baocao check` writes. */
  readonly checkOnly?: boolean;
  /** Native charts in the Word report (default true; `build --no-charts` sets false). */
  readonly charts?: boolean;
  /** Outputs rendered before by this process (warm engine): reused when their inputs are unchanged. */
  readonly memo?: RenderMemo | undefined;
}

/**
 * Files rendered before, kept by a long-running process (the warm engine of watch and the page):
 * an output whose inputs are the same as last time is not rendered again. The key is a hash of
 * everything the output is made from, so a kept file is exactly the one rendering would give.
 * An output that must be rendered again keeps the deflated pieces of its large parts (render/zip.ts
 * Pieces): only the pieces whose text changed are compressed again.
 */
export interface RenderMemo {
  readonly outputs: Map<string, { readonly key: string; readonly bytes: Uint8Array }>;
  /** What each output keeps for its next rendering, by output name. */
  readonly caches: Map<string, OutputCache>;
  /** Hashes of the (readonly) inputs hashed so far, by object: an appendix feeds several outputs. */
  readonly hashes: WeakMap<object, string>;
}

function isTable(value: unknown): value is AppendixTable {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<AppendixTable>).rows) && Array.isArray((value as Partial<AppendixTable>).columns);
}

/**
 * What one output keeps between renderings: the deflated pieces of its large parts, and (a
 * workbook) its package as exceljs wrote it before the body rows went in, by a hash of exceljs's
 * model of it (render/xlsx/fast-rows.ts).
 */
export interface OutputCache {
  readonly pieces: DeflateCache;
  skeleton?: { readonly key: string; readonly bytes: Uint8Array };
}

/** An empty memo (one per output folder). */
export function newRenderMemo(): RenderMemo {
  return { outputs: new Map(), caches: new Map(), hashes: new WeakMap() };
}

function hashOf(value: unknown, hashes: WeakMap<object, string>): string {
  const known = typeof value === 'object' && value !== null ? hashes.get(value) : undefined;
  if (known !== undefined) return known;
  const h = createHash('sha256');
  if (isTable(value)) {
    // An appendix: its rows by the chunks layout already wrote out as JSON (fixed size, each an array).
    const { rows, ...rest } = value;
    h.update(JSON.stringify(rest));
    for (const chunk of rowChunks(rows)) h.update(chunk);
  } else {
    h.update(JSON.stringify(value) ?? '');
  }
  const hash = h.digest('hex');
  if (typeof value === 'object' && value !== null) hashes.set(value, hash);
  return hash;
}

/**
 * The bytes of output `name` made from `from` (a list: from each of its parts, hashed once per
 * object): kept ones when `from` is unchanged, else `make()`'s (given the output's deflated pieces
 * to reuse).
 */
export async function memoized(memo: RenderMemo | undefined, name: string, from: unknown, make: (cache?: OutputCache) => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!memo) return make();
  const parts: readonly unknown[] = Array.isArray(from) ? from : [from];
  const key = parts.map((p) => hashOf(p, memo.hashes)).join(Array.isArray(from) ? ',' : '');
  const kept = memo.outputs.get(name);
  if (kept && kept.key === key) return kept.bytes;
  let cache = memo.caches.get(name);
  if (!cache) memo.caches.set(name, (cache = { pieces: new Map() }));
  const bytes = await make(cache);
  memo.outputs.set(name, { key, bytes });
  return bytes;
}
