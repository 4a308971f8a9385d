/**
 * The record of files the page saved into a round folder: for each saved name, the name the file
 * had when it was dropped (shown on the page; never used as a path), when, its size and hash.
 * Kept in the round's output folder (`output/<plan>/<round>/.baocao-uploads.json`).
 */
import * as z from 'zod';

export const UPLOADS_RECORD = '.baocao-uploads.json';

export const uploadsSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), z.object({ original: z.string(), uploadedAt: z.string(), size: z.number(), sha256: z.string() })),
});
export type UploadsRecord = z.infer<typeof uploadsSchema>;

export function emptyUploads(): UploadsRecord {
  return { version: 1, files: {} };
}
