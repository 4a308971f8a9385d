/**
 * Write side of the received registry: saves <outDir>/.baocao-received.json atomically, merged with
 * what is on disk now, so two runs at once never lose a file's earliest firstSeen.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeReceived, parseReceived, RECEIVED_FILE, serializeReceived, type ReceivedRegistry } from '../model/received.js';
import { writeAtomic } from './index.js';

/** Writes the registry into outDir (temporary file + rename); returns its path. */
export async function writeReceived(outDir: string, registry: ReceivedRegistry): Promise<string> {
  const path = join(outDir, RECEIVED_FILE);
  let current: string | null = null;
  try {
    current = await readFile(path, 'utf8');
  } catch {
    current = null;
  }
  const merged = mergeReceived(parseReceived(current), registry);
  await writeAtomic(path, new TextEncoder().encode(serializeReceived(merged)));
  return path;
}
