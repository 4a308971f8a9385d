/**
 * The figures of a build, each keyed by where it appears (appendix, group, line, column) with its
 * value and the agency cell it came from, so the next build can say exactly what changed and why.
 * Kept in `<outDir>/.baocao-snapshot.json` (safe to delete: the next build then compares nothing).
 */
import * as z from 'zod';
import { cellRefSchema } from './submission.js';

export const SNAPSHOT_FILE = '.baocao-snapshot.json';
/** Version 2 keys budget lines by their content (version 1 by position); an older snapshot is not compared. */
export const SNAPSHOT_VERSION = 2;
/** The change log written by every build after the first. */
export const CHANGES_FILE = 'thay-doi.xlsx';

const valueSchema = z.union([z.number(), z.string()]).nullable();

/** One figure of the report and appendices. */
export const figureSchema = z.object({
  /** Stable identity across builds: appendix, agency or field, line, column keys. */
  key: z.string(),
  /** Where it appears, as the reader sees it. */
  appendix: z.string(),
  group: z.string(),
  line: z.string(),
  column: z.string(),
  value: valueSchema,
  /** The agency cell the figure was read from; for a group total only the file (sheet and cell empty); null for grand totals. */
  source: cellRefSchema.nullable(),
  /** True for figures baocao adds up from lines (group totals, grand totals, counts). */
  total: z.boolean(),
});
export type Figure = Readonly<z.infer<typeof figureSchema>>;

/** One figure that differs between two builds. */
export const changeSchema = z.object({
  key: z.string(),
  appendix: z.string(),
  group: z.string(),
  line: z.string(),
  column: z.string(),
  /** Null when the figure did not exist before (an agency's file was added or became valid). */
  old: valueSchema,
  /** Null when the figure no longer exists (a file was removed or now has errors). */
  new: valueSchema,
  /** new − old for numbers (a missing side counts as 0); null for text. */
  diff: z.number().nullable(),
  source: cellRefSchema.nullable(),
  total: z.boolean(),
});
export type Change = Readonly<z.infer<typeof changeSchema>>;

/** The changes of one build against the previous one. */
export const changeSetSchema = z.object({
  /** ISO time of the previous build. */
  since: z.string(),
  /** ISO time of this build. */
  builtAt: z.string(),
  changes: z.array(changeSchema).readonly(),
});
export type ChangeSet = Readonly<z.infer<typeof changeSetSchema>>;

/** `.baocao-snapshot.json`. */
export const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  planId: z.string(),
  roundId: z.string(),
  /** ISO time of the build. */
  builtAt: z.string(),
  figures: z.array(figureSchema).readonly(),
  /** The latest build's changes that were not empty, so a build with no change can still show them. */
  lastChanges: changeSetSchema.nullable(),
});
export type Snapshot = Readonly<z.infer<typeof snapshotSchema>>;
