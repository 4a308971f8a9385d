/**
 * The manifest (`.baocao-manifest.json`) of an output folder: what baocao wrote there, so a file a
 * person edited is never overwritten. Parsed with this schema when read back; anything that does
 * not parse is ignored (it is only a record).
 */
import * as z from 'zod';

export const MANIFEST_FILE = '.baocao-manifest.json';

/** The copy baocao last wrote beside a file a person edited. */
export const besideRecordSchema = z.object({
  /** Its name, relative to the output folder. */
  name: z.string(),
  /** contentKey() of what was written there. */
  key: z.string(),
});
export type BesideRecord = Readonly<z.infer<typeof besideRecordSchema>>;

export const manifestEntrySchema = z.object({
  sha256: z.string(),
  writtenAt: z.string(),
  pending: z.string().optional(),
  beside: besideRecordSchema.optional(),
  /** Artifact.renderKey of the bytes written (sha256): what they were rendered from. */
  renderKey: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/**
 * `pending` is the hash about to replace `sha256`, recorded before the rename: a run killed
 * between the rename and the final manifest leaves a file that is still recognised as baocao's.
 * `beside` is the last copy written beside the file when a person had edited it.
 */
export const manifestSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), manifestEntrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Parses a manifest's text; null when it does not parse (the caller treats it as empty). */
export function parseManifest(text: string): Manifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
