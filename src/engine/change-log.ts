/**
 * The change log of a build: the previous build's figures (from the store), this build's figures
 * and the difference (aggregate, pure), thay-doi.xlsx (render); the new snapshot is staged in the
 * store, which keeps it when the run commits.
 */
import { diffSnapshots, snapshotOf } from '../aggregate/index.js';
import type { Artifact } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import { CHANGES_FILE, type ChangeSet, type Snapshot } from '../model/snapshot.js';
import type { Submission } from '../model/submission.js';
import { renderChangesXlsx } from '../render/index.js';

/** The change log of one build: what changed, thay-doi.xlsx, and this build's figures to keep. */
export interface ChangeLog {
  /** Null on the first build of the round (nothing to compare with). */
  readonly changes: ChangeSet | null;
  /** thay-doi.xlsx, when there was a previous build. */
  readonly artifacts: readonly Artifact[];
  /** This build's figures, for the next build (the store keeps them). */
  readonly snapshot: Snapshot;
}

/** Compares this build's figures with the previous build's (`prev`, from the store). */
export async function changeLog(model: ReportModel, submissions: readonly Submission[], prev: Snapshot | null, now: Date): Promise<ChangeLog> {
  const builtAt = now.toISOString();
  const draft = snapshotOf(model, submissions, builtAt);
  const changes = diffSnapshots(prev, draft);
  const last = changes && changes.changes.length > 0 ? changes : (prev?.lastChanges ?? null);
  const snapshot = { ...draft, lastChanges: last };
  const title = `THAY ĐỔI SỐ LIỆU — ${model.plan.info.title.toLocaleUpperCase('vi')} — ${model.round.label.toLocaleUpperCase('vi')}`;
  const artifacts: Artifact[] = changes ? [{ name: CHANGES_FILE, bytes: await renderChangesXlsx(changes, title, prev?.lastChanges ?? null) }] : [];
  return { changes, artifacts, snapshot };
}
