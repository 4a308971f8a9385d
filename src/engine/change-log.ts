/**
 * The change log of a build: the previous build's figures (from the store), this build's figures
 * and the difference (aggregate, pure), thay-doi.xlsx (render); the new snapshot is staged in the
 * store, which keeps it when the run commits.
 */
import { diffSnapshots, snapshotOf } from '../aggregate/index.js';
import type { Artifact } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import { CHANGES_FILE, type ChangeSet, type Figure, type Snapshot } from '../model/snapshot.js';
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
  const snapshot = { ...draft, figures: keepSame(prev, draft.figures), lastChanges: last };
  const title = `THAY ĐỔI SỐ LIỆU — ${model.plan.info.title.toLocaleUpperCase('vi')} — ${model.round.label.toLocaleUpperCase('vi')}`;
  const artifacts: Artifact[] = changes ? [{ name: CHANGES_FILE, bytes: await renderChangesXlsx(changes, title, prev?.lastChanges ?? null) }] : [];
  return { changes, artifacts, snapshot };
}

/**
 * This build's figures, each one equal to the previous build's taken as that same object: a warm
 * engine's store then encodes only the figures that changed (store/json.ts keeps them by identity).
 */
function keepSame(prev: Snapshot | null, figures: readonly Figure[]): readonly Figure[] {
  if (!prev) return figures;
  let before: Map<string, Figure> | null = null;
  return figures.map((f, i) => {
    // Figures usually come in the same order as last time; the map is for the rest.
    let old = prev.figures[i];
    if (old?.key !== f.key) old = (before ??= new Map(prev.figures.map((x) => [x.key, x]))).get(f.key);
    return old && sameFigure(old, f) ? old : f;
  });
}

/** The fields sameFigure compares besides `key` (equal already): a field added to Figure fails to compile below until it is compared too. */
type Compared = 'key' | 'appendix' | 'group' | 'line' | 'column' | 'value' | 'source' | 'total';
const everyFieldCompared: [Exclude<keyof Figure, Compared>] extends [never] ? true : never = true;

function sameFigure(a: Figure, b: Figure): boolean {
  const sa = a.source;
  const sb = b.source;
  const sameSource = sa === sb || (sa !== null && sb !== null && sa.file === sb.file && sa.sheet === sb.sheet && sa.cell === sb.cell);
  return everyFieldCompared && sameSource && a.value === b.value && a.total === b.total && a.line === b.line && a.group === b.group && a.column === b.column && a.appendix === b.appendix;
}
