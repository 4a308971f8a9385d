/**
 * What the render stage is given and the names of the files it makes: shared by render/index.ts
 * (the check report) and render/round.ts (the report and appendices, loaded on demand).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import type { TemplateSet } from '../model/templates.js';
import type { DeflateCache } from './zip.js';
import type { AppendixTable, Artifact } from '../model/document.js';
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
  /**
   * The running code's stamp (read/workspace.ts codeStamp), part of every key; with one, a key
   * is recorded with its file (Artifact.renderKey) and a later run of the same code starts from
   * the files whose keys it recorded. Null: kept in this process only.
   */
  readonly stamp: string | null;
  readonly outputs: Map<string, { readonly key: string; readonly bytes: Uint8Array }>;
  /** Outputs rendered (not reused) by the last render() with this memo. */
  readonly made: Set<string>;
  /**
   * What each output keeps for its next rendering, by output name; null for a run that renders
   * once (a command): keeping the pieces costs more than it saves when nothing renders twice.
   */
  readonly caches: Map<string, OutputCache> | null;
  /** Hashes of the (readonly) inputs hashed so far, by object: an appendix feeds several outputs. */
  readonly hashes: WeakMap<object, string>;
  /**
   * The sha256 of each chunk of appendix rows (its JSON, render/table-layout.ts rowChunks) hashed
   * by this render and the one before, by the JSON: a correction changes a few chunks, and only
   * those are hashed again (a JSON string is looked up several times faster than it is hashed).
   */
  readonly chunkHashes: { current: Map<string, string>; previous: Map<string, string> };
}

/** A new render with `memo` begins: chunk hashes of the render before last are let go. */
export function startRender(memo: RenderMemo): void {
  memo.made.clear();
  memo.chunkHashes.previous = memo.chunkHashes.current;
  memo.chunkHashes.current = new Map();
}

function chunkHash(chunk: string, memo: RenderMemo): string {
  const { current, previous } = memo.chunkHashes;
  let hash = current.get(chunk);
  if (hash === undefined) {
    hash = previous.get(chunk) ?? createHash('sha256').update(chunk).digest('hex');
    current.set(chunk, hash);
  }
  return hash;
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
export function newRenderMemo(stamp: string | null = null, { warm = true }: { readonly warm?: boolean } = {}): RenderMemo {
  return { stamp, outputs: new Map(), made: new Set(), caches: warm ? new Map() : null, hashes: new WeakMap(), chunkHashes: { current: new Map(), previous: new Map() } };
}

/**
 * What render() gave with `memo`: the artifacts with the keys they were rendered from
 * (Artifact.renderKey, when the memo has a stamp), and how many were reused rather than rendered.
 */
export function renderedWith(artifacts: readonly Artifact[], memo: RenderMemo | undefined): { readonly artifacts: Artifact[]; readonly reused: number } {
  if (!memo) return { artifacts: [...artifacts], reused: 0 };
  let reused = 0;
  const keyed = artifacts.map((a) => {
    const kept = memo.outputs.get(a.name);
    if (!kept || kept.bytes !== a.bytes) return a;
    if (!memo.made.has(a.name)) reused++;
    return memo.stamp ? { ...a, renderKey: kept.key } : a;
  });
  return { artifacts: keyed, reused };
}

function hashOf(value: unknown, memo: RenderMemo): string {
  const hashes = memo.hashes;
  const known = typeof value === 'object' && value !== null ? hashes.get(value) : undefined;
  if (known !== undefined) return known;
  const h = createHash('sha256');
  if (Array.isArray(value) && value.length > 0 && value.every(isTable)) {
    // A workbook's tables: by each table's hash (the report hashes the same tables: each is hashed once).
    h.update('tables');
    for (const table of value) h.update(hashOf(table, memo));
  } else if (isTable(value)) {
    // An appendix: its rows by the hashes of the chunks layout already wrote out as JSON (fixed size, each an array).
    const { rows, ...rest } = value;
    h.update(JSON.stringify(rest));
    for (const chunk of rowChunks(rows)) h.update(chunkHash(chunk, memo));
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
  const hashed = parts.map((p) => hashOf(p, memo)).join(Array.isArray(from) ? ',' : '');
  const key = memo.stamp === null ? hashed : `${memo.stamp}:${name}:${hashed}`;
  const kept = memo.outputs.get(name);
  if (kept && kept.key === key) return kept.bytes;
  memo.made.add(name);
  let cache = memo.caches?.get(name);
  if (memo.caches && !cache) memo.caches.set(name, (cache = { pieces: new Map() }));
  const bytes = await make(cache);
  memo.outputs.set(name, { key, bytes });
  return bytes;
}
