/**
 * The figures of a build, each keyed by where it appears (appendix, group, line, column) with its
 * value and the agency cell it came from, so the next build can say exactly what changed and why.
 * Kept in `<outDir>/.baocao-snapshot.json` (safe to delete: the next build then compares nothing).
 */
import * as z from 'zod';
import { cellRefSchema } from './submission.js';

export const SNAPSHOT_FILE = '.baocao-snapshot.json';
/**
 * Version 3 stores each text once (storedSnapshotSchema); version 2, the same figures spelled out
 * one by one, is still read. Version 2 keys budget lines by their content, version 1 by position:
 * a version 1 snapshot is not compared.
 */
export const SNAPSHOT_VERSION = 3;
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

/** A build's figures as the engine holds them (`.baocao-snapshot.json` stores them packed: storedSnapshotSchema). */
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

/**
 * How `.baocao-snapshot.json` stores the figures (version 3): the texts of the figures' places and
 * sources (appendix, group, line, column, file, sheet) once each in `texts`, and each figure as
 * [key, appendix, group, line, column, value, total, [file, sheet, cell] | null], the texts given
 * by their position in `texts`. The 17.673 figures of a 1.000-agency round repeat a few thousand
 * texts: 1,9 MB instead of 6,6 MB, written and read back in a fraction of the time.
 */
const textIndexSchema = z.number().int().nonnegative();
const storedFigureSchema = z.tuple([
  z.string(),
  textIndexSchema,
  textIndexSchema,
  textIndexSchema,
  textIndexSchema,
  valueSchema,
  z.boolean(),
  z.tuple([textIndexSchema, textIndexSchema, z.string()]).nullable(),
]);
export type StoredFigure = z.infer<typeof storedFigureSchema>;

const snapshotHead = { planId: z.string(), roundId: z.string(), builtAt: z.string(), lastChanges: changeSetSchema.nullable() };

/** Version 3 as stored (before its texts are put back into the figures). */
const packedSnapshotSchema = z.object({ version: z.literal(SNAPSHOT_VERSION), ...snapshotHead, texts: z.array(z.string()), figures: z.array(storedFigureSchema) });
export type StoredSnapshot = z.infer<typeof packedSnapshotSchema>;

/**
 * `.baocao-snapshot.json` as read back: version 3 (packed) or version 2 (the figures spelled out,
 * written by earlier releases: the first build after an upgrade still lists what changed), both
 * giving a Snapshot. A text position outside `texts` makes the file unusable, like any other fault.
 */
export const storedSnapshotSchema = z.union([
  packedSnapshotSchema.transform((stored, ctx): Snapshot => {
    const { texts } = stored;
    const figures: Figure[] = [];
    for (const [key, appendix, group, line, column, value, total, source] of stored.figures) {
      const refs = source === null ? [appendix, group, line, column] : [appendix, group, line, column, source[0], source[1]];
      if (refs.some((i) => i >= texts.length)) {
        ctx.issues.push({ code: 'custom', message: `figure ${key}: a text position beyond the ${texts.length} texts`, input: key });
        return z.NEVER;
      }
      figures.push({
        key,
        appendix: texts[appendix] as string,
        group: texts[group] as string,
        line: texts[line] as string,
        column: texts[column] as string,
        value,
        source: source === null ? null : { file: texts[source[0]] as string, sheet: texts[source[1]] as string, cell: source[2] },
        total,
      });
    }
    return { version: SNAPSHOT_VERSION, planId: stored.planId, roundId: stored.roundId, builtAt: stored.builtAt, figures, lastChanges: stored.lastChanges };
  }),
  z.object({ version: z.literal(2), ...snapshotHead, figures: z.array(figureSchema).readonly() }).transform((old): Snapshot => ({ ...old, version: SNAPSHOT_VERSION })),
]);

/**
 * Packs snapshots into their stored form. A warm engine keeps one per output folder: its texts
 * keep their positions from one build to the next and a figure that is the same object as at the
 * last build keeps its tuple, which the store then does not encode again (store/json.ts keeps
 * encoded objects by identity). Texts no longer used stay until they outnumber the live ones.
 */
export class SnapshotPacker {
  private texts: string[] = [];
  private positions = new Map<string, number>();
  private tuples = new WeakMap<Figure, StoredFigure>();
  /** Texts after the last fresh start: the table starts afresh once it has grown to twice that. */
  private liveTexts = 0;

  pack(snapshot: Snapshot): StoredSnapshot {
    if (this.liveTexts > 0 && this.texts.length > 2 * this.liveTexts) {
      this.texts = [];
      this.positions = new Map();
      this.tuples = new WeakMap();
      this.liveTexts = 0;
    }
    const at = (text: string): number => {
      let i = this.positions.get(text);
      if (i === undefined) {
        i = this.texts.length;
        this.texts.push(text);
        this.positions.set(text, i);
      }
      return i;
    };
    const figures = snapshot.figures.map((f) => {
      let tuple = this.tuples.get(f);
      if (!tuple) {
        const s = f.source;
        tuple = [f.key, at(f.appendix), at(f.group), at(f.line), at(f.column), f.value, f.total, s === null ? null : [at(s.file), at(s.sheet), s.cell]];
        this.tuples.set(f, tuple);
      }
      return tuple;
    });
    if (this.liveTexts === 0) this.liveTexts = this.texts.length;
    const { planId, roundId, builtAt, lastChanges } = snapshot;
    // The same order of keys as the snapshot's, texts before the figures that point into them.
    return { version: SNAPSHOT_VERSION, planId, roundId, builtAt, texts: [...this.texts], figures, lastChanges };
  }
}
