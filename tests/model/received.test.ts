import { describe, expect, it } from 'vitest';
import { emptyReceived, mergeReceived, parseReceived, receiptsOf, recordReceived, serializeReceived } from '../../src/model/received.js';

const JULY_10 = Date.parse('2026-07-10T02:00:00Z');
const first = new Date('2026-07-11T01:00:00Z');
const later = new Date('2026-07-20T01:00:00Z');

describe('received registry', () => {
  it('records a file the first time it is seen and never moves its firstSeen', () => {
    const a = recordReceived(emptyReceived(), [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: JULY_10 }], first);
    expect(a.added).toBe(1);
    const b = recordReceived(a.registry, [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: JULY_10 }], later);
    expect(b.added).toBe(0);
    expect(b.registry.files).toEqual([{ file: 'a.xlsx', sha256: 'h1', firstSeen: first.toISOString() }]);
  });

  it('gives a file replaced under the same name (new sha256) its own firstSeen', () => {
    const a = recordReceived(emptyReceived(), [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: JULY_10 }], first);
    const b = recordReceived(a.registry, [{ file: 'a.xlsx', sha256: 'h2', mtimeMs: later.getTime() }], later);
    expect(b.added).toBe(1);
    expect(b.registry.files.map((e) => [e.sha256, e.firstSeen])).toEqual([
      ['h1', first.toISOString()],
      ['h2', later.toISOString()],
    ]);
    expect(receiptsOf(b.registry, [{ file: 'a.xlsx', sha256: 'h2', mtimeMs: later.getTime() + 5000 }])[0]?.receivedAt).toBe(later.toISOString());
  });

  it('takes the earliest of firstSeen and the file’s mtime as "received at"', () => {
    const { registry } = recordReceived(emptyReceived(), [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: JULY_10 }], first);
    expect(receiptsOf(registry, [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: JULY_10 }])[0]?.receivedAt).toBe(new Date(JULY_10).toISOString());
    // A file touched after baocao first saw it keeps the earlier time.
    expect(receiptsOf(registry, [{ file: 'a.xlsx', sha256: 'h1', mtimeMs: later.getTime() }])[0]?.receivedAt).toBe(first.toISOString());
  });

  it('survives a damaged registry file and round-trips through its JSON, merging to the earliest firstSeen', () => {
    expect(parseReceived('{not json')).toEqual(emptyReceived());
    expect(parseReceived(JSON.stringify({ version: 2, files: [] }))).toEqual(emptyReceived());
    const { registry } = recordReceived(emptyReceived(), [{ file: 'b.xlsx', sha256: 'h', mtimeMs: 1 }], later);
    expect(parseReceived(serializeReceived(registry))).toEqual(registry);
    const earlier = { version: 1 as const, files: [{ file: 'b.xlsx', sha256: 'h', firstSeen: first.toISOString() }] };
    expect(mergeReceived(registry, earlier).files).toEqual(earlier.files);
  });
});
