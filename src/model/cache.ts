/**
 * The incremental cache of a round's output folder (`<outDir>/.baocao-cache/`, safe to delete):
 * what checking each input file gave, keyed by the sha256 of the file's bytes, its name and
 * everything else the check depends on (the plan, the round, the read limits, baocao's version).
 * Plain JSON data; the read stage loads it, the write stage stores it.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { findingSchema } from '../findings.js';
import { planSchema, type Plan } from './plan.js';
import type { Round } from './round.js';
import { budgetLineSchema, cellRefSchema, indicatorReportSchema, submissionSchema, taskReportSchema, type BudgetLine, type CellRef, type IndicatorReport, type Submission, type TaskReport } from './submission.js';

/** Folder of the cache inside an output folder. */
export const CACHE_DIR = '.baocao-cache';
/** The one file of the check cache inside CACHE_DIR. */
export const CHECK_CACHE_FILE = 'checked.json';
/**
 * Part of every key: bump it whenever the read or validate stage changes what it produces for
 * the same bytes, so caches written by an older baocao are never reused.
 */
export const CHECK_CACHE_VERSION = 'baocao-0.1.0/check-29';

/** The validated plan of the last run, in CACHE_DIR: reused while ke-hoach.xlsx keeps its bytes. */
export const PLAN_CACHE_FILE = 'plan.json';

/** `.baocao-cache/plan.json`: the plan validated from ke-hoach.xlsx, with its findings. */
export const planCacheSchema = z.object({
  version: z.literal(1),
  /** planKey() of the plan workbook's bytes and folder. */
  key: z.string(),
  plan: planSchema,
  findings: z.array(findingSchema).readonly(),
});
export type PlanCache = Readonly<z.infer<typeof planCacheSchema>>;

/** Key of a validated plan: its workbook's bytes, its folder (the plan's id and dir) and baocao's version. */
export function planKey(bytes: Uint8Array, planDir: string): string {
  return createHash('sha256').update(CHECK_CACHE_VERSION).update('\0').update(planDir).update('\0').update(bytes).digest('hex');
}

/** What `stat` says about a file: enough to notice almost every change without reading it. */
export const fileStampSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  ctimeMs: z.number(),
  ino: z.number(),
});
export type FileStamp = Readonly<z.infer<typeof fileStampSchema>>;

/**
 * How the check cache stores a submission: each source cell in the submission's own file as
 * "Sheet!B7" instead of {file, sheet, cell} (about 45 cells per workbook: 45 % of the file, and of
 * the time spent writing it and parsing it back). A cell in another file stays an object. The
 * positions are those of submissionSchema's CellRefs, listed once in mapCells and once in
 * storedSubmissionSchema (tests/store/check-cache-format.test.ts fails when a new one is missing).
 */
type OwnCell = CellRef | string;

/** A submission whose source cells are of type C (CellRef as checked; OwnCell as stored). */
type WithCells<C> = Omit<Submission, 'tasks' | 'budget' | 'indicators'> & {
  tasks: (Omit<TaskReport, 'source'> & { source: C })[];
  budget: (Omit<BudgetLine, 'source'> & { source: Omit<BudgetLine['source'], 'amount' | 'years' | 'spent' | 'quantity' | 'rate'> & { amount: C; years: C[]; spent: C | null; quantity: C | null; rate: C | null } })[] | null;
  indicators: (Omit<IndicatorReport, 'source'> & { source: Omit<IndicatorReport['source'], 'actual'> & { actual: C } })[] | null;
};

/** The submission with each of its source cells mapped by `f` (a copy). */
function mapCells<A, B>(s: WithCells<A>, f: (cell: A) => B): WithCells<B> {
  const maybe = (c: A | null): B | null => (c === null ? null : f(c));
  return {
    ...s,
    tasks: s.tasks.map((t) => ({ ...t, source: f(t.source) })),
    budget:
      s.budget?.map((b) => ({
        ...b,
        source: { ...b.source, amount: f(b.source.amount), years: b.source.years.map(f), spent: maybe(b.source.spent), quantity: maybe(b.source.quantity), rate: maybe(b.source.rate) },
      })) ?? null,
    indicators: s.indicators?.map((i) => ({ ...i, source: { ...i.source, actual: f(i.source.actual) } })) ?? null,
  };
}

/** The cache's form of a submission: its own cells packed. */
export function packSubmission(s: Submission): unknown {
  return mapCells<CellRef, OwnCell>(s, (ref) => (ref.file === s.file ? `${ref.sheet}!${ref.cell}` : ref));
}

/**
 * A source cell as the cache stores it: "Sheet!B7" for the submission's own file (the sheet may
 * hold "!", the cell never does), otherwise the object (and every cell in caches written before).
 */
const storedCellSchema = z.union([z.string().includes('!'), cellRefSchema]);

/**
 * A submission as the check cache stores it. The schema checks this packed form, then the cells
 * are unpacked: checking the strings instead of objects made of them halves the time the schema
 * takes on a 1.000-file cache (and what it copies).
 */
const storedSubmissionSchema = submissionSchema.extend({
  tasks: z.array(taskReportSchema.extend({ source: storedCellSchema })),
  budget: z
    .array(
      budgetLineSchema.extend({
        source: budgetLineSchema.shape.source.extend({
          amount: storedCellSchema,
          years: z.array(storedCellSchema),
          spent: storedCellSchema.nullable(),
          quantity: storedCellSchema.nullable(),
          rate: storedCellSchema.nullable(),
        }),
      }),
    )
    .nullable(),
  indicators: z.array(indicatorReportSchema.extend({ source: indicatorReportSchema.shape.source.extend({ actual: storedCellSchema }) })).nullable(),
});

/** Undoes packSubmission on a stored submission the schema has just checked. */
function unpackSubmission(stored: WithCells<OwnCell>): Submission {
  const file = stored.file;
  return mapCells<OwnCell, CellRef>(stored, (v) => {
    if (typeof v !== 'string') return v;
    const bang = v.lastIndexOf('!');
    return { file, sheet: v.slice(0, bang), cell: v.slice(bang + 1) };
  });
}

/** The result of checking one file (read stage + validateSubmission), as reused on the next run. */
export const checkOutcomeSchema = z.object({
  /** 'checked': read and validated; 'unreadable': the read stage refused it; 'skipped': a lock or temp file. */
  kind: z.enum(['checked', 'unreadable', 'skipped']),
  readFindings: z.array(findingSchema).readonly(),
  /** Stored packed (packSubmission); older caches with every cell as an object parse the same. */
  submission: storedSubmissionSchema.transform(unpackSubmission).nullable(),
  /** validateSubmission's findings for this file. */
  findings: z.array(findingSchema).readonly(),
});
export type CheckOutcome = Readonly<z.infer<typeof checkOutcomeSchema>>;

/** What the cache remembers about one file of the round folder. */
export const cachedFileSchema = z.object({
  sha256: z.string(),
  stamp: fileStampSchema,
  /** Date.now() just before the stat of `stamp` was taken. */
  stampedAtMs: z.number(),
  /** Null when the result must not be reused (it depended on the moment or the machine). */
  outcome: checkOutcomeSchema.nullable(),
});
export type CachedFile = Readonly<z.infer<typeof cachedFileSchema>>;

/** `.baocao-cache/checked.json`: every file's check, for one plan and round. */
export const checkCacheSchema = z.object({
  version: z.literal(1),
  /** checkKey() of the plan and round the outcomes were computed for. */
  key: z.string(),
  /** By file name in the round folder. */
  files: z.record(z.string(), cachedFileSchema),
});
export type CheckCache = Readonly<z.infer<typeof checkCacheSchema>>;

/** Packed forms of outcomes, kept by outcome: the same outcome keeps the same packed object from one commit to the next (store/json.ts memo). */
const packedOutcomes = new WeakMap<CheckOutcome, unknown>();

/** The check cache as its file holds it: the submissions packed (packSubmission). */
export function packCheckCache(cache: CheckCache): unknown {
  const files: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(cache.files)) {
    const outcome = f.outcome;
    let packed: unknown = outcome;
    if (outcome?.submission) {
      packed = packedOutcomes.get(outcome);
      if (packed === undefined) packedOutcomes.set(outcome, (packed = { ...outcome, submission: packSubmission(outcome.submission) }));
    }
    files[name] = { ...f, outcome: packed };
  }
  return { ...cache, files };
}

/** Key of everything a file's check depends on besides its bytes and name. */
export function checkKey(plan: Plan, round: Round, limits: { readonly maxBytes?: number | undefined; readonly maxUncompressedBytes?: number | undefined }): string {
  const { dir: _planDir, ...planData } = plan;
  const { dir: _roundDir, ...roundData } = round;
  return createHash('sha256')
    .update(JSON.stringify({ v: CHECK_CACHE_VERSION, plan: planData, round: roundData, maxBytes: limits.maxBytes ?? null, maxUncompressed: limits.maxUncompressedBytes ?? null }))
    .digest('hex');
}

/** Finding codes whose presence makes an outcome depend on the moment or the machine (not only on the bytes). */
const VOLATILE_CODES: ReadonlySet<string> = new Set(['file_in_progress', 'file_xls_converted', 'file_xls_legacy']);

/** True when an outcome depends only on the file's bytes and name, so it may be reused. */
export function isReusable(outcome: CheckOutcome): boolean {
  return !outcome.readFindings.some((f) => VOLATILE_CODES.has(f.code));
}

/**
 * True when a file whose stat equals the cached one can be trusted to have the cached hash without
 * reading it. Like git's "racily clean" rule: the file must have been stable for two seconds
 * (the coarsest timestamp granularity, FAT) before the stamp was taken, or a write in the same tick
 * could have gone unnoticed.
 */
export function stampTrusted(cached: CachedFile, now: FileStamp): boolean {
  const s = cached.stamp;
  if (s.size !== now.size || s.mtimeMs !== now.mtimeMs || s.ctimeMs !== now.ctimeMs || s.ino !== now.ino) return false;
  return Math.max(s.mtimeMs, s.ctimeMs) + 2000 < cached.stampedAtMs;
}
