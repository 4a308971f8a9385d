/**
 * The fingerprint (name, sha256, mtime) of every file now in a round folder, for the received
 * registry (which the store loads and saves). Read-only; never throws for a file that vanished meanwhile.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeenFile } from '../model/received.js';
import { listRoundFiles } from './list.js';

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { flags: 'r' })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Name, sha256 and mtime of every candidate input file of a round folder (the files check and
 * build read, unreadable ones included). A file that cannot be opened is left out. `known`:
 * fingerprints the incremental check just took (same run), reused instead of hashing again.
 */
export async function fingerprintRound(roundDir: string, known: readonly SeenFile[] = []): Promise<SeenFile[]> {
  const { files } = await listRoundFiles(roundDir);
  const byName = new Map(known.map((k) => [k.file, k]));
  const out: (SeenFile | null)[] = new Array(files.length).fill(null);
  let next = 0;
  // A few files at a time: a round of 1.000 files hashed one by one takes most of a second.
  const lane = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i] as string;
      const path = join(roundDir, file);
      try {
        // A file the check just read and hashed is recorded as checked, without another stat.
        const k = byName.get(file);
        if (k) {
          out[i] = k;
          continue;
        }
        const before = await stat(path);
        out[i] = { file, sha256: await hashFile(path), mtimeMs: before.mtimeMs };
      } catch {
        // Gone or locked since it was listed: it is recorded on the next run.
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return out.filter((f): f is SeenFile => f !== null);
}
