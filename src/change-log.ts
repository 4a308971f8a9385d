/**
 * The change log of a build (called by run.ts): the previous build's figures (read stage), this
 * build's figures and the difference (aggregate, pure), thay-doi.xlsx (render), and the new
 * snapshot stored once the outputs are written (write stage).
 */
import { diffSnapshots, snapshotOf } from './aggregate/changes.js';
import type { Artifact } from './model/document.js';
import type { ReportModel } from './model/report.js';
import { CHANGES_FILE, type ChangeSet } from './model/snapshot.js';
import type { Submission } from './model/submission.js';
import { readSnapshot } from './read/cache.js';
import { renderChangesXlsx } from './render/xlsx/changes.js';
import { formatChanges } from './changes-summary.js';
import { writeSnapshot } from './write/cache.js';

/** The change log of one build: what changed, thay-doi.xlsx, the console lines, and how to keep this build's figures. */
export interface ChangeLog {
  /** Null on the first build of the round (nothing to compare with). */
  readonly changes: ChangeSet | null;
  /** thay-doi.xlsx, when there was a previous build. */
  readonly artifacts: readonly Artifact[];
  readonly messages: readonly string[];
  /** Stores this build's figures for the next build; call after the outputs are written. */
  readonly save: () => Promise<void>;
}

/** Compares this build's figures with the previous build's in `outDir`. */
export async function changeLog(model: ReportModel, submissions: readonly Submission[], outDir: string, now: Date): Promise<ChangeLog> {
  const prev = await readSnapshot(outDir);
  const builtAt = now.toISOString();
  const draft = snapshotOf(model, submissions, builtAt);
  const changes = diffSnapshots(prev, draft);
  const last = changes && changes.changes.length > 0 ? changes : (prev?.lastChanges ?? null);
  const snapshot = { ...draft, lastChanges: last };
  const title = `THAY ĐỔI SỐ LIỆU — ${model.plan.info.title.toLocaleUpperCase('vi')} — ${model.round.label.toLocaleUpperCase('vi')}`;
  const artifacts: Artifact[] = changes ? [{ name: CHANGES_FILE, bytes: await renderChangesXlsx(changes, title, prev?.lastChanges ?? null) }] : [];
  return {
    changes,
    artifacts,
    messages: formatChanges(changes, CHANGES_FILE),
    save: () => writeSnapshot(outDir, snapshot),
  };
}
