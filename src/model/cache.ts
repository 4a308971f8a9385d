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
import { submissionSchema } from './submission.js';

/** Folder of the cache inside an output folder. */
export const CACHE_DIR = '.baocao-cache';
/** The one file of the check cache inside CACHE_DIR. */
export const CHECK_CACHE_FILE = 'checked.json';
/**
 * Part of every key: bump it whenever the read or validate stage changes what it produces for
 * the same bytes, so caches written by an older baocao are never reused.
 */
export const CHECK_CACHE_VERSION = 'baocao-0.1.0/check-6';

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

/** The result of checking one file (read stage + validateSubmission), as reused on the next run. */
export const checkOutcomeSchema = z.object({
  /** 'checked': read and validated; 'unreadable': the read stage refused it; 'skipped': a lock or temp file. */
  kind: z.enum(['checked', 'unreadable', 'skipped']),
  readFindings: z.array(findingSchema).readonly(),
  submission: submissionSchema.nullable(),
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
