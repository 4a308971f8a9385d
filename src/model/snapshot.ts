/**
 * The figures of a build, each keyed by where it appears (appendix, group, line, column) with its
 * value and the agency cell it came from, so the next build can say exactly what changed and why.
 * Kept in `<outDir>/.baocao-snapshot.json` (safe to delete: the next build then compares nothing).
 */
import type { CellRef } from './submission.js';

export const SNAPSHOT_FILE = '.baocao-snapshot.json';
/** Version 2 keys budget lines by their content (version 1 by position); an older snapshot is not compared. */
export const SNAPSHOT_VERSION = 2;
/** The change log written by every build after the first. */
export const CHANGES_FILE = 'thay-doi.xlsx';

/** One figure of the report and appendices. */
export interface Figure {
  /** Stable identity across builds: appendix, agency or field, line, column keys. */
  readonly key: string;
  /** Where it appears, as the reader sees it. */
  readonly appendix: string;
  readonly group: string;
  readonly line: string;
  readonly column: string;
  readonly value: number | string | null;
  /** The agency cell the figure was read from; for a group total only the file (sheet and cell empty); null for grand totals. */
  readonly source: CellRef | null;
  /** True for figures baocao adds up from lines (group totals, grand totals, counts). */
  readonly total: boolean;
}

/** One figure that differs between two builds. */
export interface Change {
  readonly key: string;
  readonly appendix: string;
  readonly group: string;
  readonly line: string;
  readonly column: string;
  /** Null when the figure did not exist before (an agency's file was added or became valid). */
  readonly old: number | string | null;
  /** Null when the figure no longer exists (a file was removed or now has errors). */
  readonly new: number | string | null;
  /** new − old for numbers (a missing side counts as 0); null for text. */
  readonly diff: number | null;
  readonly source: CellRef | null;
  readonly total: boolean;
}

/** The changes of one build against the previous one. */
export interface ChangeSet {
  /** ISO time of the previous build. */
  readonly since: string;
  /** ISO time of this build. */
  readonly builtAt: string;
  readonly changes: readonly Change[];
}

export interface Snapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly planId: string;
  readonly roundId: string;
  /** ISO time of the build. */
  readonly builtAt: string;
  readonly figures: readonly Figure[];
  /** The latest build's changes that were not empty, so a build with no change can still show them. */
  readonly lastChanges: ChangeSet | null;
}
