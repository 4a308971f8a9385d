/**
 * The incremental cache of a round's output folder (`<outDir>/.baocao-cache/`, safe to delete):
 * what checking each input file gave, keyed by the sha256 of the file's bytes, its name and
 * everything else the check depends on (the plan, the round, the read limits, baocao's version).
 * Plain JSON data; the read stage loads it, the write stage stores it.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import type { Plan } from './plan.js';
import type { Round } from './round.js';
import type { Submission } from './submission.js';

/** Folder of the cache inside an output folder. */
export const CACHE_DIR = '.baocao-cache';
/** The one file of the check cache inside CACHE_DIR. */
export const CHECK_CACHE_FILE = 'checked.json';
/**
 * Part of every key: bump it whenever the read or validate stage changes what it produces for
 * the same bytes, so caches written by an older baocao are never reused.
 */
export const CHECK_CACHE_VERSION = 'baocao-0.1.0/check-5';

/** The validated plan of the last run, in CACHE_DIR: reused while ke-hoach.xlsx keeps its bytes. */
export const PLAN_CACHE_FILE = 'plan.json';

/** `.baocao-cache/plan.json`: the plan validated from ke-hoach.xlsx, with its findings. */
export interface PlanCache {
  readonly version: 1;
  /** planKey() of the plan workbook's bytes and folder. */
  readonly key: string;
  readonly plan: Plan;
  readonly findings: readonly Finding[];
}

/** Key of a validated plan: its workbook's bytes, its folder (the plan's id and dir) and baocao's version. */
export function planKey(bytes: Uint8Array, planDir: string): string {
  return createHash('sha256').update(CHECK_CACHE_VERSION).update('\0').update(planDir).update('\0').update(bytes).digest('hex');
}

/** What `stat` says about a file: enough to notice almost every change without reading it. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** The result of checking one file (read stage + validateSubmission), as reused on the next run. */
export interface CheckOutcome {
  /** 'checked': read and validated; 'unreadable': the read stage refused it; 'skipped': a lock or temp file. */
  readonly kind: 'checked' | 'unreadable' | 'skipped';
  readonly readFindings: readonly Finding[];
  readonly submission: Submission | null;
  /** validateSubmission's findings for this file. */
  readonly findings: readonly Finding[];
}

/** What the cache remembers about one file of the round folder. */
export interface CachedFile {
  readonly sha256: string;
  readonly stamp: FileStamp;
  /** Date.now() just before the stat of `stamp` was taken. */
  readonly stampedAtMs: number;
  /** Null when the result must not be reused (it depended on the moment or the machine). */
  readonly outcome: CheckOutcome | null;
}

/** `.baocao-cache/checked.json`: every file's check, for one plan and round. */
export interface CheckCache {
  readonly version: 1;
  /** checkKey() of the plan and round the outcomes were computed for. */
  readonly key: string;
  /** By file name in the round folder. */
  readonly files: Readonly<Record<string, CachedFile>>;
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
