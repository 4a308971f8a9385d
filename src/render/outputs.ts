/**
 * What the render stage is given and the names of the files it makes: shared by render/index.ts
 * (the check report) and render/round.ts (the report and appendices, loaded on demand).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import type { ReportModel } from '../model/report.js';
import type { TemplateSet } from '../model/templates.js';

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
 */
export type RenderMemo = Map<string, { readonly key: string; readonly bytes: Uint8Array }>;

/** The bytes of output `name` made from `from`: kept ones when `from` is unchanged, else `make()`'s. */
export async function memoized(memo: RenderMemo | undefined, name: string, from: unknown, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!memo) return make();
  const key = createHash('sha256').update(JSON.stringify(from) ?? '').digest('hex');
  const kept = memo.get(name);
  if (kept && kept.key === key) return kept.bytes;
  const bytes = await make();
  memo.set(name, { key, bytes });
  return bytes;
}
