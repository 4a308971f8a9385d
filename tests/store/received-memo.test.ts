/**
 * A warm engine keeps the state files it parsed (store/index.ts ParsedFiles): the received
 * registry it has just written is remembered as parsed, so its next build does not read and parse
 * its own file again; and what it remembers is exactly what reading the file gives.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECEIVED_FILE, receivedRegistrySchema, type ReceivedRegistry } from '../../src/model/received.js';
import { loadParsed, openStore, type ParsedFiles } from '../../src/store/index.js';

let dir: string;
let out: string;
let roundDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-received-memo-'));
  out = join(dir, 'output');
  roundDir = join(dir, 'round');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const memoOf = (parsed: ParsedFiles) => ({ check: new WeakMap(), snapshot: new WeakMap(), parsed });
// Out of order and with a field the file does not keep: the file holds them sorted, without it.
const registry = {
  version: 1,
  files: [
    { file: 'b.xlsx', sha256: 'bb', firstSeen: '2026-12-01T08:00:00.000Z' },
    { file: 'a.xlsx', sha256: 'a2', firstSeen: '2026-12-02T08:00:00.000Z', extra: 'x' },
    { file: 'a.xlsx', sha256: 'a1', firstSeen: '2026-12-01T09:00:00.000Z' },
  ],
} as ReceivedRegistry;

/** Commits `registry` through a store with a warm engine's memo: the memo and the registry's path. */
async function commitRegistry(): Promise<{ parsed: ParsedFiles; path: string }> {
  const parsed: ParsedFiles = new Map();
  const store = openStore(out, { memo: memoOf(parsed) });
  store.stageReceived(registry);
  await store.commit();
  return { parsed, path: join(out, RECEIVED_FILE) };
}

describe('the received registry a warm engine writes', () => {
  it('is remembered as what reading the file back gives, and reused while the file stays the same', async () => {
    const { parsed, path } = await commitRegistry();
    const kept = parsed.get(path);
    expect(kept).toBeDefined();
    const fromDisk = await loadParsed(path, receivedRegistrySchema, 'sổ', [], [1]);
    expect(kept?.value).toEqual(fromDisk);
    expect((fromDisk as ReceivedRegistry).files.map((f) => f.sha256)).toEqual(['a1', 'a2', 'bb']);
    // The next build's store takes the remembered value itself, not a new parse of the file.
    const next = openStore(out, { memo: memoOf(parsed) });
    expect((await next.received(roundDir)).files).toEqual((kept?.value as ReceivedRegistry).files);
    const again = await loadParsed(path, receivedRegistrySchema, 'sổ', [], [1], parsed);
    expect(again).toBe(kept?.value);
  });

  it('is read again once another run has changed the file', async () => {
    const { parsed, path } = await commitRegistry();
    const changed = JSON.parse(await readFile(path, 'utf8')) as ReceivedRegistry;
    changed.files.push({ file: 'c.xlsx', sha256: 'cc', firstSeen: '2026-12-03T08:00:00.000Z' });
    await writeFile(path, JSON.stringify(changed));
    const value = (await loadParsed(path, receivedRegistrySchema, 'sổ', [], [1], parsed)) as ReceivedRegistry;
    expect(value.files.map((f) => f.file)).toEqual(['a.xlsx', 'a.xlsx', 'b.xlsx', 'c.xlsx']);
  });
});
